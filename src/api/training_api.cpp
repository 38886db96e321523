// Training's JSON API over areas::TrainingArea (documented in web/openapi.json): a bearer token
// required, except the public verification of a certificate. Handlers read the path, the query
// and the JSON body — members named as TrainingArea's fields; a plan's targets, a course's costs
// and a session's marks as arrays or objects the handler spreads into those fields — and render
// what the area answers; every refusal is the area's Error through api::error_response.
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "areas/training_area.hpp"
#include "core/json_record.hpp"
#include "exchange/training_report_xlsx.hpp"

namespace htx::api {

namespace {

using namespace detail;
using areas::TrainingArea;
using namespace htx::training;

json plan_json(TrainingArea& a, const Plan& p) {
  json targets = json::array();
  for (const auto& t : p.targets)
    targets.push_back(json_record("kind", t.kind, "trainees", t.trainees, "courses", t.courses,
                                  "budget", t.budget));
  return json_record("id", p.id, "unit", a.unit_code(p.unit_id), "year", p.year, "targets", targets,
                     "note", p.note);
}

json course_json(TrainingArea& a, const Course& c) {
  json costs = json::array();
  for (const auto& x : c.costs)
    costs.push_back(json_record("category", x.category, "planned", x.planned, "actual", x.actual));
  return json_record("code", c.code, "unit", a.unit_code(c.unit_id), "kind", c.kind, "topic",
                     c.topic, "audience", c.audience, "province", c.province_id, "place", c.place,
                     "lecturers", c.lecturers, "funding_source", c.funding_source, "starts_on",
                     c.starts_on, "ends_on", c.ends_on, "costs", costs);
}

json trainee_json(const Trainee& t) {
  return json_record("id", t.id, "full_name", t.full_name, "sex", t.sex, "birth_year", t.birth_year,
                     "ethnicity", t.ethnicity, "role", t.role, "entity", t.entity_code, "province",
                     t.province_id);
}

json course_view_json(TrainingArea& a, const CourseView& v) {
  auto j = course_json(a, v.course);
  j["organiser"] = v.organiser;
  json sessions = json::array();
  for (const auto& s : v.sessions)
    sessions.push_back(json_record("number", s.number, "held_on", s.held_on));
  j["sessions"] = sessions;
  json people = json::array();
  for (const auto& p : v.participants) {
    json marks = json::object();
    for (const auto& s : v.sessions)
      if (auto m = p.marks.find(s.id); m != p.marks.end())
        marks[std::to_string(s.number)] = std::string(to_code(m->second));
    people.push_back(json_record(
        "trainee", trainee_json(p.trainee), "enrolled_on", p.enrolment.enrolled_on, "marks", marks,
        "sessions_counted", p.counted, "sessions_attended", p.attended, "completed",
        p.enrolment.completed, "certificate", p.enrolment.certificate_code));
  }
  j["participants"] = people;
  return j;
}

json certificate_json(const Certificate& c) {
  return json_record("code", c.code, "holder", c.holder, "birth_year", c.birth_year, "course",
                     c.course_code, "topic", c.topic, "kind", c.kind, "organiser", c.organiser,
                     "place", c.place, "starts_on", c.starts_on, "ends_on", c.ends_on,
                     "certified_on", c.certified_on, "sessions", c.sessions, "sessions_attended",
                     c.attended);
}

json cell_json(const ReportCell& c) {
  return json_record("key", c.key, "persons", c.persons, "person_times", c.person_times,
                     "completed_persons", c.completed_persons, "completed_times", c.completed_times,
                     "courses", c.courses);
}

json report_json(TrainingArea& a, const TrainingReport& r) {
  json by = json::array(), cells = json::array(), plan = json::array();
  for (auto d : r.query.by) by.push_back(std::string(to_code(d)));
  for (const auto& c : r.cells) cells.push_back(cell_json(c));
  for (const auto& l : r.plan)
    plan.push_back(
        json_record("unit", a.unit_code(l.unit_id), "year", l.year, "kind", l.kind, "target",
                    json_record("trainees", l.target.trainees, "courses", l.target.courses,
                                "budget", l.target.budget),
                    "courses", l.courses, "persons", l.persons, "person_times", l.person_times,
                    "completed_persons", l.completed_persons, "planned_cost", l.planned_cost,
                    "actual_cost", l.actual_cost, "cost_per_trainee", l.cost_per_trainee));
  auto total = cell_json(r.total);
  total.erase("key");
  return json_record("year_from", r.query.year_from, "year_to", r.query.year_to, "by", by, "cells",
                     cells, "total", total, "plan", plan, "actual_cost", r.actual_cost,
                     "cost_per_trainee", r.cost_per_trainee);
}

// ---- the request -----------------------------------------------------------------------------

// Training's guard: the work programme's readers read it, its writers write it.
constexpr AreaGuard<TrainingArea> kTraining{training_area, reads_or_writes<TrainingArea>};

// A member's text: a string, a whole number, a boolean ("1"/"0"), strings one a line.
std::optional<std::string> text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "1" : "0");
  if (!v.is_array()) return std::nullopt;
  std::string lines;
  for (const auto& item : v) {
    if (!item.is_string()) return std::nullopt;
    lines += (lines.empty() ? "" : "\n") + item.get<std::string>();
  }
  return lines;
}

