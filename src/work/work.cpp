#include "work/work.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "core/enum_codes.hpp"
#include "core/json_record.hpp"

namespace htx::work {

constexpr enum_codes::Codes<UnitKind, 4> kUnitKinds{
    {"national", "department", "affiliated", "provincial"}};
std::string_view to_code(UnitKind k) { return kUnitKinds.code(k); }
std::optional<UnitKind> unit_kind_from_code(std::string_view c) { return kUnitKinds.from_code(c); }

constexpr enum_codes::Codes<DocumentKind, 8> kDocumentKinds{
    {"resolution", "conclusion", "notice", "decision", "plan", "scheme", "regulation", "charter"},
    {"Nghị quyết", "Kết luận", "Thông báo", "Quyết định", "Kế hoạch", "Đề án", "Quy chế",
     "Điều lệ"}};
// The symbol in a document's number ("15/NQ-HTX"): a code of its own.
constexpr enum_codes::Codes<DocumentKind, 8> kDocumentSymbols{
    {"NQ", "KL", "TB", "QĐ", "KH", "ĐA", "QC", "ĐL"}};
std::string_view to_code(DocumentKind k) { return kDocumentKinds.code(k); }
std::optional<DocumentKind> document_kind_from_code(std::string_view c) {
  return kDocumentKinds.from_code(c);
}
std::string_view symbol_of(DocumentKind k) { return kDocumentSymbols.code(k); }
std::optional<DocumentKind> document_kind_from_symbol(std::string_view s) {
  return kDocumentSymbols.from_code(s);
}
std::string_view vietnamese_name(DocumentKind k) { return kDocumentKinds.name(k); }

constexpr enum_codes::Codes<DraftStatus, 3> kDraftStatuses{{"draft", "consultation", "adopted"},
                                                           {"dự thảo", "góp ý", "thông qua"}};
std::string_view to_code(DraftStatus s) { return kDraftStatuses.code(s); }
std::optional<DraftStatus> draft_status_from_code(std::string_view c) {
  return kDraftStatuses.from_code(c);
}
std::string_view vietnamese_name(DraftStatus s) { return kDraftStatuses.name(s); }

constexpr enum_codes::Codes<TaskStatus, 5> kTaskStatuses{
    {"not_started", "in_progress", "blocked", "done", "cancelled"},
    {"chưa triển khai", "đang thực hiện", "vướng mắc", "hoàn thành", "dừng thực hiện"}};
std::string_view to_code(TaskStatus s) { return kTaskStatuses.code(s); }
std::optional<TaskStatus> task_status_from_code(std::string_view c) {
  return kTaskStatuses.from_code(c);
}
std::string_view vietnamese_name(TaskStatus s) { return kTaskStatuses.name(s); }

constexpr enum_codes::Codes<NoteKind, 2> kNoteKinds{{"progress", "blocker"}};
std::string_view to_code(NoteKind k) { return kNoteKinds.code(k); }
std::optional<NoteKind> note_kind_from_code(std::string_view c) { return kNoteKinds.from_code(c); }

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
  return json_record("id", u.id, "code", u.code, "name", u.name, "kind", u.kind, "province_id",
                     u.province_id, "parent_id", u.parent_id, "established_on", u.established_on);
}

nlohmann::json to_json(const Document& d) {
  return json_record("id", d.id, "number_symbol", d.number_symbol(), "kind", d.kind, "number",
                     d.number, "issuer_symbol", d.issuer_symbol, "issued_on", d.issued_on,
                     "issuer_unit_id", d.issuer_unit_id, "signer", d.signer, "title", d.title,
                     "summary", d.summary, "attachment", d.attachment, "status", d.status,
                     "meeting_id", d.meeting_id);
}

nlohmann::json to_json(const Task& t) {
  return json_record("id", t.id, "title", t.title, "document_id", t.document_id, "meeting_id",
                     t.meeting_id, "lead_unit_id", t.lead_unit_id, "cooperating_unit_ids",
                     t.cooperating_unit_ids, "owner", t.owner, "start_on", t.start_on, "due_on",
                     t.due_on, "key_task", t.key_task, "status", t.status, "completed_on",
                     t.completed_on);
}

nlohmann::json to_json(const TaskNote& n) {
  return json_record("id", n.id, "task_id", n.task_id, "kind", n.kind, "on", n.on, "text", n.text,
                     "author", n.author, "resolved_on", n.resolved_on);
}

}  // namespace htx::work
