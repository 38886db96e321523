// The exchange's writes and reads: validates, writes through the MarketRepository (and reads the
// registry's entities) inside one transaction, and writes an audit entry for every change.
// Expected outcomes are htx::Error values with catalogue keys "market.*" and a kind.
//
// Who acts is a MarketActor, resolved by the area layer from the principal: its name (for the
// audit log), the provinces it may act for (ProvinceScope, no default), and for a cooperative's
// or a buyer's own account the one entity or buyer it speaks for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audit/audit_log.hpp"
#include "audit/recording.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/scope.hpp"
#include "core/transaction.hpp"
#include "market/allocation.hpp"
#include "market/catalogue.hpp"
#include "market/market.hpp"
#include "market/market_repository.hpp"
#include "market/results.hpp"
#include "registry/registry_repository.hpp"

namespace htx::market {

struct MarketActor {
  std::string name;
  ProvinceScope scope;                         // staff: where they act; own accounts: none()
  std::optional<std::string> own_entity_code;  // a cooperative's account: its entity only
  std::optional<std::int64_t> own_buyer_id;    // a buyer's account: its buyer only
  bool staff() const { return !own_entity_code && !own_buyer_id; }
};

// The exchange's reference data, loaded once from data/.
struct MarketData {
  Catalogue catalogue;
  AllocationParameters allocation;
  Distances distances;
  std::vector<OutletKind> outlet_kinds;
  NarrativeRules narrative;
  static MarketData load(const std::filesystem::path& data_dir);
};

// An offer or a demand as a form or a request gives it: the quantity as written.
struct OfferInput {
  std::string entity_code;
  std::string product;
  std::string quantity;  // "1,5"
  std::string unit;      // "tấn"
  Standard standard = Standard::kNone;
  int ocop_stars = 0;
  Date available_from, available_to;
  std::string province_id;  // "" = the entity's own
  std::string place;
  std::string min_lot;  // in `unit`, "" = any
  Price floor_price;
  std::optional<std::int64_t> campaign_id;
};

struct DemandInput {
  std::int64_t buyer_id = 0;
  std::optional<std::int64_t> outlet_id;
  std::string product;
  std::string quantity;
  std::string unit;
  Date wanted_from, wanted_to;
  std::string province_id;  // delivery place; "" = the outlet's (or the buyer's)
  std::string place;
  Price ceiling_price;
  std::optional<std::int64_t> campaign_id;
};

// One line of a proposal to confirm (staff may confirm a part of the proposal, or pair by hand).
struct Pairing {
  std::int64_t offer_id = 0;
  std::int64_t demand_id = 0;
  std::int64_t quantity = 0;  // base units
};

struct CampaignProgress {
  CampaignTarget target;
  std::int64_t sold = 0;  // base units of the target's dimension, of the group
};

// The results of a campaign (its targets' progress included), or of every sale of a period in
// some provinces (no campaign: its id is 0 and there is no progress).
struct CampaignResults {
  Campaign campaign;
  std::optional<Date> from;  // a period's first day; none: from the first sale
  Date as_of;
  std::vector<Total> totals;             // by group × unit
  std::vector<Total> totals_by_channel;  // by group × channel × unit
  std::vector<CampaignProgress> progress;
  std::int64_t value_dong = 0;
  std::int64_t sale_lines = 0;
  std::string narrative;
};

// The repository's calls for offers or for demand (market_service.cpp).
template <typename Listing>
struct ListingKind;

// The OCOP records as the exchange asks them (issue 11's bad input: "an OCOP star claimed without
// a valid certificate"): whether an entity holds a certificate of `stars` valid on a date. The
// area gives one over the certificates (areas/market_area.cpp, src/ocop); without one, only the
// stars' range is checked.
class OcopCertificates {
 public:
  virtual ~OcopCertificates() = default;
  virtual bool holds(const std::string& entity_code, int stars, Date on) = 0;
};

class MarketService : private audit::Recording {
 public:
  MarketService(MarketRepository& repo, registry::RegistryRepository& registry,
                audit::AuditLog& audit, TransactionManager& tx, const Clock& clock,
                const MarketData& data)
      : Recording(audit, tx, clock), repo_(repo), registry_(registry), data_(data) {}

  const MarketData& data() const { return data_; }
  // From then on an offer claiming OCOP stars needs a valid certificate of its entity (today).
  void check_ocop_with(OcopCertificates* certificates) { ocop_ = certificates; }

  // ---- buyers, outlets, campaigns (staff) ----
  Result<Buyer> add_buyer(Buyer buyer, const MarketActor& actor);
  Result<Outlet> add_outlet(Outlet outlet, const MarketActor& actor);
  Result<Campaign> add_campaign(Campaign campaign, const MarketActor& actor);
  Result<Campaign> set_campaign_status(std::int64_t id, CampaignStatus status,
                                       const MarketActor& actor);