// The body's members as fields: `targets` [{kind, trainees, courses, budget}] as trainees_K…,
// `costs` [{category, planned, actual}] as planned_C, actual_C, `marks` {trainee id: mark} as
// mark_ID; the other members among `allowed` as text.
void spread(const json& body, const std::vector<std::string>& allowed, areas::Fields& out,
            std::vector<std::string>& bad) {
  for (const auto& [k, v] : body.items()) {
    if (k == "targets" && v.is_array()) {
      for (const auto& t : v) {
        auto kind = t.is_object() ? text_of(t.value("kind", json(""))) : std::nullopt;
        if (!kind) return bad.push_back(k);
        for (const char* n : {"trainees", "courses", "budget"})
          if (t.contains(n)) out[std::string(n) + "_" + *kind] = text_of(t[n]).value_or("x");
      }
    } else if (k == "costs" && v.is_array()) {
      for (const auto& c : v) {
        auto cat = c.is_object() ? text_of(c.value("category", json(""))) : std::nullopt;
        if (!cat) return bad.push_back(k);
        for (const char* n : {"planned", "actual"})
          if (c.contains(n)) out[std::string(n) + "_" + *cat] = text_of(c[n]).value_or("x");
      }
    } else if (k == "marks" && v.is_object()) {
      for (const auto& [id, m] : v.items()) out["mark_" + id] = text_of(m).value_or("");
    } else if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      bad.push_back(k);
    } else if (auto t = text_of(v)) {
      out[k] = *t;
    } else if (!v.is_null()) {
      bad.push_back(k);
    }
  }
}

// A write's body spread into the area's fields, or the 422 naming the members that are unknown
// or of another kind.
std::optional<web::Response> spread_body(const AppContext& ctx, const web::Request& req,
                                         const json& body, const std::vector<std::string>& allowed,
                                         areas::Fields& fields) {
  std::vector<std::string> bad;
  spread(body, allowed, fields, bad);
  if (bad.empty()) return std::nullopt;
  std::vector<FieldProblem> problems;
  for (const auto& k : bad)
    problems.push_back({k, ctx.catalog(req).text("api.unknown_field"), "api.unknown_field"});
  return validation_error(ctx, req, problems);
}

// The request's area and fields given to `act`, which answers a Result rendered by `render`.
template <class Act, class Render>
web::Response handle(const AppContext& ctx, const web::Request& req, bool write,
                     const std::vector<std::string>& allowed, Act act, Render render,
                     int status = 200) {
  auto r = area_request(kTraining, ctx, req, write, write);
  if (r.refusal) return std::move(*r.refusal);
  areas::Fields fields;
  if (!write)
    fields = query_fields(req, allowed);
  else if (auto bad = spread_body(ctx, req, r.body, allowed, fields))
    return std::move(*bad);
  auto& area = *r.area;
  return answer(
      ctx, req, act(area, fields), [&](const auto& done) { return render(area, done); }, status);
}

template <class T, class One>
auto each(One one) {
  return [one](TrainingArea& a, const std::vector<T>& rows) {
    json items = json::array();
    for (const auto& x : rows) items.push_back(one(a, x));
    return items_json(std::move(items));
  };
}

const std::vector<std::string> kCourseFields{"code",           "unit",      "kind",    "topic",
                                             "audience",       "province",  "place",   "lecturers",
                                             "funding_source", "starts_on", "ends_on", "sessions"};
const std::vector<std::string> kReportQuery{"year", "year_from", "year_to",
                                            "unit", "by",        "boundaries"};

