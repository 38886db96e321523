// The dashboard's figures: the current month and year, the stock by type, new HTX per month by
// region, year on year; for the whole country or a set of provinces. Computed from the flow
// aggregates (ReportBuilder), so it costs milliseconds.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "stats/report.hpp"

namespace htx::stats {

// Whose dashboard: every province (nullopt) or these province ids (any set; records registered
// under units merged into them count too, as AccessPolicy::province_scope gives them).
struct DashboardScope {
  std::optional<std::vector<std::string>> province_ids;
  std::string name;  // "Toàn quốc" / "Hà Nội", as the page shows it
};

// The JSON (also the /api/v1/dashboard body) has this shape; counts are integers:
// {"as_of":"2026-11-29",
//  "scope":{"kind":"national"|"provinces","province_ids":[...],"name":"..."},
//  "month":{"label":"11/2026","founded":{"HTX":n,"LHHTX":n,"THT":n},"dissolved":{...}},
//  "year":{"label":"2026","founded":{...},"dissolved":{...},
//          "founded_same_period_last_year":{...},"growth_founded_htx_percent":"7,0"|null},
//  "stock":{"HTX":n,"LHHTX":n,"THT":n,"members":n},
//  "stock_last_year":{"HTX":n,"LHHTX":n,"THT":n,"members":n},
//  "monthly_founded_htx_by_region":{"months":["12/2025",...,"11/2026"],
//      "regions":[{"id":"...","name":"...","values":[n,...]}]},
//  "yearly":[{"year":2022,"founded_htx":n,"dissolved_htx":n,"stock_htx":n}, ...5 years]}
nlohmann::json build_dashboard(ReportBuilder& reports, const geo::Geography& geo,
                               const DashboardScope& scope, Date as_of);

}  // namespace htx::stats
