// Training (plans, courses, sessions, trainees, enrolments, attendance) over declared tables
// (store/record.hpp), written once for both backends; the report reads the enrolments with
// their course and, when its key needs them, their person. A course's lecturers are a JSON array; a
// session's attendance is one row per person.
#include "core/error.hpp"
#include "store/record.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using namespace htx::training;

PlanTarget target_of(const nlohmann::json& j) {
  return PlanTarget{j.value("kind", ""), j.value("trainees", std::int64_t{0}),
                    j.value("courses", std::int64_t{0}), j.value("budget", std::int64_t{0})};
}
nlohmann::json target_json(const PlanTarget& t) {
  return {{"kind", t.kind}, {"trainees", t.trainees}, {"courses", t.courses}, {"budget", t.budget}};
}
CostItem cost_of(const nlohmann::json& j) {
  return CostItem{j.value("category", ""), j.value("planned", std::int64_t{0}),
                  j.value("actual", std::int64_t{0}), j.value("note", "")};
}
nlohmann::json cost_json(const CostItem& c) {
  return {{"category", c.category}, {"planned", c.planned}, {"actual", c.actual}, {"note", c.note}};
}

const Table<Plan> kPlans{
    "training_plan",
    {key<&Plan::id>(), column<&Plan::unit_id>("unit_id"), column<&Plan::province_id>("province_id"),
     column<&Plan::year>("year"),
     coded<JsonObjects<PlanTarget, target_of, target_json>, &Plan::targets>("targets"),
     column<&Plan::note>("note"), column<&Plan::entered_by>("entered_by"),
     column<&Plan::entered_at>("entered_at")}};

const Table<Course> kCourses{
    "training_course",
    {key<&Course::id>(), column<&Course::code>("code"), column<&Course::unit_id>("unit_id"),
     column<&Course::kind>("kind"), column<&Course::topic>("topic"),
     column<&Course::audience>("audience"), column<&Course::province_id>("province_id"),
     column<&Course::place>("place"), column<&Course::lecturers>("lecturers"),
     column<&Course::funding_source>("funding_source"), column<&Course::starts_on>("starts_on"),
     column<&Course::ends_on>("ends_on"), column<&Course::year>("year"),
     coded<JsonObjects<CostItem, cost_of, cost_json>, &Course::costs>("costs"),
     column<&Course::entered_by>("entered_by"), column<&Course::entered_at>("entered_at")}};

const Table<Session> kSessions{
    "training_session",
    {key<&Session::id>(), column<&Session::course_id>("course_id"),
     column<&Session::number>("number"), column<&Session::held_on>("held_on"),
     column<&Session::topic>("topic")}};

const Table<Trainee> kTrainees{
    "training_trainee",
    {key<&Trainee::id>(), column<&Trainee::full_name>("full_name"),
     code<&Trainee::sex, sex_from_code, Sex::kFemale>("sex"),
     column<&Trainee::birth_year>("birth_year"), column<&Trainee::ethnicity>("ethnicity"),
     column<&Trainee::role>("role"), column<&Trainee::entity_code>("entity_code"),
     column<&Trainee::province_id>("province_id"), column<&Trainee::phone>("phone"),
     column<&Trainee::entered_by>("entered_by"), column<&Trainee::entered_at>("entered_at")}};

const Table<Enrolment> kEnrolments{
    "training_enrolment",
    {key<&Enrolment::id>(), column<&Enrolment::course_id>("course_id"),
     column<&Enrolment::trainee_id>("trainee_id"), column<&Enrolment::enrolled_on>("enrolled_on"),
     column<&Enrolment::completed>("completed"),
     column<&Enrolment::certificate_code>("certificate_code"),
     column<&Enrolment::certified_on>("certified_on"), column<&Enrolment::entered_by>("entered_by"),
     column<&Enrolment::entered_at>("entered_at")}};

const Table<Attendance> kAttendance{
    "training_attendance",
    {column<&Attendance::session_id>("session_id"),
     column<&Attendance::enrolment_id>("enrolment_id"),
     code<&Attendance::mark, mark_from_code, Mark::kAbsent>("mark"),
     column<&Attendance::marked_by>("marked_by"), column<&Attendance::marked_at>("marked_at")}};

