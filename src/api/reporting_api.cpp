// The reporting regime's JSON API: report forms, submissions, reporting rates.
#include "api/public_api.hpp"

namespace htx::api {

void register_reporting_api(web::Router& router, const AppContext& ctx) {
  (void)router;
  (void)ctx;
}

}  // namespace htx::api
