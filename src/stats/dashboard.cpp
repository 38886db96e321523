#include "stats/dashboard.hpp"

#include <cmath>
#include <cstdio>
#include <unordered_set>

#include "core/text.hpp"

namespace htx::stats {

namespace {

using nlohmann::json;
using registry::EntityType;

constexpr std::size_t kHtx = static_cast<std::size_t>(EntityType::kCooperative);
constexpr int kMonths = 12;
constexpr int kYears = 5;

std::string month_label(int year, int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%d", month, year);
  return buf;
}

// The figures of the scope, by type: the national line, or the sum of the scope's province
// lines (the report is on the boundaries as registered, so each record counts exactly once
// under the id it was registered with).
class ScopedFigures {
 public:
  ScopedFigures(ReportBuilder& reports, const geo::Geography& geo, const DashboardScope& scope)
      : reports_(reports), geo_(geo), scope_(scope) {
    if (scope.province_ids) ids_.insert(scope.province_ids->begin(), scope.province_ids->end());
  }

  struct Result {
    ByType by_type;
    std::vector<std::pair<std::string, ByType>> by_region;  // every region, in the data order
  };

  // With the stock (opening, closing): one sum over every year before the period.
  Result of(const Period& period) {
    return scoped(reports_.figures(period, geo::Boundaries::kAsRegistered));
  }
  // The period's flows alone (opening 0; closing and members are the net change): cheap.
  Result movements(const Period& period) {
    return scoped(reports_.movements(period, geo::Boundaries::kAsRegistered));
  }

 private:
  Result scoped(const Figures& f) {
    Result r;
    for (auto& region : f.regions) r.by_region.push_back({region.id, ByType{}});
    if (!scope_.province_ids) {
      r.by_type = f.national;
      for (std::size_t i = 0; i < f.regions.size(); ++i)
        r.by_region[i].second = f.regions[i].by_type;
      return r;
    }
    for (auto& line : f.provinces) {
      if (!ids_.count(line.id)) continue;
      add(r.by_type, line.by_type);
      const geo::Province* p = geo_.province(line.id);
      if (!p) continue;
      for (auto& [region_id, t] : r.by_region)
        if (region_id == p->region_id) add(t, line.by_type);
    }
    return r;
  }

  static void add(ByType& to, const ByType& from) {
    for (std::size_t i = 0; i < to.size(); ++i) to[i] += from[i];
  }

