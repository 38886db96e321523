// The PostgreSQL backend: the same behaviour as the SQLite one (src/store/sqlite/), over one libpq
// connection. Every value reaches the server as a parameter of a prepared statement; the only SQL
// built at run time is the WHERE clause of sql_common.cpp (placeholders only) and the names of
// our own cursors and savepoints.
//
// Two SQLite behaviours need care here:
//  * In SQLite a failed statement inside a transaction undoes only itself: the transaction goes
//    on and can still commit. In PostgreSQL a failed statement aborts the whole transaction. So
//    inside a transaction each statement runs between SAVEPOINT and RELEASE (one round trip, in
//    a libpq pipeline), and on failure we roll back to the savepoint before throwing.
//  * for_each streams through a server-side cursor, which needs a transaction. Called outside one,
//    it opens its own; fn may still call begin()/commit()/rollback() then (they become a
//    savepoint), and what fn wrote is committed at the end, also when fn throws, as SQLite would
//    have autocommitted it.
#include "store/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"
#include "store/governance_store.hpp"
#include "store/postgres/migrations.hpp"
#include "store/reporting_store.hpp"
#include "store/sql_common.hpp"
#include "store/work_store.hpp"

namespace htx::store::postgres {

namespace {

using registry::Entity;
using registry::Event;

// ---- SQL ------------------------------------------------------------------------------------

constexpr std::string_view kEntityColumns =
    "id, code, name, type, sector_id, province_id, address, founded_on, dissolved_on, status, "
    "members, employees, charter_capital, revenue, new_type, ocop_products, alliance_member, "
    "recorded_by, recorded_at";

constexpr std::string_view kInsertEntity =
    "INSERT INTO entity (code, name, search_key, type, sector_id, province_id, address, "
    "founded_on, dissolved_on, status, members, employees, charter_capital, revenue, new_type, "
    "ocop_products, alliance_member, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
    "$19) RETURNING id";

constexpr std::string_view kInsertEntityIfNew =
    "INSERT INTO entity (code, name, search_key, type, sector_id, province_id, address, "
    "founded_on, dissolved_on, status, members, employees, charter_capital, revenue, new_type, "
    "ocop_products, alliance_member, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
    "$19) ON CONFLICT (code) DO NOTHING RETURNING id";

constexpr std::string_view kUpdateEntity =
    "UPDATE entity SET code = $1, name = $2, search_key = $3, type = $4, sector_id = $5, "
    "province_id = $6, address = $7, founded_on = $8, dissolved_on = $9, status = $10, "
    "members = $11, employees = $12, charter_capital = $13, revenue = $14, new_type = $15, "
    "ocop_products = $16, alliance_member = $17, recorded_by = $18, recorded_at = $19 "
    "WHERE id = $20";

constexpr std::string_view kInsertEvent =
    "INSERT INTO entity_event (entity_id, kind, effective_on, recorded_at, actor, changes, note) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

constexpr std::string_view kEventsOf =
    "SELECT id, entity_id, kind, effective_on, recorded_at, actor, changes::text, note "
    "FROM entity_event WHERE entity_id = $1 ORDER BY effective_on, id";

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (at, actor, action, object_type, object_key, before_json, after_json) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";

constexpr std::string_view kAuditColumns =
    "id, at, actor, action, object_type, object_key, before_json, after_json";

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())";
constexpr std::string_view kSchemaVersion =
    "SELECT coalesce(max(version), 0) FROM schema_migrations";
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
  std::int64_t integer(int col) const {
    std::int64_t v = 0;
    const char* p = PQgetvalue(r_, row_, col);
    const char* end = p + PQgetlength(r_, row_, col);
    auto [ptr, ec] = std::from_chars(p, end, v);
    if (ec != std::errc() || ptr != end)
      throw InfrastructureError("postgresql: not an integer: " + text(col));
    return v;
  }
  bool boolean(int col) const { return PQgetvalue(r_, row_, col)[0] == 't'; }

