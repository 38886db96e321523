// A cooperative acting on its own record through areas::ProfileArea, on both backends (issue 13,
// item 5): it proposes a change to its record (address, members…), the city's staff approve it —
// exactly one registry event, the record changed, audited — or reject it with a reason, which
// changes nothing; a cooperative editing another's record, deciding a proposal, another
// province's staff deciding, bad values and a second pending proposal are refused on the field
// they are about, with nothing written. It applies for membership of its alliance and enrols
// its own people in an open course of its province, never another cooperative's.
#include <gtest/gtest.h>

#include "areas/profile_area.hpp"
#include "backend_fixture.hpp"
#include "registry/change_request_repository.hpp"
#include "registry/registry_service.hpp"
#include "support/market_data.hpp"
#include "training/training_repository.hpp"

namespace htx::store::testing {
namespace {

using accounts::Role;
using areas::Fields;
using registry::ChangeStatus;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

const geo::Geography& geography() {
  static const geo::Geography g = geo::Geography::load(HTX_SOURCE_DATA_DIR);
  return g;
}
const registry::Sectors& sectors() {
  static const registry::Sectors s = registry::Sectors::load(HTX_SOURCE_DATA_DIR);
  return s;
}

class ProfileAreaContract : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    registry::RegistryService reg(db().registry(), db().audit(), db().flows(), db(), geography(),
                                  sectors(), clock_);
    for (auto code : {"0100000001", "0100000002"}) {
      registry::Entity e;
      e.code = code;
      e.name = std::string("Hợp tác xã Rau sạch ") + code;
      e.sector_id = "nong_nghiep";
      e.province_id = "01-2008";
      e.address = "Thôn 3, xã Đồng Tâm";
      e.founded_on = d(2015, 1, 5);
      e.members = 120;
      ASSERT_TRUE(reg.create(e, "test"));
    }
    hanoi_ = db().work().insert_unit({0, "LMHTX-01", "Liên minh HTX thành phố Hà Nội",
                                      work::UnitKind::kProvincial, "01-2008", 0});
  }

  areas::Caller as(const std::string& name, Role role, std::vector<std::string> provinces = {},
                   std::string entity = {}) {
    accounts::User u;
    u.username = name;
    u.role = role;
    u.province_ids = std::move(provinces);
    u.entity_code = std::move(entity);
    return areas::caller_of(access_, accounts::Principal{u});
  }
  areas::ProfileArea area(const areas::Caller& c) {
    return areas::ProfileArea(
        areas::ProfileSources{db(), access_, geography(), sectors(), clock_,
                              htx::testing::market_data(), htx::testing::fund_rules(),
                              htx::testing::ocop_rules(), htx::testing::training_rules()},
        c);
  }
  areas::Caller own() { return as("htx1", Role::kCooperative, {}, "0100000001"); }
  areas::Caller other() { return as("htx2", Role::kCooperative, {}, "0100000002"); }
  areas::Caller hanoi() { return as("hanoi", Role::kProvincialStaff, {"01-2008"}); }
  areas::Caller daklak() { return as("daklak", Role::kProvincialStaff, {"66-2008"}); }

  registry::Entity entity(const char* code = "0100000001") {
    return *db().registry().find_by_code(code);
  }
  std::size_t events(const char* code = "0100000001") {
    return db().registry().events_of(entity(code).id).size();
  }
  std::size_t requests() { return db().change_requests().list({}).size(); }
  std::size_t audited(const std::string& action) {
    audit::Filter f;
    f.action = action;
    f.limit = 1000;
    return log().list(f).size();
  }

  FixedClock clock_{d(2026, 11, 29), "2026-11-29T10:00:00Z"};
  accounts::AccessPolicy access_{geography()};
  std::int64_t hanoi_ = 0;
};

