// `htx profile CODE` and `htx change-request …` through the real binary on the full demo: the
// profile of an admitted cooperative as text (its sections' headings) and as JSON, its
// memberships and registry events counted here by plain SQL on the database file; an unknown
// code exits 1, a bad --format 2; the queue of proposals starts empty, and deciding a proposal
// that does not exist exits 1.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/demo_cli.hpp"

namespace htx::cli {
namespace {

std::string scalar(const std::string& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    else
      ADD_FAILURE() << sqlite3_errmsg(db) << "\n" << sql;
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

class ProfileCliTest : public htx::testing::DemoCliTest {};

TEST_F(ProfileCliTest, TheProfileOfAnAdmittedCooperative) {
  const auto code = scalar(db_, "SELECT entity_code FROM gov_membership ORDER BY id LIMIT 1");
  ASSERT_FALSE(code.empty());
  auto text = on({"profile", code});
  ASSERT_EQ(text.code, 0) << text;
  for (const char* heading : {"== Hồ sơ đăng ký ==", "== Lịch sử ==", "== Thành viên liên minh ==",
                              "== Sản phẩm OCOP ==", "== Vay vốn Quỹ hỗ trợ =="})
    EXPECT_NE(text.out.find(heading), std::string::npos) << heading << "\n" << text.out;

  auto r = on({"profile", code, "--format", "json"});
  ASSERT_EQ(r.code, 0) << r;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["entity"]["code"], code);
  const auto memberships =
      scalar(db_, "SELECT count(*) FROM gov_membership WHERE entity_code = '" + code + "'");
  EXPECT_EQ(std::to_string(j["membership"]["memberships"].size()), memberships);
  const auto events = scalar(db_,
                             "SELECT count(*) FROM entity_event ev JOIN entity e ON e.id = "
                             "ev.entity_id WHERE e.code = '" +
                                 code + "'");
  // The founding, then the stored events.
  EXPECT_EQ(std::to_string(j["events"].size() - 1), events);
  EXPECT_EQ(j["events"][0]["kind"], "founded");
  for (const char* section : {"membership", "ocop", "training", "market", "fund", "awards"})
    EXPECT_TRUE(j.contains(section)) << section;  // the operator reads every section
}

TEST_F(ProfileCliTest, RefusalsExitNonZero) {
  EXPECT_EQ(on({"profile", "0000000000"}).code, 1);
  const auto code = scalar(db_, "SELECT code FROM entity ORDER BY id LIMIT 1");
  EXPECT_EQ(on({"profile", code, "--format", "xml"}).code, 2);
  auto list = on({"change-request", "list"});
  ASSERT_EQ(list.code, 0) << list;
  EXPECT_NE(list.out.find("0 đề nghị chờ duyệt"), std::string::npos) << list.out;
  auto missing = on({"change-request", "approve", "999"});
  EXPECT_EQ(missing.code, 1) << missing;
}

}  // namespace
}  // namespace htx::cli
