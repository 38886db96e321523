// The support fund's pages through a real server over the demo (scale 0.05) with the funds'
// demo (4 funds, loans 2017–2022): the dashboard's figures are FundArea::portfolio's, a
// provincial user sees only its province's loans and is refused another's, a form error names
// its field and changes nothing, a loan carried from the application through appraisal, the
// council, the contract, a disbursement (refused to its own enterer: four eyes, approved by a
// second user) and a repayment, and a cooperative's account sees only its own loans with their
// next instalments.
#include <gtest/gtest.h>

#include <regex>

#include "areas/fund_area.hpp"
#include "demo/demo_fund.hpp"
#include "fund/portfolio_csv.hpp"
#include "site_server.hpp"

namespace htx::webapp {
namespace {

using namespace site_test_support;

constexpr const char* kBacGiang = "24-2008";

std::string money(std::int64_t v) { return text::format_int(v) + " đ"; }

class webappFund : public ::testing::Test {
 protected:
  void SetUp() override {
    build_site_demo(f, false);
    auto sum = demo::build_fund_demo({*f.db, f.clock.today(), f.clock.now_iso()},
                                     htx::testing::fund_rules());
    ASSERT_GE(sum.loans, 40);
    add_site_user(f, "admin", accounts::Role::kAdmin, {});
    add_site_user(f, "admin2", accounts::Role::kAdmin, {});
    add_site_user(f, "leader", accounts::Role::kNationalLeader, {});
    add_site_user(f, "bacgiang", accounts::Role::kProvincialStaff, {kBacGiang});
    // A borrower with loans, for its own account.
    for (auto& l : f.db->fund().list_loans({}))
      if (l.state == fund::LoanState::kActive) {
        borrower = l.borrower_code;
        break;
      }
    ASSERT_FALSE(borrower.empty());
    ASSERT_TRUE(add_site_user(f, "coop", accounts::Role::kCooperative, {}, borrower));
    server = std::make_unique<SiteServer>(f);
  }
  Browser signed_in(const std::string& user) { return server->signed_in(user); }
  areas::FundArea operator_area() {
    return areas::FundArea(*f.db, f.clock, htx::testing::fund_rules(),
                           areas::operator_caller("test"));
  }
  std::size_t movements_of(std::int64_t loan) { return f.db->fund().movements_of(loan).size(); }
  // A loan of the borrower by the central fund, contracted and disbursed today (12 months), as
  // one operator enters it and another approves the disbursement.
  std::int64_t new_loan() {
    auto a = operator_area();
    auto b = areas::FundArea(*f.db, f.clock, htx::testing::fund_rules(),
                             areas::operator_caller("test2"));
    std::string fund_code, product;
    for (auto& x : f.db->fund().list_funds())
      if (x.level == fund::FundLevel::kCentral) {
        fund_code = x.code;
        product = f.db->fund().products_of(x.id).at(0).code;
      }
    auto app = a.apply({{"fund", fund_code},
                        {"product", product},
                        {"borrower", borrower},
                        {"amount", "120000000"},
                        {"term_months", "12"},
                        {"purpose", "Mua máy"},
                        {"total_investment", "240000000"},
                        {"own_contribution", "120000000"}});
    EXPECT_TRUE(app) << app.error().key;
    EXPECT_TRUE(a.appraise(app->id, {{"opinion", "Đạt"}, {"recommended_amount", "120000000"}}));
    auto d = a.decide(app->id, {{"decision_number", "1/QĐ"},
                                {"members", "A\nB\nC"},
                                {"votes_for", "3"},
                                {"approved_amount", "120000000"}});
    EXPECT_TRUE(d) << d.error().key;
    auto loan = a.sign_contract(app->id, {{"contract_number", "1/HĐ"}});
    EXPECT_TRUE(loan) << loan.error().key;
    auto m = a.disburse(loan->id, {{"amount", "120000000"}});
    EXPECT_TRUE(m) << m.error().key;
    EXPECT_TRUE(b.approve(m->id));
    return loan->id;
  }

