// The governance JSON API: meetings (list, one, create, add an item, close an item with its
// votes), admissions (applications by batch, a new application, the decision at an admission
// item), memberships and awards with their counts. Internal data like the work programme: a
// bearer token whose user reads the work programme (api::can_read_work); writes need
// api::can_write_work and stay in the user's province scope (GovernanceService), reads too: a
// provincial user sees only their province's alliance (403 when asking for another).
#include <algorithm>
#include <map>
#include <set>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "api/work_support.hpp"
#include "areas/governance_area.hpp"
#include "core/text.hpp"
#include "governance/governance_service.hpp"

namespace htx::api {

namespace {

using namespace detail;
using governance::GovernanceService;
using governance::MeetingSummary;
using web::Method;

using Governance = areas::GovernanceArea;
// A request to the governance area: the caller's area, and a writer's JSON body.
using Call = AreaRequest<Governance>;
// The work programme's guard: its readers read, its writers write.
constexpr AreaGuard<Governance> kGovernance{work_family_area<Governance>,
                                            reads_or_writes<Governance>};

json unit_ref(const Governance& g, std::int64_t id) {
  const work::Unit* u = g.unit(id);
  if (!u) return {{"id", id}, {"code", ""}, {"name", ""}};
  return {{"id", id}, {"code", u->code}, {"name", u->name}};
}

json meeting_json(const Governance& g, const MeetingSummary& m) {
  json j = governance::to_json(m.meeting);
  j["title"] = m.title;
  j["unit"] = unit_ref(g, m.unit.id);
  j["body"] = std::string(governance::to_code(m.body.kind));
  j["term"] = {{"number", m.term.number},
               {"label", m.term.label()},
               {"start_year", m.term.start_year},
               {"end_year", m.term.end_year}};
  return j;
}

json application_json(const Governance& g, const governance::Application& a) {
  json j = governance::to_json(a);
  j["unit"] = unit_ref(g, a.unit_id);
  return j;
}

json detail_json(Governance& g, const governance::MeetingDetail& d) {
  json j = meeting_json(g, d.summary);
  std::set<std::int64_t> item_ids;
  json items = json::array();
  for (auto& i : d.items) {
    items.push_back(governance::to_json(i));
    item_ids.insert(i.id);
  }
  j["items"] = items;
  json docs = json::array();
  for (auto& doc : d.documents) docs.push_back(work::to_json(doc));
  j["documents"] = docs;
  json tasks = json::array();
  for (auto& t : d.tasks)
    tasks.push_back({{"id", t.id},
                     {"title", t.title},
                     {"status", std::string(work::to_code(t.status))},
                     {"due_on", t.due_on.iso()}});
  j["tasks"] = tasks;
  governance::ApplicationQuery q;
  q.unit_id = d.summary.unit.id;
  json decided = json::array();
  int admitted = 0;
  for (auto& a : g.service().applications(q)) {
    if (!a.decision_item_id || !item_ids.count(*a.decision_item_id)) continue;
    admitted += a.status == governance::ApplicationStatus::kAdmitted ? 1 : 0;
    decided.push_back(application_json(g, a));
  }
  j["admissions"] = {{"admitted", admitted}, {"applications", decided}};
  return j;
}

// {"for": n, "against": n, "abstain": n}, each a count (absent = 0).
governance::Votes votes_of(const AppContext& ctx, const web::Request& req, const json& body,
                           std::vector<FieldProblem>& problems) {
  governance::Votes v;
  const json* j = object_of(ctx, req, body, "votes", problems);
  if (!j) return v;
  const auto& cat = ctx.catalog(req);
  for (auto& [k, n] : j->items()) {
    int* slot = k == "for"       ? &v.in_favour
                : k == "against" ? &v.against
                : k == "abstain" ? &v.abstain
                                 : nullptr;
    if (!slot) {
      problems.push_back({"votes." + k, cat.text("api.unknown_field"), "api.unknown_field"});
      continue;
    }
    if (!n.is_number_integer() || n.get<std::int64_t>() < 0 || n.get<std::int64_t>() > 100000) {
      problems.push_back({"votes." + k, cat.text("api.expected_count"), "api.expected_count"});
      continue;
    }
    *slot = static_cast<int>(n.get<std::int64_t>());
  }
  return v;
}

// A positive whole number member.
std::optional<std::int64_t> id_of(const AppContext& ctx, const web::Request& req, const json& body,
                                  const char* name, bool required,
                                  std::vector<FieldProblem>& problems) {
  if (!body.contains(name) || body[name].is_null()) {
    if (required)
      problems.push_back({name, ctx.catalog(req).text("field.required"), "field.required"});
    return std::nullopt;
  }
  const json& v = body[name];
  if (v.is_number_integer() && v.get<std::int64_t>() > 0) return v.get<std::int64_t>();
  problems.push_back({name, ctx.catalog(req).text("api.expected_count"), "api.expected_count"});
  return std::nullopt;
}

std::vector<std::int64_t> ids_of(const AppContext& ctx, const web::Request& req, const json& body,
                                 const char* name, std::vector<FieldProblem>& problems) {
  std::vector<std::int64_t> out;
  const json* v = array_of(ctx, req, body, name, problems);
  if (!v) return out;
  for (auto& e : *v) {
    if (e.is_number_integer() && e.get<std::int64_t>() > 0)
      out.push_back(e.get<std::int64_t>());
    else
      problems.push_back({name, ctx.catalog(req).text("api.expected_count"), "api.expected_count"});
  }
  return out;
}

// A member holding a code that `parse` reads ("standing", "2/2021"): nullopt when absent (a
// problem when required) or not such a code (a problem with `bad_key`, {value}).
template <class Parse>
auto code_of(const AppContext& ctx, const web::Request& req, const json& body, const char* name,
             bool required, const char* bad_key, Parse parse, std::vector<FieldProblem>& problems)
    -> decltype(parse(std::string_view())) {
  std::string text = string_of(ctx, req, body, name, required, problems);
  if (text.empty()) return std::nullopt;
  auto value = parse(text);
  if (!value)
    problems.push_back({name, ctx.catalog(req).text(bad_key, {{"value", text}}), bad_key});
  return value;
}

// The organisation named by the "unit" member (its code); nullptr with a problem when absent or
// unknown. `outside` is set when it is out of the caller's scope (answer 403).
const work::Unit* unit_member(const AppContext& ctx, const web::Request& req, const json& body,
                              const Governance& g, std::vector<FieldProblem>& problems,
                              bool& outside) {
  std::string code = string_of(ctx, req, body, "unit", true, problems);
  if (code.empty()) return nullptr;
  auto unit = g.organisation_named(code, "unit");
  if (unit) return *unit;
  outside = unit.error().is(ErrorKind::kForbidden);
  if (!outside)
    problems.push_back({"unit", ctx.catalog(req).render(unit.error()), unit.error().key});
  return nullptr;
}

json page_of(std::vector<json> kept, int limit, int offset) {
  json items = json::array();
  for (std::size_t i = static_cast<std::size_t>(offset);
       i < kept.size() && items.size() < static_cast<std::size_t>(limit); ++i)
    items.push_back(std::move(kept[i]));
  return {{"total", kept.size()}, {"limit", limit}, {"offset", offset}, {"items", items}};
}

// ---- GET /api/v1/meetings ----

web::Response list_meetings(const AppContext& ctx, const web::Request& req, Call& c,
                            const web::RouteParams&) {
  Governance& g = *c.area;
  const auto& cat = ctx.catalog(req);
  auto limit = paging_int(req.query.get("limit"), 50, 1000);
  auto offset = paging_int(req.query.get("offset"), 0, 100'000'000);
  if (!limit || !offset || *limit == 0) return error(400, "bad_paging", cat.text("api.bad_paging"));
  auto meetings =
      g.meetings({query_text(req, "unit"), query_text(req, "body"), query_text(req, "year")});
  if (!meetings) return error_response(ctx, req, meetings.error());
  std::vector<json> kept;
  for (const auto& m : *meetings) kept.push_back(meeting_json(g, m));
  return web::Response::json(page_of(std::move(kept), *limit, *offset).dump());
}

// ---- GET /api/v1/meetings/{id} ----

// The meeting of the path when the caller reaches it, or the answer to give.
struct FoundMeeting {
  std::optional<governance::MeetingDetail> detail;
  std::optional<web::Response> refusal;
};
FoundMeeting find_meeting(const AppContext& ctx, const web::Request& req, Governance& g,
                          const std::string& id_text) {
  auto id = positive(id_text);
  if (!id)
    return {std::nullopt,
            error(404, "not_found",
                  ctx.catalog(req).text("governance.meeting_not_found", {{"id", id_text}}))};
  auto d = g.meeting(*id);
  if (!d) return {std::nullopt, error_response(ctx, req, d.error())};
  return {std::move(*d), std::nullopt};
}

web::Response get_meeting(const AppContext& ctx, const web::Request& req, Call& c,
                          const web::RouteParams& p) {
  Governance& g = *c.area;
  auto found = find_meeting(ctx, req, g, p.at("id"));
  if (found.refusal) return std::move(*found.refusal);
  return web::Response::json(detail_json(g, *found.detail).dump());
}

// ---- POST /api/v1/meetings ----

std::optional<governance::AgendaItem> item_of(const AppContext& ctx, const web::Request& req,
                                              const json& b, std::vector<FieldProblem>& problems) {
  for (auto& p : unknown(ctx, req, b, {"kind", "title", "document_id"})) problems.push_back(p);
  governance::AgendaItem item;
  if (auto k = code_of(ctx, req, b, "kind", true, "governance.bad_item_kind",
                       governance::item_kind_from_code, problems))
    item.kind = *k;
  item.title = string_of(ctx, req, b, "title", true, problems);
  item.document_id = id_of(ctx, req, b, "document_id", false, problems);
  return item;
}

web::Response create_meeting(const AppContext& ctx, const web::Request& req, Call& c,
                             const web::RouteParams&) {
  Governance& g = *c.area;
  const json& b = c.body;
  const auto& cat = ctx.catalog(req);
  auto problems = unknown(ctx, req, b,
                          {"unit", "body", "term", "number", "held_on", "mode", "chair",
                           "attendee_count", "attendees", "items"});
  governance::Meeting m;
  bool outside = false;
  const work::Unit* unit = unit_member(ctx, req, b, g, problems, outside);
  if (outside) return forbidden(ctx, req);
  auto kind = code_of(ctx, req, b, "body", true, "governance.bad_body",
                      governance::body_kind_from_code, problems);
  if (unit && kind) {
    for (auto& bd : g.service().bodies(unit->id))
      if (bd.kind == *kind) m.body_id = bd.id;
    if (!m.body_id)
      problems.push_back({"body",
                          cat.text("governance.no_such_body",
                                   {{"unit", unit->name},
                                    {"body", std::string(governance::vietnamese_name(*kind))}}),
                          "governance.no_such_body"});
  }
  auto term = id_of(ctx, req, b, "term", true, problems);
  if (unit && term) {
    for (auto& t : g.service().terms(unit->id))
      if (t.number == *term) m.term_id = t.id;
    if (!m.term_id)
      problems.push_back(
          {"term",
           cat.text("governance.no_such_term",
                    {{"unit", unit->name}, {"term", governance::roman(static_cast<int>(*term))}}),
           "governance.no_such_term"});
  }
  if (auto n = id_of(ctx, req, b, "number", true, problems)) m.number = static_cast<int>(*n);
  if (auto on = date_of(ctx, req, b, "held_on", problems)) m.held_on = *on;
  if (auto md = code_of(ctx, req, b, "mode", false, "governance.bad_mode",
                        governance::meeting_mode_from_code, problems))
    m.mode = *md;
  m.chair = string_of(ctx, req, b, "chair", false, problems);
  if (auto n = id_of(ctx, req, b, "attendee_count", true, problems))
    m.attendee_count = static_cast<int>(std::min<std::int64_t>(*n, 100000));
  if (const json* attendees = array_of(ctx, req, b, "attendees", problems))
    for (auto& a : *attendees) {
      if (a.is_string())
        m.attendees.push_back(a.get<std::string>());
      else
        problems.push_back({"attendees", cat.text("api.expected_string"), "api.expected_string"});
    }
  std::vector<governance::AgendaItem> items;
  if (const json* listed = array_of(ctx, req, b, "items", problems))
    for (auto& i : *listed) {
      if (!i.is_object()) {
        problems.push_back({"items", cat.text("api.expected_object"), "api.expected_object"});
        continue;
      }
      std::vector<FieldProblem> item_problems;
      auto item = item_of(ctx, req, i, item_problems);
      for (auto& p : item_problems) problems.push_back({"items." + p.field, p.message, p.key});
      if (item) items.push_back(std::move(*item));
    }
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto added = g.service().add_meeting(m, items, c.principal.user->username, g.scope());
  if (!added) return error_response(ctx, req, added.error());
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  auto r = web::Response::json(detail_json(g, *added).dump(), 201);
  r.headers.set("Location", "/api/v1/meetings/" + std::to_string(added->summary.meeting.id));
  return r;
}

// ---- POST /api/v1/meetings/{id}/items and .../items/{item}/close ----

web::Response add_item(const AppContext& ctx, const web::Request& req, Call& c,
                       const web::RouteParams& p) {
  Governance& g = *c.area;
  const json& b = c.body;
  auto found = find_meeting(ctx, req, g, p.at("id"));
  if (found.refusal) return std::move(*found.refusal);
  std::vector<FieldProblem> problems;
  auto item = item_of(ctx, req, b, problems);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto added = g.service().add_item(found.detail->summary.meeting.id, *item,
                                    c.principal.user->username, g.scope());
  if (!added) return error_response(ctx, req, added.error());
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  return web::Response::json(governance::to_json(*added).dump(), 201);
}

web::Response close_item(const AppContext& ctx, const web::Request& req, Call& c,
                         const web::RouteParams& p) {
  Governance& g = *c.area;
  const json& b = c.body;
  const auto& cat = ctx.catalog(req);
  const std::string& item_text = p.at("item");
  auto found = find_meeting(ctx, req, g, p.at("id"));
  if (found.refusal) return std::move(*found.refusal);
  auto item_id = positive(item_text);
  const auto& items = found.detail->items;
  auto item = std::find_if(items.begin(), items.end(),
                           [&](const governance::AgendaItem& i) { return i.id == item_id; });
  if (!item_id || item == items.end())
    return error(404, "not_found", cat.text("governance.item_not_found", {{"id", item_text}}));
  auto problems = unknown(ctx, req, b, {"outcome", "votes", "note"});
  // "open" is not a conclusion.
  auto closing = [](std::string_view code) {
    auto o = governance::outcome_from_code(code);
    return o == governance::Outcome::kOpen ? std::nullopt : o;
  };
  auto outcome = code_of(ctx, req, b, "outcome", true, "governance.bad_outcome", closing, problems);
  auto votes = votes_of(ctx, req, b, problems);
  std::string note = string_of(ctx, req, b, "note", false, problems);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto closed = g.service().close_item(*item_id, *outcome, votes, note, c.principal.user->username,
                                       g.scope());
  if (!closed) return error_response(ctx, req, closed.error());
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  return web::Response::json(governance::to_json(*closed).dump());
}

// ---- admissions ----

web::Response list_admissions(const AppContext& ctx, const web::Request& req, Call& c,
                              const web::RouteParams&) {
  Governance& g = *c.area;
  auto applications = g.applications(
      {query_text(req, "unit"), query_text(req, "batch"), query_text(req, "status")});
  if (!applications) return error_response(ctx, req, applications.error());
  std::vector<json> kept;
  int admitted = 0;
  for (auto& a : *applications) {
    admitted += a.status == governance::ApplicationStatus::kAdmitted ? 1 : 0;
    kept.push_back(application_json(g, a));
  }
  json j = {{"total", kept.size()}, {"admitted", admitted}, {"items", kept}};
  return web::Response::json(j.dump());
}

web::Response create_application(const AppContext& ctx, const web::Request& req, Call& c,
                                 const web::RouteParams&) {
  Governance& g = *c.area;
  const json& b = c.body;
  auto problems = unknown(ctx, req, b, {"unit", "entity_code", "applied_on", "batch", "note"});
  governance::Application a;
  bool outside = false;
  const work::Unit* unit = unit_member(ctx, req, b, g, problems, outside);
  if (outside) return forbidden(ctx, req);
  if (unit) a.unit_id = unit->id;
  a.entity_code = string_of(ctx, req, b, "entity_code", true, problems);
  if (auto on = date_of(ctx, req, b, "applied_on", problems)) a.applied_on = *on;
  if (auto bt = code_of(ctx, req, b, "batch", true, "governance.bad_batch", governance::parse_batch,
                        problems))
    a.batch = *bt;
  a.note = string_of(ctx, req, b, "note", false, problems);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto added = g.service().submit_application(a, c.principal.user->username, g.scope());
  if (!added) return error_response(ctx, req, added.error());
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  return web::Response::json(application_json(g, *added).dump(), 201);
}

web::Response decide_admissions(const AppContext& ctx, const web::Request& req, Call& c,
                                const web::RouteParams&) {
  Governance& g = *c.area;
  const json& b = c.body;
  const auto& cat = ctx.catalog(req);
  auto problems = unknown(ctx, req, b, {"item_id", "admitted", "rejected", "votes", "note"});
  auto item_id = id_of(ctx, req, b, "item_id", true, problems);
  governance::AdmissionDecision decision;
  decision.admitted = ids_of(ctx, req, b, "admitted", problems);
  decision.rejected = ids_of(ctx, req, b, "rejected", problems);
  if (problems.empty() && decision.admitted.empty() && decision.rejected.empty())
    problems.push_back(
        {"admitted", cat.text("site.governance.decide_nothing"), "site.governance.decide_nothing"});
  decision.votes = votes_of(ctx, req, b, problems);
  decision.note = string_of(ctx, req, b, "note", false, problems);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto item = g.item(*item_id);
  if (!item)
    return error(404, "not_found",
                 cat.text("governance.item_not_found", {{"id", std::to_string(*item_id)}}));
  auto found = find_meeting(ctx, req, g, std::to_string(item->meeting_id));
  if (found.refusal) return std::move(*found.refusal);
  auto decided =
      g.service().decide_admissions(*item_id, decision, c.principal.user->username, g.scope());
  if (!decided) return error_response(ctx, req, decided.error());
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  json apps = json::array();
  for (auto& a : *decided) apps.push_back(application_json(g, a));
  auto closed = g.item(*item_id);
  return web::Response::json(
      json{{"item", governance::to_json(*closed)}, {"applications", apps}}.dump());
}

// ---- GET /api/v1/memberships and /api/v1/awards ----

web::Response list_memberships(const AppContext& ctx, const web::Request& req, Call& c,
                               const web::RouteParams&) {
  Governance& g = *c.area;
  auto memberships = g.memberships(query_text(req, "unit"), flag(req.query.get("current")));
  if (!memberships) return error_response(ctx, req, memberships.error());
  std::vector<json> kept;
  for (auto& m : *memberships) {
    json j = governance::to_json(m);
    j["unit"] = unit_ref(g, m.unit_id);
    kept.push_back(std::move(j));
  }
  json j = {{"total", kept.size()}, {"items", kept}};
  return web::Response::json(j.dump());
}

web::Response list_awards(const AppContext& ctx, const web::Request& req, Call& c,
                          const web::RouteParams&) {
  Governance& g = *c.area;
  std::string year_text = query_text(req, "year");
  auto awards = g.awards(year_text);
  if (!awards) return error_response(ctx, req, awards.error());
  std::vector<governance::Award>& kept = *awards;
  std::optional<std::int64_t> year;
  if (!year_text.empty()) year = text::parse_int(year_text);
  auto counts = governance::count_awards(kept);
  json items = json::array();
  for (auto& a : kept) {
    json j = governance::to_json(a);
    j["granting_unit"] = unit_ref(g, a.granting_unit_id);
    j["decision"] = nullptr;
    if (auto d = g.document(a.decision_document_id))
      j["decision"] = {{"id", d->id},
                       {"number_symbol", d->number_symbol()},
                       {"issued_on", d->issued_on.iso()},
                       {"title", d->title}};
    items.push_back(std::move(j));
  }
  json j = {{"year", year ? json(*year) : json(nullptr)},
            {"counts", {{"collectives", counts.collectives}, {"individuals", counts.individuals}}},
            {"items", items}};
  return web::Response::json(j.dump());
}

// The routes' handlers: a reader's, and a writer's with the JSON body.
template <auto Handler>
constexpr auto reads = &area_route<kGovernance, false, Handler>;
template <auto Handler>
constexpr auto writes = &area_route<kGovernance, true, Handler>;

}  // namespace

void register_governance_api(web::Router& router, const AppContext& ctx) {
  add_resources(
      router, ctx, "/api/v1",
      {{.path = "/meetings", .get = reads<list_meetings>, .post = writes<create_meeting>},
       {.path = "/meetings/{id}", .get = reads<get_meeting>},
       {.path = "/meetings/{id}/items", .post = writes<add_item>},
       {.path = "/meetings/{id}/items/{item}/close", .post = writes<close_item>},
       {.path = "/admissions", .get = reads<list_admissions>, .post = writes<create_application>},
       {.path = "/admissions/decisions", .post = writes<decide_admissions>},
       {.path = "/memberships", .get = reads<list_memberships>},
       {.path = "/awards", .get = reads<list_awards>}});
}

}  // namespace htx::api
