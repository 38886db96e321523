// The exchange's pages: offers and demand with their filters and forms, the matching screen
// (the optimal allocation of a campaign, its confirmation, a pairing by hand), orders with their
// dispatch / receipt / sale forms, campaigns with their progress and results (public once
// published) and the results' downloads (CSV, .xlsx). Every read and write goes through
// areas::MarketArea; the handlers only parse and render.
#include <algorithm>

#include "exchange/market_results_xlsx.hpp"
#include "market/results_table.hpp"
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

using market::Campaign;
using market::Demand;
using market::Offer;
using market::Order;

using areas::MarketArea;
using Side = MarketArea::Side;

std::string campaign_href(const std::string& code) { return "/market/campaigns/" + code; }

// The exchange as the page's caller reaches it, with the labels the pages show.
class MarketPages : public AreaPages<areas::MarketArea> {
 public:
  MarketPages(Site& site, Page& page)
      : AreaPages(site, page, api::market_area(site.ctx(), page.principal()), "market.page.") {}

  const market::Catalogue& catalogue() const { return area_.data().catalogue; }
  bool en() const { return p_.lang() == i18n::Lang::kEn; }
  // A market page: the view with what the market's navigation needs (partial market_nav).
  web::Response render(std::string_view name, const std::string& title, json view,
                       int status = 200) {
    view["reads_every_sale"] = area_.reads_every_sale();
    return s_.render(p_, name, title, std::move(view), status);
  }

  std::string product(const std::string& code) const {
    const market::Product* p = catalogue().product(code);
    return !p ? code : en() && !p->name_en.empty() ? p->name_en : p->name;
  }
  std::string group(const std::string& code) const {
    const market::ProductGroup* g = catalogue().group(code);
    return !g ? code : en() && !g->name_en.empty() ? g->name_en : g->name;
  }
  std::string unit(const std::string& code) const {
    const market::Unit* u = catalogue().unit(code);
    return !u ? code : en() && !u->name_en.empty() ? u->name_en : u->name;
  }
  // base units of `product` in `unit_code` as the page writes them: "1,5 tấn".
  std::string amount(const std::string& product_code, std::int64_t base,
                     const std::string& unit_code) const {
    const market::Product* p = catalogue().product(product_code);
    const market::Unit* u = catalogue().unit(unit_code);
    if (!p || !u) return std::to_string(base);
    auto per = catalogue().base_per_unit(*p, *u);
    if (!per || *per <= 0) return std::to_string(base);
    market::Quantity q{base, u->dimension};
    // A count written in a unit of its own (a combo of 5 kg) is shown in the product's base.
    if (u->dimension != p->dimension) q.amount = base / *per;
    return market::Catalogue::amount_in(q, *u) + " " + unit(unit_code);
  }
  std::string money(std::int64_t dong) const { return s_.number(p_, dong) + " đ"; }
  std::string price(const market::Price& pr) const {
    if (pr.dong == 0) return "—";
    return money(pr.dong) + "/" + unit(pr.unit);
  }
  std::string status(std::string_view code) const { return t("status_" + std::string(code)); }
  std::string buyer_name(std::int64_t id) {
    auto b = area_.buyer(id);
    return b ? b->name : std::to_string(id);
  }
  std::string outlet_name(std::optional<std::int64_t> id) {
    if (!id) return "";
    auto o = area_.find_outlet(*id);
    return o ? o->name : std::to_string(*id);
  }
  std::string campaign_code(const std::optional<std::int64_t>& id) {
    if (!id) return "";
    for (auto& c : campaigns())
      if (c.id == *id) return c.code;
    return "";
  }
  const std::vector<Campaign>& campaigns() {
    if (!campaigns_) campaigns_ = area_.campaigns();
    return *campaigns_;
  }

  // What a row of an offer and of a demand show alike: the product, the quantity and what is
  // still free in the unit it was written in, the window, the place, the price, the status.
  template <typename Listing>
  json listing_row(const Listing& l, Date from, Date to, const market::Price& pr) {
    return {{"id", l.id},
            {"product", product(l.product)},
            {"quantity", amount(l.product, l.quantity.amount, l.unit)},
            {"free", amount(l.product, l.quantity.amount - l.committed, l.unit)},
            {"window", Site::date(from) + " – " + Site::date(to)},
            {"province", s_.province_name(l.province_id)},
            {"place", l.place},
            {"price", price(pr)},
            {"campaign", campaign_code(l.campaign_id)},
            {"status", status(market::to_code(l.status))},
            {"open", l.status == market::ListingStatus::kOpen}};
  }
  json offer_row(const Offer& o) {
    json row = listing_row(o, o.available_from, o.available_to, o.floor_price);
    row["seller"] = area_.entity_name(o.entity_id);
    row["standard"] = o.standard == market::Standard::kNone
                          ? json(false)
                          : json(std::string(market::vietnamese_name(o.standard)) +
                                 (o.ocop_stars ? " " + std::to_string(o.ocop_stars) + "★" : ""));
    return row;
  }
  json demand_row(const Demand& d) {
    json row = listing_row(d, d.wanted_from, d.wanted_to, d.ceiling_price);
    row["buyer"] = buyer_name(d.buyer_id);
    row["outlet"] = outlet_name(d.outlet_id);
    return row;
  }

