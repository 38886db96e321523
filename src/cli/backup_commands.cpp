#include <iostream>

#include "cli/commands.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace htx::cli {

namespace {

// `htx backup FILE` (restore: false) or `htx restore FILE [--force]`.
int back_up_or_restore(const CommandContext& x, const std::string& file, bool restore, bool force) {
  const auto& c = x.catalog;
  if (!x.backups) {
    std::cerr << c.text("error.prefix") << c.text("backup.unsupported") << "\n";
    return 1;
  }
  // What was written, in the catalogue's words.
  auto said = [&](std::string_view key, const store::BackupFacts& f) {
    auto n = [](std::int64_t v) { return text::format_int(v); };
    std::cout << c.text(key, {{"db", x.url},
                              {"file", file},
                              {"tables", n(f.tables)},
                              {"rows", n(f.rows)},
                              {"bytes", n(f.bytes)},
                              {"version", std::to_string(f.schema_version)}})
              << "\n";
    return 0;
  };
  try {
    auto b = x.backups(x.url);
    if (!restore) return said("backup.done", b->backup(file));
    return said("backup.restored", b->restore(file, force, x.actor, default_clock().now_iso()));
  } catch (const store::BackupRefused& r) {
    std::cerr << c.text("error.prefix") << c.text(r.key(), r.params()) << "\n"
              << c.text("backup.nothing_changed") << "\n";
    return 1;
  }
}

}  // namespace

void add_backup_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& c) {
  auto& file = table.hold<std::string>();
  auto& force = table.hold<bool>(false);
  auto* backup = app.add_subcommand("backup", c.text("backup.cli.cmd_backup"));
  backup->add_option("FILE", file, c.text("backup.cli.arg_out"))->required();
  auto* restore = app.add_subcommand("restore", c.text("backup.cli.cmd_restore"));
  restore->add_option("FILE", file, c.text("backup.cli.arg_in"))->required();
  restore->add_flag("--force", force, c.text("backup.cli.opt_force"));
  table.on(
      backup,
      [&file](const CommandContext& x) { return back_up_or_restore(x, file, false, false); }, {},
      When::kBeforeOpen);
  table.on(
      restore,
      [&file, &force](const CommandContext& x) { return back_up_or_restore(x, file, true, force); },
      {}, When::kBeforeOpen);
}

}  // namespace htx::cli
