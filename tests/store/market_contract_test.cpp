// The exchange's storage on both backends, through the service: buyers, outlets, campaigns,
// offers and demand round-trip; the allocation is proposed from the stored listings and confirmed
// into orders; nobody oversells an offer, not even two connections confirming at the same moment;
// deliveries, receipts with losses and sales follow; the campaign's results come from the sales.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <map>
#include <thread>

#include "market/market_service.hpp"
#include "market_fixture.hpp"

namespace htx::store::testing {
namespace {

using namespace htx::market;

class MarketContract : public MarketBackendTest {
 protected:
  void SetUp() override {
    MarketBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    hai_duong_ = entity("0800000001", "HTX Nông nghiệp Thanh Xuân", "30-2008");
    other_ = entity("0800000002", "HTX Rau an toàn Nam Sách", "30-2008");
    dissolved_ = entity("0800000003", "HTX Dịch vụ Gia Lộc", "30-2008", true);
    auto m = service();
    coop_ = *m.add_buyer(
        {0, "SAIGONCOOP", "Saigon Co.op", BuyerKind::kRetailChain, "79-2008", "", "", ""}, staff());
    store_ = *m.add_outlet(
        {0, coop_.id, "Co.op Food Trần Duy Hưng", "cua_hang_tien_ich", "Coopfood", "01-2008", ""},
        staff());
    Campaign c;
    c.code = "HD-2021";
    c.name = "Hỗ trợ HTX Hải Dương tiêu thụ nông sản";
    c.organiser_unit_id = vca_.id;
    c.partners = {"Saigon Co.op", "Liên minh HTX TP Hà Nội"};
    c.province_ids = {"30-2008"};
    c.starts_on = d(2021, 2, 17);
    c.targets = {{"rau_qua", {500'000'000, Dimension::kMass}, "tan"}};
    campaign_ = *m.add_campaign(c, staff());
  }

  MarketService service() {
    return {db().market(), db().registry(), db().audit(), db(), clock_, data_};
  }
  static MarketActor staff() { return {"staff", ProvinceScope::all(), std::nullopt, std::nullopt}; }

