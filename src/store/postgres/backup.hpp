#pragma once

#include <memory>
#include <string>

#include "store/backup.hpp"

namespace htx::store::postgres {

// Backups of the PostgreSQL database of a URL with pg_dump and pg_restore (store/backup.hpp).
std::unique_ptr<Backups> backups(const std::string& url);

}  // namespace htx::store::postgres
