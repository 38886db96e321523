#include <iostream>

#include "areas/caller.hpp"
#include "areas/ocop_area.hpp"
#include "cli/commands.hpp"
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

// What the OCOP commands were given.
struct OcopArgs {
  areas::Fields filter, fields;
  std::int64_t id = 0;
  std::string on, file;
  bool apply = false;
};

OcopArea ocop_area(const CommandContext& x) {
  return OcopArea(x.db(), default_clock(), x.ocop, areas::operator_caller(x.actor));
}

int list_certificates(const CommandContext& x, OcopArea& area, const OcopArgs& a) {
  const auto& c = x.catalog;
  return print_list(
      c, area.list(a.filter),
      {"ocop.cli.col_id", "ocop.cli.col_product", "ocop.cli.col_producer", "ocop.cli.col_province",
       "ocop.cli.col_stars", "ocop.cli.col_decision", "ocop.cli.col_valid_until",
       "ocop.cli.col_state"},
      [&c](const CertificateView& v) -> std::vector<std::string> {
        const auto& k = v.certificate;
        return {std::to_string(k.id),
                k.product,
                k.producer_code + " " + k.producer_name,
                k.province_id,
                std::to_string(k.stars),
                k.decision_number.empty() ? "–" : k.decision_number + " " + date(k.decided_on),
                date(k.valid_until),
                c.text(v.valid        ? "ocop.state.valid"
                       : v.renewed_by ? "ocop.state.renewed"
                       : k.decided_on ? "ocop.state.expired"
                                      : "ocop.state.unknown")};
      });
}

int add_certificate(const CommandContext& x, OcopArea& area, const OcopArgs& a) {
  const auto& c = x.catalog;
  auto r = area.add(a.fields);
  if (!r) return refused_on_option(c, r.error());
  std::cout << c.text("ocop.cli.added", {{"id", std::to_string(r->id)},
                                         {"stars", std::to_string(r->stars)},
                                         {"valid_until", date(r->valid_until)}})
            << "\n";
  return kOk;
}

int show_certificate(const CommandContext& x, OcopArea& area, const OcopArgs& a) {
  const auto& c = x.catalog;
  auto v = area.certificate(a.id, a.on);
  if (!v) return refused_on_option(c, v.error());
  const auto& k = v->certificate;
  std::cout << k.product << " — " << k.producer_name << " (" << k.producer_code << "), "
            << k.province_id << "\n"
            << c.text("ocop.cli.detail", {{"group", k.group},
                                          {"subgroup", k.subgroup},
                                          {"a", points(k.score_a)},
                                          {"b", points(k.score_b)},
                                          {"c", points(k.score_c)},
                                          {"stars", std::to_string(k.stars)},
                                          {"level", k.level ? std::string(to_code(*k.level)) : ""},
                                          {"decision", k.decision_number},
                                          {"decided_on", date(k.decided_on)},
                                          {"valid_until", date(k.valid_until)}})
            << "\n"
            << c.text(v->valid ? "ocop.state.valid" : "ocop.state.not_valid") << "\n";
  if (v->renewed_by)
    std::cout << c.text("ocop.cli.renewed_by", {{"id", std::to_string(v->renewed_by->id)}}) << "\n";
  return kOk;
}

int import_sheet(const CommandContext& x, OcopArea& area, const OcopArgs& a) {
  const auto& c = x.catalog;
  auto sheet = exchange::read_ocop_sheet(a.file, i18n::data_dir());
  if (!sheet) return refused_on_option(c, sheet.error());
  std::vector<std::pair<int, areas::Fields>> rows(sheet->rows.begin(), sheet->rows.end());
  std::vector<RowError> errors;
  auto r = area.import(rows, sheet->columns, a.file, errors);
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

int migrate(const CommandContext& x, OcopArea& area, const OcopArgs& a) {
  auto plan = area.migrate_free_text(a.apply);
  if (!plan) return refused_on_option(x.catalog, plan.error());
  return print_plan(x.catalog, *plan, a.apply);
}

}  // namespace

void add_ocop_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& c) {
  auto& a = table.hold<OcopArgs>();
  auto on = [&](CLI::App* cmd, auto step) { table.on(cmd, over(ocop_area, a, step)); };
  auto* ocop = app.add_subcommand("ocop", c.text("ocop.cli.cmd_ocop"));
  ocop->require_subcommand(1);
  auto* list = ocop->add_subcommand("list", c.text("ocop.cli.cmd_list"));
  add_fields(list, c, a.filter, {"province", "group", "stars", "producer", "valid_on"});
  on(list, list_certificates);
  auto* add = ocop->add_subcommand("add", c.text("ocop.cli.cmd_add"));
  add_fields(add, c, a.fields,
             {"product", "group", "subgroup", "producer", "score_a", "score_b", "score_c", "stars",
              "level", "decision_number", "decided_on", "renews"},
             {"producer", "score_a", "score_b", "score_c", "decision_number", "decided_on"});
  on(add, add_certificate);
  auto* show = ocop->add_subcommand("show", c.text("ocop.cli.cmd_show"));
  show->add_option("ID", a.id, c.text("ocop.cli.arg_id"))->required();
  show->add_option("--on", a.on, c.text("ocop.cli.opt_on"));
  on(show, show_certificate);
  auto* import = ocop->add_subcommand("import", c.text("ocop.cli.cmd_import"));
  import->add_option("FILE", a.file, c.text("ocop.cli.arg_file"))->required();
  on(import, import_sheet);
  auto* migrate_cmd = ocop->add_subcommand("migrate-free-text", c.text("ocop.cli.cmd_migrate"));
  migrate_cmd->add_flag("--apply", a.apply, c.text("ocop.cli.opt_apply"));
  on(migrate_cmd, migrate);
}

}  // namespace htx::cli