  Choices product_choices(const std::string& first) const {
    Choices out{{"", first}};
    for (auto& p : catalogue().products()) out.emplace_back(p.code, product(p.code));
    return out;
  }
  Choices unit_choices() const {
    Choices out{{"", p_.t("form.choose")}};
    for (auto& u : catalogue().units()) out.emplace_back(u.code, unit(u.code));
    return out;
  }
  Choices campaign_choices(const std::string& first, bool open_only) {
    Choices out{{"", first}};
    for (auto& c : campaigns())
      if (!open_only || c.status == market::CampaignStatus::kOpen)
        out.emplace_back(c.code, c.code + " – " + c.name);
    return out;
  }

 private:
  std::optional<std::vector<Campaign>> campaigns_;
};

// The posted fields `names` as the area reads them.
areas::Fields fields_of(const Page& page, std::initializer_list<const char*> names) {
  areas::Fields f;
  for (auto* n : names) f[n] = std::string(text::trim(page.field(n)));
  return f;
}

std::optional<std::int64_t> id_param(const Page& page) { return positive_id(page.params.at("id")); }

// A refusal on a form: beside its field (through show_refusal), or, when the service refused
// the caller for this record (another cooperative, another province), above the form with the
// field's label, answered 403. A refusal of the caller as such is the 403 page (false).
bool refusal_on_form(const Page& page, FormState& f, const Error& e, const Choices& inputs,
                     const FieldNames& names, const std::string& forbidden_field,
                     const Choices& labels, int& status) {
  if (!e.is(ErrorKind::kForbidden)) {
    show_refusal(page, f, e, inputs, names);
    status = e.is(ErrorKind::kConflict) ? 409 : 422;
    return true;
  }
  if (e.key == "market.not_yours" || e.key == "error.forbidden") return false;
  status = 403;
  const std::string field = e.field.empty() ? forbidden_field : e.field;
  for (auto& [name, label] : inputs)
    if (name == field) {
      f.add(field, page.cat.render(e));
      return true;
    }
  auto label = std::find_if(labels.begin(), labels.end(),
                            [&](const auto& i) { return i.first == forbidden_field; });
  f.add("", (label != labels.end() ? page.t(label->second) + ": " : "") + page.cat.render(e));
  return true;
}

// ---- offers and demand ----

const Choices kOfferInputs = {{"entity", "market.page.f_entity"},
                              {"product", "market.page.f_product"},
                              {"quantity", "market.page.f_quantity"},
                              {"unit", "market.page.f_unit"},
                              {"standard", "market.page.f_standard"},
                              {"ocop_stars", "market.page.f_ocop_stars"},
                              {"from", "market.page.f_from"},
                              {"to", "market.page.f_to"},
                              {"province", "market.page.f_province"},
                              {"place", "market.page.f_place"},
                              {"min_lot", "market.page.f_min_lot"},
                              {"floor_price", "market.page.f_floor_price"},
                              {"price_unit", "market.page.f_price_unit"},
                              {"campaign", "market.page.f_campaign"}};
const Choices kDemandInputs = {{"buyer", "market.page.f_buyer"},
                               {"outlet", "market.page.f_outlet"},
                               {"product", "market.page.f_product"},
                               {"quantity", "market.page.f_quantity"},
                               {"unit", "market.page.f_unit"},
                               {"from", "market.page.f_from"},
                               {"to", "market.page.f_to"},
                               {"province", "market.page.f_province"},
                               {"place", "market.page.f_place"},
                               {"ceiling_price", "market.page.f_ceiling_price"},
                               {"price_unit", "market.page.f_price_unit"},
                               {"campaign", "market.page.f_campaign"}};
const FieldNames kListingNames = {
    {"available_from", "from"}, {"available_to", "to"},      {"wanted_from", "from"},
    {"wanted_to", "to"},        {"province_id", "province"}, {"entity_code", "entity"},
    {"buyer_id", "buyer"},      {"outlet_id", "outlet"},     {"campaign_id", "campaign"}};

// The form's inputs for this caller: a cooperative's or a buyer's own account has no
// entity / buyer field (it posts its own).
Choices inputs_for(MarketPages& mp, Side side) {
  Choices out = side == Side::kOffer ? kOfferInputs : kDemandInputs;
  const bool own = side == Side::kOffer ? mp.area().actor().own_entity_code.has_value()
                                        : mp.area().actor().own_buyer_id.has_value();
  if (own) out.erase(out.begin());
  return out;
}

// A record as a select's choice: its value and its label.
using Choice = std::pair<std::string, std::string>;
Choice choice(const market::Buyer& b) { return {b.code, b.name}; }
Choice choice(const work::Unit& u) { return {u.code, u.name}; }
Choice choice(const work::Document& d) {
  return {std::to_string(d.id), d.number_symbol() + " – " + d.title};
}

// A select's choices: `none` (the empty value's label), then one per record.
template <class Records>
Choices choices_of(std::string none, const Records& records) {
  Choices out{{"", std::move(none)}};
  for (const auto& r : records) out.push_back(choice(r));
  return out;
}