  htx::testing::RegistryFixture f;
  std::unique_ptr<SiteServer> server;
  std::string borrower;
};

TEST_F(webappFund, TheDashboardShowsThePortfoliosFigures) {
  auto b = signed_in("leader");
  auto r = b.get("/fund?period=" + url_encode("Quý I/2020") + "&by=fund");
  ASSERT_EQ(r.status, 200) << r.body;
  auto p = operator_area().portfolio({{"period", "Quý I/2020"}, {"by", "fund"}});
  ASSERT_TRUE(p);
  EXPECT_TRUE(r.has(p->narrative)) << p->narrative;
  const auto& t = p->total;
  for (auto v : {t.outstanding, t.disbursed, t.collected_principal + t.collected_interest, t.par30,
                 t.par90, t.specific_provision + t.general_provision, t.by_group[0], t.by_group[4]})
    EXPECT_TRUE(r.has("<dd>" + money(v) + "</dd>") || r.has("<td class=\"num\">" + money(v)))
        << money(v);
  // Every fund's row, and the total row's cells in the table's order.
  EXPECT_EQ(p->rows.size(), 4u);
  for (auto& row : p->rows) EXPECT_TRUE(r.has(row.key)) << row.key;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.body, m, std::regex("portfolio-total\">([\\s\\S]*?)</tr>")));
  const std::string total = m[1].str();
  EXPECT_NE(total.find(money(t.outstanding)), std::string::npos) << total;
  EXPECT_NE(total.find(money(t.new_amount)), std::string::npos) << total;
  EXPECT_TRUE(r.has("id=\"fund-downloads\""));
  // The downloads carry the same filters and the same figures.
  const std::string qs = "?period=Qu%C3%BD%20I%2F2020&amp;by=fund";  // empty filters left out
  EXPECT_TRUE(r.has("href=\"/fund/portfolio.csv" + qs + "\"")) << r.body;
  auto csv = b.get("/fund/portfolio.csv?period=" + url_encode("Quý I/2020") + "&by=fund");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body, fund::portfolio_csv(*p, f.vi));
  auto xlsx = b.get("/fund/portfolio.xlsx?period=" + url_encode("Quý I/2020") + "&by=fund");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(b.get("/fund/portfolio.csv?period=nope").status, 400);
  EXPECT_TRUE(r.has("href=\"/fund\""));  // the nav entry
  // A bad period is named beside its field; a cooperative's account has no dashboard.
  auto bad = b.get("/fund?period=nope");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.has("id=\"error-filter-period\"")) << bad.body;
  auto c = signed_in("coop");
  EXPECT_EQ(c.get("/fund").status, 303);
  EXPECT_EQ(c.get("/fund/portfolio.csv").status, 403);
  Browser anonymous(server->port());
  EXPECT_EQ(anonymous.get("/fund").status, 303);
}

TEST_F(webappFund, AProvincialUserSeesOnlyItsProvincesLoans) {
  auto b = signed_in("bacgiang");
  auto list = b.get("/fund/loans");
  ASSERT_EQ(list.status, 200);
  std::int64_t other = 0, own = 0;
  for (auto& l : f.db->fund().list_loans({})) {
    const auto fund = f.db->fund().find_fund(l.fund_id);
    const bool mine = l.province_id == kBacGiang || fund->province_id == kBacGiang;
    EXPECT_EQ(list.has("data-id=\"" + std::to_string(l.id) + "\""), mine) << l.id;
    if (!mine && !other) other = l.id;
    if (mine && !own) own = l.id;
  }
  ASSERT_TRUE(other && own);
  EXPECT_EQ(b.get("/fund/loans/" + std::to_string(own)).status, 200);
  const int status = b.get("/fund/loans/" + std::to_string(other)).status;
  EXPECT_TRUE(status == 403 || status == 404) << status;
  // Its dashboard counts its province only: fewer loans than the whole portfolio's.
  auto d = b.get("/fund?by=province&to=31/12/2022&from=01/01/2022");
  EXPECT_EQ(d.status, 200);
  EXPECT_FALSE(d.has("Hải Dương"));
}

