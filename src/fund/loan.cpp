#include "fund/loan.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace htx::fund {

namespace {

using i128 = __int128;

constexpr i128 kMicroPercentPerUnit = 100'000'000;

i128 rate_days(const Rate& rate, DayCount day_count) {
  if (rate.unit == RateUnit::kPerMonth) return 30;
  return day_count == DayCount::kActual360 ? 360 : 365;
}

std::int64_t divide(i128 numerator, i128 denominator, Rounding rounding) {
  i128 q = numerator / denominator, r = numerator % denominator;
  if (rounding == Rounding::kUp && r > 0) ++q;
  if (rounding == Rounding::kHalfUp && 2 * r >= denominator) ++q;
  return static_cast<std::int64_t>(q);
}

// An amount owed from a due date, paid oldest first.
struct Owed {
  Date due_on;
  std::int64_t left = 0;
  bool overdue = false;  // reclassified as overdue in the ledger (principal)
};

std::int64_t total(const std::vector<Owed>& items) {
  return std::accumulate(items.begin(), items.end(), std::int64_t{0},
                         [](std::int64_t s, const Owed& o) { return s + o.left; });
}

std::int64_t total_due_by(const std::vector<Owed>& items, Date day) {
  std::int64_t s = 0;
  for (const auto& o : items)
    if (o.due_on <= day) s += o.left;
  return s;
}

// Pays `items` falling due by `day`, oldest first, from `money`; returns what it paid, calling
// `paid(item, amount)` for each part.
template <class Paid>
std::int64_t pay(std::vector<Owed>& items, Date day, std::int64_t& money, Paid paid) {
  std::stable_sort(items.begin(), items.end(),
                   [](const Owed& a, const Owed& b) { return a.due_on < b.due_on; });
  std::int64_t spent = 0;
  for (auto& o : items) {
    if (money == 0 || o.due_on > day) break;
    auto part = std::min(money, o.left);
    o.left -= part;
    money -= part;
    spent += part;
    if (part) paid(o, part);
  }
  std::erase_if(items, [](const Owed& o) { return o.left == 0; });
  return spent;
}

Error invalid(const char* field, const char* key, std::map<std::string, std::string> p = {}) {
  return Error::invalid(field, key, std::move(p));
}

class Replay {
 public:
  explicit Replay(const LoanRecord& loan) : loan_(loan) {}

  Result<LoanPosition> run(Date as_of) {
    auto first = build_schedule(loan_.terms, loan_.disbursements);
    if (!first) return first.error();
    if (auto e = check_records()) return *e;
    start_version(first.value(), loan_.terms);
    pos_.as_of = as_of;
    now_ = loan_.disbursements.front().on;

    std::size_t d = 0, r = 0, s = 0;
    const auto& ds = loan_.disbursements;
    while (true) {
      Date next = as_of.add_days(1);
      auto consider = [&](Date day) { next = std::min(next, day); };
      if (d < ds.size()) consider(ds[d].on);
      if (r < repayments_.size()) consider(repayments_[r].on);
      if (s < loan_.restructurings.size()) consider(loan_.restructurings[s].on);
      if (loan_.written_off_on && pos_.status == LoanStatus::kActive)
        consider(*loan_.written_off_on);
      if (pos_.status == LoanStatus::kActive && line_ < version().lines.size())
        consider(version().lines[line_].due_on);
      if (next > as_of) break;
      roll_to(next);
      for (; d < ds.size() && ds[d].on == next; ++d) disburse(ds[d]);
      if (pos_.status == LoanStatus::kActive && line_ < version().lines.size() &&
          version().lines[line_].due_on == next)
        fall_due();
      for (; r < repayments_.size() && repayments_[r].on == next; ++r)
        if (auto e = repay(repayments_[r], d == ds.size())) return *e;
      for (; s < loan_.restructurings.size() && loan_.restructurings[s].on == next; ++s)
        if (auto e = restructure(loan_.restructurings[s])) return *e;
      if (loan_.written_off_on == next && pos_.status == LoanStatus::kActive) write_off(next);
    }
    roll_to(as_of);
    return position();
  }

 private:
  const Schedule& version() const { return pos_.versions.back(); }

