// The reporting regime (chế độ thông tin, báo cáo): the report forms units must submit (the
// provincial alliances' monthly report with its indicators, the departments' monthly progress),
// each with its deadline rule as data; submissions; and the pure rules: the deadline of a period,
// the status of a unit's report at a date (on time, late, missing, not yet due), the reporting
// rates per form and period and per unit over a range (completeness = submitted / expected,
// timeliness = on time / expected, as DHIS2 shows "reporting rate" and "reporting rate on time")
// and the list of who is late. No storage, no clock: the day of reference is a parameter.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "work/work.hpp"

namespace htx::reporting {

enum class Frequency { kMonthly, kQuarterly };
std::string_view to_code(Frequency f);  // "monthly", "quarterly"
std::optional<Frequency> frequency_from_code(std::string_view code);

// A reporting period: a month (index 1..12) or a quarter (index 1..4) of a year.
struct ReportPeriod {
  Frequency frequency = Frequency::kMonthly;
  int year = 0;
  int index = 0;

  Date first_day() const;
  Date last_day() const;
  std::string code() const;  // "2021-02", "2021-Q1"
  ReportPeriod next() const;
  auto operator<=>(const ReportPeriod&) const = default;
};
// "2021-02" (monthly) or "2021-Q1" (quarterly); nullopt if malformed.
std::optional<ReportPeriod> parse_report_period(std::string_view text);
// The period of `frequency` that contains `day`.
ReportPeriod period_containing(Frequency frequency, Date day);

// The deadline: day `day` of the month `months_after` months after the period's last month
// ({1, 20}: "day 20 of the month after the period"; {0, 25}: "day 25 of the period's own
// month"). A day past the month's end means its last day (31 in February is the 28th or 29th).
struct DeadlineRule {
  int months_after = 1;
  int day = 20;
};

// An indicator of a form: a whole number, never negative.
struct Indicator {
  std::string key;   // "htx_founded"
  std::string name;  // "Số HTX thành lập mới"
  bool required = true;
};

struct ReportForm {
  std::int64_t id = 0;
  std::string code;  // "BC-TINH-THANG"
  std::string name;  // "Báo cáo tháng của Liên minh HTX tỉnh"
  Frequency frequency = Frequency::kMonthly;
  std::optional<work::UnitKind> unit_kind;  // every unit of this kind must submit
  std::vector<std::int64_t> unit_ids;       // and these listed units
  DeadlineRule deadline;
  std::vector<Indicator> indicators;
  Date active_from;  // the first period is the one containing this day
  std::string recorded_by;
  std::string recorded_at;

  const Indicator* indicator(std::string_view key) const;
};

struct Submission {
  std::int64_t id = 0;
  std::int64_t form_id = 0;
  std::int64_t unit_id = 0;
  std::string period;  // ReportPeriod::code()
  Date submitted_on;   // kept by a correction
  std::string submitted_by;
  std::map<std::string, std::int64_t> values;
  std::string note;
  std::string recorded_at;
  std::string corrected_by;  // empty until corrected
  std::string corrected_at;
};

// ---- rules ----------------------------------------------------------------------------------

Date due_date(const DeadlineRule& rule, const ReportPeriod& period);
inline Date due_date(const ReportForm& form, const ReportPeriod& period) {
  return due_date(form.deadline, period);
}

// The form's first period (the one containing active_from); a period before it is not expected.
ReportPeriod first_period(const ReportForm& form);
bool period_of_form(const ReportForm& form, const ReportPeriod& period);

// Whether `unit` must submit `form` for `period`: of the form's kind or listed, the period is
// the form's, and the unit existed by the period's last day (established_on).
bool expected(const ReportForm& form, const work::Unit& unit, const ReportPeriod& period);

// The forms as a part of the units sees them (a provincial user's own units): each form expects
// only those of `units` it expected (by kind or listed); a form expecting none is dropped.
std::vector<ReportForm> restricted_to(const std::vector<ReportForm>& forms,
                                      const std::vector<work::Unit>& units);

enum class ReportStatus { kOnTime, kLate, kMissing, kNotYetDue };
std::string_view to_code(ReportStatus s);  // "on_time", "late", "missing", "not_yet_due"

// The status at the end of `at`: a submission dated after `at` does not count yet.
ReportStatus status_at(Date deadline, std::optional<Date> submitted_on, Date at);
// Days past the deadline: at submission for a late report, at `at` for a missing one; else 0.
int days_late(Date deadline, std::optional<Date> submitted_on, Date at);

struct UnitReport {
  work::Unit unit;
  ReportStatus status = ReportStatus::kNotYetDue;
  std::optional<Date> submitted_on;
  int days_late = 0;
  std::optional<std::int64_t> submission_id;
};

struct RateCounts {
  int expected = 0;
  int submitted = 0;  // on time or late
  int on_time = 0;
  int late = 0;
  int missing = 0;
  int not_yet_due = 0;
  // Percentages of expected (0 when nothing is expected).
  double completeness() const;
  double timeliness() const;
  void add(ReportStatus s);
};

// One form in one period: every expected unit (in the units' order) with its status at `at`.
struct FormPeriodRates {
  ReportForm form;
  ReportPeriod period;
  Date deadline;
  RateCounts counts;
  std::vector<UnitReport> units;
};

FormPeriodRates form_rates(const ReportForm& form, const std::vector<work::Unit>& units,
                           const std::vector<Submission>& submissions, const ReportPeriod& period,
                           Date at);

// A unit's record over the periods from `from` to `to` (inclusive) of one form.
struct UnitRates {
  work::Unit unit;
  RateCounts counts;
};
std::vector<UnitRates> unit_rates(const ReportForm& form, const std::vector<work::Unit>& units,
                                  const std::vector<Submission>& submissions,
                                  const ReportPeriod& from, const ReportPeriod& to, Date at);

// Who is late: the units whose report is late or missing, in the order of the rates given.
struct LateEntry {
  work::Unit unit;
  std::string form_code;
  std::string form_name;
  std::string period;
  Date deadline;
  ReportStatus status = ReportStatus::kMissing;  // late or missing
  std::optional<Date> submitted_on;
  int days_late = 0;
};
std::vector<LateEntry> late_list(const std::vector<FormPeriodRates>& rates);

// Every form's periods whose deadline falls between `from` and `to` (the reports due in a
// month or a year), with the statuses at `at`, by deadline then form.
std::vector<FormPeriodRates> rates_due_between(const std::vector<ReportForm>& forms,
                                               const std::vector<work::Unit>& units,
                                               const std::vector<Submission>& submissions,
                                               Date from, Date to, Date at);

nlohmann::json to_json(const ReportForm& f);
nlohmann::json to_json(const Submission& s);
nlohmann::json to_json(const RateCounts& c);
nlohmann::json to_json(const FormPeriodRates& r);
nlohmann::json to_json(const LateEntry& e);

}  // namespace htx::reporting
