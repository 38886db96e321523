// A loan's debt group and provisions as of any date (issue 12 §5), and the figures that the
// portfolio reports add up (§6), from the replayed loan and data/fund's rules.
//
// The group (Circular 11/2021/TT-NHNN art. 10) is the worse of the group by days overdue and the
// group of the loan's events (restructured once, twice…, overdue after a restructuring). A
// restructuring under the COVID-19 relief of Circular 01/2020/TT-NHNN (as amended by 03/2021 and
// 14/2021) keeps the group the loan had just before it until the relief's end date, unless the
// days overdue since give a worse one; such a restructuring does not count as an event until
// then. A borrower's loans all take the worst group among them (FundRules::borrower_group).
#pragma once

#include <cstdint>
#include <optional>

#include "core/date.hpp"
#include "core/error.hpp"
#include "fund/loan.hpp"
#include "fund/rules.hpp"

namespace htx::fund {

struct Classification {
  int group = 1;
  int days_overdue = 0;
  DebtEvents events;              // as counted on the date
  std::optional<int> kept_group;  // the group kept by the COVID relief, while it lasts
};

// Whether `x` may be recorded as a COVID relief restructuring of `loan` (its earlier records as
// they stand): refused on its field when the loan arose after the window ("on"), the payments it
// reschedules fall outside it ("on"), they were more than the allowed days overdue ("on"), or
// the term is extended beyond the allowed months ("term_months").
Result<bool> check_covid_relief(const LoanRecord& loan, const Restructuring& x,
                                const FundRules& rules);

// The loan's group on `as_of` (its records replayed to that day).
Result<Classification> classify(const LoanRecord& loan, const FundRules& rules, Date as_of);

// What the portfolio reports add up for one loan over a period [from, to].
struct LoanFigures {
  std::int64_t outstanding = 0;                                  // principal on `to`
  std::int64_t disbursed = 0;                                    // in the period
  std::int64_t collected_principal = 0, collected_interest = 0;  // in the period (interest
                                                                 // includes overdue interest)
  bool restructured = false;                                     // in the period
  bool new_loan = false;                                         // first disbursed in the period
  std::int64_t par30 = 0, par90 = 0;  // outstanding when more than 30 / 90 days overdue
  int group = 1;
  std::int64_t specific_provision = 0;
  LoanStatus status = LoanStatus::kActive;
};

// `discounted_collateral`: the collateral's value after the discount rates of Circular 11/2021
// art. 12, deducted before the specific provision.
Result<LoanFigures> figures(const LoanRecord& loan, const FundRules& rules, Date from, Date to,
                            std::int64_t discounted_collateral = 0);

}  // namespace htx::fund
