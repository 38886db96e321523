#include "api/public_api.hpp"

#include <nlohmann/json.hpp>

#include "registry/registry_service.hpp"
#include "stats/period.hpp"
#include "stats/report.hpp"
#include "stats/report_format.hpp"

namespace htx::api {

namespace {

using nlohmann::json;

// One connection per worker thread and database (a Database is not shared between threads).
store::Database& database(const PublicApiContext& ctx) {
  thread_local std::string url;
  thread_local std::unique_ptr<store::Database> db;
  if (!db || url != ctx.database_url) {
    db = ctx.open_database(ctx.database_url);
    url = ctx.database_url;
  }
  return *db;
}

const i18n::Catalog& catalog(const PublicApiContext& ctx, const web::Request& req) {
  return web::preferred_lang(req) == i18n::Lang::kEn ? *ctx.en : *ctx.vi;
}

web::Response error(int status, std::string_view code, std::string message) {
  json j = {{"error", {{"code", code}, {"message", std::move(message)}}}};
  return web::Response::json(j.dump(), status);
}

json entity_json(const PublicApiContext& ctx, const registry::Entity& e) {
  json j = registry::to_json(e);
  if (auto* p = ctx.geo->province(e.province_id)) {
    j["province_name"] = p->name;
    j["region_id"] = p->region_id;
  }
  if (auto* s = ctx.sectors->by_id(e.sector_id)) j["sector_name"] = s->name;
  return j;
}

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

}  // namespace

void register_public_api(web::Router& router, const PublicApiContext& ctx) {
  router.get("/api/v1/cooperatives", [&ctx](const web::Request& req, const web::RouteParams&) {
    const auto& cat = catalog(ctx, req);
    registry::ListQuery q;
    if (auto t = req.query.get("q")) q.text = std::string(*t);
    if (auto t = req.query.get("type"); t && !t->empty()) {
      q.type = registry::entity_type_from_code(*t);
      if (!q.type)
        return error(400, "bad_type", cat.text("field.bad_type", {{"value", std::string(*t)}}));
    }
    if (auto p = req.query.get("province"); p && !p->empty()) q.province_id = std::string(*p);
    auto limit = non_negative_int(req.query.get("limit"), 50, 1000);
    auto offset = non_negative_int(req.query.get("offset"), 0, 100'000'000);
    if (!limit || !offset || *limit == 0)
      return error(400, "bad_paging", cat.text("api.bad_paging"));
    q.limit = *limit;
    q.offset = *offset;
    auto& db = database(ctx);
    json items = json::array();
    for (auto& e : db.registry().list(q)) items.push_back(entity_json(ctx, e));
    json j = {{"total", db.registry().count(q)},
              {"limit", q.limit},
              {"offset", q.offset},
              {"items", std::move(items)}};
    return web::Response::json(j.dump());
  });

  router.get("/api/v1/cooperatives/{code}",
             [&ctx](const web::Request& req, const web::RouteParams& params) {
               const auto& cat = catalog(ctx, req);
               auto& db = database(ctx);
               auto e = db.registry().find_by_code(params.at("code"));
               if (!e)
                 return error(404, "not_found",
                              cat.text("registry.not_found", {{"code", params.at("code")}}));
               json events = json::array();
               events.push_back({{"kind", "founded"},
                                 {"effective_on", e->founded_on.iso()},
                                 {"recorded_at", e->recorded_at}});
               for (auto& ev : db.registry().events_of(e->id))
                 events.push_back({{"kind", registry::to_code(ev.kind)},
                                   {"effective_on", ev.effective_on.iso()},
                                   {"recorded_at", ev.recorded_at},
                                   {"changes", ev.changes},
                                   {"note", ev.note}});
               json j = entity_json(ctx, *e);
               j["events"] = std::move(events);
               return web::Response::json(j.dump());
             });

  router.get("/api/v1/reports/{period}",
             [&ctx](const web::Request& req, const web::RouteParams& params) {
               const auto& cat = catalog(ctx, req);
               auto period = stats::parse_period(params.at("period"));
               if (!period) return error(400, "bad_period", cat.render(period.error()));
               auto boundaries = stats::default_boundaries(*period);
               if (auto b = req.query.get("boundaries"); b && !b->empty()) {
                 if (*b == "old") boundaries = geo::Boundaries::kOld63;
                 else if (*b == "new") boundaries = geo::Boundaries::kNew34;
                 else if (*b == "registered") boundaries = geo::Boundaries::kAsRegistered;
                 else
                   return error(400, "bad_boundaries",
                                cat.text("api.bad_boundaries", {{"value", std::string(*b)}}));
               }
               auto& db = database(ctx);
               stats::ReportBuilder builder(db.flows(), db.registry(), db.targets(), *ctx.geo,
                                            *ctx.sectors);
               auto report = builder.build(*period, boundaries);
               json j = stats::to_json(report);
               stats::ReportFormatter fmt(cat, *ctx.geo, *ctx.sectors);
               j["narrative"] = fmt.narrative(report);
               return web::Response::json(j.dump());
             });
}

}  // namespace htx::api