  OfferInput offer_input(const std::string& code, const std::string& tonnes) {
    OfferInput in;
    in.entity_code = code;
    in.product = "bap_cai";
    in.quantity = tonnes;
    in.unit = "tấn";
    in.available_from = d(2021, 2, 17);
    in.available_to = d(2021, 3, 10);
    in.floor_price = {3'000, "kg"};
    in.campaign_id = campaign_.id;
    return in;
  }
  DemandInput demand_input(const std::string& tonnes) {
    DemandInput in;
    in.buyer_id = coop_.id;
    in.outlet_id = store_.id;
    in.product = "bap_cai";
    in.quantity = tonnes;
    in.unit = "tấn";
    in.wanted_from = d(2021, 2, 20);
    in.wanted_to = d(2021, 3, 2);
    in.ceiling_price = {5'000, "kg"};
    in.campaign_id = campaign_.id;
    return in;
  }

  registry::Entity hai_duong_, other_, dissolved_;
  Buyer coop_;
  Outlet store_;
  Campaign campaign_;
};

TEST_P(MarketContract, RecordsRoundTrip) {
  auto c = db().market().find_campaign(campaign_.id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->code, "HD-2021");
  EXPECT_EQ(c->partners, campaign_.partners);
  EXPECT_EQ(c->province_ids, std::vector<std::string>{"30-2008"});
  ASSERT_EQ(c->targets.size(), 1u);
  EXPECT_EQ(c->targets[0].quantity.amount, 500'000'000);
  EXPECT_EQ(db().market().find_buyer_by_code("SAIGONCOOP")->name, "Saigon Co.op");
  EXPECT_EQ(db().market().outlets_of(coop_.id).at(0).brand, "Coopfood");

  auto m = service();
  auto offer = m.post_offer(offer_input(hai_duong_.code, "20"), staff());
  ASSERT_TRUE(offer.ok()) << offer.error().key;
  auto stored = db().market().find_offer(offer->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->quantity, (Quantity{20'000'000, Dimension::kMass}));
  EXPECT_EQ(stored->floor_price.dong, 3'000);
  EXPECT_EQ(stored->floor_price.unit, "kg");
  EXPECT_EQ(stored->province_id, "30-2008");
  EXPECT_EQ(stored->campaign_id, campaign_.id);
  auto demand = m.post_demand(demand_input("5"), staff());
  ASSERT_TRUE(demand.ok()) << demand.error().key;
  EXPECT_EQ(db().market().find_demand(demand->id)->province_id, "01-2008");  // the outlet's

  ListingQuery open;
  open.open_only = true;
  open.province_ids = std::vector<std::string>{"30-2008"};
  EXPECT_EQ(db().market().list_offers(open).size(), 1u);
  open.province_ids = std::vector<std::string>{"01-2008"};
  EXPECT_EQ(db().market().list_offers(open).size(), 0u);
  EXPECT_EQ(db().market().list_demand(open).size(), 1u);
}

TEST_P(MarketContract, BadOffersAreRefusedAndNothingIsWritten) {
  auto m = service();
  auto dissolved = m.post_offer(offer_input(dissolved_.code, "5"), staff());
  ASSERT_FALSE(dissolved.ok());
  EXPECT_EQ(dissolved.error().key, "market.entity_not_active");
  EXPECT_EQ(dissolved.error().field, "entity");
  // Another cooperative's account.
  MarketActor own{"coop", ProvinceScope::none(), hai_duong_.code, std::nullopt};
  auto not_own = m.post_offer(offer_input(other_.code, "5"), own);
  ASSERT_FALSE(not_own.ok());
  EXPECT_TRUE(not_own.error().is(ErrorKind::kForbidden));
  EXPECT_TRUE(m.post_offer(offer_input(hai_duong_.code, "5"), own).ok());
  // A provincial user of Hà Nội posting for Hải Dương.
  MarketActor ha_noi{"hn", ProvinceScope::of({"01-2008"}), std::nullopt, std::nullopt};
  auto elsewhere = m.post_offer(offer_input(other_.code, "5"), ha_noi);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_TRUE(elsewhere.error().is(ErrorKind::kForbidden));
  auto eggs_in_tonnes = offer_input(hai_duong_.code, "5");
  eggs_in_tonnes.product = "trung_ga";
  auto r = m.post_offer(eggs_in_tonnes, staff());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "unit");
  auto zero = m.post_offer(offer_input(hai_duong_.code, "0"), staff());
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().field, "quantity");
  auto past = demand_input("5");
  past.wanted_to = d(2021, 2, 1);
  past.wanted_from = d(2021, 1, 20);
  auto p = m.post_demand(past, staff());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().key, "market.demand_in_the_past");
  ListingQuery all;
  EXPECT_EQ(db().market().list_offers(all).size(), 1u);  // only the own account's good one
  EXPECT_EQ(db().market().list_demand(all).size(), 0u);
}

TEST_P(MarketContract, AProposalIsConfirmedIntoOrdersAndNeverOversold) {
  auto m = service();
  auto offer = *m.post_offer(offer_input(hai_duong_.code, "10"), staff());
  auto first = *m.post_demand(demand_input("6"), staff());
  auto second = *m.post_demand(demand_input("6"), staff());
  auto proposal = m.propose(campaign_.id, staff());
  ASSERT_TRUE(proposal.ok());
  std::int64_t proposed = 0;
  for (auto& l : proposal->lines) proposed += l.quantity;
  EXPECT_EQ(proposed, 10'000'000);  // all the offer, 2 t of demand unmet
  ASSERT_EQ(proposal->unmet.size(), 1u);

  auto orders = m.confirm({{offer.id, first.id, 6'000'000}}, staff());
  ASSERT_TRUE(orders.ok()) << orders.error().key;
  // 6 t more of a 10 t offer of which 6 t are committed: refused, and nothing of it written.
  auto over =
      m.confirm({{offer.id, second.id, 4'000'000}, {offer.id, second.id, 1'000'000}}, staff());
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().key, "market.oversold");
  EXPECT_TRUE(over.error().is(ErrorKind::kConflict));
  EXPECT_EQ(db().market().find_offer(offer.id)->committed, 6'000'000);
  EXPECT_EQ(db().market().find_demand(second.id)->committed, 0);
  EXPECT_EQ(db().market().orders_of_campaign(campaign_.id).size(), 1u);
  EXPECT_TRUE(m.confirm({{offer.id, second.id, 4'000'000}}, staff()).ok());
  EXPECT_EQ(db().market().find_offer(offer.id)->committed, 10'000'000);
}

TEST_P(MarketContract, TwoConnectionsConfirmingTheSameOfferAtOnceCannotOversellIt) {
  auto m = service();
  auto offer = *m.post_offer(offer_input(hai_duong_.code, "10"), staff());
  std::vector<Demand> demands;
  for (int i = 0; i < 8; ++i) demands.push_back(*m.post_demand(demand_input("3"), staff()));
  // Eight confirmations of 3 t each from eight connections at once: at most three fit in 10 t.
  std::atomic<int> ok{0}, oversold{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      auto conn = open_database(url());
      MarketService s(conn->market(), conn->registry(), conn->audit(), *conn, clock_, data_);
      while (!go) std::this_thread::yield();
      try {
        auto r = s.confirm({{offer.id, demands[i].id, 3'000'000}}, staff());
        if (r.ok())
          ++ok;
        else if (r.error().key == "market.oversold")
          ++oversold;
        else
          ++other;
      } catch (const std::exception&) {
        ++other;  // a serialisation failure is an honest refusal too, but counted apart
      }
    });
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok + oversold + other, 8);
  EXPECT_EQ(ok.load(), 3);
  auto stored = db().market().find_offer(offer.id);
  EXPECT_EQ(stored->committed, 9'000'000);
  EXPECT_LE(stored->committed, stored->quantity.amount);
  EXPECT_EQ(db().market().orders_of_campaign(campaign_.id).size(), 3u);
}

