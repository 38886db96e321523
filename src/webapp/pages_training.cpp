// Training's pages (issue 13): the courses of a year with the plans, a new course, a course's
// page (its sessions, its class with each person's attendance, enrolment of a person, the
// certificates), the attendance screen of one session (one screen for a class of 60 on a phone:
// four large choices a person, one submit), the report's downloads, and the public page of a
// certificate (/verify/<code>, no sign-in) that shows what the certificate says. Every read and
// write goes through areas::TrainingArea; the handlers only parse and render.
#include "exchange/training_report_xlsx.hpp"
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

using areas::TrainingArea;
using namespace htx::training;

std::string course_href(const std::string& code) { return "/training/courses/" + code; }

TrainingArea area_of(Site& site, Page& page) {
  return api::training_area(site.ctx(), page.principal());
}

// A refusal beside its field among `names` (labels "training.f_<name>"), else above the form.
void refusal_on(const Page& page, FormState& f, const Error& e,
                const std::vector<std::string>& names) {
  const bool known = std::find(names.begin(), names.end(), e.field) != names.end();
  f.add(known ? e.field : std::string(), page.cat.render(e));
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

int status_of(const Error& e) {
  return e.is(ErrorKind::kConflict) ? 409 : e.is(ErrorKind::kNotFound) ? 404 : 422;
}

Choices entries(const std::vector<Entry>& list, const Page& page) {
  Choices out{{"", page.t("training.choose")}};
  for (const auto& e : list)
    out.emplace_back(e.code, page.lang() == i18n::Lang::kEn ? e.name_en : e.name);
  return out;
}

// ---- the courses -----------------------------------------------------------------------------

web::Response courses(Site& site, Page& page) {
  auto area = area_of(site, page);
  const auto year =
      page.query("year").empty() ? std::to_string(site.today().year()) : page.query("year");
  auto list = area.courses({{"year", year}, {"kind", page.query("kind")}});
  if (!list) return site.refused(page, list.error());
  json rows = json::array();
  for (const auto& c : *list)
    rows.push_back({{"href", course_href(c.code)},
                    {"code", c.code},
                    {"topic", c.topic},
                    {"kind", area.value_name(Dimension::kKind, c.kind, page.cat)},
                    {"province", site.province_name(c.province_id)},
                    {"organiser", area.unit_name(c.unit_id)},
                    {"dates", c.starts_on.vietnamese() + " – " + c.ends_on.vietnamese()}});
  json plans = json::array();
  if (auto ps = area.plans({{"year", year}}))
    for (const auto& p : *ps) {
      auto done = area.completed_trainees(area.unit_code(p.unit_id), p.year);
      for (const auto& t : p.targets)
        plans.push_back({{"unit", area.unit_name(p.unit_id)},
                         {"kind", area.value_name(Dimension::kKind, t.kind, page.cat)},
                         {"trainees", site.number(page, t.trainees)},
                         {"courses", site.number(page, t.courses)},
                         {"budget", site.number(page, t.budget)},
                         {"completed", site.number(page, done ? *done : 0)}});
    }
  json view = {{"year", year},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"plans", plans},
               {"has_plans", !plans.empty()},
               {"can_write", area.can_write()},
               {"kinds", options(entries(area.rules().kinds(), page), page.query("kind"))}};
  return site.render(page, "training_courses", page.t("training.courses"), std::move(view));
}

const std::vector<std::string> kCourseInputs{"code",
                                             "unit",
                                             "kind",
                                             "topic",
                                             "audience",
                                             "province",
                                             "place",
                                             "lecturers",
                                             "funding_source",
                                             "starts_on",
                                             "ends_on",
                                             "sessions",
                                             "planned_hall",
                                             "planned_lecturers",
                                             "planned_materials"};

