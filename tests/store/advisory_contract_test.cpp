// Advisory cases on both backends, through AdvisoryService as an alliance's staff use it: a case
// opened for a founding group in the alliance's province, closed with the cooperative it became,
// each refusal of the issue named by its field with nothing written (an unknown entity, another
// province's, one registered before the case was opened, a case closed twice, a drop without a
// reason), the scope, the list's filters in SQL, and the entities proposed for a case by name.
#include <gtest/gtest.h>

#include <tuple>

#include "advisory/advisory_service.hpp"
#include "backend_fixture.hpp"

namespace htx::store::testing {
namespace {

using namespace htx::advisory;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

class AdvisoryContract : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (auto [code, name, province, founded] :
         {std::tuple{"2400000001", "Hợp tác xã Vải thiều Phì Điền", "24-2008", d(2021, 6, 1)},
          std::tuple{"2400000002", "Hợp tác xã Chè Hiệp Hòa", "24-2008", d(2019, 5, 1)},
          std::tuple{"2400000003", "Hợp tác xã Gà đồi Yên Thế", "24-2008", d(2021, 8, 20)},
          std::tuple{"0100000001", "Hợp tác xã Vải thiều Sóc Sơn", "01-2008", d(2021, 7, 1)}}) {
      registry::Entity e;
      e.code = code;
      e.name = name;
      e.type = registry::EntityType::kCooperative;
      e.sector_id = "nong_nghiep";
      e.province_id = province;
      e.founded_on = founded;
      db().registry().insert(e);
    }
    bg_ = db().work().insert_unit(
        {0, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", work::UnitKind::kProvincial, "24-2008", 0});
    vca_ = db().work().insert_unit(
        {0, "LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, "", 0});
  }
  AdvisoryService service() {
    return {db().advisory(), db().registry(), db().work(), db().audit(), db(), clock_};
  }
  Case group() const {
    Case c;
    c.unit_id = bg_;
    c.group_name = "Nhóm sáng lập HTX Vải thiều Phì Điền";
    c.contact = "Ông Nguyễn Văn An, 0912345678";
    c.address = "xã Phì Điền, huyện Lục Ngạn";
    c.opened_on = d(2021, 3, 1);
    c.adviser = "Nguyễn Văn Thắng";
    return c;
  }
  std::size_t audit_count() { return db().audit().list({}).size(); }

  FixedClock clock_{d(2022, 1, 15), "2022-01-15T08:00:00Z"};
  const ProvinceScope bac_giang_ = ProvinceScope::of({"24-2008"});
  std::int64_t bg_ = 0, vca_ = 0;
};

TEST_P(AdvisoryContract, OpenedThenClosedWithTheCooperativeItBecame) {
  auto opened = service().open(group(), "bg_staff", bac_giang_);
  ASSERT_TRUE(opened) << opened.error().key;
  EXPECT_EQ(opened->province_id, "24-2008");  // the alliance's province
  EXPECT_EQ(opened->status, CaseStatus::kOpen);
  auto stored = db().advisory().find(opened->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, *opened);

  auto proposed = service().matches(opened->id, bac_giang_);
  ASSERT_TRUE(proposed);
  // Of its province, registered since it was opened, with words of its name: not Chè Hiệp Hòa
  // (registered before), not Sóc Sơn's (another province); Phì Điền's first.
  ASSERT_EQ(proposed->size(), 1u);
  EXPECT_EQ((*proposed)[0].entity.code, "2400000001");

  auto closed = service().close(opened->id, "2400000001", d(2021, 6, 10), "bg_staff", bac_giang_);
  ASSERT_TRUE(closed) << closed.error().key;
  EXPECT_EQ(closed->status, CaseStatus::kClosed);
  EXPECT_EQ(closed->entity_code, "2400000001");
  EXPECT_EQ(closed->entity_name, "Hợp tác xã Vải thiều Phì Điền");
  EXPECT_EQ(closed->closed_on, d(2021, 6, 10));
  EXPECT_EQ(*db().advisory().find(opened->id), *closed);
  EXPECT_EQ(db().advisory().find_by_entity("2400000001")->id, opened->id);
  auto log = db().audit().list({});
  ASSERT_EQ(log.size(), 2u);
  // Newest first.
  EXPECT_EQ(log[0].action, "advisory.case.close");
  EXPECT_FALSE(log[0].before_json.empty());
  EXPECT_EQ(log[1].action, "advisory.case.open");
  EXPECT_TRUE(log[1].before_json.empty());
}

TEST_P(AdvisoryContract, ClosingRefusalsNameTheFieldNothingWritten) {
  auto opened = service().open(group(), "bg_staff", bac_giang_);
  ASSERT_TRUE(opened);
  const auto before = audit_count();
  const std::tuple<const char*, const char*, Date, const char*, const char*> cases[] = {
      {"an unknown entity", "2499999999", d(2021, 6, 10), "entity_code", "advisory.unknown_entity"},
      {"another province's entity", "0100000001", d(2021, 7, 10), "entity_code",
       "advisory.entity_other_province"},
      {"registered before the case was opened", "2400000002", d(2021, 6, 10), "entity_code",
       "advisory.registered_before_opened"},
      {"closed before the entity was registered", "2400000001", d(2021, 5, 10), "closed_on",
       "advisory.closed_before_registered"},
      {"closed in the future", "2400000001", d(2022, 2, 1), "closed_on", "advisory.in_future"},
      {"no entity", "", d(2021, 6, 10), "entity_code", "field.required"},
  };
  for (const auto& [what, code, on, field, key] : cases) {
    auto r = service().close(opened->id, code, on, "bg_staff", bac_giang_);
    ASSERT_FALSE(r) << what;
    EXPECT_EQ(r.error().field, field) << what;
    EXPECT_EQ(r.error().key, key) << what;
  }
  EXPECT_EQ(audit_count(), before);
  EXPECT_EQ(db().advisory().find(opened->id)->status, CaseStatus::kOpen);

  ASSERT_TRUE(service().close(opened->id, "2400000001", d(2021, 6, 10), "bg_staff", bac_giang_));
  auto twice = service().close(opened->id, "2400000003", d(2021, 9, 1), "bg_staff", bac_giang_);
  ASSERT_FALSE(twice);
  EXPECT_TRUE(twice.error().is(ErrorKind::kConflict));
  EXPECT_EQ(twice.error().field, "status");
  EXPECT_EQ(twice.error().key, "advisory.closed_already");
  EXPECT_EQ(db().advisory().find(opened->id)->entity_code, "2400000001");

  // An entity is the outcome of one case only.
  auto other = service().open(group(), "bg_staff", bac_giang_);
  ASSERT_TRUE(other);
  auto taken = service().close(other->id, "2400000001", d(2021, 6, 12), "bg_staff", bac_giang_);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().field, "entity_code");
  EXPECT_EQ(taken.error().key, "advisory.entity_taken");
}

TEST_P(AdvisoryContract, OpeningRefusalsAndTheScope) {
  auto no_name = group();
  no_name.group_name = "  ";
  auto r = service().open(no_name, "bg_staff", bac_giang_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "group_name");
  auto future = group();
  future.opened_on = d(2022, 2, 1);
  r = service().open(future, "bg_staff", bac_giang_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "opened_on");
  auto elsewhere = group();
  elsewhere.province_id = "01-2008";  // Bắc Giang's alliance advises in Bắc Giang
  r = service().open(elsewhere, "bg_staff", bac_giang_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "province");
  auto national = group();
  national.unit_id = vca_;  // the national alliance names the province
  r = service().open(national, "vca_staff", ProvinceScope::all());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "province");
  national.province_id = "01-2008";
  r = service().open(national, "bg_staff", bac_giang_);
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().is(ErrorKind::kForbidden));
  EXPECT_EQ(audit_count(), 0u);
  EXPECT_TRUE(db().advisory().list({}).empty());

