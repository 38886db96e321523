// The only place that wires a storage backend to the modules.
#include "cli/cli.hpp"
#include "store/backup.hpp"
#include "store/database.hpp"

int main(int argc, char** argv) {
  return htx::cli::run(
      argc, argv, [](const std::string& url) { return htx::store::open_database(url); },
      [](const std::string& url) { return htx::store::backups_for(url); });
}
