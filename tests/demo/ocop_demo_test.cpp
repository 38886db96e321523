// The demo's OCOP products: cooperatives of several provinces with ★3–★5 from their scores, a
// few certificates expired and the others renewed; the counts of valid products by stars and of
// cooperatives with one, by province and on several dates, computed by OcopService, are checked
// here against the individual records with the test's own loops.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <set>

#include "areas/statistics_area.hpp"
#include "demo/demo_ocop.hpp"
#include "demo/demo_registry.hpp"
#include "ocop/ocop_service.hpp"
#include "stats/period.hpp"
#include "stats/report_format.hpp"
#include "support/registry_fixture.hpp"

namespace htx {
namespace {

using namespace htx::ocop;

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

TEST(OcopDemo, CountsOfValidProductsAreTheRecords) {
  testing::RegistryFixture fx;
  demo::DemoOptions opt;
  opt.scale = 0.05;
  opt.clock = &fx.clock;
  demo::build_demo(fx.service, *fx.db, fx.db->targets(), fx.geo, fx.sectors, opt);
  const auto rules = OcopRules::load(HTX_SOURCE_DATA_DIR);
  auto sum = demo::build_ocop_demo({*fx.db, fx.clock.today(), fx.clock.now_iso()}, rules);
  EXPECT_GE(sum.certificates, 30);
  EXPECT_GE(sum.renewals, 5);
  const auto records = fx.db->ocop().list({});
  ASSERT_EQ(records.size(), static_cast<std::size_t>(sum.certificates + sum.renewals));

  std::set<std::string> provinces;
  std::set<int> stars;
  for (const auto& c : records) {
    provinces.insert(c.province_id);
    stars.insert(c.stars);
    // The stars are the scores' by the bands, written again here: 90, 70, 50.
    const auto total = *c.score_a + *c.score_b + *c.score_c;
    EXPECT_EQ(c.stars, total >= 900 ? 5 : total >= 700 ? 4 : total >= 500 ? 3 : 0) << c.product;
    EXPECT_EQ(c.level, c.stars == 5 ? Level::kCentral : Level::kProvince);
  }
  EXPECT_GE(provinces.size(), 4u);
  EXPECT_EQ(stars, (std::set<int>{3, 4, 5}));

  // Valid on a date, from the records: decided by then, not past 36 months less a day, and not
  // renewed by a certificate decided by then.
  auto valid = [&](const Certificate& c, Date on) {
    if (*c.decided_on > on) return false;
    const Date d = *c.decided_on;
    // The same day three years on (29/02 falls back to 28/02).
    auto end = Date::from_ymd(d.year() + 3, d.month(), d.day());
    if (!end) end = Date::from_ymd(d.year() + 3, d.month(), 28);
    if (on >= *end) return false;
    for (const auto& r : records)
      if (r.renews_id == c.id && *r.decided_on <= on) return false;
    return true;
  };
  OcopService s(fx.db->ocop(), fx.db->registry(), fx.db->audit(), *fx.db, fx.clock, rules);
  int expired_today = 0;
  for (Date on : {ymd(2021, 12, 31), ymd(2023, 6, 30), ymd(2024, 12, 31), fx.clock.today()}) {
    std::map<std::string, std::array<int, 3>> by_stars;
    std::map<std::string, std::set<std::string>> cooperatives;
    int total = 0;
    for (const auto& c : records) {
      if (!valid(c, on)) continue;
      ++by_stars[c.province_id][static_cast<std::size_t>(c.stars - 3)];
      cooperatives[c.province_id].insert(c.producer_code);
      ++total;
    }
    auto counts = s.counts(on, ProvinceScope::all());
    EXPECT_EQ(counts.total.products, total) << on.iso();
    EXPECT_GT(total, 0) << on.iso();
    for (const auto& [province, n] : by_stars) {
      const auto& p = counts.by_province.at(province);
      EXPECT_EQ(p.by_stars[0], n[0]) << province << " " << on.iso();
      EXPECT_EQ(p.by_stars[1], n[1]) << province << " " << on.iso();
      EXPECT_EQ(p.by_stars[2], n[2]) << province << " " << on.iso();
      EXPECT_EQ(p.cooperatives, static_cast<int>(cooperatives.at(province).size())) << province;
    }
    EXPECT_EQ(counts.by_province.size(), by_stars.size()) << on.iso();
    if (on == fx.clock.today()) {
      for (const auto& c : records)
        if (!valid(c, on) && *c.valid_until < on &&
            !s.find(c.id, on, ProvinceScope::all())->renewed_by)
          ++expired_today;
    }
  }
  // A few certificates expired and were not renewed; none of them is shown as valid.
  EXPECT_GE(expired_today, 2);
  EXPECT_LE(expired_today, 8);

  // The statistical report of 2024 states the products valid on 31/12/2024, counted here from
  // the records, and its table lists them by province.
  const Date year_end = ymd(2024, 12, 31);
  int products = 0;
  std::array<int, 3> by_stars{0, 0, 0};
  std::set<std::string> cooperatives;
  for (const auto& c : records) {
    if (!valid(c, year_end)) continue;
    ++products;
    ++by_stars[static_cast<std::size_t>(c.stars - 3)];
    cooperatives.insert(c.producer_code);  // the demo's producers are all HTX
  }
  auto year = stats::parse_period("2024");
  ASSERT_TRUE(year.ok());
  areas::StatisticsArea statistics(*fx.db, fx.geo, fx.sectors);
  auto report = statistics.report(*year, stats::default_boundaries(*year), nullptr, &rules);
  ASSERT_TRUE(report.ocop.present);
  EXPECT_EQ(report.ocop.total.products, products);
  auto vi = stats::ReportFormatter(fx.vi, fx.geo, fx.sectors).narrative(report);
  const std::string sentence =
      "Đến ngày 31/12/2024, " + std::to_string(products) + " sản phẩm OCOP còn hiệu lực (" +
      std::to_string(by_stars[0]) + " sản phẩm 3 sao, " + std::to_string(by_stars[1]) +
      " sản phẩm 4 sao, " + std::to_string(by_stars[2]) + " sản phẩm 5 sao) của " +
      std::to_string(cooperatives.size()) + " HTX.";
  EXPECT_NE(vi.find(sentence), std::string::npos) << vi;
  auto table = stats::ReportFormatter(fx.vi, fx.geo, fx.sectors).table(report);
  EXPECT_NE(table.find("Sản phẩm OCOP còn hiệu lực ngày 31/12/2024"), std::string::npos);
  // Without OCOP's rules the report says nothing of it.
  auto registry_only = statistics.report(*year, stats::default_boundaries(*year));
  EXPECT_EQ(stats::ReportFormatter(fx.vi, fx.geo, fx.sectors).narrative(registry_only).find("OCOP"),
            std::string::npos);
}

}  // namespace
}  // namespace htx
