// The demo's support funds (seed 003): the portfolio for Quý I/2020 states how many loans were
// made and how many cooperatives were restructured, and the test counts the same from the
// individual records with its own loops; on 31/12/2022 the loans fall in every debt group; each
// fund's posted ledger reconciles with its loans and balances.
#include <gtest/gtest.h>

#include <set>

#include "areas/statistics_area.hpp"
#include "areas/work_area.hpp"
#include "demo/demo_fund.hpp"
#include "demo/demo_registry.hpp"
#include "fund/fund_service.hpp"
#include "stats/period.hpp"
#include "stats/report_format.hpp"
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
  auto sum = demo::build_fund_demo({*fx.db, fx.clock.today(), fx.clock.now_iso()}, rules);
  EXPECT_EQ(sum.funds, 4);
  EXPECT_GE(sum.loans, 40);
  EXPECT_GE(sum.restructurings, 3);
  EXPECT_GT(sum.repayments, 500);

  // From the records: loans first disbursed in a period, their disbursements in it, and the
  // cooperatives restructured in it.
  struct Counted {
    int lent = 0;
    std::int64_t amount = 0;
    std::set<std::string> restructured;
  };
  auto count = [&](Date from, Date to) {
    Counted c;
    for (const auto& l : fx.db->fund().list_loans({})) {
      std::optional<Date> first;
      std::int64_t in_period = 0;
      for (const auto& m : fx.db->fund().movements_of(l.id)) {
        if (m.kind != MovementKind::kDisbursement || m.state != MovementState::kApproved) continue;
        if (!first || m.on < *first) first = m.on;
        if (m.on >= from && m.on <= to) in_period += m.amount;
      }
      if (first && *first >= from && *first <= to) {
        ++c.lent;
        c.amount += in_period;
      }
      for (const auto& x : fx.db->fund().restructurings_of(l.id))
        if (x.on >= from && x.on <= to) c.restructured.insert(l.borrower_code);
    }
    return c;
  };
  const Date from = ymd(2020, 1, 1), to = ymd(2020, 3, 31);
  const auto q1 = count(from, to);
  const int lent = q1.lent;
  const std::int64_t amount = q1.amount;
  const auto& restructured = q1.restructured;
  ASSERT_GE(lent, 3);
  ASSERT_GE(restructured.size(), 3u);
  FundService s(fx.db->fund(), fx.db->registry(), fx.db->audit(), *fx.db, fx.clock, rules);
  auto p = s.portfolio({std::nullopt, from, to, PortfolioBy::kFund}, ProvinceScope::all());
  EXPECT_EQ(p.narrative, "Quỹ Hỗ trợ phát triển HTX trung ương và địa phương cho vay vốn ưu đãi " +
                             std::to_string(lent) + " dự án, " + words(amount) +
                             "; cơ cấu lại nợ cho " + std::to_string(restructured.size()) + " HTX");
  EXPECT_EQ(p.rows.size(), 4u);  // every fund lent

  // The statistical report of Quý I/2020 states the same, in Vietnamese and in English.
  auto tenths = (amount + 50'000'000) / 100'000'000;
  auto billions = [&](const char* mark) {
    return std::to_string(tenths / 10) + (tenths % 10 ? mark + std::to_string(tenths % 10) : "");
  };
  auto quarter = stats::parse_period("2020-Q1");
  ASSERT_TRUE(quarter.ok());
  areas::StatisticsArea statistics(*fx.db, fx.geo, fx.sectors);
  auto report = statistics.report(*quarter, stats::default_boundaries(*quarter), &rules);
  auto vi = stats::ReportFormatter(fx.vi, fx.geo, fx.sectors).narrative(report);
  EXPECT_NE(vi.find("cho vay vốn ưu đãi " + std::to_string(lent) + " dự án, " + billions(",") +
                    " tỷ đồng; cơ cấu lại nợ cho " + std::to_string(restructured.size()) + " HTX."),
            std::string::npos)
      << vi;
  auto en = stats::ReportFormatter(fx.en, fx.geo, fx.sectors).narrative(report);
  EXPECT_NE(en.find("preferential loans to " + std::to_string(lent) + " projects, VND " +
                    billions(".") + " billion, and restructured the debt of " +
                    std::to_string(restructured.size()) + " cooperatives."),
            std::string::npos)
      << en;
  // Without the fund's rules the report is the registry's alone.
  auto registry_only = statistics.report(*quarter, stats::default_boundaries(*quarter));
  EXPECT_EQ(stats::ReportFormatter(fx.vi, fx.geo, fx.sectors).narrative(registry_only).find("Quỹ"),
            std::string::npos);

  // The review of 2020 states the year's lending, counted the same way; a provincial user's
  // counts only its provinces' loans.
  const auto year = count(ymd(2020, 1, 1), ymd(2020, 12, 31));
  areas::WorkArea national(*fx.db, fx.clock, areas::operator_caller("test"));
  auto review = national.review_json(fx.geo, fx.sectors, {2020, 0}, &rules);
  ASSERT_TRUE(review["registry"]["lending"].is_object()) << review["registry"].dump();
  EXPECT_EQ(review["registry"]["lending"]["new_loans"], year.lent);
  EXPECT_EQ(review["registry"]["lending"]["new_amount"], year.amount);
  EXPECT_EQ(review["registry"]["lending"]["restructured_borrowers"], year.restructured.size());
  auto draft =
      work::to_text(national.review_draft(fx.geo, fx.sectors, {2020, 0}, ymd(2021, 1, 10), &rules));
  EXPECT_NE(draft.find("cho vay vốn ưu đãi " + std::to_string(year.lent) + " dự án"),
            std::string::npos)
      << draft;
  const auto loans = fx.db->fund().list_loans({});
  ASSERT_FALSE(loans.empty());
  const std::string province = loans.front().province_id;
  int in_province = 0;
  for (const auto& l : fx.db->fund().list_loans({})) {
    if (l.province_id != province) continue;
    std::optional<Date> first;
    for (const auto& m : fx.db->fund().movements_of(l.id))
      if (m.kind == MovementKind::kDisbursement && m.state == MovementState::kApproved &&
          (!first || m.on < *first))
        first = m.on;
    if (first && first->year() == 2020) ++in_province;
  }
  accounts::User staff;
  staff.username = "tinh";
  staff.role = accounts::Role::kProvincialStaff;
  staff.province_ids = {province};
  accounts::AccessPolicy access(fx.geo);
  areas::WorkArea provincial(*fx.db, fx.clock,
                             areas::caller_of(access, accounts::Principal{staff}));
  auto own = provincial.review_json(fx.geo, fx.sectors, {2020, 0}, &rules);
  EXPECT_EQ(own["registry"]["lending"]["new_loans"], in_province) << province;

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
