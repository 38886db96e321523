#include "registry/flows.hpp"

#include <gtest/gtest.h>

namespace htx::registry {
namespace {

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

Entity cooperative() {
  Entity e;
  e.id = 7;
  e.code = "F1";
  e.name = "HTX";
  e.type = EntityType::kCooperative;
  e.sector_id = "nong_nghiep";
  e.province_id = "24-2008";
  e.founded_on = d(2019, 5, 2);
  e.members = 20;
  return e;
}

Event event(EventKind kind, Date on, nlohmann::json changes, std::int64_t id) {
  Event ev;
  ev.id = id;
  ev.kind = kind;
  ev.effective_on = on;
  ev.changes = std::move(changes);
  return ev;
}

TEST(FlowsTest, AFoundingIsOneFlowWithItsMembers) {
  auto flows = flows_of(cooperative(), {});
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].key.kind, FlowKind::kFounded);
  EXPECT_EQ(flows[0].key.day, d(2019, 5, 2));
  EXPECT_EQ(flows[0].entities, 1);
  EXPECT_EQ(flows[0].members, 20);
}

TEST(FlowsTest, ReclassificationMovesBetweenTypesAndDissolutionLeavesFromTheLastOne) {
  // Founded as a cooperative group, re-registered as a cooperative in 2021 with more members,
  // dissolved in 2023: the current record says HTX, dissolved, 35 members.
  auto e = cooperative();
  e.status = EntityStatus::kDissolved;
  e.dissolved_on = d(2023, 1, 9);
  e.members = 35;
  std::vector<Event> events{
      event(EventKind::kDissolved, d(2023, 1, 9),
            {{"status", {"active", "dissolved"}}, {"dissolved_on", {nullptr, "2023-01-09"}}}, 2),
      event(EventKind::kReregistered, d(2021, 6, 1),
            {{"type", {"THT", "HTX"}}, {"members", {20, 35}}}, 1)};
  auto flows = flows_of(e, events);
  ASSERT_EQ(flows.size(), 4u);
  EXPECT_EQ(flows[0].key.kind, FlowKind::kFounded);
  EXPECT_EQ(flows[0].key.type, EntityType::kGroup);
  EXPECT_EQ(flows[0].members, 20);
  EXPECT_EQ(flows[1].key.kind, FlowKind::kOut);
  EXPECT_EQ(flows[1].key.type, EntityType::kGroup);
  EXPECT_EQ(flows[1].key.day, d(2021, 6, 1));
  EXPECT_EQ(flows[2].key.kind, FlowKind::kIn);
  EXPECT_EQ(flows[2].key.type, EntityType::kCooperative);
  EXPECT_EQ(flows[2].members, 35);
  EXPECT_EQ(flows[3].key.kind, FlowKind::kDissolved);
  EXPECT_EQ(flows[3].key.type, EntityType::kCooperative);
  EXPECT_EQ(flows[3].key.day, d(2023, 1, 9));
}

TEST(FlowsTest, MemberChangesAloneAreMemberFlowsAndCorrectionsAreRetroactive) {
  auto e = cooperative();
  e.members = 25;
  e.founded_on = d(2019, 6, 1);  // corrected from 02/05/2019
  std::vector<Event> events{
      event(EventKind::kReorganised, d(2020, 3, 1), {{"members", {20, 25}}}, 1),
      event(EventKind::kCorrected, d(2020, 4, 1), {{"founded_on", {"2019-05-02", "2019-06-01"}}},
            2)};
  auto flows = flows_of(e, events);
  ASSERT_EQ(flows.size(), 2u);
  EXPECT_EQ(flows[0].key.day, d(2019, 6, 1)) << "the corrected founding date counts from the start";
  EXPECT_EQ(flows[0].members, 20);
  EXPECT_EQ(flows[1].key.kind, FlowKind::kMembers);
  EXPECT_EQ(flows[1].entities, 0);
  EXPECT_EQ(flows[1].members, 5);
}

TEST(FlowsTest, AccumulatorSumsByMonthAndDropsZeros) {
  FlowAccumulator acc;
  auto e = cooperative();
  acc.add(flows_of(e, {}));
  e.founded_on = d(2019, 5, 30);
  acc.add(flows_of(e, {}));
  e.founded_on = d(2019, 6, 1);
  acc.add(flows_of(e, {}));
  acc.add(flows_of(e, {}), -1);
  auto out = acc.take();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key.day, d(2019, 5, 1));
  EXPECT_EQ(out[0].entities, 2);
  EXPECT_EQ(out[0].members, 40);
  EXPECT_TRUE(acc.empty());
}

}  // namespace
}  // namespace htx::registry
