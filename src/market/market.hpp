// The supply–demand exchange's records: buyers and their outlets, campaigns (chương trình / đợt
// hỗ trợ tiêu thụ) with their targets, offers (chào bán) of the registry's entities, demand (nhu
// cầu) of buyers, orders (confirmed allocations), deliveries and sales. Quantities are integer
// base units of the product's dimension (catalogue.hpp); money is integer đồng.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "market/catalogue.hpp"

namespace htx::market {

// ---- buyers and outlets ----------------------------------------------------------------------

enum class BuyerKind {
  kRetailChain,    // chuỗi bán lẻ (Saigon Co.op)
  kSupermarket,    // siêu thị (BigC, Lotte)
  kAlliancePoint,  // điểm bán hàng của Liên minh HTX
  kECommerce,      // sàn thương mại điện tử
  kInstitution,    // bếp ăn tập thể, trường học, bệnh viện
  kWholesaler,     // thương lái, chợ đầu mối
};
std::string_view to_code(BuyerKind k);
std::optional<BuyerKind> buyer_kind_from_code(std::string_view code);
std::string_view vietnamese_name(BuyerKind k);

struct Buyer {
  std::int64_t id = 0;
  std::string code;  // short, unique: "SAIGONCOOP"
  std::string name;  // "Saigon Co.op"
  BuyerKind kind = BuyerKind::kRetailChain;
  std::string province_id;  // head office
  std::string contact;
  std::string recorded_by;
  std::string recorded_at;
};

struct Outlet {
  std::int64_t id = 0;
  std::int64_t buyer_id = 0;
  std::string name;   // "Co.op Food Nguyễn Trãi"
  std::string kind;   // OutletKind::code (data/market/outlet_kinds.csv): "cua_hang_tien_ich"
  std::string brand;  // "Coopfood"; how the results' prose names it
  std::string province_id;
  std::string address;
};

// ---- campaigns --------------------------------------------------------------------------------

enum class CampaignStatus { kOpen, kClosed, kPublished };
std::string_view to_code(CampaignStatus s);
std::optional<CampaignStatus> campaign_status_from_code(std::string_view code);
std::string_view vietnamese_name(CampaignStatus s);

struct CampaignTarget {
  std::string group;  // ProductGroup::code
  Quantity quantity;  // in the group's products' dimension
  std::string unit;   // the unit it was written in (for display)
};

struct Campaign {
  std::int64_t id = 0;
  std::string code;  // "HD-2021"
  std::string name;  // "Hỗ trợ HTX Hải Dương tiêu thụ nông sản"
  std::optional<std::int64_t> directive_document_id;  // work::Document (81/LMHTXVN)
  std::int64_t organiser_unit_id = 0;                 // work::Unit
  std::vector<std::string> partners;      // "Saigon Co.op", "Liên minh HTX TP Hà Nội"
  std::vector<std::string> province_ids;  // the provinces concerned
  Date starts_on;
  std::optional<Date> ends_on;
  std::optional<std::int64_t> origin_item_id;  // governance::AgendaItem it came from
  std::optional<std::int64_t> origin_task_id;  // work::Task it came from
  CampaignStatus status = CampaignStatus::kOpen;
  std::vector<CampaignTarget> targets;
  std::string recorded_by;
  std::string recorded_at;
};

// ---- offers and demand ------------------------------------------------------------------------

enum class Standard { kNone, kVietGap, kOrganic, kOcop, kGlobalGap };
std::string_view to_code(Standard s);
std::optional<Standard> standard_from_code(std::string_view code);
std::string_view vietnamese_name(Standard s);

enum class ListingStatus { kOpen, kClosed, kWithdrawn };
std::string_view to_code(ListingStatus s);
std::optional<ListingStatus> listing_status_from_code(std::string_view code);
std::string_view vietnamese_name(ListingStatus s);

// A price as written: đồng per one `unit` (12.000 đ/kg); 0 = not stated.
struct Price {
  std::int64_t dong = 0;
  std::string unit;  // Unit::code
};

struct Offer {
  std::int64_t id = 0;
  std::int64_t entity_id = 0;  // registry entity (HTX, LHHTX, THT)
  std::string product;         // Product::code
  Quantity quantity;           // offered
  std::string unit;            // as written, for display
  Standard standard = Standard::kNone;
  int ocop_stars = 0;  // with Standard::kOcop: 3 to 5
  Date available_from, available_to;
  std::string province_id;   // where the produce is
  std::string place;         // "xã Thanh Xuân, huyện Thanh Hà"
  std::int64_t min_lot = 0;  // base units; 0 = any
  Price floor_price;
  std::optional<std::int64_t> campaign_id;
  ListingStatus status = ListingStatus::kOpen;
  std::int64_t committed = 0;  // base units in confirmed orders; never above quantity
  std::string recorded_by;
  std::string recorded_at;
};

struct Demand {
  std::int64_t id = 0;
  std::int64_t buyer_id = 0;
  std::optional<std::int64_t> outlet_id;
  std::string product;
  Quantity quantity;
  std::string unit;
  Date wanted_from, wanted_to;  // delivery window
  std::string province_id;      // delivery place
  std::string place;
  Price ceiling_price;
  std::optional<std::int64_t> campaign_id;
  ListingStatus status = ListingStatus::kOpen;
  std::int64_t committed = 0;
  std::string recorded_by;
  std::string recorded_at;
};

// ---- orders, deliveries, sales ---------------------------------------------------------------

enum class OrderStatus { kConfirmed, kDispatched, kReceived, kCancelled };
std::string_view to_code(OrderStatus s);
std::optional<OrderStatus> order_status_from_code(std::string_view code);
std::string_view vietnamese_name(OrderStatus s);

// A confirmed allocation: `quantity` of an offer to a demand.
struct Order {
  std::int64_t id = 0;
  std::int64_t offer_id = 0;
  std::int64_t demand_id = 0;
  std::int64_t quantity = 0;       // base units
  std::int64_t price_per_lot = 0;  // đồng per kg, piece or litre agreed (the offer's floor)
  std::optional<std::int64_t> campaign_id;
  OrderStatus status = OrderStatus::kConfirmed;
  std::int64_t dispatched = 0;  // base units
  std::int64_t received = 0;
  std::int64_t lost = 0;  // dispatched − received, recorded on receipt
  std::optional<Date> dispatched_on, received_on;
  std::string confirmed_by;
  std::string confirmed_at;
};

struct Sale {
  std::int64_t id = 0;
  std::optional<std::int64_t> order_id;  // none for a sale recorded at a point of sale directly
  std::int64_t offer_id = 0;             // whose produce
  std::int64_t outlet_id = 0;
  std::string product;
  std::int64_t quantity = 0;  // base units
  std::int64_t value_dong = 0;
  Date sold_on;
  std::optional<std::int64_t> campaign_id;
  std::string recorded_by;
  std::string recorded_at;
};

// ---- as JSON (the API's bodies and the audit log's before/after) ----------------------------
nlohmann::json to_json(const Buyer& b);
nlohmann::json to_json(const Outlet& o);
nlohmann::json to_json(const Campaign& c);
nlohmann::json to_json(const Offer& o);
nlohmann::json to_json(const Demand& d);
nlohmann::json to_json(const Order& o);
nlohmann::json to_json(const Sale& s);

// ---- checks of one record on its own (the service adds those that need the store) -------------

// A window that ends before it starts; a demand wholly before `today`; an OCOP star outside 3–5
// (MarketService checks the entity's certificate); a price below 0; a minimum lot above the
// quantity.
Status check_offer(const Offer& offer, const Catalogue& catalogue);
Status check_demand(const Demand& demand, const Catalogue& catalogue, Date today);

// A price per lot (kg, piece, litre) of `product` from a price per `price.unit`, rounded half up;
// nullopt when the unit cannot measure the product.
std::optional<std::int64_t> price_per_lot(const Price& price, const Product& product,
                                          const Catalogue& catalogue);

}  // namespace htx::market
