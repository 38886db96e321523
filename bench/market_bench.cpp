// The exchange's allocation at campaign scale (300 offers × 70 demands) and national scale
// (20.000 offers × 5.000 demands), directly and through the regional hubs (hub mode,
// data/market/hubs.csv): the same instance solved in the same run
//   1. bare: LEMON's network simplex on a graph this program builds directly from the lines;
//   2. htx allocate: market::allocate on the same lines (pairing, graph, solve, proposal);
//   3. htx end to end: the lines stored as records in a SQLite file, then MarketService::propose
//      (reading the records, building the graph, solving) and the proposal written as JSON.
// It prints each time, the ratios to the bare solve, and whether the costs are equal (they must
// be: both are optimal). See bench/README.md.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "market/market_service.hpp"
#include "store/database.hpp"

namespace {

using namespace htx;
using namespace htx::market;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct Instance {
  std::vector<SupplyLine> supply;
  std::vector<DemandLine> demand;
};

Instance generate(int offers, int demands, const std::vector<std::string>& products, int sellers,
                  std::uint64_t seed, const std::vector<std::string>& provinces) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  Date start = *Date::from_ymd(2021, 2, 17);
  Instance in;
  for (int i = 0; i < offers; ++i) {
    SupplyLine s;
    s.offer_id = i + 1;
    s.seller_id = 1 + pick(sellers);
    s.product = products[static_cast<std::size_t>(pick(static_cast<int>(products.size())))];
    s.quantity = (1 + pick(50)) * 100'000;  // 0,1 to 5 t
    s.from = start.add_days(pick(40));
    s.to = s.from.add_days(7 + pick(24));
    s.province_id = provinces[static_cast<std::size_t>(pick(static_cast<int>(provinces.size())))];
    s.floor_price_per_lot = 3'000 + pick(4'000);
    in.supply.push_back(s);
  }
  for (int j = 0; j < demands; ++j) {
    DemandLine d;
    d.demand_id = j + 1;
    d.product = products[static_cast<std::size_t>(pick(static_cast<int>(products.size())))];
    d.quantity = (1 + pick(100)) * 200'000;  // 0,2 to 20 t
    d.from = start.add_days(pick(40));
    d.to = d.from.add_days(3 + pick(14));
    d.province_id = provinces[static_cast<std::size_t>(pick(static_cast<int>(provinces.size())))];
    d.ceiling_price_per_lot = 4'000 + pick(5'000);
    in.demand.push_back(d);
  }
  return in;
}

