#include "work/work_service.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "work/rules.hpp"

namespace htx::work {

namespace {
// Who recorded a row and when.
template <class Row>
void stamp(Row& row, const std::string& actor, const Clock& clock) {
  row.recorded_by = actor;
  row.recorded_at = clock.now_iso();
}

Error required(const char* field) {
  return Error::invalid(field, "field.required", {{"field", field}});
}
std::string id_text(std::int64_t id) { return std::to_string(id); }
// Each text trimmed and in NFC, as a record's free texts are kept.
template <typename... Text>
void clean(Text&... texts) {
  ((texts = text::to_nfc(text::trim(texts))), ...);
}

// The document `id` when its issuer is in `scope`: not found, or forbidden.
Result<Document> document_in(WorkRepository& repo, std::int64_t id, const ProvinceScope& scope) {
  auto doc = repo.find_document(id);
  if (!doc) return Error::not_found("work.document_not_found", {{"id", id_text(id)}});
  auto issuer = repo.find_unit(doc->issuer_unit_id);
  if (!issuer || !scope.allows(issuer->province_id))
    return Error::forbidden("work.document_out_of_scope",
                            {{"number_symbol", doc->number_symbol()}});
  return std::move(*doc);
}

// The kinds of file a document may carry: by the name's extension, checked by the content's
// first bytes (a renamed file is refused).
struct FileKind {
  std::string_view extension;
  std::string_view content_type;
  std::string_view magic;
  std::string_view label;
};
constexpr std::string_view kZip("PK\x03\x04", 4);
constexpr std::string_view kOle("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
constexpr FileKind kFileKinds[] = {
    {".pdf", "application/pdf", "%PDF-", "PDF"},
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", kZip,
     "Word"},
    {".doc", "application/msword", kOle, "Word"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", kZip, "Excel"},
    {".xls", "application/vnd.ms-excel", kOle, "Excel"},
    {".odt", "application/vnd.oasis.opendocument.text", kZip, "OpenDocument"},
    {".jpg", "image/jpeg", std::string_view("\xFF\xD8\xFF", 3), "JPEG"},
    {".jpeg", "image/jpeg", std::string_view("\xFF\xD8\xFF", 3), "JPEG"},
    {".png", "image/png", std::string_view("\x89PNG\r\n\x1A\n", 8), "PNG"},
};

// The name without folders or control characters, NFC, trimmed.
std::string clean_file_name(const std::string& raw) {
  std::string name = raw;
  if (auto slash = name.find_last_of("/\\"); slash != std::string::npos)
    name = name.substr(slash + 1);
  std::erase_if(name, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  return text::to_nfc(text::trim(name));
}
}  // namespace

Result<Document> WorkService::attach_file(std::int64_t document_id, std::string file_name,
                                          std::string content, const std::string& actor,
                                          const ProvinceScope& scope) {
  file_name = clean_file_name(file_name);
  if (file_name.empty()) return required("file_name");
  if (file_name.size() > 200)
    return Error::invalid("file", "work.attachment_name_long", {{"file", file_name.substr(0, 60)}});
  if (content.empty())
    return Error::invalid("file", "work.attachment_empty", {{"file", file_name}});
  if (content.size() > kMaxAttachment)
    return Error::invalid(
        "file", "work.attachment_too_large",
        {{"file", file_name}, {"limit", std::to_string(kMaxAttachment / (1024 * 1024)) + " MB"}});
  std::string lower = text::fold(file_name);
  const FileKind* kind = nullptr;
  for (const auto& k : kFileKinds)
    if (lower.size() > k.extension.size() && lower.ends_with(k.extension)) kind = &k;
  if (!kind) return Error::invalid("file", "work.attachment_type", {{"file", file_name}});
  if (!std::string_view(content).starts_with(kind->magic))
    return Error::invalid("file", "work.attachment_mismatch",
                          {{"file", file_name}, {"kind", std::string(kind->label)}});
  Transaction tx(tx_);
  auto doc = document_in(repo_, document_id, scope);
  if (!doc) return doc.error();
  Attachment a;
  a.document_id = doc->id;
  a.file_name = file_name;
  a.content_type = std::string(kind->content_type);
  a.content = std::move(content);
  stamp(a, actor, clock_);
  std::string before;
  if (auto old = repo_.find_attachment(doc->id))
    before = nlohmann::json{{"file", old->file_name}, {"size", old->content.size()}}.dump();
  repo_.put_attachment(a);
  Document changed = *doc;
  changed.attachment = file_name;
  repo_.update_document(changed);
  log("work.document.attach", "document", changed.number_symbol(), before,
      nlohmann::json{{"file", a.file_name}, {"size", a.content.size()}, {"type", a.content_type}}
          .dump(),
      actor);
  tx.commit();
  return changed;
}

Result<Unit> WorkService::add_unit(Unit unit, const std::string& actor,
                                   const ProvinceScope& scope) {
  unit.code = std::string(text::trim(unit.code));
  clean(unit.name);
  if (unit.code.empty()) return required("code");
  if (unit.name.empty()) return required("name");
  if (unit.kind == UnitKind::kProvincial && unit.province_id.empty())
    return required("province_id");
  if (unit.kind != UnitKind::kProvincial && !unit.province_id.empty())
    return Error::invalid("province_id", "work.unit_province_unexpected", {{"code", unit.code}});
  if (!scope.allows(unit.province_id))
    return Error::forbidden("work.unit_out_of_scope", {{"unit", unit.name}});
  Transaction tx(tx_);
  if (repo_.find_unit_by_code(unit.code))
    return Error::conflict("work.unit_code_exists", {{"code", unit.code}}).on("code");
  if (unit.parent_id != 0 && !repo_.find_unit(unit.parent_id))
    return Error::invalid("parent_id", "work.unit_not_found", {{"id", id_text(unit.parent_id)}});
  unit.id = repo_.insert_unit(unit);
  log("work.unit.create", "unit", unit.code, "", to_json(unit).dump(), actor);
  tx.commit();
  return unit;
}

Result<Document> WorkService::add_document(Document doc, const std::string& actor,
                                           const ProvinceScope& scope) {
  clean(doc.title, doc.summary, doc.signer);
  doc.issuer_symbol = std::string(text::trim(doc.issuer_symbol));
  if (doc.number <= 0) return required("number");
  if (doc.issued_on == Date{}) return required("issued_on");
  if (doc.issuer_symbol.empty()) return required("issuer_symbol");
  if (doc.title.empty()) return required("title");
  if (doc.issued_on > clock_.today())
    return Error("field.date_in_future",
                 {{"field", "issued_on"}, {"value", doc.issued_on.vietnamese()}});
  Transaction tx(tx_);
  auto issuer = repo_.find_unit(doc.issuer_unit_id);
  if (!issuer)
    return Error::invalid("issuer_symbol", "work.unit_not_found",
                          {{"id", id_text(doc.issuer_unit_id)}});
  if (!scope.allows(issuer->province_id))
    return Error::invalid("issuer_symbol", "work.unit_out_of_scope", {{"unit", issuer->name}});
  if (repo_.find_document_by_number(doc.issuer_unit_id, doc.kind, doc.issued_on.year(), doc.number))
    return Error::invalid(
        "number", "work.document_number_used",
        {{"number_symbol", doc.number_symbol()}, {"year", std::to_string(doc.issued_on.year())}});
  stamp(doc, actor, clock_);
  doc.id = repo_.insert_document(doc);
  log("work.document.create", "document", doc.number_symbol(), "", to_json(doc).dump(), actor);
  tx.commit();
  return doc;
}

Result<Document> WorkService::advance_document(std::int64_t id, DraftStatus to,
                                               std::optional<std::int64_t> meeting_id,
                                               const std::string& actor,
                                               const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto doc = document_in(repo_, id, scope);
  if (!doc) return doc.error();
  if (!can_advance(doc->status, to))
    return Error::conflict("work.document_status_backward",
                           {{"number_symbol", doc->number_symbol()},
                            {"from", std::string(vietnamese_name(doc->status))},
                            {"to", std::string(vietnamese_name(to))}});
  Document changed = *doc;
  changed.status = to;
  if (meeting_id) changed.meeting_id = meeting_id;
  repo_.update_document(changed);
  log("work.document.advance", "document", changed.number_symbol(), to_json(*doc).dump(),
      to_json(changed).dump(), actor);
  tx.commit();
  return changed;
}

Result<Task> WorkService::add_task(Task task, const std::string& actor,
                                   const ProvinceScope& scope) {
  clean(task.title, task.owner);
  if (task.title.empty()) return required("title");
  if (task.start_on == Date{}) return required("start_on");
  if (task.due_on == Date{}) return required("due_on");
  if (!valid_deadline(task.start_on, task.due_on))
    return Error::invalid(
        "due_on", "work.task_due_before_start",
        {{"start", task.start_on.vietnamese()}, {"due", task.due_on.vietnamese()}});
  if (is_final(task.status) || task.status == TaskStatus::kBlocked)
    task.status = TaskStatus::kNotStarted;  // closing and blocking have their own calls
  task.completed_on.reset();
  Transaction tx(tx_);
  auto lead = repo_.find_unit(task.lead_unit_id);
  if (!lead)
    return Error("work.unit_not_found",
                 {{"id", id_text(task.lead_unit_id)}, {"field", "lead_unit"}});
  if (!scope.allows(lead->province_id))
    return Error("work.unit_out_of_scope", {{"unit", lead->name}, {"field", "lead_unit"}});
  for (auto id : task.cooperating_unit_ids) {
    auto u = repo_.find_unit(id);
    if (!u)
      return Error("work.unit_not_found", {{"id", id_text(id)}, {"field", "cooperating_units"}});
    if (!scope.allows(u->province_id))
      return Error("work.unit_out_of_scope", {{"unit", u->name}, {"field", "cooperating_units"}});
  }
  if (task.document_id && !repo_.find_document(*task.document_id))
    return Error::invalid("document_id", "work.document_not_found",
                          {{"id", id_text(*task.document_id)}});
  stamp(task, actor, clock_);
  task.id = repo_.insert_task(task);
  log("work.task.create", "task", id_text(task.id), "", to_json(task).dump(), actor);
  tx.commit();
  return task;
}

Result<Task> WorkService::writable_task(std::int64_t task_id, const ProvinceScope& scope) {
  auto task = repo_.find_task(task_id);
  if (!task) return Error::not_found("work.task_not_found", {{"id", id_text(task_id)}});
  auto lead = repo_.find_unit(task->lead_unit_id);
  if (!lead || !scope.allows(lead->province_id))
    return Error::forbidden("work.unit_out_of_scope",
                            {{"unit", lead ? lead->name : id_text(task_id)}});
  if (is_final(task->status))
    return Error::conflict(
        "work.task_closed",
        {{"id", id_text(task_id)}, {"status", std::string(vietnamese_name(task->status))}});
  return *task;
}

Result<TaskNote> WorkService::add_progress(std::int64_t task_id, Date on, std::string note_text,
                                           const std::string& actor, const ProvinceScope& scope) {
  return add_note(task_id, NoteKind::kProgress, on, std::move(note_text), actor, scope);
}

Result<TaskNote> WorkService::add_blocker(std::int64_t task_id, Date on, std::string note_text,
                                          const std::string& actor, const ProvinceScope& scope) {
  return add_note(task_id, NoteKind::kBlocker, on, std::move(note_text), actor, scope);
}

// A progress note moves a task not started on; a blocker blocks it (and its audit entry keeps
// the task before and after).
Result<TaskNote> WorkService::add_note(std::int64_t task_id, NoteKind kind, Date on,
                                       std::string note_text, const std::string& actor,
                                       const ProvinceScope& scope) {
  clean(note_text);
  if (note_text.empty()) return required("text");
  if (on == Date{}) return required("on");
  Transaction tx(tx_);
  auto task = writable_task(task_id, scope);
  if (!task) return task.error();
  TaskNote note{0, task_id, kind, on, note_text, actor, std::nullopt};
  note.id = repo_.insert_note(note);
  Task changed = *task;
  const bool blocker = kind == NoteKind::kBlocker;
  if (blocker)
    changed.status = TaskStatus::kBlocked;
  else if (task->status == TaskStatus::kNotStarted)
    changed.status = TaskStatus::kInProgress;
  if (changed.status != task->status) repo_.update_task(changed);
  if (blocker)
    log("work.task.block", "task", id_text(task_id), to_json(*task).dump(),
        nlohmann::json{{"task", to_json(changed)}, {"blocker", to_json(note)}}.dump(), actor);
  else
    log("work.task.progress", "task", id_text(task_id), "", to_json(note).dump(), actor);
  tx.commit();
  return note;
}

Result<TaskNote> WorkService::resolve_blocker(std::int64_t note_id, Date on,
                                              const std::string& actor,
                                              const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto note = repo_.find_note(note_id);
  if (!note || note->kind != NoteKind::kBlocker)
    return Error::not_found("work.blocker_not_found", {{"id", id_text(note_id)}});
  if (note->resolved_on)
    return Error::conflict("work.blocker_resolved", {{"id", id_text(note_id)}}).on("note");
  if (on < note->on)
    return Error::invalid("on", "work.date_before",
                          {{"value", on.vietnamese()}, {"before", note->on.vietnamese()}});
  auto task = writable_task(note->task_id, scope);
  if (!task) return task.error();
  TaskNote changed = *note;
  changed.resolved_on = on;
  repo_.update_note(changed);
  bool still_blocked = false;
  for (const auto& n : repo_.notes_of(task->id))
    if (n.kind == NoteKind::kBlocker && !n.resolved_on) still_blocked = true;
  if (!still_blocked && task->status == TaskStatus::kBlocked) {
    Task t = *task;
    t.status = TaskStatus::kInProgress;
    repo_.update_task(t);
  }
  log("work.task.unblock", "task", id_text(task->id), to_json(*note).dump(),
      to_json(changed).dump(), actor);
  tx.commit();
  return changed;
}

Result<Task> WorkService::complete_task(std::int64_t task_id, Date on, const std::string& actor,
                                        const ProvinceScope& scope) {
  return close_task(task_id, on, TaskStatus::kDone, actor, scope);
}

Result<Task> WorkService::cancel_task(std::int64_t task_id, Date on, const std::string& actor,
                                      const ProvinceScope& scope) {
  return close_task(task_id, on, TaskStatus::kCancelled, actor, scope);
}

// Done (not before the start; its open blockers resolved the same day) or cancelled on `on`.
Result<Task> WorkService::close_task(std::int64_t task_id, Date on, TaskStatus to,
                                     const std::string& actor, const ProvinceScope& scope) {
  if (on == Date{}) return required("on");
  Transaction tx(tx_);
  auto task = writable_task(task_id, scope);
  if (!task) return task.error();
  const bool done = to == TaskStatus::kDone;
  if (done && on < task->start_on)
    return Error::invalid("on", "work.date_before",
                          {{"value", on.vietnamese()}, {"before", task->start_on.vietnamese()}});
  for (auto n : done ? repo_.notes_of(task_id) : std::vector<TaskNote>{}) {
    if (n.kind != NoteKind::kBlocker || n.resolved_on) continue;
    n.resolved_on = on;
    repo_.update_note(n);
  }
  Task changed = *task;
  changed.status = to;
  changed.completed_on = on;
  repo_.update_task(changed);
  log(done ? "work.task.done" : "work.task.cancel", "task", id_text(task_id), to_json(*task).dump(),
      to_json(changed).dump(), actor);
  tx.commit();
  return changed;
}

std::vector<OpenBlocker> WorkService::open_blockers() {
  std::vector<OpenBlocker> out;
  for (const auto& b : repo_.blockers()) {
    if (b.resolved_on) continue;
    auto task = repo_.find_task(b.task_id);
    if (!task) continue;
    auto unit = repo_.find_unit(task->lead_unit_id);
    out.push_back({b, *task, unit.value_or(Unit{})});
  }
  return out;
}

}  // namespace htx::work