json listing_form(Site& site, Page& page, MarketPages& mp, Side side, const FormState& f) {
  json fields = json::array();
  const Choices inputs = inputs_for(mp, side);
  for (auto& [name, label] : inputs) {
    const bool required = name == "entity" || name == "buyer" || name == "product" ||
                          name == "quantity" || name == "unit" || name == "from" || name == "to";
    json choices;
    const char* kind = "text";
    if (name == "product") {
      kind = "select";
      choices = options(mp.product_choices(page.t("form.choose")), f.value(name));
    } else if (name == "unit" || name == "price_unit") {
      kind = "select";
      choices = options(mp.unit_choices(), f.value(name));
    } else if (name == "campaign") {
      kind = "select";
      choices = options(mp.campaign_choices(mp.t("no_campaign"), true), f.value(name));
    } else if (name == "standard") {
      kind = "select";
      Choices s;
      for (auto st :
           {market::Standard::kNone, market::Standard::kVietGap, market::Standard::kOrganic,
            market::Standard::kOcop, market::Standard::kGlobalGap})
        s.emplace_back(std::string(market::to_code(st)), std::string(market::vietnamese_name(st)));
      choices = options(s, f.value(name));
    } else if (name == "buyer") {
      kind = "select";
      choices = options(choices_of(page.t("form.choose"), mp.area().buyers()), f.value(name));
    } else if (name == "outlet") {
      kind = "select";
      Choices o{{"", mp.t("no_outlet")}};
      for (auto& buyer : mp.area().buyers())
        for (auto& outlet : mp.area().outlets_of(buyer.id))
          o.emplace_back(std::to_string(outlet.id), buyer.name + " – " + outlet.name);
      choices = options(o, f.value(name));
    } else if (name == "from" || name == "to") {
      kind = "date";
    } else if (name == "quantity" || name == "min_lot" || name == "floor_price" ||
               name == "ceiling_price" || name == "ocop_stars") {
      kind = "number";
    }
    fields.push_back(form_field(page, f, name, label, required, kind, std::move(choices)));
  }
  return {{"csrf", mp.csrf()},
          {"action", side == Side::kOffer ? "/market/offers" : "/market/demand"},
          {"fields", fields},
          {"errors", error_summary(page, f, inputs)},
          {"has_errors", !f.ok()}};
  (void)site;
}

web::Response listing(Site& site, Page& page, Side side, const FormState& form, int status) {
  MarketPages mp(site, page);
  if (auto stop = site.guard(page, mp.area().can_read())) return std::move(*stop);
  areas::ListingFilter filter{page.query("campaign"), page.query("product"),
                              checked(page.query("open")) ? "1" : ""};
  json rows = json::array();
  std::size_t count = 0;
  if (side == Side::kOffer) {
    auto found = mp.area().offers(filter);
    if (!found) return site.refused(page, found.error());
    for (auto& o : *found) rows.push_back(mp.offer_row(o));
    count = found->size();
  } else {
    auto found = mp.area().demand(filter);
    if (!found) return site.refused(page, found.error());
    for (auto& d : *found) rows.push_back(mp.demand_row(d));
    count = found->size();
  }
  const bool can_post = side == Side::kOffer ? mp.area().can_offer() : mp.area().can_demand();
  for (auto& r : rows) r["can_withdraw"] = can_post && r["open"].get<bool>();
  const std::string base = side == Side::kOffer ? "/market/offers" : "/market/demand";
  json view = {
      {"offers", side == Side::kOffer},
      {"action", base},
      {"campaigns", options(mp.campaign_choices(mp.t("all_campaigns"), false), filter.campaign)},
      {"products", options(mp.product_choices(mp.t("all_products")), filter.product)},
      {"open", filter.open == "1"},
      {"rows", rows},
      {"caption", mp.t("found", {{"count", site.number(page, static_cast<std::int64_t>(count))}})},
      {"csrf", mp.csrf()},
      {"form", can_post ? listing_form(site, page, mp, side, form) : json(false)}};
  return mp.render("market_listings", mp.t(side == Side::kOffer ? "offers" : "demand"),
                   std::move(view), status);
}

web::Response listing_get(Site& site, Page& page, Side side) {
  FormState f;
  f.values["from"] = site.today().vietnamese();
  f.values["campaign"] = page.query("campaign");
  return listing(site, page, side, f, 200);
}

web::Response listing_post(Site& site, Page& page, Side side) {
  MarketPages mp(site, page);
  const Choices inputs = inputs_for(mp, side);
  FormState f;
  areas::Fields fields =
      posted_fields(page, side == Side::kOffer ? kOfferInputs : kDemandInputs, f);
  std::optional<Error> failed;
  if (auto r = mp.area().post_listing(side, fields); !r) failed = r.error();
  if (!failed) {
    site.data_changed();
    return Site::redirect(std::string(side == Side::kOffer ? "/market/offers" : "/market/demand") +
                          query_string({{"campaign", fields["campaign"]}}));
  }
  int status = 422;
  if (!refusal_on_form(page, f, *failed, inputs, kListingNames,
                       side == Side::kOffer ? "entity" : "buyer",
                       side == Side::kOffer ? kOfferInputs : kDemandInputs, status))
    return site.forbidden(page);
  return listing(site, page, side, f, status);
}

web::Response withdraw(Site& site, Page& page, Side side) {
  MarketPages mp(site, page);
  auto id = id_param(page);
  if (!id) return site.not_found(page, page.t("error.not_found"));
  if (auto r = mp.area().withdraw_listing(side, *id); !r) return site.refused(page, r.error());
  site.data_changed();
  return Site::redirect(side == Side::kOffer ? "/market/offers" : "/market/demand");
}

// ---- matching ----

struct PairForm {
  FormState f;
};

