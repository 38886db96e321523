// Storage of governance (bodies, terms, members, meetings and their agenda items, admissions,
// memberships, awards), implemented by each backend under src/store/ and checked by one
// contract suite (tests/store/governance_contract_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/repository.hpp"
#include "governance/governance.hpp"

namespace htx::governance {

struct MeetingQuery {
  std::optional<std::int64_t> unit_id;  // meetings of that organisation's bodies
  std::optional<std::int64_t> body_id;
  std::optional<BodyKind> body_kind;  // meetings of that kind of body (any organisation)
  std::optional<int> year;            // held in that year
};

struct ApplicationQuery {
  std::optional<std::int64_t> unit_id;
  std::optional<Batch> batch;
  std::optional<ApplicationStatus> status;
  std::optional<std::string> entity_code;
};

struct MembershipQuery {
  std::optional<std::int64_t> unit_id;
  std::optional<std::string> entity_code;
  bool current_only = false;  // without an end date
};

struct AwardQuery {
  std::optional<int> year;
  std::optional<std::int64_t> granting_unit_id;
};

class GovernanceRepository {
 public:
  virtual ~GovernanceRepository() = default;

  // Bodies: (unit, kind) is unique (callers check find_body_of first).
  HTX_KEPT_RECORDS(Body, body);
  virtual std::optional<Body> find_body_of(std::int64_t unit_id, BodyKind kind) = 0;
  virtual std::vector<Body> bodies_of(std::int64_t unit_id) = 0;  // by id

  // Terms: (unit, number) is unique.
  HTX_KEPT_RECORDS(Term, term);
  virtual std::optional<Term> find_term_by_number(std::int64_t unit_id, int number) = 0;
  virtual std::vector<Term> terms_of(std::int64_t unit_id) = 0;  // by number

  // Members of a body in a term.
  HTX_RECORDS(Member, member);
  virtual std::vector<Member> members_of(std::int64_t body_id,
                                         std::int64_t term_id) = 0;  // by start, then id

  // Meetings: (body, term, number) is unique.
  HTX_RECORDS(Meeting, meeting);
  virtual std::optional<Meeting> find_meeting_by_number(std::int64_t body_id, std::int64_t term_id,
                                                        int number) = 0;
  virtual std::vector<Meeting> list_meetings(const MeetingQuery& query) = 0;  // by date, then id

  // Agenda items.
  HTX_RECORDS(AgendaItem, item);
  virtual std::vector<AgendaItem> items_of(std::int64_t meeting_id) = 0;  // by position, then id

  // Admission applications.
  HTX_RECORDS(Application, application);
  // By batch (year, number), then entity code.
  virtual std::vector<Application> list_applications(const ApplicationQuery& query) = 0;

  // Memberships (the history: every row, ended or not).
  HTX_RECORDS(Membership, membership);
  // By start date, then entity code, then id.
  virtual std::vector<Membership> list_memberships(const MembershipQuery& query) = 0;

  // Awards.
  HTX_KEPT_RECORDS(Award, award);
  // By year, recipient kind (collectives first), then id.
  virtual std::vector<Award> list_awards(const AwardQuery& query) = 0;
};

}  // namespace htx::governance
