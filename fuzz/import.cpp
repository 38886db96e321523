// The import of a whole registry file (exchange/registry_import.hpp) over any bytes, as a .csv
// or (when the bytes begin as a zip does) an .xlsx, into an in-memory SQLite database with the
// shipped data files, as a dry run (checked as an import would be, then rolled back): never a
// crash or an exception for the file's faults; the report's counts add up (created + unchanged
// + rejected <= rows, problems kept <= rejected rows' problems) and nothing is stored.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/date.hpp"
#include "exchange/registry_columns.hpp"
#include "exchange/registry_import.hpp"
#include "fuzz_check.hpp"
#include "fuzz_file.hpp"
#include "geo/geography.hpp"
#include "registry/registry_service.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace {

struct Registry {
  htx::FixedClock clock{*htx::Date::from_ymd(2026, 11, 29), "2026-11-29T10:00:00Z"};
  htx::geo::Geography geo = htx::geo::Geography::load(HTX_FUZZ_DATA_DIR);
  htx::registry::Sectors sectors = htx::registry::Sectors::load(HTX_FUZZ_DATA_DIR);
  htx::exchange::RegistryColumns columns = htx::exchange::RegistryColumns::load(HTX_FUZZ_DATA_DIR);
  std::unique_ptr<htx::store::Database> db = htx::store::sqlite::open(":memory:");
  htx::registry::RegistryService service{db->registry(), db->audit(), db->flows(), *db, geo,
                                         sectors,        clock};
  htx::exchange::RegistryImporter importer{service, *db, geo, sectors, columns, clock};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Registry r;
  const bool zip = size >= 2 && data[0] == 'P' && data[1] == 'K';
  const std::string path = htx::fuzz::input_file(data, size, zip ? ".xlsx" : ".csv");
  htx::exchange::ImportOptions options;
  options.dry_run = true;
  options.max_record_bytes = 4096;
  options.max_problems_kept = 50;
  double last_progress = 0;
  options.progress = [&](double p) {
    HTX_FUZZ_CHECK(p >= 0 && p <= 1);
    last_progress = p;
  };
  auto report = r.importer.import_file(path, options);
  HTX_FUZZ_CHECK(!report.committed);
  HTX_FUZZ_CHECK(report.created + report.unchanged + report.rejected <= report.rows);
  HTX_FUZZ_CHECK(report.problems.size() <= options.max_problems_kept);
  if (report.fatal) HTX_FUZZ_CHECK(!report.fatal->key.empty());
  for (auto& p : report.problems) HTX_FUZZ_CHECK(!p.error.key.empty());
  HTX_FUZZ_CHECK(r.db->registry().count({}) == 0);
  return 0;
}