  std::optional<Error> check_records() {
    const auto& ds = loan_.disbursements;
    repayments_ = loan_.repayments;
    std::stable_sort(repayments_.begin(), repayments_.end(),
                     [](const Repayment& a, const Repayment& b) { return a.on < b.on; });
    for (const auto& p : repayments_) {
      if (p.amount <= 0) return invalid("amount", "fund.amount_not_positive");
      if (p.on < ds.front().on) return invalid("on", "fund.repayment_before_disbursement");
    }
    for (std::size_t i = 0; i < loan_.restructurings.size(); ++i) {
      const auto& x = loan_.restructurings[i];
      if (i && x.on <= loan_.restructurings[i - 1].on)
        return invalid("on", "fund.restructuring_order");
      if (x.on < ds.front().on) return invalid("on", "fund.restructuring_before_disbursement");
      if (x.interest_waived < 0) return invalid("interest_waived", "fund.amount_negative");
      if (ds.back().on >= x.on) return invalid("on", "fund.disbursement_after_restructuring");
    }
    if (loan_.written_off_on && *loan_.written_off_on < ds.front().on)
      return invalid("written_off_on", "fund.write_off_before_disbursement");
    return std::nullopt;
  }

  void start_version(Schedule schedule, const ScheduleTerms& terms) {
    terms_ = terms;
    left_.clear();
    for (const auto& l : schedule.lines) left_.push_back(l.principal);
    pos_.versions.push_back(std::move(schedule));
    line_ = 0;
  }

  void post(Date on, const char* debit, const char* credit, std::int64_t amount, const char* memo) {
    if (amount != 0) pos_.ledger.push_back({on, debit, credit, amount, memo});
  }

  i128 in_term_denominator() const {
    return kMicroPercentPerUnit * rate_days(terms_.rate, terms_.day_count);
  }
  i128 overdue_denominator() const { return in_term_denominator() * 100; }
  i128 late_denominator() const {
    return kMicroPercentPerUnit * rate_days(loan_.policy.late_interest_rate, DayCount::kActual365);
  }

  // Accrues from now_ to `day`. What fell due by now_ and is still unpaid is overdue from the
  // day after its due date.
  void roll_to(Date day) {
    if (day <= now_) return;
    if (pos_.status == LoanStatus::kActive) {
      for (auto& o : principal_)
        if (!o.overdue) {
          o.overdue = true;
          post(o.due_on.add_days(1), "loan_overdue", "loan_in_term", o.left, "overdue");
          if (pos_.restructurings) pos_.overdue_after_restructuring = true;
        }
      for (const auto& o : interest_)
        if (o.due_on <= now_ && pos_.restructurings) pos_.overdue_after_restructuring = true;
      const i128 days = day.days() - now_.days();
      accrued_ += static_cast<i128>(in_term_) * days * terms_.rate.micro_percent;
      accrued_overdue_ += static_cast<i128>(total(principal_)) * days * terms_.rate.micro_percent *
                          loan_.policy.overdue_principal_percent;
      accrued_late_ += static_cast<i128>(total_due_by(interest_, now_)) * days *
                       loan_.policy.late_interest_rate.micro_percent;
    }
    now_ = day;
  }

  void disburse(const Disbursement& d) {
    in_term_ += d.amount;
    pos_.disbursed += d.amount;
    post(d.on, "loan_in_term", "cash", d.amount, "disbursement");
  }

  // The interest accrued since the last due date, as an amount owed from `due_on`.
  void crystallise_interest(Date due_on) {
    auto interest = divide(accrued_, in_term_denominator(), terms_.rounding);
    accrued_ = 0;
    if (interest == 0) return;
    interest_.push_back({due_on, interest});
    post(now_, "interest_receivable", "interest_income", interest, "interest_due");
  }

  void crystallise_overdue_interest() {
    auto amount = divide(accrued_overdue_, overdue_denominator(), terms_.rounding) +
                  divide(accrued_late_, late_denominator(), terms_.rounding);
    accrued_overdue_ = accrued_late_ = 0;
    overdue_interest_ += amount;
    post(now_, "overdue_interest_receivable", "overdue_interest_income", amount,
         "overdue_interest");
  }

  // The date interest of line `k` (0-based) falls due: with the first line after interest grace.
  Date interest_due_on(std::size_t k) const {
    auto grace = static_cast<std::size_t>(terms_.interest_grace_months);
    return version().lines[std::max(k, std::min(grace, version().lines.size() - 1))].due_on;
  }

  void fall_due() {
    crystallise_interest(interest_due_on(line_));
    auto principal = line_ + 1 == left_.size() ? in_term_ : std::min(left_[line_], in_term_);
    if (principal > 0) principal_.push_back({now_, principal});
    in_term_ -= principal;
    ++line_;
  }

  std::int64_t owed_today() const {
    return overdue_interest_ + divide(accrued_overdue_, overdue_denominator(), terms_.rounding) +
           divide(accrued_late_, late_denominator(), terms_.rounding) + total(interest_) +
           divide(accrued_, in_term_denominator(), terms_.rounding) + in_term_ + total(principal_);
  }

