// The national summary: stock by type and region on a date, and the entities founded and
// dissolved each year — from the same flows as every report (each entity counted by its type
// on the date, so a group re-registered as a cooperative is a group until then).
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
  TypeCounts stock;                                   // active or suspended on as_of
  std::map<std::string, TypeCounts> stock_by_region;  // region id -> counts
  std::int64_t members = 0;                           // members of active entities
  std::map<int, TypeCounts> founded_by_year;
  std::map<int, TypeCounts> dissolved_by_year;
};

class ReportBuilder;
NationalSummary national_summary(ReportBuilder& reports, const geo::Geography& geo, Date as_of);

}  // namespace htx::stats
