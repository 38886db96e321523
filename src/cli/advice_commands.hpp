// Advisory cases (tư vấn thành lập) on the command line, as the operator (every province) through
// areas::AdvisoryArea:
//   htx advice list [--province P] [--unit CODE] [--status open|closed|dropped] [--year Y]
//   htx advice open --unit CODE --group-name … [--province P] [--contact …] [--address …]
//                   [--planned-type HTX|LHHTX|THT] [--opened-on D] [--adviser …] [--note …]
//   htx advice show ID            the case and the registry entities it may be closed with
//   htx advice close ID --entity-code CODE [--closed-on D]
//   htx advice drop ID --reason … [--dropped-on D]
// A refusal prints the catalogue message after the option it is about and exits 1 (2 for a
// malformed filter), writing nothing.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "areas/fields.hpp"
#include "core/i18n.hpp"
#include "geo/geography.hpp"
#include "store/database.hpp"

namespace htx::cli {

class AdviceCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  int run(store::Database& db, const i18n::Catalog& catalog, const geo::Geography& geo,
          const std::string& actor);

 private:
  CLI::App *advice_ = nullptr, *list_ = nullptr, *open_ = nullptr, *show_ = nullptr,
           *close_ = nullptr, *drop_ = nullptr;
  areas::Fields filter_, fields_;
  std::int64_t id_ = 0;
};

}  // namespace htx::cli