web::Response list_plans(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return handle(
      ctx, req, false, {"unit", "year"}, [](TrainingArea& a, auto& f) { return a.plans(f); },
      each<Plan>(plan_json));
}
web::Response post_plan(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return handle(
      ctx, req, true, {"unit", "year", "note"},
      [](TrainingArea& a, auto& f) { return a.save_plan(f); }, plan_json, 201);
}
web::Response list_courses(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams&) {
  return handle(
      ctx, req, false, {"unit", "year", "kind"},
      [](TrainingArea& a, auto& f) { return a.courses(f); }, each<Course>(course_json));
}
web::Response post_course(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return handle(
      ctx, req, true, kCourseFields, [](TrainingArea& a, auto& f) { return a.add_course(f); },
      course_view_json, 201);
}
web::Response get_course(const AppContext& ctx, const web::Request& req,
                         const web::RouteParams& params) {
  const auto& code = params.at("code");
  return handle(
      ctx, req, false, {}, [&](TrainingArea& a, auto&) { return a.course(code); },
      course_view_json);
}
// A write on course {code}: the body's members `allowed`, the area's `Act`, answered by `render`
// with `status`.
template <auto Act, class Render>
web::Response course_write(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams& params, const std::vector<std::string>& allowed,
                           Render render, int status) {
  const auto& code = params.at("code");
  return handle(
      ctx, req, true, allowed, [&](TrainingArea& a, auto& f) { return (a.*Act)(code, f); }, render,
      status);
}
web::Response post_enrolment(const AppContext& ctx, const web::Request& req,
                             const web::RouteParams& params) {
  return course_write<&TrainingArea::enrol>(
      ctx, req, params, {"trainee", "enrolled_on"},
      [](TrainingArea&, const Enrolment& e) -> json {
        return json_record("id", e.id, "trainee", e.trainee_id, "enrolled_on", e.enrolled_on);
      },
      201);
}
web::Response post_attendance(const AppContext& ctx, const web::Request& req,
                              const web::RouteParams& params) {
  return course_write<&TrainingArea::mark>(ctx, req, params, {"session"}, course_view_json, 200);
}
web::Response post_certificates(const AppContext& ctx, const web::Request& req,
                                const web::RouteParams& params) {
  return course_write<&TrainingArea::certify>(
      ctx, req, params, {"trainee", "all"},
      each<Certificate>([](TrainingArea&, const Certificate& c) { return certificate_json(c); }),
      201);
}
web::Response list_trainees(const AppContext& ctx, const web::Request& req,
                            const web::RouteParams&) {
  return handle(
      ctx, req, false, {"entity"}, [](TrainingArea& a, auto& f) { return a.trainees(f); },
      each<Trainee>([](TrainingArea&, const Trainee& t) { return trainee_json(t); }));
}
web::Response post_trainee(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams&) {
  return handle(
      ctx, req, true,
      {"full_name", "sex", "birth_year", "ethnicity", "role", "entity", "province", "phone"},
      [](TrainingArea& a, auto& f) { return a.add_trainee(f); },
      [](TrainingArea&, const Trainee& t) { return trainee_json(t); }, 201);
}
web::Response get_report(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return handle(
      ctx, req, false, kReportQuery, [](TrainingArea& a, auto& f) { return a.report(f); },
      report_json);
}

// The report's workbook or one sheet as CSV (?sheet=cells|total|plan).
template <bool Xlsx>
web::Response report_file(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  auto r = area_request(kTraining, ctx, req, false, false);
  if (r.refusal) return std::move(*r.refusal);
  auto& area = *r.area;
  auto report = area.report(query_fields(req, kReportQuery));
  if (!report) return error_response(ctx, req, report.error());
  const auto& cat = ctx.catalog(req);
  exchange::TrainingNames names{
      [&](Dimension d, const std::string& code) { return area.value_name(d, code, cat); },
      [&](std::int64_t id) { return area.unit_name(id); }};
  const auto name = "dao-tao-" + std::to_string(report->query.year_from) + "-" +
                    std::to_string(report->query.year_to);
  if (Xlsx)
    return web::Response::download(
        exchange::training_report_xlsx_bytes(*report, names, cat),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
  auto sheet = req.query.get("sheet");
  auto csv = exchange::training_report_csv(*report, names, cat,
                                           sheet ? std::string(*sheet) : std::string("cells"));
  if (csv.empty())
    return error_response(
        ctx, req,
        Error::bad_request("sheet", "training.bad_dimension",
                           json_record("value", sheet ? std::string(*sheet) : "")));
  return web::Response::download(csv, "text/csv; charset=utf-8", name + ".csv");
}

// Public: what the certificate of the code says (no token).
web::Response get_certificate(const AppContext& ctx, const web::Request& req,
                              const web::RouteParams& params) {
  auto area = training_area(ctx, accounts::Principal{});
  auto c = area.verify(params.at("code"));
  if (!c) return error_response(ctx, req, c.error());
  return web::Response::json(certificate_json(*c).dump());
}

}  // namespace

void register_training_api(web::Router& router, const AppContext& ctx) {
  add_resources(router, ctx, "/api/v1/training",
                {{.path = "/plans", .get = list_plans, .post = post_plan},
                 {.path = "/courses", .get = list_courses, .post = post_course},
                 {.path = "/courses/{code}", .get = get_course},
                 {.path = "/courses/{code}/enrolments", .post = post_enrolment},
                 {.path = "/courses/{code}/attendance", .post = post_attendance},
                 {.path = "/courses/{code}/certificates", .post = post_certificates},
                 {.path = "/trainees", .get = list_trainees, .post = post_trainee},
                 {.path = "/report", .get = get_report},
                 {.path = "/report.xlsx", .get = report_file<true>},
                 {.path = "/report.csv", .get = report_file<false>},
                 {.path = "/certificates/{code}", .get = get_certificate}});
}

}  // namespace htx::api
