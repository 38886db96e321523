// The profile of a registry entity as JSON over areas::ProfileArea (documented in
// web/openapi.json), a bearer token required: the entity and its events, and one member per
// section the caller reads (absent otherwise). Not found → 404, another cooperative's or another
// province's entity → 403.
#include "api/profile_api.hpp"

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "areas/profile_json.hpp"

namespace htx::api {

namespace {

using namespace detail;
using areas::ProfileArea;

constexpr AreaGuard<ProfileArea> kProfile{profile_area, any_signed_in<ProfileArea>};

web::Response get_profile(const AppContext& ctx, const web::Request& req,
                          const web::RouteParams& params) {
  return area_read(kProfile, ctx, req, [&](ProfileArea& area) {
    return answer(ctx, req, area.profile(params.at("code")),
                  [](const areas::Profile& p) { return areas::to_json(p); });
  });
}

}  // namespace

areas::ProfileArea profile_area(const AppContext& ctx, const accounts::Principal& p) {
  auto& s = worker_services(ctx);
  return areas::ProfileArea(
      areas::ProfileSources{*s.db, *s.access, *ctx.geo, *ctx.sectors, *ctx.clock, *ctx.market,
                            *ctx.fund, *ctx.ocop, *ctx.training},
      areas::caller_of(*s.access, p));
}

void register_profile_api(web::Router& router, const AppContext& ctx) {
  add_routes(router, ctx, {{web::Method::kGet, "/api/v1/entities/{code}/profile", get_profile}});
}

}  // namespace htx::api
