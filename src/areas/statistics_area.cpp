#include "areas/statistics_area.hpp"

#include <string>

#include "areas/lending.hpp"
#include "areas/ocop_figures.hpp"
#include "areas/target_actuals.hpp"

namespace htx::areas {

std::optional<geo::Boundaries> boundaries_from(std::string_view name) {
  if (name == "old") return geo::Boundaries::kOld63;
  if (name == "new") return geo::Boundaries::kNew34;
  if (name == "registered") return geo::Boundaries::kAsRegistered;
  return std::nullopt;
}

std::string_view boundaries_name(geo::Boundaries b) {
  switch (b) {
    case geo::Boundaries::kOld63:
      return "old";
    case geo::Boundaries::kNew34:
      return "new";
    case geo::Boundaries::kAsRegistered:
      return "registered";
  }
  return "old";
}

StatisticsArea::StatisticsArea(store::Database& db, const geo::Geography& geo,
                               const registry::Sectors& sectors)
    : db_(db), geo_(geo), builder_(db.flows(), db.registry(), db.targets(), geo, sectors) {}

stats::Report StatisticsArea::report(const stats::Period& p, geo::Boundaries b,
                                     const fund::FundRules* fund, const ocop::OcopRules* ocop) {
  auto r = builder_.build(p, b);
  add_target_lines(db_, geo_, r);  // the targets other areas count
  r.lending = national_lending_figures(db_, fund, p.start, p.end);
  r.ocop = national_ocop_figures(db_, ocop, p.end);
  return r;
}

Result<stats::Period> StatisticsArea::period(std::string_view text) {
  auto p = stats::parse_period(text);
  if (!p) {
    Error e = p.error();
    e.kind = ErrorKind::kBadRequest;
    e.field = "period";
    return e;
  }
  return *p;
}

Result<geo::Boundaries> StatisticsArea::boundaries(const stats::Period& p, std::string_view name) {
  if (name.empty()) return stats::default_boundaries(p);
  if (auto b = boundaries_from(name)) return *b;
  return Error::bad_request("boundaries", "api.bad_boundaries", {{"value", std::string(name)}});
}

nlohmann::json StatisticsArea::dashboard(const stats::DashboardScope& scope, Date today) {
  return stats::build_dashboard(builder_, geo_, scope, today);
}

}  // namespace htx::areas
