// `htx reporting` through the real binary on the full demo: the forms, the rates and the late
// list of the demo's 2021 (seed 002), a submission and its correction, and the named bad inputs
// refused with the catalogue's message naming the option, exit 1 and nothing written. Writes use
// 2022 periods so that the 2021 figures stay as the demo states them whatever the order.
#include <gtest/gtest.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/demo_cli.hpp"

namespace {

using ReportingCliTest = htx::testing::DemoCliTest;

void expect_has(const std::string& text, const std::string& part) {
  EXPECT_NE(text.find(part), std::string::npos) << "missing: " << part << "\n" << text;
}

TEST_F(ReportingCliTest, FormsShowTheDeadlineAndTheIndicators) {
  auto r = on({"reporting", "forms"});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "BC-TINH-THANG  Báo cáo tháng của Liên minh HTX tỉnh, thành phố");
  expect_has(r.out, "ngày 20 của tháng thứ 1 sau kỳ báo cáo");
  expect_has(r.out, "--value members_admitted=N  Số thành viên mới kết nạp vào Liên minh");
  expect_has(r.out, "BC-BAN-THANG");
}

TEST_F(ReportingCliTest, RatesAndLateListOfFebruary2021) {
  auto r = on({"reporting", "rates", "2021-02", "--form", "BC-BAN-THANG"});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "kỳ 2021-02, hạn 25/02/2021");
  expect_has(r.out, "Phải gửi 5; đã gửi 4 (80,0%); đúng hạn 3 (60,0%); gửi chậm 1; chưa gửi 1");
  expect_has(r.out, "BCSPL  Ban Chính sách - Pháp luật: gửi chậm 01/03/2021 (chậm 4 ngày)");
  EXPECT_EQ(r.out.find("BC-TINH-THANG"), std::string::npos);

  auto late = on({"reporting", "late", "2021-01", "--format", "json"});
  ASSERT_EQ(late.code, 0) << late;
  auto j = nlohmann::json::parse(late.out);
  ASSERT_EQ(j.size(), 2u) << j.dump(1);
  EXPECT_EQ(j[0]["unit_code"], "LMHTX-22");
  EXPECT_EQ(j[0]["status"], "late");
  EXPECT_EQ(j[0]["days_late"], 3);
  EXPECT_EQ(j[1]["unit_code"], "LMHTX-56");
  EXPECT_EQ(j[1]["status"], "missing");
  EXPECT_EQ(j[1]["deadline"], "2021-02-20");

  auto en = on({"--lang", "en", "reporting", "rates", "2021-01", "--form", "BC-TINH-THANG"});
  expect_has(en.out, "Expected 5; submitted 4 (80,0%); on time 3 (60,0%); late 1; missing 1");
}

TEST_F(ReportingCliTest, TheMonthlyReviewListsWhoIsLate) {
  auto r = on({"review", "2021-02", "--date", "10/03/2021"});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "6. Chế độ thông tin, báo cáo");
  expect_has(r.out,
             "Báo cáo tháng của Liên minh HTX tỉnh, thành phố tháng 01/2021 (hạn "
             "20/02/2021): 3/5 (60,0%) đơn vị gửi đúng hạn; đã gửi 4/5 (80,0%).");
  expect_has(r.out, "- Gửi chậm: Liên minh HTX tỉnh Quảng Ninh (chậm 3 ngày).");
  expect_has(r.out, "- Chưa gửi: Liên minh HTX tỉnh Khánh Hòa.");
  auto year = on({"review", "2021"});
  expect_has(year.out, "Một số ban chưa chấp hành nghiêm chế độ thông tin, báo cáo:");
  expect_has(year.out, "- Ban Tài chính - Kế toán: đúng hạn 10/12 kỳ, gửi chậm 0, chưa gửi 2.");
}

TEST_F(ReportingCliTest, SubmitThenCorrectKeepingTheDate) {
  auto r = on({"reporting", "submit", "--form", "BC-TINH-THANG", "--unit", "LMHTX-24", "--period",
               "2022-03", "--on", "18/04/2022", "--value", "htx_founded=4", "--value",
               "htx_dissolved=1", "--value", "members_admitted=14"});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "Đã ghi báo cáo BC-TINH-THANG kỳ 2022-03 của LMHTX-24, ngày gửi 18/04/2022.");
  auto again = on({"reporting", "submit", "--form", "BC-TINH-THANG", "--unit", "LMHTX-24",
                   "--period", "2022-03", "--value", "htx_founded=4", "--value", "htx_dissolved=1",
                   "--value", "members_admitted=14"});
  EXPECT_EQ(again.code, 1);
  expect_has(again.err,
             "--period: Liên minh HTX tỉnh Bắc Giang đã gửi báo cáo BC-TINH-THANG "
             "kỳ 2022-03 ngày 18/04/2022");
  auto fix = on({"reporting", "correct", "--form", "BC-TINH-THANG", "--unit", "LMHTX-24",
                 "--period", "2022-03", "--value", "htx_founded=5", "--value", "htx_dissolved=1",
                 "--value", "members_admitted=14"});
  ASSERT_EQ(fix.code, 0) << fix;
  expect_has(fix.out, "ngày gửi vẫn là 18/04/2022");
  auto rates = on({"reporting", "rates", "2022-03", "--form", "BC-TINH-THANG", "--format", "json"});
  auto j = nlohmann::json::parse(rates.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["rates"]["on_time"], 1);
  EXPECT_EQ(j[0]["rates"]["expected"], 5);
}

