// The support fund's service on both backends, as a fund's staff use it: a product, an
// application appraised, decided by the credit council and contracted; disbursed in two tranches
// under four eyes; repaid, restructured under the COVID relief; the portfolio's narrative for the
// quarter, the trial balance and the reconciliation of the ledger with the loans to the đồng;
// every bad input of the issue refused on its field with nothing written; the scope of a
// provincial fund's user.
#include <gtest/gtest.h>

#include <functional>
#include <tuple>

#include "backend_fixture.hpp"
#include "fund/fund_service.hpp"

namespace htx::store::testing {
namespace {

using namespace htx::fund;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

const FundRules& rules() {
  static const FundRules r = FundRules::load(HTX_SOURCE_DATA_DIR);
  return r;
}

class FundServiceContract : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (auto [code, name, province, status] :
         {std::tuple{"0100000001", "Hợp tác xã Nông nghiệp Tân Hưng", "01-2008",
                     registry::EntityStatus::kActive},
          std::tuple{"2400000001", "Hợp tác xã Vải thiều Lục Ngạn", "24-2008",
                     registry::EntityStatus::kActive},
          std::tuple{"2400000009", "Hợp tác xã đã giải thể", "24-2008",
                     registry::EntityStatus::kDissolved}}) {
      registry::Entity e;
      e.code = code;
      e.name = name;
      e.sector_id = "nong_nghiep";
      e.province_id = province;
      e.founded_on = d(2015, 1, 5);
      e.status = status;
      db().registry().insert(e);
    }
    Fund central;
    central.code = "QHTTW";
    central.name = "Quỹ Hỗ trợ phát triển hợp tác xã Trung ương";
    central_ = service().add_fund(central, "admin", ProvinceScope::all())->id;
    Fund bg;
    bg.code = "QHT-24";
    bg.name = "Quỹ Hỗ trợ phát triển hợp tác xã tỉnh Bắc Giang";
    bg.level = FundLevel::kProvincial;
    bg.province_id = "24-2008";
    bg_ = service().add_fund(bg, "admin", ProvinceScope::all())->id;
    product_ = service().add_product(product(central_), "admin", ProvinceScope::all())->id;
  }
  FundService service() {
    return {db().fund(), db().registry(), db().audit(), db(), clock_, rules()};
  }
  static Product product(std::int64_t fund) {
    Product p;
    p.fund_id = fund;
    p.code = "SXKD";
    p.name = "Cho vay đầu tư sản xuất, kinh doanh";
    p.max_amount = 2'000'000'000;
    p.max_term_months = 60;
    p.min_own_percent = 20;
    p.rate = "6,6%/năm";
    p.late_rate = "10%/năm";
    return p;
  }
  Application application() const {
    Application a;
    a.fund_id = central_;
    a.product_id = product_;
    a.borrower_code = "0100000001";
    a.amount = 600'000'000;
    a.term_months = 24;
    a.purpose = "Đầu tư nhà màng trồng rau an toàn";
    a.total_investment = 1'000'000'000;
    a.own_contribution = 300'000'000;
    a.collateral = {{"land_use_right", "Quyền sử dụng đất", 500'000'000, 30}};
    a.received_on = d(2019, 11, 4);
    return a;
  }
  // An application taken to its contract, as the fund's staff would.
  Loan contracted() {
    auto s = service();
    const auto scope = ProvinceScope::all();
    auto a = s.apply(application(), "can_bo", scope);
    EXPECT_TRUE(a.ok()) << a.error().key;
    EXPECT_TRUE(s.appraise(a->id, d(2019, 11, 8), "Dự án khả thi", 600'000'000, "can_bo", scope));
    Council c{
        "25/QĐ-QHT", d(2019, 11, 12), {"Nguyễn Văn A", "Trần Thị B", "Lê Văn C"}, 3, 0, 500'000'000,
        ""};
    EXPECT_TRUE(s.decide(a->id, c, true, "giam_doc", scope));
    auto l = s.sign_contract(a->id, "01/2019/HĐTD", d(2019, 11, 15), 15, "can_bo", scope);
    EXPECT_TRUE(l.ok()) << l.error().key;
    return l.ok() ? l.value() : Loan{};
  }
  FixedClock clock_{d(2020, 6, 30), "2020-06-30T08:00:00Z"};
  std::int64_t central_ = 0, bg_ = 0, product_ = 0;
};

