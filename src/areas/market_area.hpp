// The exchange as the pages, the JSON API and the command line all use it: the service built
// over the request's database and the exchange's data, the caller as a market actor (staff with
// their provinces, a cooperative's own account, a buyer's own account), the requests' fields
// parsed once into the service's inputs (every refusal naming its field), and the lists filtered
// in the database. A refusal is an Error whose kind decides the status at every edge.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "areas/caller.hpp"
#include "areas/fields.hpp"
#include "market/market_service.hpp"
#include "market/results_table.hpp"
#include "store/database.hpp"
#include "work/work.hpp"

namespace htx::areas {

// The filters of an offers or demand list as a request gives them ("" = any).
struct ListingFilter {
  std::string campaign;  // a campaign's code
  std::string product;   // a product's code
  std::string open;      // "1": only those with something still free
};

class MarketArea {
 public:
  MarketArea(store::Database& db, const Clock& clock, const market::MarketData& data,
             Caller caller);

  const Caller& caller() const { return caller_; }
  const market::MarketActor& actor() const { return actor_; }
  const market::MarketData& data() const { return service_.data(); }
  market::MarketService& service() { return service_; }

  bool signed_in() const { return caller_.principal.signed_in(); }
  bool can_read() const;    // any signed-in user (each sees what is theirs)
  bool is_staff() const;    // admin, national and provincial staff
  bool can_offer() const;   // staff and cooperatives' accounts
  bool can_demand() const;  // staff and buyers' accounts
  // Staff and national leaders: the orders, and the results of a period over every campaign.
  bool reads_every_sale() const;

  // ---- reads ----
  Result<std::vector<market::Offer>> offers(const ListingFilter& filter);
  Result<std::vector<market::Demand>> demand(const ListingFilter& filter);
  // The campaigns the caller may see: every one for staff and the signed-in, the published ones
  // for the public.
  std::vector<market::Campaign> campaigns();
  // A campaign by code: not found when none has it, or when it is not published and the caller
  // is not signed in.
  Result<market::Campaign> campaign(const std::string& code);
  // What results are of: a campaign (its code) as of a date, or, without a campaign, every sale
  // of a period whoever organised it, in the caller's provinces (those who read every sale).
  // Dates as the request gives them: `from` "" = from the first sale, `as_of` "" = today; a bad
  // one is a bad request naming it.
  struct ResultsOf {
    std::string campaign;
    std::string from;
    std::string as_of;
  };
  Result<market::CampaignResults> results(const ResultsOf& of);
  // A campaign's results as of a date ("" = today), from its sale lines.
  Result<market::CampaignResults> results(const std::string& code, const std::string& as_of) {
    return results(ResultsOf{code, "", as_of});
  }
  std::vector<market::Buyer> buyers();
  std::vector<market::Outlet> outlets_of(std::int64_t buyer_id);
  std::optional<market::Buyer> buyer(std::int64_t id) { return db_.market().find_buyer(id); }
  std::optional<market::Order> order(std::int64_t id) { return db_.market().find_order(id); }
  std::vector<market::Order> orders(std::optional<std::int64_t> campaign_id);
  std::string entity_name(std::int64_t entity_id);

  // ---- requests' fields into the service's inputs ----
  // entity, product, quantity, unit, standard, ocop_stars, from, to, province, place, min_lot,
  // floor_price, price_unit, campaign.
  Result<market::OfferInput> offer_input(const Fields& f);
  // buyer (code), outlet (id), product, quantity, unit, from, to, province, place,
  // ceiling_price, price_unit, campaign.
  Result<market::DemandInput> demand_input(const Fields& f);
  // A quantity of a product written in a unit ("5" "tấn"), in base units; for dispatch, receipt,
  // sale and a pairing by hand.
  Result<std::int64_t> amount(const std::string& product, const std::string& quantity,
                              const std::string& unit, const std::string& field);
  // A date as written (dd/mm/yyyy or yyyy-mm-dd): invalid on `field` otherwise; "" = today.
  Result<Date> date(const std::string& text, const std::string& field) const;

  // ---- writes ----
  Result<market::Offer> post_offer(const Fields& f);
  Result<market::Demand> post_demand(const Fields& f);
  Result<market::Proposal> propose(const std::string& campaign_code);
  // Confirms the proposal of the campaign as it is now (all its lines), or the lines given.
  Result<std::vector<market::Order>> confirm(const std::string& campaign_code,
                                             const std::vector<market::Pairing>& lines);
  // A pairing by hand: offer, demand (ids), quantity and unit (in the offer's product).
  Result<market::Pairing> pairing(const Fields& f);
  Result<market::Offer> withdraw_offer(std::int64_t id);
  Result<market::Demand> withdraw_demand(std::int64_t id);

  // Deliveries and sales of an order: quantity, unit (of the order's product) and on (date);
  // a sale also outlet (id) and value (đồng).
  Result<market::Order> dispatch(std::int64_t order_id, const Fields& f);
  Result<market::Order> receive(std::int64_t order_id, const Fields& f);
  Result<market::Sale> record_sale(std::int64_t order_id, const Fields& f);

