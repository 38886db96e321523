#include "areas/governance_area.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace htx::areas {

namespace {

bool is_organisation(const work::Unit& u) {
  return u.kind == work::UnitKind::kNational || u.kind == work::UnitKind::kProvincial;
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

Result<std::vector<governance::MeetingSummary>> GovernanceArea::meetings(
    const MeetingFilter& filter) {
  governance::MeetingQuery q;
  if (!filter.body.empty()) {
    q.body_kind = governance::body_kind_from_code(filter.body);
    if (!q.body_kind)
      return Error::bad_request("body", "governance.bad_body", {{"value", filter.body}});
  }
  if (!filter.year.empty()) {
    auto y = text::parse_int(filter.year);
    if (!y || *y < 1900 || *y > 9999)
      return Error::bad_request("year", "governance.bad_year", {{"value", filter.year}});
    q.year = static_cast<int>(*y);
  }
  if (!filter.unit.empty()) {
    auto u = organisation(filter.unit);
    if (!u) return u.error();
    q.unit_id = (*u)->id;
  }
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
  if (!filter.batch.empty()) {
    q.batch = governance::parse_batch(filter.batch);
    if (!q.batch)
      return Error::bad_request("batch", "governance.bad_batch", {{"value", filter.batch}});
  }
  if (!filter.status.empty()) {
    q.status = governance::application_status_from_code(filter.status);
    if (!q.status)
      return Error::bad_request("status", "governance.bad_application_status",
                                {{"value", filter.status}});
  }
  if (!filter.unit.empty()) {
    auto u = organisation(filter.unit);
    if (!u) return u.error();
    q.unit_id = (*u)->id;
  }
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
  if (!unit.empty()) {
    auto u = organisation(unit);
    if (!u) return u.error();
    q.unit_id = (*u)->id;
  }
  auto found = service_.memberships(q);
  std::erase_if(found, [&](const governance::Membership& m) { return !reaches(m.unit_id); });
  return found;
}

Result<std::vector<governance::Award>> GovernanceArea::awards(const std::string& year) {
  governance::AwardQuery q;
  if (!year.empty()) {
    auto y = text::parse_int(year);
    if (!y || *y < 1900 || *y > 9999)
      return Error::bad_request("year", "governance.bad_year", {{"value", year}});
    q.year = static_cast<int>(*y);
  }
  auto found = service_.awards(q);
  std::erase_if(found, [&](const governance::Award& a) { return !reaches(a.granting_unit_id); });
  return found;
}

}  // namespace htx::areas
