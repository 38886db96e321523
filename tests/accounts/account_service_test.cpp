// The account service over in-memory collaborators: hashing, validation, throttled sign-in,
// sessions and their idle expiry, API tokens, and the audit trail of every change.
#include "accounts/account_service.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fake_accounts.hpp"

namespace htx::accounts {
namespace {

using namespace std::chrono_literals;
using testing::FakeAudit;
using testing::FakeRepository;
using testing::FakeTransactions;
using testing::TestClock;

bool is_hex(const std::string& s) {
  return s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// ---- hashing --------------------------------------------------------------------------------

TEST(AccountsPasswordHash, IsArgon2idWithTheOwaspParameters) {
  auto h = hash_password("correct horse battery");
  EXPECT_EQ(h.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << h;
  EXPECT_TRUE(verify_password(h, "correct horse battery"));
  EXPECT_FALSE(verify_password(h, "correct horse batterY"));
  EXPECT_FALSE(verify_password(h, ""));
}

TEST(AccountsPasswordHash, IsSaltedSoEqualPasswordsHashDifferently) {
  auto a = hash_password("mật khẩu giống nhau");
  auto b = hash_password("mật khẩu giống nhau");
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_password(a, "mật khẩu giống nhau"));
  EXPECT_TRUE(verify_password(b, "mật khẩu giống nhau"));
}

TEST(AccountsPasswordHash, ComposedAndDecomposedVietnameseAreTheSamePassword) {
  const std::string composed = "m\xe1\xba\xadt kh\xe1\xba\xa9u 2026";  // mật khẩu (NFC)
  const std::string decomposed = "ma\xcc\xa3\xcc\x82t kha\xcc\x82\xcc\x89u 2026";  // NFD
  ASSERT_NE(composed, decomposed);
  EXPECT_TRUE(verify_password(hash_password(composed), decomposed));
  EXPECT_TRUE(verify_password(hash_password(decomposed), composed));
}

TEST(AccountsPasswordHash, GarbageHashesNeverVerify) {
  EXPECT_FALSE(verify_password("", "anything"));
  EXPECT_FALSE(verify_password("not a hash", "not a hash"));
  EXPECT_FALSE(verify_password(std::string(500, 'x'), "x"));
}

TEST(AccountsTokenHash, IsHexOfBlake2b256) {
  // Reference values from Python's hashlib.blake2b(digest_size=32).
  EXPECT_EQ(token_hash(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(token_hash("abc"), "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST(AccountsRandomToken, Is64HexCharactersAndNeverRepeats) {
  auto a = random_token();
  auto b = random_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_TRUE(is_hex(a));
  EXPECT_NE(a, b);
}

TEST(AccountsTimestamps, FormatAndParseRoundTrip) {
  TestClock clock;
  EXPECT_EQ(format_timestamp(clock.now), "2026-11-29T08:00:00Z");
  EXPECT_EQ(parse_timestamp("2026-11-29T08:00:00Z"), clock.now);
  EXPECT_FALSE(parse_timestamp("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_timestamp("yesterday"));
}

// ---- validation -----------------------------------------------------------------------------

TEST(AccountsValidation, UsernamesAre3To32OfLowerCaseDigitsDotUnderscoreHyphen) {
  for (const std::string& ok :
       std::vector<std::string>{"abc", "a.b_c-1", "tinh.bacninh", std::string(32, 'a'), "007"})
    EXPECT_TRUE(check_username(ok)) << ok;
  for (const std::string& bad : std::vector<std::string>{"", "ab", std::string(33, 'a'), "Admin",
                                                         "nguyễn", "a b", "a@b", "a/b", "x;DROP"}) {
    auto s = check_username(bad);
    ASSERT_FALSE(s) << bad;
    EXPECT_EQ(s.error().key, "accounts.bad_username");
    EXPECT_EQ(s.error().params.at("username"), bad);
  }
}

TEST(AccountsValidation, PasswordsNeedTheMinimumCountedAsCodePoints) {
  EXPECT_FALSE(check_password("12345678901", 12));
  EXPECT_EQ(check_password("12345678901", 12).error().key, "accounts.weak_password");
  EXPECT_EQ(check_password("", 12).error().params.at("min"), "12");
  EXPECT_TRUE(check_password("123456789012", 12));
  // 11 characters but 16 bytes: still too short. 12 characters with diacritics: enough.
  EXPECT_FALSE(check_password("mậtkhẩuabcd", 12));
  EXPECT_TRUE(check_password("mậtkhẩuabcde", 12));
}

// The rules the program runs with are data/accounts/parameters.csv's (ASVS 2.1.1: at least 12);
// an office's correction there is what the service enforces; a bad file names itself.
TEST(AccountsValidation, ThePolicyIsReadFromDataAccounts) {
  const auto p = SessionPolicy::load(HTX_SOURCE_DATA_DIR);
  EXPECT_EQ(p.min_password_length, 12);
  EXPECT_EQ(p.idle, std::chrono::minutes(480));
  EXPECT_EQ(p.max_failures, 5);
  EXPECT_EQ(p.window, std::chrono::minutes(15));
  EXPECT_EQ(p.lockout, std::chrono::minutes(15));

  const auto dir =
      std::filesystem::temp_directory_path() /
      ("htx-policy-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
       std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(dir / "accounts");
  auto write = [&](const std::string& text) {
    std::ofstream(dir / "accounts" / "parameters.csv") << text;
  };
  write(
      "parameter,value,source\nmin_password_length,14,x\nsession_idle_minutes,60,x\n"
      "max_failed_sign_ins,3,x\nfailure_window_minutes,10,x\nlockout_minutes,30,x\n");
  const auto corrected = SessionPolicy::load(dir);
  EXPECT_EQ(corrected.min_password_length, 14);
  EXPECT_EQ(corrected.max_failures, 3);
  EXPECT_EQ(corrected.lockout, std::chrono::minutes(30));
  FakeRepository repo;
  FakeAudit audit;
  FakeTransactions tx;
  AccountService service(
      repo, audit, tx, [] { return std::chrono::system_clock::time_point{}; },
      [](std::string_view) { return true; }, corrected);
  NewUser n;
  n.username = "staff";
  n.display_name = "Cán bộ";
  n.password = "mười ba ký tự";  // 13: enough for 12, not for 14
  auto refused = service.add_user(n, "test");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "accounts.weak_password");
  EXPECT_EQ(refused.error().params.at("min"), "14");

  write("parameter,value,source\nmin_password_length,mười hai,x\n");
  try {
    SessionPolicy::load(dir);
    ADD_FAILURE() << "a bad value must be refused";
  } catch (const InfrastructureError& e) {
    EXPECT_NE(std::string(e.what()).find("parameters.csv"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

// ---- the service ----------------------------------------------------------------------------

class AccountServiceTest : public ::testing::Test {
 protected:
  FakeRepository repo;
  FakeAudit audit;
  FakeTransactions tx;
  TestClock clock;
  SessionPolicy policy;
  AccountService service{repo,
                         audit,
                         tx,
                         [this] { return clock.now; },
                         [](std::string_view p) { return p == "01-2025" || p == "24-2008"; },
                         policy};

  NewUser staff(std::string name = "staff") {
    NewUser n;
    n.username = std::move(name);
    n.display_name = "Lê Thị Hoa";
    n.role = Role::kNationalStaff;
    n.password = "mật khẩu đủ dài";
    return n;
  }
  User added(NewUser n) {
    auto r = service.add_user(n, "cli:root");
    EXPECT_TRUE(r) << r.error().key;
    return r ? *r : User{};
  }
  std::string error_of(const NewUser& n) {
    auto r = service.add_user(n, "cli:root");
    return r ? std::string("ok") : r.error().key;
  }
};

TEST_F(AccountServiceTest, AddUserStoresAHashAndWritesAnAuditEntryWithoutIt) {
  auto u = added(staff());
  EXPECT_GT(u.id, 0);
  EXPECT_EQ(u.created_at, "2026-11-29T08:00:00Z");
  auto stored = repo.find_user_by_name("staff");
  ASSERT_TRUE(stored);
  EXPECT_NE(stored->password_hash, "mật khẩu đủ dài");
  EXPECT_TRUE(verify_password(stored->password_hash, "mật khẩu đủ dài"));

  ASSERT_EQ(audit.entries.size(), 1u);
  const auto& e = audit.entries[0];
  EXPECT_EQ(e.action, "user.add");
  EXPECT_EQ(e.actor, "cli:root");
  EXPECT_EQ(e.object_type, "user");
  EXPECT_EQ(e.object_key, "staff");
  EXPECT_EQ(e.at, "2026-11-29T08:00:00Z");
  EXPECT_EQ(e.before_json, "");
  auto after = nlohmann::json::parse(e.after_json);
  EXPECT_EQ(after["username"], "staff");
  EXPECT_EQ(after["role"], "national_staff");
  EXPECT_FALSE(after.contains("password_hash"));
  EXPECT_EQ(e.after_json.find(stored->password_hash), std::string::npos);
  EXPECT_EQ(tx.committed, 1);
  EXPECT_FALSE(tx.open);
}

TEST_F(AccountServiceTest, AddUserRefusesWhatBreaksTheRules) {
  added(staff("taken"));
  EXPECT_EQ(error_of(staff("taken")), "accounts.username_taken");
  EXPECT_EQ(error_of(staff("Bad Name")), "accounts.bad_username");

  auto weak = staff("weak");
  weak.password = "ngắn quá";
  EXPECT_EQ(error_of(weak), "accounts.weak_password");

  auto prov = staff("prov");
  prov.role = Role::kProvincialStaff;
  EXPECT_EQ(error_of(prov), "accounts.province_required");
  prov.province_ids = {"01-2025", "99-1999"};
  EXPECT_EQ(error_of(prov), "accounts.bad_province");
  prov.province_ids = {"01-2025", "24-2008"};
  EXPECT_EQ(error_of(prov), "ok");

  auto coop = staff("coop");
  coop.role = Role::kCooperative;
  EXPECT_EQ(error_of(coop), "accounts.entity_required");
  coop.entity_code = "0101234567";
  EXPECT_EQ(error_of(coop), "ok");

  // A buyer's account names its buyer (the exchange's code) as a cooperative's names its entity.
  auto buyer = staff("buyer");
  buyer.role = Role::kBuyer;
  buyer.entity_code = "SAIGONCOOP";
  EXPECT_EQ(error_of(buyer), "ok");
  EXPECT_EQ(repo.find_user_by_name("buyer")->entity_code, "SAIGONCOOP");

  auto admin = staff("admin");
  admin.role = Role::kAdmin;
  admin.province_ids = {"01-2025"};
  EXPECT_EQ(error_of(admin), "accounts.province_not_allowed");
  admin.province_ids.clear();
  admin.entity_code = "0101234567";
  EXPECT_EQ(error_of(admin), "accounts.entity_not_allowed");

  // Only the four good users were written, each with its audit entry.
  EXPECT_EQ(repo.count_users(), 4);
  EXPECT_EQ(audit.actions(),
            (std::vector<std::string>{"user.add", "user.add", "user.add", "user.add"}));
}

TEST_F(AccountServiceTest, DisableEnableAndResetAreAuditedWithBeforeAndAfter) {
  added(staff());
  ASSERT_TRUE(service.disable_user("staff", "cli:root"));
  EXPECT_TRUE(repo.find_user_by_name("staff")->disabled);
  ASSERT_TRUE(service.disable_user("staff", "cli:root"));  // already: nothing more written
  ASSERT_TRUE(service.enable_user("staff", "cli:root"));
  EXPECT_FALSE(repo.find_user_by_name("staff")->disabled);
  ASSERT_TRUE(service.reset_password("staff", "mật khẩu mới 2026", "cli:root"));
  EXPECT_EQ(audit.actions(), (std::vector<std::string>{"user.add", "user.disable", "user.enable",
                                                       "user.reset_password"}));
  auto& disable = audit.entries[1];
  EXPECT_EQ(nlohmann::json::parse(disable.before_json)["disabled"], false);
  EXPECT_EQ(nlohmann::json::parse(disable.after_json)["disabled"], true);
  for (auto& e : audit.entries) {
    EXPECT_EQ(e.before_json.find("argon2"), std::string::npos);
    EXPECT_EQ(e.after_json.find("argon2"), std::string::npos);
  }

  EXPECT_EQ(service.disable_user("ghost", "cli:root").error().key, "accounts.not_found");
  EXPECT_EQ(service.enable_user("ghost", "cli:root").error().key, "accounts.not_found");
  EXPECT_EQ(service.reset_password("ghost", "0123456789ab", "x").error().key, "accounts.not_found");
  EXPECT_EQ(service.reset_password("staff", "short", "x").error().key, "accounts.weak_password");
  EXPECT_FALSE(tx.open);
}

TEST_F(AccountServiceTest, SignInGivesASessionAndClearsFailures) {
  auto u = added(staff());
  ASSERT_FALSE(service.sign_in("staff", "wrong password", "10.0.0.1"));
  EXPECT_EQ(repo.failures.size(), 1u);
  auto in = service.sign_in("staff", "mật khẩu đủ dài", "10.0.0.1");
  ASSERT_TRUE(in) << in.error().key;
  EXPECT_TRUE(repo.failures.empty());
  EXPECT_EQ(in->token.size(), 64u);
  EXPECT_EQ(in->user.username, "staff");
  EXPECT_EQ(in->session.user_id, u.id);
  EXPECT_EQ(in->session.expires_at, "2026-11-29T16:00:00Z");  // 8 hours idle
  EXPECT_EQ(in->session.csrf_token.size(), 64u);
  // Stored by hash only.
  EXPECT_EQ(repo.sessions.count(in->token), 0u);
  ASSERT_EQ(repo.sessions.count(token_hash(in->token)), 1u);
  EXPECT_EQ(audit.entries.back().action, "user.sign_in");
  EXPECT_EQ(audit.entries.back().actor, "staff");
}

TEST_F(AccountServiceTest, UnknownWrongAndDisabledAllGiveTheSameAnswerAndAreRecorded) {
  added(staff());
  auto unknown = service.sign_in("nobody", "mật khẩu đủ dài", "10.0.0.1");
  auto wrong = service.sign_in("staff", "mật khẩu sai rồi", "10.0.0.2");
  ASSERT_TRUE(service.disable_user("staff", "cli:root"));
  auto disabled = service.sign_in("staff", "mật khẩu đủ dài", "10.0.0.3");
  for (auto* r : {&unknown, &wrong, &disabled}) {
    ASSERT_FALSE(*r);
    EXPECT_EQ(r->error().key, "accounts.bad_credentials");
    EXPECT_TRUE(r->error().params.empty());
  }
  ASSERT_EQ(repo.failures.size(), 3u);
  EXPECT_EQ(repo.failures[0].username, "nobody");
  EXPECT_EQ(repo.failures[0].remote, "10.0.0.1");
  EXPECT_EQ(repo.failures[0].at, "2026-11-29T08:00:00Z");
  EXPECT_TRUE(repo.sessions.empty());
}

TEST_F(AccountServiceTest, FiveFailuresLockTheUsernameEvenForTheRightPassword) {
  added(staff());
  for (int i = 0; i < 5; ++i) {
    auto r = service.sign_in("staff", "sai " + std::to_string(i), "10.0.0.1");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().key, "accounts.bad_credentials") << i;
    clock.advance(1min);
  }
  // 4 minutes after the 5th failure: locked for 11 more minutes; nothing is verified or recorded.
  clock.advance(3min);
  auto locked = service.sign_in("staff", "mật khẩu đủ dài", "10.0.0.1");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().key, "accounts.throttled");
  EXPECT_EQ(locked.error().params.at("minutes"), "11");
  EXPECT_EQ(repo.failures.size(), 5u);
  EXPECT_TRUE(repo.sessions.empty());

  // The lockout ends 15 minutes after the last failure; the right password works again and
  // clears the failures.
  clock.advance(11min);
  auto in = service.sign_in("staff", "mật khẩu đủ dài", "10.0.0.1");
  ASSERT_TRUE(in) << in.error().key;
  EXPECT_TRUE(repo.failures.empty());
}

TEST_F(AccountServiceTest, UnknownUsernamesAreThrottledToo) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(service.sign_in("ghost", "x", ""));
  EXPECT_EQ(service.sign_in("ghost", "x", "").error().key, "accounts.throttled");
  EXPECT_EQ(service.sign_in("other", "x", "").error().key, "accounts.bad_credentials");
}

TEST_F(AccountServiceTest, FailuresSpreadBeyondTheWindowDoNotLock) {
  added(staff());
  for (int i = 0; i < 8; ++i) {
    ASSERT_EQ(service.sign_in("staff", "sai", "").error().key, "accounts.bad_credentials") << i;
    clock.advance(4min);  // never 5 within 15 minutes
  }
  EXPECT_TRUE(service.sign_in("staff", "mật khẩu đủ dài", ""));
}

TEST_F(AccountServiceTest, SessionsExpireAfterIdleTimeAndUsePushesTheExpiry) {
  added(staff());
  auto in = service.sign_in("staff", "mật khẩu đủ dài", "");
  ASSERT_TRUE(in);

  // Used within a minute: resolved, expiry not rewritten (reads stay cheap).
  clock.advance(30s);
  auto r = service.resolve_session(in->token);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->second.username, "staff");
  EXPECT_EQ(r->first.csrf_token, in->session.csrf_token);
  EXPECT_EQ(repo.expiry_updates, 0);

  // Used 7 hours later: pushed to 8 hours from now.
  clock.advance(7h);
  ASSERT_TRUE(service.resolve_session(in->token));
  EXPECT_EQ(repo.expiry_updates, 1);
  EXPECT_EQ(repo.sessions.at(token_hash(in->token)).expires_at, "2026-11-29T23:00:30Z");

  // 8 hours without use: gone.
  clock.advance(8h);
  EXPECT_FALSE(service.resolve_session(in->token));
  EXPECT_FALSE(service.resolve_session("not a token"));
  EXPECT_FALSE(service.resolve_session(""));
}

TEST_F(AccountServiceTest, SigningInSweepsExpiredSessions) {
  added(staff());
  auto old = service.sign_in("staff", "mật khẩu đủ dài", "");
  ASSERT_TRUE(old);
  clock.advance(9h);
  auto fresh = service.sign_in("staff", "mật khẩu đủ dài", "");
  ASSERT_TRUE(fresh);
  EXPECT_EQ(repo.sessions.size(), 1u);
  EXPECT_EQ(repo.sessions.count(token_hash(fresh->token)), 1u);
}

TEST_F(AccountServiceTest, DisablingOrResettingEndsSessions) {
  added(staff());
  auto a = service.sign_in("staff", "mật khẩu đủ dài", "");
  ASSERT_TRUE(a);
  ASSERT_TRUE(service.reset_password("staff", "mật khẩu mới 2026", "cli:root"));
  EXPECT_FALSE(service.resolve_session(a->token));
  EXPECT_FALSE(service.sign_in("staff", "mật khẩu đủ dài", ""));
  auto b = service.sign_in("staff", "mật khẩu mới 2026", "");
  ASSERT_TRUE(b);
  ASSERT_TRUE(service.disable_user("staff", "cli:root"));
  EXPECT_FALSE(service.resolve_session(b->token));
}

TEST_F(AccountServiceTest, ASessionOfAUserDisabledLaterDoesNotResolve) {
  added(staff());
  auto a = service.sign_in("staff", "mật khẩu đủ dài", "");
  ASSERT_TRUE(a);
  // Disabled behind the service's back (another process): the flag is checked on every use.
  auto u = *repo.find_user_by_name("staff");
  u.disabled = true;
  repo.update_user(u);
  EXPECT_FALSE(service.resolve_session(a->token));
}

TEST_F(AccountServiceTest, SignOutEndsTheSessionAndIsAudited) {
  added(staff());
  auto a = service.sign_in("staff", "mật khẩu đủ dài", "");
  ASSERT_TRUE(a);
  service.sign_out(a->token);
  EXPECT_FALSE(service.resolve_session(a->token));
  EXPECT_TRUE(repo.sessions.empty());
  EXPECT_EQ(audit.entries.back().action, "user.sign_out");
  EXPECT_EQ(audit.entries.back().object_key, "staff");
  auto n = audit.entries.size();
  service.sign_out(a->token);  // unknown now: nothing happens
  service.sign_out("");
  EXPECT_EQ(audit.entries.size(), n);
  EXPECT_FALSE(tx.open);
}

TEST_F(AccountServiceTest, ApiTokensAreShownOnceStoredByHashAndResolve) {
  auto u = added(staff());
  auto t = service.issue_api_token("staff", "Đồng bộ Excel", "cli:root");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->size(), 64u);
  auto stored = repo.tokens_of_user(u.id);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].token_hash, token_hash(*t));
  EXPECT_EQ(stored[0].name, "Đồng bộ Excel");
  EXPECT_EQ(audit.entries.back().action, "user.token");
  EXPECT_EQ(audit.entries.back().after_json.find(*t), std::string::npos);

  auto who = service.resolve_api_token(*t);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->username, "staff");
  EXPECT_FALSE(service.resolve_api_token(random_token()));
  repo.revoke_token(stored[0].id);
  EXPECT_FALSE(service.resolve_api_token(*t));

  EXPECT_EQ(service.issue_api_token("ghost", "x", "cli:root").error().key, "accounts.not_found");
}

// Bad API tokens are throttled per address as passwords are per username (ASVS 2.2.1): after
// max_failures unknown tokens from one address within the window, that address's tokens are
// refused (even a good one) until the lockout ends; another address is not affected.
TEST_F(AccountServiceTest, BadApiTokensAreThrottledPerAddress) {
  added(staff());
  auto good = service.issue_api_token("staff", "Đồng bộ", "cli:root");
  ASSERT_TRUE(good);
  ASSERT_TRUE(service.authenticate_api_token(*good, "10.0.0.9"));
  for (int i = 0; i < policy.max_failures; ++i) {
    auto bad = service.authenticate_api_token(random_token(), "10.0.0.9");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().key, "api.bad_token") << i;
    clock.advance(1min);
  }
  auto locked = service.authenticate_api_token(*good, "10.0.0.9");
  ASSERT_FALSE(locked);
  EXPECT_TRUE(locked.error().is(ErrorKind::kThrottled));
  EXPECT_EQ(locked.error().key, "accounts.throttled");
  EXPECT_TRUE(service.authenticate_api_token(*good, "10.0.0.10")) << "another address";
  clock.advance(policy.lockout);
  EXPECT_TRUE(service.authenticate_api_token(*good, "10.0.0.9")) << "the lockout has ended";
}

}  // namespace
}  // namespace htx::accounts
