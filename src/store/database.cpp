#include "store/database.hpp"

#include <cstdlib>

namespace htx::store {

std::string database_url(std::string_view from_option) {
  if (!from_option.empty()) return std::string(from_option);
  if (const char* env = std::getenv("HTX_DB"); env && *env) return env;
  return "htx.db";
}

}  // namespace htx::store