// A proposal line's hub by name ("" when the lots go direct).
std::string hub_name(MarketPages& mp, const std::string& code) {
  if (code.empty()) return "";
  for (const auto& h : mp.area().data().allocation.hubs)
    if (h.code == code) return h.name;
  return code;
}

web::Response matching_page(Site& site, Page& page, MarketPages& mp, const Campaign& c,
                            const FormState& pair, const std::string& message, int status) {
  auto proposal = mp.area().propose(c.code);
  if (!proposal) return site.refused(page, proposal.error());
  json lines = json::array(), unmet = json::array(), unsold = json::array();
  std::int64_t transport = 0, gap = 0, handling = 0;
  bool via_hub = false;
  for (auto& l : proposal->lines) {
    auto offer = mp.area().find_offer(l.offer_id);
    auto dem = mp.area().find_demand(l.demand_id);
    if (!offer || !dem) continue;
    transport += l.transport_dong;
    gap += l.price_gap_dong;
    handling += l.handling_dong;
    via_hub = via_hub || !l.hub.empty();
    lines.push_back({{"key", std::to_string(l.offer_id) + ":" + std::to_string(l.demand_id) + ":" +
                                 std::to_string(l.quantity)},
                     {"offer", l.offer_id},
                     {"demand", l.demand_id},
                     {"seller", mp.area().entity_name(offer->entity_id)},
                     {"buyer", mp.buyer_name(dem->buyer_id)},
                     {"outlet", mp.outlet_name(dem->outlet_id)},
                     {"product", mp.product(offer->product)},
                     {"quantity", mp.amount(offer->product, l.quantity, offer->unit)},
                     {"distance", site.number(page, l.distance_km) + " km"},
                     {"transport", mp.money(l.transport_dong)},
                     {"gap", mp.money(l.price_gap_dong)},
                     {"hub", hub_name(mp, l.hub)},
                     {"handling", mp.money(l.handling_dong)}});
  }
  for (auto& u : proposal->unmet) {
    auto dem = mp.area().find_demand(u.demand_id);
    if (!dem) continue;
    unmet.push_back({{"demand", u.demand_id},
                     {"buyer", mp.buyer_name(dem->buyer_id)},
                     {"outlet", mp.outlet_name(dem->outlet_id)},
                     {"product", mp.product(dem->product)},
                     {"quantity", mp.amount(dem->product, u.quantity, dem->unit)}});
  }
  for (auto& u : proposal->unsold) {
    const market::Product* p = mp.catalogue().product(u.product);
    unsold.push_back(
        {{"seller", mp.area().entity_name(u.seller_id)},
         {"product", mp.product(u.product)},
         {"quantity", mp.amount(u.product, u.quantity, p ? p->default_unit : std::string())}});
  }
  json pair_fields = json::array();
  pair_fields.push_back(form_field(page, pair, "offer", "market.page.f_offer", true, "number"));
  pair_fields.push_back(form_field(page, pair, "demand", "market.page.f_demand", true, "number"));
  pair_fields.push_back(
      form_field(page, pair, "quantity", "market.page.f_quantity", true, "number"));
  pair_fields.push_back(form_field(page, pair, "unit", "market.page.f_unit", true, "select",
                                   options(mp.unit_choices(), pair.value("unit"))));
  static const Choices kPairInputs = {{"offer", "market.page.f_offer"},
                                      {"demand", "market.page.f_demand"},
                                      {"quantity", "market.page.f_quantity"},
                                      {"unit", "market.page.f_unit"}};
  json view = {{"campaign", {{"code", c.code}, {"name", c.name}, {"href", campaign_href(c.code)}}},
               {"csrf", mp.csrf()},
               {"lines", lines},
               {"has_lines", !lines.empty()},
               {"unmet", unmet},
               {"has_unmet", !unmet.empty()},
               {"unsold", unsold},
               {"has_unsold", !unsold.empty()},
               {"transport", mp.money(transport)},
               {"gap", mp.money(gap)},
               {"handling", mp.money(handling)},
               {"via_hub", via_hub},
               {"message", message.empty() ? json(false) : json(message)},
               {"pair_fields", pair_fields},
               {"pair_errors", error_summary(page, pair, kPairInputs)},
               {"pair_has_errors", !pair.ok()}};
  return mp.render("market_matching", mp.t("matching_title", {{"code", c.code}}), std::move(view),
                   status);
}

web::Response matching(Site& site, Page& page) {
  MarketPages mp(site, page);
  if (auto stop = site.guard(page, mp.area().is_staff())) return std::move(*stop);
  auto c = mp.area().campaign(page.params.at("code"));
  if (!c) return site.refused(page, c.error());
  return matching_page(site, page, mp, *c, FormState{}, "", 200);
}

// The lines ticked on the matching screen ("offer:demand:quantity"); none = the whole proposal.
std::vector<market::Pairing> ticked_lines(const Page& page) {
  std::vector<market::Pairing> out;
  for (auto v : page.form.get_all("line")) {
    auto parts = text::split(std::string(v), ':');
    if (parts.size() != 3) continue;
    auto o = positive_id(parts[0]), d = positive_id(parts[1]), q = positive_id(parts[2]);
    if (o && d && q) out.push_back({*o, *d, *q});
  }
  return out;
}