web::Response course_form(Site& site, Page& page, TrainingArea& area, const FormState& f,
                          int status) {
  Choices units{{"", page.t("training.choose")}};
  for (const auto& u : area.organisers()) units.emplace_back(u.code, u.name);
  Choices provinces{{"", page.t("training.f_province_default")}};
  for (const auto* p : site.ctx().geo->provinces_on(site.today()))
    provinces.emplace_back(p->id, p->name);
  json fields = json::array();
  for (const auto& n : kCourseInputs) {
    const bool req = n == "code" || n == "unit" || n == "kind" || n == "topic" || n == "starts_on";
    const char* kind = n == "unit" || n == "kind" || n == "province" ? "select" : "text";
    json choices = n == "unit"       ? options(units, f.value(n))
                   : n == "kind"     ? options(entries(area.rules().kinds(), page), f.value(n))
                   : n == "province" ? options(provinces, f.value(n))
                                     : json();
    fields.push_back(form_field(page, f, n, "training.f_" + n, req, kind, choices));
  }
  Choices order;
  for (const auto& n : kCourseInputs) order.emplace_back(n, "training.f_" + n);
  return site.render(page, "training_course_new", page.t("training.new_course"),
                     form_view(page, f, fields, order, json::object()), status);
}

web::Response course_new(Site& site, Page& page) {
  auto area = area_of(site, page);
  return course_form(site, page, area, FormState{}, 200);
}

web::Response course_create(Site& site, Page& page) {
  auto area = area_of(site, page);
  FormState f;
  auto fields = posted_fields(page, kCourseInputs, f);
  auto done = area.add_course(fields);
  if (done) {
    site.data_changed();
    return Site::redirect(course_href(done->course.code));
  }
  if (done.error().is(ErrorKind::kForbidden)) return site.forbidden(page);
  refusal_on(page, f, done.error(), kCourseInputs);
  return course_form(site, page, area, f, status_of(done.error()));
}

// ---- a course --------------------------------------------------------------------------------

const std::vector<std::string> kPersonInputs{"full_name", "sex",    "birth_year", "ethnicity",
                                             "role",      "entity", "enrolled_on"};

web::Response course_page(Site& site, Page& page, TrainingArea& area, const FormState& f,
                          int status) {
  const auto& code = page.params.at("code");
  auto v = area.course(code);
  if (!v) return site.refused(page, v.error());
  const auto today = site.today();
  json sessions = json::array();
  for (const auto& s : v->sessions)
    sessions.push_back({{"number", s.number},
                        {"date", s.held_on.vietnamese()},
                        {"held", s.held_on <= today},
                        {"href", course_href(code) + "/sessions/" + std::to_string(s.number)}});
  json people = json::array();
  for (const auto& p : v->participants) {
    json marks = json::array();
    for (const auto& s : v->sessions) {
      auto m = p.marks.find(s.id);
      marks.push_back(s.held_on < p.enrolment.enrolled_on ? "·"
                      : m == p.marks.end()                ? ""
                                                          : page.t(std::string("training.mark_") +
                                                                   std::string(to_code(m->second))));
    }
    people.push_back({{"name", p.trainee.full_name},
                      {"id", p.trainee.id},
                      {"marks", marks},
                      {"attended", std::to_string(p.attended) + "/" + std::to_string(p.counted)},
                      {"completed", p.enrolment.completed},
                      {"certificate", p.enrolment.certificate_code},
                      {"has_certificate", !p.enrolment.certificate_code.empty()},
                      {"verify", "/verify/" + p.enrolment.certificate_code}});
  }
  Choices sexes{{"", page.t("training.choose")},
                {"female", page.t("training.sex_female")},
                {"male", page.t("training.sex_male")}};
  json fields = json::array();
  for (const auto& n : kPersonInputs) {
    const bool req = n != "entity" && n != "enrolled_on";
    const bool select = n == "sex" || n == "ethnicity" || n == "role";
    json choices = n == "sex" ? options(sexes, f.value(n))
                   : n == "ethnicity"
                       ? options(entries(area.rules().ethnicities(), page), f.value(n))
                   : n == "role" ? options(entries(area.rules().roles(), page), f.value(n))
                                 : json();
    fields.push_back(
        form_field(page, f, n, "training.f_" + n, req, select ? "select" : "text", choices));
  }
  Choices order;
  for (const auto& n : kPersonInputs) order.emplace_back(n, "training.f_" + n);
  const auto& c = v->course;
  json view = {{"code", c.code},
               {"topic", c.topic},
               {"kind", area.value_name(Dimension::kKind, c.kind, page.cat)},
               {"organiser", v->organiser},
               {"place", c.place},
               {"province", site.province_name(c.province_id)},
               {"dates", c.starts_on.vietnamese() + " – " + c.ends_on.vietnamese()},
               {"lecturers", joined(c.lecturers)},
               {"sessions", sessions},
               {"people", people},
               {"has_people", !people.empty()},
               {"count", site.number(page, static_cast<std::int64_t>(people.size()))},
               {"can_write", area.can_write()},
               {"enrol_action", course_href(c.code) + "/enrol"},
               {"certify_action", course_href(c.code) + "/certify"}};
  return site.render(page, "training_course", c.code + " — " + c.topic,
                     form_view(page, f, fields, order, std::move(view)), status);
}

