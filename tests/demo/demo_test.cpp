// The demo registry states the alliance's published figures (DOMAIN.md, "Facts from the
// seeds"). Each figure is checked twice: by counting the individual records (entities and their
// events, with our own loops), and from the monthly flow aggregates the reports sum, so that
// the aggregates are shown to agree with the records.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <map>
#include <set>

#include "core/text.hpp"
#include "demo/demo_registry.hpp"
#include "support/registry_fixture.hpp"

namespace htx {
namespace {

using registry::EntityStatus;
using registry::EntityType;
using registry::EventKind;
using registry::FlowKind;

constexpr std::size_t kHtx = 0, kLhhtx = 1, kTht = 2;
std::size_t ix(EntityType t) { return static_cast<std::size_t>(t); }
Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

using ByType = std::array<std::int64_t, 3>;

// Everything the tests need, counted from the individual records.
struct RecordCounts {
  std::int64_t entities = 0;
  std::map<int, ByType> founded_by_year;    // type at founding
  std::map<int, ByType> dissolved_by_year;  // type on the day of dissolution
  std::map<std::string, std::int64_t> htx_founded_feb_2021_by_region;
  std::map<std::string, std::int64_t> htx_founded_2021_by_region;
  ByType stock_end_2020{}, stock_end_2021{};
  // Stock by the plain rule: founded on or before, not dissolved on or before (all types).
  std::int64_t plain_stock_end_2020 = 0, plain_stock_end_2021 = 0;
  std::map<int, std::map<std::pair<std::string, std::string>, std::int64_t>> type_changes_by_year;
  std::int64_t reregistered_events_2021 = 0;
  std::int64_t dissolution_events = 0, dissolved_records = 0;
  std::vector<std::string> problems;  // implausible records (should be none)
  std::set<int> htx_founding_years, dissolution_years;
  std::int64_t with_ocop = 0, alliance_members = 0, new_type = 0, suspended = 0;
  std::int64_t old_province_records = 0, new_province_records = 0;
};

RecordCounts count_records(testing::RegistryFixture& fx, Date today) {
  RecordCounts c;
  std::vector<registry::Entity> all;
  fx.db->registry().for_each([&](const registry::Entity& e) { all.push_back(e); });
  const Date end2020 = ymd(2020, 12, 31), end2021 = ymd(2021, 12, 31);
  const Date new_set_from = ymd(2025, 7, 1);
  std::string previous_code;
  for (const auto& e : all) {
    ++c.entities;
    auto problem = [&](const std::string& what) {
      if (c.problems.size() < 20) c.problems.push_back(e.code + ": " + what);
    };
    if (!previous_code.empty() && !(previous_code < e.code)) problem("codes not unique/ordered");
    previous_code = e.code;
    for (auto& fe : fx.service.validate(e)) problem("invalid " + fe.field + " " + fe.error.key);
    if (text::to_nfc(e.name) != e.name) problem("name not NFC");
    if (e.founded_on > today || (e.dissolved_on && *e.dissolved_on > today)) problem("future date");
    if (e.founded_on.year() < 1997 || e.founded_on.year() > 2025) problem("founding year");
    const geo::Province* p = fx.geo.province(e.province_id);
    if (!p) {
      problem("province");
      continue;
    }
    // The 63 provinces before 01/07/2025 (whose data interval starts in 2008; earlier dates
    // resolve to them too), the 34 from then.
    if (e.founded_on >= new_set_from) {
      ++c.new_province_records;
      if (!p->valid_on(e.founded_on)) problem("province not valid on founding");
    } else {
      ++c.old_province_records;
      if (!p->valid_to || *p->valid_to != ymd(2025, 6, 30)) problem("not an old province");
    }
    if (e.members <= 0) problem("no members");
    if (!e.ocop_products.empty()) ++c.with_ocop;
    if (e.alliance_member) ++c.alliance_members;
    if (e.new_type) ++c.new_type;
    if (e.status == EntityStatus::kSuspended) ++c.suspended;

    auto events = fx.db->registry().events_of(e.id);
    auto founding = registry::state_on(e, events, e.founded_on);
    if (!founding) {
      problem("no state at founding");
      continue;
    }
    const auto ft = ix(founding->type);
    ++c.founded_by_year[e.founded_on.year()][ft];
    if (ft == kHtx) c.htx_founding_years.insert(e.founded_on.year());
    if (ft == kHtx && e.founded_on.year() == 2021) {
      ++c.htx_founded_2021_by_region[p->region_id];
      if (e.founded_on.month() == 2) ++c.htx_founded_feb_2021_by_region[p->region_id];
    }
    if (e.dissolved_on) {
      ++c.dissolved_records;
      c.dissolution_years.insert(e.dissolved_on->year());
      if (*e.dissolved_on <= e.founded_on) problem("dissolved on founding");
      auto at_dissolution = registry::state_on(e, events, *e.dissolved_on);
      ++c.dissolved_by_year[e.dissolved_on->year()][ix(at_dissolution->type)];
    }
    for (const auto& ev : events) {
      if (ev.kind == EventKind::kDissolved) {
        ++c.dissolution_events;
        if (!e.dissolved_on || ev.effective_on != *e.dissolved_on)
          problem("dissolution event date");
      }
      if (ev.effective_on > today) problem("event in the future");
      if (ev.changes.contains("type")) {
        auto& t = ev.changes["type"];
        ++c.type_changes_by_year[ev.effective_on.year()]
                                [{t[0].get<std::string>(), t[1].get<std::string>()}];
      }
      if (ev.kind == EventKind::kReregistered && ev.effective_on.year() == 2021) {
        ++c.reregistered_events_2021;
        if (!(ev.changes["type"] == nlohmann::json::array({"THT", "HTX"})))
          problem("2021 re-registration is not THT -> HTX: " + ev.changes.dump());
      }
    }
    for (auto [day, stock] :
         {std::pair{end2020, &c.stock_end_2020}, {end2021, &c.stock_end_2021}}) {
      auto s = registry::state_on(e, events, day);
      if (s && s->status != EntityStatus::kDissolved) ++(*stock)[ix(s->type)];
    }
    auto plain_alive = [&](Date d) {
      return e.founded_on <= d && !(e.dissolved_on && *e.dissolved_on <= d);
    };
    if (plain_alive(end2020)) ++c.plain_stock_end_2020;
    if (plain_alive(end2021)) ++c.plain_stock_end_2021;
  }
  return c;
}

// Flow sums by (type, kind) over whole months.
struct FlowTotals {
  std::map<std::pair<std::size_t, FlowKind>, std::int64_t> by_type_kind;
  std::int64_t get(std::size_t type, FlowKind k) const {
    auto it = by_type_kind.find({type, k});
    return it == by_type_kind.end() ? 0 : it->second;
  }
  // Opening 0 + founded + in - dissolved - out.
  std::int64_t balance(std::size_t type) const {
    return get(type, FlowKind::kFounded) + get(type, FlowKind::kIn) -
           get(type, FlowKind::kDissolved) - get(type, FlowKind::kOut);
  }
};

FlowTotals flow_totals(store::Database& db, const std::string& from, const std::string& to) {
  FlowTotals t;
  for (auto& f : db.flows().sum_months(from, to))
    t.by_type_kind[{ix(f.type), f.kind}] += f.entities;
  return t;
}

// FNV-1a over every entity's JSON (code order) and its events: equal registries, equal hashes.
std::uint64_t registry_hash(testing::RegistryFixture& fx) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](const std::string& s) {
    for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ULL;
    h = (h ^ '\n') * 1099511628211ULL;
  };
  std::vector<std::int64_t> ids;
  fx.db->registry().for_each([&](const registry::Entity& e) {
    mix(registry::to_json(e).dump());
    ids.push_back(e.id);
  });
  for (auto id : ids)
    for (auto& ev : fx.db->registry().events_of(id))
      mix(std::string(registry::to_code(ev.kind)) + ev.effective_on.iso() + ev.changes.dump() +
          ev.note);
  return h;
}