web::Response confirm_post(Site& site, Page& page, bool by_hand) {
  MarketPages mp(site, page);
  if (auto stop = site.guard(page, mp.area().is_staff())) return std::move(*stop);
  auto c = mp.area().campaign(page.params.at("code"));
  if (!c) return site.refused(page, c.error());
  FormState pair;
  std::vector<market::Pairing> lines;
  if (by_hand) {
    auto fields = fields_of(page, {"offer", "demand", "quantity", "unit"});
    for (auto& [k, v] : fields) pair.values[k] = v;
    auto p = mp.area().pairing(fields);
    if (!p) {
      if (!show_refusal(page, pair, p.error(),
                        {{"offer", ""}, {"demand", ""}, {"quantity", ""}, {"unit", ""}}))
        return site.forbidden(page);
      return matching_page(site, page, mp, *c, pair, "", 422);
    }
    lines.push_back(*p);
  } else {
    lines = ticked_lines(page);
  }
  auto orders = mp.area().confirm(c->code, lines);
  if (!orders) {
    if (orders.error().is(ErrorKind::kForbidden)) return site.forbidden(page);
    const int status = orders.error().is(ErrorKind::kConflict) ? 409 : 422;
    if (by_hand) pair.add("", site.error_text(page, orders.error()));
    return matching_page(site, page, mp, *c, pair,
                         by_hand ? "" : site.error_text(page, orders.error()), status);
  }
  site.data_changed();
  return Site::redirect("/market/orders?campaign=" + c->code);
}
web::Response confirm(Site& site, Page& page) { return confirm_post(site, page, false); }
web::Response pair(Site& site, Page& page) { return confirm_post(site, page, true); }

// ---- orders ----

using OrderAction = areas::MarketArea::Step;

web::Response orders_page(Site& site, Page& page, std::optional<std::int64_t> failed_id,
                          const FormState& failed, int status) {
  MarketPages mp(site, page);
  if (auto stop = site.guard(page, mp.area().is_staff())) return std::move(*stop);
  const std::string code = page.query("campaign");
  std::optional<std::int64_t> campaign_id;
  if (!code.empty()) {
    auto c = mp.area().campaign(code);
    if (!c) return site.error(page, 400, site.error_text(page, c.error()));
    campaign_id = c->id;
  }
  json rows = json::array();
  for (auto& o : mp.area().orders(campaign_id)) {
    auto offer = mp.area().find_offer(o.offer_id);
    auto dem = mp.area().find_demand(o.demand_id);
    if (!offer || !dem) continue;
    FormState f;
    f.values["on"] = site.today().vietnamese();
    f.values["unit"] = offer->unit;
    if (failed_id && *failed_id == o.id) f = failed;
    Choices outlets{{"", page.t("form.choose")}};
    for (auto& out : mp.area().outlets_of(dem->buyer_id))
      outlets.emplace_back(std::to_string(out.id), out.name);
    if (dem->outlet_id && f.value("outlet").empty())
      f.values["outlet"] = std::to_string(*dem->outlet_id);
    auto units = options(mp.unit_choices(), f.value("unit"));
    const std::string id = std::to_string(o.id);
    rows.push_back({{"id", o.id},
                    {"seller", mp.area().entity_name(offer->entity_id)},
                    {"buyer", mp.buyer_name(dem->buyer_id)},
                    {"outlet", mp.outlet_name(dem->outlet_id)},
                    {"product", mp.product(offer->product)},
                    {"quantity", mp.amount(offer->product, o.quantity, offer->unit)},
                    {"dispatched", mp.amount(offer->product, o.dispatched, offer->unit)},
                    {"received", mp.amount(offer->product, o.received, offer->unit)},
                    {"lost", mp.amount(offer->product, o.lost, offer->unit)},
                    {"price", mp.money(o.price_per_lot)},
                    {"status", mp.status(market::to_code(o.status))},
                    {"status_code", std::string(market::to_code(o.status))},
                    {"units", units},
                    {"outlets", options(outlets, f.value("outlet"))},
                    {"quantity_value", f.value("quantity")},
                    {"value_value", f.value("value")},
                    {"on_value", f.value("on")},
                    {"errors", error_summary(page, f,
                                             {{"quantity", "market.page.f_quantity"},
                                              {"unit", "market.page.f_unit"},
                                              {"on", "market.page.f_on"},
                                              {"outlet", "market.page.f_outlet"},
                                              {"value", "market.page.f_value"}})},
                    {"has_errors", !f.ok()},
                    {"href", "/market/orders/" + id}});
  }
  json view = {{"rows", rows},
               {"has_rows", !rows.empty()},
               {"csrf", mp.csrf()},
               {"campaign", code},
               {"campaigns", options(mp.campaign_choices(mp.t("all_campaigns"), false), code)}};
  return mp.render("market_orders", mp.t("orders"), std::move(view), status);
}

web::Response orders(Site& site, Page& page) {
  return orders_page(site, page, std::nullopt, FormState{}, 200);
}

web::Response order_post(Site& site, Page& page, OrderAction action) {
  MarketPages mp(site, page);
  if (auto stop = site.guard(page, mp.area().can_read())) return std::move(*stop);
  auto id = id_param(page);
  if (!id || !mp.area().order(*id)) return site.not_found(page, page.t("error.not_found"));
  auto fields = fields_of(page, {"quantity", "unit", "on", "outlet", "value"});
  FormState f;
  for (auto& [k, v] : fields) f.values[k] = v;
  std::optional<Error> failed;
  if (auto r = mp.area().order_step(action, *id, fields); !r) failed = r.error();
  const std::string back = "/market/orders" + query_string({{"campaign", page.query("campaign")}});
  if (!failed) {
    site.data_changed();
    return Site::redirect(back + "#order-" + std::to_string(*id));
  }
  static const Choices kInputs = {
      {"quantity", ""}, {"unit", ""}, {"on", ""}, {"outlet", ""}, {"value", ""}};
  if (!show_refusal(page, f, *failed, kInputs)) return site.forbidden(page);
  return orders_page(site, page, *id, f, failed->is(ErrorKind::kConflict) ? 409 : 422);
}

