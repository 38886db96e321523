#include "registry/registry_service.hpp"

#include <gtest/gtest.h>

#include "support/registry_fixture.hpp"

namespace htx::registry {
namespace {

class RegistryServiceTest : public ::testing::Test {
 protected:
  testing::RegistryFixture f;
  static Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }
  static bool has(const std::vector<FieldError>& errors, const std::string& field,
                  const std::string& key) {
    for (auto& e : errors)
      if (e.field == field && e.error.key == key) return true;
    return false;
  }
};

TEST_F(RegistryServiceTest, ValidEntityPasses) {
  EXPECT_TRUE(f.service.validate(f.sample()).empty());
}

TEST_F(RegistryServiceTest, ValidationNamesTheFieldAndTheRule) {
  auto e = f.sample();
  e.name = "  ";
  e.members = -1;
  e.province_id = "99-2008";
  e.sector_id = "luyen_kim";
  e.dissolved_on = d(2018, 1, 1);
  e.status = EntityStatus::kDissolved;
  auto errors = f.service.validate(e);
  EXPECT_TRUE(has(errors, "name", "field.required"));
  EXPECT_TRUE(has(errors, "members", "field.negative"));
  EXPECT_TRUE(has(errors, "province_id", "field.unknown_province"));
  EXPECT_TRUE(has(errors, "sector_id", "field.unknown_sector"));
  EXPECT_TRUE(has(errors, "dissolved_on", "field.dissolved_before_founded"));
}

TEST_F(RegistryServiceTest, FutureDatesAreRefused) {
  auto e = f.sample();
  e.founded_on = d(2026, 11, 30);  // the fixture's today is 29/11/2026
  EXPECT_TRUE(has(f.service.validate(e), "founded_on", "field.date_in_future"));
  e.founded_on = d(2026, 11, 29);
  EXPECT_TRUE(f.service.validate(e).empty());
}

TEST_F(RegistryServiceTest, DissolutionDateAndStatusMustAgree) {
  auto e = f.sample();
  e.status = EntityStatus::kDissolved;
  EXPECT_TRUE(has(f.service.validate(e), "dissolved_on", "field.required"));
  e.status = EntityStatus::kActive;
  e.dissolved_on = d(2022, 1, 1);
  EXPECT_TRUE(has(f.service.validate(e), "status", "field.status_not_dissolved"));
}

TEST_F(RegistryServiceTest, CreateStoresEventAndAudit) {
  auto r = f.service.create(f.sample("C1"), "nguyenvana");
  ASSERT_TRUE(r);
  EXPECT_TRUE(f.db->registry().events_of(r->id).empty()) << "the founding is the record itself";
  auto h = f.service.history("C1");
  ASSERT_TRUE(h);
  ASSERT_EQ(h->events.size(), 1u);
  EXPECT_EQ(h->events[0].kind, EventKind::kFounded);
  EXPECT_EQ(h->events[0].effective_on, d(2019, 3, 10));
  EXPECT_EQ(h->events[0].actor, "nguyenvana");
  EXPECT_EQ(h->events[0].recorded_at, "2026-11-29T10:00:00Z");
  auto audit = f.db->audit().list({});
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "registry.create");
  EXPECT_EQ(audit[0].object_key, "C1");
  EXPECT_TRUE(audit[0].before_json.empty());
  EXPECT_EQ(nlohmann::json::parse(audit[0].after_json)["name"], "Hợp tác xã Nông nghiệp Đồng Tâm");
  auto again = f.service.create(f.sample("C1"), "x");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "registry.code_exists");
}

TEST_F(RegistryServiceTest, InvalidCreateChangesNothing) {
  auto e = f.sample("C2");
  e.members = -5;
  auto r = f.service.create(e, "x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().key, "field.negative");
  EXPECT_EQ(r.error().params.at("field"), "members");
  EXPECT_FALSE(f.db->registry().find_by_code("C2"));
  EXPECT_TRUE(f.db->audit().list({}).empty());
}

TEST_F(RegistryServiceTest, ChangesAreEventsAndThePastCanBeReconstructed) {
  auto created = f.service.create(f.sample("C3"), "a");
  ASSERT_TRUE(created);
  auto renamed = *created;
  renamed.name = "Hợp tác xã Dịch vụ Nông nghiệp Đồng Tâm";
  renamed.members = 150;
  ASSERT_TRUE(f.service.change("C3", renamed, EventKind::kReorganised, d(2022, 6, 1), "b",
                               "Đại hội thành viên"));
  ASSERT_TRUE(f.service.dissolve("C3", d(2024, 12, 31), "c", "Giải thể tự nguyện"));
  auto h = f.service.history("C3");
  ASSERT_TRUE(h);
  ASSERT_EQ(h->events.size(), 3u);
  EXPECT_EQ(h->events[1].kind, EventKind::kReorganised);
  EXPECT_EQ(h->events[1].changes["members"], nlohmann::json::array({120, 150}));
  EXPECT_EQ(h->events[2].kind, EventKind::kDissolved);
  EXPECT_EQ(h->entity.status, EntityStatus::kDissolved);
  EXPECT_EQ(h->entity.recorded_by, "a") << "changes keep who entered the record";

  EXPECT_FALSE(state_on(h->entity, h->events, d(2019, 3, 9)));
  auto in_2020 = state_on(h->entity, h->events, d(2020, 1, 1));
  ASSERT_TRUE(in_2020);
  EXPECT_EQ(in_2020->name, "Hợp tác xã Nông nghiệp Đồng Tâm");
  EXPECT_EQ(in_2020->members, 120);
  EXPECT_EQ(in_2020->status, EntityStatus::kActive);
  EXPECT_FALSE(in_2020->dissolved_on);
  auto in_2023 = state_on(h->entity, h->events, d(2023, 1, 1));
  EXPECT_EQ(in_2023->members, 150);
  EXPECT_EQ(in_2023->status, EntityStatus::kActive);
  auto in_2025 = state_on(h->entity, h->events, d(2025, 1, 1));
  EXPECT_EQ(in_2025->status, EntityStatus::kDissolved);

  auto audit = f.db->audit().list({});
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0].action, "registry.dissolved");
  EXPECT_EQ(nlohmann::json::parse(audit[1].before_json)["members"], 120);
  EXPECT_EQ(nlohmann::json::parse(audit[1].after_json)["members"], 150);
}

TEST_F(RegistryServiceTest, DissolvingTwiceIsRefused) {
  ASSERT_TRUE(f.service.create(f.sample("C4"), "a"));
  ASSERT_TRUE(f.service.dissolve("C4", d(2024, 1, 1), "a", ""));
  auto again = f.service.dissolve("C4", d(2024, 2, 1), "a", "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "registry.already_dissolved");
  EXPECT_EQ(f.service.dissolve("NONE", d(2024, 2, 1), "a", "").error().key, "registry.not_found");
}

TEST_F(RegistryServiceTest, DissolvingBeforeFoundingIsRefusedAndChangesNothing) {
  ASSERT_TRUE(f.service.create(f.sample("C5"), "a"));
  auto r = f.service.dissolve("C5", d(2010, 1, 1), "a", "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().key, "field.dissolved_before_founded");
  EXPECT_EQ(f.db->registry().find_by_code("C5")->status, EntityStatus::kActive);
  EXPECT_TRUE(f.db->registry().events_of(f.db->registry().find_by_code("C5")->id).empty());
}

}  // namespace
}  // namespace htx::registry
