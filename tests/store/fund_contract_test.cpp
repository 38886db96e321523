// The support fund's storage on both backends: every record round-trips (Vietnamese text, rates
// as written, JSON lists, collateral, optional dates, the council's votes), the queries filter by
// fund, borrower, provinces and state and order as the repository says, the ledger is replaced
// whole and adds up to a trial balance as of a date, and the constraints hold (unique codes and
// contract numbers, four eyes on disbursements and write-offs).
#include <gtest/gtest.h>

#include "backend_fixture.hpp"
#include "fund/fund_repository.hpp"

namespace htx::store::testing {
namespace {

using namespace htx::fund;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

class FundContract : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Fund central;
    central.code = "QHTTW";
    central.name = "Quỹ Hỗ trợ phát triển hợp tác xã Trung ương";
    central.charter_capital = 2'000'000'000'000;
    central.capital_sources = {"Ngân sách trung ương", "Vốn tự có"};
    central_ = repo().insert_fund(central);
    Fund hn;
    hn.code = "QHT-01";
    hn.name = "Quỹ Hỗ trợ phát triển hợp tác xã Hà Nội";
    hn.level = FundLevel::kProvincial;
    hn.province_id = "01-2008";
    hn.channel = Channel::kEntrusted;
    hn.entrusted_to = "Ngân hàng Chính sách xã hội";
    hanoi_ = repo().insert_fund(hn);
    Product p;
    p.fund_id = central_;
    p.code = "SXKD";
    p.name = "Cho vay sản xuất, kinh doanh";
    p.max_amount = 3'000'000'000;
    p.rate = "6,6%/năm";
    p.method = Method::kEqualInstalment;
    p.deadline_terms = {12, 36};
    p.deadline_days = {5, 10, 15};
    product_ = repo().insert_product(p);
  }
  FundRepository& repo() { return db().fund(); }

  Application application(const std::string& borrower, const std::string& province) {
    Application a;
    a.fund_id = central_;
    a.product_id = product_;
    a.borrower_code = borrower;
    a.borrower_name = "Hợp tác xã Nông nghiệp Tân Hưng";
    a.province_id = province;
    a.amount = 500'000'000;
    a.term_months = 36;
    a.purpose = "Mua máy sấy nông sản";
    a.total_investment = 800'000'000;
    a.own_contribution = 300'000'000;
    a.collateral = {{"land_use_right", "Quyền sử dụng đất thửa 12", 900'000'000, 30},
                    {"machinery", "Máy sấy", 200'000'000, 50}};
    a.received_on = d(2020, 3, 2);
    a.entered_by = "can_bo_quy";
    return a;
  }
  Loan loan(std::int64_t application_id, const std::string& number, const std::string& province) {
    Loan l;
    l.fund_id = central_;
    l.product_id = product_;
    l.application_id = application_id;
    l.contract_number = number;
    l.contract_on = d(2020, 3, 20);
    l.borrower_code = "0100000001";
    l.province_id = province;
    l.approved_amount = 500'000'000;
    l.terms.rate = "0,55%/tháng";
    l.terms.term_months = 36;
    return l;
  }
  std::int64_t central_ = 0, hanoi_ = 0, product_ = 0;
};

TEST_P(FundContract, FundsAndProductsRoundTrip) {
  EXPECT_GE(db().schema_version(), 10);
  auto f = repo().find_fund_by_code("QHT-01");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, hanoi_);
  EXPECT_EQ(f->level, FundLevel::kProvincial);
  EXPECT_EQ(f->channel, Channel::kEntrusted);
  EXPECT_EQ(f->entrusted_to, "Ngân hàng Chính sách xã hội");
  EXPECT_FALSE(f->unit_id);
  auto c = repo().find_fund(central_);
  EXPECT_EQ(c->charter_capital, 2'000'000'000'000);
  EXPECT_EQ(c->capital_sources, (std::vector<std::string>{"Ngân sách trung ương", "Vốn tự có"}));
  auto funds = repo().list_funds();
  ASSERT_EQ(funds.size(), 2u);
  EXPECT_EQ(funds[0].code, "QHTTW");  // central first
  auto p = repo().find_product_by_code(central_, "SXKD");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->rate, "6,6%/năm");
  EXPECT_EQ(p->method, Method::kEqualInstalment);
  EXPECT_EQ(p->deadline_days, (std::vector<std::int64_t>{5, 10, 15}));
  EXPECT_EQ(p->order, (std::vector<std::string>{"overdue_interest", "interest", "principal"}));
  EXPECT_FALSE(repo().find_product_by_code(hanoi_, "SXKD"));
  p->active = false;
  p->max_amount = 1'000'000'000;
  repo().update_product(*p);
  EXPECT_FALSE(repo().find_product(p->id)->active);
  EXPECT_EQ(repo().products_of(central_).at(0).max_amount, 1'000'000'000);
  Fund dup;
  dup.code = "QHTTW";
  dup.name = "x";
  EXPECT_THROW(repo().insert_fund(dup), InfrastructureError);
}

