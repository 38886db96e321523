// Training's writes and reads (issue 13): validates against data/training's lists and rules, the
// work programme's units (the organisers) and the registry (a trainee's cooperative), writes
// through the TrainingRepository inside one transaction with an audit entry, and refuses with
// htx::Error values whose catalogue keys "training.*" name their field.
//
// Scope: a plan is written by a caller whose scope allows its organiser's province (the national
// alliance has none: only ProvinceScope::all()); a course, its sessions, enrolments and marks by
// one whose scope allows the course's province; a trainee by one whose scope allows theirs.
// Roles are the edge's (accounts::AccessPolicy through areas::TrainingArea).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "audit/recording.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/scope.hpp"
#include "core/transaction.hpp"
#include "registry/registry_repository.hpp"
#include "training/rules.hpp"
#include "training/training.hpp"
#include "training/training_repository.hpp"
#include "work/work_repository.hpp"

namespace htx::training {

// An enrolment with its person and what they attended of the sessions counted for them (those
// held on or after the day they enrolled).
struct Participant {
  Enrolment enrolment;
  Trainee trainee;
  std::map<std::int64_t, Mark> marks;  // by session id
  int counted = 0, attended = 0;
};

struct CourseView {
  Course course;
  std::string organiser;  // the unit's name
  std::vector<Session> sessions;
  std::vector<Participant> participants;  // by name
};

// What a certificate says, as its public page shows it.
struct Certificate {
  std::string code;
  std::string holder;
  int birth_year = 0;
  std::string course_code, topic, kind, organiser, place, province_id;
  Date starts_on, ends_on, certified_on;
  int sessions = 0, attended = 0;
};

// One marked person of a session's class list.
struct MarkEntry {
  std::int64_t trainee_id = 0;
  Mark mark = Mark::kPresent;
};

struct TrainingReportQuery {
  int year_from = 0, year_to = 0;
  std::optional<std::int64_t> unit_id;
  std::vector<Dimension> by;
  std::map<std::string, std::string> province_as;  // the new boundaries; empty: as recorded
};

// A plan's target against what was done: the organiser's courses of the year and kind.
struct PlanLine {
  std::int64_t unit_id = 0;
  int year = 0;
  std::string kind;
  PlanTarget target;
  std::int64_t courses = 0, persons = 0, person_times = 0, completed_persons = 0;
  std::int64_t planned_cost = 0, actual_cost = 0;
  std::int64_t cost_per_trainee = 0;  // actual cost ÷ persons, half up; 0 without persons
};

struct TrainingReport {
  TrainingReportQuery query;
  std::vector<ReportCell> cells;  // by key
  ReportCell total;               // each person once over every cell
  std::vector<PlanLine> plan;     // the plans of the years (of the unit), by year, unit, kind
  std::int64_t actual_cost = 0;   // of every course counted
  std::int64_t cost_per_trainee = 0;
};

// A certificate's code: unguessable (libsodium's random bytes), 20 letters and digits.
using CodeGenerator = std::function<std::string()>;
std::string random_certificate_code();

class TrainingService : private audit::Recording {
 public:
  TrainingService(TrainingRepository& repo, work::WorkRepository& work,
                  registry::RegistryRepository& registry, audit::AuditLog& audit,
                  TransactionManager& tx, const Clock& clock, const TrainingRules& rules,
                  CodeGenerator codes = random_certificate_code)
      : Recording(audit, tx, clock),
        repo_(repo),
        work_(work),
        registry_(registry),
        rules_(rules),
        codes_(std::move(codes)) {}

  const TrainingRules& rules() const { return rules_; }

  // ---- writes ----
  // A unit of the work programme, a year, one target per known kind (none negative); replaces
  // the unit's plan of that year.
  Result<Plan> save_plan(Plan plan, const std::string& actor, const ProvinceScope& scope);
  // A unique code, an organiser, a known kind, a topic, a province; ends_on on or after
  // starts_on; one or more session days within them; cost items of known categories, none
  // negative, one per category.
  Result<CourseView> add_course(Course course, const std::vector<Date>& session_days,
                                const std::string& actor, const ProvinceScope& scope);
  // The course's cost items replaced (actual costs once spent).
  Result<Course> set_costs(std::int64_t course_id, std::vector<CostItem> costs,
                           const std::string& actor, const ProvinceScope& scope);
  // A name, a year of birth not in the future (and a person under 100), a known ethnicity and
  // role; the cooperative an entity of the registry (its province when none is given).
  Result<Trainee> add_trainee(Trainee trainee, const std::string& actor,
                              const ProvinceScope& scope);
  // One enrolment per person and course (a second is refused on "trainee"); enrolled today
  // when `on` is empty, never after the course's end.
  Result<Enrolment> enrol(std::int64_t course_id, std::int64_t trainee_id, std::optional<Date> on,
                          const std::string& actor, const ProvinceScope& scope);
  // A session's marks for its class, in one transaction: refused for a session not held yet, a
  // person not enrolled, or a session held before the person enrolled. Completion is recomputed.
  Result<CourseView> mark(std::int64_t course_id, std::int64_t session_id,
                          const std::vector<MarkEntry>& marks, const std::string& actor,
                          const ProvinceScope& scope);
  // A certificate for a completed enrolment only; issuing it again gives the same one.
  Result<Certificate> certify(std::int64_t course_id, std::int64_t trainee_id,
                              const std::string& actor, const ProvinceScope& scope);
  // Every completed enrolment of the course without one gets its certificate.
  Result<std::vector<Certificate>> certify_all(std::int64_t course_id, const std::string& actor,
                                               const ProvinceScope& scope);

  // ---- reads ----
  std::vector<Plan> plans(PlanQuery query, const ProvinceScope& scope);
  std::vector<Course> courses(CourseQuery query, const ProvinceScope& scope);
  Result<CourseView> course(std::int64_t course_id, const ProvinceScope& scope);
  std::vector<Trainee> trainees(TraineeQuery query, const ProvinceScope& scope);
  Result<Trainee> trainee(std::int64_t id, const ProvinceScope& scope);
  // What the certificate of `code` says; public (no scope): not found for an unknown code.
  Result<Certificate> verify(const std::string& code);
  // Unique persons and person-times by the query's dimensions in the scope's provinces, each
  // person once per cell and once in the total; the plans of the years against the actuals.
  Result<TrainingReport> report(const TrainingReportQuery& query, const ProvinceScope& scope);
  // The people with a completed enrolment in the unit's courses of the year, each once (the
  // plan's trainee target, issue 13 item 2).
  std::int64_t completed_trainees(std::int64_t unit_id, int year);

 private:
  // The course, if the scope allows its province (to read it or to write it).
  Result<Course> course_in_scope(std::int64_t course_id, const ProvinceScope& scope);
  Result<bool> known(const std::vector<Entry>& list, const std::string& code, const char* field,
                     const char* key) const;
  Result<bool> valid_costs(const std::vector<CostItem>& costs) const;
  CourseView view_of(Course course);
  Certificate certificate_of(const Course& course, const Enrolment& e, const Trainee& t);
  // The enrolment's completion by its marks, written when it changed.
  void recompute(const std::vector<Session>& sessions, const std::vector<Attendance>& marks,
                 Enrolment& e);

  TrainingRepository& repo_;
  work::WorkRepository& work_;
  registry::RegistryRepository& registry_;
  const TrainingRules& rules_;
  CodeGenerator codes_;
};

}  // namespace htx::training
