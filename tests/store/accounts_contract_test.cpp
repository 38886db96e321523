// The contract of accounts::AccountRepository, run on every backend; and the account service
// over a real database (its writes and audit entries in one transaction).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "accounts/account_service.hpp"
#include "backend_fixture.hpp"
#include "core/error.hpp"
#include "core/transaction.hpp"

namespace htx::store {
namespace {

using accounts::ApiToken;
using accounts::Role;
using accounts::Session;
using accounts::User;

User user(std::string name, Role role = Role::kNationalStaff) {
  User u;
  u.username = std::move(name);
  u.display_name = "Nguyễn Văn Ánh";
  u.role = role;
  u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = "2026-11-29T08:00:00Z";
  return u;
}

Session session(std::string hash, std::int64_t user_id, std::string expires) {
  Session s;
  s.token_hash = std::move(hash);
  s.user_id = user_id;
  s.csrf_token = "csrf-" + s.token_hash;
  s.created_at = "2026-11-29T08:00:00Z";
  s.expires_at = std::move(expires);
  return s;
}

std::vector<std::string> usernames(const std::vector<User>& us) {
  std::vector<std::string> out;
  for (auto& u : us) out.push_back(u.username);
  return out;
}

class AccountsContract : public testing::BackendTest {
 protected:
  accounts::AccountRepository& acc() { return db().accounts(); }
};

// ---- users ----------------------------------------------------------------------------------

TEST_P(AccountsContract, SchemaHasTheAccountsMigration) { EXPECT_GE(db().schema_version(), 3); }

TEST_P(AccountsContract, InsertThenFindRoundTripsEveryField) {
  auto u = user("tinh.bacninh", Role::kProvincialStaff);
  u.province_ids = {"24-2008", "27-2008"};
  u.disabled = true;
  auto id = acc().insert_user(u);
  EXPECT_GT(id, 0);

  for (auto found : {acc().find_user_by_name("tinh.bacninh"), acc().find_user_by_id(id)}) {
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->username, "tinh.bacninh");
    EXPECT_EQ(found->display_name, "Nguyễn Văn Ánh");
    EXPECT_EQ(found->role, Role::kProvincialStaff);
    EXPECT_EQ(found->province_ids, (std::vector<std::string>{"24-2008", "27-2008"}));
    EXPECT_EQ(found->entity_code, "");
    EXPECT_EQ(found->password_hash, u.password_hash);
    EXPECT_TRUE(found->disabled);
    EXPECT_EQ(found->created_at, "2026-11-29T08:00:00Z");
  }
  auto coop = user("htx.anphu", Role::kCooperative);
  coop.entity_code = "0101234567-HTX";
  acc().insert_user(coop);
  auto c = acc().find_user_by_name("htx.anphu");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->role, Role::kCooperative);
  EXPECT_EQ(c->entity_code, "0101234567-HTX");
  EXPECT_TRUE(c->province_ids.empty());
  EXPECT_FALSE(c->disabled);
}

TEST_P(AccountsContract, EveryRoleRoundTrips) {
  int i = 0;
  for (auto r : accounts::all_roles()) {
    auto name = "user" + std::to_string(i++);
    acc().insert_user(user(name, r));
    auto found = acc().find_user_by_name(name);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->role, r);
  }
}

TEST_P(AccountsContract, FindMissingGivesNothing) {
  EXPECT_FALSE(acc().find_user_by_name("nobody"));
  EXPECT_FALSE(acc().find_user_by_id(12345));
  EXPECT_EQ(acc().count_users(), 0);
  EXPECT_TRUE(acc().list_users().empty());
}

TEST_P(AccountsContract, DuplicateUsernameThrowsAndKeepsTheFirst) {
  acc().insert_user(user("admin", Role::kAdmin));
  EXPECT_THROW(acc().insert_user(user("admin", Role::kBuyer)), InfrastructureError);
  EXPECT_EQ(acc().count_users(), 1);
  EXPECT_EQ(acc().find_user_by_name("admin")->role, Role::kAdmin);
}

TEST_P(AccountsContract, UsernamesAreCaseSensitiveValues) {
  acc().insert_user(user("admin"));
  EXPECT_FALSE(acc().find_user_by_name("ADMIN"));
  EXPECT_FALSE(acc().find_user_by_name("admin' OR '1'='1"));
}