demo::DemoSummary build(testing::RegistryFixture& fx, std::uint64_t seed, double scale) {
  demo::DemoOptions opt;
  opt.seed = seed;
  opt.scale = scale;
  opt.clock = &fx.clock;
  return demo::build_demo(fx.service, *fx.db, fx.db->targets(), fx.geo, fx.sectors, opt);
}

// The national registry at scale 1, built once per process on first use (CTest runs each test
// in a process of its own, so tests that do not need it do not pay for it).
class DemoRegistry : public ::testing::Test {
 protected:
  static testing::RegistryFixture& fx() {
    if (!fx_) {
      fx_ = new testing::RegistryFixture();
      auto start = std::chrono::steady_clock::now();
      summary_ = build(*fx_, demo::DemoOptions{}.seed, 1.0);
      build_seconds_ =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    return *fx_;
  }
  static const RecordCounts& records() {
    if (!counts_) counts_ = new RecordCounts(count_records(fx(), fx().clock.today()));
    return *counts_;
  }
  static const demo::DemoSummary& summary() {
    fx();
    return summary_;
  }
  static void TearDownTestSuite() {
    delete counts_;
    delete fx_;
    counts_ = nullptr;
    fx_ = nullptr;
  }

  static inline testing::RegistryFixture* fx_ = nullptr;
  static inline RecordCounts* counts_ = nullptr;
  static inline demo::DemoSummary summary_;
  static inline double build_seconds_ = 0;
};

// Every published figure, from the records and from the aggregates (one test: the registry
// is large, and CTest builds it once per test).
TEST_F(DemoRegistry, StatesThePublishedFiguresFromRecordsAndAggregates) {
  const auto& r = records();
  store::Database& db = *fx().db;

  // 1. February 2021: 195 HTX founded, 148 / 12 / 35 by region.
  {
    const auto& feb = r.htx_founded_feb_2021_by_region;
    EXPECT_EQ(feb.at("bac"), 148);
    EXPECT_EQ(feb.at("trung"), 12);
    EXPECT_EQ(feb.at("nam"), 35);
    EXPECT_EQ(feb.at("bac") + feb.at("trung") + feb.at("nam"), 195);
    std::map<std::string, std::int64_t> from_flows;
    for (auto& f : db.flows().sum_months("2021-02", "2021-02"))
      if (f.type == EntityType::kCooperative && f.kind == FlowKind::kFounded)
        from_flows[fx().geo.province(f.province_id)->region_id] += f.entities;
    EXPECT_EQ(from_flows, feb);
  }

  // 2. Founded 2020: 2,134; 2021: 2,283 (+7.0%); dissolved 2021: 433.
  auto y2021 = flow_totals(db, "2021-01", "2021-12");
  auto y2020 = flow_totals(db, "2020-01", "2020-12");
  {
    EXPECT_EQ(r.founded_by_year.at(2020)[kHtx], 2134);
    EXPECT_EQ(r.founded_by_year.at(2021)[kHtx], 2283);
    EXPECT_EQ(r.dissolved_by_year.at(2021)[kHtx], 433);
    EXPECT_NEAR(100.0 * (2283.0 / 2134.0 - 1), 7.0, 0.05);
    EXPECT_EQ(y2021.get(kHtx, FlowKind::kFounded), 2283);
    EXPECT_EQ(y2020.get(kHtx, FlowKind::kFounded), 2134);
    EXPECT_EQ(y2021.get(kHtx, FlowKind::kDissolved), 433);
    for (std::size_t t : {kHtx, kLhhtx, kTht}) {
      EXPECT_EQ(y2021.get(t, FlowKind::kFounded), r.founded_by_year.at(2021)[t]) << t;
      EXPECT_EQ(y2021.get(t, FlowKind::kDissolved), r.dissolved_by_year.at(2021)[t]) << t;
      EXPECT_EQ(y2020.get(t, FlowKind::kFounded), r.founded_by_year.at(2020)[t]) << t;
      EXPECT_EQ(y2020.get(t, FlowKind::kDissolved), r.dissolved_by_year.at(2020)[t]) << t;
    }
  }

  // 3-5. Stocks at the end of 2020 and 2021, by type at that date.
  {
    EXPECT_EQ(r.stock_end_2020[kHtx], 25'459);
    EXPECT_EQ(r.stock_end_2021[kHtx], 27'394);
    EXPECT_EQ(r.stock_end_2020[kLhhtx], 102);
    EXPECT_EQ(r.stock_end_2021[kLhhtx], 108);
    EXPECT_EQ(r.stock_end_2020[kTht], 119'233);
    EXPECT_EQ(r.stock_end_2021[kTht], 119'710);
    EXPECT_EQ(r.plain_stock_end_2020,
              r.stock_end_2020[0] + r.stock_end_2020[1] + r.stock_end_2020[2]);
    EXPECT_EQ(r.plain_stock_end_2021,
              r.stock_end_2021[0] + r.stock_end_2021[1] + r.stock_end_2021[2]);
    // From the aggregates: everything up to the month, founded + in - dissolved - out.
    auto to2020 = flow_totals(db, "0000-00", "2020-12");
    auto to2021 = flow_totals(db, "0000-00", "2021-12");
    for (std::size_t t : {kHtx, kLhhtx, kTht}) {
      EXPECT_EQ(to2020.balance(t), r.stock_end_2020[t]) << t;
      EXPECT_EQ(to2021.balance(t), r.stock_end_2021[t]) << t;
    }
    // The reconciliation: opening + founded - dissolved ± other = closing.
    const std::int64_t other = y2021.get(kHtx, FlowKind::kIn) - y2021.get(kHtx, FlowKind::kOut);
    EXPECT_EQ(other, 85);
    EXPECT_EQ(to2020.balance(kHtx) + y2021.get(kHtx, FlowKind::kFounded) -
                  y2021.get(kHtx, FlowKind::kDissolved) + other,
              27'394);
    EXPECT_NEAR(100.0 * (27'394.0 / 25'459.0 - 1), 7.6, 0.05);
    EXPECT_NEAR(100.0 * (108.0 / 102.0 - 1), 5.9, 0.05);  // "+6%"
    EXPECT_NEAR(100.0 * (119'710.0 / 119'233.0 - 1), 0.4, 0.05);
  }

  // 3. The 85 THT re-registered as HTX in 2021, and no other type change in 2020-2021.
  {
    EXPECT_EQ(r.reregistered_events_2021, 85);
    using Change = std::pair<std::string, std::string>;
    const std::map<Change, std::int64_t> expected{{{"THT", "HTX"}, 85}};
    EXPECT_EQ(r.type_changes_by_year.at(2021), expected);
    EXPECT_EQ(r.type_changes_by_year.count(2020), 0u);
    EXPECT_EQ(y2021.get(kHtx, FlowKind::kIn), 85);
    EXPECT_EQ(y2021.get(kHtx, FlowKind::kOut), 0);
    EXPECT_EQ(y2021.get(kTht, FlowKind::kOut), 85);
    EXPECT_EQ(y2021.get(kTht, FlowKind::kIn), 0);
    EXPECT_EQ(y2020.get(kHtx, FlowKind::kIn) + y2020.get(kTht, FlowKind::kOut), 0);
    // Other years have some too ("other flows" exist in real statistics).
    std::int64_t elsewhere = 0;
    for (auto& [year, changes] : r.type_changes_by_year)
      if (year != 2021) elsewhere += changes.count({"THT", "HTX"}) ? changes.at({"THT", "HTX"}) : 0;
    EXPECT_GT(elsewhere, 0);
    EXPECT_EQ(static_cast<std::int64_t>(summary().reclassified), 85 + elsewhere);
  }

  // 6. Plan targets: 1,500 for 2021 (152.2% achieved), other years, some provinces.
  {
    auto& targets = db.targets();
    auto national = targets.get(2021, stats::kNationalUnit, stats::Indicator::kFoundedHtx);
    ASSERT_TRUE(national);
    EXPECT_EQ(national->value, 1500);
    EXPECT_NEAR(100.0 * r.founded_by_year.at(2021)[kHtx] / national->value, 152.2, 0.05);
    auto t2020 = targets.get(2020, stats::kNationalUnit, stats::Indicator::kFoundedHtx);
    ASSERT_TRUE(t2020);
    EXPECT_EQ(t2020->value, 2000);
    std::int64_t provincial = 0;
    int provinces = 0;
    for (auto& t : targets.list(2021)) {
      if (t.unit_id == stats::kNationalUnit || t.indicator != stats::Indicator::kFoundedHtx)
        continue;
      ASSERT_NE(fx().geo.province(t.unit_id), nullptr) << t.unit_id;
      EXPECT_GT(t.value, 0);
      provincial += t.value;
      ++provinces;
    }
    EXPECT_GE(provinces, 2);
    EXPECT_LE(provincial, 1500);
    EXPECT_TRUE(targets.get(2021, "24-2008", stats::Indicator::kFoundedHtx));  // Bắc Giang
    EXPECT_TRUE(targets.get(2021, "01-2008", stats::Indicator::kFoundedHtx));  // Hà Nội
  }
}

TEST_F(DemoRegistry, RecordsArePlausible) {
  const auto& r = records();
  // How long it took is printed, not asserted: speed belongs in bench/, and this machine is shared.
  std::cout << "demo at scale 1: " << r.entities << " records in " << build_seconds_ << " s\n";
  EXPECT_EQ(static_cast<std::int64_t>(summary().cooperatives + summary().unions + summary().groups),
            r.entities);
  EXPECT_GT(r.entities, 150'000);
  EXPECT_LT(r.entities, 260'000);
  EXPECT_TRUE(r.problems.empty()) << ::testing::PrintToString(r.problems);
  // Founding over 1997-2025, dissolutions in the years after.
  for (int y = 1997; y <= 2025; ++y) EXPECT_TRUE(r.htx_founding_years.count(y)) << y;
  EXPECT_EQ(*r.dissolution_years.begin(), 1998);
  EXPECT_EQ(*r.dissolution_years.rbegin(), 2025);
  EXPECT_EQ(r.dissolution_events, r.dissolved_records);
  // Old cooperatives make up much of the 2020 stock.
  std::int64_t founded_before_2015 = 0;
  for (auto& [y, n] : r.founded_by_year)
    if (y < 2015) founded_before_2015 += n[kHtx];
  EXPECT_GT(founded_before_2015, r.stock_end_2020[kHtx] / 2);
  // Regional shares of the HTX founded in 2021: about 76 / 6 / 18.
  const auto& reg = r.htx_founded_2021_by_region;
  const double total = static_cast<double>(reg.at("bac") + reg.at("trung") + reg.at("nam"));
  EXPECT_NEAR(reg.at("bac") / total, 0.76, 0.03);
  EXPECT_NEAR(reg.at("trung") / total, 0.06, 0.02);
  EXPECT_NEAR(reg.at("nam") / total, 0.18, 0.03);
  // Both province sets in use, and the attributes a registry has.
  EXPECT_GT(r.new_province_records, 1000);
  EXPECT_GT(r.old_province_records, 100'000);
  EXPECT_GT(r.with_ocop, 500);
  EXPECT_GT(r.alliance_members, 10'000);
  EXPECT_GT(r.new_type, 10'000);
  EXPECT_GT(r.suspended, 0);
  // A record of each kind reads like one.
  registry::ListQuery q;
  q.type = EntityType::kCooperative;
  q.limit = 3;
  auto first = fx().db->registry().list(q);
  ASSERT_FALSE(first.empty());
  for (auto& e : first)
    EXPECT_TRUE(e.name.starts_with("Hợp tác xã") || e.name.starts_with("Quỹ tín dụng nhân dân"))
        << e.name;
}

TEST_F(DemoRegistry, AggregatesEqualARebuildFromTheRecords) {
  auto before = fx().db->flows().sum_months("0000-00", "9999-12");
  fx().service.rebuild_flows();
  auto after = fx().db->flows().sum_months("0000-00", "9999-12");
  ASSERT_FALSE(before.empty());
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(before[i].province_id, after[i].province_id) << i;
    EXPECT_EQ(before[i].type, after[i].type) << i;
    EXPECT_EQ(before[i].sector_id, after[i].sector_id) << i;
    EXPECT_EQ(before[i].kind, after[i].kind) << i;
    EXPECT_EQ(before[i].entities, after[i].entities) << i;
    EXPECT_EQ(before[i].members, after[i].members) << i;
  }
}

// Determinism on a tenth of the country (the same code paths as scale 1, a tenth of the time).
TEST(Demo, SameSeedSameRegistryOtherSeedAnother) {
  testing::RegistryFixture a, b, c;
  build(a, 2021, 0.1);
  build(b, 2021, 0.1);
  build(c, 2022, 0.1);
  const auto ha = registry_hash(a);
  EXPECT_EQ(ha, registry_hash(b));
  EXPECT_NE(ha, registry_hash(c));
  EXPECT_GT(a.db->registry().count({}), 20'000);
}

TEST_F(DemoRegistry, ScaleMultipliesEveryCount) {
  testing::RegistryFixture small;
  auto s = build(small, 5, 0.01);
  const auto n = static_cast<double>(s.cooperatives + s.unions + s.groups);
  EXPECT_EQ(small.db->registry().count({}), static_cast<std::int64_t>(n));
  const auto& full = summary();
  EXPECT_NEAR(n / static_cast<double>(full.cooperatives + full.unions + full.groups), 0.01, 0.0005);
  // The figures scale too (rounded): 2,283 HTX founded in 2021 -> 23.
  auto y2021 = flow_totals(*small.db, "2021-01", "2021-12");
  EXPECT_EQ(y2021.get(kHtx, FlowKind::kFounded), 23);
  EXPECT_EQ(y2021.get(kHtx, FlowKind::kIn), 1);  // 85 -> 1
  EXPECT_EQ(
      small.db->targets().get(2021, stats::kNationalUnit, stats::Indicator::kFoundedHtx)->value,
      15);
}

// change_in_batch: the same change as change(), inside the caller's transaction, its flows in
// the caller's accumulator.
TEST(ChangeInBatch, RecordsTheEventAndAddsTheFlowDifference) {
  testing::RegistryFixture fx;
  auto e = fx.sample();
  e.type = EntityType::kGroup;
  ASSERT_TRUE(fx.service.create(e, "tester"));
  {
    Transaction tx(*fx.db);
    registry::FlowAccumulator flows;
    auto missing = fx.service.change_in_batch("nope", e, EventKind::kReregistered, ymd(2021, 5, 4),
                                              "tester", "", flows);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().key, "registry.not_found");
    EXPECT_TRUE(flows.empty());
    auto changed = e;
    changed.type = EntityType::kCooperative;
    auto r = fx.service.change_in_batch(e.code, changed, EventKind::kReregistered, ymd(2021, 5, 4),
                                        "tester", "THT -> HTX", flows);
    ASSERT_TRUE(r) << r.error().key;
    // Nothing applied yet: the batch applies its flows itself.
    auto pending = flow_totals(*fx.db, "2021-05", "2021-05");
    EXPECT_EQ(pending.get(kHtx, FlowKind::kIn), 0);
    fx.service.apply_flows(flows);
    tx.commit();
  }
  auto may = flow_totals(*fx.db, "2021-05", "2021-05");
  EXPECT_EQ(may.get(kHtx, FlowKind::kIn), 1);
  EXPECT_EQ(may.get(kTht, FlowKind::kOut), 1);
  auto h = fx.service.history(e.code);
  ASSERT_TRUE(h);
  ASSERT_EQ(h->events.size(), 2u);
  EXPECT_EQ(h->events[1].kind, EventKind::kReregistered);
  EXPECT_EQ(h->events[1].changes["type"], nlohmann::json::array({"THT", "HTX"}));
  EXPECT_EQ(h->events[1].note, "THT -> HTX");
  // The aggregates equal a rebuild from the records.
  auto before = fx.db->flows().sum_months("0000-00", "9999-12");
  fx.service.rebuild_flows();
  auto after = fx.db->flows().sum_months("0000-00", "9999-12");
  ASSERT_FALSE(before.empty());
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(before[i].entities, after[i].entities);
}

TEST(ChangeInBatch, ChangeStillWorksAlone) {
  testing::RegistryFixture fx;
  auto e = fx.sample();
  ASSERT_TRUE(fx.service.create(e, "tester"));
  auto moved = e;
  moved.province_id = "24-2008";
  auto r =
      fx.service.change(e.code, moved, EventKind::kReorganised, ymd(2022, 1, 10), "tester", "");
  ASSERT_TRUE(r) << r.error().key;
  auto jan = flow_totals(*fx.db, "2022-01", "2022-01");
  EXPECT_EQ(jan.get(kHtx, FlowKind::kOut), 1);
  EXPECT_EQ(jan.get(kHtx, FlowKind::kIn), 1);
  auto none =
      fx.service.change(e.code, moved, EventKind::kReorganised, ymd(2022, 1, 10), "tester", "");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().key, "registry.no_change");
}

}  // namespace
}  // namespace htx
