#include "stats/national_summary.hpp"

#include <algorithm>

#include "stats/report.hpp"

namespace htx::stats {

NationalSummary national_summary(ReportBuilder& reports, const geo::Geography& geo, Date as_of) {
  NationalSummary s;
  s.as_of = as_of;
  auto at = reports.figures(Period::range(as_of, as_of), geo::Boundaries::kAsRegistered);
  for (std::size_t t = 0; t < 3; ++t) {
    s.stock.by_type[t] = at.national[t].closing;
    s.members += at.national[t].members;
  }
  for (auto& r : at.regions)
    for (std::size_t t = 0; t < 3; ++t) s.stock_by_region[r.id].by_type[t] = r.by_type[t].closing;
  // Years from the first founding on record to the date.
  int first = as_of.year();
  for (int y = 1990; y <= as_of.year(); ++y) {
    auto f = reports.figures(Period::range(*Date::from_ymd(y, 1, 1), *Date::from_ymd(y, 12, 31)),
                             geo::Boundaries::kAsRegistered);
    if (total(f.national).closing == 0 && total(f.national).founded == 0) continue;
    first = std::min(first, y);
    break;
  }
  for (int y = first; y <= as_of.year(); ++y) {
    Date end = std::min(as_of, *Date::from_ymd(y, 12, 31));
    auto f = reports.figures(Period::range(*Date::from_ymd(y, 1, 1), end),
                             geo::Boundaries::kAsRegistered);
    for (std::size_t t = 0; t < 3; ++t) {
      if (f.national[t].founded) s.founded_by_year[y].by_type[t] = f.national[t].founded;
      if (f.national[t].dissolved) s.dissolved_by_year[y].by_type[t] = f.national[t].dissolved;
    }
  }
  return s;
}

}  // namespace htx::stats
