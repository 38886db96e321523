// The statistical report on a small registry built here through RegistryService (create,
// change, dissolve, and a batch with add_or_match + apply_flows): its figures against counts
// computed independently from the records' histories, the additivity and reconciliation
// properties, old and new boundaries, partial months, rebuilt flows, and the wording rules of
// the narrative, table and CSV.
#include "stats/report.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "stats/report_format.hpp"
#include "support/registry_fixture.hpp"

namespace htx::stats {
namespace {

using registry::Entity;
using registry::EntityStatus;
using registry::EntityType;
using registry::EventKind;

Date D(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

constexpr std::array<EntityType, 3> kTypes = {EntityType::kCooperative, EntityType::kUnion,
                                              EntityType::kGroup};
std::size_t ix(EntityType t) { return static_cast<std::size_t>(t); }

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// The test's own account of each record: the states it went through, from its founding.

struct State {
  Date from;
  bool alive = true;
  EntityType type = EntityType::kCooperative;
  std::string province_id;
  std::string sector_id;
  std::int64_t members = 0;
};

struct Record {
  std::vector<State> states;  // by date; states[0].from is the founding date
  const State* at(Date d) const {
    const State* s = nullptr;
    for (auto& x : states)
      if (x.from <= d) s = &x;
    return s;
  }
};

// Counts of one line of a breakdown ("" for the nation), by type, computed from the records.
using Expected = std::map<std::string, ByType>;

struct ExpectedFigures {
  Expected national, regions, provinces, sectors;
};

class ReportTest : public ::testing::Test {
 protected:
  testing::RegistryFixture f;
  std::map<std::string, Record> records;  // by code
  ReportBuilder builder{f.db->flows(), f.db->registry(), f.db->targets(), f.geo, f.sectors};

  Entity entity(const std::string& code, EntityType type, const std::string& province,
                const std::string& sector, Date founded, std::int64_t members) {
    Entity e = f.sample(code);
    e.name = "Đơn vị thử " + code;
    e.type = type;
    e.province_id = province;
    e.sector_id = sector;
    e.founded_on = founded;
    e.members = members;
    return e;
  }

  void create(const Entity& e) {
    auto r = f.service.create(e, "tester");
    ASSERT_TRUE(r) << e.code << ": " << r.error().key;
    records[e.code].states = {{e.founded_on, true, e.type, e.province_id, e.sector_id, e.members}};
  }

  // Applies `edit` to the stored entity as an event of `kind` effective on `on`.
  template <typename Edit>
  void change(const std::string& code, EventKind kind, Date on, Edit edit) {
    auto current = f.db->registry().find_by_code(code);
    ASSERT_TRUE(current) << code;
    Entity changed = *current;
    edit(changed);
    auto r = f.service.change(code, changed, kind, on, "tester", "thử");
    ASSERT_TRUE(r) << code << ": " << r.error().key;
    records[code].states.push_back({on, changed.status != EntityStatus::kDissolved, changed.type,
                                    changed.province_id, changed.sector_id, changed.members});
  }

  void dissolve(const std::string& code, Date on) {
    auto r = f.service.dissolve(code, on, "tester", "giải thể");
    ASSERT_TRUE(r) << code << ": " << r.error().key;
    State s = records[code].states.back();
    s.from = on;
    s.alive = false;
    records[code].states.push_back(s);
  }

  // A registry with every kind of flow: founding, dissolution, re-registration THT -> HTX,
  // a move between provinces, a change of sector, a change of members, a revival, a record
  // on the new (2025) boundaries, and an imported batch with a dissolution on file.
  void build_registry() {
    const auto HTX = EntityType::kCooperative, LHHTX = EntityType::kUnion, THT = EntityType::kGroup;
    create(entity("H01", HTX, "01-2008", "nong_nghiep", D(2019, 3, 10), 100));
    create(entity("H02", HTX, "24-2008", "thuong_mai", D(2021, 2, 5), 20));
    create(entity("H03", HTX, "66-2008", "nong_nghiep", D(2021, 2, 20), 15));
    dissolve("H03", D(2021, 3, 10));
    create(entity("T04", THT, "79-2008", "khac", D(2020, 6, 1), 8));
    change("T04", EventKind::kReregistered, D(2021, 3, 1), [](Entity& e) {
      e.type = EntityType::kCooperative;
      e.members = 12;
    });
    create(entity("L05", LHHTX, "01-2008", "nong_nghiep", D(2021, 1, 15), 4));
    create(entity("H06", HTX, "24-2008", "nong_nghiep", D(2018, 5, 1), 30));
    change("H06", EventKind::kReorganised, D(2021, 2, 12),
           [](Entity& e) { e.province_id = "01-2008"; });
    create(entity("H07", HTX, "66-2008", "nong_nghiep", D(2020, 12, 20), 25));
    change("H07", EventKind::kReorganised, D(2021, 3, 5),
           [](Entity& e) { e.sector_id = "thuong_mai"; });
    create(entity("H08", HTX, "79-2008", "van_tai", D(2017, 1, 1), 40));
    change("H08", EventKind::kReorganised, D(2021, 2, 15), [](Entity& e) { e.members = 55; });
    create(entity("H09", HTX, "01-2025", "nong_nghiep", D(2025, 8, 1), 9));
    create(entity("H10", HTX, "24-2008", "nong_nghiep", D(2020, 2, 14), 11));
    dissolve("H10", D(2021, 2, 25));
    change("H10", EventKind::kReregistered, D(2021, 3, 12), [](Entity& e) {
      e.status = EntityStatus::kActive;
      e.dissolved_on.reset();
    });

    // An import: one transaction, flows summed and applied at the end.
    std::vector<Entity> batch = {
        entity("B11", HTX, "30-2008", "nong_nghiep", D(2021, 2, 1), 7),
        entity("B12", THT, "30-2008", "nong_nghiep", D(2019, 7, 1), 5),
        entity("B13", HTX, "92-2008", "tin_dung", D(2021, 3, 15), 300),
        entity("B14", LHHTX, "64-2008", "khac", D(2020, 2, 29), 6),
        entity("B15", HTX, "01-2008", "nong_nghiep", D(2021, 2, 28), 3),
    };
    batch[1].status = EntityStatus::kDissolved;
    batch[1].dissolved_on = D(2021, 2, 28);
    {
      Transaction tx(*f.db);
      registry::FlowAccumulator acc;
      for (auto& e : batch) {
        ASSERT_TRUE(f.service.validate(e).empty()) << e.code;
        ASSERT_EQ(f.service.add_or_match(e, "import", f.clock.now_iso(), acc),
                  registry::AddOutcome::kCreated)
            << e.code;
        records[e.code].states = {
            {e.founded_on, true, e.type, e.province_id, e.sector_id, e.members}};
        if (e.dissolved_on) {
          State s = records[e.code].states.back();
          s.from = *e.dissolved_on;
          s.alive = false;
          records[e.code].states.push_back(s);
        }
      }
      f.service.apply_flows(acc);
      f.service.record_batch("registry.import", "batch.csv", {{"rows", batch.size()}}, "import",
                             f.clock.now_iso());
      tx.commit();
    }
  }

  // What the report over [from, to] must say, from the records alone.
  ExpectedFigures expected(Date from, Date to, geo::Boundaries b) const {
    ExpectedFigures x;
    auto each = [&](const State& s, auto&& fn) {
      const auto* p = f.geo.province(s.province_id);
      const auto* shown = f.geo.on_boundaries(*p, b);
      fn(x.national[""][ix(s.type)]);
      fn(x.regions[p->region_id][ix(s.type)]);
      fn(x.provinces[shown->id][ix(s.type)]);
      fn(x.sectors[s.sector_id][ix(s.type)]);
    };
    for (auto& [code, rec] : records) {
      if (const State* s = rec.at(from.add_days(-1)); s && s->alive)
        each(*s, [](Counts& c) { ++c.opening; });
      if (const State* s = rec.at(to); s && s->alive)
        each(*s, [&](Counts& c) {
          ++c.closing;
          c.members += s->members;
        });
      const State& first = rec.states.front();
      if (from <= first.from && first.from <= to) each(first, [](Counts& c) { ++c.founded; });
      for (std::size_t i = 1; i < rec.states.size(); ++i) {
        const State& before = rec.states[i - 1];
        const State& after = rec.states[i];
        if (after.from < from || after.from > to) continue;
        if (before.alive && !after.alive) {
          each(before, [](Counts& c) { ++c.dissolved; });
        } else if (!before.alive && after.alive) {
          each(after, [](Counts& c) { ++c.other; });
        } else if (before.alive && after.alive) {
          each(before, [](Counts& c) { --c.other; });
          each(after, [](Counts& c) { ++c.other; });
        }
      }
    }
    return x;
  }

  static void expect_line(const ByType& got, const ByType& want, const std::string& what) {
    for (auto t : kTypes) {
      const Counts& g = got[ix(t)];
      const Counts& w = want[ix(t)];
      const std::string ctx = what + " " + std::string(registry::to_code(t));
      EXPECT_EQ(g.opening, w.opening) << ctx;
      EXPECT_EQ(g.founded, w.founded) << ctx;
      EXPECT_EQ(g.dissolved, w.dissolved) << ctx;
      EXPECT_EQ(g.closing, w.closing) << ctx;
      EXPECT_EQ(g.members, w.members) << ctx;
      // "other" nets out within a line (a move inside one province is no flow of it).
      EXPECT_EQ(g.other, w.other) << ctx;
    }
  }

  static void expect_lines(const std::vector<Line>& lines, const Expected& want,
                           const std::string& what) {
    std::size_t seen = 0;
    for (auto& l : lines) {
      auto it = want.find(l.id);
      if (it == want.end()) {
        expect_line(l.by_type, ByType{}, what + " " + l.id);
      } else {
        ++seen;
        expect_line(l.by_type, it->second, what + " " + l.id);
      }
    }
    EXPECT_EQ(seen, want.size()) << what << ": a line with figures is missing from the report";
  }

  void expect_report_matches(const Period& p, geo::Boundaries b) {
    const std::string what = p.code() + " " + std::string(to_code(b));
    auto fig = builder.figures(p, b);
    auto want = expected(p.start, p.end, b);
    expect_line(fig.national, want.national[""], what + " national");
    expect_lines(fig.regions, want.regions, what + " region");
    expect_lines(fig.provinces, want.provinces, what + " province");
    expect_lines(fig.sectors, want.sectors, what + " sector");
  }

  std::vector<Period> periods() const {
    return {Period::of_month(2021, 2),
            Period::of_month(2021, 3),
            Period::of_quarter(2021, 1),
            Period::of_year(2020),
            Period::of_year(2021),
            Period::first_months(2021, 10),
            Period::term(2020, 2025),
            Period::range(D(2021, 2, 10), D(2021, 3, 15)),   // partial months only
            Period::range(D(2021, 1, 20), D(2021, 3, 10)),   // days + a whole month + days
            Period::range(D(2021, 2, 13), D(2021, 2, 20)),   // within one month
            Period::range(D(2020, 12, 15), D(2021, 1, 20)),  // across a year
            Period::range(D(2025, 6, 15), D(2025, 8, 10)),   // across the 2025 reform
            Period::of_year(2025)};
  }
};

TEST_F(ReportTest, FebruaryFiguresCountedByHand) {
  build_registry();
  auto r = builder.build(Period::of_month(2021, 2), geo::Boundaries::kOld63);
  const Counts& htx = r.current.national[ix(EntityType::kCooperative)];
  // Alive on 31/01/2021: H01, H06, H07, H08, H10. Founded in February: H02, H03, B11, B15.
  // Dissolved: H10 (25/02). H06 moved province, which nets out nationally.
  EXPECT_EQ(htx.opening, 5);
  EXPECT_EQ(htx.founded, 4);
  EXPECT_EQ(htx.dissolved, 1);
  EXPECT_EQ(htx.other, 0);
  EXPECT_EQ(htx.closing, 8);
  EXPECT_EQ(htx.members, 100 + 20 + 15 + 30 + 25 + 55 + 7 + 3);
  const Counts& tht = r.current.national[ix(EntityType::kGroup)];
  EXPECT_EQ(tht.opening, 2);    // T04, B12
  EXPECT_EQ(tht.dissolved, 1);  // B12, from the batch
  EXPECT_EQ(tht.closing, 1);
  EXPECT_EQ(r.current.national[ix(EntityType::kUnion)].closing, 2);  // L05, B14
  // Regions: Bắc Giang, Hải Dương, Hà Nội are in the North; Đắk Lắk in the Centre.
  std::map<std::string, std::int64_t> founded;
  for (auto& l : r.current.regions) founded[l.id] = l.by_type[0].founded;
  EXPECT_EQ(founded["bac"], 3);
  EXPECT_EQ(founded["trung"], 1);
  EXPECT_EQ(founded["nam"], 0);
  // Hà Nội: H01, then H06 moved in, and B15 founded; Bắc Giang: H06 moved out, H10 dissolved.
  std::map<std::string, Counts> htx_of;
  for (auto& l : r.current.provinces) htx_of[l.id] = l.by_type[0];
  ASSERT_TRUE(htx_of.count("01-2008"));
  ASSERT_TRUE(htx_of.count("24-2008"));
  {
    const Counts& c = htx_of["01-2008"];
    EXPECT_EQ(c.opening, 1);
    EXPECT_EQ(c.other, 1);
    EXPECT_EQ(c.founded, 1);
    EXPECT_EQ(c.closing, 3);
  }
  {
    const Counts& c = htx_of["24-2008"];
    EXPECT_EQ(c.opening, 2);
    EXPECT_EQ(c.founded, 1);
    EXPECT_EQ(c.dissolved, 1);
    EXPECT_EQ(c.other, -1);
    EXPECT_EQ(c.closing, 1);
  }
  // The same period a year earlier: H10 was founded in February 2020 (B14 is a union).
  EXPECT_EQ(r.last_year.period, Period::of_month(2020, 2));
  EXPECT_EQ(r.last_year.national[0].founded, 1);
  EXPECT_EQ(r.last_year.national[ix(EntityType::kUnion)].founded, 1);
  EXPECT_EQ(r.previous.period, Period::of_month(2021, 1));
  EXPECT_EQ(r.previous.national[ix(EntityType::kUnion)].founded, 1);  // L05
}

TEST_F(ReportTest, FiguresMatchTheRecordsForEveryPeriodAndBoundaries) {
  build_registry();
  for (auto& p : periods())
    for (auto b :
         {geo::Boundaries::kOld63, geo::Boundaries::kNew34, geo::Boundaries::kAsRegistered})
      expect_report_matches(p, b);
}

TEST_F(ReportTest, PartialMonthsEqualTheHandSums) {
  build_registry();
  // 10/02/2021 .. 15/03/2021, HTX: alive on 09/02: H01, H02, H06, H07, H08, H10, B11 (7).
  // Founded: H03 (20/02), B15 (28/02), B13 (15/03). Dissolved: H10 (25/02), H03 (10/03).
  // Other: T04 re-registered as HTX (01/03), H10 revived (12/03).
  auto fig =
      builder.figures(Period::range(D(2021, 2, 10), D(2021, 3, 15)), geo::Boundaries::kOld63);
  const Counts& htx = fig.national[0];
  EXPECT_EQ(htx.opening, 7);
  EXPECT_EQ(htx.founded, 3);
  EXPECT_EQ(htx.dissolved, 2);
  EXPECT_EQ(htx.other, 2);
  EXPECT_EQ(htx.closing, 10);
  EXPECT_EQ(htx.unexplained(), 0);
  const Counts& tht = fig.national[ix(EntityType::kGroup)];
  EXPECT_EQ(tht.opening, 2);
  EXPECT_EQ(tht.dissolved, 1);
  EXPECT_EQ(tht.other, -1);
  EXPECT_EQ(tht.closing, 0);
  // Within one month: 13/02..20/02 sees H08's members change and H03's founding only.
  auto week =
      builder.figures(Period::range(D(2021, 2, 13), D(2021, 2, 20)), geo::Boundaries::kOld63);
  EXPECT_EQ(week.national[0].founded, 1);
  EXPECT_EQ(week.national[0].dissolved, 0);
  EXPECT_EQ(week.national[0].members, 100 + 20 + 15 + 30 + 25 + 55 + 7 + 11);
}

TEST_F(ReportTest, ProvincesSumToRegionsSumToTheNation) {
  build_registry();
  for (auto& p : periods()) {
    for (auto b :
         {geo::Boundaries::kOld63, geo::Boundaries::kNew34, geo::Boundaries::kAsRegistered}) {
      const std::string what = p.code() + " " + std::string(to_code(b));
      auto fig = builder.figures(p, b);
      std::map<std::string, ByType> by_region;
      for (auto& l : fig.provinces) {
        const auto* prov = f.geo.province(l.id);
        ASSERT_NE(prov, nullptr) << l.id;
        for (auto t : kTypes) by_region[prov->region_id][ix(t)] += l.by_type[ix(t)];
      }
      ByType regions_total{}, sectors_total{};
      for (auto& l : fig.regions) {
        expect_line(by_region[l.id], l.by_type, what + " provinces of region " + l.id);
        for (auto t : kTypes) regions_total[ix(t)] += l.by_type[ix(t)];
      }
      for (auto& l : fig.sectors)
        for (auto t : kTypes) sectors_total[ix(t)] += l.by_type[ix(t)];
      expect_line(regions_total, fig.national, what + " regions -> nation");
      expect_line(sectors_total, fig.national, what + " sectors -> nation");
      EXPECT_EQ(fig.provinces.size(), b == geo::Boundaries::kOld63   ? 63u
                                      : b == geo::Boundaries::kNew34 ? 34u
                                                                     : fig.provinces.size())
          << what;
    }
  }
}

TEST_F(ReportTest, OldAndNewBoundariesGiveTheSameNationalAndRegionalTotals) {
  build_registry();
  for (auto& p : periods()) {
    auto old63 = builder.figures(p, geo::Boundaries::kOld63);
    auto new34 = builder.figures(p, geo::Boundaries::kNew34);
    auto registered = builder.figures(p, geo::Boundaries::kAsRegistered);
    for (auto t : kTypes) {
      EXPECT_EQ(old63.national[ix(t)], new34.national[ix(t)]) << p.code();
      EXPECT_EQ(old63.national[ix(t)], registered.national[ix(t)]) << p.code();
    }
    ASSERT_EQ(old63.regions.size(), new34.regions.size());
    for (std::size_t i = 0; i < old63.regions.size(); ++i)
      for (auto t : kTypes)
        EXPECT_EQ(old63.regions[i].by_type[ix(t)], new34.regions[i].by_type[ix(t)])
            << p.code() << " " << old63.regions[i].id;
  }
  // Hà Nội on the new boundaries keeps its records of both sets; on the old ones the record
  // registered in the new Hà Nội is shown in the old Hà Nội.
  auto y2025_new = builder.figures(Period::of_year(2025), geo::Boundaries::kNew34);
  auto y2025_old = builder.figures(Period::of_year(2025), geo::Boundaries::kOld63);
  auto closing_of = [](const Figures& fig, const std::string& id) {
    for (auto& l : fig.provinces)
      if (l.id == id) return l.by_type[0].closing;
    return std::int64_t{-1};
  };
  // H01, H06 (moved in 2021), B15, and H09 registered in the new Hà Nội.
  EXPECT_EQ(closing_of(y2025_new, "01-2025"), 4);
  EXPECT_EQ(closing_of(y2025_old, "01-2008"), 4);
  // Bắc Giang merged into Bắc Ninh: H02 and the revived H10.
  EXPECT_EQ(closing_of(y2025_new, "24-2025"), 2);
}

TEST_F(ReportTest, EveryLineReconciles) {
  build_registry();
  for (auto& p : periods()) {
    for (auto b : {geo::Boundaries::kOld63, geo::Boundaries::kNew34}) {
      auto fig = builder.figures(p, b);
      auto check = [&](const ByType& bt, const std::string& what) {
        for (auto t : kTypes) {
          const Counts& c = bt[ix(t)];
          EXPECT_EQ(c.opening + c.founded - c.dissolved + c.other, c.closing)
              << p.code() << " " << what << " " << registry::to_code(t);
          EXPECT_EQ(c.unexplained(), 0) << p.code() << " " << what;
        }
      };
      check(fig.national, "national");
      for (auto* lines : {&fig.regions, &fig.provinces, &fig.sectors})
        for (auto& l : *lines) check(l.by_type, l.id);
    }
  }
}

TEST_F(ReportTest, RebuiltFlowsGiveTheSameReports) {
  build_registry();
  ASSERT_TRUE(f.db->targets().get(2021, kNationalUnit, Indicator::kFoundedHtx) == std::nullopt);
  f.db->targets().set({2021, std::string(kNationalUnit), Indicator::kFoundedHtx, 10});
  std::vector<nlohmann::json> before;
  for (auto& p : periods()) before.push_back(to_json(builder.build(p, default_boundaries(p))));
  f.service.rebuild_flows();
  std::size_t i = 0;
  for (auto& p : periods()) {
    auto after = to_json(builder.build(p, default_boundaries(p)));
    EXPECT_EQ(after, before[i]) << p.code();
    ++i;
  }
  EXPECT_EQ(before.size(), periods().size());
}

// ---------------------------------------------------------------------------------------------
// Wording

TEST(ReportWordsTest, PercentagesAsTheAllianceWritesThem) {
  auto dir = HTX_SOURCE_DATA_DIR;
  auto vi = i18n::Catalog::load(dir, i18n::Lang::kVi);
  auto en = i18n::Catalog::load(dir, i18n::Lang::kEn);
  auto geo = geo::Geography::load(dir);
  auto sectors = registry::Sectors::load(dir);
  ReportFormatter fv(vi, geo, sectors), fe(en, geo, sectors);
  EXPECT_EQ(fv.percent(7.0, 1), "7%");
  EXPECT_EQ(fv.percent(52.2, 1), "52,2%");
  EXPECT_EQ(fe.percent(52.2, 1), "52.2%");
  EXPECT_EQ(fv.percent(5.88, 0), "6%");
  EXPECT_EQ(fv.number(27394), "27.394");
  EXPECT_EQ(fe.number(27394), "27,394");
  EXPECT_EQ(fv.signed_growth(27394, 25459), "+7,6%");
  EXPECT_EQ(fv.signed_growth(108, 102), "+6%");
  EXPECT_EQ(fv.signed_growth(95, 100), "-5%");
  EXPECT_EQ(fv.signed_growth(5, 0), "");
  EXPECT_EQ(fv.signed_growth(100, 100), "0%");
  auto g = growth_of(2283, 2134);
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->up);
  EXPECT_EQ(g->decimals, 1);
  EXPECT_FALSE(growth_of(1, 0));
}

TEST_F(ReportTest, NarrativeFollowsTheRules) {
  build_registry();
  f.db->targets().set({2021, std::string(kNationalUnit), Indicator::kFoundedHtx, 10});
  ReportFormatter vi(f.vi, f.geo, f.sectors), en(f.en, f.geo, f.sectors);

  // A year: HTX founded 5 (H02, H03, B11, B15, B13) against 2 in 2020 (H10, H07): +150%;
  // 50% of a target of 10; stock compared "so với năm 2020".
  auto y = builder.build(Period::of_year(2021), geo::Boundaries::kOld63);
  auto text = vi.narrative(y);
  EXPECT_TRUE(contains(text,
                       "Năm 2021 cả nước thành lập mới 5 HTX, tăng 150% so với năm 2020, "
                       "đạt 50% chỉ tiêu kế hoạch đề ra năm 2021; giải thể 2 HTX; nâng tổng số "
                       "HTX lên 10 HTX, tăng 100% so với năm 2020;"))
      << text;
  // THT: 2 at the end of 2020, none at the end of 2021.
  EXPECT_TRUE(contains(text, "tổ hợp tác có 0, giảm 100% so với năm 2020.")) << text;
  EXPECT_TRUE(contains(text, "tổng số Liên hiệp HTX đạt 2, tăng 100% so với năm 2020")) << text;
  // Other flows: T04 (THT -> HTX) and the revival of H10.
  EXPECT_TRUE(contains(text,
                       "Ngoài thành lập mới và giải thể, có 2 HTX tăng và 1 THT giảm do "
                       "đăng ký lại/chuyển đổi"))
      << text;
  auto text_en = en.narrative(y);
  EXPECT_TRUE(contains(text_en,
                       "In 2021, 5 new cooperatives were founded nationwide, up 150% "
                       "compared with 2020, reaching 50% of the plan target for 2021"))
      << text_en;

  // A month compares with the same month a year earlier; regions are listed.
  auto feb = vi.narrative(builder.build(Period::of_month(2021, 2), geo::Boundaries::kOld63));
  EXPECT_TRUE(contains(feb,
                       "Tháng 02/2021 cả nước thành lập mới 4 HTX, tăng 300% so với cùng kỳ "
                       "năm 2020, cụ thể: Miền Bắc: 3 HTX; Miền Trung – Tây Nguyên: 1 HTX; "
                       "Miền Nam: 0 HTX."))
      << feb;
  EXPECT_FALSE(contains(feb, "chỉ tiêu")) << "a month is not measured against the year's target";

  // Nothing founded in March 2020: no growth is stated.
  auto mar = vi.narrative(builder.build(Period::of_month(2021, 3), geo::Boundaries::kOld63));
  EXPECT_TRUE(contains(mar, "Tháng 03/2021 cả nước thành lập mới 1 HTX, cụ thể:")) << mar;

  // Over 100% of the target: "vượt".
  f.db->targets().set({2021, std::string(kNationalUnit), Indicator::kFoundedHtx, 4});
  auto over = vi.narrative(builder.build(Period::of_year(2021), geo::Boundaries::kOld63));
  EXPECT_TRUE(contains(over, "vượt 25% chỉ tiêu kế hoạch đề ra năm 2021")) << over;
}

TEST_F(ReportTest, TableAndCsvShowEveryBreakdown) {
  build_registry();
  ReportFormatter vi(f.vi, f.geo, f.sectors);
  auto r = builder.build(Period::of_month(2021, 2), geo::Boundaries::kOld63);
  auto table = vi.table(r);
  for (const char* s : {"Cân đối theo loại hình", "Theo vùng", "Theo tỉnh, thành phố",
                        "Theo ngành nghề", "Miền Trung – Tây Nguyên", "Hải Dương",
                        "Quỹ tín dụng nhân dân", "tháng 01/2021", "tháng 02/2020"})
    EXPECT_TRUE(contains(table, s)) << s << "\n" << table;
  // Every line of a block has the same width in code points (alignment).
  std::istringstream in(table);
  std::vector<std::size_t> widths;
  for (std::string line; std::getline(in, line);) {
    if (contains(line, "Miền Bắc ") || contains(line, "Miền Nam ")) {
      std::size_t n = 0;
      for (unsigned char ch : line)
        if ((ch & 0xC0) != 0x80) ++n;
      widths.push_back(n);
    }
  }
  ASSERT_GE(widths.size(), 2u) << table;
  EXPECT_EQ(widths[0], widths[1]) << table;

  auto csv_text = vi.csv(r);
  ASSERT_EQ(csv_text.rfind("\xEF\xBB\xBF", 0), 0u) << "BOM";
  EXPECT_TRUE(contains(csv_text, "\r\n"));
  // national x 3 types + regions + provinces + sectors, each x 3, + the header.
  std::size_t lines = 0;
  for (std::size_t pos = 0; (pos = csv_text.find("\r\n", pos)) != std::string::npos; pos += 2)
    ++lines;
  EXPECT_EQ(lines, 1 + 3 * (1 + r.current.regions.size() + r.current.provinces.size() +
                            r.current.sectors.size()));
  EXPECT_TRUE(contains(csv_text, "\r\n2021-02,national,national,Cả nước,HTX,5,4,1,0,8,0,255,"))
      << csv_text.substr(0, 600);
  EXPECT_TRUE(contains(csv_text, "\r\n2021-02,province,24-2008,Bắc Giang,HTX,2,1,1,-1,1,0,20,"))
      << csv_text;
}

TEST_F(ReportTest, JsonCarriesPeriodsFiguresAndTargets) {
  build_registry();
  f.db->targets().set({2021, std::string(kNationalUnit), Indicator::kFoundedHtx, 10});
  auto j = to_json(builder.build(Period::of_year(2021), geo::Boundaries::kNew34));
  EXPECT_EQ(j["period"]["code"], "2021");
  EXPECT_EQ(j["period"]["label"], "năm 2021");
  EXPECT_EQ(j["period"]["start"], "2021-01-01");
  EXPECT_EQ(j["period"]["end"], "2021-12-31");
  EXPECT_EQ(j["boundaries"], "new34");
  EXPECT_EQ(j["figures"]["current"]["national"]["HTX"]["founded"], 5);
  EXPECT_EQ(j["figures"]["previous"]["period"]["code"], "2020");
  EXPECT_EQ(j["figures"]["last_year"]["national"]["HTX"]["founded"], 2);
  EXPECT_EQ(j["figures"]["current"]["provinces"].size(), 34u);
  EXPECT_EQ(j["figures"]["current"]["regions"].size(), 3u);
  ASSERT_EQ(j["targets"].size(), 1u);
  EXPECT_EQ(j["targets"][0]["target"], 10);
  EXPECT_EQ(j["targets"][0]["actual"], 5);
  EXPECT_DOUBLE_EQ(j["targets"][0]["percent"].get<double>(), 50.0);
}

}  // namespace
}  // namespace htx::stats
