// What the API's area handlers share: the one guard of a request to an area (its caller, the
// area's role check, the JSON body), and the readers of query parameters and of the members of a
// JSON request body, each adding a FieldProblem when the value is wrong.
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

// How a request's JSON body is read: none (a read, a file's bytes), an object (an empty body is
// refused as bad JSON), or an object that may be empty (taken as {}: a withdrawal, an approval).
enum class Body { kNone, kObject, kObjectOrEmpty };

// A positive integer of at most 15 digits.
std::optional<std::int64_t> positive(std::string_view s);
ParsedBody read_body(const AppContext& ctx, const web::Request& req, Body how);

// Which JSON values a body's member may have as an area's field (body_fields): a string or a
// whole number; or also a boolean ("1"/"0") and an array of strings (or of collateral objects)
// one a line; or also a fraction, written with one decimal as the area reads it ("36,5").
enum class Members { kScalars, kScalarsAndLists, kScalarsAndDecimals };

// An area's guard, the one every area's handlers go through: `make` builds the caller's area over
// the calling thread's database (api::fund_area, work_family_area<WorkArea>, ...), `allows` is
// its role check (may the caller read it, and write it when `write`), `write_body` how a write's
// body is read, `members` what its members may be as the area's fields (area_write).
template <typename Area>
struct AreaGuard {
  Area (*make)(const AppContext& ctx, const accounts::Principal& p);
  bool (*allows)(const Area& area, bool write);
  Body write_body = Body::kObject;
  Members members = Members::kScalars;
};

// An area of the work programme's kind (WorkArea, GovernanceArea, ReportingArea: Area(db, clock,
// caller)) of the principal, over the calling thread's database.
template <typename Area>
Area work_family_area(const AppContext& ctx, const accounts::Principal& p) {
  auto& s = worker_services(ctx);
  return Area(*s.db, *ctx.clock, areas::caller_of(*s.access, p));
}
// The role checks of the guards: the work programme's (reads it, and writes it when `write`:
// AccessPolicy::can_read_work, can_write_work), and a reader's of an area that checks each write
// itself (the exchange, the fund), and anyone's signed in (the registry).
template <typename Area>
bool reads_or_writes(const Area& a, bool write) {
  return a.can_read() && (!write || a.can_write());
}
template <typename Area>
bool reads_area(const Area& a, bool) {
  return a.can_read();
}
template <typename Area>
bool any_signed_in(const Area&, bool) {
  return true;
}

// The caller's area built by `guard`, with the JSON body when `with_body` (read as the guard's
// write_body says), or the answer refusing the request: 401 (no or a bad token), 403 (the
// guard's role check), 413, 415, 400 (the body).
template <typename Area>
struct AreaRequest {
  std::optional<Area> area;
  accounts::Principal principal;
  json body;
  std::optional<web::Response> refusal;
};
template <typename Area>
AreaRequest<Area> area_request(const AreaGuard<Area>& guard, const AppContext& ctx,
                               const web::Request& req, bool write, bool with_body) {
  AreaRequest<Area> r{std::nullopt, {}, json::object(), std::nullopt};
  auto c = resolve_caller(ctx, req);
  if (c.refusal) {
    r.refusal = std::move(c.refusal);
  } else if (!c.principal.signed_in()) {
    r.refusal = unauthorized(ctx, req, false);
  } else {
    r.area.emplace(guard.make(ctx, c.principal));
    r.principal = std::move(c.principal);
    if (!guard.allows(*r.area, write))
      r.refusal = forbidden(ctx, req);
    else if (with_body) {
      auto body = read_body(ctx, req, guard.write_body);
      if (body.refusal)
        r.refusal = std::move(body.refusal);
      else
        r.body = std::move(body.value);
    }
  }
  return r;
}

// A route's handler (api_support's ApiRoute) that answers the refusal of area_request(Guard)
// itself, and else hands the request to Handler(ctx, req, request, params); a writer's request
// comes with its JSON body.
template <const auto& Guard, bool Write, auto Handler>
web::Response area_route(const AppContext& ctx, const web::Request& req,
                         const web::RouteParams& params) {
  auto r = area_request(Guard, ctx, req, Write, Write);
  if (r.refusal) return std::move(*r.refusal);
  return Handler(ctx, req, r, params);
}

// The query's parameters among `names` as an area's filter fields.
areas::Fields query_fields(const web::Request& req, std::initializer_list<const char*> names);
areas::Fields query_fields(const web::Request& req, const std::vector<std::string>& names);

// The body's members among `allowed` as an area's fields, each of the kinds `members` lets in (a
// null member is left out); an unknown member, or one of another kind, is a problem on it.
areas::Fields body_fields(const AppContext& ctx, const web::Request& req, const json& body,
                          const std::vector<std::string>& allowed, Members members,
                          std::vector<FieldProblem>& problems);

// A read of an area whose handlers take its fields (the exchange, the fund): the caller's area
// given to `read`, or the refusal.
template <typename Area, class Read>
web::Response area_read(const AreaGuard<Area>& guard, const AppContext& ctx,
                        const web::Request& req, Read read) {
  auto r = area_request(guard, ctx, req, false, false);
  if (r.refusal) return std::move(*r.refusal);
  return read(*r.area);
}
// A write of such an area: the caller's area and the body's fields (among `allowed`) given to
// `act`, or the refusal (the guard's, or a 422 on the body's members).
template <typename Area, class Act>
web::Response area_write(const AreaGuard<Area>& guard, const AppContext& ctx,
                         const web::Request& req, const std::vector<std::string>& allowed,
                         Act act) {
  auto r = area_request(guard, ctx, req, true, true);
  if (r.refusal) return std::move(*r.refusal);
  std::vector<FieldProblem> problems;
  auto f = body_fields(ctx, req, r.body, allowed, guard.members, problems);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  return act(*r.area, f);
}

// The answer of an area's read or write: `render` of the value with `status`, or the refusal;
// a write (not a GET, or a status other than 200) bumps the data generation.
template <class T, class Render>
web::Response answer(const AppContext& ctx, const web::Request& req, const Result<T>& done,
                     Render render, int status = 200) {
  if (!done) return error_response(ctx, req, done.error());
  if (status != 200 || req.method != web::Method::kGet)
    ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  return web::Response::json(render(*done).dump(), status);
}

// {"total": n, "items": items}.
json items_json(json items);

// The path's {id} (a positive number) given to `step`, or the 404 of `key`.
template <class Step>
web::Response with_id(const AppContext& ctx, const web::Request& req,
                      const web::RouteParams& params, const char* key, Step step) {
  auto id = positive(params.at("id"));
  if (!id) return error_response(ctx, req, Error::not_found(key, {{"id", params.at("id")}}));
  return step(*id);
}

// A query parameter's text ("" when absent).
std::string query_text(const web::Request& req, const char* name);
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
