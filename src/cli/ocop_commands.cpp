#include "cli/ocop_commands.hpp"

#include <iostream>

#include "areas/caller.hpp"
#include "areas/ocop_area.hpp"
#include "cli/field_options.hpp"
#include "cli/text_table.hpp"
#include "core/i18n.hpp"
#include "exchange/ocop_import.hpp"

namespace htx::cli {

namespace {

using areas::OcopArea;
using namespace htx::ocop;

std::string points(const std::optional<std::int64_t>& p) { return p ? points_text(*p) : "–"; }
std::string date(const std::optional<Date>& d) { return d ? d->vietnamese() : "–"; }

int print_plan(const i18n::Catalog& c, const FreeTextPlan& plan, bool applied) {
  std::vector<std::vector<std::string>> rows{
      {c.text("ocop.cli.col_producer"), c.text("ocop.cli.col_text"), c.text("ocop.cli.col_product"),
       c.text("ocop.cli.col_stars")}};
  for (const auto& l : plan.recorded)
    rows.push_back({l.entity_code, l.item.text, l.item.product, std::to_string(l.item.stars)});
  std::cout << c.text(applied ? "ocop.cli.migrated" : "ocop.cli.to_migrate",
                      {{"count", std::to_string(plan.recorded.size())}})
            << "\n";
  print_table(std::cout, rows);
  if (!plan.already.empty())
    std::cout << c.text("ocop.cli.already", {{"count", std::to_string(plan.already.size())}})
              << "\n";
  std::cout << c.text("ocop.cli.unmatched", {{"count", std::to_string(plan.unmatched.size())}})
            << "\n";
  std::vector<std::vector<std::string>> unmatched{{c.text("ocop.cli.col_producer"),
                                                   c.text("ocop.cli.col_text"),
                                                   c.text("ocop.cli.col_reason")}};
  for (const auto& l : plan.unmatched)
    unmatched.push_back({l.entity_code, l.item.text, c.text("ocop.reason." + l.item.reason)});
  print_table(std::cout, unmatched);
  if (!applied) std::cout << c.text("ocop.cli.dry_run") << "\n";
  return kOk;
}

}  // namespace

void OcopCommands::add_to(CLI::App& app, const i18n::Catalog& c) {
  ocop_ = app.add_subcommand("ocop", c.text("ocop.cli.cmd_ocop"));
  ocop_->require_subcommand(1);
  list_ = ocop_->add_subcommand("list", c.text("ocop.cli.cmd_list"));
  add_fields(list_, c, filter_, {"province", "group", "stars", "producer", "valid_on"});
  add_ = ocop_->add_subcommand("add", c.text("ocop.cli.cmd_add"));
  add_fields(add_, c, fields_,
             {"product", "group", "subgroup", "producer", "score_a", "score_b", "score_c", "stars",
              "level", "decision_number", "decided_on", "renews"},
             {"producer", "score_a", "score_b", "score_c", "decision_number", "decided_on"});
  show_ = ocop_->add_subcommand("show", c.text("ocop.cli.cmd_show"));
  show_->add_option("ID", id_, c.text("ocop.cli.arg_id"))->required();
  show_->add_option("--on", on_, c.text("ocop.cli.opt_on"));
  import_ = ocop_->add_subcommand("import", c.text("ocop.cli.cmd_import"));
  import_->add_option("FILE", file_, c.text("ocop.cli.arg_file"))->required();
  migrate_ = ocop_->add_subcommand("migrate-free-text", c.text("ocop.cli.cmd_migrate"));
  migrate_->add_flag("--apply", apply_, c.text("ocop.cli.opt_apply"));
}

bool OcopCommands::chosen() const { return ocop_ && ocop_->parsed(); }

int OcopCommands::run(store::Database& db, const i18n::Catalog& c, const OcopRules& rules,
                      const std::string& actor) {
  OcopArea area(db, default_clock(), rules, areas::operator_caller(actor));
  if (list_->parsed()) {
    auto list = area.list(filter_);
    if (!list) return refused_on_option(c, list.error());
    std::vector<std::vector<std::string>> rows{
        {c.text("ocop.cli.col_id"), c.text("ocop.cli.col_product"), c.text("ocop.cli.col_producer"),
         c.text("ocop.cli.col_province"), c.text("ocop.cli.col_stars"),
         c.text("ocop.cli.col_decision"), c.text("ocop.cli.col_valid_until"),
         c.text("ocop.cli.col_state")}};
    for (const auto& v : *list) {
      const auto& x = v.certificate;
      rows.push_back(
          {std::to_string(x.id), x.product, x.producer_code + " " + x.producer_name, x.province_id,
           std::to_string(x.stars),
           x.decision_number.empty() ? "–" : x.decision_number + " " + date(x.decided_on),
           date(x.valid_until),
           c.text(v.valid        ? "ocop.state.valid"
                  : v.renewed_by ? "ocop.state.renewed"
                  : x.decided_on ? "ocop.state.expired"
                                 : "ocop.state.unknown")});
    }
    print_table(std::cout, rows);
    return kOk;
  }
  if (add_->parsed()) {
    auto r = area.add(fields_);
    if (!r) return refused_on_option(c, r.error());
    std::cout << c.text("ocop.cli.added", {{"id", std::to_string(r->id)},
                                           {"stars", std::to_string(r->stars)},
                                           {"valid_until", date(r->valid_until)}})
              << "\n";
    return kOk;
  }
  if (show_->parsed()) {
    auto v = area.certificate(id_, on_);
    if (!v) return refused_on_option(c, v.error());
    const auto& x = v->certificate;
    std::cout << x.product << " — " << x.producer_name << " (" << x.producer_code << "), "
              << x.province_id << "\n"
              << c.text("ocop.cli.detail",
                        {{"group", x.group},
                         {"subgroup", x.subgroup},
                         {"a", points(x.score_a)},
                         {"b", points(x.score_b)},
                         {"c", points(x.score_c)},
                         {"stars", std::to_string(x.stars)},
                         {"level", x.level ? std::string(to_code(*x.level)) : ""},
                         {"decision", x.decision_number},
                         {"decided_on", date(x.decided_on)},
                         {"valid_until", date(x.valid_until)}})
              << "\n"
              << c.text(v->valid ? "ocop.state.valid" : "ocop.state.not_valid") << "\n";
    if (v->renewed_by)
      std::cout << c.text("ocop.cli.renewed_by", {{"id", std::to_string(v->renewed_by->id)}})
                << "\n";
    return kOk;
  }
  if (import_->parsed()) {
    auto sheet = exchange::read_ocop_sheet(file_, i18n::data_dir());
    if (!sheet) return refused_on_option(c, sheet.error());
    std::vector<std::pair<int, areas::Fields>> rows(sheet->rows.begin(), sheet->rows.end());
    std::vector<RowError> errors;
    auto r = area.import(rows, sheet->columns, file_, errors);
    for (const auto& e : errors)
      std::cerr << c.text("ocop.cli.row_error", {{"row", std::to_string(e.row)},
                                                 {"column", e.column},
                                                 {"field", e.error.field},
                                                 {"message", c.text(e.error.key, e.error.params)}})
                << "\n";
    if (!r) return refused_on_option(c, r.error());
    std::cout << c.text("ocop.cli.imported", {{"count", std::to_string(r->size())}}) << "\n";
    return kOk;
  }
  if (migrate_->parsed()) {
    auto plan = area.migrate_free_text(apply_);
    if (!plan) return refused_on_option(c, plan.error());
    return print_plan(c, *plan, apply_);
  }
  return kUsage;
}

}  // namespace htx::cli
