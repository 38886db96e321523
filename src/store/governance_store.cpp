// Governance (bodies, terms, members, meetings and their items, admissions, memberships,
// awards) over declared tables (store/record.hpp), written once for both backends. A meeting's
// attendee names are a JSON array.
#include <type_traits>

#include "core/error.hpp"
#include "store/record.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using namespace htx::governance;

const Table<Body> kBodies{"gov_body",
                          {key<&Body::id>(), column<&Body::unit_id>("unit_id"),
                           code<&Body::kind, body_kind_from_code, BodyKind::kStanding>("kind")}};

const Table<Term> kTerms{
    "gov_term",
    {key<&Term::id>(), column<&Term::unit_id>("unit_id"), column<&Term::number>("number"),
     column<&Term::start_year>("start_year"), column<&Term::end_year>("end_year")}};

const Table<Member> kMembers{
    "gov_member",
    {key<&Member::id>(), column<&Member::body_id>("body_id"), column<&Member::term_id>("term_id"),
     column<&Member::person>("person"), column<&Member::position>("position"),
     column<&Member::started_on>("started_on"), column<&Member::ended_on>("ended_on")}};

const Table<Meeting> kMeetings{
    "gov_meeting",
    {key<&Meeting::id>(), column<&Meeting::body_id>("body_id"),
     column<&Meeting::term_id>("term_id"), column<&Meeting::number>("number"),
     column<&Meeting::held_on>("held_on"),
     code<&Meeting::mode, meeting_mode_from_code, MeetingMode::kInPerson>("mode"),
     column<&Meeting::chair>("chair"), column<&Meeting::attendee_count>("attendee_count"),
     column<&Meeting::attendees>("attendees"), column<&Meeting::minutes>("minutes"),
     column<&Meeting::recorded_by>("recorded_by"), column<&Meeting::recorded_at>("recorded_at")}};

const Table<AgendaItem> kItems{
    "gov_agenda_item",
    {key<&AgendaItem::id>(), column<&AgendaItem::meeting_id>("meeting_id"),
     column<&AgendaItem::position>("position"),
     code<&AgendaItem::kind, item_kind_from_code, ItemKind::kOther>("kind"),
     column<&AgendaItem::title>("title"), column<&AgendaItem::document_id>("document_id"),
     code<&AgendaItem::outcome, outcome_from_code, Outcome::kOpen>("outcome"),
     column<&AgendaItem::votes, &Votes::in_favour>("votes_for"),
     column<&AgendaItem::votes, &Votes::against>("votes_against"),
     column<&AgendaItem::votes, &Votes::abstain>("votes_abstain"),
     column<&AgendaItem::note>("note")}};

const Table<Application> kApplications{
    "gov_application",
    {key<&Application::id>(), column<&Application::unit_id>("unit_id"),
     column<&Application::entity_code>("entity_code"),
     column<&Application::entity_name>("entity_name"),
     column<&Application::applied_on>("applied_on"),
     column<&Application::batch, &Batch::number>("batch_number"),
     column<&Application::batch, &Batch::year>("batch_year"),
     code<&Application::status, application_status_from_code, ApplicationStatus::kSubmitted>(
         "status"),
     column<&Application::decision_item_id>("decision_item_id"),
     column<&Application::decided_on>("decided_on"), column<&Application::note>("note"),
     column<&Application::recorded_by>("recorded_by"),
     column<&Application::recorded_at>("recorded_at")}};

const Table<Membership> kMemberships{
    "gov_membership",
    {key<&Membership::id>(), column<&Membership::unit_id>("unit_id"),
     column<&Membership::entity_code>("entity_code"),
     column<&Membership::entity_name>("entity_name"), column<&Membership::since>("since_on"),
     column<&Membership::until>("until_on"), column<&Membership::application_id>("application_id"),
     column<&Membership::end_reason>("end_reason")}};

const Table<Award> kAwards{
    "gov_award",
    {key<&Award::id>(), column<&Award::year>("year"),
     column<&Award::granting_unit_id>("granting_unit_id"),
     code<&Award::recipient_kind, recipient_kind_from_code, RecipientKind::kCollective>(
         "recipient_kind"),
     code<&Award::title, award_title_from_code, AwardTitle::kCertificateOfMerit>("title"),
     column<&Award::with_certificate>("with_certificate"), column<&Award::recipient>("recipient"),
     column<&Award::recipient_unit>("recipient_unit"),
     column<&Award::decision_document_id>("decision_document_id"),
     column<&Award::recorded_by>("recorded_by"), column<&Award::recorded_at>("recorded_at")}};

class GovernanceStore final : public Store<GovernanceRepository> {
 public:
  using Store::Store;

  HTX_STORE_KEPT_RECORDS(Body, body, bodies_);
  std::optional<Body> find_body_of(std::int64_t unit_id, BodyKind kind) override {
    return body_of_.first({p(unit_id), p(to_code(kind))});
  }
  std::vector<Body> bodies_of(std::int64_t unit_id) override {
    return bodies_of_.all({p(unit_id)});
  }

