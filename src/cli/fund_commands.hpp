// The support fund on the command line, as the operator (every province) through
// areas::FundArea — the operator's OS user is the actor, so four eyes hold between two people:
//   htx fund list | add | product add          funds and their loan products
//   htx fund apply | appraise ID | decide ID [--reject] | contract ID
//   htx fund applications [--fund F] [--status S]      the queue with its deadlines
//   htx fund disburse LOAN | repay LOAN | write-off LOAN | approve MOVEMENT | reject MOVEMENT
//   htx fund restructure LOAN                  a new version of the schedule
//   htx fund loans [--fund F] [--borrower B] | loan ID [--as-of D]   positions and schedules
//   htx fund loan ID --statement [--format csv|xlsx] [--output FILE]   the borrower's statement
//   htx fund portfolio [--period P] [--by B] [--fund F] [--format text|json|csv|xlsx]
//                      [--output FILE]              with the period's narrative
//   htx fund reconcile --fund F                the posted ledger against the loans
// A refusal prints the catalogue message after the option it is about and exits 1 (2 for a
// malformed filter), writing nothing.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "areas/fields.hpp"
#include "core/i18n.hpp"
#include "fund/rules.hpp"
#include "store/database.hpp"

namespace htx::areas {
class FundArea;
}

namespace htx::cli {

class FundCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  int run(store::Database& db, const i18n::Catalog& catalog, const fund::FundRules& rules,
          const std::string& actor);

 private:
  // A write: its subcommand, the fields it reads, and what it does with them.
  struct Write {
    CLI::App* command = nullptr;
    areas::Fields fields;
    std::function<Result<std::int64_t>(areas::FundArea&, std::int64_t id, const areas::Fields&)>
        act;
  };
  Write& write(CLI::App* parent, const i18n::Catalog& c, const char* name, const char* help,
               bool takes_id, const std::vector<std::string>& fields,
               const std::vector<std::string>& required);

  CLI::App* fund_ = nullptr;
  CLI::App *list_ = nullptr, *applications_ = nullptr, *loans_ = nullptr, *loan_ = nullptr,
           *portfolio_ = nullptr, *reconcile_ = nullptr;
  std::vector<std::unique_ptr<Write>> writes_;
  areas::Fields filter_;
  std::int64_t id_ = 0;
  std::string as_of_;
  bool reject_ = false;
  bool statement_ = false;
  std::string format_, output_;
};

}  // namespace htx::cli
