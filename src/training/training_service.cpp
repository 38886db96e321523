#include "training/training_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_set>

#include "core/json_record.hpp"
#include "core/scoped_record.hpp"
#include "core/text.hpp"

namespace htx::training {

namespace {

Error required(const char* field) { return Error::invalid(field, "field.required"); }

nlohmann::json to_json(const Plan& p) {
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : p.targets)
    targets.push_back(
        {{"kind", t.kind}, {"trainees", t.trainees}, {"courses", t.courses}, {"budget", t.budget}});
  auto out = json_record("id", p.id, "unit_id", p.unit_id, "year", p.year, "note", p.note);
  out["targets"] = targets;
  return out;
}
nlohmann::json to_json(const Course& c) {
  nlohmann::json costs = nlohmann::json::array();
  for (const auto& x : c.costs)
    costs.push_back({{"category", x.category}, {"planned", x.planned}, {"actual", x.actual}});
  auto out = json_record("id", c.id, "code", c.code, "unit_id", c.unit_id, "kind", c.kind, "topic",
                         c.topic, "province_id", c.province_id, "place", c.place, "starts_on",
                         c.starts_on, "ends_on", c.ends_on, "lecturers", c.lecturers,
                         "funding_source", c.funding_source);
  out["costs"] = costs;
  return out;
}
nlohmann::json to_json(const Trainee& t) {
  return json_record("id", t.id, "full_name", t.full_name, "sex", t.sex, "birth_year", t.birth_year,
                     "ethnicity", t.ethnicity, "role", t.role, "entity_code", t.entity_code,
                     "province_id", t.province_id);
}
nlohmann::json to_json(const Enrolment& e) {
  return json_record("id", e.id, "course_id", e.course_id, "trainee_id", e.trainee_id,
                     "enrolled_on", e.enrolled_on, "completed", e.completed, "certificate_code",
                     e.certificate_code);
}

std::int64_t half_up_div(std::int64_t a, std::int64_t b) {
  return b > 0 ? (a * 2 + b) / (b * 2) : 0;
}

}  // namespace