  // A campaign from its fields: code, name, directive (a document's id), organiser (a unit's
  // code), partners and targets (one per line: "rau_qua 600 tấn"), provinces (ids, comma
  // separated), starts_on, ends_on; or from a task (origin_task) or a meeting's agenda item
  // (origin_item), whose title, document, unit and start fill the fields left empty.
  Result<market::Campaign> add_campaign(const Fields& f);
  Result<market::Campaign> set_campaign_status(const std::string& code, const std::string& status);
  // code, name, kind (BuyerKind code), province, contact.
  Result<market::Buyer> add_buyer(const Fields& f);
  // buyer (code), name, kind (OutletKind code), brand, province, address.
  Result<market::Outlet> add_outlet(const Fields& f);

 private:
  // The fields an offer and a demand share: product, quantity, unit, from, to, province, place,
  // the price (`price_field`, in price_unit or unit) and the campaign.
  struct ListingFields {
    std::string product, quantity, unit;
    Date from, to;
    std::string province, place;
    market::Price price;
    std::optional<std::int64_t> campaign_id;
  };
  // A list's filters as a query in the database: a bad one is a bad request on its parameter.
  Result<market::ListingQuery> query_of(const ListingFilter& filter);
  Result<ListingFields> listing_fields(const Fields& f, const std::string& price_field);
  Result<std::optional<std::int64_t>> campaign_id(const std::string& code,
                                                  const std::string& field);
  Result<market::Price> price(const Fields& f, const std::string& field,
                              const std::string& unit_field);
  // A delivery's or a sale's quantity (f's quantity and unit, in the order's product) and date.
  struct Movement {
    std::int64_t quantity = 0;
    Date on;
  };
  Result<Movement> movement(std::int64_t order_id, const Fields& f);
  Result<std::vector<market::CampaignTarget>> targets(const std::string& text);

  store::Database& db_;
  const Clock& clock_;
  Caller caller_;
  market::MarketActor actor_;
  market::MarketService service_;
  // The exchange's OCOP check over the certificates (src/ocop).
  class OcopRecords final : public market::OcopCertificates {
   public:
    explicit OcopRecords(ocop::OcopRepository& repo) : repo_(repo) {}
    bool holds(const std::string& entity_code, int stars, Date on) override;

   private:
    ocop::OcopRepository& repo_;
  };
  OcopRecords ocop_;

 public:
  // ---- for the web pages (wt-mpages) ----
  // The records a page names beside an order or a proposal's line (staff pages).
  std::optional<market::Offer> find_offer(std::int64_t id) { return db_.market().find_offer(id); }
  std::optional<market::Demand> find_demand(std::int64_t id) {
    return db_.market().find_demand(id);
  }
  std::optional<market::Outlet> find_outlet(std::int64_t id) {
    return db_.market().find_outlet(id);
  }
  // The work programme's units and documents a campaign names (organiser, directive).
  std::vector<work::Unit> work_units() { return db_.work().list_units(); }
  std::vector<work::Document> work_documents() { return db_.work().list_documents(); }
  std::string work_unit_name(std::int64_t id);
  std::string document_name(std::optional<std::int64_t> id);

  // ---- for every edge (wt-medges) ----
  // An offer and a demand as one: the side decides which.
  enum class Side { kOffer, kDemand };
  // The fields a post of the side takes (see offer_input, demand_input), and those without
  // which it is refused (the command line's required options).
  static const std::vector<std::string>& listing_fields(Side side);
  static const std::vector<std::string>& listing_required(Side side);
  // A post or a withdrawal of either side: the record's id, or the refusal.
  Result<std::int64_t> post_listing(Side side, const Fields& f);
  Result<std::int64_t> withdraw_listing(Side side, std::int64_t id);
  // A step of an order (dispatch, receipt, sale) with its fields: the order's id (a sale's id
  // for a sale), or the refusal.
  enum class Step { kDispatch, kReceive, kSale };
  Result<std::int64_t> order_step(Step step, std::int64_t order_id, const Fields& f);

  // A campaign's results as of a date broken down by the sellers' province and by seller
  // (cooperative), from its sale lines: each part a key (province id, entity code), its name
  // and its totals by group × unit, values included (the public's renderers drop them).
  struct ResultsBreakdown {
    std::vector<market::ResultsPart> by_province;
    std::vector<market::ResultsPart> by_cooperative;
  };
  Result<ResultsBreakdown> breakdown(const ResultsOf& of);
  Result<ResultsBreakdown> breakdown(const std::string& code, const std::string& as_of) {
    return breakdown(ResultsOf{code, "", as_of});
  }
  // The results as the page, the CSV and the .xlsx show them: the groups' and the channels'
  // sheets, then "provinces" and "cooperatives" (no value in the public's view);
  // `province_name` names a province by id (none: the id).
  Result<market::ResultsTable> results_table(
      const ResultsOf& of, const i18n::Catalog& cat, bool public_view,
      const std::function<std::string(const std::string&)>& province_name = {});
  Result<market::ResultsTable> results_table(
      const std::string& code, const std::string& as_of, const i18n::Catalog& cat, bool public_view,
      const std::function<std::string(const std::string&)>& province_name = {}) {
    return results_table(ResultsOf{code, "", as_of}, cat, public_view, province_name);
  }

 private:
  // A campaign the caller may see, and the date of its results ("" = today; a bad one is a bad
  // request on as_of).
  // The sale lines `of` selects (q.to always set) and its campaign, if any.
  struct Selection {
    std::optional<market::Campaign> campaign;
    market::SaleQuery query;
  };
  Result<Selection> select(const ResultsOf& of);
};

}  // namespace htx::areas
