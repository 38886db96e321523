// What the API's handlers share (internal to src/api): error bodies, the bearer token, the
// JSON of an entity, the parsing of request bodies into entity fields.
#pragma once

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.hpp"
#include "api/app_context.hpp"
#include "registry/entity.hpp"
#include "web/http_types.hpp"
#include "web/router.hpp"

namespace htx::api::detail {

using nlohmann::json;

// Bodies larger than this are refused with 413 before parsing (the server's own limit is larger).
inline constexpr std::size_t kMaxJsonBody = 1024 * 1024;

// {"error":{"code":code,"message":message}} (+ extra members inside "error").
web::Response error(int status, std::string_view code, std::string message,
                    json extra = json::object());

// 401 with WWW-Authenticate: Bearer (error="invalid_token" when a token was sent but is unknown).
web::Response unauthorized(const AppContext& ctx, const web::Request& req, bool bad_token);
web::Response forbidden(const AppContext& ctx, const web::Request& req,
                        const std::string& province_id = "");

// The caller: the public (no Authorization header), a user (a valid bearer token), or a
// refusal (a header that is not a valid bearer token: answer `refusal`).
struct Caller {
  accounts::Principal principal;
  std::optional<web::Response> refusal;
};
Caller resolve_caller(const AppContext& ctx, const web::Request& req);

// A problem with one field, in the user's language.
struct FieldProblem {
  std::string field;
  std::string message;
  std::string key;  // the catalogue key ("field.required")
};
// 422 {"error":{"code":"validation","message":...,"fields":[{"field","message","key"}]}}
web::Response validation_error(const AppContext& ctx, const web::Request& req,
                               const std::vector<FieldProblem>& problems);

// The request body as a JSON object, or the response that refuses it (413, 415, 400).
struct ParsedBody {
  json value;
  std::optional<web::Response> refusal;
};
ParsedBody parse_json_object(const AppContext& ctx, const web::Request& req);

// Sets the entity fields of `fields` (names of registry::to_json) on e, with strict types:
// strings, "HTX"/"LHHTX"/"THT", "YYYY-MM-DD" dates (dissolved_on may be null), whole numbers,
// booleans. Unknown fields and those in `read_only` are problems too.
std::vector<FieldProblem> apply_fields(const AppContext& ctx, const web::Request& req,
                                       registry::Entity& e, const json& fields,
                                       const std::vector<std::string>& read_only = {});

// Any service's error as the response its kind deserves, the one mapping of the API:
// invalid → 422 validation (on e.field), not found → 404, forbidden → 403, conflict → 409,
// throttled → 429; {"error":{"code","message","key"[,"field"]}}.
web::Response error_response(const AppContext& ctx, const web::Request& req, const Error& e);

// The entity's data with the names of its province, region and sector.
json entity_json(const AppContext& ctx, const registry::Entity& e);
// What the public sees: code, name, type, province, sector, status, founded_on.
json directory_json(const AppContext& ctx, const registry::Entity& e);
// entity_json with "events" (the founding first) and who recorded it.
json full_entity_json(const AppContext& ctx, const registry::Entity& e,
                      const std::vector<registry::Event>& events);

json user_json(const accounts::User& u, const std::optional<std::vector<std::string>>& scope);

// The handler of an API route: (context, request, path parameters).
using ApiHandler = web::Response (*)(const AppContext&, const web::Request&,
                                     const web::RouteParams&);
// An API resource: its path below the area's prefix and the handler of each method it answers
// (none: the method is not allowed there).
struct ApiResource {
  std::string_view path;
  ApiHandler get = nullptr;
  ApiHandler post = nullptr;
  ApiHandler put = nullptr;
  ApiHandler patch = nullptr;
};
// Adds every method of every resource of the table to the router, at prefix + path.
void add_resources(web::Router& router, const AppContext& ctx, std::string_view prefix,
                   std::initializer_list<ApiResource> resources);

}  // namespace htx::api::detail
