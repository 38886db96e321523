#include <sodium.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "store/sql_repositories.hpp"
#include "store/statement_runner.hpp"

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

constexpr std::string_view kUnitColumns =
    "id, code, name, kind, province_id, parent_id, established_on";
constexpr std::string_view kDocumentColumns =
    "id, kind, number, issuer_symbol, issued_on, issuer_unit_id, signer, title, summary, "
    "attachment, status, meeting_id, recorded_by, recorded_at";
constexpr std::string_view kTaskColumns =
    "id, title, document_id, meeting_id, lead_unit_id, cooperating_unit_ids::text, owner, "
    "start_on, due_on, key_task, status, completed_on, recorded_by, recorded_at";
constexpr std::string_view kNoteColumns = "id, task_id, kind, noted_on, text, author, resolved_on";

Unit read_unit(const Row& r) {
  Unit u;
  u.id = to_int(r[0]);
  u.code = to_text(r[1]);
  u.name = to_text(r[2]);
  u.kind = unit_kind_from_code(to_text(r[3])).value_or(UnitKind::kDepartment);
  u.province_id = to_text(r[4]);
  u.parent_id = to_int(r[5]);
  u.established_on = to_opt_date(r[6]);
  return u;
}

Document read_document(const Row& r) {
  Document d;
  d.id = to_int(r[0]);
  d.kind = document_kind_from_code(to_text(r[1])).value_or(DocumentKind::kNotice);
  d.number = static_cast<int>(to_int(r[2]));
  d.issuer_symbol = to_text(r[3]);
  d.issued_on = to_date(r[4]);
  d.issuer_unit_id = to_int(r[5]);
  d.signer = to_text(r[6]);
  d.title = to_text(r[7]);
  d.summary = to_text(r[8]);
  d.attachment = to_text(r[9]);
  d.status = draft_status_from_code(to_text(r[10])).value_or(DraftStatus::kDraft);
  d.meeting_id = to_opt_int(r[11]);
  d.recorded_by = to_text(r[12]);
  d.recorded_at = to_text(r[13]);
  return d;
}

Task read_task(const Row& r) {
  Task t;
  t.id = to_int(r[0]);
  t.title = to_text(r[1]);
  t.document_id = to_opt_int(r[2]);
  t.meeting_id = to_opt_int(r[3]);
  t.lead_unit_id = to_int(r[4]);
  auto ids = nlohmann::json::parse(to_text(r[5]), nullptr, false);
  if (ids.is_array())
    for (const auto& v : ids)
      if (v.is_number_integer()) t.cooperating_unit_ids.push_back(v.get<std::int64_t>());
  t.owner = to_text(r[6]);
  t.start_on = to_date(r[7]);
  t.due_on = to_date(r[8]);
  t.key_task = to_bool(r[9]);
  t.status = task_status_from_code(to_text(r[10])).value_or(TaskStatus::kNotStarted);
  t.completed_on = to_opt_date(r[11]);
  t.recorded_by = to_text(r[12]);
  t.recorded_at = to_text(r[13]);
  return t;
}

TaskNote read_note(const Row& r) {
  TaskNote n;
  n.id = to_int(r[0]);
  n.task_id = to_int(r[1]);
  n.kind = note_kind_from_code(to_text(r[2])).value_or(NoteKind::kProgress);
  n.on = to_date(r[3]);
  n.text = to_text(r[4]);
  n.author = to_text(r[5]);
  n.resolved_on = to_opt_date(r[6]);
  return n;
}

// $1..$13 of the document insert and update.
Params document_params(const Document& d) {
  return {p(to_code(d.kind)),
          p(static_cast<std::int64_t>(d.number)),
          p(d.issuer_symbol),
          p(d.issued_on),
          p(static_cast<std::int64_t>(d.issued_on.year())),
          p(d.issuer_unit_id),
          p(d.signer),
          p(d.title),
          p(d.summary),
          p(d.attachment),
          p(to_code(d.status)),
          p(d.meeting_id),
          p(d.recorded_by),
          p(d.recorded_at)};
}

// $1..$13 of the task insert and update.
Params task_params(const Task& t) {
  return {p(t.title),
          p(t.document_id),
          p(t.meeting_id),
          p(t.lead_unit_id),
          nlohmann::json(t.cooperating_unit_ids).dump(),
          p(t.owner),
          p(t.start_on),
          p(t.due_on),
          p(t.key_task),
          p(to_code(t.status)),
          p(t.completed_on),
          p(t.recorded_by),
          p(t.recorded_at)};
}

