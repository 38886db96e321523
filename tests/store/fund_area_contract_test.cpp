// The support fund's area on both backends, as the edges call it with a request's fields: a
// cooperative's account applies for itself (never for another) and reads only its own loans;
// fund staff take the application to a contract and enter a disbursement that only an approver
// may approve; a provincial staff user reads but does not write; fields that do not parse are
// refused on their own names (amounts in Vietnamese grouping, dates as dd/mm/yyyy, codes, the
// collateral's lines) with nothing written; the portfolio reads a period as the alliance writes it.
#include <gtest/gtest.h>

#include "areas/fund_area.hpp"
#include "backend_fixture.hpp"

namespace htx::store::testing {
namespace {

using namespace htx::fund;
using accounts::Role;
using areas::Fields;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

const FundRules& rules() {
  static const FundRules r = FundRules::load(HTX_SOURCE_DATA_DIR);
  return r;
}

areas::Caller as(Role role, std::vector<std::string> provinces = {}, std::string entity = {}) {
  accounts::User u;
  u.username = std::string(accounts::to_code(role)) + entity;
  u.role = role;
  u.province_ids = provinces;
  u.entity_code = std::move(entity);
  accounts::Principal p{u};
  ProvinceScope scope =
      role == Role::kProvincialStaff || !provinces.empty()
          ? ProvinceScope::of(provinces)
          : (role == Role::kCooperative || role == Role::kBuyer ? ProvinceScope::none()
                                                                : ProvinceScope::all());
  return {p, scope};
}

class FundAreaContract : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (auto code : {"0100000001", "0100000002"}) {
      registry::Entity e;
      e.code = code;
      e.name = std::string("Hợp tác xã ") + code;
      e.sector_id = "nong_nghiep";
      e.province_id = "01-2008";
      e.founded_on = d(2015, 1, 5);
      db().registry().insert(e);
    }
    auto admin = area(as(Role::kAdmin));
    ASSERT_TRUE(
        admin.add_fund({{"code", "QHTTW"}, {"name", "Quỹ Hỗ trợ phát triển HTX Trung ương"}}));
    auto p = admin.add_product({{"fund", "QHTTW"},
                                {"code", "SXKD"},
                                {"name", "Cho vay sản xuất kinh doanh"},
                                {"max_amount", "2.000.000.000"},
                                {"rate", "0,55%/tháng"},
                                {"deadline_terms", "12, 36"},
                                {"deadline_days", "5, 10, 15"}});
    ASSERT_TRUE(p.ok()) << p.error().key << " " << p.error().field;
  }
  areas::FundArea area(areas::Caller c) { return {db(), clock_, rules(), std::move(c)}; }
  Fields application(const std::string& borrower) {
    return {{"fund", "QHTTW"},
            {"product", "SXKD"},
            {"borrower", borrower},
            {"amount", "600.000.000"},
            {"term_months", "24"},
            {"total_investment", "1.000.000.000"},
            {"own_contribution", "300.000.000"},
            {"received_on", "04/11/2019"},
            {"collateral",
             "land_use_right; Quyền sử dụng đất; 500.000.000; 30\nmachinery; Máy sấy; "
             "100.000.000"}};
  }
  FixedClock clock_{d(2020, 6, 30), "2020-06-30T08:00:00Z"};
};

