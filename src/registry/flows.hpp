// What each entity contributes to the statistics: its flows. An entity that is founded, moves
// between types/provinces/sectors and is dissolved adds +1 founded, -1/+1 out/in and +1
// dissolved to the (month, province, type, sector) where each happened. Reports sum monthly
// flows instead of scanning the registry, and every write updates them in its own
// transaction. Periods that do not start or end on a month boundary take their partial
// months from flows_of() over the records active in those days.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "registry/entity.hpp"

namespace htx::registry {

enum class FlowKind {
  kFounded,    // entered the registry by founding
  kDissolved,  // left it by dissolution
  kIn,         // entered this (province, type, sector) otherwise: reclassified, moved, revived
  kOut,        // left it otherwise
  kMembers,    // members changed while the entity stayed (entities = 0)
};

std::string_view to_code(FlowKind k);  // "founded", "dissolved", "in", "out", "members"
std::optional<FlowKind> flow_kind_from_code(std::string_view code);

struct FlowKey {
  Date day;  // the effective date (the aggregates keep its month)
  std::string province_id;
  EntityType type = EntityType::kCooperative;
  std::string sector_id;
  FlowKind kind = FlowKind::kFounded;
  auto operator<=>(const FlowKey&) const = default;
};

struct FlowDelta {
  FlowKey key;
  std::int64_t entities = 0;
  std::int64_t members = 0;
};

// The flows of one entity over its life, from its current state and its stored events (the
// founding is the record itself). Corrections ("corrected" events) are retroactive: they fix
// the record from the start and make no flow of their own.
std::vector<FlowDelta> flows_of(const Entity& current, const std::vector<Event>& events);

// Sums deltas by (month, province, type, sector, kind); what a batch (an import) applies at the
// end of its transaction. The day of each key becomes the first of its month.
class FlowAccumulator {
 public:
  void add(const std::vector<FlowDelta>& deltas, int sign = +1);
  std::vector<FlowDelta> take();  // non-zero sums, in key order; then empties the accumulator
  bool empty() const { return pending_.empty(); }

 private:
  // Keys packed into one integer (month, province and sector by number, type, kind) and kept
  // in a plain vector, summed by sorting in take(): a bulk import adds a million deltas on the
  // thread that writes, and a hash map of that size costs a cache miss and an allocation each.
  struct Pending {
    std::uint64_t key;
    std::int64_t entities;
    std::int64_t members;
  };
  std::uint32_t intern(const std::string& s);
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
  std::vector<Pending> pending_;
};

// A sum of flows over a span of days, by (province, type, sector, kind).
struct FlowSum {
  std::string province_id;
  EntityType type = EntityType::kCooperative;
  std::string sector_id;
  FlowKind kind = FlowKind::kFounded;
  std::int64_t entities = 0;
  std::int64_t members = 0;
};

class FlowRepository {
 public:
  virtual ~FlowRepository() = default;
  // Adds the deltas to the month and year aggregates (upsert, inside the caller's transaction).
  virtual void apply(const std::vector<FlowDelta>& deltas) = 0;
  // Sums over whole months [from_month, to_month] ("2021-01", inclusive).
  virtual std::vector<FlowSum> sum_months(const std::string& from_month,
                                          const std::string& to_month) = 0;
  // Sums over whole years [from_year, to_year] (inclusive), from the yearly roll-up: the stock
  // at the start of a period is a sum over every year before it.
  virtual std::vector<FlowSum> sum_years(int from_year, int to_year) = 0;
  // Empties the aggregates (before a rebuild from the registry).
  virtual void clear() = 0;
};

}  // namespace htx::registry
