// For the end-to-end tests that run `htx` on PostgreSQL (under scripts/with-postgres.sh, which
// exports HTX_TEST_PG_URL): psql for the admin's statements, and the URL of another database.
#pragma once

#include <filesystem>
#include <string>

#include "support/run_process.hpp"

namespace htx::testing {

// Runs `psql URL -v ON_ERROR_STOP=1 -c SQL`.
inline Result psql(const std::string& url, const std::string& sql) {
  return run_program("/usr/bin/psql", {url, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-c", sql},
                     std::filesystem::temp_directory_path().string());
}

// The admin URL with its database name replaced.
inline std::string with_database(const std::string& url, const std::string& name) {
  auto q = url.find('?');
  std::string base = url.substr(0, q), query = q == std::string::npos ? "" : url.substr(q);
  auto scheme = base.find("://");
  auto slash = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash != std::string::npos) base.resize(slash);
  return base + "/" + name + query;
}

}  // namespace htx::testing
