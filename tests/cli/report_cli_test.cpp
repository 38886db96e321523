// End-to-end tests of `htx report`, `htx target` and `htx stats` through the real binary, run
// as a user runs it (the same child-process harness as cli_test.cpp): bad periods, output
// formats, plan targets and their audit trail, rebuilt statistics.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace {

using htx::testing::TempDir;

using htx::testing::contains;
using htx::testing::data_dir;
using htx::testing::Result;
using htx::testing::run_program;

class ReportCliTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db = dir.file("registry.db");

  Result htx(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    return run_program(HTX_BINARY, args, dir.path().string(), env);
  }
  // `htx --db DATABASE args...`
  Result on(std::initializer_list<std::string> args, const std::vector<std::string>& env = {}) {
    std::vector<std::string> a = {"--db", db};
    a.insert(a.end(), args.begin(), args.end());
    return htx(a, env);
  }
  void small_demo() {
    auto r = on({"demo", "--scale", "0.02"});
    ASSERT_EQ(r.code, 0) << r;
  }
};

// ---- periods ---------------------------------------------------------------------------------

TEST_F(ReportCliTest, BadPeriodsAreRefusedInVietnameseWithExitTwo) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2021-13", "tháng 13 không tồn tại"},
      {"Quý V/2020", "quý V không tồn tại"},
      {"2021-05..2021-03", "kết thúc (03/2021) trước bắt đầu (05/2021)"},
  };
  for (auto& [period, message] : cases) {
    auto r = on({"report", period});
    EXPECT_EQ(r.code, 2) << period << "\n" << r;
    EXPECT_TRUE(contains(r.err, "Lỗi: ")) << r;
    EXPECT_TRUE(contains(r.err, message)) << period << "\n" << r;
    EXPECT_TRUE(r.out.empty()) << r;
  }
  EXPECT_FALSE(std::filesystem::exists(db)) << "no database is created for a bad period";
}

TEST_F(ReportCliTest, BadPeriodsAreRefusedInEnglishWithLangEn) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2021-13", "month 13 does not exist"},
      {"Quý V/2020", "quarter V does not exist"},
      {"2021-05..2021-03", "ends (03/2021) before it begins (05/2021)"},
  };
  for (auto& [period, message] : cases) {
    auto r = on({"--lang", "en", "report", period});
    EXPECT_EQ(r.code, 2) << period << "\n" << r;
    EXPECT_TRUE(contains(r.err, "Error: ")) << r;
    EXPECT_TRUE(contains(r.err, message)) << period << "\n" << r;
    EXPECT_FALSE(contains(r.err, "không")) << r;
  }
}

