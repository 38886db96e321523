// The PostgreSQL backend: the same behaviour as the SQLite one (src/store/sqlite/), over one libpq
// connection. Every value reaches the server as a parameter of a prepared statement; the only SQL
// built at run time is the WHERE clause of sql_common.cpp (placeholders only) and the names of
// our own cursors and savepoints. The repositories are written once for both backends
// (store/sql_database.hpp); this file is the connection, its transactions and the runner.
//
// Two SQLite behaviours need care here:
//  * In SQLite a failed statement inside a transaction undoes only itself: the transaction goes
//    on and can still commit. In PostgreSQL a failed statement aborts the whole transaction. So
//    inside a transaction each statement runs between SAVEPOINT and RELEASE (one round trip, in
//    a libpq pipeline), and on failure we roll back to the savepoint before throwing.
//  * each() (the registry's for_each) streams through a server-side cursor, which needs a
//    transaction. Called outside one, it opens its own; fn may still call
//    begin()/commit()/rollback() then (they become a savepoint), and what fn wrote is committed at
//    the end, also when fn throws, as SQLite would have autocommitted it.
#include "store/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/schema.hpp"
#include "store/sql_database.hpp"

namespace htx::store::postgres {

namespace {

constexpr std::string_view kRecordMigration =
    "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)";
// Held until the migrating transaction ends, so that two processes opening the same database
// at once apply each migration once. The key is arbitrary but fixed ("HTX" + 1).
constexpr std::string_view kMigrationLock = "SELECT pg_advisory_xact_lock($1)";
constexpr std::int64_t kMigrationLockKey = 0x48545801;

// Session settings the code below relies on: ISO dates, '\' literal in '...' strings.
constexpr std::string_view kSessionSettings =
    "SET DateStyle = 'ISO, YMD'; SET standard_conforming_strings = on; "
    "SET client_min_messages = warning";

constexpr std::string_view kStatementSavepoint = "SAVEPOINT htx_statement";
constexpr std::string_view kReleaseStatement = "RELEASE SAVEPOINT htx_statement";
constexpr std::string_view kUndoStatement =
    "ROLLBACK TO SAVEPOINT htx_statement; RELEASE SAVEPOINT htx_statement";
// begin() called by for_each's fn while for_each holds its own transaction.
constexpr std::string_view kNestedBegin = "SAVEPOINT htx_nested_transaction";
constexpr std::string_view kNestedCommit = "RELEASE SAVEPOINT htx_nested_transaction";
constexpr std::string_view kNestedRollback =
    "ROLLBACK TO SAVEPOINT htx_nested_transaction; RELEASE SAVEPOINT htx_nested_transaction";

constexpr int kFetchSize = 1000;
// ---- libpq wrappers -------------------------------------------------------------------------

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Parameters in text format; nullopt is SQL NULL.
using Params = std::vector<std::optional<std::string>>;

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The server's message for a failed result: "primary: detail (SQLSTATE)".
std::string error_of(const PGresult* r, PGconn* c) {
  if (!r) return trimmed(PQerrorMessage(c));
  const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
  if (!primary) return trimmed(PQresultErrorMessage(r));
  std::string msg = primary;
  if (const char* detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL))
    msg += std::string(": ") + detail;
  if (const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE))
    msg += std::string(" (") + state + ")";
  return msg;
}

[[noreturn]] void fail(std::string_view what, const std::string& message) {
  throw InfrastructureError("postgresql: " + std::string(what) + ": " + message);
}

