// Reporting periods as the alliance speaks of them: a month ("tháng 02/2021"), a quarter
// ("Quý I/2020"), the first N months of a year ("10 tháng đầu năm 2021"), a year ("năm 2021"),
// a congress term ("nhiệm kỳ 2020–2025") and any other range of months or days.
//
// A Period is always in normal form, so that two spellings of the same thing compare equal and
// parse_period(p.code()) == p for every Period the functions below produce:
//   - a month-aligned range of one month is a kMonth;
//   - a month-aligned range from January to a month of the same year is kYear (to December),
//     kMonth (January only) or kFirstMonths (February..November: months = 2..11). So
//     "1 tháng đầu năm 2021" is the kMonth January 2021 and "12 tháng đầu năm 2021" the kYear
//     2021; "2021-01..2021-03" stays kFirstMonths (months = 3), not Q1;
//   - every other range (also a quarter written as a range not starting in January) is a kRange.
// Use the factories below (or parse_period) rather than filling the fields by hand.
#pragma once

#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace htx::stats {

enum class PeriodKind { kMonth, kQuarter, kFirstMonths, kYear, kTerm, kRange };

// Years that parse_period accepts (previous() may step outside them: 1990 -> 1989).
inline constexpr int kMinPeriodYear = 1990;
inline constexpr int kMaxPeriodYear = 2100;

struct Period {
  PeriodKind kind = PeriodKind::kYear;
  Date start, end;    // inclusive
  int year = 0;       // month, quarter, first-months, year: the year; term: first year
  int month = 0;      // kMonth: 1..12
  int quarter = 0;    // kQuarter: 1..4
  int months = 0;     // kFirstMonths: N (2..11 in normal form, see above)
  int last_year = 0;  // kTerm: the year the term ends (label "2020–2025")

  // Factories. Preconditions (std::invalid_argument otherwise): month 1..12, quarter 1..4,
  // months 1..12, last_year > first_year, start <= end, years 1900..9999.
  static Period of_month(int year, int month);
  static Period of_quarter(int year, int quarter);
  static Period first_months(int year, int months);  // normalised: 1 -> kMonth, 12 -> kYear
  static Period of_year(int year);
  // 1 Jan first_year .. 31 Dec (last_year - 1): terms meet at the congress year, never overlap.
  static Period term(int first_year, int last_year);
  static Period range(Date start, Date end);  // normalised as described at the top

  // "tháng 02/2021" / "February 2021", "Quý I/2020" / "Q1 2020",
  // "10 tháng đầu năm 2021" / "the first 10 months of 2021", "năm 2021" / "2021",
  // "nhiệm kỳ 2020–2025" / "term 2020–2025", "từ 15/01/2021 đến 10/03/2021" /
  // "15/01/2021 to 10/03/2021", month-aligned ranges "từ tháng 03/2021 đến tháng 05/2021" /
  // "March 2021 to May 2021". Every Vietnamese label is accepted by parse_period.
  std::string label(i18n::Lang lang) const;

  // Canonical CLI form: "2021-02", "2020-Q1", "2021-01..2021-10", "2021", "2020..2025",
  // "2021-03..2021-05" (month-aligned range), "2021-01-15..2021-03-10".
  std::string code() const;

  // The adjacent period just before, of the same length:
  //   month -> previous month (January -> December of the year before); quarter -> previous
  //   quarter; year -> previous year; term -> the previous term of the same length
  //   (2020–2025 -> 2015–2020);
  //   first N months of Y -> the N months just before, i.e. months 13-N..12 of Y-1, a kRange
  //   (first 10 months of 2021 -> March..December 2020);
  //   kRange -> month-aligned: the same number of months just before; otherwise the same number
  //   of days just before. The result is normalised, so it may be another kind (the 3 months
  //   before April..June 2021 are the kFirstMonths 3 of 2021).
  Period previous() const;

  // The same period one year earlier (29 Feb -> 28 Feb); for a term, the previous term.
  // A month-aligned range moves by twelve months (and stays month-aligned).
  Period same_period_last_year() const;

  // Starts on the 1st of a month and ends on the last day of a month.
  bool month_aligned() const;

  bool contains(Date d) const { return start <= d && d <= end; }
  int days() const { return end.days() - start.days() + 1; }

  bool operator==(const Period&) const = default;
};

// Parses what a user writes (trimmed; words case- and diacritics-insensitive):
//   month      "2021-02", "02/2021", "2/2021", "tháng 02/2021", "tháng 2 năm 2021", "T2/2021"
//   quarter    "2020-Q1", "Q1/2020", "Quý I/2020", "quy 1/2020", "Quý IV năm 2021"
//   first N    "10 tháng đầu năm 2021", "2021-01..2021-10"
//   year       "2021", "năm 2021"
//   term       "2020..2025", "2020-2025", "2020–2025", "nhiệm kỳ 2020–2025", "khóa 2020-2025"
//   range      "2021-03..2021-05", "2021-01-15..2021-03-10", "15/01/2021..10/03/2021",
//              "từ 15/01/2021 đến 10/03/2021", "từ tháng 03/2021 đến tháng 05/2021"
// Range ends may be months, dates (yyyy-mm-dd, dd/mm/yyyy) or years; dates are separated only
// by "..", never by "-". Errors (key: params; every error also has {text}, what was typed):
//   period.unrecognised {text}         not one of the forms above (the message lists them)
//   period.bad_year {year} {min} {max} outside 1990..2100
//   period.bad_month {month}           not 1..12
//   period.bad_quarter {quarter}       not I..IV / 1..4
//   period.bad_months {months}         "N tháng đầu năm" with N not 1..12
//   period.bad_date {date}             a day that does not exist ("31/02/2021")
//   period.empty_range {from} {to}     the end is before the start ("05/2021", "03/2021")
//   period.bad_term {first} {last}     a term must end after it begins ("2025..2020")
Result<Period> parse_period(std::string_view text);

}  // namespace htx::stats
