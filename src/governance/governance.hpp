// Governance of the alliance and its provincial alliances (the organisations are work::Unit
// records): bodies (Đại hội, BCH, BTV, Thường trực, UBKT) with terms and members; numbered
// meetings with agenda items, votes and minutes; member admissions in batches decided at a
// meeting, and the membership they produce; emulation and commendation awards.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace htx::governance {

// ---- bodies, terms, members -------------------------------------------------------------

enum class BodyKind {
  kCongress,    // Đại hội
  kExecutive,   // Ban Chấp hành (BCH)
  kStanding,    // Ban Thường vụ (BTV)
  kLeadership,  // Thường trực
  kInspection,  // Ủy ban Kiểm tra (UBKT)
};
std::string_view to_code(BodyKind k);  // "congress", "executive", "standing", "leadership",
                                       // "inspection"
std::optional<BodyKind> body_kind_from_code(std::string_view code);
std::string_view vietnamese_name(BodyKind k);  // "Đại hội", "Ban Chấp hành", ...

// One body of one organisation: (unit, kind) is unique.
struct Body {
  std::int64_t id = 0;
  std::int64_t unit_id = 0;  // work::Unit: the national or a provincial alliance
  BodyKind kind = BodyKind::kStanding;
};

// A term of an organisation (khóa VI, nhiệm kỳ 2020–2025): (unit, number) is unique.
struct Term {
  std::int64_t id = 0;
  std::int64_t unit_id = 0;
  int number = 0;  // 6
  int start_year = 0, end_year = 0;

  std::string label() const;  // "khóa VI (2020–2025)"
};

std::string roman(int n);  // 6 -> "VI"

struct Member {
  std::int64_t id = 0;
  std::int64_t body_id = 0;
  std::int64_t term_id = 0;
  std::string person;    // "Nguyễn Đức Hiền"
  std::string position;  // "Chủ tịch", "Phó Chủ tịch", "Ủy viên"
  Date started_on;
  std::optional<Date> ended_on;
};

// ---- meetings -----------------------------------------------------------------------------

enum class MeetingMode { kInPerson, kOnline };
std::string_view to_code(MeetingMode m);  // "in_person", "online"
std::optional<MeetingMode> meeting_mode_from_code(std::string_view code);

struct Meeting {
  std::int64_t id = 0;
  std::int64_t body_id = 0;
  std::int64_t term_id = 0;
  int number = 0;  // within the body and term: (body, term, number) is unique
  Date held_on;
  MeetingMode mode = MeetingMode::kInPerson;
  std::string chair;
  int attendee_count = 0;              // at least the names listed
  std::vector<std::string> attendees;  // names, may be fewer than the count
  std::string minutes;
  std::string recorded_by;
  std::string recorded_at;
};

// "Hội nghị Ban Thường vụ lần thứ 3, khóa VI"
std::string meeting_title(const Meeting& m, BodyKind body, const Term& term);

enum class ItemKind { kReportApproval, kDraft, kAdmission, kElectionApproval, kOther };
std::string_view to_code(ItemKind k);  // "report_approval", "draft", "admission",
                                       // "election_approval", "other"
std::optional<ItemKind> item_kind_from_code(std::string_view code);

// Open until closed once with an outcome.
enum class Outcome { kOpen, kApproved, kRejected, kDeferred };
std::string_view to_code(Outcome o);  // "open", "approved", "rejected", "deferred"
std::optional<Outcome> outcome_from_code(std::string_view code);
std::string_view vietnamese_name(Outcome o);  // "chưa quyết", "thông qua", "không thông qua", ...

struct Votes {
  int in_favour = 0, against = 0, abstain = 0;
  int total() const { return in_favour + against + abstain; }
};

struct AgendaItem {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;
  int position = 0;  // order on the agenda, 1..n
  ItemKind kind = ItemKind::kOther;
  std::string title;
  std::optional<std::int64_t> document_id;  // the draft or report (work::Document)
  Outcome outcome = Outcome::kOpen;
  Votes votes;
  std::string note;
};

// ---- admissions and membership -------------------------------------------------------------

