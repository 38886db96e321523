// The work programme's writes and reads: validates, writes through the WorkRepository inside
// one transaction, and writes an audit entry for every change. Expected outcomes are
// htx::Error values with catalogue keys "work.*" (and "field.*" for generic field checks).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "audit/recording.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/scope.hpp"
#include "core/transaction.hpp"
#include "work/work.hpp"
#include "work/work_repository.hpp"

namespace htx::work {

// The provinces a caller may write for (core/scope.hpp): every write takes one, built by the
// caller (ProvinceScope::all() for national roles and the CLI, AccessPolicy::scope otherwise).
using htx::ProvinceScope;

// A blocker on the standing leadership's list, with its task and lead unit.
struct OpenBlocker {
  TaskNote blocker;
  Task task;
  Unit lead_unit;
};

class WorkService : private audit::Recording {
 public:
  WorkService(WorkRepository& repo, audit::AuditLog& audit, TransactionManager& tx,
              const Clock& clock)
      : Recording(audit, tx, clock), repo_(repo) {}

  // Units. A provincial alliance needs a province id; others have none.
  Result<Unit> add_unit(Unit unit, const std::string& actor, const ProvinceScope& scope);

  // Documents. The number must be new for the issuer, kind and year ("work.document_number_used").
  Result<Document> add_document(Document doc, const std::string& actor, const ProvinceScope& scope);
  // dự thảo → góp ý → thông qua, only forward; adopting may name the meeting.
  Result<Document> advance_document(std::int64_t id, DraftStatus to,
                                    std::optional<std::int64_t> meeting_id,
                                    const std::string& actor, const ProvinceScope& scope);
  // The document's file, stored or replaced: PDF, Word, Excel, OpenDocument text or a JPEG/PNG
  // image of at most kMaxAttachment bytes whose content is what its name says. The issuer must
  // be in `scope` ("work.document_out_of_scope").
  static constexpr std::size_t kMaxAttachment = 8 * 1024 * 1024;
  Result<Document> attach_file(std::int64_t document_id, std::string file_name, std::string content,
                               const std::string& actor, const ProvinceScope& scope);
  std::optional<Attachment> attachment(std::int64_t document_id) {
    return repo_.find_attachment(document_id);
  }

  // Tasks. The lead and cooperating units must exist; a due date before the start is refused;
  // the lead unit must be in `scope`.
  Result<Task> add_task(Task task, const std::string& actor, const ProvinceScope& scope);
  // A dated progress note; a not-started task becomes in progress.
  Result<TaskNote> add_progress(std::int64_t task_id, Date on, std::string text,
                                const std::string& actor, const ProvinceScope& scope);
  // A blocker: the task becomes blocked and the blocker goes on the standing leadership's list.
  Result<TaskNote> add_blocker(std::int64_t task_id, Date on, std::string text,
                               const std::string& actor, const ProvinceScope& scope);
  // Resolves a blocker; the task is in progress again when no other blocker is open.
  Result<TaskNote> resolve_blocker(std::int64_t note_id, Date on, const std::string& actor,
                                   const ProvinceScope& scope);
  // Done on `on` (open blockers are resolved the same day); on time if on <= due date.
  Result<Task> complete_task(std::int64_t task_id, Date on, const std::string& actor,
                             const ProvinceScope& scope);
  Result<Task> cancel_task(std::int64_t task_id, Date on, const std::string& actor,
                           const ProvinceScope& scope);

  // Reads.
  std::vector<Unit> units() { return repo_.list_units(); }
  std::optional<Unit> unit_by_code(std::string_view code) { return repo_.find_unit_by_code(code); }
  std::vector<Document> documents() { return repo_.list_documents(); }
  std::optional<Document> document(std::int64_t id) { return repo_.find_document(id); }
  std::vector<Task> tasks(const TaskQuery& q = {}) { return repo_.list_tasks(q); }
  std::optional<Task> task(std::int64_t id) { return repo_.find_task(id); }
  std::vector<TaskNote> notes(std::int64_t task_id) { return repo_.notes_of(task_id); }
  // The standing leadership's list: unresolved blockers, oldest first.
  std::vector<OpenBlocker> open_blockers();

 private:
  Result<Task> writable_task(std::int64_t task_id, const ProvinceScope& scope);
  Result<Task> close_task(std::int64_t task_id, Date on, TaskStatus to, const std::string& actor,
                          const ProvinceScope& scope);
  Result<TaskNote> add_note(std::int64_t task_id, NoteKind kind, Date on, std::string note_text,
                            const std::string& actor, const ProvinceScope& scope);

  WorkRepository& repo_;
};

}  // namespace htx::work
