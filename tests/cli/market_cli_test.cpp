// `htx offer|demand|campaign|allocate|order|sale` through the real binary on the full demo: the
// Hải Dương campaign's results as of 02/03/2021 state the seed's sentence, and their JSON totals
// equal the sums of the sale lines read straight from the database file; the lists as tables and
// JSON; refusals naming their option, exiting non-zero, writing nothing; and a whole loop on a
// new campaign (offer, demand, allocation confirmed, dispatch, receipt, sale, results).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "market/catalogue.hpp"
#include "support/demo_cli.hpp"
#include "support/python.hpp"

namespace htx::cli {
namespace {

using nlohmann::json;

const char* kSeed =
    "Kết quả đến hết ngày 02/3/2021 hỗ trợ tiêu thụ gần 550 tấn rau, củ quả các loại, 5 tấn cá, "
    "15 tấn gà, 500.000 quả trứng thông qua 08 điểm bán hàng, 60 cửa hàng tiện ích (Coopfood); "
    "siêu thị BigC, Lotte";

// The rows of a query on the database file, each a vector of its columns as text.
std::vector<std::vector<std::string>> rows_of(const std::string& file, const std::string& sql) {
  std::vector<std::vector<std::string>> out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << file;
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db) << "\n" << sql;
  } else {
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* t = sqlite3_column_text(st, i);
        row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
      }
      out.push_back(std::move(row));
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

class MarketCliTest : public htx::testing::DemoCliTest {
 protected:
  json json_of(std::initializer_list<std::string> args) {
    auto r = on(args);
    EXPECT_EQ(r.code, 0) << r;
    return json::parse(r.out, nullptr, false);
  }
  // `htx user add ARGS --password-stdin` with a password on its input.
  htx::testing::Result add_user(const std::vector<std::string>& args) {
    std::string cmd = "printf '%s\\n' 'Buyer-pass-2026!' | exec " +
                      htx::testing::shell_quote(HTX_BINARY) + " --db " +
                      htx::testing::shell_quote(db_) + " user add";
    for (const auto& a : args) cmd += " " + htx::testing::shell_quote(a);
    return htx::testing::run_program("/bin/sh", {"-c", cmd + " --password-stdin"},
                                     dir_->path().string());
  }
  std::string first(const std::string& sql) {
    auto rows = rows_of(db_, sql);
    return rows.empty() || rows[0].empty() ? std::string() : rows[0][0];
  }
};

TEST_F(MarketCliTest, TheCampaignResultsStateTheSeedsSentence) {
  auto r = on({"campaign", "results", "HD-2021", "--as-of", "02/03/2021"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_NE(r.out.find(kSeed), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Saigon Co.op"), std::string::npos) << r.out;
}

// The JSON totals against sums made here from the sale lines themselves (the catalogue only
// says which group a product is in and its dimension).
TEST_F(MarketCliTest, TheResultsTotalsEqualTheSumsOfTheSaleLines) {
  auto j = json_of({"campaign", "results", "HD-2021", "--as-of", "2021-03-02", "--format", "json"});
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["narrative"], kSeed);
  EXPECT_EQ(j["as_of"], "2021-03-02");
  const auto catalogue = market::Catalogue::load(HTX_SOURCE_DATA_DIR);
  std::map<std::pair<std::string, std::string>, std::int64_t> expected;  // (group, dimension)
  std::int64_t lines = 0, value = 0;
  for (const auto& row : rows_of(db_,
                                 "SELECT s.product, s.quantity, s.value_dong FROM market_sale s "
                                 "JOIN market_campaign c ON c.id = s.campaign_id "
                                 "WHERE c.code = 'HD-2021' AND s.sold_on <= '2021-03-02'")) {
    const market::Product* p = catalogue.product(row[0]);
    ASSERT_NE(p, nullptr) << row[0];
    expected[{p->group, std::string(market::to_code(p->dimension))}] += std::stoll(row[1]);
    value += std::stoll(row[2]);
    ++lines;
  }
  ASSERT_GT(lines, 100);
  std::map<std::pair<std::string, std::string>, std::int64_t> stated;
  for (const auto& t : j["totals"])
    stated[{t["group"], t["dimension"]}] += t["quantity"].get<std::int64_t>();
  EXPECT_EQ(stated, expected);
  EXPECT_EQ(j["sale_lines"], lines);
  EXPECT_EQ(j["value_dong"], value);
  // The channels add up to the same totals.
  std::map<std::pair<std::string, std::string>, std::int64_t> by_channel;
  for (const auto& t : j["totals_by_channel"])
    by_channel[{t["group"], t["dimension"]}] += t["quantity"].get<std::int64_t>();
  EXPECT_EQ(by_channel, expected);
  // Vegetables: "gần 550 tấn" from an exact figure just under it, stated in tonnes.
  const std::int64_t vegetables = expected[{"rau_qua", "mass"}];
  for (const auto& t : j["totals"])
    if (t["group"] == "rau_qua") {
      EXPECT_EQ(t["unit"], "tan");
      EXPECT_EQ(t["quantity"], vegetables);
      EXPECT_LT(t["quantity"].get<std::int64_t>(), 550'000'000);
    }
  // The table names the same figures.
  auto table = on({"campaign", "results", "HD-2021", "--as-of", "02/03/2021", "--format", "table"});
  EXPECT_EQ(table.code, 0) << table;
}

// A period over every campaign: the totals, the lines, the values and the sellers' provinces
// equal sums made here from the sale lines of those dates, whichever campaign they belong to;
// a period that ends before it starts is refused on --from.
TEST_F(MarketCliTest, APeriodsResultsSumEverySaleOfItsDates) {
  auto j = json_of(
      {"sale", "results", "--from", "01/01/2021", "--as-of", "31/12/2021", "--format", "json"});
  ASSERT_TRUE(j.is_object());
  EXPECT_TRUE(j["campaign"].is_null());
  EXPECT_EQ(j["from"], "2021-01-01");
  EXPECT_EQ(j["narrative"].get<std::string>().rfind(
                "Từ ngày 01/1/2021 đến hết ngày 31/12/2021, hỗ trợ tiêu thụ ", 0),
            0u)
      << j["narrative"];
  const auto catalogue = market::Catalogue::load(HTX_SOURCE_DATA_DIR);
  using Key = std::tuple<std::string, std::string, std::string>;  // province, group, dimension
  std::map<Key, std::int64_t> expected;
  std::map<std::string, std::int64_t> of_group;
  std::int64_t lines = 0, value = 0;
  std::set<std::string> campaigns;
  for (const auto& row :
       rows_of(db_,
               "SELECT s.product, s.quantity, s.value_dong, f.province_id, "
               "COALESCE(s.campaign_id, '') FROM market_sale s JOIN market_offer f ON f.id = "
               "s.offer_id WHERE s.sold_on >= '2021-01-01' AND s.sold_on <= '2021-12-31'")) {
    const market::Product* p = catalogue.product(row[0]);
    ASSERT_NE(p, nullptr) << row[0];
    const std::string dim(market::to_code(p->dimension));
    expected[{row[3], p->group, dim}] += std::stoll(row[1]);
    of_group[p->group + "/" + dim] += std::stoll(row[1]);
    value += std::stoll(row[2]);
    campaigns.insert(row[4]);
    ++lines;
  }
  ASSERT_GE(campaigns.size(), 2u) << "the demo's two programmes both sell in 2021";
  EXPECT_EQ(j["sale_lines"], lines);
  EXPECT_EQ(j["value_dong"], value);
  std::map<std::string, std::int64_t> stated_group;
  for (const auto& t : j["totals"])
    stated_group[t["group"].get<std::string>() + "/" + t["dimension"].get<std::string>()] +=
        t["quantity"].get<std::int64_t>();
  EXPECT_EQ(stated_group, of_group);
  std::map<Key, std::int64_t> stated;
  for (const auto& part : j["by_province"])
    for (const auto& t : part["totals"])
      stated[{part["key"], t["group"], t["dimension"]}] += t["quantity"].get<std::int64_t>();
  EXPECT_EQ(stated, expected);

  auto reversed = on({"sale", "results", "--from", "01/04/2021", "--as-of", "31/03/2021"});
  EXPECT_NE(reversed.code, 0);
  EXPECT_NE(reversed.err.find("--from"), std::string::npos) << reversed;
  auto csv = on({"sale", "results", "--from", "01/01/2021", "--as-of", "31/12/2021", "--format",
                 "csv", "--sheet", "provinces"});
  ASSERT_EQ(csv.code, 0) << csv;
  EXPECT_NE(csv.out.find("Hải Dương"), std::string::npos) << csv.out;
}

TEST_F(MarketCliTest, ListsAsTablesAndJson) {
  auto campaigns = on({"campaign", "list"});
  ASSERT_EQ(campaigns.code, 0) << campaigns;
  EXPECT_NE(campaigns.out.find("HD-2021"), std::string::npos);
  EXPECT_NE(campaigns.out.find("TMDT-2021"), std::string::npos);
  auto show = on({"campaign", "show", "HD-2021", "--format", "json"});
  ASSERT_EQ(show.code, 0) << show;
  EXPECT_EQ(json::parse(show.out)["code"], "HD-2021");
  auto offers = json_of({"offer", "list", "--campaign", "HD-2021", "--format", "json"});
  ASSERT_TRUE(offers.is_array());
  EXPECT_EQ(offers.size(),
            std::stoul(first("SELECT COUNT(*) FROM market_offer o JOIN market_campaign c ON "
                             "c.id = o.campaign_id WHERE c.code = 'HD-2021'")));
  auto table = on({"offer", "list", "--campaign", "HD-2021"});
  ASSERT_EQ(table.code, 0) << table;
  EXPECT_NE(table.out.find("tấn"), std::string::npos) << table.out;
  auto demand = on({"demand", "list", "--campaign", "HD-2021"});
  EXPECT_EQ(demand.code, 0) << demand;
  auto orders = json_of({"order", "list", "--campaign", "HD-2021", "--format", "json"});
  EXPECT_FALSE(orders.empty());
}

TEST_F(MarketCliTest, RefusalsNameTheirOptionAndWriteNothing) {
  const auto offers = first("SELECT COUNT(*) FROM market_offer");
  const auto audit = first("SELECT COUNT(*) FROM audit_log");
  const auto entity = first(
      "SELECT e.code FROM entity e JOIN market_offer o ON o.entity_id = e.id ORDER BY o.id LIMIT "
      "1");
  ASSERT_FALSE(entity.empty());
  struct Case {
    std::vector<std::string> args;
    std::string option;
  };
  std::vector<Case> cases = {
      {{"--quantity", "0", "--unit", "tấn"}, "--quantity: "},
      {{"--quantity", "-3", "--unit", "tấn"}, "--quantity: "},
      {{"--quantity", "nhiều", "--unit", "tấn"}, "--quantity: "},
      {{"--quantity", "5", "--unit", "lít"}, "--unit: "},
      {{"--quantity", "5", "--unit", "tấn", "--from", "2026-12-10", "--to", "2026-12-01"},
       "--to: "},
      {{"--quantity", "5", "--unit", "tấn", "--standard", "ocop", "--ocop-stars", "7"},
       "--ocop-stars: "},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"offer", "add", "--entity", entity, "--product", "bap_cai"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = on(args);
    EXPECT_EQ(r.code, 1) << r;
    EXPECT_NE(r.err.find(c.option), std::string::npos) << r.err;
  }
  auto past =
      on({"demand", "add", "--buyer", "SAIGONCOOP", "--product", "bap_cai", "--quantity", "5",
          "--unit", "tấn", "--from", "2021-01-01", "--to", "2021-02-01", "--province", "01-2008"});
  EXPECT_EQ(past.code, 1) << past;
  EXPECT_NE(past.err.find("--to: "), std::string::npos) << past.err;
  auto unknown = on({"campaign", "results", "NOPE"});
  EXPECT_EQ(unknown.code, 1) << unknown;
  auto bad_filter = on({"order", "list", "--campaign", "NOPE"});
  EXPECT_EQ(bad_filter.code, 2) << bad_filter;
  EXPECT_NE(bad_filter.err.find("--campaign: "), std::string::npos) << bad_filter.err;
  auto bad_format = on({"campaign", "list", "--format", "pdf"});
  EXPECT_EQ(bad_format.code, 2) << bad_format;
  auto bad_date = on({"campaign", "results", "HD-2021", "--as-of", "31/02/2021"});
  EXPECT_EQ(bad_date.code, 2) << bad_date;
  EXPECT_NE(bad_date.err.find("--as-of: "), std::string::npos) << bad_date.err;
  EXPECT_EQ(first("SELECT COUNT(*) FROM market_offer"), offers);
  EXPECT_EQ(first("SELECT COUNT(*) FROM audit_log"), audit);
}

TEST_F(MarketCliTest, AWholeLoopOnANewCampaign) {
  const auto entity = first(
      "SELECT e.code FROM entity e JOIN market_offer o ON o.entity_id = e.id "
      "JOIN market_campaign c ON c.id = o.campaign_id WHERE c.code = 'HD-2021' LIMIT 1");
  const auto outlet = first(
      "SELECT o.id FROM market_outlet o JOIN market_buyer b ON b.id = o.buyer_id "
      "WHERE b.code = 'SAIGONCOOP' ORDER BY o.id LIMIT 1");
  const auto organiser = first(
      "SELECT u.code FROM work_unit u JOIN market_campaign c ON c.organiser_unit_id = u.id "
      "WHERE c.code = 'HD-2021'");
  ASSERT_FALSE(entity.empty() || outlet.empty() || organiser.empty());
  auto added =
      on({"campaign", "add", "--code", "CLI-2026", "--name", "Thử trên dòng lệnh", "--organiser",
          organiser, "--starts-on", "2026-11-20", "--targets", "rau_qua 20 tấn"});
  ASSERT_EQ(added.code, 0) << added;
  auto offer = on({"offer",   "add",          "--entity", entity,       "--product",
                   "bap_cai", "--quantity",   "10",       "--unit",     "tấn",
                   "--from",  "2026-11-20",   "--to",     "2026-12-31", "--floor-price",
                   "3000",    "--price-unit", "kg",       "--campaign", "CLI-2026"});
  ASSERT_EQ(offer.code, 0) << offer;
  auto demand =
      on({"demand",       "add",        "--buyer",    "SAIGONCOOP", "--outlet",        outlet,
          "--product",    "bap_cai",    "--quantity", "6",          "--unit",          "tấn",
          "--from",       "2026-11-25", "--to",       "2026-12-20", "--ceiling-price", "5000",
          "--price-unit", "kg",         "--campaign", "CLI-2026"});
  ASSERT_EQ(demand.code, 0) << demand;
  auto proposal = json_of({"allocate", "CLI-2026", "--format", "json"});
  ASSERT_EQ(proposal["lines"].size(), 1u) << proposal;
  EXPECT_EQ(proposal["lines"][0]["quantity"], 6'000'000);
  auto confirmed = on({"allocate", "CLI-2026", "--confirm"});
  ASSERT_EQ(confirmed.code, 0) << confirmed;
  auto orders = json_of({"order", "list", "--campaign", "CLI-2026", "--format", "json"});
  ASSERT_EQ(orders.size(), 1u) << orders;
  const std::string id = std::to_string(orders[0]["id"].get<std::int64_t>());
  ASSERT_EQ(on({"order", "dispatch", id, "--quantity", "6", "--unit", "tấn"}).code, 0);
  ASSERT_EQ(on({"order", "receive", id, "--quantity", "6", "--unit", "tấn"}).code, 0);
  auto above = on(
      {"sale", "add", id, "--outlet", outlet, "--quantity", "7", "--unit", "tấn", "--value", "1"});
  EXPECT_EQ(above.code, 1) << above;
  EXPECT_NE(above.err.find("--quantity: "), std::string::npos) << above.err;
  auto sale = on({"sale", "add", id, "--outlet", outlet, "--quantity", "4500", "--unit", "kg",
                  "--value", "22500000"});
  ASSERT_EQ(sale.code, 0) << sale;
  auto results = json_of({"campaign", "results", "CLI-2026", "--format", "json"});
  ASSERT_EQ(results["totals"].size(), 1u) << results;
  EXPECT_EQ(results["totals"][0]["quantity"], 4'500'000);
  EXPECT_EQ(results["totals"][0]["stated"], "4,5");
  EXPECT_EQ(results["targets"][0]["attainment_percent"], 22.5);
  EXPECT_EQ(results["value_dong"], 22'500'000);
  // Nothing left to allocate once it is confirmed.
  auto again = json_of({"allocate", "CLI-2026", "--format", "json"});
  EXPECT_TRUE(again["lines"].empty()) << again;
}

// A buyer's own account names its buyer by the exchange's code (not the registry's): with a
// code no buyer has, it is refused on --entity and nothing is written.
TEST_F(MarketCliTest, ABuyersAccountNamesABuyerOfTheExchange) {
  const auto users = first("SELECT COUNT(*) FROM app_user");
  auto unknown = add_user({"sg.unknown", "--role", "buyer", "--entity", "NO-SUCH-BUYER"});
  EXPECT_EQ(unknown.code, 1) << unknown;
  EXPECT_NE(unknown.err.find("NO-SUCH-BUYER"), std::string::npos) << unknown;
  // A registry's code is no buyer's.
  const auto entity = first("SELECT code FROM entity LIMIT 1");
  auto registry = add_user({"sg.registry", "--role", "buyer", "--entity", entity});
  EXPECT_EQ(registry.code, 1) << registry;
  EXPECT_EQ(first("SELECT COUNT(*) FROM app_user"), users) << "a refusal wrote an account";
  auto ok =
      add_user({"sg.buyer", "--role", "buyer", "--name", "Saigon Co.op", "--entity", "SAIGONCOOP"});
  ASSERT_EQ(ok.code, 0) << ok;
  EXPECT_EQ(first("SELECT entity_code FROM app_user WHERE username = 'sg.buyer'"), "SAIGONCOOP");
  EXPECT_EQ(first("SELECT COUNT(*) FROM audit_log WHERE action = 'user.add' AND "
                  "object_key = 'sg.buyer'"),
            "1");
}

// By the sellers' province and by cooperative: each seller's sale lines read straight from the
// file equal its part of the JSON, and the parts add up to the campaign's sale lines.
TEST_F(MarketCliTest, TheResultsByProvinceAndCooperativeAddUpTheSaleLines) {
  auto j = json_of({"campaign", "results", "HD-2021", "--as-of", "2021-03-02", "--format", "json"});
  ASSERT_TRUE(j.contains("by_cooperative")) << j;
  std::map<std::string, std::int64_t> lines_of;
  for (const auto& row : rows_of(db_,
                                 "SELECT e.code, COUNT(*) FROM market_sale s "
                                 "JOIN market_offer o ON o.id = s.offer_id "
                                 "JOIN entity e ON e.id = o.entity_id "
                                 "JOIN market_campaign c ON c.id = s.campaign_id "
                                 "WHERE c.code = 'HD-2021' AND s.sold_on <= '2021-03-02' "
                                 "GROUP BY e.code"))
    lines_of[row[0]] = std::stoll(row[1]);
  ASSERT_FALSE(lines_of.empty());
  ASSERT_EQ(j["by_cooperative"].size(), lines_of.size());
  std::int64_t all = 0;
  for (const auto& part : j["by_cooperative"]) {
    std::int64_t lines = 0;
    for (const auto& t : part["totals"]) lines += t["lines"].get<std::int64_t>();
    EXPECT_EQ(lines, lines_of[part["key"]]) << part;
    all += lines;
  }
  EXPECT_EQ(all, j["sale_lines"]);
  bool hai_duong = false;
  for (const auto& part : j["by_province"]) hai_duong = hai_duong || part["key"] == "30-2008";
  EXPECT_TRUE(hai_duong) << j["by_province"];
}

// The results as CSV (a sheet, to the screen or a file) and as .xlsx (a file: --output needed).
TEST_F(MarketCliTest, TheResultsAsCsvAndXlsx) {
  auto text = on({"campaign", "results", "HD-2021", "--as-of", "02/03/2021", "--format", "text"});
  ASSERT_EQ(text.code, 0) << text;
  EXPECT_NE(text.out.find("Theo hợp tác xã"), std::string::npos) << text.out;
  auto csv = on({"campaign", "results", "HD-2021", "--as-of", "02/03/2021", "--format", "csv"});
  ASSERT_EQ(csv.code, 0) << csv;
  EXPECT_EQ(csv.out.rfind("Nhóm", 0), 0u) << csv.out;  // the header first, no title
  EXPECT_NE(csv.out.find("\r\n"), std::string::npos);
  const std::string file = dir_->file("coops.csv");
  auto coops = on({"campaign", "results", "HD-2021", "--as-of", "02/03/2021", "--format", "csv",
                   "--sheet", "cooperatives", "--output", file});
  ASSERT_EQ(coops.code, 0) << coops;
  std::ifstream in(file, std::ios::binary);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(body.find("tấn"), std::string::npos) << body;
  auto bad = on({"campaign", "results", "HD-2021", "--format", "csv", "--sheet", "nope"});
  EXPECT_EQ(bad.code, 1) << bad;
  EXPECT_NE(bad.err.find("--sheet: "), std::string::npos) << bad.err;
  auto no_file = on({"campaign", "results", "HD-2021", "--format", "xlsx"});
  EXPECT_EQ(no_file.code, 1) << no_file;
  EXPECT_NE(no_file.err.find("--output: "), std::string::npos) << no_file.err;
  const std::string xlsx = dir_->file("hd.xlsx");
  auto book = on({"campaign", "results", "HD-2021", "--as-of", "02/03/2021", "--format", "xlsx",
                  "--output", xlsx});
  ASSERT_EQ(book.code, 0) << book;
  std::ifstream x(xlsx, std::ios::binary);
  std::string head(2, '\0');
  x.read(head.data(), 2);
  EXPECT_EQ(head, "PK") << "a zip (.xlsx) was written";
}

}  // namespace
}  // namespace htx::cli