std::string random_certificate_code() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw InfrastructureError("libsodium could not be initialised");
  // 20 symbols of a 32-letter alphabet without look-alikes (no 0/O, 1/I/L): 100 bits.
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  std::string out;
  for (int i = 0; i < 20; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

Result<bool> TrainingService::known(const std::vector<Entry>& list, const std::string& code,
                                    const char* field, const char* key) const {
  if (code.empty()) return required(field);
  if (!TrainingRules::find(list, code)) return Error::invalid(field, key, {{"value", code}});
  return true;
}

Result<bool> TrainingService::valid_costs(const std::vector<CostItem>& costs) const {
  std::set<std::string> seen;
  for (const auto& c : costs) {
    if (auto k = known(rules_.cost_categories(), c.category, "costs", "training.unknown_category");
        !k)
      return k.error();
    if (c.planned < 0 || c.actual < 0)
      return Error::invalid("costs", "training.cost_negative", {{"value", c.category}});
    if (!seen.insert(c.category).second)
      return Error::invalid("costs", "training.cost_twice", {{"value", c.category}});
  }
  return true;
}

Result<Course> TrainingService::course_in_scope(std::int64_t course_id,
                                                const ProvinceScope& scope) {
  return scoped_record(repo_.find_course(course_id), course_id, scope, "training.no_course",
                       "training.out_of_scope", "code");
}

// ---- plans ------------------------------------------------------------------------------------

Result<Plan> TrainingService::save_plan(Plan plan, const std::string& actor,
                                        const ProvinceScope& scope) {
  auto unit = work_.find_unit(plan.unit_id);
  if (!unit)
    return Error::invalid("unit", "training.unknown_unit",
                          {{"value", std::to_string(plan.unit_id)}});
  if (plan.year < 2000 || plan.year > clock_.today().year() + 5)
    return Error::invalid("year", "training.bad_year", {{"value", std::to_string(plan.year)}});
  std::set<std::string> kinds;
  for (const auto& t : plan.targets) {
    if (auto k = known(rules_.kinds(), t.kind, "targets", "training.unknown_kind"); !k)
      return k.error();
    if (t.trainees < 0 || t.courses < 0 || t.budget < 0)
      return Error::invalid("targets", "training.target_negative", {{"value", t.kind}});
    if (!kinds.insert(t.kind).second)
      return Error::invalid("targets", "training.target_twice", {{"value", t.kind}});
  }
  if (plan.targets.empty()) return required("targets");
  plan.province_id = unit->province_id;
  if (!scope.allows(plan.province_id)) return Error::forbidden("training.out_of_scope");
  plan.entered_by = actor;
  plan.entered_at = clock_.now_iso();
  Transaction tx(tx_);
  auto before = repo_.find_plan_of(plan.unit_id, plan.year);
  if (before) {
    plan.id = before->id;
    repo_.update_plan(plan);
  } else {
    plan.id = repo_.insert_plan(plan);
  }
  log(before ? "training.plan.update" : "training.plan.create", "training_plan",
      unit->code + "/" + std::to_string(plan.year), before ? to_json(*before).dump() : "",
      to_json(plan).dump(), actor);
  tx.commit();
  return plan;
}

// ---- courses ----------------------------------------------------------------------------------

Result<CourseView> TrainingService::add_course(Course c, const std::vector<Date>& session_days,
                                               const std::string& actor,
                                               const ProvinceScope& scope) {
  c.code = std::string(text::trim(c.code));
  c.topic = std::string(text::trim(c.topic));
  if (c.code.empty()) return required("code");
  auto unit = work_.find_unit(c.unit_id);
  if (!unit)
    return Error::invalid("unit", "training.unknown_unit", {{"value", std::to_string(c.unit_id)}});
  if (auto k = known(rules_.kinds(), c.kind, "kind", "training.unknown_kind"); !k) return k.error();
  if (c.topic.empty()) return required("topic");
  if (c.province_id.empty()) c.province_id = unit->province_id;
  if (c.province_id.empty()) return required("province");
  if (c.starts_on == Date{}) return required("starts_on");
  if (c.ends_on == Date{}) c.ends_on = c.starts_on;
  if (c.ends_on < c.starts_on)
    return Error::invalid("ends_on", "training.ends_before_start",
                          {{"value", c.ends_on.vietnamese()}, {"start", c.starts_on.vietnamese()}});
  if (session_days.empty()) return required("sessions");
  std::vector<Date> days = session_days;
  std::sort(days.begin(), days.end());
  for (auto d : days)
    if (d < c.starts_on || d > c.ends_on)
      return Error::invalid("sessions", "training.session_outside_course",
                            {{"value", d.vietnamese()}});
  if (auto v = valid_costs(c.costs); !v) return v.error();
  if (!scope.allows(c.province_id)) return Error::forbidden("training.out_of_scope");
  c.year = c.starts_on.year();
  c.entered_by = actor;
  c.entered_at = clock_.now_iso();
  Transaction tx(tx_);
  if (repo_.find_course_by_code(c.code))
    return Error::conflict("training.course_exists", {{"code", c.code}}).on("code");
  c.id = repo_.insert_course(c);
  int n = 0;
  for (auto d : days) repo_.insert_session({0, c.id, ++n, d, ""});
  log("training.course.create", "training_course", c.code, "", to_json(c).dump(), actor);
  tx.commit();
  return view_of(std::move(c));
}

Result<Course> TrainingService::set_costs(std::int64_t course_id, std::vector<CostItem> costs,
                                          const std::string& actor, const ProvinceScope& scope) {
  auto c = course_in_scope(course_id, scope);
  if (!c) return c.error();
  if (auto v = valid_costs(costs); !v) return v.error();
  Transaction tx(tx_);
  auto before = to_json(*c).dump();
  c->costs = std::move(costs);
  repo_.update_course(*c);
  log("training.course.costs", "training_course", c->code, before, to_json(*c).dump(), actor);
  tx.commit();
  return *c;
}

// ---- people -----------------------------------------------------------------------------------

Result<Trainee> TrainingService::add_trainee(Trainee t, const std::string& actor,
                                             const ProvinceScope& scope) {
  t.full_name = text::to_nfc(text::trim(t.full_name));
  if (t.full_name.empty()) return required("full_name");
  const int this_year = clock_.today().year();
  if (t.birth_year == 0) return required("birth_year");
  if (t.birth_year > this_year)
    return Error::invalid("birth_year", "training.birth_year_future",
                          {{"value", std::to_string(t.birth_year)}});
  if (t.birth_year < this_year - 100)
    return Error::invalid("birth_year", "training.birth_year_too_old",
                          {{"value", std::to_string(t.birth_year)}});
  if (auto k = known(rules_.ethnicities(), t.ethnicity, "ethnicity", "training.unknown_ethnicity");
      !k)
    return k.error();
  if (auto k = known(rules_.roles(), t.role, "role", "training.unknown_role"); !k) return k.error();
  t.entity_code = std::string(text::trim(t.entity_code));
  if (!t.entity_code.empty()) {
    auto e = registry_.find_by_code(t.entity_code);
    if (!e) return Error::invalid("entity", "training.unknown_entity", {{"value", t.entity_code}});
    if (t.province_id.empty()) t.province_id = e->province_id;
  }
  if (t.province_id.empty()) return required("province");
  if (!scope.allows(t.province_id)) return Error::forbidden("training.out_of_scope");
  t.entered_by = actor;
  t.entered_at = clock_.now_iso();
  Transaction tx(tx_);
  t.id = repo_.insert_trainee(t);
  log("training.trainee.create", "training_trainee", std::to_string(t.id), "", to_json(t).dump(),
      actor);
  tx.commit();
  return t;
}

Result<Enrolment> TrainingService::enrol(std::int64_t course_id, std::int64_t trainee_id,
                                         std::optional<Date> on, const std::string& actor,
                                         const ProvinceScope& scope) {
  auto c = course_in_scope(course_id, scope);
  if (!c) return c.error();
  auto t = repo_.find_trainee(trainee_id);
  if (!t)
    return Error::invalid("trainee", "training.unknown_trainee",
                          {{"value", std::to_string(trainee_id)}});
  Enrolment e;
  e.course_id = c->id;
  e.trainee_id = t->id;
  e.enrolled_on = on.value_or(std::min(clock_.today(), c->ends_on));
  if (e.enrolled_on > c->ends_on)
    return Error::invalid("enrolled_on", "training.enrolled_after_end",
                          {{"value", e.enrolled_on.vietnamese()}});
  e.entered_by = actor;
  e.entered_at = clock_.now_iso();
  Transaction tx(tx_);
  if (repo_.find_enrolment_of(c->id, t->id))
    return Error::conflict("training.enrolled_twice", {{"name", t->full_name}}).on("trainee");
  e.id = repo_.insert_enrolment(e);
  log("training.enrol", "training_enrolment", c->code + "/" + std::to_string(t->id), "",
      to_json(e).dump(), actor);
  tx.commit();
  return e;
}

void TrainingService::recompute(const std::vector<Session>& sessions,
                                const std::vector<Attendance>& marks, Enrolment& e) {
  int counted = 0, attended = 0;
  std::set<std::int64_t> counted_ids;
  for (const auto& s : sessions)
    if (s.held_on >= e.enrolled_on) {
      ++counted;
      counted_ids.insert(s.id);
    }
  for (const auto& a : marks)
    if (a.enrolment_id == e.id && counted_ids.count(a.session_id) && rules_.attended(a.mark))
      ++attended;
  const bool completed = rules_.completes(attended, counted);
  if (completed != e.completed) {
    e.completed = completed;
    repo_.update_enrolment(e);
  }
}

Result<CourseView> TrainingService::mark(std::int64_t course_id, std::int64_t session_id,
                                         const std::vector<MarkEntry>& marks,
                                         const std::string& actor, const ProvinceScope& scope) {
  auto c = course_in_scope(course_id, scope);
  if (!c) return c.error();
  auto sessions = repo_.sessions_of(c->id);
  auto s = std::find_if(sessions.begin(), sessions.end(),
                        [&](const Session& x) { return x.id == session_id; });
  if (s == sessions.end())
    return Error::invalid("session", "training.unknown_session",
                          {{"value", std::to_string(session_id)}});
  if (s->held_on > clock_.today())
    return Error::invalid("session", "training.session_not_held",
                          {{"value", s->held_on.vietnamese()}});
  auto enrolments = repo_.enrolments_of(c->id);
  std::map<std::int64_t, Enrolment*> by_trainee;
  for (auto& e : enrolments) by_trainee[e.trainee_id] = &e;
  const auto now = clock_.now_iso();
  std::vector<Attendance> rows;
  for (const auto& m : marks) {
    auto it = by_trainee.find(m.trainee_id);
    if (it == by_trainee.end())
      return Error::invalid("trainee", "training.not_enrolled",
                            {{"value", std::to_string(m.trainee_id)}});
    if (s->held_on < it->second->enrolled_on)
      return Error::invalid(
          "trainee", "training.session_before_enrolment",
          {{"value", std::to_string(m.trainee_id)}, {"date", s->held_on.vietnamese()}});
    rows.push_back({s->id, it->second->id, m.mark, actor, now});
  }
  Transaction tx(tx_);
  nlohmann::json after = nlohmann::json::object();
  for (const auto& a : rows) {
    repo_.save_attendance(a);
    after[std::to_string(a.enrolment_id)] = std::string(to_code(a.mark));
  }
  auto all = repo_.attendance_of(c->id);
  for (auto& e : enrolments) recompute(sessions, all, e);
  log("training.attendance", "training_session", c->code + "#" + std::to_string(s->number), "",
      after.dump(), actor);
  tx.commit();
  return view_of(std::move(*c));
}

Certificate TrainingService::certificate_of(const Course& c, const Enrolment& e, const Trainee& t) {
  Certificate out;
  out.code = e.certificate_code;
  out.holder = t.full_name;
  out.birth_year = t.birth_year;
  out.course_code = c.code;
  out.topic = c.topic;
  auto kind = TrainingRules::find(rules_.kinds(), c.kind);
  out.kind = kind ? kind->name : c.kind;
  auto unit = work_.find_unit(c.unit_id);
  out.organiser = unit ? unit->name : "";
  out.place = c.place;
  out.province_id = c.province_id;
  out.starts_on = c.starts_on;
  out.ends_on = c.ends_on;
  out.certified_on = e.certified_on.value_or(Date{});
  auto sessions = repo_.sessions_of(c.id);
  auto marks = repo_.attendance_of(c.id);
  std::set<std::int64_t> counted;
  for (const auto& s : sessions)
    if (s.held_on >= e.enrolled_on) counted.insert(s.id);
  out.sessions = static_cast<int>(counted.size());
  for (const auto& a : marks)
    if (a.enrolment_id == e.id && counted.count(a.session_id) && rules_.attended(a.mark))
      ++out.attended;
  return out;
}

Result<Certificate> TrainingService::certify(std::int64_t course_id, std::int64_t trainee_id,
                                             const std::string& actor, const ProvinceScope& scope) {
  auto c = course_in_scope(course_id, scope);
  if (!c) return c.error();
  auto e = repo_.find_enrolment_of(c->id, trainee_id);
  if (!e)
    return Error::invalid("trainee", "training.not_enrolled",
                          {{"value", std::to_string(trainee_id)}});
  auto t = repo_.find_trainee(trainee_id);
  if (!e->certificate_code.empty()) return certificate_of(*c, *e, *t);
  if (!e->completed)
    return Error::invalid("trainee", "training.not_completed", {{"name", t->full_name}});
  Transaction tx(tx_);
  e->certificate_code = codes_();
  e->certified_on = clock_.today();
  repo_.update_enrolment(*e);
  log("training.certificate", "training_enrolment", e->certificate_code, "", to_json(*e).dump(),
      actor);
  tx.commit();
  return certificate_of(*c, *e, *t);
}

Result<std::vector<Certificate>> TrainingService::certify_all(std::int64_t course_id,
                                                              const std::string& actor,
                                                              const ProvinceScope& scope) {
  auto c = course_in_scope(course_id, scope);
  if (!c) return c.error();
  std::vector<Certificate> out;
  for (const auto& e : repo_.enrolments_of(c->id)) {
    if (!e.completed || !e.certificate_code.empty()) continue;
    auto one = certify(c->id, e.trainee_id, actor, scope);
    if (!one) return one.error();
    out.push_back(std::move(*one));
  }
  return out;
}

// ---- reads ------------------------------------------------------------------------------------

CourseView TrainingService::view_of(Course c) {
  CourseView v;
  auto unit = work_.find_unit(c.unit_id);
  v.organiser = unit ? unit->name : "";
  v.sessions = repo_.sessions_of(c.id);
  auto marks = repo_.attendance_of(c.id);
  for (auto& e : repo_.enrolments_of(c.id)) {
    Participant p;
    p.trainee = repo_.find_trainee(e.trainee_id).value_or(Trainee{});
    for (const auto& s : v.sessions)
      if (s.held_on >= e.enrolled_on) ++p.counted;
    for (const auto& a : marks)
      if (a.enrolment_id == e.id) {
        p.marks[a.session_id] = a.mark;
        if (rules_.attended(a.mark)) ++p.attended;
      }
    p.enrolment = std::move(e);
    v.participants.push_back(std::move(p));
  }
  std::stable_sort(v.participants.begin(), v.participants.end(),
                   [](const Participant& a, const Participant& b) {
                     return text::compare_vi(a.trainee.full_name, b.trainee.full_name) < 0;
                   });
  v.course = std::move(c);
  return v;
}

std::vector<Plan> TrainingService::plans(PlanQuery query, const ProvinceScope& scope) {
  auto rows = repo_.list_plans(query);
  std::erase_if(rows, [&](const Plan& p) { return !scope.allows(p.province_id); });
  return rows;
}

std::vector<Course> TrainingService::courses(CourseQuery query, const ProvinceScope& scope) {
  if (!scope.is_all()) query.province_ids = scope.provinces();
  return repo_.list_courses(query);
}

Result<CourseView> TrainingService::course(std::int64_t course_id, const ProvinceScope& scope) {
  auto c = course_in_scope(course_id, scope);
  if (!c) return c.error();
  return view_of(std::move(*c));
}

std::vector<Trainee> TrainingService::trainees(TraineeQuery query, const ProvinceScope& scope) {
  if (!scope.is_all()) query.province_ids = scope.provinces();
  return repo_.list_trainees(query);
}

Result<Trainee> TrainingService::trainee(std::int64_t id, const ProvinceScope& scope) {
  return scoped_record(repo_.find_trainee(id), id, scope, "training.no_trainee",
                       "training.out_of_scope");
}

Result<Certificate> TrainingService::verify(const std::string& code) {
  auto clean = std::string(text::trim(code));
  auto e = repo_.find_enrolment_by_certificate(clean);
  if (!e) return Error::not_found("training.no_certificate", {{"code", clean}});
  auto c = repo_.find_course(e->course_id);
  auto t = repo_.find_trainee(e->trainee_id);
  if (!c || !t) return Error::not_found("training.no_certificate", {{"code", clean}});
  return certificate_of(*c, *e, *t);
}

namespace {

// The enrolments counted under one key: each person (and each course) once however many of
// their enrolments fall under it, each enrolment once.
struct Tally {
  std::unordered_set<std::int64_t> persons, completed_persons, courses;
  std::int64_t times = 0, completed_times = 0;

  void add(const EnrolmentFact& f) {
    persons.insert(f.trainee_id);
    courses.insert(f.course_id);
    ++times;
    if (f.completed) {
      completed_persons.insert(f.trainee_id);
      ++completed_times;
    }
  }
  ReportCell cell(std::vector<std::string> key) const {
    ReportCell c;
    c.key = std::move(key);
    c.persons = static_cast<std::int64_t>(persons.size());
    c.person_times = times;
    c.completed_persons = static_cast<std::int64_t>(completed_persons.size());
    c.completed_times = completed_times;
    c.courses = static_cast<std::int64_t>(courses.size());
    return c;
  }
};

}  // namespace

Result<TrainingReport> TrainingService::report(const TrainingReportQuery& q,
                                               const ProvinceScope& scope) {
  if (q.year_from == 0 || q.year_to < q.year_from)
    return Error::invalid("year", "training.bad_year", {{"value", std::to_string(q.year_to)}});
  TrainingReport out;
  out.query = q;
  ReportQuery rq;
  rq.year_from = q.year_from;
  rq.year_to = q.year_to;
  rq.unit_id = q.unit_id;
  rq.province_ids = scope.filter();
  rq.by = q.by;
  rq.age_bands = rules_.age_bands();
  rq.province_as = q.province_as;
  // One read of the enrolments, counted three ways: by the report's key (ordered by it), in
  // total, and by plan line (organiser × year × kind).
  std::map<std::vector<std::string>, Tally> cells;
  Tally total;
  std::map<std::tuple<std::int64_t, int, std::string>, Tally> by_line;
  for (const auto& f : repo_.enrolment_facts(rq)) {
    cells[f.key].add(f);
    total.add(f);
    by_line[{f.unit_id, f.year, f.kind}].add(f);
  }
  out.cells.reserve(cells.size());
  for (const auto& [key, tally] : cells) out.cells.push_back(tally.cell(key));
  out.total = total.cell({});

  // The plans of the years against the organiser's courses of each year and kind.
  CourseQuery cq;
  cq.unit_id = q.unit_id;
  cq.province_ids = scope.filter();
  std::map<std::tuple<std::int64_t, int, std::string>, PlanLine> lines;
  for (int year = q.year_from; year <= q.year_to; ++year) {
    cq.year = year;
    for (const auto& c : repo_.list_courses(cq)) {
      std::int64_t planned = 0, actual = 0;
      for (const auto& x : c.costs) {
        planned += x.planned;
        actual += x.actual;
      }
      out.actual_cost += actual;
      auto& l = lines[{c.unit_id, year, c.kind}];
      l.unit_id = c.unit_id;
      l.year = year;
      l.kind = c.kind;
      ++l.courses;
      l.planned_cost += planned;
      l.actual_cost += actual;
    }
    PlanQuery pq;
    pq.unit_id = q.unit_id;
    pq.year = year;
    for (const auto& p : plans(pq, scope))
      for (const auto& t : p.targets) {
        auto& l = lines[{p.unit_id, year, t.kind}];
        l.unit_id = p.unit_id;
        l.year = year;
        l.kind = t.kind;
        l.target = t;
      }
  }
  for (const auto& [key, tally] : by_line) {
    auto it = lines.find(key);
    if (it == lines.end()) continue;
    it->second.persons = static_cast<std::int64_t>(tally.persons.size());
    it->second.person_times = tally.times;
    it->second.completed_persons = static_cast<std::int64_t>(tally.completed_persons.size());
  }
  for (auto& [key, l] : lines) {
    l.cost_per_trainee = half_up_div(l.actual_cost, l.persons);
    out.plan.push_back(l);
  }
  out.cost_per_trainee = half_up_div(out.actual_cost, out.total.persons);
  return out;
}

std::int64_t TrainingService::completed_trainees(std::int64_t unit_id, int year) {
  return repo_.completed_trainees(unit_id, year);
}

}  // namespace htx::training