  ReportBuilder& reports_;
  const geo::Geography& geo_;
  const DashboardScope& scope_;
  std::unordered_set<std::string> ids_;
};

// stock (closings and members) + a period's movements (their net changes).
void add_movements(ByType& stock, const ByType& movements) {
  for (std::size_t i = 0; i < stock.size(); ++i) {
    stock[i].closing += movements[i].closing;
    stock[i].members += movements[i].members;
  }
}

json by_type_json(const ByType& t, std::int64_t Counts::*field) {
  return {{"HTX", t[0].*field}, {"LHHTX", t[1].*field}, {"THT", t[2].*field}};
}

json stock_json(const ByType& t) {
  json j = by_type_json(t, &Counts::closing);
  j["members"] = total(t).members;
  return j;
}

json growth_json(std::int64_t now, std::int64_t before) {
  auto g = growth_percent(now, before);
  if (!g) return nullptr;
  std::string s = text::format_decimal(*g, percent_decimals(before));
  return s;
}

}  // namespace

nlohmann::json build_dashboard(ReportBuilder& reports, const geo::Geography& geo,
                               const DashboardScope& scope, Date as_of) {
  ScopedFigures figures(reports, geo, scope);
  const int year = as_of.year();
  const int month = as_of.month();

  // Whole months, from the aggregates alone: nothing is recorded with a date after today (the
  // registry refuses future dates), so the current month and the year so far are the month and
  // the months of the year up to as_of. Last year: the same months (January to as_of's month),
  // as the alliance compares "N tháng đầu năm" — days of a partial month would have to be
  // computed from the records, which costs a scan of the registry.
  //
  // One stock (the end of the year before the five years shown, from figures()); every other
  // figure is a period's movements, and the stocks follow by adding them up.
  const int first_year = year - kYears + 1;
  ByType stock_before = figures.of(Period::of_year(first_year - 1)).by_type;  // at its closing
  std::vector<ScopedFigures::Result> years;  // first_year .. year - 1, whole
  std::vector<ByType> stock_at_end;          // of each of them
  ByType stock = stock_before;
  for (int y = first_year; y < year; ++y) {
    years.push_back(figures.movements(Period::of_year(y)));
    add_movements(stock, years.back().by_type);
    stock_at_end.push_back(stock);
  }
  auto this_month = figures.movements(Period::of_month(year, month));
  auto this_year = figures.movements(Period::first_months(year, month));
  auto last_year = figures.movements(Period::first_months(year - 1, month));
  ByType stock_now = stock_at_end.empty() ? stock_before : stock_at_end.back();
  add_movements(stock_now, this_year.by_type);
  ByType stock_then =
      stock_at_end.size() >= 2 ? stock_at_end[stock_at_end.size() - 2] : stock_before;
  add_movements(stock_then, last_year.by_type);

  json j;
  j["as_of"] = as_of.iso();
  json sc = {{"kind", scope.province_ids ? "provinces" : "national"},
             {"province_ids", scope.province_ids ? json(*scope.province_ids) : json::array()},
             {"name", scope.name}};
  j["scope"] = std::move(sc);
  j["month"] = {{"label", month_label(year, month)},
                {"founded", by_type_json(this_month.by_type, &Counts::founded)},
                {"dissolved", by_type_json(this_month.by_type, &Counts::dissolved)}};
  j["year"] = {{"label", std::to_string(year)},
               {"founded", by_type_json(this_year.by_type, &Counts::founded)},
               {"dissolved", by_type_json(this_year.by_type, &Counts::dissolved)},
               {"founded_same_period_last_year", by_type_json(last_year.by_type, &Counts::founded)},
               {"growth_founded_htx_percent",
                growth_json(this_year.by_type[kHtx].founded, last_year.by_type[kHtx].founded)}};
  j["stock"] = stock_json(stock_now);
  j["stock_last_year"] = stock_json(stock_then);

  // New HTX per month by region: the twelve months up to the current one (that one to as_of).
  json months = json::array();
  std::vector<json> values(this_year.by_region.size(), json::array());
  for (int k = kMonths - 1; k >= 0; --k) {
    int y = year, m = month - k;
    while (m < 1) {
      m += 12;
      --y;
    }
    months.push_back(month_label(y, m));
    auto r = k == 0 ? this_month : figures.movements(Period::of_month(y, m));
    for (std::size_t i = 0; i < r.by_region.size() && i < values.size(); ++i)
      values[i].push_back(r.by_region[i].second[kHtx].founded);
  }
  json regions = json::array();
  for (std::size_t i = 0; i < this_year.by_region.size(); ++i) {
    const geo::Region* region = geo.region(this_year.by_region[i].first);
    regions.push_back({{"id", this_year.by_region[i].first},
                       {"name", region ? region->name : this_year.by_region[i].first},
                       {"values", std::move(values[i])}});
  }
  j["monthly_founded_htx_by_region"] = {{"months", std::move(months)},
                                        {"regions", std::move(regions)}};

  // Five years up to the current one (that one to as_of).
  json yearly = json::array();
  for (int y = first_year; y <= year; ++y) {
    const std::size_t i = static_cast<std::size_t>(y - first_year);
    const auto& r = y == year ? this_year : years[i];
    const ByType& at_end = y == year ? stock_now : stock_at_end[i];
    yearly.push_back({{"year", y},
                      {"founded_htx", r.by_type[kHtx].founded},
                      {"dissolved_htx", r.by_type[kHtx].dissolved},
                      {"stock_htx", at_end[kHtx].closing}});
  }
  j["yearly"] = std::move(yearly);
  return j;
}

}  // namespace htx::stats