TEST_P(FundServiceContract, AnApplicationBecomesALoanThroughAppraisalCouncilAndContract) {
  auto s = service();
  auto a = s.apply(application(), "can_bo", ProvinceScope::all());
  ASSERT_TRUE(a.ok()) << a.error().key;
  EXPECT_EQ(a->borrower_name, "Hợp tác xã Nông nghiệp Tân Hưng");
  EXPECT_EQ(a->province_id, "01-2008");
  // 24 months: the second band (≤ 36): 10 working days from Monday 04/11/2019.
  auto queue = s.applications({}, ProvinceScope::all());
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].due_by, d(2019, 11, 18));
  EXPECT_TRUE(queue[0].overdue);  // undecided on 30/06/2020
  auto l = contracted();
  EXPECT_EQ(l.approved_amount, 500'000'000);
  EXPECT_EQ(l.terms.rate, "6,6 %/năm");
  EXPECT_EQ(l.discounted_collateral, 350'000'000);
  auto app = db().fund().find_application(l.application_id);
  EXPECT_EQ(app->status, ApplicationStatus::kContracted);
  EXPECT_EQ(app->loan_id, l.id);
  EXPECT_EQ(app->council.members.size(), 3u);
  audit::Filter f;
  f.action = "fund.loan.create";
  EXPECT_EQ(db().audit().list(f).size(), 1u);
}

TEST_P(FundServiceContract, DisbursementsNeedASecondPairOfEyes) {
  auto l = contracted();
  auto s = service();
  auto m = s.enter_disbursement(l.id, d(2019, 11, 15), 300'000'000, "can_bo", ProvinceScope::all());
  ASSERT_TRUE(m.ok()) << m.error().key;
  EXPECT_EQ(m->state, MovementState::kPending);
  auto own = s.approve(m->id, "can_bo", ProvinceScope::all());
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().key, "fund.four_eyes");
  EXPECT_EQ(own.error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(own.error().field, "approved_by");
  // Nothing is owed until it is approved.
  EXPECT_EQ(s.loan(l.id, d(2019, 12, 31), ProvinceScope::all())->position.principal_outstanding, 0);
  ASSERT_TRUE(s.approve(m->id, "giam_doc", ProvinceScope::all()).ok());
  // Above the approved amount (500.000.000, 300.000.000 entered): refused on the amount.
  auto over =
      s.enter_disbursement(l.id, d(2020, 1, 10), 250'000'000, "can_bo", ProvinceScope::all());
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().field, "amount");
  EXPECT_EQ(over.error().key, "fund.disbursement_above_approved");
  auto second =
      s.enter_disbursement(l.id, d(2020, 1, 10), 200'000'000, "can_bo", ProvinceScope::all());
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(s.approve(second->id, "giam_doc", ProvinceScope::all()).ok());
  auto v = s.loan(l.id, d(2020, 1, 10), ProvinceScope::all());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->position.disbursed, 500'000'000);
  EXPECT_EQ(v->position.versions.size(), 1u);
  // The posted ledger reconciles with the loan.
  auto r = s.reconcile(central_, ProvinceScope::all());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST_P(FundServiceContract, RepaidAndRestructuredUnderTheCovidReliefWithTheQuartersNarrative) {
  auto l = contracted();
  auto s = service();
  auto m = s.enter_disbursement(l.id, d(2019, 11, 15), 500'000'000, "can_bo", ProvinceScope::all());
  ASSERT_TRUE(s.approve(m->id, "giam_doc", ProvinceScope::all()));
  // The December, January and February instalments paid on their dates, March's not.
  for (Date due : {d(2019, 12, 15), d(2020, 1, 15), d(2020, 2, 15)}) {
    auto v = s.loan(l.id, due, ProvinceScope::all());
    ASSERT_TRUE(v.ok());
    auto owed =
        v->position.interest_unpaid + v->position.principal_overdue + v->position.overdue_interest;
    auto& next = v->position.versions.back().lines;
    std::int64_t principal = 0;
    for (const auto& line : next)
      if (line.due_on == due) principal = line.principal;
    ASSERT_TRUE(s.repay(l.id, due, owed + principal, "can_bo", ProvinceScope::all()).ok());
  }
  auto before = s.loan(l.id, d(2020, 3, 20), ProvinceScope::all());
  EXPECT_EQ(before->position.days_overdue, 5);
  RestructuringRecord x;
  x.on = d(2020, 3, 20);
  x.terms.rate = "6,6%/năm";
  x.terms.term_months = 24;
  x.covid_relief = true;
  x.reason = "Tiêu thụ nông sản đình trệ do dịch Covid-19";
  x.legal_basis = "Thông tư 01/2020/TT-NHNN";
  auto done = s.restructure(l.id, x, "can_bo", ProvinceScope::all());
  ASSERT_TRUE(done.ok()) << done.error().key << " " << done.error().field;
  EXPECT_EQ(done->version, 2);
  auto after = s.loan(l.id, d(2020, 6, 30), ProvinceScope::all());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->position.versions.size(), 2u);
  EXPECT_EQ(after->classification.kept_group, 1);
  EXPECT_EQ(after->position.restructurings, 1);

  // A second cooperative, in Bắc Giang, borrows in the quarter from the central fund.
  auto a = application();
  a.borrower_code = "2400000001";
  a.received_on = d(2020, 2, 3);
  auto ap = s.apply(a, "can_bo", ProvinceScope::all());
  ASSERT_TRUE(ap.ok());
  ASSERT_TRUE(
      s.appraise(ap->id, d(2020, 2, 5), "Khả thi", 400'000'000, "can_bo", ProvinceScope::all()));
  ASSERT_TRUE(s.decide(ap->id, {"31/QĐ-QHT", d(2020, 2, 7), {"A", "B", "C"}, 2, 1, 400'000'000, ""},
                       true, "giam_doc", ProvinceScope::all()));
  auto l2 =
      s.sign_contract(ap->id, "05/2020/HĐTD", d(2020, 2, 10), 0, "can_bo", ProvinceScope::all());
  ASSERT_TRUE(l2.ok());
  auto m2 =
      s.enter_disbursement(l2->id, d(2020, 2, 12), 400'000'000, "can_bo", ProvinceScope::all());
  ASSERT_TRUE(s.approve(m2->id, "giam_doc", ProvinceScope::all()));

  PortfolioQuery q{std::nullopt, d(2020, 1, 1), d(2020, 3, 31), PortfolioBy::kProvince};
  auto p = s.portfolio(q, ProvinceScope::all());
  EXPECT_EQ(p.total.new_loans, 1);
  EXPECT_EQ(p.total.new_amount, 400'000'000);
  EXPECT_EQ(p.restructured_borrowers, 1);
  EXPECT_EQ(p.narrative,
            "Quỹ Hỗ trợ phát triển HTX trung ương và địa phương cho vay vốn ưu đãi 1 dự án, "
            "400 triệu đồng; cơ cấu lại nợ cho 1 HTX");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].key, "01-2008");
  EXPECT_EQ(p.rows[1].outstanding, 400'000'000);
  EXPECT_EQ(p.total.outstanding, p.rows[0].outstanding + p.rows[1].outstanding);
  // Kept in group 1 by the relief: no specific provision on the first loan.
  EXPECT_EQ(p.rows[0].by_group[0], p.rows[0].outstanding);
  EXPECT_EQ(p.total.general_provision, rules().general_provision(p.total.outstanding));

  auto tb = s.trial_balance(central_, d(2020, 6, 30), ProvinceScope::all());
  ASSERT_TRUE(tb.ok());
  std::int64_t sum = 0, loans = 0;
  for (const auto& b : *tb) {
    sum += b.balance;
    if (b.account == "loan_in_term" || b.account == "loan_overdue") loans += b.balance;
  }
  EXPECT_EQ(sum, 0);
  EXPECT_EQ(loans,
            s.loan(l.id, d(2020, 6, 30), ProvinceScope::all())->position.principal_outstanding +
                400'000'000);
  EXPECT_TRUE(s.reconcile(central_, ProvinceScope::all())->empty());
}

