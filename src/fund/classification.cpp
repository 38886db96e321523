#include "fund/classification.hpp"

#include <algorithm>

namespace htx::fund {

namespace {

// The loan's records as they stood just before restructuring `x` was entered.
LoanRecord before(const LoanRecord& loan, const Restructuring& x) {
  LoanRecord earlier = loan;
  std::erase_if(earlier.restructurings, [&](const Restructuring& r) { return r.on >= x.on; });
  std::erase_if(earlier.repayments, [&](const Repayment& r) { return r.on > x.on; });
  if (earlier.written_off_on && *earlier.written_off_on > x.on) earlier.written_off_on.reset();
  return earlier;
}

int months_between(Date a, Date b) {
  int m = (b.year() - a.year()) * 12 + b.month() - a.month();
  return b.day() > a.day() ? m + 1 : m;  // a part of a month counts as a month
}

Result<Classification> classify_position(const LoanRecord& loan, const LoanPosition& pos,
                                         const FundRules& rules, Date as_of) {
  Classification c;
  c.days_overdue = pos.days_overdue;
  c.events.overdue_after_restructuring = pos.overdue_after_restructuring;
  for (const auto& x : loan.restructurings) {
    if (x.on > as_of) continue;
    if (x.covid_relief && as_of <= rules.covid().keep_group_until) {
      auto kept = classify(before(loan, x), rules, x.on);
      if (!kept) return kept.error();
      c.kept_group = std::max(c.kept_group.value_or(1), kept->group);
      continue;
    }
    ++c.events.restructurings;
  }
  c.group = rules.group_of(c.days_overdue, c.events);
  if (c.kept_group) c.group = std::max(c.group, *c.kept_group);
  return c;
}

}  // namespace

Result<bool> check_covid_relief(const LoanRecord& loan, const Restructuring& x,
                                const FundRules& rules) {
  const auto& relief = rules.covid();
  auto field_error = [](const char* field, const char* key, std::string value) {
    return Error::invalid(field, key, {{"limit", std::move(value)}});
  };
  if (loan.disbursements.empty() || loan.disbursements.front().on >= relief.loan_before)
    return field_error("on", "fund.covid_loan_too_recent", relief.loan_before.vietnamese());
  auto earlier = before(loan, x);
  auto pos = replay(earlier, x.on);
  if (!pos) return pos.error();
  // The payment it reschedules: the oldest unpaid, or else the next to fall due.
  std::optional<Date> payment;
  if (pos->days_overdue > 0)
    payment = x.on.add_days(-pos->days_overdue);
  else if (pos->next_instalment)
    payment = pos->next_instalment->due_on;
  if (!payment || *payment < relief.payments_due_from || *payment > relief.payments_due_to ||
      x.on > relief.payments_due_to)
    return field_error(
        "on", "fund.covid_outside_window",
        relief.payments_due_from.vietnamese() + " – " + relief.payments_due_to.vietnamese());
  if (pos->days_overdue > relief.max_days_overdue)
    return field_error("on", "fund.covid_too_overdue", std::to_string(relief.max_days_overdue));
  auto schedule = build_schedule(x.terms, {{x.on, pos->principal_outstanding}});
  if (!schedule) return schedule.error();
  const Date old_end = pos->versions.back().lines.back().due_on;
  if (months_between(old_end, schedule->lines.back().due_on) > relief.max_extension_months)
    return field_error("term_months", "fund.covid_extension_too_long",
                       std::to_string(relief.max_extension_months));
  return true;
}

Result<Classification> classify(const LoanRecord& loan, const FundRules& rules, Date as_of) {
  auto pos = replay(loan, as_of);
  if (!pos) return pos.error();
  return classify_position(loan, pos.value(), rules, as_of);
}

Result<LoanFigures> figures(const LoanRecord& loan, const FundRules& rules, Date from, Date to,
                            std::int64_t discounted_collateral) {
  auto pos = replay(loan, to);
  if (!pos) return pos.error();
  auto c = classify_position(loan, pos.value(), rules, to);
  if (!c) return c.error();
  auto in_period = [&](Date d) { return d >= from && d <= to; };
  LoanFigures f;
  f.status = pos->status;
  f.outstanding = pos->principal_outstanding;
  for (const auto& d : loan.disbursements)
    if (in_period(d.on)) f.disbursed += d.amount;
  f.new_loan = !loan.disbursements.empty() && in_period(loan.disbursements.front().on);
  for (const auto& a : pos->allocations)
    if (in_period(a.on)) {
      f.collected_principal += a.principal + a.prepaid_principal;
      f.collected_interest += a.interest + a.overdue_interest;
    }
  f.restructured = std::any_of(loan.restructurings.begin(), loan.restructurings.end(),
                               [&](const Restructuring& x) { return in_period(x.on); });
  f.group = c->group;
  if (c->days_overdue > 30) f.par30 = f.outstanding;
  if (c->days_overdue > 90) f.par90 = f.outstanding;
  f.specific_provision = rules.specific_provision(f.group, f.outstanding, discounted_collateral);
  return f;
}

}  // namespace htx::fund
