#include "geo/geography.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace htx::geo {
namespace {

class GeographyTest : public ::testing::Test {
 protected:
  Geography g = Geography::load(HTX_SOURCE_DATA_DIR);
  static Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }
};

TEST_F(GeographyTest, ThreeRegionsSixtyThreeOldAndThirtyFourNewProvinces) {
  ASSERT_EQ(g.regions().size(), 3u);
  EXPECT_EQ(g.regions()[0].name, "Miền Bắc");
  EXPECT_EQ(g.regions()[1].name, "Miền Trung – Tây Nguyên");
  EXPECT_EQ(g.regions()[2].name, "Miền Nam");
  auto old = g.provinces_on(d(2025, 6, 30));
  auto now = g.provinces_on(d(2025, 7, 1));
  EXPECT_EQ(old.size(), 63u);
  EXPECT_EQ(now.size(), 34u);
  std::map<std::string, int> per_region;
  for (auto* p : old) ++per_region[p->region_id];
  EXPECT_EQ(per_region["bac"], 25);
  EXPECT_EQ(per_region["trung"], 19);
  EXPECT_EQ(per_region["nam"], 19);
}

TEST_F(GeographyTest, EveryOldProvinceHasASuccessorInTheSameRegion) {
  std::map<std::string, int> merged_into;
  for (auto* p : g.provinces_on(d(2020, 1, 1))) {
    auto* s = g.current_unit(*p);
    ASSERT_NE(s, nullptr) << p->name;
    EXPECT_TRUE(s->valid_on(d(2025, 7, 1))) << p->name;
    EXPECT_EQ(s->region_id, p->region_id) << p->name << " -> " << s->name;
    ++merged_into[s->id];
  }
  EXPECT_EQ(merged_into.size(), 34u);
  EXPECT_EQ(merged_into["79-2025"], 3);  // TP.HCM + Bình Dương + Bà Rịa – Vũng Tàu
  EXPECT_EQ(merged_into["01-2025"], 1);  // Hà Nội unchanged
  EXPECT_EQ(g.current_unit(*g.province("24-2008"))->name, "Bắc Ninh");
  EXPECT_EQ(g.current_unit(*g.province("46-2008"))->name, "Huế");
}

TEST_F(GeographyTest, ResolvesNamesWithOrWithoutDiacriticsAndCodes) {
  auto on = d(2021, 2, 1);
  EXPECT_EQ(g.resolve("Hà Nội", on)->id, "01-2008");
  EXPECT_EQ(g.resolve("ha noi", on)->id, "01-2008");
  EXPECT_EQ(g.resolve("dak lak", on)->id, "66-2008");
  EXPECT_EQ(g.resolve("Đắk Lắk", on)->id, "66-2008");
  EXPECT_EQ(g.resolve("Tỉnh Bắc Giang", on)->id, "24-2008");
  EXPECT_EQ(g.resolve("TP. Hồ Chí Minh", on)->id, "79-2008");
  EXPECT_EQ(g.resolve("Thành phố Hồ Chí Minh", on)->id, "79-2008");
  EXPECT_EQ(g.resolve("Ba Ria - Vung Tau", on)->id, "77-2008");
  EXPECT_EQ(g.resolve("24", on)->id, "24-2008");
  EXPECT_EQ(g.resolve("1", on)->id, "01-2008");
  EXPECT_EQ(g.resolve("Hà Tây", on), nullptr);
  EXPECT_EQ(g.resolve("", on), nullptr);
}

TEST_F(GeographyTest, ResolvesOnTheBoundariesOfTheDate) {
  EXPECT_EQ(g.resolve("24", d(2021, 1, 1))->name, "Bắc Giang");
  EXPECT_EQ(g.resolve("24", d(2025, 7, 1))->name, "Bắc Ninh");
  EXPECT_EQ(g.resolve("Bắc Ninh", d(2021, 1, 1))->id, "27-2008");
  EXPECT_EQ(g.resolve("Bắc Ninh", d(2025, 7, 1))->id, "24-2025");
  EXPECT_EQ(g.resolve("Huế", d(2025, 8, 1))->id, "46-2025");
  EXPECT_EQ(g.resolve("Huế", d(2020, 8, 1))->id, "46-2008");
  EXPECT_EQ(g.resolve("Hà Giang", d(2026, 1, 1))->name, "Tuyên Quang");
  EXPECT_EQ(g.resolve("Hà Nội", d(1999, 1, 1))->id, "01-2008");
}

TEST_F(GeographyTest, BoundariesMapping) {
  auto* bac_giang = g.province("24-2008");
  EXPECT_EQ(g.on_boundaries(*bac_giang, Boundaries::kOld63), bac_giang);
  EXPECT_EQ(g.on_boundaries(*bac_giang, Boundaries::kNew34)->id, "24-2025");
  auto* bac_ninh_new = g.province("24-2025");
  EXPECT_EQ(g.on_boundaries(*bac_ninh_new, Boundaries::kOld63)->id, "24-2008");
  EXPECT_EQ(g.on_boundaries(*g.province("46-2025"), Boundaries::kOld63)->id, "46-2008");
}

}  // namespace
}  // namespace htx::geo