TEST_P(FundServiceContract, BadInputIsRefusedOnItsFieldAndNothingChanges) {
  auto s = service();
  struct Case {
    std::function<void(Application&)> change;
    const char* field;
    const char* key;
  };
  const std::vector<Case> cases = {
      {[](Application& a) { a.amount = 2'500'000'000; }, "amount", "fund.amount_above_limit"},
      {[](Application& a) { a.term_months = 72; }, "term_months", "fund.term_above_limit"},
      {[](Application& a) { a.own_contribution = 150'000'000; }, "own_contribution",
       "fund.own_share_too_small"},
      {[](Application& a) { a.borrower_code = "2400000009"; }, "borrower_code",
       "fund.borrower_not_active"},
      {[](Application& a) { a.borrower_code = "9999999999"; }, "borrower_code", "fund.no_borrower"},
      {[](Application& a) { a.amount = 0; }, "amount", "fund.amount_not_positive"},
  };
  for (const auto& c : cases) {
    auto a = application();
    c.change(a);
    auto r = s.apply(a, "can_bo", ProvinceScope::all());
    ASSERT_FALSE(r.ok()) << c.key;
    EXPECT_EQ(r.error().field, c.field) << c.key;
    EXPECT_EQ(r.error().key, c.key);
  }
  EXPECT_TRUE(db().fund().list_applications({}).empty());
  auto bad = product(central_);
  bad.code = "X";
  bad.rate = "6,6%/quý";
  EXPECT_EQ(s.add_product(bad, "admin", ProvinceScope::all()).error().field, "rate");
  bad.rate = "6%/năm";
  bad.overdue_percent = 200;
  EXPECT_EQ(s.add_product(bad, "admin", ProvinceScope::all()).error().field,
            "overdue_principal_percent");
  bad.overdue_percent = 150;
  bad.max_term_months = 84;
  EXPECT_EQ(s.add_product(bad, "admin", ProvinceScope::all()).error().key, "fund.term_above_legal");

  auto l = contracted();
  auto early =
      s.enter_disbursement(l.id, d(2019, 11, 1), 1'000'000, "can_bo", ProvinceScope::all());
  EXPECT_EQ(early.error().key, "fund.disbursement_before_contract");
  EXPECT_EQ(early.error().field, "on");
  EXPECT_EQ(s.repay(l.id, d(2019, 12, 15), 1'000'000, "can_bo", ProvinceScope::all()).error().key,
            "fund.repayment_before_disbursement");
  auto m = s.enter_disbursement(l.id, d(2019, 11, 15), 500'000'000, "can_bo", ProvinceScope::all());
  ASSERT_TRUE(s.approve(m->id, "giam_doc", ProvinceScope::all()));
  EXPECT_EQ(s.repay(l.id, d(2019, 12, 15), 0, "can_bo", ProvinceScope::all()).error().field,
            "amount");
  EXPECT_EQ(s.repay(l.id, d(2019, 12, 15), -5, "can_bo", ProvinceScope::all()).error().field,
            "amount");
  EXPECT_EQ(s.repay(l.id, d(2019, 11, 1), 5, "can_bo", ProvinceScope::all()).error().field, "on");
  EXPECT_EQ(s.repay(l.id, d(2020, 7, 1), 5, "can_bo", ProvinceScope::all()).error().key,
            "fund.date_in_future");
  auto payoff = s.loan(l.id, d(2020, 1, 10), ProvinceScope::all())->position.payoff();
  EXPECT_EQ(s.repay(l.id, d(2020, 1, 10), payoff + 1, "can_bo", ProvinceScope::all()).error().key,
            "fund.repayment_above_owed");
  ASSERT_TRUE(s.repay(l.id, d(2020, 1, 10), payoff, "can_bo", ProvinceScope::all()).ok());
  EXPECT_EQ(db().fund().find_loan(l.id)->state, LoanState::kClosed);
  RestructuringRecord x;
  x.on = d(2020, 2, 1);
  x.terms.rate = "6%/năm";
  x.reason = "r";
  x.legal_basis = "b";
  auto closed = s.restructure(l.id, x, "can_bo", ProvinceScope::all());
  EXPECT_EQ(closed.error().key, "fund.loan_closed");
  EXPECT_EQ(closed.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(db().fund().movements_of(l.id).size(), 2u);  // the disbursement and the payoff
  EXPECT_TRUE(s.reconcile(central_, ProvinceScope::all())->empty());
}

TEST_P(FundServiceContract, AProvincialFundsUserActsOnlyInItsProvince) {
  const auto hanoi = ProvinceScope::of({"01-2008"}), bac_giang = ProvinceScope::of({"24-2008"});
  auto s = service();
  // The central fund is national: a provincial user cannot write to it.
  auto a = s.apply(application(), "can_bo_tinh", bac_giang);
  EXPECT_EQ(a.error().kind, ErrorKind::kForbidden);
  auto p = product(bg_);
  ASSERT_TRUE(s.add_product(p, "can_bo_tinh", bac_giang).ok());
  EXPECT_EQ(s.add_product(product(bg_), "x", hanoi).error().kind, ErrorKind::kForbidden);
  auto funds = s.funds(hanoi);
  ASSERT_EQ(funds.size(), 1u);  // the central fund; not Bắc Giang's
  EXPECT_EQ(funds[0].code, "QHTTW");
  auto l = contracted();
  EXPECT_EQ(s.loan(l.id, d(2020, 1, 1), bac_giang).error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(s.loan(l.id, d(2020, 1, 1), hanoi).ok());  // the borrower's province reads it
  EXPECT_EQ(s.enter_disbursement(l.id, d(2019, 11, 15), 1, "x", hanoi).error().kind,
            ErrorKind::kForbidden);
  EXPECT_TRUE(s.loans({}, bac_giang).empty());
  EXPECT_EQ(s.loans({}, hanoi).size(), 1u);
}

HTX_INSTANTIATE_BACKENDS(FundServiceContract);

}  // namespace
}  // namespace htx::store::testing
