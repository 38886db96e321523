// The reporting regime's JSON API: report forms, submissions, reporting rates. Internal data: a
// bearer token is required, and the token's user must read the work programme
// (api::can_read_work); a submission needs api::can_write_work and a unit in the user's
// province scope (403 otherwise). Everything through reporting::ReportingService.
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "api/work_support.hpp"
#include "reporting/reporting_service.hpp"

namespace htx::api {

namespace {

using namespace detail;

reporting::ReportingService service_of(WorkerServices& s, const AppContext& ctx) {
  return reporting::ReportingService(s.db->reporting(), s.db->work(), s.db->audit(), *s.db,
                                     *ctx.clock);
}

// ---- GET /api/v1/reporting/forms ----

web::Response list_forms(const AppContext& ctx, const web::Request& req) {
  auto caller = work_caller(ctx, req, false);
  if (caller.refusal) return std::move(*caller.refusal);
  auto& s = worker_services(ctx);
  auto service = service_of(s, ctx);
  json forms = json::array();
  for (const auto& f : service.forms_in(work_scope(*s.access, caller.principal)))
    forms.push_back(reporting::to_json(f));
  return web::Response::json(json{{"forms", forms}}.dump());
}

// ---- GET /api/v1/reporting/rates/{period}?form=CODE ----

web::Response get_rates(const AppContext& ctx, const web::Request& req, const std::string& code) {
  auto caller = work_caller(ctx, req, false);
  if (caller.refusal) return std::move(*caller.refusal);
  const auto& cat = ctx.catalog(req);
  auto period = reporting::parse_report_period(code);
  if (!period) return error(400, "bad_period", cat.text("reporting.bad_period", {{"value", code}}));
  auto& s = worker_services(ctx);
  auto service = service_of(s, ctx);
  std::string form;
  if (auto v = req.query.get("form"); v && !v->empty()) {
    form = std::string(*v);
    if (!service.form_by_code(form))
      return error(400, "bad_form", cat.text("reporting.form_not_found", {{"code", form}}));
  }
  const Date today = ctx.clock->today();
  auto rates = service.rates(*period, work_scope(*s.access, caller.principal), today, form);
  json forms = json::array();
  for (const auto& r : rates) forms.push_back(reporting::to_json(r));
  json late = json::array();
  for (const auto& e : reporting::late_list(rates)) late.push_back(reporting::to_json(e));
  return web::Response::json(json{
      {"period", period->code()},
      {"as_of", today.iso()},
      {"forms", forms},
      {"late", late}}.dump());
}

// ---- POST /api/v1/reporting/submissions ----

// The service's field ("value.htx_founded") as the body names it ("values.htx_founded").
std::string body_field(const Error& e) {
  if (e.field.rfind("value.", 0) == 0) return "values." + e.field.substr(6);
  return e.field;
}

web::Response submit(const AppContext& ctx, const web::Request& req) {
  auto caller = work_caller(ctx, req, true);
  if (caller.refusal) return std::move(*caller.refusal);
  auto body = parse_json_object(ctx, req);
  if (body.refusal) return std::move(*body.refusal);
  const auto& cat = ctx.catalog(req);
  const json& b = body.value;
  auto problems =
      unknown(ctx, req, b, {"form", "unit", "period", "submitted_on", "values", "note"});
  reporting::SubmissionInput in;
  in.form = string_of(ctx, req, b, "form", true, problems);
  in.unit = string_of(ctx, req, b, "unit", true, problems);
  in.period = string_of(ctx, req, b, "period", true, problems);
  in.note = string_of(ctx, req, b, "note", false, problems);
  if (b.contains("submitted_on")) in.submitted_on = date_of(ctx, req, b, "submitted_on", problems);
  auto& s = worker_services(ctx);
  auto service = service_of(s, ctx);
  auto form = service.form_by_code(in.form);
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
  auto scope = work_scope(*s.access, caller.principal);
  auto done = service.submit(in, caller.principal.user->username, scope);
  if (!done) return error_response(ctx, req, done.error().on(body_field(done.error())));
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  json j = reporting::to_json(*done);
  j["form"] = in.form;
  j["unit"] = in.unit;
  return web::Response::json(j.dump(), 201);
}

}  // namespace

void register_reporting_api(web::Router& router, const AppContext& ctx) {
  router.get("/api/v1/reporting/forms", [&ctx](const web::Request& req, const web::RouteParams&) {
    return list_forms(ctx, req);
  });
  router.get("/api/v1/reporting/rates/{period}",
             [&ctx](const web::Request& req, const web::RouteParams& p) {
               return get_rates(ctx, req, p.at("period"));
             });
  router.post(
      "/api/v1/reporting/submissions",
      [&ctx](const web::Request& req, const web::RouteParams&) { return submit(ctx, req); });
}

}  // namespace htx::api
