#include "cli/profile_commands.hpp"

#include <iostream>

#include "accounts/access.hpp"
#include "areas/caller.hpp"
#include "areas/profile_area.hpp"
#include "areas/profile_json.hpp"
#include "cli/refusal.hpp"
#include "core/text.hpp"

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

}  // namespace

void ProfileCommands::add_to(CLI::App& app, const i18n::Catalog& c) {
  profile_ = app.add_subcommand("profile", c.text("profile.cli.cmd_profile"));
  profile_->add_option("CODE", code_, c.text("profile.cli.arg_code"))->required();
  profile_->add_option("--format", format_, c.text("profile.cli.opt_format"));
  rules_ = training::TrainingRules::load(i18n::data_dir());
  changes_ = app.add_subcommand("change-request", c.text("profile.cli.cmd_changes"));
  changes_->require_subcommand(1);
  list_ = changes_->add_subcommand("list", c.text("profile.cli.cmd_list"));
  approve_ = changes_->add_subcommand("approve", c.text("profile.cli.cmd_approve"));
  approve_->add_option("ID", id_, c.text("profile.cli.arg_id"))->required();
  approve_->add_option("--reason", reason_, c.text("profile.cli.opt_reason"));
  reject_ = changes_->add_subcommand("reject", c.text("profile.cli.cmd_reject"));
  reject_->add_option("ID", id_, c.text("profile.cli.arg_id"))->required();
  reject_->add_option("--reason", reason_, c.text("profile.cli.opt_reason"));
}

bool ProfileCommands::chosen() const {
  return (profile_ && profile_->parsed()) || (changes_ && changes_->parsed());
}

int ProfileCommands::run(store::Database& db, const i18n::Catalog& c, const ProfileData& data,
                         const std::string& actor) {
  accounts::AccessPolicy access(data.geo);
  areas::ProfileArea area(areas::ProfileSources{db, access, data.geo, data.sectors, default_clock(),
                                                data.market, data.fund, data.ocop, rules_},
                          areas::operator_caller(actor));
  if (changes_->parsed()) {
    if (list_->parsed()) {
      auto rows = area.queue();
      if (!rows) return refuse(c, rows.error());
      for (const auto& r : *rows) {
        std::cout << r.id << "  " << r.entity_code << "  " << r.entity_name << "  " << r.proposed_by
                  << "  " << r.proposed_at << "\n";
        for (const auto& [field, v] : r.changes.items())
          std::cout << "    " << field << ": " << v[0].dump() << " → " << v[1].dump() << "\n";
      }
      std::cout << c.text("profile.cli.pending", {{"count", std::to_string(rows->size())}}) << "\n";
      return kOk;
    }
    auto done = area.decide(id_, approve_->parsed(), {{"reason", reason_}});
    if (!done) return refuse(c, done.error());
    std::cout << c.text("profile.cli.decided",
                        {{"id", std::to_string(done->id)},
                         {"status", std::string(registry::to_code(done->status))}})
              << "\n";
    return kOk;
  }
  if (format_ != "text" && format_ != "json")
    return refuse(c, Error::bad_request("format", "profile.cli.bad_format", {{"value", format_}}),
                  kUsage, "--format: ");
  auto p = area.profile(code_);
  if (!p) return refuse(c, p.error());
  if (format_ == "json")
    std::cout << areas::to_json(*p).dump(1) << "\n";
  else
    print_text(c, data.geo, *p);
  return kOk;
}

}  // namespace htx::cli
