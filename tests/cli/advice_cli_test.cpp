// `htx advice …` and the advised-founding target through the real binary on the full demo: the
// list of Bắc Giang's closed cases has the rows counted here by plain SQL on the database file; a
// case opened, refused a close with another province's entity (the refusal after its option, exit
// 1, nothing written), then dropped with a reason; the target set for the new indicator and stated
// in the report's target table beside its actual; an unknown indicator refused (exit 2).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/demo_cli.hpp"

namespace htx::cli {
namespace {

std::string scalar(const std::string& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    } else {
      ADD_FAILURE() << sqlite3_errmsg(db) << "\n" << sql;
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

std::size_t count_of(const std::string& out, const std::string& what) {
  std::size_t n = 0;
  for (auto p = out.find(what); p != std::string::npos; p = out.find(what, p + 1)) ++n;
  return n;
}

class AdviceCliTest : public htx::testing::DemoCliTest {};

TEST_F(AdviceCliTest, TheListIsTheRecords) {
  const auto closed = scalar(db_,
                             "SELECT count(*) FROM advisory_case WHERE province_id = '24-2008' "
                             "AND status = 'closed'");
  ASSERT_FALSE(closed.empty());
  ASSERT_GT(std::stoi(closed), 0);
  auto r = on({"advice", "list", "--province", "24-2008", "--status", "closed"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_EQ(count_of(r.out, "Đã thành lập"), static_cast<std::size_t>(std::stoi(closed))) << r;
  EXPECT_EQ(scalar(db_, "SELECT count(*) FROM advisory_case WHERE status = 'dropped'"), "1");
  auto bad = on({"advice", "list", "--status", "xong"});
  EXPECT_EQ(bad.code, 2) << bad;
  EXPECT_NE(bad.err.find("--status: "), std::string::npos) << bad;
}

TEST_F(AdviceCliTest, OpenRefusedCloseThenDrop) {
  const auto before = scalar(db_, "SELECT count(*) FROM advisory_case");
  auto opened = on({"advice", "open", "--unit", "LMHTX-24", "--group-name",
                    "Nhóm sáng lập HTX Mật ong Sơn Động", "--opened-on", "05/01/2023"});
  ASSERT_EQ(opened.code, 0) << opened;
  const auto id = scalar(db_, "SELECT max(id) FROM advisory_case");
  EXPECT_EQ(std::stoi(scalar(db_, "SELECT count(*) FROM advisory_case")), std::stoi(before) + 1);
  const auto hanoi =
      scalar(db_, "SELECT code FROM entity WHERE province_id = '01-2008' ORDER BY code LIMIT 1");
  ASSERT_FALSE(hanoi.empty());
  auto refused = on({"advice", "close", id, "--entity-code", hanoi});
  EXPECT_EQ(refused.code, 1) << refused;
  EXPECT_NE(refused.err.find("--entity-code: "), std::string::npos) << refused;
  auto unknown = on({"advice", "close", id, "--entity-code", "9999999999"});
  EXPECT_EQ(unknown.code, 1) << unknown;
  EXPECT_NE(unknown.err.find("9999999999"), std::string::npos) << unknown;
  EXPECT_EQ(scalar(db_, "SELECT status FROM advisory_case WHERE id = " + id), "open");
  auto dropped = on(
      {"advice", "drop", id, "--reason", "Nhóm chưa đủ thành viên", "--dropped-on", "01/03/2023"});
  ASSERT_EQ(dropped.code, 0) << dropped;
  EXPECT_EQ(scalar(db_, "SELECT status FROM advisory_case WHERE id = " + id), "dropped");
  auto again = on({"advice", "drop", id, "--reason", "lần nữa"});
  EXPECT_EQ(again.code, 1) << again;
}

TEST_F(AdviceCliTest, BacGiangCompletesItsFourTargetsOf2021) {
  auto r = on({"report", "2021", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r;
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> met;
  for (const auto& t : j["targets"])
    if (t["unit_id"] == "24-2008" &&
        t["actual"].get<std::int64_t>() >= t["target"].get<std::int64_t>() &&
        t["target"].get<std::int64_t>() > 0)
      met.insert(t["indicator"].get<std::string>());
  EXPECT_EQ(met,
            (std::set<std::string>{"founded_htx", "new_members", "trainees", "advised_founding"}))
      << j["targets"].dump();
  const auto closed =
      scalar(db_,
             "SELECT count(*) FROM advisory_case c JOIN entity e ON e.code = "
             "c.entity_code WHERE c.province_id = '24-2008' AND c.status = 'closed' "
             "AND c.closed_on BETWEEN '2021-01-01' AND '2021-12-31' AND e.founded_on "
             "<= c.closed_on");
  std::string advised;
  for (const auto& t : j["targets"])
    if (t["unit_id"] == "24-2008" && t["indicator"] == "advised_founding")
      advised = std::to_string(t["actual"].get<std::int64_t>());
  EXPECT_EQ(advised, closed);
}

TEST_F(AdviceCliTest, TheNewTargetInTheReport) {
  auto set = on({"target", "set", "2022", "advised_founding", "3", "--province", "bac giang"});
  ASSERT_EQ(set.code, 0) << set;
  auto report = on({"report", "2022", "--format", "table"});
  ASSERT_EQ(report.code, 0) << report;
  EXPECT_NE(report.out.find("HTX thành lập mới có tư vấn của Liên minh"), std::string::npos)
      << report;
  auto bad = on({"target", "set", "2022", "advice", "3"});
  EXPECT_EQ(bad.code, 2) << bad;
  EXPECT_NE(bad.err.find("advised_founding"), std::string::npos) << bad;
}

}  // namespace
}  // namespace htx::cli
