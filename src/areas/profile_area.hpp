// One profile of a registry entity (issue 13, item 5) as the page, the JSON API and the command
// line all use it: everything HTX knows about the entity, gathered through the areas that own it
// (RegistryArea: the record and its events; GovernanceArea: memberships, the application and
// the meeting's agenda item that admitted it, awards; OcopArea: its products; TrainingArea's
// records: the trainings its people completed; MarketArea: its offers and sales; FundArea: its
// loans). Each section is decided from accounts::AccessPolicy for the caller: a section the
// caller may not read is absent (nullopt), not empty. The profile itself is the registry's full
// record: not found, or forbidden to whoever may not see it (another cooperative's account, a
// buyer, a provincial user of another province).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "areas/caller.hpp"
#include "areas/fields.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "fund/fund.hpp"
#include "fund/rules.hpp"
#include "geo/geography.hpp"
#include "governance/governance.hpp"
#include "market/market.hpp"
#include "market/market_repository.hpp"
#include "market/market_service.hpp"
#include "ocop/ocop_service.hpp"
#include "registry/change_request.hpp"
#include "registry/entity.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"
#include "training/rules.hpp"
#include "training/training.hpp"

namespace htx::areas {

// The sections of a profile, in the order the page shows them.
enum class ProfileSection { kRegistry, kMembership, kOcop, kTraining, kMarket, kFund, kAwards };
std::string_view to_code(ProfileSection s);  // "registry", "membership", "ocop", "training",
                                             // "market", "fund", "awards"

// A membership of an alliance, with the application and the agenda item that admitted it.
struct ProfileMembership {
  governance::Membership membership;
  std::string unit_code, unit_name;
  std::optional<governance::Application> application;
  std::optional<governance::AgendaItem> item;  // the admission item that decided it
  std::string meeting_title;  // "Hội nghị Ban Thường vụ lần thứ 3, khóa VI"
  std::optional<Date> meeting_on;
};

struct ProfileGovernance {
  std::vector<ProfileMembership> memberships;         // oldest first
  std::vector<governance::Application> applications;  // every application, pending ones too
};

// A course one of the entity's people completed.
struct ProfileTraining {
  std::string trainee;  // full name
  std::string course_code, topic, kind;
  Date starts_on, ends_on;
  std::string certificate_code;  // "" until certified
  std::optional<Date> certified_on;
};

struct ProfileMarket {
  std::vector<market::Offer> offers;
  std::vector<market::SaleRow> sales;  // of its offers, by date
  std::int64_t sales_value = 0;        // đồng, the sum of the sales' values
};

struct Profile {
  registry::Entity entity;
  std::vector<registry::Event> events;  // the founding first
  std::optional<ProfileGovernance> membership;
  std::optional<std::vector<ocop::CertificateView>> ocop;
  std::optional<std::vector<ProfileTraining>> training;
  std::optional<ProfileMarket> market;
  std::optional<std::vector<fund::Loan>> fund;
  std::optional<std::vector<governance::Award>> awards;
};

// What the areas a profile gathers from are built over.
struct ProfileSources {
  store::Database& db;
  const accounts::AccessPolicy& access;
  const geo::Geography& geo;
  const registry::Sectors& sectors;
  const Clock& clock;
  const market::MarketData& market;
  const fund::FundRules& fund;
  const ocop::OcopRules& ocop;
  const training::TrainingRules& training;
};

class ProfileArea {
 public:
  ProfileArea(ProfileSources sources, Caller caller);

  const Caller& caller() const { return caller_; }
  // Whether the caller reads the section of the entity's profile.
  bool sees(ProfileSection section, const registry::Entity& e) const;
  // The profile of the entity of `code`: not found ("registry.not_found"), or forbidden when
  // the caller may not see the entity's full record.
  Result<Profile> profile(const std::string& code);

  // ---- a cooperative acts on its own record ----
  // Its own account proposes; the staff who may enter records in its province (AccessPolicy's
  // can_create_entity: admin, national staff, the province's staff) decide; a cooperative never.
  bool can_propose(const registry::Entity& e) const { return own(e); }
  bool can_decide(const std::string& province_id) const;
  // The proposable fields (registry::proposable_fields) and note: forbidden on "code" unless
  // the record is the caller's own.
  Result<registry::ChangeRequest> propose(const std::string& code, const Fields& f);
  // The pending proposals of the caller's provinces, oldest first (the decision queue):
  // forbidden to those who decide none.
  Result<std::vector<registry::ChangeRequest>> queue();
  // One proposal: not found, or forbidden unless the caller decides it or proposed it.
  Result<registry::ChangeRequest> proposal(std::int64_t id);
  // The proposals of an entity whose profile the caller reads.
  Result<std::vector<registry::ChangeRequest>> proposals_of(const std::string& code);
  // reason (required to reject; a note to an approval). Forbidden on "decided_by" to whoever
  // may not decide in the entity's province, and to the proposer.
  Result<registry::ChangeRequest> decide(std::int64_t id, bool approve, const Fields& f);
  // The application of the caller's own cooperative to its provincial alliance: unit (an
  // alliance's code; default the alliance of the cooperative's province), batch ("2/2026"),
  // applied_on (default today), note. Forbidden on "code" for anyone's but its own.
  Result<governance::Application> apply_for_membership(const std::string& code, const Fields& f);
  // One of its own people into an open course of its province: course (code), trainee (id),
  // enrolled_on (default today). Forbidden on "trainee" for another cooperative's person, on
  // "course" for a course of another province; invalid on "course" for one that has ended.
  Result<training::Enrolment> enrol(const std::string& code, const Fields& f);

 private:
  bool own(const registry::Entity& e) const;
  bool in_scope(const registry::Entity& e) const;
  ProfileGovernance governance_of(const registry::Entity& e);
  std::vector<governance::Award> awards_of(const registry::Entity& e);
  std::vector<ProfileTraining> training_of(const registry::Entity& e);
  ProfileMarket market_of(const registry::Entity& e);

  ProfileSources src_;
  Caller caller_;
};

}  // namespace htx::areas