 private:
  const PGresult* r_;
  int row_;
};

std::string as_param(std::int64_t v) { return std::to_string(v); }
std::string as_param(bool v) { return v ? "true" : "false"; }
std::string as_param(std::string_view v) { return std::string(v); }
// LIMIT NULL is no limit, as a negative LIMIT is in SQLite; a negative OFFSET counts as 0.
std::optional<std::string> limit_param(std::int64_t limit) {
  if (limit < 0) return std::nullopt;
  return std::to_string(limit);
}
std::string offset_param(std::int64_t offset) { return std::to_string(offset < 0 ? 0 : offset); }

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
    auto key = std::string(sql);
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second;
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
  std::unordered_map<std::string, std::string> statements_;  // SQL -> prepared statement name
};

// ---- registry -------------------------------------------------------------------------------

Entity read_entity(const Row& s) {
  Entity e;
  e.id = s.integer(0);
  e.code = s.text(1);
  e.name = s.text(2);
  e.type = registry::entity_type_from_code(s.text(3)).value_or(registry::EntityType::kCooperative);
  e.sector_id = s.text(4);
  e.province_id = s.text(5);
  e.address = s.text(6);
  e.founded_on = Date::parse_iso(s.text(7)).value_or(Date{});
  if (auto d = s.opt_text(8)) e.dissolved_on = Date::parse_iso(*d);
  e.status = registry::entity_status_from_code(s.text(9)).value_or(registry::EntityStatus::kActive);
  e.members = s.integer(10);
  e.employees = s.integer(11);
  e.charter_capital = s.integer(12);
  e.revenue = s.integer(13);
  e.new_type = s.boolean(14);
  e.ocop_products = s.text(15);
  e.alliance_member = s.boolean(16);
  e.recorded_by = s.text(17);
  e.recorded_at = s.text(18);
  return e;
}

std::vector<Entity> read_entities(const PGresult* r) {
  std::vector<Entity> out;
  int n = PQntuples(r);
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out.push_back(read_entity(Row(r, i)));
  return out;
}

// The 19 values of $1..$19 of kInsertEntity and kUpdateEntity (search_key included).
Params entity_params(const Entity& e, const std::string& key) {
  return {as_param(e.code),
          as_param(e.name),
          key,
          as_param(registry::to_code(e.type)),
          as_param(e.sector_id),
          as_param(e.province_id),
          as_param(e.address),
          e.founded_on.iso(),
          e.dissolved_on ? std::optional<std::string>(e.dissolved_on->iso()) : std::nullopt,
          as_param(registry::to_code(e.status)),
          as_param(e.members),
          as_param(e.employees),
          as_param(e.charter_capital),
          as_param(e.revenue),
          as_param(e.new_type),
          as_param(e.ocop_products),
          as_param(e.alliance_member),
          as_param(e.recorded_by),
          as_param(e.recorded_at)};
}

std::string select_where(std::string_view cond) {
  return "SELECT " + std::string(kEntityColumns) + " FROM entity WHERE " + std::string(cond);
}

Params query_params(const registry::ListQuery& q) {
  Params p;
  for (auto& v : sql::list_parameters(q)) p.emplace_back(std::move(v));
  return p;
}

class PostgresDatabase;

class PostgresRegistry final : public registry::RegistryRepository {
 public:
  PostgresRegistry(Connection& c, PostgresDatabase& db) : c_(c), db_(db) {}

  std::optional<Entity> find_by_code(std::string_view code) override {
    auto r = c_.run(select_where("code = $1"), {as_param(code)});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return read_entity(Row(r.get(), 0));
  }

  std::optional<Entity> find_by_id(std::int64_t id) override {
    auto r = c_.run(select_where("id = $1"), {as_param(id)});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return read_entity(Row(r.get(), 0));
  }

