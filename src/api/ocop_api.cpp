// OCOP certificates' JSON API over areas::OcopArea (documented in web/openapi.json), a bearer
// token required. Handlers read the path, the query and the JSON body — members named as
// OcopArea's fields, as strings or numbers (points may be 36.5) — and render what the area
// answers; every refusal is the area's Error through api::error_response (invalid → 422 on its
// field, a bad filter → 400 on it, not found → 404, forbidden → 403, conflict → 409).
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "areas/ocop_area.hpp"
#include "core/json_record.hpp"

namespace htx::api {

namespace {

using namespace detail;
using areas::OcopArea;
using namespace htx::ocop;

json points_or_null(const std::optional<std::int64_t>& p) {
  return p ? json(static_cast<double>(*p) / 10.0) : json(nullptr);
}

json certificate_json(const Certificate& c) {
  return json_record("id", c.id, "product", c.product, "group", c.group, "subgroup", c.subgroup,
                     "producer", c.producer_code, "producer_name", c.producer_name, "province",
                     c.province_id, "score_a", points_or_null(c.score_a), "score_b",
                     points_or_null(c.score_b), "score_c", points_or_null(c.score_c), "stars",
                     c.stars, "level", c.level, "decision_number", c.decision_number, "decided_on",
                     c.decided_on, "valid_until", c.valid_until, "renews", c.renews_id, "origin",
                     c.origin);
}

json view_json(const CertificateView& v) {
  json j = certificate_json(v.certificate);
  j["valid"] = v.valid;
  j["renewed_by"] = v.renewed_by ? json(v.renewed_by->id) : json(nullptr);
  return j;
}

json counts_json(const ProvinceCounts& p) {
  return json_record("products", p.products, "stars_3", p.by_stars[0], "stars_4", p.by_stars[1],
                     "stars_5", p.by_stars[2], "cooperatives", p.cooperatives, "producers",
                     p.producers);
}

// OCOP's guard: its readers read; each write is checked by the area; a write's members may be
// fractions too (points 36.5).
constexpr AreaGuard<OcopArea> kOcop{ocop_area, reads_area<OcopArea>, Body::kObject,
                                    Members::kScalarsAndDecimals};

const std::vector<std::string> kFields{"product", "group",           "subgroup",   "producer",
                                       "score_a", "score_b",         "score_c",    "stars",
                                       "level",   "decision_number", "decided_on", "renews"};

web::Response list_products(const AppContext& ctx, const web::Request& req,
                            const web::RouteParams&) {
  return area_read(kOcop, ctx, req, [&](OcopArea& a) {
    auto list =
        a.list(query_fields(req, {"province", "group", "stars", "producer", "valid_on", "on"}));
    return answer(ctx, req, list, [](const std::vector<CertificateView>& views) {
      json items = json::array();
      for (const auto& v : views) items.push_back(view_json(v));
      return items_json(std::move(items));
    });
  });
}

web::Response post_product(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams&) {
  return area_write(kOcop, ctx, req, kFields, [&](OcopArea& a, const areas::Fields& f) {
    return answer(ctx, req, a.add(f), certificate_json, 201);
  });
}

web::Response get_product(const AppContext& ctx, const web::Request& req,
                          const web::RouteParams& params) {
  return area_read(kOcop, ctx, req, [&](OcopArea& a) {
    return with_id(ctx, req, params, "ocop.no_certificate", [&](std::int64_t id) {
      return answer(ctx, req, a.certificate(id, query_text(req, "on")), view_json);
    });
  });
}

web::Response get_counts(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return area_read(kOcop, ctx, req, [&](OcopArea& a) {
    return answer(ctx, req, a.counts(query_text(req, "on")), [](const auto& counts) {
      json provinces = json::array();
      for (const auto& [province, p] : counts.by_province) {
        json row = counts_json(p);
        row["province"] = province;
        provinces.push_back(std::move(row));
      }
      return json{
          {"on", counts.on.iso()}, {"total", counts_json(counts.total)}, {"provinces", provinces}};
    });
  });
}

}  // namespace

void register_ocop_api(web::Router& router, const AppContext& ctx) {
  add_resources(router, ctx, "/api/v1/ocop",
                {{.path = "/products", .get = list_products, .post = post_product},
                 {.path = "/products/{id}", .get = get_product},
                 {.path = "/counts", .get = get_counts}});
}

}  // namespace htx::api
