// The work programme in the JSON API: tasks (list, one, create, progress, blocker, done),
// documents and the monthly or annual review. Internal data: a bearer token is required, and
// the token's user must read the work programme (api::can_read_work); writes need
// api::can_write_work and stay in the user's province scope (WorkService).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "api/work_support.hpp"
#include "work/rules.hpp"
#include "work/work_service.hpp"

namespace htx::api {

namespace {

using namespace detail;
using accounts::Principal;

json unit_ref(const std::map<std::int64_t, work::Unit>& units, std::int64_t id) {
  auto it = units.find(id);
  if (it == units.end()) return {{"id", id}, {"code", ""}, {"name", ""}};
  return {{"id", id}, {"code", it->second.code}, {"name", it->second.name}};
}

json task_json(const work::Task& t, const std::map<std::int64_t, work::Unit>& units, Date day) {
  json j = work::to_json(t);
  j["lead_unit"] = unit_ref(units, t.lead_unit_id);
  json coop = json::array();
  for (auto id : t.cooperating_unit_ids) coop.push_back(unit_ref(units, id));
  j["cooperating_units"] = coop;
  j["overdue"] = work::overdue_on(t, day);
  j["days_late"] = work::days_late(t, day);
  auto from = work::carried_over_from(t, work::first_day(day.year(), 1));
  j["carried_from"] = from ? json(*from) : json(nullptr);
  j["on_time"] = t.status == work::TaskStatus::kDone ? json(work::on_time(t)) : json(nullptr);
  return j;
}

work::WorkService service_of(WorkerServices& s, const AppContext& ctx) {
  return work::WorkService(s.db->work(), s.db->audit(), *s.db, *ctx.clock);
}

// ---- GET /api/v1/tasks ----

web::Response list_tasks(const AppContext& ctx, const web::Request& req) {
  auto caller = work_caller(ctx, req, false);
  if (caller.refusal) return std::move(*caller.refusal);
  const auto& cat = ctx.catalog(req);
  auto& s = worker_services(ctx);
  auto service = service_of(s, ctx);
  auto scope = work_scope(*s.access, caller.principal);
  auto units = units_by_id(service.units());
  const Date day = ctx.clock->today();

  work::TaskQuery q;
  if (auto v = req.query.get("status"); v && !v->empty()) {
    q.status = work::task_status_from_code(*v);
    if (!q.status)
      return error(400, "bad_status",
                   cat.text("work.bad_task_status", {{"value", std::string(*v)}}));
  }
  if (auto v = req.query.get("unit"); v && !v->empty()) {
    auto u = service.unit_by_code(*v);
    if (!u)
      return error(400, "bad_unit",
                   cat.text("work.unit_code_not_found", {{"code", std::string(*v)}}));
    q.lead_unit_id = u->id;
  }
  std::optional<int> year;
  if (auto v = req.query.get("year"); v && !v->empty()) {
    auto y = positive(*v);
    if (!y || *y < 1900 || *y > 9999)
      return error(400, "bad_year", cat.text("work.bad_year", {{"value", std::string(*v)}}));
    year = static_cast<int>(*y);
  }
  std::optional<std::int64_t> document;
  if (auto v = req.query.get("document"); v && !v->empty()) {
    document = positive(*v);
    if (!document)
      return error(400, "bad_document", cat.text("work.bad_id", {{"value", std::string(*v)}}));
  }
  const bool key = flag(req.query.get("key")), overdue = flag(req.query.get("overdue"));
  auto limit = paging_int(req.query.get("limit"), 50, 1000);
  auto offset = paging_int(req.query.get("offset"), 0, 100'000'000);
  if (!limit || !offset || *limit == 0) return error(400, "bad_paging", cat.text("api.bad_paging"));

  std::vector<work::Task> kept;
  for (auto& t : service.tasks(q)) {
    if (!task_visible(t, units, scope)) continue;
    if (key && !t.key_task) continue;
    if (overdue && !work::overdue_on(t, day)) continue;
    if (document && t.document_id != document) continue;
    if (year &&
        (t.start_on.year() > *year || work::finished_by(t, work::first_day(*year, 1).add_days(-1))))
      continue;
    kept.push_back(std::move(t));
  }
  json items = json::array();
  for (std::size_t i = static_cast<std::size_t>(*offset);
       i < kept.size() && items.size() < static_cast<std::size_t>(*limit); ++i)
    items.push_back(task_json(kept[i], units, day));
  json j = {{"total", kept.size()}, {"limit", *limit}, {"offset", *offset}, {"items", items}};
  return web::Response::json(j.dump());
}

// ---- GET /api/v1/tasks/{id} ----

web::Response get_task(const AppContext& ctx, const web::Request& req, const std::string& id_text) {
  auto caller = work_caller(ctx, req, false);
  if (caller.refusal) return std::move(*caller.refusal);
  const auto& cat = ctx.catalog(req);
  auto& s = worker_services(ctx);
  auto service = service_of(s, ctx);
  auto id = positive(id_text);
  auto t = id ? service.task(*id) : std::nullopt;
  if (!t) return error(404, "not_found", cat.text("work.task_not_found", {{"id", id_text}}));
  auto units = units_by_id(service.units());
  if (!task_visible(*t, units, work_scope(*s.access, caller.principal))) return forbidden(ctx, req);
  json j = task_json(*t, units, ctx.clock->today());
  json notes = json::array();
  for (auto& n : service.notes(t->id)) notes.push_back(work::to_json(n));
  j["notes"] = notes;
  j["document"] = nullptr;
  if (t->document_id)
    if (auto d = service.document(*t->document_id)) j["document"] = work::to_json(*d);
  return web::Response::json(j.dump());
}

// ---- POST /api/v1/tasks ----

web::Response written_task(const AppContext& ctx, work::WorkService& service, std::int64_t id,
                           int status) {
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  auto t = service.task(id);
  auto units = units_by_id(service.units());
  json j = task_json(*t, units, ctx.clock->today());
  json notes = json::array();
  for (auto& n : service.notes(id)) notes.push_back(work::to_json(n));
  j["notes"] = notes;
  auto r = web::Response::json(j.dump(), status);
  if (status == 201) r.headers.set("Location", "/api/v1/tasks/" + std::to_string(id));
  return r;
}

web::Response create_task(const AppContext& ctx, const web::Request& req) {
  auto caller = work_caller(ctx, req, true);
  if (caller.refusal) return std::move(*caller.refusal);
  auto body = parse_json_object(ctx, req);
  if (body.refusal) return std::move(*body.refusal);
  const auto& cat = ctx.catalog(req);
  auto& s = worker_services(ctx);
  auto service = service_of(s, ctx);
  const json& b = body.value;
  auto problems = unknown(ctx, req, b,
                          {"title", "document_id", "lead_unit", "cooperating_units", "owner",
                           "start_on", "due_on", "key_task"});
  work::Task t;
  t.title = string_of(ctx, req, b, "title", true, problems);
  t.owner = string_of(ctx, req, b, "owner", false, problems);
  std::string lead = string_of(ctx, req, b, "lead_unit", true, problems);
  if (!lead.empty()) {
    if (auto u = service.unit_by_code(lead))
      t.lead_unit_id = u->id;
    else
      problems.push_back({"lead_unit", cat.text("work.unit_code_not_found", {{"code", lead}}),
                          "work.unit_code_not_found"});
  }
  if (b.contains("cooperating_units")) {
    const json& c = b["cooperating_units"];
    if (!c.is_array()) {
      problems.push_back({"cooperating_units", cat.text("api.not_array"), "api.not_array"});
    } else {
      for (auto& v : c) {
        auto u = v.is_string() ? service.unit_by_code(v.get<std::string>()) : std::nullopt;
        if (!u)
          problems.push_back({"cooperating_units",
                              cat.text("work.unit_code_not_found",
                                       {{"code", v.is_string() ? v.get<std::string>() : v.dump()}}),
                              "work.unit_code_not_found"});
        else if (u->id != t.lead_unit_id)
          t.cooperating_unit_ids.push_back(u->id);
      }
    }
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
  auto added =
      service.add_task(t, caller.principal.user->username, work_scope(*s.access, caller.principal));
  // Choosing a unit outside the user's provinces is a mistake in the body, answered on its
  // field (422, WorkService says so); acting on another province's task stays a 403.
  if (!added) return error_response(ctx, req, added.error());
  return written_task(ctx, service, added->id, 201);
}

// ---- POST /api/v1/tasks/{id}/progress|block|done|cancel, .../blockers/{note}/resolve ----

enum class Note { kProgress, kBlock, kDone, kCancel, kResolve };

web::Response task_note(const AppContext& ctx, const web::Request& req, const std::string& id_text,
                        Note kind, const std::string& note_text = {}) {
  auto caller = work_caller(ctx, req, true);
  if (caller.refusal) return std::move(*caller.refusal);
  auto body = parse_json_object(ctx, req);
  if (body.refusal) return std::move(*body.refusal);
  const auto& cat = ctx.catalog(req);
  auto& s = worker_services(ctx);
  auto service = service_of(s, ctx);
  auto id = positive(id_text);
  auto t = id ? service.task(*id) : std::nullopt;
  if (!t) return error(404, "not_found", cat.text("work.task_not_found", {{"id", id_text}}));
  auto scope = work_scope(*s.access, caller.principal);
  auto units = units_by_id(service.units());
  if (!task_visible(*t, units, scope)) return forbidden(ctx, req);
  // Resolving: the blocker must be one of this task's.
  std::optional<work::TaskNote> blocker;
  if (kind == Note::kResolve) {
    auto note_id = positive(note_text);
    for (auto& n : service.notes(t->id))
      if (note_id && n.id == *note_id && n.kind == work::NoteKind::kBlocker) blocker = n;
    if (!blocker)
      return error(404, "not_found", cat.text("work.blocker_not_found", {{"id", note_text}}));
  }
  const bool with_text = kind == Note::kProgress || kind == Note::kBlock;
  std::vector<FieldProblem> problems = with_text ? unknown(ctx, req, body.value, {"on", "text"})
                                                 : unknown(ctx, req, body.value, {"on"});
  auto on = date_of(ctx, req, body.value, "on", problems);
  std::string text;
  if (with_text) text = string_of(ctx, req, body.value, "text", true, problems);
  if (on && ctx.clock->today() < *on)
    problems.push_back({"on", cat.text("field.date_in_future", {{"value", on->vietnamese()}}),
                        "field.date_in_future"});
  if (!problems.empty()) return validation_error(ctx, req, problems);
  const std::string& actor = caller.principal.user->username;
  std::optional<Error> failed;
  switch (kind) {
    case Note::kProgress:
    case Note::kBlock: {
      auto r = kind == Note::kBlock ? service.add_blocker(t->id, *on, text, actor, scope)
                                    : service.add_progress(t->id, *on, text, actor, scope);
      if (!r) return error_response(ctx, req, r.error());
      return written_task(ctx, service, t->id, 201);
    }
    case Note::kDone:
      if (auto r = service.complete_task(t->id, *on, actor, scope); !r) failed = r.error();
      break;
    case Note::kCancel:
      if (auto r = service.cancel_task(t->id, *on, actor, scope); !r) failed = r.error();
      break;
    case Note::kResolve:
      if (auto r = service.resolve_blocker(blocker->id, *on, actor, scope); !r) failed = r.error();
      break;
  }
  if (failed) return error_response(ctx, req, *failed);
  return written_task(ctx, service, t->id, 200);
}

// The document, when the caller may see it (issued in their scope or the source of a task they
// see) or, for a write, may change it (issued in their scope); else the refusal.
struct DocumentAccess {
  std::optional<work::Document> doc;
  std::optional<web::Response> refusal;
};

DocumentAccess document_access(const AppContext& ctx, const web::Request& req,
                               const accounts::Principal& principal, work::WorkService& service,
                               const std::string& id_text, bool write) {
  auto id = positive(id_text);
  auto doc = id ? service.document(*id) : std::nullopt;
  if (!doc)
    return {{},
            error(404, "not_found",
                  ctx.catalog(req).text("work.document_not_found", {{"id", id_text}}))};
  auto units = units_by_id(service.units());
  auto scope = work_scope(*worker_services(ctx).access, principal);
  bool allowed = write ? document_writable(*doc, units, scope)
                       : document_readable(*doc, units, service.tasks(), scope);
  if (!allowed) return {{}, forbidden(ctx, req)};
  return {doc, {}};
}

// ---- POST /api/v1/documents/{id}/advance ----

web::Response advance_document(const AppContext& ctx, const web::Request& req,
                               const std::string& id_text) {
  auto caller = work_caller(ctx, req, true);
  if (caller.refusal) return std::move(*caller.refusal);
  auto body = parse_json_object(ctx, req);
  if (body.refusal) return std::move(*body.refusal);
  const auto& cat = ctx.catalog(req);
  auto service = service_of(worker_services(ctx), ctx);
  // Only the issuer's people move a draft on: a provincial user their province's documents.
  auto access = document_access(ctx, req, caller.principal, service, id_text, true);
  if (access.refusal) return std::move(*access.refusal);
  const work::Document* doc = &*access.doc;
  std::vector<FieldProblem> problems = unknown(ctx, req, body.value, {"to", "meeting_id"});
  std::string to_text = string_of(ctx, req, body.value, "to", true, problems);
  std::optional<work::DraftStatus> to;
  if (!to_text.empty()) {
    to = work::draft_status_from_code(to_text);
    if (!to)
      problems.push_back(
          {"to", cat.text("work.bad_draft_status", {{"value", to_text}}), "work.bad_draft_status"});
  }
  std::optional<std::int64_t> meeting;
  if (body.value.contains("meeting_id") && !body.value["meeting_id"].is_null()) {
    const json& m = body.value["meeting_id"];
    if (m.is_number_integer() && m.get<std::int64_t>() > 0)
      meeting = m.get<std::int64_t>();
    else
      problems.push_back({"meeting_id", cat.text("api.expected_integer"), "api.expected_integer"});
  }
  if (!problems.empty()) return validation_error(ctx, req, problems);
  auto r = service.advance_document(doc->id, *to, meeting, caller.principal.user->username,
                                    work_scope(*worker_services(ctx).access, caller.principal));
  if (!r) return error_response(ctx, req, r.error());
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  return web::Response::json(work::to_json(*r).dump());
}

// ---- GET|PUT /api/v1/documents/{id}/file ----

web::Response get_document_file(const AppContext& ctx, const web::Request& req,
                                const std::string& id_text) {
  auto caller = work_caller(ctx, req, false);
  if (caller.refusal) return std::move(*caller.refusal);
  auto service = service_of(worker_services(ctx), ctx);
  auto access = document_access(ctx, req, caller.principal, service, id_text, false);
  if (access.refusal) return std::move(*access.refusal);
  auto a = service.attachment(access.doc->id);
  if (!a)
    return error(404, "not_found",
                 ctx.catalog(req).text("work.no_attachment",
                                       {{"number_symbol", access.doc->number_symbol()}}));
  return web::Response::download(std::move(a->content), a->content_type, a->file_name);
}

// PUT with the file's bytes as the body and its name in ?name=: the document's file, replaced.
web::Response put_document_file(const AppContext& ctx, const web::Request& req,
                                const std::string& id_text) {
  auto caller = work_caller(ctx, req, true);
  if (caller.refusal) return std::move(*caller.refusal);
  const auto& cat = ctx.catalog(req);
  auto service = service_of(worker_services(ctx), ctx);
  auto access = document_access(ctx, req, caller.principal, service, id_text, true);
  if (access.refusal) return std::move(*access.refusal);
  auto name = req.query.get("name");
  if (!name || name->empty())
    return validation_error(
        ctx, req, {{"name", cat.text("field.required", {{"field", "name"}}), "field.required"}});
  auto r = service.attach_file(access.doc->id, std::string(*name), req.body,
                               caller.principal.user->username,
                               work_scope(*worker_services(ctx).access, caller.principal));
  if (!r) return error_response(ctx, req, r.error().with_field_names({{"file_name", "name"}}));
  ctx.data_generation.fetch_add(1, std::memory_order_acq_rel);
  return web::Response::json(work::to_json(*r).dump());
}

// ---- GET /api/v1/units ----

web::Response list_units(const AppContext& ctx, const web::Request& req) {
  auto caller = work_caller(ctx, req, false);
  if (caller.refusal) return std::move(*caller.refusal);
  auto& s = worker_services(ctx);
  auto service = service_of(s, ctx);
  json items = json::array();
  for (const auto& u : service.units()) items.push_back(work::to_json(u));
  return web::Response::json(json{{"total", items.size()}, {"items", items}}.dump());
}

// ---- GET /api/v1/documents ----

web::Response list_documents(const AppContext& ctx, const web::Request& req) {
  auto caller = work_caller(ctx, req, false);
  if (caller.refusal) return std::move(*caller.refusal);
  const auto& cat = ctx.catalog(req);
  auto& s = worker_services(ctx);
  auto service = service_of(s, ctx);
  std::optional<int> year;
  if (auto v = req.query.get("year"); v && !v->empty()) {
    auto y = positive(*v);
    if (!y || *y < 1900 || *y > 9999)
      return error(400, "bad_year", cat.text("work.bad_year", {{"value", std::string(*v)}}));
    year = static_cast<int>(*y);
  }
  auto limit = paging_int(req.query.get("limit"), 50, 1000);
  auto offset = paging_int(req.query.get("offset"), 0, 100'000'000);
  if (!limit || !offset || *limit == 0) return error(400, "bad_paging", cat.text("api.bad_paging"));
  auto scope = work_scope(*s.access, caller.principal);
  auto units = units_by_id(service.units());
  std::map<std::int64_t, int> task_counts;
  for (auto& t : service.tasks())
    if (t.document_id && task_visible(t, units, scope)) ++task_counts[*t.document_id];
  std::vector<json> kept;
  auto docs = service.documents();
  for (auto it = docs.rbegin(); it != docs.rend(); ++it) {
    if (year && it->issued_on.year() != *year) continue;
    auto u = units.find(it->issuer_unit_id);
    bool own = u != units.end() && unit_in_scope(u->second, scope);
    if (!own && !task_counts[it->id]) continue;
    json j = work::to_json(*it);
    j["issuer_unit"] = unit_ref(units, it->issuer_unit_id);
    j["task_count"] = task_counts[it->id];
    kept.push_back(std::move(j));
  }
  json items = json::array();
  for (std::size_t i = static_cast<std::size_t>(*offset);
       i < kept.size() && items.size() < static_cast<std::size_t>(*limit); ++i)
    items.push_back(kept[i]);
  json j = {{"total", kept.size()}, {"limit", *limit}, {"offset", *offset}, {"items", items}};
  return web::Response::json(j.dump());
}

// ---- GET /api/v1/reviews/{period} ----

web::Response get_review(const AppContext& ctx, const web::Request& req, const std::string& code) {
  auto caller = work_caller(ctx, req, false);
  if (caller.refusal) return std::move(*caller.refusal);
  auto period = parse_review_period(code);
  if (!period)
    return error(400, "bad_period",
                 ctx.catalog(req).text("work.bad_review_period", {{"value", code}}));
  auto& s = worker_services(ctx);
  json j =
      review_json(*s.db, *ctx.geo, *ctx.sectors, *period, work_scope(*s.access, caller.principal));
  auto draft = review_draft(*s.db, *ctx.geo, *ctx.sectors, *period,
                            work_scope(*s.access, caller.principal), ctx.clock->today());
  j["report"] = {
      {"title", draft.title}, {"subtitle", draft.subtitle}, {"text", work::to_text(draft)}};
  return web::Response::json(j.dump());
}

}  // namespace

void register_work_api(web::Router& router, const AppContext& ctx) {
  router.get("/api/v1/tasks", [&ctx](const web::Request& req, const web::RouteParams&) {
    return list_tasks(ctx, req);
  });
  router.post("/api/v1/tasks", [&ctx](const web::Request& req, const web::RouteParams&) {
    return create_task(ctx, req);
  });
  router.get("/api/v1/tasks/{id}", [&ctx](const web::Request& req, const web::RouteParams& p) {
    return get_task(ctx, req, p.at("id"));
  });
  router.post("/api/v1/tasks/{id}/progress",
              [&ctx](const web::Request& req, const web::RouteParams& p) {
                return task_note(ctx, req, p.at("id"), Note::kProgress);
              });
  router.post("/api/v1/tasks/{id}/block",
              [&ctx](const web::Request& req, const web::RouteParams& p) {
                return task_note(ctx, req, p.at("id"), Note::kBlock);
              });
  router.post("/api/v1/tasks/{id}/done",
              [&ctx](const web::Request& req, const web::RouteParams& p) {
                return task_note(ctx, req, p.at("id"), Note::kDone);
              });
  router.post("/api/v1/tasks/{id}/cancel",
              [&ctx](const web::Request& req, const web::RouteParams& p) {
                return task_note(ctx, req, p.at("id"), Note::kCancel);
              });
  router.post("/api/v1/tasks/{id}/blockers/{note}/resolve",
              [&ctx](const web::Request& req, const web::RouteParams& p) {
                return task_note(ctx, req, p.at("id"), Note::kResolve, p.at("note"));
              });
  router.post("/api/v1/documents/{id}/advance",
              [&ctx](const web::Request& req, const web::RouteParams& p) {
                return advance_document(ctx, req, p.at("id"));
              });
  router.get("/api/v1/documents/{id}/file",
             [&ctx](const web::Request& req, const web::RouteParams& p) {
               return get_document_file(ctx, req, p.at("id"));
             });
  router.put("/api/v1/documents/{id}/file",
             [&ctx](const web::Request& req, const web::RouteParams& p) {
               return put_document_file(ctx, req, p.at("id"));
             });
  router.get("/api/v1/units", [&ctx](const web::Request& req, const web::RouteParams&) {
    return list_units(ctx, req);
  });
  router.get("/api/v1/documents", [&ctx](const web::Request& req, const web::RouteParams&) {
    return list_documents(ctx, req);
  });
  router.get("/api/v1/reviews/{period}",
             [&ctx](const web::Request& req, const web::RouteParams& p) {
               return get_review(ctx, req, p.at("period"));
             });
}

}  // namespace htx::api
