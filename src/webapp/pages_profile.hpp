// One profile of a registry entity (issue 13, item 5): /registry/{code}/profile, each section
// only for those allowed (areas::ProfileArea). Declared apart from site_internal.hpp so that
// adding it rebuilds only site.cpp.
#pragma once

#include "web/router.hpp"

namespace htx::webapp {

class Site;
void register_profile_pages(Site& site, web::Router& router);  // pages_profile.cpp

}  // namespace htx::webapp