  std::vector<Entity> active_between(Date from, Date to) override {
    auto r = c_.run(select_where("founded_on BETWEEN $1::date AND $2::date OR dissolved_on "
                                 "BETWEEN $1::date AND $2::date OR id IN (SELECT entity_id FROM "
                                 "entity_event WHERE effective_on BETWEEN $1::date AND $2::date)") +
                        " ORDER BY code",
                    {from.iso(), to.iso()});
    return read_entities(r.get());
  }

  std::int64_t insert(const Entity& e) override {
    auto r = c_.run(kInsertEntity, entity_params(e, registry::search_key(e)));
    return Row(r.get(), 0).integer(0);
  }

  std::optional<std::int64_t> insert_if_new(const Entity& e, const std::string& key) override {
    auto r = c_.run(kInsertEntityIfNew, entity_params(e, key));
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return Row(r.get(), 0).integer(0);
  }

  void update(const Entity& e) override {
    auto p = entity_params(e, registry::search_key(e));
    p.emplace_back(as_param(e.id));
    c_.run(kUpdateEntity, p);
  }

  std::vector<Entity> list(const registry::ListQuery& q) override {
    auto p = query_params(q);
    int n = static_cast<int>(p.size());
    std::string sql = select_where(sql::list_conditions(q, sql::Dialect::kPostgres)) +
                      " ORDER BY " + sql::list_order(q, sql::Dialect::kPostgres) + " LIMIT " +
                      sql::placeholder(sql::Dialect::kPostgres, n + 1) + " OFFSET " +
                      sql::placeholder(sql::Dialect::kPostgres, n + 2);
    p.push_back(limit_param(q.limit));
    p.push_back(offset_param(q.offset));
    auto r = c_.run(sql, p);
    return read_entities(r.get());
  }

  std::int64_t count(const registry::ListQuery& q) override {
    auto r = c_.run(
        "SELECT count(*) FROM entity WHERE " + sql::list_conditions(q, sql::Dialect::kPostgres),
        query_params(q));
    return Row(r.get(), 0).integer(0);
  }

  void for_each(const std::function<void(const Entity&)>& fn) override;

  std::int64_t add_event(const Event& ev) override {
    auto r = c_.run(kInsertEvent, {as_param(ev.entity_id), as_param(registry::to_code(ev.kind)),
                                   ev.effective_on.iso(), as_param(ev.recorded_at),
                                   as_param(ev.actor), ev.changes.dump(), as_param(ev.note)});
    return Row(r.get(), 0).integer(0);
  }

  std::vector<Event> events_of(std::int64_t entity_id) override {
    auto r = c_.run(kEventsOf, {as_param(entity_id)});
    std::vector<Event> out;
    for (int i = 0, n = PQntuples(r.get()); i < n; ++i) {
      Row s(r.get(), i);
      Event ev;
      ev.id = s.integer(0);
      ev.entity_id = s.integer(1);
      ev.kind = registry::event_kind_from_code(s.text(2)).value_or(registry::EventKind::kCorrected);
      ev.effective_on = Date::parse_iso(s.text(3)).value_or(Date{});
      ev.recorded_at = s.text(4);
      ev.actor = s.text(5);
      ev.changes = nlohmann::json::parse(s.text(6), nullptr, false);
      if (ev.changes.is_discarded()) ev.changes = nlohmann::json::object();
      ev.note = s.text(7);
      out.push_back(std::move(ev));
    }
    return out;
  }

 private:
  Connection& c_;
  PostgresDatabase& db_;
  int cursors_ = 0;  // numbers the cursors of nested for_each calls
};

// ---- audit ----------------------------------------------------------------------------------

class PostgresAudit final : public audit::AuditLog {
 public:
  explicit PostgresAudit(Connection& c) : c_(c) {}

  void append(const audit::Entry& e) override {
    c_.run(kInsertAudit,
           {as_param(e.at), as_param(e.actor), as_param(e.action), as_param(e.object_type),
            as_param(e.object_key), as_param(e.before_json), as_param(e.after_json)});
  }

