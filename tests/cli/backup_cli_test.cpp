// `htx backup FILE` and `htx restore FILE` through the real binary: a round trip of the demo
// gives a byte-identical registry export and identical reports, and the restore's audit entry; a
// backup taken while another connection keeps writing is a consistent state (each write is one
// transaction of a numbered probe row and its audit entry: a torn copy would lose one of the two
// or leave a gap; the demo's rows all there, no foreign key dangling); refusals (missing file, a
// text file, a non-empty target without --force, a target in use, a newer schema, a missing
// database to back up) name the file, exit 1 and change nothing; a PostgreSQL round trip under
// scripts/with-postgres.sh.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/postgres_cli.hpp"
#include "support/prerequisite.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace htx::cli {
namespace {

using htx::testing::psql;
using htx::testing::Result;
using htx::testing::run_program;
using htx::testing::with_database;

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// The first column of each row of `sql` on `file`, read with SQLite's own library.
std::vector<std::string> column(const std::string& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> out;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        auto* t = sqlite3_column_text(st, 0);
        out.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
      }
    } else {
      ADD_FAILURE() << sqlite3_errmsg(db) << "\n" << sql;
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}
std::string scalar(const std::string& file, const std::string& sql) {
  auto c = column(file, sql);
  return c.empty() ? std::string() : c[0];
}
void exec(const std::string& file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

class BackupCliTest : public ::testing::Test {
 protected:
  // One demo (scale 0.05) for the suite, and its backup.
  static void SetUpTestSuite() {
    dir_ = new htx::testing::TempDir();
    demo_ = dir_->file("demo.db");
    auto d = run(demo_, {"demo", "--scale", "0.05"});
    ASSERT_EQ(d.code, 0) << d;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static Result run(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    return run_program(HTX_BINARY, args, dir_->path().string(), {}, 300);
  }
  static std::string file(const std::string& name) { return dir_->file(name); }
  static inline htx::testing::TempDir* dir_ = nullptr;
  static inline std::string demo_;
};

TEST_F(BackupCliTest, ARoundTripGivesTheSameExportAndReports) {
  const auto bak = file("round.bak"), restored = file("restored.db");
  auto b = run(demo_, {"backup", bak});
  ASSERT_EQ(b.code, 0) << b;
  const auto tables = scalar(bak,
                             "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name "
                             "NOT LIKE 'sqlite_%'");
  const auto entities = std::stoll(scalar(demo_, "SELECT count(*) FROM entity"));
  EXPECT_GT(entities, 1000);
  EXPECT_TRUE(contains(b.out, "Đã sao lưu " + demo_ + " vào " + bak + ": " + tables + " bảng"))
      << b;
  EXPECT_EQ(scalar(bak, "PRAGMA integrity_check"), "ok");

  auto r = run(restored, {"--lang", "en", "restore", bak});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "Restored " + bak + " into " + restored + ": " + tables + " tables"))
      << r;
  EXPECT_FALSE(std::filesystem::exists(restored + ".tmp"));

  // The registry export, byte for byte.
  auto e1 = run(demo_, {"export"});
  auto e2 = run(restored, {"export"});
  ASSERT_EQ(e1.code, 0) << e1;
  ASSERT_EQ(e2.code, 0) << e2;
  EXPECT_EQ(std::count(e1.out.begin(), e1.out.end(), '\n'), entities + 1);
  EXPECT_EQ(e1.out, e2.out);
  // The statistics reports of a year, as text and JSON.
  for (std::vector<std::string> args :
       {std::vector<std::string>{"report", "2021"},
        std::vector<std::string>{"report", "2021", "--format", "json"}}) {
    auto a = run(demo_, args);
    auto c = run(restored, args);
    ASSERT_EQ(a.code, 0) << a;
    ASSERT_EQ(c.code, 0) << c;
    EXPECT_GT(a.out.size(), 200u);
    EXPECT_EQ(a.out, c.out);
  }
  // The restore's audit entry: who, from which file; one row more than the backup had.
  EXPECT_EQ(scalar(restored,
                   "SELECT actor || '|' || object_key FROM audit_log WHERE action = "
                   "'store.restore'"),
            "cli:tester|" + bak);
  EXPECT_EQ(std::stoll(scalar(restored, "SELECT count(*) FROM audit_log")),
            std::stoll(scalar(bak, "SELECT count(*) FROM audit_log")) + 1);
  EXPECT_EQ(scalar(bak, "SELECT count(*) FROM audit_log WHERE action = 'store.restore'"), "0");
}