TEST_P(AccountsContract, UpdateOverwritesEveryField) {
  auto id = acc().insert_user(user("staff"));
  auto u = *acc().find_user_by_id(id);
  u.username = "staff2";
  u.display_name = "Trần Thị Bình";
  u.role = Role::kProvincialStaff;
  u.province_ids = {"01-2025"};
  u.password_hash = "other";
  u.disabled = true;
  acc().update_user(u);
  auto v = acc().find_user_by_id(id);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->username, "staff2");
  EXPECT_EQ(v->display_name, "Trần Thị Bình");
  EXPECT_EQ(v->role, Role::kProvincialStaff);
  EXPECT_EQ(v->province_ids, std::vector<std::string>{"01-2025"});
  EXPECT_EQ(v->password_hash, "other");
  EXPECT_TRUE(v->disabled);
  EXPECT_FALSE(acc().find_user_by_name("staff"));
  u.disabled = false;
  u.province_ids.clear();
  acc().update_user(u);
  EXPECT_FALSE(acc().find_user_by_id(id)->disabled);
  EXPECT_TRUE(acc().find_user_by_id(id)->province_ids.empty());
}

TEST_P(AccountsContract, ListIsByUsernameInByteOrder) {
  for (const char* n : {"zeta", "alpha", "b.c", "b_c", "b-c", "a1"}) acc().insert_user(user(n));
  EXPECT_EQ(usernames(acc().list_users()),
            (std::vector<std::string>{"a1", "alpha", "b-c", "b.c", "b_c", "zeta"}));
  EXPECT_EQ(acc().count_users(), 6);
}

// ---- sessions -------------------------------------------------------------------------------

TEST_P(AccountsContract, SessionsAreFoundByHashUpdatedAndDeleted) {
  auto id = acc().insert_user(user("staff"));
  acc().insert_session(session("h1", id, "2026-11-29T16:00:00Z"));
  acc().insert_session(session("h2", id, "2026-11-29T17:00:00Z"));
  auto s = acc().find_session("h1");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->token_hash, "h1");
  EXPECT_EQ(s->user_id, id);
  EXPECT_EQ(s->csrf_token, "csrf-h1");
  EXPECT_EQ(s->created_at, "2026-11-29T08:00:00Z");
  EXPECT_EQ(s->expires_at, "2026-11-29T16:00:00Z");
  EXPECT_FALSE(acc().find_session("h3"));

  acc().update_session_expiry("h1", "2026-11-30T00:00:00Z");
  EXPECT_EQ(acc().find_session("h1")->expires_at, "2026-11-30T00:00:00Z");
  EXPECT_EQ(acc().find_session("h2")->expires_at, "2026-11-29T17:00:00Z");

  acc().delete_session("h1");
  EXPECT_FALSE(acc().find_session("h1"));
  EXPECT_TRUE(acc().find_session("h2"));
}

TEST_P(AccountsContract, SessionsOfOneUserAreDeletedTogether) {
  auto a = acc().insert_user(user("aaa"));
  auto b = acc().insert_user(user("bbb"));
  acc().insert_session(session("a1", a, "2026-12-01T00:00:00Z"));
  acc().insert_session(session("a2", a, "2026-12-01T00:00:00Z"));
  acc().insert_session(session("b1", b, "2026-12-01T00:00:00Z"));
  acc().delete_sessions_of_user(a);
  EXPECT_FALSE(acc().find_session("a1"));
  EXPECT_FALSE(acc().find_session("a2"));
  EXPECT_TRUE(acc().find_session("b1"));
}

TEST_P(AccountsContract, ExpiredSessionsAreDeletedStrictlyBefore) {
  auto a = acc().insert_user(user("aaa"));
  acc().insert_session(session("old", a, "2026-11-29T07:59:59Z"));
  acc().insert_session(session("now", a, "2026-11-29T08:00:00Z"));
  acc().insert_session(session("new", a, "2026-11-29T09:00:00Z"));
  acc().delete_sessions_expired_before("2026-11-29T08:00:00Z");
  EXPECT_FALSE(acc().find_session("old"));
  EXPECT_TRUE(acc().find_session("now"));
  EXPECT_TRUE(acc().find_session("new"));
}

