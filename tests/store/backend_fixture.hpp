// One contract suite for every storage backend: tests derive from BackendTest and are
// instantiated with HTX_INSTANTIATE_BACKENDS(Suite), once per backend, never copied.
//
// sqlite:     a fresh database file per test in the temporary directory.
// postgresql: a fresh database per test on the server named by HTX_TEST_PG_URL
//             (scripts/with-postgres.sh starts one and sets it), dropped afterwards. Without the
//             variable the tests are skipped, unless CI=true, where they fail: CI must test it.
#pragma once

#include <gtest/gtest.h>

#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "store/database.hpp"

namespace htx::store::testing {

inline std::string random_suffix() {
  static std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (int i = 0; i < 12; ++i) s += kAlphabet[rng() % (sizeof kAlphabet - 1)];
  return s;
}

// The URL with its database name replaced:
// postgresql://u@h:5432/postgres?sslmode=disable -> postgresql://u@h:5432/NAME?sslmode=disable
inline std::string with_database(const std::string& url, const std::string& name) {
  auto scheme = url.find("://");
  auto authority = scheme == std::string::npos ? 0 : scheme + 3;
  auto query = url.find('?', authority);
  auto path = url.find('/', authority);
  if (path == std::string::npos || (query != std::string::npos && path > query)) {
    if (query == std::string::npos) return url + "/" + name;
    return url.substr(0, query) + "/" + name + url.substr(query);
  }
  return url.substr(0, path + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

// A short-lived admin connection to the server of HTX_TEST_PG_URL, to create and drop the
// databases of the tests. The names are ours ("htx_t_" + [a-z0-9]), never user input.
inline std::string pg_admin(const std::string& admin_url, const std::string& sql) {
  PGconn* c = PQconnectdb(admin_url.c_str());
  std::string error;
  if (PQstatus(c) != CONNECTION_OK) {
    error = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  return error;
}

class BackendTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    std::string backend = GetParam();
    if (backend == "sqlite") {
      file_ = std::filesystem::temp_directory_path() / ("htx_t_" + random_suffix() + ".db");
      url_ = file_.string();
    } else {
      const char* admin = std::getenv("HTX_TEST_PG_URL");
      if (!admin || !*admin) {
        const char* ci = std::getenv("CI");
        if (ci && std::string(ci) == "true")
          FAIL() << "HTX_TEST_PG_URL is not set; CI must test PostgreSQL "
                    "(run the tests through scripts/with-postgres.sh)";
        GTEST_SKIP() << "PostgreSQL not tested: HTX_TEST_PG_URL is not set "
                        "(run the tests through scripts/with-postgres.sh)";
      }
      admin_url_ = admin;
      pg_database_ = "htx_t_" + random_suffix();
      auto error = pg_admin(admin_url_, "CREATE DATABASE " + pg_database_);
      ASSERT_EQ(error, "") << "cannot create the test database on " << admin_url_;
      url_ = with_database(admin_url_, pg_database_);
    }
    db_ = open_database(url_);
    ASSERT_EQ(db_->backend(), backend);
  }

  // The URL of another new, empty database on this test's backend (not opened, not migrated),
  // removed after the test. Throws if it cannot be made.
  std::string fresh_database() {
    if (std::string(GetParam()) == "sqlite") {
      auto file = std::filesystem::temp_directory_path() / ("htx_t_" + random_suffix() + ".db");
      extra_files_.push_back(file);
      return file.string();
    }
    auto name = "htx_t_" + random_suffix();
    auto error = pg_admin(admin_url_, "CREATE DATABASE " + name);
    if (!error.empty()) throw std::runtime_error("cannot create a database: " + error);
    extra_databases_.push_back(name);
    return with_database(admin_url_, name);
  }

  void TearDown() override {
    db_.reset();
    if (!file_.empty()) extra_files_.push_back(file_);
    for (const auto& file : extra_files_) {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(file.string() + suffix, ec);
    }
    if (!pg_database_.empty()) extra_databases_.push_back(pg_database_);
    for (const auto& name : extra_databases_) {
      auto error = pg_admin(admin_url_, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      EXPECT_EQ(error, "") << "cannot drop the test database " << name;
    }
  }

  Database& db() { return *db_; }
  registry::RegistryRepository& repo() { return db_->registry(); }
  audit::AuditLog& log() { return db_->audit(); }
  // The URL of this test's database, to open more connections to it.
  const std::string& url() const { return url_; }
  // Closes the database and opens it again.
  void reopen() {
    db_.reset();
    db_ = open_database(url_);
  }

 private:
  std::unique_ptr<Database> db_;
  std::string url_;
  std::filesystem::path file_;
  std::string admin_url_;
  std::string pg_database_;
  std::vector<std::filesystem::path> extra_files_;
  std::vector<std::string> extra_databases_;
};

inline std::string backend_name(const ::testing::TestParamInfo<const char*>& info) {
  return info.param;
}

}  // namespace htx::store::testing

#define HTX_INSTANTIATE_BACKENDS(suite)                                                \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values("sqlite", "postgresql"), \
                           ::htx::store::testing::backend_name)
