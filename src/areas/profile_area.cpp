#include "areas/profile_area.hpp"

#include <algorithm>

#include "areas/fund_area.hpp"
#include "areas/governance_area.hpp"
#include "areas/market_area.hpp"
#include "areas/ocop_area.hpp"
#include "areas/registry_area.hpp"
#include "training/training_repository.hpp"

namespace htx::areas {

namespace {

using accounts::AccessPolicy;
using accounts::Role;

}  // namespace

std::string_view to_code(ProfileSection s) {
  switch (s) {
    case ProfileSection::kRegistry:
      return "registry";
    case ProfileSection::kMembership:
      return "membership";
    case ProfileSection::kOcop:
      return "ocop";
    case ProfileSection::kTraining:
      return "training";
    case ProfileSection::kMarket:
      return "market";
    case ProfileSection::kFund:
      return "fund";
    case ProfileSection::kAwards:
      return "awards";
  }
  return "registry";
}

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
  if (sees(ProfileSection::kOcop, e)) {
    OcopArea ocop(src_.db, src_.clock, src_.ocop, caller_);
    auto products = ocop.list({{"producer", e.code}});
    out.ocop = products ? std::move(*products) : std::vector<ocop::CertificateView>{};
  }
  if (sees(ProfileSection::kTraining, e)) out.training = training_of(e);
  if (sees(ProfileSection::kMarket, e)) out.market = market_of(e);
  if (sees(ProfileSection::kFund, e)) {
    FundArea fund(src_.db, src_.clock, src_.fund, caller_);
    auto loans = fund.loans({{"borrower", e.code}});
    out.fund = loans ? std::move(*loans) : std::vector<fund::Loan>{};
  }
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

}  // namespace htx::areas