TEST_F(webappFund, AFormErrorNamesItsFieldAndChangesNothing) {
  auto a = signed_in("admin");
  auto form = a.get("/fund/applications/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("name=\"borrower\""));
  const auto before = f.db->fund().list_applications({}).size();
  const auto funds = f.db->fund().list_funds();
  ASSERT_FALSE(funds.empty());
  const auto products = f.db->fund().products_of(funds[0].id);
  ASSERT_FALSE(products.empty());
  const auto& p = products[0];
  auto r = a.post("/fund/applications", {{"csrf", Browser::csrf_of(form.body)},
                                         {"fund", funds[0].code},
                                         {"product", p.code},
                                         {"borrower", borrower},
                                         {"amount", std::to_string(p.max_amount + 1)},
                                         {"term_months", "12"},
                                         {"purpose", "Mua máy"},
                                         {"total_investment", std::to_string(4 * p.max_amount)},
                                         {"own_contribution", std::to_string(2 * p.max_amount)}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("id=\"error-apply-amount\"")) << r.body;
  EXPECT_TRUE(r.has("value=\"" + std::to_string(p.max_amount + 1) + "\""));
  EXPECT_EQ(f.db->fund().list_applications({}).size(), before);
  // A repayment of zero on a loan's page: beside the amount, no movement.
  std::int64_t loan = 0;
  for (auto& l : f.db->fund().list_loans({}))
    if (l.state == fund::LoanState::kActive) loan = l.id;
  ASSERT_TRUE(loan);
  const auto movements = movements_of(loan);
  auto page = a.get("/fund/loans/" + std::to_string(loan));
  ASSERT_EQ(page.status, 200);
  r = a.post("/fund/loans/" + std::to_string(loan) + "/repay",
             {{"csrf", Browser::csrf_of(page.body)}, {"on", "29/11/2026"}, {"amount", "0"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("id=\"error-repay-amount\"")) << r.body;
  EXPECT_EQ(movements_of(loan), movements);
  // Without the CSRF token nothing is posted.
  EXPECT_EQ(a.post("/fund/loans/" + std::to_string(loan) + "/repay",
                   {{"on", "29/11/2026"}, {"amount", "1000"}})
                .status,
            403);
  EXPECT_EQ(movements_of(loan), movements);
}

TEST_F(webappFund, ALoanFromApplicationToRepaymentWithFourEyes) {
  auto a = signed_in("admin");
  auto form = a.get("/fund/applications/new");
  const std::string csrf = Browser::csrf_of(form.body);
  const auto funds = f.db->fund().list_funds();
  const fund::Fund* central = nullptr;
  for (auto& x : funds)
    if (x.level == fund::FundLevel::kCentral) central = &x;
  ASSERT_TRUE(central);
  const auto p = f.db->fund().products_of(central->id).at(0);
  const std::int64_t amount = std::min<std::int64_t>(p.max_amount, 200'000'000);
  auto r = a.post("/fund/applications", {{"csrf", csrf},
                                         {"fund", central->code},
                                         {"product", p.code},
                                         {"borrower", borrower},
                                         {"amount", std::to_string(amount)},
                                         {"term_months", "12"},
                                         {"purpose", "Mua máy sấy"},
                                         {"total_investment", std::to_string(2 * amount)},
                                         {"own_contribution", std::to_string(amount)},
                                         {"collateral", "machinery; Máy sấy; 300000000; 30"}});
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string app = r.header("location");
  ASSERT_EQ(app.rfind("/fund/applications/", 0), 0u) << app;
  auto page = a.get(app);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("action=\"" + app + "/appraise\""));
  EXPECT_FALSE(page.has("action=\"" + app + "/decide\""));
  r = a.post(app + "/appraise", {{"csrf", csrf},
                                 {"appraised_on", "29/11/2026"},
                                 {"opinion", "Đủ điều kiện"},
                                 {"recommended_amount", std::to_string(amount)}});
  ASSERT_EQ(r.status, 303) << r.body;
  // The council: more votes against than for is refused beside nothing but named.
  r = a.post(app + "/decide", {{"csrf", csrf},
                               {"approve", "1"},
                               {"decision_number", "99/QĐ-QHT"},
                               {"decided_on", "29/11/2026"},
                               {"members", "Nguyễn Văn A\nTrần Thị B\nLê Văn C"},
                               {"votes_for", "3"},
                               {"votes_against", "0"},
                               {"approved_amount", std::to_string(amount)}});
  ASSERT_EQ(r.status, 303) << r.body;
  r = a.post(app + "/contract",
             {{"csrf", csrf}, {"contract_number", "99/HĐTD"}, {"contract_on", "29/11/2026"}});
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string loan = r.header("location");
  ASSERT_EQ(loan.rfind("/fund/loans/", 0), 0u) << loan;
  const auto loan_id = std::stoll(loan.substr(12));
  // User A enters the disbursement and may not approve it.
  r = a.post(loan + "/disburse", {{"csrf", csrf}, {"on", "29/11/2026"}, {"amount", "150000000"}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto ms = f.db->fund().movements_of(loan_id);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].state, fund::MovementState::kPending);
  const std::string approve = loan + "/movements/" + std::to_string(ms[0].id) + "/approve";
  page = a.get(loan);
  EXPECT_TRUE(page.has("action=\"" + approve + "\"")) << page.body;
  r = a.post(approve, {{"csrf", csrf}});
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(r.has(f.vi.text("fund.four_eyes"))) << r.body;
  EXPECT_EQ(f.db->fund().movements_of(loan_id)[0].state, fund::MovementState::kPending);
  // User B approves it.
  auto b = signed_in("admin2");
  page = b.get(loan);
  r = b.post(approve, {{"csrf", Browser::csrf_of(page.body)}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(f.db->fund().movements_of(loan_id)[0].state, fund::MovementState::kApproved);
  // A repayment; the page shows it and the schedule's version 1.
  r = a.post(loan + "/repay", {{"csrf", csrf}, {"on", "29/11/2026"}, {"amount", "1000000"}});
  ASSERT_EQ(r.status, 303) << r.body;
  page = a.get(loan);
  EXPECT_TRUE(page.has(money(150'000'000)));
  EXPECT_TRUE(page.has(money(1'000'000)));
  EXPECT_TRUE(page.has("id=\"version-1\""));
  EXPECT_EQ(f.db->fund().movements_of(loan_id).size(), 2u);
  // A restructuring without its reason is refused beside the field, nothing recorded.
  std::vector<std::pair<std::string, std::string>> x = {
      {"csrf", csrf},
      {"on", "29/11/2026"},
      {"term_months", "18"},
      {"legal_basis", "Thông tư 06/2024/TT-NHNN"}};
  r = a.post(loan + "/restructure", x);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("id=\"error-restructure-reason\"")) << r.body;
  EXPECT_TRUE(f.db->fund().restructurings_of(loan_id).empty());
  // A loan restructured in 2020 shows both versions, the second with its reason and basis.
  for (auto& l : f.db->fund().list_loans({})) {
    const auto xs = f.db->fund().restructurings_of(l.id);
    if (xs.empty()) continue;
    page = a.get("/fund/loans/" + std::to_string(l.id));
    EXPECT_TRUE(page.has("id=\"version-1\"") && page.has("id=\"version-2\"")) << l.id;
    EXPECT_TRUE(page.has(xs[0].legal_basis)) << xs[0].legal_basis;
    break;
  }
}

TEST_F(webappFund, ACooperativeSeesOnlyItsOwnLoansAndTheirNextInstalments) {
  const auto mine = new_loan();
  auto c = signed_in("coop");
  auto list = c.get("/fund/loans");
  ASSERT_EQ(list.status, 200);
  std::int64_t other = 0;
  for (auto& l : f.db->fund().list_loans({})) {
    const bool own = l.borrower_code == borrower;
    EXPECT_EQ(list.has("href=\"/fund/loans/" + std::to_string(l.id) + "\""), own) << l.id;
    if (!own && !other) other = l.id;
  }
  EXPECT_TRUE(list.has("next-instalment")) << list.body;
  // The new loan's first instalment: its date, principal, interest and total.
  auto v = operator_area().loan(mine, "");
  ASSERT_TRUE(v);
  const auto& first = v->position.versions.back().lines.at(0);
  EXPECT_TRUE(list.has(first.due_on.vietnamese())) << list.body;
  EXPECT_TRUE(list.has(money(first.principal)));
  EXPECT_TRUE(list.has(money(first.interest)));
  EXPECT_TRUE(list.has(money(first.total())));
  EXPECT_EQ(c.get("/fund/loans/" + std::to_string(mine)).status, 200);
  EXPECT_TRUE(list.has("href=\"/fund/loans\""));  // the nav entry
  EXPECT_EQ(c.get("/fund/loans/" + std::to_string(other)).status, 403);
  // It applies for itself only: the form has no borrower.
  auto form = c.get("/fund/applications/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_FALSE(form.has("name=\"borrower\""));
  EXPECT_EQ(c.get("/fund/applications").status, 200);
}

}  // namespace
}  // namespace htx::webapp
