// Accounts (users, sessions, API tokens, failed sign-ins), written once for both backends over the
// statement runner (see store/statement_runner.hpp). A user's provinces travel as a JSON array.
#include <nlohmann/json.hpp>

#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using accounts::ApiToken;
using accounts::Session;
using accounts::User;

constexpr std::string_view kUserColumns =
    "id, username, display_name, role, province_ids::text, entity_code, password_hash, "
    "disabled, created_at";
constexpr std::string_view kTokenColumns = "id, token_hash, user_id, name, created_at, revoked";

std::vector<std::string> province_ids_of(const std::string& json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

// $1..$8 of the insert and the update.
Params user_params(const User& u) {
  return {p(u.username),
          p(u.display_name),
          p(accounts::to_code(u.role)),
          nlohmann::json(u.province_ids).dump(),
          p(u.entity_code),
          p(u.password_hash),
          p(u.disabled),
          p(u.created_at)};
}

User read_user(const Row& r) {
  User u;
  u.id = to_int(r[0]);
  u.username = to_text(r[1]);
  u.display_name = to_text(r[2]);
  u.role = accounts::role_from_code(to_text(r[3])).value_or(accounts::Role::kBuyer);
  u.province_ids = province_ids_of(to_text(r[4]));
  u.entity_code = to_text(r[5]);
  u.password_hash = to_text(r[6]);
  u.disabled = to_bool(r[7]);
  u.created_at = to_text(r[8]);
  return u;
}

Session read_session(const Row& r) {
  Session x;
  x.token_hash = to_text(r[0]);
  x.user_id = to_int(r[1]);
  x.csrf_token = to_text(r[2]);
  x.created_at = to_text(r[3]);
  x.expires_at = to_text(r[4]);
  return x;
}

ApiToken read_token(const Row& r) {
  ApiToken t;
  t.id = to_int(r[0]);
  t.token_hash = to_text(r[1]);
  t.user_id = to_int(r[2]);
  t.name = to_text(r[3]);
  t.created_at = to_text(r[4]);
  t.revoked = to_bool(r[5]);
  return t;
}

std::string select(std::string_view columns, std::string_view rest) {
  return "SELECT " + std::string(columns) + " " + std::string(rest);
}

class AccountStore final : public accounts::AccountRepository {
 public:
  AccountStore(Runner& r, Dialect d) : r_(r), d_(d) {}

  std::int64_t insert_user(const User& u) override {
    return id_of(r_.query(insert_user_, 1, user_params(u)));
  }
  void update_user(const User& u) override {
    auto params = user_params(u);
    params.push_back(p(u.id));
    r_.query(update_user_, 0, params);
  }
  std::optional<User> find_user_by_name(std::string_view username) override {
    return first<User>(r_.query(user_by_name_, 9, {p(username)}), read_user);
  }
  std::optional<User> find_user_by_id(std::int64_t id) override {
    return first<User>(r_.query(user_by_id_, 9, {p(id)}), read_user);
  }
  std::vector<User> list_users() override { return all<User>(r_.query(users_, 9, {}), read_user); }
  std::int64_t count_users() override {
    return to_int(r_.query("SELECT count(*) FROM app_user", 1, {}).at(0).at(0));
  }

  void insert_session(const Session& x) override {
    r_.query(insert_session_, 0,
             {p(x.token_hash), p(x.user_id), p(x.csrf_token), p(x.created_at), p(x.expires_at)});
  }
  std::optional<Session> find_session(std::string_view token_hash) override {
    return first<Session>(r_.query(session_, 5, {p(token_hash)}), read_session);
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

  std::int64_t insert_token(const ApiToken& t) override {
    return id_of(
        r_.query(insert_token_, 1,
                 {p(t.token_hash), p(t.user_id), p(t.name), p(t.created_at), p(t.revoked)}));
  }
  std::optional<ApiToken> find_token(std::string_view token_hash) override {
    return first<ApiToken>(r_.query(token_, 6, {p(token_hash)}), read_token);
  }
  std::vector<ApiToken> tokens_of_user(std::int64_t user_id) override {
    return all<ApiToken>(r_.query(tokens_of_, 6, {p(user_id)}), read_token);
  }
  void revoke_token(std::int64_t token_id) override { r_.query(revoke_token_, 0, {p(token_id)}); }

  void record_failed_login(std::string_view username, std::string_view remote,
                           std::string_view at) override {
    r_.query(insert_failed_, 0, {p(username), p(remote), p(at)});
  }
  int count_failed_logins(std::string_view username, std::string_view since) override {
    return static_cast<int>(
        to_int(r_.query(count_failed_, 1, {p(username), p(since)}).at(0).at(0)));
  }
  void clear_failed_logins(std::string_view username) override {
    r_.query(clear_failed_, 0, {p(username)});
  }
  std::optional<std::string> last_failed_login(std::string_view username) override {
    return r_.query(last_failed_, 1, {p(username)}).at(0).at(0);
  }

 private:
  std::string sql(std::string_view text) const { return translate(text, d_); }

  Runner& r_;
  Dialect d_;
  const std::string insert_user_ =
      sql("INSERT INTO app_user (username, display_name, role, province_ids, entity_code, "
          "password_hash, disabled, created_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8) "
          "RETURNING id");
  const std::string update_user_ = sql(
      "UPDATE app_user SET username = $1, display_name = $2, role = $3, province_ids = $4::jsonb, "
      "entity_code = $5, password_hash = $6, disabled = $7, created_at = $8 WHERE id = $9");
  const std::string user_by_name_ = sql(select(kUserColumns, "FROM app_user WHERE username = $1"));
  const std::string user_by_id_ = sql(select(kUserColumns, "FROM app_user WHERE id = $1"));
  // Byte order on both backends.
  const std::string users_ =
      sql(select(kUserColumns, "FROM app_user ORDER BY username COLLATE \"C\""));
  const std::string insert_session_ =
      sql("INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, expires_at) "
          "VALUES ($1, $2, $3, $4, $5)");
  const std::string session_ =
      sql("SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM user_session "
          "WHERE token_hash = $1");
  const std::string session_expiry_ =
      sql("UPDATE user_session SET expires_at = $2 WHERE token_hash = $1");
  const std::string delete_session_ = sql("DELETE FROM user_session WHERE token_hash = $1");
  const std::string delete_sessions_of_ = sql("DELETE FROM user_session WHERE user_id = $1");
  const std::string delete_expired_ = sql("DELETE FROM user_session WHERE expires_at < $1");
  const std::string insert_token_ =
      sql("INSERT INTO api_token (token_hash, user_id, name, created_at, revoked) "
          "VALUES ($1, $2, $3, $4, $5) RETURNING id");
  const std::string token_ = sql(select(kTokenColumns, "FROM api_token WHERE token_hash = $1"));
  const std::string tokens_of_ =
      sql(select(kTokenColumns, "FROM api_token WHERE user_id = $1 ORDER BY id"));
  const std::string revoke_token_ = sql("UPDATE api_token SET revoked = true WHERE id = $1");
  const std::string insert_failed_ =
      sql("INSERT INTO failed_login (username, remote, at) VALUES ($1, $2, $3)");
  const std::string count_failed_ =
      sql("SELECT count(*) FROM failed_login WHERE username = $1 AND at >= $2");
  const std::string clear_failed_ = sql("DELETE FROM failed_login WHERE username = $1");
  const std::string last_failed_ = sql("SELECT max(at) FROM failed_login WHERE username = $1");
};

}  // namespace

std::unique_ptr<accounts::AccountRepository> make_account_repository(Runner& runner,
                                                                     Dialect dialect) {
  return std::make_unique<AccountStore>(runner, dialect);
}

}  // namespace htx::store::sql
