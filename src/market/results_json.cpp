#include "market/results_json.hpp"

namespace htx::market {

namespace {

using nlohmann::json;

// The amount in the unit, as the catalogue writes it ("549,8"); the base units when the unit is
// not in the catalogue.
std::string stated(std::int64_t amount, Dimension dimension, const std::string& unit_code,
                   const Catalogue& catalogue) {
  const Unit* unit = catalogue.unit(unit_code);
  if (!unit) return std::to_string(amount);
  return Catalogue::amount_in(Quantity{amount, dimension}, *unit);
}

std::string unit_name(const std::string& unit_code, const Catalogue& catalogue) {
  const Unit* unit = catalogue.unit(unit_code);
  return unit ? unit->name : unit_code;
}

std::string group_name(const std::string& group, const Catalogue& catalogue) {
  const ProductGroup* g = catalogue.group(group);
  return g ? g->name : group;
}

// Sold against the target, in percent with one decimal (null when the target is zero).
json attainment(std::int64_t sold, std::int64_t target) {
  if (target <= 0) return nullptr;
  return static_cast<double>((sold * 1000 + target / 2) / target) / 10.0;
}

}  // namespace

json to_json(const Total& t, const Catalogue& catalogue, bool public_view) {
  json j = {{"group", t.group},
            {"group_name", group_name(t.group, catalogue)},
            {"channel", t.channel},
            {"unit", t.unit},
            {"unit_name", unit_name(t.unit, catalogue)},
            {"dimension", to_code(t.dimension)},
            {"quantity", t.quantity},
            {"stated", stated(t.quantity, t.dimension, t.unit, catalogue)},
            {"lines", t.lines}};
  if (!public_view) j["value_dong"] = t.value_dong;
  return j;
}

json to_json(const CampaignResults& r, const Catalogue& catalogue, bool public_view) {
  // A period's results have no campaign (null) and say their first day.
  json campaign = r.campaign.code.empty() ? json(nullptr) : to_json(r.campaign);
  json totals = json::array();
  for (const auto& t : r.totals) totals.push_back(to_json(t, catalogue, public_view));
  json by_channel = json::array();
  for (const auto& t : r.totals_by_channel)
    by_channel.push_back(to_json(t, catalogue, public_view));
  json targets = json::array();
  for (const auto& p : r.progress) {
    const auto d = p.target.quantity.dimension;
    targets.push_back(
        {{"group", p.target.group},
         {"group_name", group_name(p.target.group, catalogue)},
         {"unit", p.target.unit},
         {"unit_name", unit_name(p.target.unit, catalogue)},
         {"dimension", to_code(d)},
         {"target", p.target.quantity.amount},
         {"target_stated", stated(p.target.quantity.amount, d, p.target.unit, catalogue)},
         {"sold", p.sold},
         {"sold_stated", stated(p.sold, d, p.target.unit, catalogue)},
         {"attainment_percent", attainment(p.sold, p.target.quantity.amount)}});
  }
  json j = {
      {"campaign", campaign},       {"as_of", r.as_of.iso()},          {"public", public_view},
      {"totals", totals},           {"totals_by_channel", by_channel}, {"targets", targets},
      {"sale_lines", r.sale_lines}, {"narrative", r.narrative}};
  if (!public_view) j["value_dong"] = r.value_dong;
  j["from"] = r.from ? json(r.from->iso()) : json(nullptr);
  return j;
}

json to_json(const std::vector<ResultsPart>& parts, const Catalogue& catalogue, bool public_view) {
  json out = json::array();
  for (const auto& part : parts) {
    json totals = json::array();
    for (const auto& t : part.totals) totals.push_back(to_json(t, catalogue, public_view));
    out.push_back({{"key", part.key}, {"name", part.name}, {"totals", totals}});
  }
  return out;
}

json to_json(const Proposal& p) {
  json lines = json::array();
  for (const auto& l : p.lines)
    lines.push_back({{"offer_id", l.offer_id},
                     {"demand_id", l.demand_id},
                     {"quantity", l.quantity},
                     {"distance_km", l.distance_km},
                     {"transport_dong", l.transport_dong},
                     {"price_gap_dong", l.price_gap_dong},
                     {"hub", l.hub.empty() ? json(nullptr) : json(l.hub)},
                     {"handling_dong", l.handling_dong}});
  json unmet = json::array();
  for (const auto& u : p.unmet)
    unmet.push_back(
        {{"demand_id", u.demand_id}, {"quantity", u.quantity}, {"penalty_dong", u.penalty_dong}});
  json unsold = json::array();
  for (const auto& u : p.unsold)
    unsold.push_back({{"seller_id", u.seller_id},
                      {"product", u.product},
                      {"quantity", u.quantity},
                      {"penalty_dong", u.penalty_dong}});
  return {{"lines", lines},
          {"unmet", unmet},
          {"unsold", unsold},
          {"total_cost_milli", p.total_cost_milli},
          {"rounds", p.rounds}};
}

}  // namespace htx::market
