#include "api/public_api.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/dashboard.hpp"
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

std::optional<int> non_negative_int(std::optional<std::string_view> v, int fallback, int max) {
  if (!v) return fallback;
  if (v->empty() || v->size() > 9) return std::nullopt;
  int n = 0;
  for (char c : *v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n > max ? std::nullopt : std::optional<int>(n);
}

// Full records for registry users (staff, leaders, admins); the directory for the public,
// buyers and cooperatives' own accounts (their own record is at /cooperatives/{code}).
bool sees_full_records(const accounts::AccessPolicy& access, const Principal& p) {
  return p.signed_in() && access.can_use_registry(p) && !p.has_role(Role::kCooperative);
}

std::vector<FieldProblem> problems_of(const AppContext& ctx, const web::Request& req,
                                      const std::vector<registry::FieldError>& errors) {
  const auto& cat = ctx.catalog(req);
  std::vector<FieldProblem> out;
  for (auto& fe : errors) out.push_back({fe.field, cat.render(fe.error), fe.error.key});
  return out;
}

std::string actor_of(const Principal& p) { return p.user ? p.user->username : std::string(); }

web::Response list_cooperatives(const AppContext& ctx, const web::Request& req) {
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return std::move(*caller.refusal);
  const auto& cat = ctx.catalog(req);
  auto& s = worker_services(ctx);
  const Principal& p = caller.principal;
  const bool full = sees_full_records(*s.access, p);

  registry::ListQuery q;
  if (auto t = req.query.get("q")) q.text = std::string(*t);
  if (auto t = req.query.get("type"); t && !t->empty()) {
    q.type = registry::entity_type_from_code(*t);
    if (!q.type)
      return error(400, "bad_type", cat.text("field.bad_type", {{"value", std::string(*t)}}));
  }
  if (auto v = req.query.get("province"); v && !v->empty()) {
    if (!ctx.geo->province(*v))
      return error(400, "bad_province", cat.text("api.bad_province", {{"value", std::string(*v)}}));
    q.province_id = std::string(*v);
  }
  if (auto v = req.query.get("status"); v && !v->empty()) {
    q.status = registry::entity_status_from_code(*v);
    if (!q.status)
      return error(400, "bad_status", cat.text("api.bad_status", {{"value", std::string(*v)}}));
  }
  if (auto v = req.query.get("sort"); v && !v->empty()) {
    if (*v == "name")
      q.sort = registry::ListQuery::Sort::kName;
    else if (*v == "code")
      q.sort = registry::ListQuery::Sort::kCode;
    else if (*v == "founded")
      q.sort = registry::ListQuery::Sort::kFoundedOn;
    else
      return error(400, "bad_sort", cat.text("api.bad_sort", {{"value", std::string(*v)}}));
  }
  if (auto v = req.query.get("dir"); v && !v->empty()) {
    if (*v == "asc")
      q.descending = false;
    else if (*v == "desc")
      q.descending = true;
    else
      return error(400, "bad_dir", cat.text("api.bad_dir", {{"value", std::string(*v)}}));
  }
  auto limit = non_negative_int(req.query.get("limit"), 50, 1000);
  auto offset = non_negative_int(req.query.get("offset"), 0, 100'000'000);
  if (!limit || !offset || *limit == 0) return error(400, "bad_paging", cat.text("api.bad_paging"));
  q.limit = *limit;
  q.offset = *offset;

  if (full) {
    auto scope = s.access->province_scope(p);
    if (!scope.is_all()) {
      if (q.province_id && !scope.allows(*q.province_id))
        return forbidden(ctx, req, *q.province_id);
      q.province_in = scope.provinces();
    }
  }
  auto& repo = s.db->registry();
  json items = json::array();
  for (auto& e : repo.list(q)) items.push_back(full ? entity_json(ctx, e) : directory_json(ctx, e));
  json j = {{"total", repo.count(q)},
            {"limit", q.limit},
            {"offset", q.offset},
            {"view", full ? "full" : "directory"},
            {"items", std::move(items)}};
  return web::Response::json(j.dump());
}

web::Response get_cooperative(const AppContext& ctx, const web::Request& req,
                              const std::string& code) {
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return std::move(*caller.refusal);
  auto& s = worker_services(ctx);
  const Principal& p = caller.principal;
  auto e = s.db->registry().find_by_code(code);
  if (!e)
    return error(404, "not_found", ctx.catalog(req).text("registry.not_found", {{"code", code}}));
  // The public and buyers: the directory. Registry users: the full record if it is theirs.
  if (!p.signed_in() || !s.access->can_use_registry(p))
    return web::Response::json(directory_json(ctx, *e).dump());
  if (!s.access->can_view_entity(p, e->province_id, e->code))
    return forbidden(ctx, req, e->province_id);
  return web::Response::json(full_entity_json(ctx, *e, s.db->registry().events_of(e->id)).dump());
}

web::Response written(const AppContext& ctx, const registry::Entity& e, int status) {
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  auto& s = worker_services(ctx);
  auto stored = s.db->registry().find_by_code(e.code);
  const registry::Entity& shown = stored ? *stored : e;
  auto r = web::Response::json(
      full_entity_json(ctx, shown, s.db->registry().events_of(shown.id)).dump(), status);
  if (status == 201) r.headers.set("Location", "/api/v1/cooperatives/" + e.code);
  return r;
}

web::Response create_cooperative(const AppContext& ctx, const web::Request& req) {
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return std::move(*caller.refusal);
  const Principal& p = caller.principal;
  if (!p.signed_in()) return unauthorized(ctx, req, false);
  auto& s = worker_services(ctx);
  if (!s.access->can_import(p)) return forbidden(ctx, req);  // roles that never create
  auto body = parse_json_object(ctx, req);
  if (body.refusal) return std::move(*body.refusal);
  registry::Entity e;
  auto problems = apply_fields(ctx, req, e, body.value);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  if (auto errors = s.registry->validate(e); !errors.empty())
    return validation_error(ctx, req, problems_of(ctx, req, errors));
  if (!s.access->can_create_entity(p, e.province_id)) return forbidden(ctx, req, e.province_id);
  auto created = s.registry->create(e, actor_of(p));
  if (!created) return error_response(ctx, req, created.error());
  return written(ctx, *created, 201);
}

// The top-level members a write body may have; anything else is a field problem.
std::vector<FieldProblem> unknown_members(const AppContext& ctx, const web::Request& req,
                                          const json& body,
                                          std::initializer_list<std::string_view> allowed) {
  std::vector<FieldProblem> out;
  for (auto& [k, v] : body.items())
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      out.push_back({k, ctx.catalog(req).text("api.unknown_field"), "api.unknown_field"});
  return out;
}

// An optional "YYYY-MM-DD" member; today when absent.
std::optional<Date> date_member(const AppContext& ctx, const web::Request& req, const json& body,
                                const char* name, bool required,
                                std::vector<FieldProblem>& problems) {
  const auto& cat = ctx.catalog(req);
  if (!body.contains(name)) {
    if (!required) return ctx.clock->today();
    problems.push_back({name, cat.text("field.required"), "field.required"});
    return std::nullopt;
  }
  const json& v = body[name];
  std::optional<Date> d;
  if (v.is_string() && v.get<std::string>().size() == 10) d = Date::parse_iso(v.get<std::string>());
  if (!d)
    problems.push_back(
        {name,
         cat.text("api.bad_date", {{"value", v.is_string() ? v.get<std::string>() : v.dump()}}),
         "api.bad_date"});
  return d;
}

std::string note_member(const AppContext& ctx, const web::Request& req, const json& body,
                        std::vector<FieldProblem>& problems) {
  if (!body.contains("note")) return {};
  if (!body["note"].is_string()) {
    problems.push_back(
        {"note", ctx.catalog(req).text("api.expected_string"), "api.expected_string"});
    return {};
  }
  return body["note"].get<std::string>();
}

// A registry error whose field is the entity's dissolved_on / the change's effective date is
// shown on the member the client sent.
web::Response change_error(const AppContext& ctx, const web::Request& req, Error e,
                           const char* date_member_name) {
  return error_response(
      ctx, req,
      e.with_field_names({{"effective_on", date_member_name}, {"dissolved_on", date_member_name}}));
}

web::Response patch_cooperative(const AppContext& ctx, const web::Request& req,
                                const std::string& code) {
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return std::move(*caller.refusal);
  const Principal& p = caller.principal;
  if (!p.signed_in()) return unauthorized(ctx, req, false);
  auto body = parse_json_object(ctx, req);
  if (body.refusal) return std::move(*body.refusal);
  auto& s = worker_services(ctx);
  const auto& cat = ctx.catalog(req);
  auto existing = s.db->registry().find_by_code(code);
  if (!existing) return error(404, "not_found", cat.text("registry.not_found", {{"code", code}}));
  if (!s.access->can_edit_entity(p, existing->province_id, existing->code))
    return forbidden(ctx, req, existing->province_id);

  auto problems =
      unknown_members(ctx, req, body.value, {"changes", "effective_on", "kind", "note"});
  auto effective_on = date_member(ctx, req, body.value, "effective_on", false, problems);
  std::string note = note_member(ctx, req, body.value, problems);
  registry::EventKind kind = registry::EventKind::kReorganised;
  if (body.value.contains("kind")) {
    const json& k = body.value["kind"];
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
  if (!body.value.contains("changes") || !body.value["changes"].is_object()) {
    problems.push_back({"changes", cat.text("api.not_object"), "api.not_object"});
  } else {
    const json& changes = body.value["changes"];
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
  if (changed.province_id != existing->province_id && !s.access->in_scope(p, changed.province_id))
    return forbidden(ctx, req, changed.province_id);
  if (auto errors = s.registry->validate(changed); !errors.empty())
    return validation_error(ctx, req, problems_of(ctx, req, errors));
  auto result = s.registry->change(code, changed, kind, *effective_on, actor_of(p), note);
  if (!result) return change_error(ctx, req, result.error(), "effective_on");
  return written(ctx, *result, 200);
}

web::Response dissolve_cooperative(const AppContext& ctx, const web::Request& req,
                                   const std::string& code) {
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return std::move(*caller.refusal);
  const Principal& p = caller.principal;
  if (!p.signed_in()) return unauthorized(ctx, req, false);
  auto body = parse_json_object(ctx, req);
  if (body.refusal) return std::move(*body.refusal);
  auto& s = worker_services(ctx);
  auto existing = s.db->registry().find_by_code(code);
  if (!existing)
    return error(404, "not_found", ctx.catalog(req).text("registry.not_found", {{"code", code}}));
  if (!s.access->can_dissolve_entity(p, existing->province_id))
    return forbidden(ctx, req, existing->province_id);
  auto problems = unknown_members(ctx, req, body.value, {"on", "note"});
  auto on = date_member(ctx, req, body.value, "on", true, problems);
  std::string note = note_member(ctx, req, body.value, problems);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto result = s.registry->dissolve(code, *on, actor_of(p), note);
  if (!result) return change_error(ctx, req, result.error(), "on");
  return written(ctx, *result, 200);
}

web::Response report(const AppContext& ctx, const web::Request& req, const std::string& code) {
  const auto& cat = ctx.catalog(req);
  auto period = stats::parse_period(code);
  if (!period) return error(400, "bad_period", cat.render(period.error()));
  auto boundaries = stats::default_boundaries(*period);
  if (auto b = req.query.get("boundaries"); b && !b->empty()) {
    if (*b == "old")
      boundaries = geo::Boundaries::kOld63;
    else if (*b == "new")
      boundaries = geo::Boundaries::kNew34;
    else if (*b == "registered")
      boundaries = geo::Boundaries::kAsRegistered;
    else
      return error(400, "bad_boundaries",
                   cat.text("api.bad_boundaries", {{"value", std::string(*b)}}));
  }
  auto& db = *worker_services(ctx).db;
  stats::ReportBuilder builder(db.flows(), db.registry(), db.targets(), *ctx.geo, *ctx.sectors);
  auto r = builder.build(*period, boundaries);
  json j = stats::to_json(r);
  stats::ReportFormatter fmt(cat, *ctx.geo, *ctx.sectors);
  j["narrative"] = fmt.narrative(r);
  return web::Response::json(j.dump());
}

web::Response me(const AppContext& ctx, const web::Request& req) {
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return std::move(*caller.refusal);
  if (!caller.principal.signed_in()) return unauthorized(ctx, req, false);
  auto scope = worker_services(ctx).access->province_scope(caller.principal);
  return web::Response::json(user_json(*caller.principal.user, scope.filter()).dump());
}

}  // namespace

void register_public_api(web::Router& router, const AppContext& ctx) {
  router.get("/api/v1/cooperatives", [&ctx](const web::Request& req, const web::RouteParams&) {
    return list_cooperatives(ctx, req);
  });
  router.post("/api/v1/cooperatives", [&ctx](const web::Request& req, const web::RouteParams&) {
    return create_cooperative(ctx, req);
  });
  router.get("/api/v1/cooperatives/{code}",
             [&ctx](const web::Request& req, const web::RouteParams& params) {
               return get_cooperative(ctx, req, params.at("code"));
             });
  router.patch("/api/v1/cooperatives/{code}",
               [&ctx](const web::Request& req, const web::RouteParams& params) {
                 return patch_cooperative(ctx, req, params.at("code"));
               });
  router.post("/api/v1/cooperatives/{code}/dissolve",
              [&ctx](const web::Request& req, const web::RouteParams& params) {
                return dissolve_cooperative(ctx, req, params.at("code"));
              });
  router.get("/api/v1/reports/{period}",
             [&ctx](const web::Request& req, const web::RouteParams& params) {
               return report(ctx, req, params.at("period"));
             });
  router.get("/api/v1/me",
             [&ctx](const web::Request& req, const web::RouteParams&) { return me(ctx, req); });
  register_work_api(router, ctx);
  register_governance_api(router, ctx);
  register_reporting_api(router, ctx);

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
