#include "stats/national_summary.hpp"

namespace htx::stats {

NationalSummary national_summary(registry::RegistryRepository& repo, const geo::Geography& geo,
                                 Date as_of) {
  NationalSummary s;
  s.as_of = as_of;
  for (auto& r : geo.regions()) s.stock_by_region[r.id] = {};
  repo.for_each([&](const registry::Entity& e) {
    auto t = static_cast<std::size_t>(e.type);
    if (e.founded_on <= as_of) ++s.founded_by_year[e.founded_on.year()].by_type[t];
    if (e.dissolved_on && *e.dissolved_on <= as_of)
      ++s.dissolved_by_year[e.dissolved_on->year()].by_type[t];
    bool alive = e.founded_on <= as_of && (!e.dissolved_on || *e.dissolved_on > as_of);
    if (!alive) return;
    ++s.stock.by_type[t];
    s.members += e.members;
    if (auto* p = geo.province(e.province_id)) ++s.stock_by_region[p->region_id].by_type[t];
  });
  return s;
}

}  // namespace htx::stats
