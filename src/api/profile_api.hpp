// One profile of a registry entity (api/profile_api.cpp; registered by register_public_api),
// token required: GET /api/v1/entities/{code}/profile, each section only for those allowed
// (areas::ProfileArea). Declared apart from public_api.hpp so that adding it rebuilds only its
// users.
#pragma once

#include "api/app_context.hpp"
#include "areas/profile_area.hpp"
#include "web/router.hpp"

namespace htx::api {

// The profile area of a request's principal, over the calling thread's database.
areas::ProfileArea profile_area(const AppContext& ctx, const accounts::Principal& p);

void register_profile_api(web::Router& router, const AppContext& ctx);

}  // namespace htx::api
