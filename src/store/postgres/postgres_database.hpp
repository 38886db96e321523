#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace htx::store::postgres {

// Connects with libpq to a conninfo URL and applies pending migrations.
std::unique_ptr<Database> open(const std::string& url);

}  // namespace htx::store::postgres
