// The dashboard's figures (computed from the flow aggregates) against the same figures counted
// one record at a time from a registry built in the test: foundings, dissolutions and moves
// between provinces over six years, on the old and the new provinces.
#include "stats/dashboard.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <random>
#include <set>

#include "support/registry_fixture.hpp"

namespace htx::stats {
namespace {

using nlohmann::json;
using registry::Entity;
using registry::EntityStatus;
using registry::EntityType;
using registry::Event;

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

std::string label(int y, int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%d", m, y);
  return buf;
}

class DashboardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Old provinces before 1 July 2025, the new units from then on.
    const std::vector<std::string> old_ids = {"01-2008", "24-2008", "48-2008", "66-2008",
                                              "79-2008"};
    const std::vector<std::string> new_ids = {"01-2025", "24-2025", "48-2025", "66-2025",
                                              "79-2025"};
    const Date first = ymd(2020, 1, 1), last = ymd(2026, 11, 29);
    const Date cut = ymd(2025, 7, 1);
    std::mt19937 rng(20261129);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    for (int i = 0; i < 260; ++i) {
      Entity e = f.sample(std::to_string(1000000000 + i));
      e.name = "HTX thử " + std::to_string(i);
      e.founded_on = Date::from_days(first.days() + pick(last.days() - first.days() + 1));
      // A few in the current month and on the last day, so that month and "to date" matter.
      if (i % 37 == 0) e.founded_on = ymd(2026, 11, 1 + pick(29));
      e.type = static_cast<EntityType>(i % 7 == 0 ? 1 : i % 3 == 0 ? 2 : 0);
      e.province_id = e.founded_on < cut ? old_ids[pick(5)] : new_ids[pick(5)];
      e.members = 5 + pick(200);
      ASSERT_TRUE(f.service.create(e, "test")) << i;
      // Some move to another province while active (before the merger: old to old).
      if (i % 5 == 0 && e.founded_on < ymd(2024, 1, 1)) {
        Entity moved = e;
        moved.province_id = old_ids[(std::find(old_ids.begin(), old_ids.end(), e.province_id) -
                                     old_ids.begin() + 1) %
                                    5];
        Date on = e.founded_on.add_days(30 + pick(300));
        ASSERT_TRUE(f.service.change(e.code, moved, registry::EventKind::kReorganised, on, "test",
                                     "chuyển tỉnh"));
      }
      // About a third are dissolved later.
      if (i % 3 == 1) {
        int room = last.days() - e.founded_on.days();
        if (room < 2) continue;
        Date on = e.founded_on.add_days(1 + pick(room));
        if (i % 5 == 0 && on < ymd(2024, 12, 31)) on = ymd(2024, 12, 31);  // after any move
        ASSERT_TRUE(f.service.dissolve(e.code, on, "test", "giải thể")) << i;
      }
    }
    f.db->registry().for_each([&](const Entity& e) {
      records.push_back({e, f.db->registry().events_of(e.id)});
    });
  }

  struct Record {
    Entity current;
    std::vector<Event> events;
  };

  bool in_scope(const std::optional<std::set<std::string>>& scope, const std::string& id) const {
    return !scope || scope->count(id) > 0;
  }

