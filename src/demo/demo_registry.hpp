// A realistic, deterministic demo registry of the whole country, from which the statistics
// state the alliance's published figures for 2020-2021 (docs: DOMAIN.md, "Facts from the
// seeds"), computed from the individual records:
//   - February 2021: 195 HTX founded (Miền Bắc 148, Miền Trung – Tây Nguyên 12, Miền Nam 35);
//   - 2020: 2,134 HTX founded; 2021: 2,283 founded (+7%), 433 dissolved;
//   - HTX stock 25,459 at 31/12/2020 and 27,394 at 31/12/2021 (+7.6%): the 85 that the
//     founded - dissolved balance does not explain are THT re-registered as HTX in 2021
//     (events of kind "reregistered" changing type THT -> HTX, and with it the name, new_type
//     and the registration code; flows out of THT and into HTX). Other years have some too,
//     none in 2020;
//   - LHHTX stock 102 -> 108; THT stock 119,233 -> 119,710;
//   - plan target 2021: 1,500 new HTX nationally (152.2% achieved), with other years and
//     some provinces.
// Everything else is drawn from a seeded generator: founding dates over 1997-2025,
// dissolutions in the years after founding, provinces valid on the founding date (the 63
// before 01/07/2025, the 34 from then), regional shares, Vietnamese names, sectors, members,
// employees, capital, revenue, OCOP products, alliance membership. The same seed and scale
// give the same registry. The figures hold exactly at scale 1; `scale` multiplies every count
// (rounded), for smaller test registries or larger load tests.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/date.hpp"
#include "core/transaction.hpp"
#include "geo/geography.hpp"
#include "governance/governance_repository.hpp"
#include "market/market_repository.hpp"
#include "registry/registry_service.hpp"
#include "registry/sectors.hpp"
#include "reporting/reporting_repository.hpp"
#include "stats/targets.hpp"
#include "work/work_repository.hpp"

namespace htx::demo {

struct DemoOptions {
  std::uint64_t seed = 2021;
  double scale = 1.0;  // 1.0 = the national size (about 27 thousand HTX, 120 thousand THT)
  std::string actor = "demo";
  // When set, the work programme of seeds 000 and 002 is written too (demo/demo_work.hpp).
  work::WorkRepository* work = nullptr;
  audit::AuditLog* work_audit = nullptr;
  // When set too, the governance of seeds 001 and 002 (demo/demo_governance.hpp), which
  // picks Bắc Giang's admitted cooperatives from `registry`.
  governance::GovernanceRepository* governance = nullptr;
  registry::RegistryRepository* registry = nullptr;
  // When set too, the reporting regime's forms and 2021 submissions (demo/demo_reporting.hpp).
  reporting::ReportingRepository* reporting = nullptr;
  // When set too, the exchange's campaigns, offers, demand and sales (demo/demo_market.hpp).
  market::MarketRepository* market = nullptr;
  // "Today" for the generator (no date after it); default_clock() when null. The service's
  // own clock still judges validity.
  const Clock* clock = nullptr;
  std::function<void(double)> progress;
};

struct DemoSummary {
  // Records created, by their type now (after re-registrations).
  std::size_t cooperatives = 0, unions = 0, groups = 0;
  std::size_t dissolved = 0;     // records dissolved
  std::size_t reclassified = 0;  // THT re-registered as HTX (all years)
  std::size_t targets = 0;       // plan targets set
};

// Builds the registry in one transaction (entities, events, flows, targets, one audit entry
// for the batch). The registry should be empty: a code already stored is an
// InfrastructureError and nothing is written.
DemoSummary build_demo(registry::RegistryService& service, TransactionManager& tx,
                       stats::TargetRepository& targets, const geo::Geography& geo,
                       const registry::Sectors& sectors, const DemoOptions& options);

}  // namespace htx::demo
