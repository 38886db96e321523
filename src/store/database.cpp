#include "store/database.hpp"

#include <cstdlib>

#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace htx::store {

std::unique_ptr<Database> open_database(std::string_view url) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return postgres::open(std::string(url));
  if (url.rfind("sqlite:", 0) == 0) url.remove_prefix(7);
  return sqlite::open(std::string(url));
}

std::string database_url(std::string_view from_option) {
  if (!from_option.empty()) return std::string(from_option);
  if (const char* env = std::getenv("HTX_DB"); env && *env) return env;
  return "htx.db";
}

}  // namespace htx::store
