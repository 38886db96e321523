// The support fund in the JSON API through a real server on a loopback port: the central fund
// and Hải Dương's with a product each, a Hà Nội cooperative (and a dissolved one in Đắk Lắk)
// and a Hải Dương one; tokens of two administrators (four eyes between them, until the fund's
// own roles are assignable), of national staff and of Hà Nội's and Hải Dương's staff. The whole
// loop (apply, appraise, decide, contract, disburse, approve by the other user, repay) gives the
// figures FundArea gives; the user who entered a disbursement cannot approve it; a provincial
// user sees only its province's loans; every bad input of issue 12 is refused with its field and
// nothing changes; the portfolio's and a loan's .xlsx (read back with exchange::XlsxReader) and
// CSV (parsed back) carry the portfolio's totals; the JSON answers match web/openapi.json.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "api_fixture.hpp"
#include "areas/fund_area.hpp"
#include "core/csv.hpp"
#include "exchange/xlsx.hpp"
#include "support/prerequisite.hpp"
#include "support/python.hpp"

namespace htx::api {
namespace {

using nlohmann::json;

class FundApiTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    auto e = f.sample("3000000001");
    e.name = "HTX Nông nghiệp Thanh Xuân";
    e.province_id = "30-2008";
    ASSERT_TRUE(f.service.create(e, "test"));
    admin = token_for("admin", accounts::Role::kAdmin);
    admin2 = token_for("admin2", accounts::Role::kAdmin);
    national = token_for("national", accounts::Role::kNationalStaff);
    hn = token_for("hanoi", accounts::Role::kProvincialStaff, {"01-2008"});
    hd = token_for("haiduong", accounts::Role::kProvincialStaff, {"30-2008"});
    ASSERT_EQ(call("POST", "/api/v1/fund/funds", admin,
                   {{"code", "QHTTW"}, {"name", "Quỹ Hỗ trợ phát triển HTX Trung ương"}})
                  .status,
              201);
    ASSERT_EQ(call("POST", "/api/v1/fund/funds", admin,
                   {{"code", "QHT-30"},
                    {"name", "Quỹ Hỗ trợ phát triển HTX tỉnh Hải Dương"},
                    {"level", "provincial"},
                    {"province", "30-2008"},
                    {"capital_sources", {"Ngân sách tỉnh", "Vốn ủy thác"}}})
                  .status,
              201);
    for (const char* fund : {"QHTTW", "QHT-30"}) {
      auto p =
          call("POST", std::string("/api/v1/fund/funds/") + fund + "/products", admin, product());
      ASSERT_EQ(p.status, 201) << p.body;
    }
  }

