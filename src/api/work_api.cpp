// The work programme in the JSON API: tasks (list, one, create, progress, blocker, done),
// documents and the monthly or annual review. Internal data: a bearer token is required, and
// the token's user must read the work programme (AccessPolicy::can_read_work); writes need
// can_write_work. Everything through areas::WorkArea, which holds the user's province scope and
// answers the look-ups and lists the pages answer too.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "areas/work_area.hpp"
#include "work/rules.hpp"
#include "work/work_service.hpp"

namespace htx::api {

namespace {

using namespace detail;
using areas::WorkArea;

// The work programme's guard: its readers read, its writers write.
constexpr AreaGuard<WorkArea> kWork{work_family_area<WorkArea>, reads_or_writes<WorkArea>};

json unit_ref(const WorkArea& w, std::int64_t id) {
  const work::Unit* u = w.unit(id);
  if (!u) return {{"id", id}, {"code", ""}, {"name", ""}};
  return {{"id", id}, {"code", u->code}, {"name", u->name}};
}

json task_json(const WorkArea& w, const work::Task& t, Date day) {
  json j = work::to_json(t);
  j["lead_unit"] = unit_ref(w, t.lead_unit_id);
  json coop = json::array();
  for (auto id : t.cooperating_unit_ids) coop.push_back(unit_ref(w, id));
  j["cooperating_units"] = coop;
  j["overdue"] = work::overdue_on(t, day);
  j["days_late"] = work::days_late(t, day);
  auto from = work::carried_over_from(t, work::first_day(day.year(), 1));
  j["carried_from"] = from ? json(*from) : json(nullptr);
  j["on_time"] = t.status == work::TaskStatus::kDone ? json(work::on_time(t)) : json(nullptr);
  return j;
}

// A task with its notes (and, when `with_document`, the document that created it).
json task_detail_json(WorkArea& w, const work::Task& t, bool with_document) {
  json j = task_json(w, t, w.today());
  json notes = json::array();
  for (auto& n : w.service().notes(t.id)) notes.push_back(work::to_json(n));
  j["notes"] = notes;
  if (!with_document) return j;
  j["document"] = nullptr;
  if (t.document_id)
    if (auto d = w.service().document(*t.document_id)) j["document"] = work::to_json(*d);
  return j;
}

// The items from ?offset= up to ?limit= with the total, or the 400 of bad paging.
web::Response paged(const AppContext& ctx, const web::Request& req, std::vector<json> kept) {
  auto limit = paging_int(req.query.get("limit"), 50, 1000);
  auto offset = paging_int(req.query.get("offset"), 0, 100'000'000);
  if (!limit || !offset || *limit == 0)
    return error(400, "bad_paging", ctx.catalog(req).text("api.bad_paging"));
  json items = json::array();
  for (std::size_t i = static_cast<std::size_t>(*offset);
       i < kept.size() && items.size() < static_cast<std::size_t>(*limit); ++i)
    items.push_back(std::move(kept[i]));
  json j = {{"total", kept.size()}, {"limit", *limit}, {"offset", *offset}, {"items", items}};
  return web::Response::json(j.dump());
}

// ---- GET /api/v1/tasks ----

web::Response list_tasks(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  auto r = area_request(kWork, ctx, req, false, false);
  if (r.refusal) return std::move(*r.refusal);
  WorkArea& w = *r.area;
  areas::TaskFilter filter{query_text(req, "status"),  query_text(req, "unit"),
                           query_text(req, "year"),    query_text(req, "document"),
                           flag(req.query.get("key")), flag(req.query.get("overdue"))};
  auto tasks = w.tasks(filter);
  if (!tasks) return error_response(ctx, req, tasks.error());
  // Paging is checked after the filters, as before.
  std::vector<json> kept;
  const Date day = w.today();
  for (const auto& t : *tasks) kept.push_back(task_json(w, t, day));
  return paged(ctx, req, std::move(kept));
}

// ---- GET /api/v1/tasks/{id} ----

web::Response get_task(const AppContext& ctx, const web::Request& req,
                       const web::RouteParams& params) {
  auto r = area_request(kWork, ctx, req, false, false);
  if (r.refusal) return std::move(*r.refusal);
  auto t = r.area->task(params.at("id"));
  if (!t) return error_response(ctx, req, t.error());
  return web::Response::json(task_detail_json(*r.area, *t, true).dump());
}

// ---- POST /api/v1/tasks ----

web::Response written_task(const AppContext& ctx, WorkArea& w, std::int64_t id, int status) {
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  auto t = w.service().task(id);
  auto r = web::Response::json(task_detail_json(w, *t, false).dump(), status);
  if (status == 201) r.headers.set("Location", "/api/v1/tasks/" + std::to_string(id));
  return r;
}

// A unit code of the body on its member `field`, added to `problems` when no unit has it.
const work::Unit* unit_member(const AppContext& ctx, const web::Request& req, const WorkArea& w,
                              const std::string& code, const std::string& field,
                              std::vector<FieldProblem>& problems) {
  auto u = w.unit_named(code, field);
  if (u) return *u;
  problems.push_back({field, ctx.catalog(req).render(u.error()), u.error().key});
  return nullptr;
}

web::Response create_task(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  auto r = area_request(kWork, ctx, req, true, true);
  if (r.refusal) return std::move(*r.refusal);
  WorkArea& w = *r.area;
  const auto& cat = ctx.catalog(req);
  const json& b = r.body;
  auto problems = unknown(ctx, req, b,
                          {"title", "document_id", "lead_unit", "cooperating_units", "owner",
                           "start_on", "due_on", "key_task"});
  work::Task t;
  t.title = string_of(ctx, req, b, "title", true, problems);
  t.owner = string_of(ctx, req, b, "owner", false, problems);
  std::string lead = string_of(ctx, req, b, "lead_unit", true, problems);
  if (!lead.empty())
    if (auto* u = unit_member(ctx, req, w, lead, "lead_unit", problems)) t.lead_unit_id = u->id;
  if (const json* c = array_of(ctx, req, b, "cooperating_units", problems))
    for (auto& v : *c) {
      auto* u = unit_member(ctx, req, w, v.is_string() ? v.get<std::string>() : v.dump(),
                            "cooperating_units", problems);
      if (u && u->id != t.lead_unit_id) t.cooperating_unit_ids.push_back(u->id);
    }
  if (b.contains("document_id") && !b["document_id"].is_null()) {
    if (b["document_id"].is_number_integer() && b["document_id"].get<std::int64_t>() > 0)
      t.document_id = b["document_id"].get<std::int64_t>();
    else
      problems.push_back({"document_id",
                          cat.text("work.bad_id", {{"value", b["document_id"].dump()}}),
                          "work.bad_id"});
  }
  if (b.contains("key_task")) {
    if (b["key_task"].is_boolean())
      t.key_task = b["key_task"].get<bool>();
    else
      problems.push_back({"key_task", cat.text("api.expected_boolean"), "api.expected_boolean"});
  }
  auto start = date_of(ctx, req, b, "start_on", problems);
  auto due = date_of(ctx, req, b, "due_on", problems);
  if (!problems.empty()) return validation_error(ctx, req, problems);
  t.start_on = *start;
  t.due_on = *due;
  auto added = w.service().add_task(t, w.actor(), w.scope());
  // Choosing a unit outside the user's provinces is a mistake in the body, answered on its
  // field (422, WorkService says so); acting on another province's task stays a 403.
  if (!added) return error_response(ctx, req, added.error());
  return written_task(ctx, w, added->id, 201);
}

// ---- POST /api/v1/tasks/{id}/progress|block|done|cancel, .../blockers/{note}/resolve ----

enum class Note { kProgress, kBlock, kDone, kCancel, kResolve };

web::Response task_note(const AppContext& ctx, const web::Request& req,
                        const web::RouteParams& params, Note kind) {
  auto r = area_request(kWork, ctx, req, true, true);
  if (r.refusal) return std::move(*r.refusal);
  WorkArea& w = *r.area;
  auto t = w.task(params.at("id"));
  if (!t) return error_response(ctx, req, t.error());
  // Resolving: the blocker must be one of this task's.
  std::optional<work::TaskNote> blocker;
  if (kind == Note::kResolve) {
    auto b = w.blocker_of(*t, params.at("note"));
    if (!b) return error_response(ctx, req, b.error());
    blocker = *b;
  }
  const bool with_text = kind == Note::kProgress || kind == Note::kBlock;
  std::vector<FieldProblem> problems =
      with_text ? unknown(ctx, req, r.body, {"on", "text"}) : unknown(ctx, req, r.body, {"on"});
  auto on = date_of(ctx, req, r.body, "on", problems);
  std::string text;
  if (with_text) text = string_of(ctx, req, r.body, "text", true, problems);
  if (on && w.today() < *on)
    problems.push_back(
        {"on", ctx.catalog(req).text("field.date_in_future", {{"value", on->vietnamese()}}),
         "field.date_in_future"});
  if (!problems.empty()) return validation_error(ctx, req, problems);
  const std::string actor = w.actor();
  auto& service = w.service();
  std::optional<Error> failed;
  auto keep = [&](const auto& result) {
    if (!result) failed = result.error();
  };
  switch (kind) {
    case Note::kProgress:
      keep(service.add_progress(t->id, *on, text, actor, w.scope()));
      break;
    case Note::kBlock:
      keep(service.add_blocker(t->id, *on, text, actor, w.scope()));
      break;
    case Note::kDone:
      keep(service.complete_task(t->id, *on, actor, w.scope()));
      break;
    case Note::kCancel:
      keep(service.cancel_task(t->id, *on, actor, w.scope()));
      break;
    case Note::kResolve:
      keep(service.resolve_blocker(blocker->id, *on, actor, w.scope()));
      break;
  }
  if (failed) return error_response(ctx, req, *failed);
  return written_task(ctx, w, t->id, with_text ? 201 : 200);
}

template <Note kind>
web::Response note_route(const AppContext& ctx, const web::Request& req,
                         const web::RouteParams& params) {
  return task_note(ctx, req, params, kind);
}

// ---- POST /api/v1/documents/{id}/advance ----

web::Response advance_document(const AppContext& ctx, const web::Request& req,
                               const web::RouteParams& params) {
  auto r = area_request(kWork, ctx, req, true, true);
  if (r.refusal) return std::move(*r.refusal);
  WorkArea& w = *r.area;
  const auto& cat = ctx.catalog(req);
  // Only the issuer's people move a draft on: a provincial user their province's documents.
  auto doc = w.document(params.at("id"), true);
  if (!doc) return error_response(ctx, req, doc.error());
  std::vector<FieldProblem> problems = unknown(ctx, req, r.body, {"to", "meeting_id"});
  std::string to_text = string_of(ctx, req, r.body, "to", true, problems);
  std::optional<work::DraftStatus> to;
  if (!to_text.empty()) {
    to = work::draft_status_from_code(to_text);
    if (!to)
      problems.push_back(
          {"to", cat.text("work.bad_draft_status", {{"value", to_text}}), "work.bad_draft_status"});
  }
  std::optional<std::int64_t> meeting;
  if (r.body.contains("meeting_id") && !r.body["meeting_id"].is_null()) {
    const json& m = r.body["meeting_id"];
    if (m.is_number_integer() && m.get<std::int64_t>() > 0)
      meeting = m.get<std::int64_t>();
    else
      problems.push_back({"meeting_id", cat.text("api.expected_integer"), "api.expected_integer"});
  }
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto changed = w.service().advance_document(doc->id, *to, meeting, w.actor(), w.scope());
  if (!changed) return error_response(ctx, req, changed.error());
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  return web::Response::json(work::to_json(*changed).dump());
}

// ---- GET|PUT /api/v1/documents/{id}/file ----

web::Response get_document_file(const AppContext& ctx, const web::Request& req,
                                const web::RouteParams& params) {
  auto r = area_request(kWork, ctx, req, false, false);
  if (r.refusal) return std::move(*r.refusal);
  auto doc = r.area->document(params.at("id"), false);
  if (!doc) return error_response(ctx, req, doc.error());
  auto a = r.area->service().attachment(doc->id);
  if (!a)
    return error(
        404, "not_found",
        ctx.catalog(req).text("work.no_attachment", {{"number_symbol", doc->number_symbol()}}));
  return web::Response::download(std::move(a->content), a->content_type, a->file_name);
}

// PUT with the file's bytes as the body and its name in ?name=: the document's file, replaced.
web::Response put_document_file(const AppContext& ctx, const web::Request& req,
                                const web::RouteParams& params) {
  auto r = area_request(kWork, ctx, req, true, false);
  if (r.refusal) return std::move(*r.refusal);
  WorkArea& w = *r.area;
  auto doc = w.document(params.at("id"), true);
  if (!doc) return error_response(ctx, req, doc.error());
  auto name = req.query.get("name");
  if (!name || name->empty())
    return validation_error(
        ctx, req,
        {{"name", ctx.catalog(req).text("field.required", {{"field", "name"}}), "field.required"}});
  auto changed =
      w.service().attach_file(doc->id, std::string(*name), req.body, w.actor(), w.scope());
  if (!changed)
    return error_response(ctx, req, changed.error().with_field_names({{"file_name", "name"}}));
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  return web::Response::json(work::to_json(*changed).dump());
}

// ---- GET /api/v1/units ----

web::Response list_units(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  auto r = area_request(kWork, ctx, req, false, false);
  if (r.refusal) return std::move(*r.refusal);
  json items = json::array();
  for (const auto* u : r.area->units()) items.push_back(work::to_json(*u));
  return web::Response::json(json{{"total", items.size()}, {"items", items}}.dump());
}

// ---- GET /api/v1/documents ----

web::Response list_documents(const AppContext& ctx, const web::Request& req,
                             const web::RouteParams&) {
  auto r = area_request(kWork, ctx, req, false, false);
  if (r.refusal) return std::move(*r.refusal);
  WorkArea& w = *r.area;
  auto docs = w.documents(query_text(req, "year"));
  if (!docs) return error_response(ctx, req, docs.error());
  auto counts = w.task_counts();
  std::vector<json> kept;
  for (const auto& d : *docs) {
    json j = work::to_json(d);
    j["issuer_unit"] = unit_ref(w, d.issuer_unit_id);
    j["task_count"] = counts[d.id];
    kept.push_back(std::move(j));
  }
  return paged(ctx, req, std::move(kept));
}

// ---- GET /api/v1/reviews/{period} ----

web::Response get_review(const AppContext& ctx, const web::Request& req,
                         const web::RouteParams& params) {
  auto r = area_request(kWork, ctx, req, false, false);
  if (r.refusal) return std::move(*r.refusal);
  WorkArea& w = *r.area;
  auto period = w.review_period(params.at("period"));
  if (!period) return error_response(ctx, req, period.error());
  json j = w.review_json(*ctx.geo, *ctx.sectors, *period, ctx.fund);
  auto draft = w.review_draft(*ctx.geo, *ctx.sectors, *period, w.today(), ctx.fund);
  j["report"] = {
      {"title", draft.title}, {"subtitle", draft.subtitle}, {"text", work::to_text(draft)}};
  return web::Response::json(j.dump());
}

}  // namespace

void register_work_api(web::Router& router, const AppContext& ctx) {
  add_resources(
      router, ctx, "/api/v1",
      {{.path = "/tasks", .get = list_tasks, .post = create_task},
       {.path = "/tasks/{id}", .get = get_task},
       {.path = "/tasks/{id}/progress", .post = note_route<Note::kProgress>},
       {.path = "/tasks/{id}/block", .post = note_route<Note::kBlock>},
       {.path = "/tasks/{id}/done", .post = note_route<Note::kDone>},
       {.path = "/tasks/{id}/cancel", .post = note_route<Note::kCancel>},
       {.path = "/tasks/{id}/blockers/{note}/resolve", .post = note_route<Note::kResolve>},
       {.path = "/documents/{id}/advance", .post = advance_document},
       {.path = "/documents/{id}/file", .get = get_document_file, .put = put_document_file},
       {.path = "/units", .get = list_units},
       {.path = "/documents", .get = list_documents},
       {.path = "/reviews/{period}", .get = get_review}});
}

}  // namespace htx::api
