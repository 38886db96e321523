// The results' tables (page, CSV, .xlsx): rows in the unit the results chose, targets and their
// attainment, the workbook read back, the same bytes for the same `created`.
#include "market/results_table.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "exchange/market_results_xlsx.hpp"
#include "exchange/xlsx.hpp"

namespace htx::market {
namespace {

class ResultsTableTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalogue_ = new Catalogue(Catalogue::load(HTX_SOURCE_DATA_DIR));
    vi_ = new i18n::Catalog(i18n::Catalog::load(HTX_SOURCE_DATA_DIR, i18n::Lang::kVi));
  }
  static void TearDownTestSuite() {
    delete catalogue_;
    delete vi_;
  }
  static Catalogue* catalogue_;
  static i18n::Catalog* vi_;

  static Total total(std::string group, std::string channel, std::string unit, Dimension d,
                     std::int64_t q, std::int64_t value, std::int64_t lines) {
    Total t;
    t.group = std::move(group);
    t.channel = std::move(channel);
    t.unit = std::move(unit);
    t.dimension = d;
    t.quantity = q;
    t.value_dong = value;
    t.lines = lines;
    return t;
  }
  static CampaignResults results() {
    CampaignResults r;
    r.campaign.code = "HD-2021";
    r.campaign.name = "Hỗ trợ HTX Hải Dương tiêu thụ nông sản";
    r.as_of = *Date::from_ymd(2021, 3, 2);
    r.narrative = "Kết quả đến hết ngày 02/3/2021 hỗ trợ tiêu thụ gần 550 tấn rau";
    r.totals = {total("rau_qua", "", "tan", Dimension::kMass, 547'300'000, 5'473'000'000, 40),
                total("trung", "", "qua", Dimension::kCount, 500'000, 1'500'000'000, 12)};
    r.totals_by_channel = {
        total("rau_qua", "Saigon Co.op", "tan", Dimension::kMass, 400'000'500, 4'000'000'000, 30),
        total("rau_qua", "BigC", "tan", Dimension::kMass, 147'299'500, 1'473'000'000, 10)};
    CampaignProgress p;
    p.target.group = "rau_qua";
    p.target.quantity = {600'000'000, Dimension::kMass};
    p.target.unit = "tan";
    p.sold = 547'300'000;
    CampaignProgress fish;
    fish.target.group = "thuy_san";
    fish.target.quantity = {10'000'000, Dimension::kMass};
    fish.target.unit = "tan";
    r.progress = {p, fish};
    return r;
  }
};
Catalogue* ResultsTableTest::catalogue_ = nullptr;
i18n::Catalog* ResultsTableTest::vi_ = nullptr;

TEST_F(ResultsTableTest, QuantitiesAreStatedExactlyInTheResultsUnit) {
  EXPECT_EQ(ResultsCell::of_quantity(547'300'000, 1'000'000).plain(), "547.3");
  EXPECT_EQ(ResultsCell::of_quantity(400'000'500, 1'000'000).plain(), "400.0005");
  EXPECT_EQ(ResultsCell::of_quantity(5'000'000, 1'000'000).plain(), "5");
  EXPECT_EQ(ResultsCell::of_quantity(500'000, 1).plain(), "500000");
  EXPECT_EQ(ResultsCell::of_quantity(-1'500, 1'000).plain(), "-1.5");
}

TEST_F(ResultsTableTest, GroupsCarryTheirTargetAndAttainmentAndATargetWithoutSales) {
  auto table = results_table(results(), *catalogue_, *vi_);
  ASSERT_EQ(table.sheets.size(), 2u);
  ASSERT_EQ(table.title_rows.size(), 3u);
  EXPECT_NE(table.title_rows[0].find("HD-2021"), std::string::npos);
  EXPECT_NE(table.title_rows[1].find("02/03/2021"), std::string::npos);
  const ResultsSheet* groups = table.sheet("groups");
  ASSERT_NE(groups, nullptr);
  ASSERT_EQ(groups->rows.size(), 3u);  // rau_qua, trung, and the fish target with 0 sold
  const auto& veg = groups->rows[0];
  EXPECT_EQ(veg[0].text, catalogue_->group("rau_qua")->name);
  EXPECT_EQ(veg[2].plain(), "547.3");
  EXPECT_EQ(veg[3].plain(), "600");
  EXPECT_NEAR(veg[4].ratio, 547.3 / 600, 1e-9);
  EXPECT_EQ(veg[5].integer, 5'473'000'000);
  EXPECT_EQ(groups->rows[1][3].kind, ResultsCell::Kind::kEmpty);  // eggs: no target
  const auto& fish = groups->rows[2];
  EXPECT_EQ(fish[2].plain(), "0");
  EXPECT_EQ(fish[3].plain(), "10");
  EXPECT_EQ(fish[4].ratio, 0.0);

  std::string csv = results_csv(*table.sheet("channels"));
  std::istringstream lines(csv);
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  EXPECT_NE(first.find(",Saigon Co.op,tấn,400.0005,4000000000,30\r"), std::string::npos) << first;
}

TEST_F(ResultsTableTest, TheWorkbookReadsBackAndIsTheSameForTheSameDate) {
  const std::time_t created = 1'614'643'200;  // 2021-03-02
  auto r = results();
  std::string a = exchange::results_xlsx_bytes(r, *catalogue_, *vi_, created);
  std::string b = exchange::results_xlsx_bytes(r, *catalogue_, *vi_, created);
  EXPECT_EQ(a, b);
  auto path = std::filesystem::temp_directory_path() / "htx-results-table-test.xlsx";
  {
    std::ofstream out(path, std::ios::binary);
    out << a;
  }
  std::string error;
  auto reader = exchange::XlsxReader::open(path.string(), error);
  ASSERT_TRUE(reader) << error;
  EXPECT_EQ(reader->sheet_name(), vi_->text("site.market.page.sheet_groups"));
  std::vector<exchange::XlsxRow> rows;
  exchange::XlsxRow row;
  while (reader->next(row)) rows.push_back(row);
  std::filesystem::remove(path);
  // Three title rows, the header, three data rows.
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_NE(rows[0].cells[0].find("HD-2021"), std::string::npos);
  EXPECT_EQ(rows[3].cells[0], vi_->text("site.market.page.col_group"));
  EXPECT_EQ(rows[4].cells[2], "547.3");
  EXPECT_EQ(rows[4].cells[3], "600");
  EXPECT_EQ(rows[4].cells[5], "5473000000");
  EXPECT_EQ(rows[5].cells[2], "500000");  // eggs, whole pieces
}

}  // namespace
}  // namespace htx::market
