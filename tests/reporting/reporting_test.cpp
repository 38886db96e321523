// The reporting regime's rules (deadlines, statuses, rates, the late list), the service's
// refusals over an in-memory repository, and the monthly and annual review's reporting part.
#include "reporting/reporting.hpp"

#include <gtest/gtest.h>

#include "reporting/reporting_service.hpp"
#include "work/memory_work_repository.hpp"
#include "work/review.hpp"

namespace htx::reporting {
namespace {
using work::ProvinceScope;
using work::ReviewInput;
using work::Unit;
using work::UnitKind;
using work::WorkService;
using work::testing::d;

ReportPeriod month(int y, int m) { return {Frequency::kMonthly, y, m}; }

ReportForm provincial_form() {
  ReportForm f;
  f.id = 1;
  f.code = "BC-TINH-THANG";
  f.name = "Báo cáo tháng của Liên minh HTX tỉnh";
  f.unit_kind = UnitKind::kProvincial;
  f.deadline = {1, 20};
  f.indicators = {{"htx_founded", "Số HTX thành lập mới", true},
                  {"htx_dissolved", "Số HTX giải thể", true},
                  {"members_admitted", "Số thành viên kết nạp", false}};
  f.active_from = d(2021, 1, 1);
  return f;
}

// ---- rules ----------------------------------------------------------------------------------

TEST(ReportPeriod, ParsesMonthsAndQuarters) {
  auto m = parse_report_period("2021-02");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code(), "2021-02");
  EXPECT_EQ(m->first_day(), d(2021, 2, 1));
  EXPECT_EQ(m->last_day(), d(2021, 2, 28));
  auto q = parse_report_period("2020-Q1");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->frequency, Frequency::kQuarterly);
  EXPECT_EQ(q->last_day(), d(2020, 3, 31));
  EXPECT_EQ(month(2021, 12).next(), month(2022, 1));
  for (auto bad : {"2021-13", "2021-00", "2021-2", "21-02", "2021-Q5", "2021/02", "", "abcd-ef"})
    EXPECT_FALSE(parse_report_period(bad)) << bad;
}

TEST(DueDate, DayOfTheMonthAfterThePeriodOrOfItsOwnMonth) {
  EXPECT_EQ(due_date(DeadlineRule{1, 20}, month(2021, 2)), d(2021, 3, 20));
  EXPECT_EQ(due_date(DeadlineRule{1, 20}, month(2021, 12)), d(2022, 1, 20));
  EXPECT_EQ(due_date(DeadlineRule{0, 25}, month(2021, 2)), d(2021, 2, 25));
  EXPECT_EQ(due_date(DeadlineRule{1, 10}, ReportPeriod{Frequency::kQuarterly, 2021, 4}),
            d(2022, 1, 10));
}

TEST(DueDate, ADayPastTheMonthsEndIsItsLastDayInLeapYearsToo) {
  EXPECT_EQ(due_date(DeadlineRule{0, 31}, month(2021, 2)), d(2021, 2, 28));
  EXPECT_EQ(due_date(DeadlineRule{0, 31}, month(2024, 2)), d(2024, 2, 29));
  EXPECT_EQ(due_date(DeadlineRule{1, 31}, month(2024, 1)), d(2024, 2, 29));
  EXPECT_EQ(due_date(DeadlineRule{1, 31}, month(2021, 3)), d(2021, 4, 30));
  EXPECT_EQ(due_date(DeadlineRule{0, 30}, month(2100, 2)), d(2100, 2, 28));  // not a leap year
}