TEST_P(AccountsContract, SessionOfUnknownUserIsRejected) {
  EXPECT_THROW(acc().insert_session(session("x", 999, "2026-12-01T00:00:00Z")),
               InfrastructureError);
  EXPECT_FALSE(acc().find_session("x"));
}

// ---- API tokens -----------------------------------------------------------------------------

TEST_P(AccountsContract, TokensAreFoundListedAndRevoked) {
  auto a = acc().insert_user(user("aaa"));
  auto b = acc().insert_user(user("bbb"));
  ApiToken t;
  t.token_hash = "th1";
  t.user_id = a;
  t.name = "Đồng bộ Excel";
  t.created_at = "2026-11-29T08:00:00Z";
  auto id1 = acc().insert_token(t);
  t.token_hash = "th2";
  t.name = "second";
  auto id2 = acc().insert_token(t);
  t.token_hash = "th3";
  t.user_id = b;
  acc().insert_token(t);
  EXPECT_NE(id1, id2);

  auto found = acc().find_token("th1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id1);
  EXPECT_EQ(found->token_hash, "th1");
  EXPECT_EQ(found->user_id, a);
  EXPECT_EQ(found->name, "Đồng bộ Excel");
  EXPECT_EQ(found->created_at, "2026-11-29T08:00:00Z");
  EXPECT_FALSE(found->revoked);
  EXPECT_FALSE(acc().find_token("nope"));

  auto of_a = acc().tokens_of_user(a);
  ASSERT_EQ(of_a.size(), 2u);
  EXPECT_EQ(of_a[0].id, id1);
  EXPECT_EQ(of_a[1].id, id2);

  acc().revoke_token(id1);
  EXPECT_TRUE(acc().find_token("th1")->revoked);
  EXPECT_FALSE(acc().find_token("th2")->revoked);
}

TEST_P(AccountsContract, DuplicateTokenHashThrows) {
  auto a = acc().insert_user(user("aaa"));
  ApiToken t;
  t.token_hash = "same";
  t.user_id = a;
  t.created_at = "2026-11-29T08:00:00Z";
  acc().insert_token(t);
  EXPECT_THROW(acc().insert_token(t), InfrastructureError);
  EXPECT_EQ(acc().tokens_of_user(a).size(), 1u);
}

// ---- failed sign-ins ------------------------------------------------------------------------

TEST_P(AccountsContract, FailedLoginsAreCountedSinceATimeAndCleared) {
  acc().record_failed_login("admin", "10.0.0.1", "2026-11-29T08:00:00Z");
  acc().record_failed_login("admin", "10.0.0.2", "2026-11-29T08:05:00Z");
  acc().record_failed_login("admin", "10.0.0.1", "2026-11-29T08:10:00Z");
  acc().record_failed_login("other", "10.0.0.1", "2026-11-29T08:10:00Z");
  EXPECT_EQ(acc().count_failed_logins("admin", "2026-11-29T00:00:00Z"), 3);
  EXPECT_EQ(acc().count_failed_logins("admin", "2026-11-29T08:05:00Z"), 2);  // inclusive
  EXPECT_EQ(acc().count_failed_logins("admin", "2026-11-29T08:10:01Z"), 0);
  EXPECT_EQ(acc().count_failed_logins("nobody", "2026-11-29T00:00:00Z"), 0);
  EXPECT_EQ(acc().last_failed_login("admin"), "2026-11-29T08:10:00Z");
  EXPECT_FALSE(acc().last_failed_login("nobody"));

  acc().clear_failed_logins("admin");
  EXPECT_EQ(acc().count_failed_logins("admin", "2026-11-29T00:00:00Z"), 0);
  EXPECT_FALSE(acc().last_failed_login("admin"));
  EXPECT_EQ(acc().count_failed_logins("other", "2026-11-29T00:00:00Z"), 1);
}

// ---- transactions ---------------------------------------------------------------------------

TEST_P(AccountsContract, UncommittedWritesAreRolledBack) {
  {
    Transaction tx(db());
    auto id = acc().insert_user(user("temp"));
    acc().insert_session(session("h", id, "2026-12-01T00:00:00Z"));
    acc().record_failed_login("temp", "", "2026-11-29T08:00:00Z");
  }
  EXPECT_FALSE(acc().find_user_by_name("temp"));
  EXPECT_FALSE(acc().find_session("h"));
  EXPECT_EQ(acc().count_failed_logins("temp", "2000-01-01T00:00:00Z"), 0);
}

TEST_P(AccountsContract, UsersSurviveReopening) {
  auto u = user("kept");
  u.province_ids = {"01-2025"};
  acc().insert_user(u);
  reopen();
  auto found = acc().find_user_by_name("kept");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->province_ids, std::vector<std::string>{"01-2025"});
}

