// The commands of `htx`, one table for every area: each area adds its subcommands to the command
// line and registers, for each, the action that runs it (a callable over a CommandContext), so
// that cli.cpp runs the one the command line chose. An option's value lives in the table
// (CommandTable::hold), the refusal of each command is cli/refusal.hpp's and its exit code the
// action's answer (0 ok, 1 refused, 2 usage, 3 internal).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/i18n.hpp"
#include "fund/rules.hpp"
#include "geo/geography.hpp"
#include "market/market_service.hpp"
#include "ocop/rules.hpp"
#include "registry/sectors.hpp"
#include "store/backup.hpp"
#include "store/database.hpp"

namespace htx::cli {

using BackupsOpener = std::function<std::unique_ptr<store::Backups>(const std::string& url)>;

// What an action is given: the data loaded at the start, the actor of the audit log (the
// operator's OS user, acting for every province), and the database — open for every action but
// those registered with When::kBeforeOpen, which get its URL instead.
struct CommandContext {
  const i18n::Catalog& catalog;
  const geo::Geography& geo;
  const registry::Sectors& sectors;
  const market::MarketData& market;
  const fund::FundRules& fund;
  const ocop::OcopRules& ocop;
  const std::string& actor;
  const std::string& url;
  const BackupsOpener& backups;
  store::Database* database = nullptr;

  store::Database& db() const { return *database; }
};

using Action = std::function<int(const CommandContext&)>;

enum class When { kOpen, kBeforeOpen };

class CommandTable {
 public:
  struct Command {
    CLI::App* app = nullptr;
    Action run;
    Action check;  // after parsing, before the database is opened: 0 or the exit code
    When when = When::kOpen;
  };

  // A value an option fills, kept as long as the table (the parser and the actions refer to it).
  template <typename T>
  T& hold(T initial = T{}) {
    auto p = std::make_shared<T>(std::move(initial));
    held_.push_back(p);
    return *p;
  }

  void on(CLI::App* app, Action run, Action check = {}, When when = When::kOpen) {
    commands_.push_back({app, std::move(run), std::move(check), when});
  }

  // The command the command line chose, or none.
  const Command* chosen() const {
    for (const auto& c : commands_)
      if (c.app->parsed()) return &c;
    return nullptr;
  }

