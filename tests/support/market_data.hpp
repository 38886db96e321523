// The exchange's, the fund's and OCOP's reference data from the source tree's data/, loaded once
// per test binary.
#pragma once

#include "fund/rules.hpp"
#include "market/market_service.hpp"
#include "ocop/rules.hpp"
#include "training/rules.hpp"

namespace htx::testing {

inline const market::MarketData& market_data() {
  static const market::MarketData data = market::MarketData::load(HTX_SOURCE_DATA_DIR);
  return data;
}

inline const fund::FundRules& fund_rules() {
  static const fund::FundRules rules = fund::FundRules::load(HTX_SOURCE_DATA_DIR);
  return rules;
}

inline const ocop::OcopRules& ocop_rules() {
  static const ocop::OcopRules rules = ocop::OcopRules::load(HTX_SOURCE_DATA_DIR);
  return rules;
}

inline const training::TrainingRules& training_rules() {
  static const training::TrainingRules rules = training::TrainingRules::load(HTX_SOURCE_DATA_DIR);
  return rules;
}

}  // namespace htx::testing