TEST_P(MarketContract, DeliveriesSalesAndTheCampaignResultsFollowTheRecords) {
  auto m = service();
  auto offer = *m.post_offer(offer_input(hai_duong_.code, "10"), staff());
  auto demand = *m.post_demand(demand_input("8"), staff());
  auto order = m.confirm({{offer.id, demand.id, 8'000'000}}, staff())->at(0);
  auto early_sale = m.record_sale(order.id, store_.id, 1'000, 5'000, d(2021, 2, 21), staff());
  ASSERT_FALSE(early_sale.ok());
  EXPECT_TRUE(early_sale.error().is(ErrorKind::kConflict));  // nothing received yet
  ASSERT_TRUE(m.dispatch(order.id, 8'000'000, d(2021, 2, 20), staff()).ok());
  auto too_much = m.receive(order.id, 9'000'000, d(2021, 2, 21), staff());
  ASSERT_FALSE(too_much.ok());
  EXPECT_EQ(too_much.error().field, "quantity");
  auto received = m.receive(order.id, 7'800'000, d(2021, 2, 21), staff());
  ASSERT_TRUE(received.ok());
  EXPECT_EQ(received->lost, 200'000);
  ASSERT_TRUE(
      m.record_sale(order.id, store_.id, 5'000'000, 25'000'000, d(2021, 2, 22), staff()).ok());
  auto above = m.record_sale(order.id, store_.id, 3'000'000, 1, d(2021, 2, 23), staff());
  ASSERT_FALSE(above.ok());
  EXPECT_EQ(above.error().key, "market.sale_above_received");
  ASSERT_TRUE(
      m.record_sale(order.id, store_.id, 2'800'000, 14'000'000, d(2021, 3, 5), staff()).ok());

  auto r = m.results(campaign_.id, d(2021, 3, 2));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->sale_lines, 1);
  EXPECT_EQ(r->value_dong, 25'000'000);
  ASSERT_EQ(r->totals.size(), 1u);
  EXPECT_EQ(r->totals[0].quantity, 5'000'000);
  ASSERT_EQ(r->progress.size(), 1u);
  EXPECT_EQ(r->progress[0].sold, 5'000'000);
  EXPECT_EQ(r->narrative,
            "Kết quả đến hết ngày 02/3/2021 hỗ trợ tiêu thụ 5 tấn bắp cải thông qua 01 cửa hàng "
            "tiện ích (Coopfood)");
  auto later = m.results(campaign_.id, d(2021, 3, 31));
  EXPECT_EQ(later->totals[0].quantity, 7'800'000);
  // Every change is in the audit log.
  audit::Filter f;
  int market_entries = 0;
  for (auto& e : db().audit().list(f))
    if (e.action.rfind("market.", 0) == 0) ++market_entries;
  EXPECT_EQ(market_entries, 3 /* setup */ + 2 + 1 + 1 + 1 + 2);
}