 private:
  std::vector<Command> commands_;
  std::vector<std::shared_ptr<void>> held_;
};

// An action over an area built for it: `make(x)` builds the area (the operator's, every province),
// `step(x, area)` does the command's work and answers its exit code.
template <typename Make, typename Step>
Action over(Make make, Step step) {
  return [make, step](const CommandContext& x) {
    auto area = make(x);
    return step(x, area);
  };
}
// The same with the command's arguments (held by the table): `step(x, area, args)`.
template <typename Make, typename Args, typename Step>
Action over(Make make, const Args& args, Step step) {
  return [make, &args, step](const CommandContext& x) {
    auto area = make(x);
    return step(x, area, args);
  };
}

// Each area's commands, added in this order to the command line.

// `htx user add | list | disable | enable | reset-password | token`: accounts from the command
// line (the first administrator is added this way). The arguments are checked and the password
// read (prompted twice on a terminal, or one line of standard input with --password-stdin)
// before the database is opened.
void add_user_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

// The work programme:
//   htx review 2021-02 | 2021 [--format text|json|docx] [-o FILE] [--date D]
//     the monthly review (with the next month's plan) or the annual summary, with the registry
//     statistics of the period; docx is the draft report in the layout of Decree 30/2020/NĐ-CP
//     (chosen too by an output file ending in .docx); with the fund's rules, the review states
//     the support funds' lending of its period;
//   htx unit add|list (the national alliance, its departments and affiliated units, provincial
//     alliances), htx document add|list|advance|attach|file, htx task
//     add|list|progress|block|done|cancel|resolve|blockers documents and the tasks they create,
//     progress notes, blockers (the standing leadership's list) and completion, through
//     areas::WorkArea and work::WorkService (validated, audited; a refusal prints the catalogue
//     message, exits 1 and writes nothing).
void add_work_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

// `htx meeting list | show ID`, `htx admission list [--batch 2/2021] [--province P]` and
// `htx awards YEAR`: governance read as the operator through areas::GovernanceArea (the
// arguments checked before the database is opened).
void add_governance_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

// The reporting regime (chế độ thông tin, báo cáo):
//   htx reporting forms                         the report forms: who submits, the deadline,
//                                               the indicators
//   htx reporting submit --form CODE --unit CODE --period 2021-02 [--on DD/MM/YYYY]
//                        --value key=N ... [--note TEXT]
//   htx reporting correct (the same options)    replaces the values; the submission date stays
//   htx reporting rates 2021-02 [--form CODE] [--format text|json]
//                                               completeness and timeliness of each form today
//   htx reporting late 2021-02 [--format text|json]
//                                               the units whose report is late or missing
// through reporting::ReportingService (validated, audited; a refusal prints the catalogue message
// with the option it is about, exits 1 and writes nothing).
void add_reporting_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

// The supply–demand exchange, as the operator (every province) through areas::MarketArea:
//   htx offer list|add|withdraw, htx demand list|add|withdraw    offers and demand
//   htx campaign list|show|add|status CODE STATUS               campaigns
//   htx campaign results CODE [--as-of D] [--format text|json|csv|xlsx] [--output FILE]
//                                                               the results and the prose
//   htx allocate CAMPAIGN [--confirm]                           the optimal allocation
//   htx order list|dispatch|receive, htx sale add ORDER          deliveries and sales
// A refusal prints the catalogue message after the option it is about ("--quantity: …") and
// exits 1 (2 for a malformed filter), writing nothing.
void add_market_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

// The support fund, as the operator (every province) through areas::FundArea — the operator's
// OS user is the actor, so four eyes hold between two people:
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
void add_fund_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

// OCOP certificates, as the operator (every province) through areas::OcopArea:
//   htx ocop list [--province P] [--group G] [--stars N] [--producer CODE] [--valid-on D]
//   htx ocop add --product … --group … --subgroup … --producer CODE --score-a … --score-b …
//                --score-c … --decision-number … --decided-on D [--stars N] [--level L]
//                [--renews ID]
//   htx ocop show ID [--on D]
//   htx ocop import FILE.xlsx            a province's list: every row or none
//   htx ocop migrate-free-text [--apply] the registry's free-text field into records (a dry
//                                        run unless --apply), what cannot be matched listed
// A refusal prints the catalogue message after the option it is about and exits 1 (2 for a
// malformed filter), writing nothing.
void add_ocop_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

// Training, as the operator (every province) through areas::TrainingArea:
//   htx course plan --unit U --year Y --trainees-dao-tao N …   a yearly plan's targets by kind
//   htx course plans [--unit U] [--year Y]
//   htx course add --code C --unit U --kind K --topic T --starts-on D [--ends-on D] …
//   htx course list [--unit U] [--year Y] [--kind K] | show CODE   (its class and marks)
//   htx course enrol CODE --trainee ID [--enrolled-on D]
//   htx course mark CODE --session N --marks "ID=present,ID=late,…"
//   htx course costs CODE --actual-hall N …
//   htx course certify CODE (--trainee ID | --all)     prints each certificate's code
//   htx course verify CERTIFICATE                       what the certificate says
//   htx trainee add --full-name … --sex … --birth-year … --ethnicity … --role … [--entity E]
//   htx trainee list [--entity E]
//   htx training report [--year Y | --year-from A --year-to B] [--unit U] [--by D,D…]
//                       [--boundaries registered|old|new] [--format text|csv|xlsx]
//                       [--sheet cells|total|plan] [--output FILE]
// A refusal prints the catalogue message after the option it is about and exits 1 (2 for a
// malformed filter), writing nothing. The rules are data/training's (i18n::data_dir()).
void add_training_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

// Advisory cases (tư vấn thành lập), as the operator (every province) through
// areas::AdvisoryArea:
//   htx advice list [--province P] [--unit CODE] [--status open|closed|dropped] [--year Y]
//   htx advice open --unit CODE --group-name … [--province P] [--contact …] [--address …]
//                   [--planned-type HTX|LHHTX|THT] [--opened-on D] [--adviser …] [--note …]
//   htx advice show ID            the case and the registry entities it may be closed with
//   htx advice close ID --entity-code CODE [--closed-on D]
//   htx advice drop ID --reason … [--dropped-on D]
// A refusal prints the catalogue message after the option it is about and exits 1 (2 for a
// malformed filter), writing nothing.
void add_advice_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

// One profile of a registry entity, as the operator (every section) through areas::ProfileArea:
//   htx profile CODE [--format text|json]
//   htx change-request list               the proposals awaiting a decision
//   htx change-request approve ID [--reason R]
//   htx change-request reject ID --reason R
// An unknown code prints the catalogue's message and exits 1; a bad --format exits 2.
void add_profile_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

// Backing up and restoring the database (issue 14, item 7), through store::Backups:
//   htx backup FILE               a consistent copy while `htx serve` keeps writing
//   htx restore FILE [--force]    the database replaced by a checked backup, atomically
// Both run before the database is opened as usual (a restore must not create or migrate its
// target). A refusal names the file, exits 1 and changes nothing.
void add_backup_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog);

}  // namespace htx::cli
