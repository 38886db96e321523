// Storage of training (plans, courses, sessions, trainees, enrolments, attendance), implemented
// once over the statement runner (src/store/training_store.cpp) and checked by one contract suite
// on both backends (tests/store/training_contract_test.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/repository.hpp"
#include "training/training.hpp"

namespace htx::training {

struct PlanQuery {
  std::optional<std::int64_t> unit_id;
  std::optional<int> year;
  std::optional<std::vector<std::string>> province_ids;  // none: any province
};

struct CourseQuery {
  std::optional<std::int64_t> unit_id;
  std::optional<int> year;
  std::optional<std::string> kind;
  std::optional<std::vector<std::string>> province_ids;  // none: any province
};

struct TraineeQuery {
  std::optional<std::string> entity_code;
  std::optional<std::vector<std::string>> province_ids;  // none: any province
};

// What a report groups enrolments by.
// kUnit (the organiser's id) and kYear (the course's) group the plans' lines.
enum class Dimension { kProvince, kKind, kSex, kEthnicity, kAgeBand, kRole, kUnit, kYear };
// "province", "kind", "sex", "ethnicity", "age_band", "role", "unit", "year"
std::string_view to_code(Dimension d);
std::optional<Dimension> dimension_from_code(std::string_view code);

struct AgeBand {
  std::string code;
  int min_age = 0;
  std::optional<int> max_age;  // none: no upper bound
};

// The enrolments of the courses of years [year_from, year_to] (of an organiser, in provinces),
// grouped by `by`: each person counted once per cell (persons) and each enrolment once
// (person-times, lượt người).
struct ReportQuery {
  int year_from = 0, year_to = 0;
  std::optional<std::int64_t> unit_id;
  std::optional<std::vector<std::string>> province_ids;  // the course's province; none: any
  std::vector<Dimension> by;
  std::vector<AgeBand> age_bands;  // for kAgeBand: age = the course's year − year of birth
  // The province a course's province is reported as (the new boundaries); absent: itself.
  std::map<std::string, std::string> province_as;
};

struct ReportCell {
  std::vector<std::string> key;  // one value per dimension of `by`, in order
  std::int64_t persons = 0, person_times = 0;
  std::int64_t completed_persons = 0, completed_times = 0;
  std::int64_t courses = 0;
};

// One enrolment as the report counts it.
struct EnrolmentFact {
  std::vector<std::string> key;  // one value per dimension of the query's `by`, in order
  std::int64_t unit_id = 0;      // the course's organiser, year and kind (the plan's line)
  int year = 0;
  std::string kind;
  std::int64_t trainee_id = 0, course_id = 0;
  bool completed = false;
};

class TrainingRepository {
 public:
  virtual ~TrainingRepository() = default;

  // Plans: (unit, year) is unique.
  HTX_RECORDS(Plan, plan);
  virtual std::optional<Plan> find_plan_of(std::int64_t unit_id, int year) = 0;
  virtual std::vector<Plan> list_plans(const PlanQuery& query) = 0;  // by year, unit

  // Courses: the code is unique.
  HTX_RECORDS(Course, course);
  virtual std::optional<Course> find_course_by_code(const std::string& code) = 0;
  virtual std::vector<Course> list_courses(const CourseQuery& query) = 0;  // by start, code

  // Sessions: (course, number) is unique.
  virtual std::int64_t insert_session(const Session& session) = 0;
  virtual std::vector<Session> sessions_of(std::int64_t course_id) = 0;  // by number

  HTX_RECORDS(Trainee, trainee);
  virtual std::vector<Trainee> list_trainees(const TraineeQuery& query) = 0;  // by name, id

  // Enrolments: (course, trainee) is unique, and so is a certificate's code.
  HTX_RECORDS(Enrolment, enrolment);
  virtual std::optional<Enrolment> find_enrolment_of(std::int64_t course_id,
                                                     std::int64_t trainee_id) = 0;
  virtual std::optional<Enrolment> find_enrolment_by_certificate(const std::string& code) = 0;
  virtual std::vector<Enrolment> enrolments_of(std::int64_t course_id) = 0;  // by id
  virtual std::vector<Enrolment> enrolments_of_trainee(std::int64_t trainee_id) = 0;

  // A person's mark for a session, replacing an earlier one.
  virtual void save_attendance(const Attendance& attendance) = 0;
  // Every mark of a course's sessions, by session, enrolment.
  virtual std::vector<Attendance> attendance_of(std::int64_t course_id) = 0;

  // Every enrolment of the query's courses with its key by `by`, in no order; the report is
  // counted from these in TrainingService::report.
  virtual std::vector<EnrolmentFact> enrolment_facts(const ReportQuery& query) = 0;
  // The people with a completed enrolment in the unit's courses of the year, each once.
  virtual std::int64_t completed_trainees(std::int64_t unit_id, int year) = 0;
};

}  // namespace htx::training