class WorkStore final : public WorkRepository {
 public:
  WorkStore(Runner& r, Dialect d) : r_(r), d_(d) {
    auto sql = [&](std::string_view s) { return translate(s, d_); };
    insert_unit_ =
        sql("INSERT INTO work_unit (code, name, kind, province_id, parent_id, established_on) "
            "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
    unit_by_id_ = sql("SELECT " + std::string(kUnitColumns) + " FROM work_unit WHERE id = $1");
    unit_by_code_ = sql("SELECT " + std::string(kUnitColumns) + " FROM work_unit WHERE code = $1");
    units_ = sql("SELECT " + std::string(kUnitColumns) + " FROM work_unit ORDER BY id");
    insert_document_ =
        sql("INSERT INTO work_document (kind, number, issuer_symbol, issued_on, issued_year, "
            "issuer_unit_id, signer, title, summary, attachment, status, meeting_id, recorded_by, "
            "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
            "RETURNING id");
    update_document_ =
        sql("UPDATE work_document SET kind = $1, number = $2, issuer_symbol = $3, issued_on = $4, "
            "issued_year = $5, issuer_unit_id = $6, signer = $7, title = $8, summary = $9, "
            "attachment = $10, status = $11, meeting_id = $12, recorded_by = $13, "
            "recorded_at = $14 WHERE id = $15");
    put_attachment_ = sql(
        "INSERT INTO work_attachment (document_id, file_name, content_type, size, content, "
        "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
        "ON CONFLICT (document_id) DO UPDATE SET file_name = excluded.file_name, "
        "content_type = excluded.content_type, size = excluded.size, content = excluded.content, "
        "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at");
    attachment_by_document_ =
        sql("SELECT document_id, file_name, content_type, content, recorded_by, recorded_at "
            "FROM work_attachment WHERE document_id = $1");
    document_by_id_ =
        sql("SELECT " + std::string(kDocumentColumns) + " FROM work_document WHERE id = $1");
    document_by_number_ = sql("SELECT " + std::string(kDocumentColumns) +
                              " FROM work_document WHERE issuer_unit_id = $1 AND kind = $2 "
                              "AND issued_year = $3 AND number = $4");
    documents_ = sql("SELECT " + std::string(kDocumentColumns) +
                     " FROM work_document ORDER BY issued_on, id");
    insert_task_ = sql(
        "INSERT INTO work_task (title, document_id, meeting_id, lead_unit_id, "
        "cooperating_unit_ids, owner, start_on, due_on, key_task, status, completed_on, "
        "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, "
        "$12, $13) RETURNING id");
    update_task_ = sql(
        "UPDATE work_task SET title = $1, document_id = $2, meeting_id = $3, lead_unit_id = $4, "
        "cooperating_unit_ids = $5::jsonb, owner = $6, start_on = $7, due_on = $8, "
        "key_task = $9, status = $10, completed_on = $11, recorded_by = $12, recorded_at = $13 "
        "WHERE id = $14");
    task_by_id_ = sql("SELECT " + std::string(kTaskColumns) + " FROM work_task WHERE id = $1");
    // Optional filters as parameters: NULL means "any".
    tasks_ = sql("SELECT " + std::string(kTaskColumns) +
                 " FROM work_task WHERE ($1::text IS NULL OR lead_unit_id = CAST($1 AS BIGINT)) "
                 "AND ($2::text IS NULL OR status = $2) "
                 "AND (CAST($3 AS TEXT) = '0' OR (status <> 'done' AND status <> 'cancelled')) "
                 "ORDER BY due_on, id");
    insert_note_ =
        sql("INSERT INTO work_task_note (task_id, kind, noted_on, text, author, resolved_on) "
            "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
    update_note_ =
        sql("UPDATE work_task_note SET task_id = $1, kind = $2, noted_on = $3, text = $4, "
            "author = $5, resolved_on = $6 WHERE id = $7");
    note_by_id_ = sql("SELECT " + std::string(kNoteColumns) + " FROM work_task_note WHERE id = $1");
    notes_of_ = sql("SELECT " + std::string(kNoteColumns) +
                    " FROM work_task_note WHERE task_id = $1 ORDER BY noted_on, id");
    blockers_ = sql("SELECT " + std::string(kNoteColumns) +
                    " FROM work_task_note WHERE kind = 'blocker' ORDER BY noted_on, id");
  }

  std::int64_t insert_unit(const Unit& u) override {
    return id_of(r_.query(insert_unit_, 1,
                          {p(u.code), p(u.name), p(to_code(u.kind)), p(u.province_id),
                           p(u.parent_id), p(u.established_on)}));
  }
  std::optional<Unit> find_unit(std::int64_t id) override {
    return first<Unit>(r_.query(unit_by_id_, 7, {p(id)}), read_unit);
  }
  std::optional<Unit> find_unit_by_code(std::string_view code) override {
    return first<Unit>(r_.query(unit_by_code_, 7, {p(code)}), read_unit);
  }
  std::vector<Unit> list_units() override { return all<Unit>(r_.query(units_, 7, {}), read_unit); }

  std::int64_t insert_document(const Document& d) override {
    return id_of(r_.query(insert_document_, 1, document_params(d)));
  }
  void update_document(const Document& d) override {
    auto params = document_params(d);
    params.push_back(p(d.id));
    r_.query(update_document_, 0, params);
  }
  void put_attachment(const Attachment& a) override {
    r_.query(put_attachment_, 0,
             {p(a.document_id), p(a.file_name), p(a.content_type),
              p(static_cast<std::int64_t>(a.content.size())), p(to_base64(a.content)),
              p(a.recorded_by), p(a.recorded_at)});
  }
  std::optional<Attachment> find_attachment(std::int64_t document_id) override {
    auto rows = r_.query(attachment_by_document_, 6, {p(document_id)});
    if (rows.empty()) return std::nullopt;
    const auto& r = rows.front();
    Attachment a;
    a.document_id = to_int(r[0]);
    a.file_name = to_text(r[1]);
    a.content_type = to_text(r[2]);
    a.content = from_base64(to_text(r[3]));
    a.recorded_by = to_text(r[4]);
    a.recorded_at = to_text(r[5]);
    return a;
  }
  std::optional<Document> find_document(std::int64_t id) override {
    return first<Document>(r_.query(document_by_id_, 14, {p(id)}), read_document);
  }
  std::optional<Document> find_document_by_number(std::int64_t issuer, DocumentKind kind, int year,
                                                  int number) override {
    return first<Document>(
        r_.query(document_by_number_, 14,
                 {p(issuer), p(to_code(kind)), p(static_cast<std::int64_t>(year)),
                  p(static_cast<std::int64_t>(number))}),
        read_document);
  }
  std::vector<Document> list_documents() override {
    return all<Document>(r_.query(documents_, 14, {}), read_document);
  }

  std::int64_t insert_task(const Task& t) override {
    return id_of(r_.query(insert_task_, 1, task_params(t)));
  }
  void update_task(const Task& t) override {
    auto params = task_params(t);
    params.push_back(p(t.id));
    r_.query(update_task_, 0, params);
  }
  std::optional<Task> find_task(std::int64_t id) override {
    return first<Task>(r_.query(task_by_id_, 14, {p(id)}), read_task);
  }
  std::vector<Task> list_tasks(const TaskQuery& q) override {
    Params params{p(q.lead_unit_id), q.status ? p(to_code(*q.status)) : std::nullopt,
                  p(q.unfinished_only)};
    return all<Task>(r_.query(tasks_, 14, params), read_task);
  }

  std::int64_t insert_note(const TaskNote& n) override {
    return id_of(r_.query(
        insert_note_, 1,
        {p(n.task_id), p(to_code(n.kind)), p(n.on), p(n.text), p(n.author), p(n.resolved_on)}));
  }
  void update_note(const TaskNote& n) override {
    r_.query(update_note_, 0,
             {p(n.task_id), p(to_code(n.kind)), p(n.on), p(n.text), p(n.author), p(n.resolved_on),
              p(n.id)});
  }
  std::optional<TaskNote> find_note(std::int64_t id) override {
    return first<TaskNote>(r_.query(note_by_id_, 7, {p(id)}), read_note);
  }
  std::vector<TaskNote> notes_of(std::int64_t task_id) override {
    return all<TaskNote>(r_.query(notes_of_, 7, {p(task_id)}), read_note);
  }
  std::vector<TaskNote> blockers() override {
    return all<TaskNote>(r_.query(blockers_, 7, {}), read_note);
  }

 private:
  Runner& r_;
  Dialect d_;
  std::string insert_unit_, unit_by_id_, unit_by_code_, units_;
  std::string put_attachment_, attachment_by_document_;
  std::string insert_document_, update_document_, document_by_id_, document_by_number_, documents_;
  std::string insert_task_, update_task_, task_by_id_, tasks_;
  std::string insert_note_, update_note_, note_by_id_, notes_of_, blockers_;
};

}  // namespace

std::unique_ptr<work::WorkRepository> make_work_repository(Runner& runner, Dialect dialect) {
  return std::make_unique<WorkStore>(runner, dialect);
}

}  // namespace htx::store::sql
