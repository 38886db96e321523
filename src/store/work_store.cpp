// The work programme (units, documents with their files, tasks, notes) over declared tables
// (store/record.hpp), written once for both backends. Files travel as base64 text, a task's
// cooperating units as a JSON array.
#include <sodium.h>

#include "core/error.hpp"
#include "store/record.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

// Files travel as base64 text (the runners pass text): libsodium's encoder, original alphabet.
std::string to_base64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string from_base64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), "\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw InfrastructureError("store: an attachment is not valid base64");
  out.resize(length);
  return out;
}

using namespace htx::work;

const Table<Unit> kUnits{
    "work_unit",
    {key<&Unit::id>(), column<&Unit::code>("code"), column<&Unit::name>("name"),
     code<&Unit::kind, unit_kind_from_code, UnitKind::kDepartment>("kind"),
     column<&Unit::province_id>("province_id"), column<&Unit::parent_id>("parent_id"),
     column<&Unit::established_on>("established_on")}};

const Table<Document> kDocuments{
    "work_document",
    {key<&Document::id>(),
     code<&Document::kind, document_kind_from_code, DocumentKind::kNotice>("kind"),
     column<&Document::number>("number"),
     column<&Document::issuer_symbol>("issuer_symbol"),
     column<&Document::issued_on>("issued_on"),
     // The year that numbers the document, kept for the unique index.
     {"issued_year", nullptr,
      [](const Document& d) { return p(static_cast<std::int64_t>(d.issued_on.year())); }},
     column<&Document::issuer_unit_id>("issuer_unit_id"),
     column<&Document::signer>("signer"),
     column<&Document::title>("title"),
     column<&Document::summary>("summary"),
     column<&Document::attachment>("attachment"),
     code<&Document::status, draft_status_from_code, DraftStatus::kDraft>("status"),
     column<&Document::meeting_id>("meeting_id"),
     column<&Document::recorded_by>("recorded_by"),
     column<&Document::recorded_at>("recorded_at")}};

const Table<Task> kTasks{
    "work_task",
    {key<&Task::id>(), column<&Task::title>("title"), column<&Task::document_id>("document_id"),
     column<&Task::meeting_id>("meeting_id"), column<&Task::lead_unit_id>("lead_unit_id"),
     column<&Task::cooperating_unit_ids>("cooperating_unit_ids"), column<&Task::owner>("owner"),
     column<&Task::start_on>("start_on"), column<&Task::due_on>("due_on"),
     column<&Task::key_task>("key_task"),
     code<&Task::status, task_status_from_code, TaskStatus::kNotStarted>("status"),
     column<&Task::completed_on>("completed_on"), column<&Task::recorded_by>("recorded_by"),
     column<&Task::recorded_at>("recorded_at")}};

const Table<TaskNote> kNotes{
    "work_task_note",
    {key<&TaskNote::id>(), column<&TaskNote::task_id>("task_id"),
     code<&TaskNote::kind, note_kind_from_code, NoteKind::kProgress>("kind"),
     column<&TaskNote::on>("noted_on"), column<&TaskNote::text>("text"),
     column<&TaskNote::author>("author"), column<&TaskNote::resolved_on>("resolved_on")}};

// The file as base64 text; one per document (put_attachment replaces it).
const Table<Attachment> kAttachments{
    "work_attachment",
    {column<&Attachment::document_id>("document_id"),
     column<&Attachment::file_name>("file_name"),
     column<&Attachment::content_type>("content_type"),
     {"size", nullptr,
      [](const Attachment& a) { return p(static_cast<std::int64_t>(a.content.size())); }},
     {"content", [](Attachment& a, const Field& f) { a.content = from_base64(to_text(f)); },
      [](const Attachment& a) { return p(to_base64(a.content)); }},
     column<&Attachment::recorded_by>("recorded_by"),
     column<&Attachment::recorded_at>("recorded_at")}};

class WorkStore final : public Store<WorkRepository> {
 public:
  using Store::Store;

  HTX_STORE_CODED_RECORDS(Unit, unit, units, units_);

  HTX_STORE_RECORDS(Document, document, documents_);
  void put_attachment(const Attachment& a) override {
    r_.query(put_attachment_, 0, kAttachments.params(a));
  }
  std::optional<Attachment> find_attachment(std::int64_t document_id) override {
    return attachment_of_.first({p(document_id)});
  }
  std::optional<Document> find_document_by_number(std::int64_t issuer, DocumentKind kind, int year,
                                                  int number) override {
    return document_by_number_.first({p(issuer), p(to_code(kind)), p(year), p(number)});
  }
  std::vector<Document> list_documents() override { return all_documents_.all(); }

  HTX_STORE_RECORDS(Task, task, tasks_);
  std::vector<Task> list_tasks(const TaskQuery& q) override {
    return tasks_by_filter_.all(
        {p(q.lead_unit_id), q.status ? p(to_code(*q.status)) : std::nullopt, p(q.unfinished_only)});
  }

  HTX_STORE_RECORDS(TaskNote, note, notes_);
  std::vector<TaskNote> notes_of(std::int64_t task_id) override {
    return notes_of_.all({p(task_id)});
  }
  std::vector<TaskNote> blockers() override { return blockers_.all(); }

 private:
  const CodedRecords<Unit> units_{r_, d_, kUnits};

  const Records<Document> documents_{r_, d_, kDocuments};
  const Query<Document> document_by_number_ = documents_.select(
      "WHERE issuer_unit_id = $1 AND kind = $2 AND issued_year = $3 AND number = $4");
  const Query<Document> all_documents_ = documents_.select("ORDER BY issued_on, id");
  const std::string put_attachment_ =
      translate(kAttachments.insert() +
                    " ON CONFLICT (document_id) DO UPDATE SET file_name = excluded.file_name, "
                    "content_type = excluded.content_type, size = excluded.size, "
                    "content = excluded.content, recorded_by = excluded.recorded_by, "
                    "recorded_at = excluded.recorded_at",
                d_);
  const Query<Attachment> attachment_of_{
      r_, kAttachments, translate(kAttachments.select("WHERE document_id = $1"), d_)};

  const Records<Task> tasks_{r_, d_, kTasks};
  const Query<Task> tasks_by_filter_ = tasks_.select(
      "WHERE " + optional_filters({"lead_unit_id = CAST($ AS BIGINT)", "status = $"}) +
      " AND (CAST($3 AS TEXT) = '0' OR (status <> 'done' AND status <> 'cancelled')) "
      "ORDER BY due_on, id");

  const Records<TaskNote> notes_{r_, d_, kNotes};
  const Query<TaskNote> notes_of_ = notes_.select("WHERE task_id = $1 ORDER BY noted_on, id");
  const Query<TaskNote> blockers_ = notes_.select("WHERE kind = 'blocker' ORDER BY noted_on, id");
};

}  // namespace

HTX_STORE_OF(work::WorkRepository, WorkStore)

}  // namespace htx::store::sql
