#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>

#include "accounts/account_service.hpp"
#include "areas/accounts_area.hpp"
#include "cli/commands.hpp"
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

// What `htx user add` and `reset-password` were given; the province ids and the password are
// filled by check_user before the database is opened.
struct UserArgs {
  std::string username, role, entity, display_name, token_name;
  std::vector<std::string> provinces;
  bool password_stdin = false;
  std::vector<std::string> province_ids;
  std::string password;
};

// The shortest password data/accounts allows.
int min_password_length() {
  return accounts::SessionPolicy::load(i18n::data_dir()).min_password_length;
}

// After parsing, before the database is opened: checks the arguments of `add` (adding: true)
// and reads the password (prompted twice on a terminal, or one line of standard input with
// --password-stdin). 0 when the command can run; else the exit code (1 refused input, 2 usage),
// the reason written to standard error.
int check_user(const CommandContext& x, UserArgs& a, bool adding) {
  const auto& c = x.catalog;
  if (adding) {
    auto role = accounts::role_from_code(text::trim(a.role));
    if (!role) return refuse(c, Error("accounts.bad_role", {{"role", a.role}}), kUsage);
    const Date today = default_clock().today();
    for (const auto& p : a.provinces) {
      const geo::Province* unit = x.geo.resolve(p, today);
      if (!unit) return refuse(c, Error("user.unknown_province", {{"value", p}}), kUsage);
      if (std::find(a.province_ids.begin(), a.province_ids.end(), unit->id) == a.province_ids.end())
        a.province_ids.push_back(unit->id);
    }
    // What the service would refuse anyway, said before the password is asked for.
    if (auto s = accounts::check_username(a.username); !s) return refuse(c, s.error());
    if (*role == accounts::Role::kProvincialStaff && a.province_ids.empty())
      return refuse(c, Error("accounts.province_required"), kRefused);
    if (*role == accounts::Role::kCooperative && text::trim(a.entity).empty())
      return refuse(c, Error("accounts.entity_required"), kRefused);
  }
  if (a.password_stdin) {
    std::string line;
    std::getline(std::cin, line);
    a.password = chomp(line);
  } else {
    if (!isatty(STDIN_FILENO)) return refuse(c, Error("user.password_needs_terminal"), kUsage);
    a.password = ask_hidden(c.text("user.password_prompt"));
    if (auto s = accounts::check_password(a.password, min_password_length()); !s)
      return refuse(c, s.error());
    if (ask_hidden(c.text("user.password_again")) != a.password)
      return refuse(c, Error("user.password_mismatch"), kRefused);
  }
  if (auto s = accounts::check_password(a.password, min_password_length()); !s)
    return refuse(c, s.error());
  return kOk;
}

// The accounts as the operator.
struct Accounts {
  accounts::AccessPolicy access;
  areas::AccountsArea area;
  explicit Accounts(const CommandContext& x)
      : access(x.geo),
        area(x.db(), access, x.geo, cli_now, accounts::SessionPolicy::load(i18n::data_dir()),
             areas::operator_caller(x.actor)) {}
};

int add_user(const CommandContext& x, const UserArgs& a) {
  Accounts accounts(x);
  accounts::NewUser n;
  n.username = a.username;
  n.display_name = std::string(text::trim(a.display_name));
  n.role = *accounts::role_from_code(text::trim(a.role));
  n.province_ids = a.province_ids;
  n.entity_code = std::string(text::trim(a.entity));
  n.password = a.password;
  auto added = accounts.area.add_user(n);
  if (!added) return refuse(x.catalog, added.error());
  std::cout << x.catalog.text("user.added", {{"username", added->username},
                                             {"role", std::string(accounts::to_code(added->role))}})
            << "\n";
  return kOk;
}

