// Training as the pages, the JSON API and the command line all use it (issue 13): the service
// built over the request's database and data/training's rules, the caller's role checked (the
// work programme's: admin, national and provincial staff write in their scope, the national
// leader reads; accounts::AccessPolicy), codes resolved (a unit by code, a course by code), the
// requests' fields read once into the service's inputs, every refusal naming its field. The
// public verification of a certificate needs no caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "areas/area_base.hpp"
#include "areas/fields.hpp"
#include "core/i18n.hpp"
#include "geo/geography.hpp"
#include "store/database.hpp"
#include "training/training_service.hpp"

namespace htx::areas {

class TrainingArea : public CallerArea {
 public:
  TrainingArea(store::Database& db, const Clock& clock, const training::TrainingRules& rules,
               const geo::Geography& geo, Caller caller);

  const training::TrainingRules& rules() const { return rules_; }
  // The unit's code and name of an id ("" when unknown).
  std::string unit_code(std::int64_t id);
  std::string unit_name(std::int64_t id);
  // The units that organise courses: the national alliance and the provincial ones in scope.
  std::vector<work::Unit> organisers();
  // The name a report shows for a code of a dimension (a province's, an ethnicity's…).
  std::string value_name(training::Dimension d, const std::string& code,
                         const i18n::Catalog& cat) const;

  // ---- reads ----
  // Filters: unit (code), year.
  Result<std::vector<training::Plan>> plans(const Fields& filter);
  // Filters: unit (code), year, kind.
  Result<std::vector<training::Course>> courses(const Fields& filter);
  Result<training::CourseView> course(const std::string& code);
  // Filters: entity (code).
  Result<std::vector<training::Trainee>> trainees(const Fields& filter);
  // year (or year_from and year_to), unit (code), by (dimension codes, comma separated;
  // default province,kind), boundaries (registered|old|new; default as registered).
  Result<training::TrainingReport> report(const Fields& query);
  // The people who completed a course of the unit in the year (the plan's trainee target).
  Result<std::int64_t> completed_trainees(const std::string& unit_code, int year);
  // Public: what a certificate says.
  Result<training::Certificate> verify(const std::string& code);

  // ---- writes ----
  // unit (code), year, and for each kind K of data/training: trainees_K, courses_K, budget_K
  // (a kind with none of the three is not planned); note.
  Result<training::Plan> save_plan(const Fields& f);
  // code, unit (code), kind, topic, audience, province (id; default the unit's), place,
  // lecturers (one a line or comma separated), funding_source, starts_on, ends_on, sessions
  // (dates, comma separated or one a line; default each day from start to end), and for each
  // cost category C: planned_C, actual_C (đồng).
  Result<training::CourseView> add_course(const Fields& f);
  // planned_C, actual_C for each cost category C.
  Result<training::Course> set_costs(const std::string& course_code, const Fields& f);
  // full_name, sex (male|female), birth_year, ethnicity (code), role (code), entity (code),
  // province (id; default the cooperative's), phone.
  Result<training::Trainee> add_trainee(const Fields& f);
  // trainee (id), enrolled_on (default today).
  Result<training::Enrolment> enrol(const std::string& course_code, const Fields& f);
  // session (its number), and mark_<trainee id> = present|late|excused|absent for each person.
  Result<training::CourseView> mark(const std::string& course_code, const Fields& f);
  // trainee (id); all = "1": every completed enrolment of the course.
  Result<std::vector<training::Certificate>> certify(const std::string& course_code,
                                                     const Fields& f);

 private:
  Result<bool> must_read() const;
  Result<bool> must_write() const;
  Result<std::optional<std::int64_t>> unit_id(const std::string& code, const std::string& field);
  Result<training::Course> course_of(const std::string& code);
  Result<training::Course> writable_course(const std::string& code);
  template <typename Query>
  std::optional<Error> unit_and_year(const Fields& filter, Query& q);
  Result<std::vector<training::CostItem>> costs_of(const Fields& f) const;

  store::Database& db_;
  const Clock& clock_;
  const training::TrainingRules& rules_;
  const geo::Geography& geo_;
  training::TrainingService service_;
};

}  // namespace htx::areas