// ---- the service over a real database -------------------------------------------------------

class AccountServiceOnBackend : public AccountsContract {
 protected:
  std::chrono::system_clock::time_point now_ =
      std::chrono::sys_days(std::chrono::year(2026) / 11 / 29) + std::chrono::hours(8);
  accounts::AccountService service() {
    return accounts::AccountService(
        db().accounts(), db().audit(), db(), [this] { return now_; },
        [](std::string_view p) { return p == "01-2025"; });
  }
};

TEST_P(AccountServiceOnBackend, AddSignInResolveSignOutWithAuditTrail) {
  auto svc = service();
  accounts::NewUser n;
  n.username = "tinh.hanoi";
  n.display_name = "Cán bộ Hà Nội";
  n.role = Role::kProvincialStaff;
  n.province_ids = {"01-2025"};
  n.password = "mật khẩu dài đủ";
  auto added = svc.add_user(n, "cli:root");
  ASSERT_TRUE(added) << added.error().key;
  EXPECT_TRUE(svc.add_user(n, "cli:root").error().key == "accounts.username_taken");

  auto bad = svc.sign_in("tinh.hanoi", "wrong password", "10.0.0.1");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, "accounts.bad_credentials");
  EXPECT_EQ(db().accounts().count_failed_logins("tinh.hanoi", "2000-01-01T00:00:00Z"), 1);

  auto in = svc.sign_in("tinh.hanoi", "mật khẩu dài đủ", "10.0.0.1");
  ASSERT_TRUE(in) << in.error().key;
  EXPECT_EQ(db().accounts().count_failed_logins("tinh.hanoi", "2000-01-01T00:00:00Z"), 0);
  auto resolved = svc.resolve_session(in->token);
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->second.username, "tinh.hanoi");
  EXPECT_EQ(resolved->first.csrf_token, in->session.csrf_token);

  svc.sign_out(in->token);
  EXPECT_FALSE(svc.resolve_session(in->token));

  audit::Filter f;
  f.object_key = "tinh.hanoi";
  auto entries = log().list(f);
  std::vector<std::string> actions;
  for (auto& e : entries) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"user.sign_out", "user.sign_in", "user.add"}));
  for (auto& e : entries) {
    EXPECT_EQ(e.object_type, "user");
    EXPECT_EQ(e.after_json.find("argon2"), std::string::npos);
    EXPECT_EQ(e.before_json.find("argon2"), std::string::npos);
  }
  EXPECT_EQ(entries.back().actor, "cli:root");
}

TEST_P(AccountServiceOnBackend, ApiTokensResolveUntilTheUserIsDisabled) {
  auto svc = service();
  accounts::NewUser n;
  n.username = "sync";
  n.role = Role::kNationalStaff;
  n.password = "0123456789ab";
  ASSERT_TRUE(svc.add_user(n, "cli:root"));
  auto token = svc.issue_api_token("sync", "Excel", "cli:root");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->size(), 64u);
  auto u = svc.resolve_api_token(*token);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->username, "sync");
  ASSERT_TRUE(svc.disable_user("sync", "cli:root"));
  EXPECT_FALSE(svc.resolve_api_token(*token));
  ASSERT_TRUE(svc.enable_user("sync", "cli:root"));
  EXPECT_TRUE(svc.resolve_api_token(*token));
}

HTX_INSTANTIATE_BACKENDS(AccountsContract);
HTX_INSTANTIATE_BACKENDS(AccountServiceOnBackend);

}  // namespace
}  // namespace htx::store
