// In-memory stand-ins for the account service's collaborators: a repository that counts its
// writes, an audit log, a transaction manager that refuses nesting like the real backends, and
// a clock the test moves.
#pragma once

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "accounts/account_repository.hpp"
#include "audit/audit_log.hpp"
#include "core/transaction.hpp"

namespace htx::accounts::testing {

class FakeRepository final : public AccountRepository {
 public:
  std::int64_t insert_user(const User& u) override {
    for (auto& [id, v] : users)
      if (v.username == u.username) throw std::runtime_error("unique username");
    auto copy = u;
    copy.id = ++next_id;
    users[copy.id] = copy;
    return copy.id;
  }
  void update_user(const User& u) override { users.at(u.id) = u; }
  std::optional<User> find_user_by_name(std::string_view name) override {
    ++user_reads;
    for (auto& [id, u] : users)
      if (u.username == name) return u;
    return std::nullopt;
  }
  std::optional<User> find_user_by_id(std::int64_t id) override {
    auto it = users.find(id);
    if (it == users.end()) return std::nullopt;
    return it->second;
  }
  std::vector<User> list_users() override {
    std::vector<User> out;
    for (auto& [id, u] : users) out.push_back(u);
    std::sort(out.begin(), out.end(),
              [](const User& a, const User& b) { return a.username < b.username; });
    return out;
  }
  std::int64_t count_users() override { return static_cast<std::int64_t>(users.size()); }

  void insert_session(const Session& s) override { sessions[s.token_hash] = s; }
  std::optional<Session> find_session(std::string_view h) override {
    auto it = sessions.find(std::string(h));
    if (it == sessions.end()) return std::nullopt;
    return it->second;
  }
  void update_session_expiry(std::string_view h, std::string_view at) override {
    ++expiry_updates;
    sessions.at(std::string(h)).expires_at = std::string(at);
  }
  void delete_session(std::string_view h) override { sessions.erase(std::string(h)); }
  void delete_sessions_of_user(std::int64_t id) override {
    std::erase_if(sessions, [id](const auto& kv) { return kv.second.user_id == id; });
  }
  void delete_sessions_expired_before(std::string_view at) override {
    std::erase_if(sessions, [at](const auto& kv) { return kv.second.expires_at < at; });
  }

  std::int64_t insert_token(const ApiToken& t) override {
    auto copy = t;
    copy.id = ++next_id;
    tokens[copy.id] = copy;
    return copy.id;
  }
  std::optional<ApiToken> find_token(std::string_view h) override {
    for (auto& [id, t] : tokens)
      if (t.token_hash == h) return t;
    return std::nullopt;
  }
  std::vector<ApiToken> tokens_of_user(std::int64_t user_id) override {
    std::vector<ApiToken> out;
    for (auto& [id, t] : tokens)
      if (t.user_id == user_id) out.push_back(t);
    return out;
  }
  void revoke_token(std::int64_t id) override { tokens.at(id).revoked = true; }

  void record_failed_login(std::string_view u, std::string_view remote,
                           std::string_view at) override {
    failures.push_back({std::string(u), std::string(remote), std::string(at)});
  }
  int count_failed_logins(std::string_view u, std::string_view since) override {
    return static_cast<int>(std::count_if(failures.begin(), failures.end(), [&](const auto& f) {
      return f.username == u && f.at >= since;
    }));
  }
  void clear_failed_logins(std::string_view u) override {
    std::erase_if(failures, [u](const auto& f) { return f.username == u; });
  }
  std::optional<std::string> last_failed_login(std::string_view u) override {
    std::optional<std::string> last;
    for (auto& f : failures)
      if (f.username == u && (!last || f.at > *last)) last = f.at;
    return last;
  }

  struct Failure {
    std::string username, remote, at;
  };
  std::map<std::int64_t, User> users;
  std::map<std::string, Session> sessions;
  std::map<std::int64_t, ApiToken> tokens;
  std::vector<Failure> failures;
  std::int64_t next_id = 0;
  int expiry_updates = 0;
  int user_reads = 0;
};

class FakeAudit final : public audit::AuditLog {
 public:
  void append(const audit::Entry& e) override { entries.push_back(e); }
  std::vector<audit::Entry> list(const audit::Filter&) override {
    return {entries.rbegin(), entries.rend()};
  }
  std::vector<std::string> actions() const {
    std::vector<std::string> out;
    for (auto& e : entries) out.push_back(e.action);
    return out;
  }
  std::vector<audit::Entry> entries;
};

class FakeTransactions final : public TransactionManager {
 public:
  void begin() override {
    if (open) throw std::logic_error("nested transaction");
    open = true;
    ++begun;
  }
  void commit() override {
    if (!open) throw std::logic_error("commit without begin");
    open = false;
    ++committed;
  }
  void rollback() override {
    if (!open) throw std::logic_error("rollback without begin");
    open = false;
    ++rolled_back;
  }
  bool open = false;
  int begun = 0, committed = 0, rolled_back = 0;
};

// A clock the test moves: starts at 2026-11-29 08:00:00 UTC.
struct TestClock {
  std::chrono::system_clock::time_point now =
      std::chrono::sys_days(std::chrono::year(2026) / 11 / 29) + std::chrono::hours(8);
  void advance(std::chrono::seconds s) { now += s; }
};

}  // namespace htx::accounts::testing
