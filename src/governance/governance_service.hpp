// Governance writes and reads: validates, writes through the GovernanceRepository (and the
// work programme's documents and tasks, the registry's entities for admissions) inside one
// transaction, and writes an audit entry for every change. Expected outcomes are htx::Error
// values with catalogue keys "governance.*" (and "field.required").
//
// Scope: like work::WorkService, `scope` = nullopt acts on every organisation (national roles,
// the CLI); a provincial user's scope (accounts::AccessPolicy::province_scope) only reaches the
// alliance of a listed province; the national alliance has no province and is out of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "audit/recording.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/transaction.hpp"
#include "governance/governance.hpp"
#include "governance/governance_repository.hpp"
#include "registry/registry_repository.hpp"
#include "work/work.hpp"
#include "work/work_repository.hpp"
#include "work/work_service.hpp"

namespace htx::governance {

using ProvinceScope = work::ProvinceScope;

// A meeting with what names it: "Hội nghị Ban Thường vụ lần thứ 3, khóa VI" of a unit.
struct MeetingSummary {
  Meeting meeting;
  Body body;
  Term term;
  work::Unit unit;
  std::string title;
};

struct MeetingDetail {
  MeetingSummary summary;
  std::vector<AgendaItem> items;
  std::vector<work::Document> documents;  // those it adopted (work::Document::meeting_id)
  std::vector<work::Task> tasks;          // those it created (work::Task::meeting_id)
};

// One admission decision: the applications admitted at an admission item, and the vote.
struct AdmissionDecision {
  std::vector<std::int64_t> admitted;  // application ids
  std::vector<std::int64_t> rejected;  // application ids, may be empty
  Votes votes;
  std::string note;
};

class GovernanceService : private audit::Recording {
 public:
  GovernanceService(GovernanceRepository& repo, work::WorkRepository& work,
                    registry::RegistryRepository& registry, audit::AuditLog& audit,
                    TransactionManager& tx, const Clock& clock)
      : Recording(audit, tx, clock), repo_(repo), work_(work), registry_(registry) {}

  // ---- bodies, terms, members ----
  // The unit must be the national or a provincial alliance; one body of each kind.
  Result<Body> add_body(std::int64_t unit_id, BodyKind kind, const std::string& actor,
                        const ProvinceScope& scope);
  // number > 0, start year <= end year, one term per number and unit.
  Result<Term> add_term(Term term, const std::string& actor, const ProvinceScope& scope);
  // Body and term of the same organisation; a person and a position; end not before start; a
  // person already a current member of the body in the term is "governance.member_twice".
  Result<Member> add_member(Member member, const std::string& actor, const ProvinceScope& scope);
  Result<Member> end_member(std::int64_t member_id, Date on, const std::string& actor,
                            const ProvinceScope& scope);

  // ---- meetings ----
  // The number must be new for the body and term; attendees named at most attendee_count;
  // the items get positions 1..n in the given order and start open.
  Result<MeetingDetail> add_meeting(Meeting meeting, std::vector<AgendaItem> items,
                                    const std::string& actor, const ProvinceScope& scope);
  Result<AgendaItem> add_item(std::int64_t meeting_id, AgendaItem item, const std::string& actor,
                              const ProvinceScope& scope);
  Result<Meeting> set_minutes(std::int64_t meeting_id, std::string minutes,
                              const std::string& actor, const ProvinceScope& scope);
  // Closes an item once: "governance.item_closed" the second time; a vote total above the
  // meeting's attendees is "governance.votes_above_attendees".
  Result<AgendaItem> close_item(std::int64_t item_id, Outcome outcome, Votes votes,
                                std::string note, const std::string& actor,
                                const ProvinceScope& scope);
  // Records that the meeting adopted a document / created a task (their meeting_id).
  Result<work::Document> link_document(std::int64_t meeting_id, std::int64_t document_id,
                                       const std::string& actor, const ProvinceScope& scope);
  Result<work::Task> link_task(std::int64_t meeting_id, std::int64_t task_id,
                               const std::string& actor, const ProvinceScope& scope);

  // ---- admissions and membership ----
  // An application of a registry entity (application.entity_code) to a provincial alliance
  // (application.unit_id) of its province. Refused: unknown entity, dissolved entity
  // ("governance.entity_dissolved"), current member ("governance.already_member"), an
  // application of the entity still pending.
  Result<Application> submit_application(Application application, const std::string& actor,
                                         const ProvinceScope& scope);
  Result<Application> start_review(std::int64_t application_id, const std::string& actor,
                                   const ProvinceScope& scope);
  // The decision at an admission item of a meeting of the alliance's body: closes the item
  // (approved), admits the listed pending applications (membership from the meeting's date) and
  // rejects the others listed. All or nothing.
  Result<std::vector<Application>> decide_admissions(std::int64_t item_id,
                                                     AdmissionDecision decision,
                                                     const std::string& actor,
                                                     const ProvinceScope& scope);
  Result<Membership> end_membership(std::int64_t membership_id, Date on, std::string reason,
                                    const std::string& actor, const ProvinceScope& scope);

  // ---- emulation and commendation ----
  // The granting unit, an existing decision document, a recipient, a title fitting the
  // recipient kind ("governance.award_title_mismatch").
  Result<Award> add_award(Award award, const std::string& actor, const ProvinceScope& scope);

  // ---- reads ----
  std::vector<Body> bodies(std::int64_t unit_id) { return repo_.bodies_of(unit_id); }
  std::vector<Term> terms(std::int64_t unit_id) { return repo_.terms_of(unit_id); }
  std::vector<Member> members(std::int64_t body_id, std::int64_t term_id) {
    return repo_.members_of(body_id, term_id);
  }
  std::vector<MeetingSummary> meetings(const MeetingQuery& q = {});
  std::optional<MeetingDetail> meeting(std::int64_t id);
  std::vector<Application> applications(const ApplicationQuery& q = {}) {
    return repo_.list_applications(q);
  }
  std::vector<Membership> memberships(const MembershipQuery& q = {}) {
    return repo_.list_memberships(q);
  }
  // The members of an alliance on a day.
  std::vector<Membership> members_on(std::int64_t unit_id, Date on);
  std::vector<Award> awards(const AwardQuery& q = {}) { return repo_.list_awards(q); }
  AwardCounts award_counts(const AwardQuery& q) { return count_awards(repo_.list_awards(q)); }

 private:
  Result<work::Unit> writable_unit(std::int64_t unit_id, const ProvinceScope& scope);
  Result<MeetingSummary> summary_of(const Meeting& m);
  Result<MeetingSummary> writable_meeting(std::int64_t meeting_id, const ProvinceScope& scope);
  Status admissible(const work::Unit& unit, const std::string& code);

  GovernanceRepository& repo_;
  work::WorkRepository& work_;
  registry::RegistryRepository& registry_;
};

}  // namespace htx::governance