TEST_P(FundContract, ApplicationsRoundTripAndFilter) {
  auto a = application("0100000001", "01-2008");
  a.id = repo().insert_application(a);
  repo().insert_application(application("2400000001", "24-2008"));
  auto got = repo().find_application(a.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->collateral, a.collateral);
  EXPECT_EQ(got->borrower_name, "Hợp tác xã Nông nghiệp Tân Hưng");
  EXPECT_EQ(got->received_on, d(2020, 3, 2));
  EXPECT_FALSE(got->appraised_on);
  got->status = ApplicationStatus::kApproved;
  got->appraised_on = d(2020, 3, 9);
  got->council = {"15/QĐ-QHT", d(2020, 3, 16),  {"Nguyễn Văn A", "Trần Thị B", "Lê Văn C"}, 3, 0,
                  450'000'000, "Đồng ý cho vay"};
  repo().update_application(*got);
  auto again = repo().find_application(a.id);
  EXPECT_EQ(again->council.members.size(), 3u);
  EXPECT_EQ(again->council.decided_on, d(2020, 3, 16));
  EXPECT_EQ(again->council.approved_amount, 450'000'000);
  EXPECT_EQ(again->status, ApplicationStatus::kApproved);

  EXPECT_EQ(repo().list_applications({}).size(), 2u);
  ApplicationQuery q;
  q.province_ids = std::vector<std::string>{"24-2008"};
  auto bg = repo().list_applications(q);
  ASSERT_EQ(bg.size(), 1u);
  EXPECT_EQ(bg[0].borrower_code, "2400000001");
  q = {};
  q.status = ApplicationStatus::kApproved;
  EXPECT_EQ(repo().list_applications(q).size(), 1u);
  q = {};
  q.fund_id = hanoi_;
  EXPECT_TRUE(repo().list_applications(q).empty());
}

