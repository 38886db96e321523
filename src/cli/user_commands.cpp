#include "cli/user_commands.hpp"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>

#include "accounts/account_service.hpp"
#include "areas/accounts_area.hpp"
#include "cli/refusal.hpp"
#include "cli/text_table.hpp"
#include "core/date.hpp"
#include "core/text.hpp"

namespace htx::cli {

namespace {

std::string chomp(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

// One line typed on the terminal with echo off; the prompt goes to standard error.
std::string ask_hidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  bool restore = tcgetattr(STDIN_FILENO, &old) == 0;
  if (restore) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (restore) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  std::cerr << "\n";
  return chomp(line);
}

// "Now" as the rest of the CLI sees it (HTX_TODAY fixes it in tests).
std::chrono::system_clock::time_point cli_now() {
  if (auto t = accounts::parse_timestamp(default_clock().now_iso())) return *t;
  return std::chrono::system_clock::now();
}

}  // namespace

void UserCommands::add_to(CLI::App& app, const i18n::Catalog& c) {
  cmd_.user = app.add_subcommand("user", c.text("cli.cmd_user"));
  cmd_.user->require_subcommand(1);

  cmd_.add = cmd_.user->add_subcommand("add", c.text("user.cli.cmd_add"));
  cmd_.add->add_option("USERNAME", username_, c.text("user.cli.arg_username"))->required();
  cmd_.add->add_option("--role", role_, c.text("user.cli.opt_role"))->required();
  cmd_.add->add_option("--province", provinces_, c.text("user.cli.opt_province"));
  cmd_.add->add_option("--entity", entity_, c.text("user.cli.opt_entity"));
  cmd_.add->add_option("--name", display_name_, c.text("user.cli.opt_name"));
  cmd_.add->add_flag("--password-stdin", password_stdin_, c.text("user.cli.opt_password_stdin"));

  cmd_.list = cmd_.user->add_subcommand("list", c.text("user.cli.cmd_list"));

  cmd_.disable = cmd_.user->add_subcommand("disable", c.text("user.cli.cmd_disable"));
  cmd_.disable->add_option("USERNAME", username_, c.text("user.cli.arg_username"))->required();

  cmd_.enable = cmd_.user->add_subcommand("enable", c.text("user.cli.cmd_enable"));
  cmd_.enable->add_option("USERNAME", username_, c.text("user.cli.arg_username"))->required();

  cmd_.reset = cmd_.user->add_subcommand("reset-password", c.text("user.cli.cmd_reset_password"));
  cmd_.reset->add_option("USERNAME", username_, c.text("user.cli.arg_username"))->required();
  cmd_.reset->add_flag("--password-stdin", password_stdin_, c.text("user.cli.opt_password_stdin"));

  cmd_.token = cmd_.user->add_subcommand("token", c.text("user.cli.cmd_token"));
  cmd_.token->add_option("USERNAME", username_, c.text("user.cli.arg_username"))->required();
  cmd_.token->add_option("--name", token_name_, c.text("user.cli.opt_token_name"))->required();
}

bool UserCommands::chosen() const { return cmd_.user && *cmd_.user; }

int UserCommands::prepare(const i18n::Catalog& c, const geo::Geography& geo) {
  if (*cmd_.add) {
    auto role = accounts::role_from_code(text::trim(role_));
    if (!role) return refuse(c, Error("accounts.bad_role", {{"role", role_}}), kUsage);
    const Date today = default_clock().today();
    for (const auto& p : provinces_) {
      const geo::Province* unit = geo.resolve(p, today);
      if (!unit) return refuse(c, Error("user.unknown_province", {{"value", p}}), kUsage);
      if (std::find(province_ids_.begin(), province_ids_.end(), unit->id) == province_ids_.end())
        province_ids_.push_back(unit->id);
    }
    // What the service would refuse anyway, said before the password is asked for.
    if (auto s = accounts::check_username(username_); !s) return refuse(c, s.error());
    if (*role == accounts::Role::kProvincialStaff && province_ids_.empty())
      return refuse(c, Error("accounts.province_required"), kRefused);
    if (*role == accounts::Role::kCooperative && text::trim(entity_).empty())
      return refuse(c, Error("accounts.entity_required"), kRefused);
  }
  if (!*cmd_.add && !*cmd_.reset) return kOk;

  if (password_stdin_) {
    std::string line;
    std::getline(std::cin, line);
    password_ = chomp(line);
  } else {
    if (!isatty(STDIN_FILENO)) return refuse(c, Error("user.password_needs_terminal"), kUsage);
    password_ = ask_hidden(c.text("user.password_prompt"));
    if (auto s = accounts::check_password(password_); !s) return refuse(c, s.error());
    if (ask_hidden(c.text("user.password_again")) != password_)
      return refuse(c, Error("user.password_mismatch"), kRefused);
  }
  if (auto s = accounts::check_password(password_); !s) return refuse(c, s.error());
  return kOk;
}

int UserCommands::run(store::Database& db, const i18n::Catalog& c, const geo::Geography& geo,
                      const std::string& actor) {
  accounts::AccessPolicy access(geo);
  areas::AccountsArea area(db, access, geo, cli_now, areas::operator_caller(actor));

  if (*cmd_.add) {
    accounts::NewUser n;
    n.username = username_;
    n.display_name = std::string(text::trim(display_name_));
    n.role = *accounts::role_from_code(text::trim(role_));
    n.province_ids = province_ids_;
    n.entity_code = std::string(text::trim(entity_));
    n.password = password_;
    auto added = area.add_user(n);
    if (!added) return refuse(c, added.error());
    std::cout << c.text("user.added", {{"username", added->username},
                                       {"role", std::string(accounts::to_code(added->role))}})
              << "\n";
    return kOk;
  }

  if (*cmd_.list) {
    auto users = *area.users();
    if (users.empty()) {
      std::cout << c.text("user.list_empty") << "\n";
      return kOk;
    }
    std::vector<std::vector<std::string>> rows;
    rows.push_back({c.text("user.col_username"), c.text("user.col_name"), c.text("user.col_role"),
                    c.text("user.col_provinces"), c.text("user.col_entity"),
                    c.text("user.col_disabled")});
    for (const auto& u : users) {
      std::string provinces;
      for (const auto& id : u.province_ids) {
        if (!provinces.empty()) provinces += ", ";
        const auto* p = geo.province(id);
        provinces += p ? p->name + " (" + id + ")" : id;
      }
      rows.push_back({u.username, u.display_name, std::string(accounts::to_code(u.role)), provinces,
                      u.entity_code, u.disabled ? c.text("user.is_disabled") : ""});
    }
    print_table(std::cout, rows);
    return kOk;
  }

  if (*cmd_.disable || *cmd_.enable) {
    auto done = *cmd_.disable ? area.disable_user(username_) : area.enable_user(username_);
    if (!done) return refuse(c, done.error());
    std::cout << c.text(*cmd_.disable ? "user.disabled_done" : "user.enabled_done",
                        {{"username", username_}})
              << "\n";
    return kOk;
  }

  if (*cmd_.reset) {
    auto done = area.reset_password(username_, password_);
    if (!done) return refuse(c, done.error());
    std::cout << c.text("user.password_reset", {{"username", username_}}) << "\n";
    return kOk;
  }

  if (*cmd_.token) {
    auto token = area.issue_api_token(username_, token_name_);
    if (!token) return refuse(c, token.error());
    // The explanation on standard error, the token alone on standard output (for scripts).
    std::cerr << c.text("user.token_issued", {{"name", token_name_}, {"username", username_}})
              << "\n";
    std::cout << *token << "\n";
    return kOk;
  }
  return kUsage;
}

}  // namespace htx::cli
