#include "store/sqlite/sqlite_database.hpp"

#include <iterator>

#include "core/error.hpp"
#include "store/schema.hpp"
#include "store/sql_database.hpp"
#include "store/sqlite/connection.hpp"

namespace htx::store::sqlite {

namespace {

class SqliteRunner final : public sql::Runner {
 public:
  explicit SqliteRunner(Connection& c) : c_(c) {}
  sql::Rows query(std::string_view sql, int columns, const sql::Params& params) override {
    auto& s = c_.prepare(sql);
    bind(s, params);
    sql::Rows out;
    while (s.step()) out.push_back(row(s, columns));
    s.reset();
    return out;
  }
  std::optional<std::int64_t> insert(std::string_view sql, const sql::Params& params) override {
    auto& s = c_.prepare(sql);
    bind(s, params);
    s.run();
    s.reset();
    if (sqlite3_changes(c_.handle()) == 0) return std::nullopt;
    return c_.last_insert_id();
  }
  void each(std::string_view sql, int columns,
            const std::function<void(const sql::Row&)>& fn) override {
    // A statement of its own: fn may run others, this one among them.
    Statement s(c_.handle(), sql);
    while (s.step()) fn(row(s, columns));
  }

 private:
  // Text is bound without copying: the parameters outlive the statement's run.
  static void bind(Statement& s, const sql::Params& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      int n = static_cast<int>(i + 1);
      switch (params[i].kind()) {
        case sql::Param::Kind::kNull:
          s.bind_null(n);
          break;
        case sql::Param::Kind::kInteger:
          s.bind(n, params[i].integer());
          break;
        case sql::Param::Kind::kText:
          s.bind_ref(n, params[i].text());
          break;
      }
    }
  }
  static sql::Row row(const Statement& s, int columns) {
    sql::Row out;
    out.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) out.push_back(s.opt_text(c));
    return out;
  }

  Connection& c_;
};

class SqliteDatabase final : public sql::SqlDatabase {
 public:
  explicit SqliteDatabase(const std::string& path) : c_(path) {
    attach(runner_, sql::Dialect::kSqlite);
    migrate();
  }

  std::string_view backend() const override { return "sqlite"; }
  void begin() override { c_.exec("BEGIN IMMEDIATE"); }
  void commit() override { c_.exec("COMMIT"); }
  void rollback() override { c_.exec("ROLLBACK"); }

 private:
  // Each migration in a transaction of its own; BEGIN IMMEDIATE makes a second process opening
  // the same file wait, and it skips what the first applied meanwhile. Foreign keys are off
  // while migrations run, so that one may rebuild a table others refer to (SQLite's procedure
  // for a schema change ALTER TABLE cannot make), and checked before each commits.
  void migrate() {
    c_.exec(sql::schema_sql(sql::kMigrationsTable, sql::Dialect::kSqlite));
    int current = schema_version();
    if (current >= sql::kMigrations[std::size(sql::kMigrations) - 1].version) return;
    c_.exec("PRAGMA foreign_keys=OFF");
    struct KeysBackOn {
      Connection& c;
      ~KeysBackOn() {
        try {
          c.exec("PRAGMA foreign_keys=ON");
        } catch (...) {  // a connection that cannot take a pragma fails its next statement
        }
      }
    } keys_back_on{c_};
    for (const auto& m : sql::kMigrations) {
      if (m.version <= current) continue;
      Transaction tx(*this);
      if (schema_version() >= m.version) continue;  // another process applied it meanwhile
      c_.exec(sql::schema_sql(m.sql, sql::Dialect::kSqlite));
      if (!runner_.query("PRAGMA foreign_key_check", 4, {}).empty())
        throw InfrastructureError("sqlite: migration " + std::to_string(m.version) +
                                  " would break a foreign key");
      runner_.query("INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)", 0,
                    {sql::p(m.version), sql::p(m.name)});
      tx.commit();
    }
  }

  Connection c_;
  SqliteRunner runner_{c_};
};

}  // namespace

std::unique_ptr<Database> open(const std::string& path) {
  return std::make_unique<SqliteDatabase>(path);
}

}  // namespace htx::store::sqlite
