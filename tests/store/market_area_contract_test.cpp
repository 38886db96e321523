// The exchange's area on both backends, as the edges call it with a request's fields: a campaign
// created from a task takes the task's title, document, lead unit and start; targets are read
// line by line and a bad line is refused on "targets"; deliveries and sales are written in the
// product's units; every refusal names its field and writes nothing.
#include <gtest/gtest.h>

#include "areas/market_area.hpp"
#include "geo/geography.hpp"
#include "market_fixture.hpp"

namespace htx::store::testing {
namespace {

using namespace htx::market;

class MarketAreaContract : public MarketBackendTest {
 protected:
  void SetUp() override {
    MarketBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    work::WorkService ws(db().work(), db().audit(), db(), clock_);
    work::Document doc;
    doc.number = 64;
    doc.issuer_symbol = "LMHTXVN";
    doc.kind = work::DocumentKind::kNotice;
    doc.issued_on = d(2021, 2, 16);
    doc.issuer_unit_id = vca_.id;
    doc.title = "Về việc hỗ trợ tiêu thụ nông sản cho HTX tỉnh Hải Dương";
    doc_ = *ws.add_document(doc, "t", ProvinceScope::all());
    work::Task task;
    task.title = "Hỗ trợ HTX Hải Dương tiêu thụ nông sản";
    task.document_id = doc_.id;
    task.lead_unit_id = vca_.id;
    task.start_on = d(2021, 2, 17);
    task.due_on = d(2021, 3, 31);
    task_ = *ws.add_task(task, "t", ProvinceScope::all());
    entity("0800000001", "HTX Nông nghiệp Thanh Xuân", "30-2008");
  }

  areas::MarketArea staff() {
    accounts::User u;
    u.username = "staff";
    u.role = accounts::Role::kNationalStaff;
    return {db(), clock_, data_, areas::Caller{{u}, ProvinceScope::all()}};
  }