TEST_F(ReportingCliTest, BadInputIsRefusedNamingTheOptionAndNothingIsWritten) {
  auto before = on({"reporting", "rates", "2022-05", "--format", "json"}).out;
  auto refused = [&](std::initializer_list<std::string> values, const std::string& message,
                     const char* unit = "LMHTX-24", const char* period = "2022-05") {
    std::vector<std::string> a = {"reporting", "submit", "--form",   "BC-TINH-THANG",
                                  "--unit",    unit,     "--period", period};
    for (const auto& v : values) {
      a.push_back("--value");
      a.push_back(v);
    }
    auto r = on(a);
    EXPECT_NE(r.code, 0) << r;
    expect_has(r.err, message);
  };
  refused({"htx_founded=ba", "htx_dissolved=0", "members_admitted=1"},
          "--value htx_founded: chỉ tiêu \"Số HTX thành lập mới\": \"ba\" không phải là số nguyên");
  refused({"htx_founded=-2", "htx_dissolved=0", "members_admitted=1"},
          "chỉ tiêu \"Số HTX thành lập mới\": không được âm (-2)");
  refused({"htx_dissolved=0", "members_admitted=1"},
          "--value htx_founded: chỉ tiêu \"Số HTX thành lập mới\": bắt buộc phải có giá trị");
  refused({"htx_founded=1", "htx_dissolved=0", "members_admitted=1", "lai=2"},
          "--value lai: mẫu BC-TINH-THANG không có chỉ tiêu \"lai\"");
  refused({"htx_founded"}, "\"htx_founded\" không hợp lệ: dùng --value chỉ_tiêu=số");
  refused({"htx_founded=1", "htx_dissolved=0", "members_admitted=1"},
          "--unit: Ban Chính sách - Pháp luật không thuộc diện phải gửi báo cáo BC-TINH-THANG",
          "BCSPL");
  refused({"htx_founded=1", "htx_dissolved=0", "members_admitted=1"},
          "--period: kỳ 2020-12 trước khi áp dụng mẫu báo cáo BC-TINH-THANG (kỳ đầu tiên: 2021-01)",
          "LMHTX-24", "2020-12");
  refused({"htx_founded=1", "htx_dissolved=0", "members_admitted=1"},
          "--period: kỳ báo cáo 2999-01 chưa bắt đầu", "LMHTX-24", "2999-01");
  refused({"htx_founded=1", "htx_dissolved=0", "members_admitted=1"},
          "--period: kỳ báo cáo \"2022-5\" không hợp lệ", "LMHTX-24", "2022-5");
  refused({"htx_founded=1", "htx_dissolved=0", "members_admitted=1"},
          "--unit: không có đơn vị mã \"LMHTX-99\"", "LMHTX-99");
  auto en = on({"--lang", "en", "reporting", "submit", "--form", "BC-TINH-THANG", "--unit",
                "LMHTX-24", "--period", "2022-05", "--value", "htx_founded=x"});
  EXPECT_EQ(en.code, 1);
  expect_has(
      en.err,
      "--value htx_founded: indicator \"Số HTX thành lập mới\": \"x\" is not a whole number");
  EXPECT_EQ(on({"reporting", "rates", "2022-05", "--format", "json"}).out, before);
  auto bad = on({"reporting", "rates", "2022-13"});
  EXPECT_EQ(bad.code, 2);
  expect_has(bad.err, "kỳ báo cáo \"2022-13\" không hợp lệ");
}

TEST_F(ReportingCliTest, ANewFormIsAddedAndExpectedOfItsUnits) {
  // A quarterly form for the departments, due on the 10th of the month after the quarter.
  auto bad = on({"reporting", "form-add", "--code", "BC-BAN-QUY", "--name",
                 "Báo cáo quý của các ban", "--frequency", "quarterly", "--who", "department",
                 "--deadline-day", "40", "--from", "01/01/2022"});
  EXPECT_EQ(bad.code, 1) << bad.out << bad.err;
  expect_has(bad.err, "--deadline-day");
  auto no_units =
      on({"reporting", "form-add", "--code", "BC-X", "--name", "X", "--from", "01/01/2022"});
  EXPECT_EQ(no_units.code, 1);
  expect_has(no_units.err, "--who / --unit");
  auto used = on({"reporting", "form-add", "--code", "BC-TINH-THANG", "--name", "X", "--who",
                  "provincial", "--from", "01/01/2022"});
  EXPECT_EQ(used.code, 1);
  expect_has(used.err, "BC-TINH-THANG");
  auto odd = on({"reporting", "form-add", "--code", "BC-Y", "--name", "Y", "--who", "department",
                 "--indicator", "khong-co-dau-bang", "--from", "01/01/2022"});
  EXPECT_EQ(odd.code, 2);

  auto ok = on({"reporting", "form-add", "--code", "BC-BAN-QUY", "--name",
                "Báo cáo quý của các ban", "--frequency", "quarterly", "--who", "department",
                "--deadline-day", "10", "--indicator", "tasks_done=Số đầu việc hoàn thành",
                "--indicator", "note_count?=Số kiến nghị", "--from", "01/01/2022"});
  ASSERT_EQ(ok.code, 0) << ok.err;
  expect_has(ok.out, "BC-BAN-QUY");
  auto forms = on({"reporting", "forms"});
  expect_has(forms.out, "Báo cáo quý của các ban");
  expect_has(forms.out, "--value tasks_done=N");
  // The first quarter of 2022 is expected of every department; nobody has sent it.
  auto rates = on({"reporting", "rates", "2022-Q1", "--form", "BC-BAN-QUY", "--format", "json"});
  ASSERT_EQ(rates.code, 0) << rates.err;
  auto j = nlohmann::json::parse(rates.out);
  ASSERT_EQ(j.size(), 1u) << rates.out;
  EXPECT_GT(j[0]["rates"]["expected"].get<int>(), 0) << rates.out;
  EXPECT_EQ(j[0]["rates"]["submitted"], 0);
}

}  // namespace