int list_users(const CommandContext& x) {
  const auto& c = x.catalog;
  Accounts accounts(x);
  auto users = *accounts.area.users();
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
      const auto* p = x.geo.province(id);
      provinces += p ? p->name + " (" + id + ")" : id;
    }
    rows.push_back({u.username, u.display_name, std::string(accounts::to_code(u.role)), provinces,
                    u.entity_code, u.disabled ? c.text("user.is_disabled") : ""});
  }
  print_table(std::cout, rows);
  return kOk;
}

int enable_user(const CommandContext& x, const std::string& username, bool enable) {
  Accounts accounts(x);
  auto done = enable ? accounts.area.enable_user(username) : accounts.area.disable_user(username);
  if (!done) return refuse(x.catalog, done.error());
  std::cout << x.catalog.text(enable ? "user.enabled_done" : "user.disabled_done",
                              {{"username", username}})
            << "\n";
  return kOk;
}

int reset_password(const CommandContext& x, const UserArgs& a) {
  Accounts accounts(x);
  auto done = accounts.area.reset_password(a.username, a.password);
  if (!done) return refuse(x.catalog, done.error());
  std::cout << x.catalog.text("user.password_reset", {{"username", a.username}}) << "\n";
  return kOk;
}

int issue_token(const CommandContext& x, const UserArgs& a) {
  Accounts accounts(x);
  auto token = accounts.area.issue_api_token(a.username, a.token_name);
  if (!token) return refuse(x.catalog, token.error());
  // The explanation on standard error, the token alone on standard output (for scripts).
  std::cerr << x.catalog.text("user.token_issued",
                              {{"name", a.token_name}, {"username", a.username}})
            << "\n";
  std::cout << *token << "\n";
  return kOk;
}

}  // namespace

void add_user_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& c) {
  auto& a = table.hold<UserArgs>();
  auto* user = app.add_subcommand("user", c.text("cli.cmd_user"));
  user->require_subcommand(1);
  auto username = [&](CLI::App* cmd) {
    cmd->add_option("USERNAME", a.username, c.text("user.cli.arg_username"))->required();
  };

  auto* add = user->add_subcommand("add", c.text("user.cli.cmd_add"));
  username(add);
  add->add_option("--role", a.role, c.text("user.cli.opt_role"))->required();
  add->add_option("--province", a.provinces, c.text("user.cli.opt_province"));
  add->add_option("--entity", a.entity, c.text("user.cli.opt_entity"));
  add->add_option("--name", a.display_name, c.text("user.cli.opt_name"));
  add->add_flag("--password-stdin", a.password_stdin, c.text("user.cli.opt_password_stdin"));
  table.on(
      add, [&a](const CommandContext& x) { return add_user(x, a); },
      [&a](const CommandContext& x) { return check_user(x, a, true); });

  table.on(user->add_subcommand("list", c.text("user.cli.cmd_list")), list_users);

  auto* disable = user->add_subcommand("disable", c.text("user.cli.cmd_disable"));
  username(disable);
  table.on(disable, [&a](const CommandContext& x) { return enable_user(x, a.username, false); });

  auto* enable = user->add_subcommand("enable", c.text("user.cli.cmd_enable"));
  username(enable);
  table.on(enable, [&a](const CommandContext& x) { return enable_user(x, a.username, true); });

  auto* reset = user->add_subcommand("reset-password", c.text("user.cli.cmd_reset_password"));
  username(reset);
  reset->add_flag("--password-stdin", a.password_stdin, c.text("user.cli.opt_password_stdin"));
  table.on(
      reset, [&a](const CommandContext& x) { return reset_password(x, a); },
      [&a](const CommandContext& x) { return check_user(x, a, false); });

  auto* token = user->add_subcommand("token", c.text("user.cli.cmd_token"));
  username(token);
  token->add_option("--name", a.token_name, c.text("user.cli.opt_token_name"))->required();
  table.on(token, [&a](const CommandContext& x) { return issue_token(x, a); });
}

}  // namespace htx::cli
