// Backing up and restoring the database (issue 14, item 7), through store::Backups:
//   htx backup FILE               a consistent copy while `htx serve` keeps writing
//   htx restore FILE [--force]    the database replaced by a checked backup, atomically
// Both run before the database is opened as usual (a restore must not create or migrate its
// target). A refusal names the file, exits 1 and changes nothing.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "core/i18n.hpp"
#include "store/backup.hpp"

namespace htx::cli {

using BackupsOpener = std::function<std::unique_ptr<store::Backups>(const std::string& url)>;

class BackupCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  int run(const std::string& url, const BackupsOpener& backups, const i18n::Catalog& catalog,
          const std::string& actor);

 private:
  CLI::App* backup_ = nullptr;
  CLI::App* restore_ = nullptr;
  std::string file_;
  bool force_ = false;
};

}  // namespace htx::cli
