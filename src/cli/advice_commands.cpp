#include "cli/advice_commands.hpp"

#include <iostream>

#include "areas/advisory_area.hpp"
#include "areas/caller.hpp"
#include "cli/field_options.hpp"
#include "cli/text_table.hpp"

namespace htx::cli {

namespace {

using namespace htx::advisory;

std::string date(const std::optional<Date>& d) { return d ? d->vietnamese() : "–"; }

std::string status_text(const i18n::Catalog& c, const Case& x) {
  return c.text("advisory.status." + std::string(to_code(x.status)));
}

}  // namespace

void AdviceCommands::add_to(CLI::App& app, const i18n::Catalog& c) {
  advice_ = app.add_subcommand("advice", c.text("advisory.cli.cmd_advice"));
  advice_->require_subcommand(1);
  list_ = advice_->add_subcommand("list", c.text("advisory.cli.cmd_list"));
  add_fields(list_, c, filter_, {"province", "unit", "status", "year"});
  open_ = advice_->add_subcommand("open", c.text("advisory.cli.cmd_open"));
  add_fields(open_, c, fields_,
             {"unit", "province", "group_name", "contact", "address", "planned_type", "opened_on",
              "adviser", "note"},
             {"unit", "group_name"});
  show_ = advice_->add_subcommand("show", c.text("advisory.cli.cmd_show"));
  show_->add_option("ID", id_, c.text("advisory.cli.arg_id"))->required();
  close_ = advice_->add_subcommand("close", c.text("advisory.cli.cmd_close"));
  close_->add_option("ID", id_, c.text("advisory.cli.arg_id"))->required();
  add_fields(close_, c, fields_, {"entity_code", "closed_on"}, {"entity_code"});
  drop_ = advice_->add_subcommand("drop", c.text("advisory.cli.cmd_drop"));
  drop_->add_option("ID", id_, c.text("advisory.cli.arg_id"))->required();
  add_fields(drop_, c, fields_, {"reason", "dropped_on"}, {"reason"});
}

bool AdviceCommands::chosen() const { return advice_ && advice_->parsed(); }

int AdviceCommands::run(store::Database& db, const i18n::Catalog& c, const geo::Geography& geo,
                        const std::string& actor) {
  areas::AdvisoryArea area(db, default_clock(), geo, areas::operator_caller(actor));
  if (list_->parsed()) {
    auto list = area.list(filter_);
    if (!list) return refused_on_option(c, list.error());
    std::vector<std::vector<std::string>> rows{
        {c.text("advisory.col.id"), c.text("advisory.col.group_name"),
         c.text("advisory.col.province"), c.text("advisory.col.opened_on"),
         c.text("advisory.col.status"), c.text("advisory.col.entity"),
         c.text("advisory.col.closed_on")}};
    for (const auto& x : *list) {
      const auto* p = geo.province(x.province_id);
      rows.push_back({std::to_string(x.id), x.group_name, p ? p->name : x.province_id,
                      x.opened_on.vietnamese(), status_text(c, x),
                      x.entity_code.empty() ? "–" : x.entity_code + " " + x.entity_name,
                      date(x.closed_on)});
    }
    print_table(std::cout, rows);
    return kOk;
  }
  if (open_->parsed()) {
    auto r = area.open(fields_);
    if (!r) return refused_on_option(c, r.error());
    std::cout << c.text("advisory.cli.opened",
                        {{"id", std::to_string(r->id)}, {"group", r->group_name}})
              << "\n";
    return kOk;
  }
  if (show_->parsed()) {
    auto x = area.find(id_);
    if (!x) return refused_on_option(c, x.error());
    const auto* p = geo.province(x->province_id);
    std::cout << x->group_name << " (" << registry::to_code(x->planned_type) << "), "
              << (p ? p->name : x->province_id) << "\n"
              << c.text("advisory.cli.detail", {{"opened_on", x->opened_on.vietnamese()},
                                                {"adviser", x->adviser},
                                                {"contact", x->contact},
                                                {"status", status_text(c, *x)}})
              << "\n";
    if (x->status == CaseStatus::kClosed)
      std::cout << c.text("advisory.cli.closed_with", {{"code", x->entity_code},
                                                       {"name", x->entity_name},
                                                       {"on", date(x->closed_on)}})
                << "\n";
    if (x->status == CaseStatus::kDropped)
      std::cout << c.text("advisory.cli.dropped_because",
                          {{"reason", x->drop_reason}, {"on", date(x->closed_on)}})
                << "\n";
    if (x->status == CaseStatus::kOpen) {
      auto m = area.matches(id_);
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
  if (close_->parsed()) {
    auto r = area.close(id_, fields_);
    if (!r) return refused_on_option(c, r.error());
    std::cout << c.text("advisory.cli.closed", {{"id", std::to_string(r->id)},
                                                {"code", r->entity_code},
                                                {"name", r->entity_name}})
              << "\n";
    return kOk;
  }
  if (drop_->parsed()) {
    auto r = area.drop(id_, fields_);
    if (!r) return refused_on_option(c, r.error());
    std::cout << c.text("advisory.cli.dropped", {{"id", std::to_string(r->id)}}) << "\n";
    return kOk;
  }
  return kUsage;
}

}  // namespace htx::cli
