#include "stats/report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace htx::stats {

namespace {
using registry::EntityType;
using registry::FlowKind;
using registry::FlowSum;

Date first_of_month(Date d) { return *Date::from_ymd(d.year(), d.month(), 1); }
Date last_of_month(Date d) {
  int y = d.year(), m = d.month() + 1;
  if (m == 13) {
    m = 1;
    ++y;
  }
  return Date::from_ymd(y, m, 1)->add_days(-1);
}
std::string month_code(Date d) { return d.iso().substr(0, 7); }

// Stock change of a flow: +1 for founded and in, -1 for dissolved and out.
std::int64_t stock_sign(FlowKind k) {
  switch (k) {
    case FlowKind::kFounded:
    case FlowKind::kIn:
      return 1;
    case FlowKind::kDissolved:
    case FlowKind::kOut:
      return -1;
    case FlowKind::kMembers:
      return 0;
  }
  return 0;
}
std::int64_t members_sign(FlowKind k) { return k == FlowKind::kMembers ? 1 : stock_sign(k); }
}  // namespace

Counts& Counts::operator+=(const Counts& o) {
  opening += o.opening;
  founded += o.founded;
  dissolved += o.dissolved;
  other += o.other;
  closing += o.closing;
  members += o.members;
  return *this;
}

Counts total(const ByType& t) {
  Counts c;
  for (auto& x : t) c += x;
  return c;
}

std::optional<double> growth_percent(std::int64_t now, std::int64_t before) {
  if (before == 0) return std::nullopt;
  return 100.0 * static_cast<double>(now - before) / static_cast<double>(before);
}

int percent_decimals(std::int64_t base) { return std::llabs(base) >= 1000 ? 1 : 0; }

geo::Boundaries default_boundaries(const Period& p) {
  return p.end >= *Date::from_ymd(2025, 7, 1) ? geo::Boundaries::kNew34 : geo::Boundaries::kOld63;
}

std::vector<FlowSum> ReportBuilder::sum_days_from_records(Date from, Date to) {
  std::map<std::tuple<std::string, EntityType, std::string, FlowKind>, FlowSum> sums;
  for (auto& e : registry_.active_between(from, to)) {
    for (auto& d : registry::flows_of(e, registry_.events_of(e.id))) {
      if (d.key.day < from || d.key.day > to) continue;
      auto& s = sums[{d.key.province_id, d.key.type, d.key.sector_id, d.key.kind}];
      s.province_id = d.key.province_id;
      s.type = d.key.type;
      s.sector_id = d.key.sector_id;
      s.kind = d.key.kind;
      s.entities += d.entities;
      s.members += d.members;
    }
  }
  std::vector<FlowSum> out;
  for (auto& [k, s] : sums) out.push_back(s);
  return out;
}

std::vector<FlowSum> ReportBuilder::sum(Date from, Date to) {
  // [from, to] in pieces: days of a partial month from the records, then whole months up to a
  // year's end, whole years from the yearly roll-up, whole months, and the days left.
  std::vector<FlowSum> out;
  auto append = [&out](std::vector<FlowSum> v) {
    for (auto& x : v) out.push_back(std::move(x));
  };
  Date cur = from;
  if (to < cur) return out;
  if (cur.day() != 1) {
    Date end = std::min(to, last_of_month(cur));
    append(sum_days_from_records(cur, end));
    cur = end.add_days(1);
  }
  auto last_whole_month_end = [&](Date limit) {  // the end of the last whole month <= limit
    return limit == last_of_month(limit) ? limit : first_of_month(limit).add_days(-1);
  };
  if (cur <= to && cur.month() != 1) {
    Date end = std::min(last_whole_month_end(to), *Date::from_ymd(cur.year(), 12, 31));
    if (cur <= end) {
      append(flows_.sum_months(month_code(cur), month_code(end)));
      cur = end.add_days(1);
    }
  }
  if (cur <= to && cur.month() == 1 && cur.day() == 1) {
    int last_year = to.month() == 12 && to.day() == 31 ? to.year() : to.year() - 1;
    if (last_year >= cur.year()) {
      append(flows_.sum_years(cur.year(), last_year));
      cur = *Date::from_ymd(last_year + 1, 1, 1);
    }
  }
  if (cur <= to && cur.day() == 1) {
    Date end = last_whole_month_end(to);
    if (cur <= end) {
      append(flows_.sum_months(month_code(cur), month_code(end)));
      cur = end.add_days(1);
    }
  }
  if (cur <= to) append(sum_days_from_records(cur, to));
  return out;
}

Figures ReportBuilder::figures(const Period& period, geo::Boundaries boundaries) {
  return figures(period, boundaries, true);
}

Figures ReportBuilder::movements(const Period& period, geo::Boundaries boundaries) {
  return figures(period, boundaries, false);
}

