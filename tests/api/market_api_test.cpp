// The exchange in the JSON API through a real server on a loopback port: Hải Dương's
// cooperatives (one dissolved), Saigon Co.op and BigC with an outlet each, a campaign of the
// national alliance; tokens of an administrator, of Hải Dương's and Hà Nội's staff, of a
// cooperative and of the two buyers. Every bad input of issue 11 is refused with the field it
// is about and its status, and nothing changes; a buyer sees only its own demand and no
// cooperative's price; another province's staff are 403; the whole loop (offer, demand,
// proposal, confirmation, dispatch, receipt, sale) ends in the campaign's results, public once
// published and without a value in đồng; two confirmations racing for one offer beyond its
// quantity: one wins, the other is 409 and the offer is never oversold.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "api_fixture.hpp"
#include "market/market_service.hpp"
#include "support/prerequisite.hpp"
#include "support/python.hpp"
#include "work/work_service.hpp"

namespace htx::api {
namespace {

using nlohmann::json;

class MarketApiTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    auto& db = *f.db;
    entity("3000000001", "HTX Nông nghiệp Thanh Xuân", false);
    entity("3000000002", "HTX Rau an toàn Nam Sách", false);
    entity("3000000003", "HTX Dịch vụ Gia Lộc", true);
    work::WorkService ws(db.work(), db.audit(), db, f.clock);
    auto vca =
        ws.add_unit({0, "LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, "", 0},
                    "test", ProvinceScope::all());
    ASSERT_TRUE(vca);
    market::MarketService m(db.market(), db.registry(), db.audit(), db, f.clock, *ctx.market);
    market::MarketActor staff{"test", ProvinceScope::all(), std::nullopt, std::nullopt};
    auto coop = m.add_buyer(
        {0, "SAIGONCOOP", "Saigon Co.op", market::BuyerKind::kRetailChain, "79-2008", "", "", ""},
        staff);
    auto bigc = m.add_buyer(
        {0, "BIGC", "BigC", market::BuyerKind::kSupermarket, "01-2008", "", "", ""}, staff);
    ASSERT_TRUE(coop && bigc);
    auto store = m.add_outlet(
        {0, coop->id, "Co.op Food Trần Duy Hưng", "cua_hang_tien_ich", "Coopfood", "01-2008", ""},
        staff);
    auto market =
        m.add_outlet({0, bigc->id, "BigC Thăng Long", "sieu_thi", "BigC", "01-2008", ""}, staff);
    ASSERT_TRUE(store && market);
    coop_outlet = store->id;
    bigc_outlet = market->id;
    for (const char* code : {"HD-2026", "TMDT-2026"}) {
      market::Campaign c;
      c.code = code;
      c.name = std::string("Hỗ trợ tiêu thụ nông sản ") + code;
      c.organiser_unit_id = vca->id;
      c.partners = {"Saigon Co.op"};
      c.starts_on = *Date::from_ymd(2026, 11, 1);
      c.targets = {{"rau_qua", {100'000'000, market::Dimension::kMass}, "tan"}};
      ASSERT_TRUE(m.add_campaign(c, staff));
    }

    admin = token_for("admin", accounts::Role::kAdmin);
    national = token_for("national", accounts::Role::kNationalStaff);
    hd = token_for("haiduong", accounts::Role::kProvincialStaff, {"30-2008"});
    hn = token_for("hanoi", accounts::Role::kProvincialStaff, {"01-2008"});
    coop_account = token_for("thanhxuan", accounts::Role::kCooperative, {}, "3000000001");
    coop_buyer = buyer_token("saigoncoop", "SAIGONCOOP");
    bigc_buyer = buyer_token("bigc", "BIGC");
  }

  // A buyer's account names its buyer by code in entity_code, as AccountService takes it.
  std::string buyer_token(const std::string& username, const std::string& buyer_code) {
    auto token = token_for(username, accounts::Role::kBuyer, {}, buyer_code);
    EXPECT_EQ(worker_services(ctx).db->accounts().find_user_by_name(username)->entity_code,
              buyer_code);
    return token;
  }

