#include "areas/target_actuals.hpp"

#include <set>
#include <unordered_set>

#include "advisory/advisory_repository.hpp"
#include "training/training_repository.hpp"

namespace htx::areas {

using stats::Indicator;

bool counts_for_unit(const geo::Geography& geo, const std::string& unit_id,
                     const std::string& province_id) {
  if (unit_id == stats::kNationalUnit || province_id == unit_id) return true;
  const auto* unit = geo.province(unit_id);
  const auto* p = geo.province(province_id);
  if (!unit || !p) return false;
  const auto b = unit->valid_to ? geo::Boundaries::kOld63 : geo::Boundaries::kNew34;
  const auto* shown = geo.on_boundaries(*p, b);
  return shown && shown->id == unit_id;
}

namespace {

std::int64_t new_members(store::Database& db, const geo::Geography& geo, const std::string& unit,
                         Date from, Date to) {
  governance::ApplicationQuery q;
  q.status = governance::ApplicationStatus::kAdmitted;
  std::int64_t n = 0;
  for (const auto& a : db.governance().list_applications(q)) {
    if (!a.decided_on || *a.decided_on < from || *a.decided_on > to) continue;
    std::string province;
    if (auto u = db.work().find_unit(a.unit_id)) province = u->province_id;
    if (province.empty())
      if (auto e = db.registry().find_by_code(a.entity_code)) province = e->province_id;
    if (counts_for_unit(geo, unit, province)) ++n;
  }
  return n;
}

std::int64_t trainees(store::Database& db, const geo::Geography& geo, const std::string& unit,
                      int year) {
  training::ReportQuery q;
  q.year_from = q.year_to = year;
  if (unit != stats::kNationalUnit) {
    q.by = {training::Dimension::kProvince};
    // Each course's province as the unit's boundaries show it: a person counted once in the unit.
    for (const auto& p : geo.provinces())
      if (counts_for_unit(geo, unit, p.id) && p.id != unit) q.province_as[p.id] = unit;
  }
  std::unordered_set<std::int64_t> completed;
  for (const auto& f : db.training().enrolment_facts(q))
    if (f.completed && (unit == stats::kNationalUnit || (!f.key.empty() && f.key[0] == unit)))
      completed.insert(f.trainee_id);
  return static_cast<std::int64_t>(completed.size());
}

std::int64_t advised(store::Database& db, const geo::Geography& geo, const std::string& unit,
                     Date from, Date to) {
  advisory::CaseQuery q;
  q.status = advisory::CaseStatus::kClosed;
  q.closed_from = from;
  q.closed_to = to;
  std::int64_t n = 0;
  for (const auto& c : db.advisory().list(q)) {
    if (!counts_for_unit(geo, unit, c.province_id) || !c.closed_on) continue;
    auto e = db.registry().find_by_code(c.entity_code);
    if (e && e->founded_on <= *c.closed_on) ++n;
  }
  return n;
}

}  // namespace

std::int64_t target_actual(store::Database& db, const geo::Geography& geo, Indicator indicator,
                           const std::string& unit_id, Date from, Date to) {
  switch (indicator) {
    case Indicator::kNewMembers:
      return new_members(db, geo, unit_id, from, to);
    case Indicator::kTrainees:
      return trainees(db, geo, unit_id, from.year());
    case Indicator::kAdvisedFounding:
      return advised(db, geo, unit_id, from, to);
    case Indicator::kFoundedHtx:
      break;
  }
  return 0;
}

void add_target_lines(store::Database& db, const geo::Geography& geo, stats::Report& r) {
  if (r.period.start.year() != r.period.end.year()) return;
  for (const auto& t : db.targets().list(r.period.start.year())) {
    if (t.indicator == Indicator::kFoundedHtx) continue;  // the report's own
    stats::TargetLine line;
    line.indicator = t.indicator;
    line.unit_id = t.unit_id;
    line.target = t.value;
    if (t.unit_id != stats::kNationalUnit) {
      const auto* p = geo.province(t.unit_id);
      if (!p) continue;
      line.unit_name = p->name;
    }
    line.actual = target_actual(db, geo, t.indicator, t.unit_id, r.period.start, r.period.end);
    r.targets.push_back(std::move(line));
  }
}

}  // namespace htx::areas
