// `htx meeting`, `htx admission` and `htx awards` through the real binary on the full demo:
// Bắc Giang's 3rd BTV meeting of term VI admitting 14 units in batch 2/2021 (seed 001) and the
// 2021 awards, 13 collectives and 16 individuals (seed 002), counted from the records.
#include <gtest/gtest.h>

#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace {

using htx::testing::Result;
using htx::testing::run_program;
using htx::testing::TempDir;

class GovernanceCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->file("demo.db");
    auto r = run_program(HTX_BINARY, {"--db", db_, "demo"}, dir_->path().string(), {}, 300);
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

int count_of(const std::string& text, const std::string& part) {
  int n = 0;
  for (auto p = text.find(part); p != std::string::npos; p = text.find(part, p + part.size())) ++n;
  return n;
}

TEST_F(GovernanceCliTest, Batch2Of2021AdmittedFourteenUnitsInBacGiang) {
  auto r = on({"admission", "list", "--batch", "2/2021"});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "Đợt 2/2021 — Liên minh HTX tỉnh Bắc Giang");
  EXPECT_EQ(count_of(r.out, "đã kết nạp ngày 05/11/2021"), 14) << r.out;
  expect_has(r.out, "Tổng: 14 hồ sơ, 14 đơn vị được kết nạp");
  auto by_name = on({"admission", "list", "--batch", "đợt 2/2021", "--province", "Bắc Giang"});
  ASSERT_EQ(by_name.code, 0) << by_name;
  EXPECT_EQ(by_name.out, r.out);
  auto by_code = on({"admission", "list", "--province", "24"});
  ASSERT_EQ(by_code.code, 0) << by_code;
  EXPECT_EQ(by_code.out, r.out);
  auto other = on({"admission", "list", "--province", "Hà Nội"});
  ASSERT_EQ(other.code, 0) << other;
  expect_has(other.out, "Không có hồ sơ kết nạp nào.");
  auto none = on({"admission", "list", "--batch", "1/2021"});
  ASSERT_EQ(none.code, 0) << none;
  expect_has(none.out, "Không có hồ sơ kết nạp nào.");
}

TEST_F(GovernanceCliTest, BadBatchAndProvinceAreRefused) {
  auto r = on({"admission", "list", "--batch", "2021"});
  EXPECT_EQ(r.code, 2) << r;
  expect_has(r.err, "đợt \"2021\" không hợp lệ");
  auto p = on({"admission", "list", "--province", "Atlantis"});
  EXPECT_EQ(p.code, 2) << p;
  expect_has(p.err, "Atlantis");
}

TEST_F(GovernanceCliTest, Awards2021AreThirteenCollectivesAndSixteenIndividuals) {
  auto r = on({"awards", "2021"});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "Thi đua, khen thưởng năm 2021: 13 tập thể, 16 cá nhân");
  expect_has(r.out, "Quyết định số 30/QĐ-LMHTXVN ngày 20/01/2022");
  EXPECT_EQ(count_of(r.out, "— Tập thể lao động xuất sắc, kèm bằng khen"), 13) << r.out;
  EXPECT_EQ(count_of(r.out, "— Chiến sĩ thi đua cơ sở, kèm bằng khen"), 16) << r.out;
  auto en = on({"--lang", "en", "awards", "2021"});
  ASSERT_EQ(en.code, 0) << en;
  expect_has(en.out, "Awards for 2021: 13 collectives, 16 individuals");
  auto none = on({"awards", "2019"});
  ASSERT_EQ(none.code, 0) << none;
  expect_has(none.out, "Không có khen thưởng nào của năm 2019.");
  auto bad = on({"awards", "năm ngoái"});
  EXPECT_EQ(bad.code, 2) << bad;
}

TEST_F(GovernanceCliTest, ThirdStandingCommitteeMeetingOfTermVi) {
  auto list = on({"meeting", "list"});
  ASSERT_EQ(list.code, 0) << list;
  expect_has(list.out,
             "05/11/2021  Liên minh HTX tỉnh Bắc Giang  Hội nghị Ban Thường vụ lần thứ 3, "
             "khóa VI (trực tiếp)");
  std::istringstream first(list.out);
  std::string id;
  first >> id;
  auto r = on({"meeting", "show", id});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "Hội nghị Ban Thường vụ lần thứ 3, khóa VI\n");
  expect_has(r.out, "khóa VI (2020–2025)");
  expect_has(r.out, "Chủ trì: Nguyễn Đức Hiền");
  expect_has(r.out, "1. Báo cáo kết quả hoạt động 10 tháng đầu năm");
  expect_has(r.out,
             "4. Xét kết nạp các đơn vị, HTX tham gia thành viên Liên minh HTX tỉnh đợt "
             "2/2021 — thông qua");
  EXPECT_EQ(count_of(r.out, " — thông qua ("), 4) << r.out;
  // The two draft regulations it sent on to the BCH, and the task it set.
  EXPECT_EQ(count_of(r.out, "/QC-LMHTX 05/11/2021  Dự thảo Quy chế làm việc"), 2) << r.out;
  expect_has(r.out, "Ủy ban Kiểm tra");
  expect_has(r.out, "Hoàn thiện hai dự thảo Quy chế làm việc, báo cáo xin ý kiến Ban Chấp hành");
  auto missing = on({"meeting", "show", "999999"});
  EXPECT_EQ(missing.code, 1) << missing;
  expect_has(missing.err, "999999");
}

}  // namespace