  std::optional<Error> repay(const Repayment& p, bool all_disbursed) {
    if (pos_.status == LoanStatus::kClosed) {
      auto e = Error::conflict("fund.loan_closed");
      e.field = "on";
      return e;
    }
    Allocation a{p.on, p.amount};
    std::int64_t money = p.amount;
    if (pos_.status == LoanStatus::kWrittenOff) {
      auto open = pos_.written_off_principal + pos_.written_off_interest - pos_.recovered;
      if (money > open)
        return invalid("amount", "fund.repayment_above_owed", {{"owed", std::to_string(open)}});
      a.recovered = money;
      pos_.recovered += money;
      post(p.on, "cash", "recovery_income", money, "recovery");
      pos_.allocations.push_back(a);
      return std::nullopt;
    }
    if (auto owed = owed_today(); money > owed)
      return invalid("amount", "fund.repayment_above_owed", {{"owed", std::to_string(owed)}});
    crystallise_overdue_interest();
    for (auto bucket : loan_.policy.order) {
      switch (bucket) {
        case Bucket::kOverdueInterest: {
          auto part = std::min(money, overdue_interest_);
          overdue_interest_ -= part;
          money -= part;
          a.overdue_interest += part;
          post(p.on, "cash", "overdue_interest_receivable", part, "repayment");
          break;
        }
        case Bucket::kInterest:
          a.interest += pay(interest_, p.on, money, [&](const Owed&, std::int64_t part) {
            post(p.on, "cash", "interest_receivable", part, "repayment");
          });
          break;
        case Bucket::kPrincipal:
          a.principal += pay(principal_, p.on, money, [&](const Owed& o, std::int64_t part) {
            post(p.on, "cash", o.overdue ? "loan_overdue" : "loan_in_term", part, "repayment");
          });
          break;
      }
    }
    if (money > 0) prepay(p.on, money, a);
    pos_.paid_principal += a.principal + a.prepaid_principal;
    pos_.paid_interest += a.interest;
    pos_.paid_overdue_interest += a.overdue_interest;
    pos_.allocations.push_back(a);
    if (all_disbursed && in_term_ == 0 && principal_.empty() && interest_.empty() &&
        overdue_interest_ == 0) {
      pos_.status = LoanStatus::kClosed;
      pos_.closed_on = p.on;
    }
    return std::nullopt;
  }

  // Early repayment: the interest deferred and accrued to this day first, then principal not
  // yet due, taken off the last instalments.
  void prepay(Date on, std::int64_t& money, Allocation& a) {
    const Date next_due = line_ < version().lines.size() ? interest_due_on(line_) : on;
    crystallise_interest(next_due);
    a.interest += pay(interest_, Date::from_days(std::numeric_limits<std::int32_t>::max()), money,
                      [&](const Owed&, std::int64_t part) {
                        post(on, "cash", "interest_receivable", part, "prepayment");
                      });
    auto part = std::min(money, in_term_);
    in_term_ -= part;
    money -= part;
    a.prepaid_principal += part;
    post(on, "cash", "loan_in_term", part, "prepayment");
    for (std::size_t k = left_.size(); part > 0 && k > line_; --k) {
      auto take = std::min(part, left_[k - 1]);
      left_[k - 1] -= take;
      part -= take;
    }
  }

  std::optional<Error> restructure(const Restructuring& x) {
    if (pos_.status != LoanStatus::kActive) {
      auto e = Error::conflict(pos_.status == LoanStatus::kClosed ? "fund.loan_closed"
                                                                  : "fund.loan_written_off");
      e.field = "on";
      return e;
    }
    crystallise_overdue_interest();
    crystallise_interest(x.on);
    std::int64_t principal = in_term_;
    for (const auto& o : principal_) {
      principal += o.left;
      if (o.overdue) post(x.on, "loan_in_term", "loan_overdue", o.left, "restructuring");
    }
    if (principal == 0) return invalid("on", "fund.nothing_outstanding");
    std::int64_t interest = total(interest_);
    if (x.interest_waived > interest + overdue_interest_)
      return invalid("interest_waived", "fund.waiver_above_owed",
                     {{"owed", std::to_string(interest + overdue_interest_)}});
    auto from_overdue = std::min(x.interest_waived, overdue_interest_);
    overdue_interest_ -= from_overdue;
    post(x.on, "overdue_interest_income", "overdue_interest_receivable", from_overdue, "waiver");
    interest -= x.interest_waived - from_overdue;
    post(x.on, "interest_income", "interest_receivable", x.interest_waived - from_overdue,
         "waiver");
    auto schedule = build_schedule(x.terms, {{x.on, principal}});
    if (!schedule) return schedule.error();
    principal_.clear();
    interest_.clear();
    in_term_ = principal;
    start_version(schedule.value(), x.terms);
    if (interest > 0) interest_.push_back({interest_due_on(0), interest});
    ++pos_.restructurings;
    return std::nullopt;
  }

