#include "reporting/reporting.hpp"

#include <algorithm>
#include <charconv>

#include "core/enum_codes.hpp"
#include "core/find.hpp"
#include "core/json_record.hpp"
#include "work/rules.hpp"

namespace htx::reporting {

using work::Unit;

namespace {

std::string two_digits(int m) { return (m < 10 ? "0" : "") + std::to_string(m); }

int months_in(Frequency f) { return f == Frequency::kMonthly ? 1 : 3; }
int periods_in_year(Frequency f) { return f == Frequency::kMonthly ? 12 : 4; }

// The month `n` months after (year, month).
std::pair<int, int> add_months(int year, int month, int n) {
  int m = (year * 12 + (month - 1)) + n;
  return {m / 12, m % 12 + 1};
}

std::optional<int> parse_number(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

constexpr enum_codes::Codes<Frequency, 2> kFrequencies{{"monthly", "quarterly"}};
std::string_view to_code(Frequency f) { return kFrequencies.code(f); }
std::optional<Frequency> frequency_from_code(std::string_view code) {
  return kFrequencies.from_code(code);
}

Date ReportPeriod::first_day() const {
  return work::first_day(year, (index - 1) * months_in(frequency) + 1);
}

Date ReportPeriod::last_day() const { return work::last_day(year, index * months_in(frequency)); }

std::string ReportPeriod::code() const {
  if (frequency == Frequency::kQuarterly)
    return std::to_string(year) + "-Q" + std::to_string(index);
  return std::to_string(year) + "-" + two_digits(index);
}

ReportPeriod ReportPeriod::next() const {
  if (index == periods_in_year(frequency)) return {frequency, year + 1, 1};
  return {frequency, year, index + 1};
}

std::optional<ReportPeriod> parse_report_period(std::string_view text) {
  if (text.size() < 6 || text[4] != '-') return std::nullopt;
  auto year = parse_number(text.substr(0, 4));
  if (!year || *year < 1900 || *year > 9999) return std::nullopt;
  auto rest = text.substr(5);
  if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q')) {
    auto q = parse_number(rest.substr(1));
    if (!q || *q < 1 || *q > 4) return std::nullopt;
    return ReportPeriod{Frequency::kQuarterly, *year, *q};
  }
  if (rest.size() != 2) return std::nullopt;
  auto m = parse_number(rest);
  if (!m || *m < 1 || *m > 12) return std::nullopt;
  return ReportPeriod{Frequency::kMonthly, *year, *m};
}

ReportPeriod period_containing(Frequency frequency, Date day) {
  return {frequency, day.year(), (day.month() - 1) / months_in(frequency) + 1};
}

Date due_date(const DeadlineRule& rule, const ReportPeriod& period) {
  auto [y, m] =
      add_months(period.year, period.index * months_in(period.frequency), rule.months_after);
  Date last = work::last_day(y, m);
  int day = std::clamp(rule.day, 1, last.day());
  return *Date::from_ymd(y, m, day);
}

const Indicator* ReportForm::indicator(std::string_view key) const {
  return find_by(indicators, &Indicator::key, key);
}

ReportPeriod first_period(const ReportForm& form) {
  return period_containing(form.frequency, form.active_from);
}

bool period_of_form(const ReportForm& form, const ReportPeriod& period) {
  return period.frequency == form.frequency && !(period < first_period(form));
}

bool expected(const ReportForm& form, const Unit& unit, const ReportPeriod& period) {
  if (!period_of_form(form, period)) return false;
  bool assigned =
      (form.unit_kind && *form.unit_kind == unit.kind) ||
      std::find(form.unit_ids.begin(), form.unit_ids.end(), unit.id) != form.unit_ids.end();
  if (!assigned) return false;
  return !unit.established_on || *unit.established_on <= period.last_day();
}

std::vector<ReportForm> restricted_to(const std::vector<ReportForm>& forms,
                                      const std::vector<Unit>& units) {
  std::vector<ReportForm> out;
  for (auto f : forms) {
    std::vector<std::int64_t> ids;
    for (const auto& u : units)
      if ((f.unit_kind && *f.unit_kind == u.kind) ||
          std::find(f.unit_ids.begin(), f.unit_ids.end(), u.id) != f.unit_ids.end())
        ids.push_back(u.id);
    if (ids.empty()) continue;
    f.unit_kind.reset();
    f.unit_ids = std::move(ids);
    out.push_back(std::move(f));
  }
  return out;
}

constexpr enum_codes::Codes<ReportStatus, 4> kStatuses{
    {"on_time", "late", "missing", "not_yet_due"}};
std::string_view to_code(ReportStatus s) { return kStatuses.code(s); }

ReportStatus status_at(Date deadline, std::optional<Date> submitted_on, Date at) {
  if (submitted_on && *submitted_on <= at)
    return *submitted_on <= deadline ? ReportStatus::kOnTime : ReportStatus::kLate;
  return deadline < at ? ReportStatus::kMissing : ReportStatus::kNotYetDue;
}

int days_late(Date deadline, std::optional<Date> submitted_on, Date at) {
  switch (status_at(deadline, submitted_on, at)) {
    case ReportStatus::kLate:
      return submitted_on->days() - deadline.days();
    case ReportStatus::kMissing:
      return at.days() - deadline.days();
    default:
      return 0;
  }
}

double RateCounts::completeness() const { return expected ? 100.0 * submitted / expected : 0.0; }

double RateCounts::timeliness() const { return expected ? 100.0 * on_time / expected : 0.0; }

void RateCounts::add(ReportStatus s) {
  ++expected;
  switch (s) {
    case ReportStatus::kOnTime:
      ++submitted, ++on_time;
      break;
    case ReportStatus::kLate:
      ++submitted, ++late;
      break;
    case ReportStatus::kMissing:
      ++missing;
      break;
    case ReportStatus::kNotYetDue:
      ++not_yet_due;
      break;
  }
}

FormPeriodRates form_rates(const ReportForm& form, const std::vector<Unit>& units,
                           const std::vector<Submission>& submissions, const ReportPeriod& period,
                           Date at) {
  FormPeriodRates r;
  r.form = form;
  r.period = period;
  r.deadline = due_date(form, period);
  std::string code = period.code();
  std::map<std::int64_t, const Submission*> of_unit;
  for (const auto& s : submissions)
    if (s.form_id == form.id && s.period == code && s.submitted_on <= at) of_unit[s.unit_id] = &s;
  for (const auto& u : units) {
    if (!expected(form, u, period)) continue;
    UnitReport ur;
    ur.unit = u;
    if (auto s = of_unit.find(u.id); s != of_unit.end()) {
      ur.submitted_on = s->second->submitted_on;
      ur.submission_id = s->second->id;
    }
    ur.status = status_at(r.deadline, ur.submitted_on, at);
    ur.days_late = days_late(r.deadline, ur.submitted_on, at);
    r.counts.add(ur.status);
    r.units.push_back(std::move(ur));
  }
  return r;
}

std::vector<UnitRates> unit_rates(const ReportForm& form, const std::vector<Unit>& units,
                                  const std::vector<Submission>& submissions,
                                  const ReportPeriod& from, const ReportPeriod& to, Date at) {
  std::vector<UnitRates> out;
  for (const auto& u : units) out.push_back({u, {}});
  for (ReportPeriod p = from; !(to < p); p = p.next()) {
    auto r = form_rates(form, units, submissions, p, at);
    for (const auto& ur : r.units)
      for (auto& o : out)
        if (o.unit.id == ur.unit.id) o.counts.add(ur.status);
  }
  std::erase_if(out, [](const UnitRates& u) { return u.counts.expected == 0; });
  return out;
}

std::vector<LateEntry> late_list(const std::vector<FormPeriodRates>& rates) {
  std::vector<LateEntry> out;
  for (const auto& r : rates)
    for (const auto& u : r.units) {
      if (u.status != ReportStatus::kLate && u.status != ReportStatus::kMissing) continue;
      out.push_back({u.unit, r.form.code, r.form.name, r.period.code(), r.deadline, u.status,
                     u.submitted_on, u.days_late});
    }
  return out;
}

std::vector<FormPeriodRates> rates_due_between(const std::vector<ReportForm>& forms,
                                               const std::vector<Unit>& units,
                                               const std::vector<Submission>& submissions,
                                               Date from, Date to, Date at) {
  std::vector<FormPeriodRates> out;
  for (const auto& f : forms) {
    // A deadline is at most a few months after its period: start a year before `from`.
    ReportPeriod p = period_containing(f.frequency, from.add_days(-366));
    if (p < first_period(f)) p = first_period(f);
    for (; !(p.first_day() > to); p = p.next()) {
      Date due = due_date(f, p);
      if (due < from || due > to) continue;
      out.push_back(form_rates(f, units, submissions, p, at));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const FormPeriodRates& a, const FormPeriodRates& b) {
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
    return a.form.id < b.form.id;
  });
  return out;
}

nlohmann::json to_json(const ReportForm& f) {
  auto indicators = nlohmann::json::array();
  for (const auto& i : f.indicators)
    indicators.push_back({{"key", i.key}, {"name", i.name}, {"required", i.required}});
  return json_record(
      "id", f.id, "code", f.code, "name", f.name, "frequency", f.frequency, "unit_kind",
      f.unit_kind, "unit_ids", f.unit_ids, "deadline",
      nlohmann::json{{"months_after", f.deadline.months_after}, {"day", f.deadline.day}},
      "indicators", indicators, "active_from", f.active_from);
}

nlohmann::json to_json(const Submission& s) {
  return json_record("id", s.id, "form_id", s.form_id, "unit_id", s.unit_id, "period", s.period,
                     "submitted_on", s.submitted_on, "submitted_by", s.submitted_by, "values",
                     s.values, "note", s.note, "corrected_by", s.corrected_by, "corrected_at",
                     s.corrected_at);
}

nlohmann::json to_json(const RateCounts& c) {
  return json_record("expected", c.expected, "submitted", c.submitted, "on_time", c.on_time, "late",
                     c.late, "missing", c.missing, "not_yet_due", c.not_yet_due, "completeness",
                     c.completeness(), "timeliness", c.timeliness());
}

nlohmann::json to_json(const FormPeriodRates& r) {
  auto units = nlohmann::json::array();
  for (const auto& u : r.units)
    units.push_back(json_record("unit_id", u.unit.id, "unit_code", u.unit.code, "unit", u.unit.name,
                                "status", u.status, "submitted_on", u.submitted_on, "days_late",
                                u.days_late));
  return json_record("form", r.form.code, "form_name", r.form.name, "period", r.period.code(),
                     "deadline", r.deadline, "rates", to_json(r.counts), "units", units);
}

nlohmann::json to_json(const LateEntry& e) {
  return json_record("unit_id", e.unit.id, "unit_code", e.unit.code, "unit", e.unit.name, "form",
                     e.form_code, "form_name", e.form_name, "period", e.period, "deadline",
                     e.deadline, "status", e.status, "submitted_on", e.submitted_on, "days_late",
                     e.days_late);
}

}  // namespace htx::reporting
