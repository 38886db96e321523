// The alliance's statistical report over a period: founded, dissolved, other changes, stock at
// the start and the end, members, by type and by region, province and sector, with the
// comparison periods and the plan targets. Computed from the monthly flows that every write
// keeps (registry/flows.hpp), so a report costs milliseconds whatever the registry's size.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lending_figures.hpp"
#include "core/ocop_figures.hpp"
#include "geo/geography.hpp"
#include "registry/flows.hpp"
#include "registry/registry_repository.hpp"
#include "registry/sectors.hpp"
#include "stats/period.hpp"
#include "stats/targets.hpp"

namespace htx::stats {

// The figures of one entity type over a period.
struct Counts {
  std::int64_t opening = 0;  // stock at the end of the day before the period
  std::int64_t founded = 0;
  std::int64_t dissolved = 0;
  std::int64_t other = 0;    // other flows, in minus out: reclassified, moved, re-registered
  std::int64_t closing = 0;  // stock at the end of the period: opening + flows
  std::int64_t members = 0;  // members of the closing stock
  // opening + founded - dissolved + other - closing: the stock the flows do not explain. The
  // records always reconcile (other flows are counted, not hidden), so it is zero here; it is
  // kept for figures entered by hand or imported from elsewhere, and shown beside them.
  std::int64_t unexplained() const { return opening + founded - dissolved + other - closing; }
  Counts& operator+=(const Counts& o);
  bool operator==(const Counts&) const = default;
};

using ByType = std::array<Counts, 3>;  // indexed by registry::EntityType (HTX, LHHTX, THT)
Counts total(const ByType& t);         // the collective economy as a whole

struct Line {
  std::string id;    // region id, province id or sector id
  std::string name;  // as the user reads it (Vietnamese names of the data files)
  ByType by_type;
};

struct Figures {
  Period period;
  ByType national;
  std::vector<Line> regions;    // in the data file's order
  std::vector<Line> provinces;  // on the report's boundaries, by code
  std::vector<Line> sectors;    // in the data file's order
};

struct TargetLine {
  Indicator indicator = Indicator::kFoundedHtx;
  std::string unit_id;  // "national" or a province id
  std::string unit_name;
  std::int64_t target = 0;
  std::int64_t actual = 0;  // over the period (a year, or the part of it reported)
  double percent_of_target() const {
    return target > 0 ? 100.0 * static_cast<double>(actual) / static_cast<double>(target) : 0;
  }
};

struct Report {
  Period period;
  geo::Boundaries boundaries = geo::Boundaries::kOld63;
  Figures current;
  Figures previous;                 // period.previous()
  Figures last_year;                // period.same_period_last_year()
  std::vector<TargetLine> targets;  // targets of the period's year (periods within one year)
  LendingFigures lending;           // the support funds' of the period, when handed in
  OcopFigures ocop;                 // OCOP products valid on the period's last day, when handed in
};

// Growth in percent of `now` over `before`; nothing when before is zero.
std::optional<double> growth_percent(std::int64_t now, std::int64_t before);
// Decimals worth showing for a percentage computed on `base`: one from 1.000 up, none below
// (no false precision on a hundred unions: 108 on 102 is "6%", 27.394 on 25.459 is "7,6%").
int percent_decimals(std::int64_t base);

// The default boundaries of a period: the 34 units if it ends on or after 01/07/2025, else the
// 63 provinces.
geo::Boundaries default_boundaries(const Period& p);

class ReportBuilder {
 public:
  ReportBuilder(registry::FlowRepository& flows, registry::RegistryRepository& registry,
                TargetRepository& targets, const geo::Geography& geo,
                const registry::Sectors& sectors)
      : flows_(flows), registry_(registry), targets_(targets), geo_(geo), sectors_(sectors) {}

  Report build(const Period& period, geo::Boundaries boundaries);
  Figures figures(const Period& period, geo::Boundaries boundaries);
  // The period's flows alone: opening 0, so closing and members are the period's net change.
  // Cheap (no sum over every year before the period): a series of periods adds these up to a
  // stock it has from one figures() call.
  Figures movements(const Period& period, geo::Boundaries boundaries);

 private:
  // Flows summed over [from, to]: whole years and months from the aggregates, the days of
  // partial months from the records active in them.
  std::vector<registry::FlowSum> sum(Date from, Date to);
  std::vector<registry::FlowSum> sum_days_from_records(Date from, Date to);
  Figures figures(const Period& period, geo::Boundaries boundaries, bool with_opening);

  registry::FlowRepository& flows_;
  registry::RegistryRepository& registry_;
  TargetRepository& targets_;
  const geo::Geography& geo_;
  const registry::Sectors& sectors_;
};

}  // namespace htx::stats
