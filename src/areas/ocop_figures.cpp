#include "areas/ocop_figures.hpp"

#include "ocop/ocop_service.hpp"

namespace htx::areas {

OcopFigures national_ocop_figures(store::Database& db, const ocop::OcopRules* rules, Date on) {
  OcopFigures out;
  // Nothing to state without the rules or before any certificate is recorded.
  if (!rules || db.ocop().list({}).empty()) return out;
  ocop::OcopService service(db.ocop(), db.registry(), db.audit(), db, default_clock(), *rules);
  auto counts = service.counts(on, ProvinceScope::all());
  auto figures = [](const ocop::ProvinceCounts& p) {
    return OcopCounts{p.products, {p.by_stars[0], p.by_stars[1], p.by_stars[2]}, p.cooperatives};
  };
  out.present = true;
  out.on = on;
  out.total = figures(counts.total);
  for (const auto& [province, p] : counts.by_province)
    out.provinces.push_back({province, figures(p)});
  return out;
}

}  // namespace htx::areas