TEST_P(ProfileAreaContract, AnApprovedProposalBecomesOneRegistryEvent) {
  auto proposed = area(own()).propose(
      "0100000001", {{"address", "Thôn 5, xã Đồng Tâm"}, {"members", "150"}, {"note", "Đại hội"}});
  ASSERT_TRUE(proposed) << proposed.error().key << " " << proposed.error().field;
  EXPECT_EQ(proposed->status, ChangeStatus::kPending);
  EXPECT_EQ(proposed->changes["members"], nlohmann::json::array({120, 150}));
  // Pending: the record is as it was.
  EXPECT_EQ(entity().members, 120);
  const auto before = events();
  auto queue = area(hanoi()).queue();
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().id, proposed->id);

  auto approved = area(hanoi()).decide(proposed->id, true, {});
  ASSERT_TRUE(approved) << approved.error().key << " " << approved.error().field;
  EXPECT_EQ(approved->status, ChangeStatus::kApproved);
  EXPECT_EQ(approved->decided_by, "hanoi");
  const auto e = entity();
  EXPECT_EQ(e.address, "Thôn 5, xã Đồng Tâm");
  EXPECT_EQ(e.members, 150);
  ASSERT_EQ(events(), before + 1);
  const auto last = db().registry().events_of(e.id).back();
  EXPECT_EQ(last.kind, registry::EventKind::kCorrected);
  EXPECT_EQ(last.actor, "hanoi");
  EXPECT_EQ(last.changes.size(), 2u);
  EXPECT_EQ(last.changes["address"][1], "Thôn 5, xã Đồng Tâm");
  EXPECT_EQ(audited("registry.change_proposed"), 1u);
  EXPECT_EQ(audited("registry.change_approved"), 1u);
  EXPECT_TRUE(area(hanoi()).queue()->empty());
  // Decided once.
  auto again = area(hanoi()).decide(proposed->id, false, {{"reason", "nhầm"}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(events(), before + 1);
}

TEST_P(ProfileAreaContract, ARejectionNeedsAReasonAndChangesNothing) {
  auto proposed = area(own()).propose("0100000001", {{"members", "300"}});
  ASSERT_TRUE(proposed);
  const auto before = events();
  const auto record = entity();
  auto no_reason = area(hanoi()).decide(proposed->id, false, {{"reason", "  "}});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto rejected = area(hanoi()).decide(proposed->id, false, {{"reason", "Chưa có biên bản"}});
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, ChangeStatus::kRejected);
  EXPECT_EQ(rejected->reason, "Chưa có biên bản");
  EXPECT_EQ(entity(), record);
  EXPECT_EQ(events(), before);
  EXPECT_EQ(audited("registry.change_rejected"), 1u);
  // Once decided, another proposal may follow.
  EXPECT_TRUE(area(own()).propose("0100000001", {{"members", "130"}}));
}

TEST_P(ProfileAreaContract, RefusalsNameTheirFieldAndWriteNothing) {
  auto refused = [&](const Result<registry::ChangeRequest>& r, ErrorKind kind,
                     const std::string& field) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, kind) << r.error().key;
    EXPECT_EQ(r.error().field, field) << r.error().key;
  };
  // Another cooperative's record; a field it may not propose; bad numbers; nothing new.
  refused(area(other()).propose("0100000001", {{"members", "10"}}), ErrorKind::kForbidden, "code");
  refused(area(own()).propose("0100000001", {{"name", "Tên khác"}}), ErrorKind::kInvalid, "name");
  refused(area(own()).propose("0100000001", {{"members", "nhiều"}}), ErrorKind::kInvalid,
          "members");
  refused(area(own()).propose("0100000001", {{"members", "-5"}}), ErrorKind::kInvalid, "members");
  refused(area(own()).propose("0100000001", {{"members", "120"}}), ErrorKind::kInvalid, "changes");
  refused(area(hanoi()).propose("0100000001", {{"members", "10"}}), ErrorKind::kForbidden, "code");
  EXPECT_EQ(requests(), 0u);

  auto proposed = area(own()).propose("0100000001", {{"members", "121"}});
  ASSERT_TRUE(proposed);
  auto second = area(own()).propose("0100000001", {{"members", "122"}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().kind, ErrorKind::kConflict);
  // The cooperative approving its own change, another province's staff: refused on decided_by.
  refused(area(own()).decide(proposed->id, true, {}), ErrorKind::kForbidden, "decided_by");
  refused(area(other()).decide(proposed->id, true, {}), ErrorKind::kForbidden, "decided_by");
  refused(area(daklak()).decide(proposed->id, true, {}), ErrorKind::kForbidden, "decided_by");
  EXPECT_FALSE(area(own()).queue());
  EXPECT_TRUE(area(daklak()).queue()->empty());
  EXPECT_EQ(requests(), 1u);
  EXPECT_EQ(entity().members, 120);
  EXPECT_EQ(db().change_requests().find(proposed->id)->status, ChangeStatus::kPending);
}

