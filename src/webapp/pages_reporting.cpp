// Reporting regime pages (chế độ thông tin, báo cáo): the rates of a period (per form: expected,
// submitted, on time, completeness and timeliness, each unit's status, who is late) and the
// submission form (the form's indicators as number inputs; every error beside its field, 422,
// the user's values kept). Reads and writes go through reporting::ReportingService with the
// principal's province scope; who may read or write is api::can_read_work / can_write_work, as
// for the work programme.
#include "areas/reporting_area.hpp"
#include "reporting/reporting_service.hpp"
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"
#include "work/rules.hpp"

namespace htx::webapp {

namespace {

using accounts::AccessPolicy;
using reporting::ReportForm;
using reporting::ReportPeriod;
using reporting::ReportStatus;

constexpr const char* kRatesPath = "/work/reporting";
constexpr const char* kSubmitPath = "/work/reporting/submit";

// The field of an indicator: "value_htx_founded" (the service says "value.htx_founded").
std::string value_field(const std::string& key) { return "value_" + key; }
std::string field_of(const Error& e) {
  if (e.field.rfind("value.", 0) == 0) return value_field(e.field.substr(6));
  for (const char* known : {"form", "unit", "period", "submitted_on"})
    if (e.field == known) return e.field;
  return "";
}

// The month just ended: the reports of a month are due in the next one.
std::string previous_month(Date day) {
  Date prev = work::first_day(day.year(), day.month()).add_days(-1);
  return ReportPeriod{reporting::Frequency::kMonthly, prev.year(), prev.month()}.code();
}

// The reporting regime as the principal reaches it (areas::ReportingArea), with the labels and
// rows the pages show.
class ReportingPages : public AreaPages<areas::ReportingArea> {
 public:
  ReportingPages(Site& site, Page& page)
      : AreaPages(site, page, area_for<areas::ReportingArea>(site, page)) {}

  std::string percent(double v) const {
    std::string s = text::format_percent(v, 1);
    if (p_.lang() == i18n::Lang::kEn)
      for (auto& c : s)
        if (c == ',') c = '.';
    return s;
  }
  std::string status_label(ReportStatus s) const {
    return p_.cat.text("reporting.status." + std::string(reporting::to_code(s)));
  }
  std::string days_text(ReportStatus s, int days) const {
    if (days <= 0) return "";
    return p_.cat.text(
        s == ReportStatus::kMissing ? "reporting.days_overdue" : "reporting.days_late",
        {{"days", s_.number(p_, days)}});
  }

