// The `htx` command line: parses arguments, opens the database, calls the modules, prints.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/backup.hpp"
#include "store/database.hpp"

namespace htx::cli {

using DatabaseOpener = std::function<std::unique_ptr<store::Database>(const std::string& url)>;

// Returns the process exit code: 0 ok, 1 the user's input was refused, 2 usage, 3 internal.
// `backups` gives `htx backup` and `htx restore` their store::Backups (none: both refused).
int run(int argc, char** argv, const DatabaseOpener& open_database);
int run(int argc, char** argv, const DatabaseOpener& open_database,
        const std::function<std::unique_ptr<store::Backups>(const std::string& url)>& backups);

}  // namespace htx::cli