web::Response course(Site& site, Page& page) {
  auto area = area_of(site, page);
  return course_page(site, page, area, FormState{}, 200);
}

// A person added and enrolled in one step.
web::Response enrol(Site& site, Page& page) {
  auto area = area_of(site, page);
  const auto& code = page.params.at("code");
  FormState f;
  auto fields = posted_fields(page, kPersonInputs, f);
  auto course = area.course(code);
  if (!course) return site.refused(page, course.error());
  if (fields["entity"].empty()) fields["province"] = course->course.province_id;
  auto person = area.add_trainee(fields);
  std::optional<Error> error;
  if (!person) {
    error = person.error();
  } else {
    auto done = area.enrol(
        code, {{"trainee", std::to_string(person->id)}, {"enrolled_on", fields["enrolled_on"]}});
    if (!done) error = done.error();
  }
  if (!error) {
    site.data_changed();
    return Site::redirect(course_href(code) + "#class");
  }
  if (error->is(ErrorKind::kForbidden)) return site.forbidden(page);
  refusal_on(page, f, *error, kPersonInputs);
  return course_page(site, page, area, f, status_of(*error));
}

web::Response certify(Site& site, Page& page) {
  auto area = area_of(site, page);
  const auto& code = page.params.at("code");
  auto done = area.certify(code, {{"all", "1"}});
  if (!done) return site.refused(page, done.error());
  site.data_changed();
  return Site::redirect(course_href(code) + "#class");
}

// ---- the attendance screen -------------------------------------------------------------------

web::Response session_page(Site& site, Page& page, TrainingArea& area, const std::string& message,
                           int status) {
  const auto& code = page.params.at("code");
  auto v = area.course(code);
  if (!v) return site.refused(page, v.error());
  auto number = text::parse_int(page.params.at("number"));
  const Session* session = nullptr;
  for (const auto& s : v->sessions)
    if (number && s.number == *number) session = &s;
  if (!session) return site.not_found(page, page.t("training.no_session"));
  json people = json::array();
  for (const auto& p : v->participants) {
    if (session->held_on < p.enrolment.enrolled_on) continue;  // not theirs: enrolled later
    auto m = p.marks.find(session->id);
    const std::string current = m == p.marks.end() ? "" : std::string(to_code(m->second));
    json choices = json::array();
    for (const char* mark : {"present", "late", "excused", "absent"})
      choices.push_back(
          {{"value", mark},
           {"label", page.t(std::string("training.mark_") + mark)},
           {"id", "m-" + std::to_string(p.trainee.id) + "-" + mark},
           {"checked", current == mark || (current.empty() && std::string(mark) == "present")}});
    people.push_back({{"id", p.trainee.id},
                      {"name", p.trainee.full_name},
                      {"field", "mark_" + std::to_string(p.trainee.id)},
                      {"choices", choices}});
  }
  json view = {{"code", code},
               {"topic", v->course.topic},
               {"number", session->number},
               {"date", session->held_on.vietnamese()},
               {"held", session->held_on <= site.today()},
               {"people", people},
               {"has_people", !people.empty()},
               {"message", message},
               {"csrf", page.visitor.session ? page.visitor.session->csrf_token : ""},
               {"back", course_href(code)},
               {"action", course_href(code) + "/sessions/" + std::to_string(session->number)}};
  return site.render(page, "training_session",
                     page.t("training.session_title", {{"number", std::to_string(session->number)},
                                                       {"date", session->held_on.vietnamese()}}),
                     std::move(view), status);
}

