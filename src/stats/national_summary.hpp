// The national summary computed from individual records: stock by type and region on a date,
// and the entities founded and dissolved each year. (The full statistics module builds on this.)
#pragma once

#include <array>
#include <map>
#include <string>

#include "core/date.hpp"
#include "geo/geography.hpp"
#include "registry/registry_repository.hpp"

namespace htx::stats {

struct TypeCounts {
  std::array<std::int64_t, 3> by_type{};  // indexed by registry::EntityType
  std::int64_t total() const { return by_type[0] + by_type[1] + by_type[2]; }
};

struct NationalSummary {
  Date as_of;
  TypeCounts stock;                               // active or suspended on as_of
  std::map<std::string, TypeCounts> stock_by_region;  // region id -> counts
  std::int64_t members = 0;                       // members of active entities
  std::map<int, TypeCounts> founded_by_year;
  std::map<int, TypeCounts> dissolved_by_year;
};

NationalSummary national_summary(registry::RegistryRepository& repo, const geo::Geography& geo,
                                 Date as_of);

}  // namespace htx::stats
