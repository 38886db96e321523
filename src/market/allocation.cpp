#include "market/allocation.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "core/error.hpp"
#include "market/data_file.hpp"

namespace htx::market {

namespace {

// Thousandths of a đồng to đồng, half up (away from zero for negatives).
std::int64_t dong(std::int64_t milli) {
  return milli >= 0 ? (milli + 500) / 1000 : -((-milli + 500) / 1000);
}

bool overlaps(const SupplyLine& s, const DemandLine& d) { return s.from <= d.to && d.from <= s.to; }

}  // namespace

std::int64_t lot_size(Dimension d) { return d == Dimension::kCount ? 1 : 1000; }

AllocationParameters AllocationParameters::load(const std::filesystem::path& data_dir) {
  AllocationParameters p;
  auto path = data_dir / "market" / "allocation.csv";
  auto number = [&](const std::string& text, const std::string& what) {
    return data_file::whole(text, path, what);
  };
  for (auto& [name, value] : data_file::parameters(path)) {
    if (name == "transport_mass_per_tonne_km")
      p.transport_per_thousand_lots_km[Dimension::kMass] = number(value, name);
    else if (name == "transport_count_per_thousand_km")
      p.transport_per_thousand_lots_km[Dimension::kCount] = number(value, name);
    else if (name == "transport_volume_per_m3_km")
      p.transport_per_thousand_lots_km[Dimension::kVolume] = number(value, name);
    else if (name == "road_factor_percent")
      p.road_factor_percent = static_cast<int>(number(value, name));
    else if (name == "max_distance_km")
      p.max_distance_km = number(value, name);
    else if (name == "unmet_demand_penalty")
      p.unmet_penalty_per_lot = number(value, name);
    else if (name.rfind("unsold_tier_", 0) == 0) {
      auto colon = value.find(':');
      if (colon == std::string::npos)
        throw InfrastructureError("allocation.csv: " + name + ": percent:đồng expected");
      p.unsold_tiers.push_back({static_cast<int>(number(value.substr(0, colon), name)),
                                number(value.substr(colon + 1), name)});
    } else {
      throw InfrastructureError("allocation.csv: unknown parameter " + name);
    }
  }
  int total = 0;
  for (std::size_t i = 0; i < p.unsold_tiers.size(); ++i) {
    total += p.unsold_tiers[i].percent;
    if (i > 0 && p.unsold_tiers[i].dong_per_lot < p.unsold_tiers[i - 1].dong_per_lot)
      throw InfrastructureError("allocation.csv: the unsold tiers' penalties must rise");
  }
  if (total != 100) throw InfrastructureError("allocation.csv: the unsold tiers must sum to 100%");
  return p;
}

Distances Distances::load(const std::filesystem::path& data_dir) {
  Distances d;
  for (auto& r : data_file::rows(data_dir / "geo" / "centroids.csv", 3)) {
    d.add(r[0], std::stod(r[1]), std::stod(r[2]));
  }
  return d;
}

void Distances::add(const std::string& province_id, double latitude, double longitude) {
  centres_[province_id] = {latitude, longitude};
}

std::optional<std::int64_t> Distances::km(const std::string& a, const std::string& b,
                                          int road_factor_percent) const {
  if (a == b) return 0;
  auto ia = centres_.find(a), ib = centres_.find(b);
  if (ia == centres_.end() || ib == centres_.end()) return std::nullopt;
  constexpr double kPi = 3.14159265358979323846, kEarthKm = 6371.0;
  auto rad = [&](double deg) { return deg * kPi / 180.0; };
  double lat1 = rad(ia->second.first), lat2 = rad(ib->second.first);
  double dlat = lat2 - lat1, dlon = rad(ib->second.second - ia->second.second);
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  double great_circle = 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
  return static_cast<std::int64_t>(std::llround(great_circle * road_factor_percent / 100.0));
}

Proposal allocate(std::vector<SupplyLine> supply, std::vector<DemandLine> demand,
                  const AllocationParameters& parameters, const Distances& distances) {
  std::sort(supply.begin(), supply.end(),
            [](const SupplyLine& a, const SupplyLine& b) { return a.offer_id < b.offer_id; });
  std::sort(demand.begin(), demand.end(),
            [](const DemandLine& a, const DemandLine& b) { return a.demand_id < b.demand_id; });

  // The candidate pairings, with their cost per lot (thousandths of a đồng); a pairing that a
  // minimum lot rules out is dropped from `pairs` and the problem solved again.
  struct Pair {
    std::size_t s, d;
    std::int64_t distance_km, transport_milli, gap_milli;
  };
  // Demand by product, and each pair of provinces' distance computed once.
  std::map<std::string, std::vector<std::size_t>> demand_of_product;
  for (std::size_t j = 0; j < demand.size(); ++j) demand_of_product[demand[j].product].push_back(j);
  std::map<std::pair<std::string, std::string>, std::optional<std::int64_t>> km_cache;
  auto km_between = [&](const std::string& a, const std::string& b) {
    auto [it, added] = km_cache.try_emplace({a, b});
    if (added) it->second = distances.km(a, b, parameters.road_factor_percent);
    return it->second;
  };
  std::vector<Pair> pairs;
  for (std::size_t i = 0; i < supply.size(); ++i) {
    const auto& s = supply[i];
    if (s.quantity / lot_size(s.dimension) <= 0) continue;
    auto wanted = demand_of_product.find(s.product);
    if (wanted == demand_of_product.end()) continue;
    auto rate_it = parameters.transport_per_thousand_lots_km.find(s.dimension);
    std::int64_t rate =
        rate_it == parameters.transport_per_thousand_lots_km.end() ? 0 : rate_it->second;
    for (std::size_t j : wanted->second) {
      const auto& d = demand[j];
      if (d.dimension != s.dimension || !overlaps(s, d)) continue;
      bool priced = s.floor_price_per_lot > 0 && d.ceiling_price_per_lot > 0;
      if (priced && s.floor_price_per_lot > d.ceiling_price_per_lot) continue;
      auto km = km_between(s.province_id, d.province_id);
      if (!km || *km > parameters.max_distance_km) continue;
      std::int64_t gap = priced ? (s.floor_price_per_lot - d.ceiling_price_per_lot) * 1000 : 0;
      pairs.push_back({i, j, *km, *km * rate, gap});
    }
  }

  // Sellers: one node per cooperative × product.
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> seller_lots;
  for (const auto& s : supply)
    seller_lots[{s.seller_id, s.product}] += s.quantity / lot_size(s.dimension);

  Proposal proposal;
  while (true) {
    ++proposal.rounds;
    using Graph = lemon::SmartDigraph;
    Graph g;
    std::map<std::pair<std::int64_t, std::string>, Graph::Node> seller_node;
    std::vector<Graph::Node> offer_node(supply.size()), demand_node(demand.size());
    Graph::Node slack = g.addNode();
    Graph::NodeMap<std::int64_t> node_supply(g, 0);
    std::int64_t total_supply = 0, total_demand = 0;
    for (auto& [key, lots] : seller_lots) {
      auto n = g.addNode();
      seller_node[key] = n;
      node_supply[n] = lots;
      total_supply += lots;
    }
    for (std::size_t i = 0; i < supply.size(); ++i) offer_node[i] = g.addNode();
    for (std::size_t j = 0; j < demand.size(); ++j) {
      demand_node[j] = g.addNode();
      std::int64_t lots = demand[j].quantity / lot_size(demand[j].dimension);
      node_supply[demand_node[j]] = -lots;
      total_demand += lots;
    }
    node_supply[slack] = total_demand - total_supply;

    Graph::ArcMap<std::int64_t> capacity(g), cost(g);
    auto arc = [&](Graph::Node from, Graph::Node to, std::int64_t cap, std::int64_t c) {
      auto a = g.addArc(from, to);
      capacity[a] = cap;
      cost[a] = c;
      return a;
    };
    for (std::size_t i = 0; i < supply.size(); ++i)
      arc(seller_node.at({supply[i].seller_id, supply[i].product}), offer_node[i],
          supply[i].quantity / lot_size(supply[i].dimension), 0);
    std::vector<Graph::Arc> pair_arc;
    pair_arc.reserve(pairs.size());
    for (const auto& p : pairs) {
      std::int64_t cap = std::min(supply[p.s].quantity / lot_size(supply[p.s].dimension),
                                  demand[p.d].quantity / lot_size(demand[p.d].dimension));
      pair_arc.push_back(
          arc(offer_node[p.s], demand_node[p.d], cap, p.transport_milli + p.gap_milli));
    }
    // Unsold supply through the tiers: caps that sum to the seller's lots exactly.
    std::vector<std::tuple<std::pair<std::int64_t, std::string>, Graph::Arc, std::int64_t>>
        unsold_arcs;
    for (auto& [key, lots] : seller_lots) {
      std::int64_t given = 0;
      int percent_so_far = 0;
      for (std::size_t t = 0; t < parameters.unsold_tiers.size(); ++t) {
        percent_so_far += parameters.unsold_tiers[t].percent;
        std::int64_t upto =
            t + 1 == parameters.unsold_tiers.size() ? lots : lots * percent_so_far / 100;
        if (upto > given) {
          std::int64_t milli = parameters.unsold_tiers[t].dong_per_lot * 1000;
          unsold_arcs.emplace_back(key, arc(seller_node[key], slack, upto - given, milli), milli);
        }
        given = std::max(given, upto);
      }
      if (parameters.unsold_tiers.empty()) arc(seller_node[key], slack, lots, 0);
    }
    std::vector<Graph::Arc> unmet_arc(demand.size());
    for (std::size_t j = 0; j < demand.size(); ++j)
      unmet_arc[j] = arc(slack, demand_node[j], demand[j].quantity / lot_size(demand[j].dimension),
                         parameters.unmet_penalty_per_lot * 1000);

    lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> solver(g);
    solver.upperMap(capacity).costMap(cost).supplyMap(node_supply);
    auto status = solver.run();
    if (status != decltype(solver)::OPTIMAL)
      throw InfrastructureError("allocation: the network has no feasible flow");

    // A pairing under its offer's minimum lot: drop it and solve again.
    std::vector<Pair> kept;
    bool dropped = false;
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      std::int64_t flow = solver.flow(pair_arc[k]);
      const auto& s = supply[pairs[k].s];
      if (flow > 0 && s.min_lot > 0 && flow * lot_size(s.dimension) < s.min_lot) {
        dropped = true;
        continue;
      }
      kept.push_back(pairs[k]);
    }
    if (dropped) {
      pairs = std::move(kept);
      continue;
    }

    proposal.total_cost_milli = solver.totalCost<std::int64_t>();
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      std::int64_t flow = solver.flow(pair_arc[k]);
      if (flow <= 0) continue;
      const auto& p = pairs[k];
      proposal.lines.push_back({supply[p.s].offer_id, demand[p.d].demand_id,
                                flow * lot_size(supply[p.s].dimension), p.distance_km,
                                dong(flow * p.transport_milli), dong(flow * p.gap_milli)});
    }
    for (std::size_t j = 0; j < demand.size(); ++j) {
      std::int64_t flow = solver.flow(unmet_arc[j]);
      if (flow > 0)
        proposal.unmet.push_back({demand[j].demand_id, flow * lot_size(demand[j].dimension),
                                  dong(flow * parameters.unmet_penalty_per_lot * 1000)});
    }
    std::map<std::pair<std::int64_t, std::string>, std::pair<std::int64_t, std::int64_t>> unsold;
    for (auto& [key, a, milli] : unsold_arcs) {
      std::int64_t flow = solver.flow(a);
      if (flow <= 0) continue;
      unsold[key].first += flow;
      unsold[key].second += flow * milli;
    }
    for (auto& [key, v] : unsold) {
      Dimension dim = Dimension::kMass;
      for (const auto& s : supply)
        if (s.seller_id == key.first && s.product == key.second) dim = s.dimension;
      proposal.unsold.push_back({key.first, key.second, v.first * lot_size(dim), dong(v.second)});
    }
    std::sort(proposal.lines.begin(), proposal.lines.end(), [](const auto& a, const auto& b) {
      return std::tie(a.offer_id, a.demand_id) < std::tie(b.offer_id, b.demand_id);
    });
    return proposal;
  }
}

}  // namespace htx::market
