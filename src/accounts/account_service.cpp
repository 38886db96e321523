#include "accounts/account_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/data_file.hpp"
#include "core/text.hpp"

namespace htx::accounts {

namespace {

// OWASP's argon2id parameters: t=2, m=19 MiB, p=1 (libsodium always uses one lane).
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19u * 1024u * 1024u;
constexpr int kMaxUsername = 32;
constexpr int kMinUsername = 3;
// Pushing a session's expiry forward is a write: only when it moves by more than this.
constexpr auto kExpiryResolution = std::chrono::minutes(1);

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw InfrastructureError("libsodium: initialisation failed");
  });
}

std::string to_hex(const unsigned char* bytes, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();  // the terminating NUL
  return out;
}

using TimePoint = std::chrono::system_clock::time_point;

// The user as the audit log shows it: never the password hash.
std::string audit_json(const User& u) {
  nlohmann::json j = {{"id", u.id},
                      {"username", u.username},
                      {"display_name", u.display_name},
                      {"role", std::string(to_code(u.role))},
                      {"province_ids", u.province_ids},
                      {"entity_code", u.entity_code},
                      {"disabled", u.disabled},
                      {"created_at", u.created_at}};
  return j.dump();
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

// A valid argon2id hash of a password nobody knows, with the same parameters as real ones:
// verified against when the username is unknown, so that the answer takes as long.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("htx: no such user, no such password");
  return hash;
}

Error bad_credentials() { return Error("accounts.bad_credentials"); }

// Passwords are hashed in NFC, so that "mật khẩu" typed composed or decomposed (keyboards and
// systems differ) is the same password.
std::string normalized(std::string_view password) {
  if (!text::is_valid_utf8(password)) return std::string(password);
  return text::to_nfc(password);
}

}  // namespace

std::string format_timestamp(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// "2026-11-29T08:00:00Z" -> time point; nullopt if the text is not in that form.
std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view s) {
  if (s.size() < 19) return std::nullopt;
  std::tm tm{};
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, se;
  if (!num(0, 4, y) || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d) ||
      (s[10] != 'T' && s[10] != ' ') || !num(11, 2, h) || s[13] != ':' || !num(14, 2, mi) ||
      s[16] != ':' || !num(17, 2, se))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = se;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  const auto pw = normalized(password);
  if (crypto_pwhash_str_alg(out, pw.data(), pw.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw InfrastructureError("libsodium: out of memory hashing a password");
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  // crypto_pwhash_str_verify wants a NUL-terminated string of at most STRBYTES.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  char buf[crypto_pwhash_STRBYTES] = {};
  hash.copy(buf, hash.size());
  const auto pw = normalized(password);
  return crypto_pwhash_str_verify(buf, pw.data(), pw.size()) == 0;
}

std::string token_hash(std::string_view token) {
  ensure_sodium();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return to_hex(out, sizeof out);
}

std::string random_token() {
  ensure_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return to_hex(bytes, sizeof bytes);
}

Status check_username(std::string_view username) {
  auto n = static_cast<int>(username.size());
  bool ok = n >= kMinUsername && n <= kMaxUsername;
  for (char ch : username)
    ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
                ch == '-');
  if (!ok)
    return Error::invalid("username", "accounts.bad_username",
                          {{"username", std::string(username)}});
  return Ok{};
}

Status check_password(std::string_view password, int min_length) {
  if (code_points(normalized(password)) < static_cast<std::size_t>(std::max(min_length, 1)))
    return Error::invalid("password", "accounts.weak_password",
                          {{"min", std::to_string(min_length)}});
  return Ok{};
}

SessionPolicy SessionPolicy::load(const std::filesystem::path& data_dir) {
  const auto path = data_dir / "accounts" / "parameters.csv";
  const auto values = data_file::parameters(path);
  auto number = [&](const char* name) {
    auto it = values.find(name);
    if (it == values.end())
      throw InfrastructureError(path.string() + ": the parameter " + name + " is missing");
    return data_file::whole(it->second, path, name, true);
  };
  SessionPolicy p;
  p.min_password_length = static_cast<int>(number("min_password_length"));
  p.idle = std::chrono::minutes(number("session_idle_minutes"));
  p.max_failures = static_cast<int>(number("max_failed_sign_ins"));
  p.window = std::chrono::minutes(number("failure_window_minutes"));
  p.lockout = std::chrono::minutes(number("lockout_minutes"));
  return p;
}

AccountService::AccountService(AccountRepository& repo, audit::AuditLog& audit,
                               TransactionManager& tx,
                               std::function<std::chrono::system_clock::time_point()> now,
                               std::function<bool(std::string_view)> valid_province,
                               SessionPolicy policy)
    : repo_(repo),
      audit_(audit),
      tx_(tx),
      now_(std::move(now)),
      valid_province_(std::move(valid_province)),
      policy_(policy) {
  ensure_sodium();
}

std::string AccountService::now_iso() const { return format_timestamp(now_()); }

