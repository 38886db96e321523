#include "cli/user_commands.hpp"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>

#include "accounts/account_service.hpp"
#include "cli/refusal.hpp"
#include "core/date.hpp"
#include "core/text.hpp"

namespace htx::cli {

namespace {

// Display width of UTF-8 text, counting code points (Vietnamese in NFC is one each).
std::size_t width_of(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

std::string pad(const std::string& s, std::size_t width) {
  auto n = width_of(s);
  return n >= width ? s : s + std::string(width - n, ' ');
}

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

accounts::AccountService make_service(store::Database& db, const geo::Geography& geo) {
  return accounts::AccountService(
      db.accounts(), db.audit(), db, cli_now,
      [&geo](std::string_view id) { return geo.province(id) != nullptr; });
}

}  // namespace

void UserCommands::add_to(CLI::App& app, const i18n::Catalog& c) {
  user_ = app.add_subcommand("user", c.text("cli.cmd_user"));
  user_->require_subcommand(1);

  add_ = user_->add_subcommand("add", c.text("user.cli.cmd_add"));
  add_->add_option("USERNAME", username_, c.text("user.cli.arg_username"))->required();
  add_->add_option("--role", role_, c.text("user.cli.opt_role"))->required();
  add_->add_option("--province", provinces_, c.text("user.cli.opt_province"));
  add_->add_option("--entity", entity_, c.text("user.cli.opt_entity"));
  add_->add_option("--name", display_name_, c.text("user.cli.opt_name"));
  add_->add_flag("--password-stdin", password_stdin_, c.text("user.cli.opt_password_stdin"));

  list_ = user_->add_subcommand("list", c.text("user.cli.cmd_list"));

  disable_ = user_->add_subcommand("disable", c.text("user.cli.cmd_disable"));
  disable_->add_option("USERNAME", username_, c.text("user.cli.arg_username"))->required();

  enable_ = user_->add_subcommand("enable", c.text("user.cli.cmd_enable"));
  enable_->add_option("USERNAME", username_, c.text("user.cli.arg_username"))->required();

  reset_ = user_->add_subcommand("reset-password", c.text("user.cli.cmd_reset_password"));
  reset_->add_option("USERNAME", username_, c.text("user.cli.arg_username"))->required();
  reset_->add_flag("--password-stdin", password_stdin_, c.text("user.cli.opt_password_stdin"));

  token_ = user_->add_subcommand("token", c.text("user.cli.cmd_token"));
  token_->add_option("USERNAME", username_, c.text("user.cli.arg_username"))->required();
  token_->add_option("--name", token_name_, c.text("user.cli.opt_token_name"))->required();
}

bool UserCommands::chosen() const { return user_ && *user_; }

int UserCommands::prepare(const i18n::Catalog& c, const geo::Geography& geo) {
  if (*add_) {
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
  if (!*add_ && !*reset_) return kOk;

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
  auto service = make_service(db, geo);

  if (*add_) {
    accounts::NewUser n;
    n.username = username_;
    n.display_name = std::string(text::trim(display_name_));
    n.role = *accounts::role_from_code(text::trim(role_));
    n.province_ids = province_ids_;
    n.entity_code = std::string(text::trim(entity_));
    n.password = password_;
    if (!n.entity_code.empty() && !db.registry().find_by_code(n.entity_code))
      return refuse(c, Error("user.unknown_entity", {{"code", n.entity_code}}), kRefused);
    auto added = service.add_user(n, actor);
    if (!added) return refuse(c, added.error());
    std::cout << c.text("user.added", {{"username", added->username},
                                       {"role", std::string(accounts::to_code(added->role))}})
              << "\n";
    return kOk;
  }

  if (*list_) {
    auto users = service.list_users();
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
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& r : rows)
      for (std::size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], width_of(r[i]));
    for (const auto& r : rows) {
      std::string line;
      for (std::size_t i = 0; i < r.size(); ++i)
        line += i + 1 < r.size() ? pad(r[i], widths[i]) + "  " : r[i];
      while (!line.empty() && line.back() == ' ') line.pop_back();
      std::cout << line << "\n";
    }
    return kOk;
  }

  if (*disable_ || *enable_) {
    auto done =
        *disable_ ? service.disable_user(username_, actor) : service.enable_user(username_, actor);
    if (!done) return refuse(c, done.error());
    std::cout << c.text(*disable_ ? "user.disabled_done" : "user.enabled_done",
                        {{"username", username_}})
              << "\n";
    return kOk;
  }

  if (*reset_) {
    auto done = service.reset_password(username_, password_, actor);
    if (!done) return refuse(c, done.error());
    std::cout << c.text("user.password_reset", {{"username", username_}}) << "\n";
    return kOk;
  }

  if (*token_) {
    auto token = service.issue_api_token(username_, token_name_, actor);
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