bool succeeded(const PGresult* r) {
  auto s = PQresultStatus(r);
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

// One row of a result, read by column number.
class Row {
 public:
  Row(const PGresult* r, int row) : r_(r), row_(row) {}

  std::string text(int col) const {
    return std::string(PQgetvalue(r_, row_, col),
                       static_cast<std::size_t>(PQgetlength(r_, row_, col)));
  }
  std::optional<std::string> opt_text(int col) const {
    if (PQgetisnull(r_, row_, col)) return std::nullopt;
    return text(col);
  }

 private:
  const PGresult* r_;
  int row_;
};

class Connection {
 public:
  explicit Connection(const std::string& url) {
    const char* keys[] = {"dbname", "client_encoding", "fallback_application_name", nullptr};
    const char* values[] = {url.c_str(), "UTF8", "htx", nullptr};
    c_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
    if (!c_) throw InfrastructureError("postgresql: cannot connect: out of memory");
    if (PQstatus(c_) != CONNECTION_OK) {
      std::string msg = trimmed(PQerrorMessage(c_));
      PQfinish(c_);
      c_ = nullptr;
      // The URL is not repeated: it may hold a password.
      throw InfrastructureError("postgresql: cannot connect: " + msg);
    }
    PQsetNoticeProcessor(
        c_, [](void*, const char*) {}, nullptr);
    try {
      if (PQsetClientEncoding(c_, "UTF8") != 0)
        fail("set client_encoding UTF8", error_of(nullptr, c_));
      exec(kSessionSettings);
    } catch (...) {
      PQfinish(c_);
      c_ = nullptr;
      throw;
    }
  }
  ~Connection() {
    if (c_) PQfinish(c_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  PGTransactionStatusType transaction_status() const { return PQtransactionStatus(c_); }
  bool in_transaction() const { return transaction_status() != PQTRANS_IDLE; }

  // Fixed SQL without parameters (transaction control, migrations, cursors); may hold several
  // statements.
  ResultPtr exec(std::string_view sql) {
    ResultPtr r(PQexec(c_, std::string(sql).c_str()));
    if (!r || !succeeded(r.get())) fail(head(sql), error_of(r.get(), c_));
    return r;
  }

  // A statement with parameters, prepared once per connection. Inside a transaction a failure
  // undoes only this statement (see the comment at the top of the file).
  ResultPtr run(std::string_view sql, const Params& params) {
    const std::string& name = prepared(sql);
    std::vector<const char*> values;
    values.reserve(params.size());
    for (auto& p : params) {
      if (p && p->find('\0') != std::string::npos)
        fail(head(sql), "a text value contains a NUL character");
      values.push_back(p ? p->c_str() : nullptr);
    }
    if (transaction_status() == PQTRANS_INTRANS) return run_in_savepoint(sql, name, values);
    ResultPtr r(PQexecPrepared(c_, name.c_str(), static_cast<int>(values.size()), values.data(),
                               nullptr, nullptr, 0));
    if (!r || !succeeded(r.get())) fail(head(sql), error_of(r.get(), c_));
    return r;
  }

 private:
  static std::string head(std::string_view sql) { return std::string(sql.substr(0, 60)); }

  const std::string& prepared(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    std::string key(sql);
    std::string name = "htx_" + std::to_string(statements_.size() + 1);
    ResultPtr r(PQprepare(c_, name.c_str(), key.c_str(), 0, nullptr));
    if (!r || !succeeded(r.get())) fail("prepare " + head(sql), error_of(r.get(), c_));
    return statements_.emplace(std::move(key), std::move(name)).first->second;
  }

  // SAVEPOINT; the statement; RELEASE — sent together, read back together.
  ResultPtr run_in_savepoint(std::string_view sql, const std::string& name,
                             const std::vector<const char*>& values) {
    if (!PQenterPipelineMode(c_)) fail("pipeline", error_of(nullptr, c_));
    bool sent =
        PQsendQueryParams(c_, kStatementSavepoint.data(), 0, nullptr, nullptr, nullptr, nullptr,
                          0) &&
        PQsendQueryPrepared(c_, name.c_str(), static_cast<int>(values.size()), values.data(),
                            nullptr, nullptr, 0) &&
        PQsendQueryParams(c_, kReleaseStatement.data(), 0, nullptr, nullptr, nullptr, nullptr, 0) &&
        PQpipelineSync(c_);
    ResultPtr statement;
    std::string error;
    if (sent) {
      // Each of the three queries gives its result(s) then a null; then comes the sync.
      int query = 0;
      for (;;) {
        ResultPtr r(PQgetResult(c_));
        if (!r) {
          if (++query > 3 || PQstatus(c_) != CONNECTION_OK) {
            if (error.empty()) error = trimmed(PQerrorMessage(c_));
            break;
          }
          continue;
        }
        auto status = PQresultStatus(r.get());
        if (status == PGRES_PIPELINE_SYNC) break;
        if (status == PGRES_PIPELINE_ABORTED) continue;
        if (!succeeded(r.get())) {
          if (error.empty()) error = error_of(r.get(), c_);
        } else if (query == 1 && !statement) {
          statement = std::move(r);
        }
      }
    } else {
      error = trimmed(PQerrorMessage(c_));
    }
    PQexitPipelineMode(c_);
    if (error.empty() && !statement) error = "no result";
    if (!error.empty()) {
      if (transaction_status() == PQTRANS_INERROR) {
        ResultPtr undo(PQexec(c_, kUndoStatement.data()));
      }
      fail(head(sql), error);
    }
    return statement;
  }

  PGconn* c_ = nullptr;
  // SQL -> prepared statement name, looked up without copying the SQL.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> statements_;
};

// The database is its own statement runner: the cursor of each() needs its transactions.
class PostgresDatabase final : public sql::SqlDatabase, sql::Runner {
 public:
  explicit PostgresDatabase(const std::string& url) : c_(url) {
    attach(*this, sql::Dialect::kPostgres);
    migrate();
  }

  std::string_view backend() const override { return "postgresql"; }

  // Like SQLite: no nesting, and commit/rollback need an open transaction. Within each()'s own
  // transaction, one level of begin() is a savepoint.
  void begin() override {
    if (implicit_ && !nested_) {
      c_.exec(kNestedBegin);
      nested_ = true;
      return;
    }
    if (c_.in_transaction())
      throw InfrastructureError("postgresql: cannot start a transaction within a transaction");
    c_.exec("BEGIN");
  }

  void commit() override {
    if (end_nested("commit", kNestedCommit)) return;
    auto r = c_.exec("COMMIT");
    // COMMIT of a transaction in which a statement failed rolls back without an error.
    if (std::string_view(PQcmdStatus(r.get())) == "ROLLBACK")
      throw InfrastructureError(
          "postgresql: commit failed: the transaction was rolled back after an error");
  }

  void rollback() override {
    if (end_nested("rollback", kNestedRollback)) return;
    c_.exec("ROLLBACK");
  }

  sql::Rows query(std::string_view sql, int columns, const sql::Params& params) override {
    Params text;
    text.reserve(params.size());
    for (const auto& p : params) {
      if (p.is_null()) {
        text.emplace_back();
      } else {
        text.emplace_back(p.as_text());
      }
    }
    return rows(c_.run(sql, text).get(), columns);
  }

  std::optional<std::int64_t> insert(std::string_view sql, const sql::Params& params) override {
    auto rows = query(std::string(sql) + " RETURNING id", 1, params);
    if (rows.empty()) return std::nullopt;
    return sql::to_int(rows[0].at(0));
  }

  // Streams through a server-side cursor, kFetchSize rows at a time. fn may call back into the
  // repositories (the cursor lives on the server; each batch is copied out before fn runs).
  void each(std::string_view sql, int columns,
            const std::function<void(const sql::Row&)>& fn) override {
    bool own = begin_implicit();
    std::string cursor = "htx_each_" + std::to_string(++cursors_);
    bool open = false;
    try {
      c_.exec("DECLARE " + cursor + " NO SCROLL CURSOR FOR " + std::string(sql));
      open = true;
      const std::string fetch = "FETCH " + std::to_string(kFetchSize) + " FROM " + cursor;
      for (;;) {
        auto batch = rows(c_.exec(fetch).get(), columns);
        for (const auto& row : batch) fn(row);
        if (batch.size() < static_cast<std::size_t>(kFetchSize)) break;
      }
      open = false;
      c_.exec("CLOSE " + cursor);
    } catch (...) {
      --cursors_;
      if (open && c_.transaction_status() == PQTRANS_INTRANS) {
        try {
          c_.exec("CLOSE " + cursor);
        } catch (...) {
        }
      }
      if (own) {
        try {
          end_implicit();
        } catch (...) {
        }
      }
      throw;
    }
    --cursors_;
    if (own) end_implicit();
  }

 private:
  // The end of a transaction: true when it was the savepoint of a nested begin() and `nested`
  // ended it; false when there is an own transaction to end; throws when there is none.
  bool end_nested(std::string_view what, std::string_view nested) {
    if (nested_) {
      nested_ = false;
      c_.exec(nested);
      return true;
    }
    if (implicit_ || !c_.in_transaction())
      throw InfrastructureError("postgresql: cannot " + std::string(what) +
                                " - no transaction is active");
    return false;
  }

  static sql::Rows rows(const PGresult* r, int columns) {
    sql::Rows out;
    for (int i = 0, n = PQntuples(r); i < n; ++i) {
      Row row(r, i);
      auto& values = out.emplace_back();
      values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) values.push_back(row.opt_text(c));
    }
    return out;
  }

  // each() outside a transaction: the transaction it opens for its cursor. Returns false when
  // one was open already (the caller's).
  bool begin_implicit() {
    if (c_.in_transaction()) return false;
    c_.exec("BEGIN");
    implicit_ = true;
    return true;
  }
  // Ends each()'s own transaction, keeping what fn wrote (SQLite would have autocommitted it).
  void end_implicit() {
    implicit_ = false;
    if (nested_) {  // fn began a transaction and left it open: undo that part
      nested_ = false;
      try {
        c_.exec(kNestedRollback);
      } catch (const InfrastructureError&) {
      }
    }
    if (c_.transaction_status() == PQTRANS_INTRANS) {
      c_.exec("COMMIT");
    } else if (c_.in_transaction()) {
      c_.exec("ROLLBACK");
    }
  }

  // All pending migrations in one transaction that holds the migration lock.
  void migrate() {
    c_.exec("BEGIN");
    try {
      c_.run(kMigrationLock, {std::to_string(kMigrationLockKey)});
      c_.exec(sql::schema_sql(sql::kMigrationsTable, sql::Dialect::kPostgres));
      int current = schema_version();
      for (const auto& m : sql::kMigrations) {
        if (m.version <= current) continue;
        c_.exec(sql::schema_sql(m.sql, sql::Dialect::kPostgres));
        c_.run(kRecordMigration, {std::to_string(m.version), std::string(m.name)});
      }
      c_.exec("COMMIT");
    } catch (...) {
      try {
        c_.exec("ROLLBACK");
      } catch (...) {
      }
      throw;
    }
  }

  Connection c_;
  bool implicit_ = false;  // each() opened the current transaction
  bool nested_ = false;    // begin() inside it opened a savepoint
  int cursors_ = 0;        // numbers the cursors of nested each() calls
};

}  // namespace

std::unique_ptr<Database> open(const std::string& url) {
  return std::make_unique<PostgresDatabase>(url);
}

}  // namespace htx::store::postgres