// The bare solve: the allocation's network (allocation.hpp) built straight from the lines. Through
// hubs, direct arcs only up to hub_direct_max_km, and per hub, product and collection Monday a
// price ladder (a node per demand ceiling, arcs upward at minus the step): offer -> the lowest
// level not below its floor (collection at the full rate, handling, floor − level), ceiling's
// level -> demand (trunk at the hub's discount). The instance's lines are all priced, so the
// ladder is the only kind of hub node needed.
std::int64_t bare_solve(const Instance& in, const AllocationParameters& p, const Distances& km,
                        bool through_hubs, std::size_t& arcs) {
  using G = lemon::SmartDigraph;
  G g;
  G::NodeMap<std::int64_t> supply(g, 0);
  G::Node slack = g.addNode();
  std::map<std::pair<std::int64_t, std::string>, G::Node> seller;
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> seller_lots;
  for (const auto& s : in.supply) seller_lots[{s.seller_id, s.product}] += s.quantity / 1000;
  std::vector<std::tuple<G::Node, G::Node, std::int64_t, std::int64_t>> arc_list;
  std::int64_t total_supply = 0, total_demand = 0;
  for (auto& [k, lots] : seller_lots) {
    auto n = g.addNode();
    seller[k] = n;
    supply[n] = lots;
    total_supply += lots;
    int pct = 0;
    std::int64_t done = 0;
    for (std::size_t t = 0; t < p.unsold_tiers.size(); ++t) {
      pct += p.unsold_tiers[t].percent;
      std::int64_t upto = t + 1 == p.unsold_tiers.size() ? lots : lots * pct / 100;
      if (upto > done)
        arc_list.emplace_back(n, slack, upto - done, p.unsold_tiers[t].dong_per_lot * 1000);
      done = std::max(done, upto);
    }
  }
  std::vector<G::Node> demand_node;
  std::map<std::string, std::vector<std::size_t>> by_product;
  for (std::size_t j = 0; j < in.demand.size(); ++j) {
    auto n = g.addNode();
    demand_node.push_back(n);
    std::int64_t lots = in.demand[j].quantity / 1000;
    supply[n] = -lots;
    total_demand += lots;
    arc_list.emplace_back(slack, n, lots, p.unmet_penalty_per_lot * 1000);
    by_product[in.demand[j].product].push_back(j);
  }
  supply[slack] = total_demand - total_supply;
  std::map<std::pair<std::string, std::string>, std::optional<std::int64_t>> cache;
  auto road = [&](const std::string& a, const std::string& b) {
    auto [it, added] = cache.try_emplace({a, b});
    if (added) it->second = km.km(a, b, p.road_factor_percent);
    return it->second;
  };
  std::int64_t rate = p.transport_per_thousand_lots_km.at(Dimension::kMass);
  // Ladders: (hub, product, Monday) -> price -> node; their arcs made once all prices are known.
  std::map<std::tuple<std::size_t, std::string, std::int32_t>, std::map<std::int64_t, G::Node>>
      ladder;
  struct Leg {
    G::Node end;
    std::tuple<std::size_t, std::string, std::int32_t> rung;
    std::int64_t price, cap, cost;
    bool in;
  };
  std::vector<Leg> legs;
  auto mondays = [](Date from, Date to, auto&& each) {
    int since = ((from.days() + 3) % 7 + 7) % 7;
    for (Date m = since ? from.add_days(7 - since) : from; m <= to; m = m.add_days(7)) each(m);
  };
  // Demand first: each rung's levels are its demand's ceilings.
  for (std::size_t j = 0; through_hubs && j < in.demand.size(); ++j) {
    const auto& d = in.demand[j];
    for (std::size_t h = 0; h < p.hubs.size(); ++h) {
      auto dist = road(p.hubs[h].province_id, d.province_id);
      if (!dist || *dist > p.max_distance_km) continue;
      mondays(d.from.add_days(-6), d.to, [&](Date m) {
        ladder[{h, d.product, m.days()}].try_emplace(d.ceiling_price_per_lot);
        legs.push_back({demand_node[j],
                        {h, d.product, m.days()},
                        d.ceiling_price_per_lot,
                        d.quantity / 1000,
                        *dist * rate * (100 - p.hubs[h].trunk_discount_percent) / 100,
                        false});
      });
    }
  }
  // Supply: an offer enters a rung at its lowest ceiling not below the floor, at floor − level.
  for (const auto& s : in.supply) {
    auto o = g.addNode();
    arc_list.emplace_back(seller.at({s.seller_id, s.product}), o, s.quantity / 1000, 0);
    for (std::size_t j : by_product[s.product]) {
      const auto& d = in.demand[j];
      if (s.to < d.from || d.to < s.from || s.floor_price_per_lot > d.ceiling_price_per_lot)
        continue;
      auto dist = road(s.province_id, d.province_id);
      if (!dist || *dist > p.max_distance_km || (through_hubs && *dist > p.hub_direct_max_km))
        continue;
      arc_list.emplace_back(
          o, demand_node[j], std::min(s.quantity, d.quantity) / 1000,
          *dist * rate + (s.floor_price_per_lot - d.ceiling_price_per_lot) * 1000);
    }
    for (std::size_t h = 0; through_hubs && h < p.hubs.size(); ++h) {
      auto dist = road(s.province_id, p.hubs[h].province_id);
      if (!dist || *dist > p.hub_collect_max_km) continue;
      mondays(s.from, s.to, [&](Date m) {
        auto rung = ladder.find({h, s.product, m.days()});
        if (rung == ladder.end()) return;
        auto level = rung->second.lower_bound(s.floor_price_per_lot);
        if (level == rung->second.end()) return;
        legs.push_back({o, rung->first, level->first, s.quantity / 1000,
                        *dist * rate + p.hubs[h].handling_per_lot * 1000 +
                            (s.floor_price_per_lot - level->first) * 1000,
                        true});
      });
    }
  }
  for (auto& [rung, prices] : ladder) {
    const G::Node* below = nullptr;
    std::int64_t below_price = 0;
    for (auto& [price, node] : prices) {
      node = g.addNode();
      if (below) arc_list.emplace_back(*below, node, total_supply, -(price - below_price) * 1000);
      below = &node;
      below_price = price;
    }
  }
  for (const auto& leg : legs) {
    auto rung = ladder.at(leg.rung).at(leg.price);
    if (leg.in)
      arc_list.emplace_back(leg.end, rung, leg.cap, leg.cost);
    else
      arc_list.emplace_back(rung, leg.end, leg.cap, leg.cost);
  }
  G::ArcMap<std::int64_t> cap(g), cost(g);
  for (auto& [a, b, c, w] : arc_list) {
    auto arc = g.addArc(a, b);
    cap[arc] = c;
    cost[arc] = w;
  }
  arcs = arc_list.size();
  lemon::NetworkSimplex<G, std::int64_t, std::int64_t> ns(g);
  ns.upperMap(cap).costMap(cost).supplyMap(supply);
  if (ns.run() != decltype(ns)::OPTIMAL) throw std::runtime_error("bare: not optimal");
  return ns.totalCost<std::int64_t>();
}

