// The contracts of registry::FlowRepository and stats::TargetRepository, run on every backend.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "backend_fixture.hpp"
#include "core/transaction.hpp"

namespace htx::store {
namespace {

using registry::EntityType;
using registry::FlowDelta;
using registry::FlowKind;
using registry::FlowSum;

FlowDelta delta(int y, int m, int d, std::string province, EntityType type, FlowKind kind,
                std::int64_t entities, std::int64_t members, std::string sector = "nong_nghiep") {
  return {{*Date::from_ymd(y, m, d), std::move(province), type, std::move(sector), kind},
          entities,
          members};
}

using Key = std::tuple<std::string, EntityType, std::string, FlowKind>;
std::map<Key, std::pair<std::int64_t, std::int64_t>> as_map(const std::vector<FlowSum>& sums) {
  std::map<Key, std::pair<std::int64_t, std::int64_t>> out;
  for (auto& s : sums) {
    auto& v = out[{s.province_id, s.type, s.sector_id, s.kind}];
    EXPECT_EQ(v, std::make_pair(std::int64_t{0}, std::int64_t{0})) << "one row per key";
    v = {s.entities, s.members};
  }
  return out;
}

class StatisticsContract : public testing::BackendTest {};

TEST_P(StatisticsContract, AppliedDeltasAddUpByMonthAndKey) {
  auto& flows = db().flows();
  flows.apply({delta(2021, 2, 3, "24-2008", EntityType::kCooperative, FlowKind::kFounded, 1, 10),
               delta(2021, 2, 28, "24-2008", EntityType::kCooperative, FlowKind::kFounded, 2, 30),
               delta(2021, 3, 1, "24-2008", EntityType::kCooperative, FlowKind::kFounded, 1, 7)});
  // The same key again adds up (an upsert, not a replace).
  flows.apply({delta(2021, 2, 15, "24-2008", EntityType::kCooperative, FlowKind::kFounded, 1, 5),
               delta(2021, 2, 15, "01-2008", EntityType::kGroup, FlowKind::kDissolved, 1, 4)});
  auto feb = as_map(flows.sum_months("2021-02", "2021-02"));
  ASSERT_EQ(feb.size(), 2u);
  EXPECT_EQ((feb[{"24-2008", EntityType::kCooperative, "nong_nghiep", FlowKind::kFounded}]),
            std::make_pair(std::int64_t{4}, std::int64_t{45}));
  EXPECT_EQ((feb[{"01-2008", EntityType::kGroup, "nong_nghiep", FlowKind::kDissolved}]),
            std::make_pair(std::int64_t{1}, std::int64_t{4}));
  auto q1 = as_map(flows.sum_months("2021-01", "2021-03"));
  EXPECT_EQ((q1[{"24-2008", EntityType::kCooperative, "nong_nghiep", FlowKind::kFounded}]),
            std::make_pair(std::int64_t{5}, std::int64_t{52}));
  EXPECT_TRUE(flows.sum_months("2021-04", "2030-12").empty());
  // The yearly roll-up holds the same sums.
  auto y2021 = as_map(flows.sum_years(2021, 2021));
  EXPECT_EQ(y2021, q1);
  EXPECT_EQ(as_map(flows.sum_years(1900, 2030)), q1);
  EXPECT_TRUE(flows.sum_years(1900, 2020).empty());
}

TEST_P(StatisticsContract, NegativeDeltasCancelAndKeysStayApart) {
  auto& flows = db().flows();
  flows.apply({delta(2020, 12, 1, "01-2008", EntityType::kUnion, FlowKind::kIn, 3, 40),
               delta(2020, 12, 1, "01-2008", EntityType::kUnion, FlowKind::kOut, 1, 5),
               delta(2020, 12, 1, "01-2008", EntityType::kUnion, FlowKind::kIn, 1, 1, "van_tai")});
  flows.apply({delta(2020, 12, 9, "01-2008", EntityType::kUnion, FlowKind::kIn, -3, -40)});
  auto dec = as_map(flows.sum_months("2020-12", "2020-12"));
  auto in = dec[{"01-2008", EntityType::kUnion, "nong_nghiep", FlowKind::kIn}];
  EXPECT_EQ(in, std::make_pair(std::int64_t{0}, std::int64_t{0}));
  EXPECT_EQ((dec[{"01-2008", EntityType::kUnion, "nong_nghiep", FlowKind::kOut}].first), 1);
  EXPECT_EQ((dec[{"01-2008", EntityType::kUnion, "van_tai", FlowKind::kIn}].first), 1);
}

TEST_P(StatisticsContract, FlowsFollowTransactionsAndClear) {
  {
    Transaction tx(db());
    db().flows().apply(
        {delta(2021, 1, 1, "01-2008", EntityType::kCooperative, FlowKind::kFounded, 1, 1)});
  }  // rolled back
  EXPECT_TRUE(db().flows().sum_months("0000-00", "9999-12").empty());
  {
    Transaction tx(db());
    db().flows().apply(
        {delta(2021, 1, 1, "01-2008", EntityType::kCooperative, FlowKind::kFounded, 1, 1)});
    tx.commit();
  }
  EXPECT_EQ(db().flows().sum_months("0000-00", "9999-12").size(), 1u);
  EXPECT_EQ(db().flows().sum_years(1900, 2100).size(), 1u);
  db().flows().clear();
  EXPECT_TRUE(db().flows().sum_months("0000-00", "9999-12").empty());
  EXPECT_TRUE(db().flows().sum_years(1900, 2100).empty());
}

TEST_P(StatisticsContract, TargetsSetReplaceGetAndList) {
  auto& t = db().targets();
  EXPECT_FALSE(t.get(2021, "national", stats::Indicator::kFoundedHtx));
  t.set({2021, "national", stats::Indicator::kFoundedHtx, 1500});
  t.set({2021, "24-2008", stats::Indicator::kFoundedHtx, 120});
  t.set({2021, "national", stats::Indicator::kTrainees, 5000});
  t.set({2022, "national", stats::Indicator::kFoundedHtx, 1800});
  t.set({2021, "national", stats::Indicator::kFoundedHtx, 1600});  // replaces
  EXPECT_EQ(t.get(2021, "national", stats::Indicator::kFoundedHtx)->value, 1600);
  auto list = t.list(2021);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0], (stats::Target{2021, "24-2008", stats::Indicator::kFoundedHtx, 120}));
  EXPECT_EQ(list[1].unit_id, "national");
  EXPECT_EQ(t.list(2023).size(), 0u);
}

HTX_INSTANTIATE_BACKENDS(StatisticsContract);

}  // namespace
}  // namespace htx::store
