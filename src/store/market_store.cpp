// The supply–demand exchange (buyers, outlets, campaigns, offers, demand, orders, sales) over
// declared tables (store/record.hpp), written once for both backends. Committing a quantity to an
// offer or a demand is one conditional UPDATE, so that the row's lock in the database decides
// between two confirmations at the same moment.
#include "core/error.hpp"
#include "store/record.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using namespace htx::market;

// A campaign's targets as a JSON array of {group, amount, dimension, unit}.
CampaignTarget target_of(const nlohmann::json& t) {
  CampaignTarget target;
  target.group = t.value("group", "");
  target.quantity.amount = t.value("amount", std::int64_t{0});
  target.quantity.dimension =
      dimension_from_code(t.value("dimension", "mass")).value_or(Dimension::kMass);
  target.unit = t.value("unit", "");
  return target;
}
nlohmann::json target_json(const CampaignTarget& t) {
  return {{"group", t.group},
          {"amount", t.quantity.amount},
          {"dimension", to_code(t.quantity.dimension)},
          {"unit", t.unit}};
}

const Table<Buyer> kBuyers{
    "market_buyer",
    {key<&Buyer::id>(), column<&Buyer::code>("code"), column<&Buyer::name>("name"),
     code<&Buyer::kind, buyer_kind_from_code, BuyerKind::kRetailChain>("kind"),
     column<&Buyer::province_id>("province_id"), column<&Buyer::contact>("contact"),
     column<&Buyer::recorded_by>("recorded_by"), column<&Buyer::recorded_at>("recorded_at")}};

const Table<Outlet> kOutlets{
    "market_outlet",
    {key<&Outlet::id>(), column<&Outlet::buyer_id>("buyer_id"), column<&Outlet::name>("name"),
     column<&Outlet::kind>("kind"), column<&Outlet::brand>("brand"),
     column<&Outlet::province_id>("province_id"), column<&Outlet::address>("address")}};

const Table<Campaign> kCampaigns{
    "market_campaign",
    {key<&Campaign::id>(), column<&Campaign::code>("code"), column<&Campaign::name>("name"),
     column<&Campaign::directive_document_id>("directive_document_id"),
     column<&Campaign::organiser_unit_id>("organiser_unit_id"),
     column<&Campaign::partners>("partners"), column<&Campaign::province_ids>("province_ids"),
     column<&Campaign::starts_on>("starts_on"), column<&Campaign::ends_on>("ends_on"),
     column<&Campaign::origin_item_id>("origin_item_id"),
     column<&Campaign::origin_task_id>("origin_task_id"),
     code<&Campaign::status, campaign_status_from_code, CampaignStatus::kOpen>("status"),
     coded<JsonObjects<CampaignTarget, target_of, target_json>, &Campaign::targets>("targets"),
     column<&Campaign::recorded_by>("recorded_by"), column<&Campaign::recorded_at>("recorded_at")}};

// The committed quantity is read, never written by insert or update: only commit_* raise it.
template <typename T>
Column<T> committed_column() {
  return {"committed", [](T& r, const Field& f) { r.committed = to_int(f); }, nullptr};
}

// An offer's or a demand's table: the columns both listings have, one list for both, then the
// listing's own (`own`); PriceMember is its floor or ceiling price, stored in `price_column` and
// price_unit.
template <typename L, auto PriceMember>
Table<L> listing_table(std::string_view name, std::string_view price_column,
                       std::vector<Column<L>> own) {
  std::vector<Column<L>> columns{
      key<&L::id>(),
      column<&L::product>("product"),
      column<&L::quantity, &Quantity::amount>("quantity"),
      coded<Code<dimension_from_code, Dimension::kMass>, &L::quantity, &Quantity::dimension>(
          "dimension"),
      column<&L::unit>("unit"),
      column<&L::province_id>("province_id"),
      column<&L::place>("place"),
      column<PriceMember, &Price::dong>(price_column),
      column<PriceMember, &Price::unit>("price_unit"),
      column<&L::campaign_id>("campaign_id"),
      code<&L::status, listing_status_from_code, ListingStatus::kOpen>("status"),
      committed_column<L>(),
      column<&L::recorded_by>("recorded_by"),
      column<&L::recorded_at>("recorded_at")};
  columns.insert(columns.end(), own.begin(), own.end());
  return {name, std::move(columns)};
}

