#include "store/sqlite/connection.hpp"

#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "core/text.hpp"

namespace htx::store::sqlite {

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw InfrastructureError(std::string("sqlite: ") + std::string(what) + ": " +
                            (db ? sqlite3_errmsg(db) : "out of memory"));
}

int collate_vi(void*, int la, const void* a, int lb, const void* b) {
  return text::compare_vi(std::string_view(static_cast<const char*>(a), la),
                          std::string_view(static_cast<const char*>(b), lb));
}
}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt_, nullptr) != SQLITE_OK)
    fail(db, "prepare " + std::string(sql.substr(0, 60)));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::reset() {
  // Bindings are not cleared: every caller binds every parameter before stepping.
  sqlite3_reset(stmt_);
  return *this;
}

Statement& Statement::bind_ref(int i, std::string_view v) {
  if (sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
  if (sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(int i, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind_null(int i) {
  if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw InfrastructureError("sqlite: step: " + msg);
}

std::string Statement::text(int col) const {
  auto p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::string> Statement::opt_text(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return text(col);
}

std::int64_t Statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }

sqlite3* open_handle(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw InfrastructureError("sqlite: cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  return db;
}

Connection::Connection(const std::string& path) {
  // Memory statistics take a global mutex on every allocation; nothing here reads them.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  db_ = open_handle(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  sqlite3_create_collation(db_, "VI", SQLITE_UTF8, nullptr, collate_vi);
  // Switching a new database to WAL takes an exclusive lock and does not wait on the busy
  // handler: when several processes open a new file at once, retry for a while.
  for (int attempt = 0;; ++attempt) {
    int rc = sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) break;
    if ((rc & 0xFF) != SQLITE_BUSY && (rc & 0xFF) != SQLITE_LOCKED) fail(db_, "journal_mode");
    if (attempt == 250) fail(db_, "journal_mode (busy for 5 s)");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  exec("PRAGMA synchronous=NORMAL");
  exec("PRAGMA foreign_keys=ON");
  exec("PRAGMA cache_size=-65536");
  exec("PRAGMA temp_store=MEMORY");
}

Connection::~Connection() {
  cache_.clear();
  named_.clear();
  sqlite3_close(db_);
}

void Connection::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw InfrastructureError("sqlite: " + msg + " in: " + s.substr(0, 80));
  }
}

Statement& Connection::prepare_named(const std::string_view& named_sql) {
  auto& slot = named_[static_cast<const void*>(&named_sql)];
  if (!slot) slot = std::make_unique<Statement>(db_, named_sql);
  return slot->reset();
}

Statement& Connection::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end())
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(db_, sql)).first;
  return it->second->reset();
}

}  // namespace htx::store::sqlite
