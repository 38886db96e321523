#include "market/catalogue.hpp"

#include <gtest/gtest.h>

namespace htx::market {
namespace {

class CatalogueTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { catalogue_ = new Catalogue(Catalogue::load(HTX_SOURCE_DATA_DIR)); }
  static void TearDownTestSuite() { delete catalogue_; }
  const Catalogue& c() const { return *catalogue_; }
  const Product& product(std::string_view code) const {
    const Product* p = c().product(code);
    EXPECT_NE(p, nullptr) << code;
    return *p;
  }
  static Catalogue* catalogue_;
};
Catalogue* CatalogueTest::catalogue_ = nullptr;

TEST_F(CatalogueTest, EveryProductHasAGroupAndAUnitOfItsDimension) {
  ASSERT_GE(c().products().size(), 20u);
  for (const auto& p : c().products()) {
    ASSERT_NE(c().group(p.group), nullptr) << p.code;
    const Unit* u = c().unit(p.default_unit);
    ASSERT_NE(u, nullptr) << p.code;
    EXPECT_EQ(u->dimension, p.dimension) << p.code;
  }
  EXPECT_EQ(product("trung_ga").dimension, Dimension::kCount);
  EXPECT_EQ(product("rau_cu").dimension, Dimension::kMass);
  EXPECT_EQ(product("dau_lac").dimension, Dimension::kVolume);
}

TEST_F(CatalogueTest, UnitsAreFoundByCodeNameOrAliasWithoutDiacritics) {
  for (std::string_view s : {"tan", "tấn", "Tấn", "TAN", "tonne"}) {
    const Unit* u = c().unit(s);
    ASSERT_NE(u, nullptr) << s;
    EXPECT_EQ(u->code, "tan");
    EXPECT_EQ(u->base_per_unit, 1'000'000);
  }
  EXPECT_EQ(c().unit("tạ")->base_per_unit, 100'000);
  EXPECT_EQ(c().unit("lít")->dimension, Dimension::kVolume);
  EXPECT_EQ(c().unit("thùng"), nullptr);
  EXPECT_EQ(c().unit(""), nullptr);
}

TEST_F(CatalogueTest, QuantitiesAreExactIntegersOfTheBaseUnit) {
  auto q = c().quantity(product("rau_cu"), "1,5", "tấn", "quantity", "unit");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->amount, 1'500'000);  // grams
  EXPECT_EQ(q->dimension, Dimension::kMass);
  EXPECT_EQ(c().quantity(product("rau_cu"), "550", "tấn", "q", "u")->amount, 550'000'000);
  EXPECT_EQ(c().quantity(product("rau_cu"), "2.500", "kg", "q", "u")->amount, 2'500'000);
  EXPECT_EQ(c().quantity(product("rau_cu"), "2.5", "kg", "q", "u")->amount, 2'500);
  EXPECT_EQ(c().quantity(product("rau_cu"), "3", "tạ", "q", "u")->amount, 300'000);
  EXPECT_EQ(c().quantity(product("trung_ga"), "500.000", "quả", "q", "u")->amount, 500'000);
  EXPECT_EQ(c().quantity(product("dau_lac"), "0,25", "lít", "q", "u")->amount, 250);
}

TEST_F(CatalogueTest, BadQuantitiesAreRefusedOnTheirField) {
  struct Case {
    std::string amount, unit, key, field;
  };
  for (const auto& k : std::vector<Case>{
           {"0", "kg", "market.quantity_not_positive", "quantity"},
           {"-3", "kg", "market.quantity_not_positive", "quantity"},
           {"ba", "kg", "market.quantity_not_a_number", "quantity"},
           {"1,2,3", "kg", "market.quantity_not_a_number", "quantity"},
           {"", "kg", "market.quantity_required", "quantity"},
           {"0,5", "g", "market.quantity_too_fine", "quantity"},
           {"99999999999999", "tấn", "market.quantity_too_large", "quantity"},
           {"5", "thùng", "market.unknown_unit", "unit"},
       }) {
    auto q = c().quantity(product("rau_cu"), k.amount, k.unit, "quantity", "unit");
    ASSERT_FALSE(q.ok()) << k.amount << " " << k.unit;
    EXPECT_EQ(q.error().key, k.key) << k.amount << " " << k.unit;
    EXPECT_EQ(q.error().field, k.field) << k.amount << " " << k.unit;
    EXPECT_TRUE(q.error().is(ErrorKind::kInvalid));
  }
}

TEST_F(CatalogueTest, AnotherDimensionNeedsADeclaredConversion) {
  // Eggs in tonnes: no conversion declared, so refused rather than guessed.
  auto eggs = c().quantity(product("trung_ga"), "5", "tấn", "quantity", "unit");
  ASSERT_FALSE(eggs.ok());
  EXPECT_EQ(eggs.error().key, "market.unit_other_dimension");
  EXPECT_EQ(eggs.error().field, "unit");
  // A count is of the product's own unit: a box of eggs is not an egg.
  auto boxes = c().quantity(product("trung_ga"), "5", "hộp", "quantity", "unit");
  ASSERT_FALSE(boxes.ok());
  EXPECT_EQ(boxes.error().key, "market.unit_other_dimension");
  EXPECT_EQ(c().quantity(product("trung_ga"), "5", "trứng", "quantity", "unit")->amount, 5);
  auto kilos_of_oil = c().quantity(product("dau_lac"), "5", "kg", "quantity", "unit");
  ASSERT_FALSE(kilos_of_oil.ok());
  // Mixed vegetables may be written in combos, declared as 5 kg a combo: 10 combos are 50 kg.
  auto combos = c().quantity(product("rau_cu"), "10", "combo", "quantity", "unit");
  ASSERT_TRUE(combos.ok());
  EXPECT_EQ(combos->amount, 50'000);
  EXPECT_EQ(combos->dimension, Dimension::kMass);
  // ...but only that product: combos of carrots are not declared.
  EXPECT_FALSE(c().quantity(product("ca_rot"), "10", "combo", "quantity", "unit").ok());
  ASSERT_EQ(c().conversions().size(), 1u);
  EXPECT_FALSE(c().conversions()[0].source.empty());
}

TEST_F(CatalogueTest, AmountsAreWrittenInAUnitWithVietnameseDecimals) {
  const Unit& tan = *c().unit("tan");
  const Unit& kg = *c().unit("kg");
  EXPECT_EQ(Catalogue::amount_in({1'500'000, Dimension::kMass}, tan), "1,5");
  EXPECT_EQ(Catalogue::amount_in({550'000'000, Dimension::kMass}, tan), "550");
  EXPECT_EQ(Catalogue::amount_in({1'234'567'000, Dimension::kMass}, kg), "1.234.567");
  EXPECT_EQ(Catalogue::amount_in({1'234, Dimension::kMass}, tan), "0,001");
  EXPECT_EQ(Catalogue::amount_in({999'999, Dimension::kMass}, tan), "1");
}

TEST(ParseDecimal, ReadsTheWaysAUserWritesANumber) {
  auto check = [](std::string_view s, std::int64_t m, int scale) {
    auto d = parse_decimal(s);
    ASSERT_TRUE(d) << s;
    EXPECT_EQ(d->mantissa, m) << s;
    EXPECT_EQ(d->scale, scale) << s;
  };
  check("12", 12, 0);
  check("1,5", 15, 1);
  check("1.5", 15, 1);
  check("1.500", 1500, 0);
  check("1.234,56", 123456, 2);
  check(" 7 ", 7, 0);
  check("-2,5", -25, 1);
  for (std::string_view bad : {"", ",", "1,", "a", "1,5a", "1.2.3,4", "1,2,3"})
    EXPECT_FALSE(parse_decimal(bad)) << bad;
}

}  // namespace
}  // namespace htx::market
