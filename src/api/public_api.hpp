// The read-only public API over HTTP: the directory of the collective economy and the
// published statistics (what DOMAIN.md gives the public, no login). Handlers are thin: parse
// the request, call the modules, serialise. Accounts, roles and writes come with the web issue.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/i18n.hpp"
#include "geo/geography.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"
#include "web/router.hpp"

namespace htx::api {

using DatabaseOpener = std::function<std::unique_ptr<store::Database>(const std::string& url)>;

struct PublicApiContext {
  std::string database_url;
  DatabaseOpener open_database;
  const geo::Geography* geo = nullptr;
  const registry::Sectors* sectors = nullptr;
  const i18n::Catalog* vi = nullptr;
  const i18n::Catalog* en = nullptr;
};

// GET /api/v1/cooperatives?q=&type=HTX|LHHTX|THT&province=ID&limit=&offset=
// GET /api/v1/cooperatives/{code}           one entity with its event history
// GET /api/v1/reports/{period}?boundaries=old|new|registered
// Each worker thread keeps its own connection to the database.
void register_public_api(web::Router& router, const PublicApiContext& context);

}  // namespace htx::api
