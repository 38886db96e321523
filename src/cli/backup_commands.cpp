#include "cli/backup_commands.hpp"

#include <iostream>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace htx::cli {

void BackupCommands::add_to(CLI::App& app, const i18n::Catalog& c) {
  backup_ = app.add_subcommand("backup", c.text("backup.cli.cmd_backup"));
  backup_->add_option("FILE", file_, c.text("backup.cli.arg_out"))->required();
  restore_ = app.add_subcommand("restore", c.text("backup.cli.cmd_restore"));
  restore_->add_option("FILE", file_, c.text("backup.cli.arg_in"))->required();
  restore_->add_flag("--force", force_, c.text("backup.cli.opt_force"));
}

bool BackupCommands::chosen() const { return (backup_ && *backup_) || (restore_ && *restore_); }

int BackupCommands::run(const std::string& url, const BackupsOpener& backups,
                        const i18n::Catalog& c, const std::string& actor) {
  if (!backups) {
    std::cerr << c.text("error.prefix") << c.text("backup.unsupported") << "\n";
    return 1;
  }
  // What was written, in the catalogue's words.
  auto said = [&](std::string_view key, const store::BackupFacts& f) {
    auto n = [](std::int64_t v) { return text::format_int(v); };
    std::cout << c.text(key, {{"db", url},
                              {"file", file_},
                              {"tables", n(f.tables)},
                              {"rows", n(f.rows)},
                              {"bytes", n(f.bytes)},
                              {"version", std::to_string(f.schema_version)}})
              << "\n";
    return 0;
  };
  try {
    auto b = backups(url);
    if (*backup_) return said("backup.done", b->backup(file_));
    return said("backup.restored", b->restore(file_, force_, actor, default_clock().now_iso()));
  } catch (const store::BackupRefused& r) {
    std::cerr << c.text("error.prefix") << c.text(r.key(), r.params()) << "\n"
              << c.text("backup.nothing_changed") << "\n";
    return 1;
  }
}

}  // namespace htx::cli