// Stores the instance as records: an entity a seller, one buyer, an offer or a demand a line.
void store_records(store::Database& db, const Instance& in) {
  Transaction tx(db);
  std::map<std::int64_t, std::int64_t> entity_of;
  for (const auto& s : in.supply) {
    if (entity_of.count(s.seller_id)) continue;
    registry::Entity e;
    e.code = "B" + std::to_string(1'000'000 + s.seller_id);
    e.name = "HTX " + std::to_string(s.seller_id);
    e.type = registry::EntityType::kCooperative;
    e.sector_id = "nong_nghiep";
    e.province_id = s.province_id;
    e.founded_on = *Date::from_ymd(2015, 1, 1);
    entity_of[s.seller_id] = db.registry().insert(e);
  }
  Buyer b{0, "BENCH", "Bench buyer", BuyerKind::kRetailChain, "", "", "", ""};
  auto buyer = db.market().insert_buyer(b);
  for (const auto& s : in.supply) {
    Offer o;
    o.entity_id = entity_of[s.seller_id];
    o.product = s.product;
    o.quantity = {s.quantity, Dimension::kMass};
    o.unit = "kg";
    o.available_from = s.from;
    o.available_to = s.to;
    o.province_id = s.province_id;
    o.floor_price = {s.floor_price_per_lot, "kg"};
    db.market().insert_offer(o);
  }
  for (const auto& d : in.demand) {
    Demand x;
    x.buyer_id = buyer;
    x.product = d.product;
    x.quantity = {d.quantity, Dimension::kMass};
    x.unit = "kg";
    x.wanted_from = d.from;
    x.wanted_to = d.to;
    x.province_id = d.province_id;
    x.ceiling_price = {d.ceiling_price_per_lot, "kg"};
    db.market().insert_demand(x);
  }
  tx.commit();
}

