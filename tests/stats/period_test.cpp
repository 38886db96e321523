#include "stats/period.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace htx::stats {
namespace {

using i18n::Lang;

Date D(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

Period parsed(std::string_view text) {
  auto r = parse_period(text);
  EXPECT_TRUE(r.ok()) << "\"" << text << "\": " << (r.ok() ? "" : r.error().key);
  return r.ok() ? r.value() : Period{};
}

Error failed(std::string_view text) {
  auto r = parse_period(text);
  EXPECT_FALSE(r.ok()) << "\"" << text << "\" parsed as " << (r.ok() ? r->code() : "");
  return r.ok() ? Error() : r.error();
}

// ---------------------------------------------------------------------------------------------
// Accepted forms

TEST(PeriodParseTest, Months) {
  const Period feb = Period::of_month(2021, 2);
  EXPECT_EQ(feb.kind, PeriodKind::kMonth);
  EXPECT_EQ(feb.start, D(2021, 2, 1));
  EXPECT_EQ(feb.end, D(2021, 2, 28));
  EXPECT_EQ(feb.year, 2021);
  EXPECT_EQ(feb.month, 2);
  for (const char* text :
       {"2021-02", "2021-2", "02/2021", "2/2021", "tháng 02/2021", "thang 2/2021",
        "Tháng 2 năm 2021", "T2/2021", "t02/2021", "  THÁNG 02 / 2021 ", "02-2021"})
    EXPECT_EQ(parsed(text), feb) << text;
  EXPECT_EQ(parsed("2020-02").end, D(2020, 2, 29));  // leap year
  EXPECT_EQ(parsed("12/2021"), Period::of_month(2021, 12));
}

TEST(PeriodParseTest, Quarters) {
  const Period q1 = Period::of_quarter(2020, 1);
  EXPECT_EQ(q1.kind, PeriodKind::kQuarter);
  EXPECT_EQ(q1.start, D(2020, 1, 1));
  EXPECT_EQ(q1.end, D(2020, 3, 31));
  EXPECT_EQ(q1.quarter, 1);
  for (const char* text : {"2020-Q1", "2020-q1", "Q1/2020", "q1 2020", "Quý I/2020", "quy 1/2020",
                           "QUÝ I năm 2020", "quý i / 2020"})
    EXPECT_EQ(parsed(text), q1) << text;
  const Period q4 = parsed("Quý IV/2021");
  EXPECT_EQ(q4, Period::of_quarter(2021, 4));
  EXPECT_EQ(q4.start, D(2021, 10, 1));
  EXPECT_EQ(q4.end, D(2021, 12, 31));
  EXPECT_EQ(parsed("Quý II/2021"), Period::of_quarter(2021, 2));
  EXPECT_EQ(parsed("Quý III/2021").start, D(2021, 7, 1));
}

TEST(PeriodParseTest, FirstMonthsOfAYear) {
  const Period ten = Period::first_months(2021, 10);
  EXPECT_EQ(ten.kind, PeriodKind::kFirstMonths);
  EXPECT_EQ(ten.start, D(2021, 1, 1));
  EXPECT_EQ(ten.end, D(2021, 10, 31));
  EXPECT_EQ(ten.year, 2021);
  EXPECT_EQ(ten.months, 10);
  for (const char* text :
       {"10 tháng đầu năm 2021", "10 thang dau nam 2021", "10 THÁNG ĐẦU NĂM 2021",
        "2021-01..2021-10", "01/2021..10/2021", "2021-01-01..2021-10-31"})
    EXPECT_EQ(parsed(text), ten) << text;
  // Only the full year and the single month are normalised; January..March stays "3 months".
  const Period three = parsed("2021-01..2021-03");
  EXPECT_EQ(three.kind, PeriodKind::kFirstMonths);
  EXPECT_EQ(three.months, 3);
  EXPECT_EQ(parsed("2021-01..2021-12"), Period::of_year(2021));
  EXPECT_EQ(parsed("2021-01..2021-01"), Period::of_month(2021, 1));
  EXPECT_EQ(parsed("12 tháng đầu năm 2021"), Period::of_year(2021));
  EXPECT_EQ(parsed("1 tháng đầu năm 2021"), Period::of_month(2021, 1));
}

TEST(PeriodParseTest, Years) {
  const Period y = Period::of_year(2021);
  EXPECT_EQ(y.kind, PeriodKind::kYear);
  EXPECT_EQ(y.start, D(2021, 1, 1));
  EXPECT_EQ(y.end, D(2021, 12, 31));
  for (const char* text : {"2021", "năm 2021", "nam 2021", " Năm  2021 "})
    EXPECT_EQ(parsed(text), y);
}

TEST(PeriodParseTest, Terms) {
  const Period t = Period::term(2020, 2025);
  EXPECT_EQ(t.kind, PeriodKind::kTerm);
  EXPECT_EQ(t.year, 2020);
  EXPECT_EQ(t.last_year, 2025);
  EXPECT_EQ(t.start, D(2020, 1, 1));
  EXPECT_EQ(t.end, D(2024, 12, 31));  // terms meet at the congress year
  for (const char* text :
       {"2020..2025", "2020-2025", "2020–2025", "2020 – 2025", "nhiệm kỳ 2020–2025",
        "Nhiệm kỳ 2020-2025", "khoa 2020-2025", "khóa 2020–2025", "2020—2025"})
    EXPECT_EQ(parsed(text), t) << text;
  // Consecutive terms do not overlap.
  EXPECT_EQ(Period::term(2025, 2030).start, t.end.add_days(1));
}

TEST(PeriodParseTest, MonthRangesNotStartingInJanuary) {
  const Period r = parsed("2021-03..2021-05");
  EXPECT_EQ(r.kind, PeriodKind::kRange);
  EXPECT_EQ(r.start, D(2021, 3, 1));
  EXPECT_EQ(r.end, D(2021, 5, 31));
  EXPECT_EQ(r.year, 0);
  EXPECT_TRUE(r.month_aligned());
  EXPECT_EQ(parsed("03/2021..05/2021"), r);
  EXPECT_EQ(parsed("từ tháng 03/2021 đến tháng 05/2021"), r);
  EXPECT_EQ(parsed("2021-03-01..2021-05-31"), r);
  // A quarter written as a range is a range, a single month a month.
  EXPECT_EQ(parsed("2021-04..2021-06").kind, PeriodKind::kRange);
  EXPECT_EQ(parsed("2021-04..2021-04"), Period::of_month(2021, 4));
  // Across a year end, and January to a month of the next year.
  const Period winter = parsed("2020-11..2021-02");
  EXPECT_EQ(winter.kind, PeriodKind::kRange);
  EXPECT_EQ(winter.end, D(2021, 2, 28));
  EXPECT_EQ(parsed("2021-01..2022-03").kind, PeriodKind::kRange);
}

TEST(PeriodParseTest, DateRanges) {
  const Period r = Period::range(D(2021, 1, 15), D(2021, 3, 10));
  EXPECT_EQ(r.kind, PeriodKind::kRange);
  EXPECT_FALSE(r.month_aligned());
  EXPECT_EQ(r.days(), 17 + 28 + 10);
  for (const char* text :
       {"2021-01-15..2021-03-10", "15/01/2021..10/03/2021", "15/1/2021 .. 10/3/2021",
        "từ 15/01/2021 đến 10/03/2021", "Tu 15/01/2021 den 10/03/2021",
        "từ ngày 15/01/2021 đến ngày 10/03/2021"})
    EXPECT_EQ(parsed(text), r) << text;
  // A single day, and a month and a day mixed.
  const Period day = parsed("02/03/2021..02/03/2021");
  EXPECT_EQ(day.start, day.end);
  EXPECT_EQ(day.days(), 1);
  EXPECT_EQ(parsed("2021-01..2021-03-02"), Period::range(D(2021, 1, 1), D(2021, 3, 2)));
  // "-" between two dates is ambiguous and not accepted.
  EXPECT_EQ(failed("15/01/2021-10/03/2021").key, "period.unrecognised");
}

TEST(PeriodParseTest, RangesNormaliseToTheNamedPeriods) {
  EXPECT_EQ(Period::range(D(2021, 1, 1), D(2021, 12, 31)), Period::of_year(2021));
  EXPECT_EQ(Period::range(D(2021, 2, 1), D(2021, 2, 28)), Period::of_month(2021, 2));
  EXPECT_EQ(Period::range(D(2021, 1, 1), D(2021, 6, 30)), Period::first_months(2021, 6));
  EXPECT_EQ(Period::range(D(2021, 1, 1), D(2021, 6, 29)).kind, PeriodKind::kRange);
  EXPECT_EQ(Period::range(D(2020, 1, 1), D(2024, 12, 31)).kind, PeriodKind::kRange);
  EXPECT_THROW(Period::range(D(2021, 2, 1), D(2021, 1, 31)), std::invalid_argument);
  EXPECT_THROW(Period::of_month(2021, 13), std::invalid_argument);
  EXPECT_THROW(Period::term(2025, 2020), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Labels and codes

struct Expected {
  Period period;
  const char* vi;
  const char* en;
  const char* code;
};

std::vector<Expected> examples() {
  return {
      {Period::of_month(2021, 2), "tháng 02/2021", "February 2021", "2021-02"},
      {Period::of_month(2021, 12), "tháng 12/2021", "December 2021", "2021-12"},
      {Period::of_quarter(2020, 1), "Quý I/2020", "Q1 2020", "2020-Q1"},
      {Period::of_quarter(2021, 4), "Quý IV/2021", "Q4 2021", "2021-Q4"},
      {Period::first_months(2021, 10), "10 tháng đầu năm 2021", "the first 10 months of 2021",
       "2021-01..2021-10"},
      {Period::first_months(2021, 3), "3 tháng đầu năm 2021", "the first 3 months of 2021",
       "2021-01..2021-03"},
      {Period::of_year(2021), "năm 2021", "2021", "2021"},
      {Period::term(2020, 2025), "nhiệm kỳ 2020–2025", "term 2020–2025", "2020..2025"},
      {Period::range(D(2021, 1, 15), D(2021, 3, 10)), "từ 15/01/2021 đến 10/03/2021",
       "15/01/2021 to 10/03/2021", "2021-01-15..2021-03-10"},
      {Period::range(D(2021, 3, 1), D(2021, 5, 31)), "từ tháng 03/2021 đến tháng 05/2021",
       "March 2021 to May 2021", "2021-03..2021-05"},
      {Period::range(D(2020, 11, 1), D(2021, 2, 28)), "từ tháng 11/2020 đến tháng 02/2021",
       "November 2020 to February 2021", "2020-11..2021-02"},
  };
}

TEST(PeriodLabelTest, BothLanguages) {
  for (const auto& e : examples()) {
    EXPECT_EQ(e.period.label(Lang::kVi), e.vi);
    EXPECT_EQ(e.period.label(Lang::kEn), e.en);
  }
}

TEST(PeriodCodeTest, CanonicalFormsRoundTrip) {
  for (const auto& e : examples()) {
    EXPECT_EQ(e.period.code(), e.code);
    EXPECT_EQ(parsed(e.period.code()), e.period) << e.code;
  }
}

TEST(PeriodLabelTest, VietnameseLabelsParseBack) {
  for (const auto& e : examples()) EXPECT_EQ(parsed(e.period.label(Lang::kVi)), e.period) << e.vi;
}

TEST(PeriodCodeTest, EveryNeighbourRoundTrips) {
  // Walk back from each example: every period previous() and same_period_last_year() produce is
  // in normal form, so its code parses back to it.
  for (const auto& e : examples()) {
    int steps = 0;
    for (Period p = e.period.previous(); p.start.year() >= kMinPeriodYear && steps < 40;
         p = p.previous(), ++steps)
      EXPECT_EQ(parsed(p.code()), p) << e.code << " previous #" << steps;
    for (Period q = e.period.same_period_last_year(); q.start.year() >= kMinPeriodYear;
         q = q.same_period_last_year(), ++steps)
      EXPECT_EQ(parsed(q.code()), q) << e.code << " last year";
    EXPECT_GT(steps, 10) << e.code;
  }
}

// ---------------------------------------------------------------------------------------------
// previous()

TEST(PeriodPreviousTest, Month) {
  EXPECT_EQ(Period::of_month(2021, 3).previous(), Period::of_month(2021, 2));
  EXPECT_EQ(Period::of_month(2021, 1).previous(), Period::of_month(2020, 12));
  EXPECT_EQ(Period::of_month(2020, 3).previous().end, D(2020, 2, 29));
}

TEST(PeriodPreviousTest, Quarter) {
  EXPECT_EQ(Period::of_quarter(2021, 3).previous(), Period::of_quarter(2021, 2));
  EXPECT_EQ(Period::of_quarter(2021, 1).previous(), Period::of_quarter(2020, 4));
}

TEST(PeriodPreviousTest, FirstMonthsIsTheRangeJustBefore) {
  const Period p = Period::first_months(2021, 10).previous();
  EXPECT_EQ(p.kind, PeriodKind::kRange);
  EXPECT_EQ(p.start, D(2020, 3, 1));
  EXPECT_EQ(p.end, D(2020, 12, 31));
  EXPECT_EQ(p.code(), "2020-03..2020-12");
  EXPECT_EQ(Period::first_months(2021, 2).previous(),
            Period::range(D(2020, 11, 1), D(2020, 12, 31)));
}

TEST(PeriodPreviousTest, Year) {
  EXPECT_EQ(Period::of_year(2021).previous(), Period::of_year(2020));
}

TEST(PeriodPreviousTest, TermOfTheSameLength) {
  EXPECT_EQ(Period::term(2020, 2025).previous(), Period::term(2015, 2020));
  EXPECT_EQ(Period::term(2019, 2024).previous(), Period::term(2014, 2019));
  EXPECT_EQ(Period::term(2020, 2022).previous(), Period::term(2018, 2020));
  EXPECT_EQ(Period::term(2020, 2025).previous().end.add_days(1), Period::term(2020, 2025).start);
}

TEST(PeriodPreviousTest, MonthAlignedRangeBySameNumberOfMonths) {
  const Period mar_may = parsed("2021-03..2021-05");
  EXPECT_EQ(mar_may.previous(), parsed("2020-12..2021-02"));
  EXPECT_EQ(mar_may.previous().end, D(2021, 2, 28));
  EXPECT_EQ(parsed("2020-12..2021-02").previous(), parsed("2020-09..2020-11"));
  // The three months before April..June are the first three months of the year.
  EXPECT_EQ(parsed("2021-04..2021-06").previous(), Period::first_months(2021, 3));
  // Leap year: the month before March 2024 ends on 29 February.
  EXPECT_EQ(parsed("2024-03..2024-04").previous(), Period::range(D(2024, 1, 1), D(2024, 2, 29)));
}

TEST(PeriodPreviousTest, DateRangeBySameNumberOfDays) {
  const Period r = parsed("2021-01-15..2021-03-10");
  const Period p = r.previous();
  EXPECT_EQ(p.days(), r.days());
  EXPECT_EQ(p.end, D(2021, 1, 14));
  EXPECT_EQ(p.start, D(2020, 11, 21));
  // Across 29 February 2024.
  const Period leap = parsed("2024-03-01..2024-03-10").previous();
  EXPECT_EQ(leap, Period::range(D(2024, 2, 20), D(2024, 2, 29)));
  // A previous range that happens to be a whole month is that month.
  EXPECT_EQ(parsed("2021-03-01..2021-03-28").previous(), Period::of_month(2021, 2));
}

// ---------------------------------------------------------------------------------------------
// same_period_last_year()

TEST(PeriodLastYearTest, NamedPeriods) {
  EXPECT_EQ(Period::of_month(2021, 2).same_period_last_year(), Period::of_month(2020, 2));
  EXPECT_EQ(Period::of_month(2021, 2).same_period_last_year().end, D(2020, 2, 29));
  EXPECT_EQ(Period::of_month(2021, 1).same_period_last_year(), Period::of_month(2020, 1));
  EXPECT_EQ(Period::of_quarter(2021, 1).same_period_last_year(), Period::of_quarter(2020, 1));
  EXPECT_EQ(Period::first_months(2021, 10).same_period_last_year(), Period::first_months(2020, 10));
  EXPECT_EQ(Period::of_year(2021).same_period_last_year(), Period::of_year(2020));
  EXPECT_EQ(Period::term(2020, 2025).same_period_last_year(), Period::term(2015, 2020));
}

TEST(PeriodLastYearTest, DateRangesAndLeapDays) {
  EXPECT_EQ(parsed("2021-01-15..2021-03-10").same_period_last_year(),
            Period::range(D(2020, 1, 15), D(2020, 3, 10)));
  // 29 February becomes 28 February.
  EXPECT_EQ(parsed("2024-02-10..2024-02-29").same_period_last_year(),
            Period::range(D(2023, 2, 10), D(2023, 2, 28)));
  EXPECT_EQ(parsed("2024-02-29..2024-03-05").same_period_last_year(),
            Period::range(D(2023, 2, 28), D(2023, 3, 5)));
}

TEST(PeriodLastYearTest, MonthAlignedRangesStayAligned) {
  const Period winter = parsed("2023-12..2024-02");  // ends 29 February 2024
  EXPECT_EQ(winter.end, D(2024, 2, 29));
  const Period before = winter.same_period_last_year();
  EXPECT_EQ(before, parsed("2022-12..2023-02"));
  EXPECT_EQ(before.end, D(2023, 2, 28));
  EXPECT_EQ(parsed("2023-03..2024-02").same_period_last_year().end, D(2023, 2, 28));
  EXPECT_EQ(parsed("2022-03..2023-02").same_period_last_year(), parsed("2021-03..2022-02"));
  EXPECT_EQ(parsed("2021-03..2021-05").same_period_last_year(), parsed("2020-03..2020-05"));
}

// ---------------------------------------------------------------------------------------------
// month_aligned()

TEST(PeriodMonthAlignedTest, NamedPeriodsAreAlignedRangesMayNotBe) {
  EXPECT_TRUE(Period::of_month(2020, 2).month_aligned());
  EXPECT_TRUE(Period::of_quarter(2020, 4).month_aligned());
  EXPECT_TRUE(Period::first_months(2021, 10).month_aligned());
  EXPECT_TRUE(Period::of_year(2021).month_aligned());
  EXPECT_TRUE(Period::term(2020, 2025).month_aligned());
  EXPECT_TRUE(parsed("2021-03..2021-05").month_aligned());
  EXPECT_FALSE(parsed("2021-01-15..2021-03-10").month_aligned());
  EXPECT_FALSE(parsed("2021-03-01..2021-05-30").month_aligned());
  EXPECT_FALSE(parsed("2021-03-02..2021-05-31").month_aligned());
  EXPECT_FALSE(parsed("2024-02-01..2024-02-28").month_aligned());  // 2024 has 29 February
  EXPECT_TRUE(parsed("2023-02-01..2023-02-28").month_aligned());
}

TEST(PeriodTest, Contains) {
  const Period q = Period::of_quarter(2021, 1);
  EXPECT_TRUE(q.contains(D(2021, 1, 1)));
  EXPECT_TRUE(q.contains(D(2021, 3, 31)));
  EXPECT_FALSE(q.contains(D(2021, 4, 1)));
  EXPECT_FALSE(q.contains(D(2020, 12, 31)));
}

// ---------------------------------------------------------------------------------------------
// Bad input

TEST(PeriodErrorTest, KeysAndParameters) {
  Error e = failed("2021-13");
  EXPECT_EQ(e.key, "period.bad_month");
  EXPECT_EQ(e.params["month"], "13");
  EXPECT_EQ(e.params["text"], "2021-13");
  EXPECT_EQ(failed("13/2021").key, "period.bad_month");
  EXPECT_EQ(failed("tháng 0/2021").params["month"], "0");

  e = failed("Quý V/2020");
  EXPECT_EQ(e.key, "period.bad_quarter");
  EXPECT_EQ(e.params["quarter"], "V");
  EXPECT_EQ(failed("2020-Q5").params["quarter"], "5");
  EXPECT_EQ(failed("quy 0/2020").key, "period.bad_quarter");

  e = failed("0 tháng đầu năm 2021");
  EXPECT_EQ(e.key, "period.bad_months");
  EXPECT_EQ(e.params["months"], "0");
  EXPECT_EQ(failed("13 tháng đầu năm 2021").params["months"], "13");

  e = failed("2021-05..2021-03");
  EXPECT_EQ(e.key, "period.empty_range");
  EXPECT_EQ(e.params["from"], "05/2021");
  EXPECT_EQ(e.params["to"], "03/2021");
  e = failed("từ 10/03/2021 đến 15/01/2021");
  EXPECT_EQ(e.key, "period.empty_range");
  EXPECT_EQ(e.params["from"], "10/03/2021");
  EXPECT_EQ(e.params["to"], "15/01/2021");

  e = failed("2025..2020");
  EXPECT_EQ(e.key, "period.bad_term");
  EXPECT_EQ(e.params["first"], "2025");
  EXPECT_EQ(e.params["last"], "2020");
  EXPECT_EQ(failed("nhiệm kỳ 2020–2020").key, "period.bad_term");

  for (const char* text :
       {"abc", "", "   ", "2021-02-", "Q/2020", "tháng", "2021..", "..2021",
        "15/01/2021-10/03/2021", "2021-01..2021-02..2021-03", "10 tháng 2021x"}) {
    e = failed(text);
    EXPECT_EQ(e.key, "period.unrecognised") << text;
    EXPECT_TRUE(e.params.count("text")) << text;
  }
  EXPECT_EQ(failed("  abc ").params["text"], "abc");
  EXPECT_EQ(failed("2021-02\xff").key, "period.unrecognised");  // not UTF-8

  for (const char* text : {"1989", "2101", "tháng 02/1989", "Quý I/2200", "1985..1990",
                           "2021-01..2101-01", "10 tháng đầu năm 1900", "15/01/1989..10/03/2021"}) {
    e = failed(text);
    EXPECT_EQ(e.key, "period.bad_year") << text;
  }
  EXPECT_EQ(failed("1989").params["year"], "1989");

  e = failed("31/02/2021..10/03/2021");
  EXPECT_EQ(e.key, "period.bad_date");
  EXPECT_EQ(e.params["date"], "31/02/2021");
  EXPECT_EQ(failed("2021-01-15..2021-02-29").key, "period.bad_date");
}

TEST(PeriodErrorTest, RenderedInBothLanguages) {
  const auto vi = i18n::Catalog::load(HTX_SOURCE_DATA_DIR, Lang::kVi);
  const auto en = i18n::Catalog::load(HTX_SOURCE_DATA_DIR, Lang::kEn);
  for (const char* key :
       {"period.unrecognised", "period.bad_year", "period.bad_month", "period.bad_quarter",
        "period.bad_months", "period.bad_date", "period.empty_range", "period.bad_term"}) {
    EXPECT_TRUE(vi.has(key)) << key;
    EXPECT_TRUE(en.has(key)) << key;
  }
  auto render = [](const i18n::Catalog& c, std::string_view text) {
    return c.render(failed(text));
  };

  EXPECT_EQ(render(vi, "2021-13"), "tháng 13 không tồn tại; tháng phải từ 1 đến 12");
  EXPECT_EQ(render(en, "2021-13"), "month 13 does not exist; months are 1 to 12");
  EXPECT_EQ(render(vi, "Quý V/2020"), "quý V không tồn tại; quý phải từ I đến IV (hoặc 1 đến 4)");
  EXPECT_EQ(render(en, "Quý V/2020"), "quarter V does not exist; quarters are I to IV (or 1 to 4)");
  EXPECT_EQ(render(vi, "13 tháng đầu năm 2021"),
            "số tháng đầu năm phải từ 1 đến 12, không phải 13");
  EXPECT_EQ(render(en, "0 tháng đầu năm 2021"),
            "the number of first months of a year must be 1 to 12, not 0");
  EXPECT_EQ(render(vi, "2021-05..2021-03"),
            "khoảng thời gian trống: kết thúc (03/2021) trước bắt đầu (05/2021)");
  EXPECT_EQ(render(en, "2021-05..2021-03"),
            "the period is empty: it ends (03/2021) before it begins (05/2021)");
  EXPECT_EQ(render(vi, "2025..2020"),
            "nhiệm kỳ 2025–2020 không hợp lệ: năm kết thúc phải sau năm bắt đầu");
  EXPECT_EQ(render(en, "2025..2020"),
            "the term 2025–2020 is not valid: it must end in a later year than it begins");
  EXPECT_EQ(render(vi, "1989"), "năm 1989 nằm ngoài khoảng 1990–2100");
  EXPECT_EQ(render(en, "2101"), "the year 2101 is outside 1990–2100");
  EXPECT_EQ(render(vi, "31/02/2021..10/03/2021"), "ngày 31/02/2021 không tồn tại");
  EXPECT_EQ(render(en, "31/02/2021..10/03/2021"), "the date 31/02/2021 does not exist");

  const std::string vi_abc = render(vi, "abc");
  EXPECT_EQ(vi_abc.rfind("không hiểu kỳ báo cáo \"abc\". Các dạng được chấp nhận:", 0), 0u)
      << vi_abc;
  for (const char* form : {"tháng 02/2021", "Quý I/2020", "10 tháng đầu năm 2021", "năm 2021",
                           "nhiệm kỳ 2020–2025", "từ 15/01/2021 đến 10/03/2021"})
    EXPECT_NE(vi_abc.find(form), std::string::npos) << form;
  const std::string en_empty = render(en, "");
  EXPECT_EQ(en_empty.rfind("\"\" is not a reporting period. Accepted forms:", 0), 0u) << en_empty;
  for (const char* form :
       {"2021-02", "2020-Q1", "2021-01..2021-10", "2021", "2020–2025", "2021-03..2021-05"})
    EXPECT_NE(en_empty.find(form), std::string::npos) << form;
  // Every form the messages list is itself accepted.
  for (const char* form : {"02/2021", "2021-02", "tháng 02/2021", "T2/2021", "Quý I/2020",
                           "2020-Q1", "10 tháng đầu năm 2021", "2021-01..2021-10", "2021",
                           "năm 2021", "2020–2025", "nhiệm kỳ 2020–2025", "2021-03..2021-05",
                           "15/01/2021..10/03/2021", "từ 15/01/2021 đến 10/03/2021"})
    EXPECT_TRUE(parse_period(form).ok()) << form;
}

}  // namespace
}  // namespace htx::stats
