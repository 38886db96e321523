// A registry on a fresh SQLite file with the shipped data files and a fixed clock
// (today = 29/11/2026), for tests of the modules above storage.
#pragma once

#include <memory>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "exchange/registry_columns.hpp"
#include "geo/geography.hpp"
#include "registry/registry_service.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

namespace htx::testing {

struct RegistryFixture {
  TempDir dir;
  FixedClock clock{*Date::from_ymd(2026, 11, 29), "2026-11-29T10:00:00Z"};
  geo::Geography geo = geo::Geography::load(HTX_SOURCE_DATA_DIR);
  registry::Sectors sectors = registry::Sectors::load(HTX_SOURCE_DATA_DIR);
  exchange::RegistryColumns columns = exchange::RegistryColumns::load(HTX_SOURCE_DATA_DIR);
  i18n::Catalog vi = i18n::Catalog::load(HTX_SOURCE_DATA_DIR, i18n::Lang::kVi);
  i18n::Catalog en = i18n::Catalog::load(HTX_SOURCE_DATA_DIR, i18n::Lang::kEn);
  std::unique_ptr<store::Database> db = store::open_database(dir.file("test.db"));
  registry::RegistryService service{db->registry(), db->audit(), db->flows(), *db, geo,
                                    sectors,        clock};

  registry::Entity sample(std::string code = "0101000001") const {
    registry::Entity e;
    e.code = std::move(code);
    e.name = "Hợp tác xã Nông nghiệp Đồng Tâm";
    e.type = registry::EntityType::kCooperative;
    e.sector_id = "nong_nghiep";
    e.province_id = "01-2008";
    e.address = "Thôn 3, xã Đồng Tâm, Mỹ Đức, Hà Nội";
    e.founded_on = *Date::from_ymd(2019, 3, 10);
    e.members = 120;
    e.employees = 15;
    e.charter_capital = 2'500'000'000;
    e.revenue = 12'345'678'901;
    e.new_type = true;
    e.ocop_products = "Gạo nếp cái hoa vàng";
    e.alliance_member = true;
    return e;
  }
};

}  // namespace htx::testing