const Table<Offer> kOffers = listing_table<Offer, &Offer::floor_price>(
    "market_offer", "floor_price",
    {column<&Offer::entity_id>("entity_id"),
     code<&Offer::standard, standard_from_code, Standard::kNone>("standard"),
     column<&Offer::ocop_stars>("ocop_stars"), column<&Offer::available_from>("available_from"),
     column<&Offer::available_to>("available_to"), column<&Offer::min_lot>("min_lot")});

const Table<Demand> kDemand = listing_table<Demand, &Demand::ceiling_price>(
    "market_demand", "ceiling_price",
    {column<&Demand::buyer_id>("buyer_id"), column<&Demand::outlet_id>("outlet_id"),
     column<&Demand::wanted_from>("wanted_from"), column<&Demand::wanted_to>("wanted_to")});

const Table<Order> kOrders{
    "market_order",
    {key<&Order::id>(), column<&Order::offer_id>("offer_id"),
     column<&Order::demand_id>("demand_id"), column<&Order::quantity>("quantity"),
     column<&Order::price_per_lot>("price_per_lot"), column<&Order::campaign_id>("campaign_id"),
     code<&Order::status, order_status_from_code, OrderStatus::kConfirmed>("status"),
     column<&Order::dispatched>("dispatched"), column<&Order::received>("received"),
     column<&Order::lost>("lost"), column<&Order::dispatched_on>("dispatched_on"),
     column<&Order::received_on>("received_on"), column<&Order::confirmed_by>("confirmed_by"),
     column<&Order::confirmed_at>("confirmed_at")}};

const Table<Sale> kSales{
    "market_sale",
    {key<&Sale::id>(), column<&Sale::order_id>("order_id"), column<&Sale::offer_id>("offer_id"),
     column<&Sale::outlet_id>("outlet_id"), column<&Sale::product>("product"),
     column<&Sale::quantity>("quantity"), column<&Sale::value_dong>("value_dong"),
     column<&Sale::sold_on>("sold_on"), column<&Sale::campaign_id>("campaign_id"),
     column<&Sale::recorded_by>("recorded_by"), column<&Sale::recorded_at>("recorded_at")}};

// The listing filters, the same for offers and demand ($1 campaign, $2 product, $3 provinces as a
// JSON array, $4 owner, $5 open only).
std::string listing_filter(std::string_view owner_column, Dialect d) {
  const auto provinces = in_json_list("province_id", d);
  return "WHERE " +
         optional_filters({"campaign_id = CAST($ AS BIGINT)", "product = $", provinces,
                           std::string(owner_column) + " = CAST($ AS BIGINT)"}) +
         " AND (CAST($5 AS TEXT) = '0' OR (status = 'open' AND committed < quantity))"
         " ORDER BY id";
}

// Raises a listing's committed quantity by $1 if it stays within the listed quantity: one
// statement, so that the row's lock decides between concurrent callers; a row back when it did.
std::string commit_sql(std::string_view table, Dialect d) {
  return translate("UPDATE " + std::string(table) +
                       " SET committed = committed + $1 WHERE id = $2 AND status = 'open' AND "
                       "committed + $1 <= quantity RETURNING id",
                   d);
}

Params listing_params(const ListingQuery& q) {
  return {any_or(q.campaign_id), any_or(q.product), provinces_or_any(q.province_ids),
          any_or(q.owner_id), p(q.open_only)};
}

// The statements of offers or of demand: the records, the filtered list (owned by
// `owner_column`), the status and the commit of a quantity.
template <typename L>
class Listings {
 public:
  Listings(Runner& r, Dialect d, const Table<L>& table, std::string_view owner_column)
      : r_(r),
        records_(r, d, table),
        by_filter_(records_.select(listing_filter(owner_column, d))),
        status_(
            translate("UPDATE " + std::string(table.name()) + " SET status = $1 WHERE id = $2", d)),
        commit_(commit_sql(table.name(), d)) {}