  void write_off(Date on) {
    crystallise_overdue_interest();
    crystallise_interest(on);
    std::int64_t overdue = 0;
    for (const auto& o : principal_) (o.overdue ? overdue : in_term_) += o.left;
    post(on, "loan_loss", "loan_in_term", in_term_, "write_off");
    post(on, "loan_loss", "loan_overdue", overdue, "write_off");
    auto interest = total(interest_);
    post(on, "interest_income", "interest_receivable", interest, "write_off");
    post(on, "overdue_interest_income", "overdue_interest_receivable", overdue_interest_,
         "write_off");
    pos_.written_off_principal = in_term_ + overdue;
    pos_.written_off_interest = interest + overdue_interest_;
    in_term_ = overdue_interest_ = 0;
    principal_.clear();
    interest_.clear();
    pos_.status = LoanStatus::kWrittenOff;
  }

  LoanPosition position() {
    const Date day = pos_.as_of;
    pos_.principal_outstanding = in_term_ + total(principal_);
    for (const auto& o : principal_)
      if (o.due_on < day) pos_.principal_overdue += o.left;
    pos_.interest_unpaid = total(interest_);
    for (const auto& o : interest_)
      if (o.due_on < day) pos_.interest_overdue += o.left;
    pos_.interest_accrued = divide(accrued_, in_term_denominator(), terms_.rounding);
    pos_.overdue_interest = overdue_interest_ +
                            divide(accrued_overdue_, overdue_denominator(), terms_.rounding) +
                            divide(accrued_late_, late_denominator(), terms_.rounding);
    std::optional<Date> oldest;
    for (const auto* items : {&principal_, &interest_})
      for (const auto& o : *items)
        if (o.due_on < day && (!oldest || o.due_on < *oldest)) oldest = o.due_on;
    if (oldest) pos_.days_overdue = day.days() - oldest->days();
    if (pos_.status == LoanStatus::kActive)
      for (std::size_t k = line_; k < version().lines.size(); ++k)
        if (version().lines[k].due_on > day) {
          Instalment next = version().lines[k];
          next.principal = k + 1 == left_.size() ? in_term_ : std::min(left_[k], in_term_);
          pos_.next_instalment = next;
          break;
        }
    return std::move(pos_);
  }

  const LoanRecord& loan_;
  std::vector<Repayment> repayments_;
  LoanPosition pos_;
  ScheduleTerms terms_;
  std::vector<std::int64_t> left_;  // principal of each line of the version not yet due
  std::size_t line_ = 0;            // the version's next line to fall due
  Date now_;
  std::int64_t in_term_ = 0;  // principal not yet due
  std::vector<Owed> principal_, interest_;
  std::int64_t overdue_interest_ = 0;
  i128 accrued_ = 0, accrued_overdue_ = 0, accrued_late_ = 0;  // Σ balance × days × rate
};

}  // namespace

Result<LoanPosition> replay(const LoanRecord& loan, Date as_of) { return Replay(loan).run(as_of); }

Result<bool> check_policy(const LoanPolicy& policy, int overdue_percent_cap,
                          std::int64_t late_rate_cap_micro_percent_per_year) {
  if (policy.overdue_principal_percent < 100 ||
      policy.overdue_principal_percent > overdue_percent_cap)
    return invalid("overdue_principal_percent", "fund.overdue_rate_above_cap",
                   {{"cap", std::to_string(overdue_percent_cap)}});
  const auto& late = policy.late_interest_rate;
  auto per_year = late.unit == RateUnit::kPerYear ? i128{late.micro_percent} * 30
                                                  : i128{late.micro_percent} * 365;
  if (late.micro_percent < 0 || per_year > i128{late_rate_cap_micro_percent_per_year} * 30)
    return invalid("late_interest_rate", "fund.late_rate_above_cap",
                   {{"cap", format_rate({late_rate_cap_micro_percent_per_year})}});
  if (policy.order.size() != 3) return invalid("order", "fund.allocation_order");
  for (auto b : {Bucket::kOverdueInterest, Bucket::kInterest, Bucket::kPrincipal})
    if (std::count(policy.order.begin(), policy.order.end(), b) != 1)
      return invalid("order", "fund.allocation_order");
  return true;
}

std::int64_t account_balance(const std::vector<LedgerEntry>& ledger, const std::string& account) {
  std::int64_t b = 0;
  for (const auto& e : ledger) {
    if (e.debit == account) b += e.amount;
    if (e.credit == account) b -= e.amount;
  }
  return b;
}

}  // namespace htx::fund
