// The site (and the JSON API) served over a test fixture's database on 127.0.0.1, port 0, with
// the fixture's fixed clock; its users sign in with site_test_support::kPassword.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "accounts/account_service.hpp"
#include "api/app_context.hpp"
#include "api/public_api.hpp"
#include "demo/demo_registry.hpp"
#include "site_client.hpp"
#include "support/market_data.hpp"
#include "support/registry_fixture.hpp"
#include "web/server.hpp"
#include "webapp/site.hpp"

namespace htx::webapp::site_test_support {

// 29/11/2026 10:00 UTC, the fixture's day.
inline std::chrono::system_clock::time_point fixture_now() {
  using namespace std::chrono_literals;
  return std::chrono::sys_days{std::chrono::year{2026} / 11 / 29} + 10h;
}

// Adds a user with the test password; false (and a test failure) when refused.
// An own account (a cooperative's, a buyer's) names its entity or buyer by `entity`.
inline bool add_site_user(htx::testing::RegistryFixture& f, const std::string& name,
                          accounts::Role role, std::vector<std::string> provinces,
                          const std::string& entity = "") {
  accounts::AccountService accounts(
      f.db->accounts(), f.db->audit(), *f.db, [] { return fixture_now(); },
      [&f](std::string_view id) { return f.geo.province(id) != nullptr; });
  accounts::NewUser u;
  u.username = name;
  u.display_name = "Người dùng " + name;
  u.role = role;
  u.province_ids = std::move(provinces);
  u.entity_code = entity;
  u.password = kPassword;
  auto r = accounts.add_user(u, "test");
  EXPECT_TRUE(r) << r.error().key;
  return static_cast<bool>(r);
}

// The demo at scale 0.05 on the fixture's database, with the work programme and governance and,
// when `market`, the exchange.
inline void build_site_demo(htx::testing::RegistryFixture& f, bool market) {
  demo::DemoOptions opt;
  opt.scale = 0.05;
  opt.clock = &f.clock;
  opt.work = &f.db->work();
  opt.work_audit = &f.db->audit();
  opt.governance = &f.db->governance();
  opt.registry = &f.db->registry();
  if (market) opt.market = &f.db->market();
  demo::build_demo(f.service, *f.db, f.db->targets(), f.geo, f.sectors, opt);
}

class SiteServer {
 public:
  explicit SiteServer(htx::testing::RegistryFixture& f) {
    ctx_.database_url = f.dir.file("test.db");
    ctx_.open_database = [](const std::string& u) { return store::open_database(u); };
    ctx_.geo = &f.geo;
    ctx_.sectors = &f.sectors;
    ctx_.columns = &f.columns;
    ctx_.market = &htx::testing::market_data();
    ctx_.fund = &htx::testing::fund_rules();
    ctx_.ocop = &htx::testing::ocop_rules();
    ctx_.training = &htx::testing::training_rules();
    ctx_.vi = &f.vi;
    ctx_.en = &f.en;
    ctx_.clock = &f.clock;
    ctx_.now = [] { return fixture_now(); };
    ctx_.web_dir = HTX_SOURCE_WEB_DIR;
    api::register_public_api(router_, ctx_);
    register_site(router_, ctx_);
    web::ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    options.log = [](std::string_view) {};
    server_ = std::make_unique<web::Server>(options, router_);
    server_->start();
    runner_ = std::thread([this] { server_->run(); });
  }
  ~SiteServer() {
    server_->stop();
    if (runner_.joinable()) runner_.join();
  }
  SiteServer(const SiteServer&) = delete;
  SiteServer& operator=(const SiteServer&) = delete;

  std::uint16_t port() const { return server_->port(); }

  // A browser signed in as `user`.
  Browser signed_in(const std::string& user) {
    Browser b(port());
    auto form = b.get("/login");
    auto r = b.post("/login", {{"csrf", Browser::csrf_of(form.body)},
                               {"username", user},
                               {"password", kPassword},
                               {"next", "/"}});
    EXPECT_EQ(r.status, 303) << user << "\n" << r.body;
    return b;
  }

 private:
  api::AppContext ctx_;
  web::Router router_;
  std::unique_ptr<web::Server> server_;
  std::thread runner_;
};

}  // namespace htx::webapp::site_test_support