web::Response session(Site& site, Page& page) {
  auto area = area_of(site, page);
  return session_page(site, page, area, "", 200);
}

web::Response session_post(Site& site, Page& page) {
  auto area = area_of(site, page);
  const auto& code = page.params.at("code");
  areas::Fields f{{"session", page.params.at("number")}};
  for (const auto& [name, value] : page.form)
    if (name.rfind("mark_", 0) == 0) f[name] = value;
  auto done = area.mark(code, f);
  if (done) {
    site.data_changed();
    return Site::redirect(course_href(code) + "#class");
  }
  if (done.error().is(ErrorKind::kForbidden)) return site.forbidden(page);
  return session_page(site, page, area, page.cat.render(done.error()), status_of(done.error()));
}

// ---- the report and the public verification ----------------------------------------------------

web::Response report_download(Site& site, Page& page, bool xlsx) {
  auto area = area_of(site, page);
  areas::Fields q;
  for (const char* n : {"year", "year_from", "year_to", "unit", "by", "boundaries"})
    q[n] = std::string(text::trim(page.query(n)));
  auto r = area.report(q);
  if (!r) return site.refused(page, r.error());
  exchange::TrainingNames names{
      [&](Dimension d, const std::string& c) { return area.value_name(d, c, page.cat); },
      [&](std::int64_t id) { return area.unit_name(id); }};
  const auto name = "dao-tao-" + std::to_string(r->query.year_from);
  if (xlsx)
    return web::Response::download(
        exchange::training_report_xlsx_bytes(*r, names, page.cat),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
  const auto sheet = page.query("sheet").empty() ? std::string("cells") : page.query("sheet");
  return web::Response::download(exchange::training_report_csv(*r, names, page.cat, sheet),
                                 "text/csv; charset=utf-8", name + ".csv");
}

// Public: what the certificate says, so that a copy with an edited name or date is caught.
web::Response verify(Site& site, Page& page) {
  auto area = api::training_area(site.ctx(), accounts::Principal{});
  auto c = area.verify(page.params.at("code"));
  json view = {{"found", c.ok()}, {"code", std::string(text::trim(page.params.at("code")))}};
  if (c)
    view.update({{"holder", c->holder},
                 {"birth_year", c->birth_year},
                 {"topic", c->topic},
                 {"kind", c->kind},
                 {"organiser", c->organiser},
                 {"place", c->place},
                 {"province", site.province_name(c->province_id)},
                 {"dates", c->starts_on.vietnamese() + " – " + c->ends_on.vietnamese()},
                 {"certified_on", c->certified_on.vietnamese()},
                 {"attended", std::to_string(c->attended) + "/" + std::to_string(c->sessions)}});
  return site.render(page, "training_verify", page.t("training.verify_title"), std::move(view),
                     c ? 200 : 404);
}

}  // namespace

void register_training_pages(Site& site, web::Router& router) {
  // Training's readers and writers are the work programme's (TrainingArea::can_read, can_write).
  add_pages(site, router,
            {{.path = "/training", .get = reads_work(courses)},
             {.path = "/training/courses/new", .get = writes_work(course_new)},
             {.path = "/training/courses", .post = writes_work(course_create)},
             {.path = "/training/courses/{code}", .get = reads_work(course)},
             {.path = "/training/courses/{code}/enrol", .post = writes_work(enrol)},
             {.path = "/training/courses/{code}/certify", .post = writes_work(certify)},
             {.path = "/training/courses/{code}/sessions/{number}",
              .get = writes_work(session),
              .post = writes_work(session_post)},
             {.path = "/training/report.xlsx",
              .get = reads_work([](Site& s, Page& p) { return report_download(s, p, true); })},
             {.path = "/training/report.csv",
              .get = reads_work([](Site& s, Page& p) { return report_download(s, p, false); })},
             {.path = "/verify/{code}", .get = verify}});
}

}  // namespace htx::webapp
