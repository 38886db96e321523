// Storage of governance (bodies, terms, members, meetings and their agenda items, admissions,
// memberships, awards), implemented by each backend under src/store/ and checked by one
// contract suite (tests/store/governance_contract_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

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
  virtual std::int64_t insert_body(const Body& body) = 0;
  virtual std::optional<Body> find_body(std::int64_t id) = 0;
  virtual std::optional<Body> find_body_of(std::int64_t unit_id, BodyKind kind) = 0;
  virtual std::vector<Body> bodies_of(std::int64_t unit_id) = 0;  // by id

  // Terms: (unit, number) is unique.
  virtual std::int64_t insert_term(const Term& term) = 0;
  virtual std::optional<Term> find_term(std::int64_t id) = 0;
  virtual std::optional<Term> find_term_by_number(std::int64_t unit_id, int number) = 0;
  virtual std::vector<Term> terms_of(std::int64_t unit_id) = 0;  // by number

  // Members of a body in a term.
  virtual std::int64_t insert_member(const Member& member) = 0;
  virtual void update_member(const Member& member) = 0;
  virtual std::optional<Member> find_member(std::int64_t id) = 0;
  virtual std::vector<Member> members_of(std::int64_t body_id,
                                         std::int64_t term_id) = 0;  // by start, then id

  // Meetings: (body, term, number) is unique.
  virtual std::int64_t insert_meeting(const Meeting& meeting) = 0;
  virtual void update_meeting(const Meeting& meeting) = 0;
  virtual std::optional<Meeting> find_meeting(std::int64_t id) = 0;
  virtual std::optional<Meeting> find_meeting_by_number(std::int64_t body_id, std::int64_t term_id,
                                                        int number) = 0;
  virtual std::vector<Meeting> list_meetings(const MeetingQuery& query) = 0;  // by date, then id

  // Agenda items.
  virtual std::int64_t insert_item(const AgendaItem& item) = 0;
  virtual void update_item(const AgendaItem& item) = 0;
  virtual std::optional<AgendaItem> find_item(std::int64_t id) = 0;
  virtual std::vector<AgendaItem> items_of(std::int64_t meeting_id) = 0;  // by position, then id

  // Admission applications.
  virtual std::int64_t insert_application(const Application& application) = 0;
  virtual void update_application(const Application& application) = 0;
  virtual std::optional<Application> find_application(std::int64_t id) = 0;
  // By batch (year, number), then entity code.
  virtual std::vector<Application> list_applications(const ApplicationQuery& query) = 0;

  // Memberships (the history: every row, ended or not).
  virtual std::int64_t insert_membership(const Membership& membership) = 0;
  virtual void update_membership(const Membership& membership) = 0;
  virtual std::optional<Membership> find_membership(std::int64_t id) = 0;
  // By start date, then entity code, then id.
  virtual std::vector<Membership> list_memberships(const MembershipQuery& query) = 0;

  // Awards.
  virtual std::int64_t insert_award(const Award& award) = 0;
  virtual std::optional<Award> find_award(std::int64_t id) = 0;
  // By year, recipient kind (collectives first), then id.
  virtual std::vector<Award> list_awards(const AwardQuery& query) = 0;
};

}  // namespace htx::governance
