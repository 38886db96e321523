// OCOP's rules as data/ocop states them: the star bands from the scores, the validity of a
// certificate at dates (36 months from the decision, less a day; renewal), points as written,
// and the registry's free text read into products and stars, what cannot be matched kept with
// its reason.
#include "ocop/ocop.hpp"

#include <gtest/gtest.h>

#include "ocop/free_text.hpp"
#include "ocop/rules.hpp"

namespace htx::ocop {
namespace {

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

const OcopRules& rules() {
  static const OcopRules r = OcopRules::load(HTX_SOURCE_DATA_DIR);
  return r;
}

TEST(OcopRules, SixGroupsWithSubgroupsAndThreeParts) {
  ASSERT_EQ(rules().groups().size(), 6u);
  for (const auto& g : rules().groups()) {
    EXPECT_FALSE(g.subgroups.empty()) << g.code;
    EXPECT_NE(g.source.find("148/QĐ-TTg"), std::string::npos) << g.code;
  }
  EXPECT_EQ(rules().part("a")->max_points, 40);
  EXPECT_EQ(rules().part("b")->max_points, 25);
  EXPECT_EQ(rules().part("c")->max_points, 35);
  EXPECT_EQ(rules().validity_months(), 36);
  EXPECT_NE(rules().subgroup("thuc_pham", "che"), nullptr);
  EXPECT_EQ(rules().subgroup("do_uong", "che"), nullptr);
  EXPECT_EQ(rules().group_of_subgroup("hoa")->code, "sinh_vat_canh");
}

TEST(OcopRules, StarsFromTheTotalByTheBands) {
  // (total in tenths, stars): each band's edges.
  for (auto [tenths, stars] : {std::pair{0, 1},
                               {299, 1},
                               {300, 2},
                               {499, 2},
                               {500, 3},
                               {695, 3},
                               {699, 3},
                               {700, 4},
                               {895, 4},
                               {899, 4},
                               {900, 5},
                               {1000, 5}})
    EXPECT_EQ(rules().stars_of(tenths), stars) << tenths;
}

TEST(OcopRules, OnlyThreeToFiveStarsAreCertifiedAndByTheirLevel) {
  EXPECT_FALSE(rules().band(1)->certified);
  EXPECT_FALSE(rules().band(2)->certified);
  EXPECT_EQ(rules().band(3)->level, "province");
  EXPECT_EQ(rules().band(4)->level, "province");
  EXPECT_EQ(rules().band(5)->level, "central");
  EXPECT_EQ(rules().band(6), nullptr);
}

TEST(OcopValidity, ThirtySixMonthsLessADay) {
  EXPECT_EQ(rules().valid_until(d(2023, 2, 24)), d(2026, 2, 23));
  EXPECT_EQ(rules().valid_until(d(2020, 2, 29)), d(2023, 2, 27));  // clamped to 28/02, less a day
  EXPECT_EQ(add_months(d(2021, 1, 31), 1), d(2021, 2, 28));
  EXPECT_EQ(add_months(d(2021, 11, 15), 14), d(2023, 1, 15));

  Certificate c;
  c.decided_on = d(2021, 3, 10);
  c.valid_until = rules().valid_until(*c.decided_on);
  EXPECT_FALSE(valid_on(c, d(2021, 3, 9)));
  EXPECT_TRUE(valid_on(c, d(2021, 3, 10)));
  EXPECT_TRUE(valid_on(c, d(2024, 3, 9)));
  EXPECT_FALSE(valid_on(c, d(2024, 3, 10)));  // expired: not shown as valid
  // Renewed on 01/02/2024: from then the renewal counts, not this one.
  EXPECT_TRUE(valid_on(c, d(2024, 1, 31), d(2024, 2, 1)));
  EXPECT_FALSE(valid_on(c, d(2024, 2, 1), d(2024, 2, 1)));
  Certificate unknown;  // from free text: no decision, never valid
  EXPECT_FALSE(valid_on(unknown, d(2024, 1, 1)));
}

TEST(OcopPoints, WrittenAndRead) {
  EXPECT_EQ(parse_points("36,5"), 365);
  EXPECT_EQ(parse_points("36.5"), 365);
  EXPECT_EQ(parse_points(" 36 "), 360);
  EXPECT_EQ(parse_points("36,25"), std::nullopt);
  EXPECT_EQ(parse_points("ba mươi"), std::nullopt);
  EXPECT_EQ(parse_points("-1"), std::nullopt);
  EXPECT_EQ(points_text(365), "36,5");
  EXPECT_EQ(points_text(360), "36");
  Certificate c;
  c.score_a = 300;
  c.score_b = 200;
  EXPECT_EQ(total_tenths(c), std::nullopt);
  c.score_c = 255;
  EXPECT_EQ(total_tenths(c), 755);
}

struct Case {
  const char* text;
  const char* product;
  int stars;
  const char* subgroup;
  const char* reason;
};

TEST(OcopFreeText, PiecesReadIntoProductsAndStars) {
  const Case cases[] = {
      {"OCOP 4 sao - Gạo nếp", "Gạo nếp", 4, "so_che", ""},
      {"Gạo ST25 (3 sao)", "Gạo ST25", 3, "so_che", ""},
      {"Bưởi Diễn 5★", "Bưởi Diễn", 5, "tuoi_song", ""},
      {"Chè Thái Nguyên ★★★★", "Chè Thái Nguyên", 4, "che", ""},
      {"Nước mắm: OCOP 3 SAO", "Nước mắm", 3, "gia_vi", ""},
      {"Rượu cần 3sao", "Rượu cần", 3, "co_con", ""},
      {"3 sao", "", 3, "", "no_product"},
      {"Gạo ST25", "Gạo ST25", 0, "", "no_stars"},
      {"Mật ong rừng 2 sao", "Mật ong rừng", 2, "", "stars_not_certified"},
      {"Khô gà lá chanh 7 sao", "Khô gà lá chanh", 7, "", "stars_not_certified"},
      {"Sản phẩm X 4 sao", "Sản phẩm X", 4, "", "no_group"},
  };
  for (const auto& c : cases) {
    auto items = parse_free_text(c.text, rules());
    ASSERT_EQ(items.size(), 1u) << c.text;
    EXPECT_EQ(items[0].text, c.text);
    EXPECT_EQ(items[0].product, c.product) << c.text;
    EXPECT_EQ(items[0].stars, c.stars) << c.text;
    EXPECT_EQ(items[0].subgroup, c.subgroup) << c.text;
    EXPECT_EQ(items[0].reason, c.reason) << c.text;
  }
}

TEST(OcopFreeText, SeveralPiecesNoneDropped) {
  auto items =
      parse_free_text("Gạo nếp cái hoa vàng 4 sao; Thổ cẩm | Cà phê Robusta 3 sao\n", rules());
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].product, "Gạo nếp cái hoa vàng");
  EXPECT_EQ(items[0].group, "thuc_pham");  // "gạo" before "hoa" in keywords.csv
  EXPECT_EQ(items[1].reason, "no_stars");
  EXPECT_EQ(items[1].text, "Thổ cẩm");
  EXPECT_EQ(items[2].subgroup, "ca_phe_ca_cao");
  EXPECT_TRUE(parse_free_text("  ", rules()).empty());
}

}  // namespace
}  // namespace htx::ocop
