#include "api/dashboard.hpp"

#include <algorithm>
#include <unordered_map>

#include "stats/report.hpp"

namespace htx::api {

class DashboardCache {
 public:
  std::shared_ptr<const CachedDashboard> get(const AppContext& ctx,
                                             const stats::DashboardScope& scope) {
    const std::string key = key_of(scope);
    const auto generation = ctx.data_generation.load(std::memory_order_acquire);
    if (auto hit = find(key, generation)) return hit;
    // One build at a time: a burst of misses on a cold scope computes it once.
    std::lock_guard build(build_mutex_);
    if (auto hit = find(key, generation)) return hit;
    auto& services = worker_services(ctx);
    auto& db = *services.db;
    stats::ReportBuilder builder(db.flows(), db.registry(), db.targets(), *ctx.geo, *ctx.sectors);
    auto value = std::make_shared<CachedDashboard>();
    value->json = stats::build_dashboard(builder, *ctx.geo, scope, ctx.clock->today());
    value->body = value->json.dump();
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[key] = Entry{generation, std::chrono::steady_clock::now() + kDashboardTtl, value};
    return value;
  }

 private:
  static constexpr std::size_t kMaxEntries = 1000;
  struct Entry {
    std::uint64_t generation = 0;
    std::chrono::steady_clock::time_point expires;
    std::shared_ptr<const CachedDashboard> value;
  };

  static std::string key_of(const stats::DashboardScope& scope) {
    if (!scope.province_ids) return "*";
    auto ids = *scope.province_ids;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::string key = "=" + scope.name;  // the name is part of the body
    for (auto& id : ids) key += "|" + id;
    return key;
  }

  std::shared_ptr<const CachedDashboard> find(const std::string& key, std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.generation != generation ||
        std::chrono::steady_clock::now() >= it->second.expires)
      return nullptr;
    return it->second.value;
  }

  std::mutex mutex_;
  std::mutex build_mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

namespace {
DashboardCache& cache_of(const AppContext& ctx) {
  std::call_once(ctx.dashboard_cache_once,
                 [&] { ctx.dashboard_cache = std::make_shared<DashboardCache>(); });
  return *ctx.dashboard_cache;
}
}  // namespace

stats::DashboardScope national_dashboard_scope(const AppContext& ctx) {
  return {std::nullopt, ctx.vi ? ctx.vi->text("api.national") : std::string("Toàn quốc")};
}

stats::DashboardScope province_dashboard_scope(const AppContext& ctx, const geo::Province& unit) {
  accounts::User user;
  user.role = accounts::Role::kProvincialStaff;
  user.province_ids = {unit.id};
  accounts::AccessPolicy policy(*ctx.geo);
  return {policy.province_scope(accounts::Principal{user}), unit.name};
}

std::shared_ptr<const CachedDashboard> cached_dashboard(const AppContext& ctx,
                                                        const stats::DashboardScope& scope) {
  return cache_of(ctx).get(ctx, scope);
}

nlohmann::json dashboard_json(const AppContext& ctx, const stats::DashboardScope& scope) {
  return cached_dashboard(ctx, scope)->json;
}

std::shared_ptr<const std::string> dashboard_body(const AppContext& ctx,
                                                  const stats::DashboardScope& scope) {
  auto cached = cached_dashboard(ctx, scope);
  return std::shared_ptr<const std::string>(cached, &cached->body);
}

}  // namespace htx::api
