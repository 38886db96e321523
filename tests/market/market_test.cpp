#include "market/market.hpp"

#include <gtest/gtest.h>

namespace htx::market {
namespace {

class ListingChecksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { catalogue_ = new Catalogue(Catalogue::load(HTX_SOURCE_DATA_DIR)); }
  static void TearDownTestSuite() { delete catalogue_; }
  static Catalogue* catalogue_;
  const Catalogue& c() { return *catalogue_; }

  static Offer offer() {
    Offer o;
    o.entity_id = 1;
    o.product = "bap_cai";
    o.quantity = {20'000'000, Dimension::kMass};
    o.unit = "tan";
    o.available_from = *Date::from_ymd(2021, 2, 17);
    o.available_to = *Date::from_ymd(2021, 3, 10);
    o.province_id = "30-2008";
    o.floor_price = {4'000, "kg"};
    return o;
  }
  static Demand demand() {
    Demand d;
    d.buyer_id = 1;
    d.product = "bap_cai";
    d.quantity = {5'000'000, Dimension::kMass};
    d.unit = "tan";
    d.wanted_from = *Date::from_ymd(2021, 2, 20);
    d.wanted_to = *Date::from_ymd(2021, 2, 28);
    d.province_id = "01-2008";
    d.ceiling_price = {6'000, "kg"};
    return d;
  }
  static void expect_refused(const Status& s, std::string_view key, std::string_view field) {
    ASSERT_FALSE(s.ok()) << key;
    EXPECT_EQ(s.error().key, key);
    EXPECT_EQ(s.error().field, field);
  }
};
Catalogue* ListingChecksTest::catalogue_ = nullptr;

TEST_F(ListingChecksTest, AGoodOfferAndDemandPass) {
  EXPECT_TRUE(check_offer(offer(), c()).ok());
  EXPECT_TRUE(check_demand(demand(), c(), *Date::from_ymd(2021, 2, 18)).ok());
}

TEST_F(ListingChecksTest, EachBadFieldIsNamed) {
  auto o = offer();
  o.quantity.amount = 0;
  expect_refused(check_offer(o, c()), "market.quantity_not_positive", "quantity");
  o = offer();
  o.available_to = *Date::from_ymd(2021, 2, 1);
  expect_refused(check_offer(o, c()), "market.window_reversed", "to");
  o = offer();
  o.quantity.dimension = Dimension::kCount;
  expect_refused(check_offer(o, c()), "market.unit_other_dimension", "unit");
  o = offer();
  o.product = "banh_mi";
  expect_refused(check_offer(o, c()), "market.unknown_product", "product");
  o = offer();
  o.standard = Standard::kOcop;
  o.ocop_stars = 6;
  expect_refused(check_offer(o, c()), "market.ocop_stars", "ocop_stars");
  o.ocop_stars = 4;
  EXPECT_TRUE(check_offer(o, c()).ok());
  o = offer();
  o.ocop_stars = 3;
  expect_refused(check_offer(o, c()), "market.ocop_stars_without_ocop", "ocop_stars");
  o = offer();
  o.floor_price = {-1, "kg"};
  expect_refused(check_offer(o, c()), "market.price_negative", "floor_price");
  o = offer();
  o.floor_price = {4'000, "quả"};
  expect_refused(check_offer(o, c()), "market.unit_other_dimension", "floor_price");
  o = offer();
  o.min_lot = o.quantity.amount + 1;
  expect_refused(check_offer(o, c()), "market.min_lot_above_quantity", "min_lot");

  auto d = demand();
  expect_refused(check_demand(d, c(), *Date::from_ymd(2021, 3, 1)), "market.demand_in_the_past",
                 "to");
  d.wanted_from = *Date::from_ymd(2021, 3, 1);
  expect_refused(check_demand(d, c(), *Date::from_ymd(2021, 2, 1)), "market.window_reversed", "to");
}

TEST_F(ListingChecksTest, PricesArePerLotWhateverUnitTheyWereWrittenIn) {
  const Product& cabbage = *c().product("bap_cai");
  EXPECT_EQ(price_per_lot({4'000, "kg"}, cabbage, c()), 4'000);
  EXPECT_EQ(price_per_lot({4'000'000, "tấn"}, cabbage, c()), 4'000);
  EXPECT_EQ(price_per_lot({350'000, "tạ"}, cabbage, c()), 3'500);
  EXPECT_EQ(price_per_lot({1'001, "tấn"}, cabbage, c()), 1);  // 1,001 đ/kg, half up
  const Product& eggs = *c().product("trung_ga");
  EXPECT_EQ(price_per_lot({3'200, "quả"}, eggs, c()), 3'200);
  EXPECT_FALSE(price_per_lot({3'200, "kg"}, eggs, c()));
  const Product& oil = *c().product("dau_lac");
  EXPECT_EQ(price_per_lot({95'000, "lít"}, oil, c()), 95'000);
}

}  // namespace
}  // namespace htx::market