  // Counted from the records: founded / dissolved in [from, to] by type, where it stood then.
  std::array<std::int64_t, 3> founded(const std::optional<std::set<std::string>>& scope, Date from,
                                      Date to, const std::string& region = "") const {
    std::array<std::int64_t, 3> n{};
    for (auto& r : records) {
      Date d = r.current.founded_on;
      if (d < from || d > to) continue;
      auto s = registry::state_on(r.current, r.events, d);
      if (!s || !in_scope(scope, s->province_id)) continue;
      if (!region.empty() && f.geo.province(s->province_id)->region_id != region) continue;
      ++n[static_cast<std::size_t>(s->type)];
    }
    return n;
  }
  std::array<std::int64_t, 3> dissolved(const std::optional<std::set<std::string>>& scope,
                                        Date from, Date to) const {
    std::array<std::int64_t, 3> n{};
    for (auto& r : records) {
      if (!r.current.dissolved_on) continue;
      Date d = *r.current.dissolved_on;
      if (d < from || d > to) continue;
      auto s = registry::state_on(r.current, r.events, d.add_days(-1));
      if (!s || !in_scope(scope, s->province_id)) continue;
      ++n[static_cast<std::size_t>(s->type)];
    }
    return n;
  }
  // The stock at the end of a day, by type, and its members.
  std::pair<std::array<std::int64_t, 3>, std::int64_t> stock(
      const std::optional<std::set<std::string>>& scope, Date on) const {
    std::array<std::int64_t, 3> n{};
    std::int64_t members = 0;
    for (auto& r : records) {
      auto s = registry::state_on(r.current, r.events, on);
      if (!s || s->status == EntityStatus::kDissolved || !in_scope(scope, s->province_id)) continue;
      ++n[static_cast<std::size_t>(s->type)];
      members += s->members;
    }
    return {n, members};
  }

  static json by_type(const std::array<std::int64_t, 3>& n) {
    return {{"HTX", n[0]}, {"LHHTX", n[1]}, {"THT", n[2]}};
  }

  void expect_matches_records(const json& d, const std::optional<std::set<std::string>>& scope) {
    const Date as_of = ymd(2026, 11, 29);
    EXPECT_EQ(d["as_of"], "2026-11-29");
    EXPECT_EQ(d["month"]["label"], "11/2026");
    EXPECT_EQ(d["month"]["founded"], by_type(founded(scope, ymd(2026, 11, 1), as_of)));
    EXPECT_EQ(d["month"]["dissolved"], by_type(dissolved(scope, ymd(2026, 11, 1), as_of)));
    EXPECT_EQ(d["year"]["label"], "2026");
    EXPECT_EQ(d["year"]["founded"], by_type(founded(scope, ymd(2026, 1, 1), as_of)));
    EXPECT_EQ(d["year"]["dissolved"], by_type(dissolved(scope, ymd(2026, 1, 1), as_of)));
    EXPECT_EQ(d["year"]["founded_same_period_last_year"],
              by_type(founded(scope, ymd(2025, 1, 1), ymd(2025, 11, 30))));
    auto [now, members] = stock(scope, as_of);
    json expected_stock = by_type(now);
    expected_stock["members"] = members;
    EXPECT_EQ(d["stock"], expected_stock);
    auto [before, members_before] = stock(scope, ymd(2025, 11, 30));
    json expected_before = by_type(before);
    expected_before["members"] = members_before;
    EXPECT_EQ(d["stock_last_year"], expected_before);

    const auto& monthly = d["monthly_founded_htx_by_region"];
    ASSERT_EQ(monthly["months"].size(), 12u);
    EXPECT_EQ(monthly["months"][0], "12/2025");
    EXPECT_EQ(monthly["months"][11], "11/2026");
    ASSERT_EQ(monthly["regions"].size(), f.geo.regions().size());
    for (std::size_t r = 0; r < f.geo.regions().size(); ++r) {
      const auto& region = f.geo.regions()[r];
      EXPECT_EQ(monthly["regions"][r]["id"], region.id);
      EXPECT_EQ(monthly["regions"][r]["name"], region.name);
      for (int k = 0; k < 12; ++k) {
        int y = k == 0 ? 2025 : 2026, m = k == 0 ? 12 : k;
        Date from = ymd(y, m, 1);
        Date to = m == 11 && y == 2026 ? as_of
                                       : (m == 12 ? ymd(y, 12, 31) : ymd(y, m + 1, 1).add_days(-1));
        EXPECT_EQ(monthly["regions"][r]["values"][k], founded(scope, from, to, region.id)[0])
            << region.id << " " << label(y, m);
      }
    }
    ASSERT_EQ(d["yearly"].size(), 5u);
    for (int i = 0; i < 5; ++i) {
      int y = 2022 + i;
      Date to = y == 2026 ? as_of : ymd(y, 12, 31);
      const auto& line = d["yearly"][i];
      EXPECT_EQ(line["year"], y);
      EXPECT_EQ(line["founded_htx"], founded(scope, ymd(y, 1, 1), to)[0]) << y;
      EXPECT_EQ(line["dissolved_htx"], dissolved(scope, ymd(y, 1, 1), to)[0]) << y;
      EXPECT_EQ(line["stock_htx"], stock(scope, to).first[0]) << y;
    }
  }

