#include <algorithm>
#include <ctime>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <map>
#include <vector>

#include "areas/accounts_area.hpp"
#include "areas/market_area.hpp"
#include "cli/commands.hpp"
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

using Side = areas::MarketArea::Side;

// What the exchange's commands were given (areas::Fields by the area's names).
struct MarketArgs {
  areas::Fields offer_fields, demand_fields, campaign_fields, delivery_fields, sale_fields;
  areas::ListingFilter filter;
  bool open_only = false;
  std::int64_t id = 0;
  std::string code, status, from, as_of, format = "table", output, sheet = "groups";
  bool confirm = false;
};

MarketArea market_area(const CommandContext& x) {
  return MarketArea(x.db(), default_clock(), x.market, areas::operator_caller(x.actor));
}

// A write: its record's id on success, or the refusal.
template <class Done>
int wrote(const i18n::Catalog& c, const Done& done, const char* key) {
  if (!done) return refused_on_option(c, done.error());
  std::cout << c.text(key, {{"id", std::to_string(id_of(*done))}}) << "\n";
  return kOk;
}

// The results' options: of `campaign results` and `sale results`.
void results_options(CLI::App* cmd, const i18n::Catalog& c, MarketArgs& args) {
  cmd->add_option("--from", args.from, c.text("market.cli.opt_from"));
  cmd->add_option("--as-of", args.as_of, c.text("market.cli.opt_as_of"));
  cmd->add_option("--format", args.format, c.text("market.cli.opt_results_format"))
      ->check(CLI::IsMember({"table", "text", "json", "csv", "xlsx"}));
  cmd->add_option("--output", args.output, c.text("market.cli.opt_output"));
  cmd->add_option("--sheet", args.sheet, c.text("market.cli.opt_sheet"));
}

int listing_list(const CommandContext& ctx, MarketArea& m, const MarketArgs& args, Side side) {
  const auto& c = ctx.catalog;
  auto filter = args.filter;
  filter.open = args.open_only ? "1" : "";
  if (side == Side::kOffer) {
    auto offers = m.offers(filter);
    if (!offers) return refused_on_option(c, offers.error());
    print_listings(m, c, args.format, "market.cli.col_seller", *offers,
                   [&](const market::Offer& o) {
                     return ListingView{m.entity_name(o.entity_id), o.available_from,
                                        o.available_to, o.floor_price};
                   });
    return kOk;
  }
  auto demand = m.demand(filter);
  if (!demand) return refused_on_option(c, demand.error());
  print_listings(m, c, args.format, "market.cli.col_buyer", *demand, [&](const market::Demand& d) {
    auto b = m.buyer(d.buyer_id);
    return ListingView{b ? b->name : std::to_string(d.buyer_id), d.wanted_from, d.wanted_to,
                       d.ceiling_price};
  });
  return kOk;
}

int campaign_list(const CommandContext& ctx, MarketArea& m, const MarketArgs& args) {
  const auto& c = ctx.catalog;
  auto campaigns = m.campaigns();
  if (printed_as_json(args.format, campaigns)) return kOk;
  std::vector<std::vector<std::string>> rows{
      {c.text("market.cli.col_code"), c.text("market.cli.col_name"),
       c.text("market.cli.col_starts"), c.text("market.cli.col_status")}};
  for (const auto& x : campaigns)
    rows.push_back(
        {x.code, x.name, x.starts_on.vietnamese(), std::string(market::vietnamese_name(x.status))});
  print_table(std::cout, rows);
  return kOk;
}

