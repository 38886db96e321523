#include "work/work.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "core/enum_codes.hpp"

namespace htx::work {

namespace {

constexpr enum_codes::Table<UnitKind, 4> kUnitKinds{{
    {UnitKind::kNational, "national"},
    {UnitKind::kDepartment, "department"},
    {UnitKind::kAffiliated, "affiliated"},
    {UnitKind::kProvincial, "provincial"},
}};

constexpr enum_codes::Table<DocumentKind, 8> kDocumentKinds{{
    {DocumentKind::kResolution, "resolution"},
    {DocumentKind::kConclusion, "conclusion"},
    {DocumentKind::kNotice, "notice"},
    {DocumentKind::kDecision, "decision"},
    {DocumentKind::kPlan, "plan"},
    {DocumentKind::kScheme, "scheme"},
    {DocumentKind::kRegulation, "regulation"},
    {DocumentKind::kCharter, "charter"},
}};

constexpr enum_codes::Table<DocumentKind, 8> kDocumentSymbols{{
    {DocumentKind::kResolution, "NQ"},
    {DocumentKind::kConclusion, "KL"},
    {DocumentKind::kNotice, "TB"},
    {DocumentKind::kDecision, "QĐ"},
    {DocumentKind::kPlan, "KH"},
    {DocumentKind::kScheme, "ĐA"},
    {DocumentKind::kRegulation, "QC"},
    {DocumentKind::kCharter, "ĐL"},
}};

constexpr enum_codes::Table<DocumentKind, 8> kDocumentNames{{
    {DocumentKind::kResolution, "Nghị quyết"},
    {DocumentKind::kConclusion, "Kết luận"},
    {DocumentKind::kNotice, "Thông báo"},
    {DocumentKind::kDecision, "Quyết định"},
    {DocumentKind::kPlan, "Kế hoạch"},
    {DocumentKind::kScheme, "Đề án"},
    {DocumentKind::kRegulation, "Quy chế"},
    {DocumentKind::kCharter, "Điều lệ"},
}};

constexpr enum_codes::Table<DraftStatus, 3> kDraftStatuses{{
    {DraftStatus::kDraft, "draft"},
    {DraftStatus::kConsultation, "consultation"},
    {DraftStatus::kAdopted, "adopted"},
}};

constexpr enum_codes::Table<DraftStatus, 3> kDraftNames{{
    {DraftStatus::kDraft, "dự thảo"},
    {DraftStatus::kConsultation, "góp ý"},
    {DraftStatus::kAdopted, "thông qua"},
}};

constexpr enum_codes::Table<TaskStatus, 5> kTaskStatuses{{
    {TaskStatus::kNotStarted, "not_started"},
    {TaskStatus::kInProgress, "in_progress"},
    {TaskStatus::kBlocked, "blocked"},
    {TaskStatus::kDone, "done"},
    {TaskStatus::kCancelled, "cancelled"},
}};

constexpr enum_codes::Table<TaskStatus, 5> kTaskNames{{
    {TaskStatus::kNotStarted, "chưa triển khai"},
    {TaskStatus::kInProgress, "đang thực hiện"},
    {TaskStatus::kBlocked, "vướng mắc"},
    {TaskStatus::kDone, "hoàn thành"},
    {TaskStatus::kCancelled, "dừng thực hiện"},
}};

constexpr enum_codes::Table<NoteKind, 2> kNoteKinds{{
    {NoteKind::kProgress, "progress"},
    {NoteKind::kBlocker, "blocker"},
}};

nlohmann::json opt_date(const std::optional<Date>& d) {
  if (!d) return nullptr;
  return d->iso();
}

nlohmann::json opt_id(const std::optional<std::int64_t>& id) {
  if (!id) return nullptr;
  return *id;
}

}  // namespace

std::string_view to_code(UnitKind k) { return enum_codes::to_code(kUnitKinds, k); }
std::optional<UnitKind> unit_kind_from_code(std::string_view c) {
  return enum_codes::from_code(kUnitKinds, c);
}
std::string_view to_code(DocumentKind k) { return enum_codes::to_code(kDocumentKinds, k); }
std::optional<DocumentKind> document_kind_from_code(std::string_view c) {
  return enum_codes::from_code(kDocumentKinds, c);
}
std::string_view symbol_of(DocumentKind k) { return enum_codes::to_code(kDocumentSymbols, k); }
std::optional<DocumentKind> document_kind_from_symbol(std::string_view s) {
  return enum_codes::from_code(kDocumentSymbols, s);
}
std::string_view vietnamese_name(DocumentKind k) { return enum_codes::to_code(kDocumentNames, k); }
std::string_view to_code(DraftStatus s) { return enum_codes::to_code(kDraftStatuses, s); }
std::optional<DraftStatus> draft_status_from_code(std::string_view c) {
  return enum_codes::from_code(kDraftStatuses, c);
}
std::string_view vietnamese_name(DraftStatus s) { return enum_codes::to_code(kDraftNames, s); }
std::string_view to_code(TaskStatus s) { return enum_codes::to_code(kTaskStatuses, s); }
std::optional<TaskStatus> task_status_from_code(std::string_view c) {
  return enum_codes::from_code(kTaskStatuses, c);
}
std::string_view vietnamese_name(TaskStatus s) { return enum_codes::to_code(kTaskNames, s); }
std::string_view to_code(NoteKind k) { return enum_codes::to_code(kNoteKinds, k); }
std::optional<NoteKind> note_kind_from_code(std::string_view c) {
  return enum_codes::from_code(kNoteKinds, c);
}

std::string Document::number_symbol() const {
  return std::to_string(number) + "/" + std::string(symbol_of(kind)) + "-" + issuer_symbol;
}

std::optional<NumberSymbol> parse_number_symbol(std::string_view text) {
  auto slash = text.find('/');
  auto dash = text.find('-', slash == std::string_view::npos ? 0 : slash);
  if (slash == std::string_view::npos || dash == std::string_view::npos) return std::nullopt;
  NumberSymbol out;
  auto num = text.substr(0, slash);
  auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), out.number);
  if (ec != std::errc() || ptr != num.data() + num.size() || out.number <= 0) return std::nullopt;
  auto kind = document_kind_from_symbol(text.substr(slash + 1, dash - slash - 1));
  if (!kind) return std::nullopt;
  out.kind = *kind;
  out.issuer_symbol = std::string(text.substr(dash + 1));
  if (out.issuer_symbol.empty()) return std::nullopt;
  return out;
}