  json dashboard(const DashboardScope& scope) {
    ReportBuilder builder(f.db->flows(), f.db->registry(), f.db->targets(), f.geo, f.sectors);
    return build_dashboard(builder, f.geo, scope, ymd(2026, 11, 29));
  }

  testing::RegistryFixture f;
  std::vector<Record> records;
};

TEST_F(DashboardTest, NationalFiguresEqualThoseCountedFromTheRecords) {
  auto d = dashboard({std::nullopt, "Toàn quốc"});
  EXPECT_EQ(d["scope"]["kind"], "national");
  EXPECT_EQ(d["scope"]["name"], "Toàn quốc");
  EXPECT_EQ(d["scope"]["province_ids"], json::array());
  expect_matches_records(d, std::nullopt);
  EXPECT_GT(d["stock"]["HTX"].get<int>(), 50) << "the fixture is not trivial";
  EXPECT_GT(d["year"]["founded"]["HTX"].get<int>(), 0);
  EXPECT_GT(d["month"]["founded"]["HTX"].get<int>() + d["month"]["founded"]["THT"].get<int>(), 0);
}

TEST_F(DashboardTest, ProvinceScopeSumsItsUnitsIncludingThoseMergedIntoThem) {
  std::set<std::string> hanoi = {"01-2008", "01-2025"};
  auto d = dashboard({std::vector<std::string>(hanoi.begin(), hanoi.end()), "Hà Nội"});
  EXPECT_EQ(d["scope"]["kind"], "provinces");
  EXPECT_EQ(d["scope"]["province_ids"], json({"01-2008", "01-2025"}));
  expect_matches_records(d, hanoi);

  std::set<std::string> two = {"66-2008", "66-2025", "79-2008", "79-2025"};
  expect_matches_records(dashboard({std::vector<std::string>(two.begin(), two.end()), "x"}), two);
}

TEST_F(DashboardTest, ScopesThatCoverTheCountryAddUpToTheNationalFigures) {
  auto national = dashboard({std::nullopt, ""});
  std::vector<std::string> all;
  for (auto& p : f.geo.provinces()) all.push_back(p.id);
  auto every = dashboard({all, ""});
  for (auto key : {"month", "year", "stock", "stock_last_year", "yearly"})
    EXPECT_EQ(every[key], national[key]) << key;
  EXPECT_EQ(every["monthly_founded_htx_by_region"], national["monthly_founded_htx_by_region"]);
  // An empty scope (a role without provinces) sees zeros, not the country.
  auto none = dashboard({std::vector<std::string>{}, ""});
  EXPECT_EQ(none["stock"], json({{"HTX", 0}, {"LHHTX", 0}, {"THT", 0}, {"members", 0}}));
}

TEST_F(DashboardTest, GrowthIsAStringInTheAlliancesNotationOrNull) {
  auto d = dashboard({std::nullopt, ""});
  auto now = d["year"]["founded"]["HTX"].get<std::int64_t>();
  auto before = d["year"]["founded_same_period_last_year"]["HTX"].get<std::int64_t>();
  auto g = d["year"]["growth_founded_htx_percent"];
  if (before == 0) {
    EXPECT_TRUE(g.is_null());
  } else {
    ASSERT_TRUE(g.is_string());
    double expected = 100.0 * static_cast<double>(now - before) / static_cast<double>(before);
    std::string s = g.get<std::string>();
    for (auto& c : s)
      if (c == ',') c = '.';
    EXPECT_NEAR(std::stod(s), expected, 0.5);
  }
  auto none = dashboard({std::vector<std::string>{}, ""});
  EXPECT_TRUE(none["year"]["growth_founded_htx_percent"].is_null());
}

}  // namespace
}  // namespace htx::stats