TEST_F(BackupCliTest, ABackupTakenWhileAnotherConnectionWritesIsConsistent) {
  const auto live = file("live.db"), bak = file("live.bak");
  auto b0 = run(demo_, {"backup", live});
  ASSERT_EQ(b0.code, 0) << b0;
  exec(live, "PRAGMA journal_mode=WAL; CREATE TABLE probe (n INTEGER PRIMARY KEY, pad TEXT)");
  // Each write: one transaction of probe row n (with a few kB, so that writes touch many pages)
  // and its audit entry.
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    sqlite3* db = nullptr;
    sqlite3_open(live.c_str(), &db);
    sqlite3_busy_timeout(db, 5000);
    for (int n = 1; !stop && n < 100000; ++n) {
      std::string sql = "BEGIN IMMEDIATE; INSERT INTO probe VALUES (" + std::to_string(n) +
                        ", hex(randomblob(2000))); INSERT INTO audit_log (at, actor, action, "
                        "object_type, object_key) VALUES ('2026-12-07T00:00:00Z', 'test', "
                        "'test.write', 'probe', '" +
                        std::to_string(n) + "'); COMMIT;";
      if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        continue;
      }
      written = n;
    }
    sqlite3_close(db);
  });
  while (written < 50) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const int before = written;
  auto b = run(live, {"backup", bak});
  const int after = written;
  stop = true;
  writer.join();
  ASSERT_EQ(b.code, 0) << b;
  EXPECT_GT(after, before) << "the writer did not write during the backup";
  EXPECT_EQ(scalar(bak, "PRAGMA integrity_check"), "ok");
  const auto probes = std::stoll(scalar(bak, "SELECT count(*) FROM probe"));
  EXPECT_GE(probes, before);
  EXPECT_LE(probes, after);
  // A prefix of the writes: 1..probes, each with its audit entry, and no audit entry without
  // its row.
  EXPECT_EQ(scalar(bak, "SELECT max(n) FROM probe"), std::to_string(probes));
  EXPECT_EQ(scalar(bak, "SELECT count(*) FROM audit_log WHERE action = 'test.write'"),
            std::to_string(probes));
  EXPECT_EQ(scalar(bak,
                   "SELECT count(*) FROM probe p JOIN audit_log a ON a.action = 'test.write' AND "
                   "a.object_key = CAST(p.n AS TEXT)"),
            std::to_string(probes));
  // And what the demo wrote before is all there, every reference resolved.
  EXPECT_EQ(scalar(bak, "SELECT count(*) FROM entity"),
            scalar(demo_, "SELECT count(*) FROM entity"));
  EXPECT_TRUE(column(bak, "PRAGMA foreign_key_check").empty());
}

