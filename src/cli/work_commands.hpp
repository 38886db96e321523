// The work programme on the command line:
//   htx review 2021-02 | 2021 [--format text|json|docx] [-o FILE] [--date D]
//     the monthly review (with the next month's plan) or the annual summary, with the registry
//     statistics of the period; docx is the draft report in the layout of Decree 30/2020/NĐ-CP
//     (chosen too by an output file ending in .docx);
//   htx unit add|list (the national alliance, its departments and affiliated units, provincial
//     alliances), htx document add|list|advance|attach|file, htx task
//     add|list|progress|block|done|cancel|resolve|blockers documents and the tasks they create,
//     progress notes, blockers (the standing leadership's list) and completion, through
//     areas::WorkArea and work::WorkService (validated, audited; a refusal prints the catalogue
//     message, exits 1 and writes nothing).
// cli.cpp registers the commands and runs the chosen one once the database is open.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "fund/rules.hpp"
#include "geo/geography.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"

namespace htx::areas {
class WorkArea;
}

namespace htx::cli {

class WorkCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  // With the fund's rules, the review states the support funds' lending of its period.
  int run(store::Database& db, const i18n::Catalog& catalog, const geo::Geography& geo,
          const registry::Sectors& sectors, const std::string& actor = "cli",
          const fund::FundRules* fund = nullptr);

 private:
  int run_review(areas::WorkArea& w, const i18n::Catalog& catalog, const geo::Geography& geo,
                 const registry::Sectors& sectors);
  int run_document(areas::WorkArea& w, const i18n::Catalog& catalog, const std::string& actor);
  int run_task(areas::WorkArea& w, const i18n::Catalog& catalog, const std::string& actor);
  int run_unit(areas::WorkArea& w, const i18n::Catalog& catalog, const geo::Geography& geo,
               const std::string& actor);

  const fund::FundRules* fund_ = nullptr;
  CLI::App* review_ = nullptr;
  std::string period_;
  std::string format_ = "text";
  std::string output_;
  std::string date_;

  CLI::App* document_ = nullptr;
  CLI::App* document_add_ = nullptr;
  CLI::App* document_list_ = nullptr;
  CLI::App* document_advance_ = nullptr;
  CLI::App* document_attach_ = nullptr;
  CLI::App* document_file_ = nullptr;
  std::string doc_file_;
  std::string doc_id_, doc_status_, doc_meeting_;
  bool doc_draft_ = false;
  std::string doc_kind_, doc_number_, doc_issuer_, doc_signer_, doc_summary_, doc_title_;
  std::string year_;

  CLI::App* unit_cmd_ = nullptr;
  CLI::App* unit_add_ = nullptr;
  CLI::App* unit_list_ = nullptr;
  std::string unit_code_, unit_name_, unit_kind_, unit_province_, unit_established_;

  CLI::App* task_ = nullptr;
  CLI::App* task_add_ = nullptr;
  CLI::App* task_list_ = nullptr;
  CLI::App* task_progress_ = nullptr;
  CLI::App* task_block_ = nullptr;
  CLI::App* task_done_ = nullptr;
  CLI::App* task_blockers_ = nullptr;
  CLI::App* task_cancel_ = nullptr;
  CLI::App* task_resolve_ = nullptr;
  std::string task_title_, lead_, owner_, start_, due_, task_document_;
  std::vector<std::string> with_;
  bool key_ = false;
  std::string status_, unit_;
  bool overdue_ = false;
  std::string task_id_, note_text_;
};

}  // namespace htx::cli
