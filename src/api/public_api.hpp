// The JSON API over HTTP (/api/v1), on the web layer. Handlers are thin: parse the request, ask
// accounts who is calling, call registry / stats, serialise. The document of every endpoint is
// web/openapi.json, served at /api/v1/openapi.json.
//
// Who is calling: `Authorization: Bearer <token>` (an API token, AccountService); a browser
// session cookie is not accepted here, so the API needs no CSRF token. Without a token the
// caller is the public: the directory and the published statistics.
#pragma once

#include "api/app_context.hpp"
#include "web/router.hpp"

namespace htx::api {

// GET   /api/v1/cooperatives?q=&type=&province=&status=&sort=name|code|founded&dir=asc|desc
//                            &limit=1..1000&offset=     directory, or full records in the
//                                                       token's scope
// GET   /api/v1/cooperatives/{code}                     directory fields, or the full record
//                                                       with its events (token in scope; else 403)
// POST  /api/v1/cooperatives                            create (token)
// PATCH /api/v1/cooperatives/{code} {"changes":{...},"effective_on","kind","note"} POST
// /api/v1/cooperatives/{code}/dissolve            {"on":"YYYY-MM-DD","note":"..."} GET
// /api/v1/reports/{period}?boundaries=old|new|registered GET   /api/v1/dashboard[?province=<id>]
// cached (api/dashboard.hpp) GET   /api/v1/me                                      the token's user
// GET   /api/v1/openapi.json                            web/openapi.json, loaded now
// Every write goes through RegistryService (audited, actor = the token's username) and bumps
// ctx.data_generation. The context must outlive the router.
void register_public_api(web::Router& router, const AppContext& ctx);

// The work programme (api/work_api.cpp; registered by register_public_api), token required:
// GET  /api/v1/tasks?status=&unit=&key=&overdue=&year=&document=&limit=&offset=
// GET  /api/v1/tasks/{id}                       the task with its notes and source document
// POST /api/v1/tasks                            {"title","lead_unit","start_on","due_on",...}
// POST /api/v1/tasks/{id}/progress|block        {"on":"YYYY-MM-DD","text":"..."}
// POST /api/v1/tasks/{id}/done|cancel           {"on":"YYYY-MM-DD"}
// POST /api/v1/tasks/{id}/blockers/{note}/resolve {"on":"YYYY-MM-DD"}
// GET|PUT /api/v1/documents/{id}/file?name=      the document's file (PUT: the bytes as body)
// POST /api/v1/documents/{id}/advance           {"to":"consultation|adopted","meeting_id":n}
// GET  /api/v1/units                           every unit (national, departments, affiliated,
// provincial) GET  /api/v1/documents?year=&limit=&offset= GET  /api/v1/reviews/{period} 2021-02 (a
// month) or 2021 (a year)
void register_work_api(web::Router& router, const AppContext& ctx);

// Governance (api/governance_api.cpp; registered by register_public_api), token required.
void register_governance_api(web::Router& router, const AppContext& ctx);

// The reporting regime (api/reporting_api.cpp; registered by register_public_api), token required.
void register_reporting_api(web::Router& router, const AppContext& ctx);

// The exchange (api/market_api.cpp; registered by register_public_api): token required, except
// a published campaign's results.
void register_market_api(web::Router& router, const AppContext& ctx);

// The support fund (api/fund_api.cpp; registered by register_public_api), token required:
// funds and products, applications and their steps, loans with their movements and
// restructurings, four eyes on approvals, the portfolio (JSON, .xlsx, CSV), a loan's statement
// (.xlsx, CSV), the trial balance and the reconciliation, all under /api/v1/fund/.
void register_fund_api(web::Router& router, const AppContext& ctx);

// OCOP certificates (api/ocop_api.cpp; registered by register_public_api), token required: the
// list with its filters, one certificate, a new one, and the counts by province on a date, under
// /api/v1/ocop/.
void register_ocop_api(web::Router& router, const AppContext& ctx);
// Training (api/training_api.cpp; registered by register_public_api), token required except a
// certificate's verification: plans, courses with enrolment, attendance and certificates,
// trainees, the report (JSON, .xlsx, CSV), all under /api/v1/training/.
void register_training_api(web::Router& router, const AppContext& ctx);
// Advisory cases (api/advisory_api.cpp; registered by register_public_api), token required: the
// work programme's readers read, its writers open, close and drop cases in their scope.
void register_advisory_api(web::Router& router, const AppContext& ctx);

// GET /static/{path...} from <web_dir>/static, and the npm packages' files the pages use:
//   /static/vendor/htmx.min.js   <web_dir>/node_modules/htmx.org/dist/htmx.min.js
//   /static/vendor/chart.umd.js  <web_dir>/node_modules/chart.js/dist/chart.umd.js
// All loaded into memory now (a missing file is a 404 later, not an error). Returns the number
// of files loaded.
std::size_t register_static(web::Router& router, const AppContext& ctx);

}  // namespace htx::api
