#include "market/market_service.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"

namespace htx::market {

namespace {

Error required(const std::string& field) { return Error::invalid(field, "field.required"); }

Error not_yours() { return Error::forbidden("market.not_yours"); }

}  // namespace

MarketData MarketData::load(const std::filesystem::path& data_dir) {
  return {Catalogue::load(data_dir), AllocationParameters::load(data_dir),
          Distances::load(data_dir), OutletKind::load(data_dir), NarrativeRules::load(data_dir)};
}

void MarketService::log(const std::string& action, const std::string& type, const std::string& key,
                        const std::string& before, const std::string& after,
                        const std::string& actor) {
  audit_.append({0, clock_.now_iso(), actor, action, type, key, before, after});
}

// ---- buyers, outlets, campaigns ----------------------------------------------------------------

Result<Buyer> MarketService::add_buyer(Buyer buyer, const MarketActor& actor) {
  if (!actor.staff()) return not_yours();
  buyer.code = std::string(text::trim(buyer.code));
  buyer.name = text::to_nfc(text::trim(buyer.name));
  if (buyer.code.empty()) return required("code");
  if (buyer.name.empty()) return required("name");
  if (!buyer.province_id.empty() && !actor.scope.allows(buyer.province_id))
    return Error::forbidden("market.province_not_yours", {{"province", buyer.province_id}});
  Transaction tx(tx_);
  if (repo_.find_buyer_by_code(buyer.code))
    return Error::conflict("market.buyer_exists", {{"code", buyer.code}}).on("code");
  buyer.recorded_by = actor.name;
  buyer.recorded_at = clock_.now_iso();
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
  campaign.code = std::string(text::trim(campaign.code));
  campaign.name = text::to_nfc(text::trim(campaign.name));
  if (campaign.code.empty()) return required("code");
  if (campaign.name.empty()) return required("name");
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
  campaign.recorded_by = actor.name;
  campaign.recorded_at = clock_.now_iso();
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

template <typename Listing, typename Insert>
void MarketService::record(Listing& listing, Insert insert, const std::string& action,
                           const std::string& type, const MarketActor& actor) {
  listing.recorded_by = actor.name;
  listing.recorded_at = clock_.now_iso();
  listing.id = insert(listing);
  log(action, type, std::to_string(listing.id), "", to_json(listing).dump(), actor.name);
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
  const Product* product = data_.catalogue.product(input.product);
  if (!product)
    return Error::invalid("product", "market.unknown_product", {{"value", input.product}});
  auto quantity = quantity_of(*product, input.quantity, input.unit, "quantity");
  if (!quantity) return quantity.error();
  Offer offer;
  offer.product = product->code;
  offer.quantity = *quantity;
  offer.unit = data_.catalogue.unit(input.unit)->code;
  offer.standard = input.standard;
  offer.ocop_stars = input.ocop_stars;
  offer.available_from = input.available_from;
  offer.available_to = input.available_to;
  offer.place = text::to_nfc(text::trim(input.place));
  offer.floor_price = input.floor_price;
  offer.campaign_id = input.campaign_id;
  if (!text::trim(input.min_lot).empty()) {
    auto lot = quantity_of(*product, input.min_lot, input.unit, "min_lot");
    if (!lot) return lot.error();
    offer.min_lot = lot->amount;
  }
  Transaction tx(tx_);
  auto entity = entity_for_offer(input.entity_code, actor);
  if (!entity) return entity.error();
  offer.entity_id = entity->id;
  offer.province_id = input.province_id.empty() ? entity->province_id : input.province_id;
  if (auto s = may_list(offer.province_id, offer.campaign_id, actor); !s) return s.error();
  if (auto s = check_offer(offer, data_.catalogue); !s) return s.error();
  record(
      offer, [&](const Offer& o) { return repo_.insert_offer(o); }, "market.offer.post", "offer",
      actor);
  tx.commit();
  return offer;
}

Result<Demand> MarketService::post_demand(const DemandInput& input, const MarketActor& actor) {
  if (actor.own_entity_code) return not_yours();
  if (actor.own_buyer_id && *actor.own_buyer_id != input.buyer_id)
    return Error::forbidden("market.other_buyer");
  const Product* product = data_.catalogue.product(input.product);
  if (!product)
    return Error::invalid("product", "market.unknown_product", {{"value", input.product}});
  auto quantity = quantity_of(*product, input.quantity, input.unit, "quantity");
  if (!quantity) return quantity.error();
  Demand demand;
  demand.buyer_id = input.buyer_id;
  demand.outlet_id = input.outlet_id;
  demand.product = product->code;
  demand.quantity = *quantity;
  demand.unit = data_.catalogue.unit(input.unit)->code;
  demand.wanted_from = input.wanted_from;
  demand.wanted_to = input.wanted_to;
  demand.place = text::to_nfc(text::trim(input.place));
  demand.ceiling_price = input.ceiling_price;
  demand.campaign_id = input.campaign_id;
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
  if (auto s = may_list(demand.province_id, demand.campaign_id, actor); !s) return s.error();
  if (auto s = check_demand(demand, data_.catalogue, clock_.today()); !s) return s.error();
  record(
      demand, [&](const Demand& d) { return repo_.insert_demand(d); }, "market.demand.post",
      "demand", actor);
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
  Transaction tx(tx_);
  auto offer = repo_.find_offer(id);
  if (!offer || !reaches(actor, *offer)) return Error::not_found("market.offer_not_found");
  auto before = to_json(*offer).dump();
  offer->status = ListingStatus::kWithdrawn;
  repo_.update_offer_status(id, offer->status);
  log("market.offer.withdraw", "offer", std::to_string(id), before, to_json(*offer).dump(),
      actor.name);
  tx.commit();
  return *offer;
}

Result<Demand> MarketService::withdraw_demand(std::int64_t id, const MarketActor& actor) {
  Transaction tx(tx_);
  auto demand = repo_.find_demand(id);
  if (!demand || !reaches(actor, *demand)) return Error::not_found("market.demand_not_found");
  auto before = to_json(*demand).dump();
  demand->status = ListingStatus::kWithdrawn;
  repo_.update_demand_status(id, demand->status);
  log("market.demand.withdraw", "demand", std::to_string(id), before, to_json(*demand).dump(),
      actor.name);
  tx.commit();
  return *demand;
}

std::vector<Offer> MarketService::offers(const ListingQuery& query, const MarketActor& actor) {
  ListingQuery q = query;
  if (actor.own_buyer_id) return {};
  if (actor.own_entity_code) {
    auto e = registry_.find_by_code(*actor.own_entity_code);
    if (!e) return {};
    q.owner_id = e->id;
  } else if (auto f = actor.scope.filter()) {
    q.province_ids = *f;
  }
  return repo_.list_offers(q);
}

std::vector<Demand> MarketService::demand(const ListingQuery& query, const MarketActor& actor) {
  ListingQuery q = query;
  if (actor.own_entity_code) return {};
  if (actor.own_buyer_id) {
    q.owner_id = *actor.own_buyer_id;
  } else if (auto f = actor.scope.filter()) {
    q.province_ids = *f;
  }
  return repo_.list_demand(q);
}

std::int64_t MarketService::lot_price(const Price& price, const Product& product) const {
  return price.dong > 0 ? price_per_lot(price, product, data_.catalogue).value_or(0) : 0;
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
  for (const auto& o : repo_.list_offers(q)) {
    const Product* p = data_.catalogue.product(o.product);
    if (!p) continue;
    SupplyLine s;
    s.offer_id = o.id;
    s.seller_id = o.entity_id;
    s.product = o.product;
    s.dimension = o.quantity.dimension;
    s.quantity = o.quantity.amount - o.committed;
    s.from = o.available_from;
    s.to = o.available_to;
    s.province_id = o.province_id;
    s.min_lot = o.min_lot;
    s.floor_price_per_lot = lot_price(o.floor_price, *p);
    supply.push_back(std::move(s));
  }
  std::vector<DemandLine> wanted;
  for (const auto& d : repo_.list_demand(q)) {
    const Product* p = data_.catalogue.product(d.product);
    if (!p) continue;
    DemandLine w;
    w.demand_id = d.id;
    w.product = d.product;
    w.dimension = d.quantity.dimension;
    w.quantity = d.quantity.amount - d.committed;
    w.from = d.wanted_from;
    w.to = d.wanted_to;
    w.province_id = d.province_id;
    w.ceiling_price_per_lot = lot_price(d.ceiling_price, *p);
    wanted.push_back(std::move(w));
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
    order.price_per_lot = product ? lot_price(offer->floor_price, *product) : 0;
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

Result<Order> MarketService::dispatch(std::int64_t order_id, std::int64_t quantity, Date on,
                                      const MarketActor& actor) {
  Transaction tx(tx_);
  auto order = repo_.find_order(order_id);
  auto offer = order ? repo_.find_offer(order->offer_id) : std::nullopt;
  if (!order || !offer || !reaches(actor, *offer))
    return Error::not_found("market.order_not_found");
  if (order->status != OrderStatus::kConfirmed)
    return Error::conflict("market.order_state",
                           {{"status", std::string(vietnamese_name(order->status))}});
  if (quantity <= 0 || quantity > order->quantity)
    return Error::invalid(
        "quantity", "market.dispatch_above_order",
        {{"value", std::to_string(quantity)}, {"ordered", std::to_string(order->quantity)}});
  auto before = to_json(*order).dump();
  order->status = OrderStatus::kDispatched;
  order->dispatched = quantity;
  order->dispatched_on = on;
  repo_.update_order(*order);
  log("market.order.dispatch", "order", std::to_string(order->id), before, to_json(*order).dump(),
      actor.name);
  tx.commit();
  return *order;
}

Result<Order> MarketService::receive(std::int64_t order_id, std::int64_t quantity, Date on,
                                     const MarketActor& actor) {
  Transaction tx(tx_);
  auto order = repo_.find_order(order_id);
  auto demand = order ? repo_.find_demand(order->demand_id) : std::nullopt;
  if (!order || !demand || !reaches(actor, *demand))
    return Error::not_found("market.order_not_found");
  if (order->status != OrderStatus::kDispatched)
    return Error::conflict("market.order_state",
                           {{"status", std::string(vietnamese_name(order->status))}});
  if (quantity < 0 || quantity > order->dispatched)
    return Error::invalid(
        "quantity", "market.received_above_dispatched",
        {{"value", std::to_string(quantity)}, {"dispatched", std::to_string(order->dispatched)}});
  if (order->dispatched_on && on < *order->dispatched_on)
    return Error::invalid(
        "date", "market.received_before_dispatch",
        {{"date", on.vietnamese()}, {"dispatched", order->dispatched_on->vietnamese()}});
  auto before = to_json(*order).dump();
  order->status = OrderStatus::kReceived;
  order->received = quantity;
  order->lost = order->dispatched - quantity;
  order->received_on = on;
  repo_.update_order(*order);
  log("market.order.receive", "order", std::to_string(order->id), before, to_json(*order).dump(),
      actor.name);
  tx.commit();
  return *order;
}

Result<Sale> MarketService::record_sale(std::int64_t order_id, std::int64_t outlet_id,
                                        std::int64_t quantity, std::int64_t value_dong, Date on,
                                        const MarketActor& actor) {
  Transaction tx(tx_);
  auto order = repo_.find_order(order_id);
  auto demand = order ? repo_.find_demand(order->demand_id) : std::nullopt;
  if (!order || !demand || !reaches(actor, *demand))
    return Error::not_found("market.order_not_found");
  if (order->status != OrderStatus::kReceived)
    return Error::conflict("market.order_state",
                           {{"status", std::string(vietnamese_name(order->status))}});
  auto outlet = repo_.find_outlet(outlet_id);
  if (!outlet || outlet->buyer_id != demand->buyer_id)
    return Error::invalid("outlet", "market.outlet_not_found");
  std::int64_t left = order->received - repo_.sold_of_order(order->id);
  if (quantity <= 0 || quantity > left)
    return Error::invalid("quantity", "market.sale_above_received",
                          {{"value", std::to_string(quantity)}, {"left", std::to_string(left)}});
  if (value_dong < 0)
    return Error::invalid("value", "market.price_negative",
                          {{"value", std::to_string(value_dong)}});
  if (order->received_on && on < *order->received_on)
    return Error::invalid(
        "date", "market.sold_before_received",
        {{"date", on.vietnamese()}, {"received", order->received_on->vietnamese()}});
  Sale sale;
  sale.order_id = order->id;
  sale.offer_id = order->offer_id;
  sale.outlet_id = outlet->id;
  sale.product = demand->product;
  sale.quantity = quantity;
  sale.value_dong = value_dong;
  sale.sold_on = on;
  sale.campaign_id = order->campaign_id;
  sale.recorded_by = actor.name;
  sale.recorded_at = clock_.now_iso();
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
  // Added up in the database by product and outlet: what the totals and the prose need, without
  // reading every sale line.
  std::vector<SaleFact> facts;
  for (const auto& t : repo_.sale_totals(q)) {
    SaleFact f;
    f.product = t.product;
    f.quantity = t.quantity;
    f.value_dong = t.value_dong;
    f.buyer_id = t.buyer_id;
    f.buyer_name = t.buyer_name;
    f.outlet_id = t.outlet_id;
    f.outlet_kind = t.outlet_kind;
    f.outlet_brand = t.outlet_brand;
    f.sold_on = as_of;  // on or before
    f.lines = t.lines;
    facts.push_back(std::move(f));
  }
  CampaignResults r;
  r.campaign = *campaign;
  r.as_of = as_of;
  r.totals = totals(facts, data_.catalogue, false);
  r.totals_by_channel = totals(facts, data_.catalogue, true);
  for (const auto& f : facts) {
    r.value_dong += f.value_dong;
    r.sale_lines += f.lines;
  }
  for (const auto& target : campaign->targets) {
    CampaignProgress p{target, 0};
    for (const auto& t : r.totals)
      if (t.group == target.group && t.dimension == target.quantity.dimension &&
          (t.dimension != Dimension::kCount || t.unit == target.unit))
        p.sold += t.quantity;
    r.progress.push_back(p);
  }
  r.narrative = narrative(facts, as_of, data_.catalogue, data_.outlet_kinds, data_.narrative);
  return r;
}

}  // namespace htx::market