TEST_F(ReportCliTest, PeriodMayBeWrittenInWordsWithoutQuotes) {
  small_demo();
  auto r = on({"report", "tháng", "02/2021", "--format", "narrative"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_EQ(r.out.rfind("Tháng 02/2021 cả nước thành lập mới ", 0), 0u) << r;
}

// ---- formats ---------------------------------------------------------------------------------

TEST_F(ReportCliTest, JsonParsesAndCarriesTheFigures) {
  small_demo();
  auto r = on({"report", "2021", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r;
  nlohmann::json j;
  ASSERT_NO_THROW(j = nlohmann::json::parse(r.out)) << r;
  EXPECT_EQ(j["period"]["code"], "2021");
  EXPECT_EQ(j["period"]["start"], "2021-01-01");
  EXPECT_EQ(j["boundaries"], "old63");
  EXPECT_EQ(j["figures"]["current"]["provinces"].size(), 63u);
  EXPECT_EQ(j["figures"]["current"]["regions"].size(), 3u);
  auto htx = j["figures"]["current"]["national"]["HTX"];
  EXPECT_GT(htx["founded"].get<long>(), 0);
  EXPECT_EQ(htx["unexplained"], 0);
  EXPECT_EQ(j["figures"]["previous"]["period"]["code"], "2020");
  // The text format states the same founded figure.
  auto text = on({"report", "2021"});
  ASSERT_EQ(text.code, 0) << text;
  EXPECT_TRUE(contains(text.out, "Năm 2021 cả nước thành lập mới ")) << text;
  EXPECT_TRUE(contains(text.out, "1. Cân đối theo loại hình")) << text;
  // New boundaries on request; the default for a period after 01/07/2025 is the 34 units.
  auto new34 = on({"report", "2021", "--format", "json", "--boundaries", "new"});
  ASSERT_EQ(new34.code, 0) << new34;
  EXPECT_EQ(nlohmann::json::parse(new34.out)["figures"]["current"]["provinces"].size(), 34u);
  auto y2025 = on({"report", "2025", "--format", "json"});
  ASSERT_EQ(y2025.code, 0) << y2025;
  EXPECT_EQ(nlohmann::json::parse(y2025.out)["boundaries"], "new34");
}

TEST_F(ReportCliTest, CsvGoesToAFile) {
  small_demo();
  auto r = on({"report", "2021-Q1", "--format", "csv", "--output", "q1.csv"});
  ASSERT_EQ(r.code, 0) << r;
  auto bytes = TempDir::read(dir.file("q1.csv"));
  EXPECT_EQ(bytes.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_TRUE(contains(bytes, "\r\n2021-Q1,national,national,Cả nước,HTX,"))
      << bytes.substr(0, 400);
  EXPECT_TRUE(contains(r.out, "q1.csv")) << r;
}

TEST_F(ReportCliTest, XlsxNeedsAnOutputFile) {
  small_demo();
  auto r = on({"report", "2021", "--format", "xlsx"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, "--output")) << r;
  EXPECT_TRUE(r.out.empty()) << r;
  auto ok = on({"report", "2021", "--format", "xlsx", "--output", "bao-cao.xlsx"});
  ASSERT_EQ(ok.code, 0) << ok;
  EXPECT_EQ(TempDir::read(dir.file("bao-cao.xlsx")).rfind("PK", 0), 0u);
}

TEST_F(ReportCliTest, BadFormatAndBoundariesAreUsageErrors) {
  auto f = on({"report", "2021", "--format", "pdf"});
  EXPECT_EQ(f.code, 2) << f;
  EXPECT_TRUE(contains(f.err, "\"pdf\"")) << f;
  auto b = on({"report", "2021", "--boundaries", "mars"});
  EXPECT_EQ(b.code, 2) << b;
  EXPECT_TRUE(contains(b.err, "\"mars\"")) << b;
}

// ---- targets ---------------------------------------------------------------------------------

TEST_F(ReportCliTest, TargetsRoundTripAndAreAudited) {
  auto set = on({"target", "set", "2021", "founded_htx", "1.500"});
  ASSERT_EQ(set.code, 0) << set;
  EXPECT_TRUE(contains(set.out, "1.500")) << set;
  auto prov = on({"target", "set", "2021", "founded_htx", "60", "--province", "bac giang"});
  ASSERT_EQ(prov.code, 0) << prov;
  EXPECT_TRUE(contains(prov.out, "Bắc Giang")) << prov;
  auto again = on({"target", "set", "2021", "founded_htx", "1600"});
  ASSERT_EQ(again.code, 0) << again;
  EXPECT_TRUE(contains(again.out, "1.500")) << "the value before is stated\n" << again;

  auto list = on({"target", "list", "2021"});
  ASSERT_EQ(list.code, 0) << list;
  EXPECT_TRUE(contains(list.out, "Cả nước")) << list;
  EXPECT_TRUE(contains(list.out, "1.600")) << list;
  EXPECT_TRUE(contains(list.out, "Bắc Giang")) << list;
  EXPECT_TRUE(contains(list.out, "HTX thành lập mới")) << list;
  EXPECT_LT(list.out.find("Cả nước"), list.out.find("Bắc Giang")) << "national first\n" << list;
  auto none = on({"target", "list", "2030"});
  ASSERT_EQ(none.code, 0) << none;
  EXPECT_TRUE(contains(none.out, "2030")) << none;

  // The report measures the year against the national target (no HTX in an empty registry).
  auto rep = on({"report", "2021", "--format", "narrative"});
  ASSERT_EQ(rep.code, 0) << rep;
  EXPECT_TRUE(contains(rep.out, "đạt 0% chỉ tiêu kế hoạch đề ra năm 2021")) << rep;

  auto database = htx::store::open_database(db);
  auto entries = database->audit().list({});
  ASSERT_EQ(entries.size(), 3u);
  // Newest first.
  EXPECT_EQ(entries[0].action, "stats.target.set");
  EXPECT_EQ(entries[0].object_key, "2021/national/founded_htx");
  EXPECT_EQ(nlohmann::json::parse(entries[0].before_json)["value"], 1500);
  EXPECT_EQ(nlohmann::json::parse(entries[0].after_json)["value"], 1600);
  EXPECT_EQ(entries[1].object_key, "2021/24-2008/founded_htx");
  EXPECT_TRUE(entries[2].before_json.empty());
  EXPECT_EQ(nlohmann::json::parse(entries[2].after_json)["value"], 1500);
  EXPECT_EQ(entries[2].actor, "cli:tester");
}

TEST_F(ReportCliTest, BadTargetsAreRefusedAndChangeNothing) {
  ASSERT_EQ(on({"target", "set", "2021", "founded_htx", "1500"}).code, 0);
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"2021", "founded_htx", "-5"}, "\"-5\""},
      {{"2021", "founded_htx", "1,5"}, "\"1,5\""},
      {{"2021", "founded_htx", "nhiều"}, "\"nhiều\""},
      {{"2021", "founded_htx", "1.5000"}, "\"1.5000\""},
      {{"2021", "htx_moi", "10"}, "\"htx_moi\""},
      {{"1800", "founded_htx", "10"}, "\"1800\""},
      {{"2021", "founded_htx", "10", "--province", "Sao Hỏa"}, "\"Sao Hỏa\""},
  };
  for (auto& [args, quoted] : cases) {
    std::vector<std::string> a = {"--db", db, "target", "set"};
    a.insert(a.end(), args.begin(), args.end());
    auto r = htx(a);
    EXPECT_EQ(r.code, 2) << r;
    EXPECT_TRUE(contains(r.err, "Lỗi: ")) << r;
    EXPECT_TRUE(contains(r.err, quoted)) << r;
  }
  auto en = on({"--lang", "en", "target", "set", "2021", "founded_htx", "abc"});
  EXPECT_EQ(en.code, 2) << en;
  EXPECT_TRUE(contains(en.err, "non-negative whole number")) << en;
  auto list = on({"target", "list", "2021"});
  EXPECT_TRUE(contains(list.out, "1.500")) << list;
  auto database = htx::store::open_database(db);
  EXPECT_EQ(database->audit().list({}).size(), 1u);
}

// ---- stats rebuild ---------------------------------------------------------------------------

TEST_F(ReportCliTest, StatsRebuildKeepsTheReports) {
  small_demo();
  auto before = on({"report", "2021-01-15..2021-11-10", "--format", "json"});
  ASSERT_EQ(before.code, 0) << before;
  auto r = on({"stats", "rebuild"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_FALSE(r.out.empty()) << r;
  auto after = on({"report", "2021-01-15..2021-11-10", "--format", "json"});
  ASSERT_EQ(after.code, 0) << after;
  EXPECT_EQ(nlohmann::json::parse(after.out), nlohmann::json::parse(before.out));
}

}  // namespace