  std::vector<audit::Entry> list(const audit::Filter& f) override {
    auto [where, values] = sql::audit_conditions(f, sql::Dialect::kPostgres);
    Params p(values.begin(), values.end());
    std::string sql = "SELECT " + std::string(kAuditColumns) + " FROM audit_log WHERE " + where +
                      " ORDER BY id DESC LIMIT " +
                      sql::placeholder(sql::Dialect::kPostgres, static_cast<int>(p.size()) + 1);
    p.push_back(limit_param(f.limit));
    auto r = c_.run(sql, p);
    std::vector<audit::Entry> out;
    for (int i = 0, n = PQntuples(r.get()); i < n; ++i) {
      Row s(r.get(), i);
      audit::Entry e;
      e.id = s.integer(0);
      e.at = s.text(1);
      e.actor = s.text(2);
      e.action = s.text(3);
      e.object_type = s.text(4);
      e.object_key = s.text(5);
      e.before_json = s.text(6);
      e.after_json = s.text(7);
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  Connection& c_;
};

// ---- database -------------------------------------------------------------------------------

// ---- statistics -----------------------------------------------------------------------------

// Deltas of a batch go up in one statement (unnest of arrays), not one per key.
constexpr std::string_view kUpsertFlowMonths =
    "INSERT INTO stat_flow_month (month, province_id, type, sector_id, kind, entities, members) "
    "SELECT left(d, 7), p, t, s, k, sum(e), sum(m) FROM unnest($1::text[], $2::text[], "
    "$3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[]) AS x(d, p, t, s, k, e, m) "
    "GROUP BY left(d, 7), p, t, s, k "
    "ON CONFLICT (month, province_id, type, sector_id, kind) DO UPDATE SET "
    "entities = stat_flow_month.entities + excluded.entities, "
    "members = stat_flow_month.members + excluded.members";
constexpr std::string_view kUpsertFlowYears =
    "INSERT INTO stat_flow_year (year, province_id, type, sector_id, kind, entities, members) "
    "SELECT left(d, 4), p, t, s, k, sum(e), sum(m) FROM unnest($1::text[], $2::text[], "
    "$3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[]) AS x(d, p, t, s, k, e, m) "
    "GROUP BY left(d, 4), p, t, s, k "
    "ON CONFLICT (year, province_id, type, sector_id, kind) DO UPDATE SET "
    "entities = stat_flow_year.entities + excluded.entities, "
    "members = stat_flow_year.members + excluded.members";
constexpr std::string_view kSumFlowYears =
    "SELECT province_id, type, sector_id, kind, sum(entities), sum(members) FROM stat_flow_year "
    "WHERE year BETWEEN $1 AND $2 GROUP BY province_id, type, sector_id, kind";
constexpr std::string_view kSumFlowMonths =
    "SELECT province_id, type, sector_id, kind, sum(entities), sum(members) FROM stat_flow_month "
    "WHERE month BETWEEN $1 AND $2 GROUP BY province_id, type, sector_id, kind";

// A PostgreSQL array literal of text values: {"a","b"} with quotes and backslashes escaped.
std::string text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char ch : values[i]) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

class PostgresFlows final : public registry::FlowRepository {
 public:
  explicit PostgresFlows(Connection& c) : c_(c) {}

  void apply(const std::vector<registry::FlowDelta>& deltas) override {
    constexpr std::size_t kChunk = 5000;
    for (std::size_t at = 0; at < deltas.size(); at += kChunk) {
      std::vector<std::string> d, p, t, s, k, e, m;
      for (std::size_t i = at; i < deltas.size() && i < at + kChunk; ++i) {
        const auto& x = deltas[i];
        d.push_back(x.key.day.iso());
        p.push_back(x.key.province_id);
        t.emplace_back(registry::to_code(x.key.type));
        s.push_back(x.key.sector_id);
        k.emplace_back(registry::to_code(x.key.kind));
        e.push_back(std::to_string(x.entities));
        m.push_back(std::to_string(x.members));
      }
      Params params{text_array(d), text_array(p), text_array(t), text_array(s),
                    text_array(k), text_array(e), text_array(m)};
      c_.run(kUpsertFlowMonths, params);
      c_.run(kUpsertFlowYears, params);
    }
  }

