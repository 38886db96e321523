// An in-memory WorkRepository for the service and review tests (the real ones are checked by
// tests/store/work_contract_test.cpp), with a TransactionManager that restores a snapshot on
// rollback and an AuditLog that keeps its entries.
#pragma once

#include <algorithm>
#include <map>

#include "audit/audit_log.hpp"
#include "core/transaction.hpp"
#include "work/work_repository.hpp"

namespace htx::work::testing {

class MemoryWork final : public WorkRepository, public TransactionManager, public audit::AuditLog {
 public:
  std::int64_t insert_unit(const Unit& u) override { return put(s_.units, u); }
  std::optional<Unit> find_unit(std::int64_t id) override { return get(s_.units, id); }
  std::optional<Unit> find_unit_by_code(std::string_view code) override {
    for (auto& [id, u] : s_.units)
      if (u.code == code) return u;
    return std::nullopt;
  }
  std::vector<Unit> list_units() override { return all(s_.units); }
  std::int64_t insert_document(const Document& d) override { return put(s_.documents, d); }
  void update_document(const Document& d) override { s_.documents[d.id] = d; }
  std::optional<Document> find_document(std::int64_t id) override { return get(s_.documents, id); }
  std::optional<Document> find_document_by_number(std::int64_t issuer, DocumentKind kind, int year,
                                                  int number) override {
    for (auto& [id, d] : s_.documents)
      if (d.issuer_unit_id == issuer && d.kind == kind && d.issued_on.year() == year &&
          d.number == number)
        return d;
    return std::nullopt;
  }
  std::vector<Document> list_documents() override { return all(s_.documents); }
  void put_attachment(const Attachment& a) override { s_.attachments[a.document_id] = a; }
  std::optional<Attachment> find_attachment(std::int64_t id) override {
    return get(s_.attachments, id);
  }
  std::int64_t insert_task(const Task& t) override { return put(s_.tasks, t); }
  void update_task(const Task& t) override { s_.tasks[t.id] = t; }
  std::optional<Task> find_task(std::int64_t id) override { return get(s_.tasks, id); }
  std::vector<Task> list_tasks(const TaskQuery& q) override {
    std::vector<Task> out;
    for (auto& [id, t] : s_.tasks) {
      if (q.lead_unit_id && t.lead_unit_id != *q.lead_unit_id) continue;
      if (q.status && t.status != *q.status) continue;
      if (q.unfinished_only &&
          (t.status == TaskStatus::kDone || t.status == TaskStatus::kCancelled))
        continue;
      out.push_back(t);
    }
    return out;
  }
  std::int64_t insert_note(const TaskNote& n) override { return put(s_.notes, n); }
  void update_note(const TaskNote& n) override { s_.notes[n.id] = n; }
  std::optional<TaskNote> find_note(std::int64_t id) override { return get(s_.notes, id); }
  std::vector<TaskNote> notes_of(std::int64_t task_id) override {
    std::vector<TaskNote> out;
    for (auto& [id, n] : s_.notes)
      if (n.task_id == task_id) out.push_back(n);
    return out;
  }
  std::vector<TaskNote> blockers() override {
    std::vector<TaskNote> out;
    for (auto& [id, n] : s_.notes)
      if (n.kind == NoteKind::kBlocker) out.push_back(n);
    return out;
  }

  void begin() override { saved_ = s_; }
  void commit() override {}
  void rollback() override { s_ = saved_; }

  void append(const audit::Entry& e) override { s_.audit.push_back(e); }
  std::vector<audit::Entry> list(const audit::Filter&) override { return s_.audit; }
  std::size_t audit_size() const { return s_.audit.size(); }

 private:
  template <typename T>
  static std::int64_t put(std::map<std::int64_t, T>& m, T v) {
    v.id = m.empty() ? 1 : m.rbegin()->first + 1;
    m[v.id] = v;
    return v.id;
  }
  template <typename T>
  static std::optional<T> get(std::map<std::int64_t, T>& m, std::int64_t id) {
    auto it = m.find(id);
    if (it == m.end()) return std::nullopt;
    return it->second;
  }
  template <typename T>
  static std::vector<T> all(std::map<std::int64_t, T>& m) {
    std::vector<T> out;
    for (auto& [id, v] : m) out.push_back(v);
    return out;
  }
  struct State {
    std::map<std::int64_t, Unit> units;
    std::map<std::int64_t, Document> documents;
    std::map<std::int64_t, Attachment> attachments;
    std::map<std::int64_t, Task> tasks;
    std::map<std::int64_t, TaskNote> notes;
    std::vector<audit::Entry> audit;
  };
  State s_, saved_;
};

inline Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

}  // namespace htx::work::testing
