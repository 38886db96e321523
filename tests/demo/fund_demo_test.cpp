// The demo's support funds (seed 003): the portfolio for Quý I/2020 states how many loans were
// made and how many cooperatives were restructured, and the test counts the same from the
// individual records with its own loops; on 31/12/2022 the loans fall in every debt group; each
// fund's posted ledger reconciles with its loans and balances.
#include <gtest/gtest.h>

#include <set>

#include "demo/demo_fund.hpp"
#include "demo/demo_registry.hpp"
#include "fund/fund_service.hpp"
#include "support/registry_fixture.hpp"

namespace htx {
namespace {

using namespace htx::fund;

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// "1,2 tỷ đồng" / "850 triệu đồng", written again here from the alliance's usage.
std::string words(std::int64_t dong) {
  if (dong < 1'000'000'000) return std::to_string((dong + 500'000) / 1'000'000) + " triệu đồng";
  auto tenths = (dong + 50'000'000) / 100'000'000;
  auto text = std::to_string(tenths / 10);
  if (tenths % 10) text += "," + std::to_string(tenths % 10);
  return text + " tỷ đồng";
}

TEST(FundDemo, TheFirstQuarterOf2020IsStatedFromTheLoans) {
  testing::RegistryFixture fx;
  demo::DemoOptions opt;
  opt.scale = 0.05;
  opt.clock = &fx.clock;
  demo::build_demo(fx.service, *fx.db, fx.db->targets(), fx.geo, fx.sectors, opt);
  const auto rules = FundRules::load(HTX_SOURCE_DATA_DIR);
  auto sum = demo::build_fund_demo(fx.db->fund(), fx.db->registry(), fx.db->audit(), *fx.db, rules,
                                   fx.clock.today(), fx.clock.now_iso());
  EXPECT_EQ(sum.funds, 4);
  EXPECT_GE(sum.loans, 40);
  EXPECT_GE(sum.restructurings, 3);
  EXPECT_GT(sum.repayments, 500);

  // From the records: loans first disbursed in the quarter, their disbursements in it, and the
  // cooperatives restructured in it.
  const Date from = ymd(2020, 1, 1), to = ymd(2020, 3, 31);
  int lent = 0;
  std::int64_t amount = 0;
  std::set<std::string> restructured;
  for (const auto& l : fx.db->fund().list_loans({})) {
    std::optional<Date> first;
    std::int64_t in_quarter = 0;
    for (const auto& m : fx.db->fund().movements_of(l.id)) {
      if (m.kind != MovementKind::kDisbursement || m.state != MovementState::kApproved) continue;
      if (!first || m.on < *first) first = m.on;
      if (m.on >= from && m.on <= to) in_quarter += m.amount;
    }
    if (first && *first >= from && *first <= to) {
      ++lent;
      amount += in_quarter;
    }
    for (const auto& x : fx.db->fund().restructurings_of(l.id))
      if (x.on >= from && x.on <= to) restructured.insert(l.borrower_code);
  }
  ASSERT_GE(lent, 3);
  ASSERT_GE(restructured.size(), 3u);
  FundService s(fx.db->fund(), fx.db->registry(), fx.db->audit(), *fx.db, fx.clock, rules);
  auto p = s.portfolio({std::nullopt, from, to, PortfolioBy::kFund}, ProvinceScope::all());
  EXPECT_EQ(p.narrative, "Quỹ Hỗ trợ phát triển HTX trung ương và địa phương cho vay vốn ưu đãi " +
                             std::to_string(lent) + " dự án, " + words(amount) +
                             "; cơ cấu lại nợ cho " + std::to_string(restructured.size()) + " HTX");
  EXPECT_EQ(p.rows.size(), 4u);  // every fund lent

  // 31/12/2022: every debt group has a loan.
  std::set<int> groups;
  for (const auto& l : fx.db->fund().list_loans({}))
    if (auto v = s.loan(l.id, ymd(2022, 12, 31), ProvinceScope::all()); v.ok())
      if (v->position.principal_outstanding > 0) groups.insert(v->classification.group);
  EXPECT_EQ(groups, (std::set<int>{1, 2, 3, 4, 5}));

  for (const auto& f : fx.db->fund().list_funds()) {
    auto r = s.reconcile(f.id, ProvinceScope::all());
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->empty()) << f.code;
    auto balances = s.trial_balance(f.id, fx.clock.today(), ProvinceScope::all());
    ASSERT_TRUE(balances.ok());
    std::int64_t total = 0;
    for (const auto& b : balances.value()) total += b.balance;
    EXPECT_EQ(total, 0) << f.code;
  }
}

}  // namespace
}  // namespace htx