  void entity(const char* code, const char* name, bool dissolved) {
    auto e = f.sample(code);
    e.name = name;
    e.province_id = "30-2008";
    ASSERT_TRUE(f.service.create(e, "test"));
    if (dissolved) {
      ASSERT_TRUE(f.service.dissolve(code, *Date::from_ymd(2025, 1, 1), "test", "giải thể"));
    }
  }

  std::size_t audit_count() {
    audit::Filter all;
    all.limit = 100000;
    return f.db->audit().list(all).size();
  }
  static json offer(const char* tonnes = "10") {
    return {{"entity", "3000000001"}, {"product", "bap_cai"}, {"quantity", tonnes},
            {"unit", "tấn"},          {"from", "2026-11-20"}, {"to", "2027-01-31"},
            {"floor_price", 3000},    {"price_unit", "kg"},   {"campaign", "HD-2026"}};
  }
  static json demand(const char* buyer, const char* tonnes = "8") {
    return {{"buyer", buyer},        {"product", "bap_cai"},  {"quantity", tonnes},
            {"unit", "tấn"},         {"from", "2026-11-25"},  {"to", "2027-01-15"},
            {"province", "01-2008"}, {"ceiling_price", 5000}, {"price_unit", "kg"},
            {"campaign", "HD-2026"}};
  }
  std::int64_t posted(const testing::HttpReply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  // The field of a 422 answer.
  static std::string field_of(const testing::HttpReply& r) {
    auto j = r.json();
    if (!j.contains("error") || !j["error"].contains("fields")) return "(none) " + r.body;
    return j["error"]["fields"][0].value("field", "");
  }

  std::int64_t coop_outlet = 0, bigc_outlet = 0;
  std::string admin, national, hd, hn, coop_account, coop_buyer, bigc_buyer;
};

TEST_F(MarketApiTest, EveryBadInputIsRefusedWithItsFieldAndNothingChanges) {
  const auto before = audit_count();
  struct Case {
    const char* what;
    json body;
    std::string token;
    int status;
    std::string field;  // for a 422
  };
  auto with = [](json j, const char* k, json v) {
    j[k] = std::move(v);
    return j;
  };
  std::vector<Case> offers = {
      {"zero quantity", with(offer(), "quantity", "0"), admin, 422, "quantity"},
      {"negative quantity", with(offer(), "quantity", "-5"), admin, 422, "quantity"},
      {"non-numeric quantity", with(offer(), "quantity", "mười"), admin, 422, "quantity"},
      {"a unit of another dimension", with(offer(), "unit", "quả"), admin, 422, "unit"},
      {"a window ending before it starts", with(offer(), "to", "2026-11-01"), admin, 422, "to"},
      {"a dissolved entity", with(offer(), "entity", "3000000003"), admin, 422, "entity"},
      {"another cooperative's account", with(offer(), "entity", "3000000002"), coop_account, 403,
       ""},
      {"another province's staff", offer(), hn, 403, ""},
      {"an OCOP star outside 3–5", with(with(offer(), "standard", "ocop"), "ocop_stars", 6), admin,
       422, "ocop_stars"},
      {"an unknown member", with(offer(), "colour", "green"), admin, 422, "colour"},
      {"a member of the wrong type", with(offer(), "quantity", json::array()), admin, 422,
       "quantity"},
  };
  for (const auto& c : offers) {
    auto r = call("POST", "/api/v1/market/offers", c.token, c.body);
    EXPECT_EQ(r.status, c.status) << c.what << "\n" << r.body;
    if (c.status == 422) {
      EXPECT_EQ(field_of(r), c.field) << c.what;
    }
    if (c.status == 403) {
      EXPECT_EQ(r.json()["error"]["code"], "forbidden") << c.what;
    }
  }
  std::vector<Case> demands = {
      {"a demand entirely in the past",
       with(with(demand("SAIGONCOOP"), "from", "2026-01-01"), "to", "2026-02-01"), admin, 422,
       "to"},
      {"zero quantity", with(demand("SAIGONCOOP"), "quantity", "0"), admin, 422, "quantity"},
      {"another buyer's account", demand("BIGC"), coop_buyer, 403, ""},
      {"a cooperative posting demand", demand("SAIGONCOOP"), coop_account, 403, ""},
  };
  for (const auto& c : demands) {
    auto r = call("POST", "/api/v1/market/demand", c.token, c.body);
    EXPECT_EQ(r.status, c.status) << c.what << "\n" << r.body;
    if (c.status == 422) {
      EXPECT_EQ(field_of(r), c.field) << c.what;
    }
  }
  // A bad filter is a bad request on its parameter; an unknown campaign or order is 404.
  auto bad_filter = call("GET", "/api/v1/market/offers?campaign=NOPE", admin);
  EXPECT_EQ(bad_filter.status, 400) << bad_filter.body;
  EXPECT_EQ(bad_filter.json()["error"]["field"], "campaign");
  EXPECT_EQ(call("GET", "/api/v1/market/offers?product=nope", admin).json()["error"]["code"],
            "bad_product");
  EXPECT_EQ(call("GET", "/api/v1/market/campaigns/NOPE", admin).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/market/campaigns/HD-2026/results?as_of=31/02/2026", admin).status,
            400);
  EXPECT_EQ(call("POST", "/api/v1/market/orders/999/dispatch", admin,
                 {{"quantity", "1"}, {"unit", "tấn"}})
                .status,
            404);
  EXPECT_EQ(call("GET", "/api/v1/market/offers", "").status, 401);
  EXPECT_EQ(audit_count(), before) << "a refusal wrote something";
  EXPECT_EQ(call("GET", "/api/v1/market/offers", admin).json()["total"], 0);
  EXPECT_EQ(call("GET", "/api/v1/market/demand", admin).json()["total"], 0);
}

TEST_F(MarketApiTest, ABuyerSeesOnlyItsOwnDemandAndNoCooperativesPrices) {
  posted(call("POST", "/api/v1/market/offers", coop_account, offer()));
  auto own = demand("SAIGONCOOP");
  own.erase("buyer");  // a buyer's account posts for itself
  const auto mine = posted(call("POST", "/api/v1/market/demand", coop_buyer, own));
  posted(call("POST", "/api/v1/market/demand", admin, demand("BIGC")));

  auto seen = call("GET", "/api/v1/market/demand", coop_buyer).json();
  ASSERT_EQ(seen["total"], 1) << seen;
  EXPECT_EQ(seen["items"][0]["id"], mine);
  EXPECT_EQ(seen["items"][0]["buyer_code"], "SAIGONCOOP");
  EXPECT_EQ(seen["items"][0]["ceiling_price"]["dong"], 5000);
  EXPECT_EQ(call("GET", "/api/v1/market/offers", coop_buyer).json()["total"], 0)
      << "a buyer sees no cooperative's floor price";
  auto buyers = call("GET", "/api/v1/market/buyers", coop_buyer).json();
  ASSERT_EQ(buyers["total"], 1);
  EXPECT_EQ(buyers["items"][0]["code"], "SAIGONCOOP");
  EXPECT_EQ(call("GET", "/api/v1/market/demand", admin).json()["total"], 2);
  // The cooperative's account sees its own offer, no demand.
  EXPECT_EQ(call("GET", "/api/v1/market/offers", coop_account).json()["total"], 1);
  EXPECT_EQ(call("GET", "/api/v1/market/demand", coop_account).json()["total"], 0);
  // Another buyer sees its own demand only, never Saigon Co.op's ceiling price.
  auto other = call("GET", "/api/v1/market/demand", bigc_buyer).json();
  ASSERT_EQ(other["total"], 1) << other;
  EXPECT_EQ(other["items"][0]["buyer_code"], "BIGC");
  EXPECT_EQ(other.dump().find("SAIGONCOOP"), std::string::npos) << other;
  // Another buyer cannot withdraw it.
  EXPECT_EQ(call("POST", "/api/v1/market/demand/" + std::to_string(mine) + "/withdraw", bigc_buyer)
                .status,
            404);
}

TEST_F(MarketApiTest, AProvincialTokenPostsForItsOwnProvinceOnly) {
  const auto before = audit_count();
  auto refused = call("POST", "/api/v1/market/offers", hn, offer());
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.json()["error"]["key"], "market.province_not_yours");
  EXPECT_EQ(audit_count(), before);
  const auto id = posted(call("POST", "/api/v1/market/offers", hd, offer()));
  EXPECT_EQ(call("GET", "/api/v1/market/offers", hn).json()["total"], 0);
  auto listed = call("GET", "/api/v1/market/offers?campaign=HD-2026&product=bap_cai&open=1", hd);
  ASSERT_EQ(listed.json()["total"], 1) << listed.body;
  EXPECT_EQ(listed.json()["items"][0]["stated"], "10");
  EXPECT_EQ(listed.json()["items"][0]["entity_name"], "HTX Nông nghiệp Thanh Xuân");
  EXPECT_EQ(call("POST", "/api/v1/market/offers/" + std::to_string(id) + "/withdraw", hn).status,
            404);
  auto withdrawn = call("POST", "/api/v1/market/offers/" + std::to_string(id) + "/withdraw", hd);
  EXPECT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json()["status"], "withdrawn");
}

