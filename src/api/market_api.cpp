// The exchange's JSON API over areas::MarketArea (documented in web/openapi.json). A bearer
// token is required, except for the published campaigns and their results under
// /api/v1/public/, which show no value in đồng. Handlers only read the path, the query and the
// JSON body (members as strings or numbers, unknown members refused) and render what the area
// answers; every refusal is the area's Error through api::error_response (invalid → 422 on its
// field, bad request → 400, not found → 404, forbidden → 403, oversold → 409).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "areas/market_area.hpp"
#include "market/results_json.hpp"

namespace htx::api {

namespace {

using namespace detail;
using areas::MarketArea;

// The exchange's guard: any signed-in user reads (AccessPolicy::can_read_market: each sees what
// is theirs); each write is checked by the area; a write's empty body is {} (a withdrawal, a
// proposal).
constexpr AreaGuard<MarketArea> kMarket{market_area, reads_area<MarketArea>, Body::kObjectOrEmpty};

std::string stated(const MarketArea& m, const std::string& product, std::int64_t amount,
                   const std::string& unit) {
  const auto& cat = m.data().catalogue;
  const market::Product* p = cat.product(product);
  const market::Unit* u = cat.unit(unit);
  if (!p || !u) return std::to_string(amount);
  return market::Catalogue::amount_in({amount, p->dimension}, *u);
}

json offer_json(MarketArea& m, const market::Offer& o) {
  json j = market::to_json(o);
  j["entity_name"] = m.entity_name(o.entity_id);
  j["stated"] = stated(m, o.product, o.quantity.amount, o.unit);
  return j;
}

json demand_json(MarketArea& m, const market::Demand& d) {
  json j = market::to_json(d);
  auto b = m.buyer(d.buyer_id);
  j["buyer_code"] = b ? b->code : "";
  j["buyer_name"] = b ? b->name : "";
  j["stated"] = stated(m, d.product, d.quantity.amount, d.unit);
  return j;
}

json orders_json(const std::vector<market::Order>& orders) {
  json items = json::array();
  for (const auto& o : orders) items.push_back(market::to_json(o));
  return items_json(std::move(items));
}

areas::ListingFilter listing_filter(const web::Request& req) {
  return {query_text(req, "campaign"), query_text(req, "product"),
          flag(req.query.get("open")) ? "1" : ""};
}

// ---- offers and demand: a list with the query's filters, a new one, a withdrawal ----

using Side = MarketArea::Side;

// The JSON of an offer or a demand by id (after a post or a withdrawal).
json listing_json(MarketArea& m, Side side, std::int64_t id) {
  if (side == Side::kOffer) {
    auto o = m.find_offer(id);
    return o ? offer_json(m, *o) : json::object();
  }
  auto d = m.find_demand(id);
  return d ? demand_json(m, *d) : json::object();
}

template <class Rows, class Render>
web::Response rows_json(const AppContext& ctx, const web::Request& req, MarketArea& m,
                        const Rows& rows, Render render) {
  if (!rows) return error_response(ctx, req, rows.error());
  json items = json::array();
  for (const auto& row : *rows) items.push_back(render(m, row));
  return web::Response::json(items_json(std::move(items)).dump());
}

web::Response list_listings(const AppContext& ctx, const web::Request& req, Side side) {
  return area_read(kMarket, ctx, req, [&](MarketArea& m) {
    const auto filter = listing_filter(req);
    if (side == Side::kOffer) return rows_json(ctx, req, m, m.offers(filter), offer_json);
    return rows_json(ctx, req, m, m.demand(filter), demand_json);
  });
}

web::Response post_listing(const AppContext& ctx, const web::Request& req, Side side) {
  return area_write(kMarket, ctx, req, MarketArea::listing_fields(side),
                    [&](MarketArea& m, const areas::Fields& f) {
                      return answer(
                          ctx, req, m.post_listing(side, f),
                          [&](std::int64_t id) { return listing_json(m, side, id); }, 201);
                    });
}

web::Response withdraw_listing(const AppContext& ctx, const web::Request& req,
                               const web::RouteParams& params, Side side) {
  return area_write(kMarket, ctx, req, {}, [&](MarketArea& m, const areas::Fields&) {
    const char* missing =
        side == Side::kOffer ? "market.offer_not_found" : "market.demand_not_found";
    return with_id(ctx, req, params, missing, [&](std::int64_t id) {
      return answer(ctx, req, m.withdraw_listing(side, id),
                    [&](std::int64_t done) { return listing_json(m, side, done); });
    });
  });
}

// The routes' handlers of a side.
template <Side S>
web::Response list_of(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return list_listings(ctx, req, S);
}
template <Side S>
web::Response post_of(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return post_listing(ctx, req, S);
}
template <Side S>
web::Response withdraw_of(const AppContext& ctx, const web::Request& req,
                          const web::RouteParams& params) {
  return withdraw_listing(ctx, req, params, S);
}

// ---- buyers ----

web::Response list_buyers(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return area_read(kMarket, ctx, req, [](MarketArea& m) {
    json items = json::array();
    for (const auto& b : m.buyers()) items.push_back(market::to_json(b));
    return web::Response::json(items_json(std::move(items)).dump());
  });
}

web::Response list_outlets(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams& params) {
  return area_read(kMarket, ctx, req, [&](MarketArea& m) {
    auto id = positive(params.at("id"));
    bool reached = false;
    if (id)
      for (const auto& b : m.buyers()) reached = reached || b.id == *id;
    if (!reached)
      return error_response(ctx, req,
                            Error::not_found("market.buyer_not_found", {{"id", params.at("id")}}));
    json items = json::array();
    for (const auto& o : m.outlets_of(*id)) items.push_back(market::to_json(o));
    return web::Response::json(items_json(std::move(items)).dump());
  });
}

// ---- campaigns ----

json campaigns_json(MarketArea& m) {
  json items = json::array();
  for (const auto& c : m.campaigns()) items.push_back(market::to_json(c));
  return items_json(std::move(items));
}

json campaign_json(const market::Campaign& c) { return market::to_json(c); }

web::Response list_campaigns(const AppContext& ctx, const web::Request& req,
                             const web::RouteParams&) {
  return area_read(kMarket, ctx, req,
                   [](MarketArea& m) { return web::Response::json(campaigns_json(m).dump()); });
}

web::Response post_campaign(const AppContext& ctx, const web::Request& req,
                            const web::RouteParams&) {
  return area_write(kMarket, ctx, req,
                    {"code", "name", "directive", "organiser", "partners", "targets", "provinces",
                     "starts_on", "ends_on", "origin_task", "origin_item"},
                    [&](MarketArea& m, const areas::Fields& f) {
                      auto r = answer(ctx, req, m.add_campaign(f), campaign_json, 201);
                      if (r.status == 201)
                        r.headers.set("Location", "/api/v1/market/campaigns/" + f.at("code"));
                      return r;
                    });
}

web::Response get_campaign(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams& params) {
  return area_read(kMarket, ctx, req, [&](MarketArea& m) {
    auto found = m.campaign(params.at("code"));
    if (!found) return error_response(ctx, req, found.error());
    return web::Response::json(campaign_json(*found).dump());
  });
}

web::Response set_status(const AppContext& ctx, const web::Request& req,
                         const web::RouteParams& params) {
  return area_write(kMarket, ctx, req, {"status"}, [&](MarketArea& m, const areas::Fields& f) {
    auto status = f.count("status") ? f.at("status") : std::string();
    return answer(ctx, req, m.set_campaign_status(params.at("code"), status), campaign_json);
  });
}

// A campaign's results (`code`), or, without one, every sale of the period ?from= … ?as_of=.
web::Response results_of(const AppContext& ctx, const web::Request& req, MarketArea& m,
                         const std::string& code, bool public_view) {
  const MarketArea::ResultsOf of{code, query_text(req, "from"), query_text(req, "as_of")};
  auto r = m.results(of);
  if (!r) return error_response(ctx, req, r.error());
  auto parts = m.breakdown(of);
  if (!parts) return error_response(ctx, req, parts.error());
  const auto& cat = m.data().catalogue;
  json j = market::to_json(*r, cat, public_view);
  // By the sellers' province and by cooperative: quantities for all, values for staff only.
  if (ctx.geo)
    for (auto& p : parts->by_province)
      if (const auto* province = ctx.geo->province(p.key)) p.name = province->name;
  j["by_province"] = market::to_json(parts->by_province, cat, public_view);
  j["by_cooperative"] = market::to_json(parts->by_cooperative, cat, public_view);
  return web::Response::json(j.dump());
}

web::Response get_results(const AppContext& ctx, const web::Request& req,
                          const web::RouteParams& params) {
  return area_read(kMarket, ctx, req, [&](MarketArea& m) {
    return results_of(ctx, req, m, params.at("code"), false);
  });
}

web::Response get_period_results(const AppContext& ctx, const web::Request& req,
                                 const web::RouteParams&) {
  return area_read(kMarket, ctx, req,
                   [&](MarketArea& m) { return results_of(ctx, req, m, "", false); });
}

// A campaign of the path that exists (for the proposal and its confirmation), else the 404.
std::optional<web::Response> missing_campaign(const AppContext& ctx, const web::Request& req,
                                              MarketArea& m, const std::string& code) {
  auto found = m.campaign(code);
  if (found) return std::nullopt;
  return error_response(ctx, req, found.error());
}

web::Response propose(const AppContext& ctx, const web::Request& req,
                      const web::RouteParams& params) {
  return area_write(kMarket, ctx, req, {}, [&](MarketArea& m, const areas::Fields&) {
    if (auto missing = missing_campaign(ctx, req, m, params.at("code"))) return std::move(*missing);
    auto p = m.propose(params.at("code"));
    if (!p) return error_response(ctx, req, p.error());
    return web::Response::json(market::to_json(*p).dump());
  });
}

// {"lines": [{"offer_id", "demand_id", "quantity"}]}: the lines to confirm (base units).
std::vector<market::Pairing> lines_of(const AppContext& ctx, const web::Request& req,
                                      const json& body, std::vector<FieldProblem>& problems) {
  std::vector<market::Pairing> out;
  for (auto& p : unknown(ctx, req, body, {"lines"})) problems.push_back(std::move(p));
  const json* lines = array_of(ctx, req, body, "lines", problems);
  if (!lines) return out;
  const auto& cat = ctx.catalog(req);
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const json& l = (*lines)[i];
    const std::string where = "lines." + std::to_string(i);
    if (!l.is_object()) {
      problems.push_back({where, cat.text("api.expected_object"), "api.expected_object"});
      continue;
    }
    for (auto& p : unknown(ctx, req, l, {"offer_id", "demand_id", "quantity"}))
      problems.push_back({where + "." + p.field, p.message, p.key});
    market::Pairing pairing;
    std::int64_t* slots[] = {&pairing.offer_id, &pairing.demand_id, &pairing.quantity};
    const char* names[] = {"offer_id", "demand_id", "quantity"};
    for (int k = 0; k < 3; ++k) {
      const json* v = l.contains(names[k]) ? &l[names[k]] : nullptr;
      if (v && v->is_number_integer() && v->get<std::int64_t>() > 0)
        *slots[k] = v->get<std::int64_t>();
      else
        problems.push_back(
            {where + "." + names[k], cat.text("api.expected_count"), "api.expected_count"});
    }
    out.push_back(pairing);
  }
  return out;
}

web::Response confirm(const AppContext& ctx, const web::Request& req,
                      const web::RouteParams& params) {
  auto r = area_request(kMarket, ctx, req, true, true);
  if (r.refusal) return std::move(*r.refusal);
  auto& m = *r.area;
  if (auto missing = missing_campaign(ctx, req, m, params.at("code"))) return std::move(*missing);
  std::vector<FieldProblem> problems;
  auto lines = lines_of(ctx, req, r.body, problems);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  return answer(ctx, req, m.confirm(params.at("code"), lines), orders_json, 201);
}

web::Response pair_by_hand(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams&) {
  return area_write(kMarket, ctx, req, {"offer", "demand", "quantity", "unit"},
                    [&](MarketArea& m, const areas::Fields& f) {
                      auto pairing = m.pairing(f);
                      if (!pairing) return error_response(ctx, req, pairing.error());
                      return answer(ctx, req, m.confirm("", {*pairing}), orders_json, 201);
                    });
}

// ---- orders, deliveries, sales ----

web::Response list_orders(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return area_read(kMarket, ctx, req, [&](MarketArea& m) {
    std::optional<std::int64_t> campaign_id;
    if (auto code = query_text(req, "campaign"); !code.empty()) {
      auto found = m.campaign(code);
      if (!found)
        return error_response(
            ctx, req, Error::bad_request("campaign", found.error().key, found.error().params));
      campaign_id = found->id;
    }
    return web::Response::json(orders_json(m.orders(campaign_id)).dump());
  });
}

// A step of the order of the path: its dispatch, its receipt or a sale out of it.
template <class Step>
web::Response order_step(const AppContext& ctx, const web::Request& req,
                         const web::RouteParams& params, const std::vector<std::string>& allowed,
                         Step step, int status = 200) {
  return area_write(kMarket, ctx, req, allowed, [&](MarketArea& m, const areas::Fields& f) {
    return with_id(ctx, req, params, "market.order_not_found", [&](std::int64_t id) {
      return answer(
          ctx, req, step(m, id, f), [](const auto& row) { return market::to_json(row); }, status);
    });
  });
}

web::Response dispatch(const AppContext& ctx, const web::Request& req,
                       const web::RouteParams& params) {
  return order_step(
      ctx, req, params, {"quantity", "unit", "on"},
      [](MarketArea& m, std::int64_t id, const areas::Fields& f) { return m.dispatch(id, f); });
}

web::Response receive(const AppContext& ctx, const web::Request& req,
                      const web::RouteParams& params) {
  return order_step(
      ctx, req, params, {"quantity", "unit", "on"},
      [](MarketArea& m, std::int64_t id, const areas::Fields& f) { return m.receive(id, f); });
}

web::Response record_sale(const AppContext& ctx, const web::Request& req,
                          const web::RouteParams& params) {
  return order_step(
      ctx, req, params, {"quantity", "unit", "on", "outlet", "value"},
      [](MarketArea& m, std::int64_t id, const areas::Fields& f) { return m.record_sale(id, f); },
      201);
}

// ---- public: published campaigns and their results, without a token ----

// The public's view whatever the request carries: published campaigns only, no values.
MarketArea public_area(const AppContext& ctx) { return market_area(ctx, accounts::Principal{}); }

web::Response public_campaigns(const AppContext& ctx, const web::Request&,
                               const web::RouteParams&) {
  auto m = public_area(ctx);
  return web::Response::json(campaigns_json(m).dump());
}

web::Response public_results(const AppContext& ctx, const web::Request& req,
                             const web::RouteParams& params) {
  auto m = public_area(ctx);
  return results_of(ctx, req, m, params.at("code"), true);
}

}  // namespace