  // ---- offers and demand ----
  // A cooperative's account posts for its own entity only; staff for the entities of their
  // provinces; a dissolved or suspended entity cannot offer.
  Result<Offer> post_offer(const OfferInput& input, const MarketActor& actor);
  // A buyer's account posts for itself only; staff for any buyer, delivering in their provinces.
  Result<Demand> post_demand(const DemandInput& input, const MarketActor& actor);
  Result<Offer> withdraw_offer(std::int64_t id, const MarketActor& actor);
  Result<Demand> withdraw_demand(std::int64_t id, const MarketActor& actor);

  // Open offers and demand (optionally of a campaign) with what is still free, in the actor's
  // reach: staff their provinces, a cooperative its own offers, a buyer its own demand.
  std::vector<Offer> offers(const ListingQuery& query, const MarketActor& actor);
  std::vector<Demand> demand(const ListingQuery& query, const MarketActor& actor);

  // ---- allocation (staff) ----
  // The optimal allocation of the open offers and demand (of a campaign, if given) within the
  // actor's provinces; nothing is written.
  Result<Proposal> propose(std::optional<std::int64_t> campaign_id, const MarketActor& actor);
  // Confirms pairings as orders, all or none: each offer's and demand's committed quantity is
  // raised inside the transaction, so that two confirmations of the same offer at the same
  // moment cannot together exceed it ("market.oversold", conflict).
  Result<std::vector<Order>> confirm(const std::vector<Pairing>& pairings,
                                     const MarketActor& actor);

  // ---- deliveries and sales (staff, or the buyer of the order) ----
  Result<Order> dispatch(std::int64_t order_id, std::int64_t quantity, Date on,
                         const MarketActor& actor);
  // Received with losses: received ≤ dispatched, the rest recorded as lost.
  Result<Order> receive(std::int64_t order_id, std::int64_t quantity, Date on,
                        const MarketActor& actor);
  // A sale out of a received order: never above what was received less what was sold.
  Result<Sale> record_sale(std::int64_t order_id, std::int64_t outlet_id, std::int64_t quantity,
                           std::int64_t value_dong, Date on, const MarketActor& actor);

  // ---- results ----
  // A campaign's results as of a date, from its sale lines. Published campaigns are public.
  Result<CampaignResults> results(std::int64_t campaign_id, Date as_of);
  // The results of the sale lines `q` selects (a campaign's, a period's, some provinces'), as of
  // q.to (which it needs); the progress against `campaign`'s targets when one is given.
  CampaignResults results_of(const SaleQuery& q, const Campaign* campaign);

 private:
  Result<registry::Entity> entity_for_offer(const std::string& code, const MarketActor& actor);
  Result<Quantity> quantity_of(const Product& product, const std::string& amount,
                               const std::string& unit, const std::string& field);
  // What an offer and a demand check alike once their province is known: the actor's scope and
  // an open campaign.
  Status may_list(const std::string& province_id, const std::optional<std::int64_t>& campaign_id,
                  const MarketActor& actor);
  // What posting an offer and a demand end with alike: may_list(), then the listing's own
  // `check`; if both pass, stamps who recorded it and when, inserts it and logs it.
  template <typename Listing, typename Check>
  Status record(Listing& listing, Check check, const ListingKind<Listing>& kind,
                const MarketActor& actor);
  // Withdraws a listing the actor reaches ("market.<type>_not_found" otherwise).
  template <typename Listing>
  Result<Listing> withdraw(std::int64_t id, const ListingKind<Listing>& kind,
                           const MarketActor& actor);
  // The order, if the actor reaches it through its offer or its demand (`side`), and that
  // listing; market.order_state unless the order is in `status`.
  template <typename Listing>
  Result<std::pair<Order, Listing>> order_of(std::int64_t order_id, OrderStatus status,
                                             const ListingKind<Listing>& side,
                                             const MarketActor& actor);
  // One step of an order's delivery, from status `from`, by the side that takes it: `apply`
  // checks and changes the order, which is then written and logged as "market.order.<step>".
  template <typename Listing, typename Step>
  Result<Order> step_order(std::int64_t order_id, OrderStatus from,
                           const ListingKind<Listing>& side, const std::string& step, Step apply,
                           const MarketActor& actor);
  bool reaches(const MarketActor& actor, const Offer& offer);
  bool reaches(const MarketActor& actor, const Demand& demand);

  MarketRepository& repo_;
  registry::RegistryRepository& registry_;
  const MarketData& data_;
  OcopCertificates* ocop_ = nullptr;
};

}  // namespace htx::market