// "đợt 2/2021": the second batch of 2021.
struct Batch {
  int number = 0, year = 0;
  std::string label() const;  // "2/2021"
  bool operator==(const Batch&) const = default;
};
// "2/2021", "đợt 2/2021", "2-2021"
std::optional<Batch> parse_batch(std::string_view text);

enum class ApplicationStatus { kSubmitted, kUnderReview, kAdmitted, kRejected };
std::string_view to_code(ApplicationStatus s);  // "submitted", "under_review", "admitted",
                                                // "rejected"
std::optional<ApplicationStatus> application_status_from_code(std::string_view code);
std::string_view vietnamese_name(ApplicationStatus s);
bool is_pending(ApplicationStatus s);  // submitted or under review

// An application of a registry entity (by registration code) to a provincial alliance.
struct Application {
  std::int64_t id = 0;
  std::int64_t unit_id = 0;  // the alliance applied to
  std::string entity_code;
  std::string entity_name;  // as registered when applying
  Date applied_on;
  Batch batch;
  ApplicationStatus status = ApplicationStatus::kSubmitted;
  std::optional<std::int64_t> decision_item_id;  // the agenda item that decided it
  std::optional<Date> decided_on;
  std::string note;
  std::string recorded_by;
  std::string recorded_at;
};

// A member of an alliance from `since` until `until` (open while current).
struct Membership {
  std::int64_t id = 0;
  std::int64_t unit_id = 0;
  std::string entity_code;
  std::string entity_name;
  Date since;
  std::optional<Date> until;
  std::optional<std::int64_t> application_id;
  std::string end_reason;
};

// ---- emulation and commendation ------------------------------------------------------------

enum class RecipientKind { kCollective, kIndividual };
std::string_view to_code(RecipientKind k);  // "collective", "individual"
std::optional<RecipientKind> recipient_kind_from_code(std::string_view code);
std::string_view vietnamese_name(RecipientKind k);  // "tập thể", "cá nhân"

enum class AwardTitle {
  kCertificateOfMerit,          // Bằng khen (either)
  kExcellentLabourCollective,   // Tập thể lao động xuất sắc (collectives)
  kAdvancedLabourCollective,    // Tập thể lao động tiên tiến (collectives)
  kEmulationFlag,               // Cờ thi đua (collectives)
  kGrassrootsEmulationFighter,  // Chiến sĩ thi đua cơ sở (individuals)
  kAdvancedLabourer,            // Lao động tiên tiến (individuals)
};
std::string_view to_code(AwardTitle t);  // "certificate_of_merit", "excellent_labour_collective",
                                         // "advanced_labour_collective", "emulation_flag",
                                         // "grassroots_emulation_fighter", "advanced_labourer"
std::optional<AwardTitle> award_title_from_code(std::string_view code);
std::string_view vietnamese_name(AwardTitle t);
// Whether the title can go to that kind of recipient.
bool title_fits(AwardTitle t, RecipientKind k);

struct Award {
  std::int64_t id = 0;
  int year = 0;  // the emulation year (2021)
  std::int64_t granting_unit_id = 0;
  RecipientKind recipient_kind = RecipientKind::kCollective;
  AwardTitle title = AwardTitle::kCertificateOfMerit;
  bool with_certificate = false;          // kèm bằng khen
  std::string recipient;                  // name of the collective or the person
  std::string recipient_unit;             // the person's or collective's organisation, may be empty
  std::int64_t decision_document_id = 0;  // work::Document (a decision)
  std::string recorded_by;
  std::string recorded_at;
};

struct AwardCounts {
  int collectives = 0, individuals = 0;
};
AwardCounts count_awards(const std::vector<Award>& awards);

nlohmann::json to_json(const Body& b);
nlohmann::json to_json(const Term& t);
nlohmann::json to_json(const Member& m);
nlohmann::json to_json(const Meeting& m);
nlohmann::json to_json(const AgendaItem& i);
nlohmann::json to_json(const Application& a);
nlohmann::json to_json(const Membership& m);
nlohmann::json to_json(const Award& a);

}  // namespace htx::governance
