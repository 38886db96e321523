// Reporting regime pages: report forms, submissions, reporting rates and who is late.
#include "webapp/site_internal.hpp"

namespace htx::webapp {

void Site::register_reporting_routes(web::Router& router) { (void)router; }

}  // namespace htx::webapp
