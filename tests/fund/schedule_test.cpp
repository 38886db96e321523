// The fund's schedules: the reference case of DOMAIN.md to the đồng, rates as contracts write
// them, and 240 random loans (every method, both day counts, both rate units, grace on principal
// and on interest, tranches, multiples of 1.000 đ, each rounding) reproduced line by line by an
// independent computation in exact fractions (reference_schedule.py), with the properties every
// schedule must have.
#include "fund/schedule.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "random_loans.hpp"
#include "support/prerequisite.hpp"
#include "support/python.hpp"
#include "support/temp_dir.hpp"

namespace htx::fund {
namespace {

ScheduleTerms reference_terms() {
  ScheduleTerms t;
  t.method = Method::kEqualPrincipal;
  t.rate = *parse_rate("4,8%/năm");
  t.day_count = DayCount::kActual365;
  t.term_months = 24;
  t.principal_grace_months = 3;
  return t;
}

TEST(Schedule, TheReferenceCaseToTheDong) {
  // 500.000.000 đ at 4,8 %/năm, 24 months, 3 months' principal grace, equal principal after,
  // actual/365, disbursed 15/01/2024, instalments on the 15th, half up per line.
  auto s = build_schedule(reference_terms(), {{d(2024, 1, 15), 500'000'000}});
  ASSERT_TRUE(s.ok()) << s.error().key;
  ASSERT_EQ(s->lines.size(), 24u);
  EXPECT_EQ(s->lines[0].due_on, d(2024, 2, 15));
  EXPECT_EQ(s->lines[0].days, 31);
  EXPECT_EQ(s->lines[0].interest, 2'038'356);
  EXPECT_EQ(s->lines[0].principal, 0);
  EXPECT_EQ(s->lines[2].principal, 0);
  EXPECT_EQ(s->lines[3].principal, 23'809'524);
  EXPECT_EQ(s->interest, 28'014'091);
  EXPECT_EQ(s->principal, 500'000'000);
  EXPECT_EQ(s->lines.back().balance, 0);
  EXPECT_EQ(s->lines.back().due_on, d(2026, 1, 15));
  EXPECT_GT(s->lines.back().principal, 0);
}

TEST(Schedule, RatesAreKeptAsWrittenAndAccrueByTheirPeriod) {
  auto year = parse_rate("4,8 %/năm");
  ASSERT_TRUE(year);
  EXPECT_EQ(*year, (Rate{4'800'000, RateUnit::kPerYear}));
  EXPECT_EQ(*parse_rate("4.8%/year"), *year);
  auto month = parse_rate("0,4%/tháng");
  ASSERT_TRUE(month);
  EXPECT_EQ(*month, (Rate{400'000, RateUnit::kPerMonth}));
  EXPECT_EQ(format_rate(*month), "0,4 %/tháng");
  EXPECT_EQ(format_rate(Rate{4'866'667, RateUnit::kPerYear}), "4,866667 %/năm");
  for (const char* bad : {"", "4,8", "4,8%", "4,8%/tuần", "abc%/năm", "-1%/năm", "0,1234567%/năm"})
    EXPECT_FALSE(parse_rate(bad)) << bad;
  // 0,4 %/tháng is 0,4/30 % a day: over a year of 365 days 4,8667 %, not 4,8 %.
  EXPECT_EQ(interest_for(1'000'000'000, 365, *month, DayCount::kActual365, Rounding::kHalfUp),
            48'666'667);
  EXPECT_EQ(interest_for(1'000'000'000, 365, *year, DayCount::kActual365, Rounding::kHalfUp),
            48'000'000);
  // A 360-day product gives 360-day interest (not 365-day interest).
  EXPECT_EQ(interest_for(1'000'000'000, 31, *year, DayCount::kActual360, Rounding::kHalfUp),
            4'133'333);
  EXPECT_EQ(interest_for(1'000'000'000, 31, *year, DayCount::kActual365, Rounding::kHalfUp),
            4'076'712);
  EXPECT_EQ(interest_for(1'000, 1, *year, DayCount::kActual365, Rounding::kUp), 1);
  EXPECT_EQ(interest_for(1'000, 1, *year, DayCount::kActual365, Rounding::kDown), 0);
}

TEST(Schedule, DueDatesFallOnThePaymentDayOrTheMonthsLastDay) {
  EXPECT_EQ(due_date(d(2024, 1, 31), 1, 31), d(2024, 2, 29));
  EXPECT_EQ(due_date(d(2024, 1, 31), 2, 31), d(2024, 3, 31));
  EXPECT_EQ(due_date(d(2023, 11, 30), 3, 30), d(2024, 2, 29));
  EXPECT_EQ(due_date(d(2024, 12, 15), 1, 15), d(2025, 1, 15));
}

TEST(Schedule, MultiplesOfAThousandLeaveTheRemainderOnTheLast) {
  auto t = reference_terms();
  t.multiple = 1'000;
  auto s = build_schedule(t, {{d(2024, 1, 15), 500'000'000}});
  ASSERT_TRUE(s.ok());
  for (std::size_t i = 3; i + 1 < s->lines.size(); ++i)
    EXPECT_EQ(s->lines[i].principal, 23'809'000);
  // Never short: rounded down, the last takes 500.000.000 − 20 × 23.809.000.
  EXPECT_EQ(s->lines.back().principal, 23'820'000);
}

TEST(Schedule, BadTermsAreRefusedOnTheirField) {
  struct Case {
    ScheduleTerms terms;
    std::vector<Disbursement> ds;
    std::string field, key;
  };
  auto t = reference_terms();
  auto with = [&](auto change) {
    auto c = t;
    change(c);
    return c;
  };
  const std::vector<Disbursement> one = {{d(2024, 1, 15), 500'000'000}};
  const std::vector<Case> cases = {
      {with([](auto& c) { c.term_months = 0; }), one, "term_months", "fund.term_out_of_range"},
      {with([](auto& c) { c.principal_grace_months = 24; }), one, "principal_grace_months",
       "fund.grace_too_long"},
      {with([](auto& c) { c.interest_grace_months = -1; }), one, "interest_grace_months",
       "fund.grace_too_long"},
      {with([](auto& c) { c.rate.micro_percent = -1; }), one, "rate", "fund.rate_negative"},
      {with([](auto& c) { c.multiple = 0; }), one, "multiple", "fund.multiple"},
      {t, {}, "disbursements", "fund.no_disbursement"},
      {t, {{d(2024, 1, 15), 0}}, "amount", "fund.amount_not_positive"},
      {t, {{d(2024, 1, 15), 1}, {d(2024, 1, 10), 1}}, "on", "fund.disbursement_order"},
      {t, {{d(2024, 1, 15), 1}, {d(2026, 1, 15), 1}}, "on", "fund.disbursement_after_term"},
  };
  for (const auto& c : cases) {
    auto s = build_schedule(c.terms, c.ds);
    ASSERT_FALSE(s.ok()) << c.key;
    EXPECT_EQ(s.error().field, c.field) << c.key;
    EXPECT_EQ(s.error().key, c.key) << c.field;
  }
}

// ---- random loans against the independent reference -------------------------------------------

TEST(Schedule, RandomLoansMatchTheIndependentReferenceToTheDong) {
  HTX_REQUIRE(!htx::testing::plain_python().empty(), "python3 not found");
  const auto loans = random_loans(240);
  std::vector<nlohmann::json> in;
  for (const auto& l : loans) in.push_back(case_json(l));
  std::string failure;
  const auto answers = run_reference(HTX_FUND_REFERENCE, in, failure);
  ASSERT_TRUE(failure.empty()) << failure;
  int methods_seen[3] = {0, 0, 0};
  for (std::size_t i = 0; i < loans.size(); ++i) {
    const auto& expected = answers[i];
    const auto& l = loans[i];
    auto s = build_schedule(l.terms, l.ds);
    ASSERT_TRUE(s.ok()) << i << ": " << s.error().key << " " << case_json(l).dump();
    ASSERT_EQ(s->lines.size(), expected.size()) << i;
    std::int64_t disbursed = 0, accrued = 0;
    for (const auto& x : l.ds) disbursed += x.amount;
    for (std::size_t k = 0; k < s->lines.size(); ++k) {
      const auto& got = s->lines[k];
      const auto& want = expected[k];
      ASSERT_EQ(got.due_on.iso(), want[0].get<std::string>()) << i << "/" << k;
      ASSERT_EQ(got.days, want[1].get<int>()) << i << "/" << k;
      ASSERT_EQ(got.principal, want[2].get<std::int64_t>())
          << "case " << i << " line " << k + 1 << " " << case_json(l).dump();
      ASSERT_EQ(got.interest, want[3].get<std::int64_t>())
          << "case " << i << " line " << k + 1 << " " << case_json(l).dump();
      ASSERT_EQ(got.balance, want[4].get<std::int64_t>()) << i << "/" << k;
      // The properties of every schedule: nothing negative, the balance falling by the
      // principal, interest within a đồng of balance × days × rate / year.
      EXPECT_GE(got.principal, 0);
      EXPECT_GE(got.balance, 0);
      accrued += got.accrued;
    }
    EXPECT_EQ(s->principal, disbursed) << i;
    EXPECT_EQ(s->disbursed, disbursed) << i;
    EXPECT_EQ(s->lines.back().balance, 0) << i;
    EXPECT_EQ(s->interest, accrued) << i << ": deferred interest is all paid by the end";
    ++methods_seen[static_cast<int>(l.terms.method)];
  }
  for (int m : methods_seen) EXPECT_EQ(m, 80);
}

TEST(Schedule, TheSameLoanGivesTheSameSchedule) {
  auto loans = random_loans(30);
  for (const auto& l : loans) {
    auto a = build_schedule(l.terms, l.ds), b = build_schedule(l.terms, l.ds);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->lines.size(), b->lines.size());
    for (std::size_t k = 0; k < a->lines.size(); ++k) {
      EXPECT_EQ(a->lines[k].principal, b->lines[k].principal);
      EXPECT_EQ(a->lines[k].interest, b->lines[k].interest);
    }
  }
}

}  // namespace
}  // namespace htx::fund