  HTX_STORE_KEPT_RECORDS(Term, term, terms_);
  std::optional<Term> find_term_by_number(std::int64_t unit_id, int number) override {
    return term_by_number_.first({p(unit_id), p(number)});
  }
  std::vector<Term> terms_of(std::int64_t unit_id) override { return terms_of_.all({p(unit_id)}); }

  HTX_STORE_RECORDS(Member, member, members_);
  std::vector<Member> members_of(std::int64_t body_id, std::int64_t term_id) override {
    return members_of_.all({p(body_id), p(term_id)});
  }

  HTX_STORE_RECORDS(Meeting, meeting, meetings_);
  std::optional<Meeting> find_meeting_by_number(std::int64_t body_id, std::int64_t term_id,
                                                int number) override {
    return meeting_by_number_.first({p(body_id), p(term_id), p(number)});
  }
  std::vector<Meeting> list_meetings(const MeetingQuery& q) override {
    return meetings_by_filter_.all(
        {p(q.unit_id), p(q.body_id), any_or(q.body_kind), any_or(q.year)});
  }

  HTX_STORE_RECORDS(AgendaItem, item, items_);
  std::vector<AgendaItem> items_of(std::int64_t meeting_id) override {
    return items_of_.all({p(meeting_id)});
  }

  HTX_STORE_RECORDS(Application, application, applications_);
  std::vector<Application> list_applications(const ApplicationQuery& q) override {
    return applications_by_filter_.all({p(q.unit_id), q.batch ? p(q.batch->number) : std::nullopt,
                                        q.batch ? p(q.batch->year) : std::nullopt, any_or(q.status),
                                        p(q.entity_code)});
  }

  HTX_STORE_RECORDS(Membership, membership, memberships_);
  std::vector<Membership> list_memberships(const MembershipQuery& q) override {
    return memberships_by_filter_.all({p(q.unit_id), p(q.entity_code), p(q.current_only)});
  }

  HTX_STORE_KEPT_RECORDS(Award, award, awards_);
  std::vector<Award> list_awards(const AwardQuery& q) override {
    return awards_by_filter_.all({q.year ? p(*q.year) : std::nullopt, p(q.granting_unit_id)});
  }

 private:
  const Records<Body> bodies_{r_, d_, kBodies};
  const Query<Body> body_of_ = bodies_.select("WHERE unit_id = $1 AND kind = $2");
  const Query<Body> bodies_of_ = bodies_.select("WHERE unit_id = $1 ORDER BY id");

  const Records<Term> terms_{r_, d_, kTerms};
  const Query<Term> term_by_number_ = terms_.select("WHERE unit_id = $1 AND number = $2");
  const Query<Term> terms_of_ = terms_.select("WHERE unit_id = $1 ORDER BY number");

  const Records<Member> members_{r_, d_, kMembers};
  const Query<Member> members_of_ =
      members_.select("WHERE body_id = $1 AND term_id = $2 ORDER BY started_on, id");

  const Records<Meeting> meetings_{r_, d_, kMeetings};
  const Query<Meeting> meeting_by_number_ =
      meetings_.select("WHERE body_id = $1 AND term_id = $2 AND number = $3");
  const Query<Meeting> meetings_by_filter_ = meetings_.select(
      "WHERE " +
      optional_filters({"body_id IN (SELECT id FROM gov_body WHERE unit_id = CAST($ AS BIGINT))",
                        "body_id = CAST($ AS BIGINT)",
                        "body_id IN (SELECT id FROM gov_body WHERE kind = $)",
                        "substr(held_on::text, 1, 4) = $"}) +
      " ORDER BY held_on, id");

  const Records<AgendaItem> items_{r_, d_, kItems};
  const Query<AgendaItem> items_of_ = items_.select("WHERE meeting_id = $1 ORDER BY position, id");

  const Records<Application> applications_{r_, d_, kApplications};
  const Query<Application> applications_by_filter_ = applications_.select(
      "WHERE " +
      optional_filters({"unit_id = CAST($ AS BIGINT)", "batch_number = CAST($ AS INTEGER)",
                        "batch_year = CAST($ AS INTEGER)", "status = $", "entity_code = $"}) +
      " ORDER BY batch_year, batch_number, entity_code, id");

  const Records<Membership> memberships_{r_, d_, kMemberships};
  const Query<Membership> memberships_by_filter_ = memberships_.select(
      "WHERE " + optional_filters({"unit_id = CAST($ AS BIGINT)", "entity_code = $"}) +
      " AND (CAST($3 AS TEXT) = '0' OR until_on IS NULL) ORDER BY since_on, entity_code, id");

  const Records<Award> awards_{r_, d_, kAwards};
  const Query<Award> awards_by_filter_ = awards_.select(
      "WHERE " +
      optional_filters({"year = CAST($ AS INTEGER)", "granting_unit_id = CAST($ AS BIGINT)"}) +
      " ORDER BY year, recipient_kind, id");
};

}  // namespace

HTX_STORE_OF(governance::GovernanceRepository, GovernanceStore)

}  // namespace htx::store::sql
