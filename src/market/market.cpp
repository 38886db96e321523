#include "market/market.hpp"

#include "core/enum_code_functions.hpp"
#include "core/json_record.hpp"
#include "market/allocation.hpp"

namespace htx::market {

namespace {

constexpr enum_codes::Codes<BuyerKind, 6> kBuyerKinds{
    {"retail_chain", "supermarket", "alliance_point", "e_commerce", "institution", "wholesaler"},
    {"Chuỗi bán lẻ", "Siêu thị", "Điểm bán hàng của Liên minh HTX", "Sàn thương mại điện tử",
     "Bếp ăn tập thể, cơ quan", "Thương lái, chợ đầu mối"}};
constexpr enum_codes::Codes<CampaignStatus, 3> kCampaignStatuses{
    {"open", "closed", "published"}, {"đang diễn ra", "đã kết thúc", "đã công bố kết quả"}};
constexpr enum_codes::Codes<Standard, 5> kStandards{
    {"none", "vietgap", "organic", "ocop", "globalgap"},
    {"không", "VietGAP", "hữu cơ", "OCOP", "GlobalGAP"}};
constexpr enum_codes::Codes<ListingStatus, 3> kListingStatuses{{"open", "closed", "withdrawn"},
                                                               {"đang mở", "đã đóng", "đã rút"}};
constexpr enum_codes::Codes<OrderStatus, 4> kOrderStatuses{
    {"confirmed", "dispatched", "received", "cancelled"},
    {"đã xác nhận", "đã xuất hàng", "đã nhận hàng", "đã hủy"}};

// The checks both listings share: the product, a quantity > 0, the window, a price ≥ 0 in a unit
// that measures the product.
Status check_listing(const std::string& product_code, const Quantity& quantity, Date from, Date to,
                     const Price& price, const std::string& price_field,
                     const Catalogue& catalogue) {
  const Product* product = catalogue.product(product_code);
  if (!product)
    return Error::invalid("product", "market.unknown_product", {{"value", product_code}});
  if (quantity.amount <= 0)
    return Error::invalid("quantity", "market.quantity_not_positive",
                          {{"value", std::to_string(quantity.amount)}});
  if (quantity.dimension != product->dimension)
    return Error::invalid("unit", "market.unit_other_dimension",
                          {{"unit", std::string(to_code(quantity.dimension))},
                           {"product", product->name},
                           {"dimension", std::string(to_code(product->dimension))}});
  if (to < from)
    return Error::invalid("to", "market.window_reversed",
                          {{"from", from.vietnamese()}, {"to", to.vietnamese()}});
  if (price.dong < 0)
    return Error::invalid(price_field, "market.price_negative",
                          {{"value", std::to_string(price.dong)}});
  if (price.dong > 0 && !price_per_lot(price, *product, catalogue))
    return Error::invalid(price_field, "market.unit_other_dimension",
                          {{"unit", price.unit},
                           {"product", product->name},
                           {"dimension", std::string(to_code(product->dimension))}});
  return Ok{};
}

nlohmann::json quantity_json(const Quantity& q) {
  return json_record("amount", q.amount, "dimension", q.dimension);
}
nlohmann::json price_json(const Price& p) { return json_record("dong", p.dong, "unit", p.unit); }

}  // namespace

nlohmann::json to_json(const Buyer& b) {
  return json_record("id", b.id, "code", b.code, "name", b.name, "kind", b.kind, "province_id",
                     b.province_id, "contact", b.contact);
}
nlohmann::json to_json(const Outlet& o) {
  return json_record("id", o.id, "buyer_id", o.buyer_id, "name", o.name, "kind", o.kind, "brand",
                     o.brand, "province_id", o.province_id, "address", o.address);
}
nlohmann::json to_json(const Campaign& c) {
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : c.targets)
    targets.push_back(
        json_record("group", t.group, "quantity", quantity_json(t.quantity), "unit", t.unit));
  return json_record("id", c.id, "code", c.code, "name", c.name, "directive_document_id",
                     c.directive_document_id, "organiser_unit_id", c.organiser_unit_id, "partners",
                     c.partners, "province_ids", c.province_ids, "starts_on", c.starts_on,
                     "ends_on", c.ends_on, "origin_item_id", c.origin_item_id, "origin_task_id",
                     c.origin_task_id, "status", c.status, "targets", targets);
}
nlohmann::json to_json(const Offer& o) {
  return json_record("id", o.id, "entity_id", o.entity_id, "product", o.product, "quantity",
                     quantity_json(o.quantity), "unit", o.unit, "standard", o.standard,
                     "ocop_stars", o.ocop_stars, "available_from", o.available_from, "available_to",
                     o.available_to, "province_id", o.province_id, "place", o.place, "min_lot",
                     o.min_lot, "floor_price", price_json(o.floor_price), "campaign_id",
                     o.campaign_id, "status", o.status, "committed", o.committed);
}
nlohmann::json to_json(const Demand& d) {
  return json_record("id", d.id, "buyer_id", d.buyer_id, "outlet_id", d.outlet_id, "product",
                     d.product, "quantity", quantity_json(d.quantity), "unit", d.unit,
                     "wanted_from", d.wanted_from, "wanted_to", d.wanted_to, "province_id",
                     d.province_id, "place", d.place, "ceiling_price", price_json(d.ceiling_price),
                     "campaign_id", d.campaign_id, "status", d.status, "committed", d.committed);
}
nlohmann::json to_json(const Order& o) {
  return json_record("id", o.id, "offer_id", o.offer_id, "demand_id", o.demand_id, "quantity",
                     o.quantity, "price_per_lot", o.price_per_lot, "campaign_id", o.campaign_id,
                     "status", o.status, "dispatched", o.dispatched, "received", o.received, "lost",
                     o.lost, "dispatched_on", o.dispatched_on, "received_on", o.received_on);
}
nlohmann::json to_json(const Sale& s) {
  return json_record("id", s.id, "order_id", s.order_id, "offer_id", s.offer_id, "outlet_id",
                     s.outlet_id, "product", s.product, "quantity", s.quantity, "value_dong",
                     s.value_dong, "sold_on", s.sold_on, "campaign_id", s.campaign_id);
}