TEST_P(ProfileAreaContract, ItAppliesForMembershipOfItsOwnAllianceOnly) {
  auto refused = area(other()).apply_for_membership("0100000001", {{"batch", "2/2026"}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "code");
  auto no_batch = area(own()).apply_for_membership("0100000001", {});
  ASSERT_FALSE(no_batch);
  EXPECT_EQ(no_batch.error().field, "batch");
  auto applied = area(own()).apply_for_membership("0100000001", {{"batch", "2/2026"}});
  ASSERT_TRUE(applied) << applied.error().key << " " << applied.error().field;
  EXPECT_EQ(applied->unit_id, hanoi_);
  EXPECT_EQ(applied->status, governance::ApplicationStatus::kSubmitted);
  EXPECT_EQ(applied->recorded_by, "htx1");
  EXPECT_EQ(db().governance().list_applications({}).size(), 1u);
}

TEST_P(ProfileAreaContract, ItEnrolsItsOwnPeopleInAnOpenCourseOfItsProvince) {
  auto& t = db().training();
  auto course = [&](const char* code, Date start, Date end) {
    training::Course c;
    c.code = code;
    c.unit_id = hanoi_;
    c.kind = "tap_huan";
    c.topic = "Kế toán hợp tác xã";
    c.province_id = "01-2008";
    c.starts_on = start;
    c.ends_on = end;
    c.year = start.year();
    return t.insert_course(c);
  };
  course("HN-2026-09", d(2026, 12, 7), d(2026, 12, 9));
  course("HN-2025-01", d(2025, 3, 1), d(2025, 3, 3));
  auto person = [&](const char* name, const char* entity) {
    training::Trainee p;
    p.full_name = name;
    p.birth_year = 1985;
    p.ethnicity = "01";
    p.role = "member";
    p.entity_code = entity;
    p.province_id = "01-2008";
    return t.insert_trainee(p);
  };
  const auto mine = person("Nguyễn Thị Hoa", "0100000001");
  const auto theirs = person("Trần Văn Nam", "0100000002");
  auto bad = [&](const Fields& f, const std::string& field) {
    auto r = area(own()).enrol("0100000001", f);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, field) << r.error().key;
  };
  bad({{"course", "HN-2026-09"}, {"trainee", std::to_string(theirs)}}, "trainee");
  bad({{"course", "HN-2025-01"}, {"trainee", std::to_string(mine)}}, "course");
  bad({{"course", "KHONG-CO"}, {"trainee", std::to_string(mine)}}, "course");
  auto r = area(other()).enrol("0100000001",
                               {{"course", "HN-2026-09"}, {"trainee", std::to_string(mine)}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "code");
  auto ok = area(own()).enrol("0100000001",
                              {{"course", "HN-2026-09"}, {"trainee", std::to_string(mine)}});
  ASSERT_TRUE(ok) << ok.error().key << " " << ok.error().field;
  EXPECT_EQ(ok->trainee_id, mine);
  EXPECT_EQ(ok->entered_by, "htx1");
}

HTX_INSTANTIATE_BACKENDS(ProfileAreaContract);

}  // namespace
}  // namespace htx::store::testing
