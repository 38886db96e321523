// Storage of the exchange (buyers, outlets, campaigns, offers, demand, orders, sales),
// implemented by each backend under src/store/ and checked by one contract suite
// (tests/store/market_contract_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/repository.hpp"
#include "market/market.hpp"
#include "market/results.hpp"

namespace htx::market {

struct ListingQuery {
  std::optional<std::int64_t> campaign_id;
  std::optional<std::string> product;
  std::optional<std::vector<std::string>> province_ids;  // nullopt = any province
  std::optional<std::int64_t> owner_id;                  // offers: entity id; demand: buyer id
  bool open_only = false;                                // status open and not all committed
};

struct SaleQuery {
  std::optional<std::int64_t> campaign_id;
  std::optional<Date> from, to;                          // sold_on within, both ends included
  std::optional<std::vector<std::string>> province_ids;  // the seller's province
};

// A sale as the results read it, joined to its outlet, buyer and offer.
struct SaleRow {
  Sale sale;
  Outlet outlet;
  std::string buyer_name;
  std::int64_t seller_id = 0;
  std::string seller_province_id;
};

// Sales added up by product and outlet (with the outlet's kind and brand and its buyer, the
// channel): what a campaign's results read, one fact per product × outlet, not per sale line
// (`lines` says how many; the seller and the date left out).
using SaleTotal = SaleFact;

class MarketRepository {
 public:
  virtual ~MarketRepository() = default;

  // Buyers: code is unique (callers check find_buyer_by_code first).
  HTX_CODED_RECORDS(Buyer, buyer, buyers);  // listed by name

  HTX_KEPT_RECORDS(Outlet, outlet);
  virtual std::vector<Outlet> outlets_of(std::int64_t buyer_id) = 0;  // by id

  // Campaigns: code is unique.
  HTX_CODED_RECORDS(Campaign, campaign, campaigns);  // listed newest start first
  virtual void update_campaign(const Campaign& campaign) = 0;

  virtual std::int64_t insert_offer(const Offer& o) = 0;
  virtual void update_offer_status(std::int64_t id, ListingStatus status) = 0;
  virtual std::optional<Offer> find_offer(std::int64_t id) = 0;
  virtual std::vector<Offer> list_offers(const ListingQuery& q) = 0;  // by id

  virtual std::int64_t insert_demand(const Demand& d) = 0;
  virtual void update_demand_status(std::int64_t id, ListingStatus status) = 0;
  virtual std::optional<Demand> find_demand(std::int64_t id) = 0;
  virtual std::vector<Demand> list_demand(const ListingQuery& q) = 0;  // by id

  // Adds `quantity` to an open listing's committed quantity if that keeps it within the listed
  // quantity, in one statement (the database row's own lock decides between concurrent
  // callers); false, and nothing changed, otherwise.
  virtual bool commit_offer(std::int64_t offer_id, std::int64_t quantity) = 0;
  virtual bool commit_demand(std::int64_t demand_id, std::int64_t quantity) = 0;

  HTX_RECORDS(Order, order);
  virtual std::vector<Order> orders_of_campaign(std::optional<std::int64_t> campaign_id) = 0;

  virtual std::int64_t insert_sale(const Sale& s) = 0;
  // Base units sold out of an order so far.
  virtual std::int64_t sold_of_order(std::int64_t order_id) = 0;
  virtual std::vector<SaleRow> list_sales(const SaleQuery& q) = 0;  // by date, then id
  // The same sales added up in the database, by product, then outlet.
  virtual std::vector<SaleTotal> sale_totals(const SaleQuery& q) = 0;
};

}  // namespace htx::market