TEST_P(FundAreaContract, ACooperativeAppliesForItselfAndReadsOnlyItsOwnLoans) {
  auto own = area(as(Role::kCooperative, {}, "0100000001"));
  EXPECT_TRUE(own.can_read());
  EXPECT_FALSE(own.can_write());
  auto other = own.apply(application("0100000002"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().field, "borrower");
  auto mine = own.apply(application(""));
  ASSERT_TRUE(mine.ok()) << mine.error().key << " " << mine.error().field;
  EXPECT_EQ(mine->borrower_code, "0100000001");
  EXPECT_EQ(mine->collateral.size(), 2u);
  EXPECT_EQ(mine->collateral[1].discount_percent, 0);
  // Staff take it to a contract.
  auto staff = area(as(Role::kFundStaff));
  auto approver = area(as(Role::kFundApprover));
  ASSERT_TRUE(staff.appraise(mine->id, {{"appraised_on", "08/11/2019"},
                                        {"opinion", "Khả thi"},
                                        {"recommended_amount", "600.000.000"}}));
  EXPECT_EQ(staff.decide(mine->id, {{"decision_number", "1/QĐ"}}).error().kind,
            ErrorKind::kForbidden);  // staff do not decide
  ASSERT_TRUE(approver.decide(mine->id, {{"decision_number", "25/QĐ-QHT"},
                                         {"decided_on", "12/11/2019"},
                                         {"members", "A\nB\nC"},
                                         {"votes_for", "3"},
                                         {"approved_amount", "500.000.000"}}));
  auto loan = staff.sign_contract(
      mine->id, {{"contract_number", "01/2019/HĐTD"}, {"contract_on", "15/11/2019"}});
  ASSERT_TRUE(loan.ok()) << loan.error().key;
  auto m = staff.disburse(loan->id, {{"on", "15/11/2019"}, {"amount", "500.000.000"}});
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(staff.approve(m->id).error().kind, ErrorKind::kForbidden);  // not an approver
  ASSERT_TRUE(approver.approve(m->id).ok());
  auto view = own.loan(loan->id, "31/12/2019");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->position.principal_outstanding, 500'000'000);
  EXPECT_EQ(own.loans({})->size(), 1u);
  auto neighbour = area(as(Role::kCooperative, {}, "0100000002"));
  EXPECT_TRUE(neighbour.loans({})->empty());
  EXPECT_EQ(neighbour.loan(loan->id, "").error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(neighbour.applications({})->empty());
  EXPECT_EQ(area(as(Role::kBuyer)).loan(loan->id, "").error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(own.portfolio({}).error().kind, ErrorKind::kForbidden);
}

TEST_P(FundAreaContract, ProvincialStaffReadButDoNotWrite) {
  auto prov = area(as(Role::kProvincialStaff, {"01-2008"}));
  EXPECT_TRUE(prov.can_read());
  EXPECT_EQ(prov.apply(application("0100000001")).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(prov.add_fund({{"code", "X"}, {"name", "Y"}}).error().kind, ErrorKind::kForbidden);
  ASSERT_TRUE(area(as(Role::kFundStaff)).apply(application("0100000001")));
  EXPECT_EQ(prov.applications({})->size(), 1u);
  EXPECT_TRUE(area(as(Role::kProvincialStaff, {"24-2008"})).applications({})->empty());
}

TEST_P(FundAreaContract, FieldsThatDoNotParseAreRefusedOnTheirNames) {
  auto staff = area(as(Role::kFundStaff));
  struct Case {
    const char* field;
    const char* value;
    const char* key;
  };
  for (const auto& c :
       {Case{"amount", "sáu trăm triệu", "field.not_a_number"},
        Case{"received_on", "31/02/2020", "field.bad_date"},
        Case{"collateral", "đất đai", "fund.collateral_line"},
        Case{"collateral", "land; x; 100; 150", "fund.collateral_line"},
        Case{"product", "KHONG-CO", "fund.no_product"}, Case{"fund", "QUY-LA", "fund.unknown_fund"},
        Case{"borrower", "9999999999", "fund.no_borrower"}, Case{"amount", "", "field.required"}}) {
    auto f = application("0100000001");
    f[c.field] = c.value;
    auto r = staff.apply(f);
    ASSERT_FALSE(r.ok()) << c.field << " " << c.value;
    EXPECT_EQ(r.error().field, c.field) << c.value;
    EXPECT_EQ(r.error().key, c.key) << c.field << " " << c.value;
  }
  EXPECT_TRUE(db().fund().list_applications({}).empty());
  auto p = staff.add_product({{"fund", "QHTTW"},
                              {"code", "X"},
                              {"name", "X"},
                              {"max_amount", "1"},
                              {"rate", "1%/năm"},
                              {"method", "balloon"}});
  EXPECT_EQ(p.error().field, "method");
  EXPECT_EQ(staff.appraise(1, {{"recommended_amount", "1"}}).error().field, "opinion");
  EXPECT_EQ(staff.portfolio({{"period", "Quý V/2020"}}).error().field, "period");
  EXPECT_EQ(staff.portfolio({{"by", "colour"}}).error().field, "by");
  auto q1 = staff.portfolio({{"period", "Quý I/2020"}});
  ASSERT_TRUE(q1.ok()) << q1.error().key;
  EXPECT_EQ(q1->query.from, d(2020, 1, 1));
  EXPECT_EQ(q1->query.to, d(2020, 3, 31));
}

HTX_INSTANTIATE_BACKENDS(FundAreaContract);

}  // namespace
}  // namespace htx::store::testing
