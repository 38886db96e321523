// The dashboard's figures as the API and the pages serve them: computed by
// stats::build_dashboard and cached per scope, so that the hot path (GET /api/v1/dashboard)
// touches neither the database nor the serialiser. An entry is rebuilt when this server has
// written (AppContext::data_generation moved) or after kDashboardTtl (writes by another process,
// such as the CLI, and a new day).
#pragma once

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "api/app_context.hpp"
#include "stats/dashboard.hpp"

namespace htx::api {

inline constexpr std::chrono::seconds kDashboardTtl{30};

// Every province (the scope's name from the Vietnamese catalogue: "Toàn quốc").
stats::DashboardScope national_dashboard_scope(const AppContext& ctx);
// One unit and every unit merged into it (as AccessPolicy gives a provincial user of that unit):
// the dashboard of "01-2025" counts the records registered under "01-2008" too.
stats::DashboardScope province_dashboard_scope(const AppContext& ctx, const geo::Province& unit);

struct CachedDashboard {
  nlohmann::json json;
  std::string body;  // json.dump(), what GET /api/v1/dashboard sends
};

// The cached figures of a scope (built on the calling thread's database on a miss).
// Thread-safe; the returned value stays valid for as long as the caller holds it.
std::shared_ptr<const CachedDashboard> cached_dashboard(const AppContext& ctx,
                                                        const stats::DashboardScope& scope);

// The cached figures as JSON (a copy of the cached value).
nlohmann::json dashboard_json(const AppContext& ctx, const stats::DashboardScope& scope);

// The cached, already serialised body.
std::shared_ptr<const std::string> dashboard_body(const AppContext& ctx,
                                                  const stats::DashboardScope& scope);

}  // namespace htx::api
