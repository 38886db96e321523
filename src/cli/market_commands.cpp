#include "cli/market_commands.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <map>
#include <vector>

#include "areas/accounts_area.hpp"
#include "cli/field_options.hpp"
#include "cli/refusal.hpp"
#include "cli/text_table.hpp"
#include "core/text.hpp"
#include "exchange/market_results_xlsx.hpp"
#include "market/results_json.hpp"

namespace htx::cli {

namespace {

using areas::MarketArea;
using nlohmann::json;

void add_format(CLI::App* cmd, const i18n::Catalog& c, std::string& format) {
  cmd->add_option("--format", format, c.text("market.cli.opt_format"))
      ->check(CLI::IsMember({"table", "json"}));
}

std::string product_name(const MarketArea& m, const std::string& code) {
  const market::Product* p = m.data().catalogue.product(code);
  return p ? p->name : code;
}

// An amount of a product in `unit` with the unit's name: "549,8 tấn".
std::string amount_text(const MarketArea& m, const std::string& product, std::int64_t amount,
                        const std::string& unit) {
  const auto& cat = m.data().catalogue;
  const market::Product* p = cat.product(product);
  const market::Unit* u = cat.unit(unit.empty() && p ? p->default_unit : unit);
  if (!p || !u) return std::to_string(amount);
  return market::Catalogue::amount_in({amount, p->dimension}, *u) + " " + u->name;
}

std::string price_text(const MarketArea& m, const market::Price& p) {
  if (p.dong <= 0) return "";
  const market::Unit* u = m.data().catalogue.unit(p.unit);
  return text::format_int(p.dong) + " đ/" + (u ? u->name : p.unit);
}

void print_json(const json& j) { std::cout << j.dump(2) << "\n"; }

// The records as a JSON array when the format is json: true when they were printed.
template <class Rows>
bool printed_as_json(const std::string& format, const Rows& rows) {
  if (format != "json") return false;
  json items = json::array();
  for (const auto& row : rows) items.push_back(market::to_json(row));
  print_json(items);
  return true;
}

// What a write prints: its record's id (an id already for a listing's post or withdrawal).
std::int64_t id_of(std::int64_t id) { return id; }
template <class T>
std::int64_t id_of(const T& record) {
  return record.id;
}

// What an offer and a demand show differently: who, the window, the price.
struct ListingView {
  std::string party;
  Date from, to;
  market::Price price;
};

// Offers or demand as JSON or as a table (the party's column named by `party_key`).
template <class Row, class View>
void print_listings(const MarketArea& m, const i18n::Catalog& c, const std::string& format,
                    const char* party_key, const std::vector<Row>& listed, View view) {
  if (printed_as_json(format, listed)) return;
  std::vector<std::vector<std::string>> rows{
      {c.text("market.cli.col_id"), c.text(party_key), c.text("market.cli.col_product"),
       c.text("market.cli.col_quantity"), c.text("market.cli.col_committed"),
       c.text("market.cli.col_window"), c.text("market.cli.col_price"),
       c.text("market.cli.col_status")}};
  for (const auto& row : listed) {
    ListingView v = view(row);
    rows.push_back({std::to_string(row.id), v.party, product_name(m, row.product),
                    amount_text(m, row.product, row.quantity.amount, row.unit),
                    amount_text(m, row.product, row.committed, row.unit),
                    v.from.vietnamese() + "–" + v.to.vietnamese(), price_text(m, v.price),
                    std::string(market::vietnamese_name(row.status))});
  }
  print_table(std::cout, rows);
}

}  // namespace

void MarketCommands::add_listing(CLI::App& app, const i18n::Catalog& c, Listing& l,
                                 const char* name) {
  const std::string cmd = std::string("market.cli.cmd_") + name;
  l.root = app.add_subcommand(name, c.text(cmd));
  l.root->require_subcommand(1);
  l.list = l.root->add_subcommand("list", c.text("market.cli.cmd_list"));
  l.list->add_option("--campaign", filter_.campaign, c.text("market.cli.opt_campaign"));
  l.list->add_option("--product", filter_.product, c.text("market.cli.opt_product"));
  l.list->add_flag("--open", open_only_, c.text("market.cli.opt_open"));
  add_format(l.list, c, format_);
  l.add = l.root->add_subcommand("add", c.text(cmd + "_add"));
  add_fields(l.add, c, l.fields, MarketArea::listing_fields(l.side),
             MarketArea::listing_required(l.side));
  l.withdraw = l.root->add_subcommand("withdraw", c.text("market.cli.cmd_withdraw"));
  l.withdraw->add_option("ID", id_, c.text("market.cli.arg_id"))->required();
}

void MarketCommands::add_to(CLI::App& app, const i18n::Catalog& c) {
  auto id_argument = [&](CLI::App* cmd) {
    cmd->add_option("ID", id_, c.text("market.cli.arg_id"))->required();
  };
  add_listing(app, c, offers_, "offer");
  add_listing(app, c, demand_, "demand");

  campaign_ = app.add_subcommand("campaign", c.text("market.cli.cmd_campaign"));
  campaign_->require_subcommand(1);
  campaign_list_ = campaign_->add_subcommand("list", c.text("market.cli.cmd_campaign_list"));
  add_format(campaign_list_, c, format_);
  campaign_show_ = campaign_->add_subcommand("show", c.text("market.cli.cmd_campaign_show"));
  campaign_show_->add_option("CODE", code_, c.text("market.cli.arg_campaign"))->required();
  add_format(campaign_show_, c, format_);
  campaign_add_ = campaign_->add_subcommand("add", c.text("market.cli.cmd_campaign_add"));
  add_fields(campaign_add_, c, campaign_fields_,
             {"code", "name", "directive", "organiser", "partners", "targets", "provinces",
              "starts_on", "ends_on", "origin_task", "origin_item"},
             {"code"});
  campaign_status_ = campaign_->add_subcommand("status", c.text("market.cli.cmd_campaign_status"));
  campaign_status_->add_option("CODE", code_, c.text("market.cli.arg_campaign"))->required();
  campaign_status_->add_option("STATUS", status_, c.text("market.cli.arg_status"))->required();
  campaign_results_ =
      campaign_->add_subcommand("results", c.text("market.cli.cmd_campaign_results"));
  campaign_results_->add_option("CODE", code_, c.text("market.cli.arg_campaign"))->required();
  results_options(campaign_results_, c);

  allocate_ = app.add_subcommand("allocate", c.text("market.cli.cmd_allocate"));
  allocate_->add_option("CAMPAIGN", code_, c.text("market.cli.arg_campaign"))->required();
  allocate_->add_flag("--confirm", confirm_, c.text("market.cli.opt_confirm"));
  add_format(allocate_, c, format_);

  order_ = app.add_subcommand("order", c.text("market.cli.cmd_order"));
  order_->require_subcommand(1);
  order_list_ = order_->add_subcommand("list", c.text("market.cli.cmd_order_list"));
  order_list_->add_option("--campaign", filter_.campaign, c.text("market.cli.opt_campaign"));
  add_format(order_list_, c, format_);
  order_dispatch_ = order_->add_subcommand("dispatch", c.text("market.cli.cmd_order_dispatch"));
  id_argument(order_dispatch_);
  add_fields(order_dispatch_, c, delivery_fields_, {"quantity", "unit", "on"},
             {"quantity", "unit"});
  order_receive_ = order_->add_subcommand("receive", c.text("market.cli.cmd_order_receive"));
  id_argument(order_receive_);
  add_fields(order_receive_, c, delivery_fields_, {"quantity", "unit", "on"}, {"quantity", "unit"});

  sale_ = app.add_subcommand("sale", c.text("market.cli.cmd_sale"));
  sale_->require_subcommand(1);
  sale_add_ = sale_->add_subcommand("add", c.text("market.cli.cmd_sale_add"));
  sale_add_->add_option("ORDER", id_, c.text("market.cli.arg_order"))->required();
  add_fields(sale_add_, c, sale_fields_, {"outlet", "quantity", "unit", "value", "on"},
             {"outlet", "quantity", "unit", "value"});
  // Every sale of a period, whatever campaign it belongs to (or one campaign's, --campaign).
  sale_results_ = sale_->add_subcommand("results", c.text("market.cli.cmd_sale_results"));
  sale_results_->add_option("--campaign", code_, c.text("market.cli.arg_campaign"));
  results_options(sale_results_, c);
}

void MarketCommands::results_options(CLI::App* cmd, const i18n::Catalog& c) {
  cmd->add_option("--from", from_, c.text("market.cli.opt_from"));
  cmd->add_option("--as-of", as_of_, c.text("market.cli.opt_as_of"));
  cmd->add_option("--format", format_, c.text("market.cli.opt_results_format"))
      ->check(CLI::IsMember({"table", "text", "json", "csv", "xlsx"}));
  cmd->add_option("--output", output_, c.text("market.cli.opt_output"));
  cmd->add_option("--sheet", sheet_, c.text("market.cli.opt_sheet"));
}

bool MarketCommands::chosen() const {
  for (const CLI::App* cmd : {offers_.root, demand_.root, campaign_, allocate_, order_, sale_})
    if (cmd && cmd->parsed()) return true;
  return false;
}

int MarketCommands::run(store::Database& db, const i18n::Catalog& c, const market::MarketData& data,
                        const geo::Geography& geo, const std::string& actor) {
  geo_ = &geo;
  MarketArea m(db, default_clock(), data, areas::operator_caller(actor));
  filter_.open = open_only_ ? "1" : "";
  // A write: its record's id on success, or the refusal.
  auto wrote = [&](const auto& done, const char* key) {
    if (!done) return refused_on_option(c, done.error());
    std::cout << c.text(key, {{"id", std::to_string(id_of(*done))}}) << "\n";
    return kOk;
  };
  for (Listing* l : {&offers_, &demand_}) {
    if (l->list->parsed()) return listing_list(m, c, l->side);
    if (l->add->parsed())
      return wrote(m.post_listing(l->side, l->fields),
                   l->side == Side::kOffer ? "market.cli.offer_added" : "market.cli.demand_added");
    if (l->withdraw->parsed())
      return wrote(m.withdraw_listing(l->side, id_), "market.cli.withdrawn");
  }
  if (campaign_list_->parsed()) return campaign_list(m, c);
  if (campaign_show_->parsed()) return campaign_show(m, c);
  if (campaign_add_->parsed())
    return wrote(m.add_campaign(campaign_fields_), "market.cli.campaign_added");
  if (campaign_status_->parsed())
    return wrote(m.set_campaign_status(code_, status_), "market.cli.campaign_changed");
  if (campaign_results_->parsed() || sale_results_->parsed()) return campaign_results(m, c);
  if (allocate_->parsed()) return allocate(m, c);
  if (order_list_->parsed()) return order_list(m, c);
  if (order_dispatch_->parsed())
    return wrote(m.dispatch(id_, delivery_fields_), "market.cli.order_changed");
  if (order_receive_->parsed())
    return wrote(m.receive(id_, delivery_fields_), "market.cli.order_changed");
  if (sale_add_->parsed()) return wrote(m.record_sale(id_, sale_fields_), "market.cli.sale_added");
  return kUsage;
}

int MarketCommands::listing_list(MarketArea& m, const i18n::Catalog& c, Side side) {
  if (side == Side::kOffer) {
    auto offers = m.offers(filter_);
    if (!offers) return refused_on_option(c, offers.error());
    print_listings(m, c, format_, "market.cli.col_seller", *offers, [&](const market::Offer& o) {
      return ListingView{m.entity_name(o.entity_id), o.available_from, o.available_to,
                         o.floor_price};
    });
    return kOk;
  }
  auto demand = m.demand(filter_);
  if (!demand) return refused_on_option(c, demand.error());
  print_listings(m, c, format_, "market.cli.col_buyer", *demand, [&](const market::Demand& d) {
    auto b = m.buyer(d.buyer_id);
    return ListingView{b ? b->name : std::to_string(d.buyer_id), d.wanted_from, d.wanted_to,
                       d.ceiling_price};
  });
  return kOk;
}

int MarketCommands::campaign_list(MarketArea& m, const i18n::Catalog& c) {
  auto campaigns = m.campaigns();
  if (printed_as_json(format_, campaigns)) return kOk;
  std::vector<std::vector<std::string>> rows{
      {c.text("market.cli.col_code"), c.text("market.cli.col_name"),
       c.text("market.cli.col_starts"), c.text("market.cli.col_status")}};
  for (const auto& x : campaigns)
    rows.push_back(
        {x.code, x.name, x.starts_on.vietnamese(), std::string(market::vietnamese_name(x.status))});
  print_table(std::cout, rows);
  return kOk;
}

int MarketCommands::campaign_show(MarketArea& m, const i18n::Catalog& c) {
  auto x = m.campaign(code_);
  if (!x) return refused_on_option(c, x.error());
  if (format_ == "json") {
    print_json(market::to_json(*x));
    return kOk;
  }
  std::cout << x->code << "  " << x->name << "\n";
  std::cout << c.text("market.cli.campaign_dates",
                      {{"from", x->starts_on.vietnamese()},
                       {"to", x->ends_on ? x->ends_on->vietnamese() : "…"},
                       {"status", std::string(market::vietnamese_name(x->status))}})
            << "\n";
  for (const auto& p : x->partners) std::cout << "  - " << p << "\n";
  return kOk;
}

int MarketCommands::campaign_results(MarketArea& m, const i18n::Catalog& c) {
  const MarketArea::ResultsOf of{code_, from_, as_of_};
  auto r = m.results(of);
  if (!r) return refused_on_option(c, r.error());
  auto table = m.results_table(of, c, false, [&](const std::string& id) {
    const auto* p = geo_ ? geo_->province(id) : nullptr;
    return p ? p->name : id;
  });
  if (!table) return refused_on_option(c, table.error());
  const auto& cat = m.data().catalogue;
  if (format_ == "json") {
    auto parts = m.breakdown(of);
    if (!parts) return refused_on_option(c, parts.error());
    json j = market::to_json(*r, cat, false);
    j["by_province"] = market::to_json(parts->by_province, cat, false);
    j["by_cooperative"] = market::to_json(parts->by_cooperative, cat, false);
    print_json(j);
    return kOk;
  }
  if (format_ == "xlsx" || format_ == "csv") return results_file(*table, r->as_of, c);
  if (r->campaign.code.empty())
    std::cout << table->title_rows.front() << "\n";
  else
    std::cout << r->campaign.code << "  " << r->campaign.name << "\n";
  std::cout << r->narrative << "\n\n";
  std::vector<std::vector<std::string>> rows{
      {c.text("market.cli.col_group"), c.text("market.cli.col_channel"),
       c.text("market.cli.col_quantity"), c.text("market.cli.col_lines"),
       c.text("market.cli.col_value")}};
  auto add = [&](const market::Total& t) {
    json j = market::to_json(t, cat, false);
    rows.push_back({j["group_name"],
                    t.channel.empty() ? c.text("market.cli.all_channels") : t.channel,
                    j["stated"].get<std::string>() + " " + j["unit_name"].get<std::string>(),
                    text::format_int(t.lines), text::format_int(t.value_dong)});
  };
  for (const auto& t : r->totals) add(t);
  for (const auto& t : r->totals_by_channel) add(t);
  print_table(std::cout, rows);
  if (!r->progress.empty()) {
    std::cout << "\n";
    json targets = market::to_json(*r, cat, false)["targets"];
    std::vector<std::vector<std::string>> progress{
        {c.text("market.cli.col_group"), c.text("market.cli.col_target"),
         c.text("market.cli.col_sold"), c.text("market.cli.col_attainment")}};
    for (const auto& t : targets)
      progress.push_back(
          {t["group_name"],
           t["target_stated"].get<std::string>() + " " + t["unit_name"].get<std::string>(),
           t["sold_stated"].get<std::string>() + " " + t["unit_name"].get<std::string>(),
           t["attainment_percent"].is_null()
               ? ""
               : text::format_percent(t["attainment_percent"].get<double>(), 1)});
    print_table(std::cout, progress);
  }
  // By province and by cooperative, as the CSV's sheets.
  for (const char* part : {"provinces", "cooperatives"}) {
    const market::ResultsSheet* s = table->sheet(part);
    std::vector<std::vector<std::string>> rows{s->header};
    for (const auto& row : s->rows) {
      std::vector<std::string> cells;
      for (const auto& cell : row) cells.push_back(cell.plain());
      rows.push_back(std::move(cells));
    }
    std::cout << "\n" << s->name << "\n";
    print_table(std::cout, rows);
  }
  std::cout << "\n"
            << c.text("market.cli.results_footer", {{"lines", text::format_int(r->sale_lines)},
                                                    {"value", text::format_int(r->value_dong)}})
            << "\n";
  return kOk;
}

int MarketCommands::results_file(const market::ResultsTable& table, Date as_of,
                                 const i18n::Catalog& c) {
  if (format_ == "xlsx") {
    if (output_.empty())
      return refused_on_option(c, Error::invalid("output", "market.cli.output_required"));
    exchange::write_results_xlsx(output_, table,
                                 static_cast<std::time_t>(as_of.days()) * 24 * 3600);
  } else {
    const market::ResultsSheet* s = table.sheet(sheet_);
    if (!s)
      return refused_on_option(
          c, Error::invalid("sheet", "market.cli.bad_sheet", {{"value", sheet_}}));
    if (output_.empty()) {
      market::write_results_csv(std::cout, *s);
      return kOk;
    }
    std::ofstream out(output_, std::ios::binary);
    market::write_results_csv(out, *s);
    if (!out) throw InfrastructureError("cannot write " + output_);
  }
  std::cout << c.text("market.cli.written", {{"file", output_}}) << "\n";
  return kOk;
}

int MarketCommands::allocate(MarketArea& m, const i18n::Catalog& c) {
  auto campaign = m.campaign(code_);
  if (!campaign) return refused_on_option(c, campaign.error());
  auto p = m.propose(code_);
  if (!p) return refused_on_option(c, p.error());
  std::map<std::int64_t, market::Offer> offers;
  areas::ListingFilter of_campaign{code_, "", ""};
  if (auto listed = m.offers(of_campaign))
    for (auto& o : *listed) offers[o.id] = o;
  if (format_ == "json" && !confirm_) {
    print_json(market::to_json(*p));
    return kOk;
  }
  std::vector<std::vector<std::string>> rows{
      {c.text("market.cli.col_offer"), c.text("market.cli.col_demand"),
       c.text("market.cli.col_quantity"), c.text("market.cli.col_distance"),
       c.text("market.cli.col_transport"), c.text("market.cli.col_price_gap")}};
  for (const auto& l : p->lines) {
    auto it = offers.find(l.offer_id);
    rows.push_back({std::to_string(l.offer_id), std::to_string(l.demand_id),
                    it == offers.end() ? std::to_string(l.quantity)
                                       : amount_text(m, it->second.product, l.quantity, ""),
                    std::to_string(l.distance_km), text::format_int(l.transport_dong),
                    text::format_int(l.price_gap_dong)});
  }
  if (p->lines.empty())
    std::cout << c.text("market.cli.nothing_to_allocate") << "\n";
  else
    print_table(std::cout, rows);
  if (!confirm_) return kOk;
  std::vector<market::Pairing> lines;
  for (const auto& l : p->lines) lines.push_back({l.offer_id, l.demand_id, l.quantity});
  if (lines.empty()) return kOk;
  auto orders = m.confirm(code_, lines);
  if (!orders) return refused_on_option(c, orders.error());
  std::cout << c.text("market.cli.confirmed", {{"count", std::to_string(orders->size())}}) << "\n";
  return kOk;
}

int MarketCommands::order_list(MarketArea& m, const i18n::Catalog& c) {
  std::optional<std::int64_t> campaign_id;
  if (!filter_.campaign.empty()) {
    auto x = m.campaign(filter_.campaign);
    if (!x)
      return refused_on_option(c, Error::bad_request("campaign", x.error().key, x.error().params));
    campaign_id = x->id;
  }
  auto orders = m.orders(campaign_id);
  if (printed_as_json(format_, orders)) return kOk;
  std::vector<std::vector<std::string>> rows{
      {c.text("market.cli.col_id"), c.text("market.cli.col_offer"), c.text("market.cli.col_demand"),
       c.text("market.cli.col_quantity"), c.text("market.cli.col_dispatched"),
       c.text("market.cli.col_received"), c.text("market.cli.col_status")}};
  for (const auto& o : orders)
    rows.push_back({std::to_string(o.id), std::to_string(o.offer_id), std::to_string(o.demand_id),
                    text::format_int(o.quantity), text::format_int(o.dispatched),
                    text::format_int(o.received), std::string(market::vietnamese_name(o.status))});
  print_table(std::cout, rows);
  return kOk;
}

}  // namespace htx::cli
