#include <algorithm>
#include <iostream>
#include <map>
#include <vector>

#include "areas/governance_area.hpp"
#include "cli/commands.hpp"
#include "cli/refusal.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "governance/governance_service.hpp"

namespace htx::cli {

namespace {

// The command line's governance area: the operator, every province.
areas::GovernanceArea area_of(store::Database& db, const std::string& actor) {
  return areas::GovernanceArea(db, default_clock(), areas::operator_caller(actor));
}

std::string mode_text(const i18n::Catalog& c, governance::MeetingMode m) {
  return c.text(m == governance::MeetingMode::kOnline ? "governance.cli.mode_online"
                                                      : "governance.cli.mode_in_person");
}

std::string name_of_unit(store::Database& db, std::int64_t id) {
  auto u = db.work().find_unit(id);
  return u ? u->name : std::to_string(id);
}

// What the governance commands were given, the batch and the year checked before the database
// is opened.
struct GovernanceArgs {
  std::int64_t meeting_id = 0;
  std::string batch, province, year;
  int batch_number = 0, batch_year = 0, award_year = 0;
};

int check_batch(const CommandContext& x, GovernanceArgs& args) {
  if (args.batch.empty()) return kOk;
  auto b = governance::parse_batch(args.batch);
  if (!b) return refuse(x.catalog, Error("governance.bad_batch", {{"value", args.batch}}), kUsage);
  args.batch_number = b->number;
  args.batch_year = b->year;
  return kOk;
}

int check_award_year(const CommandContext& x, GovernanceArgs& args) {
  auto y = text::parse_int(text::trim(args.year));
  if (!y || *y < 1900 || *y > 9999)
    return refuse(x.catalog, Error("governance.bad_year", {{"value", args.year}}), kUsage);
  args.award_year = static_cast<int>(*y);
  return kOk;
}

int meeting_list(const CommandContext& x) {
  auto& db = x.db();
  const auto& c = x.catalog;
  auto meetings = area_of(db, x.actor).service().meetings();
  if (meetings.empty()) {
    std::cout << c.text("governance.cli.no_meetings") << "\n";
    return 0;
  }
  for (const auto& m : meetings)
    std::cout << m.meeting.id << "  " << m.meeting.held_on.vietnamese() << "  " << m.unit.name
              << "  " << m.title << " (" << mode_text(c, m.meeting.mode) << ")\n";
  return 0;
}

int meeting_show(const CommandContext& x, const GovernanceArgs& args) {
  auto& db = x.db();
  const auto& c = x.catalog;
  auto d = area_of(db, x.actor).service().meeting(args.meeting_id);
  if (!d)
    return refuse(c,
                  Error("governance.meeting_not_found", {{"id", std::to_string(args.meeting_id)}}),
                  kRefused);
  const auto& m = d->summary.meeting;
  std::cout << d->summary.title << "\n";
  std::cout << c.text("governance.cli.meeting_unit",
                      {{"unit", d->summary.unit.name}, {"term", d->summary.term.label()}})
            << "\n";
  std::cout << c.text("governance.cli.meeting_date",
                      {{"date", m.held_on.vietnamese()}, {"mode", mode_text(c, m.mode)}})
            << "\n";
  if (!m.chair.empty())
    std::cout << c.text("governance.cli.meeting_chair", {{"chair", m.chair}}) << "\n";
  std::cout << c.text("governance.cli.meeting_attendees",
                      {{"count", text::format_int(m.attendee_count)}});
  for (std::size_t i = 0; i < m.attendees.size(); ++i)
    std::cout << (i == 0 ? ": " : ", ") << m.attendees[i];
  std::cout << "\n\n" << c.text("governance.cli.meeting_items") << "\n";
  for (const auto& item : d->items) {
    std::cout << "  " << item.position << ". " << item.title << " — "
              << governance::vietnamese_name(item.outcome);
    if (item.outcome != governance::Outcome::kOpen && item.votes.total() > 0)
      std::cout << " ("
                << c.text("governance.cli.item_votes",
                          {{"for", std::to_string(item.votes.in_favour)},
                           {"against", std::to_string(item.votes.against)},
                           {"abstain", std::to_string(item.votes.abstain)}})
                << ")";
    std::cout << "\n";
    if (!item.note.empty()) std::cout << "     " << item.note << "\n";
  }
  if (!d->documents.empty()) {
    std::cout << "\n" << c.text("governance.cli.meeting_documents") << "\n";
    for (const auto& doc : d->documents)
      std::cout << "  - " << doc.number_symbol() << " " << doc.issued_on.vietnamese() << "  "
                << doc.title << " (" << work::vietnamese_name(doc.status) << ")\n";
  }
  if (!d->tasks.empty()) {
    std::cout << "\n" << c.text("governance.cli.meeting_tasks") << "\n";
    for (const auto& t : d->tasks)
      std::cout << "  - " << t.title << " ("
                << c.text("governance.cli.task_due", {{"date", t.due_on.vietnamese()}}) << ", "
                << work::vietnamese_name(t.status) << ")\n";
  }
  if (!m.minutes.empty())
    std::cout << "\n" << c.text("governance.cli.meeting_minutes") << "\n" << m.minutes << "\n";
  return 0;
}

int admission_list(const CommandContext& x, const GovernanceArgs& args) {
  auto& db = x.db();
  const auto& c = x.catalog;
  const auto& geo = x.geo;
  governance::ApplicationQuery q;
  if (args.batch_number > 0) q.batch = governance::Batch{args.batch_number, args.batch_year};
  if (!args.province.empty()) {
    const std::string wanted = text::fold(text::trim(args.province));
    for (const auto& u : db.work().list_units()) {
      if (u.kind != work::UnitKind::kProvincial) continue;
      const geo::Province* p = geo.province(u.province_id);
      bool match = text::fold(u.code) == wanted || text::fold(u.name) == wanted ||
                   (p && (p->code == wanted || p->id == wanted || text::fold(p->name) == wanted));
      if (match) {
        q.unit_id = u.id;
        break;
      }
    }
    if (!q.unit_id)
      return refuse(c, Error("governance.unknown_province", {{"value", args.province}}), kUsage);
  }
  auto apps = area_of(db, x.actor).service().applications(q);
  if (apps.empty()) {
    std::cout << c.text("governance.cli.no_applications") << "\n";
    return 0;
  }
  std::map<std::int64_t, std::string> units;
  std::string header;
  int admitted = 0;
  for (const auto& a : apps) {
    if (!units.count(a.unit_id)) units[a.unit_id] = name_of_unit(db, a.unit_id);
    auto h = c.text("governance.cli.admission_header",
                    {{"batch", a.batch.label()}, {"unit", units[a.unit_id]}});
    if (h != header) {
      std::cout << (header.empty() ? "" : "\n") << h << "\n";
      header = h;
    }
    std::cout << "  " << a.entity_code << "  " << a.entity_name << "  ";
    if (a.decided_on)
      std::cout << c.text("governance.cli.admission_decided",
                          {{"status", std::string(governance::vietnamese_name(a.status))},
                           {"date", a.decided_on->vietnamese()}});
    else
      std::cout << governance::vietnamese_name(a.status);
    std::cout << "\n";
    if (a.status == governance::ApplicationStatus::kAdmitted) ++admitted;
  }
  std::cout << "\n"
            << c.text("governance.cli.admission_total",
                      {{"count", text::format_int(static_cast<std::int64_t>(apps.size()))},
                       {"admitted", text::format_int(admitted)}})
            << "\n";
  return 0;
}

int awards(const CommandContext& x, const GovernanceArgs& args) {
  auto& db = x.db();
  const auto& c = x.catalog;
  governance::AwardQuery q;
  q.year = args.award_year;
  auto list = area_of(db, x.actor).service().awards(q);
  const std::string year = std::to_string(args.award_year);
  if (list.empty()) {
    std::cout << c.text("governance.cli.no_awards", {{"year", year}}) << "\n";
    return 0;
  }
  auto counts = governance::count_awards(list);
  std::cout << c.text("governance.cli.awards_title",
                      {{"year", year},
                       {"collectives", text::format_int(counts.collectives)},
                       {"individuals", text::format_int(counts.individuals)}})
            << "\n";
  std::vector<std::int64_t> decisions;
  for (const auto& a : list)
    if (std::find(decisions.begin(), decisions.end(), a.decision_document_id) == decisions.end())
      decisions.push_back(a.decision_document_id);
  for (auto id : decisions)
    if (auto doc = db.work().find_document(id))
      std::cout << c.text("governance.cli.awards_decision",
                          {{"document", std::string(work::vietnamese_name(doc->kind)) + " số " +
                                            doc->number_symbol()},
                           {"date", doc->issued_on.vietnamese()},
                           {"title", doc->title}})
                << "\n";
  for (auto kind :
       {governance::RecipientKind::kCollective, governance::RecipientKind::kIndividual}) {
    bool first = true;
    int n = 0;
    for (const auto& a : list) {
      if (a.recipient_kind != kind) continue;
      if (first) {
        std::cout << "\n"
                  << c.text(kind == governance::RecipientKind::kCollective
                                ? "governance.cli.awards_collectives"
                                : "governance.cli.awards_individuals")
                  << "\n";
        first = false;
      }
      std::cout << "  " << ++n << ". " << a.recipient;
      if (!a.recipient_unit.empty()) std::cout << " (" << a.recipient_unit << ")";
      std::cout << " — " << governance::vietnamese_name(a.title);
      if (a.with_certificate) std::cout << ", " << c.text("governance.cli.with_certificate");
      std::cout << "\n";
    }
  }
  return 0;
}

}  // namespace

void add_governance_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& c) {
  auto& args = table.hold<GovernanceArgs>();
  auto* meeting = app.add_subcommand("meeting", c.text("governance.cli.cmd_meeting"));
  meeting->require_subcommand(1);
  auto* meeting_list_cmd =
      meeting->add_subcommand("list", c.text("governance.cli.cmd_meeting_list"));
  table.on(meeting_list_cmd, meeting_list);
  auto* meeting_show_cmd =
      meeting->add_subcommand("show", c.text("governance.cli.cmd_meeting_show"));
  meeting_show_cmd->add_option("ID", args.meeting_id, c.text("governance.cli.arg_meeting_id"))
      ->required();
  table.on(meeting_show_cmd, [&args](const CommandContext& x) { return meeting_show(x, args); });

  auto* admission = app.add_subcommand("admission", c.text("governance.cli.cmd_admission"));
  admission->require_subcommand(1);
  auto* admission_list_cmd =
      admission->add_subcommand("list", c.text("governance.cli.cmd_admission_list"));
  admission_list_cmd->add_option("--batch", args.batch, c.text("governance.cli.opt_batch"));
  admission_list_cmd->add_option("--province", args.province,
                                 c.text("governance.cli.opt_province"));
  table.on(
      admission_list_cmd, [&args](const CommandContext& x) { return admission_list(x, args); },
      [&args](const CommandContext& x) { return check_batch(x, args); });

  auto* awards_cmd = app.add_subcommand("awards", c.text("governance.cli.cmd_awards"));
  awards_cmd->add_option("YEAR", args.year, c.text("governance.cli.arg_year"))->required();
  table.on(
      awards_cmd, [&args](const CommandContext& x) { return awards(x, args); },
      [&args](const CommandContext& x) { return check_award_year(x, args); });
}

}  // namespace htx::cli