TEST_P(FundContract, LoansMovementsAndRestructuringsRoundTripAndFilter) {
  auto a = repo().insert_application(application("0100000001", "01-2008"));
  auto l = loan(a, "01/2020/HĐTD", "01-2008");
  l.order = {"principal", "interest", "overdue_interest"};
  l.id = repo().insert_loan(l);
  auto other = loan(a, "02/2020/HĐTD", "24-2008");
  other.state = LoanState::kClosed;
  other.id = repo().insert_loan(other);
  auto got = repo().find_loan_by_contract(central_, "01/2020/HĐTD");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->terms.rate, "0,55%/tháng");
  EXPECT_EQ(got->order, l.order);
  LoanQuery q;
  q.province_ids = std::vector<std::string>{"01-2008", "01-2025"};
  EXPECT_EQ(repo().list_loans(q).size(), 1u);
  q = {};
  q.state = LoanState::kClosed;
  ASSERT_EQ(repo().list_loans(q).size(), 1u);
  EXPECT_EQ(repo().list_loans(q)[0].id, other.id);
  EXPECT_EQ(repo().list_loans({}).size(), 2u);

  Movement m;
  m.loan_id = l.id;
  m.kind = MovementKind::kDisbursement;
  m.on = d(2020, 3, 25);
  m.amount = 450'000'000;
  m.entered_by = "can_bo_quy";
  m.entered_at = "2020-03-25T08:00:00Z";
  m.id = repo().insert_movement(m);
  Movement r = m;
  r.kind = MovementKind::kRepayment;
  r.on = d(2020, 4, 25);
  r.amount = 15'000'000;
  r.state = MovementState::kApproved;
  r.approved_by = "can_bo_quy";  // a repayment needs no second pair of eyes
  repo().insert_movement(r);
  Movement o = m;
  o.loan_id = other.id;
  repo().insert_movement(o);
  auto ms = repo().movements_of(l.id);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].kind, MovementKind::kDisbursement);
  EXPECT_EQ(ms[0].state, MovementState::kPending);
  EXPECT_EQ(ms[1].on, d(2020, 4, 25));
  // Four eyes, also in the database: whoever entered a disbursement cannot approve it.
  auto own = ms[0];
  own.state = MovementState::kApproved;
  own.approved_by = "can_bo_quy";
  EXPECT_THROW(repo().update_movement(own), InfrastructureError);
  own.approved_by = "truong_phong";
  repo().update_movement(own);
  EXPECT_EQ(repo().find_movement(own.id)->approved_by, "truong_phong");
  q = {};
  q.province_ids = std::vector<std::string>{"01-2008"};
  EXPECT_EQ(repo().movements_of_loans(q).size(), 2u);
  EXPECT_EQ(repo().movements_of_loans({}).size(), 3u);

  RestructuringRecord x;
  x.loan_id = l.id;
  x.on = d(2020, 4, 30);
  x.terms.rate = "0%/năm";
  x.terms.term_months = 24;
  x.covid_relief = true;
  x.reason = "Ảnh hưởng dịch Covid-19";
  x.legal_basis = "Thông tư 01/2020/TT-NHNN";
  x.entered_by = "can_bo_quy";
  x.entered_at = "2020-04-30T08:00:00Z";
  repo().insert_restructuring(x);
  auto xs = repo().restructurings_of(l.id);
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_TRUE(xs[0].covid_relief);
  EXPECT_EQ(xs[0].version, 2);
  EXPECT_EQ(xs[0].legal_basis, "Thông tư 01/2020/TT-NHNN");
  EXPECT_EQ(repo().restructurings_of_loans(q).size(), 1u);
  EXPECT_THROW(repo().insert_restructuring(x), InfrastructureError);  // (loan, version) unique
  EXPECT_THROW(repo().insert_loan(l), InfrastructureError);  // the contract number is unique
}

TEST_P(FundContract, TheLedgerIsReplacedWholeAndAddsUpToATrialBalance) {
  auto a = repo().insert_application(application("0100000001", "01-2008"));
  auto id = repo().insert_loan(loan(a, "01/2020/HĐTD", "01-2008"));
  auto entry = [&](Date on, const char* debit, const char* credit, std::int64_t amount) {
    return PostedEntry{0, central_, id, on, debit, credit, amount, "test"};
  };
  repo().replace_ledger(id, {entry(d(2020, 3, 25), "loan_in_term", "cash", 450'000'000)});
  repo().replace_ledger(id,
                        {entry(d(2020, 3, 25), "loan_in_term", "cash", 450'000'000),
                         entry(d(2020, 4, 25), "interest_receivable", "interest_income", 2'475'000),
                         entry(d(2020, 4, 25), "cash", "interest_receivable", 2'475'000),
                         entry(d(2020, 4, 25), "cash", "loan_in_term", 12'500'000)});
  EXPECT_EQ(repo().ledger_of(id).size(), 4u);
  auto tb = repo().trial_balance(central_, d(2020, 4, 30));
  std::map<std::string, std::int64_t> b;
  std::int64_t sum = 0;
  for (const auto& x : tb) sum += (b[x.account] = x.balance);
  EXPECT_EQ(sum, 0);
  EXPECT_EQ(b["loan_in_term"], 437'500'000);
  EXPECT_EQ(b["cash"], -450'000'000 + 2'475'000 + 12'500'000);
  EXPECT_EQ(b["interest_income"], -2'475'000);
  EXPECT_EQ(b["interest_receivable"], 0);
  auto early = repo().trial_balance(central_, d(2020, 3, 31));
  ASSERT_EQ(early.size(), 2u);  // cash and loan_in_term, by account
  EXPECT_EQ(early[0].account, "cash");
  EXPECT_EQ(early[1].balance, 450'000'000);
  EXPECT_TRUE(repo().trial_balance(hanoi_, d(2020, 4, 30)).empty());
}

HTX_INSTANTIATE_BACKENDS(FundContract);

}  // namespace
}  // namespace htx::store::testing
