#include <iostream>

#include "areas/advisory_area.hpp"
#include "areas/caller.hpp"
#include "cli/commands.hpp"
#include "cli/field_options.hpp"
#include "cli/text_table.hpp"

namespace htx::cli {

namespace {

using namespace htx::advisory;

std::string date(const std::optional<Date>& d) { return d ? d->vietnamese() : "–"; }

std::string status_text(const i18n::Catalog& c, const Case& x) {
  return c.text("advisory.status." + std::string(to_code(x.status)));
}

// What the advisory commands were given.
struct AdviceArgs {
  areas::Fields filter, fields;
  std::int64_t id = 0;
};

areas::AdvisoryArea advisory_area(const CommandContext& x) {
  return areas::AdvisoryArea(x.db(), default_clock(), x.geo, areas::operator_caller(x.actor));
}

int list_cases(const CommandContext& x, areas::AdvisoryArea& area, const AdviceArgs& a) {
  const auto& c = x.catalog;
  return print_list(c, area.list(a.filter),
                    {"advisory.col.id", "advisory.col.group_name", "advisory.col.province",
                     "advisory.col.opened_on", "advisory.col.status", "advisory.col.entity",
                     "advisory.col.closed_on"},
                    [&](const Case& k) -> std::vector<std::string> {
                      const auto* p = x.geo.province(k.province_id);
                      return {std::to_string(k.id),
                              k.group_name,
                              p ? p->name : k.province_id,
                              k.opened_on.vietnamese(),
                              status_text(c, k),
                              k.entity_code.empty() ? "–" : k.entity_code + " " + k.entity_name,
                              date(k.closed_on)};
                    });
}

int open_case(const CommandContext& x, areas::AdvisoryArea& area, const AdviceArgs& a) {
  const auto& c = x.catalog;
  auto r = area.open(a.fields);
  if (!r) return refused_on_option(c, r.error());
  std::cout << c.text("advisory.cli.opened",
                      {{"id", std::to_string(r->id)}, {"group", r->group_name}})
            << "\n";
  return kOk;
}

int show_case(const CommandContext& x, areas::AdvisoryArea& area, const AdviceArgs& a) {
  const auto& c = x.catalog;
  auto k = area.find(a.id);
  if (!k) return refused_on_option(c, k.error());
  const auto* p = x.geo.province(k->province_id);
  std::cout << k->group_name << " (" << registry::to_code(k->planned_type) << "), "
            << (p ? p->name : k->province_id) << "\n"
            << c.text("advisory.cli.detail", {{"opened_on", k->opened_on.vietnamese()},
                                              {"adviser", k->adviser},
                                              {"contact", k->contact},
                                              {"status", status_text(c, *k)}})
            << "\n";
  if (k->status == CaseStatus::kClosed)
    std::cout << c.text("advisory.cli.closed_with", {{"code", k->entity_code},
                                                     {"name", k->entity_name},
                                                     {"on", date(k->closed_on)}})
              << "\n";
  if (k->status == CaseStatus::kDropped)
    std::cout << c.text("advisory.cli.dropped_because",
                        {{"reason", k->drop_reason}, {"on", date(k->closed_on)}})
              << "\n";
  if (k->status == CaseStatus::kOpen) {
    auto m = area.matches(a.id);
    if (!m) return refused_on_option(c, m.error());
    std::cout << c.text("advisory.cli.matches", {{"count", std::to_string(m->size())}}) << "\n";
    std::vector<std::vector<std::string>> rows{{c.text("advisory.col.entity"),
                                                c.text("advisory.col.founded_on"),
                                                c.text("advisory.col.score")}};
    for (const auto& e : *m)
      rows.push_back({e.entity.code + " " + e.entity.name, e.entity.founded_on.vietnamese(),
                      std::to_string(e.score)});
    print_table(std::cout, rows);
  }
  return kOk;
}

int close_case(const CommandContext& x, areas::AdvisoryArea& area, const AdviceArgs& a) {
  const auto& c = x.catalog;
  auto r = area.close(a.id, a.fields);
  if (!r) return refused_on_option(c, r.error());
  std::cout << c.text("advisory.cli.closed", {{"id", std::to_string(r->id)},
                                              {"code", r->entity_code},
                                              {"name", r->entity_name}})
            << "\n";
  return kOk;
}

int drop_case(const CommandContext& x, areas::AdvisoryArea& area, const AdviceArgs& a) {
  auto r = area.drop(a.id, a.fields);
  if (!r) return refused_on_option(x.catalog, r.error());
  std::cout << x.catalog.text("advisory.cli.dropped", {{"id", std::to_string(r->id)}}) << "\n";
  return kOk;
}

}  // namespace

void add_advice_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& c) {
  auto& a = table.hold<AdviceArgs>();
  auto on = [&](CLI::App* cmd, auto step) { table.on(cmd, over(advisory_area, a, step)); };
  auto* advice = app.add_subcommand("advice", c.text("advisory.cli.cmd_advice"));
  advice->require_subcommand(1);
  auto* list = advice->add_subcommand("list", c.text("advisory.cli.cmd_list"));
  add_fields(list, c, a.filter, {"province", "unit", "status", "year"});
  on(list, list_cases);
  auto* open = advice->add_subcommand("open", c.text("advisory.cli.cmd_open"));
  add_fields(open, c, a.fields,
             {"unit", "province", "group_name", "contact", "address", "planned_type", "opened_on",
              "adviser", "note"},
             {"unit", "group_name"});
  on(open, open_case);
  auto with_id = [&](const char* name, const char* help) {
    auto* cmd = advice->add_subcommand(name, c.text(help));
    cmd->add_option("ID", a.id, c.text("advisory.cli.arg_id"))->required();
    return cmd;
  };
  on(with_id("show", "advisory.cli.cmd_show"), show_case);
  auto* close = with_id("close", "advisory.cli.cmd_close");
  add_fields(close, c, a.fields, {"entity_code", "closed_on"}, {"entity_code"});
  on(close, close_case);
  auto* drop = with_id("drop", "advisory.cli.cmd_drop");
  add_fields(drop, c, a.fields, {"reason", "dropped_on"}, {"reason"});
  on(drop, drop_case);
}

}  // namespace htx::cli
