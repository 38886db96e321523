// Debt groups of replayed loans: by days overdue (each band of Circular 11/2021/TT-NHNN art. 10),
// by restructuring events, the COVID-19 relief keeping the group until its end date (Circular
// 01/2020/TT-NHNN as amended), the relief's eligibility refused on its field, and the figures a
// portfolio report adds up (PAR30, PAR90, provisions after collateral).
#include "fund/classification.hpp"

#include <gtest/gtest.h>

#include "random_loans.hpp"

namespace htx::fund {
namespace {

const FundRules& rules() {
  static const FundRules r = FundRules::load(HTX_SOURCE_DATA_DIR);
  return r;
}

// 120.000.000 đ over `months`, equal principal, 6 %/năm, from `start`.
LoanRecord loan_from(Date start, int months) {
  LoanRecord l;
  l.terms.rate = *parse_rate("6%/năm");
  l.terms.term_months = months;
  l.disbursements = {{start, 120'000'000}};
  return l;
}

// Pays every instalment of the loan's current schedule on its due date from `from` to `to`.
void pay_on_time(LoanRecord& l, Date from, Date to) {
  for (Date at = from; at <= to;) {
    auto p = replay(l, at);
    ASSERT_TRUE(p.ok()) << p.error().key;
    if (!p->next_instalment || p->next_instalment->due_on > to) return;
    const Date due = p->next_instalment->due_on;
    auto then = replay(l, due);
    ASSERT_TRUE(then.ok());
    l.repayments.push_back({due, then->principal_overdue + then->interest_overdue +
                                     then->overdue_interest + then->interest_unpaid +
                                     p->next_instalment->principal});
    at = due;
  }
}

int group_on(const LoanRecord& l, Date day) {
  auto c = classify(l, rules(), day);
  EXPECT_TRUE(c.ok()) << c.error().key;
  return c.ok() ? c->group : 0;
}

Restructuring restructuring(Date on, int months, bool covid) {
  Restructuring x;
  x.on = on;
  x.terms.rate = *parse_rate("6%/năm");
  x.terms.term_months = months;
  x.covid_relief = covid;
  x.legal_basis = covid ? "Thông tư 01/2020/TT-NHNN" : "Quy chế cho vay của Quỹ";
  return x;
}

TEST(Classification, ByDaysOverdueFromTheOldestUnpaidDueDate) {
  auto l = loan_from(d(2024, 1, 10), 12);  // first instalment due 10/02/2024, never paid
  const Date due = d(2024, 2, 10);
  EXPECT_EQ(group_on(l, due), 1);
  EXPECT_EQ(group_on(l, due.add_days(9)), 1);
  EXPECT_EQ(group_on(l, due.add_days(10)), 2);
  EXPECT_EQ(group_on(l, due.add_days(90)), 2);
  EXPECT_EQ(group_on(l, due.add_days(91)), 3);
  EXPECT_EQ(group_on(l, due.add_days(181)), 4);
  EXPECT_EQ(group_on(l, due.add_days(361)), 5);
  auto c = classify(l, rules(), due.add_days(45));
  EXPECT_EQ(c->days_overdue, 45);
}

TEST(Classification, RestructuringsRaiseTheGroupWhateverTheDays) {
  auto l = loan_from(d(2024, 1, 10), 12);
  pay_on_time(l, d(2024, 1, 10), d(2024, 3, 10));
  l.restructurings = {restructuring(d(2024, 3, 20), 18, false)};
  EXPECT_EQ(group_on(l, d(2024, 3, 19)), 1);
  EXPECT_EQ(group_on(l, d(2024, 3, 20)), 3);  // art. 10.1c: restructured once
  pay_on_time(l, d(2024, 3, 20), d(2024, 6, 20));
  EXPECT_EQ(group_on(l, d(2024, 6, 21)), 3);
  // Overdue after the first restructuring: group 4 (art. 10.1d), even one day.
  EXPECT_EQ(group_on(l, d(2024, 7, 21)), 4);
  auto twice = l;
  twice.restructurings.push_back(restructuring(d(2024, 7, 1), 12, false));
  EXPECT_EQ(group_on(twice, d(2024, 7, 1)), 4);  // art. 10.1d: restructured twice
  twice.restructurings.push_back(restructuring(d(2024, 7, 5), 12, false));
  EXPECT_EQ(group_on(twice, d(2024, 7, 5)), 5);  // art. 10.1đ: a third time
}

// A 2019 loan whose March 2020 instalment was hit by the epidemic: restructured five days late
// under Circular 01/2020, it keeps group 1 until 30/06/2022; from 01/07/2022 the restructuring
// counts (group 3).
LoanRecord covid_loan() {
  auto l = loan_from(d(2019, 6, 10), 36);
  pay_on_time(l, d(2019, 6, 10), d(2020, 2, 10));
  l.restructurings = {restructuring(d(2020, 3, 15), 36, true)};
  return l;
}

TEST(Classification, TheCovidReliefKeepsTheGroupUntilItsEndDate) {
  auto l = covid_loan();
  ASSERT_TRUE(check_covid_relief(l, l.restructurings[0], rules()).ok());
  pay_on_time(l, d(2020, 3, 15), d(2023, 3, 15));
  auto c = classify(l, rules(), d(2021, 1, 1));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->group, 1);
  EXPECT_EQ(c->kept_group, 1);
  EXPECT_EQ(c->events.restructurings, 0);
  EXPECT_EQ(group_on(l, rules().covid().keep_group_until), 1);
  EXPECT_EQ(group_on(l, rules().covid().keep_group_until.add_days(1)), 3);
  // While kept, days overdue still give a worse group.
  auto late = covid_loan();
  EXPECT_EQ(group_on(late, d(2020, 4, 15).add_days(100)), 3);
}

TEST(Classification, TheCovidReliefsConditionsAreRefusedOnTheirField) {
  auto recent = loan_from(d(2021, 9, 1), 24);
  auto e = check_covid_relief(recent, restructuring(d(2022, 1, 5), 24, true), rules());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().key, "fund.covid_loan_too_recent");
  EXPECT_EQ(e.error().field, "on");

