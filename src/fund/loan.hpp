// A loan's life replayed from its records (issue 12 §3–§5): the disbursements, repayments,
// restructurings and write-off as entered, in date order, give what is owed, due, overdue and
// paid as of any date, how each repayment was allocated, and the balanced entries of the fund's
// ledger — all in whole đồng.
//
// The rules (Circular 39/2016/TT-NHNN art. 13; Circular 14/2017/TT-NHNN):
// - interest accrues on the principal not yet due: Σ balance × days × rate / year, rounded once a
//   period on its due date (the schedule's formula, so a loan repaid as scheduled pays exactly
//   the schedule's interest); interest of the grace periods falls due with the first instalment
//   after them;
// - principal unpaid after its due day is overdue and bears the overdue rate (a percentage of the
//   contract rate, at most the cap in data/fund/parameters.csv) instead of the contract rate;
//   interest unpaid after its due day bears the late rate (at most 10 %/year), never compounded;
// - a repayment pays what is due in the product's stated order (by default overdue interest,
//   then interest, then principal; oldest first within each); what is left pays the interest
//   accrued to that day and then principal not yet due, from the last instalment backwards (the
//   term shortens, the instalments keep their amounts);
// - a restructuring reschedules all unpaid principal from its date under new terms (a new
//   version of the schedule); the interest then unpaid falls due with the new first instalment,
//   less what is waived.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "fund/schedule.hpp"

namespace htx::fund {

// What a repayment pays, in the order a product states.
enum class Bucket {
  kOverdueInterest,  // lãi quá hạn (on overdue principal) and lãi chậm trả (on unpaid interest)
  kInterest,         // lãi trong hạn
  kPrincipal,        // gốc
};

struct LoanPolicy {
  // The overdue rate as a percentage of the contract rate (Circular 39/2016 art. 13 §4a: ≤ 150).
  int overdue_principal_percent = 150;
  // The late rate on unpaid interest (art. 13 §4b: ≤ 10 %/năm).
  Rate late_interest_rate{10'000'000, RateUnit::kPerYear};
  std::vector<Bucket> order{Bucket::kOverdueInterest, Bucket::kInterest, Bucket::kPrincipal};
};

struct Repayment {
  Date on;
  std::int64_t amount = 0;
};

struct Restructuring {
  Date on;
  ScheduleTerms terms;  // term_months counted from `on`; the rate may change, to or from zero
  std::int64_t interest_waived = 0;  // miễn, giảm lãi: of the interest owed on that day
  bool covid_relief = false;         // under Circular 01/2020/TT-NHNN (see classification.hpp)
  std::string reason, legal_basis;
};

// A loan as its records stand (the input of the replay).
struct LoanRecord {
  ScheduleTerms terms;  // the contract's: version 1 of the schedule
  LoanPolicy policy;
  std::vector<Disbursement> disbursements;
  std::vector<Repayment> repayments;
  std::vector<Restructuring> restructurings;
  std::optional<Date> written_off_on;
};

// One entry of the fund's ledger: debit and credit of the same amount.
struct LedgerEntry {
  Date on;
  std::string debit, credit;  // account codes, see kLedgerAccounts
  std::int64_t amount = 0;
  std::string memo;  // "disbursement", "interest_due", "repayment", …
};

// The fund's accounts the loan engine posts to.
inline constexpr const char* kLedgerAccounts[] = {
    "cash",                         // tiền gửi của Quỹ
    "loan_in_term",                 // cho vay trong hạn
    "loan_overdue",                 // nợ gốc quá hạn
    "interest_receivable",          // lãi phải thu
    "overdue_interest_receivable",  // lãi quá hạn, chậm trả phải thu
    "interest_income",              // thu lãi cho vay
    "overdue_interest_income",      // thu lãi quá hạn, chậm trả
    "loan_loss",                    // nợ đã xử lý rủi ro
    "recovery_income",              // thu nợ đã xử lý
};

// How one repayment was spent.
struct Allocation {
  Date on;
  std::int64_t amount = 0;
  std::int64_t overdue_interest = 0, interest = 0, principal = 0;
  std::int64_t prepaid_principal = 0;  // of principal not yet due
  std::int64_t recovered = 0;          // after a write-off
};

enum class LoanStatus { kActive, kClosed, kWrittenOff };

// The loan as of a date.
struct LoanPosition {
  Date as_of;
  LoanStatus status = LoanStatus::kActive;
  std::optional<Date> closed_on;
  std::int64_t disbursed = 0;
  std::int64_t principal_outstanding = 0;  // in term + overdue
  std::int64_t principal_overdue = 0;
  std::int64_t interest_unpaid = 0;   // fallen due or deferred, not paid
  std::int64_t interest_overdue = 0;  // of which past its due day
  std::int64_t interest_accrued = 0;  // accrued since the last due date, rounded to the as-of day
  std::int64_t overdue_interest = 0;  // overdue and late interest owed, accrued to the as-of day
  std::int64_t paid_principal = 0, paid_interest = 0, paid_overdue_interest = 0;
  std::int64_t written_off_principal = 0, written_off_interest = 0, recovered = 0;
  int days_overdue = 0;  // since the oldest unpaid due date
  int restructurings = 0;
  bool overdue_after_restructuring = false;
  std::vector<Allocation> allocations;
  std::vector<Schedule> versions;  // the schedule as contracted, then after each restructuring
  std::vector<LedgerEntry> ledger;
  // The next due date after as_of with what falls due then, if any.
  std::optional<Instalment> next_instalment;
  // What a repayment on as_of would have to be to close the loan.
  std::int64_t payoff() const {
    return principal_outstanding + interest_unpaid + interest_accrued + overdue_interest;
  }
};

// The loan replayed up to and including `as_of`. Refused (invalid, naming the field, nothing
// computed): bad terms (as build_schedule), a repayment of zero or less ("amount") or dated before
// the first disbursement ("on"), a repayment above what is owed that day ("amount"), a repayment
// or restructuring of a closed loan ("on", conflict), a disbursement after a restructuring
// ("on"), a restructuring with nothing outstanding or dated before an earlier one ("on"), a waiver
// above the interest owed ("interest_waived"), an overdue or late rate above its cap (the caller
// checks the policy against FundRules; see check_policy).
Result<LoanPosition> replay(const LoanRecord& loan, Date as_of);

// The policy within the caps of data/fund/parameters.csv (overdue percent, late rate).
Result<bool> check_policy(const LoanPolicy& policy, int overdue_percent_cap,
                          std::int64_t late_rate_cap_micro_percent_per_year);

// Σ debit − Σ credit of one account over the entries.
std::int64_t account_balance(const std::vector<LedgerEntry>& ledger, const std::string& account);

}  // namespace htx::fund
