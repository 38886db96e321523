// The campaign report over 1.000.000 sale lines (issue 11): a SQLite file holding one campaign
// with its cooperatives, offers, buyers, outlets, demand and orders (stored through HTX's
// repositories) and N sale lines (filled by the `sqlite3` shell, one INSERT … SELECT), then
//   1. baseline: the same totals as plain GROUP BY queries, `sqlite3 FILE < queries.sql`;
//   2. htx: MarketService::results (totals by group × channel × unit and over all channels,
//      targets, the prose with its outlets counted or named);
// alternated, best of three each. It checks that the totals are equal (quantity, value and lines
// per group × channel × unit, the outlets counted in the prose) and prints both times and the
// ratio. See bench/README.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "market/market_service.hpp"
#include "store/database.hpp"
#include "work/work_service.hpp"

namespace {

using namespace htx;
using namespace htx::market;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

Date day(int m, int d) { return *Date::from_ymd(2021, m, d); }

std::string sql_text(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

struct Setup {
  std::int64_t campaign_id = 0;
  int orders = 0;
  std::int64_t first_outlet = 0;
  int outlets = 0;
};

// The records the sales refer to, through HTX's repositories.
Setup store_records(store::Database& db, const MarketData& data) {
  Setup s;
  FixedClock clock(day(2, 17), "2021-02-17T08:00:00Z");
  work::WorkService ws(db.work(), db.audit(), db, clock);
  auto vca =
      *ws.add_unit({0, "LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, "", 0},
                   "bench", ProvinceScope::all());
  Transaction tx(db);
  auto& repo = db.market();
  Campaign c;
  c.code = "BENCH-2021";
  c.name = "Hỗ trợ tiêu thụ nông sản (bench)";
  c.organiser_unit_id = vca.id;
  c.province_ids = {"30-2008"};
  c.starts_on = day(2, 17);
  c.targets = {{"rau_qua", {500'000'000'000, Dimension::kMass}, "tan"}};
  s.campaign_id = repo.insert_campaign(c);
  // Buyers and their outlets: points of sale, Co.op Food stores, supermarkets, e-commerce.
  struct OutletsOf {
    Buyer buyer;
    std::string kind, brand;
    int count;
  };
  std::vector<OutletsOf> buyers{
      {{0, "LMHN", "Liên minh HTX TP Hà Nội", BuyerKind::kAlliancePoint, "01-2008", "", "", ""},
       "diem_ban",
       "",
       8},
      {{0, "SAIGONCOOP", "Saigon Co.op", BuyerKind::kRetailChain, "79-2008", "", "", ""},
       "cua_hang_tien_ich",
       "Coopfood",
       60},
      {{0, "BIGC", "BigC", BuyerKind::kSupermarket, "01-2008", "", "", ""}, "sieu_thi", "BigC", 6},
      {{0, "LOTTE", "Lotte Mart", BuyerKind::kSupermarket, "01-2008", "", "", ""},
       "sieu_thi",
       "Lotte",
       4},
      {{0, "POSTMART", "Postmart", BuyerKind::kECommerce, "01-2008", "", "", ""},
       "san_tmdt",
       "Postmart",
       1},
  };
  std::vector<std::int64_t> buyer_ids;
  for (auto& b : buyers) {
    auto id = repo.insert_buyer(b.buyer);
    buyer_ids.push_back(id);
    for (int i = 0; i < b.count; ++i) {
      auto outlet = repo.insert_outlet(
          {0, id, b.buyer.name + " " + std::to_string(i + 1), b.kind, b.brand, "01-2008", ""});
      if (!s.first_outlet) s.first_outlet = outlet;
      ++s.outlets;
    }
  }
  // The campaign's products: vegetables, fish, chicken, eggs.
  std::vector<const Product*> products;
  for (const char* code : {"rau_cu", "bap_cai", "ca_rot", "su_hao", "ca", "ga", "trung_ga"})
    if (const Product* p = data.catalogue.product(code)) products.push_back(p);
  // One demand per buyer and product, 400 cooperatives with 5 offers each, an order each.
  std::map<std::pair<std::size_t, std::string>, std::int64_t> demand_of;
  for (std::size_t b = 0; b < buyer_ids.size(); ++b)
    for (const Product* p : products) {
      Demand d;
      d.buyer_id = buyer_ids[b];
      d.product = p->code;
      d.quantity = {1'000'000'000'000, p->dimension};
      d.unit = p->default_unit;
      d.wanted_from = day(2, 17);
      d.wanted_to = day(3, 31);
      d.province_id = "01-2008";
      d.campaign_id = s.campaign_id;
      demand_of[{b, p->code}] = repo.insert_demand(d);
    }
  const char* provinces[] = {"30-2008", "30-2008", "30-2008", "33-2008", "31-2008", "01-2008"};
  for (int e = 0; e < 400; ++e) {
    registry::Entity coop;
    coop.code = "B" + std::to_string(3'000'000 + e);
    coop.name = "HTX " + std::to_string(e + 1);
    coop.type = registry::EntityType::kCooperative;
    coop.sector_id = "nong_nghiep";
    coop.province_id = provinces[e % 6];
    coop.founded_on = *Date::from_ymd(2015, 1, 1);
    auto entity = db.registry().insert(coop);
    for (int k = 0; k < 5; ++k) {
      const Product* p = products[static_cast<std::size_t>(e + k) % products.size()];
      Offer o;
      o.entity_id = entity;
      o.product = p->code;
      o.quantity = {1'000'000'000'000, p->dimension};
      o.unit = p->default_unit;
      o.available_from = day(2, 17);
      o.available_to = day(3, 31);
      o.province_id = coop.province_id;
      o.campaign_id = s.campaign_id;
      auto offer = repo.insert_offer(o);
      Order order;
      order.offer_id = offer;
      order.demand_id = demand_of.at({static_cast<std::size_t>(e + k) % buyer_ids.size(), p->code});
      order.quantity = order.dispatched = order.received = 1'000'000'000'000;
      order.campaign_id = s.campaign_id;
      order.status = OrderStatus::kReceived;
      repo.insert_order(order);
      ++s.orders;
    }
  }
  tx.commit();
  return s;
}

// The sale lines, by the sqlite3 shell: line i of order i mod orders (its offer's product), at
// outlet i·7919 mod outlets, 10 to 500 kg (100 to 5.000 pieces), sold 17/02 to 04/03/2021.
void fill_sales(const std::filesystem::path& file, const std::filesystem::path& dir, const Setup& s,
                long lines) {
  auto sql = dir / "fill.sql";
  std::ofstream out(sql);
  out << "BEGIN;\n"
         "INSERT INTO market_sale (order_id, offer_id, outlet_id, product, quantity, value_dong,"
         " sold_on, campaign_id, recorded_by, recorded_at)\n"
         "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < "
      << lines - 1
      << ")\n"
         "SELECT o.id, o.offer_id, "
      << s.first_outlet << " + (k.i * 7919) % " << s.outlets
      << ", f.product,"
         " CASE f.dimension WHEN 'count' THEN ((k.i * 31) % 50 + 1) * 100"
         " ELSE ((k.i * 31) % 50 + 1) * 10000 END,"
         " ((k.i * 31) % 50 + 1) * CASE f.dimension WHEN 'count' THEN 300000 ELSE 120000 END,"
         " date('2021-02-17', '+' || (k.i % 16) || ' days'), "
      << s.campaign_id
      << ", 'bench', '2021-03-05T08:00:00Z'\n"
         "FROM k JOIN market_order o ON o.id = 1 + k.i % "
      << s.orders
      << " JOIN market_offer f ON f.id = o.offer_id;\n"
         "COMMIT;\n"
         // The planner's statistics, so that the plain queries get their best plan too.
         "ANALYZE;\n";
  out.close();
  std::string cmd = "sqlite3 -bail " + file.string() + " < " + sql.string();
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("sqlite3: the fill failed");
}

// The plain GROUP BY queries: the product's group and unit key (a count's own unit, else the
// dimension) as a VALUES table from the catalogue.
std::string queries_sql(const MarketData& data, const Setup& s, Date as_of) {
  std::string groups;
  for (const auto& p : data.catalogue.products()) {
    std::string unit =
        p.dimension == Dimension::kCount ? p.default_unit : std::string(to_code(p.dimension));
    groups += (groups.empty() ? "" : ", ") + std::string("(") + sql_text(p.code) + ", " +
              sql_text(p.group) + ", " + sql_text(unit) + ")";
  }
  std::string where = " WHERE s.campaign_id = " + std::to_string(s.campaign_id) +
                      " AND s.sold_on <= '" + as_of.iso() + "'";
  std::string with = "WITH pg(product, grp, unit) AS (VALUES " + groups + ")\n";
  // Added up by product (and channel) first, then by the product's group.
  auto totals = [&](bool by_channel) {
    std::string channel = by_channel ? "b.name" : "''";
    return with + "SELECT pg.grp, pg.unit, t.channel, sum(t.q), sum(t.v), sum(t.n) FROM" +
           " (SELECT s.product, " + channel +
           " AS channel, sum(s.quantity) AS q, sum(s.value_dong) AS v, count(*) AS n" +
           " FROM market_sale s JOIN market_outlet o ON o.id = s.outlet_id" +
           " JOIN market_buyer b ON b.id = o.buyer_id" + where + " GROUP BY s.product" +
           (by_channel ? ", b.name" : "") +
           ") t JOIN pg ON pg.product = t.product GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;\n";
  };
  return ".mode list\n.separator |\n.print #by_channel\n" + totals(true) +
         ".print #all_channels\n" + totals(false) + ".print #outlets\n" +
         "SELECT o.kind, count(DISTINCT s.outlet_id) FROM market_sale s"
         " JOIN market_outlet o ON o.id = s.outlet_id" +
         where + " GROUP BY o.kind ORDER BY 1;\n";
}

struct Figures {
  std::map<std::string, std::vector<std::string>> rows;  // section -> "a|b|…" lines
};

Figures read_output(const std::filesystem::path& path) {
  Figures f;
  std::ifstream in(path);
  std::string line, section;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#')
      section = line.substr(1);
    else if (!line.empty())
      f.rows[section].push_back(line);
  }
  return f;
}

// HTX's totals in the baseline's shape.
std::vector<std::string> htx_rows(const std::vector<Total>& totals) {
  std::vector<std::string> out;
  for (const auto& t : totals) {
    std::string unit =
        t.dimension == Dimension::kCount ? t.unit : std::string(to_code(t.dimension));
    out.push_back(t.group + "|" + unit + "|" + t.channel + "|" + std::to_string(t.quantity) + "|" +
                  std::to_string(t.value_dong) + "|" + std::to_string(t.lines));
  }
  std::sort(out.begin(), out.end());
  return out;
}

int run(long lines, const std::filesystem::path& data_dir) {
  auto data = MarketData::load(data_dir);
  auto dir = std::filesystem::temp_directory_path() / "htx_market_report_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto file = dir / "report.db";
  Setup setup;
  auto t = Clock::now();
  {
    auto db = store::open_database(file.string());
    setup = store_records(*db, data);
  }
  fill_sales(file, dir, setup, lines);
  std::fprintf(stderr, "filled %ld sale lines in %.1f s\n", lines, ms_since(t) / 1000);

  Date as_of = day(3, 2);
  auto sql = dir / "queries.sql";
  std::ofstream(sql) << queries_sql(data, setup, as_of);
  auto output = dir / "queries.out";
  std::string cmd =
      "sqlite3 -bail " + file.string() + " < " + sql.string() + " > " + output.string();

  auto db = store::open_database(file.string());
  FixedClock clock(day(3, 5), "2021-03-05T08:00:00Z");
  MarketService service(db->market(), db->registry(), db->audit(), *db, clock, data);
  double htx_ms = 1e18, sqlite_ms = 1e18;
  CampaignResults results;
  for (int round = 0; round < 3; ++round) {
    t = Clock::now();
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("sqlite3: the queries failed");
    sqlite_ms = std::min(sqlite_ms, ms_since(t));
    t = Clock::now();
    auto r = service.results(setup.campaign_id, as_of);
    if (!r) throw std::runtime_error("results: " + r.error().key);
    htx_ms = std::min(htx_ms, ms_since(t));
    results = std::move(*r);
  }

  // The totals must be equal.
  auto plain = read_output(output);
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  bool equal = htx_rows(results.totals_by_channel) == sorted(plain.rows["by_channel"]) &&
               htx_rows(results.totals) == sorted(plain.rows["all_channels"]);
  std::int64_t plain_lines = 0;
  for (const auto& row : plain.rows["all_channels"])
    plain_lines += std::stoll(row.substr(row.rfind('|') + 1));
  equal = equal && plain_lines == results.sale_lines;
  // The outlets the prose counts ("08 điểm bán hàng, 60 cửa hàng tiện ích (Coopfood)").
  for (const auto& row : plain.rows["outlets"]) {
    auto bar = row.find('|');
    std::string kind = row.substr(0, bar);
    for (const auto& k : data.outlet_kinds) {
      if (k.code != kind || !k.counted) continue;
      std::string count = row.substr(bar + 1);
      while (count.size() < static_cast<std::size_t>(data.narrative.count_pad_digits))
        count = "0" + count;
      if (results.narrative.find(count + " " + k.narrative) == std::string::npos) equal = false;
    }
  }
  if (!equal) {
    std::fprintf(stderr, "htx:\n");
    for (auto& r : htx_rows(results.totals_by_channel)) std::fprintf(stderr, "  %s\n", r.c_str());
    std::fprintf(stderr, "sqlite3:\n");
    for (auto& r : sorted(plain.rows["by_channel"])) std::fprintf(stderr, "  %s\n", r.c_str());
  }
  std::fprintf(stderr, "%s\n", results.narrative.c_str());
  db.reset();
  if (!std::getenv("HTX_BENCH_KEEP")) std::filesystem::remove_all(dir);

  std::printf("\n");
  std::printf("sale lines                    %ld (%lld up to %s)\n", lines,
              static_cast<long long>(results.sale_lines), as_of.iso().c_str());
  std::printf("sqlite3 GROUP BY queries ms   %.1f\n", sqlite_ms);
  std::printf("htx campaign results ms       %.1f\n", htx_ms);
  std::printf("totals equal                  %s\n", equal ? "yes" : "NO");
  double ratio = htx_ms / sqlite_ms;
  std::printf("ratio htx/sqlite3             %.2f    target <= 1.0   %s\n", ratio,
              ratio <= 1.0 ? "PASS" : "FAIL");
  return equal ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  long lines = 1'000'000;
  std::filesystem::path data_dir = HTX_BENCH_DATA_DIR;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--lines" && i + 1 < argc)
      lines = std::stol(argv[++i]);
    else if (a == "--data-dir" && i + 1 < argc)
      data_dir = argv[++i];
    else {
      std::cerr << "usage: market_report_bench [--lines N] [--data-dir D]\n";
      return 2;
    }
  }
  if (lines <= 0) {
    std::cerr << "market_report_bench: --lines is a number above 0\n";
    return 2;
  }
  try {
    return run(lines, data_dir);
  } catch (const std::exception& e) {
    std::cerr << "market_report_bench: " << e.what() << "\n";
    return 1;
  }
}
