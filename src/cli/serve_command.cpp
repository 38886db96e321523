#include "cli/serve_command.hpp"

#include <cstdlib>
#include <iostream>

#include "accounts/account_service.hpp"
#include "api/app_context.hpp"
#include "api/public_api.hpp"
#include "core/date.hpp"
#include "web/server.hpp"
#include "webapp/site.hpp"

namespace htx::cli {

std::filesystem::path default_web_dir() {
  if (const char* env = std::getenv("HTX_WEB_DIR"); env && *env) return env;
  return HTX_DEFAULT_WEB_DIR;
}

namespace {

// On a database without accounts, the first administrator: "admin" with a random password
// (or $HTX_ADMIN_PASSWORD), printed once so that the operator can sign in.
void ensure_first_admin(const api::AppContext& ctx, const i18n::Catalog& cat) {
  auto& services = api::worker_services(ctx);
  if (services.db->accounts().count_users() > 0) {
    std::cout << cat.text("serve.accounts_exist") << std::endl;
    return;
  }
  accounts::NewUser admin;
  admin.username = "admin";
  admin.display_name = cat.text("serve.first_admin_name");
  admin.role = accounts::Role::kAdmin;
  const char* env = std::getenv("HTX_ADMIN_PASSWORD");
  admin.password = env && *env ? env : accounts::random_token().substr(0, 16);
  auto added = services.accounts->add_user(admin, "system:first-start");
  if (!added) {
    std::cerr << cat.text("error.prefix") << cat.render(added.error()) << std::endl;
    return;
  }
  std::cout << cat.text("serve.first_admin",
                        {{"username", admin.username}, {"password", admin.password}})
            << std::endl;
}

}  // namespace

int serve(const ServeSettings& s) {
  auto dir = i18n::data_dir();
  auto vi = i18n::Catalog::load(dir, i18n::Lang::kVi);
  auto en = i18n::Catalog::load(dir, i18n::Lang::kEn);
  api::AppContext ctx;
  ctx.database_url = s.database_url;
  ctx.open_database = s.open_database;
  ctx.geo = s.geo;
  ctx.sectors = s.sectors;
  ctx.columns = s.columns;
  ctx.market = s.market;
  ctx.fund = s.fund;
  ctx.ocop = s.ocop;
  const auto training_rules = training::TrainingRules::load(dir);
  ctx.training = &training_rules;
  ctx.vi = &vi;
  ctx.en = &en;
  ctx.clock = &default_clock();
  ctx.now = [] { return std::chrono::system_clock::now(); };
  ctx.web_dir = s.web_dir.empty() ? default_web_dir() : s.web_dir;
  ctx.secure_cookies = s.behind_tls;
  ctx.accounts_policy = accounts::SessionPolicy::load(dir);

  ensure_first_admin(ctx, *s.catalog);

  web::Router router;
  api::register_public_api(router, ctx);
  api::register_static(router, ctx);
  webapp::register_site(router, ctx);
  web::ServerOptions options;
  options.address = s.host;
  options.port = s.port;
  web::Server server(options, router);
  server.start();
  std::cout << s.catalog->text("serve.listening",
                               {{"address", s.host}, {"port", std::to_string(server.port())}})
            << std::endl;
  server.run_until_signal();
  return 0;
}

}  // namespace htx::cli