  auto l = covid_loan();
  l.restructurings.clear();
  auto too_late = restructuring(d(2020, 3, 25), 36, true);  // 15 days overdue
  e = check_covid_relief(l, too_late, rules());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().key, "fund.covid_too_overdue");
  EXPECT_EQ(e.error().field, "on");

  auto long_one = restructuring(d(2020, 3, 15), 48, true);  // ends 15/03/2024, old end 10/06/2022
  e = check_covid_relief(l, long_one, rules());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().key, "fund.covid_extension_too_long");
  EXPECT_EQ(e.error().field, "term_months");

  auto old = loan_from(d(2017, 1, 10), 24);  // its payments fell due before 23/01/2020
  pay_on_time(old, d(2017, 1, 10), d(2018, 12, 10));
  e = check_covid_relief(old, restructuring(d(2018, 12, 20), 12, true), rules());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().key, "fund.covid_outside_window");
}

TEST(Classification, TheFiguresOfAPortfolioReport) {
  auto l = loan_from(d(2024, 1, 10), 12);  // nothing ever paid
  // 100 days overdue on 20/05/2024: group 3, provision 20 % of (120.000.000 − 50.000.000).
  auto f = figures(l, rules(), d(2024, 1, 1), d(2024, 5, 20), 50'000'000);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->group, 3);
  EXPECT_EQ(f->outstanding, 120'000'000);
  EXPECT_EQ(f->par30, 120'000'000);
  EXPECT_EQ(f->par90, 120'000'000);
  EXPECT_EQ(f->specific_provision, 14'000'000);
  EXPECT_EQ(f->disbursed, 120'000'000);
  EXPECT_TRUE(f->new_loan);
  auto early = figures(l, rules(), d(2024, 3, 1), d(2024, 3, 31));
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->par30, 120'000'000);  // 50 days
  EXPECT_EQ(early->par90, 0);
  EXPECT_EQ(early->disbursed, 0);
  EXPECT_FALSE(early->new_loan);
  EXPECT_EQ(early->group, 2);
  EXPECT_EQ(early->specific_provision, 6'000'000);  // 5 % of 120.000.000

  auto paid = loan_from(d(2024, 1, 10), 12);
  pay_on_time(paid, d(2024, 1, 10), d(2024, 6, 10));
  auto g = figures(paid, rules(), d(2024, 4, 1), d(2024, 6, 30));
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->collected_principal, 30'000'000);  // April, May, June
  EXPECT_EQ(g->outstanding, 70'000'000);          // five instalments paid
  EXPECT_EQ(g->par30, 0);
  EXPECT_EQ(g->group, 1);
}

}  // namespace
}  // namespace htx::fund