int campaign_show(const CommandContext& ctx, MarketArea& m, const MarketArgs& args) {
  const auto& c = ctx.catalog;
  auto x = m.campaign(args.code);
  if (!x) return refused_on_option(c, x.error());
  if (args.format == "json") {
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

int results_file(const market::ResultsTable& table, Date as_of, const i18n::Catalog& c,
                 const MarketArgs& args) {
  if (args.format == "xlsx") {
    if (args.output.empty())
      return refused_on_option(c, Error::invalid("output", "market.cli.output_required"));
    exchange::write_results_xlsx(args.output, table,
                                 static_cast<std::time_t>(as_of.days()) * 24 * 3600);
  } else {
    const market::ResultsSheet* s = table.sheet(args.sheet);
    if (!s)
      return refused_on_option(
          c, Error::invalid("sheet", "market.cli.bad_sheet", {{"value", args.sheet}}));
    if (args.output.empty()) {
      market::write_results_csv(std::cout, *s);
      return kOk;
    }
    std::ofstream out(args.output, std::ios::binary);
    market::write_results_csv(out, *s);
    if (!out) throw InfrastructureError("cannot write " + args.output);
  }
  std::cout << c.text("market.cli.written", {{"file", args.output}}) << "\n";
  return kOk;
}

int campaign_results(const CommandContext& ctx, MarketArea& m, const MarketArgs& args) {
  const auto& c = ctx.catalog;
  const MarketArea::ResultsOf of{args.code, args.from, args.as_of};
  auto r = m.results(of);
  if (!r) return refused_on_option(c, r.error());
  auto table = m.results_table(of, c, false, [&](const std::string& id) {
    const auto* p = ctx.geo.province(id);
    return p ? p->name : id;
  });
  if (!table) return refused_on_option(c, table.error());
  const auto& cat = m.data().catalogue;
  if (args.format == "json") {
    auto parts = m.breakdown(of);
    if (!parts) return refused_on_option(c, parts.error());
    json j = market::to_json(*r, cat, false);
    j["by_province"] = market::to_json(parts->by_province, cat, false);
    j["by_cooperative"] = market::to_json(parts->by_cooperative, cat, false);
    print_json(j);
    return kOk;
  }
  if (args.format == "xlsx" || args.format == "csv") return results_file(*table, r->as_of, c, args);
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

int allocate(const CommandContext& ctx, MarketArea& m, const MarketArgs& args) {
  const auto& c = ctx.catalog;
  auto campaign = m.campaign(args.code);
  if (!campaign) return refused_on_option(c, campaign.error());
  auto p = m.propose(args.code);
  if (!p) return refused_on_option(c, p.error());
  std::map<std::int64_t, market::Offer> offers;
  areas::ListingFilter of_campaign{args.code, "", ""};
  if (auto listed = m.offers(of_campaign))
    for (auto& o : *listed) offers[o.id] = o;
  if (args.format == "json" && !args.confirm) {
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
  if (!args.confirm) return kOk;
  std::vector<market::Pairing> lines;
  for (const auto& l : p->lines) lines.push_back({l.offer_id, l.demand_id, l.quantity});
  if (lines.empty()) return kOk;
  auto orders = m.confirm(args.code, lines);
  if (!orders) return refused_on_option(c, orders.error());
  std::cout << c.text("market.cli.confirmed", {{"count", std::to_string(orders->size())}}) << "\n";
  return kOk;
}

int order_list(const CommandContext& ctx, MarketArea& m, const MarketArgs& args) {
  const auto& c = ctx.catalog;
  std::optional<std::int64_t> campaign_id;
  if (!args.filter.campaign.empty()) {
    auto x = m.campaign(args.filter.campaign);
    if (!x)
      return refused_on_option(c, Error::bad_request("campaign", x.error().key, x.error().params));
    campaign_id = x->id;
  }
  auto orders = m.orders(campaign_id);
  if (printed_as_json(args.format, orders)) return kOk;
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

}  // namespace

void add_market_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& c) {
  auto& args = table.hold<MarketArgs>();
  auto on = [&](CLI::App* cmd, auto step) { table.on(cmd, over(market_area, args, step)); };
  // A write whose answer is said with the catalogue's `key`.
  auto write = [&](CLI::App* cmd, const char* key, auto act) {
    table.on(cmd, over(market_area, args,
                       [act, key](const CommandContext& x, MarketArea& m, const MarketArgs& a) {
                         return wrote(x.catalog, act(m, a), key);
                       }));
  };
  auto id_argument = [&](CLI::App* cmd) {
    cmd->add_option("ID", args.id, c.text("market.cli.arg_id"))->required();
  };
  // `htx offer` or `htx demand`: list, add, withdraw, over the side's fields.
  for (Side side : {Side::kOffer, Side::kDemand}) {
    const char* name = side == Side::kOffer ? "offer" : "demand";
    const std::string cmd = std::string("market.cli.cmd_") + name;
    auto* root = app.add_subcommand(name, c.text(cmd));
    root->require_subcommand(1);
    auto* list = root->add_subcommand("list", c.text("market.cli.cmd_list"));
    list->add_option("--campaign", args.filter.campaign, c.text("market.cli.opt_campaign"));
    list->add_option("--product", args.filter.product, c.text("market.cli.opt_product"));
    list->add_flag("--open", args.open_only, c.text("market.cli.opt_open"));
    add_format(list, c, args.format);
    on(list, [side](const CommandContext& x, MarketArea& m, const MarketArgs& a) {
      return listing_list(x, m, a, side);
    });
    auto* add = root->add_subcommand("add", c.text(cmd + "_add"));
    auto& fields = side == Side::kOffer ? args.offer_fields : args.demand_fields;
    add_fields(add, c, fields, MarketArea::listing_fields(side),
               MarketArea::listing_required(side));
    write(add, side == Side::kOffer ? "market.cli.offer_added" : "market.cli.demand_added",
          [side](MarketArea& m, const MarketArgs& a) {
            return m.post_listing(side, side == Side::kOffer ? a.offer_fields : a.demand_fields);
          });
    auto* withdraw = root->add_subcommand("withdraw", c.text("market.cli.cmd_withdraw"));
    id_argument(withdraw);
    write(withdraw, "market.cli.withdrawn",
          [side](MarketArea& m, const MarketArgs& a) { return m.withdraw_listing(side, a.id); });
  }

  auto* campaign = app.add_subcommand("campaign", c.text("market.cli.cmd_campaign"));
  campaign->require_subcommand(1);
  auto* campaign_list_cmd =
      campaign->add_subcommand("list", c.text("market.cli.cmd_campaign_list"));
  add_format(campaign_list_cmd, c, args.format);
  on(campaign_list_cmd, campaign_list);
  auto* campaign_show_cmd =
      campaign->add_subcommand("show", c.text("market.cli.cmd_campaign_show"));
  campaign_show_cmd->add_option("CODE", args.code, c.text("market.cli.arg_campaign"))->required();
  add_format(campaign_show_cmd, c, args.format);
  on(campaign_show_cmd, campaign_show);
  auto* campaign_add = campaign->add_subcommand("add", c.text("market.cli.cmd_campaign_add"));
  add_fields(campaign_add, c, args.campaign_fields,
             {"code", "name", "directive", "organiser", "partners", "targets", "provinces",
              "starts_on", "ends_on", "origin_task", "origin_item"},
             {"code"});
  write(campaign_add, "market.cli.campaign_added",
        [](MarketArea& m, const MarketArgs& a) { return m.add_campaign(a.campaign_fields); });
  auto* campaign_status =
      campaign->add_subcommand("status", c.text("market.cli.cmd_campaign_status"));
  campaign_status->add_option("CODE", args.code, c.text("market.cli.arg_campaign"))->required();
  campaign_status->add_option("STATUS", args.status, c.text("market.cli.arg_status"))->required();
  write(campaign_status, "market.cli.campaign_changed",
        [](MarketArea& m, const MarketArgs& a) { return m.set_campaign_status(a.code, a.status); });
  auto* campaign_results_cmd =
      campaign->add_subcommand("results", c.text("market.cli.cmd_campaign_results"));
  campaign_results_cmd->add_option("CODE", args.code, c.text("market.cli.arg_campaign"))
      ->required();
  results_options(campaign_results_cmd, c, args);
  on(campaign_results_cmd, campaign_results);

  auto* allocate_cmd = app.add_subcommand("allocate", c.text("market.cli.cmd_allocate"));
  allocate_cmd->add_option("CAMPAIGN", args.code, c.text("market.cli.arg_campaign"))->required();
  allocate_cmd->add_flag("--confirm", args.confirm, c.text("market.cli.opt_confirm"));
  add_format(allocate_cmd, c, args.format);
  on(allocate_cmd, allocate);

  auto* order = app.add_subcommand("order", c.text("market.cli.cmd_order"));
  order->require_subcommand(1);
  auto* order_list_cmd = order->add_subcommand("list", c.text("market.cli.cmd_order_list"));
  order_list_cmd->add_option("--campaign", args.filter.campaign, c.text("market.cli.opt_campaign"));
  add_format(order_list_cmd, c, args.format);
  on(order_list_cmd, order_list);
  // A delivery of an order: dispatched, or received at the other end.
  for (bool receive : {false, true}) {
    auto* cmd = order->add_subcommand(
        receive ? "receive" : "dispatch",
        c.text(receive ? "market.cli.cmd_order_receive" : "market.cli.cmd_order_dispatch"));
    id_argument(cmd);
    add_fields(cmd, c, args.delivery_fields, {"quantity", "unit", "on"}, {"quantity", "unit"});
    write(cmd, "market.cli.order_changed", [receive](MarketArea& m, const MarketArgs& a) {
      return receive ? m.receive(a.id, a.delivery_fields) : m.dispatch(a.id, a.delivery_fields);
    });
  }

  auto* sale = app.add_subcommand("sale", c.text("market.cli.cmd_sale"));
  sale->require_subcommand(1);
  auto* sale_add = sale->add_subcommand("add", c.text("market.cli.cmd_sale_add"));
  sale_add->add_option("ORDER", args.id, c.text("market.cli.arg_order"))->required();
  add_fields(sale_add, c, args.sale_fields, {"outlet", "quantity", "unit", "value", "on"},
             {"outlet", "quantity", "unit", "value"});
  write(sale_add, "market.cli.sale_added",
        [](MarketArea& m, const MarketArgs& a) { return m.record_sale(a.id, a.sale_fields); });
  // Every sale of a period, whatever campaign it belongs to (or one campaign's, --campaign).
  auto* sale_results = sale->add_subcommand("results", c.text("market.cli.cmd_sale_results"));
  sale_results->add_option("--campaign", args.code, c.text("market.cli.arg_campaign"));
  results_options(sale_results, c, args);
  on(sale_results, campaign_results);
}

}  // namespace htx::cli
