// Training (issue 13): the alliances' yearly training plans, their courses (đào tạo, bồi dưỡng,
// tập huấn) with dated sessions, lecturers and cost items, the people trained, enrolments,
// attendance per session, completion and certificates. Kinds, cost categories, roles and
// ethnicities are codes of data/training (rules.hpp); what a person attended is never stored as
// a total, only as marks per session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace htx::training {

enum class Sex { kMale, kFemale };
std::string_view to_code(Sex s);  // "male", "female"
std::optional<Sex> sex_from_code(std::string_view code);

// A mark for one session: present, late (counted as attended by default), excused, absent.
enum class Mark { kPresent, kLate, kExcused, kAbsent };
std::string_view to_code(Mark m);  // "present", "late", "excused", "absent"
std::optional<Mark> mark_from_code(std::string_view code);

// A target of a plan for one kind of course.
struct PlanTarget {
  std::string kind;           // course_kinds.csv
  std::int64_t trainees = 0;  // people
  std::int64_t courses = 0;   // classes
  std::int64_t budget = 0;    // đồng
  bool operator==(const PlanTarget&) const = default;
};

// An organiser's (a unit of the work programme: the VCA, a provincial alliance) plan for a year.
struct Plan {
  std::int64_t id = 0;
  std::int64_t unit_id = 0;
  std::string province_id;  // the unit's, for the scope ("" for the national alliance)
  int year = 0;
  std::vector<PlanTarget> targets;  // one per kind
  std::string note;
  std::string entered_by, entered_at;
};

// A cost item of a course, planned and actual, in đồng.
struct CostItem {
  std::string category;  // cost_categories.csv
  std::int64_t planned = 0, actual = 0;
  std::string note;
  bool operator==(const CostItem&) const = default;
};

struct Course {
  std::int64_t id = 0;
  std::string code;  // unique: "BG-2021-03"
  std::int64_t unit_id = 0;
  std::string kind, topic, audience;
  std::string province_id, place;
  std::vector<std::string> lecturers;
  std::string funding_source;  // "Ngân sách trung ương", "Ngân sách tỉnh", "Dự án ILO"…
  Date starts_on, ends_on;
  int year = 0;  // of starts_on: the plan it counts for
  std::vector<CostItem> costs;
  std::string entered_by, entered_at;
};

// One dated day (or half day) of a course.
struct Session {
  std::int64_t id = 0;
  std::int64_t course_id = 0;
  int number = 0;  // 1, 2, … by date
  Date held_on;
  std::string topic;
};

// A person trained.
struct Trainee {
  std::int64_t id = 0;
  std::string full_name;
  Sex sex = Sex::kFemale;
  int birth_year = 0;
  std::string ethnicity;    // ethnicities.csv code "01".."54"
  std::string role;         // roles.csv
  std::string entity_code;  // their cooperative in the registry ("" none)
  std::string province_id;
  std::string phone;
  std::string entered_by, entered_at;
};

// A person in a course: one per person and course.
struct Enrolment {
  std::int64_t id = 0;
  std::int64_t course_id = 0, trainee_id = 0;
  Date enrolled_on;
  bool completed = false;        // by the rule, recomputed whenever a mark is saved
  std::string certificate_code;  // "" until a certificate is issued
  std::optional<Date> certified_on;
  std::string entered_by, entered_at;
};

struct Attendance {
  std::int64_t session_id = 0, enrolment_id = 0;
  Mark mark = Mark::kPresent;
  std::string marked_by, marked_at;
};

}  // namespace htx::training
