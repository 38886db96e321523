// A fund loan replayed from its records: hand-computed cases of late, partial and early
// repayment, the stated allocation order, 360-day and monthly rates, restructuring to a zero
// rate, write-off and recovery, the refusals by field; then 240 random loans with repayments on
// time, late, partial, skipped and early, restructurings (rates to and from zero, waivers) and
// write-offs, reproduced by an independent day-by-day computation in exact fractions
// (reference_loan.py), with the ledger balanced and reconciled with the loans to the đồng.
#include "fund/loan.hpp"

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "random_loans.hpp"
#include "support/prerequisite.hpp"
#include "support/python.hpp"
#include "support/temp_dir.hpp"

namespace htx::fund {
namespace {

// 120.000.000 đ over 12 months, equal principal (10.000.000 a month), 6 %/năm, actual/365,
// disbursed 10/01/2024, instalments on the 10th; overdue at 150 %, late interest 10 %/năm.
LoanRecord reference_loan() {
  LoanRecord l;
  l.terms.method = Method::kEqualPrincipal;
  l.terms.rate = *parse_rate("6%/năm");
  l.terms.term_months = 12;
  l.disbursements = {{d(2024, 1, 10), 120'000'000}};
  return l;
}

LoanPosition at(const LoanRecord& l, Date day) {
  auto p = replay(l, day);
  EXPECT_TRUE(p.ok()) << p.error().key << " " << p.error().field;
  return p.ok() ? std::move(p.value()) : LoanPosition{};
}

TEST(Loan, RepaidAsScheduledPaysExactlyTheSchedulesInterestAndCloses) {
  auto l = reference_loan();
  auto s = build_schedule(l.terms, l.disbursements);
  ASSERT_TRUE(s.ok());
  for (const auto& line : s->lines) l.repayments.push_back({line.due_on, line.total()});
  auto p = at(l, d(2025, 1, 10));
  EXPECT_EQ(p.status, LoanStatus::kClosed);
  EXPECT_EQ(p.closed_on, d(2025, 1, 10));
  EXPECT_EQ(p.paid_interest, s->interest);
  EXPECT_EQ(p.paid_principal, 120'000'000);
  EXPECT_EQ(p.paid_overdue_interest, 0);
  EXPECT_EQ(p.payoff(), 0);
  // Line 1: 120.000.000 × 31 × 6 % / 365 = 611.506,85 → 611.507.
  EXPECT_EQ(p.allocations[0].interest, 611'507);
  EXPECT_EQ(p.allocations[0].principal, 10'000'000);
  EXPECT_EQ(account_balance(p.ledger, "cash"), s->interest);
  EXPECT_EQ(account_balance(p.ledger, "loan_in_term"), 0);
  EXPECT_EQ(account_balance(p.ledger, "interest_income"), -s->interest);
}

TEST(Loan, ALateInstalmentBearsTheOverdueRateOnPrincipalAndTheLateRateOnInterest) {
  auto l = reference_loan();
  // Ten days late: 10.000.000 × 10 × 9 % / 365 = 24.657,53 → 24.658 on the principal;
  // 611.507 × 10 × 10 % / 365 = 1.675,36 → 1.675 on the interest.
  auto before = at(l, d(2024, 2, 20));
  EXPECT_EQ(before.days_overdue, 10);
  EXPECT_EQ(before.principal_overdue, 10'000'000);
  EXPECT_EQ(before.interest_overdue, 611'507);
  EXPECT_EQ(before.overdue_interest, 24'658 + 1'675);
  EXPECT_EQ(account_balance(before.ledger, "loan_overdue"), 10'000'000);
  l.repayments = {{d(2024, 2, 20), 10'611'507 + 26'333}};
  auto p = at(l, d(2024, 3, 10));
  ASSERT_EQ(p.allocations.size(), 1u);
  EXPECT_EQ(p.allocations[0].overdue_interest, 26'333);
  EXPECT_EQ(p.allocations[0].interest, 611'507);
  EXPECT_EQ(p.allocations[0].principal, 10'000'000);
  // Line 2 accrues on the 110.000.000 still in term: × 29 days × 6 % / 365 = 524.383,56.
  EXPECT_EQ(p.interest_unpaid, 524'384);
  EXPECT_EQ(p.days_overdue, 0);
  EXPECT_EQ(p.overdue_interest, 0);
  EXPECT_EQ(account_balance(p.ledger, "loan_overdue"), 0);
}

TEST(Loan, APartialRepaymentFollowsTheStatedOrder) {
  auto l = reference_loan();
  l.repayments = {{d(2024, 2, 10), 5'000'000}};
  auto p = at(l, d(2024, 2, 10));
  EXPECT_EQ(p.allocations[0].interest, 611'507);
  EXPECT_EQ(p.allocations[0].principal, 5'000'000 - 611'507);
  EXPECT_EQ(at(l, d(2024, 2, 11)).principal_overdue, 5'611'507);

  l.policy.order = {Bucket::kPrincipal, Bucket::kInterest, Bucket::kOverdueInterest};
  auto q = at(l, d(2024, 2, 11));
  EXPECT_EQ(q.allocations[0].principal, 5'000'000);
  EXPECT_EQ(q.allocations[0].interest, 0);
  EXPECT_EQ(q.principal_overdue, 5'000'000);
  EXPECT_EQ(q.interest_overdue, 611'507);
}

TEST(Loan, AnEarlyRepaymentPaysTheInterestToThatDayThenShortensTheTerm) {
  auto l = reference_loan();
  // 15 days: 120.000.000 × 15 × 6 % / 365 = 295.890,41 → 295.890 first; the rest is principal
  // taken off the last instalments (lines 12 to 7, 10.000.000 each, line 7 keeping 295.890).
  l.repayments = {{d(2024, 1, 25), 60'000'000}};
  auto p = at(l, d(2024, 2, 10));
  EXPECT_EQ(p.allocations[0].interest, 295'890);
  EXPECT_EQ(p.allocations[0].prepaid_principal, 60'000'000 - 295'890);
  // Line 1: 16 days on 60.295.890: × 6 % / 365 = 158.586,45 → 158.586.
  EXPECT_EQ(p.interest_unpaid, 158'586);
  EXPECT_EQ(p.principal_outstanding, 60'295'890);
  // The instalments keep their amounts; the sixth month's is what is left of line 7.
  l.repayments.push_back({d(2024, 2, 10), 10'158'586});
  auto q = at(l, d(2024, 7, 9));
  ASSERT_TRUE(q.next_instalment);
  EXPECT_EQ(q.next_instalment->due_on, d(2024, 7, 10));
  EXPECT_EQ(q.next_instalment->principal, 10'000'000);
  auto r = at(l, d(2024, 8, 9));
  ASSERT_TRUE(r.next_instalment);
  EXPECT_EQ(r.next_instalment->principal, 295'890);
}

TEST(Loan, A360DayProductAccruesOver360DaysAndAMonthlyRateOver30) {
  auto l = reference_loan();
  l.terms.day_count = DayCount::kActual360;
  EXPECT_EQ(at(l, d(2024, 2, 10)).interest_unpaid, 620'000);  // 120e6 × 31 × 6 % / 360
  l.terms.rate = *parse_rate("0,4%/tháng");
  EXPECT_EQ(at(l, d(2024, 2, 10)).interest_unpaid, 496'000);  // 120e6 × 31 × 0,4 % / 30
}

TEST(Loan, RestructuringToAZeroRateIsANewVersionAndTheOldOneStaysReadable) {
  auto l = reference_loan();
  auto s = build_schedule(l.terms, l.disbursements);
  for (int k = 0; k < 3; ++k) l.repayments.push_back({s->lines[k].due_on, s->lines[k].total()});
  Restructuring x;
  x.on = d(2024, 4, 15);
  x.terms = l.terms;
  x.terms.rate = {0, RateUnit::kPerYear};
  x.reason = "Ảnh hưởng dịch Covid-19";
  x.legal_basis = "Thông tư 01/2020/TT-NHNN";
  l.restructurings = {x};
  // 5 days on 90.000.000 at 6 %: 73.972,60 → 73.973, due with the new first instalment.
  auto p = at(l, d(2024, 5, 15));
  ASSERT_EQ(p.versions.size(), 2u);
  EXPECT_EQ(p.versions[0].lines.size(), 12u);
  EXPECT_EQ(p.versions[0].lines[3].principal, 10'000'000);
  EXPECT_EQ(p.versions[1].lines.size(), 12u);
  EXPECT_EQ(p.versions[1].lines[0].principal, 7'500'000);
  EXPECT_EQ(p.versions[1].interest, 0);
  EXPECT_EQ(p.restructurings, 1);
  EXPECT_EQ(p.interest_unpaid, 73'973);
  EXPECT_EQ(p.interest_overdue, 0);
  l.repayments.push_back({d(2024, 5, 15), 7'573'973});
  auto q = at(l, d(2024, 6, 15));
  EXPECT_EQ(q.interest_unpaid, 0);  // no interest at a zero rate
  EXPECT_EQ(q.principal_outstanding, 82'500'000);
  EXPECT_FALSE(q.overdue_after_restructuring);
  EXPECT_TRUE(at(l, d(2024, 6, 16)).overdue_after_restructuring);
}

TEST(Loan, AWaiverReducesOverdueInterestFirst) {
  auto l = reference_loan();
  Restructuring x;
  x.on = d(2024, 2, 20);
  x.terms = l.terms;
  x.interest_waived = 26'333 + 100'000;
  l.restructurings = {x};
  auto p = at(l, d(2024, 2, 20));
  EXPECT_EQ(p.overdue_interest, 0);
  // 611.507 due, plus 10 days on 110.000.000 (180.822) since, less 100.000 waived.
  EXPECT_EQ(p.interest_unpaid, 611'507 + 180'822 - 100'000);
  EXPECT_EQ(p.principal_overdue, 0);
  EXPECT_EQ(p.principal_outstanding, 120'000'000);
}

TEST(Loan, AWrittenOffLoanLeavesTheBooksAndRecoveriesAreIncome) {
  auto l = reference_loan();
  l.written_off_on = d(2024, 8, 1);
  l.repayments = {{d(2024, 9, 1), 1'000'000}};
  auto p = at(l, d(2024, 9, 1));
  EXPECT_EQ(p.status, LoanStatus::kWrittenOff);
  EXPECT_EQ(p.written_off_principal, 120'000'000);
  EXPECT_GT(p.written_off_interest, 0);
  EXPECT_EQ(p.recovered, 1'000'000);
  EXPECT_EQ(p.principal_outstanding, 0);
  EXPECT_EQ(account_balance(p.ledger, "loan_in_term"), 0);
  EXPECT_EQ(account_balance(p.ledger, "loan_overdue"), 0);
  EXPECT_EQ(account_balance(p.ledger, "loan_loss"), 120'000'000);
  EXPECT_EQ(account_balance(p.ledger, "interest_receivable"), 0);
  EXPECT_EQ(account_balance(p.ledger, "recovery_income"), -1'000'000);
}

TEST(Loan, BadRecordsAreRefusedOnTheirField) {
  struct Case {
    std::function<void(LoanRecord&)> change;
    const char* field;
    const char* key;
  };
  auto restructure_on = [](Date on) {
    Restructuring x;
    x.on = on;
    x.terms = reference_loan().terms;
    return x;
  };
  const std::vector<Case> cases = {
      {[](LoanRecord& l) {
         l.repayments = {{d(2024, 2, 10), 0}};
       },
       "amount", "fund.amount_not_positive"},
      {[](LoanRecord& l) {
         l.repayments = {{d(2024, 2, 10), -5}};
       },
       "amount", "fund.amount_not_positive"},
      {[](LoanRecord& l) {
         l.repayments = {{d(2024, 1, 9), 100}};
       },
       "on", "fund.repayment_before_disbursement"},
      {[](LoanRecord& l) {
         l.repayments = {{d(2024, 2, 10), 120'611'508}};
       },
       "amount", "fund.repayment_above_owed"},
      {[](LoanRecord& l) {
         l.repayments = {{d(2024, 2, 10), 120'611'507}, {d(2024, 3, 1), 1}};
       },
       "on", "fund.loan_closed"},
      {[&](LoanRecord& l) {
         l.repayments = {{d(2024, 2, 10), 120'611'507}};
         l.restructurings = {restructure_on(d(2024, 3, 1))};
       },
       "on", "fund.loan_closed"},
      {[&](LoanRecord& l) {
         auto x = restructure_on(d(2024, 3, 1));
         x.interest_waived = 10'000'000;
         l.restructurings = {x};
       },
       "interest_waived", "fund.waiver_above_owed"},
      {[&](LoanRecord& l) {
         l.restructurings = {restructure_on(d(2024, 3, 1))};
         l.disbursements.push_back({d(2024, 3, 2), 1'000'000});
       },
       "on", "fund.disbursement_after_restructuring"},
      {[&](LoanRecord& l) {
         l.restructurings = {restructure_on(d(2024, 3, 1)), restructure_on(d(2024, 3, 1))};
       },
       "on", "fund.restructuring_order"},
      {[&](LoanRecord& l) {
         auto x = restructure_on(d(2024, 3, 1));
         x.terms.term_months = 0;
         l.restructurings = {x};
       },
       "term_months", "fund.term_out_of_range"},
  };
  for (const auto& c : cases) {
    auto l = reference_loan();
    c.change(l);
    auto p = replay(l, d(2025, 6, 1));
    ASSERT_FALSE(p.ok()) << c.key;
    EXPECT_EQ(p.error().field, c.field) << c.key;
    EXPECT_EQ(p.error().key, c.key) << c.field;
  }
}

TEST(Loan, ThePolicyStaysWithinTheCapsOfCircular39) {
  LoanPolicy p;
  EXPECT_TRUE(check_policy(p, 150, 10'000'000).ok());
  p.overdue_principal_percent = 151;
  EXPECT_EQ(check_policy(p, 150, 10'000'000).error().field, "overdue_principal_percent");
  p = {};
  p.late_interest_rate = *parse_rate("0,9%/tháng");  // 10,95 %/năm
  EXPECT_EQ(check_policy(p, 150, 10'000'000).error().field, "late_interest_rate");
  p.late_interest_rate = *parse_rate("0,8%/tháng");  // 9,73 %/năm
  EXPECT_TRUE(check_policy(p, 150, 10'000'000).ok());
  p.order = {Bucket::kInterest, Bucket::kInterest, Bucket::kPrincipal};
  EXPECT_EQ(check_policy(p, 150, 10'000'000).error().field, "order");
}

// ---- random loans against the independent reference -------------------------------------------

struct LoanCase {
  LoanRecord loan;
  Date as_of;
};

const char* bucket_code(Bucket b) {
  return b == Bucket::kOverdueInterest ? "overdue_interest"
         : b == Bucket::kInterest      ? "interest"
                                       : "principal";
}

nlohmann::json loan_json(const LoanCase& c) {
  const auto& l = c.loan;
  nlohmann::json reps = nlohmann::json::array(), rss = nlohmann::json::array();
  for (const auto& r : l.repayments) reps.push_back({r.on.iso(), r.amount});
  for (const auto& x : l.restructurings)
    rss.push_back({{"on", x.on.iso()},
                   {"terms", case_json({x.terms, {}})},
                   {"interest_waived", x.interest_waived}});
  nlohmann::json order = nlohmann::json::array();
  for (auto b : l.policy.order) order.push_back(bucket_code(b));
  auto terms = case_json({l.terms, l.disbursements});
  return {
      {"terms", terms},
      {"disbursements", terms["disbursements"]},
      {"policy",
       {{"overdue_percent", l.policy.overdue_principal_percent},
        {"late_rate", l.policy.late_interest_rate.micro_percent},
        {"late_unit", l.policy.late_interest_rate.unit == RateUnit::kPerYear ? "year" : "month"},
        {"order", order}}},
      {"repayments", reps},
      {"restructurings", rss},
      {"written_off_on", l.written_off_on ? l.written_off_on->iso() : ""},
      {"as_of", c.as_of.iso()}};
}

// Loans lived at random: each instalment paid on time, late, in part, skipped, early with a
// prepayment, or the loan paid off; some restructured (new method, rate — to or from zero —,
// term, a waiver), some written off and partly recovered, a few with a repayment above what is
// owed (refused by both computations).
std::vector<LoanCase> random_cases(int count) {
  auto loans = random_loans(count);
  std::mt19937_64 rng(20'200'313);  // Circular 01/2020/TT-NHNN's date: any fixed seed
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<LoanCase> out;
  for (int i = 0; i < count; ++i) {
    LoanCase c;
    auto& l = c.loan;
    l.terms = loans[i].terms;
    l.disbursements = loans[i].ds;
    l.policy.overdue_principal_percent = std::array{100, 130, 150}[i % 3];
    l.policy.late_interest_rate = i % 5 == 1 ? Rate{pick(0, 8) * 100'000, RateUnit::kPerMonth}
                                             : Rate{pick(0, 10) * 1'000'000, RateUnit::kPerYear};
    if (i % 9 == 4)
      l.policy.order = {Bucket::kPrincipal, Bucket::kInterest, Bucket::kOverdueInterest};
    if (i % 9 == 7)
      l.policy.order = {Bucket::kInterest, Bucket::kPrincipal, Bucket::kOverdueInterest};
    int restructure_at = i % 4 == 2 ? pick(1, 8) : -1;
    int write_off_at = i % 23 == 7 ? pick(2, 10) : -1;
    Date cursor = l.disbursements.front().on;
    for (int step = 0; step < 120; ++step) {
      auto now = replay(l, cursor);
      if (!now.ok() || now->status != LoanStatus::kActive || !now->next_instalment) break;
      const Date due = now->next_instalment->due_on;
      if (step == write_off_at) {
        l.written_off_on = due.add_days(pick(30, 200));
        l.repayments.push_back({l.written_off_on->add_days(pick(0, 90)), pick(1, 5'000'000)});
        cursor = l.repayments.back().on;
        break;
      }
      if (step == restructure_at) {
        Restructuring x;
        x.on = std::max(cursor.add_days(1), due.add_days(pick(-10, 40)));
        x.terms = loans[(i * 7 + 3) % count].terms;
        x.terms.term_months = pick(3, 36);
        x.terms.principal_grace_months = pick(0, 2);
        x.terms.interest_grace_months = pick(0, 1);
        if (i % 8 == 2) x.terms.rate.micro_percent = 0;  // to zero
        if (l.terms.rate.micro_percent == 0 && x.terms.rate.micro_percent == 0)
          x.terms.rate = {pick(1, 1'200) * 10'000, RateUnit::kPerYear};  // from zero
        auto then = replay(l, x.on);
        if (then.ok()) x.interest_waived = pick(0, 2) == 0 ? 0 : then->interest_unpaid / pick(1, 4);
        l.restructurings.push_back(x);
        if (!replay(l, x.on).ok()) l.restructurings.pop_back();
        cursor = x.on;
        restructure_at = i % 12 == 6 && l.restructurings.size() < 2 ? step + pick(3, 6) : -1;
        continue;
      }
      std::int64_t instalment = now->next_instalment->total();
      Date on = due;
      std::int64_t amount = instalment;
      switch (pick(0, 11)) {
        case 5:  // late, with what was missed
          on = due.add_days(pick(5, 120));
          amount = instalment * pick(1, 3);
          break;
        case 6:  // in part
          amount = instalment / 2;
          break;
        case 7:  // skipped
          cursor = due.add_days(1);
          continue;
        case 8:  // early, with a prepayment
          on = std::max(cursor.add_days(1), due.add_days(-pick(1, 15)));
          amount = instalment + pick(0, 50) * 1'000'000;
          break;
        case 9:  // paid off
          on = due.add_days(pick(-10, 10));
          amount = -1;
          break;
        default:
          break;
      }
      if (on < cursor) on = cursor;
      auto then = replay(l, on);
      if (!then.ok()) break;
      auto payoff = then->payoff();
      amount = amount < 0 ? payoff : std::min(amount, payoff);
      if (i % 37 == 5 && step == 3) amount = payoff + 1;  // refused, by both
      if (amount > 0) l.repayments.push_back({on, amount});
      cursor = std::max(on, due);
    }
    c.as_of = i % 4 == 3
                  ? Date::from_days(l.disbursements.front().on.days() +
                                    pick(1, cursor.days() - l.disbursements.front().on.days() + 1))
                  : cursor.add_days(pick(0, 200));
    out.push_back(std::move(c));
  }
  return out;
}

// What every position must satisfy, whatever the loan: the ledger balanced and reconciled with
// the loan to the đồng, nothing negative, the principal accounted for.
void expect_invariants(const LoanCase& c, const LoanPosition& p, int i) {
  std::int64_t sum = 0;
  for (const char* a : kLedgerAccounts) sum += account_balance(p.ledger, a);
  EXPECT_EQ(sum, 0) << i;
  for (const auto& e : p.ledger) EXPECT_GT(e.amount, 0) << i << " " << e.memo;
  EXPECT_EQ(account_balance(p.ledger, "loan_in_term") + account_balance(p.ledger, "loan_overdue"),
            p.principal_outstanding)
      << i;
  EXPECT_EQ(account_balance(p.ledger, "loan_overdue"), p.principal_overdue) << i;
  EXPECT_EQ(account_balance(p.ledger, "interest_receivable"), p.interest_unpaid) << i;
  EXPECT_LE(account_balance(p.ledger, "overdue_interest_receivable"), p.overdue_interest) << i;
  std::int64_t repaid = 0;
  for (const auto& a : p.allocations) {
    repaid += a.amount;
    EXPECT_EQ(a.amount,
              a.overdue_interest + a.interest + a.principal + a.prepaid_principal + a.recovered)
        << i;
  }
  EXPECT_EQ(account_balance(p.ledger, "cash"), repaid - p.disbursed) << i;
  EXPECT_EQ(p.paid_principal + p.principal_outstanding + p.written_off_principal, p.disbursed) << i;
  for (auto v : {p.principal_outstanding, p.principal_overdue, p.interest_unpaid,
                 p.interest_accrued, p.overdue_interest})
    EXPECT_GE(v, 0) << i;
  if (p.status == LoanStatus::kClosed) {
    EXPECT_EQ(p.payoff(), 0) << i;
  }
  (void)c;
}

TEST(Loan, RandomLoansMatchTheIndependentDayByDayReferenceToTheDong) {
  HTX_REQUIRE(!htx::testing::plain_python().empty(), "python3 not found");
  const auto cases = random_cases(240);
  std::vector<nlohmann::json> in;
  for (const auto& c : cases) in.push_back(loan_json(c));
  std::string failure;
  const auto answers = run_reference(HTX_FUND_REFERENCE_LOAN, in, failure);
  ASSERT_TRUE(failure.empty()) << failure;
  int refused = 0, restructured = 0, late = 0, prepaid = 0, closed = 0, written_off = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& want = answers[i];
    const auto& c = cases[i];
    auto got = replay(c.loan, c.as_of);
    const auto ctx = "case " + std::to_string(i) + " " + loan_json(c).dump();
    if (want.contains("error")) {
      ASSERT_FALSE(got.ok()) << ctx;
      EXPECT_EQ(got.error().field, want["error"].get<std::string>()) << ctx;
      ++refused;
      continue;
    }
    ASSERT_TRUE(got.ok()) << got.error().key << " " << ctx;
    const auto& p = got.value();
    ASSERT_EQ(p.allocations.size(), want["allocations"].size()) << ctx;
    for (std::size_t k = 0; k < p.allocations.size(); ++k) {
      const auto& a = p.allocations[k];
      const auto& w = want["allocations"][k];
      ASSERT_EQ(nlohmann::json({a.on.iso(), a.amount, a.overdue_interest, a.interest, a.principal,
                                a.prepaid_principal, a.recovered}),
                w)
          << "allocation " << k << " of " << ctx;
      if (a.overdue_interest) ++late;
      if (a.prepaid_principal) ++prepaid;
    }
    const char* status = p.status == LoanStatus::kActive   ? "active"
                         : p.status == LoanStatus::kClosed ? "closed"
                                                           : "written_off";
    EXPECT_EQ(status, want["status"].get<std::string>()) << ctx;
    EXPECT_EQ(p.disbursed, want["disbursed"]) << ctx;
    EXPECT_EQ(p.principal_outstanding, want["principal_outstanding"]) << ctx;
    EXPECT_EQ(p.principal_overdue, want["principal_overdue"]) << ctx;
    EXPECT_EQ(p.interest_unpaid, want["interest_unpaid"]) << ctx;
    EXPECT_EQ(p.interest_overdue, want["interest_overdue"]) << ctx;
    EXPECT_EQ(p.interest_accrued, want["interest_accrued"]) << ctx;
    EXPECT_EQ(p.overdue_interest, want["overdue_interest"]) << ctx;
    EXPECT_EQ(p.days_overdue, want["days_overdue"]) << ctx;
    EXPECT_EQ(p.restructurings, want["restructurings"]) << ctx;
    EXPECT_EQ(p.overdue_after_restructuring, want["overdue_after_restructuring"]) << ctx;
    EXPECT_EQ(nlohmann::json({p.written_off_principal, p.written_off_interest, p.recovered}),
              want["written_off"])
        << ctx;
    expect_invariants(c, p, static_cast<int>(i));
    restructured += p.restructurings > 0;
    closed += p.status == LoanStatus::kClosed;
    written_off += p.status == LoanStatus::kWrittenOff;
  }
  // The sample covers what it claims to.
  EXPECT_GE(refused, 3);
  EXPECT_GE(restructured, 30);
  EXPECT_GE(late, 30);
  EXPECT_GE(prepaid, 30);
  EXPECT_GE(closed, 20);
  EXPECT_GE(written_off, 3);
}

}  // namespace
}  // namespace htx::fund
