// What the exchange's two contract suites (market_contract_test.cpp, through the service, and
// market_area_contract_test.cpp, through the area) start from on each backend: the national
// alliance as a work unit, a fixed clock on 18/02/2021, the exchange's data from data/, and
// cooperatives put in the registry.
#pragma once

#include "backend_fixture.hpp"
#include "market/market_service.hpp"
#include "registry/entity.hpp"
#include "work/work_service.hpp"

namespace htx::store::testing {

inline Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

class MarketBackendTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    work::WorkService ws(db().work(), db().audit(), db(), clock_);
    vca_ = *ws.add_unit({0, "LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, "", 0},
                        "t", ProvinceScope::all());
  }

  // An agricultural cooperative founded on 10/03/2015, active or dissolved on 01/01/2020.
  registry::Entity entity(const char* code, const char* name, const char* province,
                          bool dissolved = false) {
    registry::Entity e;
    e.code = code;
    e.name = name;
    e.type = registry::EntityType::kCooperative;
    e.sector_id = "nong_nghiep";
    e.province_id = province;
    e.founded_on = d(2015, 3, 10);
    e.status = dissolved ? registry::EntityStatus::kDissolved : registry::EntityStatus::kActive;
    if (dissolved) e.dissolved_on = d(2020, 1, 1);
    e.id = db().registry().insert(e);
    return e;
  }

  FixedClock clock_{d(2021, 2, 18), "2021-02-18T08:00:00Z"};
  market::MarketData data_ = market::MarketData::load(HTX_SOURCE_DATA_DIR);
  work::Unit vca_;
};

}  // namespace htx::store::testing