// A text of data/ as an SQL literal.
std::string literal(const std::string& v) {
  std::string out = "'";
  for (char c : v) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The expression a dimension groups by.
// Whether a report's dimensions read the trainee's columns (sex, ethnicity, role, age).
bool uses_trainee(const ReportQuery& q) {
  for (auto d : q.by)
    if (d == Dimension::kSex || d == Dimension::kEthnicity || d == Dimension::kRole ||
        d == Dimension::kAgeBand)
      return true;
  return false;
}

std::string dimension_sql(Dimension d, const ReportQuery& q) {
  switch (d) {
    case Dimension::kProvince: {
      if (q.province_as.empty()) return "c.province_id";
      std::string out = "CASE c.province_id";
      for (const auto& [from, to] : q.province_as)
        out += " WHEN " + literal(from) + " THEN " + literal(to);
      return out + " ELSE c.province_id END";
    }
    case Dimension::kKind:
      return "c.kind";
    case Dimension::kSex:
      return "t.sex";
    case Dimension::kEthnicity:
      return "t.ethnicity";
    case Dimension::kRole:
      return "t.role";
    case Dimension::kUnit:
      return "CAST(c.unit_id AS TEXT)";
    case Dimension::kYear:
      return "CAST(c.year AS TEXT)";
    case Dimension::kAgeBand: {
      std::string out = "CASE";
      for (const auto& b : q.age_bands) {
        out += " WHEN c.year - t.birth_year >= " + std::to_string(b.min_age);
        if (b.max_age) out += " AND c.year - t.birth_year <= " + std::to_string(*b.max_age);
        out += " THEN " + literal(b.code);
      }
      return out + " ELSE '' END";
    }
  }
  return "''";
}

class TrainingStore final : public Store<TrainingRepository> {
 public:
  using Store::Store;

  HTX_STORE_RECORDS(Plan, plan, plans_);
  std::optional<Plan> find_plan_of(std::int64_t unit_id, int year) override {
    return plan_of_.first({p(unit_id), p(year)});
  }
  std::vector<Plan> list_plans(const PlanQuery& q) override {
    return plans_by_filter_.all(
        {any_or(q.unit_id), any_or(q.year), provinces_or_any(q.province_ids)});
  }

  HTX_STORE_RECORDS(Course, course, courses_);
  std::optional<Course> find_course_by_code(const std::string& code) override {
    return course_by_code_.first({p(code)});
  }
  std::vector<Course> list_courses(const CourseQuery& q) override {
    return courses_by_filter_.all(
        {any_or(q.unit_id), any_or(q.year), any_or(q.kind), provinces_or_any(q.province_ids)});
  }

  std::int64_t insert_session(const Session& x) override { return sessions_.insert(x); }
  std::vector<Session> sessions_of(std::int64_t course_id) override {
    return sessions_of_.all({p(course_id)});
  }

  HTX_STORE_RECORDS(Trainee, trainee, trainees_);
  std::vector<Trainee> list_trainees(const TraineeQuery& q) override {
    return trainees_by_filter_.all({any_or(q.entity_code), provinces_or_any(q.province_ids)});
  }

  HTX_STORE_RECORDS(Enrolment, enrolment, enrolments_);
  std::optional<Enrolment> find_enrolment_of(std::int64_t course_id,
                                             std::int64_t trainee_id) override {
    return enrolment_of_.first({p(course_id), p(trainee_id)});
  }
  std::optional<Enrolment> find_enrolment_by_certificate(const std::string& code) override {
    if (code.empty()) return std::nullopt;
    return enrolment_by_certificate_.first({p(code)});
  }
  std::vector<Enrolment> enrolments_of(std::int64_t course_id) override {
    return enrolments_of_.all({p(course_id)});
  }
  std::vector<Enrolment> enrolments_of_trainee(std::int64_t trainee_id) override {
    return enrolments_of_trainee_.all({p(trainee_id)});
  }

  void save_attendance(const Attendance& a) override {
    r_.query(save_attendance_, 0, kAttendance.params(a));
  }
  std::vector<Attendance> attendance_of(std::int64_t course_id) override {
    return attendance_of_.all({p(course_id)});
  }

  std::vector<EnrolmentFact> enrolment_facts(const ReportQuery& q) override {
    std::string keys;
    for (auto d : q.by) keys += dimension_sql(d, q) + ", ";
    std::string sql =
        "SELECT " + keys +
        "c.unit_id, c.year, c.kind, e.trainee_id, e.course_id, e.completed "
        "FROM training_enrolment e JOIN training_course c ON c.id = e.course_id " +
        // Every enrolment has its trainee (a foreign key): joined only for its columns.
        std::string(uses_trainee(q) ? "JOIN training_trainee t ON t.id = e.trainee_id " : "") +
        "WHERE c.year >= CAST($1 AS BIGINT) AND c.year <= CAST($2 AS BIGINT) AND " +
        filter_on("c.unit_id = CAST($ AS BIGINT)", 3) + " AND " +
        filter_on(in_json_list("c.province_id", d_), 4);
    const std::size_t dims = q.by.size();
    auto rows = r_.query(
        translate(sql, d_), static_cast<int>(dims) + 6,
        {p(q.year_from), p(q.year_to), any_or(q.unit_id), provinces_or_any(q.province_ids)});
    std::vector<EnrolmentFact> out;
    out.reserve(rows.size());
    for (auto& row : rows) {
      EnrolmentFact f;
      f.key.reserve(dims);
      for (std::size_t i = 0; i < dims; ++i) f.key.push_back(to_text(row[i]));
      f.unit_id = to_int(row[dims]);
      f.year = static_cast<int>(to_int(row[dims + 1]));
      f.kind = to_text(row[dims + 2]);
      f.trainee_id = to_int(row[dims + 3]);
      f.course_id = to_int(row[dims + 4]);
      f.completed = to_bool(row[dims + 5]);
      out.push_back(std::move(f));
    }
    return out;
  }

  std::int64_t completed_trainees(std::int64_t unit_id, int year) override {
    auto rows = r_.query(completed_, 1, {p(unit_id), p(year)});
    return rows.empty() ? 0 : to_int(rows[0][0]);
  }

 private:
  // An optional filter (the '$' of optional_filters) on parameter n.
  static std::string filter_on(std::string_view condition, int n) {
    const auto param = "$" + std::to_string(n);
    std::string out = "(" + param + "::text IS NULL OR ";
    for (char ch : condition) out += ch == '$' ? param : std::string(1, ch);
    return out + ")";
  }

  const Records<Plan> plans_{r_, d_, kPlans};
  const Query<Plan> plan_of_ = plans_.select("WHERE unit_id = $1 AND year = $2");
  const Query<Plan> plans_by_filter_ =
      plans_.select("WHERE " +
                    optional_filters({"unit_id = CAST($ AS BIGINT)", "year = CAST($ AS BIGINT)",
                                      in_json_list("province_id", d_)}) +
                    " ORDER BY year, unit_id");

  const Records<Course> courses_{r_, d_, kCourses};
  const Query<Course> course_by_code_ = courses_.select("WHERE code = $1");
  const Query<Course> courses_by_filter_ =
      courses_.select("WHERE " +
                      optional_filters({"unit_id = CAST($ AS BIGINT)", "year = CAST($ AS BIGINT)",
                                        "kind = $", in_json_list("province_id", d_)}) +
                      " ORDER BY starts_on, code");

  const Records<Session> sessions_{r_, d_, kSessions};
  const Query<Session> sessions_of_ = sessions_.select("WHERE course_id = $1 ORDER BY number");

  const Records<Trainee> trainees_{r_, d_, kTrainees};
  const Query<Trainee> trainees_by_filter_ = trainees_.select(
      "WHERE " + optional_filters({"entity_code = $", in_json_list("province_id", d_)}) +
      " ORDER BY full_name, id");

  const Records<Enrolment> enrolments_{r_, d_, kEnrolments};
  const Query<Enrolment> enrolment_of_ =
      enrolments_.select("WHERE course_id = $1 AND trainee_id = $2");
  const Query<Enrolment> enrolment_by_certificate_ =
      enrolments_.select("WHERE certificate_code = $1");
  const Query<Enrolment> enrolments_of_ = enrolments_.select("WHERE course_id = $1 ORDER BY id");
  const Query<Enrolment> enrolments_of_trainee_ =
      enrolments_.select("WHERE trainee_id = $1 ORDER BY id");

  const std::string save_attendance_ =
      translate(kAttendance.insert() +
                    " ON CONFLICT (session_id, enrolment_id) DO UPDATE SET mark = excluded.mark, "
                    "marked_by = excluded.marked_by, marked_at = excluded.marked_at",
                d_);
  const Query<Attendance> attendance_of_ =
      select(r_, d_, kAttendance,
             "WHERE session_id IN (SELECT id FROM training_session WHERE course_id = $1) "
             "ORDER BY session_id, enrolment_id");
  const std::string completed_ = translate(
      "SELECT COUNT(DISTINCT e.trainee_id) FROM training_enrolment e "
      "JOIN training_course c ON c.id = e.course_id "
      "WHERE c.unit_id = $1 AND c.year = $2 AND e.completed",
      d_);
};

}  // namespace

HTX_STORE_OF(training::TrainingRepository, TrainingStore)

}  // namespace htx::store::sql
