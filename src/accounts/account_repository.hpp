// Storage of accounts, sessions, API tokens and failed sign-ins; implemented by each backend
// under src/store/ and checked by one contract suite (tests/store/accounts_contract_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/user.hpp"

namespace htx::accounts {

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  // Users. insert_user returns the new id; the username must be new (else InfrastructureError
  // from the unique constraint: callers check find_user_by_name first).
  virtual std::int64_t insert_user(const User& user) = 0;
  virtual void update_user(const User& user) = 0;  // every field of user.id
  virtual std::optional<User> find_user_by_name(std::string_view username) = 0;
  virtual std::optional<User> find_user_by_id(std::int64_t id) = 0;
  virtual std::vector<User> list_users() = 0;  // by username
  virtual std::int64_t count_users() = 0;

  // Sessions.
  virtual void insert_session(const Session& session) = 0;
  virtual std::optional<Session> find_session(std::string_view token_hash) = 0;
  virtual void update_session_expiry(std::string_view token_hash, std::string_view expires_at) = 0;
  virtual void delete_session(std::string_view token_hash) = 0;
  virtual void delete_sessions_of_user(std::int64_t user_id) = 0;
  virtual void delete_sessions_expired_before(std::string_view at) = 0;

  // API tokens.
  virtual std::int64_t insert_token(const ApiToken& token) = 0;
  virtual std::optional<ApiToken> find_token(std::string_view token_hash) = 0;
  virtual std::vector<ApiToken> tokens_of_user(std::int64_t user_id) = 0;
  virtual void revoke_token(std::int64_t token_id) = 0;

  // Failed sign-ins, for throttling: one row per failure.
  virtual void record_failed_login(std::string_view username, std::string_view remote,
                                   std::string_view at) = 0;
  // Failures for this username since `since` (ISO timestamp), from any address.
  virtual int count_failed_logins(std::string_view username, std::string_view since) = 0;
  virtual void clear_failed_logins(std::string_view username) = 0;
  // The time of the username's latest failure (ISO timestamp), if any; the lockout runs from
  // it. The default (for repositories that cannot tell) makes the lockout last `window`.
  virtual std::optional<std::string> last_failed_login(std::string_view username) {
    return std::nullopt;
  }
};

}  // namespace htx::accounts
