#include "demo/demo_market.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/error.hpp"
#include "core/json_record.hpp"
#include "demo/demo_support.hpp"
#include "market/allocation.hpp"

namespace htx::demo {

namespace {

using namespace htx::market;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

// Seed 000: "Kết quả đến hết ngày 02/3/2021 hỗ trợ tiêu thụ gần 550 tấn rau, củ quả các loại,
// 5 tấn cá, 15 tấn gà, 500.000 quả trứng thông qua 08 điểm bán hàng, 60 cửa hàng tiện ích
// (Coopfood); siêu thị BigC, Lotte". The demo's sale lines add up to exactly this by 02/03/2021
// (547,3 t of vegetables: "gần 550"), and go on after it.
const Date kStart = d(2021, 2, 17);
const Date kReportDay = d(2021, 3, 2);
constexpr int kPointsOfSale = 8;
constexpr int kCoopFoodStores = 60;
constexpr int kDuckEggStores = 40;

// When an order's sale lines fall: two by the report day, one after it.
struct SaleDays {
  Date first, second, after;
};

// What one outlet sold of one product by the report day (base units), and after it.
struct SaleLine {
  std::size_t outlet;  // index into the campaign's outlets
  const char* product;
  std::int64_t by_report_day;
  std::int64_t after;
  std::int64_t price;  // đồng per lot (kg or piece)
};

class MarketWriter {
 public:
  MarketWriter(MarketRepository& repo, const std::string& actor, const std::string& now)
      : repo_(repo), actor_(actor), now_(now) {}

  std::int64_t buyer(const char* code, const char* name, BuyerKind kind, const char* province) {
    Buyer b{0, code, name, kind, province, "", actor_, now_};
    return repo_.insert_buyer(b);
  }
  Outlet outlet(std::int64_t buyer, std::string name, const char* kind, const char* brand,
                const char* province) {
    Outlet o{0, buyer, std::move(name), kind, brand, province, ""};
    o.id = repo_.insert_outlet(o);
    return o;
  }

  // The campaign's offers: one a cooperative and product, listing what it sells in the demo and
  // a fifth more (still unsold); each outlet's demand for a product; an order between them,
  // dispatched, received and sold in two lines by the report day and one after it.
  void sell(const Campaign& c, const std::vector<Outlet>& outlets,
            const std::vector<registry::Entity>& sellers, const std::vector<SaleLine>& lines,
            Dimension dimension, const char* unit, Date last_day, const SaleDays& days) {
    // Sellers take the lines in turn, per product.
    std::map<std::string, std::size_t> turn;
    struct Planned {
      const SaleLine* line;
      std::size_t seller;
    };
    std::vector<Planned> plan;
    std::map<std::pair<std::size_t, std::string>, std::int64_t> offered;
    for (const auto& l : lines) {
      std::size_t s = turn[l.product]++ % sellers.size();
      plan.push_back({&l, s});
      offered[{s, l.product}] += l.by_report_day + l.after;
    }
    std::map<std::pair<std::size_t, std::string>, std::int64_t> offer_id;
    for (auto& [key, quantity] : offered) {
      Offer o;
      o.entity_id = sellers[key.first].id;
      o.product = key.second;
      o.quantity = {quantity + quantity / 5, dimension};
      o.unit = unit;
      o.standard = key.first % 3 == 0 ? Standard::kVietGap : Standard::kNone;
      o.available_from = c.starts_on;
      o.available_to = last_day;
      o.province_id = sellers[key.first].province_id;
      o.floor_price = {0, unit};
      o.campaign_id = c.id;
      o.committed = 0;
      o.recorded_by = actor_;
      o.recorded_at = now_;
      offer_id[key] = repo_.insert_offer(o);
    }
    for (const auto& p : plan) {
      const SaleLine& l = *p.line;
      const Outlet& outlet = outlets.at(l.outlet);
      std::int64_t total = l.by_report_day + l.after;
      Demand dm;
      dm.buyer_id = outlet.buyer_id;
      dm.outlet_id = outlet.id;
      dm.product = l.product;
      dm.quantity = {total, dimension};
      dm.unit = unit;
      dm.wanted_from = c.starts_on.add_days(1);
      dm.wanted_to = last_day;
      dm.province_id = outlet.province_id;
      dm.campaign_id = c.id;
      dm.recorded_by = actor_;
      dm.recorded_at = now_;
      dm.id = repo_.insert_demand(dm);
      std::int64_t offer = offer_id.at({p.seller, l.product});
      if (!repo_.commit_offer(offer, total) || !repo_.commit_demand(dm.id, total))
        throw InfrastructureError("demo: the market's quantities do not fit");
      Order o;
      o.offer_id = offer;
      o.demand_id = dm.id;
      o.quantity = total;
      o.price_per_lot = l.price;
      o.campaign_id = c.id;
      o.status = OrderStatus::kReceived;
      o.dispatched = total;
      o.received = total;
      o.dispatched_on = c.starts_on.add_days(1);
      o.received_on = c.starts_on.add_days(2);
      o.confirmed_by = actor_;
      o.confirmed_at = now_;
      o.id = repo_.insert_order(o);
      ++orders;
      // Two sale lines by the report day, one after it.
      std::int64_t first = l.by_report_day / 2;
      sale(o, outlet, l.product, first, l.price, dimension, days.first);
      sale(o, outlet, l.product, l.by_report_day - first, l.price, dimension, days.second);
      sale(o, outlet, l.product, l.after, l.price, dimension, days.after);
    }
  }

