#include "market/allocation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <random>

namespace htx::market {
namespace {

Date day(int d) { return *Date::from_ymd(2021, 2, d); }

AllocationParameters parameters() {
  AllocationParameters p;
  p.transport_per_thousand_lots_km = {
      {Dimension::kMass, 3000}, {Dimension::kCount, 500}, {Dimension::kVolume, 3000}};
  p.road_factor_percent = 100;
  p.max_distance_km = 2000;
  p.unmet_penalty_per_lot = 50'000;
  p.unsold_tiers = {{25, 2000}, {25, 8000}, {25, 20000}, {25, 40000}};
  return p;
}

// Four provinces on a line of longitude at the equator: 0, ~111, ~222, ~333 km apart.
Distances distances() {
  Distances d;
  for (int i = 0; i < 4; ++i) d.add("P" + std::to_string(i), 0.0, i * 1.0);
  return d;
}

SupplyLine offer(std::int64_t id, std::int64_t seller, std::int64_t kg, std::string province,
                 std::int64_t floor = 0) {
  SupplyLine s;
  s.offer_id = id;
  s.seller_id = seller;
  s.product = "rau_cu";
  s.quantity = kg * 1000;
  s.from = day(17);
  s.to = day(28);
  s.province_id = std::move(province);
  s.floor_price_per_lot = floor;
  return s;
}

DemandLine want(std::int64_t id, std::int64_t kg, std::string province, std::int64_t ceiling = 0) {
  DemandLine d;
  d.demand_id = id;
  d.product = "rau_cu";
  d.quantity = kg * 1000;
  d.from = day(20);
  d.to = day(25);
  d.province_id = std::move(province);
  d.ceiling_price_per_lot = ceiling;
  return d;
}

// ---- An independent reference: the problem written from its definition, solved by successive
// shortest paths (Bellman–Ford), with no code shared with market::allocate. ----
struct Reference {
  struct Edge {
    int to;
    std::int64_t cap, cost;
  };
  std::vector<Edge> edges;
  std::vector<std::vector<int>> out;
  int add_node() {
    out.emplace_back();
    return static_cast<int>(out.size()) - 1;
  }
  void add_edge(int a, int b, std::int64_t cap, std::int64_t cost) {
    out[a].push_back(static_cast<int>(edges.size()));
    edges.push_back({b, cap, cost});
    out[b].push_back(static_cast<int>(edges.size()));
    edges.push_back({a, 0, -cost});
  }
  // Minimum cost of sending `need` units from s to t (all of it must go).
  std::int64_t min_cost(int s, int t, std::int64_t need) {
    std::int64_t total = 0;
    const auto inf = std::numeric_limits<std::int64_t>::max() / 4;
    while (need > 0) {
      std::vector<std::int64_t> dist(out.size(), inf);
      std::vector<int> via(out.size(), -1);
      dist[s] = 0;
      for (std::size_t round = 0; round < out.size(); ++round) {
        bool changed = false;
        for (std::size_t v = 0; v < out.size(); ++v) {
          if (dist[v] == inf) continue;
          for (int e : out[v])
            if (edges[e].cap > 0 && dist[v] + edges[e].cost < dist[edges[e].to]) {
              dist[edges[e].to] = dist[v] + edges[e].cost;
              via[edges[e].to] = e;
              changed = true;
            }
        }
        if (!changed) break;
      }
      if (dist[t] == inf) {
        ADD_FAILURE() << "reference: infeasible";
        return -1;
      }
      std::int64_t push = need;
      for (int v = t; v != s; v = edges[via[v] ^ 1].to) push = std::min(push, edges[via[v]].cap);
      for (int v = t; v != s; v = edges[via[v] ^ 1].to) {
        edges[via[v]].cap -= push;
        edges[via[v] ^ 1].cap += push;
      }
      total += push * dist[t];
      need -= push;
    }
    return total;
  }
};

// Every lot of supply ends sold or unsold; every lot of demand ends met or unmet. Each seller's
// unsold lots cost the tiers in order; each unmet lot the penalty. Costs in thousandths of a đồng.
std::int64_t reference_cost(const std::vector<SupplyLine>& supply,
                            const std::vector<DemandLine>& demand, const AllocationParameters& p,
                            const Distances& km) {
  Reference r;
  int source = r.add_node(), sink = r.add_node();
  // "unsold" and "unmet" each as their own path to keep the definition literal: a seller's lot
  // goes to a demand or to `sink` (unsold); a demand's lot comes from a seller or from `source`
  // (unmet). To keep one flow value, every lot of supply enters at source and every lot of demand
  // leaves at sink, and an unmet lot pairs with an unsold lot through a zero node.
  std::int64_t supply_lots = 0, demand_lots = 0;
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> seller_lots;
  for (auto& s : supply) seller_lots[{s.seller_id, s.product}] += s.quantity / 1000;
  std::map<std::pair<std::int64_t, std::string>, int> seller;
  int pool = r.add_node();  // where unsold supply and unmet demand meet
  for (auto& [k, lots] : seller_lots) {
    int n = r.add_node();
    seller[k] = n;
    r.add_edge(source, n, lots, 0);
    supply_lots += lots;
    std::int64_t done = 0;
    int pct = 0;
    for (std::size_t t = 0; t < p.unsold_tiers.size(); ++t) {
      pct += p.unsold_tiers[t].percent;
      std::int64_t upto = t + 1 == p.unsold_tiers.size() ? lots : lots * pct / 100;
      if (upto > done) r.add_edge(n, pool, upto - done, p.unsold_tiers[t].dong_per_lot * 1000);
      done = std::max(done, upto);
    }
  }
  std::vector<int> demand_node;
  for (auto& d : demand) {
    int n = r.add_node();
    demand_node.push_back(n);
    r.add_edge(n, sink, d.quantity / 1000, 0);
    r.add_edge(pool, n, d.quantity / 1000, p.unmet_penalty_per_lot * 1000);
    demand_lots += d.quantity / 1000;
  }
  // The pool balances: more demand than supply draws the difference from source, more supply
  // than demand sends it to sink.
  if (demand_lots > supply_lots) r.add_edge(source, pool, demand_lots - supply_lots, 0);
  if (supply_lots > demand_lots) r.add_edge(pool, sink, supply_lots - demand_lots, 0);
  for (std::size_t i = 0; i < supply.size(); ++i) {
    int o = r.add_node();
    r.add_edge(seller.at({supply[i].seller_id, supply[i].product}), o, supply[i].quantity / 1000,
               0);
    for (std::size_t j = 0; j < demand.size(); ++j) {
      const auto& s = supply[i];
      const auto& d = demand[j];
      if (s.product != d.product || s.to < d.from || d.to < s.from) continue;
      if (s.floor_price_per_lot && d.ceiling_price_per_lot &&
          s.floor_price_per_lot > d.ceiling_price_per_lot)
        continue;
      auto dist = km.km(s.province_id, d.province_id, p.road_factor_percent);
      if (!dist || *dist > p.max_distance_km) continue;
      if (p.use_hubs && *dist > p.hub_direct_max_km) continue;
      std::int64_t gap = (s.floor_price_per_lot && d.ceiling_price_per_lot)
                             ? (s.floor_price_per_lot - d.ceiling_price_per_lot) * 1000
                             : 0;
      r.add_edge(o, demand_node[j], std::min(s.quantity, d.quantity) / 1000,
                 *dist * p.transport_per_thousand_lots_km.at(Dimension::kMass) + gap);
    }
    if (!p.use_hubs) continue;
    // Through a hub, literally: one node per offer, hub and collection Monday (a Monday of the
    // offer's window; 15/02/2021 was one), on to every compatible demand whose window touches
    // the week from that Monday.
    const auto& s = supply[i];
    for (const auto& hub : p.hubs) {
      auto collect = km.km(s.province_id, hub.province_id, p.road_factor_percent);
      if (!collect || *collect > p.hub_collect_max_km) continue;
      for (Date m = s.from; m <= s.to; m = m.add_days(1)) {
        if ((m.days() - day(15).days()) % 7 != 0) continue;
        int x = r.add_node();
        r.add_edge(o, x, s.quantity / 1000,
                   *collect * p.transport_per_thousand_lots_km.at(Dimension::kMass) +
                       hub.handling_per_lot * 1000);
        for (std::size_t j = 0; j < demand.size(); ++j) {
          const auto& d = demand[j];
          if (s.product != d.product || d.to < m || m.add_days(6) < d.from) continue;
          bool priced = s.floor_price_per_lot && d.ceiling_price_per_lot;
          if (priced && s.floor_price_per_lot > d.ceiling_price_per_lot) continue;
          auto trunk = km.km(hub.province_id, d.province_id, p.road_factor_percent);
          if (!trunk || *trunk > p.max_distance_km) continue;
          r.add_edge(x, demand_node[j], d.quantity / 1000,
                     *trunk * p.transport_per_thousand_lots_km.at(Dimension::kMass) *
                             (100 - hub.trunk_discount_percent) / 100 +
                         (priced ? (s.floor_price_per_lot - d.ceiling_price_per_lot) * 1000 : 0));
        }
      }
    }
  }
  return r.min_cost(source, sink, std::max(supply_lots, demand_lots));
}

void expect_within_bounds(const Proposal& proposal, const std::vector<SupplyLine>& supply,
                          const std::vector<DemandLine>& demand) {
  std::map<std::int64_t, std::int64_t> sold, met;
  for (auto& l : proposal.lines) {
    EXPECT_GT(l.quantity, 0);
    sold[l.offer_id] += l.quantity;
    met[l.demand_id] += l.quantity;
  }
  for (auto& u : proposal.unmet) met[u.demand_id] += u.quantity;
  for (auto& s : supply) EXPECT_LE(sold[s.offer_id], s.quantity) << "offer " << s.offer_id;
  for (auto& d : demand) EXPECT_EQ(met[d.demand_id], d.quantity) << "demand " << d.demand_id;
}

TEST(Allocation, ANearbyOfferSuppliesTheDemandAndItsCostPartsAreShown) {
  // One cooperative's two stores: the nearer one supplies.
  std::vector<SupplyLine> supply{offer(1, 100, 10, "P0", 9000), offer(2, 100, 10, "P3", 9000)};
  std::vector<DemandLine> demand{want(7, 6, "P1", 10000)};
  auto p = allocate(supply, demand, parameters(), distances());
  ASSERT_EQ(p.lines.size(), 1u);
  EXPECT_EQ(p.lines[0].offer_id, 1);
  EXPECT_EQ(p.lines[0].demand_id, 7);
  EXPECT_EQ(p.lines[0].quantity, 6000);
  EXPECT_EQ(p.lines[0].distance_km, 111);
  // 6 kg × 111 km × 3 đ per kg-km; price gap (9.000 − 10.000) × 6.
  EXPECT_EQ(p.lines[0].transport_dong, 1998);
  EXPECT_EQ(p.lines[0].price_gap_dong, -6000);
  EXPECT_TRUE(p.unmet.empty());
  EXPECT_EQ(p.total_cost_milli, reference_cost(supply, demand, parameters(), distances()));
}

TEST(Allocation, NoPairingOutsideTheWindowsAboveTheCeilingOrTooFar) {
  auto late = offer(1, 100, 10, "P0");
  late.from = day(26);
  auto dear = offer(2, 200, 10, "P0", 12000);
  auto other_product = offer(3, 300, 10, "P0");
  other_product.product = "ca";
  std::vector<SupplyLine> supply{late, dear, other_product};
  std::vector<DemandLine> demand{want(7, 5, "P0", 10000)};
  auto params = parameters();
  auto p = allocate(supply, demand, params, distances());
  EXPECT_TRUE(p.lines.empty());
  ASSERT_EQ(p.unmet.size(), 1u);
  EXPECT_EQ(p.unmet[0].quantity, 5000);
  EXPECT_EQ(p.unmet[0].penalty_dong, 5 * 50'000);

  params.max_distance_km = 100;
  auto far = allocate({offer(1, 100, 10, "P3")}, {want(7, 5, "P0")}, params, distances());
  EXPECT_TRUE(far.lines.empty());
}

TEST(Allocation, AGlutIsSharedAmongCooperativesRatherThanGivenToTheCheapest) {
  // Two cooperatives with 100 kg each; demand for 100 kg; one is a little cheaper. Without the
  // rising tiers the cheaper one would sell everything.
  std::vector<SupplyLine> supply{offer(1, 100, 100, "P0", 9000), offer(2, 200, 100, "P0", 9500)};
  std::vector<DemandLine> demand{want(7, 100, "P0", 10000)};
  auto p = allocate(supply, demand, parameters(), distances());
  std::map<std::int64_t, std::int64_t> sold;
  for (auto& l : p.lines) sold[l.offer_id] += l.quantity;
  EXPECT_GT(sold[1], 0);
  EXPECT_GT(sold[2], 0);
  EXPECT_EQ(sold[1] + sold[2], 100'000);
  EXPECT_GE(sold[1], sold[2]);  // the cheaper still sells at least as much
  expect_within_bounds(p, supply, demand);
  EXPECT_EQ(p.total_cost_milli, reference_cost(supply, demand, parameters(), distances()));

  auto flat = parameters();
  flat.unsold_tiers = {{100, 2000}};
  auto unfair = allocate(supply, demand, flat, distances());
  ASSERT_EQ(unfair.lines.size(), 1u);
  EXPECT_EQ(unfair.lines[0].offer_id, 1);
}

TEST(Allocation, APairingUnderTheOffersMinimumLotIsNotProposed) {
  auto big_lots = offer(1, 100, 100, "P0");
  big_lots.min_lot = 50'000;  // 50 kg at the least
  std::vector<SupplyLine> supply{big_lots, offer(2, 200, 100, "P1")};
  std::vector<DemandLine> demand{want(7, 30, "P0")};
  auto p = allocate(supply, demand, parameters(), distances());
  // 30 kg wanted, offer 1 sells 50 kg lots at the least: offer 2 supplies it all, although
  // offer 1 is nearer, in a second round once the pairing under the lot was dropped.
  ASSERT_EQ(p.lines.size(), 1u);
  EXPECT_EQ(p.lines[0].offer_id, 2);
  EXPECT_EQ(p.lines[0].quantity, 30'000);
  EXPECT_EQ(p.rounds, 2);
  expect_within_bounds(p, supply, demand);
}

TEST(Allocation, ASubLotRemainderStaysWithItsOffer) {
  auto p = allocate({offer(1, 100, 0, "P0")}, {want(7, 1, "P0")}, parameters(), distances());
  EXPECT_TRUE(p.lines.empty());
  auto grams = offer(2, 100, 0, "P0");
  grams.quantity = 2'600;  // 2,6 kg: two lots
  auto q = allocate({grams}, {want(7, 5, "P0")}, parameters(), distances());
  ASSERT_EQ(q.lines.size(), 1u);
  EXPECT_EQ(q.lines[0].quantity, 2'000);
}

TEST(Allocation, RandomInstancesRespectSupplyAndDemandAndAreOptimalAndDeterministic) {
  std::mt19937 rng(20210302);
  for (int instance = 0; instance < 60; ++instance) {
    std::uniform_int_distribution<int> n_offers(1, 7), n_demands(1, 5), kg(1, 40), prov(0, 3),
        price(8000, 12000), seller(1, 4), start(15, 24), len(0, 8);
    std::vector<SupplyLine> supply;
    std::vector<DemandLine> demand;
    int offers = n_offers(rng), demands = n_demands(rng);
    for (int i = 0; i < offers; ++i) {
      auto s = offer(10 + i, seller(rng), kg(rng), "P" + std::to_string(prov(rng)),
                     rng() % 3 ? price(rng) : 0);
      s.from = day(start(rng));
      s.to = s.from.add_days(len(rng));
      supply.push_back(s);
    }
    for (int j = 0; j < demands; ++j) {
      auto d = want(100 + j, kg(rng), "P" + std::to_string(prov(rng)), rng() % 3 ? price(rng) : 0);
      d.from = day(start(rng));
      d.to = d.from.add_days(len(rng));
      demand.push_back(d);
    }
    auto p = allocate(supply, demand, parameters(), distances());
    SCOPED_TRACE("instance " + std::to_string(instance));
    expect_within_bounds(p, supply, demand);
    EXPECT_EQ(p.total_cost_milli, reference_cost(supply, demand, parameters(), distances()));
    // The same records in another order give the same proposal.
    std::shuffle(supply.begin(), supply.end(), rng);
    std::shuffle(demand.begin(), demand.end(), rng);
    auto again = allocate(supply, demand, parameters(), distances());
    ASSERT_EQ(again.lines.size(), p.lines.size());
    for (std::size_t k = 0; k < p.lines.size(); ++k) {
      EXPECT_EQ(again.lines[k].offer_id, p.lines[k].offer_id);
      EXPECT_EQ(again.lines[k].demand_id, p.lines[k].demand_id);
      EXPECT_EQ(again.lines[k].quantity, p.lines[k].quantity);
    }
    EXPECT_EQ(again.total_cost_milli, p.total_cost_milli);
  }
}

// ---- Hub mode ----

// Hubs in P1 and P2; direct pairings to the next province only, the hubs within one province.
AllocationParameters hub_parameters() {
  auto p = parameters();
  p.use_hubs = true;
  p.hubs = {{"H1", "Hub one", "P1", 40, 300}, {"H2", "Hub two", "P2", 20, 100}};
  p.hub_direct_max_km = 120;
  p.hub_collect_max_km = 120;
  return p;
}

// Every line's cost parts, with the unmet and unsold penalties, add up to the objective (up to
// each part's rounding to whole đồng).
void expect_parts_add_up(const Proposal& p) {
  std::int64_t parts = 0, rounding = 0;
  for (auto& l : p.lines) {
    parts += l.transport_dong + l.handling_dong + l.price_gap_dong;
    rounding += 3;
    if (l.hub.empty()) {
      EXPECT_EQ(l.handling_dong, 0);
    }
  }
  for (auto& u : p.unmet) parts += u.penalty_dong, ++rounding;
  for (auto& u : p.unsold) parts += u.penalty_dong, ++rounding;
  EXPECT_LE(std::abs(parts * 1000 - p.total_cost_milli), rounding * 500);
}

TEST(AllocationHubs, AFarDemandIsSuppliedThroughAHubWithItsRouteAndCostParts) {
  // P0 to P3 is 333 km: beyond the direct pairings; through H1 (P1): 111 km collected, 222 km
  // of trunk at 40% off, 300 đ handling per kg; through H2 (P2) the collection is too far.
  std::vector<SupplyLine> supply{offer(1, 100, 10, "P0", 9000)};
  std::vector<DemandLine> demand{want(7, 6, "P3", 10000)};
  auto params = hub_parameters();
  auto p = allocate(supply, demand, params, distances());
  ASSERT_EQ(p.lines.size(), 1u);
  EXPECT_EQ(p.lines[0].hub, "H1");
  EXPECT_EQ(p.lines[0].quantity, 6000);
  EXPECT_EQ(p.lines[0].distance_km, 333);
  // 6 kg × (111 km × 3 đ + 222 km × 3 đ × 60%) = 6 × 732,6 đ.
  EXPECT_EQ(p.lines[0].transport_dong, 4396);
  EXPECT_EQ(p.lines[0].handling_dong, 1800);
  EXPECT_EQ(p.lines[0].price_gap_dong, -6000);
  EXPECT_TRUE(p.unmet.empty());
  EXPECT_EQ(p.total_cost_milli, reference_cost(supply, demand, params, distances()));
  expect_parts_add_up(p);

  // Without hub mode the same instance pairs directly, 333 km.
  auto direct = allocate(supply, demand, parameters(), distances());
  ASSERT_EQ(direct.lines.size(), 1u);
  EXPECT_EQ(direct.lines[0].hub, "");
  EXPECT_EQ(direct.lines[0].distance_km, 334);  // rounded once, not per leg
}

TEST(AllocationHubs, AHubPairsOnlyCompatibleLines) {
  auto params = hub_parameters();
  // A floor above the ceiling, through a hub as directly: no pairing.
  auto dear =
      allocate({offer(1, 100, 10, "P0", 12000)}, {want(7, 5, "P3", 10000)}, params, distances());
  EXPECT_TRUE(dear.lines.empty());
  // An offer whose window holds no Monday is never collected (17–20/02/2021: Wednesday to
  // Saturday).
  auto short_window = offer(2, 100, 10, "P0", 9000);
  short_window.to = day(20);
  auto none = allocate({short_window}, {want(7, 5, "P3", 10000)}, params, distances());
  EXPECT_TRUE(none.lines.empty());
  // A demand whose window ends before the collection Monday (22/02) is not delivered from it.
  auto early = want(7, 5, "P3", 10000);
  early.from = day(17);
  early.to = day(21);
  auto late = allocate({offer(3, 100, 10, "P0", 9000)}, {early}, params, distances());
  EXPECT_TRUE(late.lines.empty());
  // Two demands at one hub: the cheap offer cannot reach the low ceiling, the other can.
  std::vector<SupplyLine> supply{offer(4, 100, 10, "P0", 9000), offer(5, 200, 10, "P0", 11000)};
  std::vector<DemandLine> demand{want(8, 10, "P3", 9500), want(9, 10, "P3", 12000)};
  auto p = allocate(supply, demand, params, distances());
  for (auto& l : p.lines) {
    if (l.offer_id == 5) {
      EXPECT_EQ(l.demand_id, 9);
    }
  }
  expect_within_bounds(p, supply, demand);
  EXPECT_EQ(p.total_cost_milli, reference_cost(supply, demand, params, distances()));
}

TEST(AllocationHubs, APairingUnderTheMinimumLotIsNotSentToAHub) {
  auto big_lots = offer(1, 100, 100, "P0", 9000);
  big_lots.min_lot = 50'000;
  auto p = allocate({big_lots}, {want(7, 30, "P3", 10000)}, hub_parameters(), distances());
  EXPECT_TRUE(p.lines.empty());
  EXPECT_EQ(p.rounds, 2);
}

TEST(AllocationHubs, RandomInstancesRespectSupplyAndDemandAndAreOptimalAndDeterministic) {
  std::mt19937 rng(20210217);
  auto params = hub_parameters();
  int through_hubs = 0;
  for (int instance = 0; instance < 60; ++instance) {
    std::uniform_int_distribution<int> n_offers(1, 7), n_demands(1, 5), kg(1, 40), prov(0, 3),
        price(8000, 12000), seller(1, 4), start(15, 24), len(0, 12);
    std::vector<SupplyLine> supply;
    std::vector<DemandLine> demand;
    int offers = n_offers(rng), demands = n_demands(rng);
    for (int i = 0; i < offers; ++i) {
      auto s = offer(10 + i, seller(rng), kg(rng), "P" + std::to_string(prov(rng)),
                     rng() % 3 ? price(rng) : 0);
      s.from = day(start(rng));
      s.to = s.from.add_days(len(rng));
      supply.push_back(s);
    }
    for (int j = 0; j < demands; ++j) {
      auto d = want(100 + j, kg(rng), "P" + std::to_string(prov(rng)), rng() % 3 ? price(rng) : 0);
      d.from = day(start(rng));
      d.to = d.from.add_days(len(rng));
      demand.push_back(d);
    }
    auto p = allocate(supply, demand, params, distances());
    SCOPED_TRACE("instance " + std::to_string(instance));
    expect_within_bounds(p, supply, demand);
    expect_parts_add_up(p);
    EXPECT_EQ(p.total_cost_milli, reference_cost(supply, demand, params, distances()));
    // Every line pairs lines compatible in product, price and (through the hub's week) time.
    for (auto& l : p.lines) {
      auto s = std::find_if(supply.begin(), supply.end(),
                            [&](auto& x) { return x.offer_id == l.offer_id; });
      auto d = std::find_if(demand.begin(), demand.end(),
                            [&](auto& x) { return x.demand_id == l.demand_id; });
      if (s->floor_price_per_lot && d->ceiling_price_per_lot) {
        EXPECT_LE(s->floor_price_per_lot, d->ceiling_price_per_lot);
      }
      EXPECT_LE(s->from, d->to);
      if (!l.hub.empty()) {
        EXPECT_LE(d->from, s->to.add_days(6));
        ++through_hubs;
      }
    }
    std::shuffle(supply.begin(), supply.end(), rng);
    std::shuffle(demand.begin(), demand.end(), rng);
    auto again = allocate(supply, demand, params, distances());
    ASSERT_EQ(again.lines.size(), p.lines.size());
    for (std::size_t k = 0; k < p.lines.size(); ++k) {
      EXPECT_EQ(again.lines[k].offer_id, p.lines[k].offer_id);
      EXPECT_EQ(again.lines[k].demand_id, p.lines[k].demand_id);
      EXPECT_EQ(again.lines[k].hub, p.lines[k].hub);
      EXPECT_EQ(again.lines[k].quantity, p.lines[k].quantity);
    }
    EXPECT_EQ(again.total_cost_milli, p.total_cost_milli);
  }
  EXPECT_GT(through_hubs, 20);  // the instances do exercise the hubs
}

TEST(AllocationData, TheShippedHubsLoadAndAreOffByDefault) {
  auto p = AllocationParameters::load(HTX_SOURCE_DATA_DIR);
  EXPECT_FALSE(p.use_hubs);
  ASSERT_GE(p.hubs.size(), 4u);
  auto d = Distances::load(HTX_SOURCE_DATA_DIR);
  for (auto& h : p.hubs) {
    EXPECT_TRUE(d.km(h.province_id, "01-2008", 100)) << h.code;
    EXPECT_LE(h.trunk_discount_percent, 100);
  }
  EXPECT_GT(p.hub_collect_max_km, 0);
}

TEST(AllocationData, TheShippedParametersAndCentresLoad) {
  auto p = AllocationParameters::load(HTX_SOURCE_DATA_DIR);
  EXPECT_EQ(p.transport_per_thousand_lots_km.at(Dimension::kMass), 3000);
  EXPECT_EQ(p.unsold_tiers.size(), 4u);
  auto d = Distances::load(HTX_SOURCE_DATA_DIR);
  // Hải Dương to Hà Nội: about 55 km as the crow flies, ~70 km by road.
  auto km = d.km("30-2008", "01-2008", p.road_factor_percent);
  ASSERT_TRUE(km);
  EXPECT_GT(*km, 50);
  EXPECT_LT(*km, 100);
  // Hà Nội to Hồ Chí Minh City: ~1.150 km as the crow flies.
  auto far = d.km("01-2025", "79-2025", 100);
  ASSERT_TRUE(far);
  EXPECT_NEAR(static_cast<double>(*far), 1140.0, 40.0);
  EXPECT_FALSE(d.km("01-2008", "nowhere", 100));
}

}  // namespace
}  // namespace htx::market