TEST(Status, OnTimeLateMissingAndNotYetDue) {
  Date due = d(2021, 3, 20);
  EXPECT_EQ(status_at(due, d(2021, 3, 20), d(2021, 4, 1)), ReportStatus::kOnTime);
  EXPECT_EQ(status_at(due, d(2021, 3, 23), d(2021, 4, 1)), ReportStatus::kLate);
  EXPECT_EQ(days_late(due, d(2021, 3, 23), d(2021, 4, 1)), 3);
  EXPECT_EQ(status_at(due, std::nullopt, d(2021, 3, 20)), ReportStatus::kNotYetDue);
  EXPECT_EQ(status_at(due, std::nullopt, d(2021, 3, 21)), ReportStatus::kMissing);
  EXPECT_EQ(days_late(due, std::nullopt, d(2021, 3, 31)), 11);
  // As it stood on 22/3: the submission of 23/3 did not exist yet.
  EXPECT_EQ(status_at(due, d(2021, 3, 23), d(2021, 3, 22)), ReportStatus::kMissing);
  EXPECT_EQ(days_late(due, d(2021, 3, 20), d(2021, 4, 1)), 0);
}

TEST(Expected, ByKindOrListAndNotBeforeTheUnitOrTheFormExisted) {
  auto f = provincial_form();
  Unit bg{5, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", UnitKind::kProvincial, "24", 0};
  Unit vp{2, "VP", "Văn phòng", UnitKind::kDepartment, "", 1};
  EXPECT_TRUE(expected(f, bg, month(2021, 2)));
  EXPECT_FALSE(expected(f, vp, month(2021, 2)));
  f.unit_ids = {2};
  EXPECT_TRUE(expected(f, vp, month(2021, 2)));
  EXPECT_FALSE(expected(f, bg, month(2020, 12)));  // before the form
  EXPECT_FALSE(expected(f, bg, ReportPeriod{Frequency::kQuarterly, 2021, 1}));
  bg.established_on = d(2021, 3, 15);
  EXPECT_FALSE(expected(f, bg, month(2021, 2)));
  EXPECT_TRUE(expected(f, bg, month(2021, 3)));
}

TEST(Rates, CompletenessAndTimelinessOfExpectedUnits) {
  auto f = provincial_form();
  std::vector<Unit> units = {
      {1, "LMHTXVN", "Liên minh HTX Việt Nam", UnitKind::kNational, "", 0},
      {2, "LMHTX-01", "Liên minh HTX thành phố Hà Nội", UnitKind::kProvincial, "01", 0},
      {3, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", UnitKind::kProvincial, "24", 0},
      {4, "LMHTX-26", "Liên minh HTX tỉnh Vĩnh Phúc", UnitKind::kProvincial, "26", 0},
      {5, "LMHTX-31", "Liên minh HTX thành phố Hải Phòng", UnitKind::kProvincial, "31", 0}};
  units[4].established_on = d(2021, 6, 1);  // not expected in February
  std::vector<Submission> subs = {{1, 1, 2, "2021-02", d(2021, 3, 18), "hn", {}, "", "", "", ""},
                                  {2, 1, 3, "2021-02", d(2021, 3, 25), "bg", {}, "", "", "", ""},
                                  {3, 1, 2, "2021-01", d(2021, 2, 10), "hn", {}, "", "", "", ""}};
  auto r = form_rates(f, units, subs, month(2021, 2), d(2021, 3, 31));
  EXPECT_EQ(r.deadline, d(2021, 3, 20));
  EXPECT_EQ(r.counts.expected, 3);
  EXPECT_EQ(r.counts.submitted, 2);
  EXPECT_EQ(r.counts.on_time, 1);
  EXPECT_EQ(r.counts.late, 1);
  EXPECT_EQ(r.counts.missing, 1);
  EXPECT_NEAR(r.counts.completeness(), 66.67, 0.01);
  EXPECT_NEAR(r.counts.timeliness(), 33.33, 0.01);
  ASSERT_EQ(r.units.size(), 3u);
  EXPECT_EQ(r.units[1].days_late, 5);
  EXPECT_EQ(r.units[2].days_late, 11);

  auto late = late_list({r});
  ASSERT_EQ(late.size(), 2u);
  EXPECT_EQ(late[0].unit.code, "LMHTX-24");
  EXPECT_EQ(late[0].status, ReportStatus::kLate);
  EXPECT_EQ(late[1].unit.code, "LMHTX-26");
  EXPECT_EQ(late[1].status, ReportStatus::kMissing);
  EXPECT_EQ(late[1].deadline, d(2021, 3, 20));

  // Before the deadline nothing is missing yet.
  auto early = form_rates(f, units, subs, month(2021, 2), d(2021, 3, 19));
  EXPECT_EQ(early.counts.on_time, 1);
  EXPECT_EQ(early.counts.not_yet_due, 2);
  EXPECT_TRUE(late_list({early}).empty());
  EXPECT_EQ(RateCounts{}.completeness(), 0.0);

  auto per_unit = unit_rates(f, units, subs, month(2021, 1), month(2021, 2), d(2021, 3, 31));
  ASSERT_EQ(per_unit.size(), 3u);  // Hải Phòng was not expected
  EXPECT_EQ(per_unit[0].unit.code, "LMHTX-01");
  EXPECT_EQ(per_unit[0].counts.expected, 2);
  EXPECT_EQ(per_unit[0].counts.on_time, 2);
  EXPECT_EQ(per_unit[1].counts.late, 1);
  EXPECT_EQ(per_unit[1].counts.missing, 1);

  auto due = rates_due_between({f}, units, subs, d(2021, 3, 1), d(2021, 3, 31), d(2021, 3, 31));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].period, month(2021, 2));
}

