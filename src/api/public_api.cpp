#include "api/public_api.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/dashboard.hpp"
#include "api/json_input.hpp"
#include "api/profile_api.hpp"
#include "areas/statistics_area.hpp"
#include "registry/registry_service.hpp"
#include "stats/period.hpp"
#include "stats/report.hpp"
#include "stats/report_format.hpp"
#include "web/static_files.hpp"

namespace htx::api {

namespace {

using namespace detail;
using accounts::Principal;
using accounts::Role;
using web::Method;

// The registry's writers' guard: anyone signed in; each write is checked by the area (its
// province scope and role).
constexpr AreaGuard<areas::RegistryArea> kRegistry{registry_area,
                                                   any_signed_in<areas::RegistryArea>};

std::vector<FieldProblem> problems_of(const AppContext& ctx, const web::Request& req,
                                      const std::vector<registry::FieldError>& errors) {
  const auto& cat = ctx.catalog(req);
  std::vector<FieldProblem> out;
  for (auto& fe : errors) out.push_back({fe.field, cat.render(fe.error), fe.error.key});
  return out;
}

web::Response list_cooperatives(const AppContext& ctx, const web::Request& req,
                                const web::RouteParams&) {
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return std::move(*caller.refusal);
  auto area = registry_area(ctx, caller.principal);
  auto param = [&](const char* name) { return std::string(req.query.get(name).value_or("")); };
  auto q = area.query(
      {param("q"), param("type"), param("province"), param("status"), param("sort"), param("dir")});
  if (!q) return error_response(ctx, req, q.error());
  auto limit = paging_int(req.query.get("limit"), 50, 1000);
  auto offset = paging_int(req.query.get("offset"), 0, 100'000'000);
  if (!limit || !offset || *limit == 0)
    return error(400, "bad_paging", ctx.catalog(req).text("api.bad_paging"));
  q->limit = *limit;
  q->offset = *offset;
  // Full records for registry users (staff, leaders, admins); the directory for the public,
  // buyers and cooperatives' own accounts (their own record is at /cooperatives/{code}).
  const bool full = area.sees_full_records();
  json items = json::array();
  for (auto& e : area.list(*q))
    items.push_back(full ? entity_json(ctx, e) : directory_json(ctx, e));
  json j = {{"total", area.count(*q)},
            {"limit", q->limit},
            {"offset", q->offset},
            {"view", full ? "full" : "directory"},
            {"items", std::move(items)}};
  return web::Response::json(j.dump());
}

web::Response get_cooperative(const AppContext& ctx, const web::Request& req,
                              const std::string& code) {
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return std::move(*caller.refusal);
  auto area = registry_area(ctx, caller.principal);
  // The public and buyers: the directory. Registry users: the full record if it is theirs.
  if (!area.can_use()) {
    auto e = area.entity(code);
    if (!e) return error_response(ctx, req, e.error());
    return web::Response::json(directory_json(ctx, *e).dump());
  }
  auto e = area.readable(code);
  if (!e) return error_response(ctx, req, e.error());
  return web::Response::json(full_entity_json(ctx, *e, area.events_of(*e)).dump());
}

web::Response written(const AppContext& ctx, areas::RegistryArea& area, const registry::Entity& e,
                      int status) {
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  auto stored = area.entity(e.code);
  const registry::Entity& shown = stored ? *stored : e;
  auto r = web::Response::json(full_entity_json(ctx, shown, area.events_of(shown)).dump(), status);
  if (status == 201) r.headers.set("Location", "/api/v1/cooperatives/" + e.code);
  return r;
}

web::Response create_cooperative(const AppContext& ctx, const web::Request& req,
                                 const web::RouteParams&) {
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return std::move(*caller.refusal);
  if (!caller.principal.signed_in()) return unauthorized(ctx, req, false);
  auto area = registry_area(ctx, caller.principal);
  if (!area.can_import()) return forbidden(ctx, req);  // roles that never create
  auto body = parse_json_object(ctx, req);
  if (body.refusal) return std::move(*body.refusal);
  registry::Entity e;
  auto problems = apply_fields(ctx, req, e, body.value);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  if (auto errors = area.service().validate(e); !errors.empty())
    return validation_error(ctx, req, problems_of(ctx, req, errors));
  auto created = area.create(e);
  if (!created) {
    Error refusal = created.error();
    if (refusal.is(ErrorKind::kForbidden)) refusal.field.clear();  // a 403, not a field's problem
    return error_response(ctx, req, refusal);
  }
  return written(ctx, area, *created, 201);
}

// An optional "YYYY-MM-DD" member; today when absent.
std::optional<Date> date_member(const AppContext& ctx, const web::Request& req, const json& body,
                                const char* name, bool required,
                                std::vector<FieldProblem>& problems) {
  if (!body.contains(name) && !required) return ctx.clock->today();
  return date_of(ctx, req, body, name, problems);
}

// A registry error whose field is the entity's dissolved_on / the change's effective date is
// shown on the member the client sent; a refusal of the scope is a 403, not a field's problem.
web::Response change_error(const AppContext& ctx, const web::Request& req, Error e,
                           const char* date_member_name) {
  if (e.is(ErrorKind::kForbidden)) e.field.clear();
  return error_response(
      ctx, req,
      e.with_field_names({{"effective_on", date_member_name}, {"dissolved_on", date_member_name}}));
}

web::Response patch_cooperative(const AppContext& ctx, const web::Request& req,
                                const std::string& code) {
  auto caller = area_request(kRegistry, ctx, req, true, true);
  if (caller.refusal) return std::move(*caller.refusal);
  const json& b = caller.body;
  const auto& cat = ctx.catalog(req);
  auto& area = *caller.area;
  auto existing = area.editable(code);
  if (!existing) return error_response(ctx, req, existing.error());

  auto problems = unknown(ctx, req, b, {"changes", "effective_on", "kind", "note"});
  auto effective_on = date_member(ctx, req, b, "effective_on", false, problems);
  std::string note = string_of(ctx, req, b, "note", false, problems);
  registry::EventKind kind = registry::EventKind::kReorganised;
  if (b.contains("kind")) {
    const json& k = b["kind"];
    auto parsed =
        k.is_string() ? registry::event_kind_from_code(k.get<std::string>()) : std::nullopt;
    if (!parsed || *parsed == registry::EventKind::kFounded ||
        *parsed == registry::EventKind::kDissolved)
      problems.push_back(
          {"kind",
           cat.text("api.bad_kind", {{"value", k.is_string() ? k.get<std::string>() : k.dump()}}),
           "api.bad_kind"});
    else
      kind = *parsed;
  }
  registry::Entity changed = *existing;
  if (!b.contains("changes") || !b["changes"].is_object()) {
    problems.push_back({"changes", cat.text("api.not_object"), "api.not_object"});
  } else {
    const json& changes = b["changes"];
    for (auto& [k, v] : changes.items()) {
      bool dissolving = k == "dissolved_on" || (k == "status" && v == "dissolved");
      if (dissolving)
        problems.push_back({k, cat.text("api.use_dissolve", {{"code", code}}), "api.use_dissolve"});
    }
    for (auto& pr : apply_fields(ctx, req, changed, changes, {"code", "dissolved_on"}))
      if (pr.field != "dissolved_on") problems.push_back(std::move(pr));
    if (existing->status == registry::EntityStatus::kDissolved && changes.contains("status"))
      problems.push_back({"status", cat.text("api.read_only_field"), "api.read_only_field"});
  }
  if (!problems.empty()) return validation_error(ctx, req, problems);
  if (changed.province_id != existing->province_id && !area.scope().allows(changed.province_id))
    return forbidden(ctx, req, changed.province_id);
  if (auto errors = area.service().validate(changed); !errors.empty())
    return validation_error(ctx, req, problems_of(ctx, req, errors));
  auto result = area.change(*existing, changed, kind, *effective_on, note);
  if (!result) return change_error(ctx, req, result.error(), "effective_on");
  return written(ctx, area, *result, 200);
}

web::Response dissolve_cooperative(const AppContext& ctx, const web::Request& req,
                                   const std::string& code) {
  auto caller = area_request(kRegistry, ctx, req, true, true);
  if (caller.refusal) return std::move(*caller.refusal);
  const json& b = caller.body;
  auto& area = *caller.area;
  auto existing = area.dissolvable(code);
  if (!existing) return error_response(ctx, req, existing.error());
  auto problems = unknown(ctx, req, b, {"on", "note"});
  auto on = date_member(ctx, req, b, "on", true, problems);
  std::string note = string_of(ctx, req, b, "note", false, problems);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto result = area.dissolve(code, *on, note);
  if (!result) return change_error(ctx, req, result.error(), "on");
  return written(ctx, area, *result, 200);
}

web::Response report(const AppContext& ctx, const web::Request& req,
                     const web::RouteParams& params) {
  auto period = areas::StatisticsArea::period(params.at("period"));
  if (!period) return error_response(ctx, req, period.error());
  auto boundaries =
      areas::StatisticsArea::boundaries(*period, req.query.get("boundaries").value_or(""));
  if (!boundaries) return error_response(ctx, req, boundaries.error());
  areas::StatisticsArea area(*worker_services(ctx).db, *ctx.geo, *ctx.sectors);
  auto r = area.report(*period, *boundaries, ctx.fund, ctx.ocop);
  json j = stats::to_json(r);
  stats::ReportFormatter fmt(ctx.catalog(req), *ctx.geo, *ctx.sectors);
  j["narrative"] = fmt.narrative(r);
  return web::Response::json(j.dump());
}

web::Response me(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return std::move(*caller.refusal);
  if (!caller.principal.signed_in()) return unauthorized(ctx, req, false);
  auto scope = worker_services(ctx).access->province_scope(caller.principal);
  return web::Response::json(user_json(*caller.principal.user, scope.filter()).dump());
}

// A route's handler for Handler(ctx, req, the path's {code}).
template <web::Response (*Handler)(const AppContext&, const web::Request&, const std::string&)>
web::Response by_code(const AppContext& ctx, const web::Request& req,
                      const web::RouteParams& params) {
  return Handler(ctx, req, params.at("code"));
}

}  // namespace

void register_public_api(web::Router& router, const AppContext& ctx) {
  add_resources(router, ctx, "/api/v1",
                {{.path = "/cooperatives", .get = list_cooperatives, .post = create_cooperative},
                 {.path = "/cooperatives/{code}",
                  .get = by_code<get_cooperative>,
                  .patch = by_code<patch_cooperative>},
                 {.path = "/cooperatives/{code}/dissolve", .post = by_code<dissolve_cooperative>},
                 {.path = "/reports/{period}", .get = report},
                 {.path = "/me", .get = me}});
  register_work_api(router, ctx);
  register_governance_api(router, ctx);
  register_reporting_api(router, ctx);
  register_market_api(router, ctx);
  register_fund_api(router, ctx);
  register_ocop_api(router, ctx);
  register_training_api(router, ctx);
  register_advisory_api(router, ctx);
  register_profile_api(router, ctx);

  // The hot path: the national dashboard is a cache look-up and a copy of its bytes.
  // The scopes are worked out once: every province's, and the country's.
  auto national = std::make_shared<const stats::DashboardScope>(national_dashboard_scope(ctx));
  auto provinces = std::make_shared<std::map<std::string, stats::DashboardScope, std::less<>>>();
  for (auto& unit : ctx.geo->provinces())
    provinces->emplace(unit.id, province_dashboard_scope(ctx, unit));
  router.get("/api/v1/dashboard", [&ctx, national, provinces](const web::Request& req,
                                                              const web::RouteParams&) {
    auto province = req.query.get("province");
    if (!province || province->empty()) return web::Response::json(*dashboard_body(ctx, *national));
    auto scope = provinces->find(*province);
    if (scope == provinces->end())
      return error(400, "bad_province",
                   ctx.catalog(req).text("api.bad_province", {{"value", std::string(*province)}}));
    return web::Response::json(*dashboard_body(ctx, scope->second));
  });

  auto document = std::make_shared<web::StaticFiles>();
  document->add_file("openapi.json", ctx.web_dir / "openapi.json");
  router.get("/api/v1/openapi.json",
             [&ctx, document](const web::Request& req, const web::RouteParams&) {
               if (auto r = document->serve(req, "openapi.json")) return std::move(*r);
               return error(404, "not_found", ctx.catalog(req).text("http.not_found"));
             });
}

std::size_t register_static(web::Router& router, const AppContext& ctx) {
  auto files = std::make_shared<web::StaticFiles>();
  files->add_directory(ctx.web_dir / "static");
  const auto modules = ctx.web_dir / "node_modules";
  files->add_file("vendor/htmx.min.js", modules / "htmx.org/dist/htmx.min.js");
  files->add_file("vendor/chart.umd.js", modules / "chart.js/dist/chart.umd.js");
  const std::size_t loaded = files->size();
  web::register_static_files(router, "/static", std::move(files));
  return loaded;
}

}  // namespace htx::api
