// What the internal API's handlers (work programme, governance) share: the caller who reads or
// writes the work programme and its organisations, and the readers of query parameters and of
// the members of a JSON request body, each adding a FieldProblem when the value is wrong.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_support.hpp"
#include "areas/caller.hpp"
#include "areas/fields.hpp"
#include "core/date.hpp"

namespace htx::api::detail {

struct WorkCaller {
  accounts::Principal principal;
  std::optional<web::Response> refusal;
};
// A caller with a token who reads the work programme (can_read_work), and writes it when `write`
// (can_write_work); else the 401 or 403 to answer.
WorkCaller work_caller(const AppContext& ctx, const web::Request& req, bool write);

// A write's caller and JSON body, or the answer refusing them (401, 403, 413, 415, 400). The
// caller is signed in; when `work` they also write the work programme (can_write_work).
struct WriteRequest {
  accounts::Principal principal;
  json body;
  std::optional<web::Response> refusal;
};
WriteRequest write_request(const AppContext& ctx, const web::Request& req, bool work);
// A caller who reads the work programme (and writes it when `write`), with the JSON body when
// `with_body`, or the answer refusing them.
WriteRequest work_request(const AppContext& ctx, const web::Request& req, bool write,
                          bool with_body);

// The caller's area (WorkArea, GovernanceArea, ReportingArea: Area(db, clock, caller)) built on
// a work_request(), or the answer refusing the request.
template <typename Area>
struct AreaRequest {
  std::optional<Area> area;
  accounts::Principal principal;
  json body;
  std::optional<web::Response> refusal;
};
template <typename Area>
AreaRequest<Area> area_request(const AppContext& ctx, const web::Request& req, bool write,
                               bool with_body) {
  auto checked = work_request(ctx, req, write, with_body);
  AreaRequest<Area> r{std::nullopt, std::move(checked.principal), std::move(checked.body),
                      std::move(checked.refusal)};
  if (r.refusal) return r;
  auto& s = worker_services(ctx);
  r.area.emplace(*s.db, *ctx.clock, areas::caller_of(*s.access, r.principal));
  return r;
}

// A route's handler (api_support's ApiRoute) that answers the refusal of area_request<Area>
// itself, and else hands the request to Handler(ctx, req, request, params); a writer's request
// comes with its JSON body.
template <typename Area, bool Write, auto Handler>
web::Response area_route(const AppContext& ctx, const web::Request& req,
                         const web::RouteParams& params) {
  auto r = area_request<Area>(ctx, req, Write, Write);
  if (r.refusal) return std::move(*r.refusal);
  return Handler(ctx, req, r, params);
}

// The query's parameters among `names` as an area's filter fields.
areas::Fields query_fields(const web::Request& req, std::initializer_list<const char*> names);

// A positive integer of at most 15 digits.
std::optional<std::int64_t> positive(std::string_view s);
// A paging parameter: `fallback` when absent, nullopt when not a whole number up to `max`.
std::optional<int> paging_int(std::optional<std::string_view> v, int fallback, int max);
// "true", "1", "yes", "on".
bool flag(std::optional<std::string_view> v);

// The members of `body` not in `allowed`.
std::vector<FieldProblem> unknown(const AppContext& ctx, const web::Request& req, const json& body,
                                  std::initializer_list<std::string_view> allowed);
// A required "YYYY-MM-DD" member.
std::optional<Date> date_of(const AppContext& ctx, const web::Request& req, const json& body,
                            const char* name, std::vector<FieldProblem>& problems);
// A string member ("" when absent and not required).
std::string string_of(const AppContext& ctx, const web::Request& req, const json& body,
                      const char* name, bool required, std::vector<FieldProblem>& problems);

// A member that must be a JSON array (array_of) or object (object_of): nullptr when it is absent,
// or, adding the problem ("api.not_array", "api.expected_object"), when it is of another kind.
const json* array_of(const AppContext& ctx, const web::Request& req, const json& body,
                     const char* name, std::vector<FieldProblem>& problems);
const json* object_of(const AppContext& ctx, const web::Request& req, const json& body,
                      const char* name, std::vector<FieldProblem>& problems);

}  // namespace htx::api::detail
