// `htx review` through the real binary on the full demo: the February 2021 review with the
// March plan (seed 000) and the 2021 summary (seed 002), computed from the task records.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace {

using htx::testing::Result;
using htx::testing::run_program;
using htx::testing::TempDir;

class WorkCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->file("demo.db");
    auto r = run_program(HTX_BINARY, {"--db", db_, "demo"}, dir_->path().string());
    ASSERT_EQ(r.code, 0) << r;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  Result on(std::initializer_list<std::string> args) {
    std::vector<std::string> a = {"--db", db_};
    a.insert(a.end(), args.begin(), args.end());
    return run_program(HTX_BINARY, a, dir_->path().string());
  }
  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
};

void expect_has(const std::string& text, const std::string& part) {
  EXPECT_NE(text.find(part), std::string::npos) << "missing: " << part << "\n" << text;
}

TEST_F(WorkCliTest, FebruaryReviewStatesSeed000) {
  auto r = on({"review", "2021-02", "--date", "10/03/2021"});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "Báo cáo đánh giá công tác tháng 02, triển khai công tác tháng 3/2021");
  expect_has(r.out, "Hà Nội, ngày 10 tháng 3 năm 2021");
  expect_has(r.out, "Tháng 02, cả nước thành lập mới 195 HTX, cụ thể: Miền Bắc: 148 HTX; "
                    "Miền Trung – Tây Nguyên: 12 HTX; Miền Nam: 35 HTX.");
  expect_has(r.out, "Thông báo số 64/TB-LMHTXVN ngày 05/02/2021");
  expect_has(r.out, "Tổ chức Hội nghị trực tuyến Ban Thường vụ Liên minh HTX Việt Nam lần thứ nhất");
  expect_has(r.out, "còn dở dang từ năm 2018");
  expect_has(r.out, "II. NHIỆM VỤ TRỌNG TÂM THÁNG 3/2021");
  expect_has(r.out, "Hoàn thiện các tài liệu và triển khai Nghị quyết Hội nghị Ban Chấp hành");
  expect_has(r.out, "Bộ Kế hoạch và Đầu tư");
  expect_has(r.out, "Triển khai đúng thời hạn các công việc còn dở dang từ năm 2018");
}

TEST_F(WorkCliTest, YearReviewStates149WorkItemsDoneOnTime) {
  auto r = on({"review", "2021"});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "149 đầu việc lớn hoàn thành đúng tiến độ");
  auto j = on({"review", "2021", "--format", "json"});
  ASSERT_EQ(j.code, 0) << j;
  auto json = nlohmann::json::parse(j.out);
  EXPECT_EQ(json["key_done_on_time"], 149);
  EXPECT_EQ(json["registry"]["founded"]["HTX"], 2283);
}

TEST_F(WorkCliTest, BadPeriodIsRefused) {
  auto r = on({"review", "2021-13"});
  EXPECT_EQ(r.code, 2) << r;
  expect_has(r.err, "2021-13");
}

}  // namespace
