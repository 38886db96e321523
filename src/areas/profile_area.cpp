#include "areas/profile_area.hpp"

#include <algorithm>

#include "areas/fund_area.hpp"
#include "areas/governance_area.hpp"
#include "areas/market_area.hpp"
#include "areas/ocop_area.hpp"
#include "areas/registry_area.hpp"
#include "core/enum_codes.hpp"
#include "registry/change_request_repository.hpp"
#include "registry/change_request_service.hpp"
#include "training/training_repository.hpp"
#include "training/training_service.hpp"

namespace htx::areas {

namespace {

using accounts::AccessPolicy;
using accounts::Role;

// A section's rows, or none when its area refused them.
template <class T>
std::vector<T> or_none(Result<std::vector<T>> rows) {
  return rows ? std::move(*rows) : std::vector<T>{};
}

Error not_own(const char* field) { return Error::forbidden("profile.not_own").on(field); }

}  // namespace

constexpr enum_codes::Codes<ProfileSection, 7> kSections{
    {"registry", "membership", "ocop", "training", "market", "fund", "awards"}};

std::string_view to_code(ProfileSection s) { return kSections.code(s, "registry"); }

ProfileArea::ProfileArea(ProfileSources sources, Caller caller)
    : src_(sources), caller_(std::move(caller)) {}

// A cooperative's own account, on its own record.
bool ProfileArea::own(const registry::Entity& e) const {
  const auto& p = caller_.principal;
  return AccessPolicy::can_borrow(p) && p.user->entity_code == e.code;
}

bool ProfileArea::in_scope(const registry::Entity& e) const {
  return caller_.scope.allows(e.province_id);
}

// Each section as its area lets the caller read it, in the caller's provinces; a cooperative's
// own account reads what is its own (its record, memberships and applications, products,
// trainings, offers and sales, loans, awards).
bool ProfileArea::sees(ProfileSection section, const registry::Entity& e) const {
  const auto& p = caller_.principal;
  if (!src_.access.can_view_entity(p, e.province_id, e.code)) return false;
  if (own(e)) return true;
  if (p.has_role(Role::kCooperative)) return false;
  switch (section) {
    case ProfileSection::kRegistry:
      return true;
    case ProfileSection::kMembership:
    case ProfileSection::kAwards:
    case ProfileSection::kTraining:
      // The work programme's readers (governance and training are read by its roles).
      return AccessPolicy::can_read_work(p) && in_scope(e);
    case ProfileSection::kOcop:
      return AccessPolicy::can_read_ocop(p) && in_scope(e);
    case ProfileSection::kMarket:
      // Those who read every sale of their provinces: staff and the national leader.
      return AccessPolicy::can_read_market(p) && AccessPolicy::can_read_work(p) && in_scope(e);
    case ProfileSection::kFund:
      return AccessPolicy::can_read_fund(p) && in_scope(e);
  }
  return false;
}

Result<Profile> ProfileArea::profile(const std::string& code) {
  RegistryArea registry(src_.db, src_.access, src_.geo, src_.sectors, src_.clock, caller_);
  auto history = registry.history(code);
  if (!history) return history.error();
  Profile out;
  out.entity = std::move(history->entity);
  out.events = std::move(history->events);
  const auto& e = out.entity;
  if (sees(ProfileSection::kMembership, e)) out.membership = governance_of(e);
  if (sees(ProfileSection::kOcop, e))
    out.ocop =
        or_none(OcopArea(src_.db, src_.clock, src_.ocop, caller_).list({{"producer", e.code}}));
  if (sees(ProfileSection::kTraining, e)) out.training = training_of(e);
  if (sees(ProfileSection::kMarket, e)) out.market = market_of(e);
  if (sees(ProfileSection::kFund, e))
    out.fund =
        or_none(FundArea(src_.db, src_.clock, src_.fund, caller_).loans({{"borrower", e.code}}));
  if (sees(ProfileSection::kAwards, e)) out.awards = awards_of(e);
  return out;
}

ProfileGovernance ProfileArea::governance_of(const registry::Entity& e) {
  GovernanceArea area(src_.db, src_.clock, caller_);
  auto& service = area.service();
  ProfileGovernance out;
  governance::ApplicationQuery aq;
  aq.entity_code = e.code;
  out.applications = service.applications(aq);
  governance::MembershipQuery mq;
  mq.entity_code = e.code;
  for (auto& m : service.memberships(mq)) {
    ProfileMembership pm;
    if (const work::Unit* u = area.unit(m.unit_id)) {
      pm.unit_code = u->code;
      pm.unit_name = u->name;
    }
    if (m.application_id) {
      auto a =
          std::find_if(out.applications.begin(), out.applications.end(),
                       [&](const governance::Application& x) { return x.id == *m.application_id; });
      if (a != out.applications.end()) pm.application = *a;
    }
    if (pm.application && pm.application->decision_item_id) {
      pm.item = area.item(*pm.application->decision_item_id);
      if (pm.item)
        if (auto meeting = service.meeting(pm.item->meeting_id)) {
          pm.meeting_title = meeting->summary.title;
          pm.meeting_on = meeting->summary.meeting.held_on;
        }
    }
    pm.membership = std::move(m);
    out.memberships.push_back(std::move(pm));
  }
  std::sort(out.memberships.begin(), out.memberships.end(),
            [](const ProfileMembership& a, const ProfileMembership& b) {
              return a.membership.since < b.membership.since;
            });
  return out;
}

// Awards name their recipient as written: the entity's name (a collective) or the organisation
// of a person (recipient_unit).
std::vector<governance::Award> ProfileArea::awards_of(const registry::Entity& e) {
  GovernanceArea area(src_.db, src_.clock, caller_);
  auto found = area.service().awards();
  const auto name = text::fold(e.name);
  std::erase_if(found, [&](const governance::Award& a) {
    return text::fold(a.recipient) != name && text::fold(a.recipient_unit) != name;
  });
  std::sort(found.begin(), found.end(), [](const governance::Award& a, const governance::Award& b) {
    return a.year != b.year ? a.year < b.year : a.id < b.id;
  });
  return found;
}

// The entity's trainees (training's records of the registry code) and the courses they
// completed, by start date.
std::vector<ProfileTraining> ProfileArea::training_of(const registry::Entity& e) {
  auto& repo = src_.db.training();
  training::TraineeQuery q;
  q.entity_code = e.code;
  std::vector<ProfileTraining> out;
  for (const auto& t : repo.list_trainees(q))
    for (const auto& en : repo.enrolments_of_trainee(t.id)) {
      if (!en.completed) continue;
      auto c = repo.find_course(en.course_id);
      if (!c) continue;
      out.push_back({t.full_name, c->code, c->topic, c->kind, c->starts_on, c->ends_on,
                     en.certificate_code, en.certified_on});
    }
  std::sort(out.begin(), out.end(), [](const ProfileTraining& a, const ProfileTraining& b) {
    if (a.starts_on != b.starts_on) return a.starts_on < b.starts_on;
    if (a.course_code != b.course_code) return a.course_code < b.course_code;
    return a.trainee < b.trainee;
  });
  return out;
}

// Its offers as the exchange shows them to the caller, and the sales of those offers.
ProfileMarket ProfileArea::market_of(const registry::Entity& e) {
  MarketArea area(src_.db, src_.clock, src_.market, caller_);
  ProfileMarket out;
  market::ListingQuery q;
  q.owner_id = e.id;
  out.offers = area.service().offers(q, area.actor());
  market::SaleQuery sq;
  sq.province_ids = std::vector<std::string>{e.province_id};
  for (auto& row : src_.db.market().list_sales(sq)) {
    if (row.seller_id != e.id) continue;
    out.sales_value += row.sale.value_dong;
    out.sales.push_back(std::move(row));
  }
  return out;
}

// ---- a cooperative acts on its own record ---------------------------------------------------

bool ProfileArea::can_decide(const std::string& province_id) const {
  const auto& p = caller_.principal;
  return !p.has_role(Role::kCooperative) && src_.access.can_create_entity(p, province_id);
}

namespace {

// The change requests' service over the request's database and the registry's service.
struct Changes {
  RegistryArea registry;
  registry::ChangeRequestService service;
  Changes(const ProfileSources& s, const Caller& c)
      : registry(s.db, s.access, s.geo, s.sectors, s.clock, c),
        service(s.db.change_requests(), registry.service(), s.db.registry(), s.db.audit(), s.db,
                s.clock) {}
};

}  // namespace

Result<registry::ChangeRequest> ProfileArea::propose(const std::string& code, const Fields& f) {
  Changes c(src_, caller_);
  auto e = c.registry.entity(code);
  if (!e) return e.error();
  if (!own(*e)) return not_own("code");
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : f)
    if (name != "note") values[name] = value;
  return c.service.propose(code, values, field_of(f, "note"), caller_.actor());
}

