// The exchange's JSON API over areas::MarketArea (documented in web/openapi.json).
#include "api/public_api.hpp"

namespace htx::api {

void register_market_api(web::Router& /*router*/, const AppContext& /*ctx*/) {}

}  // namespace htx::api
