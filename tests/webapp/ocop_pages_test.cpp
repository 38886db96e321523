// OCOP products' pages through a real server over the demo (scale 0.05) with the OCOP demo: the
// list's rows and its counts are OcopArea's and the records'; the filters (province, stars,
// valid on a date) narrow it; a product's page states its validity on a date; the form computes
// the stars and refuses stated stars that do not match beside their field, writing nothing; a
// renewal; a provincial user reaches only its province; a province's list uploaded as .xlsx is
// refused whole with its errors by row, column and field, then taken.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "areas/ocop_area.hpp"
#include "demo/demo_ocop.hpp"
#include "exchange/xlsx.hpp"
#include "site_server.hpp"

namespace htx::webapp {
namespace {

using namespace site_test_support;

class webappOcop : public ::testing::Test {
 protected:
  void SetUp() override {
    build_site_demo(f, false);
    auto sum = demo::build_ocop_demo({*f.db, f.clock.today(), f.clock.now_iso()},
                                     htx::testing::ocop_rules());
    ASSERT_GE(sum.certificates, 30);
    add_site_user(f, "admin", accounts::Role::kAdmin, {});
    add_site_user(f, "leader", accounts::Role::kNationalLeader, {});
    add_site_user(f, "bacgiang", accounts::Role::kProvincialStaff, {"24-2008"});
    server = std::make_unique<SiteServer>(f);
  }
  areas::OcopArea area() {
    return areas::OcopArea(*f.db, f.clock, htx::testing::ocop_rules(),
                           areas::operator_caller("test"));
  }
  static std::size_t count(const std::string& body, const std::string& what) {
    std::size_t n = 0;
    for (auto p = body.find(what); p != std::string::npos; p = body.find(what, p + 1)) ++n;
    return n;
  }
  // A producer of Bắc Giang founded before 2020.
  std::string bac_giang_producer() {
    registry::ListQuery q;
    q.province_id = "24-2008";
    q.type = registry::EntityType::kCooperative;
    q.status = registry::EntityStatus::kActive;
    q.sort = registry::ListQuery::Sort::kCode;
    for (auto& e : f.db->registry().list(q))
      if (e.founded_on < *Date::from_ymd(2020, 1, 1)) return e.code;
    return "";
  }

