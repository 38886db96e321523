#pragma once

#include <memory>
#include <string>

#include "store/backup.hpp"

namespace htx::store::sqlite {

// Backups of the SQLite database at `path` (store/backup.hpp).
std::unique_ptr<Backups> backups(const std::string& path);

}  // namespace htx::store::sqlite