nlohmann::json to_json(const Unit& u) {
  return {{"id", u.id},
          {"code", u.code},
          {"name", u.name},
          {"kind", to_code(u.kind)},
          {"province_id", u.province_id},
          {"parent_id", u.parent_id},
          {"established_on", opt_date(u.established_on)}};
}

nlohmann::json to_json(const Document& d) {
  return {{"id", d.id},
          {"number_symbol", d.number_symbol()},
          {"kind", to_code(d.kind)},
          {"number", d.number},
          {"issuer_symbol", d.issuer_symbol},
          {"issued_on", d.issued_on.iso()},
          {"issuer_unit_id", d.issuer_unit_id},
          {"signer", d.signer},
          {"title", d.title},
          {"summary", d.summary},
          {"attachment", d.attachment},
          {"status", to_code(d.status)},
          {"meeting_id", opt_id(d.meeting_id)}};
}

nlohmann::json to_json(const Task& t) {
  return {{"id", t.id},
          {"title", t.title},
          {"document_id", opt_id(t.document_id)},
          {"meeting_id", opt_id(t.meeting_id)},
          {"lead_unit_id", t.lead_unit_id},
          {"cooperating_unit_ids", t.cooperating_unit_ids},
          {"owner", t.owner},
          {"start_on", t.start_on.iso()},
          {"due_on", t.due_on.iso()},
          {"key_task", t.key_task},
          {"status", to_code(t.status)},
          {"completed_on", opt_date(t.completed_on)}};
}

nlohmann::json to_json(const TaskNote& n) {
  return {{"id", n.id},
          {"task_id", n.task_id},
          {"kind", to_code(n.kind)},
          {"on", n.on.iso()},
          {"text", n.text},
          {"author", n.author},
          {"resolved_on", opt_date(n.resolved_on)}};
}

}  // namespace htx::work