Figures ReportBuilder::figures(const Period& period, geo::Boundaries boundaries,
                               bool with_opening) {
  Figures f;
  f.period = period;
  std::unordered_map<std::string, ByType> by_province, by_region, by_sector;
  // Which line of each breakdown a flow belongs to.
  struct Place {
    const geo::Province* province;
    std::string region_id;
  };
  std::unordered_map<std::string, Place> places;
  auto place = [&](const std::string& province_id) -> const Place& {
    auto it = places.find(province_id);
    if (it != places.end()) return it->second;
    const geo::Province* p = geo_.province(province_id);
    const geo::Province* shown = p ? geo_.on_boundaries(*p, boundaries) : nullptr;
    return places.emplace(province_id, Place{shown, p ? p->region_id : std::string()})
        .first->second;
  };
  auto each = [&](const FlowSum& s, auto&& fn) {
    auto t = static_cast<std::size_t>(s.type);
    fn(f.national[t]);
    const Place& pl = place(s.province_id);
    fn(by_province[pl.province ? pl.province->id : s.province_id][t]);
    fn(by_region[pl.region_id][t]);
    fn(by_sector[s.sector_id][t]);
  };
  const Date beginning = *Date::from_ymd(1900, 1, 1);
  for (auto& s :
       with_opening ? sum(beginning, period.start.add_days(-1)) : std::vector<FlowSum>{}) {
    each(s, [&](Counts& c) {
      c.opening += stock_sign(s.kind) * s.entities;
      c.members += members_sign(s.kind) * s.members;
    });
  }
  for (auto& s : sum(period.start, period.end)) {
    each(s, [&](Counts& c) {
      c.members += members_sign(s.kind) * s.members;
      switch (s.kind) {
        case FlowKind::kFounded:
          c.founded += s.entities;
          break;
        case FlowKind::kDissolved:
          c.dissolved += s.entities;
          break;
        case FlowKind::kIn:
          c.other += s.entities;
          break;
        case FlowKind::kOut:
          c.other -= s.entities;
          break;
        case FlowKind::kMembers:
          break;
      }
    });
  }
  auto close = [](ByType& t) {
    for (auto& c : t) c.closing = c.opening + c.founded - c.dissolved + c.other;
  };
  close(f.national);
  for (auto* m : {&by_province, &by_region, &by_sector})
    for (auto& [id, t] : *m) close(t);

  for (auto& r : geo_.regions()) f.regions.push_back({r.id, r.name, by_region[r.id]});
  std::vector<const geo::Province*> shown;
  if (boundaries == geo::Boundaries::kAsRegistered) {
    for (auto& p : geo_.provinces())
      if (by_province.count(p.id)) shown.push_back(&p);
  } else {
    Date on = boundaries == geo::Boundaries::kNew34 ? *Date::from_ymd(2025, 7, 1)
                                                    : *Date::from_ymd(2025, 6, 30);
    shown = geo_.provinces_on(on);
  }
  for (auto* p : shown) f.provinces.push_back({p->id, p->name, by_province[p->id]});
  for (auto& s : sectors_.all()) f.sectors.push_back({s.id, s.name, by_sector[s.id]});
  return f;
}

Report ReportBuilder::build(const Period& period, geo::Boundaries boundaries) {
  Report r;
  r.period = period;
  r.boundaries = boundaries;
  r.current = figures(period, boundaries);
  r.previous = figures(period.previous(), boundaries);
  // For a year the previous period and the same period last year are the same year.
  r.last_year = period.same_period_last_year() == r.previous.period
                    ? r.previous
                    : figures(period.same_period_last_year(), boundaries);
  if (period.start.year() == period.end.year()) {
    for (auto& t : targets_.list(period.start.year())) {
      if (t.indicator != Indicator::kFoundedHtx) continue;  // the others come with their modules
      TargetLine line;
      line.indicator = t.indicator;
      line.unit_id = t.unit_id;
      line.target = t.value;
      const auto htx = static_cast<std::size_t>(EntityType::kCooperative);
      if (t.unit_id == kNationalUnit) {
        line.unit_name = "";
        line.actual = r.current.national[htx].founded;
      } else if (auto* p = geo_.province(t.unit_id)) {
        line.unit_name = p->name;
        // The target's unit on its own boundaries.
        auto unit_boundaries = p->valid_to ? geo::Boundaries::kOld63 : geo::Boundaries::kNew34;
        auto f = unit_boundaries == boundaries ? r.current : figures(period, unit_boundaries);
        for (auto& l : f.provinces)
          if (l.id == p->id) line.actual = l.by_type[htx].founded;
      } else {
        continue;
      }
      r.targets.push_back(std::move(line));
    }
  }
  return r;
}

}  // namespace htx::stats
