// The exchange's allocation at campaign scale (300 offers × 70 demands) and national scale
// (20.000 offers × 5.000 demands): the same instance solved in the same run
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

// The bare solve: the allocation's network (allocation.hpp) built straight from the lines.
std::int64_t bare_solve(const Instance& in, const AllocationParameters& p, const Distances& km,
                        std::size_t& arcs) {
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
  std::int64_t rate = p.transport_per_thousand_lots_km.at(Dimension::kMass);
  for (const auto& s : in.supply) {
    auto o = g.addNode();
    arc_list.emplace_back(seller.at({s.seller_id, s.product}), o, s.quantity / 1000, 0);
    for (std::size_t j : by_product[s.product]) {
      const auto& d = in.demand[j];
      if (s.to < d.from || d.to < s.from || s.floor_price_per_lot > d.ceiling_price_per_lot)
        continue;
      auto [it, added] = cache.try_emplace({s.province_id, d.province_id});
      if (added) it->second = km.km(s.province_id, d.province_id, p.road_factor_percent);
      if (!it->second || *it->second > p.max_distance_km) continue;
      arc_list.emplace_back(
          o, demand_node[j], std::min(s.quantity, d.quantity) / 1000,
          *it->second * rate + (s.floor_price_per_lot - d.ceiling_price_per_lot) * 1000);
    }
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

int run(const std::string& scale, std::uint64_t seed, const std::filesystem::path& data_dir) {
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

  std::size_t arcs = 0;
  std::int64_t bare_cost = 0, htx_cost = 0, e2e_cost = 0;
  double bare_ms = 1e18, htx_ms = 1e18, e2e_ms = 1e18;
  auto dir = std::filesystem::temp_directory_path() / ("htx_market_bench_" + std::to_string(seed));
  std::filesystem::create_directories(dir);
  auto file = dir / "bench.db";
  std::filesystem::remove(file);
  auto db = store::open_database(file.string());
  store_records(*db, in);
  FixedClock clock(*Date::from_ymd(2021, 2, 17), "2021-02-17T08:00:00Z");
  MarketService service(db->market(), db->registry(), db->audit(), *db, clock, data);
  MarketActor staff{"bench", ProvinceScope::all(), std::nullopt, std::nullopt};

  // Alternate the three, best of three each: a noisy neighbour hurts all alike.
  for (int round = 0; round < 3; ++round) {
    auto t = Clock::now();
    bare_cost = bare_solve(in, data.allocation, data.distances, arcs);
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
                     {"quantity", l.quantity},
                     {"transport", l.transport_dong},
                     {"price_gap", l.price_gap_dong}});
    auto written = out.dump();
    e2e_cost = e2e->total_cost_milli;
    e2e_ms = std::min(e2e_ms, ms_since(t));
    if (round == 0)
      std::fprintf(stderr, "proposal: %zu lines, %zu bytes\n", e2e->lines.size(), written.size());
  }
  db.reset();
  std::filesystem::remove_all(dir);

  std::printf("\n");
  std::printf("scale                         %s (%zu offers x %zu demands, %zu arcs)\n",
              scale.c_str(), in.supply.size(), in.demand.size(), arcs);
  std::printf("bare network simplex ms      %.1f\n", bare_ms);
  std::printf("htx allocate ms              %.1f\n", htx_ms);
  std::printf("htx end to end ms            %.1f\n", e2e_ms);
  std::printf("costs equal                  %s\n",
              bare_cost == htx_cost && htx_cost == e2e_cost ? "yes" : "NO");
  double ratio = e2e_ms / bare_ms;
  std::printf("ratio htx end to end/bare    %.2f    target <= 1.5   %s\n", ratio,
              ratio <= 1.5 ? "PASS" : "FAIL");
  std::printf("ratio htx allocate/bare      %.2f\n", htx_ms / bare_ms);
  return bare_cost == htx_cost && htx_cost == e2e_cost ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string scale = "campaign";
  std::uint64_t seed = 20210302;
  std::filesystem::path data_dir = HTX_BENCH_DATA_DIR;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--scale" && i + 1 < argc)
      scale = argv[++i];
    else if (a == "--seed" && i + 1 < argc)
      seed = std::stoull(argv[++i]);
    else if (a == "--data-dir" && i + 1 < argc)
      data_dir = argv[++i];
    else {
      std::cerr << "usage: market_bench [--scale campaign|national] [--seed N] [--data-dir D]\n";
      return 2;
    }
  }
  if (scale != "campaign" && scale != "national") {
    std::cerr << "market_bench: --scale is campaign or national\n";
    return 2;
  }
  try {
    return run(scale, seed, data_dir);
  } catch (const std::exception& e) {
    std::cerr << "market_bench: " << e.what() << "\n";
    return 1;
  }
}
