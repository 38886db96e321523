// Governance over a fresh SQLite database (the store's real repositories, checked on both
// backends by tests/store/governance_contract_test.cpp): the national alliance and the Bắc
// Giang and Hà Nội alliances, their standing committees and term VI, and a few registry entities.
#pragma once

#include <memory>

#include "core/date.hpp"
#include "governance/governance_service.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

namespace htx::governance::testing {

inline Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

struct GovernanceFixture {
  htx::testing::TempDir dir;
  FixedClock clock{d(2021, 11, 30), "2021-11-30T08:00:00Z"};
  std::unique_ptr<store::Database> db = store::open_database(dir.file("gov.db"));
  GovernanceService service{db->governance(), db->work(), db->registry(), db->audit(), *db, clock};
  work::Unit vca, bac_giang, ha_noi;
  Body btv_bg, btv_hn;
  Term term_bg, term_hn;

  GovernanceFixture() {
    vca = unit({0, "LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, "", 0});
    bac_giang = unit(
        {0, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", work::UnitKind::kProvincial, "24-2008", 0});
    ha_noi = unit({0, "LMHTX-01", "Liên minh HTX thành phố Hà Nội", work::UnitKind::kProvincial,
                   "01-2008", 0});
    btv_bg = *service.add_body(bac_giang.id, BodyKind::kStanding, "t", ProvinceScope::all());
    btv_hn = *service.add_body(ha_noi.id, BodyKind::kStanding, "t", ProvinceScope::all());
    term_bg = *service.add_term({0, bac_giang.id, 6, 2020, 2025}, "t", ProvinceScope::all());
    term_hn = *service.add_term({0, ha_noi.id, 6, 2020, 2025}, "t", ProvinceScope::all());
    entity("2400000001", "Hợp tác xã Nông nghiệp Lục Ngạn", "24-2008");
    entity("2400000002", "Hợp tác xã Vải thiều Thanh Hà", "24-2008");
    entity("2400000003", "Hợp tác xã Dịch vụ Yên Dũng", "24-2008", d(2020, 6, 30));
    entity("0100000001", "Hợp tác xã Nông nghiệp Đồng Tâm", "01-2008");
  }

  work::Unit unit(work::Unit u) {
    u.id = db->work().insert_unit(u);
    return u;
  }

  void entity(const char* code, const char* name, const char* province,
              std::optional<Date> dissolved = {}) {
    registry::Entity e;
    e.code = code;
    e.name = name;
    e.type = registry::EntityType::kCooperative;
    e.sector_id = "nong_nghiep";
    e.province_id = province;
    e.founded_on = d(2015, 3, 10);
    e.dissolved_on = dissolved;
    e.status = dissolved ? registry::EntityStatus::kDissolved : registry::EntityStatus::kActive;
    db->registry().insert(e);
  }

  // "Hội nghị Ban Thường vụ lần thứ N, khóa VI" of Bắc Giang with 11 attendees and an admission
  // item and a draft item.
  MeetingDetail meeting(int number = 3, const ProvinceScope& scope = ProvinceScope::all()) {
    Meeting m;
    m.body_id = btv_bg.id;
    m.term_id = term_bg.id;
    m.number = number;
    m.held_on = d(2021, 11, 5);
    m.chair = "Nguyễn Đức Hiền";
    m.attendee_count = 11;
    m.attendees = {"Nguyễn Đức Hiền", "Nguyễn Thị Thúy"};
    std::vector<AgendaItem> items(2);
    items[0].kind = ItemKind::kAdmission;
    items[0].title = "Xét kết nạp thành viên đợt 2/2021";
    items[1].kind = ItemKind::kDraft;
    items[1].title = "Dự thảo Quy chế làm việc của Ban Chấp hành";
    auto r = service.add_meeting(m, items, "t", scope);
    if (!r) throw std::runtime_error("meeting: " + r.error().key);
    return *r;
  }

  Result<Application> apply(const char* code, std::int64_t unit_id = 0,
                            const ProvinceScope& scope = ProvinceScope::all()) {
    Application a;
    a.unit_id = unit_id ? unit_id : bac_giang.id;
    a.entity_code = code;
    a.applied_on = d(2021, 10, 1);
    a.batch = {2, 2021};
    return service.submit_application(a, "t", scope);
  }

  std::size_t audit_size() {
    audit::Filter f;
    f.limit = 100000;
    return db->audit().list(f).size();
  }
};

}  // namespace htx::governance::testing
