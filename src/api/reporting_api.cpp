// The reporting regime's JSON API: report forms, submissions, reporting rates. Internal data: a
// bearer token is required, and the token's user must read the work programme
// (api::can_read_work); a submission needs api::can_write_work and a unit in the user's
// province scope (403 otherwise). Everything through areas::ReportingArea.
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "areas/reporting_area.hpp"
#include "reporting/reporting_service.hpp"

namespace htx::api {

namespace {

using namespace detail;
using areas::ReportingArea;

// The work programme's guard: its readers read, its writers write.
constexpr AreaGuard<ReportingArea> kReporting{work_family_area<ReportingArea>,
                                              reads_or_writes<ReportingArea>};

// ---- GET /api/v1/reporting/forms ----

web::Response list_forms(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  auto r = area_request(kReporting, ctx, req, false, false);
  if (r.refusal) return std::move(*r.refusal);
  json forms = json::array();
  for (const auto& f : r.area->forms()) forms.push_back(reporting::to_json(f));
  return web::Response::json(json{{"forms", forms}}.dump());
}

// ---- GET /api/v1/reporting/rates/{period}?form=CODE ----

web::Response get_rates(const AppContext& ctx, const web::Request& req,
                        const web::RouteParams& params) {
  auto r = area_request(kReporting, ctx, req, false, false);
  if (r.refusal) return std::move(*r.refusal);
  auto form = req.query.get("form");
  auto rates = r.area->rates(params.at("period"), form ? std::string(*form) : std::string());
  if (!rates) return error_response(ctx, req, rates.error());
  json forms = json::array();
  for (const auto& f : rates->forms) forms.push_back(reporting::to_json(f));
  json late = json::array();
  for (const auto& e : reporting::late_list(rates->forms)) late.push_back(reporting::to_json(e));
  return web::Response::json(json{
      {"period", rates->period.code()},
      {"as_of", rates->as_of.iso()},
      {"forms", forms},
      {"late", late}}.dump());
}

// ---- POST /api/v1/reporting/submissions ----

// The service's field ("value.htx_founded") as the body names it ("values.htx_founded").
std::string body_field(const Error& e) {
  if (e.field.rfind("value.", 0) == 0) return "values." + e.field.substr(6);
  return e.field;
}

web::Response submit(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  auto r = area_request(kReporting, ctx, req, true, true);
  if (r.refusal) return std::move(*r.refusal);
  const auto& cat = ctx.catalog(req);
  const json& b = r.body;
  auto problems =
      unknown(ctx, req, b, {"form", "unit", "period", "submitted_on", "values", "note"});
  reporting::SubmissionInput in;
  in.form = string_of(ctx, req, b, "form", true, problems);
  in.unit = string_of(ctx, req, b, "unit", true, problems);
  in.period = string_of(ctx, req, b, "period", true, problems);
  in.note = string_of(ctx, req, b, "note", false, problems);
  if (b.contains("submitted_on")) in.submitted_on = date_of(ctx, req, b, "submitted_on", problems);
  auto form = r.area->form(in.form);
  if (b.contains("values")) {
    const json& v = b["values"];
    if (!v.is_object()) {
      problems.push_back({"values", cat.text("api.not_object"), "api.not_object"});
    } else {
      for (const auto& [key, value] : v.items()) {
        // Whole numbers only: a string or a fraction is named on its member.
        if (value.is_number_integer()) {
          in.values[key] = value.dump();
          continue;
        }
        const reporting::Indicator* indicator = form ? form->indicator(key) : nullptr;
        problems.push_back(
            {"values." + key,
             cat.text("reporting.indicator_not_a_number",
                      {{"indicator", indicator ? indicator->name : key},
                       {"value", value.is_string() ? value.get<std::string>() : value.dump()}}),
             "reporting.indicator_not_a_number"});
      }
    }
  }
  // Every bad indicator at once, each on its member.
  if (form)
    for (const auto& e : reporting::check_values(*form, in.values))
      if (!b.contains("values") || !b["values"].is_object() ||
          !b["values"].contains(e.params.at("field").substr(6)) ||
          b["values"][e.params.at("field").substr(6)].is_number_integer())
        problems.push_back({body_field(e), cat.render(e), e.key});
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto done = r.area->submit(in, r.area->actor());
  if (!done) return error_response(ctx, req, done.error().on(body_field(done.error())));
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  json j = reporting::to_json(*done);
  j["form"] = in.form;
  j["unit"] = in.unit;
  return web::Response::json(j.dump(), 201);
}

}  // namespace

void register_reporting_api(web::Router& router, const AppContext& ctx) {
  add_resources(router, ctx, "/api/v1/reporting",
                {{.path = "/forms", .get = list_forms},
                 {.path = "/rates/{period}", .get = get_rates},
                 {.path = "/submissions", .post = submit}});
}

}  // namespace htx::api
