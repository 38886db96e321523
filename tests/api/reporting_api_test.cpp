// The reporting regime in the JSON API through a real server on a loopback port: a provincial
// monthly report form, Hà Nội's and Bắc Giang's alliances, Hà Nội's October 2026 report; the
// forms, the rates of a period with who is late (a provincial token sees its own unit only), a
// submission (bad values → 422 on each member, a second one → 409, another province's unit →
// 403, the national leader → 403), in Vietnamese or English; nothing changes when refused.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "reporting/reporting_service.hpp"
#include "support/report_forms.hpp"

namespace htx::api {
namespace {

using nlohmann::json;

class ReportingApiTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    auto& db = *f.db;
    db.work().insert_unit(
        {0, "LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, "", 0});
    db.work().insert_unit({0, "LMHTX-01", "Liên minh HTX thành phố Hà Nội",
                           work::UnitKind::kProvincial, "01-2008", 0});
    db.work().insert_unit(
        {0, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", work::UnitKind::kProvincial, "24-2008", 0});
    reporting::ReportingService r(db.reporting(), db.work(), db.audit(), db, f.clock);
    ASSERT_TRUE(
        r.add_form(htx::testing::provincial_monthly_form(
                       *Date::from_ymd(2026, 1, 1), {{"htx_founded", "Số HTX thành lập mới", true},
                                                     {"htx_dissolved", "Số HTX giải thể", true}}),
                   "test", ProvinceScope::all()));
    ASSERT_TRUE(r.submit({"BC-TINH-THANG",
                          "LMHTX-01",
                          "2026-10",
                          Date::from_ymd(2026, 11, 18),
                          {{"htx_founded", "5"}, {"htx_dissolved", "0"}},
                          ""},
                         "test", ProvinceScope::all()));
    admin = token_for("admin", accounts::Role::kAdmin);
    leader = token_for("leader", accounts::Role::kNationalLeader);
    bg = token_for("bacgiang", accounts::Role::kProvincialStaff, {"24-2008"});
  }

  testing::HttpReply call(const std::string& method, const std::string& target,
                          const std::string& token, const json& body = json::object(),
                          const std::string& lang = "") {
    auto h = bearer(token);
    h["Content-Type"] = "application/json";
    if (!lang.empty()) h["Accept-Language"] = lang;
    return testing::http(server->port(), method, target, method == "GET" ? "" : body.dump(), h);
  }
  std::size_t audit_count() {
    audit::Filter all;
    all.limit = 100000;
    return f.db->audit().list(all).size();
  }
  static json submission(const char* unit, json values) {
    return {{"form", "BC-TINH-THANG"},
            {"unit", unit},
            {"period", "2026-10"},
            {"submitted_on", "2026-11-19"},
            {"values", values}};
  }

  std::string admin, leader, bg;
};

TEST_F(ReportingApiTest, FormsAndTheRatesOfAPeriodWithWhoIsLate) {
  auto forms = call("GET", "/api/v1/reporting/forms", admin);
  ASSERT_EQ(forms.status, 200) << forms.body;
  ASSERT_EQ(forms.json()["forms"].size(), 1u);
  EXPECT_EQ(forms.json()["forms"][0]["deadline"]["day"], 20);
  EXPECT_EQ(forms.json()["forms"][0]["indicators"][1]["key"], "htx_dissolved");

  auto rates = call("GET", "/api/v1/reporting/rates/2026-10", admin);
  ASSERT_EQ(rates.status, 200) << rates.body;
  auto j = rates.json();
  EXPECT_EQ(j["as_of"], "2026-11-29");
  auto& form = j["forms"][0];
  EXPECT_EQ(form["deadline"], "2026-11-20");
  EXPECT_EQ(form["rates"]["expected"], 2);
  EXPECT_EQ(form["rates"]["on_time"], 1);
  EXPECT_DOUBLE_EQ(form["rates"]["completeness"].get<double>(), 50.0);
  ASSERT_EQ(j["late"].size(), 1u);
  EXPECT_EQ(j["late"][0]["unit_code"], "LMHTX-24");
  EXPECT_EQ(j["late"][0]["status"], "missing");
  EXPECT_EQ(j["late"][0]["days_late"], 9);

  auto own = call("GET", "/api/v1/reporting/rates/2026-10", bg).json();
  EXPECT_EQ(own["forms"][0]["rates"]["expected"], 1);
  EXPECT_EQ(own["forms"][0]["units"].size(), 1u);

  auto bad = call("GET", "/api/v1/reporting/rates/2026-13", admin, {}, "en");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("reporting period \\\"2026-13\\\" is not valid"), std::string::npos)
      << bad.body;
  EXPECT_EQ(call("GET", "/api/v1/reporting/rates/2026-10?form=X", admin).status, 400);
  EXPECT_EQ(call("GET", "/api/v1/reporting/forms", "").status, 401);
}

TEST_F(ReportingApiTest, ASubmissionIsCheckedMemberByMember) {
  auto before = audit_count();
  auto bad = call("POST", "/api/v1/reporting/submissions", bg,
                  submission("LMHTX-24", {{"htx_founded", -1}, {"htx_dissolved", "hai"}}));
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::map<std::string, std::string> fields;
  const json problems = bad.json();
  for (auto& p : problems["error"]["fields"])
    fields[p["field"].get<std::string>()] = p["message"].get<std::string>();
  EXPECT_EQ(fields["values.htx_dissolved"],
            "chỉ tiêu \"Số HTX giải thể\": \"hai\" không phải là số nguyên");
  EXPECT_EQ(fields["values.htx_founded"], "chỉ tiêu \"Số HTX thành lập mới\": không được âm (-1)");
  auto negative = call("POST", "/api/v1/reporting/submissions", bg,
                       submission("LMHTX-24", {{"htx_founded", -1}, {"htx_dissolved", 0}}));
  ASSERT_EQ(negative.status, 422);
  EXPECT_EQ(negative.json()["error"]["fields"][0]["field"], "values.htx_founded");
  EXPECT_EQ(negative.json()["error"]["fields"][0]["message"],
            "chỉ tiêu \"Số HTX thành lập mới\": không được âm (-1)");
  auto missing = call("POST", "/api/v1/reporting/submissions", bg,
                      submission("LMHTX-24", {{"htx_founded", 1}}), "en");
  ASSERT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json()["error"]["fields"][0]["message"],
            "indicator \"Số HTX giải thể\": a value is required");
  auto future = submission("LMHTX-24", {{"htx_founded", 1}, {"htx_dissolved", 0}});
  future["period"] = "2027-02";
  auto refused = call("POST", "/api/v1/reporting/submissions", bg, future);
  ASSERT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["error"]["fields"][0]["field"], "period");
  EXPECT_EQ(call("POST", "/api/v1/reporting/submissions", bg,
                 submission("LMHTX-01", {{"htx_founded", 1}, {"htx_dissolved", 0}}))
                .status,
            403);
  EXPECT_EQ(call("POST", "/api/v1/reporting/submissions", leader,
                 submission("LMHTX-24", {{"htx_founded", 1}, {"htx_dissolved", 0}}))
                .status,
            403);
  EXPECT_EQ(audit_count(), before);

  auto ok = call("POST", "/api/v1/reporting/submissions", bg,
                 submission("LMHTX-24", {{"htx_founded", 2}, {"htx_dissolved", 0}}));
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["submitted_on"], "2026-11-19");
  EXPECT_EQ(ok.json()["values"]["htx_founded"], 2);
  EXPECT_EQ(audit_count(), before + 1);
  auto rates = call("GET", "/api/v1/reporting/rates/2026-10", admin).json();
  EXPECT_EQ(rates["forms"][0]["rates"]["submitted"], 2);
  EXPECT_EQ(rates["forms"][0]["rates"]["on_time"], 2);  // 19/11, before the 20th
  EXPECT_EQ(call("POST", "/api/v1/reporting/submissions", bg,
                 submission("LMHTX-24", {{"htx_founded", 2}, {"htx_dissolved", 0}}))
                .status,
            409);
  EXPECT_EQ(audit_count(), before + 1);
}

}  // namespace
}  // namespace htx::api