// ---- service --------------------------------------------------------------------------------

// The work repository's memory double, with the reporting tables inside the same snapshot.
class MemoryReporting final : public ReportingRepository, public TransactionManager {
 public:
  explicit MemoryReporting(work::testing::MemoryWork& work) : work_(work) {}
  std::int64_t insert_form(const ReportForm& f) override {
    auto id = static_cast<std::int64_t>(s_.forms.size()) + 1;
    s_.forms.push_back(f);
    s_.forms.back().id = id;
    return id;
  }
  std::optional<ReportForm> find_form(std::int64_t id) override {
    for (const auto& f : s_.forms)
      if (f.id == id) return f;
    return std::nullopt;
  }
  std::optional<ReportForm> find_form_by_code(std::string_view code) override {
    for (const auto& f : s_.forms)
      if (f.code == code) return f;
    return std::nullopt;
  }
  std::vector<ReportForm> list_forms() override { return s_.forms; }
  std::int64_t insert_submission(const Submission& s) override {
    auto id = static_cast<std::int64_t>(s_.subs.size()) + 1;
    s_.subs.push_back(s);
    s_.subs.back().id = id;
    return id;
  }
  void update_submission(const Submission& s) override { s_.subs[s.id - 1] = s; }
  std::optional<Submission> find_submission(std::int64_t form, std::int64_t unit,
                                            std::string_view period) override {
    for (const auto& s : s_.subs)
      if (s.form_id == form && s.unit_id == unit && s.period == period) return s;
    return std::nullopt;
  }
  std::vector<Submission> list_submissions(const SubmissionQuery& q) override {
    std::vector<Submission> out;
    for (const auto& s : s_.subs)
      if ((!q.form_id || s.form_id == *q.form_id) && (!q.period || s.period == *q.period) &&
          (!q.unit_id || s.unit_id == *q.unit_id))
        out.push_back(s);
    return out;
  }
  void begin() override {
    saved_ = s_;
    work_.begin();
  }
  void commit() override { work_.commit(); }
  void rollback() override {
    s_ = saved_;
    work_.rollback();
  }

 private:
  struct State {
    std::vector<ReportForm> forms;
    std::vector<Submission> subs;
  };
  work::testing::MemoryWork& work_;
  State s_, saved_;
};

class ReportingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WorkService ws(mem_, mem_, mem_, clock_);
    vca_ = *ws.add_unit({0, "LMHTXVN", "Liên minh HTX Việt Nam", UnitKind::kNational, "", 0}, "t",
                        ProvinceScope::all());
    vp_ = *ws.add_unit({0, "VP", "Văn phòng", UnitKind::kDepartment, "", vca_.id}, "t",
                       ProvinceScope::all());
    bg_ = *ws.add_unit(
        {0, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", UnitKind::kProvincial, "24", 0}, "t",
        ProvinceScope::all());
    hn_ = *ws.add_unit(
        {0, "LMHTX-01", "Liên minh HTX thành phố Hà Nội", UnitKind::kProvincial, "01", 0}, "t",
        ProvinceScope::all());
    auto f = provincial_form();
    f.id = 0;
    ASSERT_TRUE(service_.add_form(f, "admin", ProvinceScope::all()));
  }
  SubmissionInput input(std::string unit = "LMHTX-24", std::string period = "2021-02") {
    return {"BC-TINH-THANG",
            std::move(unit),
            std::move(period),
            d(2021, 3, 18),
            {{"htx_founded", "3"}, {"htx_dissolved", "0"}, {"members_admitted", "14"}},
            ""};
  }
  std::string refusal(const SubmissionInput& in,
                      const ProvinceScope& scope = ProvinceScope::all()) {
    auto before = mem_.audit_size();
    auto r = service_.submit(in, "bg", scope);
    EXPECT_EQ(mem_.audit_size(), before);
    return r ? "" : r.error().key + "@" + r.error().field;
  }

  FixedClock clock_{d(2021, 3, 25), "2021-03-25T08:00:00Z"};
  work::testing::MemoryWork mem_;
  MemoryReporting rep_{mem_};
  ReportingService service_{rep_, mem_, mem_, rep_, clock_};
  Unit vca_, vp_, bg_, hn_;
};

TEST_F(ReportingServiceTest, SubmitsWithAnAuditEntryAndCountsInTheRates) {
  auto before = mem_.audit_size();
  auto s = service_.submit(input(), "bg", ProvinceScope::of({"24"}));
  ASSERT_TRUE(s) << s.error().key;
  EXPECT_EQ(s->submitted_on, d(2021, 3, 18));
  EXPECT_EQ(s->values.at("members_admitted"), 14);
  EXPECT_EQ(mem_.audit_size(), before + 1);
  auto entry = mem_.list({}).back();
  EXPECT_EQ(entry.action, "reporting.submit");
  EXPECT_EQ(entry.object_key, "BC-TINH-THANG/LMHTX-24/2021-02");

  auto rates = service_.rates(month(2021, 2), ProvinceScope::all());
  ASSERT_EQ(rates.size(), 1u);
  EXPECT_EQ(rates[0].counts.expected, 2);
  EXPECT_EQ(rates[0].counts.on_time, 1);
  EXPECT_EQ(rates[0].counts.missing, 1);  // Hà Nội, at 25/3
  EXPECT_TRUE(service_.rates(month(2021, 2), ProvinceScope::all(), std::nullopt, "OTHER").empty());
}

TEST_F(ReportingServiceTest, ASecondSubmissionIsRefusedAndACorrectionKeepsTheDate) {
  ASSERT_TRUE(service_.submit(input(), "bg", ProvinceScope::all()));
  EXPECT_EQ(refusal(input()), "reporting.already_submitted@period");
  auto fix = input();
  fix.values["htx_founded"] = "4";
  fix.submitted_on = d(2021, 3, 25);
  auto corrected = service_.correct(fix, "bg2", ProvinceScope::all());
  ASSERT_TRUE(corrected) << corrected.error().key;
  EXPECT_EQ(corrected->submitted_on, d(2021, 3, 18));
  EXPECT_EQ(corrected->values.at("htx_founded"), 4);
  EXPECT_EQ(corrected->corrected_by, "bg2");
  EXPECT_EQ(mem_.list({}).back().action, "reporting.correct");
  EXPECT_EQ(service_.correct(input("LMHTX-01"), "hn", ProvinceScope::all()).error().key,
            "reporting.submission_not_found");
}