// Each enum's code, its reading back and its Vietnamese name, from its table above.
HTX_NAMED_ENUM_CODES(BuyerKind, buyer_kind_from_code, kBuyerKinds)
HTX_NAMED_ENUM_CODES(CampaignStatus, campaign_status_from_code, kCampaignStatuses)
HTX_NAMED_ENUM_CODES(Standard, standard_from_code, kStandards)
HTX_NAMED_ENUM_CODES(ListingStatus, listing_status_from_code, kListingStatuses)
HTX_NAMED_ENUM_CODES(OrderStatus, order_status_from_code, kOrderStatuses)

std::optional<std::int64_t> price_per_lot(const Price& price, const Product& product,
                                          const Catalogue& catalogue) {
  const Unit* unit = catalogue.unit(price.unit);
  if (!unit) return std::nullopt;
  auto per = catalogue.base_per_unit(product, *unit);
  if (!per) return std::nullopt;
  // dong per `per` base units -> dong per lot_size base units, half up.
  __int128 num = static_cast<__int128>(price.dong) * lot_size(product.dimension);
  __int128 den = *per;
  return static_cast<std::int64_t>((2 * num + den) / (2 * den));
}

Status check_offer(const Offer& offer, const Catalogue& catalogue) {
  auto listing = check_listing(offer.product, offer.quantity, offer.available_from,
                               offer.available_to, offer.floor_price, "floor_price", catalogue);
  if (!listing) return listing;
  if (offer.standard == Standard::kOcop && (offer.ocop_stars < 3 || offer.ocop_stars > 5))
    return Error::invalid("ocop_stars", "market.ocop_stars",
                          {{"value", std::to_string(offer.ocop_stars)}});
  if (offer.standard != Standard::kOcop && offer.ocop_stars != 0)
    return Error::invalid("ocop_stars", "market.ocop_stars_without_ocop",
                          {{"value", std::to_string(offer.ocop_stars)}});
  if (offer.min_lot < 0 || offer.min_lot > offer.quantity.amount)
    return Error::invalid("min_lot", "market.min_lot_above_quantity");
  if (offer.province_id.empty()) return Error::invalid("province", "field.required");
  return Ok{};
}

Status check_demand(const Demand& demand, const Catalogue& catalogue, Date today) {
  auto listing = check_listing(demand.product, demand.quantity, demand.wanted_from,
                               demand.wanted_to, demand.ceiling_price, "ceiling_price", catalogue);
  if (!listing) return listing;
  if (demand.wanted_to < today)
    return Error::invalid("to", "market.demand_in_the_past",
                          {{"to", demand.wanted_to.vietnamese()}, {"today", today.vietnamese()}});
  if (demand.province_id.empty()) return Error::invalid("province", "field.required");
  return Ok{};
}

}  // namespace htx::market
