#include "fund/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.hpp"

namespace htx::fund {

namespace {

using i128 = __int128;

constexpr std::int64_t kMicroPercentPerUnit = 100'000'000;  // 1 = 100 % = 10^8 µ%

// Days in the rate's period: 30 for a monthly rate, the year's days for a yearly one.
std::int64_t rate_days(const Rate& rate, DayCount day_count) {
  if (rate.unit == RateUnit::kPerMonth) return 30;
  return day_count == DayCount::kActual360 ? 360 : 365;
}

std::int64_t divide(i128 numerator, i128 denominator, Rounding rounding) {
  i128 q = numerator / denominator, r = numerator % denominator;
  switch (rounding) {
    case Rounding::kDown:
      break;
    case Rounding::kUp:
      if (r > 0) ++q;
      break;
    case Rounding::kHalfUp:
      if (2 * r >= denominator) ++q;
      break;
  }
  return static_cast<std::int64_t>(q);
}

// An amount per instalment: rounded by the rule when multiple is 1, else down to the multiple.
std::int64_t per_instalment(i128 numerator, i128 denominator, const ScheduleTerms& t) {
  if (t.multiple <= 1) return divide(numerator, denominator, t.rounding);
  return divide(numerator, denominator * t.multiple, Rounding::kDown) * t.multiple;
}

// The equal instalment that repays `balance` over `count` months at the rate's monthly rate.
std::int64_t annuity(std::int64_t balance, int count, const ScheduleTerms& t) {
  if (t.rate.micro_percent == 0) return per_instalment(balance, count, t);
  // In double precision, as a bank's calculator works it out, then to a millionth of a đồng;
  // from there on exact.
  double r = static_cast<double>(t.rate.micro_percent) / 1e8;
  if (t.rate.unit == RateUnit::kPerYear) r /= 12;
  double a = static_cast<double>(balance) * r / (1 - std::pow(1 + r, -static_cast<double>(count)));
  constexpr std::int64_t kScale = 1'000'000;
  auto scaled = static_cast<i128>(std::floor(a * 1e6 + 0.5));
  return per_instalment(scaled, kScale, t);
}

Error invalid(const char* field, const char* key, std::map<std::string, std::string> p = {}) {
  return Error::invalid(field, key, std::move(p));
}

}  // namespace

std::optional<Rate> parse_rate(std::string_view text) {
  auto t = text::fold(text::trim(text));
  std::erase(t, ' ');
  auto pct = t.find("%/");
  if (pct == std::string::npos) return std::nullopt;
  auto unit = t.substr(pct + 2);
  Rate rate;
  if (unit == "nam" || unit == "year")
    rate.unit = RateUnit::kPerYear;
  else if (unit == "thang" || unit == "month")
    rate.unit = RateUnit::kPerMonth;
  else
    return std::nullopt;
  auto d = text::parse_decimal(t.substr(0, pct));
  if (!d || d->scale > 6 || d->mantissa < 0) return std::nullopt;
  std::int64_t v = d->mantissa;
  for (int i = d->scale; i < 6; ++i) v *= 10;
  rate.micro_percent = v;
  return rate;
}

std::string format_rate(const Rate& rate) {
  auto whole = rate.micro_percent / 1'000'000;
  auto frac = rate.micro_percent % 1'000'000;
  std::string out = std::to_string(whole);
  if (frac) {
    auto digits = std::to_string(frac + 1'000'000).substr(1);
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += "," + digits;
  }
  return out + (rate.unit == RateUnit::kPerYear ? " %/năm" : " %/tháng");
}

Date due_date(Date first, int k, int day) {
  int months = first.month() - 1 + k;
  int year = first.year() + months / 12, month = months % 12 + 1;
  for (int d = day; d > 0; --d)
    if (auto date = Date::from_ymd(year, month, d)) return *date;
  return first;  // unreachable: every month has a 28th
}

std::int64_t interest_for(std::int64_t balance, int days, const Rate& rate, DayCount day_count,
                          Rounding rounding) {
  return divide(static_cast<i128>(balance) * days * rate.micro_percent,
                static_cast<i128>(kMicroPercentPerUnit) * rate_days(rate, day_count), rounding);
}

Result<Schedule> build_schedule(const ScheduleTerms& t, const std::vector<Disbursement>& ds) {
  const int n = t.term_months;
  if (n < 1 || n > 600) return invalid("term_months", "fund.term_out_of_range");
  if (t.principal_grace_months < 0 || t.principal_grace_months >= n)
    return invalid("principal_grace_months", "fund.grace_too_long");
  if (t.interest_grace_months < 0 || t.interest_grace_months >= n)
    return invalid("interest_grace_months", "fund.grace_too_long");
  if (t.rate.micro_percent < 0) return invalid("rate", "fund.rate_negative");
  if (t.multiple < 1) return invalid("multiple", "fund.multiple");
  if (t.payment_day < 0 || t.payment_day > 31) return invalid("payment_day", "fund.payment_day");
  if (ds.empty()) return invalid("disbursements", "fund.no_disbursement");
  const Date first = ds.front().on;
  const int day = t.payment_day ? t.payment_day : first.day();
  const Date last_due = due_date(first, n, day);
  for (std::size_t i = 0; i < ds.size(); ++i) {
    if (ds[i].amount <= 0) return invalid("amount", "fund.amount_not_positive");
    if (i && ds[i].on < ds[i - 1].on) return invalid("on", "fund.disbursement_order");
    if (ds[i].on >= last_due) return invalid("on", "fund.disbursement_after_term");
  }

  Schedule s;
  std::int64_t balance = 0, deferred = 0, per = 0;
  bool recompute = true;
  std::size_t j = 0;
  Date from = first;
  const i128 denominator = static_cast<i128>(kMicroPercentPerUnit) * rate_days(t.rate, t.day_count);
  for (int k = 1; k <= n; ++k) {
    Instalment line;
    line.number = k;
    line.period_from = from;
    line.due_on = due_date(first, k, day);
    line.days = line.due_on.days() - from.days();
    // Σ balance × days over the period, the balance changing on each disbursement in it.
    i128 balance_days = 0;
    Date at = from;
    for (; j < ds.size() && ds[j].on < line.due_on; ++j) {
      balance_days += static_cast<i128>(balance) * (ds[j].on.days() - at.days());
      at = ds[j].on;
      balance += ds[j].amount;
      s.disbursed += ds[j].amount;
      recompute = true;
    }
    balance_days += static_cast<i128>(balance) * (line.due_on.days() - at.days());
    line.accrued = divide(balance_days * t.rate.micro_percent, denominator, t.rounding);
    if (k <= t.interest_grace_months) {
      deferred += line.accrued;
    } else {
      line.interest = line.accrued + deferred;
      deferred = 0;
    }
    if (k > t.principal_grace_months) {
      const int remaining = n - k + 1;
      switch (t.method) {
        case Method::kEqualPrincipal:
          if (recompute) per = per_instalment(balance, remaining, t);
          line.principal = k == n ? balance : std::min(per, balance);
          break;
        case Method::kEqualInstalment:
          if (recompute) per = annuity(balance, remaining, t);
          line.principal =
              k == n ? balance : std::clamp(per - line.accrued, std::int64_t{0}, balance);
          break;
        case Method::kPrincipalAtMaturity:
          line.principal = k == n ? balance : 0;
          break;
      }
      recompute = false;
    }
    balance -= line.principal;
    line.balance = balance;
    s.principal += line.principal;
    s.interest += line.interest;
    s.lines.push_back(line);
    from = line.due_on;
  }
  return s;
}

}  // namespace htx::fund
