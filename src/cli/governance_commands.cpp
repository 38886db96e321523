#include "cli/governance_commands.hpp"

#include <algorithm>
#include <iostream>
#include <map>
#include <vector>

#include "areas/governance_area.hpp"
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

}  // namespace

void GovernanceCommands::add_to(CLI::App& app, const i18n::Catalog& c) {
  meeting_ = app.add_subcommand("meeting", c.text("governance.cli.cmd_meeting"));
  meeting_->require_subcommand(1);
  meeting_list_ = meeting_->add_subcommand("list", c.text("governance.cli.cmd_meeting_list"));
  meeting_show_ = meeting_->add_subcommand("show", c.text("governance.cli.cmd_meeting_show"));
  meeting_show_->add_option("ID", meeting_id_, c.text("governance.cli.arg_meeting_id"))->required();

  admission_ = app.add_subcommand("admission", c.text("governance.cli.cmd_admission"));
  admission_->require_subcommand(1);
  admission_list_ = admission_->add_subcommand("list", c.text("governance.cli.cmd_admission_list"));
  admission_list_->add_option("--batch", batch_, c.text("governance.cli.opt_batch"));
  admission_list_->add_option("--province", province_, c.text("governance.cli.opt_province"));

  awards_ = app.add_subcommand("awards", c.text("governance.cli.cmd_awards"));
  awards_->add_option("YEAR", year_, c.text("governance.cli.arg_year"))->required();
}

bool GovernanceCommands::chosen() const {
  return (meeting_ && meeting_->parsed()) || (admission_ && admission_->parsed()) ||
         (awards_ && awards_->parsed());
}

int GovernanceCommands::prepare(const i18n::Catalog& c) {
  if (admission_list_ && admission_list_->parsed() && !batch_.empty()) {
    auto b = governance::parse_batch(batch_);
    if (!b) return refuse(c, Error("governance.bad_batch", {{"value", batch_}}), kUsage);
    batch_number_ = b->number;
    batch_year_ = b->year;
  }
  if (awards_ && awards_->parsed()) {
    auto y = text::parse_int(text::trim(year_));
    if (!y || *y < 1900 || *y > 9999)
      return refuse(c, Error("governance.bad_year", {{"value", year_}}), kUsage);
    award_year_ = static_cast<int>(*y);
  }
  return 0;
}

int GovernanceCommands::run(store::Database& db, const i18n::Catalog& c, const geo::Geography& geo,
                            const std::string& actor) {
  if (int rc = prepare(c)) return rc;
  actor_ = actor;
  if (meeting_list_->parsed()) return meeting_list(db, c);
  if (meeting_show_->parsed()) return meeting_show(db, c);
  if (admission_list_->parsed()) return admission_list(db, c, geo);
  if (awards_->parsed()) return awards(db, c);
  return kUsage;
}

int GovernanceCommands::meeting_list(store::Database& db, const i18n::Catalog& c) {
  auto meetings = area_of(db, actor_).service().meetings();
  if (meetings.empty()) {
    std::cout << c.text("governance.cli.no_meetings") << "\n";
    return 0;
  }
  for (const auto& m : meetings)
    std::cout << m.meeting.id << "  " << m.meeting.held_on.vietnamese() << "  " << m.unit.name
              << "  " << m.title << " (" << mode_text(c, m.meeting.mode) << ")\n";
  return 0;
}

int GovernanceCommands::meeting_show(store::Database& db, const i18n::Catalog& c) {
  auto d = area_of(db, actor_).service().meeting(meeting_id_);
  if (!d)
    return refuse(c, Error("governance.meeting_not_found", {{"id", std::to_string(meeting_id_)}}),
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

int GovernanceCommands::admission_list(store::Database& db, const i18n::Catalog& c,
                                       const geo::Geography& geo) {
  governance::ApplicationQuery q;
  if (batch_number_ > 0) q.batch = governance::Batch{batch_number_, batch_year_};
  if (!province_.empty()) {
    const std::string wanted = text::fold(text::trim(province_));
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
      return refuse(c, Error("governance.unknown_province", {{"value", province_}}), kUsage);
  }
  auto apps = area_of(db, actor_).service().applications(q);
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

int GovernanceCommands::awards(store::Database& db, const i18n::Catalog& c) {
  governance::AwardQuery q;
  q.year = award_year_;
  auto list = area_of(db, actor_).service().awards(q);
  const std::string year = std::to_string(award_year_);
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

}  // namespace htx::cli
