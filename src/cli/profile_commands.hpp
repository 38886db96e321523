// One profile of a registry entity on the command line, as the operator (every section) through
// areas::ProfileArea:
//   htx profile CODE [--format text|json]
//   htx change-request list               the proposals awaiting a decision
//   htx change-request approve ID [--reason R]
//   htx change-request reject ID --reason R
// An unknown code prints the catalogue's message and exits 1; a bad --format exits 2.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "core/i18n.hpp"
#include "fund/rules.hpp"
#include "geo/geography.hpp"
#include "market/market_service.hpp"
#include "ocop/rules.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"
#include "training/rules.hpp"

namespace htx::cli {

// What the profile's areas are built over (cli.cpp's loaded data).
struct ProfileData {
  const geo::Geography& geo;
  const registry::Sectors& sectors;
  const market::MarketData& market;
  const fund::FundRules& fund;
  const ocop::OcopRules& ocop;
};

class ProfileCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  int run(store::Database& db, const i18n::Catalog& catalog, const ProfileData& data,
          const std::string& actor);

 private:
  CLI::App *profile_ = nullptr, *changes_ = nullptr, *list_ = nullptr, *approve_ = nullptr,
           *reject_ = nullptr;
  std::string code_, format_ = "text", reason_;
  std::int64_t id_ = 0;
  training::TrainingRules rules_;  // data/training, read by add_to (i18n::data_dir())
};

}  // namespace htx::cli