Result<User> AccountService::add_user(const NewUser& n, std::string_view actor) {
  if (auto s = check_username(n.username); !s) return s.error();
  const bool fund_role = n.role == Role::kFundStaff || n.role == Role::kFundApprover;
  if (n.role == Role::kProvincialStaff || (fund_role && !n.province_ids.empty())) {
    if (n.province_ids.empty()) return Error::invalid("province_ids", "accounts.province_required");
    for (const auto& p : n.province_ids)
      if (!valid_province_ || !valid_province_(p))
        return Error::invalid("province_ids", "accounts.bad_province", {{"province", p}});
  } else if (!n.province_ids.empty()) {
    return Error::invalid("province_ids", "accounts.province_not_allowed",
                          {{"role", std::string(to_code(n.role))}});
  }
  // A cooperative's account names its entity (the registry's code), a buyer's its buyer (the
  // exchange's code; one without reaches no buyer's records); no other role has one.
  if (n.role == Role::kCooperative) {
    if (n.entity_code.empty()) return Error::invalid("entity_code", "accounts.entity_required");
  } else if (n.role != Role::kBuyer && !n.entity_code.empty()) {
    return Error::invalid("entity_code", "accounts.entity_not_allowed",
                          {{"role", std::string(to_code(n.role))}});
  }
  if (auto s = check_password(n.password, policy_.min_password_length); !s) return s.error();
  if (repo_.find_user_by_name(n.username))
    return Error::conflict("accounts.username_taken", {{"username", n.username}}).on("username");

  User u;
  u.username = n.username;
  u.display_name = n.display_name;
  u.role = n.role;
  u.province_ids = n.province_ids;
  u.entity_code = n.entity_code;
  u.password_hash = hash_password(n.password);  // slow: outside the transaction
  u.created_at = now_iso();

  Transaction tx(tx_);
  // Checked again inside the transaction: another process may have added it meanwhile.
  if (repo_.find_user_by_name(n.username))
    return Error::conflict("accounts.username_taken", {{"username", n.username}}).on("username");
  u.id = repo_.insert_user(u);
  audit_.append(
      {0, u.created_at, std::string(actor), "user.add", "user", u.username, "", audit_json(u)});
  tx.commit();
  return u;
}

Status AccountService::set_disabled(std::string_view username, bool disabled,
                                    std::string_view actor) {
  Transaction tx(tx_);
  auto u = repo_.find_user_by_name(username);
  if (!u) return Error::not_found("accounts.not_found", {{"username", std::string(username)}});
  if (u->disabled == disabled) return Ok{};
  auto before = audit_json(*u);
  u->disabled = disabled;
  repo_.update_user(*u);
  if (disabled)
    repo_.delete_sessions_of_user(u->id);  // signed out everywhere
  else
    repo_.clear_failed_logins(u->username);  // a fresh start for sign-in
  audit_.append({0, now_iso(), std::string(actor), disabled ? "user.disable" : "user.enable",
                 "user", u->username, before, audit_json(*u)});
  tx.commit();
  return Ok{};
}

Status AccountService::disable_user(std::string_view username, std::string_view actor) {
  return set_disabled(username, true, actor);
}

Status AccountService::enable_user(std::string_view username, std::string_view actor) {
  return set_disabled(username, false, actor);
}

Status AccountService::reset_password(std::string_view username, std::string_view new_password,
                                      std::string_view actor) {
  if (!repo_.find_user_by_name(username))
    return Error::not_found("accounts.not_found", {{"username", std::string(username)}});
  if (auto s = check_password(new_password, policy_.min_password_length); !s) return s;
  auto hash = hash_password(new_password);  // slow: outside the transaction

  Transaction tx(tx_);
  auto u = repo_.find_user_by_name(username);
  if (!u) return Error::not_found("accounts.not_found", {{"username", std::string(username)}});
  u->password_hash = std::move(hash);
  repo_.update_user(*u);
  repo_.delete_sessions_of_user(u->id);
  repo_.clear_failed_logins(u->username);
  auto json = audit_json(*u);
  audit_.append(
      {0, now_iso(), std::string(actor), "user.reset_password", "user", u->username, json, json});
  tx.commit();
  return Ok{};
}

std::vector<User> AccountService::list_users() { return repo_.list_users(); }