  std::vector<registry::FlowSum> sum_months(const std::string& from_month,
                                            const std::string& to_month) override {
    return read(c_.run(kSumFlowMonths, {as_param(from_month), as_param(to_month)}).get());
  }

  std::vector<registry::FlowSum> sum_years(int from_year, int to_year) override {
    return read(c_.run(kSumFlowYears, {std::to_string(from_year), std::to_string(to_year)}).get());
  }

  void clear() override {
    c_.run("DELETE FROM stat_flow_year", {});
    c_.run("DELETE FROM stat_flow_month", {});
  }

 private:
  static std::vector<registry::FlowSum> read(const PGresult* r) {
    std::vector<registry::FlowSum> out;
    for (int i = 0, n = PQntuples(r); i < n; ++i) {
      Row s(r, i);
      registry::FlowSum f;
      f.province_id = s.text(0);
      f.type =
          registry::entity_type_from_code(s.text(1)).value_or(registry::EntityType::kCooperative);
      f.sector_id = s.text(2);
      f.kind = registry::flow_kind_from_code(s.text(3)).value_or(registry::FlowKind::kFounded);
      f.entities = s.integer(4);
      f.members = s.integer(5);
      out.push_back(std::move(f));
    }
    return out;
  }
  Connection& c_;
};

class PostgresTargets final : public stats::TargetRepository {
 public:
  explicit PostgresTargets(Connection& c) : c_(c) {}

  void set(const stats::Target& t) override {
    c_.run(
        "INSERT INTO plan_target (year, unit_id, indicator, value) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (year, unit_id, indicator) DO UPDATE SET value = excluded.value",
        {std::to_string(t.year), as_param(t.unit_id), as_param(stats::to_code(t.indicator)),
         as_param(t.value)});
  }

  std::optional<stats::Target> get(int year, std::string_view unit_id,
                                   stats::Indicator i) override {
    auto r = c_.run(
        "SELECT year, unit_id, indicator, value FROM plan_target "
        "WHERE year = $1 AND unit_id = $2 AND indicator = $3",
        {std::to_string(year), as_param(unit_id), as_param(stats::to_code(i))});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return read(Row(r.get(), 0));
  }

  std::vector<stats::Target> list(int year) override {
    auto r = c_.run(
        "SELECT year, unit_id, indicator, value FROM plan_target WHERE year = $1 "
        "ORDER BY unit_id, indicator",
        {std::to_string(year)});
    std::vector<stats::Target> out;
    for (int i = 0, n = PQntuples(r.get()); i < n; ++i) out.push_back(read(Row(r.get(), i)));
    return out;
  }

