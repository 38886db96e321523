#include "core/date.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>

namespace htx {

namespace {
using namespace std::chrono;

bool parse_uint(std::string_view s, int& out) {
  if (s.empty() || s.size() > 4) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<Date> Date::from_ymd(int y, int m, int d) {
  if (y < 1900 || y > 9999) return std::nullopt;
  year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                     std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date(static_cast<std::int32_t>(sys_days(ymd).time_since_epoch().count()));
}

std::optional<Date> Date::parse_iso(std::string_view s) {
  s = trim(s);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y, m, d;
  if (!parse_uint(s.substr(0, 4), y) || !parse_uint(s.substr(5, 2), m) ||
      !parse_uint(s.substr(8, 2), d))
    return std::nullopt;
  return from_ymd(y, m, d);
}

std::optional<Date> Date::parse(std::string_view s) {
  s = trim(s);
  if (auto iso = parse_iso(s)) return iso;
  // d/m/yyyy with '/', '-' or '.'
  char sep = 0;
  for (char c : s) {
    if (c == '/' || c == '-' || c == '.') {
      sep = c;
      break;
    }
  }
  if (!sep) return std::nullopt;
  auto p1 = s.find(sep);
  auto p2 = s.find(sep, p1 + 1);
  if (p2 == std::string_view::npos || s.find(sep, p2 + 1) != std::string_view::npos)
    return std::nullopt;
  int d, m, y;
  auto ds = s.substr(0, p1), ms = s.substr(p1 + 1, p2 - p1 - 1), ys = s.substr(p2 + 1);
  if (ds.size() > 2 || ms.size() > 2 || ys.size() != 4) return std::nullopt;
  if (!parse_uint(ds, d) || !parse_uint(ms, m) || !parse_uint(ys, y)) return std::nullopt;
  return from_ymd(y, m, d);
}

int Date::year() const { return int(year_month_day{sys_days{std::chrono::days{days_}}}.year()); }
int Date::month() const {
  return static_cast<int>(unsigned(year_month_day{sys_days{std::chrono::days{days_}}}.month()));
}
int Date::day() const {
  return static_cast<int>(unsigned(year_month_day{sys_days{std::chrono::days{days_}}}.day()));
}

std::string Date::iso() const {
  // By hand: this runs for every row of an import.
  year_month_day ymd{sys_days{std::chrono::days{days_}}};
  int y = int(ymd.year());
  unsigned m = unsigned(ymd.month()), d = unsigned(ymd.day());
  if (y < 0 || y > 9999) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  char buf[10] = {char('0' + y / 1000),
                  char('0' + y / 100 % 10),
                  char('0' + y / 10 % 10),
                  char('0' + y % 10),
                  '-',
                  char('0' + m / 10),
                  char('0' + m % 10),
                  '-',
                  char('0' + d / 10),
                  char('0' + d % 10)};
  return std::string(buf, 10);
}

std::string Date::vietnamese() const {
  year_month_day ymd{sys_days{std::chrono::days{days_}}};
  return fmt::format("{:02}/{:02}/{:04}", unsigned(ymd.day()), unsigned(ymd.month()),
                     int(ymd.year()));
}

Date SystemClock::today() const {
  auto now = floor<days>(system_clock::now());
  return Date::from_days(static_cast<std::int32_t>(now.time_since_epoch().count()));
}

std::string SystemClock::now_iso() const {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

const Clock& default_clock() {
  static const Clock* clock = []() -> const Clock* {
    if (const char* t = std::getenv("HTX_TODAY")) {
      if (auto d = Date::parse_iso(t)) return new FixedClock(*d, d->iso() + "T00:00:00Z");
    }
    return new SystemClock();
  }();
  return *clock;
}

}  // namespace htx