  htx::testing::RegistryFixture f;
  std::unique_ptr<SiteServer> server;
};

TEST_F(webappOcop, TheListAndItsCountsAreTheRecords) {
  auto b = server->signed_in("leader");
  auto r = b.get("/ocop");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto all = f.db->ocop().list({});
  EXPECT_EQ(count(r.body, "class=\"ocop-row"), all.size());
  auto valid = area().list({{"valid_on", "31/12/2024"}});
  ASSERT_TRUE(valid);
  auto filtered = b.get("/ocop?valid_on=31%2F12%2F2024&stars=4");
  ASSERT_EQ(filtered.status, 200);
  std::size_t fours = 0;
  for (const auto& v : *valid) fours += v.certificate.stars == 4 ? 1 : 0;
  EXPECT_EQ(count(filtered.body, "class=\"ocop-row valid\" data-id="), fours) << filtered.body;
  EXPECT_EQ(count(filtered.body, "data-stars=\"4\""), fours);
  auto counts = area().counts("31/12/2024");
  ASSERT_TRUE(counts);
  EXPECT_TRUE(filtered.has("id=\"count-products\">" + std::to_string(counts->total.products) + "<"))
      << filtered.body;
  EXPECT_TRUE(filtered.has("id=\"count-cooperatives\">" +
                           std::to_string(counts->total.cooperatives) + "<"));
  EXPECT_EQ(b.get("/ocop?stars=nhi%E1%BB%81u").status, 400);
  // A provincial user sees its province only.
  auto bg = server->signed_in("bacgiang").get("/ocop");
  std::size_t in_bg = 0;
  for (const auto& c : all) in_bg += c.province_id == "24-2008" ? 1 : 0;
  EXPECT_EQ(count(bg.body, "class=\"ocop-row"), in_bg);
}

TEST_F(webappOcop, AProductsPageStatesItsValidityOnADate) {
  const auto all = f.db->ocop().list({});
  ASSERT_FALSE(all.empty());
  const auto& c = all.front();
  auto b = server->signed_in("leader");
  const std::string href = "/ocop/products/" + std::to_string(c.id);
  auto on_day = b.get(href + "?on=" + c.valid_until->iso());
  ASSERT_EQ(on_day.status, 200) << on_day.body;
  EXPECT_TRUE(on_day.has(c.product));
  EXPECT_TRUE(on_day.has(c.decision_number));
  const auto view = area().certificate(c.id, c.valid_until->iso());
  EXPECT_EQ(on_day.has("class=\"ocop-state valid\""), view->valid);
  auto after = b.get(href + "?on=" + c.valid_until->add_days(1).iso());
  EXPECT_FALSE(after.has("class=\"ocop-state valid\"")) << "an expired certificate shown valid";
  EXPECT_EQ(b.get("/ocop/products/999999").status, 404);
  // Bắc Giang's user is refused another province's product.
  for (const auto& x : all)
    if (x.province_id != "24-2008") {
      EXPECT_EQ(server->signed_in("bacgiang").get("/ocop/products/" + std::to_string(x.id)).status,
                403);
      break;
    }
}

TEST_F(webappOcop, TheFormComputesTheStarsAndRefusesAMismatchBesideItsField) {
  const auto producer = bac_giang_producer();
  ASSERT_FALSE(producer.empty());
  auto b = server->signed_in("bacgiang");
  auto form = b.get("/ocop/new");
  ASSERT_EQ(form.status, 200) << form.body;
  const auto csrf = Browser::csrf_of(form.body);
  std::vector<std::pair<std::string, std::string>> fields{{"csrf", csrf},
                                                          {"product", "Mỳ gạo Chũ"},
                                                          {"group", "thuc_pham"},
                                                          {"subgroup", "che_bien"},
                                                          {"producer", producer},
                                                          {"score_a", "30"},
                                                          {"score_b", "18,5"},
                                                          {"score_c", "24"},
                                                          {"stars", "5"},
                                                          {"decision_number", "501/QĐ-UBND"},
                                                          {"decided_on", "15/08/2026"}};
  const auto before = f.db->ocop().list({}).size();
  auto refused = b.post("/ocop", fields);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(refused.has("id=\"error-stars\"")) << refused.body;
  EXPECT_TRUE(refused.has("Mỳ gạo Chũ"));  // what was typed stays
  EXPECT_EQ(f.db->ocop().list({}).size(), before);
  fields[8].second = "";
  auto made = b.post("/ocop", fields);
  ASSERT_EQ(made.status, 303) << made.body;
  const auto location = made.header("location");
  auto page = b.get(location);
  EXPECT_TRUE(page.has("★★★★ (4)")) << page.body;  // 72,5 points
  EXPECT_TRUE(page.has("14/08/2029"));
  // A renewal of it: the product and producer carried over.
  const auto id = location.substr(location.rfind('/') + 1);
  auto renew = b.get("/ocop/new?renews=" + id);
  ASSERT_EQ(renew.status, 200);
  EXPECT_TRUE(renew.has("value=\"Mỳ gạo Chũ\""));
  auto renewed = b.post("/ocop", {{"csrf", Browser::csrf_of(renew.body)},
                                  {"renews", id},
                                  {"score_a", "30"},
                                  {"score_b", "18,5"},
                                  {"score_c", "24"},
                                  {"decision_number", "610/QĐ-UBND"},
                                  {"decided_on", "20/11/2026"}});
  ASSERT_EQ(renewed.status, 303) << renewed.body;
  EXPECT_TRUE(b.get(location).has("id=\"ocop-renewed-by\""));
  // Another province's producer is out of Bắc Giang's reach.
  auto other = fields;
  other[4].second = f.db->ocop().list({}).front().producer_code;
  other[8].second = "";
  if (f.db->ocop().list({}).front().province_id != "24-2008") {
    EXPECT_EQ(b.post("/ocop", other).status, 403);
  }
  EXPECT_EQ(server->signed_in("leader").get("/ocop/new").status, 403);
}

TEST_F(webappOcop, AProvincesListUploadedAllOrNothing) {
  const auto producer = bac_giang_producer();
  ASSERT_FALSE(producer.empty());
  auto workbook = [&](const char* bad_c) {
    const auto path = f.dir.file("ocop.xlsx");
    exchange::XlsxWriter w(path, 0);
    w.add_sheet("OCOP",
                {"Tên sản phẩm", "Nhóm sản phẩm", "Phân nhóm", "Mã số HTX", "Điểm phần A",
                 "Điểm phần B", "Điểm phần C", "Số quyết định", "Ngày quyết định"},
                {});
    using C = exchange::XlsxCell;
    for (auto [name, c] : {std::pair{"Gà đồi Yên Thế", "25"}, {"Mật ong Sơn Động", bad_c}})
      w.write_row({C::of_text(name), C::of_text("Thực phẩm"), C::of_text("tuoi_song"),
                   C::of_text(producer), C::of_integer(28), C::of_integer(18), C::of_text(c),
                   C::of_text("88/QĐ-UBND"), C::of_date(*Date::from_ymd(2026, 9, 1))});
    w.close();
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  auto b = server->signed_in("bacgiang");
  const auto csrf = Browser::csrf_of(b.get("/ocop/import").body);
  const std::string boundary = "ocopBoundary42";
  auto upload = [&](const std::string& data) {
    return b.send("POST", "/ocop/import",
                  {{"Content-Type", "multipart/form-data; boundary=" + boundary}},
                  multipart(boundary, {{"csrf", "", csrf}, {"file", "ocop.xlsx", data}},
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
  };
  const auto before = f.db->ocop().list({}).size();
  auto refused = upload(workbook("36"));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(refused.has("id=\"ocop-import-errors\""));
  EXPECT_TRUE(refused.has("<td>3</td><td>G (Điểm phần C)</td>")) << refused.body;
  EXPECT_EQ(f.db->ocop().list({}).size(), before);
  auto taken = upload(workbook("26,5"));
  EXPECT_EQ(taken.status, 200) << taken.body;
  EXPECT_TRUE(taken.has("id=\"ocop-imported\"")) << taken.body;
  EXPECT_EQ(f.db->ocop().list({}).size(), before + 2);
}

}  // namespace
}  // namespace htx::webapp