  std::int64_t insert(const L& listing) const { return records_.insert(listing); }
  std::optional<L> find(std::int64_t id) const { return records_.find(id); }
  std::vector<L> list(const ListingQuery& q) const { return by_filter_.all(listing_params(q)); }
  void set_status(std::int64_t id, ListingStatus status) const {
    r_.query(status_, 0, {p(to_code(status)), p(id)});
  }
  bool commit(std::int64_t id, std::int64_t quantity) const {
    return !r_.query(commit_, 1, {p(quantity), p(id)}).empty();
  }

 private:
  Runner& r_;
  const Records<L> records_;
  const Query<L> by_filter_;
  const std::string status_, commit_;
};

class MarketStore final : public Store<MarketRepository> {
 public:
  using Store::Store;

  HTX_STORE_CODED_RECORDS(Buyer, buyer, buyers, buyers_);

  HTX_STORE_KEPT_RECORDS(Outlet, outlet, outlets_);
  std::vector<Outlet> outlets_of(std::int64_t buyer_id) override {
    return outlets_of_.all({p(buyer_id)});
  }

  HTX_STORE_CODED_RECORDS(Campaign, campaign, campaigns, campaigns_);
  void update_campaign(const Campaign& c) override { campaigns_.update(c); }

  std::int64_t insert_offer(const Offer& o) override { return offers_.insert(o); }
  void update_offer_status(std::int64_t id, ListingStatus s) override { offers_.set_status(id, s); }
  std::optional<Offer> find_offer(std::int64_t id) override { return offers_.find(id); }
  std::vector<Offer> list_offers(const ListingQuery& q) override { return offers_.list(q); }
  bool commit_offer(std::int64_t id, std::int64_t q) override { return offers_.commit(id, q); }

  std::int64_t insert_demand(const Demand& d) override { return demand_.insert(d); }
  void update_demand_status(std::int64_t id, ListingStatus s) override {
    demand_.set_status(id, s);
  }
  std::optional<Demand> find_demand(std::int64_t id) override { return demand_.find(id); }
  std::vector<Demand> list_demand(const ListingQuery& q) override { return demand_.list(q); }
  bool commit_demand(std::int64_t id, std::int64_t q) override { return demand_.commit(id, q); }

  HTX_STORE_RECORDS(Order, order, orders_);
  std::vector<Order> orders_of_campaign(std::optional<std::int64_t> campaign_id) override {
    return orders_by_campaign_.all({any_or(campaign_id)});
  }

  std::int64_t insert_sale(const Sale& s) override { return sales_.insert(s); }
  std::int64_t sold_of_order(std::int64_t order_id) override {
    return to_int(r_.query(sold_of_order_, 1, {p(order_id)}).at(0).at(0));
  }
  std::vector<SaleRow> list_sales(const SaleQuery& q) override {
    std::vector<SaleRow> out;
    auto rows = r_.query(sales_joined_, kSales.width() + kOutlets.width() + 3, sale_params(q));
    for (const auto& row : rows) {
      Row sale(row.begin(), row.begin() + kSales.width());
      Row outlet(row.begin() + kSales.width(), row.begin() + kSales.width() + kOutlets.width());
      std::size_t rest = static_cast<std::size_t>(kSales.width() + kOutlets.width());
      out.push_back({kSales.read(sale), kOutlets.read(outlet), to_text(row.at(rest)),
                     to_int(row.at(rest + 1)), to_text(row.at(rest + 2))});
    }
    return out;
  }
  std::vector<SaleTotal> sale_totals(const SaleQuery& q) override {
    std::vector<SaleTotal> out;
    for (const auto& row : r_.query(sale_totals_, 9, sale_params(q)))
      // In SaleFact's order; the seller and the date are not in the sums.
      out.push_back({to_text(row.at(0)), to_int(row.at(1)), to_int(row.at(2)), to_int(row.at(3)),
                     to_text(row.at(4)), to_int(row.at(5)), to_text(row.at(6)), to_text(row.at(7)),
                     "", 0, Date{}, to_int(row.at(8))});
    return out;
  }

