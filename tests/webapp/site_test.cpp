// The HTML site through a real server (127.0.0.1, port 0) over a temporary SQLite database with
// a few entities and users: sign-in, throttling, CSRF, forms, scopes, escaping, languages,
// reports, import, users and the audit log.
#include "webapp/site.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <map>
#include <regex>
#include <thread>

#include "site_client.hpp"
#include "support/registry_fixture.hpp"
#include "web/server.hpp"
#include "webapp/forms.hpp"

namespace htx::webapp {
namespace {

using namespace std::chrono_literals;

using namespace site_test_support;

class webappSite : public ::testing::Test {
 protected:
  void SetUp() override {
    auto hn = f.sample("0101000001");
    hn.name = "Hợp tác xã Nông nghiệp Hà Nội Xanh";
    hn.founded_on = *Date::from_ymd(2021, 2, 10);
    ASSERT_TRUE(f.service.create(hn, "test"));
    auto dn = f.sample("4801000002");
    dn.name = "Hợp tác xã Thủy sản Đà Nẵng";
    dn.province_id = "48-2008";
    dn.address = "Sơn Trà, Đà Nẵng";
    ASSERT_TRUE(f.service.create(dn, "test"));
    auto hn2 = f.sample("0101000003");
    hn2.name = "Hợp tác xã Rau sạch Đông Anh";
    hn2.address = "Đông Anh, Hà Nội";
    ASSERT_TRUE(f.service.create(hn2, "test"));

    accounts::AccountService accounts(
        f.db->accounts(), f.db->audit(), *f.db, now_fn(),
        [this](std::string_view id) { return f.geo.province(id) != nullptr; });
    auto add = [&](const char* name, accounts::Role role, std::vector<std::string> provinces,
                   std::string entity) {
      accounts::NewUser u;
      u.username = name;
      u.display_name = std::string("Người dùng ") + name;
      u.role = role;
      u.province_ids = std::move(provinces);
      u.entity_code = std::move(entity);
      u.password = kPassword;
      auto r = accounts.add_user(u, "test");
      ASSERT_TRUE(r) << r.error().key;
    };
    add("admin", accounts::Role::kAdmin, {}, "");
    add("hanoi", accounts::Role::kProvincialStaff, {"01-2025"}, "");
    add("danang", accounts::Role::kProvincialStaff, {"48-2025"}, "");
    add("coop", accounts::Role::kCooperative, {}, "0101000001");
    add("buyer", accounts::Role::kBuyer, {}, "");

    ctx.database_url = f.dir.file("test.db");
    ctx.open_database = [](const std::string& u) { return store::open_database(u); };
    ctx.geo = &f.geo;
    ctx.sectors = &f.sectors;
    ctx.columns = &f.columns;
    ctx.vi = &f.vi;
    ctx.en = &f.en;
    ctx.clock = &f.clock;
    ctx.now = now_fn();
    ctx.web_dir = HTX_SOURCE_WEB_DIR;
    register_site(router, ctx);
    web::ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    options.log = [](std::string_view) {};
    server = std::make_unique<web::Server>(options, router);
    server->start();
    runner = std::thread([this] { server->run(); });
  }
  void TearDown() override {
    if (server) server->stop();
    if (runner.joinable()) runner.join();
  }

  std::function<std::chrono::system_clock::time_point()> now_fn() {
    return [] { return std::chrono::sys_days{std::chrono::year{2026} / 11 / 29} + 10h; };
  }

  Browser browser() { return Browser(server->port()); }

  // A browser signed in as `user`.
  Browser signed_in(const std::string& user) {
    Browser b = browser();
    auto form = b.get("/login");
    EXPECT_EQ(form.status, 200);
    auto r = b.post("/login", {{"csrf", Browser::csrf_of(form.body)},
                               {"username", user},
                               {"password", kPassword},
                               {"next", "/"}});
    EXPECT_EQ(r.status, 303) << user << "\n" << r.body;
    return b;
  }

  std::int64_t entity_count() { return f.db->registry().count(registry::ListQuery{}); }

  testing::RegistryFixture f;
  api::AppContext ctx;
  web::Router router;
  std::unique_ptr<web::Server> server;
  std::thread runner;
};

std::vector<std::pair<std::string, std::string>> new_entity(const std::string& csrf,
                                                            const std::string& code) {
  return {{"csrf", csrf},
          {"code", code},
          {"name", "Hợp tác xã Mới " + code},
          {"type", "HTX"},
          {"sector_id", "nong_nghiep"},
          {"province_id", "01-2025"},
          {"address", "Thôn 1, Hà Nội"},
          {"founded_on", "05/11/2026"},
          {"members", "1.234"},
          {"employees", "7"},
          {"charter_capital", ""},
          {"revenue", ""},
          {"new_type", "on"},
          {"ocop_products", ""}};
}

TEST_F(webappSite, SignInWithTheFormThenOut) {
  Browser b = browser();
  auto form = b.get("/login?next=%2Fregistry");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("name=\"username\""));
  EXPECT_TRUE(form.has("name=\"password\""));
  EXPECT_TRUE(form.has("name=\"next\" value=\"/registry\""));
  std::string csrf = Browser::csrf_of(form.body);
  ASSERT_EQ(csrf.size(), 64u);
  ASSERT_EQ(b.jar["htx_csrf"], csrf) << "double-submit cookie";

