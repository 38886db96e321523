#include "market/allocation.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "core/data_file.hpp"
#include "core/error.hpp"

namespace htx::market {

namespace {

// Thousandths of a đồng to đồng, half up (away from zero for negatives).
std::int64_t dong(std::int64_t milli) {
  return milli >= 0 ? (milli + 500) / 1000 : -((-milli + 500) / 1000);
}

bool overlaps(const SupplyLine& s, const DemandLine& d) { return s.from <= d.to && d.from <= s.to; }

// The first Monday on or after `d` (1970-01-01, day 0, was a Thursday).
Date monday_from(Date d) {
  int since_monday = ((d.days() + 3) % 7 + 7) % 7;
  return since_monday == 0 ? d : d.add_days(7 - since_monday);
}

// The routes through the hubs (hub mode). A group is one hub, product and collection Monday, of
// one kind: a price ladder between priced offers and priced demand, or a single node from
// unpriced offers to any demand, or from priced offers to unpriced demand (a pairing with a price
// missing on either side has no price gap, as a direct one).
enum class HubKind { kLadder, kFromUnpriced, kToUnpriced };

struct HubGroup {
  std::size_t hub;
  HubKind kind;
};

struct HubIn {  // offer -> hub
  std::size_t s, group;
  std::int64_t level, floor, km, transport_milli, handling_milli;
};

struct HubOut {  // hub -> demand
  std::size_t d, group;
  std::int64_t level, km, transport_milli;
};

struct HubRoutes {
  std::vector<HubGroup> groups;
  std::vector<HubIn> in;
  std::vector<HubOut> out;
};

template <typename KmBetween>
HubRoutes hub_routes(const std::vector<SupplyLine>& supply, const std::vector<DemandLine>& demand,
                     const AllocationParameters& parameters, KmBetween&& km_between) {
  HubRoutes r;
  using Key = std::tuple<std::size_t, std::string, int, std::int32_t, HubKind>;
  std::map<Key, std::size_t> index;
  auto key = [](std::size_t h, const std::string& product, Dimension dim, Date monday,
                HubKind kind) {
    return Key{h, product, static_cast<int>(dim), monday.days(), kind};
  };
  std::vector<std::vector<std::int64_t>> ceilings;  // of each group, for its ladder's levels
  auto rate_of = [&](Dimension dim) {
    auto it = parameters.transport_per_thousand_lots_km.find(dim);
    return it == parameters.transport_per_thousand_lots_km.end() ? 0 : it->second;
  };
  // Demand first: a group exists where some demand can be delivered.
  for (std::size_t h = 0; h < parameters.hubs.size(); ++h) {
    const auto& hub = parameters.hubs[h];
    for (std::size_t j = 0; j < demand.size(); ++j) {
      const auto& d = demand[j];
      auto km = km_between(hub.province_id, d.province_id);
      if (!km || *km > parameters.max_distance_km) continue;
      std::int64_t transport =
          *km * rate_of(d.dimension) * (100 - hub.trunk_discount_percent) / 100;
      auto to = [&](Date m, HubKind kind, std::int64_t level) {
        auto [it, added] =
            index.try_emplace(key(h, d.product, d.dimension, m, kind), r.groups.size());
        if (added) {
          r.groups.push_back({h, kind});
          ceilings.emplace_back();
        }
        if (kind == HubKind::kLadder) ceilings[it->second].push_back(level);
        r.out.push_back({j, it->second, level, *km, transport});
      };
      for (Date m = monday_from(d.from.add_days(-6)); m <= d.to; m = m.add_days(7)) {
        to(m, HubKind::kFromUnpriced, 0);
        if (d.ceiling_price_per_lot > 0)
          to(m, HubKind::kLadder, d.ceiling_price_per_lot);
        else
          to(m, HubKind::kToUnpriced, 0);
      }
    }
  }
  for (auto& c : ceilings) {
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
  }
  // Then supply, into the groups that exist; a priced offer enters the ladder at the lowest
  // ceiling not below its floor (none: it cannot go through that group).
  std::vector<bool> reached(r.groups.size(), false);
  for (std::size_t h = 0; h < parameters.hubs.size(); ++h) {
    const auto& hub = parameters.hubs[h];
    for (std::size_t i = 0; i < supply.size(); ++i) {
      const auto& s = supply[i];
      if (s.quantity / lot_size(s.dimension) <= 0) continue;
      auto km = km_between(s.province_id, hub.province_id);
      if (!km || *km > parameters.hub_collect_max_km) continue;
      std::int64_t transport = *km * rate_of(s.dimension), handling = hub.handling_per_lot * 1000;
      auto from = [&](Date m, HubKind kind) {
        auto it = index.find(key(h, s.product, s.dimension, m, kind));
        if (it == index.end()) return;
        std::int64_t level = 0;
        if (kind == HubKind::kLadder) {
          const auto& c = ceilings[it->second];
          auto at = std::lower_bound(c.begin(), c.end(), s.floor_price_per_lot);
          if (at == c.end()) return;
          level = *at;
        }
        reached[it->second] = true;
        r.in.push_back({i, it->second, level, s.floor_price_per_lot, *km, transport, handling});
      };
      for (Date m = monday_from(s.from); m <= s.to; m = m.add_days(7)) {
        if (s.floor_price_per_lot > 0) {
          from(m, HubKind::kLadder);
          from(m, HubKind::kToUnpriced);
        } else {
          from(m, HubKind::kFromUnpriced);
        }
      }
    }
  }
  // Only the groups some offer reaches.
  std::erase_if(r.out, [&](const HubOut& x) { return !reached[x.group]; });
  return r;
}

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
    else if (name == "hubs")
      p.use_hubs = number(value, name) != 0;
    else if (name == "hub_direct_max_km")
      p.hub_direct_max_km = number(value, name);
    else if (name == "hub_collect_max_km")
      p.hub_collect_max_km = number(value, name);
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
  auto hubs_path = data_dir / "market" / "hubs.csv";
  if (std::filesystem::exists(hubs_path)) {
    for (auto& r : data_file::rows(hubs_path, 5)) {
      Hub h;
      h.code = r[0];
      h.name = r[1];
      h.province_id = r[2];
      h.trunk_discount_percent =
          static_cast<int>(data_file::whole(r[3], hubs_path, h.code + " trunk_discount_percent"));
      if (h.trunk_discount_percent > 100)
        throw InfrastructureError("hubs.csv: " + h.code + ": a discount above 100%");
      h.handling_per_lot = data_file::whole(r[4], hubs_path, h.code + " handling_per_lot");
      p.hubs.push_back(std::move(h));
    }
    std::sort(p.hubs.begin(), p.hubs.end(),
              [](const Hub& a, const Hub& b) { return a.code < b.code; });
  }
  if (p.use_hubs && p.hubs.empty())
    throw InfrastructureError("allocation.csv: hubs = 1 but market/hubs.csv names no hub");
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

namespace {

// The flow through each hub group split into offer × demand lines: level by level upward, each
// demand drawing on the offers come in at or below its level, first come first served (so an
// offer's floor never exceeds the ceiling of the demand it supplies); one line per offer, demand
// and hub, its weeks added up.
template <typename Arc, typename Solver>
void hub_lines(const HubRoutes& hubs, const std::vector<SupplyLine>& supply,
               const std::vector<DemandLine>& demand, const AllocationParameters& parameters,
               const std::vector<Arc>& in_arc, const std::vector<Arc>& out_arc,
               const Solver& solver, Proposal& proposal) {
  struct Flow {
    std::size_t route;
    std::int64_t lots;
  };
  std::vector<std::vector<Flow>> ins(hubs.groups.size()), outs(hubs.groups.size());
  for (std::size_t k = 0; k < hubs.in.size(); ++k)
    if (auto f = solver.flow(in_arc[k]); f > 0) ins[hubs.in[k].group].push_back({k, f});
  for (std::size_t k = 0; k < hubs.out.size(); ++k)
    if (auto f = solver.flow(out_arc[k]); f > 0) outs[hubs.out[k].group].push_back({k, f});
  struct Line {
    std::int64_t lots = 0, km = 0, transport = 0, handling = 0, gap = 0;
  };
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, Line> lines;
  for (std::size_t g = 0; g < hubs.groups.size(); ++g) {
    auto by_level = [](const auto& routes) {
      return [&routes](const Flow& a, const Flow& b) {
        return routes[a.route].level < routes[b.route].level;
      };
    };
    std::stable_sort(ins[g].begin(), ins[g].end(), by_level(hubs.in));
    std::stable_sort(outs[g].begin(), outs[g].end(), by_level(hubs.out));
    std::size_t next_in = 0, first = 0;  // ins[first, next_in) have come in, some lots left
    for (auto& o : outs[g]) {
      const auto& out = hubs.out[o.route];
      while (next_in < ins[g].size() && hubs.in[ins[g][next_in].route].level <= out.level)
        ++next_in;
      while (o.lots > 0) {
        if (first == next_in) throw InfrastructureError("allocation: a hub's flow does not split");
        auto& i = ins[g][first];
        const auto& in = hubs.in[i.route];
        std::int64_t lots = std::min(i.lots, o.lots);
        auto& line = lines[{in.s, out.d, hubs.groups[g].hub}];
        line.lots += lots;
        line.km = in.km + out.km;
        line.transport += lots * (in.transport_milli + out.transport_milli);
        line.handling += lots * in.handling_milli;
        if (hubs.groups[g].kind == HubKind::kLadder)
          line.gap += lots * (in.floor - out.level) * 1000;
        i.lots -= lots;
        o.lots -= lots;
        if (i.lots == 0) ++first;
      }
    }
  }
  for (auto& [key, l] : lines) {
    auto [s, d, h] = key;
    proposal.lines.push_back({supply[s].offer_id, demand[d].demand_id,
                              l.lots * lot_size(supply[s].dimension), l.km, dong(l.transport),
                              dong(l.gap), parameters.hubs[h].code, dong(l.handling)});
  }
}

}  // namespace

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
      if (parameters.use_hubs && *km > parameters.hub_direct_max_km) continue;
      std::int64_t gap = priced ? (s.floor_price_per_lot - d.ceiling_price_per_lot) * 1000 : 0;
      pairs.push_back({i, j, *km, *km * rate, gap});
    }
  }

  // Sellers: one node per cooperative × product.
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> seller_lots;
  for (const auto& s : supply)
    seller_lots[{s.seller_id, s.product}] += s.quantity / lot_size(s.dimension);
  HubRoutes hubs;
  if (parameters.use_hubs) hubs = hub_routes(supply, demand, parameters, km_between);
  auto lots_of = [](const auto& line) { return line.quantity / lot_size(line.dimension); };

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

    // Through the hubs: each group's nodes, one per ceiling of its demand (one only, unladdered,
    // for the unpriced kinds), an arc up from each level to the next at minus the step. A lot of
    // floor f enters at the lowest level L ≥ f at f − L and climbs to its demand's ceiling c
    // gaining c − L: f − c in all, the price gap of a direct pairing.
    std::vector<std::map<std::int64_t, Graph::Node>> level_node(hubs.groups.size());
    std::vector<Graph::Arc> in_arc, out_arc;
    if (parameters.use_hubs) {
      std::vector<std::int64_t> group_lots(hubs.groups.size(), 0);
      for (const auto& x : hubs.in) {
        level_node[x.group].try_emplace(x.level);
        group_lots[x.group] += lots_of(supply[x.s]);
      }
      for (const auto& x : hubs.out) level_node[x.group].try_emplace(x.level);
      for (std::size_t k = 0; k < hubs.groups.size(); ++k) {
        const Graph::Node* below = nullptr;
        std::int64_t below_level = 0;
        for (auto& [level, node] : level_node[k]) {
          node = g.addNode();
          if (below) arc(*below, node, group_lots[k], -(level - below_level) * 1000);
          below = &node;
          below_level = level;
        }
      }
      for (const auto& x : hubs.in) {
        std::int64_t entry =
            hubs.groups[x.group].kind == HubKind::kLadder ? (x.floor - x.level) * 1000 : 0;
        in_arc.push_back(arc(offer_node[x.s], level_node[x.group].at(x.level), lots_of(supply[x.s]),
                             x.transport_milli + x.handling_milli + entry));
      }
      for (const auto& x : hubs.out)
        out_arc.push_back(arc(level_node[x.group].at(x.level), demand_node[x.d],
                              lots_of(demand[x.d]), x.transport_milli));
    }

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
    std::vector<HubIn> kept_in;
    for (std::size_t k = 0; k < hubs.in.size(); ++k) {
      std::int64_t flow = solver.flow(in_arc[k]);
      const auto& s = supply[hubs.in[k].s];
      if (flow > 0 && s.min_lot > 0 && flow * lot_size(s.dimension) < s.min_lot) {
        dropped = true;
        continue;
      }
      kept_in.push_back(hubs.in[k]);
    }
    if (dropped) {
      pairs = std::move(kept);
      hubs.in = std::move(kept_in);
      continue;
    }

    proposal.total_cost_milli = solver.totalCost<std::int64_t>();
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      std::int64_t flow = solver.flow(pair_arc[k]);
      if (flow <= 0) continue;
      const auto& p = pairs[k];
      proposal.lines.push_back({supply[p.s].offer_id, demand[p.d].demand_id,
                                flow * lot_size(supply[p.s].dimension), p.distance_km,
                                dong(flow * p.transport_milli), dong(flow * p.gap_milli), "", 0});
    }
    if (parameters.use_hubs)
      hub_lines(hubs, supply, demand, parameters, in_arc, out_arc, solver, proposal);
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
      return std::tie(a.offer_id, a.demand_id, a.hub) < std::tie(b.offer_id, b.demand_id, b.hub);
    });
    return proposal;
  }
}

}  // namespace htx::market
