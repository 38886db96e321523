// Advisory cases in the JSON API through a real server on a loopback port: Bắc Giang's alliance
// and a Bắc Giang cooperative registered in June 2021 beside the fixture's Hà Nội one; tokens of
// national staff, Bắc Giang's and Hà Nội's staff and a buyer. A case opened by Bắc Giang's staff
// (their alliance and province taken), the registry entity proposed for it, closing refused on
// `entity_code` for an unknown entity, another province's and one registered before the case
// was opened, a second close 409 on `status`, a drop without a reason 422 on `reason`; the scope
// and the roles; every answer matches web/openapi.json.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "support/prerequisite.hpp"

namespace htx::api {
namespace {

using nlohmann::json;

class AdvisoryApiTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    auto e = f.sample("2400000001");
    e.name = "Hợp tác xã Vải thiều Phì Điền";
    e.province_id = "24-2008";
    e.founded_on = *Date::from_ymd(2021, 6, 1);
    ASSERT_TRUE(f.service.create(e, "test"));
    auto old = f.sample("2400000002");
    old.name = "Hợp tác xã Vải thiều Lục Ngạn";
    old.province_id = "24-2008";
    old.founded_on = *Date::from_ymd(2019, 6, 1);
    ASSERT_TRUE(f.service.create(old, "test"));
    f.db->work().insert_unit(
        {0, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", work::UnitKind::kProvincial, "24-2008", 0});
    national = token_for("national", accounts::Role::kNationalStaff);
    hn = token_for("hanoi", accounts::Role::kProvincialStaff, {"01-2008"});
    bg = token_for("bacgiang", accounts::Role::kProvincialStaff, {"24-2008"});
    buyer = token_for("buyer", accounts::Role::kBuyer);
  }
  static std::string field_of(const testing::HttpReply& r) {
    auto j = r.json();
    if (!j.contains("error") || !j["error"].contains("fields")) return "(none) " + r.body;
    return j["error"]["fields"][0].value("field", "");
  }
  static json group() {
    return {{"group_name", "Nhóm sáng lập HTX Vải thiều Phì Điền"},
            {"contact", "Ông Nguyễn Văn An, 0912345678"},
            {"opened_on", "2021-03-01"}};
  }

  std::string national, hn, bg, buyer;
};

TEST_F(AdvisoryApiTest, OpenedProposedAndClosedRefusalsByField) {
  const std::string b = "/api/v1/advisory-cases";
  auto opened = call("POST", b, bg, group());
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.json()["province"], "24-2008");
  EXPECT_EQ(opened.json()["status"], "open");
  const auto id = std::to_string(opened.json()["id"].get<std::int64_t>());

  auto shown = call("GET", b + "/" + id, bg).json();
  ASSERT_EQ(shown["matches"].size(), 1u) << shown.dump();
  EXPECT_EQ(shown["matches"][0]["entity_code"], "2400000001");

  struct Refusal {
    const char* what;
    json body;
    int status;
    const char* field;
  };
  const Refusal refusals[] = {
      {"an unknown entity", {{"entity_code", "2499999999"}}, 422, "entity_code"},
      {"another province's entity", {{"entity_code", "0101000001"}}, 422, "entity_code"},
      {"registered before the case opened", {{"entity_code", "2400000002"}}, 422, "entity_code"},
      {"no entity", json::object(), 422, "entity_code"},
      {"a bad date",
       {{"entity_code", "2400000001"}, {"closed_on", "31/02/2021"}},
       422,
       "closed_on"},
  };
  for (const auto& r : refusals) {
    auto answer = call("POST", b + "/" + id + "/close", bg, r.body);
    EXPECT_EQ(answer.status, r.status) << r.what << ": " << answer.body;
    EXPECT_EQ(field_of(answer), r.field) << r.what;
  }
  EXPECT_EQ(call("GET", b + "/" + id, bg).json()["status"], "open");

