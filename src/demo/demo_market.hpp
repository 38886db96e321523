// The demo's exchange (seed 000, DOMAIN.md): the Hải Dương campaign of February–March 2021, from
// the task of notice 64/TB-LMHTXVN, with Hải Dương's cooperatives' offers, the buyers and their
// outlets (the Hanoi alliance's 8 points of sale, 60 Co.op Food stores, BigC, Lotte), demand,
// orders and individual sale lines, so that the campaign's report as of 02/03/2021 states the
// seed's figures from those records; and a later nationwide e-commerce programme (503/CTr-
// LMHTXVN) in tonnes, litres, boxes and combos.
#pragma once

#include <string>

#include "audit/audit_log.hpp"
#include "core/date.hpp"
#include "market/market_repository.hpp"
#include "registry/registry_repository.hpp"
#include "work/work_repository.hpp"

namespace htx::demo {

struct MarketDemoSummary {
  int campaigns = 0, buyers = 0, outlets = 0, orders = 0, sales = 0;
};

// Writes through the repositories inside the caller's transaction (after the registry and the
// work programme: Hải Dương's cooperatives and the unit "TTXTTM"), with one audit entry for the
// batch. Nothing when `today` is before the campaign's end or the registry has no Hải Dương
// cooperatives.
MarketDemoSummary build_market_demo(market::MarketRepository& repo, work::WorkRepository& work,
                                    registry::RegistryRepository& registry, audit::AuditLog& audit,
                                    Date today, const std::string& actor, const std::string& now);

}  // namespace htx::demo