// ---- campaigns ----

constexpr market::CampaignStatus kCampaignStatuses[] = {market::CampaignStatus::kOpen,
                                                        market::CampaignStatus::kClosed,
                                                        market::CampaignStatus::kPublished};

web::Response home(Site&, Page&) { return Site::redirect("/market/campaigns"); }

web::Response campaigns(Site& site, Page& page) {
  MarketPages mp(site, page);
  json rows = json::array();
  for (auto& c : mp.campaigns())
    rows.push_back({{"code", c.code},
                    {"name", c.name},
                    {"href", campaign_href(c.code)},
                    {"starts_on", Site::date(c.starts_on)},
                    {"ends_on", c.ends_on ? Site::date(*c.ends_on) : std::string("—")},
                    {"status", mp.status(market::to_code(c.status))}});
  json view = {{"rows", rows},
               {"has_rows", !rows.empty()},
               {"can_create", mp.area().is_staff()},
               {"signed_in", page.signed_in()}};
  return mp.render("market_campaigns", mp.t("campaigns"), std::move(view));
}

const Choices kCampaignInputs = {
    {"code", "market.page.f_code"},           {"name", "market.page.f_name"},
    {"directive", "market.page.f_directive"}, {"organiser", "market.page.f_organiser"},
    {"partners", "market.page.f_partners"},   {"provinces", "market.page.f_provinces"},
    {"starts_on", "market.page.f_starts_on"}, {"ends_on", "market.page.f_ends_on"},
    {"targets", "market.page.f_targets"}};

web::Response campaign_form(Site& site, Page& page, MarketPages& mp, const FormState& f,
                            int status) {
  json fields = json::array();
  for (auto& [name, label] : kCampaignInputs) {
    json choices;
    const char* kind = name == "starts_on" || name == "ends_on" ? "date" : "text";
    if (name == "directive") {
      kind = "select";
      choices =
          options(choices_of(mp.t("no_directive"), mp.area().work_documents()), f.value(name));
    } else if (name == "organiser") {
      kind = "select";
      choices = options(choices_of(page.t("form.choose"), mp.area().work_units()), f.value(name));
    }
    json field =
        form_field(page, f, name, label, name == "code" || name == "name" || name == "organiser",
                   kind, std::move(choices));
    field["multiline"] = name == "partners" || name == "targets";
    if (name == "targets" || name == "provinces" || name == "partners")
      field["hint"] = mp.t("hint_" + name);
    fields.push_back(std::move(field));
  }
  json view = {{"csrf", mp.csrf()},
               {"fields", fields},
               {"origin_task", f.value("origin_task")},
               {"origin_item", f.value("origin_item")},
               {"errors", error_summary(page, f, kCampaignInputs)},
               {"has_errors", !f.ok()}};
  return mp.render("market_campaign_new", mp.t("new_campaign"), std::move(view), status);
}

web::Response campaign_new(Site& site, Page& page) {
  MarketPages mp(site, page);
  if (auto stop = site.guard(page, mp.area().is_staff())) return std::move(*stop);
  FormState f;
  f.values["origin_task"] = std::to_string(positive_id(page.query("origin_task")).value_or(0));
  f.values["origin_item"] = std::to_string(positive_id(page.query("origin_item")).value_or(0));
  for (auto* k : {"origin_task", "origin_item"})
    if (f.values[k] == "0") f.values[k].clear();
  return campaign_form(site, page, mp, f, 200);
}

web::Response campaign_create(Site& site, Page& page) {
  MarketPages mp(site, page);
  if (auto stop = site.guard(page, mp.area().is_staff())) return std::move(*stop);
  auto fields = fields_of(page, {"code", "name", "directive", "organiser", "partners", "provinces",
                                 "starts_on", "ends_on", "targets", "origin_task", "origin_item"});
  FormState f;
  for (auto& [k, v] : fields) f.values[k] = v;
  auto added = mp.area().add_campaign(fields);
  if (added) {
    site.data_changed();
    return Site::redirect(campaign_href(added->code));
  }
  int status = 422;
  if (!refusal_on_form(page, f, added.error(), kCampaignInputs, {}, "provinces", kCampaignInputs,
                       status))
    return site.forbidden(page);
  return campaign_form(site, page, mp, f, status);
}

web::Response campaign_status(Site& site, Page& page) {
  MarketPages mp(site, page);
  if (auto stop = site.guard(page, mp.area().is_staff())) return std::move(*stop);
  auto r = mp.area().set_campaign_status(page.params.at("code"), page.field("status"));
  if (!r) return site.refused(page, r.error());
  site.data_changed();
  return Site::redirect(campaign_href(r->code));
}