  int orders = 0, sales = 0;

 private:
  void sale(const Order& o, const Outlet& outlet, const char* product, std::int64_t quantity,
            std::int64_t price_per_lot, Dimension dimension, Date on) {
    if (quantity <= 0) return;
    Sale s;
    s.order_id = o.id;
    s.offer_id = o.offer_id;
    s.outlet_id = outlet.id;
    s.product = product;
    s.quantity = quantity;
    s.value_dong = quantity * price_per_lot / lot_size(dimension);  // a lot: a kg, piece, litre
    s.sold_on = on;
    s.campaign_id = o.campaign_id;
    s.recorded_by = actor_;
    s.recorded_at = now_;
    repo_.insert_sale(s);
    ++sales;
  }

  MarketRepository& repo_;
  const std::string& actor_;
  const std::string& now_;
};

std::optional<std::int64_t> task_titled(work::WorkRepository& work, std::string_view start) {
  for (const auto& t : work.list_tasks({}))
    if (t.title.rfind(start, 0) == 0) return t.id;
  return std::nullopt;
}

std::optional<std::int64_t> document_numbered(work::WorkRepository& work, int number, int year) {
  for (const auto& doc : work.list_documents())
    if (doc.number == number && doc.issued_on.year() == year) return doc.id;
  return std::nullopt;
}

}  // namespace

MarketDemoSummary build_market_demo(MarketRepository& repo, work::WorkRepository& work,
                                    registry::RegistryRepository& registry, audit::AuditLog& audit,
                                    Date today, const std::string& actor, const std::string& now) {
  MarketDemoSummary sum;
  if (today < d(2021, 3, 15)) return sum;  // the campaign is not over yet
  auto hai_duong = cooperatives_of(registry, "30-2008", 12);
  if (hai_duong.size() < 3) return sum;  // a registry too small for the campaign
  MarketWriter w(repo, actor, now);

  auto unit = work.find_unit_by_code("TTXTTM");
  if (!unit) unit = work.find_unit_by_code("LMHTXVN");
  if (!unit) throw InfrastructureError("demo: the market needs the work programme's units");

  // 1. Buyers and their outlets.
  auto ha_noi =
      w.buyer("LMHTX-HN", "Liên minh HTX thành phố Hà Nội", BuyerKind::kAlliancePoint, "01-2008");
  auto coop = w.buyer("SAIGONCOOP", "Saigon Co.op", BuyerKind::kRetailChain, "79-2008");
  auto bigc = w.buyer("BIGC", "Central Retail (BigC)", BuyerKind::kSupermarket, "01-2008");
  auto lotte = w.buyer("LOTTE", "Lotte Mart", BuyerKind::kSupermarket, "01-2008");
  std::vector<Outlet> outlets;
  for (int i = 1; i <= kPointsOfSale; ++i)
    outlets.push_back(w.outlet(ha_noi,
                               i == 1
                                   ? std::string("Điểm bán hàng tại trụ sở Liên minh HTX TP Hà Nội")
                                   : "Điểm bán hàng số " + std::to_string(i),
                               "diem_ban", "", "01-2008"));
  for (int i = 1; i <= kCoopFoodStores; ++i)
    outlets.push_back(w.outlet(coop, "Co.op Food số " + std::to_string(i), "cua_hang_tien_ich",
                               "Coopfood", i <= 45 ? "01-2008" : "30-2008"));
  outlets.push_back(w.outlet(bigc, "BigC Thăng Long", "sieu_thi", "BigC", "01-2008"));
  outlets.push_back(w.outlet(lotte, "Lotte Mart Đống Đa", "sieu_thi", "Lotte", "01-2008"));
  sum.buyers = 4;
  sum.outlets = static_cast<int>(outlets.size());
  const std::size_t kBigC = kPointsOfSale + kCoopFoodStores, kLotte = kBigC + 1;

  // 2. The campaign: from the task of notice 64/TB-LMHTXVN that set the working group on it.
  Campaign c;
  c.code = "HD-2021";
  c.name = "Hỗ trợ các HTX tỉnh Hải Dương tiêu thụ nông sản trong dịch Covid-19";
  c.directive_document_id = document_numbered(work, 64, 2021);
  c.organiser_unit_id = unit->id;
  c.partners = {"Saigon Co.op", "Liên minh HTX thành phố Hà Nội",
                "Tổ Công tác hỗ trợ HTX tiêu thụ sản phẩm nông sản của Hải Dương"};
  c.province_ids = {"30-2008"};
  c.starts_on = kStart;
  c.ends_on = d(2021, 3, 15);
  c.origin_task_id = task_titled(work, "Phối hợp với Saigon Co.op");
  c.status = CampaignStatus::kPublished;
  // The seed names no targets; these are the demo's own, so that the progress chart has some.
  c.targets = {{"rau_qua", {600'000'000, Dimension::kMass}, "tan"},
               {"thuy_san", {10'000'000, Dimension::kMass}, "tan"},
               {"thit", {20'000'000, Dimension::kMass}, "tan"},
               {"trung", {600'000, Dimension::kCount}, "qua"}};
  c.recorded_by = actor;
  c.recorded_at = now;
  c.id = repo.insert_campaign(c);
  sum.campaigns = 1;

  // 3. Vegetables: 30 t at each point of sale, 5 t at each Co.op Food, 7,3 t at Lotte = 547,3 t.
  std::vector<SaleLine> vegetables, chicken, fish, eggs;
  for (std::size_t i = 0; i < kPointsOfSale; ++i) {
    vegetables.push_back({i, "bap_cai", 15'000'000, 1'000'000, 6'000});
    vegetables.push_back({i, "su_hao", 10'000'000, 500'000, 5'000});
    vegetables.push_back({i, "ca_rot", 5'000'000, 0, 7'000});
    chicken.push_back({i, "ga", 1'875'000, 200'000, 75'000});  // 8 × 1,875 t = 15 t
  }
  for (std::size_t i = kPointsOfSale; i < kPointsOfSale + kCoopFoodStores; ++i) {
    vegetables.push_back({i, "bap_cai", 2'000'000, 300'000, 6'500});
    vegetables.push_back({i, "su_hao", 1'500'000, 0, 5'500});
    vegetables.push_back({i, "hanh_toi", 1'500'000, 100'000, 25'000});
    eggs.push_back({i, "trung_ga", 5'000, 1'000, 2'800});  // 60 × 5.000 = 300.000
    if (i < kPointsOfSale + kDuckEggStores)
      eggs.push_back({i, "trung_vit", 5'000, 0, 3'200});  // 40 × 5.000 = 200.000
  }
  vegetables.push_back({kLotte, "rau_cu", 7'300'000, 0, 8'000});
  fish.push_back({kBigC, "ca", 5'000'000, 1'500'000, 45'000});
  const Date last = d(2021, 3, 15);
  const SaleDays days{d(2021, 2, 21), d(2021, 3, 1), d(2021, 3, 8)};
  w.sell(c, outlets, hai_duong, vegetables, Dimension::kMass, "tan", last, days);
  w.sell(c, outlets, hai_duong, chicken, Dimension::kMass, "tan", last, days);
  w.sell(c, outlets, hai_duong, fish, Dimension::kMass, "tan", last, days);
  w.sell(c, outlets, hai_duong, eggs, Dimension::kCount, "qua", last, days);

  // 4. A later nationwide programme (503/CTr-LMHTXVN, 04/08/2021): cooperatives of several
  // provinces selling through e-commerce platforms, in tonnes, litres, boxes and combos.
  if (today >= d(2021, 10, 1)) {
    auto platform = w.buyer("SAN-LMHTXVN", "Sàn thương mại điện tử của Liên minh HTX Việt Nam",
                            BuyerKind::kECommerce, "01-2008");
    auto postmart =
        w.buyer("POSTMART", "Postmart (Bưu điện Việt Nam)", BuyerKind::kECommerce, "01-2008");
    std::vector<Outlet> online{w.outlet(platform, "Gian hàng HTX trên sàn của Liên minh",
                                        "san_tmdt", "sàn của Liên minh HTX Việt Nam", "01-2008"),
                               w.outlet(postmart, "Postmart", "san_tmdt", "Postmart", "01-2008")};
    sum.buyers += 2;
    sum.outlets += 2;
    Campaign e;
    e.code = "TMDT-2021";
    e.name = "Chương trình kết nối cung cầu sản phẩm HTX theo hình thức thương mại điện tử";
    e.organiser_unit_id = unit->id;
    e.partners = {"Postmart (Bưu điện Việt Nam)"};
    e.starts_on = d(2021, 8, 4);
    e.ends_on = d(2021, 9, 30);
    e.status = CampaignStatus::kPublished;
    e.targets = {{"lua_gao", {50'000'000, Dimension::kMass}, "tan"},
                 {"che_bien", {2'000, Dimension::kCount}, "hop"}};
    e.recorded_by = actor;
    e.recorded_at = now;
    e.id = repo.insert_campaign(e);
    ++sum.campaigns;
    std::vector<registry::Entity> sellers;
    for (const char* province : {"34-2008", "87-2008", "68-2008", "24-2008"})
      for (auto& x : cooperatives_of(registry, province, 3)) sellers.push_back(x);
    if (!sellers.empty()) {
      const Date end = d(2021, 9, 30);
      const SaleDays online_days{d(2021, 8, 20), d(2021, 9, 10), d(2021, 9, 25)};
      w.sell(e, online, sellers,
             {{0, "gao", 20'000'000, 0, 18'000}, {1, "gao", 12'000'000, 0, 19'000}},
             Dimension::kMass, "tan", end, online_days);
      w.sell(e, online, sellers, {{0, "dau_lac", 1'500'000, 0, 90'000}}, Dimension::kVolume, "lit",
             end, online_days);
      w.sell(e, online, sellers, {{0, "banh_dau_xanh", 800, 0, 45'000}}, Dimension::kCount, "hop",
             end, online_days);
      w.sell(e, online, sellers, {{1, "combo_rau", 600, 0, 120'000}}, Dimension::kCount, "combo",
             end, online_days);
    }
  }
  sum.orders = w.orders;
  sum.sales = w.sales;
  audit.append({0, now, actor, "market.demo", "demo", "market", "",
                json_record("campaigns", sum.campaigns, "buyers", sum.buyers, "outlets",
                            sum.outlets, "orders", sum.orders, "sales", sum.sales)
                    .dump()});
  return sum;
}

}  // namespace htx::demo