Result<std::vector<registry::ChangeRequest>> ProfileArea::queue() {
  const auto& p = caller_.principal;
  if (p.has_role(Role::kCooperative) || !src_.access.can_import(p))
    return Error::forbidden("profile.not_decider");
  Changes c(src_, caller_);
  registry::ChangeRequestQuery q;
  q.status = registry::ChangeStatus::kPending;
  if (!caller_.scope.is_all()) q.province_ids = caller_.scope.provinces();
  auto found = c.service.list(q);
  std::erase_if(found,
                [&](const registry::ChangeRequest& r) { return !can_decide(r.province_id); });
  return found;
}

Result<registry::ChangeRequest> ProfileArea::proposal(std::int64_t id) {
  Changes c(src_, caller_);
  auto r = c.service.find(id);
  if (!r) return Error::not_found("registry.change.not_found", {{"id", std::to_string(id)}});
  const auto& p = caller_.principal;
  const bool proposer = AccessPolicy::can_borrow(p) && p.user->entity_code == r->entity_code;
  if (!proposer && !can_decide(r->province_id)) return Error::forbidden("profile.not_decider");
  return std::move(*r);
}

Result<std::vector<registry::ChangeRequest>> ProfileArea::proposals_of(const std::string& code) {
  Changes c(src_, caller_);
  auto e = c.registry.readable(code);
  if (!e) return e.error();
  registry::ChangeRequestQuery q;
  q.entity_code = e->code;
  return c.service.list(q);
}