  static json product() {
    return {{"code", "SXKD"},
            {"name", "Cho vay sản xuất kinh doanh"},
            {"max_amount", 2'000'000'000},
            {"max_term_months", 60},
            {"rate", "0,55%/tháng"},
            {"deadline_terms", "12, 36"},
            {"deadline_days", "5, 10, 15"}};
  }
  static json application(const char* fund = "QHTTW", const char* borrower = "0101000001") {
    return {{"fund", fund},
            {"product", "SXKD"},
            {"borrower", borrower},
            {"amount", 500'000'000},
            {"term_months", 12},
            {"purpose", "Mua máy sấy nông sản"},
            {"total_investment", 1'000'000'000},
            {"own_contribution", 300'000'000},
            {"received_on", "2026-11-02"},
            {"collateral",
             {{{"kind", "land_use_right"},
               {"description", "Quyền sử dụng đất"},
               {"appraised_value", 800'000'000},
               {"discount_percent", 30}}}}};
  }

  std::int64_t posted(const testing::HttpReply& r, int status = 201) {
    EXPECT_EQ(r.status, status) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  std::size_t audit_count() {
    audit::Filter all;
    all.limit = 100000;
    return f.db->audit().list(all).size();
  }
  // The field a refusal names: a 422's first field, or the "field" of another error.
  static std::string field_in(const testing::HttpReply& r) {
    auto j = r.json();
    if (!j.is_object() || !j.contains("error")) return "(none) " + r.body;
    if (j["error"].contains("fields")) return j["error"]["fields"][0].value("field", "");
    return j["error"].value("field", "");
  }
  static std::string key_in(const testing::HttpReply& r) {
    auto j = r.json();
    if (!j.is_object() || !j.contains("error")) return "(none) " + r.body;
    if (j["error"].contains("fields")) return j["error"]["fields"][0].value("key", "");
    return j["error"].value("key", "");
  }

  // An application taken to its contract by the administrators: the loan's id.
  std::int64_t contracted(const char* fund = "QHTTW", const char* borrower = "0101000001") {
    const auto app =
        posted(call("POST", "/api/v1/fund/applications", admin, application(fund, borrower)));
    const auto base = "/api/v1/fund/applications/" + std::to_string(app);
    auto appraised = call("POST", base + "/appraisal", admin,
                          {{"appraised_on", "2026-11-04"},
                           {"opinion", "Khả thi"},
                           {"recommended_amount", 500'000'000}});
    EXPECT_EQ(appraised.status, 200) << appraised.body;
    EXPECT_EQ(appraised.json().value("status", ""), "appraised");
    auto decided = call("POST", base + "/decision", admin,
                        {{"approve", true},
                         {"decision_number", "25/QĐ-QHT"},
                         {"decided_on", "2026-11-06"},
                         {"members", {"Nguyễn Văn A", "Trần Thị B", "Lê Văn C"}},
                         {"votes_for", 3},
                         {"approved_amount", 400'000'000}});
    EXPECT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(decided.json().value("status", ""), "approved");
    auto loan = call("POST", base + "/contract", admin,
                     {{"contract_number", "01/2026/HĐTD"}, {"contract_on", "2026-11-09"}});
    EXPECT_EQ(loan.status, 201) << loan.body;
    EXPECT_EQ(loan.json().value("approved_amount", std::int64_t{0}), 400'000'000);
    return loan.json().value("id", std::int64_t{0});
  }
  std::string loan_path(std::int64_t id) { return "/api/v1/fund/loans/" + std::to_string(id); }
  // A disbursement entered by admin and approved by admin2.
  void disbursed(std::int64_t loan, std::int64_t amount, const char* on) {
    auto m = posted(
        call("POST", loan_path(loan) + "/disbursements", admin, {{"on", on}, {"amount", amount}}));
    auto ok = call("POST", "/api/v1/fund/movements/" + std::to_string(m) + "/approve", admin2);
    EXPECT_EQ(ok.status, 200) << ok.body;
  }
  areas::FundArea area_of(const std::string& username) {
    auto& s = worker_services(ctx);
    auto user = s.db->accounts().find_user_by_name(username);
    EXPECT_TRUE(user);
    return areas::FundArea(*f.db, f.clock, *ctx.fund,
                           areas::caller_of(*s.access, accounts::Principal{*user}));
  }

  std::string admin, admin2, national, hn, hd;
};

TEST_F(FundApiTest, TheWholeLoopGivesTheAreasFiguresUnderFourEyes) {
  const auto loan = contracted();
  ASSERT_GT(loan, 0);
  auto entered = call("POST", loan_path(loan) + "/disbursements", admin,
                      {{"on", "2026-11-10"}, {"amount", 400'000'000}});
  ASSERT_EQ(entered.status, 201) << entered.body;
  EXPECT_EQ(entered.json().value("state", ""), "pending");
  EXPECT_EQ(entered.json().value("entered_by", ""), "admin");
  const auto movement = "/api/v1/fund/movements/" + std::to_string(entered.json().value("id", 0));
  // Four eyes: the user who entered it cannot approve it; nothing changes.
  const auto before = audit_count();
  auto own = call("POST", movement + "/approve", admin);
  EXPECT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(key_in(own), "fund.four_eyes");
  EXPECT_EQ(own.json()["error"].value("field", ""), "approved_by") << own.body;
  EXPECT_NE(own.json()["error"].value("message", "").find("tự duyệt"), std::string::npos);
  EXPECT_EQ(audit_count(), before);
  // National staff read but do not approve.
  EXPECT_EQ(call("POST", movement + "/approve", national).status, 403);
  auto approved = call("POST", movement + "/approve", admin2);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().value("state", ""), "approved");
  EXPECT_EQ(approved.json().value("approved_by", ""), "admin2");
  auto repaid = call("POST", loan_path(loan) + "/repayments", admin,
                     {{"on", "2026-11-20"}, {"amount", 5'000'000}});
  ASSERT_EQ(repaid.status, 201) << repaid.body;

  // The loan as of a date: the area's figures to the đồng.
  auto shown = call("GET", loan_path(loan) + "?as_of=2026-11-29", national);
  ASSERT_EQ(shown.status, 200) << shown.body;
  auto j = shown.json();
  auto area = area_of("national");
  auto view = area.loan(loan, "2026-11-29");
  ASSERT_TRUE(view.ok());
  const auto& p = view->position;
  EXPECT_EQ(j["position"]["disbursed"], 400'000'000);
  EXPECT_EQ(j["position"]["principal_outstanding"], p.principal_outstanding);
  EXPECT_EQ(j["position"]["interest_accrued"], p.interest_accrued);
  EXPECT_EQ(j["position"]["paid_principal"], p.paid_principal);
  EXPECT_EQ(j["position"]["paid_interest"], p.paid_interest);
  EXPECT_EQ(j["position"]["payoff"], p.payoff());
  EXPECT_LT(p.principal_outstanding, 400'000'000);  // the repayment reached the principal
  EXPECT_EQ(j["classification"]["group"], view->classification.group);
  ASSERT_EQ(j["schedule_versions"].size(), p.versions.size());
  ASSERT_FALSE(p.versions.empty());
  const auto& lines = j["schedule_versions"][0]["lines"];
  ASSERT_EQ(lines.size(), p.versions[0].lines.size());
  for (std::size_t k = 0; k < lines.size(); ++k) {
    EXPECT_EQ(lines[k]["principal"], p.versions[0].lines[k].principal);
    EXPECT_EQ(lines[k]["interest"], p.versions[0].lines[k].interest);
    EXPECT_EQ(lines[k]["due_on"], p.versions[0].lines[k].due_on.iso());
  }
  EXPECT_EQ(j["movements"].size(), 2u);
  EXPECT_EQ(j["loan"]["fund"], "QHTTW");
  EXPECT_EQ(j["loan"]["product"], "SXKD");
  EXPECT_EQ(j["loan"]["borrower"], "0101000001");

  // Lists with their filters.
  auto apps = call("GET", "/api/v1/fund/applications?fund=QHTTW&status=contracted", national);
  ASSERT_EQ(apps.status, 200) << apps.body;
  EXPECT_EQ(apps.json()["total"], 1);
  EXPECT_EQ(apps.json()["items"][0]["opinion"], "Khả thi");
  EXPECT_EQ(apps.json()["items"][0]["collateral"][0]["appraised_value"], 800'000'000);
  EXPECT_EQ(call("GET", "/api/v1/fund/applications?status=received", national).json()["total"], 0);
  EXPECT_EQ(
      call("GET", "/api/v1/fund/loans?borrower=0101000001&state=active", national).json()["total"],
      1);
  auto funds = call("GET", "/api/v1/fund/funds", national).json();
  EXPECT_EQ(funds["total"], 2);
  auto products = call("GET", "/api/v1/fund/funds/QHT-30/products", national).json();
  EXPECT_EQ(products["items"][0]["rate"], "0,55 %/tháng");  // as the service writes it

  // The portfolio equals the area's; the ledger reconciles.
  auto port = call("GET", "/api/v1/fund/portfolio?from=2026-01-01&to=2026-11-29&by=fund", admin);
  ASSERT_EQ(port.status, 200) << port.body;
  auto expected = area.portfolio({{"from", "2026-01-01"}, {"to", "2026-11-29"}, {"by", "fund"}});
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(port.json()["total"]["outstanding"], expected->total.outstanding);
  EXPECT_EQ(port.json()["total"]["disbursed"], 400'000'000);
  EXPECT_EQ(port.json()["total"]["new_loans"], 1);
  EXPECT_EQ(port.json()["narrative"], expected->narrative);
  auto rec = call("GET", "/api/v1/fund/reconcile?fund=QHTTW", admin);
  ASSERT_EQ(rec.status, 200) << rec.body;
  EXPECT_EQ(rec.json()["reconciled"], true);
  auto tb = call("GET", "/api/v1/fund/trial-balance?fund=QHTTW&as_of=2026-11-29", admin);
  ASSERT_EQ(tb.status, 200) << tb.body;
  EXPECT_GT(tb.json()["total"].get<int>(), 0);
}

TEST_F(FundApiTest, EveryBadInputIsRefusedWithItsFieldAndNothingChanges) {
  const auto loan = contracted();
  disbursed(loan, 300'000'000, "2026-11-10");
  const auto before = audit_count();
  struct Case {
    const char* what;
    std::string method, target;
    json body;
    int status;
    std::string field;
  };
  auto with = [](json j, const char* k, json v) {
    j[k] = std::move(v);
    return j;
  };
  const std::string apps = "/api/v1/fund/applications";
  const std::string movements = loan_path(loan);
  const std::vector<Case> cases{
      {"an amount above the product's limit", "POST", apps,
       with(with(with(application(), "amount", 2'500'000'000), "total_investment", 5'000'000'000),
            "own_contribution", 2'000'000'000),
       422, "amount"},
      {"a term longer than its maximum", "POST", apps, with(application(), "term_months", 120), 422,
       "term_months"},
      {"own contribution below the minimum", "POST", apps,
       with(application(), "own_contribution", 10'000'000), 422, "own_contribution"},
      {"a dissolved borrower", "POST", apps, with(application(), "borrower", "6601000002"), 422,
       "borrower"},
      {"an unknown borrower", "POST", apps, with(application(), "borrower", "9999999999"), 422,
       "borrower"},
      {"an unknown member", "POST", apps, with(application(), "colour", "red"), 422, "colour"},
      {"an amount that is not a number", "POST", apps, with(application(), "amount", "nhiều"), 422,
       "amount"},
      {"a rate with an unknown unit", "POST", "/api/v1/fund/funds/QHTTW/products",
       with(with(product(), "code", "NEW"), "rate", "5%/tuần"), 422, "rate"},
      {"a disbursement above the approved amount",
       "POST",
       movements + "/disbursements",
       {{"on", "2026-11-12"}, {"amount", 200'000'000}},
       422,
       "amount"},
      {"a disbursement before the contract",
       "POST",
       movements + "/disbursements",
       {{"on", "2026-11-01"}, {"amount", 1'000'000}},
       422,
       "on"},
      {"a repayment of zero",
       "POST",
       movements + "/repayments",
       {{"on", "2026-11-20"}, {"amount", 0}},
       422,
       "amount"},
      {"a negative repayment",
       "POST",
       movements + "/repayments",
       {{"on", "2026-11-20"}, {"amount", -5'000'000}},
       422,
       "amount"},
      {"a repayment before the disbursement",
       "POST",
       movements + "/repayments",
       {{"on", "2026-11-09"}, {"amount", 1'000'000}},
       422,
       "on"},
      {"a date that is not a date",
       "POST",
       movements + "/repayments",
       {{"on", "31/02/2026"}, {"amount", 1'000'000}},
       422,
       "on"},
      {"a filter with an unknown status", "GET", apps + "?status=lost", {}, 400, "status"},
      {"a portfolio of an unknown fund",
       "GET",
       "/api/v1/fund/portfolio?fund=NOPE",
       {},
       400,
       "fund"},
      {"a portfolio grouped by nothing known",
       "GET",
       "/api/v1/fund/portfolio?by=colour",
       {},
       400,
       "by"},
      {"a loan as of no date", "GET", movements + "?as_of=someday", {}, 400, "as_of"},
  };
  for (const auto& c : cases) {
    auto r = call(c.method, c.target, admin, c.body);
    EXPECT_EQ(r.status, c.status) << c.what << "\n" << r.body;
    EXPECT_EQ(field_in(r), c.field) << c.what << "\n" << r.body;
    EXPECT_FALSE(r.json()["error"].value("message", "").empty()) << c.what;
  }
  EXPECT_EQ(audit_count(), before);
  auto j = call("GET", loan_path(loan), admin).json();
  EXPECT_EQ(j["movements"].size(), 1u);
  EXPECT_EQ(j["position"]["disbursed"], 300'000'000);
  EXPECT_EQ(call("GET", "/api/v1/fund/funds/QHTTW/products", admin).json()["total"], 1);
  // No such records: 404.
  EXPECT_EQ(call("GET", "/api/v1/fund/loans/999999", admin).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/fund/loans/x", admin).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/fund/applications/999999", admin).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/fund/movements/999999/approve", admin2).status, 404);
  // Restructuring a closed loan: repaid in full, then refused on its date.
  auto payoff =
      call("GET", loan_path(loan) + "?as_of=2026-11-25", admin).json()["position"]["payoff"];
  auto closed = call("POST", loan_path(loan) + "/repayments", admin,
                     {{"on", "2026-11-25"}, {"amount", payoff}});
  ASSERT_EQ(closed.status, 201) << closed.body;
  EXPECT_EQ(call("GET", loan_path(loan), admin).json()["loan"]["state"], "closed");
  const auto after_close = audit_count();
  auto x = call("POST", loan_path(loan) + "/restructurings", admin,
                {{"on", "2026-11-27"},
                 {"term_months", 24},
                 {"reason", "Thiên tai"},
                 {"legal_basis", "Thông tư 01/2020/TT-NHNN"}});
  EXPECT_TRUE(x.status == 409 || x.status == 422) << x.body;
  EXPECT_EQ(field_in(x), "on") << x.body;
  EXPECT_EQ(audit_count(), after_close);
  // No token: 401.
  EXPECT_EQ(call("GET", "/api/v1/fund/loans", "").status, 401);
}

TEST_F(FundApiTest, AProvincialUserSeesOnlyItsProvince) {
  const auto hanoi_loan = contracted("QHTTW", "0101000001");
  const auto haiduong_loan = contracted("QHT-30", "3000000001");
  disbursed(hanoi_loan, 100'000'000, "2026-11-10");
  disbursed(haiduong_loan, 200'000'000, "2026-11-10");
  auto listed = call("GET", "/api/v1/fund/loans", hd);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["total"], 1);
  EXPECT_EQ(listed.json()["items"][0]["id"], haiduong_loan);
  EXPECT_EQ(listed.json()["items"][0]["province"], "30-2008");
  EXPECT_EQ(call("GET", "/api/v1/fund/loans", admin).json()["total"], 2);
  // Another province's loan: refused, and its statement too.
  auto other = call("GET", loan_path(hanoi_loan), hd);
  EXPECT_TRUE(other.status == 403 || other.status == 404) << other.body;
  auto statement = call("GET", loan_path(hanoi_loan) + "/statement.csv", hd);
  EXPECT_TRUE(statement.status == 403 || statement.status == 404) << statement.body;
  EXPECT_EQ(call("GET", loan_path(haiduong_loan), hd).status, 200);
  // Provincial staff read but do not write, not even in their province.
  const auto before = audit_count();
  EXPECT_EQ(call("POST", loan_path(haiduong_loan) + "/repayments", hd,
                 {{"on", "2026-11-20"}, {"amount", 1'000'000}})
                .status,
            403);
  EXPECT_EQ(call("POST", loan_path(hanoi_loan) + "/repayments", hd,
                 {{"on", "2026-11-20"}, {"amount", 1'000'000}})
                .status,
            403);
  EXPECT_EQ(audit_count(), before);
  // Their portfolio holds their province only.
  auto port = call("GET", "/api/v1/fund/portfolio?from=2026-01-01&to=2026-11-29", hd);
  ASSERT_EQ(port.status, 200) << port.body;
  EXPECT_EQ(port.json()["total"]["outstanding"], 200'000'000) << port.body;
  ASSERT_EQ(port.json()["rows"].size(), 1u);
  EXPECT_EQ(port.json()["rows"][0]["key"], "30-2008");
}

TEST_F(FundApiTest, TheWorkbooksAndCsvCarryThePortfoliosTotals) {
  const auto loan = contracted();
  disbursed(loan, 400'000'000, "2026-11-10");
  ASSERT_EQ(call("POST", loan_path(loan) + "/repayments", admin,
                 {{"on", "2026-11-20"}, {"amount", 3'000'000}})
                .status,
            201);
  const std::string query = "?from=2026-01-01&to=2026-11-29&by=province";
  auto port = call("GET", "/api/v1/fund/portfolio" + query, admin).json();
  const auto& total = port["total"];

  auto xlsx = call("GET", "/api/v1/fund/portfolio.xlsx" + query, admin);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_NE(xlsx.header("content-type").find("spreadsheetml"), std::string::npos);
  EXPECT_NE(xlsx.header("content-disposition").find(".xlsx"), std::string::npos);
  const auto file = f.dir.file("portfolio.xlsx");
  std::ofstream(file, std::ios::binary) << xlsx.body;
  std::string error;
  auto reader = exchange::XlsxReader::open(file, error);
  ASSERT_TRUE(reader) << error;
  exchange::XlsxRow row;
  std::vector<std::string> header, last;
  bool narrative = false;
  while (reader->next(row)) {
    if (!row.cells.empty() && row.cells[0] == port["narrative"]) narrative = true;
    if (!row.cells.empty() && row.cells[0] == "Tỉnh, thành phố") header = row.cells;
    if (!row.cells.empty() && row.cells[0] == "Tổng cộng") last = row.cells;
  }
  EXPECT_TRUE(narrative);
  ASSERT_EQ(header.size(), 18u);
  ASSERT_EQ(last.size(), 18u);
  EXPECT_EQ(header[4], "Dư nợ (đ)");
  EXPECT_EQ(last[1], std::to_string(total["loans"].get<int>()));
  EXPECT_EQ(last[4], std::to_string(total["outstanding"].get<std::int64_t>()));
  EXPECT_EQ(last[5], "400000000");
  EXPECT_EQ(last[6], std::to_string(total["collected_principal"].get<std::int64_t>()));
  EXPECT_EQ(last[7], std::to_string(total["collected_interest"].get<std::int64_t>()));
  EXPECT_EQ(last[11], std::to_string(total["by_group"][0].get<std::int64_t>()));

  auto csv_reply = call("GET", "/api/v1/fund/portfolio.csv" + query + "&lang=en", admin);
  ASSERT_EQ(csv_reply.status, 200) << csv_reply.body;
  EXPECT_NE(csv_reply.header("content-type").find("text/csv"), std::string::npos);
  std::istringstream in(csv_reply.body);
  csv::Reader csv(in);
  std::vector<std::vector<std::string>> records;
  for (std::vector<std::string> r; csv.next(r) == csv::ReadStatus::kRecord;) records.push_back(r);
  ASSERT_GE(records.size(), 3u);  // header, Hà Nội, total
  EXPECT_EQ(records[0][0], "Province");
  EXPECT_EQ(records[1][0], "01-2008");
  EXPECT_EQ(records.back()[0], "Total");
  EXPECT_EQ(records.back()[4], std::to_string(total["outstanding"].get<std::int64_t>()));
  EXPECT_EQ(records.back()[6], std::to_string(total["collected_principal"].get<std::int64_t>()));

  // A loan's statement: its movements with the repayment's split, and its schedule.
  auto st = call("GET", loan_path(loan) + "/statement.csv?as_of=2026-11-29", admin);
  ASSERT_EQ(st.status, 200) << st.body;
  std::istringstream sin(st.body);
  csv::Reader scsv(sin);
  std::vector<std::vector<std::string>> lines;
  for (std::vector<std::string> r; scsv.next(r) == csv::ReadStatus::kRecord;) lines.push_back(r);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1][0], "2026-11-10");
  EXPECT_EQ(lines[1][3], "400000000");
  EXPECT_EQ(lines[2][3], "3000000");
  ASSERT_EQ(lines[2].size(), 7u);
  EXPECT_EQ(std::stoll(lines[2][4]) + std::stoll(lines[2][5]) + std::stoll(lines[2][6]), 3'000'000);
  auto sx = call("GET", loan_path(loan) + "/statement.xlsx?as_of=2026-11-29", admin);
  ASSERT_EQ(sx.status, 200);
  const auto sfile = f.dir.file("statement.xlsx");
  std::ofstream(sfile, std::ios::binary) << sx.body;
  auto sreader = exchange::XlsxReader::open(sfile, error);
  ASSERT_TRUE(sreader) << error;
  int amounts = 0;
  while (sreader->next(row))
    if (row.cells.size() > 3 && (row.cells[3] == "400000000" || row.cells[3] == "3000000"))
      ++amounts;
  EXPECT_EQ(amounts, 2);
}

// Every JSON answer of the fund's routes, successes and refusals, validated against
// web/openapi.json by its own validator (web/tests/openapi_responses.mjs: ajv, JSON Schema
// 2020-12).
TEST_F(FundApiTest, TheAnswersMatchTheOpenApiDocument) {
  HTX_REQUIRE_OPENAPI_VALIDATOR();
  const std::string b = "/api/v1/fund";
  const auto loan = contracted();
  const std::string app = b + "/applications/{id}";
  auto m = keep("POST", b + "/loans/{id}/disbursements", loan_path(loan) + "/disbursements", admin,
                {{"on", "2026-11-10"}, {"amount", 400'000'000}});
  const auto mid = std::to_string(m.json().value("id", 0));
  keep("POST", b + "/movements/{id}/approve", b + "/movements/" + mid + "/approve", admin);
  keep("POST", b + "/movements/{id}/approve", b + "/movements/" + mid + "/approve", admin2);
  keep("POST", b + "/loans/{id}/repayments", loan_path(loan) + "/repayments", admin,
       {{"on", "2026-11-20"}, {"amount", 2'000'000}});
  keep("POST", b + "/loans/{id}/repayments", loan_path(loan) + "/repayments", admin,
       {{"on", "2026-11-20"}, {"amount", 0}});
  keep("POST", b + "/loans/{id}/restructurings", loan_path(loan) + "/restructurings", admin,
       {{"on", "2026-11-25"},
        {"term_months", 18},
        {"rate", "0,5%/tháng"},
        {"reason", "Thiên tai"},
        {"legal_basis", "Nghị quyết của Hội đồng quản lý Quỹ"}});
  auto w = keep("POST", b + "/loans/{id}/write-off", loan_path(loan) + "/write-off", admin,
                {{"on", "2026-11-28"}, {"note", "Thiên tai"}});
  if (w.status == 201)
    keep("POST", b + "/movements/{id}/reject",
         b + "/movements/" + std::to_string(w.json().value("id", 0)) + "/reject", admin2,
         {{"note", "Chưa đủ hồ sơ"}});
  keep("GET", b + "/funds", b + "/funds", national);
  keep("GET", b + "/funds/{code}/products", b + "/funds/QHTTW/products", national);
  keep("GET", b + "/funds/{code}/products", b + "/funds/NOPE/products", national);
  keep("GET", b + "/applications", b + "/applications?fund=QHTTW", national);
  keep("GET", b + "/applications", b + "/applications?status=lost", national);
  keep("GET", app, b + "/applications/1", national);
  keep("GET", b + "/loans", b + "/loans", national);
  keep("GET", b + "/loans/{id}", loan_path(loan) + "?as_of=2026-11-29", national);
  keep("GET", b + "/loans/{id}", loan_path(loan) + "?as_of=2026-11-26", hn);
  keep("GET", b + "/loans/{id}", loan_path(999999), national);
  keep("GET", b + "/portfolio", b + "/portfolio?period=2026&by=fund", national);
  keep("GET", b + "/portfolio", b + "/portfolio?fund=QHTTW&by=product", national);
  keep("GET", b + "/portfolio", b + "/portfolio?by=colour", national);
  keep("GET", b + "/trial-balance", b + "/trial-balance?fund=QHTTW", admin);
  keep("GET", b + "/trial-balance", b + "/trial-balance", admin);
  keep("GET", b + "/reconcile", b + "/reconcile?fund=QHTTW", admin);
  keep("GET", b + "/reconcile", b + "/reconcile?fund=QHTTW", hn);
  keep("POST", b + "/applications", b + "/applications", admin, {{"fund", "QHTTW"}});
  keep("POST", b + "/funds", b + "/funds", admin, {{"code", "QHTTW"}, {"name", "Trùng mã"}});
  expect_answers_match_openapi(answers_);
}

}  // namespace
}  // namespace htx::api