 private:
  static stats::Target read(const Row& s) {
    return {static_cast<int>(s.integer(0)), s.text(1),
            stats::indicator_from_code(s.text(2)).value_or(stats::Indicator::kFoundedHtx),
            s.integer(3)};
  }
  Connection& c_;
};

// ---- accounts -------------------------------------------------------------------------------

constexpr std::string_view kUserColumns =
    "id, username, display_name, role, province_ids::text, entity_code, password_hash, "
    "disabled, created_at";
constexpr std::string_view kInsertUser =
    "INSERT INTO app_user (username, display_name, role, province_ids, entity_code, "
    "password_hash, disabled, created_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8) "
    "RETURNING id";
constexpr std::string_view kUpdateUser =
    "UPDATE app_user SET username = $1, display_name = $2, role = $3, province_ids = $4::jsonb, "
    "entity_code = $5, password_hash = $6, disabled = $7, created_at = $8 WHERE id = $9";
constexpr std::string_view kSessionColumns =
    "token_hash, user_id, csrf_token, created_at, expires_at";
constexpr std::string_view kTokenColumns = "id, token_hash, user_id, name, created_at, revoked";

std::vector<std::string> province_ids_of(const std::string& json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

// $1..$8 of kInsertUser and kUpdateUser.
Params user_params(const accounts::User& u) {
  return {as_param(u.username),
          as_param(u.display_name),
          as_param(accounts::to_code(u.role)),
          nlohmann::json(u.province_ids).dump(),
          as_param(u.entity_code),
          as_param(u.password_hash),
          as_param(u.disabled),
          as_param(u.created_at)};
}

accounts::User read_user(const Row& s) {
  accounts::User u;
  u.id = s.integer(0);
  u.username = s.text(1);
  u.display_name = s.text(2);
  u.role = accounts::role_from_code(s.text(3)).value_or(accounts::Role::kBuyer);
  u.province_ids = province_ids_of(s.text(4));
  u.entity_code = s.text(5);
  u.password_hash = s.text(6);
  u.disabled = s.boolean(7);
  u.created_at = s.text(8);
  return u;
}

accounts::ApiToken read_token(const Row& s) {
  accounts::ApiToken t;
  t.id = s.integer(0);
  t.token_hash = s.text(1);
  t.user_id = s.integer(2);
  t.name = s.text(3);
  t.created_at = s.text(4);
  t.revoked = s.boolean(5);
  return t;
}

class PostgresAccounts final : public accounts::AccountRepository {
 public:
  explicit PostgresAccounts(Connection& c) : c_(c) {}

  std::int64_t insert_user(const accounts::User& u) override {
    auto r = c_.run(kInsertUser, user_params(u));
    return Row(r.get(), 0).integer(0);
  }

  void update_user(const accounts::User& u) override {
    auto p = user_params(u);
    p.emplace_back(as_param(u.id));
    c_.run(kUpdateUser, p);
  }

  std::optional<accounts::User> find_user_by_name(std::string_view username) override {
    auto r = c_.run(select_users("username = $1"), {as_param(username)});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return read_user(Row(r.get(), 0));
  }

  std::optional<accounts::User> find_user_by_id(std::int64_t id) override {
    auto r = c_.run(select_users("id = $1"), {as_param(id)});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return read_user(Row(r.get(), 0));
  }

  std::vector<accounts::User> list_users() override {
    // Byte order, as SQLite sorts the same ASCII names.
    auto r = c_.run(select_users("true") + " ORDER BY username COLLATE \"C\"", {});
    std::vector<accounts::User> out;
    for (int i = 0, n = PQntuples(r.get()); i < n; ++i) out.push_back(read_user(Row(r.get(), i)));
    return out;
  }

  std::int64_t count_users() override {
    auto r = c_.run("SELECT count(*) FROM app_user", {});
    return Row(r.get(), 0).integer(0);
  }

  void insert_session(const accounts::Session& x) override {
    c_.run(
        "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {as_param(x.token_hash), as_param(x.user_id), as_param(x.csrf_token),
         as_param(x.created_at), as_param(x.expires_at)});
  }

  std::optional<accounts::Session> find_session(std::string_view token_hash) override {
    auto r = c_.run(
        "SELECT " + std::string(kSessionColumns) + " FROM user_session WHERE token_hash = $1",
        {as_param(token_hash)});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    Row s(r.get(), 0);
    accounts::Session x;
    x.token_hash = s.text(0);
    x.user_id = s.integer(1);
    x.csrf_token = s.text(2);
    x.created_at = s.text(3);
    x.expires_at = s.text(4);
    return x;
  }

  void update_session_expiry(std::string_view token_hash, std::string_view expires_at) override {
    c_.run("UPDATE user_session SET expires_at = $2 WHERE token_hash = $1",
           {as_param(token_hash), as_param(expires_at)});
  }

  void delete_session(std::string_view token_hash) override {
    c_.run("DELETE FROM user_session WHERE token_hash = $1", {as_param(token_hash)});
  }

  void delete_sessions_of_user(std::int64_t user_id) override {
    c_.run("DELETE FROM user_session WHERE user_id = $1", {as_param(user_id)});
  }

  void delete_sessions_expired_before(std::string_view at) override {
    c_.run("DELETE FROM user_session WHERE expires_at < $1", {as_param(at)});
  }

  std::int64_t insert_token(const accounts::ApiToken& t) override {
    auto r = c_.run(
        "INSERT INTO api_token (token_hash, user_id, name, created_at, revoked) "
        "VALUES ($1, $2, $3, $4, $5) RETURNING id",
        {as_param(t.token_hash), as_param(t.user_id), as_param(t.name), as_param(t.created_at),
         as_param(t.revoked)});
    return Row(r.get(), 0).integer(0);
  }

  std::optional<accounts::ApiToken> find_token(std::string_view token_hash) override {
    auto r =
        c_.run("SELECT " + std::string(kTokenColumns) + " FROM api_token WHERE token_hash = $1",
               {as_param(token_hash)});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return read_token(Row(r.get(), 0));
  }

  std::vector<accounts::ApiToken> tokens_of_user(std::int64_t user_id) override {
    auto r = c_.run(
        "SELECT " + std::string(kTokenColumns) + " FROM api_token WHERE user_id = $1 ORDER BY id",
        {as_param(user_id)});
    std::vector<accounts::ApiToken> out;
    for (int i = 0, n = PQntuples(r.get()); i < n; ++i) out.push_back(read_token(Row(r.get(), i)));
    return out;
  }

  void revoke_token(std::int64_t token_id) override {
    c_.run("UPDATE api_token SET revoked = true WHERE id = $1", {as_param(token_id)});
  }

  void record_failed_login(std::string_view username, std::string_view remote,
                           std::string_view at) override {
    c_.run("INSERT INTO failed_login (username, remote, at) VALUES ($1, $2, $3)",
           {as_param(username), as_param(remote), as_param(at)});
  }

  int count_failed_logins(std::string_view username, std::string_view since) override {
    auto r = c_.run("SELECT count(*) FROM failed_login WHERE username = $1 AND at >= $2",
                    {as_param(username), as_param(since)});
    return static_cast<int>(Row(r.get(), 0).integer(0));
  }

  void clear_failed_logins(std::string_view username) override {
    c_.run("DELETE FROM failed_login WHERE username = $1", {as_param(username)});
  }

  std::optional<std::string> last_failed_login(std::string_view username) override {
    auto r = c_.run("SELECT max(at) FROM failed_login WHERE username = $1", {as_param(username)});
    return Row(r.get(), 0).opt_text(0);
  }

 private:
  static std::string select_users(std::string_view cond) {
    return "SELECT " + std::string(kUserColumns) + " FROM app_user WHERE " + std::string(cond);
  }

  Connection& c_;
};

// ---- work programme ---------------------------------------------------------------------------

// The work programme's statements (store/work_store.cpp) on this connection.
class PostgresWorkRunner final : public work_sql::Runner {
 public:
  explicit PostgresWorkRunner(Connection& c) : c_(c) {}
  work_sql::Rows query(std::string_view sql, int columns, const work_sql::Params& params) override {
    auto r = c_.run(sql, params);
    work_sql::Rows out;
    for (int i = 0, n = PQntuples(r.get()); i < n; ++i) {
      Row row(r.get(), i);
      auto& values = out.emplace_back();
      for (int c = 0; c < columns; ++c) values.push_back(row.opt_text(c));
    }
    return out;
  }

