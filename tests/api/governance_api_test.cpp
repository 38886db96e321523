// Governance in the JSON API through a real server on a loopback port: Bắc Giang's alliance with
// its standing committee (BTV) and term VI, the 3rd meeting admitting a cooperative, awards of
// 2021; the lists and one meeting, a new meeting with an item closed by its votes (above the
// attendees → 422 on votes, twice → 409), applications (a member or a dissolved entity → 422 on
// entity_code), the decision at an admission item, memberships; tokens of another province
// (403) and of the national leader (reads only); nothing changes when refused.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.hpp"
#include "governance/governance_service.hpp"

namespace htx::api {
namespace {

using nlohmann::json;

class GovernanceApiTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    for (const char* code : {"2400000001", "2400000002", "2400000003"}) {
      auto e = f.sample(code);
      e.name = std::string("Hợp tác xã Vải thiều ") + code;
      e.province_id = "24-2008";
      ASSERT_TRUE(f.service.create(e, "test"));
    }
    ASSERT_TRUE(f.service.dissolve("2400000003", *Date::from_ymd(2021, 6, 30), "test", "giải thể"));

    auto& db = *f.db;
    auto unit = [&](const char* code, const char* name, work::UnitKind kind, const char* province) {
      return db.work().insert_unit({0, code, name, kind, province, 0});
    };
    national = unit("LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, "");
    bac_giang =
        unit("LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", work::UnitKind::kProvincial, "24-2008");
    unit("LMHTX-01", "Liên minh HTX thành phố Hà Nội", work::UnitKind::kProvincial, "01-2008");
    governance::GovernanceService g(db.governance(), db.work(), db.registry(), db.audit(), db,
                                    f.clock);
    auto meeting = standing_meeting(bac_giang, 3, *Date::from_ymd(2021, 11, 5), "Nguyễn Đức Hiền",
                                    governance::ItemKind::kAdmission, "Xét kết nạp đợt 2/2021");
    ASSERT_TRUE(meeting);
    btv3 = meeting->summary.meeting.id;
    governance::Application a;
    a.unit_id = bac_giang;
    a.entity_code = "2400000001";
    a.applied_on = *Date::from_ymd(2021, 10, 15);
    a.batch = {2, 2021};
    auto applied = g.submit_application(a, "test", ProvinceScope::all());
    ASSERT_TRUE(applied);
    ASSERT_TRUE(g.decide_admissions(meeting->items[0].id, {{applied->id}, {}, {9, 0, 0}, ""},
                                    "test", ProvinceScope::all()));
    work::Document decision;
    decision.kind = work::DocumentKind::kDecision;
    decision.number = 30;
    decision.issuer_symbol = "LMHTXVN";
    decision.issuer_unit_id = national;
    decision.issued_on = *Date::from_ymd(2022, 1, 20);
    decision.title = "Quyết định tặng Bằng khen năm 2021";
    const auto decision_id = db.work().insert_document(decision);
    governance::Award award;
    award.year = 2021;
    award.granting_unit_id = national;
    award.decision_document_id = decision_id;
    award.recipient_kind = governance::RecipientKind::kCollective;
    award.title = governance::AwardTitle::kExcellentLabourCollective;
    award.recipient = "Văn phòng";
    ASSERT_TRUE(g.add_award(award, "test", ProvinceScope::all()));
    award.recipient_kind = governance::RecipientKind::kIndividual;
    award.title = governance::AwardTitle::kGrassrootsEmulationFighter;
    award.recipient = "Nguyễn Văn An";
    ASSERT_TRUE(g.add_award(award, "test", ProvinceScope::all()));

    admin = token_for("admin", accounts::Role::kAdmin);
    leader = token_for("leader", accounts::Role::kNationalLeader);
    bg = token_for("bacgiang", accounts::Role::kProvincialStaff, {"24-2008"});
    hn = token_for("hanoi", accounts::Role::kProvincialStaff, {"01-2008"});
  }

  testing::HttpReply call(const std::string& method, const std::string& target,
                          const std::string& token, const json& body = json::object()) {
    auto h = bearer(token);
    h["Content-Type"] = "application/json";
    return testing::http(server->port(), method, target, method == "GET" ? "" : body.dump(), h);
  }
  std::size_t audit_count() {
    audit::Filter all;
    all.limit = 100000;
    return f.db->audit().list(all).size();
  }
  json new_meeting(int number, const char* held_on = "2021-12-10") const {
    return {{"unit", "LMHTX-24"}, {"body", "standing"}, {"term", 6},          {"number", number},
            {"held_on", held_on}, {"mode", "online"},   {"attendee_count", 9}};
  }

