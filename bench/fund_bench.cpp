// The support fund's engine (issue 12), in the same run:
//   1. a 360-instalment schedule (30 years, equal instalments, monthly): HTX's build_schedule
//      against a bare loop doing only the arithmetic a schedule needs (360 interest lines and
//      the annuity), best of many;
//   2. the month-end classification of N loans (default 100.000: each with its schedule,
//      disbursements, a repayment a month, some late, some restructured): replay + debt group
//      of every loan as of the month's end, against replaying them alone (the group's extra).
// Prints the times and the ratios. See bench/README.md.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "fund/classification.hpp"
#include "fund/loan.hpp"
#include "fund/rules.hpp"
#include "fund/schedule.hpp"

namespace {

using namespace htx;
using namespace htx::fund;
using Timer = std::chrono::steady_clock;

double us_since(Timer::time_point t) {
  return std::chrono::duration<double, std::micro>(Timer::now() - t).count();
}

Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// The arithmetic alone: the annuity in doubles, 360 lines of balance × days × rate in 128 bits.
std::int64_t bare_schedule(std::int64_t amount, std::int64_t micro_percent_year, Date first) {
  double r = static_cast<double>(micro_percent_year) / 1e8 / 12;
  double a = static_cast<double>(amount) * r / (1 - std::pow(1 + r, -360.0));
  auto per = static_cast<std::int64_t>(std::floor(a + 0.5));
  std::int64_t balance = amount, total = 0;
  int from = first.days();
  for (int k = 1; k <= 360; ++k) {
    int to = due_date(first, k, first.day()).days();
    auto interest = static_cast<std::int64_t>(
        (static_cast<__int128>(balance) * (to - from) * micro_percent_year + 18'250'000'000LL) /
        36'500'000'000LL);
    auto principal = k == 360 ? balance : std::min(balance, per - interest);
    balance -= principal;
    total += interest;
    from = to;
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  int loans = 100'000;
  std::string data_dir = HTX_BENCH_DATA_DIR;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--loans") loans = std::atoi(argv[i + 1]);
    if (a == "--data-dir") data_dir = argv[i + 1];
  }
  auto rules = FundRules::load(data_dir);

  // 1. A 360-instalment schedule.
  ScheduleTerms t;
  t.method = Method::kEqualInstalment;
  t.rate = *parse_rate("7,2%/năm");
  t.term_months = 360;
  const Date start = day(2024, 1, 15);
  const std::vector<Disbursement> ds{{start, 2'000'000'000}};
  double best_htx = 1e18, best_bare = 1e18;
  std::int64_t sink = 0;
  for (int round = 0; round < 200; ++round) {
    auto t0 = Timer::now();
    auto s = build_schedule(t, ds);
    best_htx = std::min(best_htx, us_since(t0));
    sink += s->interest;
    t0 = Timer::now();
    sink += bare_schedule(2'000'000'000, t.rate.micro_percent, start);
    best_bare = std::min(best_bare, us_since(t0));
  }
  std::printf(
      "schedule_360: htx %.1f us, bare arithmetic %.1f us, ratio %.2f (target: well under "
      "1000 us)\n",
      best_htx, best_bare, best_htx / best_bare);

  // 2. Month-end classification.
  std::mt19937_64 rng(20'200'331);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<LoanRecord> book;
  book.reserve(static_cast<std::size_t>(loans));
  const Date month_end = day(2022, 12, 31);
  for (int i = 0; i < loans; ++i) {
    LoanRecord l;
    l.terms.method = static_cast<Method>(i % 3);
    l.terms.rate = {pick(300, 900) * 10'000, RateUnit::kPerYear};
    l.terms.term_months = pick(12, 60);
    Date first = Date::from_days(day(2018, 1, 1).days() + pick(0, 1'600));
    l.disbursements = {{first, std::int64_t{pick(50, 3'000)} * 1'000'000}};
    auto s = build_schedule(l.terms, l.disbursements);
    const int late = i % 7 == 0 ? pick(1, 200) : 0;
    for (const auto& line : s->lines) {
      if (line.due_on > month_end) break;
      if (i % 11 == 0 && line.number > l.terms.term_months / 2) break;  // stopped paying
      l.repayments.push_back({line.due_on.add_days(late), line.total()});
    }
    if (i % 13 == 0 && s->lines.size() > 6) {
      Restructuring x;
      x.on = s->lines[5].due_on.add_days(3);
      x.terms = l.terms;
      x.terms.term_months = pick(12, 36);
      x.covid_relief = i % 26 == 0;
      l.restructurings.push_back(x);
      std::erase_if(l.repayments, [&](const Repayment& r) { return r.on > x.on; });
    }
    book.push_back(std::move(l));
  }
  auto t0 = Timer::now();
  std::int64_t outstanding = 0;
  for (const auto& l : book)
    if (auto p = replay(l, month_end)) outstanding += p->principal_outstanding;
  const double replay_ms = us_since(t0) / 1000;
  t0 = Timer::now();
  int groups[6] = {0, 0, 0, 0, 0, 0};
  for (const auto& l : book)
    if (auto c = classify(l, rules, month_end)) ++groups[c->group];
  const double classify_ms = us_since(t0) / 1000;
  std::printf(
      "month_end_classification: %d loans, replay alone %.0f ms, replay + debt group "
      "%.0f ms (%.1f us a loan), ratio %.2f; outstanding %lld đ; groups 1-5: %d %d %d %d "
      "%d\n",
      loans, replay_ms, classify_ms, classify_ms * 1000 / loans, classify_ms / replay_ms,
      static_cast<long long>(outstanding), groups[1], groups[2], groups[3], groups[4], groups[5]);
  return sink == 42 ? 1 : 0;
}
