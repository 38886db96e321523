#include "core/i18n.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

namespace htx::i18n {
namespace {

TEST(CatalogTest, SubstitutesParametersInEachLanguage) {
  auto vi = Catalog::load(HTX_SOURCE_DATA_DIR, Lang::kVi);
  auto en = Catalog::load(HTX_SOURCE_DATA_DIR, Lang::kEn);
  Error e("field.unknown_province", {{"value", "Hà Tây"}});
  EXPECT_EQ(vi.render(e), "không có tỉnh/thành phố \"Hà Tây\"");
  EXPECT_EQ(en.render(e), "there is no province \"Hà Tây\"");
}

TEST(CatalogTest, UnknownKeyKeepsItsParameters) {
  auto vi = Catalog::load(HTX_SOURCE_DATA_DIR, Lang::kVi);
  EXPECT_EQ(vi.text("no.such.key", {{"line", "5"}}), "no.such.key line=5");
}

TEST(CatalogTest, BothCataloguesHaveTheSameKeys) {
  auto load = [](const char* lang) {
    std::ifstream in(std::string(HTX_SOURCE_DATA_DIR) + "/messages/" + lang + ".json");
    nlohmann::json j;
    in >> j;
    return j;
  };
  auto vi = load("vi"), en = load("en");
  ASSERT_GT(vi.size(), 100u);
  ASSERT_GT(en.size(), 100u);
  for (auto& [k, v] : vi.items()) EXPECT_TRUE(en.contains(k)) << "en lacks " << k;
  for (auto& [k, v] : en.items()) EXPECT_TRUE(vi.contains(k)) << "vi lacks " << k;
}

TEST(CatalogTest, MissingCatalogueIsAnInfrastructureError) {
  EXPECT_THROW(Catalog::load("/nonexistent", Lang::kVi), InfrastructureError);
}

TEST(LangTest, Parses) {
  EXPECT_EQ(parse_lang("EN"), Lang::kEn);
  EXPECT_EQ(parse_lang("vi"), Lang::kVi);
  EXPECT_FALSE(parse_lang("fr"));
}

}  // namespace
}  // namespace htx::i18n
