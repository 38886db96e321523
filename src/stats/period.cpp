#include "stats/period.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <initializer_list>
#include <optional>
#include <regex>
#include <stdexcept>

#include "core/text.hpp"

namespace htx::stats {

namespace {

namespace chr = std::chrono;

constexpr std::array<const char*, 12> kEnglishMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 4> kRoman = {"I", "II", "III", "IV"};

void require(bool condition, const char* what) {
  if (!condition) throw std::invalid_argument(std::string("htx::stats::Period: ") + what);
}

Date from_sys_days(chr::sys_days d) {
  return Date::from_days(static_cast<std::int32_t>(d.time_since_epoch().count()));
}

Date first_day(int year, int month) {
  return from_sys_days(chr::sys_days(
      chr::year_month_day(chr::year(year), chr::month(static_cast<unsigned>(month)), chr::day(1))));
}

Date last_day(int year, int month) {
  return from_sys_days(chr::sys_days(chr::year_month_day_last(
      chr::year(year), chr::month_day_last(chr::month(static_cast<unsigned>(month))))));
}

// Months counted from year 0, so that stepping across years is plain arithmetic.
int month_index(int year, int month) { return year * 12 + (month - 1); }
int index_year(int index) { return index / 12; }
int index_month(int index) { return index % 12 + 1; }

// The same day one year earlier; 29 February becomes 28 February.
Date one_year_earlier(Date d) {
  int y = d.year() - 1, m = d.month();
  int day = std::min(d.day(), last_day(y, m).day());
  return from_sys_days(chr::sys_days(chr::year_month_day(
      chr::year(y), chr::month(static_cast<unsigned>(m)), chr::day(static_cast<unsigned>(day)))));
}

std::string mm_yyyy(int year, int month) { return fmt::format("{:02}/{:04}", month, year); }
std::string yyyy_mm(int year, int month) { return fmt::format("{:04}-{:02}", year, month); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Construction

namespace {

void require_year(int year) { require(year >= 1900 && year <= 9999, "year out of range"); }

// The period of `kind` from the first day of (year, from_month) to the last day of (end_year,
// to_month), with the field that tells it apart (its month, quarter, ...) set to `value`.
Period spanning(PeriodKind kind, int year, int from_month, int end_year, int to_month,
                int Period::*field, int value) {
  Period p;
  p.kind = kind;
  p.start = first_day(year, from_month);
  p.end = last_day(end_year, to_month);
  p.year = year;
  p.*field = value;
  return p;
}

}  // namespace

Period Period::of_month(int year, int month) {
  require(month >= 1 && month <= 12, "month must be 1..12");
  require_year(year);
  return spanning(PeriodKind::kMonth, year, month, year, month, &Period::month, month);
}

Period Period::of_quarter(int year, int quarter) {
  require(quarter >= 1 && quarter <= 4, "quarter must be 1..4");
  require_year(year);
  return spanning(PeriodKind::kQuarter, year, quarter * 3 - 2, year, quarter * 3, &Period::quarter,
                  quarter);
}

Period Period::first_months(int year, int months) {
  require(months >= 1 && months <= 12, "months must be 1..12");
  require_year(year);
  if (months == 1) return of_month(year, 1);
  if (months == 12) return of_year(year);
  return spanning(PeriodKind::kFirstMonths, year, 1, year, months, &Period::months, months);
}

Period Period::of_year(int year) {
  require_year(year);
  return spanning(PeriodKind::kYear, year, 1, year, 12, &Period::year, year);
}

Period Period::term(int first_year, int last_year) {
  require(last_year > first_year, "a term must end after it begins");
  require(first_year >= 1900 && last_year <= 9999, "year out of range");
  return spanning(PeriodKind::kTerm, first_year, 1, last_year - 1, 12, &Period::last_year,
                  last_year);
}

Period Period::range(Date start, Date end) {
  require(start <= end, "a range must not end before it begins");
  Period p;
  p.kind = PeriodKind::kRange;
  p.start = start;
  p.end = end;
  if (p.month_aligned()) {
    const int sy = start.year(), sm = start.month(), ey = end.year(), em = end.month();
    if (sy == ey && sm == em) return of_month(sy, sm);
    if (sy == ey && sm == 1) return first_months(sy, em);
  }
  return p;
}

bool Period::month_aligned() const { return start.day() == 1 && end.add_days(1).day() == 1; }

// ---------------------------------------------------------------------------------------------
// Presentation

std::string Period::label(i18n::Lang lang) const {
  const bool vi = lang == i18n::Lang::kVi;
  switch (kind) {
    case PeriodKind::kMonth:
      return vi ? "tháng " + mm_yyyy(year, month)
                : fmt::format("{} {}", kEnglishMonths[month - 1], year);
    case PeriodKind::kQuarter:
      return vi ? fmt::format("Quý {}/{}", kRoman[quarter - 1], year)
                : fmt::format("Q{} {}", quarter, year);
    case PeriodKind::kFirstMonths:
      return vi ? fmt::format("{} tháng đầu năm {}", months, year)
                : fmt::format("the first {} months of {}", months, year);
    case PeriodKind::kYear:
      return vi ? fmt::format("năm {}", year) : fmt::format("{}", year);
    case PeriodKind::kTerm:
      return fmt::format("{} {}–{}", vi ? "nhiệm kỳ" : "term", year, last_year);
    case PeriodKind::kRange:
      if (month_aligned()) {
        if (vi)
          return fmt::format("từ tháng {} đến tháng {}", mm_yyyy(start.year(), start.month()),
                             mm_yyyy(end.year(), end.month()));
        return fmt::format("{} {} to {} {}", kEnglishMonths[start.month() - 1], start.year(),
                           kEnglishMonths[end.month() - 1], end.year());
      }
      return vi ? fmt::format("từ {} đến {}", start.vietnamese(), end.vietnamese())
                : fmt::format("{} to {}", start.vietnamese(), end.vietnamese());
  }
  return {};
}

std::string Period::code() const {
  switch (kind) {
    case PeriodKind::kMonth:
      return yyyy_mm(year, month);
    case PeriodKind::kQuarter:
      return fmt::format("{:04}-Q{}", year, quarter);
    case PeriodKind::kFirstMonths:
      return yyyy_mm(year, 1) + ".." + yyyy_mm(year, months);
    case PeriodKind::kYear:
      return fmt::format("{:04}", year);
    case PeriodKind::kTerm:
      return fmt::format("{:04}..{:04}", year, last_year);
    case PeriodKind::kRange:
      if (month_aligned())
        return yyyy_mm(start.year(), start.month()) + ".." + yyyy_mm(end.year(), end.month());
      return start.iso() + ".." + end.iso();
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Neighbours

Period Period::previous() const {
  switch (kind) {
    case PeriodKind::kMonth: {
      int i = month_index(year, month) - 1;
      return of_month(index_year(i), index_month(i));
    }
    case PeriodKind::kQuarter:
      return quarter == 1 ? of_quarter(year - 1, 4) : of_quarter(year, quarter - 1);
    case PeriodKind::kFirstMonths:
      return range(first_day(year - 1, 13 - months), last_day(year - 1, 12));
    case PeriodKind::kYear:
      return of_year(year - 1);
    case PeriodKind::kTerm:
      return term(year - (last_year - year), year);
    case PeriodKind::kRange:
      if (month_aligned()) {
        const int first = month_index(start.year(), start.month());
        const int count = month_index(end.year(), end.month()) - first + 1;
        return range(first_day(index_year(first - count), index_month(first - count)),
                     start.add_days(-1));
      }
      return range(start.add_days(-days()), start.add_days(-1));
  }
  return *this;
}

Period Period::same_period_last_year() const {
  switch (kind) {
    case PeriodKind::kMonth:
      return of_month(year - 1, month);
    case PeriodKind::kQuarter:
      return of_quarter(year - 1, quarter);
    case PeriodKind::kFirstMonths:
      return first_months(year - 1, months);
    case PeriodKind::kYear:
      return of_year(year - 1);
    case PeriodKind::kTerm:
      return previous();
    case PeriodKind::kRange:
      if (month_aligned())
        return range(first_day(start.year() - 1, start.month()),
                     last_day(end.year() - 1, end.month()));
      return range(one_year_earlier(start), one_year_earlier(end));
  }
  return *this;
}

// ---------------------------------------------------------------------------------------------
// Parsing

namespace {

// A matcher returns nullopt when the text is not its form, an Error when it is its form but
// the values are wrong ("2021-13"), a value otherwise.
template <typename T>
using Match = std::optional<Result<T>>;

Error unrecognised() { return Error("period.unrecognised"); }

// Digits to int, saturating (a user may type "Quý 99999999999/2020").
int to_int(const std::string& digits) {
  if (digits.size() > 6) return 999999;
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

std::optional<Error> check_year(int year) {
  if (year < kMinPeriodYear || year > kMaxPeriodYear)
    return Error("period.bad_year",
                 {{"year", std::to_string(year)},
                  {"min", std::to_string(kMinPeriodYear)},
                  {"max", std::to_string(kMaxPeriodYear)}},
                 "year out of range");
  return std::nullopt;
}

std::optional<Error> check_month(int month) {
  if (month < 1 || month > 12)
    return Error("period.bad_month", {{"month", std::to_string(month)}}, "month out of range");
  return std::nullopt;
}

// fold() (lower case, no diacritics, single spaces, trimmed), dashes to '-', an ellipsis to
// "..", and no spaces around '/', '-' and '.' ("Quý I / 2020" -> "quy i/2020").
std::string normalise(std::string_view text) {
  std::string folded = text::fold(text);
  static const std::array<std::pair<std::string_view, std::string_view>, 5> kReplace = {
      {{"\u2013", "-"}, {"\u2014", "-"}, {"\u2012", "-"}, {"\u2212", "-"}, {"\u2026", ".."}}};
  for (auto [from, to] : kReplace) {
    for (auto pos = folded.find(from); pos != std::string::npos; pos = folded.find(from, pos))
      folded.replace(pos, from.size(), to);
  }
  auto is_sep = [](char c) { return c == '/' || c == '-' || c == '.'; };
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    if (c == ' ' &&
        ((i + 1 < folded.size() && is_sep(folded[i + 1])) || (!out.empty() && is_sep(out.back()))))
      continue;
    out.push_back(c);
  }
  return out;
}

struct YearMonth {
  int year, month;
};

Match<YearMonth> match_month(const std::string& s) {
  static const std::regex iso(R"((\d{4})-(\d{1,2}))");
  static const std::regex slash(R"((?:thang |t)?(\d{1,2})[/-](\d{4}))");
  static const std::regex words(R"(thang (\d{1,2}) nam (\d{4}))");
  std::smatch m;
  int year, month;
  if (std::regex_match(s, m, iso)) {
    year = to_int(m[1]);
    month = to_int(m[2]);
  } else if (std::regex_match(s, m, slash) || std::regex_match(s, m, words)) {
    month = to_int(m[1]);
    year = to_int(m[2]);
  } else {
    return std::nullopt;
  }
  if (auto e = check_year(year)) return *e;
  if (auto e = check_month(month)) return *e;
  return YearMonth{year, month};
}

Match<Period> match_quarter(const std::string& s) {
  static const std::regex iso(R"((\d{4})-q(\d+))");
  static const std::regex q(R"(q(\d+)[/ -](\d{4}))");
  static const std::regex words(R"(quy ([ivxlcdm]+|\d+)(?:/| nam |-| )(\d{4}))");
  std::smatch m;
  std::string written;
  int year;
  if (std::regex_match(s, m, iso)) {
    year = to_int(m[1]);
    written = m[2];
  } else if (std::regex_match(s, m, q) || std::regex_match(s, m, words)) {
    written = m[1];
    year = to_int(m[2]);
  } else {
    return std::nullopt;
  }
  int quarter = 0;
  if (std::isdigit(static_cast<unsigned char>(written[0]))) {
    quarter = to_int(written);
  } else {
    std::transform(written.begin(), written.end(), written.begin(),
                   [](char c) { return static_cast<char>(c - 'a' + 'A'); });
    for (std::size_t i = 0; i < kRoman.size(); ++i)
      if (written == kRoman[i]) quarter = static_cast<int>(i) + 1;
  }
  if (auto e = check_year(year)) return *e;
  if (quarter < 1 || quarter > 4)
    return Error("period.bad_quarter", {{"quarter", written}}, "quarter out of range");
  return Period::of_quarter(year, quarter);
}

// s matched (whole) against `re`, whose groups are numbers: nullopt when it does not match, the
// error of the first group of `years` (numbered from 1) that is not a year, else make(numbers).
template <std::size_t N, typename Make>
auto match_numbers(const std::string& s, const std::regex& re,
                   std::initializer_list<std::size_t> years, Make make)
    -> decltype(make(std::array<int, N>{})) {
  std::smatch m;
  if (!std::regex_match(s, m, re)) return std::nullopt;
  std::array<int, N> n{};
  for (std::size_t i = 0; i < N; ++i) n[i] = to_int(m[i + 1]);
  for (auto y : years)
    if (auto e = check_year(n[y - 1])) return *e;
  return make(n);
}

Match<Period> match_first_months(const std::string& s) {
  static const std::regex re(R"((\d+) thang (?:dau )?nam (\d{4}))");
  return match_numbers<2>(s, re, {2}, [](std::array<int, 2> n) -> Match<Period> {
    const auto [months, year] = n;
    if (months < 1 || months > 12)
      return Error("period.bad_months", {{"months", std::to_string(months)}},
                   "first N months with N out of range");
    return Period::first_months(year, months);
  });
}

Match<int> match_year(const std::string& s) {
  static const std::regex re(R"((?:nam )?(\d{4}))");
  return match_numbers<1>(s, re, {1}, [](std::array<int, 1> n) -> Match<int> { return n[0]; });
}

Match<Period> match_term(const std::string& s) {
  static const std::regex re(R"((?:(?:nhiem ky|khoa) )?(\d{4})(?:-|\.\.)(\d{4}))");
  return match_numbers<2>(s, re, {1, 2}, [](std::array<int, 2> n) -> Match<Period> {
    const auto [first, last] = n;
    // Both are years, written without leading zeros.
    if (last <= first)
      return Error("period.bad_term",
                   {{"first", std::to_string(first)}, {"last", std::to_string(last)}},
                   "a term must end after it begins");
    return Period::term(first, last);
  });
}

// One end of a range: a year, a month or a day.
struct RangeEnd {
  Date first, last;   // the days the end stands for
  std::string shown;  // "2021", "05/2021" or "15/01/2021" (the same in both languages)
};

Match<Date> match_date(const std::string& s) {
  static const std::regex dmy(R"((?:ngay )?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}))");
  static const std::regex iso(R"((?:ngay )?(\d{4})-(\d{1,2})-(\d{1,2}))");
  std::smatch m;
  int year, month, day;
  if (std::regex_match(s, m, dmy)) {
    day = to_int(m[1]);
    month = to_int(m[2]);
    year = to_int(m[3]);
  } else if (std::regex_match(s, m, iso)) {
    year = to_int(m[1]);
    month = to_int(m[2]);
    day = to_int(m[3]);
  } else {
    return std::nullopt;
  }
  if (auto e = check_year(year)) return *e;
  auto d = Date::from_ymd(year, month, day);
  if (!d)
    return Error("period.bad_date", {{"date", fmt::format("{:02}/{:02}/{:04}", day, month, year)}},
                 "no such day");
  return *d;
}

Result<RangeEnd> parse_range_end(const std::string& s) {
  if (auto y = match_year(s)) {
    if (!y->ok()) return y->error();
    const int year = y->value();
    return RangeEnd{first_day(year, 1), last_day(year, 12), std::to_string(year)};
  }
  if (auto ym = match_month(s)) {
    if (!ym->ok()) return ym->error();
    auto [year, month] = ym->value();
    return RangeEnd{first_day(year, month), last_day(year, month), mm_yyyy(year, month)};
  }
  if (auto d = match_date(s)) {
    if (!d->ok()) return d->error();
    return RangeEnd{d->value(), d->value(), d->value().vietnamese()};
  }
  return unrecognised();
}

Result<Period> parse_range(const std::string& from_text, const std::string& to_text) {
  auto from = parse_range_end(from_text);
  if (!from) return from.error();
  auto to = parse_range_end(to_text);
  if (!to) return to.error();
  if (to->last < from->first)
    return Error("period.empty_range", {{"from", from->shown}, {"to", to->shown}},
                 "the range ends before it begins");
  return Period::range(from->first, to->last);
}

Result<Period> parse_normalised(const std::string& s) {
  if (s.empty()) return unrecognised();
  if (auto p = match_term(s)) return *p;

  static const std::regex from_to(R"(tu (.+) den (.+))");
  std::smatch m;
  if (std::regex_match(s, m, from_to)) return parse_range(m[1], m[2]);
  if (auto dots = s.find(".."); dots != std::string::npos)
    return parse_range(s.substr(0, dots), s.substr(dots + 2));

  if (auto p = match_quarter(s)) return *p;
  if (auto p = match_first_months(s)) return *p;
  if (auto ym = match_month(s)) {
    if (!ym->ok()) return ym->error();
    return Period::of_month(ym->value().year, ym->value().month);
  }
  if (auto y = match_year(s)) {
    if (!y->ok()) return y->error();
    return Period::of_year(y->value());
  }
  return unrecognised();
}

}  // namespace

Result<Period> parse_period(std::string_view text) {
  const std::string_view trimmed = text::trim(text);
  const bool valid = text::is_valid_utf8(trimmed);
  auto result = valid ? parse_normalised(normalise(trimmed)) : Result<Period>(unrecognised());
  if (result) return result;
  Error error = result.error();
  // Every error also names what the user wrote, so that a caller can quote it.
  error.params["text"] = valid ? std::string(trimmed) : normalise(trimmed);
  if (error.detail.empty()) error.detail = "not a reporting period";
  return error;
}

}  // namespace htx::stats
