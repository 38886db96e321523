#include "areas/training_area.hpp"

#include <algorithm>

#include "areas/statistics_area.hpp"
#include "training/training_repository.hpp"

namespace htx::areas {

namespace {

using namespace htx::training;

Error forbidden() { return Error::forbidden("training.not_allowed"); }

// The items of "a, b" or of one a line (trimmed, the empty ones dropped).
std::vector<std::string> items_of(std::string value) {
  std::replace(value.begin(), value.end(), '\n', ',');
  std::replace(value.begin(), value.end(), ';', ',');
  return text::split(value, ',');
}

Result<int> year_field(const Fields& f, const std::string& name, std::optional<int> otherwise) {
  auto n = number_field(
      f, name, otherwise ? std::optional<std::int64_t>(*otherwise) : std::optional<std::int64_t>());
  if (!n) return n.error();
  if (*n < 1900 || *n > 2200)
    return Error::invalid(name, "training.bad_year", {{"value", field_of(f, name)}});
  return static_cast<int>(*n);
}

// A request's filter refused as a bad request on its field (the list's, not a form's).
Error bad_filter(const Error& e) { return Error::bad_request(e.field, e.key, e.params); }

}  // namespace

TrainingArea::TrainingArea(store::Database& db, const Clock& clock, const TrainingRules& rules,
                           const geo::Geography& geo, Caller caller)
    : CallerArea(std::move(caller)),
      db_(db),
      clock_(clock),
      rules_(rules),
      geo_(geo),
      service_(db.training(), db.work(), db.registry(), db.audit(), db, clock, rules) {}

Result<bool> TrainingArea::must_read() const { return allowed_or(can_read(), forbidden()); }
Result<bool> TrainingArea::must_write() const { return allowed_or(can_write(), forbidden()); }

std::string TrainingArea::unit_code(std::int64_t id) {
  auto u = db_.work().find_unit(id);
  return u ? u->code : "";
}
std::string TrainingArea::unit_name(std::int64_t id) {
  auto u = db_.work().find_unit(id);
  return u ? u->name : "";
}

std::vector<work::Unit> TrainingArea::organisers() {
  std::vector<work::Unit> out;
  if (!can_read()) return out;
  for (auto& u : db_.work().list_units())
    if ((u.kind == work::UnitKind::kNational || u.kind == work::UnitKind::kProvincial) &&
        scope().allows(u.province_id))
      out.push_back(std::move(u));
  return out;
}

std::string TrainingArea::value_name(Dimension d, const std::string& code,
                                     const i18n::Catalog& cat) const {
  const std::vector<Entry>* list = nullptr;
  switch (d) {
    case Dimension::kProvince: {
      auto* p = geo_.province(code);
      return p ? p->name : code;
    }
    case Dimension::kSex:
      return cat.text("site.training.sex_" + code);
    case Dimension::kAgeBand:
      for (const auto& b : rules_.age_bands())
        if (b.code == code)
          return b.max_age ? std::to_string(b.min_age) + "–" + std::to_string(*b.max_age)
                           : std::to_string(b.min_age) + "+";
      return code;
    case Dimension::kKind:
      list = &rules_.kinds();
      break;
    case Dimension::kEthnicity:
      list = &rules_.ethnicities();
      break;
    case Dimension::kRole:
      list = &rules_.roles();
      break;
    case Dimension::kUnit:
    case Dimension::kYear:
      return code;
  }
  auto* e = list ? TrainingRules::find(*list, code) : nullptr;
  return e ? e->name : code;
}

Result<std::optional<std::int64_t>> TrainingArea::unit_id(const std::string& code,
                                                          const std::string& field) {
  return id_of_code(
      code, field, [&](const std::string& c) { return db_.work().find_unit_by_code(c); },
      "training.unknown_unit", "value");
}

Result<Course> TrainingArea::course_of(const std::string& code) {
  auto c = db_.training().find_course_by_code(code);
  if (!c) return Error::not_found("training.no_course", {{"code", code}});
  if (!scope().allows(c->province_id)) return forbidden();
  return *c;
}

// The course of `code` for a write: the caller must write training, the course be in scope.
Result<Course> TrainingArea::writable_course(const std::string& code) {
  if (auto ok = must_write(); !ok) return ok.error();
  return course_of(code);
}

// ---- reads ------------------------------------------------------------------------------------

// A list's filters unit (code) and year into `q`; the refusal of either as a bad request.
template <typename Query>
std::optional<Error> TrainingArea::unit_and_year(const Fields& filter, Query& q) {
  auto id = unit_id(field_of(filter, "unit"), "unit");
  if (!id) return bad_filter(id.error());
  q.unit_id = *id;
  if (field_of(filter, "year").empty()) return std::nullopt;
  auto y = year_field(filter, "year", std::nullopt);
  if (!y) return bad_filter(y.error());
  q.year = *y;
  return std::nullopt;
}

Result<std::vector<Plan>> TrainingArea::plans(const Fields& filter) {
  if (auto ok = must_read(); !ok) return ok.error();
  PlanQuery q;
  if (auto e = unit_and_year(filter, q)) return *e;
  return service_.plans(q, scope());
}

Result<std::vector<Course>> TrainingArea::courses(const Fields& filter) {
  if (auto ok = must_read(); !ok) return ok.error();
  CourseQuery q;
  if (auto e = unit_and_year(filter, q)) return *e;
  if (auto k = field_of(filter, "kind"); !k.empty()) {
    if (!TrainingRules::find(rules_.kinds(), k))
      return Error::bad_request("kind", "training.unknown_kind", {{"value", k}});
    q.kind = k;
  }
  return service_.courses(q, scope());
}

Result<CourseView> TrainingArea::course(const std::string& code) {
  if (auto ok = must_read(); !ok) return ok.error();
  auto c = course_of(code);
  if (!c) return c.error();
  return service_.course(c->id, scope());
}

Result<std::vector<Trainee>> TrainingArea::trainees(const Fields& filter) {
  if (auto ok = must_read(); !ok) return ok.error();
  TraineeQuery q;
  if (auto e = field_of(filter, "entity"); !e.empty()) q.entity_code = e;
  return service_.trainees(q, scope());
}

Result<TrainingReport> TrainingArea::report(const Fields& query) {
  if (auto ok = must_read(); !ok) return ok.error();
  TrainingReportQuery q;
  auto year = year_field(query, "year", clock_.today().year());
  if (!year) return bad_filter(year.error());
  auto from = year_field(query, "year_from", *year);
  if (!from) return bad_filter(from.error());
  auto to = year_field(query, "year_to", field_of(query, "year_from").empty() ? *year : *from);
  if (!to) return bad_filter(to.error());
  if (*to < *from) return Error::bad_request("year_to", "training.bad_year");
  q.year_from = *from;
  q.year_to = *to;
  auto id = unit_id(field_of(query, "unit"), "unit");
  if (!id) return bad_filter(id.error());
  q.unit_id = *id;
  auto by = field_of(query, "by");
  for (const auto& code : items_of(by.empty() ? "province,kind" : by)) {
    auto d = dimension_from_code(code);
    if (!d) return Error::bad_request("by", "training.bad_dimension", {{"value", code}});
    if (std::find(q.by.begin(), q.by.end(), *d) == q.by.end()) q.by.push_back(*d);
  }
  if (auto b = field_of(query, "boundaries"); !b.empty()) {
    auto boundaries = boundaries_from(b);
    if (!boundaries)
      return Error::bad_request("boundaries", "report.bad_boundaries", {{"value", b}});
    if (*boundaries != geo::Boundaries::kAsRegistered)
      for (const auto& p : geo_.provinces())
        if (auto* shown = geo_.on_boundaries(p, *boundaries); shown && shown->id != p.id)
          q.province_as[p.id] = shown->id;
  }
  return service_.report(q, scope());
}

Result<std::int64_t> TrainingArea::completed_trainees(const std::string& code, int year) {
  if (auto ok = must_read(); !ok) return ok.error();
  auto u = db_.work().find_unit_by_code(code);
  if (!u) return Error::not_found("training.unknown_unit", {{"value", code}});
  if (!scope().allows(u->province_id)) return forbidden();
  return service_.completed_trainees(u->id, year);
}

Result<Certificate> TrainingArea::verify(const std::string& code) { return service_.verify(code); }

// ---- writes -----------------------------------------------------------------------------------

Result<Plan> TrainingArea::save_plan(const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  Plan p;
  auto id = required_id(unit_id(field_of(f, "unit"), "unit"), "unit");
  if (!id) return id.error();
  p.unit_id = *id;
  auto year = year_field(f, "year", std::nullopt);
  if (!year) return year.error();
  p.year = *year;
  for (const auto& kind : rules_.kinds()) {
    PlanTarget t{kind.code, 0, 0, 0};
    bool any = false;
    for (auto [name, member] :
         {std::pair{"trainees_", &PlanTarget::trainees},
          std::pair{"courses_", &PlanTarget::courses}, std::pair{"budget_", &PlanTarget::budget}}) {
      const auto field = name + kind.code;
      if (field_of(f, field).empty()) continue;
      auto n = number_field(f, field, std::nullopt);
      if (!n) return n.error();
      t.*member = *n;
      any = true;
    }
    if (any) p.targets.push_back(t);
  }
  p.note = field_of(f, "note");
  return service_.save_plan(p, actor(), scope());
}

Result<std::vector<CostItem>> TrainingArea::costs_of(const Fields& f) const {
  std::vector<CostItem> out;
  for (const auto& cat : rules_.cost_categories()) {
    const auto planned_name = "planned_" + cat.code, actual_name = "actual_" + cat.code;
    if (field_of(f, planned_name).empty() && field_of(f, actual_name).empty()) continue;
    auto planned = number_field(f, planned_name, 0);
    if (!planned) return planned.error();
    auto actual = number_field(f, actual_name, 0);
    if (!actual) return actual.error();
    out.push_back({cat.code, *planned, *actual, ""});
  }
  return out;
}

Result<CourseView> TrainingArea::add_course(const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  Course c;
  c.code = field_of(f, "code");
  auto id = required_id(unit_id(field_of(f, "unit"), "unit"), "unit");
  if (!id) return id.error();
  c.unit_id = *id;
  c.kind = field_of(f, "kind");
  c.topic = field_of(f, "topic");
  c.audience = field_of(f, "audience");
  c.province_id = field_of(f, "province");
  if (!c.province_id.empty() && !geo_.province(c.province_id))
    return Error::invalid("province", "training.unknown_province", {{"value", c.province_id}});
  c.place = field_of(f, "place");
  auto lecturers = f.count("lecturers") ? f.at("lecturers") : std::string();
  c.lecturers = items_of(lecturers);
  c.funding_source = field_of(f, "funding_source");
  auto starts = date_field(f, "starts_on", std::nullopt);
  if (!starts) return starts.error();
  auto ends = date_field(f, "ends_on", *starts);
  if (!ends) return ends.error();
  c.starts_on = *starts;
  c.ends_on = *ends;
  std::vector<Date> days;
  if (auto s = field_of(f, "sessions"); !s.empty()) {
    for (const auto& item : items_of(s)) {
      auto d = Date::parse(item);
      if (!d) return Error::invalid("sessions", "field.bad_date", {{"value", item}});
      days.push_back(*d);
    }
  } else if (c.ends_on >= c.starts_on && c.ends_on <= c.starts_on.add_days(60)) {
    for (auto d = c.starts_on; d <= c.ends_on; d = d.add_days(1)) days.push_back(d);
  }
  auto costs = costs_of(f);
  if (!costs) return costs.error();
  c.costs = std::move(*costs);
  return service_.add_course(c, days, actor(), scope());
}

Result<Course> TrainingArea::set_costs(const std::string& code, const Fields& f) {
  auto c = writable_course(code);
  if (!c) return c.error();
  auto costs = costs_of(f);
  if (!costs) return costs.error();
  return service_.set_costs(c->id, std::move(*costs), actor(), scope());
}

Result<Trainee> TrainingArea::add_trainee(const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  Trainee t;
  t.full_name = field_of(f, "full_name");
  auto sex = field_of(f, "sex");
  if (sex.empty()) return Error::invalid("sex", "field.required");
  auto s = sex_from_code(sex);
  if (!s) return Error::invalid("sex", "training.bad_sex", {{"value", sex}});
  t.sex = *s;
  auto born = number_field(f, "birth_year", std::nullopt);
  if (!born) return born.error();
  if (*born < 0 || *born > 100'000)
    return Error::invalid("birth_year", "field.not_a_number",
                          {{"value", field_of(f, "birth_year")}});
  t.birth_year = static_cast<int>(*born);
  t.ethnicity = field_of(f, "ethnicity");
  if (t.ethnicity.size() == 1) t.ethnicity = "0" + t.ethnicity;  // "1" is Kinh's 01
  t.role = field_of(f, "role");
  t.entity_code = field_of(f, "entity");
  t.province_id = field_of(f, "province");
  t.phone = field_of(f, "phone");
  return service_.add_trainee(t, actor(), scope());
}

Result<Enrolment> TrainingArea::enrol(const std::string& code, const Fields& f) {
  auto c = writable_course(code);
  if (!c) return c.error();
  auto trainee = number_field(f, "trainee", std::nullopt);
  if (!trainee) return trainee.error();
  std::optional<Date> on;
  if (!field_of(f, "enrolled_on").empty()) {
    auto d = date_field(f, "enrolled_on", std::nullopt);
    if (!d) return d.error();
    on = *d;
  }
  return service_.enrol(c->id, *trainee, on, actor(), scope());
}

Result<CourseView> TrainingArea::mark(const std::string& code, const Fields& f) {
  auto c = writable_course(code);
  if (!c) return c.error();
  auto number = number_field(f, "session", std::nullopt);
  if (!number) return number.error();
  std::int64_t session_id = 0;
  for (const auto& s : db_.training().sessions_of(c->id))
    if (s.number == *number) session_id = s.id;
  if (!session_id)
    return Error::invalid("session", "training.unknown_session",
                          {{"value", field_of(f, "session")}});
  std::vector<MarkEntry> marks;
  for (const auto& [name, value] : f) {
    if (name.rfind("mark_", 0) != 0) continue;
    auto id = text::parse_int(name.substr(5));
    if (!id) return Error::invalid("trainee", "training.not_enrolled", {{"value", name.substr(5)}});
    auto m = mark_from_code(std::string(text::trim(value)));
    if (!m) return Error::invalid(name, "training.bad_mark", {{"value", value}});
    marks.push_back({*id, *m});
  }
  if (marks.empty()) return Error::invalid("marks", "field.required");
  return service_.mark(c->id, session_id, marks, actor(), scope());
}

Result<std::vector<Certificate>> TrainingArea::certify(const std::string& code, const Fields& f) {
  auto c = writable_course(code);
  if (!c) return c.error();
  if (flag_field(f, "all")) return service_.certify_all(c->id, actor(), scope());
  auto trainee = number_field(f, "trainee", std::nullopt);
  if (!trainee) return trainee.error();
  auto one = service_.certify(c->id, *trainee, actor(), scope());
  if (!one) return one.error();
  return std::vector<Certificate>{std::move(*one)};
}

}  // namespace htx::areas
