// The Cooperative Development Support Fund's records (issue 12): funds, loan products,
// applications with their appraisal, credit council decision and contract, loans, their money
// movements (entered, then approved by another user where four eyes apply) and restructurings.
// What a loan owes as of a date is not stored: it is replayed from these records (loan.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "fund/loan.hpp"
#include "fund/schedule.hpp"

namespace htx::fund {

enum class FundLevel { kCentral, kProvincial };
std::string_view to_code(FundLevel l);  // "central", "provincial"
std::optional<FundLevel> fund_level_from_code(std::string_view code);

enum class Channel { kDirect, kEntrusted };
std::string_view to_code(Channel c);  // "direct", "entrusted"
std::optional<Channel> channel_from_code(std::string_view code);

std::string_view to_code(
    Method m);  // "equal_principal", "equal_instalment", "principal_at_maturity"
std::optional<Method> method_from_code(std::string_view code);
std::string_view to_code(DayCount c);  // "actual365", "actual360"
std::optional<DayCount> day_count_from_code(std::string_view code);
std::string_view to_code(Rounding r);  // "half_up", "down", "up"
std::optional<Rounding> rounding_from_code(std::string_view code);
std::string_view to_code(Bucket b);  // "overdue_interest", "interest", "principal"
std::optional<Bucket> bucket_from_code(std::string_view code);

// A fund: the VCA's central fund, or a province's.
struct Fund {
  std::int64_t id = 0;
  std::string code;  // "QHTTW", "QHT-01"
  std::string name;
  FundLevel level = FundLevel::kCentral;
  std::string province_id;              // a provincial fund's province; empty for the central
  std::optional<std::int64_t> unit_id;  // the work programme's unit that runs it
  Channel channel = Channel::kDirect;
  std::string entrusted_to;          // the bank a fund entrusts its lending to
  std::int64_t charter_capital = 0;  // đồng
  std::vector<std::string> capital_sources;  // "Ngân sách trung ương", "Vốn ủy thác của tỉnh"…
};

// A loan product with the terms its contracts take, as written (the rate "6,6%/năm").
struct Product {
  std::int64_t id = 0;
  std::int64_t fund_id = 0;
  std::string code, name, purpose;
  std::int64_t max_amount = 0;
  int max_term_months = 60;
  int min_own_percent = 20;  // own contribution's minimum share of the project
  Method method = Method::kEqualPrincipal;
  std::string rate;  // as the contract writes it
  DayCount day_count = DayCount::kActual365;
  int principal_grace_months = 0, interest_grace_months = 0;
  Rounding rounding = Rounding::kHalfUp;
  std::int64_t multiple = 1;
  int overdue_percent = 150;
  std::string late_rate = "10%/năm";
  std::vector<std::string> order{"overdue_interest", "interest", "principal"};
  // Service deadlines by term: an application for a term up to deadline_terms[i] months is
  // answered within deadline_days[i] working days; a longer one within the last.
  std::vector<std::int64_t> deadline_terms{12, 36};
  std::vector<std::int64_t> deadline_days{5, 10, 15};
  bool active = true;
};

enum class ApplicationStatus {
  kReceived,
  kAppraised,
  kApproved,
  kRejected,
  kContracted,
  kWithdrawn
};
std::string_view to_code(ApplicationStatus s);  // "received", "appraised", "approved",
                                                // "rejected", "contracted", "withdrawn"
std::optional<ApplicationStatus> application_status_from_code(std::string_view code);

struct Collateral {
  std::string kind;  // "land_use_right", "machinery", "deposit", "guarantee"…
  std::string description;
  std::int64_t appraised_value = 0;
  int discount_percent = 0;  // the value counted: appraised × (100 − discount) %
  bool operator==(const Collateral&) const = default;
};

struct Council {
  std::string decision_number;  // "15/QĐ-QHT"
  std::optional<Date> decided_on;
  std::vector<std::string> members;
  int votes_for = 0, votes_against = 0;
  std::int64_t approved_amount = 0;
  std::string note;
};

struct Application {
  std::int64_t id = 0;
  std::int64_t fund_id = 0, product_id = 0;
  std::string borrower_code, borrower_name, province_id, sector_id;
  std::int64_t amount = 0;
  int term_months = 0;
  std::string purpose;
  std::int64_t total_investment = 0, own_contribution = 0;
  std::vector<Collateral> collateral;
  std::string guarantee;
  Date received_on;
  ApplicationStatus status = ApplicationStatus::kReceived;
  // Appraisal (thẩm định).
  std::optional<Date> appraised_on;
  std::string appraised_by, appraisal_opinion;
  std::int64_t recommended_amount = 0;
  Council council;
  // The contract, which makes the loan.
  std::string contract_number;
  std::optional<Date> contract_on;
  std::optional<std::int64_t> loan_id;
  std::string entered_by, entered_at;
};

enum class LoanState { kActive, kClosed, kWrittenOff };
std::string_view to_code(LoanState s);  // "active", "closed", "written_off"
std::optional<LoanState> loan_state_from_code(std::string_view code);

// The terms a schedule is drawn on, as a loan's contract (or a restructuring from its date)
// writes them: a loan's own, copied from the product and the application when it was signed,
// and a restructuring's new ones.
struct ContractTerms {
  Method method = Method::kEqualPrincipal;
  std::string rate;  // as the contract writes it
  DayCount day_count = DayCount::kActual365;
  int term_months = 12;
  int principal_grace_months = 0, interest_grace_months = 0;
  Rounding rounding = Rounding::kHalfUp;
  std::int64_t multiple = 1;
};

// A loan: the contract's terms, copied from the product and the application when it was signed.
struct Loan {
  std::int64_t id = 0;
  std::int64_t fund_id = 0, product_id = 0, application_id = 0;
  std::string contract_number;
  Date contract_on;
  std::string borrower_code, borrower_name, province_id, sector_id, purpose;
  std::int64_t approved_amount = 0;
  ContractTerms terms;
  int payment_day = 0;
  int overdue_percent = 150;
  std::string late_rate = "10%/năm";
  std::vector<std::string> order{"overdue_interest", "interest", "principal"};
  std::int64_t discounted_collateral = 0;
  LoanState state = LoanState::kActive;  // kept in step with the replay, for lists
};

enum class MovementKind { kDisbursement, kRepayment, kWriteOff };
std::string_view to_code(MovementKind k);  // "disbursement", "repayment", "write_off"
std::optional<MovementKind> movement_kind_from_code(std::string_view code);

enum class MovementState { kPending, kApproved, kRejected };
std::string_view to_code(MovementState s);  // "pending", "approved", "rejected"
std::optional<MovementState> movement_state_from_code(std::string_view code);

struct Movement {
  std::int64_t id = 0;
  std::int64_t loan_id = 0;
  MovementKind kind = MovementKind::kRepayment;
  Date on;
  std::int64_t amount = 0;
  MovementState state = MovementState::kPending;
  std::string note;
  std::string entered_by, entered_at, approved_by, approved_at;
};

// A restructuring as recorded: the new terms from its date, a waiver, its reason and legal basis.
struct RestructuringRecord {
  std::int64_t id = 0;
  std::int64_t loan_id = 0;
  int version = 2;  // the schedule's version it makes (the contract's is 1)
  Date on;
  ContractTerms terms;  // from `on`
  std::int64_t interest_waived = 0;
  bool covid_relief = false;
  std::string reason, legal_basis;
  std::string entered_by, entered_at;
};

// One posted entry of a fund's ledger (fund_ledger).
struct PostedEntry {
  std::int64_t id = 0;
  std::int64_t fund_id = 0, loan_id = 0;
  Date on;
  std::string debit, credit;
  std::int64_t amount = 0;
  std::string memo;
};

// The loan as the replay takes it: its terms, approved movements and restructurings. Refused
// (invalid, naming the field) when a rate or the repayment order does not parse.
Result<LoanRecord> loan_record(const Loan& loan, const std::vector<Movement>& movements,
                               const std::vector<RestructuringRecord>& restructurings);

// The value collateral counts for: Σ appraised × (100 − discount) / 100, rounded down.
std::int64_t discounted_value(const std::vector<Collateral>& collateral);

// The service deadline of an application for `term_months` under the product, in working days.
int deadline_days(const Product& product, int term_months);
// (The working day a deadline falls on: FundRules::add_working_days, holidays counted.)

}  // namespace htx::fund
