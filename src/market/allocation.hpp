// The exchange's optimal allocation: which offer supplies which demand, as a minimum-cost flow
// solved by LEMON's network simplex (DOMAIN.md: capacity scaling is far slower here).
//
// The network, for each product (quantities in lots: a kg, a piece, a litre):
//   seller node (one per cooperative × product, supply = its offers' lots)
//     -> offer node (capacity: the offer's lots, cost 0)
//     -> demand node (only where compatible: same product, windows overlap, within the
//        farthest distance, floor price ≤ ceiling; cost = transport + floor − ceiling)
//   seller node -> slack node: supply left unsold, through rising tiers of the seller's supply
//                              (so a glut is shared among cooperatives, not given to the
//                              cheapest few)
//   slack node -> demand node: demand left unmet, at its penalty
// In hub mode (allocation.csv `hubs`, hubs.csv) a lot may also go through a regional hub, a
// consolidation centre: offer -> hub (collection leg, full rate, plus the hub's handling per lot)
// -> demand (trunk leg, at the hub's discount), while direct pairings are kept only up to
// `hub_direct_max_km`. A hub collects on Mondays (an offer whose window holds that Monday) and
// delivers in the week that follows (a demand whose window touches it). Within one hub, product
// and week, a price ladder (a node per price, arcs upward only) lets an offer's lot reach only a
// demand whose ceiling is at least its floor, so every route pairs compatible lines as the direct
// arcs do; the arcs are about N×H + H×M instead of N×M.
// Costs are in thousandths of a đồng per lot, so that 3.000 đ per tonne-km is exact per kg-km.
// The input is sorted by id before the graph is built: the same records give the same proposal
// whatever order they are read in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "market/catalogue.hpp"

namespace htx::market {

// How big one lot of the allocation is, in the dimension's base unit: 1.000 g, 1 piece, 1.000 ml.
std::int64_t lot_size(Dimension d);

struct UnsoldTier {
  int percent = 0;                // of the seller's supply of the product
  std::int64_t dong_per_lot = 0;  // penalty per kg, piece or litre left unsold in this tier
};

// A regional hub (data/market/hubs.csv).
struct Hub {
  std::string code, name, province_id;
  int trunk_discount_percent = 0;     // off the transport rate on the hub -> demand leg
  std::int64_t handling_per_lot = 0;  // đồng per kg, piece or litre through the hub
};

struct AllocationParameters {
  std::map<Dimension, std::int64_t> transport_per_thousand_lots_km;  // đồng per 1.000 lots per km
  int road_factor_percent = 130;           // road distance ≈ great-circle distance × this / 100
  std::int64_t max_distance_km = 0;        // no pairing further than this
  std::int64_t unmet_penalty_per_lot = 0;  // đồng
  std::vector<UnsoldTier> unsold_tiers;    // percents sum to 100, penalties rising

  bool use_hubs = false;                // hub mode (see above); off: direct arcs only
  std::vector<Hub> hubs;                // sorted by code
  std::int64_t hub_direct_max_km = 0;   // in hub mode, direct pairings up to this distance only
  std::int64_t hub_collect_max_km = 0;  // an offer reaches the hubs up to this distance

  // data_dir/market/allocation.csv and data_dir/market/hubs.csv.
  static AllocationParameters load(const std::filesystem::path& data_dir);
};

// Province centres (data/geo/centroids.csv) and the road distance between two of them.
class Distances {
 public:
  static Distances load(const std::filesystem::path& data_dir);
  void add(const std::string& province_id, double latitude, double longitude);
  // Road-distance estimate in whole km; nullopt when a province has no centre on file.
  std::optional<std::int64_t> km(const std::string& a, const std::string& b,
                                 int road_factor_percent) const;

 private:
  std::map<std::string, std::pair<double, double>> centres_;
};

struct SupplyLine {
  std::int64_t offer_id = 0;
  std::int64_t seller_id = 0;  // the cooperative (registry entity id)
  std::string product;
  Dimension dimension = Dimension::kMass;
  std::int64_t quantity = 0;  // base units still available
  Date from, to;              // availability window
  std::string province_id;
  std::int64_t min_lot = 0;              // base units; 0 = any
  std::int64_t floor_price_per_lot = 0;  // đồng per lot; 0 = none stated
};

struct DemandLine {
  std::int64_t demand_id = 0;
  std::string product;
  Dimension dimension = Dimension::kMass;
  std::int64_t quantity = 0;               // base units still wanted
  Date from, to;                           // delivery window
  std::string province_id;                 // delivery place
  std::int64_t ceiling_price_per_lot = 0;  // đồng per lot; 0 = none stated
};

struct ProposedLine {
  std::int64_t offer_id = 0;
  std::int64_t demand_id = 0;
  std::int64_t quantity = 0;     // base units (whole lots)
  std::int64_t distance_km = 0;  // via a hub: collection leg + trunk leg
  // The line's cost parts in đồng (rounded half up from thousandths): transport, and the price
  // gap floor − ceiling (≤ 0: the buyer's ceiling above the seller's floor makes it cheaper).
  std::int64_t transport_dong = 0;
  std::int64_t price_gap_dong = 0;
  std::string hub;                 // the hub's code the lots go through; empty: direct
  std::int64_t handling_dong = 0;  // the hub's handling (0 when direct)
};

struct UnmetLine {
  std::int64_t demand_id = 0;
  std::int64_t quantity = 0;
  std::int64_t penalty_dong = 0;
};

struct UnsoldLine {
  std::int64_t seller_id = 0;
  std::string product;
  std::int64_t quantity = 0;
  std::int64_t penalty_dong = 0;
};

struct Proposal {
  std::vector<ProposedLine> lines;  // sorted by offer, then demand, then hub (direct first)
  std::vector<UnmetLine> unmet;
  std::vector<UnsoldLine> unsold;
  std::int64_t total_cost_milli = 0;  // the objective, thousandths of a đồng
  int rounds = 0;  // solves made (more than one when a minimum lot removed a pairing)
};

// Solves the allocation. Each line's quantity is a whole number of lots (a remainder finer than a
// lot stays with its offer). Pairings that would carry less than an offer's minimum lot are
// removed and the problem solved again, until none is left; through a hub, the minimum lot is
// what the offer sends to the hub in one week.
Proposal allocate(std::vector<SupplyLine> supply, std::vector<DemandLine> demand,
                  const AllocationParameters& parameters, const Distances& distances);

}  // namespace htx::market
