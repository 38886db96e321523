// `htx user add | list | disable | enable | reset-password | token`: accounts from the command
// line (the first administrator is added this way). cli.cpp registers the commands, lets them
// check their arguments before a database is opened, then runs the chosen one.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "geo/geography.hpp"
#include "store/database.hpp"

namespace htx::cli {

class UserCommands {
 public:
  // Adds `user` and its subcommands to app, with help texts from the catalogue.
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  // Whether `htx user ...` was given.
  bool chosen() const;
  // After parsing, before the database is opened: checks the arguments and reads the password
  // (prompted twice on a terminal, or one line of standard input with --password-stdin).
  // 0 when the command can run; else the exit code (1 refused input, 2 usage), the reason
  // written to standard error.
  int prepare(const i18n::Catalog& catalog, const geo::Geography& geo);
  // Runs the chosen command; returns its exit code. `actor` goes into the audit log.
  int run(store::Database& db, const i18n::Catalog& catalog, const geo::Geography& geo,
          const std::string& actor);

 private:
  // `htx user` and its subcommands, set by add_to (each true once the command line chose it).
  struct Subcommands {
    CLI::App* user = nullptr;
    CLI::App *add = nullptr, *list = nullptr, *disable = nullptr, *enable = nullptr,
             *reset = nullptr, *token = nullptr;
  };
  Subcommands cmd_;

  std::string username_;
  std::string role_;
  std::vector<std::string> provinces_;
  std::string entity_;
  std::string display_name_;
  std::string token_name_;
  bool password_stdin_ = false;

  // Filled by prepare().
  std::vector<std::string> province_ids_;
  std::string password_;
};

}  // namespace htx::cli
