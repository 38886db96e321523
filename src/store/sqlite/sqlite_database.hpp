#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace htx::store::sqlite {

std::unique_ptr<Database> open(const std::string& path);

}  // namespace htx::store::sqlite
