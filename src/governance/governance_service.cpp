#include "governance/governance_service.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"

namespace htx::governance {

namespace {
Error required(const char* field) {
  return Error::invalid(field, "field.required", {{"field", field}});
}
std::string id_text(std::int64_t id) { return std::to_string(id); }
std::string clean(std::string_view s) { return text::to_nfc(text::trim(s)); }
bool is_organisation(const work::Unit& u) {
  return u.kind == work::UnitKind::kNational || u.kind == work::UnitKind::kProvincial;
}
std::string item_label(const AgendaItem& i) {
  return "#" + std::to_string(i.position) + " " + i.title;
}

// The body and term a member or meeting names, and the organisation they belong to.
struct BodyTerm {
  Body body;
  Term term;
  work::Unit unit;
};

// Finds them (`writable` checks the caller may write the organisation); an error if the body or
// term is unknown or the term is another organisation's.
template <typename Writable>
Result<BodyTerm> find_body_term(GovernanceRepository& repo, std::int64_t body_id,
                                std::int64_t term_id, Writable&& writable) {
  auto body = repo.find_body(body_id);
  if (!body) return Error::invalid("body", "governance.body_not_found", {{"id", id_text(body_id)}});
  auto term = repo.find_term(term_id);
  if (!term) return Error::invalid("term", "governance.term_not_found", {{"id", id_text(term_id)}});
  Result<work::Unit> unit = writable(body->unit_id);
  if (!unit) return unit.error();
  if (term->unit_id != body->unit_id)
    return Error::invalid("term", "governance.term_other_unit",
                          {{"term", term->label()}, {"unit", unit->name}});
  return BodyTerm{*body, *term, *unit};
}
}  // namespace

Result<work::Unit> GovernanceService::writable_unit(std::int64_t unit_id,
                                                    const ProvinceScope& scope) {
  auto unit = work_.find_unit(unit_id);
  if (!unit) return Error::invalid("unit", "governance.unit_not_found", {{"id", id_text(unit_id)}});
  if (!is_organisation(*unit))
    return Error::invalid("unit", "governance.not_organisation", {{"unit", unit->name}});
  if (!scope.allows(unit->province_id))
    return Error::forbidden("governance.unit_out_of_scope", {{"unit", unit->name}});
  return *unit;
}

Result<MeetingSummary> GovernanceService::summary_of(const Meeting& m) {
  auto body = repo_.find_body(m.body_id);
  if (!body) return Error::not_found("governance.body_not_found", {{"id", id_text(m.body_id)}});
  auto term = repo_.find_term(m.term_id);
  if (!term) return Error::not_found("governance.term_not_found", {{"id", id_text(m.term_id)}});
  auto unit = work_.find_unit(body->unit_id);
  if (!unit) return Error::not_found("governance.unit_not_found", {{"id", id_text(body->unit_id)}});
  return MeetingSummary{m, *body, *term, *unit, meeting_title(m, body->kind, *term)};
}

Result<MeetingSummary> GovernanceService::writable_meeting(std::int64_t meeting_id,
                                                           const ProvinceScope& scope) {
  auto m = repo_.find_meeting(meeting_id);
  if (!m) return Error::not_found("governance.meeting_not_found", {{"id", id_text(meeting_id)}});
  auto s = summary_of(*m);
  if (!s) return s.error();
  auto unit = writable_unit(s->unit.id, scope);
  if (!unit) return unit.error();
  return s;
}

// ---- bodies, terms, members --------------------------------------------------------------

Result<Body> GovernanceService::add_body(std::int64_t unit_id, BodyKind kind,
                                         const std::string& actor, const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto unit = writable_unit(unit_id, scope);
  if (!unit) return unit.error();
  if (repo_.find_body_of(unit_id, kind))
    return Error::conflict("governance.body_exists",
                           {{"unit", unit->name}, {"body", std::string(vietnamese_name(kind))}});
  Body body{0, unit_id, kind};
  body.id = repo_.insert_body(body);
  log("governance.body.create", "body", unit->code + "/" + std::string(to_code(kind)), "",
      to_json(body).dump(), actor);
  tx.commit();
  return body;
}

Result<Term> GovernanceService::add_term(Term term, const std::string& actor,
                                         const ProvinceScope& scope) {
  if (term.number <= 0) return required("number");
  if (term.start_year < 1900 || term.end_year < term.start_year)
    return Error::invalid(
        "end_year", "governance.term_years",
        {{"start", std::to_string(term.start_year)}, {"end", std::to_string(term.end_year)}});
  Transaction tx(tx_);
  auto unit = writable_unit(term.unit_id, scope);
  if (!unit) return unit.error();
  if (repo_.find_term_by_number(term.unit_id, term.number))
    return Error::conflict("governance.term_exists",
                           {{"unit", unit->name}, {"term", term.label()}});
  term.id = repo_.insert_term(term);
  log("governance.term.create", "term", unit->code + "/" + std::to_string(term.number), "",
      to_json(term).dump(), actor);
  tx.commit();
  return term;
}

Result<Member> GovernanceService::add_member(Member member, const std::string& actor,
                                             const ProvinceScope& scope) {
  member.person = clean(member.person);
  member.position = clean(member.position);
  if (member.person.empty()) return required("person");
  if (member.position.empty()) return required("position");
  if (member.started_on == Date{}) return required("started_on");
  if (member.ended_on && *member.ended_on < member.started_on)
    return Error::invalid(
        "ended_on", "governance.date_before",
        {{"value", member.ended_on->vietnamese()}, {"before", member.started_on.vietnamese()}});
  Transaction tx(tx_);
  auto found = find_body_term(repo_, member.body_id, member.term_id,
                              [&](std::int64_t unit_id) { return writable_unit(unit_id, scope); });
  if (!found) return found.error();
  const auto& [body, term, unit] = *found;
  for (const auto& other : repo_.members_of(member.body_id, member.term_id))
    if (!other.ended_on && other.person == member.person)
      return Error::invalid("person", "governance.member_twice",
                            {{"person", member.person},
                             {"position", other.position},
                             {"body", std::string(vietnamese_name(body.kind))},
                             {"term", term.label()}});
  member.id = repo_.insert_member(member);
  log("governance.member.create", "member", id_text(member.id), "", to_json(member).dump(), actor);
  tx.commit();
  return member;
}

Result<Member> GovernanceService::end_member(std::int64_t member_id, Date on,
                                             const std::string& actor, const ProvinceScope& scope) {
  if (on == Date{}) return required("on");
  Transaction tx(tx_);
  auto member = repo_.find_member(member_id);
  if (!member) return Error::not_found("governance.member_not_found", {{"id", id_text(member_id)}});
  auto body = repo_.find_body(member->body_id);
  if (!body)
    return Error::not_found("governance.body_not_found", {{"id", id_text(member->body_id)}});
  auto unit = writable_unit(body->unit_id, scope);
  if (!unit) return unit.error();
  if (member->ended_on)
    return Error::conflict("governance.member_ended", {{"person", member->person}});
  if (on < member->started_on)
    return Error::invalid(
        "ended_on", "governance.date_before",
        {{"value", on.vietnamese()}, {"before", member->started_on.vietnamese()}});
  Member changed = *member;
  changed.ended_on = on;
  repo_.update_member(changed);
  log("governance.member.end", "member", id_text(member_id), to_json(*member).dump(),
      to_json(changed).dump(), actor);
  tx.commit();
  return changed;
}

// ---- meetings ---------------------------------------------------------------------------------

Result<MeetingDetail> GovernanceService::add_meeting(Meeting meeting, std::vector<AgendaItem> items,
                                                     const std::string& actor,
                                                     const ProvinceScope& scope) {
  meeting.chair = clean(meeting.chair);
  for (auto& a : meeting.attendees) a = clean(a);
  std::erase_if(meeting.attendees, [](const std::string& a) { return a.empty(); });
  if (meeting.number <= 0) return required("number");
  if (meeting.held_on == Date{}) return required("held_on");
  if (meeting.attendee_count <= 0) return required("attendee_count");
  if (static_cast<int>(meeting.attendees.size()) > meeting.attendee_count)
    return Error::invalid("attendees", "governance.attendees_above_count",
                          {{"names", std::to_string(meeting.attendees.size())},
                           {"count", std::to_string(meeting.attendee_count)}});
  for (auto& item : items) {
    item.title = clean(item.title);
    if (item.title.empty()) return required("title");
  }
  Transaction tx(tx_);
  auto found = find_body_term(repo_, meeting.body_id, meeting.term_id,
                              [&](std::int64_t unit_id) { return writable_unit(unit_id, scope); });
  if (!found) return found.error();
  const auto& [body, term, unit] = *found;
  auto title = meeting_title(meeting, body.kind, term);
  if (repo_.find_meeting_by_number(meeting.body_id, meeting.term_id, meeting.number))
    return Error::invalid("number", "governance.meeting_number_used",
                          {{"title", title}, {"unit", unit.name}});
  for (const auto& item : items)
    if (item.document_id && !work_.find_document(*item.document_id))
      return Error::invalid("document_id", "governance.document_not_found",
                            {{"id", id_text(*item.document_id)}});
  meeting.recorded_by = actor;
  meeting.recorded_at = clock_.now_iso();
  meeting.id = repo_.insert_meeting(meeting);
  MeetingDetail detail{{meeting, body, term, unit, title}, {}, {}, {}};
  int position = 0;
  for (auto item : items) {
    item.meeting_id = meeting.id;
    item.position = ++position;
    item.outcome = Outcome::kOpen;
    item.votes = {};
    item.id = repo_.insert_item(item);
    detail.items.push_back(item);
  }
  nlohmann::json after = to_json(meeting);
  after["items"] = nlohmann::json::array();
  for (const auto& i : detail.items) after["items"].push_back(to_json(i));
  log("governance.meeting.create", "meeting", id_text(meeting.id), "", after.dump(), actor);
  tx.commit();
  return detail;
}

Result<AgendaItem> GovernanceService::add_item(std::int64_t meeting_id, AgendaItem item,
                                               const std::string& actor,
                                               const ProvinceScope& scope) {
  item.title = clean(item.title);
  if (item.title.empty()) return required("title");
  Transaction tx(tx_);
  auto m = writable_meeting(meeting_id, scope);
  if (!m) return m.error();
  if (item.document_id && !work_.find_document(*item.document_id))
    return Error::invalid("document_id", "governance.document_not_found",
                          {{"id", id_text(*item.document_id)}});
  auto existing = repo_.items_of(meeting_id);
  item.meeting_id = meeting_id;
  item.position = existing.empty() ? 1 : existing.back().position + 1;
  item.outcome = Outcome::kOpen;
  item.votes = {};
  item.id = repo_.insert_item(item);
  log("governance.item.create", "meeting", id_text(meeting_id), "", to_json(item).dump(), actor);
  tx.commit();
  return item;
}

Result<Meeting> GovernanceService::set_minutes(std::int64_t meeting_id, std::string minutes,
                                               const std::string& actor,
                                               const ProvinceScope& scope) {
  minutes = text::to_nfc(text::trim(minutes));
  Transaction tx(tx_);
  auto m = writable_meeting(meeting_id, scope);
  if (!m) return m.error();
  Meeting changed = m->meeting;
  changed.minutes = minutes;
  repo_.update_meeting(changed);
  log("governance.meeting.minutes", "meeting", id_text(meeting_id), to_json(m->meeting).dump(),
      to_json(changed).dump(), actor);
  tx.commit();
  return changed;
}

Result<AgendaItem> GovernanceService::close_item(std::int64_t item_id, Outcome outcome, Votes votes,
                                                 std::string note, const std::string& actor,
                                                 const ProvinceScope& scope) {
  note = text::to_nfc(text::trim(note));
  if (outcome == Outcome::kOpen) return required("outcome");
  if (votes.in_favour < 0 || votes.against < 0 || votes.abstain < 0)
    return Error::invalid(
        "votes", "field.negative",
        {{"value", std::to_string(std::min({votes.in_favour, votes.against, votes.abstain}))}});
  Transaction tx(tx_);
  auto item = repo_.find_item(item_id);
  if (!item) return Error::not_found("governance.item_not_found", {{"id", id_text(item_id)}});
  auto m = writable_meeting(item->meeting_id, scope);
  if (!m) return m.error();
  if (item->outcome != Outcome::kOpen)
    return Error::conflict(
        "governance.item_closed",
        {{"item", item_label(*item)}, {"outcome", std::string(vietnamese_name(item->outcome))}});
  if (votes.total() > m->meeting.attendee_count)
    return Error::invalid("votes", "governance.votes_above_attendees",
                          {{"votes", std::to_string(votes.total())},
                           {"attendees", std::to_string(m->meeting.attendee_count)}});
  AgendaItem changed = *item;
  changed.outcome = outcome;
  changed.votes = votes;
  changed.note = note;
  repo_.update_item(changed);
  log("governance.item.close", "meeting", id_text(item->meeting_id), to_json(*item).dump(),
      to_json(changed).dump(), actor);
  tx.commit();
  return changed;
}

Result<work::Document> GovernanceService::link_document(std::int64_t meeting_id,
                                                        std::int64_t document_id,
                                                        const std::string& actor,
                                                        const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto m = writable_meeting(meeting_id, scope);
  if (!m) return m.error();
  auto doc = work_.find_document(document_id);
  if (!doc)
    return Error::invalid("document_id", "governance.document_not_found",
                          {{"id", id_text(document_id)}});
  work::Document changed = *doc;
  changed.meeting_id = meeting_id;
  work_.update_document(changed);
  log("governance.meeting.document", "document", changed.number_symbol(),
      work::to_json(*doc).dump(), work::to_json(changed).dump(), actor);
  tx.commit();
  return changed;
}

Result<work::Task> GovernanceService::link_task(std::int64_t meeting_id, std::int64_t task_id,
                                                const std::string& actor,
                                                const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto m = writable_meeting(meeting_id, scope);
  if (!m) return m.error();
  auto task = work_.find_task(task_id);
  if (!task)
    return Error::invalid("task_id", "governance.task_not_found", {{"id", id_text(task_id)}});
  work::Task changed = *task;
  changed.meeting_id = meeting_id;
  work_.update_task(changed);
  log("governance.meeting.task", "task", id_text(task_id), work::to_json(*task).dump(),
      work::to_json(changed).dump(), actor);
  tx.commit();
  return changed;
}

// ---- admissions ---------------------------------------------------------------------------

Status GovernanceService::admissible(const work::Unit& unit, const std::string& code) {
  auto entity = registry_.find_by_code(code);
  if (!entity)
    return Error::invalid("entity_code", "governance.entity_not_found", {{"code", code}});
  if (entity->status == registry::EntityStatus::kDissolved || entity->dissolved_on)
    return Error::invalid("entity_code", "governance.entity_dissolved",
                          {{"code", code},
                           {"name", entity->name},
                           {"on", entity->dissolved_on ? entity->dissolved_on->vietnamese() : ""}});
  MembershipQuery q;
  q.unit_id = unit.id;
  q.entity_code = code;
  q.current_only = true;
  auto current = repo_.list_memberships(q);
  if (!current.empty())
    return Error::invalid("entity_code", "governance.already_member",
                          {{"code", code},
                           {"name", entity->name},
                           {"unit", unit.name},
                           {"since", current.front().since.vietnamese()}});
  return Ok{};
}

Result<Application> GovernanceService::submit_application(Application a, const std::string& actor,
                                                          const ProvinceScope& scope) {
  a.entity_code = std::string(text::trim(a.entity_code));
  a.note = clean(a.note);
  if (a.entity_code.empty()) return required("entity_code");
  if (a.applied_on == Date{}) return required("applied_on");
  if (a.batch.number <= 0 || a.batch.year <= 0) return required("batch");
  Transaction tx(tx_);
  auto unit = writable_unit(a.unit_id, scope);
  if (!unit) return unit.error();
  if (unit->kind != work::UnitKind::kProvincial)
    return Error::invalid("unit", "governance.not_provincial", {{"unit", unit->name}});
  if (auto ok = admissible(*unit, a.entity_code); !ok) return ok.error();
  auto entity = registry_.find_by_code(a.entity_code);
  if (entity->province_id != unit->province_id)
    return Error::invalid("entity_code", "governance.entity_other_province",
                          {{"code", a.entity_code}, {"name", entity->name}, {"unit", unit->name}});
  ApplicationQuery q;
  q.unit_id = a.unit_id;
  q.entity_code = a.entity_code;
  for (const auto& other : repo_.list_applications(q))
    if (is_pending(other.status))
      return Error::invalid("entity_code", "governance.application_pending",
                            {{"code", a.entity_code}, {"batch", other.batch.label()}});
  a.entity_name = entity->name;
  a.status = ApplicationStatus::kSubmitted;
  a.decision_item_id.reset();
  a.decided_on.reset();
  a.recorded_by = actor;
  a.recorded_at = clock_.now_iso();
  a.id = repo_.insert_application(a);
  log("governance.application.create", "application", a.entity_code, "", to_json(a).dump(), actor);
  tx.commit();
  return a;
}

Result<Application> GovernanceService::start_review(std::int64_t application_id,
                                                    const std::string& actor,
                                                    const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto a = repo_.find_application(application_id);
  if (!a)
    return Error::not_found("governance.application_not_found", {{"id", id_text(application_id)}});
  auto unit = writable_unit(a->unit_id, scope);
  if (!unit) return unit.error();
  if (a->status != ApplicationStatus::kSubmitted)
    return Error::conflict(
        "governance.application_decided",
        {{"code", a->entity_code}, {"status", std::string(vietnamese_name(a->status))}});
  Application changed = *a;
  changed.status = ApplicationStatus::kUnderReview;
  repo_.update_application(changed);
  log("governance.application.review", "application", a->entity_code, to_json(*a).dump(),
      to_json(changed).dump(), actor);
  tx.commit();
  return changed;
}

Result<std::vector<Application>> GovernanceService::decide_admissions(std::int64_t item_id,
                                                                      AdmissionDecision decision,
                                                                      const std::string& actor,
                                                                      const ProvinceScope& scope) {
  if (decision.votes.in_favour < 0 || decision.votes.against < 0 || decision.votes.abstain < 0)
    return Error::invalid("votes", "field.negative", {{"value", "votes"}});
  Transaction tx(tx_);
  auto item = repo_.find_item(item_id);
  if (!item) return Error::not_found("governance.item_not_found", {{"id", id_text(item_id)}});
  auto m = writable_meeting(item->meeting_id, scope);
  if (!m) return m.error();
  if (item->kind != ItemKind::kAdmission)
    return Error::invalid("item_id", "governance.item_not_admission",
                          {{"item", item_label(*item)}});
  if (item->outcome != Outcome::kOpen)
    return Error::conflict(
        "governance.item_closed",
        {{"item", item_label(*item)}, {"outcome", std::string(vietnamese_name(item->outcome))}});
  if (decision.votes.total() > m->meeting.attendee_count)
    return Error::invalid("votes", "governance.votes_above_attendees",
                          {{"votes", std::to_string(decision.votes.total())},
                           {"attendees", std::to_string(m->meeting.attendee_count)}});
  const Date on = m->meeting.held_on;
  std::vector<Application> out;
  std::set<std::int64_t> seen;
  std::set<std::string> admitted_codes;
  auto decide = [&](std::int64_t id, bool admit) -> Status {
    if (!seen.insert(id).second)
      return Error::invalid("admitted", "governance.application_twice", {{"id", id_text(id)}});
    auto a = repo_.find_application(id);
    if (!a)
      return Error::invalid("admitted", "governance.application_not_found", {{"id", id_text(id)}});
    if (a->unit_id != m->unit.id)
      return Error::invalid("admitted", "governance.application_other_unit",
                            {{"code", a->entity_code}, {"unit", m->unit.name}});
    if (!is_pending(a->status))
      return Error::invalid(
          "admitted", "governance.application_decided",
          {{"code", a->entity_code}, {"status", std::string(vietnamese_name(a->status))}});
    if (on < a->applied_on)
      return Error::invalid("admitted", "governance.date_before",
                            {{"value", on.vietnamese()}, {"before", a->applied_on.vietnamese()}});
    Application changed = *a;
    changed.decision_item_id = item_id;
    changed.decided_on = on;
    if (admit) {
      if (auto ok = admissible(m->unit, a->entity_code); !ok) return ok.error();
      if (!admitted_codes.insert(a->entity_code).second)
        return Error::invalid("admitted", "governance.already_member",
                              {{"code", a->entity_code},
                               {"name", a->entity_name},
                               {"unit", m->unit.name},
                               {"since", on.vietnamese()}});
      changed.status = ApplicationStatus::kAdmitted;
      Membership ms{0, m->unit.id, a->entity_code, a->entity_name, on, std::nullopt, a->id, ""};
      ms.id = repo_.insert_membership(ms);
      log("governance.membership.create", "membership", a->entity_code, "", to_json(ms).dump(),
          actor);
    } else {
      changed.status = ApplicationStatus::kRejected;
    }
    repo_.update_application(changed);
    log("governance.application.decide", "application", a->entity_code, to_json(*a).dump(),
        to_json(changed).dump(), actor);
    out.push_back(changed);
    return Ok{};
  };
  for (auto id : decision.admitted)
    if (auto ok = decide(id, true); !ok) return ok.error();
  for (auto id : decision.rejected)
    if (auto ok = decide(id, false); !ok) return ok.error();
  AgendaItem closed = *item;
  closed.outcome = Outcome::kApproved;
  closed.votes = decision.votes;
  closed.note = text::to_nfc(text::trim(decision.note));
  repo_.update_item(closed);
  log("governance.item.close", "meeting", id_text(item->meeting_id), to_json(*item).dump(),
      to_json(closed).dump(), actor);
  tx.commit();
  return out;
}

Result<Membership> GovernanceService::end_membership(std::int64_t membership_id, Date on,
                                                     std::string reason, const std::string& actor,
                                                     const ProvinceScope& scope) {
  reason = clean(reason);
  if (on == Date{}) return required("on");
  Transaction tx(tx_);
  auto ms = repo_.find_membership(membership_id);
  if (!ms)
    return Error::not_found("governance.membership_not_found", {{"id", id_text(membership_id)}});
  auto unit = writable_unit(ms->unit_id, scope);
  if (!unit) return unit.error();
  if (ms->until) return Error::conflict("governance.membership_ended", {{"code", ms->entity_code}});
  if (on < ms->since)
    return Error::invalid("ended_on", "governance.date_before",
                          {{"value", on.vietnamese()}, {"before", ms->since.vietnamese()}});
  Membership changed = *ms;
  changed.until = on;
  changed.end_reason = reason;
  repo_.update_membership(changed);
  log("governance.membership.end", "membership", ms->entity_code, to_json(*ms).dump(),
      to_json(changed).dump(), actor);
  tx.commit();
  return changed;
}

// ---- awards -----------------------------------------------------------------------------------

Result<Award> GovernanceService::add_award(Award award, const std::string& actor,
                                           const ProvinceScope& scope) {
  award.recipient = clean(award.recipient);
  award.recipient_unit = clean(award.recipient_unit);
  if (award.recipient.empty()) return required("recipient");
  if (award.year < 1900 || award.year > 9999) return required("year");
  if (!title_fits(award.title, award.recipient_kind))
    return Error::invalid("title", "governance.award_title_mismatch",
                          {{"title", std::string(vietnamese_name(award.title))},
                           {"kind", std::string(vietnamese_name(award.recipient_kind))}});
  Transaction tx(tx_);
  auto unit = writable_unit(award.granting_unit_id, scope);
  if (!unit) return unit.error();
  auto doc = work_.find_document(award.decision_document_id);
  if (!doc)
    return Error::invalid("decision_document_id", "governance.document_not_found",
                          {{"id", id_text(award.decision_document_id)}});
  award.recorded_by = actor;
  award.recorded_at = clock_.now_iso();
  award.id = repo_.insert_award(award);
  log("governance.award.create", "award", doc->number_symbol(), "", to_json(award).dump(), actor);
  tx.commit();
  return award;
}

// ---- reads --------------------------------------------------------------------------------

std::vector<MeetingSummary> GovernanceService::meetings(const MeetingQuery& q) {
  std::vector<MeetingSummary> out;
  for (const auto& m : repo_.list_meetings(q))
    if (auto s = summary_of(m)) out.push_back(std::move(*s));
  return out;
}

std::optional<MeetingDetail> GovernanceService::meeting(std::int64_t id) {
  auto m = repo_.find_meeting(id);
  if (!m) return std::nullopt;
  auto s = summary_of(*m);
  if (!s) return std::nullopt;
  MeetingDetail d{*s, repo_.items_of(id), {}, {}};
  for (auto& doc : work_.list_documents())
    if (doc.meeting_id == id) d.documents.push_back(std::move(doc));
  for (auto& t : work_.list_tasks({}))
    if (t.meeting_id == id) d.tasks.push_back(std::move(t));
  return d;
}

std::vector<Membership> GovernanceService::members_on(std::int64_t unit_id, Date on) {
  MembershipQuery q;
  q.unit_id = unit_id;
  auto all = repo_.list_memberships(q);
  std::erase_if(all,
                [&](const Membership& m) { return m.since > on || (m.until && *m.until <= on); });
  return all;
}

}  // namespace htx::governance