int run(const std::string& scale, const std::string& hubs, std::uint64_t seed,
        const std::filesystem::path& data_dir) {
  bool national = scale == "national";
  auto data = MarketData::load(data_dir);
  std::vector<std::string> provinces;
  // Campaign: Hải Dương and its neighbours supply, the north buys; national: every 2008 province.
  if (national) {
    for (int code :
         {1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33,
          34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66,
          67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96})
      provinces.push_back((code < 10 ? "0" : "") + std::to_string(code) + "-2008");
  } else {
    provinces = {"30-2008", "31-2008", "33-2008", "01-2008", "27-2008", "22-2008"};
  }
  std::vector<std::string> mass_products;
  for (const auto& p : data.catalogue.products())
    if (p.dimension == Dimension::kMass) mass_products.push_back(p.code);
  if (!national) mass_products.resize(8);
  auto in = national ? generate(20'000, 5'000, mass_products, 4'000, seed, provinces)
                     : generate(300, 70, mass_products, 60, seed, provinces);

  auto dir = std::filesystem::temp_directory_path() / ("htx_market_bench_" + std::to_string(seed));
  std::filesystem::create_directories(dir);
  auto file = dir / "bench.db";
  std::filesystem::remove(file);
  auto db = store::open_database(file.string());
  store_records(*db, in);
  FixedClock clock(*Date::from_ymd(2021, 2, 17), "2021-02-17T08:00:00Z");
  MarketService service(db->market(), db->registry(), db->audit(), *db, clock, data);
  MarketActor staff{"bench", ProvinceScope::all(), std::nullopt, std::nullopt};

  std::vector<bool> modes;
  if (hubs != "on") modes.push_back(false);
  if (hubs != "off") modes.push_back(true);
  bool all_equal = true;
  for (bool through_hubs : modes) {
    // The service reads the parameters it was given: the switch of allocation.csv, set here.
    data.allocation.use_hubs = through_hubs;
    std::size_t arcs = 0, via_hub = 0;
    std::int64_t bare_cost = 0, htx_cost = 0, e2e_cost = 0;
    double bare_ms = 1e18, htx_ms = 1e18, e2e_ms = 1e18;
    // Alternate the three, best of three each: a noisy neighbour hurts all alike.
    for (int round = 0; round < 3; ++round) {
      auto t = Clock::now();
      bare_cost = bare_solve(in, data.allocation, data.distances, through_hubs, arcs);
      bare_ms = std::min(bare_ms, ms_since(t));
      t = Clock::now();
      auto proposal = allocate(in.supply, in.demand, data.allocation, data.distances);
      htx_cost = proposal.total_cost_milli;
      htx_ms = std::min(htx_ms, ms_since(t));
      t = Clock::now();
      auto e2e = service.propose(std::nullopt, staff);
      if (!e2e) throw std::runtime_error("propose: " + e2e.error().key);
      nlohmann::json out = nlohmann::json::array();
      for (const auto& l : e2e->lines)
        out.push_back({{"offer", l.offer_id},
                       {"demand", l.demand_id},
                       {"route", l.hub.empty() ? "direct" : l.hub},
                       {"quantity", l.quantity},
                       {"transport", l.transport_dong},
                       {"handling", l.handling_dong},
                       {"price_gap", l.price_gap_dong}});
      auto written = out.dump();
      e2e_cost = e2e->total_cost_milli;
      e2e_ms = std::min(e2e_ms, ms_since(t));
      if (round == 0) {
        for (const auto& l : e2e->lines) via_hub += l.hub.empty() ? 0 : 1;
        std::fprintf(stderr, "proposal%s: %zu lines (%zu through hubs), %zu bytes\n",
                     through_hubs ? " with hubs" : "", e2e->lines.size(), via_hub, written.size());
      }
    }
    bool equal = bare_cost == htx_cost && htx_cost == e2e_cost;
    all_equal = all_equal && equal;
    std::printf("\n");
    std::printf("scale                         %s%s (%zu offers x %zu demands, %zu arcs)\n",
                scale.c_str(), through_hubs ? " with hubs" : "", in.supply.size(), in.demand.size(),
                arcs);
    std::printf("bare network simplex ms      %.1f\n", bare_ms);
    std::printf("htx allocate ms              %.1f\n", htx_ms);
    std::printf("htx end to end ms            %.1f\n", e2e_ms);
    std::printf("lines through hubs           %zu\n", via_hub);
    std::printf("cost                         %lld\n", static_cast<long long>(bare_cost));
    std::printf("costs equal                  %s\n", equal ? "yes" : "NO");
    double ratio = e2e_ms / bare_ms;
    if (national)
      std::printf("ratio htx end to end/bare    %.2f    target <= 1.5   %s\n", ratio,
                  ratio <= 1.5 ? "PASS" : "FAIL");
    else
      std::printf("ratio htx end to end/bare    %.2f    (no target at campaign scale)\n", ratio);
    std::printf("ratio htx allocate/bare      %.2f\n", htx_ms / bare_ms);
    std::fflush(stdout);
  }
  db.reset();
  std::filesystem::remove_all(dir);
  return all_equal ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string scale = "campaign", hubs;
  std::uint64_t seed = 20210302;
  std::filesystem::path data_dir = HTX_BENCH_DATA_DIR;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--scale" && i + 1 < argc)
      scale = argv[++i];
    else if (a == "--hubs" && i + 1 < argc)
      hubs = argv[++i];
    else if (a == "--seed" && i + 1 < argc)
      seed = std::stoull(argv[++i]);
    else if (a == "--data-dir" && i + 1 < argc)
      data_dir = argv[++i];
    else {
      std::cerr << "usage: market_bench [--scale campaign|national] [--hubs off|on|both] "
                   "[--seed N] [--data-dir D]\n";
      return 2;
    }
  }
  if (scale != "campaign" && scale != "national") {
    std::cerr << "market_bench: --scale is campaign or national\n";
    return 2;
  }
  if (hubs.empty()) hubs = scale == "national" ? "both" : "off";
  if (hubs != "off" && hubs != "on" && hubs != "both") {
    std::cerr << "market_bench: --hubs is off, on or both\n";
    return 2;
  }
  try {
    return run(scale, hubs, seed, data_dir);
  } catch (const std::exception& e) {
    std::cerr << "market_bench: " << e.what() << "\n";
    return 1;
  }
}
