// store::open_database (declared in store/database.hpp): the one place that knows which backend a
// URL means. In its own library, htx_store_backends, that only app and the tests link.
#include "store/backup.hpp"
#include "store/database.hpp"
#include "store/postgres/backup.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/backup.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace htx::store {

std::unique_ptr<Database> open_database(std::string_view url) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return postgres::open(std::string(url));
  if (url.rfind("sqlite:", 0) == 0) url.remove_prefix(7);
  return sqlite::open(std::string(url));
}

std::unique_ptr<Backups> backups_for(std::string_view url) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return postgres::backups(std::string(url));
  if (url.rfind("sqlite:", 0) == 0) url.remove_prefix(7);
  return sqlite::backups(std::string(url));
}

}  // namespace htx::store
