// Storage of the work programme (units, documents, tasks and their notes), implemented by each
// backend under src/store/ and checked by one contract suite (tests/store/work_contract_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/repository.hpp"
#include "work/work.hpp"

namespace htx::work {

struct TaskQuery {
  std::optional<std::int64_t> lead_unit_id;
  std::optional<TaskStatus> status;
  bool unfinished_only = false;  // neither done nor cancelled
};

class WorkRepository {
 public:
  virtual ~WorkRepository() = default;

  // Units: the code is unique (callers check find_unit_by_code first).
  HTX_CODED_RECORDS(Unit, unit, units);  // listed by id

  // Documents: (issuer unit, kind, year of issued_on, number) is unique.
  HTX_RECORDS(Document, document);
  virtual std::optional<Document> find_document_by_number(std::int64_t issuer_unit_id,
                                                          DocumentKind kind, int year,
                                                          int number) = 0;
  virtual std::vector<Document> list_documents() = 0;  // by date, then id
  // The document's file: stored, or replaced when it has one.
  virtual void put_attachment(const Attachment& a) = 0;
  virtual std::optional<Attachment> find_attachment(std::int64_t document_id) = 0;

  // Tasks.
  HTX_RECORDS(Task, task);
  virtual std::vector<Task> list_tasks(const TaskQuery& query) = 0;  // by due date, then id

  // Progress notes and blockers.
  HTX_RECORDS(TaskNote, note);
  virtual std::vector<TaskNote> notes_of(std::int64_t task_id) = 0;  // by date, then id
  // Every blocker (resolved or not), by date, then id.
  virtual std::vector<TaskNote> blockers() = 0;
};

}  // namespace htx::work
