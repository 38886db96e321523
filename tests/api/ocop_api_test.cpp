// OCOP certificates in the JSON API through a real server on a loopback port: a Hà Nội
// cooperative (founded 10/03/2021), a dissolved one in Đắk Lắk and one in Bắc Giang; tokens of
// an administrator, national staff, Hà Nội's and Bắc Giang's staff, the Hà Nội cooperative's own
// account and a buyer. A certificate from its scores (stars, level, validity computed); every bad
// input of issue 13 refused with its field (422) and nothing written; a provincial user's scope;
// a cooperative's account reads its own only; the counts by province; the exchange refuses an
// offer claiming OCOP stars without a valid certificate of the entity (field ocop_stars) and
// takes it with one; every answer matches web/openapi.json.
#include <gtest/gtest.h>

#include <fstream>

#include "api_fixture.hpp"
#include "support/prerequisite.hpp"
#include "support/python.hpp"

namespace htx::api {
namespace {

using nlohmann::json;

class OcopApiTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    auto e = f.sample("2400000001");
    e.name = "HTX Vải thiều Lục Ngạn";
    e.province_id = "24-2008";
    ASSERT_TRUE(f.service.create(e, "test"));
    admin = token_for("admin", accounts::Role::kAdmin);
    national = token_for("national", accounts::Role::kNationalStaff);
    hn = token_for("hanoi", accounts::Role::kProvincialStaff, {"01-2008"});
    bg = token_for("bacgiang", accounts::Role::kProvincialStaff, {"24-2008"});
    coop = token_for("htx", accounts::Role::kCooperative, {}, "0101000001");
    buyer = token_for("buyer", accounts::Role::kBuyer);
  }
  // ★4: 32 + 20,5 + 24 = 76,5.
  static json certificate(const char* producer = "0101000001") {
    return {{"product", "Gạo nếp cái hoa vàng"},
            {"group", "thuc_pham"},
            {"subgroup", "so_che"},
            {"producer", producer},
            {"score_a", 32},
            {"score_b", 20.5},
            {"score_c", "24"},
            {"decision_number", "1234/QĐ-UBND"},
            {"decided_on", "2024-06-15"}};
  }
  static json with(json j, const std::string& k, json v) {
    if (v.is_null())
      j.erase(k);
    else
      j[k] = std::move(v);
    return j;
  }
  static std::string field_of(const testing::HttpReply& r) {
    auto j = r.json();
    if (!j.contains("error") || !j["error"].contains("fields")) return "(none) " + r.body;
    return j["error"]["fields"][0].value("field", "");
  }
  int total() { return call("GET", "/api/v1/ocop/products", admin).json().value("total", -1); }

  std::string admin, national, hn, bg, coop, buyer;
};

TEST_F(OcopApiTest, ACertificateFromItsScores) {
  auto r = call("POST", "/api/v1/ocop/products", hn, certificate());
  ASSERT_EQ(r.status, 201) << r.body;
  auto c = r.json();
  EXPECT_EQ(c["stars"], 4);
  EXPECT_EQ(c["level"], "province");
  EXPECT_EQ(c["valid_until"], "2027-06-14");
  EXPECT_EQ(c["score_b"], 20.5);
  EXPECT_EQ(c["province"], "01-2008");
  const auto id = std::to_string(c["id"].get<std::int64_t>());
  auto one = call("GET", "/api/v1/ocop/products/" + id + "?on=2027-06-15", national).json();
  EXPECT_EQ(one["valid"], false);  // expired the day after
  EXPECT_EQ(call("GET", "/api/v1/ocop/products/" + id, national).json()["valid"], true);
  auto counts = call("GET", "/api/v1/ocop/counts?on=2025-01-01", national).json();
  EXPECT_EQ(counts["total"]["products"], 1);
  EXPECT_EQ(counts["total"]["stars_4"], 1);
  EXPECT_EQ(counts["total"]["cooperatives"], 1);
  EXPECT_EQ(counts["provinces"][0]["province"], "01-2008");
  EXPECT_EQ(call("GET", "/api/v1/ocop/counts?on=2024-06-14", national).json()["total"]["products"],
            0);
}

