// Accounts as the web layer and the CLI use them: adding users, signing in with throttling,
// sessions with CSRF tokens, API tokens. Every change is written to the audit log.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accounts/account_repository.hpp"
#include "accounts/user.hpp"
#include "audit/audit_log.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/transaction.hpp"

namespace htx::accounts {

// argon2id through libsodium (crypto_pwhash_str_alg, OWASP parameters: 19 MiB, t=2).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);
// Hex of BLAKE2b-256 (crypto_generichash) of a session or API token.
std::string token_hash(std::string_view token);
// 32 random bytes, hex (64 characters).
std::string random_token();
// UTC timestamps as stored: "2026-11-29T08:00:00Z" (whole seconds).
std::string format_timestamp(std::chrono::system_clock::time_point t);
std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view text);

// The rules of add_user, for callers that check input before asking for more (the CLI checks
// the password before asking for it again). Username: 3 to 32 of [a-z0-9._-]; password: at
// least `min_length` characters (code points, after NFC; SessionPolicy::min_password_length).
Status check_username(std::string_view username);
Status check_password(std::string_view password, int min_length);

// Error keys (catalogue "accounts.*"): accounts.bad_username, accounts.username_taken,
// accounts.weak_password (shorter than the policy's minimum, {min}), accounts.bad_role,
// accounts.province_required (provincial staff without a province), accounts.bad_province,
// accounts.entity_required (cooperative account without an entity code),
// accounts.province_not_allowed / accounts.entity_not_allowed (given for a role that has none),
// accounts.not_found, accounts.bad_credentials (unknown user, wrong password or disabled:
// one message, so nobody learns which), accounts.throttled ({minutes}).
struct NewUser {
  std::string username;
  std::string display_name;
  Role role = Role::kNationalStaff;
  std::vector<std::string> province_ids;
  std::string entity_code;
  std::string password;
};

struct SignedIn {
  std::string token;  // goes into the session cookie; only its hash is stored
  Session session;
  User user;
};

// Passwords, sessions and sign-in throttling. The program reads them from
// data/accounts/parameters.csv (load), which names the source of each; the values here are that
// file's, for the tests that build a service without it.
struct SessionPolicy {
  int min_password_length = 12;       // code points
  std::chrono::minutes idle{8 * 60};  // expires after this long without use
  int max_failures = 5;               // failed sign-ins within `window` ...
  std::chrono::minutes window{15};    // ... lock the username for `lockout`
  std::chrono::minutes lockout{15};

  // data_dir/accounts/parameters.csv; a missing or bad value is an InfrastructureError naming
  // the file and the parameter.
  static SessionPolicy load(const std::filesystem::path& data_dir);
};

class AccountService {
 public:
  // now: returns the current UTC time as an ISO timestamp ("2026-11-29T08:00:00Z"); injected
  // so tests control expiry and throttling. valid_province: whether a province id exists.
  AccountService(AccountRepository& repo, audit::AuditLog& audit, TransactionManager& tx,
                 std::function<std::chrono::system_clock::time_point()> now,
                 std::function<bool(std::string_view)> valid_province, SessionPolicy policy = {});

  Result<User> add_user(const NewUser& user, std::string_view actor);
  Status disable_user(std::string_view username, std::string_view actor);
  Status enable_user(std::string_view username, std::string_view actor);
  Status reset_password(std::string_view username, std::string_view new_password,
                        std::string_view actor);  // also ends the user's sessions
  std::vector<User> list_users();

  // Checks the password (throttled per username), creates a session.
  Result<SignedIn> sign_in(std::string_view username, std::string_view password,
                           std::string_view remote);
  // The session and its user, if the token is known, not expired and the user not disabled;
  // pushes the idle expiry forward.
  std::optional<std::pair<Session, User>> resolve_session(std::string_view token);
  void sign_out(std::string_view token);

  // A new API token for the user (returned once, in clear).
  Result<std::string> issue_api_token(std::string_view username, std::string_view name,
                                      std::string_view actor);
  std::optional<User> resolve_api_token(std::string_view token);
  // resolve_api_token for a request from `remote`, throttled as sign-ins are (ASVS 2.2.1): a
  // token that resolves to nobody counts as a failure of "token@<remote>", and max_failures of
  // them within `window` refuse that address's tokens, good or bad, for `lockout`
  // (accounts.throttled). An unknown token is not_found (api.bad_token).
  Result<User> authenticate_api_token(std::string_view token, std::string_view remote);

 private:
  std::string now_iso() const;
  // The refusal of `key`'s attempts while its failures lock it (sign-in or token), else none.
  std::optional<Error> throttled(std::string_view key, std::chrono::system_clock::time_point now);
  // What disable_user and enable_user share: the change, its audit entry, its side effect.
  Status set_disabled(std::string_view username, bool disabled, std::string_view actor);

  AccountRepository& repo_;
  audit::AuditLog& audit_;
  TransactionManager& tx_;
  std::function<std::chrono::system_clock::time_point()> now_;
  std::function<bool(std::string_view)> valid_province_;
  SessionPolicy policy_;
};

}  // namespace htx::accounts
