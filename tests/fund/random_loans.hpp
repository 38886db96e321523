// Random loans for the fund's tests (every method, both day counts, both rate units, grace on
// principal and on interest, tranches, multiples of 1.000 đ, each rounding), and their terms as
// the JSON that the independent references (reference_schedule.py, reference_loan.py) read.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fund/schedule.hpp"
#include "support/python.hpp"
#include "support/temp_dir.hpp"

namespace htx::fund {

inline Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

inline const char* method_code(Method m) {
  switch (m) {
    case Method::kEqualPrincipal:
      return "equal_principal";
    case Method::kEqualInstalment:
      return "equal_instalment";
    case Method::kPrincipalAtMaturity:
      return "principal_at_maturity";
  }
  return "";
}
inline const char* rounding_code(Rounding r) {
  return r == Rounding::kHalfUp ? "half_up" : r == Rounding::kDown ? "down" : "up";
}

struct RandomLoan {
  ScheduleTerms terms;
  std::vector<Disbursement> ds;
};

inline std::vector<RandomLoan> random_loans(int count) {
  std::mt19937_64 rng(20'170'623);  // Decision 23/2017/QĐ-TTg's date: any fixed seed
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<RandomLoan> out;
  for (int i = 0; i < count; ++i) {
    RandomLoan l;
    auto& t = l.terms;
    t.method = static_cast<Method>(i % 3);
    t.day_count = i % 5 == 0 ? DayCount::kActual360 : DayCount::kActual365;
    t.rate = i % 4 == 0 ? Rate{pick(0, 12) * 50'000, RateUnit::kPerMonth}
                        : Rate{pick(0, 1'500) * 10'000, RateUnit::kPerYear};
    if (i % 17 == 0) t.rate.micro_percent = 0;
    t.term_months = i % 11 == 0 ? pick(1, 3) : pick(6, 60);
    t.principal_grace_months = pick(0, std::min(12, t.term_months - 1));
    t.interest_grace_months = i % 3 == 1 ? pick(0, std::min(6, t.term_months - 1)) : 0;
    t.rounding = static_cast<Rounding>(i % 7 == 3 ? 1 : i % 7 == 5 ? 2 : 0);
    t.multiple = i % 6 == 2 ? 1'000 : 1;
    Date start = Date::from_days(d(2017, 1, 1).days() + pick(0, 2'000));
    t.payment_day = i % 4 == 1 ? pick(1, 31) : 0;
    l.ds.push_back({start, std::int64_t{pick(1, 5'000)} * 1'000'000 + pick(0, 999'999)});
    // Tranches: up to three more, within the first year and before the last due date.
    int tranches = i % 5 == 3 ? pick(1, 3) : 0;
    Date last = due_date(start, t.term_months, t.payment_day ? t.payment_day : start.day());
    Date at = start;
    for (int k = 0; k < tranches; ++k) {
      at = Date::from_days(at.days() + pick(1, 120));
      if (at >= last) break;
      l.ds.push_back({at, std::int64_t{pick(1, 2'000)} * 1'000'000});
    }
    out.push_back(std::move(l));
  }
  return out;
}

inline nlohmann::json case_json(const RandomLoan& l) {
  const auto& t = l.terms;
  nlohmann::json ds = nlohmann::json::array();
  for (const auto& x : l.ds) ds.push_back({x.on.iso(), x.amount});
  return {{"method", method_code(t.method)},
          {"rate", t.rate.micro_percent},
          {"unit", t.rate.unit == RateUnit::kPerYear ? "year" : "month"},
          {"day_count", t.day_count == DayCount::kActual360 ? "actual360" : "actual365"},
          {"term", t.term_months},
          {"principal_grace", t.principal_grace_months},
          {"interest_grace", t.interest_grace_months},
          {"rounding", rounding_code(t.rounding)},
          {"multiple", t.multiple},
          {"payment_day", t.payment_day},
          {"disbursements", ds}};
}

// Runs an independent reference (a python script reading JSON lines) over the cases; one JSON
// answer a case, or an empty list with `failure` set to what went wrong.
inline std::vector<nlohmann::json> run_reference(const char* script,
                                                 const std::vector<nlohmann::json>& cases,
                                                 std::string& failure) {
  htx::testing::TempDir dir;
  {
    std::ofstream in(dir.file("cases.jsonl"));
    for (const auto& c : cases) in << c.dump() << "\n";
  }
  auto r = htx::testing::run_command(htx::testing::shell_quote(htx::testing::plain_python()) + " " +
                                     htx::testing::shell_quote(script) + " < " +
                                     htx::testing::shell_quote(dir.file("cases.jsonl")));
  std::vector<nlohmann::json> out;
  if (r.status != 0) {
    failure = r.output;
    return out;
  }
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
  if (out.size() != cases.size()) failure = "the reference answered " + std::to_string(out.size());
  return out;
}

}  // namespace htx::fund
