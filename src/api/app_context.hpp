// What every HTTP handler (JSON API and HTML pages) shares: configuration and data loaded once,
// a database connection per worker thread, the accounts service over it, and the data
// generation that caches key on. Built once by `htx serve` (src/cli) before the server starts.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "accounts/access.hpp"
#include "accounts/account_service.hpp"
#include "areas/accounts_area.hpp"
#include "areas/advisory_area.hpp"
#include "areas/fund_area.hpp"
#include "areas/market_area.hpp"
#include "areas/ocop_area.hpp"
#include "areas/registry_area.hpp"
#include "areas/training_area.hpp"
#include "core/date.hpp"
#include "core/i18n.hpp"
#include "exchange/registry_columns.hpp"
#include "geo/geography.hpp"
#include "market/market_service.hpp"
#include "registry/registry_service.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"
#include "web/http_types.hpp"

namespace htx::api {

class DashboardCache;  // api/dashboard.cpp

using DatabaseOpener = std::function<std::unique_ptr<store::Database>(const std::string& url)>;

struct AppContext {
  std::string database_url;
  DatabaseOpener open_database;
  const geo::Geography* geo = nullptr;
  const registry::Sectors* sectors = nullptr;
  const exchange::RegistryColumns* columns = nullptr;
  const market::MarketData* market = nullptr;         // the exchange's catalogue and parameters
  const fund::FundRules* fund = nullptr;              // the support funds' legal parameters
  const ocop::OcopRules* ocop = nullptr;              // OCOP's groups, parts and star bands
  const training::TrainingRules* training = nullptr;  // data/training's lists and rules
  const i18n::Catalog* vi = nullptr;
  const i18n::Catalog* en = nullptr;
  const Clock* clock = nullptr;                                // today's date (HTX_TODAY in tests)
  std::function<std::chrono::system_clock::time_point()> now;  // sessions, audit times
  std::filesystem::path web_dir;            // web/: templates/, static/, node_modules/
  bool secure_cookies = false;              // behind TLS: the secret cookies are Secure and __Host-
  accounts::SessionPolicy accounts_policy;  // data/accounts (htx serve loads it)

  // Bumped by every write made through this server; caches (dashboard) key on it. Writes made
  // by another process (the CLI) are seen when a cache entry's time-to-live ends.
  mutable std::atomic<std::uint64_t> data_generation{0};

  // The dashboard cache of this context, made on first use by api::dashboard_json.
  mutable std::once_flag dashboard_cache_once;
  mutable std::shared_ptr<DashboardCache> dashboard_cache;

  const i18n::Catalog& catalog(i18n::Lang lang) const {
    return lang == i18n::Lang::kEn ? *en : *vi;
  }
  const i18n::Catalog& catalog(const web::Request& request) const {
    return catalog(web::preferred_lang(request));
  }
};

// Per worker thread: the database connection and the services built over it.
struct WorkerServices {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<registry::RegistryService> registry;
  std::unique_ptr<accounts::AccountService> accounts;
  std::unique_ptr<accounts::AccessPolicy> access;
};

// The calling thread's services for this context (opened on first use).
WorkerServices& worker_services(const AppContext& context);

// The registry and the accounts areas of a request's principal, over the calling thread's
// database (pages and API handlers call these instead of building services).
areas::RegistryArea registry_area(const AppContext& ctx, const accounts::Principal& p);
areas::AccountsArea accounts_area(const AppContext& ctx, const accounts::Principal& p);
areas::MarketArea market_area(const AppContext& ctx, const accounts::Principal& p);
areas::FundArea fund_area(const AppContext& ctx, const accounts::Principal& p);
areas::OcopArea ocop_area(const AppContext& ctx, const accounts::Principal& p);
areas::TrainingArea training_area(const AppContext& ctx, const accounts::Principal& p);
areas::AdvisoryArea advisory_area(const AppContext& ctx, const accounts::Principal& p);

}  // namespace htx::api
