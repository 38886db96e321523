// Advisory cases' pages (tư vấn thành lập, issue 13 item 2): the list with its filters (province,
// status, year opened), the form of a new case, and a case's page with what it became (the
// registry entity it was closed with) or, while open, the entities it may be closed with and the
// forms that close it with an entity or drop it with a reason. Every read and write goes through
// areas::AdvisoryArea; the handlers only parse and render.
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

using advisory::Case;
using advisory::CaseStatus;

std::string case_href(std::int64_t id) { return "/advisory-cases/" + std::to_string(id); }

constexpr FormInput kInputs[] = {
    {"unit", "select", true},    {"province", "select", false}, {"group_name", "text", true},
    {"contact", "text", false},  {"address", "text", false},    {"planned_type", "select", true},
    {"opened_on", "date", true}, {"adviser", "text", false},    {"note", "text", false}};

Choices labels(std::initializer_list<const char*> names) {
  return input_labels(names, "advisory.page.f_");
}
Choices new_labels() { return input_labels(kInputs, "advisory.page.f_"); }

class AdvisoryPages {
 public:
  AdvisoryPages(Site& site, Page& page)
      : s_(site), p_(page), area_(api::advisory_area(site.ctx(), page.principal())) {}
  areas::AdvisoryArea& area() { return area_; }
  std::string t(const std::string& key, const std::map<std::string, std::string>& p = {}) const {
    return p_.t("advisory.page." + key, p);
  }
  std::string status(CaseStatus st) const {
    return p_.cat.text("advisory.status." + std::string(to_code(st)));
  }
  std::string unit_name(std::int64_t id) {
    for (const auto& u : units())
      if (u.id == id) return u.name;
    return std::to_string(id);
  }
  const std::vector<work::Unit>& units() {
    if (!units_) units_ = area_.units();
    return *units_;
  }
  json row(const Case& c) {
    return {{"id", c.id},
            {"href", case_href(c.id)},
            {"group_name", c.group_name},
            {"province", s_.province_name(c.province_id)},
            {"unit", unit_name(c.unit_id)},
            {"planned_type", std::string(registry::to_code(c.planned_type))},
            {"opened_on", Site::date(c.opened_on)},
            {"status", status(c.status)},
            {"status_code", std::string(to_code(c.status))},
            {"entity", c.entity_code.empty() ? json(false)
                                             : json({{"code", c.entity_code},
                                                     {"name", c.entity_name},
                                                     {"href", "/registry/" + c.entity_code}})},
            {"closed_on", c.closed_on ? Site::date(*c.closed_on) : ""}};
  }
  json view(json v) const {
    v["can_write"] = area_.can_write();
    return v;
  }
  Choices province_choices(const std::string& first) const {
    Choices out{{"", first}};
    for (const auto* p : s_.ctx().geo->provinces_on(s_.today()))
      if (area_.caller().scope.allows(p->id)) out.emplace_back(p->id, p->name);
    return out;
  }
  Choices status_choices() const {
    Choices out{{"", t("all_statuses")}};
    for (auto st : {CaseStatus::kOpen, CaseStatus::kClosed, CaseStatus::kDropped})
      out.emplace_back(std::string(to_code(st)), status(st));
    return out;
  }

 private:
  Site& s_;
  Page& p_;
  areas::AdvisoryArea area_;
  std::optional<std::vector<work::Unit>> units_;
};

web::Response list(Site& site, Page& page) {
  AdvisoryPages ap(site, page);
  if (auto stop = site.guard(page, ap.area().can_read())) return std::move(*stop);
  areas::Fields q;
  for (const char* n : {"province", "status", "year"}) q[n] = page.query(n);
  auto found = ap.area().list(q);
  if (!found) return site.refused(page, found.error());
  json rows = json::array();
  for (const auto& c : *found) rows.push_back(ap.row(c));
  json view = {
      {"provinces", options(ap.province_choices(ap.t("all_provinces")), q["province"])},
      {"statuses", options(ap.status_choices(), q["status"])},
      {"year", q["year"]},
      {"caption",
       ap.t("found", {{"count", site.number(page, static_cast<std::int64_t>(rows.size()))}})},
      {"has_rows", !rows.empty()},
      {"rows", rows}};
  return site.render(page, "advisory_list", ap.t("title"), ap.view(std::move(view)));
}

web::Response form_page(Site& site, Page& page, AdvisoryPages& ap, const FormState& f, int status) {
  json fields = json::array();
  for (const auto& i : kInputs) {
    const std::string name = i.name;
    json choices;
    if (name == "unit") {
      Choices units{{"", page.t("form.choose")}};
      for (const auto& u : ap.units()) units.emplace_back(u.code, u.name);
      choices = options(units, f.value(name));
    }
    if (name == "province")
      choices = options(ap.province_choices(ap.t("province_of_unit")), f.value(name));
    if (name == "planned_type")
      choices = options(
          {{"HTX", ap.t("type_HTX")}, {"LHHTX", ap.t("type_LHHTX")}, {"THT", ap.t("type_THT")}},
          f.value(name).empty() ? "HTX" : f.value(name));
    fields.push_back(
        form_field(page, f, name, "advisory.page.f_" + name, i.required, i.kind, choices));
  }
  json view = form_view(page, f, fields, new_labels());
  return site.render(page, "advisory_new", ap.t("new"), ap.view(std::move(view)), status);
}

web::Response new_form(Site& site, Page& page) {
  AdvisoryPages ap(site, page);
  if (auto stop = site.guard(page, ap.area().can_write())) return std::move(*stop);
  FormState f;
  f.values["opened_on"] = Site::date(site.today());
  return form_page(site, page, ap, f, 200);
}