  std::int64_t national = 0, bac_giang = 0, btv3 = 0;
  std::string admin, leader, bg, hn;
};

TEST_F(GovernanceApiTest, MeetingsAreListedAndShownWithTheirItemsAndAdmissions) {
  auto list = call("GET", "/api/v1/meetings?unit=LMHTX-24&year=2021", admin);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["total"], 1);
  auto m = list.json()["items"][0];
  EXPECT_EQ(m["title"], "Hội nghị Ban Thường vụ lần thứ 3, khóa VI");
  EXPECT_EQ(m["unit"]["code"], "LMHTX-24");
  EXPECT_EQ(m["body"], "standing");
  EXPECT_EQ(m["term"]["label"], "khóa VI (2020–2025)");
  EXPECT_EQ(call("GET", "/api/v1/meetings?year=2020", admin).json()["total"], 0);
  EXPECT_EQ(call("GET", "/api/v1/meetings?year=20x", admin).status, 400);
  // Aligned with the pages (one GovernanceArea answers both): an unknown organisation is 404,
  // an unknown body 400 naming the parameter; a known kind of body filters in the database.
  EXPECT_EQ(call("GET", "/api/v1/meetings?unit=LMHTX-99", admin).status, 404);
  auto bad_body = call("GET", "/api/v1/meetings?body=council", admin);
  EXPECT_EQ(bad_body.status, 400);
  EXPECT_EQ(bad_body.json()["error"]["code"], "bad_body");
  EXPECT_EQ(bad_body.json()["error"]["field"], "body");
  EXPECT_EQ(call("GET", "/api/v1/meetings?unit=LMHTX-24&body=executive", admin).json()["total"], 0);

  auto one = call("GET", "/api/v1/meetings/" + std::to_string(btv3), admin);
  ASSERT_EQ(one.status, 200) << one.body;
  auto d = one.json();
  ASSERT_EQ(d["items"].size(), 1u);
  EXPECT_EQ(d["items"][0]["outcome"], "approved");
  EXPECT_EQ(d["items"][0]["votes"]["for"], 9);
  EXPECT_EQ(d["admissions"]["admitted"], 1);
  EXPECT_EQ(d["admissions"]["applications"][0]["entity_code"], "2400000001");
  EXPECT_EQ(call("GET", "/api/v1/meetings/999999", admin).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/meetings", "").status, 401);

  auto awards = call("GET", "/api/v1/awards?year=2021", admin).json();
  EXPECT_EQ(awards["counts"]["collectives"], 1);
  EXPECT_EQ(awards["counts"]["individuals"], 1);
  EXPECT_EQ(awards["items"][0]["decision"]["number_symbol"], "30/QĐ-LMHTXVN");
  auto members = call("GET", "/api/v1/memberships?unit=LMHTX-24", admin).json();
  ASSERT_EQ(members["total"], 1);
  EXPECT_EQ(members["items"][0]["since"], "2021-11-05");
}

TEST_F(GovernanceApiTest, AnItemIsClosedOnceWithNoMoreVotesThanAttendees) {
  auto created = call("POST", "/api/v1/meetings", bg, new_meeting(4));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["title"], "Hội nghị Ban Thường vụ lần thứ 4, khóa VI");
  std::string path = created.header("location");
  EXPECT_EQ(
      call("POST", "/api/v1/meetings", bg, new_meeting(4)).json()["error"]["fields"][0]["field"],
      "number");
  auto missing = call("POST", "/api/v1/meetings", bg, {{"unit", "LMHTX-24"}, {"body", "standing"}});
  ASSERT_EQ(missing.status, 422);
  std::set<std::string> fields;
  const json problems = missing.json();
  for (auto& p : problems["error"]["fields"]) fields.insert(p["field"].get<std::string>());
  EXPECT_TRUE(fields.count("term") && fields.count("number") && fields.count("held_on") &&
              fields.count("attendee_count"))
      << missing.body;