TEST_F(ReportingServiceTest, RefusesWhatIsWrongNamingTheField) {
  auto in = input();
  in.form = "BC-KHONG-CO";
  EXPECT_EQ(refusal(in), "reporting.form_not_found@form");
  EXPECT_EQ(refusal(input("LMHTX-99")), "reporting.unit_not_found@unit");
  EXPECT_EQ(refusal(input("VP")), "reporting.unit_not_expected@unit");
  EXPECT_EQ(refusal(input("LMHTX-01"), ProvinceScope::of({"24"})),
            "reporting.unit_out_of_scope@unit");
  EXPECT_EQ(refusal(input("LMHTX-24", "2021-2")), "reporting.bad_period@period");
  EXPECT_EQ(refusal(input("LMHTX-24", "2021-Q1")), "reporting.period_frequency@period");
  EXPECT_EQ(refusal(input("LMHTX-24", "2021-04")), "reporting.period_in_future@period");
  EXPECT_EQ(refusal(input("LMHTX-24", "2020-12")), "reporting.period_before_form@period");
  in = input();
  in.submitted_on = d(2021, 3, 26);
  EXPECT_EQ(refusal(in), "field.date_in_future@submitted_on");
  in.submitted_on = d(2021, 1, 31);
  EXPECT_EQ(refusal(in), "reporting.submitted_before_period@submitted_on");
  in = input();
  in.values["htx_founded"] = "ba";
  EXPECT_EQ(refusal(in), "reporting.indicator_not_a_number@value.htx_founded");
  in.values["htx_founded"] = "-1";
  EXPECT_EQ(refusal(in), "reporting.indicator_negative@value.htx_founded");
  in.values.erase("htx_founded");
  EXPECT_EQ(refusal(in), "reporting.indicator_required@value.htx_founded");
  in = input();
  in.values["lai_suat"] = "1";
  EXPECT_EQ(refusal(in), "reporting.unknown_indicator@value.lai_suat");
  EXPECT_TRUE(rep_.list_submissions({}).empty());
}

TEST_F(ReportingServiceTest, CheckValuesNamesEveryBadIndicator) {
  auto form = *service_.form_by_code("BC-TINH-THANG");
  std::map<std::string, std::int64_t> parsed;
  auto errors = check_values(form, {{"htx_founded", "x"}, {"members_admitted", "1.200"}}, &parsed);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].params.at("field"), "value.htx_founded");
  EXPECT_EQ(errors[0].params.at("indicator"), "Số HTX thành lập mới");
  EXPECT_EQ(errors[1].key, "reporting.indicator_required");
  EXPECT_EQ(parsed.at("members_admitted"), 1200);
}

TEST_F(ReportingServiceTest, AddFormRefusesDuplicatesAndFormsWithoutUnits) {
  auto f = provincial_form();
  EXPECT_EQ(service_.add_form(f, "a", ProvinceScope::all()).error().key,
            "reporting.form_code_exists");
  f.code = "BC-2";
  f.unit_kind.reset();
  EXPECT_EQ(service_.add_form(f, "a", ProvinceScope::all()).error().key,
            "reporting.form_without_units");
  f.unit_kind = UnitKind::kDepartment;
  f.indicators.push_back(f.indicators.front());
  EXPECT_EQ(service_.add_form(f, "a", ProvinceScope::all()).error().key,
            "reporting.indicator_key_duplicate");
  f.indicators.pop_back();
  f.deadline.day = 32;
  EXPECT_EQ(service_.add_form(f, "a", ProvinceScope::all()).error().key, "reporting.bad_deadline");
  EXPECT_EQ(service_.forms().size(), 1u);
}

// ---- the review -----------------------------------------------------------------------------

