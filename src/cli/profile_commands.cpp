#include <iostream>

#include "accounts/access.hpp"
#include "areas/caller.hpp"
#include "areas/profile_area.hpp"
#include "areas/profile_json.hpp"
#include "cli/commands.hpp"
#include "cli/refusal.hpp"
#include "core/text.hpp"
#include "training/rules.hpp"

namespace htx::cli {

namespace {

using areas::Profile;

std::string date(const std::optional<Date>& d) { return d ? d->vietnamese() : "–"; }
std::string money(std::int64_t v) { return text::format_int(v); }

void print_text(const i18n::Catalog& c, const geo::Geography& geo, const Profile& p) {
  const auto& e = p.entity;
  auto heading = [&](const char* key) { std::cout << "\n== " << c.text(key) << " ==\n"; };
  auto none = [&](bool empty) {
    if (empty) std::cout << "  " << c.text("profile.none") << "\n";
  };
  const geo::Province* prov = geo.province(e.province_id);
  std::cout << e.name << " (" << e.code << ")\n";
  heading("profile.section.registry");
  std::cout << "  " << c.text("profile.province") << ": " << (prov ? prov->name : e.province_id)
            << "\n  " << c.text("profile.address") << ": " << e.address << "\n  "
            << c.text("profile.founded_on") << ": " << e.founded_on.vietnamese() << "\n  "
            << c.text("profile.status") << ": " << registry::to_code(e.status) << "\n  "
            << c.text("profile.members") << ": " << text::format_int(e.members) << "\n  "
            << c.text("profile.charter_capital") << ": " << money(e.charter_capital) << " đ\n";
  heading("profile.section.events");
  for (const auto& ev : p.events)
    std::cout << "  " << ev.effective_on.vietnamese() << "  " << registry::to_code(ev.kind)
              << (ev.note.empty() ? "" : "  " + ev.note) << "\n";
  if (p.membership) {
    heading("profile.section.membership");
    none(p.membership->memberships.empty() && p.membership->applications.empty());
    for (const auto& m : p.membership->memberships)
      std::cout << "  " << m.unit_name << ": " << c.text("profile.since") << " "
                << m.membership.since.vietnamese()
                << (m.membership.until ? " – " + m.membership.until->vietnamese() : "")
                << (m.meeting_title.empty()
                        ? ""
                        : "  (" + m.meeting_title + ", " + date(m.meeting_on) + ")")
                << "\n";
    for (const auto& a : p.membership->applications)
      std::cout << "  " << c.text("profile.application") << " " << a.applied_on.vietnamese() << "  "
                << governance::to_code(a.status) << "\n";
  }
  if (p.ocop) {
    heading("profile.section.ocop");
    none(p.ocop->empty());
    for (const auto& v : *p.ocop)
      std::cout << "  " << v.certificate.product << "  " << v.certificate.stars << "★  "
                << date(v.certificate.valid_until)
                << (v.valid ? "" : "  " + c.text("profile.expired")) << "\n";
  }
  if (p.training) {
    heading("profile.section.training");
    none(p.training->empty());
    for (const auto& t : *p.training)
      std::cout << "  " << t.trainee << "  " << t.course_code << "  " << t.topic << "  "
                << t.ends_on.vietnamese() << "\n";
  }
  if (p.market) {
    heading("profile.section.market");
    none(p.market->offers.empty() && p.market->sales.empty());
    for (const auto& o : p.market->offers)
      std::cout << "  " << c.text("profile.offer") << " " << o.product << "  "
                << o.available_from.vietnamese() << "–" << o.available_to.vietnamese() << "\n";
    std::cout << "  " << c.text("profile.sales_value") << ": " << money(p.market->sales_value)
              << " đ (" << p.market->sales.size() << ")\n";
  }
  if (p.fund) {
    heading("profile.section.fund");
    none(p.fund->empty());
    for (const auto& l : *p.fund)
      std::cout << "  " << l.contract_number << "  " << l.contract_on.vietnamese() << "  "
                << money(l.approved_amount) << " đ  " << fund::to_code(l.state) << "\n";
  }
  if (p.awards) {
    heading("profile.section.awards");
    none(p.awards->empty());
    for (const auto& a : *p.awards)
      std::cout << "  " << a.year << "  " << governance::vietnamese_name(a.title) << "\n";
  }
}

// What the profile commands were given.
struct ProfileArgs {
  std::string code, format = "text", reason;
  std::int64_t id = 0;
  training::TrainingRules rules;  // data/training (i18n::data_dir())
};

// Every section of the profile, as the operator.
struct Profiles {
  accounts::AccessPolicy access;
  areas::ProfileArea area;
  Profiles(const CommandContext& x, const training::TrainingRules& rules)
      : access(x.geo),
        area(areas::ProfileSources{x.db(), access, x.geo, x.sectors, default_clock(), x.market,
                                   x.fund, x.ocop, rules},
             areas::operator_caller(x.actor)) {}
};

int show_profile(const CommandContext& x, const ProfileArgs& a) {
  const auto& c = x.catalog;
  if (a.format != "text" && a.format != "json")
    return refuse(c, Error::bad_request("format", "profile.cli.bad_format", {{"value", a.format}}),
                  kUsage, "--format: ");
  Profiles profiles(x, a.rules);
  auto p = profiles.area.profile(a.code);
  if (!p) return refuse(c, p.error());
  if (a.format == "json")
    std::cout << areas::to_json(*p).dump(1) << "\n";
  else
    print_text(c, x.geo, *p);
  return kOk;
}

int list_changes(const CommandContext& x, const ProfileArgs& a) {
  Profiles profiles(x, a.rules);
  auto rows = profiles.area.queue();
  if (!rows) return refuse(x.catalog, rows.error());
  for (const auto& r : *rows) {
    std::cout << r.id << "  " << r.entity_code << "  " << r.entity_name << "  " << r.proposed_by
              << "  " << r.proposed_at << "\n";
    for (const auto& [field, v] : r.changes.items())
      std::cout << "    " << field << ": " << v[0].dump() << " → " << v[1].dump() << "\n";
  }
  std::cout << x.catalog.text("profile.cli.pending", {{"count", std::to_string(rows->size())}})
            << "\n";
  return kOk;
}

int decide_change(const CommandContext& x, const ProfileArgs& a, bool approve) {
  Profiles profiles(x, a.rules);
  auto done = profiles.area.decide(a.id, approve, {{"reason", a.reason}});
  if (!done) return refuse(x.catalog, done.error());
  std::cout << x.catalog.text("profile.cli.decided",
                              {{"id", std::to_string(done->id)},
                               {"status", std::string(registry::to_code(done->status))}})
            << "\n";
  return kOk;
}

}  // namespace

void add_profile_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& c) {
  auto& a = table.hold<ProfileArgs>();
  auto* profile = app.add_subcommand("profile", c.text("profile.cli.cmd_profile"));
  profile->add_option("CODE", a.code, c.text("profile.cli.arg_code"))->required();
  profile->add_option("--format", a.format, c.text("profile.cli.opt_format"));
  a.rules = training::TrainingRules::load(i18n::data_dir());
  table.on(profile, [&a](const CommandContext& x) { return show_profile(x, a); });
  auto* changes = app.add_subcommand("change-request", c.text("profile.cli.cmd_changes"));
  changes->require_subcommand(1);
  table.on(changes->add_subcommand("list", c.text("profile.cli.cmd_list")),
           [&a](const CommandContext& x) { return list_changes(x, a); });
  for (bool approve : {true, false}) {
    auto* decide = changes->add_subcommand(
        approve ? "approve" : "reject",
        c.text(approve ? "profile.cli.cmd_approve" : "profile.cli.cmd_reject"));
    decide->add_option("ID", a.id, c.text("profile.cli.arg_id"))->required();
    decide->add_option("--reason", a.reason, c.text("profile.cli.opt_reason"));
    table.on(decide,
             [&a, approve](const CommandContext& x) { return decide_change(x, a, approve); });
  }
}

}  // namespace htx::cli