TEST_F(OcopApiTest, BadInputRefusedByFieldNothingWritten) {
  struct Case {
    const char* what;
    json body;
    const char* field;
  };
  const Case cases[] = {
      {"part A above 40", with(certificate(), "score_a", 40.5), "score_a"},
      {"part B not a number", with(certificate(), "score_b", "nhiều"), "score_b"},
      {"part C missing", with(certificate(), "score_c", nullptr), "score_c"},
      {"stars that do not match the scores", with(certificate(), "stars", 5), "stars"},
      {"two stars are not certified",
       with(with(with(certificate(), "score_a", 20), "score_b", 10), "score_c", 10), "score_a"},
      {"a province certifying five stars",
       with(with(with(with(certificate(), "score_a", 38), "score_b", 24), "score_c", 33), "level",
            "province"),
       "level"},
      {"an unknown producer", with(certificate(), "producer", "0000000009"), "producer"},
      {"a dissolved producer", with(certificate(), "producer", "6601000002"), "producer"},
      {"an unknown group", with(certificate(), "group", "my_pham"), "group"},
      {"a decision before the producer was founded",
       with(certificate(), "decided_on", "2020-01-01"), "decided_on"},
      {"a decision in the future", with(certificate(), "decided_on", "2026-12-01"), "decided_on"},
      {"an unknown member", with(certificate(), "colour", "đỏ"), "colour"},
  };
  for (const auto& c : cases) {
    auto r = call("POST", "/api/v1/ocop/products", admin, c.body);
    EXPECT_EQ(r.status, 422) << c.what << "\n" << r.body;
    EXPECT_EQ(field_of(r), c.field) << c.what;
  }
  EXPECT_EQ(total(), 0);
  auto bad_filter = call("GET", "/api/v1/ocop/products?valid_on=hôm-qua", admin);
  EXPECT_EQ(bad_filter.status, 400) << bad_filter.body;
}

TEST_F(OcopApiTest, ScopeAndRoles) {
  EXPECT_EQ(call("POST", "/api/v1/ocop/products", hn, certificate("2400000001")).status, 403);
  ASSERT_EQ(call("POST", "/api/v1/ocop/products", bg, certificate("2400000001")).status, 201);
  ASSERT_EQ(call("POST", "/api/v1/ocop/products", hn, certificate()).status, 201);
  EXPECT_EQ(call("GET", "/api/v1/ocop/products", hn).json()["total"], 1);
  EXPECT_EQ(call("GET", "/api/v1/ocop/products?province=24-2008", hn).json()["total"], 0);
  EXPECT_EQ(call("GET", "/api/v1/ocop/products", national).json()["total"], 2);
  auto own = call("GET", "/api/v1/ocop/products", coop).json();
  ASSERT_EQ(own["total"], 1);
  EXPECT_EQ(own["items"][0]["producer"], "0101000001");
  EXPECT_EQ(call("GET", "/api/v1/ocop/products/1", coop).status, 403);  // Bắc Giang's
  EXPECT_EQ(call("POST", "/api/v1/ocop/products", coop, certificate()).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/ocop/products", buyer).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/ocop/products", "").status, 401);
  EXPECT_EQ(call("GET", "/api/v1/ocop/products/999", admin).status, 404);
}

TEST_F(OcopApiTest, AnOfferClaimingStarsNeedsAValidCertificate) {
  json offer = {{"entity", "0101000001"}, {"product", "bap_cai"}, {"quantity", "5"},
                {"unit", "tấn"},          {"from", "2026-11-20"}, {"to", "2027-01-31"},
                {"standard", "ocop"},     {"ocop_stars", 4}};
  auto refused = call("POST", "/api/v1/market/offers", admin, offer);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(field_of(refused), "ocop_stars");
  // An expired certificate does not do either.
  ASSERT_EQ(call("POST", "/api/v1/ocop/products", admin,
                 with(with(certificate(), "decided_on", "2021-06-01"), "decision_number", "1/QĐ"))
                .status,
            201);
  EXPECT_EQ(call("POST", "/api/v1/market/offers", admin, offer).status, 422);
  ASSERT_EQ(call("POST", "/api/v1/ocop/products", admin, certificate()).status, 201);
  auto taken = call("POST", "/api/v1/market/offers", admin, offer);
  EXPECT_EQ(taken.status, 201) << taken.body;
  // Five stars it does not hold.
  auto five = call("POST", "/api/v1/market/offers", admin, with(offer, "ocop_stars", 5));
  EXPECT_EQ(five.status, 422);
  EXPECT_EQ(field_of(five), "ocop_stars");
}

// Every JSON answer of the OCOP routes validated against web/openapi.json by its own validator
// (web/tests/openapi_responses.mjs).
TEST_F(OcopApiTest, TheAnswersMatchTheOpenApiDocument) {
  HTX_REQUIRE_OPENAPI_VALIDATOR();
  const std::string b = "/api/v1/ocop";
  auto c = keep("POST", b + "/products", b + "/products", admin, certificate());
  keep("POST", b + "/products", b + "/products", admin, with(certificate(), "score_a", 41));
  keep("POST", b + "/products", b + "/products", admin, certificate());  // 409
  keep("POST", b + "/products", b + "/products", coop, certificate());   // 403
  const auto id = std::to_string(c.json().value("id", 0));
  keep("GET", b + "/products", b + "/products?valid_on=2025-01-01&stars=4", national);
  keep("GET", b + "/products", b + "/products?stars=bảy", national);
  keep("GET", b + "/products/{id}", b + "/products/" + id, national);
  keep("GET", b + "/products/{id}", b + "/products/999", national);
  keep("GET", b + "/counts", b + "/counts?on=2025-01-01", national);
  keep("GET", b + "/counts", b + "/counts", "");
  expect_answers_match_openapi(answers_);
}

}  // namespace
}  // namespace htx::api