Result<SignedIn> AccountService::sign_in(std::string_view username, std::string_view password,
                                         std::string_view remote) {
  const auto now = now_();
  const auto at = format_timestamp(now);

  if (auto refused = throttled(username, now)) return *refused;

  auto user = repo_.find_user_by_name(username);
  // Always one argon2id verification, whether the user exists or not.
  bool good =
      verify_password(user ? std::string_view(user->password_hash) : dummy_hash(), password);
  if (!user || !good || user->disabled) {
    Transaction tx(tx_);
    repo_.record_failed_login(username, remote, at);
    tx.commit();
    auto e = bad_credentials();
    e.detail = !user ? "unknown user" : !good ? "wrong password" : "disabled user";
    return e;
  }

  SignedIn out;
  out.token = random_token();
  out.session.token_hash = token_hash(out.token);
  out.session.user_id = user->id;
  out.session.csrf_token = random_token();
  out.session.created_at = at;
  out.session.expires_at = format_timestamp(now + policy_.idle);
  out.user = *user;

  Transaction tx(tx_);
  repo_.clear_failed_logins(user->username);
  repo_.delete_sessions_expired_before(at);  // sweep: keeps the table to the live sessions
  repo_.insert_session(out.session);
  nlohmann::json after = {{"remote", std::string(remote)}, {"expires_at", out.session.expires_at}};
  audit_.append({0, at, user->username, "user.sign_in", "user", user->username, "", after.dump()});
  tx.commit();
  return out;
}

std::optional<std::pair<Session, User>> AccountService::resolve_session(std::string_view token) {
  if (token.empty()) return std::nullopt;
  auto session = repo_.find_session(token_hash(token));
  if (!session) return std::nullopt;
  const auto now = now_();
  auto expires = parse_timestamp(session->expires_at);
  if (!expires || *expires <= now) return std::nullopt;
  auto user = repo_.find_user_by_id(session->user_id);
  if (!user || user->disabled) return std::nullopt;
  auto pushed = now + policy_.idle;
  if (pushed - *expires > kExpiryResolution) {
    session->expires_at = format_timestamp(pushed);
    // One statement, no audit entry: its own (autocommitted) transaction is enough.
    repo_.update_session_expiry(session->token_hash, session->expires_at);
  }
  return std::make_pair(std::move(*session), std::move(*user));
}

void AccountService::sign_out(std::string_view token) {
  if (token.empty()) return;
  auto hash = token_hash(token);
  Transaction tx(tx_);
  auto session = repo_.find_session(hash);
  if (!session) return;
  repo_.delete_session(hash);
  auto user = repo_.find_user_by_id(session->user_id);
  std::string name = user ? user->username : std::to_string(session->user_id);
  audit_.append({0, now_iso(), name, "user.sign_out", "user", name, "", ""});
  tx.commit();
}

Result<std::string> AccountService::issue_api_token(std::string_view username,
                                                    std::string_view name, std::string_view actor) {
  Transaction tx(tx_);
  auto user = repo_.find_user_by_name(username);
  if (!user) return Error::not_found("accounts.not_found", {{"username", std::string(username)}});
  std::string token = random_token();
  ApiToken t;
  t.token_hash = token_hash(token);
  t.user_id = user->id;
  t.name = std::string(name);
  t.created_at = now_iso();
  t.id = repo_.insert_token(t);
  nlohmann::json after = {{"token_id", t.id}, {"name", t.name}};
  audit_.append({0, t.created_at, std::string(actor), "user.token", "user", user->username, "",
                 after.dump()});
  tx.commit();
  return token;
}

std::optional<Error> AccountService::throttled(std::string_view key,
                                               std::chrono::system_clock::time_point now) {
  // Throttling: max_failures within `window` lock the key for `lockout` from the last of them.
  // While locked the password or token is not even checked (and nothing is recorded, so the
  // lock ends on time).
  if (policy_.max_failures <= 0) return std::nullopt;
  std::optional<TimePoint> locked_until;
  if (auto last = repo_.last_failed_login(key)) {
    if (auto last_at = parse_timestamp(*last); last_at && *last_at + policy_.lockout > now) {
      if (repo_.count_failed_logins(key, format_timestamp(*last_at - policy_.window)) >=
          policy_.max_failures)
        locked_until = *last_at + policy_.lockout;
    }
  } else if (repo_.count_failed_logins(key, format_timestamp(now - policy_.window)) >=
             policy_.max_failures) {
    locked_until = now + policy_.window;  // the repository cannot tell when: a whole window
  }
  if (!locked_until) return std::nullopt;
  auto left = std::chrono::ceil<std::chrono::minutes>(*locked_until - now).count();
  return Error::of(ErrorKind::kThrottled, "accounts.throttled",
                   {{"minutes", std::to_string(left < 1 ? 1 : left)}},
                   "attempts of " + std::string(key) + " throttled");
}

Result<User> AccountService::authenticate_api_token(std::string_view token,
                                                    std::string_view remote) {
  const auto now = now_();
  const std::string key = "token@" + std::string(remote);
  if (auto refused = throttled(key, now)) return *refused;
  if (auto user = resolve_api_token(token)) return *user;
  Transaction tx(tx_);
  repo_.record_failed_login(key, remote, format_timestamp(now));
  tx.commit();
  return Error::not_found("api.bad_token");
}

std::optional<User> AccountService::resolve_api_token(std::string_view token) {
  if (token.empty()) return std::nullopt;
  auto t = repo_.find_token(token_hash(token));
  if (!t || t->revoked) return std::nullopt;
  auto user = repo_.find_user_by_id(t->user_id);
  if (!user || user->disabled) return std::nullopt;
  return user;
}

}  // namespace htx::accounts
