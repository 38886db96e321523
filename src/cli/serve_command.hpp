// `htx serve`: builds the application context, registers the JSON API, the static files and the
// HTML site, creates the first administrator on an empty accounts table, and serves until
// SIGINT/SIGTERM.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/i18n.hpp"
#include "exchange/registry_columns.hpp"
#include "fund/rules.hpp"
#include "geo/geography.hpp"
#include "market/market_service.hpp"
#include "ocop/rules.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"

namespace htx::cli {

struct ServeSettings {
  std::string database_url;
  std::function<std::unique_ptr<store::Database>(const std::string& url)> open_database;
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::filesystem::path web_dir;  // empty: $HTX_WEB_DIR, else the source tree's web/
  bool behind_tls = false;        // a TLS proxy in front: Secure, __Host- cookies
  const geo::Geography* geo = nullptr;
  const registry::Sectors* sectors = nullptr;
  const exchange::RegistryColumns* columns = nullptr;
  const market::MarketData* market = nullptr;
  const fund::FundRules* fund = nullptr;
  const ocop::OcopRules* ocop = nullptr;
  const i18n::Catalog* catalog = nullptr;  // the operator's language, for what is printed
};

// The folder of templates, static files and npm packages: $HTX_WEB_DIR, else the build's default.
std::filesystem::path default_web_dir();

// Returns the exit code.
int serve(const ServeSettings& settings);

}  // namespace htx::cli
