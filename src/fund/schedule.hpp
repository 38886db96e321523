// The Cooperative Development Support Fund's repayment schedules, to the đồng (issue 12):
// interest = Σ balance × days × rate / year, whole đồng per line by the stated rounding, the
// principal summing exactly to what was disbursed.
//
// Rates are kept as the contract writes them (%/năm or %/tháng). After Circular 14/2017/TT-NHNN
// a yearly rate is per 365 days and a monthly rate per 30 days, so 0,4 %/tháng accrues 0,4/30 % a
// day (4,8667 %/năm, not 4,8 %); a product on a 360-day year divides a yearly rate by 360.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace htx::fund {

enum class RateUnit { kPerYear, kPerMonth };

// A rate in millionths of a percent: 4,8 %/năm = {4'800'000, kPerYear}.
struct Rate {
  std::int64_t micro_percent = 0;
  RateUnit unit = RateUnit::kPerYear;
  bool operator==(const Rate&) const = default;
};

// "4,8%/năm", "0,4 %/tháng", "4.8 %/year", "0,4%/month": nullopt when the number or the unit is
// not one of these (at most six decimals).
std::optional<Rate> parse_rate(std::string_view text);
// "4,8 %/năm".
std::string format_rate(const Rate& rate);

enum class DayCount {
  kActual365,  // actual days over a 365-day year (Circular 14/2017/TT-NHNN)
  kActual360,  // actual days over a 360-day year (a product that says so)
};

enum class Method {
  kEqualPrincipal,       // gốc chia đều, lãi theo dư nợ giảm dần
  kEqualInstalment,      // trả góp đều (gốc + lãi)
  kPrincipalAtMaturity,  // trả lãi hằng tháng, gốc cuối kỳ
};

enum class Rounding { kHalfUp, kDown, kUp };

struct ScheduleTerms {
  Method method = Method::kEqualPrincipal;
  Rate rate;
  DayCount day_count = DayCount::kActual365;
  int term_months = 12;
  int principal_grace_months = 0;  // no principal in the first n instalments
  int interest_grace_months = 0;   // interest of the first n periods falls due with the next one
  Rounding rounding = Rounding::kHalfUp;
  // Principal (equal principal) or the instalment (equal instalments) in multiples of this many
  // đồng, rounded down so that the last line takes the remainder and is never short.
  std::int64_t multiple = 1;
  int payment_day = 0;  // instalments on this day of the month; 0 = the first disbursement's day
};

struct Disbursement {
  Date on;
  std::int64_t amount = 0;
};

struct Instalment {
  int number = 0;  // 1..term
  Date period_from;
  Date due_on;
  int days = 0;
  std::int64_t principal = 0;
  std::int64_t interest = 0;  // due on this date (includes interest deferred by interest grace)
  std::int64_t accrued = 0;   // interest accrued over this period
  std::int64_t balance = 0;   // outstanding principal after this instalment
  std::int64_t total() const { return principal + interest; }
};

struct Schedule {
  std::vector<Instalment> lines;
  std::int64_t disbursed = 0;
  std::int64_t principal = 0;
  std::int64_t interest = 0;
};

// The due date of instalment k (1-based) of a loan whose first disbursement is `first` and
// whose instalments fall on `day` (the last day of a shorter month).
Date due_date(Date first, int k, int day);

// Interest on `balance` for `days` days, rounded; exact in 128-bit integers.
std::int64_t interest_for(std::int64_t balance, int days, const Rate& rate, DayCount day_count,
                          Rounding rounding);

// The schedule of the terms over the disbursements made (in date order, the first on the loan's
// start). Refused (invalid, naming the field): a term outside 1–600 months, grace longer than the
// term, a negative rate, no disbursement, an amount ≤ 0, a disbursement out of date order or on
// or after the last due date, a multiple < 1.
Result<Schedule> build_schedule(const ScheduleTerms& terms,
                                const std::vector<Disbursement>& disbursements);

}  // namespace htx::fund