  auto closed = call("POST", b + "/" + id + "/close", bg,
                     {{"entity_code", "2400000001"}, {"closed_on", "2021-06-10"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["entity_name"], "Hợp tác xã Vải thiều Phì Điền");
  auto twice = call("POST", b + "/" + id + "/close", bg, {{"entity_code", "2400000001"}});
  EXPECT_EQ(twice.status, 409) << twice.body;

  auto other = call("POST", b, bg, group());
  ASSERT_EQ(other.status, 201);
  const auto other_id = std::to_string(other.json()["id"].get<std::int64_t>());
  auto no_reason = call("POST", b + "/" + other_id + "/drop", bg, {{"reason", " "}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(field_of(no_reason), "reason");
  auto dropped = call("POST", b + "/" + other_id + "/drop", bg,
                      {{"reason", "Nhóm không đủ thành viên"}, {"dropped_on", "2021-09-30"}});
  ASSERT_EQ(dropped.status, 200) << dropped.body;
  EXPECT_EQ(dropped.json()["status"], "dropped");

  auto list = call("GET", b + "?status=closed", national).json();
  EXPECT_EQ(list["total"], 1);
  EXPECT_EQ(call("GET", b + "?year=2021", national).json()["total"], 2);
  EXPECT_EQ(call("GET", b + "?status=done", national).status, 400);
}

TEST_F(AdvisoryApiTest, ScopeAndRoles) {
  const std::string b = "/api/v1/advisory-cases";
  auto opened = call("POST", b, bg, group());
  ASSERT_EQ(opened.status, 201);
  const auto id = std::to_string(opened.json()["id"].get<std::int64_t>());
  EXPECT_EQ(call("GET", b + "/" + id, hn).status, 403);
  EXPECT_EQ(call("GET", b, hn).json()["total"], 0);
  EXPECT_EQ(call("GET", b, national).json()["total"], 1);
  EXPECT_EQ(call("GET", b, buyer).status, 403);
  EXPECT_EQ(call("POST", b, buyer, group()).status, 403);
  EXPECT_EQ(call("GET", b, "").status, 401);
  // Hà Nội's staff cannot open a case for Bắc Giang's alliance.
  auto foreign = group();
  foreign["unit"] = "LMHTX-24";
  EXPECT_EQ(call("POST", b, hn, foreign).status, 403);
  EXPECT_EQ(call("GET", b + "/999", national).status, 404);
}

TEST_F(AdvisoryApiTest, TheAnswersMatchTheOpenApiDocument) {
  HTX_REQUIRE_OPENAPI_VALIDATOR();
  const std::string b = "/api/v1/advisory-cases";
  auto c = keep("POST", b, b, bg, group());
  keep("POST", b, b, bg, {{"opened_on", "2021-03-01"}});  // 422
  keep("POST", b, b, buyer, group());                     // 403
  const auto id = std::to_string(c.json().value("id", 0));
  keep("GET", b + "/{id}", b + "/" + id, bg);
  keep("GET", b + "/{id}", b + "/999", bg);
  keep("POST", b + "/{id}/close", b + "/" + id + "/close", bg, {{"entity_code", "0101000001"}});
  keep("POST", b + "/{id}/close", b + "/" + id + "/close", bg, {{"entity_code", "2400000001"}});
  keep("POST", b + "/{id}/close", b + "/" + id + "/close", bg, {{"entity_code", "2400000001"}});
  keep("GET", b + "/{id}", b + "/" + id, bg);
  auto d = keep("POST", b, b, bg, group());
  const auto did = std::to_string(d.json().value("id", 0));
  keep("POST", b + "/{id}/drop", b + "/" + did + "/drop", bg, {{"reason", "Không đủ thành viên"}});
  keep("GET", b, b, national);
  keep("GET", b, b + "?status=bad", national);
  expect_answers_match_openapi(answers_);
}

}  // namespace
}  // namespace htx::api
