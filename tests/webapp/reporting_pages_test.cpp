// The reporting regime's pages through a real server (127.0.0.1, port 0) over a temporary SQLite
// database with a provincial monthly report form, Hà Nội's and Bắc Giang's alliances, and Hà
// Nội's October 2026 report: the rates of a period with each unit's status and who is late; the
// submission form with the form's indicators, its refusals beside each field (422, the values
// kept, nothing written), a submission raising the rates; and who may do what: another
// province's unit refused, the national leader reads only, strangers sent to sign in, CSRF.
#include <gtest/gtest.h>

#include "reporting/reporting_service.hpp"
#include "site_server.hpp"
#include "support/report_forms.hpp"
#include "work/work_service.hpp"

namespace htx::webapp {
namespace {

using namespace site_test_support;

constexpr const char* kRates = "/work/reporting?period=2026-10";

class webappReporting : public ::testing::Test {
 protected:
  void SetUp() override {
    add_site_user(f, "admin", accounts::Role::kAdmin, {});
    add_site_user(f, "leader", accounts::Role::kNationalLeader, {});
    add_site_user(f, "bacgiang", accounts::Role::kProvincialStaff, {"24-2008"});
    work::WorkService w(f.db->work(), f.db->audit(), *f.db, f.clock);
    for (auto [code, name, kind, province] :
         {std::tuple{"LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, ""},
          std::tuple{"LMHTX-01", "Liên minh HTX thành phố Hà Nội", work::UnitKind::kProvincial,
                     "01-2008"},
          std::tuple{"LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", work::UnitKind::kProvincial,
                     "24-2008"}}) {
      work::Unit u;
      u.code = code;
      u.name = name;
      u.kind = kind;
      u.province_id = province;
      ASSERT_TRUE(w.add_unit(u, "test", ProvinceScope::all()));
    }
    reporting::ReportingService r(f.db->reporting(), f.db->work(), f.db->audit(), *f.db, f.clock);
    ASSERT_TRUE(r.add_form(
        htx::testing::provincial_monthly_form(
            *Date::from_ymd(2026, 1, 1), {{"htx_founded", "Số HTX thành lập mới", true},
                                          {"members_admitted", "Số thành viên kết nạp", false}}),
        "test", ProvinceScope::all()));
    ASSERT_TRUE(r.submit({"BC-TINH-THANG",
                          "LMHTX-01",
                          "2026-10",
                          Date::from_ymd(2026, 11, 18),
                          {{"htx_founded", "5"}},
                          ""},
                         "test", ProvinceScope::all()));
    server = std::make_unique<SiteServer>(f);
  }
  Browser signed_in(const std::string& user) { return server->signed_in(user); }
  std::size_t audit_count() {
    audit::Filter all;
    all.limit = 100000;
    return f.db->audit().list(all).size();
  }
  std::size_t submissions() { return f.db->reporting().list_submissions({}).size(); }
  std::vector<std::pair<std::string, std::string>> fields(const std::string& csrf,
                                                          const std::string& unit,
                                                          const std::string& founded) {
    return {{"csrf", csrf},
            {"form", "BC-TINH-THANG"},
            {"unit", unit},
            {"period", "2026-10"},
            {"submitted_on", "25/11/2026"},
            {"value_htx_founded", founded},
            {"value_members_admitted", "12"}};
  }

  htx::testing::RegistryFixture f;
  std::unique_ptr<SiteServer> server;
};

TEST_F(webappReporting, TheRatesOfAPeriodShowEachUnitAndWhoIsLate) {
  Browser admin = signed_in("admin");
  auto page = admin.get(kRates);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.has("Báo cáo tháng của Liên minh HTX tỉnh (BC-TINH-THANG)"));
  EXPECT_TRUE(page.has("<strong class=\"deadline\">20/11/2026</strong>"));
  EXPECT_TRUE(page.has("<td class=\"num expected\">2</td>"));
  EXPECT_TRUE(page.has("<td class=\"num completeness\">50,0%</td>"));
  EXPECT_TRUE(page.has("<td class=\"num timeliness\">50,0%</td>"));
  EXPECT_TRUE(
      page.has("<th scope=\"row\">Liên minh HTX thành phố Hà Nội</th><td>đúng hạn</td>"
               "<td>18/11/2026</td>"));
  EXPECT_TRUE(
      page.has("<th scope=\"row\">Liên minh HTX tỉnh Bắc Giang</th><td>BC-TINH-THANG</td>"
               "<td>20/11/2026</td><td>chưa gửi</td><td>quá hạn 9 ngày</td>"))
      << page.body;
  EXPECT_TRUE(page.has("href=\"/work/reporting\""));  // in the work area's tabs

  auto en = admin.get(std::string(kRates) + "&lang=en");
  EXPECT_TRUE(en.has("<td class=\"num completeness\">50.0%</td>"));
  EXPECT_TRUE(en.has("9 days overdue"));

