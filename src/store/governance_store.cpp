#include <charconv>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "store/sql_repositories.hpp"
#include "store/statement_runner.hpp"

namespace htx::store::sql {

namespace {

using namespace htx::governance;

int to_small(const std::optional<std::string>& v) { return static_cast<int>(to_int(v)); }

constexpr std::string_view kBodyColumns = "id, unit_id, kind";
constexpr std::string_view kTermColumns = "id, unit_id, number, start_year, end_year";
constexpr std::string_view kMemberColumns =
    "id, body_id, term_id, person, position, started_on, ended_on";
constexpr std::string_view kMeetingColumns =
    "id, body_id, term_id, number, held_on, mode, chair, attendee_count, attendees::text, "
    "minutes, recorded_by, recorded_at";
constexpr std::string_view kItemColumns =
    "id, meeting_id, position, kind, title, document_id, outcome, votes_for, votes_against, "
    "votes_abstain, note";
constexpr std::string_view kApplicationColumns =
    "id, unit_id, entity_code, entity_name, applied_on, batch_number, batch_year, status, "
    "decision_item_id, decided_on, note, recorded_by, recorded_at";
constexpr std::string_view kMembershipColumns =
    "id, unit_id, entity_code, entity_name, since_on, until_on, application_id, end_reason";
constexpr std::string_view kAwardColumns =
    "id, year, granting_unit_id, recipient_kind, title, with_certificate, recipient, "
    "recipient_unit, decision_document_id, recorded_by, recorded_at";

Body read_body(const Row& r) {
  return {to_int(r[0]), to_int(r[1]),
          body_kind_from_code(to_text(r[2])).value_or(BodyKind::kStanding)};
}
Term read_term(const Row& r) {
  return {to_int(r[0]), to_int(r[1]), to_small(r[2]), to_small(r[3]), to_small(r[4])};
}
Member read_member(const Row& r) {
  return {to_int(r[0]),  to_int(r[1]),  to_int(r[2]),     to_text(r[3]),
          to_text(r[4]), to_date(r[5]), to_opt_date(r[6])};
}
Meeting read_meeting(const Row& r) {
  Meeting m;
  m.id = to_int(r[0]);
  m.body_id = to_int(r[1]);
  m.term_id = to_int(r[2]);
  m.number = to_small(r[3]);
  m.held_on = to_date(r[4]);
  m.mode = meeting_mode_from_code(to_text(r[5])).value_or(MeetingMode::kInPerson);
  m.chair = to_text(r[6]);
  m.attendee_count = to_small(r[7]);
  auto names = nlohmann::json::parse(to_text(r[8]), nullptr, false);
  if (names.is_array())
    for (const auto& v : names)
      if (v.is_string()) m.attendees.push_back(v.get<std::string>());
  m.minutes = to_text(r[9]);
  m.recorded_by = to_text(r[10]);
  m.recorded_at = to_text(r[11]);
  return m;
}
AgendaItem read_item(const Row& r) {
  AgendaItem i;
  i.id = to_int(r[0]);
  i.meeting_id = to_int(r[1]);
  i.position = to_small(r[2]);
  i.kind = item_kind_from_code(to_text(r[3])).value_or(ItemKind::kOther);
  i.title = to_text(r[4]);
  i.document_id = to_opt_int(r[5]);
  i.outcome = outcome_from_code(to_text(r[6])).value_or(Outcome::kOpen);
  i.votes = {to_small(r[7]), to_small(r[8]), to_small(r[9])};
  i.note = to_text(r[10]);
  return i;
}
Application read_application(const Row& r) {
  Application a;
  a.id = to_int(r[0]);
  a.unit_id = to_int(r[1]);
  a.entity_code = to_text(r[2]);
  a.entity_name = to_text(r[3]);
  a.applied_on = to_date(r[4]);
  a.batch = {to_small(r[5]), to_small(r[6])};
  a.status = application_status_from_code(to_text(r[7])).value_or(ApplicationStatus::kSubmitted);
  a.decision_item_id = to_opt_int(r[8]);
  a.decided_on = to_opt_date(r[9]);
  a.note = to_text(r[10]);
  a.recorded_by = to_text(r[11]);
  a.recorded_at = to_text(r[12]);
  return a;
}
Membership read_membership(const Row& r) {
  return {to_int(r[0]),  to_int(r[1]),      to_text(r[2]),    to_text(r[3]),
          to_date(r[4]), to_opt_date(r[5]), to_opt_int(r[6]), to_text(r[7])};
}
Award read_award(const Row& r) {
  Award a;
  a.id = to_int(r[0]);
  a.year = to_small(r[1]);
  a.granting_unit_id = to_int(r[2]);
  a.recipient_kind = recipient_kind_from_code(to_text(r[3])).value_or(RecipientKind::kCollective);
  a.title = award_title_from_code(to_text(r[4])).value_or(AwardTitle::kCertificateOfMerit);
  a.with_certificate = to_bool(r[5]);
  a.recipient = to_text(r[6]);
  a.recipient_unit = to_text(r[7]);
  a.decision_document_id = to_int(r[8]);
  a.recorded_by = to_text(r[9]);
  a.recorded_at = to_text(r[10]);
  return a;
}

Params member_params(const Member& m) {
  return {p(m.body_id), p(m.term_id), p(m.person), p(m.position), p(m.started_on), p(m.ended_on)};
}
Params meeting_params(const Meeting& m) {
  return {
      p(m.body_id),       p(m.term_id),     p(m.number),         p(m.held_on),
      p(to_code(m.mode)), p(m.chair),       p(m.attendee_count), nlohmann::json(m.attendees).dump(),
      p(m.minutes),       p(m.recorded_by), p(m.recorded_at)};
}
Params item_params(const AgendaItem& i) {
  return {p(i.meeting_id),      p(i.position),
          p(to_code(i.kind)),   p(i.title),
          p(i.document_id),     p(to_code(i.outcome)),
          p(i.votes.in_favour), p(i.votes.against),
          p(i.votes.abstain),   p(i.note)};
}
Params application_params(const Application& a) {
  return {p(a.unit_id),      p(a.entity_code), p(a.entity_name),     p(a.applied_on),
          p(a.batch.number), p(a.batch.year),  p(to_code(a.status)), p(a.decision_item_id),
          p(a.decided_on),   p(a.note),        p(a.recorded_by),     p(a.recorded_at)};
}
Params membership_params(const Membership& m) {
  return {p(m.unit_id), p(m.entity_code),    p(m.entity_name), p(m.since),
          p(m.until),   p(m.application_id), p(m.end_reason)};
}

std::string select(std::string_view columns, std::string_view rest) {
  return "SELECT " + std::string(columns) + " " + std::string(rest);
}

class GovernanceStore final : public GovernanceRepository {
 public:
  GovernanceStore(Runner& r, Dialect d) : r_(r) {
    auto sql = [&](const std::string& s) { return translate(s, d); };
    insert_body_ = sql("INSERT INTO gov_body (unit_id, kind) VALUES ($1, $2) RETURNING id");
    body_by_id_ = sql(select(kBodyColumns, "FROM gov_body WHERE id = $1"));
    body_of_ = sql(select(kBodyColumns, "FROM gov_body WHERE unit_id = $1 AND kind = $2"));
    bodies_of_ = sql(select(kBodyColumns, "FROM gov_body WHERE unit_id = $1 ORDER BY id"));

    insert_term_ =
        sql("INSERT INTO gov_term (unit_id, number, start_year, end_year) VALUES ($1, $2, $3, $4) "
            "RETURNING id");
    term_by_id_ = sql(select(kTermColumns, "FROM gov_term WHERE id = $1"));
    term_by_number_ = sql(select(kTermColumns, "FROM gov_term WHERE unit_id = $1 AND number = $2"));
    terms_of_ = sql(select(kTermColumns, "FROM gov_term WHERE unit_id = $1 ORDER BY number"));

    insert_member_ =
        sql("INSERT INTO gov_member (body_id, term_id, person, position, started_on, ended_on) "
            "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
    update_member_ =
        sql("UPDATE gov_member SET body_id = $1, term_id = $2, person = $3, position = $4, "
            "started_on = $5, ended_on = $6 WHERE id = $7");
    member_by_id_ = sql(select(kMemberColumns, "FROM gov_member WHERE id = $1"));
    members_of_ = sql(select(kMemberColumns,
                             "FROM gov_member WHERE body_id = $1 AND term_id = $2 "
                             "ORDER BY started_on, id"));

    insert_meeting_ =
        sql("INSERT INTO gov_meeting (body_id, term_id, number, held_on, mode, chair, "
            "attendee_count, attendees, minutes, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, "
            "$5, $6, $7, $8::jsonb, $9, $10, $11) RETURNING id");
    update_meeting_ =
        sql("UPDATE gov_meeting SET body_id = $1, term_id = $2, number = $3, held_on = $4, "
            "mode = $5, chair = $6, attendee_count = $7, attendees = $8::jsonb, minutes = $9, "
            "recorded_by = $10, recorded_at = $11 WHERE id = $12");
    meeting_by_id_ = sql(select(kMeetingColumns, "FROM gov_meeting WHERE id = $1"));
    meeting_by_number_ = sql(select(
        kMeetingColumns, "FROM gov_meeting WHERE body_id = $1 AND term_id = $2 AND number = $3"));
    meetings_ = sql(select(kMeetingColumns,
                           "FROM gov_meeting WHERE ($1::text IS NULL OR body_id IN "
                           "(SELECT id FROM gov_body WHERE unit_id = CAST($1 AS BIGINT))) "
                           "AND ($2::text IS NULL OR body_id = CAST($2 AS BIGINT)) "
                           "AND ($3::text IS NULL OR body_id IN "
                           "(SELECT id FROM gov_body WHERE kind = $3)) "
                           "AND ($4::text IS NULL OR substr(held_on::text, 1, 4) = $4) "
                           "ORDER BY held_on, id"));

    insert_item_ = sql(
        "INSERT INTO gov_agenda_item (meeting_id, position, kind, title, document_id, outcome, "
        "votes_for, votes_against, votes_abstain, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
        "$9, $10) RETURNING id");
    update_item_ =
        sql("UPDATE gov_agenda_item SET meeting_id = $1, position = $2, kind = $3, title = $4, "
            "document_id = $5, outcome = $6, votes_for = $7, votes_against = $8, "
            "votes_abstain = $9, note = $10 WHERE id = $11");
    item_by_id_ = sql(select(kItemColumns, "FROM gov_agenda_item WHERE id = $1"));
    items_of_ = sql(
        select(kItemColumns, "FROM gov_agenda_item WHERE meeting_id = $1 ORDER BY position, id"));

    insert_application_ =
        sql("INSERT INTO gov_application (unit_id, entity_code, entity_name, applied_on, "
            "batch_number, batch_year, status, decision_item_id, decided_on, note, recorded_by, "
            "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id");
    update_application_ =
        sql("UPDATE gov_application SET unit_id = $1, entity_code = $2, entity_name = $3, "
            "applied_on = $4, batch_number = $5, batch_year = $6, status = $7, "
            "decision_item_id = $8, decided_on = $9, note = $10, recorded_by = $11, "
            "recorded_at = $12 WHERE id = $13");
    application_by_id_ = sql(select(kApplicationColumns, "FROM gov_application WHERE id = $1"));
    applications_ =
        sql(select(kApplicationColumns,
                   "FROM gov_application WHERE ($1::text IS NULL OR unit_id = CAST($1 AS BIGINT)) "
                   "AND ($2::text IS NULL OR batch_number = CAST($2 AS INTEGER)) "
                   "AND ($3::text IS NULL OR batch_year = CAST($3 AS INTEGER)) "
                   "AND ($4::text IS NULL OR status = $4) "
                   "AND ($5::text IS NULL OR entity_code = $5) "
                   "ORDER BY batch_year, batch_number, entity_code, id"));

    insert_membership_ =
        sql("INSERT INTO gov_membership (unit_id, entity_code, entity_name, since_on, until_on, "
            "application_id, end_reason) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
    update_membership_ =
        sql("UPDATE gov_membership SET unit_id = $1, entity_code = $2, entity_name = $3, "
            "since_on = $4, until_on = $5, application_id = $6, end_reason = $7 WHERE id = $8");
    membership_by_id_ = sql(select(kMembershipColumns, "FROM gov_membership WHERE id = $1"));
    memberships_ =
        sql(select(kMembershipColumns,
                   "FROM gov_membership WHERE ($1::text IS NULL OR unit_id = CAST($1 AS BIGINT)) "
                   "AND ($2::text IS NULL OR entity_code = $2) "
                   "AND (CAST($3 AS TEXT) = '0' OR until_on IS NULL) "
                   "ORDER BY since_on, entity_code, id"));

    insert_award_ =
        sql("INSERT INTO gov_award (year, granting_unit_id, recipient_kind, title, "
            "with_certificate, recipient, recipient_unit, decision_document_id, recorded_by, "
            "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id");
    award_by_id_ = sql(select(kAwardColumns, "FROM gov_award WHERE id = $1"));
    awards_ = sql(select(kAwardColumns,
                         "FROM gov_award WHERE ($1::text IS NULL OR year = CAST($1 AS INTEGER)) "
                         "AND ($2::text IS NULL OR granting_unit_id = CAST($2 AS BIGINT)) "
                         "ORDER BY year, recipient_kind, id"));
  }

  std::int64_t insert_body(const Body& b) override {
    return id_of(r_.query(insert_body_, 1, {p(b.unit_id), p(to_code(b.kind))}));
  }
  std::optional<Body> find_body(std::int64_t id) override {
    return first<Body>(r_.query(body_by_id_, 3, {p(id)}), read_body);
  }
  std::optional<Body> find_body_of(std::int64_t unit_id, BodyKind kind) override {
    return first<Body>(r_.query(body_of_, 3, {p(unit_id), p(to_code(kind))}), read_body);
  }
  std::vector<Body> bodies_of(std::int64_t unit_id) override {
    return all<Body>(r_.query(bodies_of_, 3, {p(unit_id)}), read_body);
  }

  std::int64_t insert_term(const Term& t) override {
    return id_of(
        r_.query(insert_term_, 1, {p(t.unit_id), p(t.number), p(t.start_year), p(t.end_year)}));
  }
  std::optional<Term> find_term(std::int64_t id) override {
    return first<Term>(r_.query(term_by_id_, 5, {p(id)}), read_term);
  }
  std::optional<Term> find_term_by_number(std::int64_t unit_id, int number) override {
    return first<Term>(r_.query(term_by_number_, 5, {p(unit_id), p(number)}), read_term);
  }
  std::vector<Term> terms_of(std::int64_t unit_id) override {
    return all<Term>(r_.query(terms_of_, 5, {p(unit_id)}), read_term);
  }

  std::int64_t insert_member(const Member& m) override {
    return id_of(r_.query(insert_member_, 1, member_params(m)));
  }
  void update_member(const Member& m) override {
    auto params = member_params(m);
    params.push_back(p(m.id));
    r_.query(update_member_, 0, params);
  }
  std::optional<Member> find_member(std::int64_t id) override {
    return first<Member>(r_.query(member_by_id_, 7, {p(id)}), read_member);
  }
  std::vector<Member> members_of(std::int64_t body_id, std::int64_t term_id) override {
    return all<Member>(r_.query(members_of_, 7, {p(body_id), p(term_id)}), read_member);
  }

  std::int64_t insert_meeting(const Meeting& m) override {
    return id_of(r_.query(insert_meeting_, 1, meeting_params(m)));
  }
  void update_meeting(const Meeting& m) override {
    auto params = meeting_params(m);
    params.push_back(p(m.id));
    r_.query(update_meeting_, 0, params);
  }
  std::optional<Meeting> find_meeting(std::int64_t id) override {
    return first<Meeting>(r_.query(meeting_by_id_, 12, {p(id)}), read_meeting);
  }
  std::optional<Meeting> find_meeting_by_number(std::int64_t body_id, std::int64_t term_id,
                                                int number) override {
    return first<Meeting>(r_.query(meeting_by_number_, 12, {p(body_id), p(term_id), p(number)}),
                          read_meeting);
  }
  std::vector<Meeting> list_meetings(const MeetingQuery& q) override {
    std::optional<std::string> kind, year;
    if (q.body_kind) kind = std::string(to_code(*q.body_kind));
    if (q.year) year = std::to_string(*q.year);
    return all<Meeting>(r_.query(meetings_, 12, {p(q.unit_id), p(q.body_id), p(kind), p(year)}),
                        read_meeting);
  }

  std::int64_t insert_item(const AgendaItem& i) override {
    return id_of(r_.query(insert_item_, 1, item_params(i)));
  }
  void update_item(const AgendaItem& i) override {
    auto params = item_params(i);
    params.push_back(p(i.id));
    r_.query(update_item_, 0, params);
  }
  std::optional<AgendaItem> find_item(std::int64_t id) override {
    return first<AgendaItem>(r_.query(item_by_id_, 11, {p(id)}), read_item);
  }
  std::vector<AgendaItem> items_of(std::int64_t meeting_id) override {
    return all<AgendaItem>(r_.query(items_of_, 11, {p(meeting_id)}), read_item);
  }

  std::int64_t insert_application(const Application& a) override {
    return id_of(r_.query(insert_application_, 1, application_params(a)));
  }
  void update_application(const Application& a) override {
    auto params = application_params(a);
    params.push_back(p(a.id));
    r_.query(update_application_, 0, params);
  }
  std::optional<Application> find_application(std::int64_t id) override {
    return first<Application>(r_.query(application_by_id_, 13, {p(id)}), read_application);
  }
  std::vector<Application> list_applications(const ApplicationQuery& q) override {
    Params params{p(q.unit_id), q.batch ? p(q.batch->number) : std::nullopt,
                  q.batch ? p(q.batch->year) : std::nullopt,
                  q.status ? p(to_code(*q.status)) : std::nullopt, p(q.entity_code)};
    return all<Application>(r_.query(applications_, 13, params), read_application);
  }

  std::int64_t insert_membership(const Membership& m) override {
    return id_of(r_.query(insert_membership_, 1, membership_params(m)));
  }
  void update_membership(const Membership& m) override {
    auto params = membership_params(m);
    params.push_back(p(m.id));
    r_.query(update_membership_, 0, params);
  }
  std::optional<Membership> find_membership(std::int64_t id) override {
    return first<Membership>(r_.query(membership_by_id_, 8, {p(id)}), read_membership);
  }
  std::vector<Membership> list_memberships(const MembershipQuery& q) override {
    return all<Membership>(
        r_.query(memberships_, 8, {p(q.unit_id), p(q.entity_code), p(q.current_only)}),
        read_membership);
  }

  std::int64_t insert_award(const Award& a) override {
    return id_of(
        r_.query(insert_award_, 1,
                 {p(a.year), p(a.granting_unit_id), p(to_code(a.recipient_kind)),
                  p(to_code(a.title)), p(a.with_certificate), p(a.recipient), p(a.recipient_unit),
                  p(a.decision_document_id), p(a.recorded_by), p(a.recorded_at)}));
  }
  std::optional<Award> find_award(std::int64_t id) override {
    return first<Award>(r_.query(award_by_id_, 11, {p(id)}), read_award);
  }
  std::vector<Award> list_awards(const AwardQuery& q) override {
    Params params{q.year ? p(*q.year) : std::nullopt, p(q.granting_unit_id)};
    return all<Award>(r_.query(awards_, 11, params), read_award);
  }

 private:
  Runner& r_;
  std::string insert_body_, body_by_id_, body_of_, bodies_of_;
  std::string insert_term_, term_by_id_, term_by_number_, terms_of_;
  std::string insert_member_, update_member_, member_by_id_, members_of_;
  std::string insert_meeting_, update_meeting_, meeting_by_id_, meeting_by_number_, meetings_;
  std::string insert_item_, update_item_, item_by_id_, items_of_;
  std::string insert_application_, update_application_, application_by_id_, applications_;
  std::string insert_membership_, update_membership_, membership_by_id_, memberships_;
  std::string insert_award_, award_by_id_, awards_;
};

}  // namespace

std::unique_ptr<governance::GovernanceRepository> make_governance_repository(Runner& runner,
                                                                             Dialect dialect) {
  return std::make_unique<GovernanceStore>(runner, dialect);
}

}  // namespace htx::store::sql
