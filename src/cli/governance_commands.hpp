// `htx meeting list | show ID`, `htx admission list [--batch 2/2021] [--province P]` and
// `htx awards YEAR`: governance read from the database through GovernanceService.
// cli.cpp registers the commands and runs them once the database is open.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "core/i18n.hpp"
#include "geo/geography.hpp"
#include "store/database.hpp"

namespace htx::cli {

class GovernanceCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  // Checks the arguments before a database is opened: 0 or the exit code.
  int prepare(const i18n::Catalog& catalog);
  // Reads as the operator (areas::operator_caller(actor)), through areas::GovernanceArea.
  int run(store::Database& db, const i18n::Catalog& catalog, const geo::Geography& geo,
          const std::string& actor);

 private:
  int meeting_list(store::Database& db, const i18n::Catalog& c);
  int meeting_show(store::Database& db, const i18n::Catalog& c);
  int admission_list(store::Database& db, const i18n::Catalog& c, const geo::Geography& geo);
  int awards(store::Database& db, const i18n::Catalog& c);

  CLI::App* meeting_ = nullptr;
  CLI::App* meeting_list_ = nullptr;
  CLI::App* meeting_show_ = nullptr;
  CLI::App* admission_ = nullptr;
  CLI::App* admission_list_ = nullptr;
  CLI::App* awards_ = nullptr;
  std::int64_t meeting_id_ = 0;
  std::string batch_;
  std::string province_;
  std::string year_;
  int batch_number_ = 0, batch_year_ = 0, award_year_ = 0;
  std::string actor_;
};

}  // namespace htx::cli
