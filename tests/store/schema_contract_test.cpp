// The two backends' schemas, read from live databases after migration, are the same: the same
// tables, the same columns in the same order with compatible types and nullability, the same
// primary keys and unique constraints, the same indexes (by name, table and columns). Run once
// per backend: each side's database is the fixture's, the other side's a fresh one.
#include <sqlite3.h>

#include <map>
#include <set>
#include <sstream>

#include "accounts/user.hpp"
#include "backend_fixture.hpp"
#include "store/schema.hpp"

namespace htx::store::testing {
namespace {

struct Column {
  std::string name;
  std::string type;  // as the backend names it
  bool not_null = false;
};

struct Schema {
  std::map<std::string, std::vector<Column>> tables;
  std::map<std::string, std::string> primary_keys;  // table -> "a,b"
  std::set<std::string> unique_keys;                // "table(a,b)"
  std::map<std::string, std::string> indexes;       // name -> "table(a,b) unique partial"
};

// SQLite has two storage types for what PostgreSQL says in several: the types each stands for.
const std::map<std::string, std::set<std::string>> kCompatibleTypes = {
    {"INTEGER", {"integer", "bigint", "boolean"}},
    {"TEXT", {"text", "date", "jsonb", "timestamp with time zone"}},
};

// Indexes one backend has and the other cannot: SQLite sorts names by its VI collation, which is
// registered per connection and so cannot back an index that other tools open.
const std::set<std::string> kPostgresOnlyIndexes = {"entity_name_vi"};

std::string index_text(const std::string& table, const std::string& columns, bool unique,
                       bool partial) {
  return table + "(" + columns + ")" + (unique ? " unique" : "") + (partial ? " partial" : "");
}

// ---- reading SQLite --------------------------------------------------------------------------

std::vector<std::vector<std::string>> sqlite_rows(sqlite3* db, const std::string& sql,
                                                  const std::string& param = "") {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
  if (!param.empty()) sqlite3_bind_text(s, 1, param.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<std::vector<std::string>> out;
  while (sqlite3_step(s) == SQLITE_ROW) {
    auto& row = out.emplace_back();
    for (int c = 0; c < sqlite3_column_count(s); ++c) {
      auto text = sqlite3_column_text(s, c);
      row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
  }
  sqlite3_finalize(s);
  return out;
}

Schema sqlite_schema(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open " + path);
  Schema out;
  for (const auto& t : sqlite_rows(db,
                                   "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                   "name NOT LIKE 'sqlite_%' ORDER BY name")) {
    const auto& table = t[0];
    std::vector<std::pair<int, std::string>> pk;
    for (const auto& c : sqlite_rows(
             db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid",
             table)) {
      int position = std::stoi(c[3]);
      // A primary key's columns are never NULL in PostgreSQL; count them so here too.
      out.tables[table].push_back({c[0], c[1], c[2] == "1" || position > 0});
      if (position > 0) pk.emplace_back(position, c[0]);
    }
    std::sort(pk.begin(), pk.end());
    std::string keys;
    for (const auto& [position, name] : pk) keys += (keys.empty() ? "" : ",") + name;
    if (!keys.empty()) out.primary_keys[table] = keys;
    for (const auto& i : sqlite_rows(
             db, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1)", table)) {
      std::string columns;
      for (const auto& c :
           sqlite_rows(db, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno", i[0]))
        columns += (columns.empty() ? "" : ",") + c[0];
      if (i[2] == "u") out.unique_keys.insert(table + "(" + columns + ")");
      if (i[2] == "c") out.indexes[i[0]] = index_text(table, columns, i[1] == "1", i[3] == "1");
    }
  }
  sqlite3_close(db);
  return out;
}

// ---- reading PostgreSQL ----------------------------------------------------------------------

std::vector<std::vector<std::string>> pg_rows(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    std::string error = PQresultErrorMessage(r);
    PQclear(r);
    throw std::runtime_error("postgresql: " + error);
  }
  std::vector<std::vector<std::string>> out;
  for (int i = 0; i < PQntuples(r); ++i) {
    auto& row = out.emplace_back();
    for (int c = 0; c < PQnfields(r); ++c) row.emplace_back(PQgetvalue(r, i, c));
  }
  PQclear(r);
  return out;
}

Schema pg_schema(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string error = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot connect: " + error);
  }
  Schema out;
  try {
    for (const auto& r : pg_rows(c,
                                 "SELECT table_name, column_name, data_type, is_nullable "
                                 "FROM information_schema.columns "
                                 "WHERE table_schema = current_schema() "
                                 "ORDER BY table_name, ordinal_position"))
      out.tables[r[0]].push_back({r[1], r[2], r[3] == "NO"});
    for (const auto& r : pg_rows(
             c,
             "SELECT tc.table_name, tc.constraint_type, "
             "string_agg(k.column_name, ',' ORDER BY k.ordinal_position) "
             "FROM information_schema.table_constraints tc "
             "JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name "
             "AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name "
             "WHERE tc.table_schema = current_schema() "
             "AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE') "
             "GROUP BY tc.table_name, tc.constraint_name, tc.constraint_type")) {
      if (r[1] == "PRIMARY KEY") out.primary_keys[r[0]] = r[2];
      if (r[1] == "UNIQUE") out.unique_keys.insert(r[0] + "(" + r[2] + ")");
    }
    // Indexes of their own (pg_indexes lists those of the keys too: they are left out here).
    for (const auto& r :
         pg_rows(c,
                 "SELECT i.indexname, i.tablename, x.indisunique, x.indpred IS NOT NULL, "
                 "(SELECT string_agg(a.attname, ',' ORDER BY k.n) "
                 " FROM unnest(x.indkey::smallint[]) WITH ORDINALITY AS k(attnum, n) "
                 " JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) "
                 "FROM pg_indexes i "
                 "JOIN pg_class ic ON ic.relname = i.indexname "
                 "JOIN pg_namespace n ON n.oid = ic.relnamespace AND n.nspname = i.schemaname "
                 "JOIN pg_index x ON x.indexrelid = ic.oid "
                 "WHERE i.schemaname = current_schema() "
                 "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)"))
      if (!kPostgresOnlyIndexes.count(r[0]))
        out.indexes[r[0]] = index_text(r[1], r[4], r[2] == "t", r[3] == "t");
  } catch (...) {
    PQfinish(c);
    throw;
  }
  PQfinish(c);
  return out;
}

// ---- comparing -------------------------------------------------------------------------------

template <typename Map>
std::set<std::string> keys_of(const Map& m) {
  std::set<std::string> out;
  for (const auto& [k, v] : m) out.insert(k);
  return out;
}

// Every way the two schemas differ, one line each; empty when they agree.
std::vector<std::string> differences(const Schema& sqlite, const Schema& pg) {
  std::vector<std::string> out;
  for (const auto& [table, columns] : sqlite.tables) {
    auto other = pg.tables.find(table);
    if (other == pg.tables.end()) {
      out.push_back("table " + table + " only in SQLite");
      continue;
    }
    const auto& pg_columns = other->second;
    for (std::size_t i = 0; i < std::max(columns.size(), pg_columns.size()); ++i) {
      if (i >= columns.size()) {
        out.push_back(table + "." + pg_columns[i].name + " only in PostgreSQL");
        continue;
      }
      if (i >= pg_columns.size()) {
        out.push_back(table + "." + columns[i].name + " only in SQLite");
        continue;
      }
      const auto& a = columns[i];
      const auto& b = pg_columns[i];
      auto where = table + " column " + std::to_string(i + 1);
      if (a.name != b.name) {
        out.push_back(where + ": " + a.name + " in SQLite, " + b.name + " in PostgreSQL");
        continue;
      }
      auto types = kCompatibleTypes.find(a.type);
      if (types == kCompatibleTypes.end() || !types->second.count(b.type))
        out.push_back(table + "." + a.name + ": " + a.type + " in SQLite, " + b.type +
                      " in PostgreSQL");
      if (a.not_null != b.not_null)
        out.push_back(table + "." + a.name + ": NOT NULL in " +
                      (a.not_null ? "SQLite only" : "PostgreSQL only"));
    }
  }
  for (const auto& table : keys_of(pg.tables))
    if (!sqlite.tables.count(table)) out.push_back("table " + table + " only in PostgreSQL");

  auto compare = [&](const std::string& what, const std::map<std::string, std::string>& a,
                     const std::map<std::string, std::string>& b) {
    for (const auto& [k, v] : a) {
      auto other = b.find(k);
      if (other == b.end())
        out.push_back(what + " " + k + " only in SQLite");
      else if (other->second != v)
        out.push_back(what + " " + k + ": " + v + " in SQLite, " + other->second +
                      " in PostgreSQL");
    }
    for (const auto& [k, v] : b)
      if (!a.count(k)) out.push_back(what + " " + k + " only in PostgreSQL");
  };
  compare("primary key of", sqlite.primary_keys, pg.primary_keys);
  compare("index", sqlite.indexes, pg.indexes);
  for (const auto& u : sqlite.unique_keys)
    if (!pg.unique_keys.count(u)) out.push_back("unique " + u + " only in SQLite");
  for (const auto& u : pg.unique_keys)
    if (!sqlite.unique_keys.count(u)) out.push_back("unique " + u + " only in PostgreSQL");
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::ostringstream out;
  for (const auto& l : lines) out << "  " << l << "\n";
  return out.str();
}

class SchemaContractTest : public BackendTest {
 protected:
  // The other backend's database, new and migrated; empty when PostgreSQL is not available.
  std::string other_database() {
    if (std::string(GetParam()) == "postgresql") {
      other_file_ = std::filesystem::temp_directory_path() / ("htx_t_" + random_suffix() + ".db");
      open_database(other_file_.string());
      return other_file_.string();
    }
    const char* admin = std::getenv("HTX_TEST_PG_URL");
    if (!admin || !*admin) return "";
    admin_ = admin;
    other_pg_ = "htx_t_" + random_suffix();
    auto error = pg_admin(admin_, "CREATE DATABASE " + other_pg_);
    if (!error.empty()) throw std::runtime_error("cannot create a database: " + error);
    auto url = with_database(admin_, other_pg_);
    open_database(url);
    return url;
  }

  void TearDown() override {
    if (!other_file_.empty()) {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(other_file_.string() + suffix, ec);
    }
    if (!other_pg_.empty()) {
      EXPECT_EQ(pg_admin(admin_, "DROP DATABASE IF EXISTS " + other_pg_ + " WITH (FORCE)"), "");
    }
    BackendTest::TearDown();
  }

 private:
  std::filesystem::path other_file_;
  std::string admin_, other_pg_;
};

TEST_P(SchemaContractTest, TheLiveSchemasOfBothBackendsAreTheSame) {
  auto other = other_database();
  if (other.empty()) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") {
      FAIL() << "HTX_TEST_PG_URL is not set; CI must test it";
    }
    GTEST_SKIP() << "PostgreSQL not available: nothing to compare the SQLite schema with";
  }
  bool sqlite_here = std::string(GetParam()) == "sqlite";
  auto sqlite = sqlite_schema(sqlite_here ? url() : other);
  auto pg = pg_schema(sqlite_here ? other : url());
  ASSERT_GE(sqlite.tables.size(), 20u) << "the SQLite schema was not read";
  ASSERT_EQ(sqlite.tables.size(), pg.tables.size()) << joined(differences(sqlite, pg));
  auto found = differences(sqlite, pg);
  EXPECT_TRUE(found.empty()) << "the schemas differ:\n" << joined(found);
}

INSTANTIATE_TEST_SUITE_P(Backends, SchemaContractTest, ::testing::Values("sqlite", "postgresql"),
                         backend_name);

// A database made before the fund's roles (migration 10, "fund") upgrades to the newest
// schema keeping its accounts, their sessions and tokens (SQLite rebuilds app_user under
// deferred foreign keys), and then takes the fund's roles, which the old CHECK refused.
void exec_raw(const std::string& backend, const std::string& url, const std::string& sql) {
  if (backend == "sqlite") {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(url.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  } else {
    ASSERT_EQ(pg_admin(url, sql), "");
  }
}

TEST_P(SchemaContractTest, ADatabaseBeforeTheFundRolesUpgradesKeepingItsAccounts) {
  const std::string backend = GetParam();
  const auto dialect = backend == "sqlite" ? sql::Dialect::kSqlite : sql::Dialect::kPostgres;
  // Migrations 1 to 10 as an older htx applied them, and an account with a session and a token.
  std::string old_schema = "BEGIN;\n" + sql::schema_sql(sql::kMigrationsTable, dialect) + ";\n";
  int last = 0;
  for (const auto& m : sql::kMigrations) {
    if (m.version > 10) break;
    old_schema += sql::schema_sql(m.sql, dialect) + "\n";
    old_schema += "INSERT INTO schema_migrations (version, name) VALUES (" +
                  std::to_string(m.version) + ", '" + std::string(m.name) + "');\n";
    last = m.version;
  }
  ASSERT_EQ(last, 10);
  old_schema +=
      "INSERT INTO app_user (username, display_name, role, province_ids, password_hash, "
      "created_at) VALUES ('lan', 'Lan', 'provincial_staff', '[\"01-2025\"]', 'h', "
      "'2026-01-01T00:00:00Z');\n"
      "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, expires_at) "
      "SELECT 'tok', id, 'c', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z' FROM app_user;\n"
      "INSERT INTO api_token (token_hash, user_id, name, created_at) SELECT 'api', id, 'Excel', "
      "'2026-01-01T00:00:00Z' FROM app_user;\nCOMMIT;\n";
  const auto old = fresh_database();
  exec_raw(backend, old, old_schema);
  if (HasFatalFailure()) return;

  auto db = open_database(old);
  auto& accounts = db->accounts();
  auto lan = accounts.find_user_by_name("lan");
  ASSERT_TRUE(lan.has_value());
  EXPECT_EQ(lan->role, accounts::Role::kProvincialStaff);
  EXPECT_EQ(lan->province_ids, std::vector<std::string>{"01-2025"});
  auto session = accounts.find_session("tok");
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->user_id, lan->id);
  auto token = accounts.find_token("api");
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(token->user_id, lan->id);

  for (auto role : {accounts::Role::kFundStaff, accounts::Role::kFundApprover}) {
    accounts::User u;
    u.username = std::string(accounts::to_code(role));
    u.role = role;
    u.password_hash = "h";
    u.created_at = "2026-12-07T00:00:00Z";
    auto id = accounts.insert_user(u);
    auto back = accounts.find_user_by_id(id);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->role, role);
  }
  // The rebuilt table still guards its sessions' users.
  accounts::Session orphan{"orphan", 999999, "c", "2026-12-07T00:00:00Z", "2099-01-01T00:00:00Z"};
  EXPECT_ANY_THROW(accounts.insert_session(orphan));
  EXPECT_FALSE(accounts.find_session("orphan").has_value());
  db.reset();
}

// The comparison finds each kind of difference (so that the test above can fail).
TEST(SchemaDifferences, AreFoundInTablesColumnsTypesKeysAndIndexes) {
  Schema a;
  a.tables["t"] = {{"id", "INTEGER", true}, {"name", "TEXT", true}, {"at", "TEXT", false}};
  a.tables["only_a"] = {{"x", "TEXT", false}};
  a.primary_keys["t"] = "id";
  a.unique_keys = {"t(name)"};
  a.indexes["t_at"] = index_text("t", "at", false, false);
  EXPECT_TRUE(differences(a,
                          [&] {
                            Schema b = a;
                            b.tables["t"][0].type = "bigint";
                            b.tables["t"][1].type = "text";
                            b.tables["t"][2].type = "date";
                            b.tables["only_a"][0].type = "jsonb";
                            return b;
                          }())
                  .empty());

  Schema b = a;
  b.tables.erase("only_a");
  b.tables["t"][0].type = "bigint";
  b.tables["t"][2].type = "text";
  b.tables["t"][1].type = "bigint";  // TEXT against an integer
  b.tables["t"][2].not_null = true;  // nullability
  b.tables["t"].push_back({"extra", "text", false});
  b.primary_keys["t"] = "name";
  b.unique_keys = {};
  b.indexes["t_at"] = index_text("t", "at,name", false, false);
  b.indexes["t_new"] = index_text("t", "name", true, false);
  auto found = differences(a, b);
  EXPECT_EQ(found.size(), 8u) << joined(found);
  auto has = [&](const std::string& line) {
    return std::find(found.begin(), found.end(), line) != found.end();
  };
  EXPECT_TRUE(has("table only_a only in SQLite")) << joined(found);
  EXPECT_TRUE(has("t.name: TEXT in SQLite, bigint in PostgreSQL")) << joined(found);
  EXPECT_TRUE(has("t.at: NOT NULL in PostgreSQL only")) << joined(found);
  EXPECT_TRUE(has("t.extra only in PostgreSQL")) << joined(found);
  EXPECT_TRUE(has("primary key of t: id in SQLite, name in PostgreSQL")) << joined(found);
  EXPECT_TRUE(has("unique t(name) only in SQLite")) << joined(found);
  EXPECT_TRUE(has("index t_at: t(at) in SQLite, t(at,name) in PostgreSQL")) << joined(found);
  EXPECT_TRUE(has("index t_new only in PostgreSQL")) << joined(found);
}

}  // namespace
}  // namespace htx::store::testing
