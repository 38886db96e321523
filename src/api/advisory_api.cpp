// Advisory cases' JSON API over areas::AdvisoryArea (documented in web/openapi.json), a bearer
// token required: GET/POST /api/v1/advisory-cases, GET /api/v1/advisory-cases/{id} (with the
// registry entities it may be closed with while open), POST …/{id}/close and …/{id}/drop. Every
// refusal is the area's Error through api::error_response (invalid → 422 on its field, a bad
// filter → 400 on it, not found → 404, forbidden → 403, conflict → 409).
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "areas/advisory_area.hpp"
#include "core/json_record.hpp"

namespace htx::api {

namespace {

using namespace detail;
using areas::AdvisoryArea;
using namespace htx::advisory;

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json case_json(const Case& c) {
  return json_record("id", c.id, "unit_id", c.unit_id, "province", c.province_id, "group_name",
                     c.group_name, "contact", c.contact, "address", c.address, "planned_type",
                     c.planned_type, "opened_on", c.opened_on, "adviser", c.adviser, "note", c.note,
                     "status", c.status, "closed_on", c.closed_on, "entity_code",
                     text_or_null(c.entity_code), "entity_name", text_or_null(c.entity_name),
                     "drop_reason", text_or_null(c.drop_reason));
}

// Advisory cases: the work programme's readers read, its writers write (AccessPolicy).
constexpr AreaGuard<AdvisoryArea> kAdvisory{advisory_area, reads_or_writes<AdvisoryArea>,
                                            Body::kObject, Members::kScalars};

web::Response list_cases(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return area_read(kAdvisory, ctx, req, [&](AdvisoryArea& a) {
    auto rows = a.list(query_fields(req, {"province", "unit", "status", "year"}));
    if (!rows) return error_response(ctx, req, rows.error());
    json items = json::array();
    for (const auto& c : *rows) items.push_back(case_json(c));
    return web::Response::json(items_json(std::move(items)).dump());
  });
}

web::Response post_case(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return area_write(kAdvisory, ctx, req,
                    {"unit", "province", "group_name", "contact", "address", "planned_type",
                     "opened_on", "adviser", "note"},
                    [&](AdvisoryArea& a, const areas::Fields& f) {
                      return answer(ctx, req, a.open(f), case_json, 201);
                    });
}

web::Response get_case(const AppContext& ctx, const web::Request& req,
                       const web::RouteParams& params) {
  return area_read(kAdvisory, ctx, req, [&](AdvisoryArea& a) {
    return with_id(ctx, req, params, "advisory.not_found", [&](std::int64_t id) {
      auto c = a.find(id);
      if (!c) return error_response(ctx, req, c.error());
      json out = case_json(*c);
      json matches = json::array();
      if (auto m = a.matches(id))
        for (const auto& x : *m)
          matches.push_back({{"entity_code", x.entity.code},
                             {"entity_name", x.entity.name},
                             {"founded_on", x.entity.founded_on.iso()},
                             {"score", x.score}});
      out["matches"] = std::move(matches);
      return web::Response::json(out.dump());
    });
  });
}

// Closing or dropping case {id}: the body's members `allowed`, the area's `act`.
web::Response end_case(const AppContext& ctx, const web::Request& req,
                       const web::RouteParams& params, const std::vector<std::string>& allowed,
                       Result<Case> (AdvisoryArea::*act)(std::int64_t, const areas::Fields&)) {
  return area_write(kAdvisory, ctx, req, allowed, [&](AdvisoryArea& a, const areas::Fields& f) {
    return with_id(ctx, req, params, "advisory.not_found", [&](std::int64_t id) {
      return answer(ctx, req, (a.*act)(id, f), case_json, 200);
    });
  });
}

web::Response close_case(const AppContext& ctx, const web::Request& req,
                         const web::RouteParams& params) {
  return end_case(ctx, req, params, {"entity_code", "closed_on"}, &AdvisoryArea::close);
}

web::Response drop_case(const AppContext& ctx, const web::Request& req,
                        const web::RouteParams& params) {
  return end_case(ctx, req, params, {"reason", "dropped_on"}, &AdvisoryArea::drop);
}

}  // namespace

void register_advisory_api(web::Router& router, const AppContext& ctx) {
  add_resources(router, ctx, "/api/v1",
                {{.path = "/advisory-cases", .get = list_cases, .post = post_case},
                 {.path = "/advisory-cases/{id}", .get = get_case},
                 {.path = "/advisory-cases/{id}/close", .post = close_case},
                 {.path = "/advisory-cases/{id}/drop", .post = drop_case}});
}

}  // namespace htx::api
