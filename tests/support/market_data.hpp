// The exchange's reference data from the source tree's data/, loaded once per test binary.
#pragma once

#include "market/market_service.hpp"

namespace htx::testing {

inline const market::MarketData& market_data() {
  static const market::MarketData data = market::MarketData::load(HTX_SOURCE_DATA_DIR);
  return data;
}

}  // namespace htx::testing