void register_market_api(web::Router& router, const AppContext& ctx) {
  add_resources(
      router, ctx, "/api/v1",
      {{.path = "/market/offers", .get = list_of<Side::kOffer>, .post = post_of<Side::kOffer>},
       {.path = "/market/offers/{id}/withdraw", .post = withdraw_of<Side::kOffer>},
       {.path = "/market/demand", .get = list_of<Side::kDemand>, .post = post_of<Side::kDemand>},
       {.path = "/market/demand/{id}/withdraw", .post = withdraw_of<Side::kDemand>},
       {.path = "/market/buyers", .get = list_buyers},
       {.path = "/market/buyers/{id}/outlets", .get = list_outlets},
       {.path = "/market/campaigns", .get = list_campaigns, .post = post_campaign},
       {.path = "/market/campaigns/{code}", .get = get_campaign},
       {.path = "/market/campaigns/{code}/status", .post = set_status},
       {.path = "/market/campaigns/{code}/results", .get = get_results},
       {.path = "/market/results", .get = get_period_results},
       {.path = "/market/campaigns/{code}/proposal", .post = propose},
       {.path = "/market/campaigns/{code}/confirm", .post = confirm},
       {.path = "/market/pairings", .post = pair_by_hand},
       {.path = "/market/orders", .get = list_orders},
       {.path = "/market/orders/{id}/dispatch", .post = dispatch},
       {.path = "/market/orders/{id}/receive", .post = receive},
       {.path = "/market/orders/{id}/sales", .post = record_sale},
       {.path = "/public/campaigns", .get = public_campaigns},
       {.path = "/public/campaigns/{code}/results", .get = public_results}});
}

}  // namespace htx::api