// The results' rows as the page shows them (the same table as the downloads).
json table_view(Site& site, Page& page, const market::ResultsSheet& sheet, bool values) {
  json header = json::array(), rows = json::array();
  std::vector<bool> keep;
  for (auto& h : sheet.header) {
    const bool money = h == page.t("market.page.col_value");
    keep.push_back(values || !money);
    if (keep.back()) header.push_back(h);
  }
  for (auto& row : sheet.rows) {
    json cells = json::array();
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i < keep.size() && !keep[i]) continue;
      const auto& c = row[i];
      using Kind = market::ResultsCell::Kind;
      std::string text;
      if (c.kind == Kind::kText) text = c.text;
      if (c.kind == Kind::kInteger) text = site.number(page, c.integer);
      if (c.kind == Kind::kPercent) {
        std::string p = c.plain();
        for (auto& ch : p)
          if (ch == '.' && page.lang() == i18n::Lang::kVi) ch = ',';
        text = p + " %";
      }
      if (c.kind == Kind::kQuantity) {
        text = c.plain();
        if (page.lang() == i18n::Lang::kVi) {
          auto dot = text.find('.');
          std::string whole = text.substr(0, dot);
          auto n = text::parse_int(whole);
          text = (n ? site.number(page, *n) : whole) +
                 (dot == std::string::npos ? "" : "," + text.substr(dot + 1));
        }
      }
      cells.push_back({{"text", text}, {"number", c.kind != Kind::kText}});
    }
    rows.push_back({{"cells", cells}});
  }
  return {{"name", sheet.name}, {"header", header}, {"rows", rows}, {"has_rows", !rows.empty()}};
}

std::time_t created_of(Date d) { return static_cast<std::time_t>(d.days()) * 24 * 3600; }

// The results as tables, with the provinces and cooperatives (no value for the public), the
// provinces by name.
Result<market::ResultsTable> results_tables(Site& site, Page& page, MarketPages& mp,
                                            const MarketArea::ResultsOf& of) {
  return mp.area().results_table(of, page.cat, !page.signed_in(),
                                 [&](const std::string& id) { return site.province_name(id); });
}

// What the request asks results of: the path's campaign (if any), ?from= and ?as_of=.
MarketArea::ResultsOf results_of(Page& page) {
  const std::string* code = page.params.find("code");
  return {code ? *code : std::string(), page.query("from"), page.query("as_of")};
}

// Where the results' downloads are: the campaign's, or the period's.
std::string results_href(const MarketArea::ResultsOf& of) {
  return of.campaign.empty() ? "/market/results" : campaign_href(of.campaign) + "/results";
}

// The results section of a campaign's page and of the period's page (partial market_results):
// the sentence, the downloads with the same dates, the progress against the targets, the tables.
Result<json> results_view(Site& site, Page& page, MarketPages& mp,
                          const MarketArea::ResultsOf& of) {
  auto results = mp.area().results(of);
  if (!results) return results.error();
  auto table = results_tables(site, page, mp, of);
  if (!table) return table.error();
  // The progress chart: sold against the target, per group, in the target's unit.
  json chart = {{"labels", json::array()}, {"sold", json::array()}, {"target", json::array()}};
  json progress = json::array();
  for (auto& p : results->progress) {
    const market::Unit* u = mp.catalogue().unit(p.target.unit);
    const double per = u && u->base_per_unit > 0 ? static_cast<double>(u->base_per_unit) : 1.0;
    const std::string label = mp.group(p.target.group) + " (" + mp.unit(p.target.unit) + ")";
    chart["labels"].push_back(label);
    chart["sold"].push_back(static_cast<double>(p.sold) / per);
    chart["target"].push_back(static_cast<double>(p.target.quantity.amount) / per);
    const std::int64_t pct =
        p.target.quantity.amount > 0 ? p.sold * 100 / p.target.quantity.amount : 0;
    progress.push_back(
        {{"label", label}, {"percent", pct}, {"bar", std::min<std::int64_t>(pct, 100)}});
  }
  const std::string base = results_href(of);
  auto download = [&](const std::string& ext, const std::string& sheet) {
    return base + ext + query_string({{"from", of.from}, {"as_of", of.as_of}, {"sheet", sheet}});
  };
  return json{
      {"from", of.from},
      {"as_of", of.as_of.empty() ? Site::date(results->as_of) : of.as_of},
      {"as_of_text", Site::date(results->as_of)},
      {"narrative", results->narrative},
      {"has_progress", !progress.empty()},
      {"progress", progress},
      {"chart", json{{"type", "bar"},
                     {"labels", chart["labels"]},
                     {"datasets",
                      json::array({{{"label", mp.t("chart_sold")}, {"data", chart["sold"]}},
                                   {{"label", mp.t("chart_target")}, {"data", chart["target"]}}})}}
                    .dump()},
      {"groups", table_view(site, page, *table->sheet("groups"), page.signed_in())},
      {"channels", table_view(site, page, *table->sheet("channels"), page.signed_in())},
      {"provinces", table_view(site, page, *table->sheet("provinces"), page.signed_in())},
      {"cooperatives", table_view(site, page, *table->sheet("cooperatives"), page.signed_in())},
      {"csv", download(".csv", "")},
      {"csv_channels", download(".csv", "channels")},
      {"csv_cooperatives", download(".csv", "cooperatives")},
      {"xlsx", download(".xlsx", "")}};
}

