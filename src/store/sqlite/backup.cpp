// store::Backups for SQLite: the online backup API from a read connection of its own, so that a
// running `htx serve` on the same file keeps writing; the copy is checked (integrity_check, the
// schema version it records) before it takes the name asked for.
#include "store/sqlite/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/error.hpp"
#include "core/transaction.hpp"
#include "store/schema.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace htx::store::sqlite {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(std::string key, std::map<std::string, std::string> params) {
  throw BackupRefused(std::move(key), std::move(params));
}

// A bare connection (no pragmas, no migrations): a database is only read or copied into.
class Raw {
 public:
  Raw(const std::string& path, int flags) : db_(open_handle(path, flags)) {}
  ~Raw() { sqlite3_close(db_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;
  sqlite3* handle() { return db_; }

  // The first column of each row; nullopt when the statement fails (its error in `error`).
  std::optional<std::vector<std::string>> column(const std::string& sql, int* error = nullptr) {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr);
    std::vector<std::string> out;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
      auto* t = sqlite3_column_text(st, 0);
      out.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
      rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (error) *error = rc;
    if (rc != SQLITE_DONE) return std::nullopt;
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

int newest_known_version() { return sql::kMigrations[std::size(sql::kMigrations) - 1].version; }

// Copies `from` into `to` a few pages a step, waiting when the source is busy or locked. A
// source written meanwhile makes the copy start over; after many steps it is finished in one,
// under one read transaction (WAL: the writers do not wait for it).
void copy(sqlite3* from, sqlite3* to) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) throw InfrastructureError(std::string("sqlite: backup: ") + sqlite3_errmsg(to));
  constexpr int kPagesPerStep = 256;
  constexpr int kStepsBeforeAllAtOnce = 2000;
  int rc = SQLITE_OK;
  for (int step = 0;; ++step) {
    rc = sqlite3_backup_step(b, step < kStepsBeforeAllAtOnce ? kPagesPerStep : -1);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) continue;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    break;
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    throw InfrastructureError(std::string("sqlite: backup: ") + sqlite3_errstr(rc));
}

// What the checks of a copy (or of a file to restore) found.
struct Checked {
  BackupFacts facts;
};

// The file is an HTX database in good order: an SQLite database, integrity_check ok, a schema
// version recorded and known to this htx. Counts its tables and rows. A file of our own is opened
// to write, so that closing it removes the -wal and -shm files a reader in WAL mode leaves.
Checked check(const std::string& file, bool ours = false) {
  std::error_code ec;
  if (!fs::exists(file, ec)) refuse("backup.missing_file", {{"file", file}});
  if (!fs::is_regular_file(file, ec)) refuse("backup.not_a_database", {{"file", file}});
  Raw db(file, ours ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY);
  int err = SQLITE_OK;
  auto ok = db.column("PRAGMA integrity_check", &err);
  if (!ok) {
    if ((err & 0xFF) == SQLITE_NOTADB || (err & 0xFF) == SQLITE_CORRUPT)
      refuse("backup.not_a_database", {{"file", file}});
    throw InfrastructureError("sqlite: " + file + ": " + sqlite3_errstr(err));
  }
  if (ok->empty() || (*ok)[0] != "ok")
    refuse("backup.damaged", {{"file", file}, {"detail", ok->empty() ? "" : (*ok)[0]}});
  auto tables = db.column(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
      "ORDER BY name");
  if (!tables) throw InfrastructureError("sqlite: " + file + ": cannot list tables");
  if (std::find(tables->begin(), tables->end(), "schema_migrations") == tables->end())
    refuse("backup.not_htx", {{"file", file}});
  auto version = db.column("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!version || version->empty() || (*version)[0] == "0")
    refuse("backup.not_htx", {{"file", file}});
  Checked c;
  c.facts.schema_version = std::stoi((*version)[0]);
  if (c.facts.schema_version > newest_known_version())
    refuse("backup.newer_schema", {{"file", file},
                                   {"version", std::to_string(c.facts.schema_version)},
                                   {"known", std::to_string(newest_known_version())}});
  c.facts.tables = static_cast<std::int64_t>(tables->size());
  for (auto& t : *tables) {
    auto n = db.column("SELECT count(*) FROM \"" + t + "\"");
    if (n && !n->empty()) c.facts.rows += std::stoll((*n)[0]);
  }
  c.facts.bytes = static_cast<std::int64_t>(fs::file_size(file, ec));
  return c;
}

// Rows in tables other than schema_migrations: a target with any is not empty. A file that is
// no database at all but has bytes counts as not empty too.
bool has_data(const std::string& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return false;
  if (fs::is_regular_file(file, ec) && fs::file_size(file, ec) == 0) return false;
  try {
    Raw db(file, SQLITE_OPEN_READONLY);
    auto tables = db.column(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
        "name <> 'schema_migrations'");
    if (!tables) return true;
    for (auto& t : *tables) {
      auto n = db.column("SELECT 1 FROM \"" + t + "\" LIMIT 1");
      if (!n || !n->empty()) return true;
    }
    return false;
  } catch (const InfrastructureError&) {
    return true;
  }
}

// Another process has the database open: every SQLite connection in WAL mode holds a lock on
// its -shm file as long as it is open (F_GETLK does not see this process's own locks).
bool in_use(const std::string& file) {
  int fd = ::open((file + "-shm").c_str(), O_RDONLY);
  if (fd < 0) return false;
  struct flock lk {};
  lk.l_type = F_WRLCK;
  lk.l_whence = SEEK_SET;
  lk.l_start = 0;
  lk.l_len = 0;
  bool used = ::fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type != F_UNLCK;
  ::close(fd);
  return used;
}

void remove_quietly(const std::string& file) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(file + suffix, ec);
}

// Copies `from` (a database file) into a new file `to`, removed again if anything fails.
// The copy keeps a rollback journal: one self-contained file, that readers leave alone.
// A live database is opened to write (never written): its last connection to close then removes
// the -wal and -shm files, as htx's own do; a backup to restore is only read.
void copy_file_to(const std::string& from, const std::string& to, bool live) {
  remove_quietly(to);
  try {
    Raw src(from, live ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY);
    Raw dst(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    copy(src.handle(), dst.handle());
    if (sqlite3_exec(dst.handle(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) !=
        SQLITE_OK)
      throw InfrastructureError(std::string("sqlite: journal_mode: ") +
                                sqlite3_errmsg(dst.handle()));
  } catch (...) {
    remove_quietly(to);
    throw;
  }
}

class SqliteBackups final : public Backups {
 public:
  explicit SqliteBackups(std::string path) : path_(std::move(path)) {}

  BackupFacts backup(const std::string& out) override {
    std::error_code ec;
    if (!fs::exists(path_, ec)) refuse("backup.missing_file", {{"file", path_}});
    if (fs::exists(out, ec) && fs::equivalent(out, path_, ec))
      refuse("backup.same_file", {{"file", out}});
    const std::string part = out + ".part";
    // The source is checked to be an HTX database before anything is written.
    Raw probe(path_, SQLITE_OPEN_READWRITE);
    if (!probe.column("SELECT count(*) FROM sqlite_master"))
      refuse("backup.not_a_database", {{"file", path_}});
    {
      // A folder that is missing or read-only: the file is named; a failure of the source's
      // reading is the source's.
      std::ofstream probe_out(part, std::ios::binary | std::ios::trunc);
      if (!probe_out) refuse("file.cannot_write", {{"file", out}});
    }
    copy_file_to(path_, part, true);
    Checked c;
    try {
      c = check(part, true);
    } catch (const BackupRefused& r) {
      remove_quietly(part);
      // What is wrong is the source's: name it.
      auto params = r.params();
      params["file"] = path_;
      throw BackupRefused(r.key(), params);
    } catch (...) {
      remove_quietly(part);
      throw;
    }
    remove_quietly(out);
    fs::rename(part, out);
    return c.facts;
  }

  BackupFacts restore(const std::string& in, bool force, const std::string& actor,
                      const std::string& at) override {
    auto checked = check(in);
    std::error_code ec;
    if (fs::exists(path_, ec) && fs::exists(in, ec) && fs::equivalent(in, path_, ec))
      refuse("backup.same_file", {{"file", in}});
    if (in_use(path_)) refuse("backup.target_in_use", {{"file", path_}});
    if (!force && has_data(path_)) refuse("backup.target_not_empty", {{"file", path_}});
    const std::string tmp = path_ + ".tmp";
    copy_file_to(in, tmp, false);
    try {
      // Opened as htx opens it: a backup of an older schema is brought up to date here.
      record_restore(*open(tmp), in, checked.facts, actor, at);
    } catch (...) {
      remove_quietly(tmp);
      throw;
    }
    auto facts = check(tmp, true).facts;
    if (in_use(path_)) {
      remove_quietly(tmp);
      refuse("backup.target_in_use", {{"file", path_}});
    }
    // A stale -wal of the old file must not be replayed onto the new one.
    for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(path_ + suffix, ec);
    fs::rename(tmp, path_);
    return facts;
  }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<Backups> backups(const std::string& path) {
  return std::make_unique<SqliteBackups>(path);
}

}  // namespace htx::store::sqlite
