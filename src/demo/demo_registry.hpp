// A realistic, deterministic demo registry: Vietnamese names, sectors, provinces weighted by
// the alliance's regional shares, founding and dissolution dates spread over 2015-2025.
#pragma once

#include <cstdint>
#include <functional>

#include "core/transaction.hpp"
#include "geo/geography.hpp"
#include "registry/registry_service.hpp"
#include "registry/sectors.hpp"

namespace htx::demo {

struct DemoOptions {
  std::uint64_t seed = 2021;
  double scale = 1.0;  // 1.0 = the national size (about 27 thousand HTX, 120 thousand THT)
  std::string actor = "demo";
  std::function<void(double)> progress;
};

struct DemoSummary {
  std::size_t cooperatives = 0, unions = 0, groups = 0, dissolved = 0;
};

DemoSummary build_demo(registry::RegistryService& service, TransactionManager& tx,
                       const geo::Geography& geo, const registry::Sectors& sectors,
                       const DemoOptions& options);

}  // namespace htx::demo
