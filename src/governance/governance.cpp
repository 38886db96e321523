#include "governance/governance.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "core/enum_codes.hpp"
#include "core/json_record.hpp"
#include "core/text.hpp"

namespace htx::governance {

constexpr enum_codes::Codes<BodyKind, 5> kBodyKinds{
    {"congress", "executive", "standing", "leadership", "inspection"},
    {"Đại hội", "Ban Chấp hành", "Ban Thường vụ", "Thường trực", "Ủy ban Kiểm tra"}};
std::string_view to_code(BodyKind k) { return kBodyKinds.code(k); }
std::optional<BodyKind> body_kind_from_code(std::string_view c) { return kBodyKinds.from_code(c); }
std::string_view vietnamese_name(BodyKind k) { return kBodyKinds.name(k); }

constexpr enum_codes::Codes<MeetingMode, 2> kModes{{"in_person", "online"}};
std::string_view to_code(MeetingMode m) { return kModes.code(m); }
std::optional<MeetingMode> meeting_mode_from_code(std::string_view c) {
  return kModes.from_code(c);
}

constexpr enum_codes::Codes<ItemKind, 5> kItemKinds{
    {"report_approval", "draft", "admission", "election_approval", "other"}};
std::string_view to_code(ItemKind k) { return kItemKinds.code(k); }
std::optional<ItemKind> item_kind_from_code(std::string_view c) { return kItemKinds.from_code(c); }

constexpr enum_codes::Codes<Outcome, 4> kOutcomes{
    {"open", "approved", "rejected", "deferred"},
    {"chưa quyết định", "thông qua", "không thông qua", "hoãn"}};
std::string_view to_code(Outcome o) { return kOutcomes.code(o); }
std::optional<Outcome> outcome_from_code(std::string_view c) { return kOutcomes.from_code(c); }
std::string_view vietnamese_name(Outcome o) { return kOutcomes.name(o); }

constexpr enum_codes::Codes<ApplicationStatus, 4> kStatuses{
    {"submitted", "under_review", "admitted", "rejected"},
    {"đã nộp", "đang xét", "đã kết nạp", "không kết nạp"}};
std::string_view to_code(ApplicationStatus s) { return kStatuses.code(s); }
std::optional<ApplicationStatus> application_status_from_code(std::string_view c) {
  return kStatuses.from_code(c);
}
std::string_view vietnamese_name(ApplicationStatus s) { return kStatuses.name(s); }
bool is_pending(ApplicationStatus s) {
  return s == ApplicationStatus::kSubmitted || s == ApplicationStatus::kUnderReview;
}

constexpr enum_codes::Codes<RecipientKind, 2> kRecipientKinds{{"collective", "individual"},
                                                              {"tập thể", "cá nhân"}};
std::string_view to_code(RecipientKind k) { return kRecipientKinds.code(k); }
std::optional<RecipientKind> recipient_kind_from_code(std::string_view c) {
  return kRecipientKinds.from_code(c);
}
std::string_view vietnamese_name(RecipientKind k) { return kRecipientKinds.name(k); }

constexpr enum_codes::Codes<AwardTitle, 6> kTitles{
    {"certificate_of_merit", "excellent_labour_collective", "advanced_labour_collective",
     "emulation_flag", "grassroots_emulation_fighter", "advanced_labourer"},
    {"Bằng khen", "Tập thể lao động xuất sắc", "Tập thể lao động tiên tiến", "Cờ thi đua",
     "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến"}};
std::string_view to_code(AwardTitle t) { return kTitles.code(t); }
std::optional<AwardTitle> award_title_from_code(std::string_view c) { return kTitles.from_code(c); }
std::string_view vietnamese_name(AwardTitle t) { return kTitles.name(t); }

bool title_fits(AwardTitle t, RecipientKind k) {
  switch (t) {
    case AwardTitle::kCertificateOfMerit:
      return true;
    case AwardTitle::kExcellentLabourCollective:
    case AwardTitle::kAdvancedLabourCollective:
    case AwardTitle::kEmulationFlag:
      return k == RecipientKind::kCollective;
    case AwardTitle::kGrassrootsEmulationFighter:
    case AwardTitle::kAdvancedLabourer:
      return k == RecipientKind::kIndividual;
  }
  return false;
}

std::string roman(int n) {
  static constexpr std::array<int, 13> kValues{1000, 900, 500, 400, 100, 90, 50,
                                               40,   10,  9,   5,   4,   1};
  static constexpr std::array<std::string_view, 13> kNumerals{
      "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
  std::string out;
  for (std::size_t i = 0; i < kValues.size(); ++i)
    while (n >= kValues[i]) {
      out += kNumerals[i];
      n -= kValues[i];
    }
  return out;
}

std::string Term::label() const {
  return "khóa " + roman(number) + " (" + std::to_string(start_year) + "–" +
         std::to_string(end_year) + ")";
}

std::string meeting_title(const Meeting& m, BodyKind body, const Term& term) {
  if (body == BodyKind::kCongress)
    return "Đại hội lần thứ " + roman(term.number) + ", nhiệm kỳ " +
           std::to_string(term.start_year) + "–" + std::to_string(term.end_year);
  return "Hội nghị " + std::string(vietnamese_name(body)) + " lần thứ " + std::to_string(m.number) +
         ", khóa " + roman(term.number);
}

std::string Batch::label() const { return std::to_string(number) + "/" + std::to_string(year); }

std::optional<Batch> parse_batch(std::string_view text) {
  text = text::trim(text);
  auto lower = text::fold(text);
  std::string_view s = lower;
  if (s.rfind("dot", 0) == 0) s = text::trim(s.substr(3));
  auto sep = s.find_first_of("/-");
  if (sep == std::string_view::npos) return std::nullopt;
  auto num = text::parse_int(s.substr(0, sep));
  auto year = text::parse_int(s.substr(sep + 1));
  if (!num || !year || *num < 1 || *num > 99 || *year < 1900 || *year > 9999) return std::nullopt;
  return Batch{static_cast<int>(*num), static_cast<int>(*year)};
}

AwardCounts count_awards(const std::vector<Award>& awards) {
  AwardCounts c;
  for (const auto& a : awards)
    (a.recipient_kind == RecipientKind::kCollective ? c.collectives : c.individuals)++;
  return c;
}

nlohmann::json to_json(const Body& b) {
  return json_record("id", b.id, "unit_id", b.unit_id, "kind", b.kind);
}
nlohmann::json to_json(const Term& t) {
  return json_record("id", t.id, "unit_id", t.unit_id, "number", t.number, "start_year",
                     t.start_year, "end_year", t.end_year);
}
nlohmann::json to_json(const Member& m) {
  return json_record("id", m.id, "body_id", m.body_id, "term_id", m.term_id, "person", m.person,
                     "position", m.position, "started_on", m.started_on, "ended_on", m.ended_on);
}
nlohmann::json to_json(const Meeting& m) {
  return json_record("id", m.id, "body_id", m.body_id, "term_id", m.term_id, "number", m.number,
                     "held_on", m.held_on, "mode", m.mode, "chair", m.chair, "attendee_count",
                     m.attendee_count, "attendees", m.attendees, "minutes", m.minutes);
}
nlohmann::json to_json(const AgendaItem& i) {
  nlohmann::json votes = {
      {"for", i.votes.in_favour}, {"against", i.votes.against}, {"abstain", i.votes.abstain}};
  return json_record("id", i.id, "meeting_id", i.meeting_id, "position", i.position, "kind", i.kind,
                     "title", i.title, "document_id", i.document_id, "outcome", i.outcome, "votes",
                     votes, "note", i.note);
}
nlohmann::json to_json(const Application& a) {
  return json_record("id", a.id, "unit_id", a.unit_id, "entity_code", a.entity_code, "entity_name",
                     a.entity_name, "applied_on", a.applied_on, "batch", a.batch.label(), "status",
                     a.status, "decision_item_id", a.decision_item_id, "decided_on", a.decided_on,
                     "note", a.note);
}
nlohmann::json to_json(const Membership& m) {
  return json_record("id", m.id, "unit_id", m.unit_id, "entity_code", m.entity_code, "entity_name",
                     m.entity_name, "since", m.since, "until", m.until, "application_id",
                     m.application_id, "end_reason", m.end_reason);
}
nlohmann::json to_json(const Award& a) {
  return json_record("id", a.id, "year", a.year, "granting_unit_id", a.granting_unit_id,
                     "recipient_kind", a.recipient_kind, "title", a.title, "with_certificate",
                     a.with_certificate, "recipient", a.recipient, "recipient_unit",
                     a.recipient_unit, "decision_document_id", a.decision_document_id);
}

}  // namespace htx::governance
