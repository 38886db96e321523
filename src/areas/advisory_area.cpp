#include "areas/advisory_area.hpp"

#include <algorithm>

#include "advisory/advisory_repository.hpp"

namespace htx::areas {

namespace {

using accounts::AccessPolicy;
using namespace htx::advisory;

Error forbidden() { return Error::forbidden("advisory.not_allowed"); }

bool advises(const work::Unit& u) {
  return u.kind == work::UnitKind::kNational || u.kind == work::UnitKind::kProvincial;
}

}  // namespace

AdvisoryArea::AdvisoryArea(store::Database& db, const Clock& clock, const geo::Geography& geo,
                           Caller caller)
    : db_(db),
      clock_(clock),
      geo_(geo),
      caller_(std::move(caller)),
      service_(db.advisory(), db.registry(), db.work(), db.audit(), db, clock) {}

bool AdvisoryArea::can_read() const { return AccessPolicy::can_read_work(caller_.principal); }
bool AdvisoryArea::can_write() const { return AccessPolicy::can_write_work(caller_.principal); }

Result<bool> AdvisoryArea::must_write() const {
  if (!can_write()) return forbidden();
  return true;
}

std::vector<work::Unit> AdvisoryArea::units() {
  std::vector<work::Unit> out;
  if (!can_read()) return out;
  for (auto& u : db_.work().list_units())
    if (advises(u) && caller_.scope.allows(u.province_id)) out.push_back(std::move(u));
  std::sort(out.begin(), out.end(),
            [](const work::Unit& a, const work::Unit& b) { return a.code < b.code; });
  return out;
}

Result<std::vector<Case>> AdvisoryArea::list(const Fields& filter) {
  if (!can_read()) return forbidden();
  CaseQuery q;
  if (auto p = field_of(filter, "province"); !p.empty()) {
    const auto* province = geo_.province(p);
    if (!province) province = geo_.resolve(p, clock_.today());
    if (!province)
      return Error::bad_request("province", "advisory.unknown_province", {{"value", p}});
    q.province_ids = std::vector{province->id};
  }
  if (auto u = field_of(filter, "unit"); !u.empty()) {
    auto unit = db_.work().find_unit_by_code(u);
    if (!unit) return Error::bad_request("unit", "advisory.unknown_unit_code", {{"value", u}});
    q.unit_id = unit->id;
  }
  if (auto s = field_of(filter, "status"); !s.empty()) {
    q.status = case_status_from_code(s);
    if (!q.status) return Error::bad_request("status", "advisory.bad_status", {{"value", s}});
  }
  if (auto y = field_of(filter, "year"); !y.empty()) {
    auto n = text::parse_int(y);
    if (!n || *n < 1900 || *n > 9999)
      return Error::bad_request("year", "advisory.bad_year", {{"value", y}});
    q.opened_year = static_cast<int>(*n);
  }
  return service_.list(q, caller_.scope);
}

Result<Case> AdvisoryArea::find(std::int64_t id) {
  if (!can_read()) return forbidden();
  return service_.find(id, caller_.scope);
}

Result<std::vector<Match>> AdvisoryArea::matches(std::int64_t id) {
  if (!can_read()) return forbidden();
  return service_.matches(id, caller_.scope);
}

Result<Case> AdvisoryArea::open(const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  Case c;
  if (auto u = field_of(f, "unit"); !u.empty()) {
    auto unit = db_.work().find_unit_by_code(u);
    if (!unit || !advises(*unit))
      return Error::invalid("unit", "advisory.unknown_unit_code", {{"value", u}});
    c.unit_id = unit->id;
  } else if (!caller_.scope.is_all() && caller_.scope.provinces().size() == 1) {
    // A provincial user advises through their province's alliance.
    for (const auto& unit : units())
      if (unit.province_id == caller_.scope.provinces().front()) c.unit_id = unit.id;
  }
  if (auto p = field_of(f, "province"); !p.empty()) {
    const auto* province = geo_.province(p);
    if (!province) province = geo_.resolve(p, clock_.today());
    if (!province) return Error::invalid("province", "advisory.unknown_province", {{"value", p}});
    c.province_id = province->id;
  }
  c.group_name = field_of(f, "group_name");
  c.contact = field_of(f, "contact");
  c.address = field_of(f, "address");
  if (auto t = field_of(f, "planned_type"); !t.empty()) {
    auto type = registry::entity_type_from_code(t);
    if (!type) return Error::invalid("planned_type", "advisory.bad_type", {{"value", t}});
    c.planned_type = *type;
  }
  auto on = date_field(f, "opened_on", clock_.today());
  if (!on) return on.error();
  c.opened_on = *on;
  c.adviser = field_of(f, "adviser");
  c.note = field_of(f, "note");
  return service_.open(std::move(c), caller_.actor(), caller_.scope);
}

Result<Case> AdvisoryArea::close(std::int64_t id, const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  auto on = date_field(f, "closed_on", clock_.today());
  if (!on) return on.error();
  return service_.close(id, field_of(f, "entity_code"), *on, caller_.actor(), caller_.scope);
}

Result<Case> AdvisoryArea::drop(std::int64_t id, const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  auto on = date_field(f, "dropped_on", clock_.today());
  if (!on) return on.error();
  auto out = service_.drop(id, field_of(f, "reason"), *on, caller_.actor(), caller_.scope);
  if (!out) return out.error().with_field_names({{"closed_on", "dropped_on"}});
  return out;
}

}  // namespace htx::areas
