#include "areas/market_area.hpp"

#include "core/text.hpp"
#include "ocop/ocop_service.hpp"

namespace htx::areas {

namespace {

using accounts::AccessPolicy;
using accounts::Role;

// The caller as the exchange's service sees it. A buyer's account names its buyer by code (the
// user's entity_code); one without a buyer on file reaches nothing (id 0 is no buyer).
market::MarketActor actor_of(const Caller& c, market::MarketRepository& repo) {
  const auto& p = c.principal;
  if (p.has_role(Role::kCooperative))
    return {c.actor(), ProvinceScope::none(), p.user->entity_code, std::nullopt};
  if (p.has_role(Role::kBuyer)) {
    auto b = repo.find_buyer_by_code(p.user->entity_code);
    return {c.actor(), ProvinceScope::none(), std::nullopt, b ? b->id : 0};
  }
  if (!p.signed_in()) return {"", ProvinceScope::none(), std::nullopt, 0};
  return {c.actor(), c.scope, std::nullopt, std::nullopt};
}

Error forbidden() { return Error::forbidden("market.not_yours"); }

// The record a campaign comes from (a task, a meeting's item) by the id in `field`: none when the
// field is empty, invalid on the field when no record has that id.
template <class Find>
auto origin_of(const Fields& f, const std::string& field, Find find)
    -> Result<decltype(find(std::int64_t{}))> {
  using Found = decltype(find(std::int64_t{}));
  auto id_text = field_of(f, field);
  if (id_text.empty()) return Found{};
  auto id = text::parse_int(id_text);
  Found found = id ? find(*id) : Found{};
  if (!found) return Error::invalid(field, "market.origin_not_found", {{"id", id_text}});
  return found;
}

// The fields an offer's and a demand's inputs share, from the request's (`Listing`): the window
// and the price are named differently on each side.
template <class Input, class Listing>
void fill_listing(Input& in, const Listing& l, Date Input::*from, Date Input::*to,
                  market::Price Input::*price) {
  in.product = l.product;
  in.quantity = l.quantity;
  in.unit = l.unit;
  in.*from = l.from;
  in.*to = l.to;
  in.province_id = l.province;
  in.place = l.place;
  in.*price = l.price;
  in.campaign_id = l.campaign_id;
}

}  // namespace

MarketArea::MarketArea(store::Database& db, const Clock& clock, const market::MarketData& data,
                       Caller caller)
    : db_(db),
      clock_(clock),
      caller_(std::move(caller)),
      actor_(actor_of(caller_, db.market())),
      service_(db.market(), db.registry(), db.audit(), db, clock, data),
      ocop_(db.ocop()) {
  service_.check_ocop_with(&ocop_);
}

bool MarketArea::OcopRecords::holds(const std::string& entity_code, int stars, Date on) {
  return ocop::holds(repo_, entity_code, stars, on);
}

bool MarketArea::can_read() const { return AccessPolicy::can_read_market(caller_.principal); }
bool MarketArea::is_staff() const { return AccessPolicy::can_trade_as_staff(caller_.principal); }
bool MarketArea::can_offer() const {
  return is_staff() || (caller_.principal.has_role(Role::kCooperative) && can_read());
}
bool MarketArea::reads_every_sale() const {
  return is_staff() || caller_.principal.has_role(Role::kNationalLeader);
}
bool MarketArea::can_demand() const {
  return is_staff() || (caller_.principal.has_role(Role::kBuyer) && can_read());
}

// ---- reads ------------------------------------------------------------------------------------

Result<std::optional<std::int64_t>> MarketArea::campaign_id(const std::string& code,
                                                            const std::string& field) {
  auto wanted = std::string(text::trim(code));
  if (wanted.empty()) return std::optional<std::int64_t>{};
  auto c = db_.market().find_campaign_by_code(wanted);
  if (!c) return Error::invalid(field, "market.campaign_not_found", {{"code", wanted}});
  return std::optional<std::int64_t>{c->id};
}

Result<market::ListingQuery> MarketArea::query_of(const ListingFilter& filter) {
  if (!can_read()) return forbidden();
  market::ListingQuery q;
  auto c = campaign_id(filter.campaign, "campaign");
  if (!c) return Error::bad_request("campaign", c.error().key, c.error().params);
  q.campaign_id = *c;
  if (!filter.product.empty()) {
    if (!data().catalogue.product(filter.product))
      return Error::bad_request("product", "market.unknown_product", {{"value", filter.product}});
    q.product = filter.product;
  }
  q.open_only = filter.open == "1";
  return q;
}

Result<std::vector<market::Offer>> MarketArea::offers(const ListingFilter& filter) {
  auto q = query_of(filter);
  if (!q) return q.error();
  return service_.offers(*q, actor_);
}

Result<std::vector<market::Demand>> MarketArea::demand(const ListingFilter& filter) {
  auto q = query_of(filter);
  if (!q) return q.error();
  return service_.demand(*q, actor_);
}

std::vector<market::Campaign> MarketArea::campaigns() {
  std::vector<market::Campaign> out;
  for (auto& c : db_.market().list_campaigns())
    if (signed_in() || c.status == market::CampaignStatus::kPublished) out.push_back(std::move(c));
  return out;
}

Result<market::Campaign> MarketArea::campaign(const std::string& code) {
  auto c = db_.market().find_campaign_by_code(std::string(text::trim(code)));
  if (!c || (!signed_in() && c->status != market::CampaignStatus::kPublished))
    return Error::not_found("market.campaign_not_found", {{"code", code}});
  return *c;
}

Result<MarketArea::Selection> MarketArea::select(const ResultsOf& of) {
  Selection out;
  auto as_of = date(of.as_of, "as_of");
  if (!as_of) return Error::bad_request("as_of", as_of.error().key, as_of.error().params);
  out.query.to = *as_of;
  if (!text::trim(of.from).empty()) {
    auto from = date(of.from, "from");
    if (!from) return Error::bad_request("from", from.error().key, from.error().params);
    if (*from > *as_of)
      return Error::bad_request("from", "market.period_reversed",
                                {{"from", from->vietnamese()}, {"to", as_of->vietnamese()}});
    out.query.from = *from;
  }
  if (text::trim(of.campaign).empty()) {
    // A period over every campaign (and sales outside any): in the caller's provinces only.
    if (!reads_every_sale()) return forbidden();
    out.query.province_ids = actor_.scope.filter();
    return out;
  }
  auto c = campaign(of.campaign);
  if (!c) return c.error();
  out.query.campaign_id = c->id;
  out.campaign = std::move(*c);
  return out;
}

Result<market::CampaignResults> MarketArea::results(const ResultsOf& of) {
  auto s = select(of);
  if (!s) return s.error();
  return service_.results_of(s->query, s->campaign ? &*s->campaign : nullptr);
}

std::vector<market::Buyer> MarketArea::buyers() {
  if (!can_read()) return {};
  if (actor_.own_buyer_id) {
    auto b = db_.market().find_buyer(*actor_.own_buyer_id);
    return b ? std::vector<market::Buyer>{*b} : std::vector<market::Buyer>{};
  }
  return db_.market().list_buyers();
}

std::vector<market::Outlet> MarketArea::outlets_of(std::int64_t buyer_id) {
  if (!can_read()) return {};
  return db_.market().outlets_of(buyer_id);
}

std::vector<market::Order> MarketArea::orders(std::optional<std::int64_t> campaign_id) {
  if (!reads_every_sale()) return {};
  return db_.market().orders_of_campaign(campaign_id);
}

std::string MarketArea::entity_name(std::int64_t entity_id) {
  auto e = db_.registry().find_by_id(entity_id);
  return e ? e->name : std::to_string(entity_id);
}

// ---- fields into inputs ------------------------------------------------------------------------

Result<Date> MarketArea::date(const std::string& text, const std::string& field) const {
  auto t = std::string(text::trim(text));
  if (t.empty()) return clock_.today();
  auto d = Date::parse(t);
  if (!d) return Error::invalid(field, "market.bad_date", {{"value", t}});
  return *d;
}

Result<market::Price> MarketArea::price(const Fields& f, const std::string& field,
                                        const std::string& unit_field) {
  market::Price p;
  auto text_value = field_of(f, field);
  if (text_value.empty()) return p;
  auto v = text::parse_int(text_value);
  if (!v) return Error::invalid(field, "market.price_not_a_number", {{"value", text_value}});
  if (*v < 0) return Error::invalid(field, "market.price_negative", {{"value", text_value}});
  p.dong = *v;
  auto unit_text = field_of(f, unit_field);
  if (unit_text.empty()) unit_text = field_of(f, "unit");
  const market::Unit* u = data().catalogue.unit(unit_text);
  if (!u) return Error::invalid(unit_field, "market.unknown_unit", {{"value", unit_text}});
  p.unit = u->code;
  return p;
}

Result<MarketArea::ListingFields> MarketArea::listing_fields(const Fields& f,
                                                             const std::string& price_field) {
  ListingFields l;
  l.product = field_of(f, "product");
  if (l.product.empty()) return Error::invalid("product", "field.required");
  l.quantity = field_of(f, "quantity");
  l.unit = field_of(f, "unit");
  if (l.unit.empty()) return Error::invalid("unit", "field.required");
  auto from = date(field_of(f, "from"), "from");
  if (!from) return from.error();
  auto to = date(field_of(f, "to"), "to");
  if (!to) return to.error();
  l.from = *from;
  l.to = *to;
  l.province = field_of(f, "province");
  l.place = field_of(f, "place");
  auto p = price(f, price_field, "price_unit");
  if (!p) return p.error();
  l.price = *p;
  auto c = campaign_id(field_of(f, "campaign"), "campaign");
  if (!c) return c.error();
  l.campaign_id = *c;
  return l;
}

Result<market::OfferInput> MarketArea::offer_input(const Fields& f) {
  market::OfferInput in;
  in.entity_code = field_of(f, "entity");
  if (in.entity_code.empty() && actor_.own_entity_code) in.entity_code = *actor_.own_entity_code;
  auto common = listing_fields(f, "floor_price");
  if (!common) return common.error();
  fill_listing(in, *common, &market::OfferInput::available_from, &market::OfferInput::available_to,
               &market::OfferInput::floor_price);
  auto standard = field_of(f, "standard");
  if (!standard.empty()) {
    auto s = market::standard_from_code(standard);
    if (!s) return Error::invalid("standard", "market.unknown_standard", {{"value", standard}});
    in.standard = *s;
  }
  auto stars = field_of(f, "ocop_stars");
  if (!stars.empty()) {
    auto n = text::parse_int(stars);
    if (!n || *n < 0 || *n > 9)
      return Error::invalid("ocop_stars", "market.ocop_stars", {{"value", stars}});
    in.ocop_stars = static_cast<int>(*n);
  }
  in.min_lot = field_of(f, "min_lot");
  return in;
}

Result<market::DemandInput> MarketArea::demand_input(const Fields& f) {
  market::DemandInput in;
  auto buyer_code = field_of(f, "buyer");
  if (buyer_code.empty() && actor_.own_buyer_id) {
    in.buyer_id = *actor_.own_buyer_id;
  } else {
    if (buyer_code.empty()) return Error::invalid("buyer", "field.required");
    auto b = db_.market().find_buyer_by_code(buyer_code);
    if (!b) return Error::invalid("buyer", "market.buyer_not_found", {{"code", buyer_code}});
    in.buyer_id = b->id;
  }
  auto outlet = field_of(f, "outlet");
  if (!outlet.empty()) {
    auto id = text::parse_int(outlet);
    if (!id) return Error::invalid("outlet", "market.outlet_not_found");
    in.outlet_id = *id;
  }
  auto common = listing_fields(f, "ceiling_price");
  if (!common) return common.error();
  fill_listing(in, *common, &market::DemandInput::wanted_from, &market::DemandInput::wanted_to,
               &market::DemandInput::ceiling_price);
  return in;
}

Result<std::int64_t> MarketArea::amount(const std::string& product, const std::string& quantity,
                                        const std::string& unit, const std::string& field) {
  const market::Product* p = data().catalogue.product(product);
  if (!p) return Error::invalid("product", "market.unknown_product", {{"value", product}});
  auto q = data().catalogue.quantity(*p, quantity, unit, field, "unit");
  if (!q) return q.error();
  return q->amount;
}

// ---- writes -------------------------------------------------------------------------------------

Result<market::Offer> MarketArea::post_offer(const Fields& f) {
  if (!can_offer()) return forbidden();
  auto in = offer_input(f);
  if (!in) return in.error();
  return service_.post_offer(*in, actor_);
}

Result<market::Demand> MarketArea::post_demand(const Fields& f) {
  if (!can_demand()) return forbidden();
  auto in = demand_input(f);
  if (!in) return in.error();
  return service_.post_demand(*in, actor_);
}

Result<market::Proposal> MarketArea::propose(const std::string& campaign_code) {
  if (!is_staff()) return forbidden();
  auto c = campaign_id(campaign_code, "campaign");
  if (!c) return c.error();
  return service_.propose(*c, actor_);
}

Result<std::vector<market::Order>> MarketArea::confirm(const std::string& campaign_code,
                                                       const std::vector<market::Pairing>& lines) {
  if (!is_staff()) return forbidden();
  if (!lines.empty()) return service_.confirm(lines, actor_);
  auto proposal = propose(campaign_code);
  if (!proposal) return proposal.error();
  std::vector<market::Pairing> all;
  for (const auto& l : proposal->lines) all.push_back({l.offer_id, l.demand_id, l.quantity});
  return service_.confirm(all, actor_);
}

Result<market::Pairing> MarketArea::pairing(const Fields& f) {
  if (!is_staff()) return forbidden();
  auto offer_id = text::parse_int(field_of(f, "offer"));
  auto offer = offer_id ? db_.market().find_offer(*offer_id) : std::nullopt;
  if (!offer) return Error::invalid("offer", "market.offer_not_found");
  auto demand_id = text::parse_int(field_of(f, "demand"));
  auto demand = demand_id ? db_.market().find_demand(*demand_id) : std::nullopt;
  if (!demand) return Error::invalid("demand", "market.demand_not_found");
  auto q = amount(offer->product, field_of(f, "quantity"), field_of(f, "unit"), "quantity");
  if (!q) return q.error();
  return market::Pairing{offer->id, demand->id, *q};
}

Result<market::Offer> MarketArea::withdraw_offer(std::int64_t id) {
  if (!can_offer()) return forbidden();
  return service_.withdraw_offer(id, actor_);
}

Result<market::Demand> MarketArea::withdraw_demand(std::int64_t id) {
  if (!can_demand()) return forbidden();
  return service_.withdraw_demand(id, actor_);
}

// ---- deliveries and sales
// ------------------------------------------------------------------------

Result<MarketArea::Movement> MarketArea::movement(std::int64_t order_id, const Fields& f) {
  if (!can_read()) return forbidden();
  auto o = db_.market().find_order(order_id);
  auto offer = o ? db_.market().find_offer(o->offer_id) : std::nullopt;
  if (!offer) return Error::not_found("market.order_not_found");
  auto q = amount(offer->product, field_of(f, "quantity"), field_of(f, "unit"), "quantity");
  if (!q) return q.error();
  auto on = date(field_of(f, "on"), "on");
  if (!on) return on.error();
  return Movement{*q, *on};
}

Result<market::Order> MarketArea::dispatch(std::int64_t order_id, const Fields& f) {
  auto m = movement(order_id, f);
  if (!m) return m.error();
  return service_.dispatch(order_id, m->quantity, m->on, actor_);
}

Result<market::Order> MarketArea::receive(std::int64_t order_id, const Fields& f) {
  auto m = movement(order_id, f);
  if (!m) return m.error();
  return service_.receive(order_id, m->quantity, m->on, actor_);
}

Result<market::Sale> MarketArea::record_sale(std::int64_t order_id, const Fields& f) {
  auto m = movement(order_id, f);
  if (!m) return m.error();
  auto outlet = text::parse_int(field_of(f, "outlet"));
  if (!outlet) return Error::invalid("outlet", "market.outlet_not_found");
  auto value_text = field_of(f, "value");
  auto value = text::parse_int(value_text);
  if (!value) return Error::invalid("value", "market.price_not_a_number", {{"value", value_text}});
  return service_.record_sale(order_id, *outlet, m->quantity, *value, m->on, actor_);
}

// ---- campaigns, buyers, outlets
// ------------------------------------------------------------------

Result<std::vector<market::CampaignTarget>> MarketArea::targets(const std::string& text_value) {
  std::vector<market::CampaignTarget> out;
  for (const auto& line : text::split(text_value, '\n')) {
    auto words = text::split(line, ' ');
    if (words.size() != 3)
      return Error::invalid("targets", "market.target_line", {{"value", line}});
    const auto* group = data().catalogue.group(words[0]);
    if (!group) return Error::invalid("targets", "market.unknown_group", {{"value", words[0]}});
    // A group's target is measured as its products are: the first product of the group.
    const market::Product* product = nullptr;
    for (const auto& p : data().catalogue.products())
      if (p.group == group->code) {
        product = &p;
        break;
      }
    if (!product) return Error::invalid("targets", "market.unknown_group", {{"value", words[0]}});
    auto q = data().catalogue.quantity(*product, words[1], words[2], "targets", "targets");
    if (!q) return q.error();
    out.push_back({group->code, *q, data().catalogue.unit(words[2])->code});
  }
  return out;
}

Result<market::Campaign> MarketArea::add_campaign(const Fields& f) {
  if (!is_staff()) return forbidden();
  market::Campaign c;
  c.code = field_of(f, "code");
  c.name = field_of(f, "name");
  std::optional<Date> origin_start;
  std::optional<std::int64_t> origin_unit;
  std::optional<std::int64_t> origin_document;
  auto task =
      origin_of(f, "origin_task", [&](std::int64_t id) { return db_.work().find_task(id); });
  auto item =
      origin_of(f, "origin_item", [&](std::int64_t id) { return db_.governance().find_item(id); });
  if (!task) return task.error();
  if (!item) return item.error();
  // What the fields leave empty comes from the task first, then from the item.
  if (const auto& t = *task) {
    c.origin_task_id = t->id;
    if (c.name.empty()) c.name = t->title;
    origin_document = t->document_id;
    origin_unit = t->lead_unit_id;
    origin_start = t->start_on;
  }
  if (const auto& i = *item) {
    c.origin_item_id = i->id;
    if (c.name.empty()) c.name = i->title;
    if (!origin_document) origin_document = i->document_id;
  }
  if (auto d = field_of(f, "directive"); !d.empty()) {
    auto id = text::parse_int(d);
    auto doc = id ? db_.work().find_document(*id) : std::nullopt;
    if (!doc) return Error::invalid("directive", "market.document_not_found", {{"value", d}});
    c.directive_document_id = doc->id;
  } else {
    c.directive_document_id = origin_document;
  }
  if (auto u = field_of(f, "organiser"); !u.empty()) {
    auto unit = db_.work().find_unit_by_code(u);
    if (!unit) return Error::invalid("organiser", "market.unit_not_found", {{"value", u}});
    c.organiser_unit_id = unit->id;
  } else if (origin_unit) {
    c.organiser_unit_id = *origin_unit;
  } else {
    return Error::invalid("organiser", "field.required");
  }
  c.partners = text::split(field_of(f, "partners"), '\n');
  c.province_ids = text::split(field_of(f, "provinces"), ',');
  auto starts_text = field_of(f, "starts_on");
  if (starts_text.empty() && origin_start) {
    c.starts_on = *origin_start;
  } else {
    auto starts = date(starts_text, "starts_on");
    if (!starts) return starts.error();
    c.starts_on = *starts;
  }
  if (auto e = field_of(f, "ends_on"); !e.empty()) {
    auto ends = date(e, "ends_on");
    if (!ends) return ends.error();
    c.ends_on = *ends;
  }
  auto t = targets(field_of(f, "targets"));
  if (!t) return t.error();
  c.targets = *t;
  return service_.add_campaign(std::move(c), actor_);
}

Result<market::Campaign> MarketArea::set_campaign_status(const std::string& code,
                                                         const std::string& status) {
  if (!is_staff()) return forbidden();
  auto c = campaign(code);
  if (!c) return c.error();
  auto s = market::campaign_status_from_code(text::trim(status));
  if (!s) return Error::invalid("status", "market.unknown_status", {{"value", status}});
  return service_.set_campaign_status(c->id, *s, actor_);
}

Result<market::Buyer> MarketArea::add_buyer(const Fields& f) {
  if (!is_staff()) return forbidden();
  market::Buyer b;
  b.code = field_of(f, "code");
  b.name = field_of(f, "name");
  auto kind = field_of(f, "kind");
  auto k = market::buyer_kind_from_code(kind);
  if (!k) return Error::invalid("kind", "market.unknown_buyer_kind", {{"value", kind}});
  b.kind = *k;
  b.province_id = field_of(f, "province");
  b.contact = field_of(f, "contact");
  return service_.add_buyer(std::move(b), actor_);
}

Result<market::Outlet> MarketArea::add_outlet(const Fields& f) {
  if (!is_staff()) return forbidden();
  market::Outlet o;
  auto code = field_of(f, "buyer");
  auto b = db_.market().find_buyer_by_code(code);
  if (!b) return Error::invalid("buyer", "market.buyer_not_found", {{"code", code}});
  o.buyer_id = b->id;
  o.name = field_of(f, "name");
  o.kind = field_of(f, "kind");
  o.brand = field_of(f, "brand");
  o.province_id = field_of(f, "province");
  o.address = field_of(f, "address");
  return service_.add_outlet(std::move(o), actor_);
}

// ---- for the web pages (wt-mpages) ----

std::string MarketArea::work_unit_name(std::int64_t id) {
  auto u = db_.work().find_unit(id);
  return u ? u->name : std::to_string(id);
}

std::string MarketArea::document_name(std::optional<std::int64_t> id) {
  if (!id) return "";
  auto d = db_.work().find_document(*id);
  return d ? d->number_symbol() + " – " + d->title : std::to_string(*id);
}

// ---- for every edge (wt-medges) ----

namespace {

// A record's id, or the refusal.
template <class T>
Result<std::int64_t> id_of(const Result<T>& done) {
  if (!done) return done.error();
  return done->id;
}

}  // namespace

const std::vector<std::string>& MarketArea::listing_fields(Side side) {
  static const std::vector<std::string> offer = {
      "entity", "product",  "quantity", "unit",    "standard",    "ocop_stars", "from",
      "to",     "province", "place",    "min_lot", "floor_price", "price_unit", "campaign"};
  static const std::vector<std::string> demand = {
      "buyer", "outlet",   "product", "quantity",      "unit",       "from",
      "to",    "province", "place",   "ceiling_price", "price_unit", "campaign"};
  return side == Side::kOffer ? offer : demand;
}

const std::vector<std::string>& MarketArea::listing_required(Side side) {
  static const std::vector<std::string> offer = {"entity", "product", "quantity", "unit"};
  static const std::vector<std::string> demand = {"buyer", "product", "quantity", "unit"};
  return side == Side::kOffer ? offer : demand;
}

Result<std::int64_t> MarketArea::post_listing(Side side, const Fields& f) {
  return side == Side::kOffer ? id_of(post_offer(f)) : id_of(post_demand(f));
}

Result<std::int64_t> MarketArea::withdraw_listing(Side side, std::int64_t id) {
  return side == Side::kOffer ? id_of(withdraw_offer(id)) : id_of(withdraw_demand(id));
}

Result<std::int64_t> MarketArea::order_step(Step step, std::int64_t order_id, const Fields& f) {
  switch (step) {
    case Step::kDispatch:
      return id_of(dispatch(order_id, f));
    case Step::kReceive:
      return id_of(receive(order_id, f));
    case Step::kSale:
      break;
  }
  return id_of(record_sale(order_id, f));
}

Result<MarketArea::ResultsBreakdown> MarketArea::breakdown(const ResultsOf& of) {
  auto s = select(of);
  if (!s) return s.error();
  const market::SaleQuery& q = s->query;
  // The sale lines by province and by seller, each part's totals as the campaign's are made.
  std::map<std::string, std::vector<market::SaleFact>> of_province;
  std::map<std::int64_t, std::vector<market::SaleFact>> of_seller;
  for (const auto& row : db_.market().list_sales(q)) {
    market::SaleFact fact;
    fact.product = row.sale.product;
    fact.quantity = row.sale.quantity;
    fact.value_dong = row.sale.value_dong;
    fact.buyer_id = row.outlet.buyer_id;
    fact.buyer_name = row.buyer_name;
    fact.outlet_id = row.outlet.id;
    fact.province_id = row.seller_province_id;
    fact.seller_id = row.seller_id;
    fact.sold_on = row.sale.sold_on;
    of_province[fact.province_id].push_back(fact);
    of_seller[fact.seller_id].push_back(fact);
  }
  ResultsBreakdown out;
  const auto& cat = data().catalogue;
  for (const auto& [province, facts] : of_province)
    out.by_province.push_back({province, province, market::totals(facts, cat, false)});
  for (const auto& [seller, facts] : of_seller) {
    auto e = db_.registry().find_by_id(seller);
    out.by_cooperative.push_back({e ? e->code : std::to_string(seller),
                                  e ? e->name : std::to_string(seller),
                                  market::totals(facts, cat, false)});
  }
  return out;
}

Result<market::ResultsTable> MarketArea::results_table(
    const ResultsOf& of, const i18n::Catalog& cat, bool public_view,
    const std::function<std::string(const std::string&)>& province_name) {
  auto r = results(of);
  if (!r) return r.error();
  auto parts = breakdown(of);
  if (!parts) return parts.error();
  if (province_name)
    for (auto& p : parts->by_province) p.name = province_name(p.key);
  auto table = market::results_table(*r, data().catalogue, cat);
  market::add_part_sheet(table, "provinces", parts->by_province, data().catalogue, cat,
                         public_view);
  market::add_part_sheet(table, "cooperatives", parts->by_cooperative, data().catalogue, cat,
                         public_view);
  return table;
}

}  // namespace htx::areas
