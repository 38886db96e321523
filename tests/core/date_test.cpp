#include "core/date.hpp"

#include <gtest/gtest.h>

namespace htx {
namespace {

TEST(DateTest, ParsesTheFormsOfficesWrite) {
  auto expected = *Date::from_ymd(2021, 3, 10);
  EXPECT_EQ(Date::parse("10/03/2021"), expected);
  EXPECT_EQ(Date::parse("10/3/2021"), expected);
  EXPECT_EQ(Date::parse(" 10-3-2021 "), expected);
  EXPECT_EQ(Date::parse("10.03.2021"), expected);
  EXPECT_EQ(Date::parse("2021-03-10"), expected);
}

TEST(DateTest, RefusesWhatIsNotADate) {
  for (const char* bad : {"", "31/02/2021", "2021-13-01", "10/03/21", "1/1/1899", "ngày 10",
                          "10/03/2021/1", "2021-3-10", "abc/de/fghi", "00/01/2020"})
    EXPECT_FALSE(Date::parse(bad)) << bad;
}

TEST(DateTest, FormatsIsoAndVietnamese) {
  auto d = *Date::from_ymd(2021, 2, 5);
  EXPECT_EQ(d.iso(), "2021-02-05");
  EXPECT_EQ(d.vietnamese(), "05/02/2021");
  EXPECT_EQ(d.year(), 2021);
  EXPECT_EQ(d.month(), 2);
  EXPECT_EQ(d.day(), 5);
  EXPECT_EQ(d.add_days(24).vietnamese(), "01/03/2021");
  EXPECT_LT(d, d.add_days(1));
}

TEST(DateTest, LeapYears) {
  EXPECT_TRUE(Date::from_ymd(2020, 2, 29));
  EXPECT_FALSE(Date::from_ymd(2021, 2, 29));
  EXPECT_TRUE(Date::from_ymd(2000, 2, 29));
  EXPECT_FALSE(Date::from_ymd(2100, 2, 29));
}

}  // namespace
}  // namespace htx