  json form_view(const reporting::FormPeriodRates& r, bool can_write) const {
    const auto& c = r.counts;
    json units = json::array();
    for (const auto& u : r.units)
      units.push_back(
          {{"code", u.unit.code},
           {"name", u.unit.name},
           {"status", status_label(u.status)},
           {"status_code", std::string(reporting::to_code(u.status))},
           {"submitted_on", u.submitted_on ? json(Site::date(*u.submitted_on)) : json(false)},
           {"days", days_text(u.status, u.days_late)}});
    std::string submit =
        std::string(kSubmitPath) + "?form=" + r.form.code + "&period=" + r.period.code();
    return {{"code", r.form.code},
            {"name", r.form.name},
            {"id", "form-" + r.form.code},
            {"deadline", Site::date(r.deadline)},
            {"expected", s_.number(p_, c.expected)},
            {"submitted", s_.number(p_, c.submitted)},
            {"on_time", s_.number(p_, c.on_time)},
            {"late", s_.number(p_, c.late)},
            {"missing", s_.number(p_, c.missing)},
            {"not_yet_due", s_.number(p_, c.not_yet_due)},
            {"completeness", percent(c.completeness())},
            {"timeliness", percent(c.timeliness())},
            {"units", units},
            {"submit_href", can_write ? json(submit) : json(false)}};
  }
};

const Choices kSubmitOrder = {{"form", "reporting.f.form"},
                              {"unit", "reporting.f.unit"},
                              {"period", "reporting.f.period"},
                              {"submitted_on", "reporting.f.submitted_on"},
                              {"note", "reporting.f.note"}};

web::Response submit_form(Site& site, Page& page, ReportingPages& rp,
                          const std::vector<ReportForm>& forms, const ReportForm* form,
                          const FormState& f, int status) {
  json form_choices = json::array();
  for (const auto& fm : forms)
    form_choices.push_back({{"value", fm.code},
                            {"label", fm.code + " – " + fm.name},
                            {"selected", form && fm.code == form->code}});
  json fields = json::array();
  json values = json::array();
  json errors = error_summary(page, f, kSubmitOrder);
  if (form) {
    Choices units{{"", page.t("form.choose")}};
    for (const auto& u : rp.area().units())
      if ((form->unit_kind && *form->unit_kind == u.kind) ||
          std::find(form->unit_ids.begin(), form->unit_ids.end(), u.id) != form->unit_ids.end())
        units.emplace_back(u.code, u.name);
    fields.push_back(form_field(page, f, "unit", "reporting.f.unit", true, "select",
                                options(units, f.value("unit"))));
    fields.push_back(form_field(page, f, "period", "reporting.f.period", true, "text"));
    fields.back()["hint"] = page.t("reporting.period_hint");
    fields.back()["describedby"] =
        std::string("hint-period") + (f.errors.count("period") ? " error-period" : "");
    fields.push_back(form_field(page, f, "submitted_on", "reporting.f.submitted_on", true, "date"));
    for (const auto& ind : form->indicators) {
      std::string name = value_field(ind.key);
      auto field = form_field(page, f, name, "reporting.f.value", ind.required, "number");
      field["label"] = ind.name;
      values.push_back(field);
      if (auto e = f.errors.find(name); e != f.errors.end())
        errors.push_back({{"href", "#f-" + name}, {"text", e->second}});
    }
  }
  json view = {{"csrf", page.visitor.session->csrf_token},
               {"forms", form_choices},
               {"has_form", form != nullptr},
               {"form_code", form ? json(form->code) : json(false)},
               {"form_name", form ? json(form->name) : json(false)},
               {"fields", fields},
               {"values", values},
               {"note", form_field(page, f, "note", "reporting.f.note", false, "text")},
               {"errors", errors},
               {"has_errors", !f.ok()}};
  return site.render(page, "work_reporting_submit", page.t("reporting.submit_title"),
                     std::move(view), status);
}

const ReportForm* find_form(const std::vector<ReportForm>& forms, const std::string& code) {
  for (const auto& f : forms)
    if (f.code == code) return &f;
  return nullptr;
}

// GET /work/reporting?period=2021-02
web::Response rates(Site& site, Page& page) {
  ReportingPages rp(site, page);
  std::string period_text(text::trim(page.query("period")));
  if (period_text.empty()) period_text = previous_month(site.today());
  json view = {{"period", period_text},
               {"period_error", false},
               {"forms", json::array()},
               {"late", json::array()},
               {"has_late", false},
               {"has_forms", false},
               {"can_write", AccessPolicy::can_write_work(page.principal())},
               {"submit_href", kSubmitPath}};
  auto found = rp.area().rates(period_text);
  if (!found) {
    view["period_error"] = site.error_text(page, found.error());
    return site.render(page, "work_reporting", page.t("reporting.title"), std::move(view), 400);
  }
  const auto& rates = found->forms;
  const auto* period = &found->period;
  bool can_write = rp.area().can_write();
  for (const auto& r : rates) view["forms"].push_back(rp.form_view(r, can_write));
  for (const auto& e : reporting::late_list(rates))
    view["late"].push_back({{"unit", e.unit.name},
                            {"form", e.form_code},
                            {"deadline", Site::date(e.deadline)},
                            {"status", rp.status_label(e.status)},
                            {"days", rp.days_text(e.status, e.days_late)}});
  view["has_forms"] = !rates.empty();
  view["has_late"] = !view["late"].empty();
  view["period"] = period->code();
  view["today"] = Site::date(site.today());
  return site.render(page, "work_reporting", page.t("reporting.title") + " " + period->code(),
                     std::move(view));
}

// GET /work/reporting/submit?form=CODE&period=2021-02
web::Response submit_page(Site& site, Page& page) {
  ReportingPages rp(site, page);
  auto forms = rp.area().forms();
  const ReportForm* form = find_form(forms, std::string(text::trim(page.query("form"))));
  if (!form && !forms.empty()) form = &forms.front();
  FormState f;
  std::string period(text::trim(page.query("period")));
  f.values["period"] = period.empty() ? previous_month(site.today()) : period;
  f.values["submitted_on"] = site.today().vietnamese();
  if (form) {
    auto units = rp.area().units();
    auto own = reporting::restricted_to({*form}, units);
    if (!own.empty() && own.front().unit_ids.size() == 1)
      for (const auto& u : units)
        if (u.id == own.front().unit_ids.front()) f.values["unit"] = u.code;
  }
  return submit_form(site, page, rp, forms, form, f, 200);
}

// POST /work/reporting/submit
web::Response submit(Site& site, Page& page) {
  ReportingPages rp(site, page);
  auto forms = rp.area().forms();
  std::string code(text::trim(page.field("form")));
  const ReportForm* form = find_form(forms, code);
  FormState f;
  if (!form) {
    f.add("", page.cat.text("reporting.form_not_found", {{"code", code}}));
    return submit_form(site, page, rp, forms, nullptr, f, 422);
  }
  reporting::SubmissionInput in;
  in.form = form->code;
  in.unit = std::string(text::trim(page.field("unit")));
  f.values["unit"] = in.unit;
  if (in.unit.empty()) f.add("unit", page.cat.text("field.required"));
  in.period = std::string(text::trim(page.field("period")));
  f.values["period"] = in.period;
  if (in.period.empty()) f.add("period", page.cat.text("field.required"));
  in.submitted_on = date_field(page, f, "submitted_on");
  in.note = text_field(page, f, "note", false);
  for (const auto& ind : form->indicators) {
    std::string v(text::trim(page.field(value_field(ind.key))));
    f.values[value_field(ind.key)] = v;
    if (!v.empty()) in.values[ind.key] = v;
  }
  for (const auto& e : reporting::check_values(*form, in.values))
    f.add(field_of(e), site.error_text(page, e));
  if (f.ok()) {
    auto done = rp.area().submit(in, page.username());
    if (done) {
      site.data_changed();
      return Site::redirect(std::string(kRatesPath) + "?period=" + done->period + "#form-" +
                            form->code);
    }
    f.add(field_of(done.error()), site.error_text(page, done.error()));
  }
  return submit_form(site, page, rp, forms, form, f, 422);
}

}  // namespace

void register_reporting_pages(Site& site, web::Router& router) {
  // Those who read the work programme see these pages; those who write it use the forms.
  const auto reads = reads_work;
  const auto writes = writes_work;
  add_pages(site, router,
            {{.path = kRatesPath, .get = reads(rates)},
             {.path = kSubmitPath, .get = writes(submit_page), .post = writes(submit)}});
}

}  // namespace htx::webapp
