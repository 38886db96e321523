// The accounts as the pages and the command line use them: the account service built over the
// request's database, who may manage users and read the audit log (accounts::AccessPolicy),
// users by name (not found), the checks a new account needs beyond its own rules (its entity is
// in the registry), and the audit log. A refusal is an Error whose kind decides the status.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/account_service.hpp"
#include "areas/caller.hpp"
#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "geo/geography.hpp"
#include "store/database.hpp"

namespace htx::areas {

class AccountsArea {
 public:
  using Now = std::function<std::chrono::system_clock::time_point()>;
  AccountsArea(store::Database& db, const accounts::AccessPolicy& access, const geo::Geography& geo,
               Now now, const accounts::SessionPolicy& policy, Caller caller);

  const Caller& caller() const { return caller_; }
  std::string actor() const { return caller_.actor(); }
  accounts::AccountService& service() { return service_; }

  bool can_manage_users() const { return access_.can_manage_users(caller_.principal); }
  bool can_view_audit() const { return access_.can_view_audit(caller_.principal); }

  // Each refuses a caller who may not manage users (forbidden).
  Result<std::vector<accounts::User>> users();
  // The user of a name: not found ("accounts.not_found").
  Result<accounts::User> user(std::string_view username);
  // A new account: the service's rules, and a cooperative's entity must be in the registry
  // (invalid on "entity_code", "user.unknown_entity").
  Result<accounts::User> add_user(const accounts::NewUser& user);
  Status disable_user(std::string_view username);
  Status enable_user(std::string_view username);
  Status reset_password(std::string_view username, std::string_view password);
  Result<std::string> issue_api_token(std::string_view username, std::string_view name);

  // The audit log, newest first (forbidden unless can_view_audit).
  Result<std::vector<audit::Entry>> audit(const audit::Filter& filter);

 private:
  Status may_manage() const;

  store::Database& db_;
  const accounts::AccessPolicy& access_;
  Caller caller_;
  accounts::AccountService service_;
};

}  // namespace htx::areas