TEST_P(MarketContract, InHubModeAFarDemandIsProposedThroughARegionalHub) {
  // The shipped hubs (data/market/hubs.csv), switched on as allocation.csv's `hubs` would: Hải
  // Dương to TP. Hồ Chí Minh is beyond the direct pairings of hub mode.
  data_.allocation.use_hubs = true;
  auto m = service();
  auto offer = *m.post_offer(offer_input(hai_duong_.code, "10"), staff());
  auto far = demand_input("4");
  far.outlet_id.reset();
  far.province_id = "79-2008";
  auto demand = *m.post_demand(far, staff());
  auto proposal = m.propose(campaign_.id, staff());
  ASSERT_TRUE(proposal.ok());
  ASSERT_EQ(proposal->lines.size(), 1u);
  const auto& line = proposal->lines[0];
  EXPECT_EQ(line.offer_id, offer.id);
  EXPECT_EQ(line.demand_id, demand.id);
  EXPECT_EQ(line.quantity, 4'000'000);
  EXPECT_FALSE(line.hub.empty());
  EXPECT_GT(line.handling_dong, 0);
  EXPECT_EQ(line.price_gap_dong, (3'000 - 5'000) * 4'000);
  // Confirmed like any line.
  EXPECT_TRUE(m.confirm({{line.offer_id, line.demand_id, line.quantity}}, staff()).ok());
  // Off again: the same records pair directly.
  data_.allocation.use_hubs = false;
  auto direct = service().propose(campaign_.id, staff());
  ASSERT_TRUE(direct.ok());
  EXPECT_TRUE(direct->lines.empty() || direct->lines[0].hub.empty());
}

TEST_P(MarketContract, SaleTotalsAddUpTheSaleLinesInTheDatabase) {
  // Two sellers' offers (Hải Dương and Hà Nội), two outlets of one buyer and one of another,
  // sales over three days, one outside the campaign.
  auto hanoi = entity("0100000009", "HTX Rau sạch Văn Đức", "01-2008");
  auto& repo = db().market();
  auto offer = [&](const registry::Entity& e, const char* product) {
    Offer o;
    o.entity_id = e.id;
    o.product = product;
    o.quantity = {50'000'000, Dimension::kMass};
    o.unit = "tấn";
    o.available_from = d(2021, 2, 17);
    o.available_to = d(2021, 3, 10);
    o.province_id = e.province_id;
    o.campaign_id = campaign_.id;
    return repo.insert_offer(o);
  };
  auto cabbage_hd = offer(hai_duong_, "bap_cai"), cabbage_hn = offer(hanoi, "bap_cai"),
       carrots_hd = offer(hai_duong_, "ca_rot");
  auto second_store = repo.insert_outlet(
      {0, coop_.id, "Co.op Food Kim Mã", "cua_hang_tien_ich", "Coopfood", "01-2008", ""});
  auto bigc = repo.insert_buyer(
      {0, "BIGC", "BigC", BuyerKind::kSupermarket, "01-2008", "", "bench", "2021-02-18"});
  auto bigc_store =
      repo.insert_outlet({0, bigc, "BigC Thăng Long", "sieu_thi", "BigC", "01-2008", ""});
  std::optional<std::int64_t> in_campaign = campaign_.id;
  auto sale = [&](std::int64_t offer_id, std::int64_t outlet, const char* product, std::int64_t kg,
                  int day, std::optional<std::int64_t> campaign) {
    Sale s;
    s.offer_id = offer_id;
    s.outlet_id = outlet;
    s.product = product;
    s.quantity = kg * 1000;
    s.value_dong = kg * 5'000;
    s.sold_on = d(2021, 2, day);
    s.campaign_id = campaign;
    repo.insert_sale(s);
  };
  sale(cabbage_hd, store_.id, "bap_cai", 100, 20, in_campaign);
  sale(cabbage_hd, store_.id, "bap_cai", 50, 21, in_campaign);
  sale(cabbage_hn, store_.id, "bap_cai", 30, 21, in_campaign);
  sale(cabbage_hd, second_store, "bap_cai", 20, 22, in_campaign);
  sale(carrots_hd, bigc_store, "ca_rot", 70, 22, in_campaign);
  sale(carrots_hd, bigc_store, "ca_rot", 7, 25, in_campaign);
  sale(cabbage_hd, store_.id, "bap_cai", 1000, 21, std::nullopt);

  SaleQuery q;
  q.campaign_id = campaign_.id;
  q.to = d(2021, 2, 22);
  auto totals = repo.sale_totals(q);
  ASSERT_EQ(totals.size(), 3u);
  // By product, then outlet: cabbage at the first store (three lines of two sellers), at the
  // second; carrots at BigC (the sale of 25/02 after the date).
  EXPECT_EQ(totals[0].product, "bap_cai");
  EXPECT_EQ(totals[0].outlet_id, store_.id);
  EXPECT_EQ(totals[0].outlet_kind, "cua_hang_tien_ich");
  EXPECT_EQ(totals[0].outlet_brand, "Coopfood");
  EXPECT_EQ(totals[0].buyer_id, coop_.id);
  EXPECT_EQ(totals[0].buyer_name, "Saigon Co.op");
  EXPECT_EQ(totals[0].quantity, 180'000);
  EXPECT_EQ(totals[0].value_dong, 900'000);
  EXPECT_EQ(totals[0].lines, 3);
  EXPECT_EQ(totals[1].outlet_id, second_store);
  EXPECT_EQ(totals[1].quantity, 20'000);
  EXPECT_EQ(totals[2].product, "ca_rot");
  EXPECT_EQ(totals[2].buyer_name, "BigC");
  EXPECT_EQ(totals[2].outlet_brand, "BigC");
  EXPECT_EQ(totals[2].quantity, 70'000);
  EXPECT_EQ(totals[2].lines, 1);

  // The same as the sale lines added up, whatever the filters.
  auto same_as_lines = [&](const SaleQuery& query) {
    std::map<std::pair<std::string, std::int64_t>, std::array<std::int64_t, 3>> expected, got;
    for (auto& row : repo.list_sales(query)) {
      auto& e = expected[{row.sale.product, row.outlet.id}];
      e[0] += row.sale.quantity;
      e[1] += row.sale.value_dong;
      e[2] += 1;
    }
    for (auto& t : repo.sale_totals(query))
      got[{t.product, t.outlet_id}] = {t.quantity, t.value_dong, t.lines};
    EXPECT_EQ(got, expected);
  };
  same_as_lines(q);
  q.from = d(2021, 2, 21);
  same_as_lines(q);
  q.province_ids = std::vector<std::string>{"01-2008"};  // the seller's: only Văn Đức's cabbage
  auto hanoi_only = repo.sale_totals(q);
  ASSERT_EQ(hanoi_only.size(), 1u);
  EXPECT_EQ(hanoi_only[0].quantity, 30'000);
  same_as_lines(q);
  same_as_lines(SaleQuery{});  // every sale, the one outside the campaign too
  EXPECT_EQ(repo.sale_totals(SaleQuery{}).at(0).quantity, 1'180'000);
  q.province_ids = std::vector<std::string>{};
  EXPECT_TRUE(repo.sale_totals(q).empty());
}

HTX_INSTANTIATE_BACKENDS(MarketContract);

}  // namespace
}  // namespace htx::store::testing