 private:
  Connection& c_;
};

// ---- database -------------------------------------------------------------------------------

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(const std::string& url)
      : c_(url), registry_(c_, *this), audit_(c_), flows_(c_), targets_(c_), accounts_(c_) {
    migrate();
  }

  registry::RegistryRepository& registry() override { return registry_; }
  audit::AuditLog& audit() override { return audit_; }
  registry::FlowRepository& flows() override { return flows_; }
  stats::TargetRepository& targets() override { return targets_; }
  accounts::AccountRepository& accounts() override { return accounts_; }
  work::WorkRepository& work() override { return *work_; }
  governance::GovernanceRepository& governance() override { return *governance_; }
  reporting::ReportingRepository& reporting() override { return *reporting_; }
  std::string_view backend() const override { return "postgresql"; }

  // Like SQLite: no nesting, and commit/rollback need an open transaction. Within for_each's own
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
    if (nested_) {
      nested_ = false;
      c_.exec(kNestedCommit);
      return;
    }
    if (implicit_ || !c_.in_transaction())
      throw InfrastructureError("postgresql: cannot commit - no transaction is active");
    auto r = c_.exec("COMMIT");
    // COMMIT of a transaction in which a statement failed rolls back without an error.
    if (std::string_view(PQcmdStatus(r.get())) == "ROLLBACK")
      throw InfrastructureError(
          "postgresql: commit failed: the transaction was rolled back after an error");
  }

  void rollback() override {
    if (nested_) {
      nested_ = false;
      c_.exec(kNestedRollback);
      return;
    }
    if (implicit_ || !c_.in_transaction())
      throw InfrastructureError("postgresql: cannot rollback - no transaction is active");
    c_.exec("ROLLBACK");
  }

  int schema_version() override {
    auto r = c_.run(kSchemaVersion, {});
    return static_cast<int>(Row(r.get(), 0).integer(0));
  }

  // for_each outside a transaction: the transaction it opens for its cursor. Returns false when
  // one was open already (the caller's).
  bool begin_implicit() {
    if (c_.in_transaction()) return false;
    c_.exec("BEGIN");
    implicit_ = true;
    return true;
  }
  // Ends for_each's own transaction, keeping what fn wrote (SQLite would have autocommitted it).
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

 private:
  void migrate() {
    c_.exec("BEGIN");
    try {
      c_.run(kMigrationLock, {as_param(kMigrationLockKey)});
      c_.exec(kCreateMigrationsTable);
      int current = schema_version();
      for (const auto& m : kMigrations) {
        if (m.version <= current) continue;
        c_.exec(m.sql);
        c_.run(kRecordMigration,
               {as_param(static_cast<std::int64_t>(m.version)), as_param(m.name)});
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
  PostgresRegistry registry_;
  PostgresAudit audit_;
  PostgresFlows flows_;
  PostgresTargets targets_;
  PostgresAccounts accounts_;
  PostgresWorkRunner work_runner_{c_};
  std::unique_ptr<work::WorkRepository> work_ =
      work_sql::make_repository(work_runner_, work_sql::Dialect::kPostgres);
  std::unique_ptr<governance::GovernanceRepository> governance_ =
      governance_sql::make_repository(work_runner_, work_sql::Dialect::kPostgres);
  std::unique_ptr<reporting::ReportingRepository> reporting_ =
      reporting_sql::make_repository(work_runner_, work_sql::Dialect::kPostgres);
  bool implicit_ = false;  // for_each opened the current transaction
  bool nested_ = false;    // begin() inside it opened a savepoint
};

// Streams through a server-side cursor, kFetchSize rows at a time. fn may call back into the
// repositories (the cursor lives on the server; each batch is copied out before fn runs).
void PostgresRegistry::for_each(const std::function<void(const Entity&)>& fn) {
  bool own = db_.begin_implicit();
  std::string cursor = "htx_each_" + std::to_string(++cursors_);
  bool open = false;
  try {
    c_.exec("DECLARE " + cursor + " NO SCROLL CURSOR FOR " + select_where("true") +
            " ORDER BY code");
    open = true;
    const std::string fetch = "FETCH " + std::to_string(kFetchSize) + " FROM " + cursor;
    for (;;) {
      auto batch = read_entities(c_.exec(fetch).get());
      for (const auto& e : batch) fn(e);
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
        db_.end_implicit();
      } catch (...) {
      }
    }
    throw;
  }
  --cursors_;
  if (own) db_.end_implicit();
}

}  // namespace

std::unique_ptr<Database> open(const std::string& url) {
  return std::make_unique<PostgresDatabase>(url);
}

}  // namespace htx::store::postgres
