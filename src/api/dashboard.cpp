#include "api/dashboard.hpp"

#include <algorithm>
#include <condition_variable>
#include <iterator>
#include <mutex>
#include <unordered_map>

#include "areas/statistics_area.hpp"

namespace htx::api {

// Entries by scope. A fresh entry (same data generation, within its time to live) is returned
// as it is. A stale one is rebuilt by the first request that finds it, while the requests that
// come meanwhile get the stale value at once (stale-while-revalidate: a rebuild never makes a
// queue of waiting workers). Only a scope never built makes its concurrent requests wait for
// the one that builds it.
class DashboardCache {
 public:
  std::shared_ptr<const CachedDashboard> get(const AppContext& ctx,
                                             const stats::DashboardScope& scope) {
    const std::string key = key_of(scope);
    const auto generation = ctx.data_generation.load(std::memory_order_acquire);
    {
      std::unique_lock lock(mutex_);
      Entry& e = entries_[key];
      while (true) {
        if (e.value && e.generation == generation && std::chrono::steady_clock::now() < e.expires)
          return e.value;
        if (!e.building) break;
        if (e.value) return e.value;  // being rebuilt: the previous figures meanwhile
        built_.wait(lock);            // being built for the first time
      }
      e.building = true;
    }
    std::shared_ptr<CachedDashboard> value;
    try {
      areas::StatisticsArea area(*worker_services(ctx).db, *ctx.geo, *ctx.sectors);
      value = std::make_shared<CachedDashboard>();
      value->json = area.dashboard(scope, ctx.clock->today());
      value->body = value->json.dump();
    } catch (...) {
      std::lock_guard lock(mutex_);
      entries_[key].building = false;
      built_.notify_all();
      throw;
    }
    std::lock_guard lock(mutex_);
    if (entries_.size() > kMaxEntries) {  // many scopes: drop the others (none is waited for)
      for (auto it = entries_.begin(); it != entries_.end();)
        it = it->first != key && !it->second.building ? entries_.erase(it) : std::next(it);
    }
    Entry& e = entries_[key];
    e.generation = generation;
    e.expires = std::chrono::steady_clock::now() + kDashboardTtl;
    e.value = value;
    e.building = false;
    built_.notify_all();
    return value;
  }

 private:
  static constexpr std::size_t kMaxEntries = 1000;
  struct Entry {
    std::uint64_t generation = 0;
    std::chrono::steady_clock::time_point expires;
    std::shared_ptr<const CachedDashboard> value;
    bool building = false;
  };

  static std::string key_of(const stats::DashboardScope& scope) {
    if (!scope.province_ids) return "*" + scope.name;
    auto ids = *scope.province_ids;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::string key = "=" + scope.name;  // the name is part of the body
    for (auto& id : ids) key += "|" + id;
    return key;
  }

  std::mutex mutex_;
  std::condition_variable built_;
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
  return {policy.province_scope(accounts::Principal{user}).filter(), unit.name};
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