  auto bad = admin.get("/work/reporting?period=2026-13");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.has("reporting period &quot;2026-13&quot; is not valid"));  // English stays

  // A provincial user sees only their own unit.
  auto bg = signed_in("bacgiang").get(kRates);
  ASSERT_EQ(bg.status, 200);
  EXPECT_FALSE(bg.has("Liên minh HTX thành phố Hà Nội"));
  EXPECT_TRUE(bg.has("<td class=\"num expected\">1</td>"));
}

TEST_F(webappReporting, ASubmissionIsCheckedFieldByFieldThenRaisesTheRates) {
  Browser bg = signed_in("bacgiang");
  auto form = bg.get("/work/reporting/submit?form=BC-TINH-THANG&period=2026-10");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(form.has("<label for=\"f-value_htx_founded\">Số HTX thành lập mới"));
  EXPECT_TRUE(form.has("inputmode=\"numeric\""));
  EXPECT_TRUE(form.has("<option value=\"LMHTX-24\" selected>"));
  EXPECT_FALSE(form.has("LMHTX-01"));
  std::string csrf = Browser::csrf_of(form.body);
  auto before = audit_count();

  auto wrong = bg.post("/work/reporting/submit", fields(csrf, "LMHTX-24", "-3"));
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(
      wrong.has("id=\"error-value_htx_founded\">chỉ tiêu &quot;Số HTX thành lập mới&quot;: "
                "không được âm (-3)"))
      << wrong.body;
  EXPECT_TRUE(wrong.has("value=\"-3\""));
  EXPECT_TRUE(wrong.has("value=\"12\""));
  auto words = bg.post("/work/reporting/submit", fields(csrf, "LMHTX-24", "ba"));
  EXPECT_EQ(words.status, 422);
  EXPECT_TRUE(words.has("&quot;ba&quot; không phải là số nguyên"));
  auto other = bg.post("/work/reporting/submit", fields(csrf, "LMHTX-01", "1"));
  EXPECT_EQ(other.status, 422);
  EXPECT_TRUE(
      other.has("id=\"error-unit\">không được gửi báo cáo thay Liên minh HTX thành phố Hà Nội"));
  auto early = fields(csrf, "LMHTX-24", "1");
  early[3].second = "2027-01";
  auto future = bg.post("/work/reporting/submit", early);
  EXPECT_EQ(future.status, 422);
  EXPECT_TRUE(future.has("id=\"error-period\">kỳ báo cáo 2027-01 chưa bắt đầu"));
  EXPECT_EQ(submissions(), 1u);
  EXPECT_EQ(audit_count(), before);

  auto ok = bg.post("/work/reporting/submit", fields(csrf, "LMHTX-24", "4"));
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.header("location"), "/work/reporting?period=2026-10#form-BC-TINH-THANG");
  EXPECT_EQ(submissions(), 2u);
  EXPECT_EQ(audit_count(), before + 1);
  auto rates = signed_in("admin").get(kRates);
  EXPECT_TRUE(rates.has("<td class=\"num completeness\">100,0%</td>"));
  EXPECT_TRUE(rates.has("<td class=\"num timeliness\">50,0%</td>"));  // 25/11 is after 20/11
  EXPECT_TRUE(rates.has("gửi chậm</td><td>25/11/2026</td><td>chậm 5 ngày</td>"));

  auto twice = bg.post("/work/reporting/submit", fields(csrf, "LMHTX-24", "4"));
  EXPECT_EQ(twice.status, 422);
  EXPECT_TRUE(twice.has("id=\"error-period\">Liên minh HTX tỉnh Bắc Giang đã gửi báo cáo"));
  EXPECT_EQ(submissions(), 2u);
}

TEST_F(webappReporting, TheLeaderReadsOnlyAndStrangersSignIn) {
  Browser leader = signed_in("leader");
  EXPECT_EQ(leader.get(kRates).status, 200);
  EXPECT_FALSE(leader.get(kRates).has("id=\"reporting-submit-link\""));
  EXPECT_EQ(leader.get("/work/reporting/submit").status, 403);
  std::string csrf = Browser::csrf_of(leader.get(kRates).body);
  Browser admin = signed_in("admin");
  auto before = audit_count();
  EXPECT_EQ(leader.post("/work/reporting/submit", fields(csrf, "LMHTX-24", "1")).status, 403);
  EXPECT_EQ(admin.post("/work/reporting/submit", {{"form", "BC-TINH-THANG"}}).status, 403);
  Browser nobody(server->port());
  EXPECT_EQ(nobody.get(kRates).status, 303);
  EXPECT_EQ(audit_count(), before);
  EXPECT_EQ(submissions(), 1u);
}

}  // namespace
}  // namespace htx::webapp
