// The `htx` command line: parses arguments, opens the database, calls the modules, prints.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/database.hpp"

namespace htx::cli {

using DatabaseOpener = std::function<std::unique_ptr<store::Database>(const std::string& url)>;

// Returns the process exit code: 0 ok, 1 the user's input was refused, 2 usage, 3 internal.
int run(int argc, char** argv, const DatabaseOpener& open_database);

}  // namespace htx::cli
