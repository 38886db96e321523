// Accounts (users, sessions, API tokens, failed sign-ins), written once for both backends over
// declared tables (store/record.hpp) and the statement runner (store/statement_runner.hpp). A
// user's provinces travel as a JSON array.
#include "store/record.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using accounts::ApiToken;
using accounts::Session;
using accounts::User;

const Table<User> kUsers{
    "app_user",
    {key<&User::id>(), column<&User::username>("username"),
     column<&User::display_name>("display_name"),
     code<&User::role, accounts::role_from_code, accounts::Role::kBuyer>("role"),
     column<&User::province_ids>("province_ids"), column<&User::entity_code>("entity_code"),
     column<&User::password_hash>("password_hash"), column<&User::disabled>("disabled"),
     column<&User::created_at>("created_at")}};

// Keyed by the hash of the token.
const Table<Session> kSessions{
    "user_session",
    {column<&Session::token_hash>("token_hash"), column<&Session::user_id>("user_id"),
     column<&Session::csrf_token>("csrf_token"), column<&Session::created_at>("created_at"),
     column<&Session::expires_at>("expires_at")}};

const Table<ApiToken> kTokens{
    "api_token",
    {key<&ApiToken::id>(), column<&ApiToken::token_hash>("token_hash"),
     column<&ApiToken::user_id>("user_id"), column<&ApiToken::name>("name"),
     column<&ApiToken::created_at>("created_at"), column<&ApiToken::revoked>("revoked")}};

class AccountStore final : public Store<accounts::AccountRepository> {
 public:
  using Store::Store;

  std::int64_t insert_user(const User& u) override { return users_.insert(u); }
  void update_user(const User& u) override { users_.update(u); }
  std::optional<User> find_user_by_name(std::string_view username) override {
    return user_by_name_.first({p(username)});
  }
  std::optional<User> find_user_by_id(std::int64_t id) override { return users_.find(id); }
  std::vector<User> list_users() override { return all_users_.all(); }
  std::int64_t count_users() override { return count("SELECT count(*) FROM app_user", {}); }

  void insert_session(const Session& x) override {
    r_.query(insert_session_, 0, kSessions.params(x));
  }
  std::optional<Session> find_session(std::string_view token_hash) override {
    return session_.first({p(token_hash)});
  }
  void update_session_expiry(std::string_view token_hash, std::string_view expires_at) override {
    r_.query(session_expiry_, 0, {p(token_hash), p(expires_at)});
  }
  void delete_session(std::string_view token_hash) override {
    r_.query(delete_session_, 0, {p(token_hash)});
  }
  void delete_sessions_of_user(std::int64_t user_id) override {
    r_.query(delete_sessions_of_, 0, {p(user_id)});
  }
  void delete_sessions_expired_before(std::string_view at) override {
    r_.query(delete_expired_, 0, {p(at)});
  }

  std::int64_t insert_token(const ApiToken& t) override { return tokens_.insert(t); }
  std::optional<ApiToken> find_token(std::string_view token_hash) override {
    return token_.first({p(token_hash)});
  }
  std::vector<ApiToken> tokens_of_user(std::int64_t user_id) override {
    return tokens_of_.all({p(user_id)});
  }
  void revoke_token(std::int64_t token_id) override { r_.query(revoke_token_, 0, {p(token_id)}); }

  void record_failed_login(std::string_view username, std::string_view remote,
                           std::string_view at) override {
    r_.query(insert_failed_, 0, {p(username), p(remote), p(at)});
  }
  int count_failed_logins(std::string_view username, std::string_view since) override {
    return static_cast<int>(count(count_failed_, {p(username), p(since)}));
  }
  void clear_failed_logins(std::string_view username) override {
    r_.query(clear_failed_, 0, {p(username)});
  }
  std::optional<std::string> last_failed_login(std::string_view username) override {
    return r_.query(last_failed_, 1, {p(username)}).at(0).at(0);
  }

 private:
  std::string sql(std::string_view text) const { return translate(text, d_); }
  std::int64_t count(std::string_view text, const Params& params) {
    return to_int(r_.query(text, 1, params).at(0).at(0));
  }

  const Records<User> users_{r_, d_, kUsers};
  const Query<User> user_by_name_ = users_.select("WHERE username = $1");
  // Byte order on both backends.
  const Query<User> all_users_ = users_.select("ORDER BY username COLLATE \"C\"");

  const std::string insert_session_ = sql(kSessions.insert());
  const Query<Session> session_ = select(r_, d_, kSessions, "WHERE token_hash = $1");
  const std::string session_expiry_ =
      sql("UPDATE user_session SET expires_at = $2 WHERE token_hash = $1");
  const std::string delete_session_ = sql("DELETE FROM user_session WHERE token_hash = $1");
  const std::string delete_sessions_of_ = sql("DELETE FROM user_session WHERE user_id = $1");
  const std::string delete_expired_ = sql("DELETE FROM user_session WHERE expires_at < $1");

  const Records<ApiToken> tokens_{r_, d_, kTokens};
  const Query<ApiToken> token_ = tokens_.select("WHERE token_hash = $1");
  const Query<ApiToken> tokens_of_ = tokens_.select("WHERE user_id = $1 ORDER BY id");
  const std::string revoke_token_ = sql("UPDATE api_token SET revoked = true WHERE id = $1");

  const std::string insert_failed_ =
      sql("INSERT INTO failed_login (username, remote, at) VALUES ($1, $2, $3)");
  const std::string count_failed_ =
      sql("SELECT count(*) FROM failed_login WHERE username = $1 AND at >= $2");
  const std::string clear_failed_ = sql("DELETE FROM failed_login WHERE username = $1");
  const std::string last_failed_ = sql("SELECT max(at) FROM failed_login WHERE username = $1");
};

}  // namespace

HTX_STORE_OF(accounts::AccountRepository, AccountStore)

}  // namespace htx::store::sql