web::Response campaign(Site& site, Page& page) {
  MarketPages mp(site, page);
  const std::string code = page.params.at("code");
  auto c = mp.area().campaign(code);
  if (!c) return site.refused(page, c.error());
  auto results = results_view(site, page, mp, results_of(page));
  if (!results) return site.refused(page, results.error());
  const bool staff = mp.area().is_staff();
  json details = json::array();
  auto row = detail_rows(details, mp);
  row("f_directive", mp.area().document_name(c->directive_document_id));
  if (c->organiser_unit_id) row("f_organiser", mp.area().work_unit_name(c->organiser_unit_id));
  std::string partners, provinces;
  for (auto& p : c->partners) partners += (partners.empty() ? "" : "; ") + p;
  for (auto& p : c->province_ids)
    provinces += (provinces.empty() ? "" : ", ") + site.province_name(p);
  row("f_partners", partners);
  row("f_provinces", provinces);
  row("f_starts_on", Site::date(c->starts_on));
  if (c->ends_on) row("f_ends_on", Site::date(*c->ends_on));
  row("f_status", mp.status(market::to_code(c->status)));
  json statuses = json::array();
  for (auto s : kCampaignStatuses)
    statuses.push_back({{"value", std::string(market::to_code(s))},
                        {"label", mp.status(market::to_code(s))},
                        {"selected", s == c->status}});
  json view = std::move(*results);
  view.update(
      {{"campaign", {{"code", c->code}, {"name", c->name}, {"href", campaign_href(c->code)}}},
       {"results_action", campaign_href(c->code)},
       {"details", details},
       {"staff", staff},
       {"csrf", mp.csrf()},
       {"statuses", statuses},
       {"open", c->status == market::CampaignStatus::kOpen}});
  return mp.render("market_campaign", c->name, std::move(view));
}

// Every sale of a period in the caller's provinces, whatever campaign it belongs to.
web::Response period_results(Site& site, Page& page) {
  MarketPages mp(site, page);
  auto results = results_view(site, page, mp, results_of(page));
  if (!results) return site.refused(page, results.error());
  json view = std::move(*results);
  view["results_action"] = "/market/results";
  view["period"] = true;
  return mp.render("market_results", mp.t("period_results"), std::move(view));
}

web::Response results_download(Site& site, Page& page, bool xlsx) {
  MarketPages mp(site, page);
  const auto of = results_of(page);
  auto results = mp.area().results(of);
  if (!results) return site.refused(page, results.error());
  auto table = results_tables(site, page, mp, of);
  if (!table) return site.refused(page, table.error());
  web::Response response;
  const std::string name = "ket-qua-" + (of.campaign.empty() ? std::string("ky") : of.campaign) +
                           (results->from ? "-" + results->from->iso() : std::string()) + "-" +
                           results->as_of.iso();
  if (xlsx) {
    response.body = exchange::results_xlsx_bytes(*table, created_of(results->as_of));
    response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    const std::string sheet = page.query("sheet").empty() ? "groups" : page.query("sheet");
    const market::ResultsSheet* s = table->sheet(sheet);
    if (!s) return site.error(page, 400, mp.t("bad_sheet", {{"value", sheet}}));
    response.body = market::results_csv(*s);
    response.content_type = "text/csv; charset=utf-8";
  }
  response.headers.set("Content-Disposition",
                       "attachment; filename=\"" + name + (xlsx ? ".xlsx" : ".csv") + "\"");
  return response;
}
web::Response results_csv(Site& site, Page& page) { return results_download(site, page, false); }
web::Response results_xlsx(Site& site, Page& page) { return results_download(site, page, true); }

}  // namespace

void register_market_pages(Site& site, web::Router& router) {
  using P = Site::Post;
  site.get(router, "/market", home);
  // Offers and demand: a list with its form, a post, a withdrawal.
  for (Side side : {Side::kOffer, Side::kDemand}) {
    const std::string base = side == Side::kOffer ? "/market/offers" : "/market/demand";
    site.get(router, base, [side](Site& s, Page& p) { return listing_get(s, p, side); });
    site.post(
        router, base, [side](Site& s, Page& p) { return listing_post(s, p, side); }, P::kSession);
    site.post(
        router, base + "/{id}/withdraw", [side](Site& s, Page& p) { return withdraw(s, p, side); },
        P::kSession);
  }
  site.get(router, "/market/campaigns", campaigns);
  site.get(router, "/market/campaigns/new", campaign_new);
  site.post(router, "/market/campaigns", campaign_create, P::kSession);
  site.get(router, "/market/campaigns/{code}", campaign);
  site.post(router, "/market/campaigns/{code}/status", campaign_status, P::kSession);
  site.get(router, "/market/results", period_results);
  site.get(router, "/market/results.csv", results_csv);
  site.get(router, "/market/results.xlsx", results_xlsx);
  site.get(router, "/market/campaigns/{code}/results.csv", results_csv);
  site.get(router, "/market/campaigns/{code}/results.xlsx", results_xlsx);
  site.get(router, "/market/campaigns/{code}/matching", matching);
  site.post(router, "/market/campaigns/{code}/confirm", confirm, P::kSession);
  site.post(router, "/market/campaigns/{code}/pair", pair, P::kSession);
  site.get(router, "/market/orders", orders);
  // An order's steps, each a form of its own.
  for (auto [step, path] :
       {std::pair{OrderAction::kDispatch, "dispatch"}, std::pair{OrderAction::kReceive, "receive"},
        std::pair{OrderAction::kSale, "sale"}})
    site.post(
        router, std::string("/market/orders/{id}/") + path,
        [step = step](Site& s, Page& p) { return order_post(s, p, step); }, P::kSession);
}

}  // namespace htx::webapp