TEST_F(MarketApiTest, TheWholeLoopEndsInResultsPublicOncePublishedWithoutPrices) {
  const auto offer_id = posted(call("POST", "/api/v1/market/offers", hd, offer("10")));
  const auto demand_id = posted(call("POST", "/api/v1/market/demand", admin, demand("SAIGONCOOP")));
  auto proposal = call("POST", "/api/v1/market/campaigns/HD-2026/proposal", admin);
  ASSERT_EQ(proposal.status, 200) << proposal.body;
  ASSERT_EQ(proposal.json()["lines"].size(), 1u) << proposal.body;
  EXPECT_EQ(proposal.json()["lines"][0]["quantity"], 8'000'000);
  EXPECT_TRUE(proposal.json()["lines"][0]["hub"].is_null()) << "direct: no hub";
  EXPECT_EQ(proposal.json()["lines"][0]["handling_dong"], 0);
  EXPECT_EQ(call("GET", "/api/v1/market/orders", admin).json()["total"], 0) << "nothing written";
  EXPECT_EQ(call("POST", "/api/v1/market/campaigns/HD-2026/proposal", coop_buyer).status, 403);

  auto confirmed = call("POST", "/api/v1/market/campaigns/HD-2026/confirm", admin);
  ASSERT_EQ(confirmed.status, 201) << confirmed.body;
  ASSERT_EQ(confirmed.json()["total"], 1);
  const auto order = confirmed.json()["items"][0]["id"].get<std::int64_t>();
  EXPECT_EQ(confirmed.json()["items"][0]["offer_id"], offer_id);
  EXPECT_EQ(confirmed.json()["items"][0]["demand_id"], demand_id);
  const std::string at = "/api/v1/market/orders/" + std::to_string(order);
  ASSERT_EQ(call("POST", at + "/dispatch", admin, {{"quantity", "8"}, {"unit", "tấn"}}).status,
            200);
  auto received = call("POST", at + "/receive", admin, {{"quantity", "7,5"}, {"unit", "tấn"}});
  ASSERT_EQ(received.status, 200) << received.body;
  EXPECT_EQ(received.json()["lost"], 500'000);
  // A sale above what was received is refused on its quantity; nothing is written.
  const auto before = audit_count();
  auto too_much = call("POST", at + "/sales", admin,
                       {{"quantity", "8"}, {"unit", "tấn"}, {"outlet", coop_outlet}, {"value", 1}});
  EXPECT_EQ(too_much.status, 422) << too_much.body;
  EXPECT_EQ(field_of(too_much), "quantity");
  EXPECT_EQ(audit_count(), before);
  auto sale =
      call("POST", at + "/sales", admin,
           {{"quantity", "7500"}, {"unit", "kg"}, {"outlet", coop_outlet}, {"value", 37'500'000}});
  ASSERT_EQ(sale.status, 201) << sale.body;

  auto results = call("GET", "/api/v1/market/campaigns/HD-2026/results", admin).json();
  ASSERT_EQ(results["totals"].size(), 1u) << results;
  EXPECT_EQ(results["totals"][0]["quantity"], 7'500'000);
  EXPECT_EQ(results["totals"][0]["stated"], "7,5");
  EXPECT_EQ(results["totals"][0]["unit"], "tan");
  EXPECT_EQ(results["totals"][0]["value_dong"], 37'500'000);
  EXPECT_EQ(results["value_dong"], 37'500'000);
  EXPECT_EQ(results["sale_lines"], 1);
  EXPECT_EQ(results["public"], false);
  ASSERT_EQ(results["targets"].size(), 1u);
  EXPECT_EQ(results["targets"][0]["sold"], 7'500'000);
  EXPECT_EQ(results["targets"][0]["attainment_percent"], 7.5);
  EXPECT_NE(results["narrative"].get<std::string>().find("tấn"), std::string::npos);
  // By the sellers' province and by cooperative, with their values for staff.
  ASSERT_EQ(results["by_province"].size(), 1u) << results;
  EXPECT_EQ(results["by_province"][0]["key"], "30-2008");
  EXPECT_EQ(results["by_province"][0]["name"], "Hải Dương");
  EXPECT_EQ(results["by_province"][0]["totals"][0]["quantity"], 7'500'000);
  EXPECT_EQ(results["by_province"][0]["totals"][0]["value_dong"], 37'500'000);
  ASSERT_EQ(results["by_cooperative"].size(), 1u) << results;
  EXPECT_EQ(results["by_cooperative"][0]["key"], "3000000001");
  EXPECT_EQ(results["by_cooperative"][0]["totals"][0]["stated"], "7,5");
  EXPECT_EQ(results["by_cooperative"][0]["totals"][0]["value_dong"], 37'500'000);

  // Not published yet: the public does not see it.
  EXPECT_EQ(call("GET", "/api/v1/public/campaigns/HD-2026/results", "").status, 404);
  EXPECT_EQ(call("GET", "/api/v1/public/campaigns", "").json()["total"], 0);
  auto published =
      call("POST", "/api/v1/market/campaigns/HD-2026/status", admin, {{"status", "published"}});
  ASSERT_EQ(published.status, 200) << published.body;
  auto open = call("GET", "/api/v1/public/campaigns/HD-2026/results?as_of=2026-11-29", "");
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_EQ(open.body.find("value_dong"), std::string::npos) << open.body;
  EXPECT_EQ(open.body.find("price"), std::string::npos) << open.body;
  EXPECT_EQ(open.json()["public"], true);
  EXPECT_EQ(open.json()["totals"][0]["quantity"], 7'500'000);
  EXPECT_EQ(open.json()["narrative"], results["narrative"]);
  // The public sees each cooperative's quantities, never its value (nor so its price).
  ASSERT_EQ(open.json()["by_cooperative"].size(), 1u) << open.body;
  const auto coop_total = open.json()["by_cooperative"][0]["totals"][0];
  EXPECT_EQ(coop_total["quantity"], 7'500'000);
  EXPECT_FALSE(coop_total.contains("value_dong")) << coop_total;
  EXPECT_EQ(open.json()["by_province"][0]["totals"][0]["quantity"], 7'500'000);
  auto listed = call("GET", "/api/v1/public/campaigns", "").json();
  ASSERT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["items"][0]["code"], "HD-2026");
  // The other campaign stays unpublished: 404 for the public, even with a token on the route.
  EXPECT_EQ(call("GET", "/api/v1/public/campaigns/TMDT-2026/results", "").status, 404);
  EXPECT_EQ(call("GET", "/api/v1/public/campaigns/TMDT-2026/results", admin).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/market/campaigns/TMDT-2026/results", admin).status, 200);
}

// In hub mode (direct pairings kept to 0 km here), the Hải Dương offer reaches the Hà Nội demand
// through a regional hub: the proposal's line names the hub and its handling.
TEST_F(MarketApiTest, AProposalInHubModeNamesTheHubAndItsHandling) {
  market::MarketData hub_mode = htx::testing::market_data();
  hub_mode.allocation.use_hubs = true;
  hub_mode.allocation.hub_direct_max_km = 0;
  ASSERT_FALSE(hub_mode.allocation.hubs.empty());
  ctx.market = &hub_mode;
  posted(call("POST", "/api/v1/market/offers", hd, offer("10")));
  posted(call("POST", "/api/v1/market/demand", admin, demand("SAIGONCOOP")));
  auto proposal = call("POST", "/api/v1/market/campaigns/HD-2026/proposal", admin);
  ctx.market = &htx::testing::market_data();
  ASSERT_EQ(proposal.status, 200) << proposal.body;
  ASSERT_FALSE(proposal.json()["lines"].empty()) << proposal.body;
  const auto line = proposal.json()["lines"][0];
  ASSERT_TRUE(line["hub"].is_string()) << line;
  bool known = false;
  for (const auto& h : hub_mode.allocation.hubs) known = known || h.code == line["hub"];
  EXPECT_TRUE(known) << line;
  EXPECT_GT(line["handling_dong"].get<std::int64_t>(), 0) << line;
}

TEST_F(MarketApiTest, APairingByHandAndACampaignFromTheApi) {
  const auto offer_id = posted(call("POST", "/api/v1/market/offers", admin, offer("10")));
  const auto demand_id = posted(call("POST", "/api/v1/market/demand", admin, demand("BIGC")));
  auto paired =
      call("POST", "/api/v1/market/pairings", admin,
           {{"offer", offer_id}, {"demand", demand_id}, {"quantity", "3"}, {"unit", "tấn"}});
  ASSERT_EQ(paired.status, 201) << paired.body;
  EXPECT_EQ(paired.json()["items"][0]["quantity"], 3'000'000);
  auto too_much =
      call("POST", "/api/v1/market/pairings", admin,
           {{"offer", offer_id}, {"demand", demand_id}, {"quantity", "6"}, {"unit", "tấn"}});
  EXPECT_EQ(too_much.status, 409) << too_much.body;
  EXPECT_EQ(too_much.json()["error"]["key"], "market.oversold");
  EXPECT_EQ(call("GET", "/api/v1/market/orders?campaign=HD-2026", admin).json()["total"], 1);

  auto added = call("POST", "/api/v1/market/campaigns", admin,
                    {{"code", "TEST-2026"},
                     {"name", "Chương trình thử"},
                     {"organiser", "LMHTXVN"},
                     {"starts_on", "2026-12-01"},
                     {"targets", "rau_qua 50 tấn\ntrung 10000 quả"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.header("location"), "/api/v1/market/campaigns/TEST-2026");
  EXPECT_EQ(call("GET", "/api/v1/market/campaigns/TEST-2026", hd).json()["targets"].size(), 2u);
  auto again = call("POST", "/api/v1/market/campaigns", admin,
                    {{"code", "TEST-2026"}, {"name", "x"}, {"organiser", "LMHTXVN"}});
  EXPECT_EQ(again.status, 409) << again.body;
  auto bad_target =
      call("POST", "/api/v1/market/campaigns", admin,
           {{"code", "BAD-2026"}, {"organiser", "LMHTXVN"}, {"targets", "trung 5 tấn"}});
  EXPECT_EQ(bad_target.status, 422) << bad_target.body;
  EXPECT_EQ(field_of(bad_target), "targets");
  auto outlets = call("GET",
                      "/api/v1/market/buyers/" +
                          std::to_string(call("GET", "/api/v1/market/buyers", admin)
                                             .json()["items"][0]["id"]
                                             .get<std::int64_t>()) +
                          "/outlets",
                      admin);
  EXPECT_EQ(outlets.status, 200) << outlets.body;
  EXPECT_EQ(outlets.json()["total"], 1);
}

// Two staff confirm at the same moment lines of one offer of 10 t, 8 t each: one wins, the other
// is 409 (market.oversold), and the offer's committed quantity never exceeds it.
TEST_F(MarketApiTest, TwoConfirmationsRacingForOneOfferNeverOversellIt) {
  for (int round = 0; round < 4; ++round) {
    const auto offer_id = posted(call("POST", "/api/v1/market/offers", admin, offer("10")));
    const auto first = posted(call("POST", "/api/v1/market/demand", admin, demand("SAIGONCOOP")));
    const auto second = posted(call("POST", "/api/v1/market/demand", admin, demand("BIGC")));
    std::atomic<int> ready{0};
    testing::HttpReply replies[2];
    std::int64_t demands[2] = {first, second};
    std::vector<std::thread> racers;
    for (int i = 0; i < 2; ++i)
      racers.emplace_back([&, i] {
        json body = {
            {"lines",
             {{{"offer_id", offer_id}, {"demand_id", demands[i]}, {"quantity", 8'000'000}}}}};
        ready.fetch_add(1);
        while (ready.load() < 2) std::this_thread::yield();
        replies[i] =
            call("POST", "/api/v1/market/campaigns/HD-2026/confirm", i ? admin : national, body);
      });
    for (auto& t : racers) t.join();
    int won = 0, refused = 0;
    for (const auto& r : replies) {
      if (r.status == 201) ++won;
      if (r.status == 409) {
        ++refused;
        EXPECT_EQ(r.json()["error"]["key"], "market.oversold");
      }
    }
    EXPECT_EQ(won, 1) << replies[0].body << "\n" << replies[1].body;
    EXPECT_EQ(refused, 1) << replies[0].body << "\n" << replies[1].body;
    auto stored = f.db->market().find_offer(offer_id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->committed, 8'000'000);
    EXPECT_LE(stored->committed, stored->quantity.amount);
    // Withdraw what is left so that the next round's proposal does not see it.
    call("POST", "/api/v1/market/offers/" + std::to_string(offer_id) + "/withdraw", admin);
  }
}

// The market's real answers (successes and refusals, with a token and without) against the
// response schemas of web/openapi.json, with the validator of web/tests/openapi_responses.mjs.
TEST_F(MarketApiTest, RealResponsesMatchTheOpenApiDocument) {
  const std::string web = HTX_WEB_DIR;
  HTX_REQUIRE(htx::testing::run_command("node --version").status == 0, "node is not installed");
  HTX_REQUIRE(std::filesystem::exists(web + "/node_modules/ajv"),
              "web/node_modules is not installed (scripts/npm-deps.sh)");
  json seen = json::array();
  auto check = [&](const std::string& method, const std::string& path_template,
                   const std::string& target, const std::string& token, const json& body = {}) {
    auto r = call(method, target, token, body.is_null() ? json::object() : body);
    seen.push_back({{"method", method},
                    {"template", path_template},
                    {"url", target},
                    {"status", std::to_string(r.status)},
                    {"body", r.json()}});
    return r;
  };
  const auto offer_id =
      check("POST", "/api/v1/market/offers", "/api/v1/market/offers", hd, offer()).json()["id"];
  check("POST", "/api/v1/market/offers", "/api/v1/market/offers", admin,
        {{"product", "bap_cai"}, {"quantity", "0"}, {"unit", "tấn"}});
  check("POST", "/api/v1/market/demand", "/api/v1/market/demand", admin, demand("SAIGONCOOP"));
  check("GET", "/api/v1/market/offers", "/api/v1/market/offers?campaign=HD-2026", admin);
  check("GET", "/api/v1/market/offers", "/api/v1/market/offers?campaign=NOPE", admin);
  check("GET", "/api/v1/market/offers", "/api/v1/market/offers", "");
  check("GET", "/api/v1/market/demand", "/api/v1/market/demand", coop_buyer);
  check("GET", "/api/v1/market/buyers", "/api/v1/market/buyers", admin);
  check("GET", "/api/v1/market/campaigns", "/api/v1/market/campaigns", admin);
  check("GET", "/api/v1/market/campaigns/{code}", "/api/v1/market/campaigns/HD-2026", admin);
  check("GET", "/api/v1/market/campaigns/{code}", "/api/v1/market/campaigns/NOPE", admin);
  check("POST", "/api/v1/market/campaigns/{code}/proposal",
        "/api/v1/market/campaigns/HD-2026/proposal", admin);
  auto orders = check("POST", "/api/v1/market/campaigns/{code}/confirm",
                      "/api/v1/market/campaigns/HD-2026/confirm", admin);
  const auto order = std::to_string(orders.json()["items"][0]["id"].get<std::int64_t>());
  check("POST", "/api/v1/market/orders/{id}/dispatch",
        "/api/v1/market/orders/" + order + "/dispatch", admin,
        {{"quantity", "8"}, {"unit", "tấn"}});
  check("POST", "/api/v1/market/orders/{id}/receive", "/api/v1/market/orders/" + order + "/receive",
        admin, {{"quantity", "8"}, {"unit", "tấn"}});
  check("POST", "/api/v1/market/orders/{id}/sales", "/api/v1/market/orders/" + order + "/sales",
        admin,
        {{"quantity", "5"}, {"unit", "tấn"}, {"outlet", coop_outlet}, {"value", 25'000'000}});
  check("POST", "/api/v1/market/orders/{id}/sales", "/api/v1/market/orders/" + order + "/sales",
        admin, {{"quantity", "5"}, {"unit", "tấn"}, {"outlet", coop_outlet}, {"value", 1}});
  check("GET", "/api/v1/market/orders", "/api/v1/market/orders", admin);
  check("GET", "/api/v1/market/campaigns/{code}/results",
        "/api/v1/market/campaigns/HD-2026/results?as_of=2026-11-29", admin);
  // A period over every campaign: the same sale lines as the campaign's (the other has none),
  // in the seller's province only for provincial staff; a cooperative's account may not ask;
  // a bad or reversed first day is 400 on "from".
  const auto campaign_results =
      call("GET", "/api/v1/market/campaigns/HD-2026/results", admin).json();
  const std::string period = "/api/v1/market/results?from=2026-11-01";
  auto all = check("GET", "/api/v1/market/results", period, admin);
  EXPECT_EQ(all.status, 200) << all.body;
  EXPECT_TRUE(all.json()["campaign"].is_null());
  EXPECT_EQ(all.json()["from"], "2026-11-01");
  EXPECT_GE(campaign_results["sale_lines"].get<std::int64_t>(), 1);
  EXPECT_EQ(all.json()["sale_lines"], campaign_results["sale_lines"]);
  EXPECT_EQ(all.json()["value_dong"], campaign_results["value_dong"]);
  EXPECT_EQ(all.json()["totals"], campaign_results["totals"]);
  EXPECT_EQ(check("GET", "/api/v1/market/results", period, hd).json()["sale_lines"],
            campaign_results["sale_lines"]);
  EXPECT_EQ(check("GET", "/api/v1/market/results", period, hn).json()["sale_lines"], 0);
  EXPECT_EQ(check("GET", "/api/v1/market/results", period, coop_account).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/market/results?from=2026-12-31&as_of=2026-11-30", admin).status,
            400);
  auto bad_from = check("GET", "/api/v1/market/results", "/api/v1/market/results?from=x", admin);
  EXPECT_EQ(bad_from.status, 400);
  EXPECT_EQ(bad_from.json()["error"]["field"], "from");
  check("POST", "/api/v1/market/campaigns/{code}/status", "/api/v1/market/campaigns/HD-2026/status",
        admin, {{"status", "published"}});
  check("GET", "/api/v1/public/campaigns", "/api/v1/public/campaigns", "");
  check("GET", "/api/v1/public/campaigns/{code}/results",
        "/api/v1/public/campaigns/HD-2026/results", "");
  check("GET", "/api/v1/public/campaigns/{code}/results",
        "/api/v1/public/campaigns/TMDT-2026/results", "");
  check("POST", "/api/v1/market/offers/{id}/withdraw",
        "/api/v1/market/offers/" + std::to_string(offer_id.get<std::int64_t>()) + "/withdraw", hd);
  check("POST", "/api/v1/market/pairings", "/api/v1/market/pairings", admin,
        {{"offer", 999}, {"demand", 999}, {"quantity", "1"}, {"unit", "tấn"}});

  const std::string answers = f.dir.file("market_answers.json");
  std::ofstream(answers) << seen.dump();
  const std::string script =
      "import { makeValidator } from '" + web +
      "/tests/openapi_responses.mjs';"
      "import { readFileSync } from 'node:fs';"
      "const validate = makeValidator(); let bad = 0;"
      "for (const a of JSON.parse(readFileSync(process.argv[1], 'utf8'))) {"
      "  const e = validate(a.method, a.template, a.status, a.body);"
      "  if (e.length) { bad++; console.log(a.method, a.url, a.status, e.join('; ')); } }"
      "console.log(bad + ' failed'); process.exit(bad ? 1 : 0);";
  auto r =
      htx::testing::run_command("node --input-type=module -e " + htx::testing::shell_quote(script) +
                                " " + htx::testing::shell_quote(answers));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("0 failed"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace htx::api