 private:
  static Params sale_params(const SaleQuery& q) {
    return {any_or(q.campaign_id), q.from ? p(q.from->iso()) : std::nullopt,
            q.to ? p(q.to->iso()) : std::nullopt, provinces_or_any(q.province_ids)};
  }
  std::string joined_sales_sql() const {
    // Each table's own columns, prefixed by its alias, then the buyer's name and the seller.
    auto prefixed = [](const std::string& select, const std::string& alias) {
      auto from = select.find(" FROM ");
      std::string list = select.substr(7, from - 7);
      std::string out;
      std::size_t start = 0;
      while (start <= list.size()) {
        auto comma = list.find(", ", start);
        auto column =
            list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        out += (out.empty() ? "" : ", ") + alias + "." + column;
        if (comma == std::string::npos) break;
        start = comma + 2;
      }
      return out;
    };
    const auto provinces = in_json_list("f.province_id", d_);
    return translate(
        "SELECT " + prefixed(kSales.select(""), "s") + ", " + prefixed(kOutlets.select(""), "o") +
            ", b.name, f.entity_id, f.province_id FROM market_sale s"
            " JOIN market_outlet o ON o.id = s.outlet_id"
            " JOIN market_buyer b ON b.id = o.buyer_id"
            " JOIN market_offer f ON f.id = s.offer_id WHERE " +
            optional_filters({"s.campaign_id = CAST($ AS BIGINT)", "s.sold_on >= $::date",
                              "s.sold_on <= $::date", provinces}) +
            " ORDER BY s.sold_on, s.id",
        d_);
  }

  // The filters of list_sales, the seller's province through the offer; the sales added up by
  // product and outlet first (one read of the index market_sale_totals, in its order), the few
  // outlets and buyers joined to the sums.
  std::string sale_totals_sql() const {
    const auto provinces = in_json_list("f.province_id", d_);
    return translate(
        "SELECT t.product, t.quantity, t.value_dong, o.buyer_id, b.name, t.outlet_id, o.kind,"
        " o.brand, t.lines FROM (SELECT s.product, s.outlet_id, sum(s.quantity) AS quantity,"
        " sum(s.value_dong) AS value_dong, count(*) AS lines FROM market_sale s WHERE " +
            optional_filters(
                {"s.campaign_id = CAST($ AS BIGINT)", "s.sold_on >= $::date",
                 "s.sold_on <= $::date",
                 "s.offer_id IN (SELECT f.id FROM market_offer f WHERE " + provinces + ")"}) +
            " GROUP BY s.product, s.outlet_id) t"
            " JOIN market_outlet o ON o.id = t.outlet_id"
            " JOIN market_buyer b ON b.id = o.buyer_id ORDER BY t.product, t.outlet_id",
        d_);
  }

  const CodedRecords<Buyer> buyers_{r_, d_, kBuyers, "name, id"};
  const Records<Outlet> outlets_{r_, d_, kOutlets};
  const Query<Outlet> outlets_of_ = outlets_.select("WHERE buyer_id = $1 ORDER BY id");
  const CodedRecords<Campaign> campaigns_{r_, d_, kCampaigns, "starts_on DESC, id DESC"};
  const Listings<Offer> offers_{r_, d_, kOffers, "entity_id"};
  const Listings<Demand> demand_{r_, d_, kDemand, "buyer_id"};
  const Records<Order> orders_{r_, d_, kOrders};
  const Query<Order> orders_by_campaign_ = orders_.select(
      "WHERE " + optional_filters({"campaign_id = CAST($ AS BIGINT)"}) + " ORDER BY id");
  const Records<Sale> sales_{r_, d_, kSales};
  const std::string sold_of_order_ =
      translate("SELECT coalesce(sum(quantity), 0) FROM market_sale WHERE order_id = $1", d_);
  const std::string sales_joined_ = joined_sales_sql();
  const std::string sale_totals_ = sale_totals_sql();
};

}  // namespace

HTX_STORE_OF(market::MarketRepository, MarketStore)

}  // namespace htx::store::sql
