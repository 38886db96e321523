// Calendar dates as the alliance writes them (dd/mm/yyyy, d/m/yyyy) and as ISO (yyyy-mm-dd).
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace htx {

class Date {
 public:
  Date() = default;
  static std::optional<Date> from_ymd(int year, int month, int day);
  static Date from_days(std::int32_t days_since_epoch) { return Date(days_since_epoch); }

  // Accepts yyyy-mm-dd, dd/mm/yyyy, d/m/yyyy (also with '-' or '.' separators in the d/m/y form).
  static std::optional<Date> parse(std::string_view text);
  static std::optional<Date> parse_iso(std::string_view text);

  int year() const;
  int month() const;
  int day() const;
  std::int32_t days() const { return days_; }

  std::string iso() const;         // 2021-02-05
  std::string vietnamese() const;  // 05/02/2021

  Date add_days(int n) const { return Date(days_ + n); }

  auto operator<=>(const Date&) const = default;

 private:
  explicit Date(std::int32_t d) : days_(d) {}
  std::int32_t days_ = 0;  // days since 1970-01-01
};

// The clock is injected so that tests are hermetic ("a date in the future" depends on today).
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Date today() const = 0;
  virtual std::string now_iso() const = 0;  // 2026-11-29T20:48:37Z
};

class SystemClock final : public Clock {
 public:
  Date today() const override;
  std::string now_iso() const override;
};

class FixedClock final : public Clock {
 public:
  FixedClock(Date today, std::string now) : today_(today), now_(std::move(now)) {}
  Date today() const override { return today_; }
  std::string now_iso() const override { return now_; }

 private:
  Date today_;
  std::string now_;
};

// The clock the program uses: the system clock unless HTX_TODAY=yyyy-mm-dd is set (tests, demos).
const Clock& default_clock();

}  // namespace htx