TEST(ReviewReporting, TheMonthShowsTheReportsDueInItAndWhoIsLate) {
  ReviewInput in;
  in.units = {{1, "LMHTX-01", "Liên minh HTX thành phố Hà Nội", UnitKind::kProvincial, "01", 0},
              {2, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", UnitKind::kProvincial, "24", 0},
              {3, "LMHTX-26", "Liên minh HTX tỉnh Vĩnh Phúc", UnitKind::kProvincial, "26", 0}};
  in.report_forms = {provincial_form()};
  in.submissions = {{1, 1, 1, "2021-01", d(2021, 2, 18), "hn", {}, "", "", "", ""},
                    {2, 1, 2, "2021-01", d(2021, 2, 24), "bg", {}, "", "", "", ""}};
  auto r = build_month_review(in, 2021, 2, {});
  ASSERT_EQ(r.reporting.size(), 1u);  // January's report, due 20/02
  EXPECT_EQ(r.reporting[0].period, month(2021, 1));
  ASSERT_EQ(r.late.size(), 2u);
  EXPECT_EQ(r.late[0].days_late, 4);
  EXPECT_EQ(r.late[1].status, ReportStatus::kMissing);
  EXPECT_EQ(r.late[1].days_late, 8);  // to 28/02
  auto text = to_text(draft_month_report(r, d(2021, 3, 10)));
  EXPECT_NE(text.find("6. Chế độ thông tin, báo cáo"), std::string::npos) << text;
  EXPECT_NE(text.find("tháng 01/2021 (hạn 20/02/2021): 1/3 (33,3%) đơn vị gửi đúng hạn; "
                      "đã gửi 2/3 (66,7%)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Gửi chậm: Liên minh HTX tỉnh Bắc Giang (chậm 4 ngày)."), std::string::npos);
  EXPECT_NE(text.find("Chưa gửi: Liên minh HTX tỉnh Vĩnh Phúc."), std::string::npos);
  auto j = to_json(r);
  EXPECT_EQ(j["reporting"]["late"].size(), 2u);
  EXPECT_EQ(j["reporting"]["due"][0]["rates"]["on_time"], 1);

  // Without forms the review has no reporting section at all.
  in.report_forms.clear();
  auto plain = to_text(draft_month_report(build_month_review(in, 2021, 2, {}), d(2021, 3, 10)));
  EXPECT_EQ(plain.find("Chế độ thông tin"), std::string::npos);
}

TEST(ReviewReporting, TheYearNamesTheUnitsThatDidNotComply) {
  ReviewInput in;
  in.units = {{1, "VP", "Văn phòng", UnitKind::kDepartment, "", 0},
              {2, "BTH", "Ban Tổng hợp", UnitKind::kDepartment, "", 0}};
  ReportForm f;
  f.id = 7;
  f.code = "BC-BAN-THANG";
  f.name = "Báo cáo tiến độ tháng của các ban";
  f.unit_kind = UnitKind::kDepartment;
  f.deadline = {0, 25};
  f.active_from = d(2021, 1, 1);
  in.report_forms = {f};
  for (int m = 1; m <= 12; ++m) {
    std::string p = month(2021, m).code();
    in.submissions.push_back({0, 7, 1, p, d(2021, m, 20), "vp", {}, "", "", "", ""});
    if (m != 5)
      in.submissions.push_back({0, 7, 2, p, d(2021, m, m == 8 ? 28 : 24), "", {}, "", "", "", ""});
  }
  auto y = build_year_review(in, 2021, {});
  ASSERT_EQ(y.reporting.size(), 1u);
  EXPECT_EQ(y.reporting[0].counts.expected, 24);
  EXPECT_EQ(y.reporting[0].counts.on_time, 22);
  ASSERT_EQ(y.reporting[0].units.size(), 2u);
  EXPECT_EQ(y.reporting[0].units[1].counts.late, 1);
  EXPECT_EQ(y.reporting[0].units[1].counts.missing, 1);
  auto text = to_text(draft_year_report(y, d(2022, 1, 10)));
  EXPECT_NE(text.find("Một số ban chưa chấp hành nghiêm chế độ thông tin, báo cáo:"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- Ban Tổng hợp: đúng hạn 10/12 kỳ, gửi chậm 1, chưa gửi 1."),
            std::string::npos);
  EXPECT_EQ(text.find("- Văn phòng: đúng hạn"), std::string::npos);
  EXPECT_EQ(to_json(y)["reporting"][0]["units"][1]["rates"]["missing"], 1);
}

}  // namespace
}  // namespace htx::reporting
