// The fund's legal parameters as data: one test per clause of Circular 11/2021/TT-NHNN art. 10
// (days overdue, and the events that set a group whatever the days), the borrower's worst group,
// provisions, and the parameters and COVID-19 relief windows as the data files state them.
#include "fund/rules.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace htx::fund {
namespace {

const FundRules& rules() {
  static const FundRules r = FundRules::load(HTX_SOURCE_DATA_DIR);
  return r;
}

TEST(DebtGroups, ByDaysOverdue) {
  // Art. 10.1: under 10 days 1; 10–90 2; 91–180 3; 181–360 4; over 360 5.
  const std::vector<std::pair<int, int>> cases = {
      {0, 1}, {9, 1}, {10, 2}, {90, 2}, {91, 3}, {180, 3}, {181, 4}, {360, 4}, {361, 5}, {5000, 5}};
  for (auto [days, group] : cases) EXPECT_EQ(rules().group_by_days(days), group) << days;
  EXPECT_EQ(rules().groups().size(), 5u);
  for (const auto& g : rules().groups())
    EXPECT_NE(g.source.find("11/2021/TT-NHNN"), std::string::npos);
}

TEST(DebtGroups, AFirstChangeOfTermIsAtLeastGroup2) {
  DebtEvents e;
  e.first_term_change = true;
  EXPECT_EQ(rules().group_of(0, e), 2);
  EXPECT_EQ(rules().group_of(100, e), 3);  // the days are worse
}

TEST(DebtGroups, AFirstRestructuringIsAtLeastGroup3) {
  DebtEvents e;
  e.restructurings = 1;
  EXPECT_EQ(rules().group_of(0, e), 3);
}

TEST(DebtGroups, InterestWaivedForInabilityToPayIsAtLeastGroup3) {
  DebtEvents e;
  e.interest_waived_unable_to_pay = true;
  EXPECT_EQ(rules().group_of(0, e), 3);
}

TEST(DebtGroups, ASecondRestructuringIsAtLeastGroup4) {
  DebtEvents e;
  e.restructurings = 2;
  EXPECT_EQ(rules().group_of(0, e), 4);
}

TEST(DebtGroups, OverdueAfterAFirstRestructuringIsAtLeastGroup4) {
  DebtEvents e;
  e.restructurings = 1;
  e.overdue_after_restructuring = true;
  EXPECT_EQ(rules().group_of(1, e), 4);
}

TEST(DebtGroups, AThirdRestructuringOrOverdueAfterASecondIsGroup5) {
  DebtEvents third;
  third.restructurings = 3;
  EXPECT_EQ(rules().group_of(0, third), 5);
  DebtEvents overdue;
  overdue.restructurings = 2;
  overdue.overdue_after_restructuring = true;
  EXPECT_EQ(rules().group_of(1, overdue), 5);
}

TEST(DebtGroups, ABorrowersLoansAllTakeItsWorstGroup) {
  EXPECT_EQ(FundRules::borrower_group({1, 3, 2}), 3);
  EXPECT_EQ(FundRules::borrower_group({}), 1);
}

TEST(Provisions, SpecificByGroupOnTheOutstandingLessCollateral) {
  EXPECT_EQ(rules().specific_provision(1, 500'000'000, 0), 0);
  EXPECT_EQ(rules().specific_provision(2, 500'000'000, 100'000'000), 20'000'000);   // 5 %
  EXPECT_EQ(rules().specific_provision(3, 500'000'000, 100'000'000), 80'000'000);   // 20 %
  EXPECT_EQ(rules().specific_provision(4, 500'000'000, 100'000'000), 200'000'000);  // 50 %
  EXPECT_EQ(rules().specific_provision(5, 500'000'000, 100'000'000), 400'000'000);  // 100 %
  EXPECT_EQ(rules().specific_provision(3, 100'000'000, 300'000'000), 0);            // never below 0
  EXPECT_EQ(rules().specific_provision(2, 10, 0), 1);                               // 0,5 rounds up
  EXPECT_EQ(rules().specific_provision(2, 9, 0), 0);  // 0,45 rounds down
}

TEST(Provisions, GeneralIsThreeQuartersOfAPercent) {
  EXPECT_EQ(rules().general_provision(1'000'000'000), 7'500'000);
  EXPECT_EQ(rules().general_provision(200), 2);  // 1,5 rounds up
}

TEST(FundRulesData, LimitsAndReliefAsTheTextsState) {
  EXPECT_EQ(rules().parameter("max_term_months"), 60);
  EXPECT_EQ(rules().parameter("min_own_capital_percent"), 20);
  EXPECT_EQ(rules().parameter("year_days"), 365);
  EXPECT_EQ(rules().parameter("month_days"), 30);
  EXPECT_EQ(rules().parameter("overdue_principal_rate_cap_percent_of_contract"), 150);
  EXPECT_THROW(rules().parameter("no_such_parameter"), InfrastructureError);
  const auto& c = rules().covid();
  EXPECT_EQ(c.payments_due_from, *Date::from_ymd(2020, 1, 23));
  EXPECT_EQ(c.payments_due_to, *Date::from_ymd(2022, 6, 30));
  EXPECT_EQ(c.loan_before, *Date::from_ymd(2021, 8, 1));
  EXPECT_EQ(c.max_days_overdue, 10);
  EXPECT_EQ(c.max_extension_months, 12);
}

// Service deadlines count working days: weekends, the holidays of holidays.csv and the day in
// lieu of a holiday on a weekend do not count.
TEST(WorkingDays, SkipWeekendsHolidaysAndDaysInLieu) {
  auto day = [](int y, int m, int d) { return *Date::from_ymd(y, m, d); };
  // Tết 2020: 24/01 (the year's last day) to 28/01 (mùng 4); mùng 1 and 2 fell on Saturday
  // and Sunday, so 29 and 30/01 are days in lieu. Five working days after Thursday 23/01:
  // 31/01, 03, 04, 05 and 06/02.
  for (int d : {24, 25, 26, 27, 28, 29, 30})
    EXPECT_FALSE(rules().is_working_day(day(2020, 1, d))) << d;
  EXPECT_TRUE(rules().is_working_day(day(2020, 1, 31)));
  EXPECT_EQ(rules().add_working_days(day(2020, 1, 23), 5), day(2020, 2, 6));
  // 30/4 (Friday) and 1/5 (Saturday) 2021: Monday 03/05 in lieu; two working days after
  // Thursday 29/04 are 04 and 05/05.
  EXPECT_FALSE(rules().is_working_day(day(2021, 5, 3)));
  EXPECT_EQ(rules().add_working_days(day(2021, 4, 29), 2), day(2021, 5, 5));
  // An ordinary week: Friday + 1 is Monday.
  EXPECT_EQ(rules().add_working_days(day(2021, 6, 4), 1), day(2021, 6, 7));
  EXPECT_EQ(rules().add_working_days(day(2021, 6, 4), 0), day(2021, 6, 4));
}

}  // namespace
}  // namespace htx::fund
