// The exchange's pages through a real server over the demo (scale 0.05, with the work programme
// and the exchange of seed 000): the lists and their filters (a bad filter is 400), an offer by
// another cooperative's account and a provincial user posting for another province refused with
// the field named, a new campaign carried through offer, demand, allocation, confirmation,
// dispatch, receipt and sales, its results as CSV and .xlsx against the sum of the sales the
// test recorded, and the public: a published campaign's results without prices, an unpublished
// one 404.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "demo/demo_registry.hpp"
#include "exchange/xlsx.hpp"
#include "site_server.hpp"

namespace htx::webapp {
namespace {

using namespace site_test_support;

constexpr const char* kHaiDuong = "30-2008";

class webappMarket : public ::testing::Test {
 protected:
  void SetUp() override {
    add_site_user(f, "admin", accounts::Role::kAdmin, {});
    add_site_user(f, "haiduong", accounts::Role::kProvincialStaff, {kHaiDuong});
    add_site_user(f, "hanoi", accounts::Role::kProvincialStaff, {"01-2008"});
    build_site_demo(f, true);
    registry::ListQuery q;
    q.province_id = kHaiDuong;
    q.type = registry::EntityType::kCooperative;
    q.limit = 5000;
    for (auto& e : f.db->registry().list(q))
      if (!e.dissolved_on && e.status == registry::EntityStatus::kActive) {
        (coop.empty() ? coop : other) = e.code;
        if (!other.empty()) break;
      }
    ASSERT_FALSE(other.empty());
    ASSERT_TRUE(add_site_user(f, "coop", accounts::Role::kCooperative, {}, coop));
    server = std::make_unique<SiteServer>(f);
  }
  Browser signed_in(const std::string& user) { return server->signed_in(user); }
  std::vector<std::pair<std::string, std::string>> offer_fields(const std::string& csrf,
                                                                const std::string& campaign) {
    return {{"csrf", csrf},          {"product", "bap_cai"},  {"quantity", "5"},
            {"unit", "tan"},         {"from", "29/11/2026"},  {"to", "20/12/2026"},
            {"province", kHaiDuong}, {"floor_price", "8000"}, {"price_unit", "kg"},
            {"campaign", campaign}};
  }

  htx::testing::RegistryFixture f;
  std::unique_ptr<SiteServer> server;
  std::string coop, other;
};

TEST_F(webappMarket, ListsFilterAndABadFilterIsABadRequest) {
  auto b = signed_in("admin");
  auto all = b.get("/market/offers?campaign=HD-2021");
  EXPECT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("class=\"listing-row\""), std::string::npos);
  EXPECT_EQ(b.get("/market/offers?campaign=NOPE").status, 400);
  EXPECT_EQ(b.get("/market/demand?product=no_such_product").status, 400);
  EXPECT_EQ(b.get("/market/demand?campaign=HD-2021&open=1").status, 200);
  auto campaigns = b.get("/market/campaigns");
  EXPECT_EQ(campaigns.status, 200);
  EXPECT_NE(campaigns.body.find("HD-2021"), std::string::npos);
  EXPECT_NE(campaigns.body.find("href=\"/market/campaigns\""), std::string::npos);  // the nav
  // Nobody signed in: the lists ask for a login.
  Browser anonymous(server->port());
  EXPECT_EQ(anonymous.get("/market/offers").status, 303);
}

TEST_F(webappMarket, AnOfferForAnotherCooperativeOrProvinceIsRefusedNamingTheField) {
  auto c = signed_in("coop");
  auto form = c.get("/market/offers");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.body.find("name=\"entity\""), std::string::npos);  // posts its own only
  auto fields = offer_fields(Browser::csrf_of(form.body), "");
  fields.emplace_back("entity", other);
  auto r = c.post("/market/offers", fields);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find(other), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Mã HTX"), std::string::npos) << r.body;

