#include "fund/fund.hpp"

#include <algorithm>

#include "core/enum_code_functions.hpp"

namespace htx::fund {

namespace {

constexpr enum_codes::Codes<FundLevel, 2> kLevels{{"central", "provincial"}};
constexpr enum_codes::Codes<Channel, 2> kChannels{{"direct", "entrusted"}};
constexpr enum_codes::Codes<Method, 3> kMethods{
    {"equal_principal", "equal_instalment", "principal_at_maturity"}};
constexpr enum_codes::Codes<DayCount, 2> kDayCounts{{"actual365", "actual360"}};
constexpr enum_codes::Codes<Rounding, 3> kRoundings{{"half_up", "down", "up"}};
constexpr enum_codes::Codes<Bucket, 3> kBuckets{{"overdue_interest", "interest", "principal"}};
constexpr enum_codes::Codes<ApplicationStatus, 6> kApplicationStatuses{
    {"received", "appraised", "approved", "rejected", "contracted", "withdrawn"}};
constexpr enum_codes::Codes<LoanState, 3> kLoanStates{{"active", "closed", "written_off"}};
constexpr enum_codes::Codes<MovementKind, 3> kMovementKinds{
    {"disbursement", "repayment", "write_off"}};
constexpr enum_codes::Codes<MovementState, 3> kMovementStates{{"pending", "approved", "rejected"}};

Error bad(const char* field, const char* key, std::string value) {
  return Error::invalid(field, key, {{"value", std::move(value)}});
}

}  // namespace

// Each enum's code and look-up from its table above.
HTX_ENUM_CODES(FundLevel, fund_level_from_code, kLevels)
HTX_ENUM_CODES(Channel, channel_from_code, kChannels)
HTX_ENUM_CODES(Method, method_from_code, kMethods)
HTX_ENUM_CODES(DayCount, day_count_from_code, kDayCounts)
HTX_ENUM_CODES(Rounding, rounding_from_code, kRoundings)
HTX_ENUM_CODES(Bucket, bucket_from_code, kBuckets)
HTX_ENUM_CODES(ApplicationStatus, application_status_from_code, kApplicationStatuses)
HTX_ENUM_CODES(LoanState, loan_state_from_code, kLoanStates)
HTX_ENUM_CODES(MovementKind, movement_kind_from_code, kMovementKinds)
HTX_ENUM_CODES(MovementState, movement_state_from_code, kMovementStates)
#undef HTX_FUND_CODES

namespace {

// The contract's terms as the schedule takes them (its rate parsed), with the payment day.
Result<ScheduleTerms> schedule_terms(const ContractTerms& t, int payment_day) {
  auto rate = parse_rate(t.rate);
  if (!rate) return bad("rate", "fund.bad_rate", t.rate);
  return ScheduleTerms{t.method,
                       *rate,
                       t.day_count,
                       t.term_months,
                       t.principal_grace_months,
                       t.interest_grace_months,
                       t.rounding,
                       t.multiple,
                       payment_day};
}

}  // namespace

Result<LoanRecord> loan_record(const Loan& loan, const std::vector<Movement>& movements,
                               const std::vector<RestructuringRecord>& restructurings) {
  LoanRecord r;
  auto terms = schedule_terms(loan.terms, loan.payment_day);
  if (!terms) return terms.error();
  r.terms = *terms;
  auto late = parse_rate(loan.late_rate);
  if (!late) return bad("late_rate", "fund.bad_rate", loan.late_rate);
  r.policy.overdue_principal_percent = loan.overdue_percent;
  r.policy.late_interest_rate = *late;
  r.policy.order.clear();
  for (const auto& code : loan.order) {
    auto b = bucket_from_code(code);
    if (!b) return bad("order", "fund.allocation_order", code);
    r.policy.order.push_back(*b);
  }
  for (const auto& m : movements) {
    if (m.state != MovementState::kApproved) continue;
    switch (m.kind) {
      case MovementKind::kDisbursement:
        r.disbursements.push_back({m.on, m.amount});
        break;
      case MovementKind::kRepayment:
        r.repayments.push_back({m.on, m.amount});
        break;
      case MovementKind::kWriteOff:
        r.written_off_on = m.on;
        break;
    }
  }
  std::stable_sort(r.disbursements.begin(), r.disbursements.end(),
                   [](const Disbursement& a, const Disbursement& b) { return a.on < b.on; });
  for (const auto& x : restructurings) {
    auto terms = schedule_terms(x.terms, 0);
    if (!terms) return terms.error();
    Restructuring out;
    out.on = x.on;
    out.terms = *terms;
    out.interest_waived = x.interest_waived;
    out.covid_relief = x.covid_relief;
    out.reason = x.reason;
    out.legal_basis = x.legal_basis;
    r.restructurings.push_back(std::move(out));
  }
  std::stable_sort(r.restructurings.begin(), r.restructurings.end(),
                   [](const Restructuring& a, const Restructuring& b) { return a.on < b.on; });
  return r;
}

std::int64_t discounted_value(const std::vector<Collateral>& collateral) {
  std::int64_t total = 0;
  for (const auto& c : collateral)
    total += static_cast<std::int64_t>(static_cast<__int128>(c.appraised_value) *
                                       (100 - c.discount_percent) / 100);
  return total;
}

int deadline_days(const Product& product, int term_months) {
  for (std::size_t i = 0; i < product.deadline_terms.size() && i < product.deadline_days.size();
       ++i)
    if (term_months <= product.deadline_terms[i]) return static_cast<int>(product.deadline_days[i]);
  return product.deadline_days.empty() ? 0 : static_cast<int>(product.deadline_days.back());
}

}  // namespace htx::fund
