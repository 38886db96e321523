// OCOP certificates' JSON API over areas::OcopArea (documented in web/openapi.json), a bearer
// token required. Handlers read the path, the query and the JSON body — members named as
// OcopArea's fields, as strings or numbers (points may be 36.5) — and render what the area
// answers; every refusal is the area's Error through api::error_response (invalid → 422 on its
// field, a bad filter → 400 on it, not found → 404, forbidden → 403, conflict → 409).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "areas/ocop_area.hpp"

namespace htx::api {

namespace {

using namespace detail;
using areas::OcopArea;
using namespace htx::ocop;

json date_or_null(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }
json points_or_null(const std::optional<std::int64_t>& p) {
  return p ? json(static_cast<double>(*p) / 10.0) : json(nullptr);
}

json certificate_json(const Certificate& c) {
  return {{"id", c.id},
          {"product", c.product},
          {"group", c.group},
          {"subgroup", c.subgroup},
          {"producer", c.producer_code},
          {"producer_name", c.producer_name},
          {"province", c.province_id},
          {"score_a", points_or_null(c.score_a)},
          {"score_b", points_or_null(c.score_b)},
          {"score_c", points_or_null(c.score_c)},
          {"stars", c.stars},
          {"level", c.level ? json(std::string(to_code(*c.level))) : json(nullptr)},
          {"decision_number", c.decision_number},
          {"decided_on", date_or_null(c.decided_on)},
          {"valid_until", date_or_null(c.valid_until)},
          {"renews", c.renews_id ? json(*c.renews_id) : json(nullptr)},
          {"origin", to_code(c.origin)}};
}

json view_json(const CertificateView& v) {
  json j = certificate_json(v.certificate);
  j["valid"] = v.valid;
  j["renewed_by"] = v.renewed_by ? json(v.renewed_by->id) : json(nullptr);
  return j;
}

json counts_json(const ProvinceCounts& p) {
  return {{"products", p.products},   {"stars_3", p.by_stars[0]},       {"stars_4", p.by_stars[1]},
          {"stars_5", p.by_stars[2]}, {"cooperatives", p.cooperatives}, {"producers", p.producers}};
}

// The caller's area, if signed in and allowed to read OCOP; else the refusal.
struct OcopRequest {
  std::optional<OcopArea> area;
  json body;
  std::optional<web::Response> refusal;
};
OcopRequest ocop_request(const AppContext& ctx, const web::Request& req, bool write) {
  OcopRequest out;
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return {std::nullopt, {}, std::move(caller.refusal)};
  if (!caller.principal.signed_in()) return {std::nullopt, {}, unauthorized(ctx, req, false)};
  out.area.emplace(ocop_area(ctx, caller.principal));
  if (!out.area->can_read()) return {std::nullopt, {}, forbidden(ctx, req)};
  if (write) {
    auto body = parse_json_object(ctx, req);
    if (body.refusal) return {std::nullopt, {}, std::move(body.refusal)};
    out.body = std::move(body.value);
  }
  return out;
}

const std::vector<std::string> kFields{"product", "group",           "subgroup",   "producer",
                                       "score_a", "score_b",         "score_c",    "stars",
                                       "level",   "decision_number", "decided_on", "renews"};

web::Response list_products(const AppContext& ctx, const web::Request& req,
                            const web::RouteParams&) {
  auto r = ocop_request(ctx, req, false);
  if (r.refusal) return std::move(*r.refusal);
  auto list =
      r.area->list(query_fields(req, {"province", "group", "stars", "producer", "valid_on", "on"}));
  if (!list) return error_response(ctx, req, list.error());
  json items = json::array();
  for (const auto& v : *list) items.push_back(view_json(v));
  return web::Response::json(json{{"total", items.size()}, {"items", items}}.dump());
}

web::Response post_product(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams&) {
  auto r = ocop_request(ctx, req, true);
  if (r.refusal) return std::move(*r.refusal);
  areas::Fields f;
  std::vector<FieldProblem> problems;
  for (auto& [k, v] : r.body.items()) {
    if (std::find(kFields.begin(), kFields.end(), k) == kFields.end()) {
      problems.push_back({k, ctx.catalog(req).text("api.unknown_field"), "api.unknown_field"});
    } else if (v.is_string()) {
      f[k] = v.get<std::string>();
    } else if (v.is_number()) {
      f[k] = v.is_number_integer() ? v.dump() : text::format_decimal(v.get<double>(), 1);
    } else if (!v.is_null()) {
      problems.push_back({k, ctx.catalog(req).text("api.expected_string"), "api.expected_string"});
    }
  }
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto done = r.area->add(f);
  if (!done) return error_response(ctx, req, done.error());
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  return web::Response::json(certificate_json(*done).dump(), 201);
}

web::Response get_product(const AppContext& ctx, const web::Request& req,
                          const web::RouteParams& params) {
  auto r = ocop_request(ctx, req, false);
  if (r.refusal) return std::move(*r.refusal);
  auto id = positive(params.at("id"));
  if (!id)
    return error_response(ctx, req,
                          Error::not_found("ocop.no_certificate", {{"id", params.at("id")}}));
  auto on = req.query.get("on");
  auto v = r.area->certificate(*id, on ? std::string(*on) : std::string());
  if (!v) return error_response(ctx, req, v.error());
  return web::Response::json(view_json(*v).dump());
}

web::Response get_counts(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  auto r = ocop_request(ctx, req, false);
  if (r.refusal) return std::move(*r.refusal);
  auto on = req.query.get("on");
  auto counts = r.area->counts(on ? std::string(*on) : std::string());
  if (!counts) return error_response(ctx, req, counts.error());
  json provinces = json::array();
  for (const auto& [province, p] : counts->by_province) {
    json row = counts_json(p);
    row["province"] = province;
    provinces.push_back(std::move(row));
  }
  return web::Response::json(json{
      {"on", counts->on.iso()},
      {"total", counts_json(counts->total)},
      {"provinces", provinces}}.dump());
}

}  // namespace

void register_ocop_api(web::Router& router, const AppContext& ctx) {
  using web::Method;
  add_routes(router, ctx,
             {{Method::kGet, "/api/v1/ocop/products", list_products},
              {Method::kPost, "/api/v1/ocop/products", post_product},
              {Method::kGet, "/api/v1/ocop/products/{id}", get_product},
              {Method::kGet, "/api/v1/ocop/counts", get_counts}});
}

}  // namespace htx::api