  auto item = call("POST", path + "/items", bg, {{"kind", "draft"}, {"title", "Dự thảo Quy chế"}});
  ASSERT_EQ(item.status, 201) << item.body;
  std::string close = path + "/items/" + std::to_string(item.json()["id"].get<int>()) + "/close";
  auto before = audit_count();
  auto too_many =
      call("POST", close, bg,
           {{"outcome", "approved"}, {"votes", {{"for", 8}, {"against", 3}, {"abstain", 1}}}});
  ASSERT_EQ(too_many.status, 422) << too_many.body;
  EXPECT_EQ(too_many.json()["error"]["fields"][0]["field"], "votes");
  EXPECT_EQ(too_many.json()["error"]["fields"][0]["key"], "governance.votes_above_attendees");
  EXPECT_EQ(audit_count(), before);
  auto ok = call("POST", close, bg, {{"outcome", "approved"}, {"votes", {{"for", 9}}}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["outcome"], "approved");
  before = audit_count();
  auto twice = call("POST", close, bg, {{"outcome", "rejected"}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(audit_count(), before);
  EXPECT_EQ(call("POST", path + "/items/999999/close", bg, {{"outcome", "approved"}}).status, 404);
}

TEST_F(GovernanceApiTest, ApplicationsRefuseMembersAndDissolvedEntitiesThenAreDecided) {
  auto apply = [&](const char* code) {
    return call("POST", "/api/v1/admissions", bg,
                {{"unit", "LMHTX-24"},
                 {"entity_code", code},
                 {"applied_on", "2022-03-01"},
                 {"batch", "1/2022"}});
  };
  auto before = audit_count();
  for (const char* code : {"2400000001", "2400000003"}) {
    auto r = apply(code);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["error"]["fields"][0]["field"], "entity_code");
  }
  EXPECT_EQ(apply("2400000001").json()["error"]["fields"][0]["key"], "governance.already_member");
  EXPECT_EQ(apply("2400000003").json()["error"]["fields"][0]["key"], "governance.entity_dissolved");
  EXPECT_EQ(audit_count(), before);
  auto ok = apply("2400000002");
  ASSERT_EQ(ok.status, 201) << ok.body;
  const auto application = ok.json()["id"].get<std::int64_t>();
  auto batch = call("GET", "/api/v1/admissions?batch=1/2022&unit=LMHTX-24", bg).json();
  ASSERT_EQ(batch["total"], 1);
  EXPECT_EQ(batch["items"][0]["status"], "submitted");
  EXPECT_EQ(call("GET", "/api/v1/admissions?batch=first", bg).status, 400);

  auto meeting = call("POST", "/api/v1/meetings", bg, new_meeting(5, "2022-03-15"));
  ASSERT_EQ(meeting.status, 201) << meeting.body;
  auto item = call("POST", meeting.header("location") + "/items", bg,
                   {{"kind", "admission"}, {"title", "Xét kết nạp đợt 1/2022"}});
  ASSERT_EQ(item.status, 201);
  auto decided =
      call("POST", "/api/v1/admissions/decisions", bg,
           {{"item_id", item.json()["id"]}, {"admitted", {application}}, {"votes", {{"for", 9}}}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json()["applications"][0]["status"], "admitted");
  EXPECT_EQ(decided.json()["item"]["outcome"], "approved");
  EXPECT_EQ(call("GET", "/api/v1/memberships?unit=LMHTX-24", bg).json()["total"], 2);
}

TEST_F(GovernanceApiTest, AnotherProvinceIsRefusedAndTheLeaderReadsOnly) {
  auto before = audit_count();
  const std::string meeting = "/api/v1/meetings/" + std::to_string(btv3);
  EXPECT_EQ(call("GET", meeting, hn).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/meetings", hn).json()["total"], 0);
  EXPECT_EQ(call("GET", "/api/v1/meetings?unit=LMHTX-24", hn).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/admissions?unit=LMHTX-24", hn).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/memberships", hn).json()["total"], 0);
  EXPECT_EQ(call("GET", "/api/v1/awards?year=2021", hn).json()["items"].size(), 0u);
  EXPECT_EQ(call("POST", "/api/v1/meetings", hn, new_meeting(9)).status, 403);
  EXPECT_EQ(call("POST", meeting + "/items", hn, {{"kind", "other"}, {"title", "x"}}).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/admissions", hn,
                 {{"unit", "LMHTX-24"},
                  {"entity_code", "2400000002"},
                  {"applied_on", "2022-03-01"},
                  {"batch", "1/2022"}})
                .status,
            403);
  EXPECT_EQ(call("GET", meeting, leader).status, 200);
  EXPECT_EQ(call("POST", "/api/v1/meetings", leader, new_meeting(9)).status, 403);
  EXPECT_EQ(audit_count(), before);
}

}  // namespace
}  // namespace htx::api
