// The governance JSON API: meetings, admissions, awards.
#include "api/public_api.hpp"

namespace htx::api {

void register_governance_api(web::Router& router, const AppContext& ctx) {
  (void)router;
  (void)ctx;
}

}  // namespace htx::api