  auto h = signed_in("hanoi");
  form = h.get("/market/offers");
  fields = offer_fields(Browser::csrf_of(form.body), "");
  fields.emplace_back("entity", coop);
  r = h.post("/market/offers", fields);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find(kHaiDuong), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("id=\"error-entity\""), std::string::npos);
  // A bad quantity is shown beside its field, the input kept.
  fields = offer_fields(Browser::csrf_of(form.body), "");
  fields.emplace_back("entity", coop);
  for (auto& [k, v] : fields)
    if (k == "quantity") v = "-3";
  auto hd = signed_in("haiduong");
  form = hd.get("/market/offers");
  fields[0].second = Browser::csrf_of(form.body);
  r = hd.post("/market/offers", fields);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("id=\"error-quantity\""), std::string::npos);
  EXPECT_NE(r.body.find("value=\"-3\""), std::string::npos);
  // Without the CSRF token nothing is posted.
  fields[0].second = "";
  EXPECT_EQ(hd.post("/market/offers", fields).status, 403);
}

TEST_F(webappMarket, ACampaignFromOfferToSalesAndItsDownloadsAddUpTheRecordedSales) {
  auto a = signed_in("admin");
  auto form = a.get("/market/campaigns/new");
  ASSERT_EQ(form.status, 200);
  std::string csrf = Browser::csrf_of(form.body);
  auto r = a.post("/market/campaigns", {{"csrf", csrf},
                                        {"code", "TEST-2026"},
                                        {"name", "Tiêu thụ thử"},
                                        {"organiser", f.db->work().list_units().front().code},
                                        {"provinces", kHaiDuong},
                                        {"starts_on", "29/11/2026"},
                                        {"targets", "rau_qua 10 tấn"}});
  ASSERT_EQ(r.status, 303) << r.body;
  // Unpublished: not for the public.
  Browser anonymous(server->port());
  EXPECT_EQ(anonymous.get("/market/campaigns/TEST-2026").status, 404);
  EXPECT_EQ(anonymous.get("/market/campaigns/TEST-2026/results.csv").status, 404);

  auto c = signed_in("coop");
  r = c.post("/market/offers",
             offer_fields(Browser::csrf_of(c.get("/market/offers").body), "TEST-2026"));
  ASSERT_EQ(r.status, 303) << r.body;
  r = a.post("/market/demand", {{"csrf", csrf},
                                {"buyer", "SAIGONCOOP"},
                                {"product", "bap_cai"},
                                {"quantity", "3"},
                                {"unit", "tan"},
                                {"from", "29/11/2026"},
                                {"to", "20/12/2026"},
                                {"province", kHaiDuong},
                                {"ceiling_price", "12000"},
                                {"price_unit", "kg"},
                                {"campaign", "TEST-2026"}});
  ASSERT_EQ(r.status, 303) << r.body;

  auto matching = a.get("/market/campaigns/TEST-2026/matching");
  ASSERT_EQ(matching.status, 200);
  EXPECT_NE(matching.body.find("class=\"proposal-line\""), std::string::npos);
  EXPECT_NE(matching.body.find("3 tấn"), std::string::npos);
  EXPECT_NE(matching.body.find("id=\"market-unsold\""), std::string::npos);  // 2 t left
  r = a.post("/market/campaigns/TEST-2026/confirm", {{"csrf", csrf}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto campaign = f.db->market().find_campaign_by_code("TEST-2026");
  auto orders = f.db->market().orders_of_campaign(campaign->id);
  ASSERT_EQ(orders.size(), 1u);
  const std::string order = "/market/orders/" + std::to_string(orders[0].id);
  // Pairing the same offer again beyond what is left: a clear conflict, not a 500.
  auto offer_id = std::to_string(orders[0].offer_id),
       demand_id = std::to_string(orders[0].demand_id);
  r = a.post("/market/campaigns/TEST-2026/pair", {{"csrf", csrf},
                                                  {"offer", offer_id},
                                                  {"demand", demand_id},
                                                  {"quantity", "4"},
                                                  {"unit", "tan"}});
  EXPECT_TRUE(r.status == 409 || r.status == 422) << r.status;
  EXPECT_NE(r.body.find("role=\"alert\""), std::string::npos);

  auto outlet = f.db->market().outlets_of(f.db->market().find_buyer_by_code("SAIGONCOOP")->id);
  ASSERT_FALSE(outlet.empty());
  const std::string outlet_id = std::to_string(outlet.front().id);
  auto step = [&](const std::string& what, std::vector<std::pair<std::string, std::string>> x) {
    x.emplace_back("csrf", csrf);
    auto reply = a.post(order + "/" + what, x);
    EXPECT_EQ(reply.status, 303) << what << "\n" << reply.body;
  };
  step("dispatch", {{"quantity", "3"}, {"unit", "tan"}, {"on", "29/11/2026"}});
  step("receive", {{"quantity", "2,8"}, {"unit", "tan"}, {"on", "29/11/2026"}});
  // The sales the test records, and their independent sums.
  const std::vector<std::pair<std::int64_t, std::int64_t>> sales = {{1'500, 15'000'000},
                                                                    {700, 7'700'000}};  // kg, đ
  std::int64_t kg = 0, dong = 0;
  for (auto& [q, v] : sales) {
    step("sale", {{"quantity", std::to_string(q)},
                  {"unit", "kg"},
                  {"outlet", outlet_id},
                  {"value", std::to_string(v)},
                  {"on", "29/11/2026"}});
    kg += q;
    dong += v;
  }
  // A sale above what is left of the receipt: refused beside its field, nothing recorded.
  r = a.post(order + "/sale", {{"csrf", csrf},
                               {"quantity", "1"},
                               {"unit", "tan"},
                               {"outlet", outlet_id},
                               {"value", "1"},
                               {"on", "29/11/2026"}});
  EXPECT_EQ(r.status, 422);

  auto csv = a.get("/market/campaigns/TEST-2026/results.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  // kg under a tonne would be kg; 2.2 t is stated in tonnes.
  const std::string tonnes = std::to_string(kg / 1000) + "." + std::to_string(kg % 1000 / 100);
  EXPECT_NE(csv.body.find("," + tonnes + ",10,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("," + std::to_string(dong) + ",2\r\n"), std::string::npos) << csv.body;
  auto by_channel = a.get("/market/campaigns/TEST-2026/results.csv?sheet=channels");
  EXPECT_NE(by_channel.body.find("Saigon Co.op,tấn," + tonnes + "," + std::to_string(dong)),
            std::string::npos)
      << by_channel.body;
  EXPECT_EQ(a.get("/market/campaigns/TEST-2026/results.csv?sheet=nope").status, 400);
  // By the sellers' province and by cooperative: the same sales, with their value for staff.
  auto by_province = a.get("/market/campaigns/TEST-2026/results.csv?sheet=provinces");
  EXPECT_NE(by_province.body.find("Hải Dương,"), std::string::npos) << by_province.body;
  EXPECT_NE(by_province.body.find(",tấn," + tonnes + "," + std::to_string(dong) + ",2\r\n"),
            std::string::npos)
      << by_province.body;
  const std::string coop_name = f.db->registry().find_by_code(coop)->name;
  auto by_coop = a.get("/market/campaigns/TEST-2026/results.csv?sheet=cooperatives");
  EXPECT_NE(by_coop.body.find(coop_name), std::string::npos) << by_coop.body;
  EXPECT_NE(by_coop.body.find(",tấn," + tonnes + "," + std::to_string(dong) + ",2\r\n"),
            std::string::npos)
      << by_coop.body;

  auto xlsx = a.get("/market/campaigns/TEST-2026/results.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  auto path = f.dir.file("results.xlsx");
  {
    std::ofstream out(path, std::ios::binary);
    out << xlsx.body;
  }
  std::string error;
  auto reader = exchange::XlsxReader::open(path, error);
  ASSERT_TRUE(reader) << error;
  exchange::XlsxRow row;
  bool found = false;
  while (reader->next(row))
    if (row.cells.size() >= 6 && row.cells[2] == tonnes) {
      found = true;
      EXPECT_EQ(row.cells[3], "10");
      EXPECT_EQ(row.cells[5], std::to_string(dong));
    }
  EXPECT_TRUE(found);
  EXPECT_EQ(a.get("/market/campaigns/TEST-2026/results.xlsx").body, xlsx.body);  // same bytes

  // The campaign page: the sentence, the progress chart, the tables.
  auto page = a.get("/market/campaigns/TEST-2026");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"chart-progress\""), std::string::npos);
  EXPECT_NE(page.body.find("id=\"results-groups\""), std::string::npos);
  EXPECT_NE(page.body.find("22 %"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("id=\"results-provinces\""), std::string::npos);
  EXPECT_NE(page.body.find("id=\"results-cooperatives\""), std::string::npos);

  // The period's page over every campaign: this test's sales are the only ones of the day, so
  // its provinces' sheet is the campaign's; the public and a cooperative's account may not ask.
  auto period = a.get("/market/results?from=29/11/2026&as_of=29/11/2026");
  ASSERT_EQ(period.status, 200) << period.body;
  EXPECT_NE(period.body.find("Từ ngày 29/11/2026 đến hết ngày 29/11/2026, hỗ trợ tiêu thụ"),
            std::string::npos)
      << period.body;
  EXPECT_NE(period.body.find("id=\"results-provinces\""), std::string::npos);
  EXPECT_NE(period.body.find("/market/results.xlsx?from=29%2F11%2F2026"), std::string::npos)
      << period.body;
  EXPECT_EQ(a.get("/market/results.csv?from=29/11/2026&sheet=provinces").body, by_province.body);
  auto period_xlsx = a.get("/market/results.xlsx?from=29/11/2026");
  ASSERT_EQ(period_xlsx.status, 200);
  EXPECT_NE(period_xlsx.header("content-disposition").find("ket-qua-ky-2026-11-29-2026-11-29"),
            std::string::npos);
  EXPECT_EQ(a.get("/market/results?from=30/11/2026&as_of=29/11/2026").status, 400);
  EXPECT_EQ(anonymous.get("/market/results").status, 403);

  // Published, the public sees the results, without prices or values.
  r = a.post("/market/campaigns/TEST-2026/status", {{"csrf", csrf}, {"status", "published"}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto pub = anonymous.get("/market/campaigns/TEST-2026");
  ASSERT_EQ(pub.status, 200);
  EXPECT_NE(pub.body.find("id=\"results-groups\""), std::string::npos);
  EXPECT_EQ(pub.body.find("8.000"), std::string::npos);
  EXPECT_EQ(pub.body.find("đồng"), std::string::npos) << pub.body;
  EXPECT_EQ(pub.body.find(coop), std::string::npos);
  // The public sees each cooperative's quantities, not its value (so not its price).
  EXPECT_NE(pub.body.find("id=\"results-cooperatives\""), std::string::npos);
  auto pub_coop = anonymous.get("/market/campaigns/TEST-2026/results.csv?sheet=cooperatives");
  ASSERT_EQ(pub_coop.status, 200);
  EXPECT_NE(pub_coop.body.find(",tấn," + tonnes + ",2\r\n"), std::string::npos) << pub_coop.body;
  EXPECT_EQ(pub_coop.body.find(std::to_string(dong)), std::string::npos) << pub_coop.body;
  EXPECT_EQ(anonymous.get("/market/campaigns/HD-2021").status, 200);
}

}  // namespace
}  // namespace htx::webapp