  work::Document doc_;
  work::Task task_;
};

TEST_P(MarketAreaContract, ACampaignFromATaskTakesItsTitleDocumentUnitAndStart) {
  auto area = staff();
  auto c = area.add_campaign({{"code", "HD-2021"},
                              {"origin_task", std::to_string(task_.id)},
                              {"provinces", "30-2008, 01-2008"},
                              {"partners", "Saigon Co.op\nLiên minh HTX TP Hà Nội\n"},
                              {"targets", "rau_qua 600 tấn\n\ntrung 400000 quả"}});
  ASSERT_TRUE(c.ok()) << c.error().key;
  auto stored = db().market().find_campaign_by_code("HD-2021");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name, task_.title);
  EXPECT_EQ(stored->origin_task_id, task_.id);
  EXPECT_EQ(stored->directive_document_id, doc_.id);
  EXPECT_EQ(stored->organiser_unit_id, vca_.id);
  EXPECT_EQ(stored->starts_on, d(2021, 2, 17));
  EXPECT_EQ(stored->province_ids, (std::vector<std::string>{"30-2008", "01-2008"}));
  EXPECT_EQ(stored->partners.size(), 2u);
  ASSERT_EQ(stored->targets.size(), 2u);
  EXPECT_EQ(stored->targets[0].quantity, (Quantity{600'000'000, Dimension::kMass}));
  EXPECT_EQ(stored->targets[1].quantity, (Quantity{400'000, Dimension::kCount}));
}

TEST_P(MarketAreaContract, BadCampaignFieldsAreRefusedOnTheirField) {
  auto area = staff();
  struct Case {
    areas::Fields fields;
    std::string field, key;
  };
  const std::vector<Case> cases = {
      {{{"code", "X"}, {"name", "X"}, {"organiser", "LMHTXVN"}, {"targets", "rau_qua 600"}},
       "targets",
       "market.target_line"},
      {{{"code", "X"}, {"name", "X"}, {"organiser", "LMHTXVN"}, {"targets", "vang 1 tấn"}},
       "targets",
       "market.unknown_group"},
      {{{"code", "X"}, {"name", "X"}, {"organiser", "LMHTXVN"}, {"targets", "trung 5 tấn"}},
       "targets",
       "market.unit_other_dimension"},
      {{{"code", "X"}, {"name", "X"}, {"organiser", "KHONGCO"}},
       "organiser",
       "market.unit_not_found"},
      {{{"code", "X"}, {"name", "X"}}, "organiser", "field.required"},
      {{{"code", "X"}, {"origin_task", "999999"}}, "origin_task", "market.origin_not_found"},
      {{{"code", "X"}, {"name", "X"}, {"organiser", "LMHTXVN"}, {"starts_on", "31/02/2021"}},
       "starts_on",
       "market.bad_date"},
  };
  for (const auto& c : cases) {
    auto r = area.add_campaign(c.fields);
    ASSERT_FALSE(r.ok()) << c.key;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalid) << c.key;
    EXPECT_EQ(r.error().field, c.field) << c.key;
    EXPECT_EQ(r.error().key, c.key) << c.field;
  }
  EXPECT_TRUE(db().market().list_campaigns().empty());
}

TEST_P(MarketAreaContract, DeliveriesAndSalesAreWrittenInTheProductsUnits) {
  auto area = staff();
  ASSERT_TRUE(
      area.add_campaign({{"code", "HD-2021"}, {"origin_task", std::to_string(task_.id)}}).ok());
  auto buyer = area.add_buyer({{"code", "SAIGONCOOP"},
                               {"name", "Saigon Co.op"},
                               {"kind", "retail_chain"},
                               {"province", "79-2008"}});
  ASSERT_TRUE(buyer.ok()) << buyer.error().key;
  auto outlet = area.add_outlet({{"buyer", "SAIGONCOOP"},
                                 {"name", "Co.op Food Trần Duy Hưng"},
                                 {"kind", "cua_hang_tien_ich"},
                                 {"brand", "Coopfood"},
                                 {"province", "01-2008"}});
  ASSERT_TRUE(outlet.ok()) << outlet.error().key;
  auto offer = area.post_offer({{"entity", "0800000001"},
                                {"product", "bap_cai"},
                                {"quantity", "2"},
                                {"unit", "tấn"},
                                {"from", "17/02/2021"},
                                {"to", "10/03/2021"},
                                {"campaign", "HD-2021"}});
  ASSERT_TRUE(offer.ok()) << offer.error().key;
  auto demand = area.post_demand({{"buyer", "SAIGONCOOP"},
                                  {"outlet", std::to_string(outlet->id)},
                                  {"product", "bap_cai"},
                                  {"quantity", "1500"},
                                  {"unit", "kg"},
                                  {"from", "20/02/2021"},
                                  {"to", "02/03/2021"},
                                  {"campaign", "HD-2021"}});
  ASSERT_TRUE(demand.ok()) << demand.error().key;
  auto pairing = area.pairing({{"offer", std::to_string(offer->id)},
                               {"demand", std::to_string(demand->id)},
                               {"quantity", "1,2"},
                               {"unit", "tấn"}});
  ASSERT_TRUE(pairing.ok()) << pairing.error().key;
  EXPECT_EQ(pairing->quantity, 1'200'000);
  auto orders = area.confirm("HD-2021", {*pairing});
  ASSERT_TRUE(orders.ok()) << orders.error().key;
  auto id = orders->at(0).id;
  ASSERT_TRUE(area.dispatch(id, {{"quantity", "1200"}, {"unit", "kg"}, {"on", "21/02/2021"}}).ok());
  auto received = area.receive(id, {{"quantity", "1,15"}, {"unit", "tấn"}, {"on", "22/02/2021"}});
  ASSERT_TRUE(received.ok()) << received.error().key;
  EXPECT_EQ(received->lost, 50'000);

  auto above = area.record_sale(id, {{"quantity", "1,2"},
                                     {"unit", "tấn"},
                                     {"on", "23/02/2021"},
                                     {"outlet", std::to_string(outlet->id)},
                                     {"value", "6000000"}});
  ASSERT_FALSE(above.ok());
  EXPECT_EQ(above.error().field, "quantity");
  auto bad_unit = area.record_sale(id, {{"quantity", "5"},
                                        {"unit", "quả"},
                                        {"on", "23/02/2021"},
                                        {"outlet", std::to_string(outlet->id)},
                                        {"value", "6000000"}});
  ASSERT_FALSE(bad_unit.ok());
  EXPECT_EQ(bad_unit.error().key, "market.unit_other_dimension");
  EXPECT_EQ(bad_unit.error().field, "unit");
  auto bad_value = area.record_sale(id, {{"quantity", "1"},
                                         {"unit", "tấn"},
                                         {"on", "23/02/2021"},
                                         {"outlet", std::to_string(outlet->id)},
                                         {"value", "sáu triệu"}});
  ASSERT_FALSE(bad_value.ok());
  EXPECT_EQ(bad_value.error().field, "value");
  auto sale = area.record_sale(id, {{"quantity", "1"},
                                    {"unit", "tấn"},
                                    {"on", "23/02/2021"},
                                    {"outlet", std::to_string(outlet->id)},
                                    {"value", "5.000.000"}});
  ASSERT_TRUE(sale.ok()) << sale.error().key;
  EXPECT_EQ(sale->quantity, 1'000'000);
  EXPECT_EQ(sale->value_dong, 5'000'000);
  auto results = area.results("HD-2021", "02/03/2021");
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->sale_lines, 1);
  EXPECT_EQ(results->value_dong, 5'000'000);
  EXPECT_EQ(area.order(id)->received, 1'150'000);
  EXPECT_EQ(area.dispatch(999999, {{"quantity", "1"}, {"unit", "kg"}}).error().kind,
            ErrorKind::kNotFound);
}

HTX_INSTANTIATE_BACKENDS(MarketAreaContract);

}  // namespace
}  // namespace htx::store::testing