  auto wrong =
      b.post("/login",
             {{"csrf", csrf}, {"username", "admin"}, {"password", "sai"}, {"next", "/registry"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(wrong.has("tên đăng nhập hoặc mật khẩu không đúng")) << wrong.body;
  EXPECT_EQ(b.jar.count("htx_session"), 0u);

  auto ok = b.post(
      "/login",
      {{"csrf", csrf}, {"username", "admin"}, {"password", kPassword}, {"next", "/registry"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.header("Location"), "/registry");
  std::string cookie;
  for (auto& c : ok.all("set-cookie"))
    if (c.rfind("htx_session=", 0) == 0) cookie = c;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "not behind TLS in this test";

  auto home = b.get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(home.has("Người dùng admin"));
  EXPECT_TRUE(home.has("action=\"/logout\""));
  EXPECT_TRUE(home.has("href=\"/users\"")) << "the admin sees Users in the menu";
  EXPECT_TRUE(home.has("href=\"/audit\""));
  std::string session_csrf = Browser::csrf_of(home.body);
  ASSERT_EQ(session_csrf.size(), 64u);

  auto out = b.post("/logout", {{"csrf", session_csrf}});
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(b.jar.count("htx_session"), 0u);
  auto after = b.get("/registry");
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(after.header("Location"), "/login?next=%2Fregistry");
}

// Behind TLS (ASVS 3.4.4): the session and the login form's token are __Host- cookies (Secure,
// Path=/, no Domain), the session id is new at each sign-in and ends at sign-out, and a cookie
// under the plain name (which another host of the domain could have set) is not a session.
TEST_F(webappSite, BehindTlsTheSecretCookiesAreHostPrefixedAndTheSessionRotates) {
  ctx.secure_cookies = true;
  Browser b = browser();
  auto form = b.get("/login");
  ASSERT_EQ(form.status, 200);
  const std::string csrf = Browser::csrf_of(form.body);
  ASSERT_EQ(b.jar["__Host-htx_csrf"], csrf);
  EXPECT_EQ(b.jar.count("htx_csrf"), 0u);
  auto sign_in = [&](Browser& who) {
    who.get("/login");  // the form's double-submit token is the cookie's (signed in or not)
    auto r = who.post("/login", {{"csrf", who.jar["__Host-htx_csrf"]},
                                 {"username", "admin"},
                                 {"password", kPassword},
                                 {"next", "/"}});
    EXPECT_EQ(r.status, 303) << r.body;
    std::string cookie;
    for (auto& c : r.all("set-cookie"))
      if (c.rfind("__Host-htx_session=", 0) == 0) cookie = c;
    EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
    EXPECT_EQ(cookie.find("Domain"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    return who.jar["__Host-htx_session"];
  };
  const std::string first = sign_in(b);
  ASSERT_EQ(first.size(), 64u);
  EXPECT_TRUE(b.get("/").has("Người dùng admin"));
  const std::string second = sign_in(b);
  EXPECT_NE(second, first) << "a new session id at each sign-in";
  Browser old = browser();
  old.jar["__Host-htx_session"] = first;
  EXPECT_EQ(old.get("/registry").status, 303) << "the session it replaced has ended";

  Browser plain = browser();
  plain.jar["htx_session"] = second;
  EXPECT_EQ(plain.get("/registry").status, 303) << "the plain name is not read behind TLS";

  auto out = b.post("/logout", {{"csrf", Browser::csrf_of(b.get("/").body)}});
  EXPECT_EQ(out.status, 303);
  Browser after = browser();
  after.jar["__Host-htx_session"] = second;
  EXPECT_EQ(after.get("/registry").status, 303) << "signed out: the id no longer resolves";
}

TEST_F(webappSite, NextMustBeALocalPath) {
  Browser b = browser();
  auto form = b.get("/login");
  auto r = b.post("/login", {{"csrf", Browser::csrf_of(form.body)},
                             {"username", "admin"},
                             {"password", kPassword},
                             {"next", "//evil.example/x"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/");
}

TEST_F(webappSite, LoginFormNeedsItsDoubleSubmitToken) {
  Browser b = browser();
  auto r = b.post("/login", {{"username", "admin"}, {"password", kPassword}});
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(r.has("mã chống giả mạo"));
  b.get("/login");
  r = b.post("/login",
             {{"csrf", std::string(64, 'a')}, {"username", "admin"}, {"password", kPassword}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(b.jar.count("htx_session"), 0u);
}

TEST_F(webappSite, RepeatedFailuresAreThrottledWith429) {
  Browser b = browser();
  std::string csrf = Browser::csrf_of(b.get("/login").body);
  int status = 0;
  Reply last;
  for (int i = 0; i < 8 && status != 429; ++i) {
    last =
        b.post("/login", {{"csrf", csrf}, {"username", "hanoi"}, {"password", "wrong-password"}});
    status = last.status;
  }
  ASSERT_EQ(status, 429) << last.body;
  EXPECT_TRUE(last.has("đăng nhập sai quá nhiều lần")) << last.body;
  // Even the right password is refused while the lock lasts.
  auto locked = b.post("/login", {{"csrf", csrf}, {"username", "hanoi"}, {"password", kPassword}});
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(b.jar.count("htx_session"), 0u);
}

TEST_F(webappSite, PostsWithoutTheSessionsCsrfTokenAre403AndChangeNothing) {
  Browser b = signed_in("admin");
  auto before = entity_count();
  auto page = b.get("/registry/new");
  ASSERT_EQ(page.status, 200);
  std::string csrf = Browser::csrf_of(page.body);
  auto fields = new_entity("", "0101999001");
  fields.erase(fields.begin());
  auto missing = b.post("/registry", fields);
  EXPECT_EQ(missing.status, 403);
  EXPECT_TRUE(missing.has("Yêu cầu không hợp lệ (thiếu hoặc sai mã chống giả mạo)"))
      << missing.body;
  auto forged = b.post("/registry", new_entity(std::string(64, 'f'), "0101999001"));
  EXPECT_EQ(forged.status, 403);
  auto forged_header = b.post("/registry", fields, {{"X-CSRF-Token", std::string(64, '0')}});
  EXPECT_EQ(forged_header.status, 403);
  auto logout = b.post("/logout", {});
  EXPECT_EQ(logout.status, 403);
  EXPECT_EQ(entity_count(), before);
  EXPECT_EQ(b.get("/users").status, 200) << "still signed in";
  // The right token in the header (as htmx sends it) is accepted.
  auto ok = b.post("/registry", fields, {{"X-CSRF-Token", csrf}});
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(entity_count(), before + 1);
}

TEST_F(webappSite, CreateWithBadFieldsIs422WithAMessageNextToEachField) {
  Browser b = signed_in("admin");
  std::string csrf = Browser::csrf_of(b.get("/registry/new").body);
  auto fields = new_entity(csrf, "0101999002");
  for (auto& [k, v] : fields) {
    if (k == "founded_on") v = "31/02/2021";
    if (k == "members") v = "nhiều";
    if (k == "name") v = "Tên giữ nguyên";
  }
  auto r = b.post("/registry", fields);
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(
      r.has("<p class=\"field-error\" id=\"error-founded_on\">&quot;31/02/2021&quot; không phải "
            "ngày hợp lệ"))
      << r.body;
  EXPECT_TRUE(r.has("<p class=\"field-error\" id=\"error-members\">")) << r.body;
  EXPECT_TRUE(r.has("class=\"error-summary\""));
  EXPECT_TRUE(r.has("href=\"#f-founded_on\""));
  EXPECT_TRUE(r.has("value=\"Tên giữ nguyên\"")) << "the user's values are kept";
  EXPECT_TRUE(r.has("value=\"nhiều\""));
  EXPECT_FALSE(r.has("\"></optgroup>")) << "no empty option group";
  EXPECT_TRUE(r.has("<option value=\"01-2025\" selected>"));
  EXPECT_FALSE(f.db->registry().find_by_code("0101999002"));

  // Required fields empty, and a code that exists.
  auto empty = b.post("/registry", {{"csrf", csrf}, {"code", ""}, {"name", ""}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(empty.has("id=\"error-code\""));
  EXPECT_TRUE(empty.has("id=\"error-name\""));
  auto taken = b.post("/registry", new_entity(csrf, "0101000001"));
  EXPECT_EQ(taken.status, 422);
  EXPECT_TRUE(taken.has("id=\"error-code\">mã số 0101000001 đã có trong sổ đăng ký")) << taken.body;
}

TEST_F(webappSite, CreateThenTheDetailPageWithItsHistory) {
  Browser b = signed_in("admin");
  auto generation = ctx.data_generation.load();
  std::string csrf = Browser::csrf_of(b.get("/registry/new").body);
  auto r = b.post("/registry", new_entity(csrf, "0101999003"));
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Location"), "/registry/0101999003");
  EXPECT_GT(ctx.data_generation.load(), generation);
  auto detail = b.get("/registry/0101999003");
  ASSERT_EQ(detail.status, 200);
  EXPECT_TRUE(detail.has("<h1>Hợp tác xã Mới 0101999003</h1>"));
  EXPECT_TRUE(detail.has("05/11/2026"));
  EXPECT_TRUE(detail.has("1.234")) << "members in Vietnamese format";
  EXPECT_TRUE(detail.has("Thành lập")) << "the founding is the first event";
  auto at = [&](const char* label) {
    return detail.body.find(std::string("<th scope=\"row\">") + label);
  };
  EXPECT_LT(at("Mã số đăng ký"), at("Tên"));
  EXPECT_LT(at("Tên"), at("Loại hình"));
  EXPECT_LT(at("Ngày thành lập"), at("Số thành viên"));
  EXPECT_NE(at("Số thành viên"), std::string::npos);
  auto stored = f.db->registry().find_by_code("0101999003");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->members, 1234);
  EXPECT_EQ(stored->recorded_by, "admin");
  EXPECT_TRUE(stored->new_type);
}

TEST_F(webappSite, ARecordDissolvedBeforeItWasEnteredKeepsItsDissolution) {
  Browser b = signed_in("admin");
  std::string csrf = Browser::csrf_of(b.get("/registry/new").body);
  auto fields = new_entity(csrf, "0101999005");
  for (auto& [k, v] : fields)
    if (k == "founded_on") v = "01/03/2015";
  auto inconsistent = fields;
  inconsistent.emplace_back("dissolved_on", "01/06/2020");
  auto r = b.post("/registry", inconsistent);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("id=\"error-status\"")) << r.body;
  fields.emplace_back("dissolved_on", "01/06/2020");
  fields.emplace_back("status", "dissolved");
  r = b.post("/registry", fields);
  ASSERT_EQ(r.status, 303) << r.body;
  auto detail = b.get("/registry/0101999005");
  EXPECT_TRUE(detail.has("01/06/2020"));
  EXPECT_TRUE(detail.has("<span class=\"event-kind\">Giải thể</span>")) << detail.body;
  EXPECT_FALSE(detail.has("/registry/0101999005/dissolve\""));
}

TEST_F(webappSite, EditAndDissolveAreEventsInTheHistory) {
  Browser b = signed_in("admin");
  auto edit = b.get("/registry/0101000003/edit");
  ASSERT_EQ(edit.status, 200);
  std::string csrf = Browser::csrf_of(edit.body);
  auto fields = new_entity(csrf, "0101000003");
  for (auto& [k, v] : fields) {
    if (k == "name") v = "Hợp tác xã Rau an toàn Đông Anh";
    if (k == "founded_on") v = "10/03/2019";
    if (k == "members") v = "120";
  }
  auto bad_date = fields;
  bad_date.emplace_back("effective_on", "hôm qua");
  auto r = b.post("/registry/0101000003", bad_date);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("id=\"error-effective_on\"")) << r.body;
  EXPECT_TRUE(r.has("name=\"code\" value=\"0101000003\"")) << "the read-only code is shown again";
  EXPECT_TRUE(r.has("value=\"hôm qua\""));
  fields.emplace_back("effective_on", "01/11/2026");
  fields.emplace_back("kind", "reorganised");
  fields.emplace_back("note", "Đổi tên theo nghị quyết đại hội");
  r = b.post("/registry/0101000003", fields);
  ASSERT_EQ(r.status, 303) << r.body;
  auto detail = b.get("/registry/0101000003");
  EXPECT_TRUE(detail.has("Tổ chức lại"));
  EXPECT_TRUE(detail.has("Hợp tác xã Rau sạch Đông Anh"));
  EXPECT_TRUE(detail.has("Hợp tác xã Rau an toàn Đông Anh"));
  EXPECT_TRUE(detail.has("Đổi tên theo nghị quyết đại hội"));

  auto form = b.get("/registry/0101000003/dissolve");
  ASSERT_EQ(form.status, 200);
  auto future = b.post("/registry/0101000003/dissolve", {{"csrf", csrf}, {"date", "01/01/2030"}});
  EXPECT_EQ(future.status, 422);
  EXPECT_TRUE(future.has("id=\"error-date\"")) << future.body;
  auto done = b.post("/registry/0101000003/dissolve",
                     {{"csrf", csrf}, {"date", "20/11/2026"}, {"note", "Tự nguyện giải thể"}});
  ASSERT_EQ(done.status, 303) << done.body;
  detail = b.get("/registry/0101000003");
  EXPECT_TRUE(detail.has("20/11/2026"));
  EXPECT_TRUE(detail.has("Tự nguyện giải thể"));
  EXPECT_FALSE(detail.has("/registry/0101000003/dissolve\"")) << "no second dissolution";
  EXPECT_EQ(f.db->registry().find_by_code("0101000003")->status,
            registry::EntityStatus::kDissolved);
}

TEST_F(webappSite, ProvincialStaffSeeTheirProvincesOnly) {
  Browser b = signed_in("hanoi");
  EXPECT_EQ(b.get("/registry/0101000001").status, 200);
  auto other = b.get("/registry/4801000002");
  EXPECT_EQ(other.status, 403);
  EXPECT_TRUE(other.has("không có quyền")) << other.body;
  EXPECT_EQ(b.get("/registry?province=48-2008").status, 403);
  EXPECT_EQ(b.get("/registry?province=48-2025").status, 403);
  auto own = b.get("/registry?province=01-2025");
  EXPECT_EQ(own.status, 200);
  EXPECT_TRUE(own.has("0101000001")) << "records registered under the old unit count";
  auto list = b.get("/registry");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.has("0101000001"));
  EXPECT_FALSE(list.has("4801000002"));
  EXPECT_FALSE(list.has("href=\"/users\""));
  // Nor may they write there.
  std::string csrf = Browser::csrf_of(list.body);
  auto fields = new_entity(csrf, "4801999001");
  for (auto& [k, v] : fields)
    if (k == "province_id") v = "48-2025";
  auto r = b.post("/registry", fields);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("id=\"error-province_id\">ngoài phạm vi")) << r.body;
  EXPECT_EQ(
      b.post("/registry/4801000002/dissolve", {{"csrf", csrf}, {"date", "01/11/2026"}}).status,
      403);
  EXPECT_EQ(f.db->registry().find_by_code("4801000002")->status, registry::EntityStatus::kActive);
  EXPECT_EQ(b.get("/users").status, 403);
  EXPECT_EQ(b.get("/audit").status, 403);
}

TEST_F(webappSite, ACooperativeEditsItsOwnRecordOnly) {
  Browser b = signed_in("coop");
  EXPECT_EQ(b.get("/registry/0101000001/edit").status, 200);
  auto other = b.get("/registry/0101000003/edit");
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(b.get("/registry/0101000003").status, 403);
  std::string csrf = Browser::csrf_of(b.get("/registry/0101000001").body);
  auto fields = new_entity(csrf, "0101000003");
  fields.emplace_back("effective_on", "01/11/2026");
  auto r = b.post("/registry/0101000003", fields);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(f.db->registry().find_by_code("0101000003")->name, "Hợp tác xã Rau sạch Đông Anh");
  auto list = b.get("/registry");
  EXPECT_TRUE(list.has("0101000001"));
  EXPECT_FALSE(list.has("0101000003"));
}

TEST_F(webappSite, ThePublicAndBuyersDoNotUseTheRegistryPages) {
  Browser anon = browser();
  auto r = anon.get("/registry?q=ha%20noi");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/login?next=%2Fregistry%3Fq%3Dha%2520noi");
  auto htmx = anon.get("/registry?q=x", {{"HX-Request", "true"}});
  EXPECT_EQ(htmx.header("HX-Redirect"), "/login?next=%2Fregistry%3Fq%3Dx");
  EXPECT_EQ(anon.get("/registry/0101000001").status, 303);
  EXPECT_EQ(anon.get("/").status, 200);
  EXPECT_EQ(anon.get("/reports?period=2021").status, 200);
  Browser buyer = signed_in("buyer");
  EXPECT_EQ(buyer.get("/registry").status, 403);
  EXPECT_EQ(buyer.get("/registry/0101000001").status, 403);
}

TEST_F(webappSite, SearchIgnoresDiacriticsAndHtmxGetsTheTableOnly) {
  Browser b = signed_in("admin");
  auto r = b.get("/registry?q=ha+noi+xanh");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("<table id=\"registry-results\""));
  EXPECT_TRUE(r.has("href=\"/registry/0101000001\">0101000001</a>"));
  EXPECT_FALSE(r.has("4801000002"));
  EXPECT_TRUE(r.has("hx-get=\"/registry\""));
  auto dn = b.get("/registry?q=da%20nang");
  EXPECT_TRUE(dn.has("4801000002"));
  EXPECT_FALSE(dn.has("0101000001"));
  auto fragment = b.get("/registry?q=da%20nang", {{"HX-Request", "true"}});
  ASSERT_EQ(fragment.status, 200);
  EXPECT_EQ(fragment.body.rfind("<table id=\"registry-results\"", 0), 0u)
      << fragment.body.substr(0, 200);
  EXPECT_FALSE(fragment.has("<html"));
  EXPECT_TRUE(fragment.has("4801000002"));
  // Sorting and paging parameters that make no sense are ignored, never a 500.
  for (const char* q :
       {"/registry?sort=code&dir=desc", "/registry?page=abc", "/registry?page=999999",
        "/registry?type=XYZ&status=nope", "/registry?q=%C3"})
    EXPECT_LT(b.get(q).status, 500) << q;
  auto by_code = b.get("/registry?sort=code&dir=desc");
  EXPECT_LT(by_code.body.find("4801000002"), by_code.body.find("0101000001"));
}

TEST_F(webappSite, MarkupInNamesAndSearchesComesBackEscaped) {
  Browser b = signed_in("admin");
  std::string csrf = Browser::csrf_of(b.get("/registry/new").body);
  auto fields = new_entity(csrf, "0101999004");
  for (auto& [k, v] : fields)
    if (k == "name") v = "<script>alert('x')</script><img src=x onerror=alert(1)>";
  ASSERT_EQ(b.post("/registry", fields).status, 303);
  for (const char* page : {"/registry/0101999004", "/registry?q=script", "/audit"}) {
    auto r = b.get(page);
    ASSERT_EQ(r.status, 200) << page;
    EXPECT_FALSE(r.has("<script>alert")) << page;
    EXPECT_FALSE(r.has("<img src=x")) << page;
    EXPECT_TRUE(r.has("&lt;script&gt;alert(")) << page;
  }
  auto search = b.get("/registry?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  ASSERT_EQ(search.status, 200);
  EXPECT_FALSE(search.has("<script>alert(1)"));
  EXPECT_TRUE(search.has("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
  // Every script of the page is a file of ours, and there is no style attribute.
  std::regex inline_script("<script(?![^>]*\\bsrc=)[^>]*>");
  EXPECT_FALSE(std::regex_search(search.body, inline_script));
  EXPECT_FALSE(search.has(" style="));
  EXPECT_NE(search.header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
}

TEST_F(webappSite, SqlLikeSearchTextIsJustText) {
  Browser b = signed_in("admin");
  auto r = b.get("/registry?q=%27%20OR%201%3D1%20--");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Không tìm thấy đơn vị nào")) << r.body;
  EXPECT_FALSE(r.has("0101000001"));
  auto drop = b.get("/registry?q=%27%3B%20DROP%20TABLE%20entity%3B--");
  EXPECT_EQ(drop.status, 200);
  EXPECT_EQ(entity_count(), 3);
}

TEST_F(webappSite, EnglishOnRequestAndRemembered) {
  Browser b = browser();
  auto vi = b.get("/");
  ASSERT_EQ(vi.status, 200);
  EXPECT_TRUE(vi.has("<html lang=\"vi\">"));
  EXPECT_TRUE(vi.has("Tổng quan"));
  EXPECT_TRUE(vi.has("href=\"/?lang=en\""));
  auto en = b.get("/?lang=en");
  EXPECT_TRUE(en.has("<html lang=\"en\">"));
  EXPECT_TRUE(en.has("Dashboard"));
  EXPECT_EQ(b.jar["lang"], "en");
  auto again = b.get("/reports");
  EXPECT_TRUE(again.has("<html lang=\"en\">")) << "the cookie remembers the choice";
  EXPECT_TRUE(again.has("href=\"/reports?lang=vi\""));
  Browser header = browser();
  EXPECT_TRUE(
      header.get("/login", {{"Accept-Language", "en-US,en;q=0.8"}}).has("<html lang=\"en\">"));
  auto forbidden = signed_in("buyer").get("/registry?lang=en");
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_TRUE(forbidden.has("Access denied"));
}

TEST_F(webappSite, DashboardFiguresAndCharts) {
  Browser b = browser();
  auto r = b.get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("<dd id=\"stock-htx\">3</dd>")) << r.body;
  EXPECT_TRUE(r.has("<dd id=\"stock-lhhtx\">0</dd>"));
  EXPECT_TRUE(r.has("<dd id=\"stock-tht\">0</dd>"));
  for (const char* id : {"chart-monthly", "chart-stock", "chart-yearly"})
    EXPECT_TRUE(r.has(std::string("<canvas id=\"") + id + "\"")) << id;
  EXPECT_TRUE(r.has("data-chart=\"{&quot;"));
  // A provincial user's dashboard counts their provinces only.
  auto hn = signed_in("danang").get("/");
  EXPECT_TRUE(hn.has("<dd id=\"stock-htx\">1</dd>")) << hn.body;
}

TEST_F(webappSite, ReportsWithDownloads) {
  Browser b = browser();
  auto form = b.get("/reports");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("name=\"period\""));
  auto bad = b.get("/reports?period=2021-13");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.has("class=\"field-error\" id=\"error-period\""));
  auto y = b.get("/reports?period=2021");
  ASSERT_EQ(y.status, 200);
  EXPECT_TRUE(y.has("thành lập mới 1 HTX")) << y.body;
  EXPECT_TRUE(y.has("/reports/download?period=2021&amp;boundaries=old&amp;format=xlsx"));
  auto q = b.get("/reports?period=Qu%C3%BD%20I%2F2021&boundaries=new");
  EXPECT_EQ(q.status, 200);
  auto csv = b.get("/reports/download?period=2021&boundaries=old&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Disposition"), "attachment; filename=\"bao-cao-2021.csv\"");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
  auto xlsx = b.get("/reports/download?period=2021&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK\x03\x04", 0), 0u);
  EXPECT_NE(xlsx.header("Content-Type").find("spreadsheetml"), std::string::npos);
  EXPECT_EQ(b.get("/reports/download?period=2021&format=pdf").status, 400);
  EXPECT_EQ(b.get("/reports/download?period=nonsense&format=csv").status, 400);
}

TEST_F(webappSite, ImportChecksFirstThenImportsAllOrNothing) {
  Browser b = signed_in("hanoi");
  auto form = b.get("/import");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("enctype=\"multipart/form-data\""));
  std::string csrf = Browser::csrf_of(form.body);
  const std::string header =
      "Mã số đăng ký,Tên,Loại hình,Ngành nghề,Tỉnh/thành phố,Ngày thành lập\r\n";
  std::string csv = header + "0101888001,HTX Nhập Một,HTX,nong_nghiep,Hà Nội,01/02/2020\r\n" +
                    "4801888002,HTX Nhập Hai,HTX,nong_nghiep,Đà Nẵng,01/02/2020\r\n" +
                    "0101888003,HTX Nhập Ba,HTX,nong_nghiep,Hà Nội,31/02/2020\r\n";
  const std::string boundary = "----htxTestBoundary7";
  auto upload = [&](const std::string& data, const std::string& token) {
    return b.send("POST", "/import",
                  {{"Content-Type", "multipart/form-data; boundary=" + boundary}},
                  multipart(boundary, {{"csrf", "", token}, {"file", "so-dang-ky.csv", data}}));
  };
  auto checked = upload(csv, csrf);
  ASSERT_EQ(checked.status, 422) << checked.body;
  EXPECT_TRUE(checked.has("id=\"import-problems\""));
  EXPECT_TRUE(checked.has("đơn vị 4801888002 thuộc Đà Nẵng, ngoài phạm vi")) << checked.body;
  EXPECT_TRUE(checked.has("Ngày thành lập"));
  EXPECT_FALSE(checked.has("action=\"/import/confirm\""));
  EXPECT_FALSE(f.db->registry().find_by_code("0101888001")) << "a check stores nothing";

  std::string good = header + "0101888001,HTX Nhập Một,HTX,nong_nghiep,Hà Nội,01/02/2020\r\n" +
                     "0101888004,\"HTX Nhập <Bốn>\",HTX,nong_nghiep,Ha Noi,15/06/2022\r\n";
  auto ok = upload(good, csrf);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(ok.has("action=\"/import/confirm\""));
  EXPECT_FALSE(f.db->registry().find_by_code("0101888001")) << "a dry run stores nothing";
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(ok.body, m, std::regex("name=\"upload\" value=\"([0-9a-f]{64})\"")));
  std::string upload_id = m[1].str();

  // Another session cannot confirm this upload; nor can a request without the token.
  Browser other = signed_in("hanoi");
  std::string other_csrf = Browser::csrf_of(other.get("/import").body);
  EXPECT_EQ(other.post("/import/confirm", {{"csrf", other_csrf}, {"upload", upload_id}}).status,
            422);
  EXPECT_EQ(b.post("/import/confirm", {{"upload", upload_id}}).status, 403);
  EXPECT_EQ(b.post("/import/confirm", {{"csrf", csrf}, {"upload", "../../etc/passwd"}}).status,
            422);

  auto generation = ctx.data_generation.load();
  auto done = b.post("/import/confirm",
                     {{"csrf", csrf}, {"upload", upload_id}, {"filename", "so-dang-ky.csv"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_TRUE(done.has("Đã nhập 2 dòng: thêm mới 2")) << done.body;
  EXPECT_TRUE(f.db->registry().find_by_code("0101888001"));
  EXPECT_EQ(f.db->registry().find_by_code("0101888004")->recorded_by, "hanoi");
  EXPECT_GT(ctx.data_generation.load(), generation);
  EXPECT_EQ(b.post("/import/confirm", {{"csrf", csrf}, {"upload", upload_id}}).status, 422)
      << "an upload is imported once";

  // Malformed uploads: 400, no crash; a missing file: 422.
  auto broken =
      b.send("POST", "/import", {{"Content-Type", "multipart/form-data; boundary=" + boundary}},
             "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf);
  EXPECT_EQ(broken.status, 400);
  auto no_boundary = b.send("POST", "/import", {{"Content-Type", "multipart/form-data"}}, "x");
  EXPECT_EQ(no_boundary.status, 400);
  auto no_file =
      b.send("POST", "/import", {{"Content-Type", "multipart/form-data; boundary=" + boundary}},
             multipart(boundary, {{"csrf", "", csrf}}));
  EXPECT_EQ(no_file.status, 422);
  auto no_token = upload(good, "");
  EXPECT_EQ(no_token.status, 403);
}

TEST_F(webappSite, AdministratorsManageUsersAndReadTheAuditLog) {
  Browser b = signed_in("admin");
  auto page = b.get("/users");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("hanoi"));
  std::string csrf = Browser::csrf_of(page.body);
  auto weak = b.post("/users", {{"csrf", csrf},
                                {"username", "moi"},
                                {"display_name", "Người Mới"},
                                {"role", "national_staff"},
                                {"password", "ngan"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_TRUE(weak.has("id=\"error-password\"")) << weak.body;
  EXPECT_TRUE(weak.has("value=\"Người Mới\""));
  auto created = b.post("/users", {{"csrf", csrf},
                                   {"username", "haiphong"},
                                   {"display_name", "Cán bộ Hải Phòng"},
                                   {"role", "provincial_staff"},
                                   {"province_ids", "31-2025"},
                                   {"password", "Hai-phong-2026!"}});
  ASSERT_EQ(created.status, 303) << created.body;
  EXPECT_EQ(created.header("Location"), "/users?done=created&user=haiphong");
  EXPECT_TRUE(b.get(created.header("Location")).has("Đã tạo tài khoản haiphong."));
  EXPECT_EQ(b.post("/users/haiphong/disable", {{"csrf", csrf}}).status, 303);
  EXPECT_EQ(b.post("/users/nobody/disable", {{"csrf", csrf}}).status, 404);
  EXPECT_EQ(b.post("/users/haiphong/enable", {{"csrf", csrf}}).status, 303);
  EXPECT_EQ(b.post("/users/haiphong/reset-password", {{"csrf", csrf}, {"password", "ngan"}}).status,
            422);
  EXPECT_EQ(
      b.post("/users/haiphong/reset-password", {{"csrf", csrf}, {"password", "Mat-khau-moi-2026"}})
          .status,
      303);
  auto token = b.post("/users/haiphong/tokens", {{"csrf", csrf}, {"name", "Excel"}});
  ASSERT_EQ(token.status, 200);
  EXPECT_TRUE(std::regex_search(token.body, std::regex("value=\"[0-9a-f]{64}\"")));
  EXPECT_EQ(token.header("Cache-Control"), "no-store");

  auto audit = b.get("/audit");
  ASSERT_EQ(audit.status, 200);
  EXPECT_TRUE(audit.has("registry.create"));
  auto filtered = b.get("/audit?actor=admin");
  EXPECT_TRUE(filtered.has("admin"));
  EXPECT_FALSE(filtered.has(">registry.create<")) << "the entities were made by \"test\"";
  EXPECT_EQ(b.get("/audit?before=abc").status, 200);
}

TEST_F(webappSite, MalformedRequestsNeverGiveA500) {
  Browser b = signed_in("admin");
  std::string csrf = Browser::csrf_of(b.get("/").body);
  EXPECT_EQ(b.send("POST", "/registry", {{"Content-Type", "application/x-www-form-urlencoded"}},
                   "csrf=" + csrf + "&name=%zz")
                .status,
            400);
  EXPECT_EQ(b.send("POST", "/registry", {{"Content-Type", "text/plain"}}, "hello").status, 403)
      << "no token: refused as such";
  EXPECT_EQ(
      b.send("POST", "/registry", {{"Content-Type", "text/plain"}, {"X-CSRF-Token", csrf}}, "hello")
          .status,
      400);
  EXPECT_EQ(b.send("POST", "/registry", {}, "").status, 403);
  EXPECT_EQ(b.send("POST", "/logout", {}, "").status, 403) << "a bodiless POST without a token";
  EXPECT_LT(b.get("/registry/%E2%82").status, 500);
  EXPECT_EQ(b.get("/registry/NOPE").status, 404);
  EXPECT_TRUE(b.get("/registry/NOPE").has("không có đơn vị mã số NOPE"));
  EXPECT_EQ(b.get("/registry/NOPE/edit").status, 404);
  EXPECT_EQ(b.post("/registry/NOPE", {{"csrf", csrf}}).status, 404);
  EXPECT_EQ(b.get("/registry?province=zz").status, 400) << "as the API: bad_province";
  EXPECT_EQ(b.post("/registry/0101000001", {{"csrf", csrf}, {"members", "-5"}}).status, 422);
  // A stale session cookie is cleared and the visitor is asked to sign in.
  Browser stale = browser();
  stale.jar["htx_session"] = std::string(64, 'a');
  auto r = stale.get("/registry");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(stale.jar.count("htx_session"), 0u);
  stale.jar["htx_session"] = "x\"; drop";
  EXPECT_EQ(stale.get("/").status, 200);
}

// The registry's filters, entities and users answer as the API and the command line do: they all
// ask the area (areas::RegistryArea, areas::AccountsArea).
TEST_F(webappSite, ABadRegistryFilterIsABadRequestAsInTheApi) {
  Browser b = signed_in("admin");
  for (const char* q : {"/registry?province=zz", "/registry?type=XYZ", "/registry?status=nope"}) {
    auto r = b.get(q);
    EXPECT_EQ(r.status, 400) << q;
  }
  EXPECT_TRUE(b.get("/registry?type=XYZ").has("XYZ"));
  // The order and the page number are the page's own: one it does not offer falls back.
  EXPECT_EQ(b.get("/registry?sort=members&dir=up&page=abc").status, 200);
}

TEST_F(webappSite, UnknownAndOtherProvincesEntitiesAnswerAsInTheApi) {
  Browser hanoi = signed_in("hanoi");
  EXPECT_EQ(hanoi.get("/registry/NOPE").status, 404);
  EXPECT_EQ(hanoi.get("/registry/NOPE/dissolve").status, 404);
  EXPECT_EQ(hanoi.get("/registry/4801000002").status, 403);
  EXPECT_EQ(hanoi.get("/registry/4801000002/edit").status, 403);
  EXPECT_EQ(hanoi.get("/registry/4801000002/dissolve").status, 403);
  EXPECT_EQ(hanoi.get("/registry?province=48-2025").status, 403);
}

TEST_F(webappSite, AnAccountForAnEntityNotInTheRegistryIsRefusedAsOnTheCommandLine) {
  Browser b = signed_in("admin");
  std::string csrf = Browser::csrf_of(b.get("/users").body);
  auto r = b.post("/users", {{"csrf", csrf},
                             {"username", "htx.khong"},
                             {"role", "cooperative"},
                             {"entity_code", "0101999999"},
                             {"password", "Hop-tac-xa-2026!"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("id=\"error-entity_code\"")) << r.body;
  EXPECT_TRUE(r.has("0101999999"));
  EXPECT_EQ(b.post("/users/nobody/enable", {{"csrf", csrf}}).status, 404);
  EXPECT_EQ(b.post("/users/nobody/tokens", {{"csrf", csrf}, {"name", "x"}}).status, 404);
}

}  // namespace
}  // namespace htx::webapp
