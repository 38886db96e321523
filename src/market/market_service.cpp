#include "market/market_service.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"

namespace htx::market {

// What MarketService does alike for offers and demand, through the repository's calls of each.
template <typename Listing>
struct ListingKind {
  std::string type;  // "offer", "demand": the audit log's type, the middle of actions and keys
  std::int64_t (MarketRepository::*insert)(const Listing&);
  std::optional<Listing> (MarketRepository::*find)(std::int64_t);
  void (MarketRepository::*update_status)(std::int64_t, ListingStatus);
  std::int64_t Order::*in_order;  // the order's offer_id or demand_id
};

namespace {

Error required(const std::string& field) { return Error::invalid(field, "field.required"); }

Error not_yours() { return Error::forbidden("market.not_yours"); }

const ListingKind<Offer> kOffers{"offer", &MarketRepository::insert_offer,
                                 &MarketRepository::find_offer,
                                 &MarketRepository::update_offer_status, &Order::offer_id};
const ListingKind<Demand> kDemand{"demand", &MarketRepository::insert_demand,
                                  &MarketRepository::find_demand,
                                  &MarketRepository::update_demand_status, &Order::demand_id};

// A buyer's or a campaign's code and name, trimmed (the name in NFC); both are required.
template <typename Coded>
Status trim_code_and_name(Coded& record) {
  record.code = std::string(text::trim(record.code));
  record.name = text::to_nfc(text::trim(record.name));
  if (record.code.empty()) return required("code");
  if (record.name.empty()) return required("name");
  return Ok{};
}

// Who recorded a record, and when.
template <typename Record>
void stamp(Record& record, const MarketActor& actor, const Clock& clock) {
  record.recorded_by = actor.name;
  record.recorded_at = clock.now_iso();
}

// What an offer and a demand read alike from their input: the product, the quantity in a unit
// that measures it, the place and the campaign. The product, or why the input is refused.
template <typename Listing, typename Input>
Result<const Product*> read_listing(const Input& input, const Catalogue& catalogue,
                                    Listing& listing) {
  const Product* product = catalogue.product(input.product);
  if (!product)
    return Error::invalid("product", "market.unknown_product", {{"value", input.product}});
  auto quantity = catalogue.quantity(*product, input.quantity, input.unit, "quantity", "unit");
  if (!quantity) return quantity.error();
  listing.product = product->code;
  listing.quantity = *quantity;
  listing.unit = catalogue.unit(input.unit)->code;
  listing.place = text::to_nfc(text::trim(input.place));
  listing.campaign_id = input.campaign_id;
  return product;
}

// A listing query narrowed to what the actor reaches: the listings of `own` (the entity or buyer
// an account speaks for), or else the staff's provinces.
ListingQuery reached(ListingQuery q, std::optional<std::int64_t> own, const MarketActor& actor) {
  if (own)
    q.owner_id = *own;
  else if (auto f = actor.scope.filter())
    q.province_ids = *f;
  return q;
}

// A stated price per lot (kg, piece, litre); 0 when none is stated.
std::int64_t lot_price(const Price& price, const Product& product, const Catalogue& catalogue) {
  return price.dong > 0 ? price_per_lot(price, product, catalogue).value_or(0) : 0;
}

// An allocation line's part that an offer and a demand give alike: the product, what of it is
// still free, the window, the place and the price per lot (into `price_per_lot`); nullopt for a
// product no longer in the catalogue.
template <typename Line, typename Listing>
std::optional<Line> line_of(const Listing& listing, Date from, Date to, const Price& price,
                            std::int64_t Line::*price_per_lot, const Catalogue& catalogue) {
  const Product* product = catalogue.product(listing.product);
  if (!product) return std::nullopt;
  Line line;
  line.product = listing.product;
  line.dimension = listing.quantity.dimension;
  line.quantity = listing.quantity.amount - listing.committed;
  line.from = from;
  line.to = to;
  line.province_id = listing.province_id;
  line.*price_per_lot = lot_price(price, *product, catalogue);
  return line;
}

}  // namespace

MarketData MarketData::load(const std::filesystem::path& data_dir) {
  return {Catalogue::load(data_dir), AllocationParameters::load(data_dir),
          Distances::load(data_dir), OutletKind::load(data_dir), NarrativeRules::load(data_dir)};
}

// ---- buyers, outlets, campaigns ----------------------------------------------------------------

Result<Buyer> MarketService::add_buyer(Buyer buyer, const MarketActor& actor) {
  if (!actor.staff()) return not_yours();
  if (auto s = trim_code_and_name(buyer); !s) return s.error();
  if (!buyer.province_id.empty() && !actor.scope.allows(buyer.province_id))
    return Error::forbidden("market.province_not_yours", {{"province", buyer.province_id}});
  Transaction tx(tx_);
  if (repo_.find_buyer_by_code(buyer.code))
    return Error::conflict("market.buyer_exists", {{"code", buyer.code}}).on("code");
  stamp(buyer, actor, clock_);
  buyer.id = repo_.insert_buyer(buyer);
  log("market.buyer.add", "buyer", buyer.code, "", to_json(buyer).dump(), actor.name);
  tx.commit();
  return buyer;
}

Result<Outlet> MarketService::add_outlet(Outlet outlet, const MarketActor& actor) {
  if (!actor.staff() && actor.own_buyer_id != outlet.buyer_id) return not_yours();
  outlet.name = text::to_nfc(text::trim(outlet.name));
  if (outlet.name.empty()) return required("name");
  if (outlet.province_id.empty()) return required("province");
  bool known_kind = std::any_of(data_.outlet_kinds.begin(), data_.outlet_kinds.end(),
                                [&](const OutletKind& k) { return k.code == outlet.kind; });
  if (!known_kind)
    return Error::invalid("kind", "market.unknown_outlet_kind", {{"value", outlet.kind}});
  if (actor.staff() && !actor.scope.allows(outlet.province_id))
    return Error::forbidden("market.province_not_yours", {{"province", outlet.province_id}});
  Transaction tx(tx_);
  auto buyer = repo_.find_buyer(outlet.buyer_id);
  if (!buyer) return Error::not_found("market.buyer_not_found");
  outlet.id = repo_.insert_outlet(outlet);
  log("market.outlet.add", "outlet", buyer->code + "/" + outlet.name, "", to_json(outlet).dump(),
      actor.name);
  tx.commit();
  return outlet;
}

Result<Campaign> MarketService::add_campaign(Campaign campaign, const MarketActor& actor) {
  if (!actor.staff()) return not_yours();
  if (auto s = trim_code_and_name(campaign); !s) return s.error();
  if (campaign.ends_on && *campaign.ends_on < campaign.starts_on)
    return Error::invalid(
        "ends_on", "market.window_reversed",
        {{"from", campaign.starts_on.vietnamese()}, {"to", campaign.ends_on->vietnamese()}});
  // A campaign for provinces the actor does not hold is the national alliance's to create.
  if (campaign.province_ids.empty() && !actor.scope.is_all())
    return Error::forbidden("market.national_campaign");
  for (const auto& p : campaign.province_ids)
    if (!actor.scope.allows(p))
      return Error::forbidden("market.province_not_yours", {{"province", p}});
  for (const auto& t : campaign.targets) {
    if (!data_.catalogue.group(t.group))
      return Error::invalid("targets", "market.unknown_group", {{"value", t.group}});
    if (t.quantity.amount <= 0)
      return Error::invalid("targets", "market.quantity_not_positive",
                            {{"value", std::to_string(t.quantity.amount)}});
  }
  Transaction tx(tx_);
  if (repo_.find_campaign_by_code(campaign.code))
    return Error::conflict("market.campaign_exists", {{"code", campaign.code}}).on("code");
  campaign.status = CampaignStatus::kOpen;
  stamp(campaign, actor, clock_);
  campaign.id = repo_.insert_campaign(campaign);
  log("market.campaign.add", "campaign", campaign.code, "", to_json(campaign).dump(), actor.name);
  tx.commit();
  return campaign;
}

Result<Campaign> MarketService::set_campaign_status(std::int64_t id, CampaignStatus status,
                                                    const MarketActor& actor) {
  if (!actor.staff()) return not_yours();
  Transaction tx(tx_);
  auto c = repo_.find_campaign(id);
  if (!c) return Error::not_found("market.campaign_not_found");
  if (c->province_ids.empty() ? !actor.scope.is_all()
                              : std::any_of(c->province_ids.begin(), c->province_ids.end(),
                                            [&](const auto& p) { return !actor.scope.allows(p); }))
    return Error::forbidden("market.campaign_not_yours");
  auto before = to_json(*c).dump();
  c->status = status;
  repo_.update_campaign(*c);
  log("market.campaign.status", "campaign", c->code, before, to_json(*c).dump(), actor.name);
  tx.commit();
  return *c;
}

// ---- offers and demand -------------------------------------------------------------------------

Status MarketService::may_list(const std::string& province_id,
                               const std::optional<std::int64_t>& campaign_id,
                               const MarketActor& actor) {
  if (actor.staff() && !actor.scope.allows(province_id))
    return Error::forbidden("market.province_not_yours", {{"province", province_id}});
  if (campaign_id) {
    auto c = repo_.find_campaign(*campaign_id);
    if (!c) return Error::invalid("campaign", "market.campaign_not_found");
    if (c->status != CampaignStatus::kOpen)
      return Error::conflict("market.campaign_closed", {{"code", c->code}}).on("campaign");
  }
  return Ok{};
}

template <typename Listing, typename Check>
Status MarketService::record(Listing& listing, Check check, const ListingKind<Listing>& kind,
                             const MarketActor& actor) {
  if (auto s = may_list(listing.province_id, listing.campaign_id, actor); !s) return s;
  if (auto s = check(); !s) return s;
  stamp(listing, actor, clock_);
  listing.id = (repo_.*kind.insert)(listing);
  log("market." + kind.type + ".post", kind.type, std::to_string(listing.id), "",
      to_json(listing).dump(), actor.name);
  return Ok{};
}

template <typename Listing>
Result<Listing> MarketService::withdraw(std::int64_t id, const ListingKind<Listing>& kind,
                                        const MarketActor& actor) {
  Transaction tx(tx_);
  auto listing = (repo_.*kind.find)(id);
  if (!listing || !reaches(actor, *listing))
    return Error::not_found("market." + kind.type + "_not_found");
  auto before = to_json(*listing).dump();
  listing->status = ListingStatus::kWithdrawn;
  (repo_.*kind.update_status)(id, listing->status);
  log("market." + kind.type + ".withdraw", kind.type, std::to_string(id), before,
      to_json(*listing).dump(), actor.name);
  tx.commit();
  return *listing;
}

Result<Quantity> MarketService::quantity_of(const Product& product, const std::string& amount,
                                            const std::string& unit, const std::string& field) {
  return data_.catalogue.quantity(product, amount, unit, field, "unit");
}

Result<registry::Entity> MarketService::entity_for_offer(const std::string& code,
                                                         const MarketActor& actor) {
  auto trimmed = std::string(text::trim(code));
  if (trimmed.empty()) return required("entity");
  if (actor.own_buyer_id) return not_yours();
  if (actor.own_entity_code && *actor.own_entity_code != trimmed)
    return Error::forbidden("market.other_entity", {{"code", trimmed}});
  auto entity = registry_.find_by_code(trimmed);
  if (!entity) return Error::invalid("entity", "market.entity_not_found", {{"code", trimmed}});
  if (actor.staff() && !actor.scope.allows(entity->province_id))
    return Error::forbidden("market.province_not_yours", {{"province", entity->province_id}});
  if (entity->status != registry::EntityStatus::kActive)
    return Error::invalid("entity", "market.entity_not_active",
                          {{"code", entity->code}, {"name", entity->name}});
  return *entity;
}

Result<Offer> MarketService::post_offer(const OfferInput& input, const MarketActor& actor) {
  Offer offer;
  auto product = read_listing(input, data_.catalogue, offer);
  if (!product) return product.error();
  offer.standard = input.standard;
  offer.ocop_stars = input.ocop_stars;
  offer.available_from = input.available_from;
  offer.available_to = input.available_to;
  offer.floor_price = input.floor_price;
  if (!text::trim(input.min_lot).empty()) {
    auto lot = quantity_of(**product, input.min_lot, input.unit, "min_lot");
    if (!lot) return lot.error();
    offer.min_lot = lot->amount;
  }
  Transaction tx(tx_);
  auto entity = entity_for_offer(input.entity_code, actor);
  if (!entity) return entity.error();
  offer.entity_id = entity->id;
  offer.province_id = input.province_id.empty() ? entity->province_id : input.province_id;
  if (ocop_ && offer.standard == Standard::kOcop && offer.ocop_stars >= 3 &&
      offer.ocop_stars <= 5 && !ocop_->holds(entity->code, offer.ocop_stars, clock_.today()))
    return Error::invalid("ocop_stars", "market.ocop_not_certified",
                          {{"stars", std::to_string(offer.ocop_stars)}, {"code", entity->code}});
  auto check = [&] { return check_offer(offer, data_.catalogue); };
  if (auto s = record(offer, check, kOffers, actor); !s) return s.error();
  tx.commit();
  return offer;
}

Result<Demand> MarketService::post_demand(const DemandInput& input, const MarketActor& actor) {
  if (actor.own_entity_code) return not_yours();
  if (actor.own_buyer_id && *actor.own_buyer_id != input.buyer_id)
    return Error::forbidden("market.other_buyer");
  Demand demand;
  if (auto product = read_listing(input, data_.catalogue, demand); !product) return product.error();
  demand.buyer_id = input.buyer_id;
  demand.outlet_id = input.outlet_id;
  demand.wanted_from = input.wanted_from;
  demand.wanted_to = input.wanted_to;
  demand.ceiling_price = input.ceiling_price;
  Transaction tx(tx_);
  auto buyer = repo_.find_buyer(input.buyer_id);
  if (!buyer) return Error::invalid("buyer", "market.buyer_not_found");
  std::string province = input.province_id;
  if (input.outlet_id) {
    auto outlet = repo_.find_outlet(*input.outlet_id);
    if (!outlet || outlet->buyer_id != buyer->id)
      return Error::invalid("outlet", "market.outlet_not_found");
    if (province.empty()) province = outlet->province_id;
  }
  if (province.empty()) province = buyer->province_id;
  demand.province_id = province;
  auto check = [&] { return check_demand(demand, data_.catalogue, clock_.today()); };
  if (auto s = record(demand, check, kDemand, actor); !s) return s.error();
  tx.commit();
  return demand;
}

bool MarketService::reaches(const MarketActor& actor, const Offer& offer) {
  if (actor.own_buyer_id) return false;
  if (actor.own_entity_code) {
    auto e = registry_.find_by_id(offer.entity_id);
    return e && e->code == *actor.own_entity_code;
  }
  return actor.scope.allows(offer.province_id);
}

bool MarketService::reaches(const MarketActor& actor, const Demand& demand) {
  if (actor.own_entity_code) return false;
  if (actor.own_buyer_id) return *actor.own_buyer_id == demand.buyer_id;
  return actor.scope.allows(demand.province_id);
}

Result<Offer> MarketService::withdraw_offer(std::int64_t id, const MarketActor& actor) {
  return withdraw(id, kOffers, actor);
}

Result<Demand> MarketService::withdraw_demand(std::int64_t id, const MarketActor& actor) {
  return withdraw(id, kDemand, actor);
}

std::vector<Offer> MarketService::offers(const ListingQuery& query, const MarketActor& actor) {
  if (actor.own_buyer_id) return {};
  std::optional<std::int64_t> own;
  if (actor.own_entity_code) {
    auto e = registry_.find_by_code(*actor.own_entity_code);
    if (!e) return {};
    own = e->id;
  }
  return repo_.list_offers(reached(query, own, actor));
}

std::vector<Demand> MarketService::demand(const ListingQuery& query, const MarketActor& actor) {
  if (actor.own_entity_code) return {};
  return repo_.list_demand(reached(query, actor.own_buyer_id, actor));
}

// ---- allocation ---------------------------------------------------------------------------------

Result<Proposal> MarketService::propose(std::optional<std::int64_t> campaign_id,
                                        const MarketActor& actor) {
  if (!actor.staff()) return not_yours();
  ListingQuery q;
  q.campaign_id = campaign_id;
  q.open_only = true;
  if (auto f = actor.scope.filter()) q.province_ids = *f;
  std::vector<SupplyLine> supply;
  for (const auto& o : repo_.list_offers(q))
    if (auto s = line_of(o, o.available_from, o.available_to, o.floor_price,
                         &SupplyLine::floor_price_per_lot, data_.catalogue)) {
      s->offer_id = o.id;
      s->seller_id = o.entity_id;
      s->min_lot = o.min_lot;
      supply.push_back(std::move(*s));
    }
  std::vector<DemandLine> wanted;
  for (const auto& d : repo_.list_demand(q))
    if (auto w = line_of(d, d.wanted_from, d.wanted_to, d.ceiling_price,
                         &DemandLine::ceiling_price_per_lot, data_.catalogue)) {
      w->demand_id = d.id;
      wanted.push_back(std::move(*w));
    }
  return allocate(std::move(supply), std::move(wanted), data_.allocation, data_.distances);
}

Result<std::vector<Order>> MarketService::confirm(const std::vector<Pairing>& pairings,
                                                  const MarketActor& actor) {
  if (!actor.staff()) return not_yours();
  if (pairings.empty()) return Error::invalid("pairings", "market.nothing_to_confirm");
  Transaction tx(tx_);
  std::vector<Order> orders;
  for (const auto& pairing : pairings) {
    auto offer = repo_.find_offer(pairing.offer_id);
    if (!offer || !reaches(actor, *offer))
      return Error::not_found("market.offer_not_found", {{"id", std::to_string(pairing.offer_id)}});
    auto demand = repo_.find_demand(pairing.demand_id);
    if (!demand || !actor.scope.allows(demand->province_id))
      return Error::not_found("market.demand_not_found",
                              {{"id", std::to_string(pairing.demand_id)}});
    if (pairing.quantity <= 0)
      return Error::invalid("quantity", "market.quantity_not_positive",
                            {{"value", std::to_string(pairing.quantity)}});
    if (offer->product != demand->product)
      return Error::invalid("demand", "market.other_product",
                            {{"offer", offer->product}, {"demand", demand->product}});
    // The committed quantities rise only if they stay within the listings, row by row in the
    // database: a concurrent confirmation of the same offer sees the other's quantity.
    if (!repo_.commit_offer(offer->id, pairing.quantity))
      return Error::conflict("market.oversold",
                             {{"what", "offer"}, {"id", std::to_string(offer->id)}});
    if (!repo_.commit_demand(demand->id, pairing.quantity))
      return Error::conflict("market.oversold",
                             {{"what", "demand"}, {"id", std::to_string(demand->id)}});
    const Product* product = data_.catalogue.product(offer->product);
    Order order;
    order.offer_id = offer->id;
    order.demand_id = demand->id;
    order.quantity = pairing.quantity;
    order.price_per_lot = product ? lot_price(offer->floor_price, *product, data_.catalogue) : 0;
    order.campaign_id = offer->campaign_id ? offer->campaign_id : demand->campaign_id;
    order.confirmed_by = actor.name;
    order.confirmed_at = clock_.now_iso();
    order.id = repo_.insert_order(order);
    log("market.order.confirm", "order", std::to_string(order.id), "", to_json(order).dump(),
        actor.name);
    orders.push_back(order);
  }
  tx.commit();
  return orders;
}

// ---- deliveries and sales
// ------------------------------------------------------------------------

template <typename Listing>
Result<std::pair<Order, Listing>> MarketService::order_of(std::int64_t order_id, OrderStatus status,
                                                          const ListingKind<Listing>& side,
                                                          const MarketActor& actor) {
  auto order = repo_.find_order(order_id);
  auto listing = order ? (repo_.*side.find)((*order).*side.in_order) : std::nullopt;
  if (!order || !listing || !reaches(actor, *listing))
    return Error::not_found("market.order_not_found");
  if (order->status != status)
    return Error::conflict("market.order_state",
                           {{"status", std::string(vietnamese_name(order->status))}});
  return std::pair{*order, *listing};
}

template <typename Listing, typename Step>
Result<Order> MarketService::step_order(std::int64_t order_id, OrderStatus from,
                                        const ListingKind<Listing>& side, const std::string& step,
                                        Step apply, const MarketActor& actor) {
  Transaction tx(tx_);
  auto found = order_of(order_id, from, side, actor);
  if (!found) return found.error();
  Order order = found->first;
  auto before = to_json(order).dump();
  if (auto s = apply(order); !s) return s.error();
  repo_.update_order(order);
  log("market.order." + step, "order", std::to_string(order.id), before, to_json(order).dump(),
      actor.name);
  tx.commit();
  return order;
}

Result<Order> MarketService::dispatch(std::int64_t order_id, std::int64_t quantity, Date on,
                                      const MarketActor& actor) {
  auto apply = [&](Order& order) -> Status {
    if (quantity <= 0 || quantity > order.quantity)
      return Error::invalid(
          "quantity", "market.dispatch_above_order",
          {{"value", std::to_string(quantity)}, {"ordered", std::to_string(order.quantity)}});
    order.status = OrderStatus::kDispatched;
    order.dispatched = quantity;
    order.dispatched_on = on;
    return Ok{};
  };
  return step_order(order_id, OrderStatus::kConfirmed, kOffers, "dispatch", apply, actor);
}

Result<Order> MarketService::receive(std::int64_t order_id, std::int64_t quantity, Date on,
                                     const MarketActor& actor) {
  auto apply = [&](Order& order) -> Status {
    if (quantity < 0 || quantity > order.dispatched)
      return Error::invalid(
          "quantity", "market.received_above_dispatched",
          {{"value", std::to_string(quantity)}, {"dispatched", std::to_string(order.dispatched)}});
    if (order.dispatched_on && on < *order.dispatched_on)
      return Error::invalid(
          "date", "market.received_before_dispatch",
          {{"date", on.vietnamese()}, {"dispatched", order.dispatched_on->vietnamese()}});
    order.status = OrderStatus::kReceived;
    order.received = quantity;
    order.lost = order.dispatched - quantity;
    order.received_on = on;
    return Ok{};
  };
  return step_order(order_id, OrderStatus::kDispatched, kDemand, "receive", apply, actor);
}

Result<Sale> MarketService::record_sale(std::int64_t order_id, std::int64_t outlet_id,
                                        std::int64_t quantity, std::int64_t value_dong, Date on,
                                        const MarketActor& actor) {
  Transaction tx(tx_);
  auto found = order_of(order_id, OrderStatus::kReceived, kDemand, actor);
  if (!found) return found.error();
  const auto& [order, demand] = *found;
  auto outlet = repo_.find_outlet(outlet_id);
  if (!outlet || outlet->buyer_id != demand.buyer_id)
    return Error::invalid("outlet", "market.outlet_not_found");
  std::int64_t left = order.received - repo_.sold_of_order(order.id);
  if (quantity <= 0 || quantity > left)
    return Error::invalid("quantity", "market.sale_above_received",
                          {{"value", std::to_string(quantity)}, {"left", std::to_string(left)}});
  if (value_dong < 0)
    return Error::invalid("value", "market.price_negative",
                          {{"value", std::to_string(value_dong)}});
  if (order.received_on && on < *order.received_on)
    return Error::invalid(
        "date", "market.sold_before_received",
        {{"date", on.vietnamese()}, {"received", order.received_on->vietnamese()}});
  Sale sale;
  sale.order_id = order.id;
  sale.offer_id = order.offer_id;
  sale.outlet_id = outlet->id;
  sale.product = demand.product;
  sale.quantity = quantity;
  sale.value_dong = value_dong;
  sale.sold_on = on;
  sale.campaign_id = order.campaign_id;
  stamp(sale, actor, clock_);
  sale.id = repo_.insert_sale(sale);
  log("market.sale.record", "sale", std::to_string(sale.id), "", to_json(sale).dump(), actor.name);
  tx.commit();
  return sale;
}

// ---- results ------------------------------------------------------------------------------------

Result<CampaignResults> MarketService::results(std::int64_t campaign_id, Date as_of) {
  auto campaign = repo_.find_campaign(campaign_id);
  if (!campaign) return Error::not_found("market.campaign_not_found");
  SaleQuery q;
  q.campaign_id = campaign_id;
  q.to = as_of;
  return results_of(q, &*campaign);
}

CampaignResults MarketService::results_of(const SaleQuery& q, const Campaign* campaign) {
  const Date as_of = q.to.value_or(clock_.today());
  // Added up in the database by product and outlet: what the totals and the prose need, without
  // reading every sale line.
  auto facts = repo_.sale_totals(q);
  for (auto& f : facts) f.sold_on = as_of;  // on or before
  CampaignResults r;
  if (campaign) r.campaign = *campaign;
  r.from = q.from;
  r.as_of = as_of;
  r.totals = totals(facts, data_.catalogue, false);
  r.totals_by_channel = totals(facts, data_.catalogue, true);
  for (const auto& f : facts) {
    r.value_dong += f.value_dong;
    r.sale_lines += f.lines;
  }
  for (const auto& target : r.campaign.targets) {
    CampaignProgress p{target, 0};
    for (const auto& t : r.totals)
      if (t.group == target.group && t.dimension == target.quantity.dimension &&
          (t.dimension != Dimension::kCount || t.unit == target.unit))
        p.sold += t.quantity;
    r.progress.push_back(p);
  }
  r.narrative =
      narrative(facts, q.from, as_of, data_.catalogue, data_.outlet_kinds, data_.narrative);
  return r;
}

}  // namespace htx::market