  auto hanoi = service().open(national, "vca_staff", ProvinceScope::all());
  ASSERT_TRUE(hanoi);
  auto seen = service().find(hanoi->id, bac_giang_);
  ASSERT_FALSE(seen);
  EXPECT_TRUE(seen.error().is(ErrorKind::kForbidden));
  EXPECT_TRUE(service().list({}, bac_giang_).empty());
  EXPECT_EQ(service().list({}, ProvinceScope::all()).size(), 1u);
}

TEST_P(AdvisoryContract, DroppedWithAReasonAndTheListsFilters) {
  auto a = service().open(group(), "bg_staff", bac_giang_);
  auto b = group();
  b.group_name = "Nhóm sáng lập HTX Gà đồi Yên Thế";
  b.opened_on = d(2021, 5, 2);
  auto bb = service().open(b, "bg_staff", bac_giang_);
  auto c = group();
  c.group_name = "Nhóm sáng lập HTX Chè Đồng Cốc";
  c.opened_on = d(2020, 11, 2);
  auto cc = service().open(c, "bg_staff", bac_giang_);
  ASSERT_TRUE(a && bb && cc);

  auto no_reason = service().drop(cc->id, " ", d(2021, 9, 30), "bg_staff", bac_giang_);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto early =
      service().drop(cc->id, "Không đủ thành viên", d(2020, 10, 1), "bg_staff", bac_giang_);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().field, "closed_on");
  auto dropped =
      service().drop(cc->id, "Không đủ thành viên", d(2021, 9, 30), "bg_staff", bac_giang_);
  ASSERT_TRUE(dropped) << dropped.error().key;
  EXPECT_EQ(dropped->status, CaseStatus::kDropped);
  EXPECT_EQ(dropped->drop_reason, "Không đủ thành viên");
  auto after = service().close(cc->id, "2400000003", d(2021, 9, 30), "bg_staff", bac_giang_);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().key, "advisory.dropped_already");
  ASSERT_TRUE(service().close(bb->id, "2400000003", d(2021, 9, 1), "bg_staff", bac_giang_));

  auto& repo = db().advisory();
  CaseQuery open;
  open.status = CaseStatus::kOpen;
  ASSERT_EQ(repo.list(open).size(), 1u);
  EXPECT_EQ(repo.list(open)[0].id, a->id);
  CaseQuery of2020;
  of2020.opened_year = 2020;
  ASSERT_EQ(repo.list(of2020).size(), 1u);
  EXPECT_EQ(repo.list(of2020)[0].id, cc->id);
  CaseQuery closed_in_sept;
  closed_in_sept.status = CaseStatus::kClosed;
  closed_in_sept.closed_from = d(2021, 9, 1);
  closed_in_sept.closed_to = d(2021, 9, 30);
  ASSERT_EQ(repo.list(closed_in_sept).size(), 1u);
  EXPECT_EQ(repo.list(closed_in_sept)[0].id, bb->id);
  CaseQuery hanoi;
  hanoi.province_ids = std::vector<std::string>{"01-2008"};
  EXPECT_TRUE(repo.list(hanoi).empty());
  CaseQuery by_unit;
  by_unit.unit_id = bg_;
  EXPECT_EQ(repo.list(by_unit).size(), 3u);
  // By opening date.
  auto all = repo.list({});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, cc->id);
  EXPECT_EQ(all[1].id, a->id);
  EXPECT_EQ(all[2].id, bb->id);
}

HTX_INSTANTIATE_BACKENDS(AdvisoryContract);

}  // namespace
}  // namespace htx::store::testing
