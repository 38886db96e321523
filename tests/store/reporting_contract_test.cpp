// The reporting regime's storage on both backends: forms and submissions round-trip through the
// repository; the service's writes are all or nothing with an audit entry; units keep the day
// they were established.
#include <gtest/gtest.h>

#include "backend_fixture.hpp"
#include "reporting/reporting_service.hpp"
#include "work/work_service.hpp"

namespace htx::store::testing {
namespace {

using namespace htx::work;
using namespace htx::reporting;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

class ReportingContract : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    WorkService ws(db().work(), db().audit(), db(), clock_);
    vca_ = *ws.add_unit({0, "LMHTXVN", "Liên minh HTX Việt Nam", UnitKind::kNational, "", 0}, "t",
                        ProvinceScope::all());
    Unit bg{0, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", UnitKind::kProvincial, "24", 0};
    bg.established_on = d(2020, 7, 1);
    bg_ = *ws.add_unit(bg, "t", ProvinceScope::all());
    vp_ = *ws.add_unit({0, "VP", "Văn phòng", UnitKind::kDepartment, "", vca_.id}, "t",
                       ProvinceScope::all());
  }
  ReportingService service() { return {db().reporting(), db().work(), db().audit(), db(), clock_}; }
  ReportForm form() {
    ReportForm f;
    f.code = "BC-TINH-THANG";
    f.name = "Báo cáo tháng của Liên minh HTX tỉnh";
    f.unit_kind = UnitKind::kProvincial;
    f.unit_ids = {vp_.id};
    f.deadline = {1, 20};
    f.indicators = {{"htx_founded", "Số HTX thành lập mới", true},
                    {"members_admitted", "Số thành viên kết nạp", false}};
    f.active_from = d(2021, 1, 1);
    return f;
  }

  FixedClock clock_{d(2021, 3, 25), "2021-03-25T08:00:00Z"};
  Unit vca_, bg_, vp_;
};

TEST_P(ReportingContract, SchemaHasTheReportingMigration) { EXPECT_GE(db().schema_version(), 6); }

TEST_P(ReportingContract, UnitsKeepTheDayTheyWereEstablished) {
  EXPECT_EQ(db().work().find_unit(bg_.id)->established_on, d(2020, 7, 1));
  EXPECT_FALSE(db().work().find_unit_by_code("VP")->established_on);
}

TEST_P(ReportingContract, FormsAndSubmissionsRoundTrip) {
  auto s = service();
  auto added = s.add_form(form(), "admin", ProvinceScope::all());
  ASSERT_TRUE(added) << added.error().key;
  auto back = db().reporting().find_form_by_code("BC-TINH-THANG");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, added->id);
  EXPECT_EQ(back->name, "Báo cáo tháng của Liên minh HTX tỉnh");
  EXPECT_EQ(back->unit_kind, UnitKind::kProvincial);
  EXPECT_EQ(back->unit_ids, (std::vector<std::int64_t>{vp_.id}));
  EXPECT_EQ(back->deadline.months_after, 1);
  EXPECT_EQ(back->deadline.day, 20);
  ASSERT_EQ(back->indicators.size(), 2u);
  EXPECT_EQ(back->indicators[1].name, "Số thành viên kết nạp");
  EXPECT_FALSE(back->indicators[1].required);
  EXPECT_EQ(back->active_from, d(2021, 1, 1));
  EXPECT_EQ(back->recorded_by, "admin");
  EXPECT_EQ(db().reporting().find_form(added->id)->code, "BC-TINH-THANG");
  EXPECT_EQ(db().reporting().list_forms().size(), 1u);
  EXPECT_FALSE(db().reporting().find_form_by_code("BC-KHAC"));

  SubmissionInput in{"BC-TINH-THANG",
                     "LMHTX-24",
                     "2021-02",
                     d(2021, 3, 18),
                     {{"htx_founded", "3"}, {"members_admitted", "1.200"}},
                     "Đủ số liệu"};
  auto sub = s.submit(in, "bg", ProvinceScope::of({"24"}));
  ASSERT_TRUE(sub) << sub.error().key;
  in.unit = "VP";
  in.values = {{"htx_founded", "0"}};
  ASSERT_TRUE(s.submit(in, "vp", ProvinceScope::all()));
  in.period = "2021-01";
  ASSERT_TRUE(s.submit(in, "vp", ProvinceScope::all()));

  auto stored = db().reporting().find_submission(added->id, bg_.id, "2021-02");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->submitted_on, d(2021, 3, 18));
  EXPECT_EQ(stored->values.at("members_admitted"), 1200);
  EXPECT_EQ(stored->note, "Đủ số liệu");
  EXPECT_EQ(stored->submitted_by, "bg");
  EXPECT_EQ(stored->corrected_by, "");

  auto all = db().reporting().list_submissions({});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].period, "2021-01");
  SubmissionQuery feb;
  feb.period = "2021-02";
  EXPECT_EQ(db().reporting().list_submissions(feb).size(), 2u);
  feb.unit_id = vp_.id;
  EXPECT_EQ(db().reporting().list_submissions(feb).size(), 1u);
  SubmissionQuery other_form;
  other_form.form_id = added->id + 1;
  EXPECT_TRUE(db().reporting().list_submissions(other_form).empty());

  auto rates = s.rates({Frequency::kMonthly, 2021, 2}, ProvinceScope::all());
  ASSERT_EQ(rates.size(), 1u);
  EXPECT_EQ(rates[0].counts.expected, 2);
  EXPECT_EQ(rates[0].counts.on_time, 2);
}

TEST_P(ReportingContract, RefusalsChangeNothingAndCorrectionsKeepTheDate) {
  auto s = service();
  ASSERT_TRUE(s.add_form(form(), "admin", ProvinceScope::all()));
  auto audit_before = db().audit().list({}).size();
  SubmissionInput in{"BC-TINH-THANG",         "LMHTX-24", "2021-02", d(2021, 3, 22),
                     {{"htx_founded", "-2"}}, ""};
  EXPECT_EQ(s.submit(in, "bg", ProvinceScope::all()).error().key, "reporting.indicator_negative");
  EXPECT_TRUE(db().reporting().list_submissions({}).empty());
  EXPECT_EQ(db().audit().list({}).size(), audit_before);

  in.values = {{"htx_founded", "2"}};
  ASSERT_TRUE(s.submit(in, "bg", ProvinceScope::all()));
  EXPECT_EQ(s.submit(in, "bg", ProvinceScope::all()).error().key, "reporting.already_submitted");
  in.values = {{"htx_founded", "5"}};
  auto fixed = s.correct(in, "bg-2", ProvinceScope::all());
  ASSERT_TRUE(fixed) << fixed.error().key;
  auto stored = db().reporting().list_submissions({});
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].values.at("htx_founded"), 5);
  EXPECT_EQ(stored[0].submitted_on, d(2021, 3, 22));
  EXPECT_EQ(stored[0].corrected_by, "bg-2");
  EXPECT_EQ(stored[0].corrected_at, "2021-03-25T08:00:00Z");
  auto log = db().audit().list({});
  EXPECT_EQ(log.size(), audit_before + 2);
  EXPECT_EQ(log.front().action, "reporting.correct");  // newest first
  EXPECT_NE(log.front().before_json.find("\"htx_founded\":2"), std::string::npos);
}

HTX_INSTANTIATE_BACKENDS(ReportingContract);

}  // namespace
}  // namespace htx::store::testing
