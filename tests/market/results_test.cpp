#include "market/results.hpp"

#include <gtest/gtest.h>

namespace htx::market {
namespace {

class ResultsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalogue_ = new Catalogue(Catalogue::load(HTX_SOURCE_DATA_DIR));
    kinds_ = new std::vector<OutletKind>(OutletKind::load(HTX_SOURCE_DATA_DIR));
    rules_ = new NarrativeRules(NarrativeRules::load(HTX_SOURCE_DATA_DIR));
  }
  static void TearDownTestSuite() {
    delete catalogue_;
    delete kinds_;
    delete rules_;
  }
  static Catalogue* catalogue_;
  static std::vector<OutletKind>* kinds_;
  static NarrativeRules* rules_;

  const Unit& unit(std::string_view u) { return *catalogue_->unit(u); }
  static SaleFact sale(std::string product, std::int64_t quantity, std::int64_t outlet,
                       std::string kind, std::string brand, int day = 1) {
    SaleFact f;
    f.product = std::move(product);
    f.quantity = quantity;
    f.value_dong = quantity / 100;
    f.buyer_id = outlet < 100 ? 1 : 2;
    f.buyer_name = outlet < 100 ? "Liên minh HTX TP Hà Nội" : "Saigon Co.op";
    f.outlet_id = outlet;
    f.outlet_kind = std::move(kind);
    f.outlet_brand = std::move(brand);
    f.sold_on = *Date::from_ymd(2021, 3, day);
    return f;
  }
};
Catalogue* ResultsTest::catalogue_ = nullptr;
std::vector<OutletKind>* ResultsTest::kinds_ = nullptr;
NarrativeRules* ResultsTest::rules_ = nullptr;

TEST_F(ResultsTest, FiguresTakeTheirRoundingWordFromTheExactValue) {
  auto f = prose_figure(547'300'000, unit("tan"), *rules_);  // 547,3 t
  EXPECT_EQ(f.word, "gần");
  EXPECT_EQ(f.number, "550");
  f = prose_figure(5'000'000, unit("tan"), *rules_);
  EXPECT_EQ(f.word, "");
  EXPECT_EQ(f.number, "5");
  f = prose_figure(15'200'000, unit("tan"), *rules_);  // 15,2 t
  EXPECT_EQ(f.word, "trên");
  EXPECT_EQ(f.number, "15");
  f = prose_figure(500'000, unit("qua"), *rules_);
  EXPECT_EQ(f.word, "");
  EXPECT_EQ(f.number, "500.000");
  f = prose_figure(1'260'000, unit("tan"), *rules_);  // 1,26 t
  EXPECT_EQ(f.word, "gần");
  EXPECT_EQ(f.number, "1,3");
  // 104.000 is 4% above 100.000: within the 5% tolerance, so "trên 100.000".
  f = prose_figure(104'000, unit("qua"), *rules_);
  EXPECT_EQ(f.word, "trên");
  EXPECT_EQ(f.number, "100.000");
  // 125 kg in tấn: 0,125 -> 0,13, 4% above the exact figure.
  f = prose_figure(125'000, unit("tan"), *rules_);
  EXPECT_EQ(f.number, "0,13");
  EXPECT_EQ(f.word, "gần");
}

TEST_F(ResultsTest, AFigureFarFromItsRoundingTakesAnotherDigit) {
  NarrativeRules tight = *rules_;
  tight.tolerance_percent = 1;
  auto f = prose_figure(547'300'000, unit("tan"), tight);  // 550 is 0,49% off: kept
  EXPECT_EQ(f.number, "550");
  f = prose_figure(1'060'000, unit("tan"), tight);  // 1,1 is 3,8% off; 1,06 exact
  EXPECT_EQ(f.number, "1,06");
  EXPECT_EQ(f.word, "");
}

TEST_F(ResultsTest, TotalsNeverAddOneDimensionOrCountUnitToAnother) {
  std::vector<SaleFact> facts{sale("bap_cai", 2'000'000, 1, "diem_ban", ""),
                              sale("su_hao", 500'000, 1, "diem_ban", ""),
                              sale("trung_ga", 1'000, 1, "diem_ban", ""),
                              sale("banh_dau_xanh", 30, 101, "sieu_thi", "BigC"),
                              sale("mien_dong", 200'000, 101, "sieu_thi", "BigC"),
                              sale("dau_lac", 40'000, 101, "sieu_thi", "BigC")};
  auto all = totals(facts, *catalogue_, false);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].group, "rau_qua");
  EXPECT_EQ(all[0].quantity, 2'500'000);
  EXPECT_EQ(all[0].unit, "tan");
  EXPECT_EQ(all[1].group, "trung");
  EXPECT_EQ(all[1].unit, "qua");
  // Processed food: kilograms of noodles, boxes of cakes and litres of oil, three totals.
  std::vector<std::string> units;
  for (std::size_t i = 2; i < all.size(); ++i) {
    EXPECT_EQ(all[i].group, "che_bien");
    units.push_back(all[i].unit);
  }
  std::sort(units.begin(), units.end());
  EXPECT_EQ(units, (std::vector<std::string>{"hop", "kg", "lit"}));
  auto by_channel = totals(facts, *catalogue_, true);
  EXPECT_EQ(by_channel.size(), 5u);
  std::int64_t value = 0;
  for (auto& t : by_channel) value += t.value_dong;
  std::int64_t expected = 0;
  for (auto& f : facts) expected += f.value_dong;
  EXPECT_EQ(value, expected);
}

TEST_F(ResultsTest, TheNarrativeStatesTheSeedsCampaignFromItsSaleLines) {
  std::vector<SaleFact> facts;
  // 547,3 t of vegetables over several products at the 8 points of sale and 60 Co.op Food stores.
  for (int i = 0; i < 8; ++i) facts.push_back(sale("bap_cai", 30'000'000, 1 + i, "diem_ban", ""));
  for (int i = 0; i < 60; ++i)
    facts.push_back(
        sale(i % 2 ? "su_hao" : "ca_rot", 5'000'000, 101 + i, "cua_hang_tien_ich", "Coopfood"));
  facts.push_back(sale("rau_cu", 7'300'000, 201, "sieu_thi", "Lotte"));
  facts.push_back(sale("ca", 5'000'000, 202, "sieu_thi", "BigC"));
  facts.push_back(sale("ga", 15'000'000, 1, "diem_ban", ""));
  facts.push_back(sale("trung_ga", 300'000, 101, "cua_hang_tien_ich", "Coopfood"));
  facts.push_back(sale("trung_vit", 200'000, 102, "cua_hang_tien_ich", "Coopfood"));
  // A sale after the date is not counted.
  facts.push_back(sale("ca", 9'000'000, 202, "sieu_thi", "BigC", 3));
  EXPECT_EQ(narrative(facts, *Date::from_ymd(2021, 3, 2), *catalogue_, *kinds_, *rules_),
            "Kết quả đến hết ngày 02/3/2021 hỗ trợ tiêu thụ gần 550 tấn rau, củ quả các loại, 5 "
            "tấn cá, 15 tấn gà, 500.000 quả trứng thông qua 08 điểm bán hàng, 60 cửa hàng tiện "
            "ích (Coopfood); siêu thị BigC, Lotte");
}

TEST_F(ResultsTest, ANarrativeOfNothingSaysSo) {
  EXPECT_EQ(narrative({}, *Date::from_ymd(2021, 3, 2), *catalogue_, *kinds_, *rules_),
            "Kết quả đến hết ngày 02/3/2021 hỗ trợ tiêu thụ chưa có sản phẩm nào");
}

}  // namespace
}  // namespace htx::market