Result<registry::ChangeRequest> ProfileArea::decide(std::int64_t id, bool approve,
                                                    const Fields& f) {
  Changes c(src_, caller_);
  auto r = c.service.find(id);
  if (!r) return Error::not_found("registry.change.not_found", {{"id", std::to_string(id)}});
  if (!can_decide(r->province_id)) return Error::forbidden("profile.not_decider").on("decided_by");
  const auto reason = field_of(f, "reason");
  return approve ? c.service.approve(id, caller_.actor(), reason)
                 : c.service.reject(id, caller_.actor(), reason);
}

Result<governance::Application> ProfileArea::apply_for_membership(const std::string& code,
                                                                  const Fields& f) {
  RegistryArea registry(src_.db, src_.access, src_.geo, src_.sectors, src_.clock, caller_);
  auto e = registry.entity(code);
  if (!e) return e.error();
  if (!own(*e)) return not_own("code");
  governance::Application a;
  a.entity_code = e->code;
  const auto unit_code = field_of(f, "unit");
  for (const auto& u : src_.db.work().list_units()) {
    if (u.kind != work::UnitKind::kProvincial) continue;
    if (unit_code.empty() ? u.province_id == e->province_id : u.code == unit_code) a.unit_id = u.id;
  }
  if (!a.unit_id)
    return Error::invalid("unit", "profile.unknown_alliance",
                          {{"code", unit_code.empty() ? e->province_id : unit_code}});
  const auto batch = field_of(f, "batch");
  if (batch.empty()) return Error::invalid("batch", "field.required");
  auto b = governance::parse_batch(batch);
  if (!b) return Error::invalid("batch", "governance.bad_batch", {{"value", batch}});
  a.batch = *b;
  auto on = date_field(f, "applied_on", src_.clock.today());
  if (!on) return on.error();
  if (*on > src_.clock.today())
    return Error::invalid("applied_on", "field.date_in_future",
                          {{"field", "applied_on"}, {"value", on->vietnamese()}});
  a.applied_on = *on;
  a.note = field_of(f, "note");
  // The cooperative acts within its own province only: the alliance of another is out of it.
  GovernanceArea governance(src_.db, src_.clock, caller_);
  return governance.service().submit_application(a, caller_.actor(),
                                                 ProvinceScope::of({e->province_id}));
}

Result<training::Enrolment> ProfileArea::enrol(const std::string& code, const Fields& f) {
  RegistryArea registry(src_.db, src_.access, src_.geo, src_.sectors, src_.clock, caller_);
  auto e = registry.entity(code);
  if (!e) return e.error();
  if (!own(*e)) return not_own("code");
  auto& repo = src_.db.training();
  const auto course_code = field_of(f, "course");
  if (course_code.empty()) return Error::invalid("course", "field.required");
  auto course = repo.find_course_by_code(course_code);
  if (!course) return Error::invalid("course", "training.no_course", {{"code", course_code}});
  if (course->province_id != e->province_id)
    return Error::forbidden("profile.not_own").on("course");
  if (course->ends_on < src_.clock.today())
    return Error::invalid("course", "profile.course_ended",
                          {{"value", course_code}, {"date", course->ends_on.vietnamese()}});
  auto trainee_id = number_field(f, "trainee", std::nullopt);
  if (!trainee_id) return trainee_id.error();
  auto trainee = repo.find_trainee(*trainee_id);
  if (!trainee)
    return Error::invalid("trainee", "training.unknown_trainee",
                          {{"value", std::to_string(*trainee_id)}});
  if (trainee->entity_code != e->code) return not_own("trainee");
  std::optional<Date> on;
  if (!field_of(f, "enrolled_on").empty()) {
    auto d = date_field(f, "enrolled_on", std::nullopt);
    if (!d) return d.error();
    on = *d;
  }
  training::TrainingService service(repo, src_.db.work(), src_.db.registry(), src_.db.audit(),
                                    src_.db, src_.clock, src_.training);
  return service.enrol(course->id, trainee->id, on, caller_.actor(),
                       ProvinceScope::of({e->province_id}));
}

}  // namespace htx::areas
