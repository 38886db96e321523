#include "areas/governance_area.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace htx::areas {

namespace {

bool is_organisation(const work::Unit& u) {
  return u.kind == work::UnitKind::kNational || u.kind == work::UnitKind::kProvincial;
}

// A filter's value read by `parse` into `out`: nothing to do when empty, a bad request on
// `field` when it does not parse.
template <class T, class Parse>
std::optional<Error> read_filter(const std::string& value, Parse parse, std::optional<T>& out,
                                 const char* field, const char* key) {
  if (value.empty()) return std::nullopt;
  out = parse(value);
  if (out) return std::nullopt;
  return Error::bad_request(field, key, {{"value", value}});
}

std::optional<int> year_of(const std::string& s) {
  auto y = text::parse_int(s);
  if (!y || *y < 1900 || *y > 9999) return std::nullopt;
  return static_cast<int>(*y);
}

}  // namespace

GovernanceArea::GovernanceArea(store::Database& db, const Clock& clock, Caller caller)
    : db_(db),
      caller_(std::move(caller)),
      service_(db.governance(), db.work(), db.registry(), db.audit(), db, clock) {
  for (auto& u : db.work().list_units()) {
    if (is_organisation(u)) organisation_order_.push_back(u.id);
    units_.emplace(u.id, std::move(u));
  }
}

const work::Unit* GovernanceArea::unit(std::int64_t id) const {
  auto it = units_.find(id);
  return it == units_.end() ? nullptr : &it->second;
}

bool GovernanceArea::reaches(std::int64_t unit_id) const {
  const work::Unit* u = unit(unit_id);
  return u && caller_.scope.allows(u->province_id);
}

std::vector<const work::Unit*> GovernanceArea::organisations(bool provincial_only) const {
  std::vector<const work::Unit*> out;
  for (auto id : organisation_order_) {
    const work::Unit& u = units_.at(id);
    if (!caller_.scope.allows(u.province_id)) continue;
    if (provincial_only && u.kind != work::UnitKind::kProvincial) continue;
    out.push_back(&u);
  }
  return out;
}

Result<const work::Unit*> GovernanceArea::organisation(std::string_view code) const {
  std::string wanted(text::trim(code));
  for (auto id : organisation_order_) {
    const work::Unit& u = units_.at(id);
    if (u.code != wanted) continue;
    if (!caller_.scope.allows(u.province_id))
      return Error::forbidden("governance.unit_out_of_scope", {{"unit", u.name}});
    return &u;
  }
  return Error::not_found("governance.unknown_unit", {{"code", wanted}});
}

std::optional<Error> GovernanceArea::unit_filter(const std::string& code,
                                                 std::optional<std::int64_t>& out) const {
  if (code.empty()) return std::nullopt;
  auto u = organisation(code);
  if (!u) return u.error();
  out = (*u)->id;
  return std::nullopt;
}

Result<std::vector<governance::MeetingSummary>> GovernanceArea::meetings(
    const MeetingFilter& filter) {
  governance::MeetingQuery q;
  if (auto bad = read_filter(filter.body, governance::body_kind_from_code, q.body_kind, "body",
                             "governance.bad_body"))
    return *bad;
  if (auto bad = read_filter(filter.year, year_of, q.year, "year", "governance.bad_year"))
    return *bad;
  if (auto refused = unit_filter(filter.unit, q.unit_id)) return *refused;
  std::vector<governance::MeetingSummary> out;
  auto found = service_.meetings(q);
  for (auto it = found.rbegin(); it != found.rend(); ++it)
    if (caller_.scope.allows(it->unit.province_id)) out.push_back(std::move(*it));
  return out;
}

Result<governance::MeetingDetail> GovernanceArea::meeting(std::int64_t id) {
  auto d = service_.meeting(id);
  if (!d) return Error::not_found("governance.meeting_not_found", {{"id", std::to_string(id)}});
  if (!caller_.scope.allows(d->summary.unit.province_id))
    return Error::forbidden("governance.unit_out_of_scope", {{"unit", d->summary.unit.name}});
  return std::move(*d);
}

Result<std::vector<governance::Application>> GovernanceArea::applications(
    const ApplicationFilter& filter) {
  governance::ApplicationQuery q;
  if (auto bad = read_filter(filter.batch, governance::parse_batch, q.batch, "batch",
                             "governance.bad_batch"))
    return *bad;
  if (auto bad = read_filter(filter.status, governance::application_status_from_code, q.status,
                             "status", "governance.bad_application_status"))
    return *bad;
  if (auto refused = unit_filter(filter.unit, q.unit_id)) return *refused;
  auto found = service_.applications(q);
  std::erase_if(found, [&](const governance::Application& a) { return !reaches(a.unit_id); });
  return found;
}

Result<const work::Unit*> GovernanceArea::organisation_named(std::string_view code,
                                                             const std::string& field) const {
  auto u = organisation(code);
  if (!u && u.error().is(ErrorKind::kNotFound))
    return Error::invalid(field, "work.unit_code_not_found", {{"code", std::string(code)}});
  return u;
}

Result<std::vector<governance::Membership>> GovernanceArea::memberships(const std::string& unit,
                                                                        bool current_only) {
  governance::MembershipQuery q;
  q.current_only = current_only;
  if (auto refused = unit_filter(unit, q.unit_id)) return *refused;
  auto found = service_.memberships(q);
  std::erase_if(found, [&](const governance::Membership& m) { return !reaches(m.unit_id); });
  return found;
}

Result<std::vector<governance::Award>> GovernanceArea::awards(const std::string& year) {
  governance::AwardQuery q;
  if (auto bad = read_filter(year, year_of, q.year, "year", "governance.bad_year")) return *bad;
  auto found = service_.awards(q);
  std::erase_if(found, [&](const governance::Award& a) { return !reaches(a.granting_unit_id); });
  return found;
}

}  // namespace htx::areas
