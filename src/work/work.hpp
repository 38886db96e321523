// The work programme of the alliance: units (the national alliance, its departments and
// affiliated units, the provincial alliances), documents (resolutions, notices, plans, ...) and
// the tasks (đầu việc) they create, with progress notes and blockers.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace htx::work {

// ---- units ----------------------------------------------------------------------------------

enum class UnitKind {
  kNational,    // Liên minh HTX Việt Nam
  kDepartment,  // Ban ... (ban tham mưu), Văn phòng
  kAffiliated,  // Trung tâm ..., Quỹ Hỗ trợ phát triển HTX (đơn vị trực thuộc)
  kProvincial,  // Liên minh HTX tỉnh/thành phố
};
std::string_view to_code(UnitKind k);  // "national", "department", "affiliated", "provincial"
std::optional<UnitKind> unit_kind_from_code(std::string_view code);

struct Unit {
  std::int64_t id = 0;
  std::string code;  // short, unique: "LMHTXVN", "VP", "TTXTTM", "LMHTX-24"
  std::string name;  // NFC: "Văn phòng", "Liên minh HTX tỉnh Bắc Giang"
  UnitKind kind = UnitKind::kDepartment;
  std::string province_id;     // provincial alliances only (data/geo/provinces.csv id); else empty
  std::int64_t parent_id = 0;  // departments and affiliated units: the national alliance; else 0
  // When known: reports of periods that ended before it are not expected (reporting.hpp).
  std::optional<Date> established_on = std::nullopt;
};

// ---- documents ------------------------------------------------------------------------------

enum class DocumentKind {
  kResolution,  // Nghị quyết, NQ
  kConclusion,  // Kết luận, KL
  kNotice,      // Thông báo, TB
  kDecision,    // Quyết định, QĐ
  kPlan,        // Kế hoạch, KH
  kScheme,      // Đề án, ĐA
  kRegulation,  // Quy chế, QC
  kCharter,     // Điều lệ, ĐL
};
std::string_view to_code(DocumentKind k);  // "resolution", "conclusion", ...
std::optional<DocumentKind> document_kind_from_code(std::string_view code);
std::string_view symbol_of(DocumentKind k);  // "NQ", "KL", "TB", "QĐ", "KH", "ĐA", "QC", "ĐL"
std::optional<DocumentKind> document_kind_from_symbol(std::string_view symbol);
std::string_view vietnamese_name(DocumentKind k);  // "Nghị quyết", "Thông báo", ...

// dự thảo → góp ý → thông qua, only forward.
enum class DraftStatus { kDraft, kConsultation, kAdopted };
std::string_view to_code(DraftStatus s);  // "draft", "consultation", "adopted"
std::optional<DraftStatus> draft_status_from_code(std::string_view code);
std::string_view vietnamese_name(DraftStatus s);  // "dự thảo", "góp ý", "thông qua"

struct Document {
  std::int64_t id = 0;
  DocumentKind kind = DocumentKind::kNotice;
  int number = 0;             // 64
  std::string issuer_symbol;  // the issuer's part of the symbol: "LMHTXVN"
  Date issued_on;             // 05/02/2021; its year numbers the document
  std::int64_t issuer_unit_id = 0;
  std::string signer;
  std::string title;  // "Thông báo kết luận của Thường trực ..."
  std::string summary;
  std::string attachment;  // file name, may be empty
  DraftStatus status = DraftStatus::kAdopted;
  std::optional<std::int64_t> meeting_id;  // the meeting that adopted it
  std::string recorded_by;
  std::string recorded_at;

  // "64/TB-LMHTXVN"
  std::string number_symbol() const;
};

// The document's file (the signed scan, the draft): one per document, replaced by a new upload.
struct Attachment {
  std::int64_t document_id = 0;
  std::string file_name;     // as uploaded, without folders: "64-TB-LMHTXVN.pdf"
  std::string content_type;  // from the file's kind: "application/pdf"
  std::string content;       // the bytes
  std::string recorded_by;
  std::string recorded_at;
};

// Parses "64/TB-LMHTXVN" into number, kind and issuer symbol.
struct NumberSymbol {
  int number = 0;
  DocumentKind kind = DocumentKind::kNotice;
  std::string issuer_symbol;
};
std::optional<NumberSymbol> parse_number_symbol(std::string_view text);

// ---- tasks ----------------------------------------------------------------------------------

enum class TaskStatus { kNotStarted, kInProgress, kBlocked, kDone, kCancelled };
std::string_view to_code(TaskStatus s);  // "not_started", "in_progress", "blocked", "done",
                                         // "cancelled"
std::optional<TaskStatus> task_status_from_code(std::string_view code);
std::string_view vietnamese_name(TaskStatus s);

enum class NoteKind { kProgress, kBlocker };
std::string_view to_code(NoteKind k);  // "progress", "blocker"
std::optional<NoteKind> note_kind_from_code(std::string_view code);

// A dated progress note or blocker of a task. A blocker stays on the standing leadership's
// list until resolved_on is set.
struct TaskNote {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  NoteKind kind = NoteKind::kProgress;
  Date on;
  std::string text;
  std::string author;
  std::optional<Date> resolved_on;  // blockers only
};

struct Task {
  std::int64_t id = 0;
  std::string title;
  std::optional<std::int64_t> document_id;  // the document that created it
  std::optional<std::int64_t> meeting_id;   // or the meeting
  std::int64_t lead_unit_id = 0;
  std::vector<std::int64_t> cooperating_unit_ids;
  std::string owner;  // person responsible
  Date start_on;
  Date due_on;
  bool key_task = false;  // nhiệm vụ trọng tâm
  TaskStatus status = TaskStatus::kNotStarted;
  std::optional<Date> completed_on;  // done only
  std::string recorded_by;
  std::string recorded_at;
};

nlohmann::json to_json(const Unit& u);
nlohmann::json to_json(const Document& d);
nlohmann::json to_json(const Task& t);
nlohmann::json to_json(const TaskNote& n);

}  // namespace htx::work
