#include "governance/governance.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "core/enum_codes.hpp"
#include "core/text.hpp"

namespace htx::governance {

namespace {

constexpr enum_codes::Table<BodyKind, 5> kBodyKinds{{
    {BodyKind::kCongress, "congress"},
    {BodyKind::kExecutive, "executive"},
    {BodyKind::kStanding, "standing"},
    {BodyKind::kLeadership, "leadership"},
    {BodyKind::kInspection, "inspection"},
}};
constexpr enum_codes::Table<BodyKind, 5> kBodyNames{{
    {BodyKind::kCongress, "Đại hội"},
    {BodyKind::kExecutive, "Ban Chấp hành"},
    {BodyKind::kStanding, "Ban Thường vụ"},
    {BodyKind::kLeadership, "Thường trực"},
    {BodyKind::kInspection, "Ủy ban Kiểm tra"},
}};
constexpr enum_codes::Table<MeetingMode, 2> kModes{{
    {MeetingMode::kInPerson, "in_person"},
    {MeetingMode::kOnline, "online"},
}};
constexpr enum_codes::Table<ItemKind, 5> kItemKinds{{
    {ItemKind::kReportApproval, "report_approval"},
    {ItemKind::kDraft, "draft"},
    {ItemKind::kAdmission, "admission"},
    {ItemKind::kElectionApproval, "election_approval"},
    {ItemKind::kOther, "other"},
}};
constexpr enum_codes::Table<Outcome, 4> kOutcomes{{
    {Outcome::kOpen, "open"},
    {Outcome::kApproved, "approved"},
    {Outcome::kRejected, "rejected"},
    {Outcome::kDeferred, "deferred"},
}};
constexpr enum_codes::Table<Outcome, 4> kOutcomeNames{{
    {Outcome::kOpen, "chưa quyết định"},
    {Outcome::kApproved, "thông qua"},
    {Outcome::kRejected, "không thông qua"},
    {Outcome::kDeferred, "hoãn"},
}};
constexpr enum_codes::Table<ApplicationStatus, 4> kStatuses{{
    {ApplicationStatus::kSubmitted, "submitted"},
    {ApplicationStatus::kUnderReview, "under_review"},
    {ApplicationStatus::kAdmitted, "admitted"},
    {ApplicationStatus::kRejected, "rejected"},
}};
constexpr enum_codes::Table<ApplicationStatus, 4> kStatusNames{{
    {ApplicationStatus::kSubmitted, "đã nộp"},
    {ApplicationStatus::kUnderReview, "đang xét"},
    {ApplicationStatus::kAdmitted, "đã kết nạp"},
    {ApplicationStatus::kRejected, "không kết nạp"},
}};
constexpr enum_codes::Table<RecipientKind, 2> kRecipientKinds{{
    {RecipientKind::kCollective, "collective"},
    {RecipientKind::kIndividual, "individual"},
}};
constexpr enum_codes::Table<RecipientKind, 2> kRecipientNames{{
    {RecipientKind::kCollective, "tập thể"},
    {RecipientKind::kIndividual, "cá nhân"},
}};
constexpr enum_codes::Table<AwardTitle, 6> kTitles{{
    {AwardTitle::kCertificateOfMerit, "certificate_of_merit"},
    {AwardTitle::kExcellentLabourCollective, "excellent_labour_collective"},
    {AwardTitle::kAdvancedLabourCollective, "advanced_labour_collective"},
    {AwardTitle::kEmulationFlag, "emulation_flag"},
    {AwardTitle::kGrassrootsEmulationFighter, "grassroots_emulation_fighter"},
    {AwardTitle::kAdvancedLabourer, "advanced_labourer"},
}};
constexpr enum_codes::Table<AwardTitle, 6> kTitleNames{{
    {AwardTitle::kCertificateOfMerit, "Bằng khen"},
    {AwardTitle::kExcellentLabourCollective, "Tập thể lao động xuất sắc"},
    {AwardTitle::kAdvancedLabourCollective, "Tập thể lao động tiên tiến"},
    {AwardTitle::kEmulationFlag, "Cờ thi đua"},
    {AwardTitle::kGrassrootsEmulationFighter, "Chiến sĩ thi đua cơ sở"},
    {AwardTitle::kAdvancedLabourer, "Lao động tiên tiến"},
}};

std::optional<Date> opt(const std::optional<Date>& d) { return d; }
nlohmann::json date_or_null(const std::optional<Date>& d) {
  return d ? nlohmann::json(d->iso()) : nlohmann::json(nullptr);
}
nlohmann::json id_or_null(const std::optional<std::int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

std::string_view to_code(BodyKind k) { return enum_codes::to_code(kBodyKinds, k); }
std::optional<BodyKind> body_kind_from_code(std::string_view c) {
  return enum_codes::from_code(kBodyKinds, c);
}
std::string_view vietnamese_name(BodyKind k) { return enum_codes::to_code(kBodyNames, k); }
std::string_view to_code(MeetingMode m) { return enum_codes::to_code(kModes, m); }
std::optional<MeetingMode> meeting_mode_from_code(std::string_view c) {
  return enum_codes::from_code(kModes, c);
}
std::string_view to_code(ItemKind k) { return enum_codes::to_code(kItemKinds, k); }
std::optional<ItemKind> item_kind_from_code(std::string_view c) {
  return enum_codes::from_code(kItemKinds, c);
}
std::string_view to_code(Outcome o) { return enum_codes::to_code(kOutcomes, o); }
std::optional<Outcome> outcome_from_code(std::string_view c) {
  return enum_codes::from_code(kOutcomes, c);
}
std::string_view vietnamese_name(Outcome o) { return enum_codes::to_code(kOutcomeNames, o); }
std::string_view to_code(ApplicationStatus s) { return enum_codes::to_code(kStatuses, s); }
std::optional<ApplicationStatus> application_status_from_code(std::string_view c) {
  return enum_codes::from_code(kStatuses, c);
}
std::string_view vietnamese_name(ApplicationStatus s) {
  return enum_codes::to_code(kStatusNames, s);
}
bool is_pending(ApplicationStatus s) {
  return s == ApplicationStatus::kSubmitted || s == ApplicationStatus::kUnderReview;
}
std::string_view to_code(RecipientKind k) { return enum_codes::to_code(kRecipientKinds, k); }
std::optional<RecipientKind> recipient_kind_from_code(std::string_view c) {
  return enum_codes::from_code(kRecipientKinds, c);
}
std::string_view vietnamese_name(RecipientKind k) {
  return enum_codes::to_code(kRecipientNames, k);
}
std::string_view to_code(AwardTitle t) { return enum_codes::to_code(kTitles, t); }
std::optional<AwardTitle> award_title_from_code(std::string_view c) {
  return enum_codes::from_code(kTitles, c);
}
std::string_view vietnamese_name(AwardTitle t) { return enum_codes::to_code(kTitleNames, t); }

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
  static constexpr enum_codes::Table<int, 13> kNumerals{{
      {1000, "M"},
      {900, "CM"},
      {500, "D"},
      {400, "CD"},
      {100, "C"},
      {90, "XC"},
      {50, "L"},
      {40, "XL"},
      {10, "X"},
      {9, "IX"},
      {5, "V"},
      {4, "IV"},
      {1, "I"},
  }};
  std::string out;
  for (auto [value, text] : kNumerals)
    while (n >= value) {
      out += text;
      n -= value;
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
  return {{"id", b.id}, {"unit_id", b.unit_id}, {"kind", to_code(b.kind)}};
}
nlohmann::json to_json(const Term& t) {
  return {{"id", t.id},
          {"unit_id", t.unit_id},
          {"number", t.number},
          {"start_year", t.start_year},
          {"end_year", t.end_year}};
}
nlohmann::json to_json(const Member& m) {
  return {{"id", m.id},
          {"body_id", m.body_id},
          {"term_id", m.term_id},
          {"person", m.person},
          {"position", m.position},
          {"started_on", m.started_on.iso()},
          {"ended_on", date_or_null(opt(m.ended_on))}};
}
nlohmann::json to_json(const Meeting& m) {
  return {{"id", m.id},
          {"body_id", m.body_id},
          {"term_id", m.term_id},
          {"number", m.number},
          {"held_on", m.held_on.iso()},
          {"mode", to_code(m.mode)},
          {"chair", m.chair},
          {"attendee_count", m.attendee_count},
          {"attendees", m.attendees},
          {"minutes", m.minutes}};
}
nlohmann::json to_json(const AgendaItem& i) {
  return {
      {"id", i.id},
      {"meeting_id", i.meeting_id},
      {"position", i.position},
      {"kind", to_code(i.kind)},
      {"title", i.title},
      {"document_id", id_or_null(i.document_id)},
      {"outcome", to_code(i.outcome)},
      {"votes",
       {{"for", i.votes.in_favour}, {"against", i.votes.against}, {"abstain", i.votes.abstain}}},
      {"note", i.note}};
}
nlohmann::json to_json(const Application& a) {
  return {{"id", a.id},
          {"unit_id", a.unit_id},
          {"entity_code", a.entity_code},
          {"entity_name", a.entity_name},
          {"applied_on", a.applied_on.iso()},
          {"batch", a.batch.label()},
          {"status", to_code(a.status)},
          {"decision_item_id", id_or_null(a.decision_item_id)},
          {"decided_on", date_or_null(a.decided_on)},
          {"note", a.note}};
}
nlohmann::json to_json(const Membership& m) {
  return {{"id", m.id},
          {"unit_id", m.unit_id},
          {"entity_code", m.entity_code},
          {"entity_name", m.entity_name},
          {"since", m.since.iso()},
          {"until", date_or_null(m.until)},
          {"application_id", id_or_null(m.application_id)},
          {"end_reason", m.end_reason}};
}
nlohmann::json to_json(const Award& a) {
  return {{"id", a.id},
          {"year", a.year},
          {"granting_unit_id", a.granting_unit_id},
          {"recipient_kind", to_code(a.recipient_kind)},
          {"title", to_code(a.title)},
          {"with_certificate", a.with_certificate},
          {"recipient", a.recipient},
          {"recipient_unit", a.recipient_unit},
          {"decision_document_id", a.decision_document_id}};
}

}  // namespace htx::governance