TEST_F(BackupCliTest, RefusalsNameTheFileAndChangeNothing) {
  const auto target = file("refused.db");
  // A missing backup: nothing created.
  auto missing = run(target, {"restore", file("nope.bak")});
  EXPECT_EQ(missing.code, 1) << missing;
  EXPECT_TRUE(contains(missing.err, "không có tệp " + file("nope.bak"))) << missing;
  EXPECT_TRUE(contains(missing.err, "Không có gì thay đổi.")) << missing;
  EXPECT_FALSE(std::filesystem::exists(target));
  // A text file.
  const auto text = dir_->write("notes.txt", "không phải cơ sở dữ liệu\n");
  auto not_db = run(target, {"--lang", "en", "restore", text});
  EXPECT_EQ(not_db.code, 1) << not_db;
  EXPECT_TRUE(contains(not_db.err, text + " is not a database")) << not_db;
  EXPECT_FALSE(std::filesystem::exists(target));
  // A database to back up that does not exist is not created.
  auto no_source = run(file("absent.db"), {"backup", file("absent.bak")});
  EXPECT_EQ(no_source.code, 1) << no_source;
  EXPECT_TRUE(contains(no_source.err, file("absent.db"))) << no_source;
  EXPECT_FALSE(std::filesystem::exists(file("absent.db")));
  EXPECT_FALSE(std::filesystem::exists(file("absent.bak")));

  // A backup into a folder that does not exist.
  auto nowhere = run(demo_, {"backup", file("no/such/folder/x.bak")});
  EXPECT_EQ(nowhere.code, 1) << nowhere;
  EXPECT_TRUE(contains(nowhere.err, "không ghi được tệp " + file("no/such/folder/x.bak")))
      << nowhere;

  // Over a non-empty target without --force: the target unchanged.
  const auto bak = file("refusals.bak");
  ASSERT_EQ(run(demo_, {"backup", bak}).code, 0);
  const auto small = file("small.db");
  auto d = run(small, {"demo", "--scale", "0.01"});
  ASSERT_EQ(d.code, 0) << d;
  const auto small_bytes = htx::testing::TempDir::read(small);
  auto over = run(small, {"restore", bak});
  EXPECT_EQ(over.code, 1) << over;
  EXPECT_TRUE(contains(over.err, small + " đã có dữ liệu; thêm --force")) << over;
  EXPECT_EQ(htx::testing::TempDir::read(small), small_bytes);
  // In use by another process (here, this test's open connection): refused even with --force.
  {
    sqlite3* holder = nullptr;
    ASSERT_EQ(sqlite3_open(small.c_str(), &holder), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(holder, "SELECT count(*) FROM entity", nullptr, nullptr, nullptr),
              SQLITE_OK);
    auto busy = run(small, {"restore", "--force", bak});
    sqlite3_close(holder);
    EXPECT_EQ(busy.code, 1) << busy;
    EXPECT_TRUE(contains(busy.err, small + " đang được một tiến trình khác mở")) << busy;
    EXPECT_EQ(htx::testing::TempDir::read(small), small_bytes);
  }
  auto forced = run(small, {"restore", "--force", bak});
  EXPECT_EQ(forced.code, 0) << forced;
  EXPECT_EQ(scalar(small, "SELECT count(*) FROM entity"),
            scalar(demo_, "SELECT count(*) FROM entity"));

  // A backup of a newer schema than this htx knows.
  const auto newer = file("newer.bak");
  std::filesystem::copy_file(bak, newer);
  exec(newer, "INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
  auto future = run(target, {"restore", newer});
  EXPECT_EQ(future.code, 1) << future;
  EXPECT_TRUE(contains(future.err, newer + " có lược đồ phiên bản 999")) << future;
  EXPECT_FALSE(std::filesystem::exists(target));
}

// ---- PostgreSQL --------------------------------------------------------------------------------

TEST_F(BackupCliTest, PostgresRoundTripGivesTheSameExport) {
  const char* admin = std::getenv("HTX_TEST_PG_URL");
  HTX_REQUIRE(admin && *admin, "HTX_TEST_PG_URL is not set (run under scripts/with-postgres.sh)");
  const std::string stem = "htx_backup_" + std::to_string(getpid());
  struct Drop {
    std::string admin, a, b;
    ~Drop() {
      psql(admin, "DROP DATABASE IF EXISTS " + a + " WITH (FORCE)");
      psql(admin, "DROP DATABASE IF EXISTS " + b + " WITH (FORCE)");
    }
  } drop{admin, stem + "_a", stem + "_b"};
  ASSERT_EQ(psql(admin, "CREATE DATABASE " + drop.a).code, 0);
  ASSERT_EQ(psql(admin, "CREATE DATABASE " + drop.b).code, 0);
  const auto a = with_database(admin, drop.a), b = with_database(admin, drop.b);
  auto d = run(a, {"demo", "--scale", "0.01"});
  ASSERT_EQ(d.code, 0) << d;
  const auto dump = file("pg.dump");
  auto bk = run(a, {"backup", dump});
  ASSERT_EQ(bk.code, 0) << bk;
  EXPECT_TRUE(std::filesystem::file_size(dump) > 1000);
  auto r = run(b, {"restore", dump});
  ASSERT_EQ(r.code, 0) << r;
  auto e1 = run(a, {"export"});
  auto e2 = run(b, {"export"});
  ASSERT_EQ(e1.code, 0) << e1;
  EXPECT_GT(e1.out.size(), 1000u);
  EXPECT_EQ(e1.out, e2.out);
  auto r1 = run(a, {"report", "2021"});
  auto r2 = run(b, {"report", "2021"});
  EXPECT_EQ(r1.out, r2.out);
  // Over the now non-empty target: refused without --force.
  auto again = run(b, {"restore", dump});
  EXPECT_EQ(again.code, 1) << again;
  EXPECT_TRUE(contains(again.err, "--force")) << again;
  // A text file is no backup.
  auto text = run(b, {"restore", dir_->write("pg.txt", "hello\n")});
  EXPECT_EQ(text.code, 1) << text;
}

}  // namespace
}  // namespace htx::cli
