// The registry's statistics (the periodic report and the dashboard's figures) as the pages, the
// JSON API and the command line all use them: the report builder made once over the request's
// database, a period and its boundaries read from their text (a bad request on "period" or
// "boundaries"), the report of a period and the dashboard of a scope. They are public: no caller.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "fund/rules.hpp"
#include "geo/geography.hpp"
#include "ocop/rules.hpp"
#include "registry/sectors.hpp"
#include "stats/dashboard.hpp"
#include "stats/period.hpp"
#include "stats/report.hpp"
#include "store/database.hpp"

namespace htx::areas {

// A report's boundaries by their name in an address ("old", "new", "registered") and back.
std::optional<geo::Boundaries> boundaries_from(std::string_view name);
std::string_view boundaries_name(geo::Boundaries b);

class StatisticsArea {
 public:
  StatisticsArea(store::Database& db, const geo::Geography& geo, const registry::Sectors& sectors);

  stats::ReportBuilder& builder() { return builder_; }

  // A period ("2021", "2021-Q1", "2021-02", ...): a bad request on "period".
  static Result<stats::Period> period(std::string_view text);
  // The boundaries named by `name` ("" = the period's default): a bad request on "boundaries"
  // ("api.bad_boundaries").
  static Result<geo::Boundaries> boundaries(const stats::Period& p, std::string_view name);

  // With the fund's rules, the report states the support funds' lending of the period too; with
  // OCOP's, the OCOP products valid on its last day. Its target table has every indicator's
  // actual (areas/target_actuals).
  stats::Report report(const stats::Period& p, geo::Boundaries b,
                       const fund::FundRules* fund = nullptr,
                       const ocop::OcopRules* ocop = nullptr);
  nlohmann::json dashboard(const stats::DashboardScope& scope, Date today);

 private:
  store::Database& db_;
  const geo::Geography& geo_;
  stats::ReportBuilder builder_;
};

}  // namespace htx::areas
