// The reporting regime (chế độ thông tin, báo cáo) on the command line:
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
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "store/database.hpp"

namespace htx::areas {
class ReportingArea;
}

namespace htx::cli {

class ReportingCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  int run(store::Database& db, const i18n::Catalog& catalog, const std::string& actor = "cli");

 private:
  int run_submit(areas::ReportingArea& r, const i18n::Catalog& catalog, const std::string& actor,
                 bool correction);
  int run_rates(areas::ReportingArea& area, const i18n::Catalog& catalog, bool late_only);

  CLI::App* reporting_ = nullptr;
  CLI::App* forms_ = nullptr;
  CLI::App* submit_ = nullptr;
  CLI::App* correct_ = nullptr;
  CLI::App* rates_ = nullptr;
  CLI::App* late_ = nullptr;
  CLI::App* form_add_ = nullptr;
  int run_form_add(store::Database& db, areas::ReportingArea& r, const i18n::Catalog& catalog,
                   const std::string& actor);
  std::string code_, name_, frequency_ = "monthly", who_, from_;
  std::vector<std::string> form_units_, indicators_;
  int deadline_day_ = 20, deadline_months_ = 1;
  std::string form_, unit_, period_, on_, note_;
  std::vector<std::string> values_;
  std::string format_ = "text";
};

}  // namespace htx::cli