web::Response create(Site& site, Page& page) {
  AdvisoryPages ap(site, page);
  if (auto stop = site.guard(page, ap.area().can_write())) return std::move(*stop);
  FormState f;
  auto made = ap.area().open(posted_fields(page, kInputs, f));
  if (made) {
    site.data_changed();
    return Site::redirect(case_href(made->id));
  }
  if (!show_refusal(page, f, made.error(), new_labels())) return site.forbidden(page);
  return form_page(site, page, ap, f, made.error().is(ErrorKind::kConflict) ? 409 : 422);
}

web::Response show_page(Site& site, Page& page, AdvisoryPages& ap, std::int64_t id,
                        const FormState& close_form, const FormState& drop_form, int status) {
  auto found = ap.area().find(id);
  if (!found) return site.refused(page, found.error());
  const Case& c = *found;
  json details = json::array();
  auto add = detail_rows(details, ap);
  add("f_unit", ap.unit_name(c.unit_id));
  add("f_province", site.province_name(c.province_id));
  add("f_planned_type", ap.t("type_" + std::string(registry::to_code(c.planned_type))));
  add("f_contact", c.contact);
  add("f_address", c.address);
  add("f_opened_on", Site::date(c.opened_on));
  add("f_adviser", c.adviser);
  add("f_note", c.note);
  add("status", ap.status(c.status));
  if (c.closed_on) add("f_closed_on", Site::date(*c.closed_on));
  add("f_reason", c.drop_reason);
  json matches = json::array();
  const bool open = c.status == CaseStatus::kOpen;
  if (open)
    if (auto m = ap.area().matches(id))
      for (const auto& x : *m)
        matches.push_back({{"code", x.entity.code},
                           {"name", x.entity.name},
                           {"founded_on", Site::date(x.entity.founded_on)},
                           {"href", "/registry/" + x.entity.code}});
  json close_fields = json::array(
      {form_field(page, close_form, "entity_code", "advisory.page.f_entity_code", true, "text"),
       form_field(page, close_form, "closed_on", "advisory.page.f_closed_on", true, "date")});
  json drop_fields = json::array(
      {form_field(page, drop_form, "reason", "advisory.page.f_reason", true, "text"),
       form_field(page, drop_form, "dropped_on", "advisory.page.f_dropped_on", true, "date")});
  json view = {
      {"case", ap.row(c)},
      {"details", details},
      {"open", open && ap.area().can_write()},
      {"has_matches", !matches.empty()},
      {"matches", matches},
      {"csrf", page.visitor.session ? page.visitor.session->csrf_token : ""},
      {"close_action", case_href(id) + "/close"},
      {"drop_action", case_href(id) + "/drop"},
      {"close_fields", close_fields},
      {"drop_fields", drop_fields},
      {"close_errors", error_summary(page, close_form, labels({"entity_code", "closed_on"}))},
      {"drop_errors", error_summary(page, drop_form, labels({"reason", "dropped_on"}))},
      {"close_has_errors", !close_form.ok()},
      {"drop_has_errors", !drop_form.ok()}};
  return site.render(page, "advisory_case", c.group_name, ap.view(std::move(view)), status);
}

web::Response show(Site& site, Page& page) {
  AdvisoryPages ap(site, page);
  if (auto stop = site.guard(page, ap.area().can_read())) return std::move(*stop);
  std::int64_t id = 0;
  if (auto stop = path_id(site, page, "advisory.not_found", id)) return std::move(*stop);
  FormState close_form, drop_form;
  close_form.values["closed_on"] = drop_form.values["dropped_on"] = Site::date(site.today());
  return show_page(site, page, ap, id, close_form, drop_form, 200);
}

// Closing or dropping: `names` are the form's inputs; `act` the area's write.
template <class Act>
web::Response act_on(Site& site, Page& page, bool closing, Act act) {
  AdvisoryPages ap(site, page);
  if (auto stop = site.guard(page, ap.area().can_write())) return std::move(*stop);
  std::int64_t id = 0;
  if (auto stop = path_id(site, page, "advisory.not_found", id)) return std::move(*stop);
  const auto inputs =
      closing ? labels({"entity_code", "closed_on"}) : labels({"reason", "dropped_on"});
  FormState f, other;
  auto done = act(ap.area(), id, posted_fields(page, inputs, f));
  if (done) {
    site.data_changed();
    return Site::redirect(case_href(id));
  }
  if (done.error().is(ErrorKind::kNotFound)) return site.refused(page, done.error());
  if (!show_refusal(page, f, done.error(), inputs)) return site.forbidden(page);
  other.values[closing ? "dropped_on" : "closed_on"] = Site::date(site.today());
  const int status = done.error().is(ErrorKind::kConflict) ? 409 : 422;
  return closing ? show_page(site, page, ap, id, f, other, status)
                 : show_page(site, page, ap, id, other, f, status);
}

web::Response close(Site& site, Page& page) {
  return act_on(site, page, true,
                [](areas::AdvisoryArea& a, std::int64_t id, const areas::Fields& f) {
                  return a.close(id, f);
                });
}

web::Response drop(Site& site, Page& page) {
  return act_on(site, page, false,
                [](areas::AdvisoryArea& a, std::int64_t id, const areas::Fields& f) {
                  return a.drop(id, f);
                });
}

}  // namespace

void register_advisory_pages(Site& site, web::Router& router) {
  add_pages(site, router,
            {{.path = "/advisory-cases", .get = list, .post = create},
             {.path = "/advisory-cases/new", .get = new_form},
             {.path = "/advisory-cases/{id}", .get = show},
             {.path = "/advisory-cases/{id}/close", .post = close},
             {.path = "/advisory-cases/{id}/drop", .post = drop}});
}

}  // namespace htx::webapp
