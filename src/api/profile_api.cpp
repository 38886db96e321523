// The profile of a registry entity as JSON over areas::ProfileArea (documented in
// web/openapi.json), a bearer token required: the entity and its events, and one member per
// section the caller reads (absent otherwise). Not found → 404, another cooperative's or another
// province's entity → 403. A cooperative's own account proposes changes to its record (the
// province's staff approve or reject them from their queue), applies for membership of its
// alliance and enrols its people in courses; every refusal is the area's Error through
// api::error_response (invalid → 422 on its field, forbidden → 403, conflict → 409).
#include "api/profile_api.hpp"

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "areas/profile_json.hpp"
#include "core/json_record.hpp"
#include "governance/governance.hpp"
#include "registry/change_request.hpp"
#include "training/training.hpp"

namespace htx::api {

namespace {

using namespace detail;
using areas::ProfileArea;

// Anyone signed in; each read and write is checked by the area. A decision's body may be empty.
constexpr AreaGuard<ProfileArea> kProfile{profile_area, any_signed_in<ProfileArea>,
                                          Body::kObjectOrEmpty};

json request_json(const registry::ChangeRequest& r) { return registry::to_json(r); }

template <class T>
web::Response list_answer(const AppContext& ctx, const web::Request& req,
                          const Result<std::vector<T>>& rows) {
  if (!rows) return error_response(ctx, req, rows.error());
  json items = json::array();
  for (const auto& row : *rows) items.push_back(request_json(row));
  return web::Response::json(items_json(std::move(items)).dump());
}

std::vector<std::string> proposal_fields() {
  auto f = registry::proposable_fields();
  f.push_back("note");
  return f;
}

web::Response post_change(const AppContext& ctx, const web::Request& req,
                          const web::RouteParams& params) {
  return area_write(kProfile, ctx, req, proposal_fields(),
                    [&](ProfileArea& a, const areas::Fields& f) {
                      return answer(ctx, req, a.propose(params.at("code"), f), request_json, 201);
                    });
}

web::Response list_changes_of(const AppContext& ctx, const web::Request& req,
                              const web::RouteParams& params) {
  return area_read(kProfile, ctx, req, [&](ProfileArea& a) {
    return list_answer(ctx, req, a.proposals_of(params.at("code")));
  });
}

web::Response change_queue(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams&) {
  return area_read(kProfile, ctx, req,
                   [&](ProfileArea& a) { return list_answer(ctx, req, a.queue()); });
}

web::Response get_change(const AppContext& ctx, const web::Request& req,
                         const web::RouteParams& params) {
  return area_read(kProfile, ctx, req, [&](ProfileArea& a) {
    return with_id(ctx, req, params, "registry.change.not_found",
                   [&](std::int64_t id) { return answer(ctx, req, a.proposal(id), request_json); });
  });
}

template <bool Approve>
web::Response decide_change(const AppContext& ctx, const web::Request& req,
                            const web::RouteParams& params) {
  return area_write(kProfile, ctx, req, {"reason"}, [&](ProfileArea& a, const areas::Fields& f) {
    return with_id(ctx, req, params, "registry.change.not_found", [&](std::int64_t id) {
      return answer(ctx, req, a.decide(id, Approve, f), request_json);
    });
  });
}

web::Response post_membership(const AppContext& ctx, const web::Request& req,
                              const web::RouteParams& params) {
  return area_write(kProfile, ctx, req, {"unit", "batch", "applied_on", "note"},
                    [&](ProfileArea& a, const areas::Fields& f) {
                      return answer(
                          ctx, req, a.apply_for_membership(params.at("code"), f),
                          [](const governance::Application& x) { return governance::to_json(x); },
                          201);
                    });
}

web::Response post_enrolment(const AppContext& ctx, const web::Request& req,
                             const web::RouteParams& params) {
  return area_write(kProfile, ctx, req, {"course", "trainee", "enrolled_on"},
                    [&](ProfileArea& a, const areas::Fields& f) {
                      return answer(
                          ctx, req, a.enrol(params.at("code"), f),
                          [](const training::Enrolment& x) {
                            return json_record("id", x.id, "course_id", x.course_id, "trainee_id",
                                               x.trainee_id, "enrolled_on", x.enrolled_on,
                                               "completed", x.completed);
                          },
                          201);
                    });
}

web::Response get_profile(const AppContext& ctx, const web::Request& req,
                          const web::RouteParams& params) {
  return area_read(kProfile, ctx, req, [&](ProfileArea& area) {
    return answer(ctx, req, area.profile(params.at("code")),
                  [](const areas::Profile& p) { return areas::to_json(p); });
  });
}

}  // namespace

areas::ProfileArea profile_area(const AppContext& ctx, const accounts::Principal& p) {
  auto& s = worker_services(ctx);
  return areas::ProfileArea(
      areas::ProfileSources{*s.db, *s.access, *ctx.geo, *ctx.sectors, *ctx.clock, *ctx.market,
                            *ctx.fund, *ctx.ocop, *ctx.training},
      areas::caller_of(*s.access, p));
}

void register_profile_api(web::Router& router, const AppContext& ctx) {
  add_resources(
      router, ctx, "/api/v1",
      {{.path = "/entities/{code}/profile", .get = get_profile},
       {.path = "/entities/{code}/change-requests", .get = list_changes_of, .post = post_change},
       {.path = "/entities/{code}/membership-applications", .post = post_membership},
       {.path = "/entities/{code}/enrolments", .post = post_enrolment},
       {.path = "/change-requests", .get = change_queue},
       {.path = "/change-requests/{id}", .get = get_change},
       {.path = "/change-requests/{id}/approve", .post = decide_change<true>},
       {.path = "/change-requests/{id}/reject", .post = decide_change<false>}});
}

}  // namespace htx::api
