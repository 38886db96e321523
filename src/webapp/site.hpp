// The server-rendered HTML site: dashboard, sign-in, registry (list, detail, create, change,
// dissolve), reports with downloads, import, users and the audit log. Pages are mustache
// templates under web/templates/ filled from view models; every text comes from the message
// catalogues ("site.*"), in Vietnamese unless the visitor chose English.
//
// URLs: GET / · GET|POST /login · POST /logout · GET /registry · GET /registry/new ·
// POST /registry · GET /registry/{code} · GET /registry/{code}/edit · POST /registry/{code} ·
// GET|POST /registry/{code}/dissolve · GET /reports · GET /reports/download · GET|POST /import ·
// POST /import/confirm · GET|POST /users · POST /users/{username}/disable|enable|
// reset-password|tokens · GET /audit
#pragma once

#include "api/app_context.hpp"
#include "web/router.hpp"

namespace htx::webapp {

// Registers the pages on the router. Loads the templates from ctx.web_dir / "templates" now
// (throws InfrastructureError when they are missing or unsafe). `ctx` must outlive the router.
void register_site(web::Router& router, const api::AppContext& ctx);

}  // namespace htx::webapp
