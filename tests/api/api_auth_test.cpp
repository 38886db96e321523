// The API with tokens through a real server: who sees what (scope, 403), writes with their
// audit entries, and the refusals (401, 400 with the position, 413, 415, 422 with the fields).
#include <gtest/gtest.h>

#include "api/dashboard.hpp"
#include "api_fixture.hpp"
#include "support/prerequisite.hpp"
#include "support/python.hpp"
#include "work/work_service.hpp"

namespace htx::api {
namespace {

using accounts::Role;
using nlohmann::json;

class ApiAuthTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    national = token_for("quoc.gia", Role::kNationalStaff);
    hanoi = token_for("ha.noi", Role::kProvincialStaff, {"01-2025"});
    daklak = token_for("dak.lak", Role::kProvincialStaff, {"66-2025"});
    buyer = token_for("nguoi.mua", Role::kBuyer);
    leader = token_for("lanh.dao", Role::kNationalLeader);
    coop = token_for("htx.xanh", Role::kCooperative, {}, "0101000001");
  }

  testing::HttpReply send(const std::string& method, const std::string& target, const json& body,
                          const std::string& token, std::map<std::string, std::string> h = {}) {
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    if (!h.count("Content-Type")) h["Content-Type"] = "application/json";
    return testing::http(server->port(), method, target, body.is_null() ? "" : body.dump(), h);
  }
  testing::HttpReply raw(const std::string& method, const std::string& target,
                         const std::string& body, const std::string& token,
                         std::map<std::string, std::string> h = {}) {
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    if (!h.count("Content-Type")) h["Content-Type"] = "application/json";
    return testing::http(server->port(), method, target, body, h);
  }
  std::vector<audit::Entry> audit_of(const std::string& code) {
    audit::Filter filter;
    filter.object_key = code;
    return f.db->audit().list(filter);
  }
  static json new_entity(const std::string& code, const std::string& province) {
    return {{"code", code},
            {"name", "Hợp tác xã Dịch vụ Thử Nghiệm"},
            {"type", "HTX"},
            {"sector_id", "nong_nghiep"},
            {"province_id", province},
            {"address", "Xã Thử, Hà Nội"},
            {"founded_on", "2026-11-03"},
            {"members", 12},
            {"new_type", true}};
  }
  static std::vector<std::string> fields_of(const json& error) {
    std::vector<std::string> out;
    for (auto& f : error["error"]["fields"]) out.push_back(f["field"]);
    return out;
  }
  // The message beside `field`, or a text saying there is none (so that a comparison fails).
  static json message_of(const json& error, const std::string& field) {
    for (auto& f : error["error"]["fields"])
      if (f["field"] == field) return f["message"];
    return "(no error on the field " + field + ")";
  }

  std::string national, hanoi, daklak, buyer, leader, coop;
};

TEST_F(ApiAuthTest, TokensChooseTheViewAndTheScope) {
  auto full = json_of("/api/v1/cooperatives", 200, bearer(national));
  EXPECT_EQ(full["view"], "full");
  EXPECT_EQ(full["total"], 2);
  EXPECT_EQ(full["items"][0]["members"], 120);

  // Hà Nội of the 34 units covers the records registered under the old Hà Nội.
  auto mine = json_of("/api/v1/cooperatives", 200, bearer(hanoi));
  EXPECT_EQ(mine["view"], "full");
  ASSERT_EQ(mine["total"], 1);
  EXPECT_EQ(mine["items"][0]["code"], "0101000001");
  EXPECT_EQ(json_of("/api/v1/cooperatives?province=01-2008", 200, bearer(hanoi))["total"], 1);
  auto other = json_of("/api/v1/cooperatives?province=66-2008", 403, bearer(hanoi));
  EXPECT_EQ(other["error"]["code"], "forbidden");
  EXPECT_NE(other["error"]["message"].get<std::string>().find("Đắk Lắk"), std::string::npos);

  auto as_buyer = json_of("/api/v1/cooperatives", 200, bearer(buyer));
  EXPECT_EQ(as_buyer["view"], "directory");
  EXPECT_EQ(as_buyer["total"], 2);
  EXPECT_FALSE(as_buyer["items"][0].contains("members"));
  EXPECT_EQ(json_of("/api/v1/cooperatives", 200, bearer(leader))["view"], "full");
  EXPECT_EQ(json_of("/api/v1/cooperatives", 200, bearer(coop))["view"], "directory");
}

TEST_F(ApiAuthTest, OneRecordInScopeWithEventsOutOfScope403) {
  auto e = json_of("/api/v1/cooperatives/6601000002", 200, bearer(national));
  EXPECT_EQ(e["members"], 120);
  ASSERT_EQ(e["events"].size(), 2u);
  EXPECT_EQ(e["events"][0]["kind"], "founded");
  EXPECT_EQ(e["events"][1]["kind"], "dissolved");
  EXPECT_EQ(e["events"][1]["effective_on"], "2022-03-01");
  EXPECT_EQ(e["events"][1]["note"], "giải thể");
  EXPECT_EQ(json_of("/api/v1/cooperatives/6601000002", 200, bearer(daklak))["events"].size(), 2u);
  EXPECT_EQ(json_of("/api/v1/cooperatives/6601000002", 403, bearer(hanoi))["error"]["code"],
            "forbidden");
  auto as_buyer = json_of("/api/v1/cooperatives/6601000002", 200, bearer(buyer));
  EXPECT_FALSE(as_buyer.contains("events"));
  EXPECT_TRUE(json_of("/api/v1/cooperatives/0101000001", 200, bearer(coop)).contains("events"))
      << "a cooperative sees its own record";
  EXPECT_EQ(json_of("/api/v1/cooperatives/6601000002", 403, bearer(coop))["error"]["code"],
            "forbidden");
}

TEST_F(ApiAuthTest, BadTokensAreRefusedNotTreatedAsThePublic) {
  for (auto header : {"Bearer nope", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc"}) {
    auto r = get("/api/v1/cooperatives", {{"Authorization", header}});
    EXPECT_EQ(r.status, 401) << header;
    EXPECT_NE(r.header("www-authenticate").find("Bearer"), std::string::npos);
    EXPECT_NE(r.header("www-authenticate").find("invalid_token"), std::string::npos);
    EXPECT_EQ(r.json()["error"]["code"], "invalid_token");
  }
  // A session cookie is no credential for the API.
  auto cookie = get("/api/v1/me", {{"Cookie", "htx_session=whatever"}});
  EXPECT_EQ(cookie.status, 401);
  EXPECT_EQ(get("/api/v1/cooperatives", {{"Authorization", "bearer " + national}}).status, 200)
      << "the scheme is case-insensitive";
}

TEST_F(ApiAuthTest, MeTellsTheTokensUserAndScope) {
  auto me = json_of("/api/v1/me", 200, bearer(hanoi));
  EXPECT_EQ(me["username"], "ha.noi");
  EXPECT_EQ(me["role"], "provincial_staff");
  EXPECT_EQ(me["province_ids"], json({"01-2025"}));
  auto scope = me["scope"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(scope.begin(), scope.end(), "01-2008"), scope.end());
  EXPECT_TRUE(json_of("/api/v1/me", 200, bearer(national))["scope"].is_null());
  auto none = get("/api/v1/me");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.header("www-authenticate"), "Bearer realm=\"htx\"");
}

TEST_F(ApiAuthTest, CreateIsAuditedUnderTheTokensUserAndBumpsTheGeneration) {
  auto before_dashboard = json_of("/api/v1/dashboard");
  auto generation = ctx.data_generation.load();
  auto r = send("POST", "/api/v1/cooperatives", new_entity("0101000077", "01-2025"), hanoi);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("location"), "/api/v1/cooperatives/0101000077");
  auto created = r.json();
  EXPECT_EQ(created["code"], "0101000077");
  EXPECT_EQ(created["recorded_by"], "ha.noi");
  EXPECT_EQ(created["members"], 12);
  EXPECT_EQ(created["events"][0]["kind"], "founded");
  EXPECT_GT(ctx.data_generation.load(), generation);
  auto entries = audit_of("0101000077");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor, "ha.noi");
  EXPECT_EQ(entries[0].action, "registry.create");
  EXPECT_NE(entries[0].after_json.find("Thử Nghiệm"), std::string::npos);
  // The dashboard shows it at once (this server wrote it).
  auto after_dashboard = json_of("/api/v1/dashboard");
  EXPECT_EQ(after_dashboard["month"]["founded"]["HTX"],
            before_dashboard["month"]["founded"]["HTX"].get<int>() + 1);
  // Again: a conflict.
  auto again = send("POST", "/api/v1/cooperatives", new_entity("0101000077", "01-2025"), hanoi);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["error"]["code"], "conflict");
}

TEST_F(ApiAuthTest, WritesNeedATokenAndTheRight) {
  auto none = send("POST", "/api/v1/cooperatives", new_entity("0101000078", "01-2025"), "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.header("www-authenticate"), "Bearer realm=\"htx\"");
  EXPECT_EQ(
      send("PATCH", "/api/v1/cooperatives/0101000001", {{"changes", {{"name", "X"}}}}, "").status,
      401);
  EXPECT_EQ(
      send("POST", "/api/v1/cooperatives/0101000001/dissolve", {{"on", "2026-01-01"}}, "").status,
      401);

  EXPECT_EQ(send("POST", "/api/v1/cooperatives", new_entity("0101000078", "01-2025"), buyer).status,
            403);
  EXPECT_EQ(
      send("POST", "/api/v1/cooperatives", new_entity("0101000078", "01-2025"), leader).status,
      403);
  auto elsewhere = send("POST", "/api/v1/cooperatives", new_entity("0101000078", "66-2025"), hanoi);
  EXPECT_EQ(elsewhere.status, 403) << elsewhere.body;
  EXPECT_EQ(
      send("PATCH", "/api/v1/cooperatives/6601000002", {{"changes", {{"name", "Tên mới"}}}}, hanoi)
          .status,
      403);
  EXPECT_EQ(send("POST", "/api/v1/cooperatives/0101000001/dissolve", {{"on", "2026-01-01"}}, daklak)
                .status,
            403);
  // Moving a record out of one's scope is refused too.
  EXPECT_EQ(send("PATCH", "/api/v1/cooperatives/0101000001",
                 {{"changes", {{"province_id", "66-2025"}}}}, hanoi)
                .status,
            403);
  EXPECT_TRUE(audit_of("0101000078").empty());
  EXPECT_EQ(json_of("/api/v1/cooperatives")["total"], 2) << "nothing was written";
}

TEST_F(ApiAuthTest, PatchChangesFieldsAsAnAuditedEvent) {
  json body = {{"changes", {{"name", "Hợp tác xã Nông nghiệp Hà Nội Xanh Mới"}, {"members", 150}}},
               {"effective_on", "2026-06-01"},
               {"note", "đại hội thành viên"}};
  auto r = send("PATCH", "/api/v1/cooperatives/0101000001", body, hanoi);
  ASSERT_EQ(r.status, 200) << r.body;
  auto e = r.json();
  EXPECT_EQ(e["members"], 150);
  ASSERT_EQ(e["events"].size(), 2u);
  EXPECT_EQ(e["events"][1]["kind"], "reorganised");
  EXPECT_EQ(e["events"][1]["effective_on"], "2026-06-01");
  EXPECT_EQ(e["events"][1]["actor"], "ha.noi");
  EXPECT_EQ(e["events"][1]["changes"]["members"], json({120, 150}));
  auto entries = audit_of("0101000001");
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0].actor, "ha.noi");
  EXPECT_EQ(entries[0].action, "registry.reorganised");

  auto correction = send("PATCH", "/api/v1/cooperatives/0101000001",
                         {{"changes", {{"address", "Thôn 4"}}}, {"kind", "corrected"}}, national);
  ASSERT_EQ(correction.status, 200) << correction.body;
  EXPECT_EQ(correction.json()["events"].back()["kind"], "corrected");
  EXPECT_EQ(audit_of("0101000001")[0].actor, "quoc.gia");

  EXPECT_EQ(
      send("PATCH", "/api/v1/cooperatives/NOPE", {{"changes", {{"name", "X"}}}}, national).status,
      404);
  auto same = send("PATCH", "/api/v1/cooperatives/0101000001",
                   {{"changes", {{"address", "Thôn 4"}}}}, national);
  // A change that changes nothing is an invalid request like any other (one mapping of the
  // error kinds): 422 validation, its reason in the problem's key.
  EXPECT_EQ(same.status, 422);
  EXPECT_EQ(same.json()["error"]["code"], "validation");
  ASSERT_EQ(same.json()["error"]["fields"].size(), 1u);
  EXPECT_EQ(same.json()["error"]["fields"][0]["key"], "registry.no_change");
}

TEST_F(ApiAuthTest, DissolveIsAnAuditedEvent) {
  auto r = send("POST", "/api/v1/cooperatives/0101000001/dissolve",
                {{"on", "2026-10-15"}, {"note", "tự nguyện giải thể"}}, hanoi);
  ASSERT_EQ(r.status, 200) << r.body;
  auto e = r.json();
  EXPECT_EQ(e["status"], "dissolved");
  EXPECT_EQ(e["dissolved_on"], "2026-10-15");
  EXPECT_EQ(e["events"].back()["kind"], "dissolved");
  EXPECT_EQ(e["events"].back()["note"], "tự nguyện giải thể");
  auto entries = audit_of("0101000001");
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0].action, "registry.dissolved");
  EXPECT_EQ(entries[0].actor, "ha.noi");
  auto again =
      send("POST", "/api/v1/cooperatives/0101000001/dissolve", {{"on", "2026-10-16"}}, hanoi);
  EXPECT_EQ(again.status, 409);
  auto no_date = send("POST", "/api/v1/cooperatives/6601000002/dissolve", json::object(), national);
  EXPECT_EQ(no_date.status, 422);
  EXPECT_EQ(fields_of(no_date.json()), std::vector<std::string>{"on"});
}

// Guessing tokens is throttled per address as passwords are (data/accounts: 5 in 15 minutes):
// the sixth attempt from this address is 429, even with a good token, and says for how long.
TEST_F(ApiAuthTest, GuessedTokensAreThrottledPerAddress) {
  for (int i = 0; i < 5; ++i) {
    auto r = get("/api/v1/me", {{"Authorization", "Bearer " + std::string(64, 'a' + i)}});
    EXPECT_EQ(r.status, 401) << i;
  }
  auto locked = get("/api/v1/me", bearer(national));
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.json()["error"]["code"], "throttled");
  EXPECT_NE(locked.json()["error"]["message"].get<std::string>().find("phút"), std::string::npos)
      << locked.body;
}

TEST_F(ApiAuthTest, MalformedJsonIs400WithThePosition) {
  auto r = raw("POST", "/api/v1/cooperatives", "{\"code\": \"1\",, }", national);
  ASSERT_EQ(r.status, 400) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["error"]["code"], "bad_json");
  EXPECT_EQ(j["error"]["position"], 14);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("14"), std::string::npos);
  EXPECT_EQ(raw("POST", "/api/v1/cooperatives", "", national).json()["error"]["code"], "bad_json");
  EXPECT_EQ(raw("POST", "/api/v1/cooperatives", "[1,2]", national).json()["error"]["code"],
            "not_object");
  EXPECT_EQ(raw("POST", "/api/v1/cooperatives", "{\"name\": \"\xff\"}", national).status, 400)
      << "invalid UTF-8";
  // Found by the json_body fuzz target: a number beyond a double was an uncaught out_of_range
  // (a 500); it is a bad body like any other, and nothing is written.
  const auto before = raw("GET", "/api/v1/cooperatives", "", national).body;
  auto huge = raw("POST", "/api/v1/cooperatives", "{\"code\": \"0101000099\", \"members\": 1e400}",
                  national);
  EXPECT_EQ(huge.status, 400) << huge.body;
  EXPECT_EQ(huge.json()["error"]["code"], "bad_json");
  EXPECT_EQ(raw("GET", "/api/v1/cooperatives", "", national).body, before);
  auto form = raw("POST", "/api/v1/cooperatives", "code=1", national,
                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(raw("PATCH", "/api/v1/cooperatives/0101000001", "{", national).status, 400);
}

TEST_F(ApiAuthTest, ValidationErrorsAre422WithEveryFieldInTheUsersLanguage) {
  json body = new_entity("0101000079", "01-2025");
  body["founded_on"] = "2030-01-01";
  body["members"] = "many";
  body["type"] = "XYZ";
  body["colour"] = "green";
  auto r = send("POST", "/api/v1/cooperatives?lang=en", body, national);
  ASSERT_EQ(r.status, 422) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["error"]["code"], "validation");
  auto fields = fields_of(j);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"colour", "members", "type"}))
      << "type errors first; the rules run on a well-typed record";
  EXPECT_EQ(message_of(j, "members"), "the value must be a whole number");

  body = new_entity("0101000079", "01-2025");
  body["founded_on"] = "2030-01-01";
  body["province_id"] = "99-9999";
  body["name"] = "";
  auto rules = send("POST", "/api/v1/cooperatives", body, national, {{"Accept-Language", "vi"}});
  ASSERT_EQ(rules.status, 422) << rules.body;
  auto rf = fields_of(rules.json());
  std::sort(rf.begin(), rf.end());
  EXPECT_EQ(rf, (std::vector<std::string>{"founded_on", "name", "province_id"}));
  EXPECT_EQ(message_of(rules.json(), "founded_on"), "ngày 01/01/2030 ở tương lai");

  auto bad_date = send("POST", "/api/v1/cooperatives", {{"founded_on", "10/02/2021"}}, national);
  EXPECT_EQ(bad_date.status, 422);
  auto patch = send(
      "PATCH", "/api/v1/cooperatives/0101000001",
      {{"changes", {{"status", "dissolved"}, {"code", "X"}}}, {"effective_on", "soon"}}, national);
  ASSERT_EQ(patch.status, 422);
  auto pf = fields_of(patch.json());
  std::sort(pf.begin(), pf.end());
  EXPECT_EQ(pf, (std::vector<std::string>{"code", "effective_on", "status"}));
  auto future = send("PATCH", "/api/v1/cooperatives/0101000001",
                     {{"changes", {{"name", "Tên"}}}, {"effective_on", "2027-01-01"}}, national);
  ASSERT_EQ(future.status, 422) << future.body;
  EXPECT_EQ(fields_of(future.json()), std::vector<std::string>{"effective_on"});
  EXPECT_EQ(audit_of("0101000079").size(), 0u);
}

TEST_F(ApiAuthTest, OversizedBodiesAre413) {
  std::string big =
      "{\"name\": \"" + std::string(1536 * 1024, 'a') + "\"}";  // over the API's 1 MiB
  auto r = raw("POST", "/api/v1/cooperatives", big, national);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.json()["error"]["code"], "payload_too_large");
  std::string huge(5 * 1024 * 1024, ' ');  // over the server's limit: refused from Content-Length
  EXPECT_EQ(raw("POST", "/api/v1/cooperatives", huge, national).status, 413);
}

// The OpenAPI document against real responses of this server: web/tests/openapi_responses.mjs
// (ajv, JSON Schema 2020-12) fetches every GET endpoint, public and with a national token,
// among them one task and one meeting (with its agenda item) recorded here first.
TEST_F(ApiAuthTest, RealResponsesMatchTheOpenApiDocument) {
  const std::string web = HTX_WEB_DIR;
  HTX_REQUIRE(htx::testing::run_command("node --version").status == 0, "node is not installed");
  HTX_REQUIRE(std::filesystem::exists(web + "/node_modules/ajv"),
              "web/node_modules is not installed (scripts/npm-deps.sh)");
  auto& db = *f.db;
  const auto hanoi_unit = db.work().insert_unit(
      {0, "LMHTX-01", "Liên minh HTX thành phố Hà Nội", work::UnitKind::kProvincial, "01-2008", 0});
  auto meeting = standing_meeting(hanoi_unit, 1, *Date::from_ymd(2021, 3, 5), "Nguyễn Văn Chủ",
                                  governance::ItemKind::kReportApproval, "Báo cáo kết quả quý I");
  ASSERT_TRUE(meeting);
  work::WorkService w(db.work(), db.audit(), db, f.clock);
  work::Task task;
  task.title = "Tổng kết mô hình hợp tác xã kiểu mới";
  task.lead_unit_id = hanoi_unit;
  task.meeting_id = meeting->summary.meeting.id;
  task.owner = "Ban Kinh tế";
  task.start_on = *Date::from_ymd(2021, 1, 4);
  task.due_on = *Date::from_ymd(2021, 6, 30);
  auto added_task = w.add_task(task, "test", ProvinceScope::all());
  ASSERT_TRUE(added_task) << added_task.error().key;
  auto r = htx::testing::run_command(
      "node " + htx::testing::shell_quote(web + "/tests/openapi_responses.mjs") +
      " http://127.0.0.1:" + std::to_string(server->port()) + " " + national);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find(" 0 failed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("ok   200 one task "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("ok   200 one meeting "), std::string::npos) << r.output;
}

// The list filters as the pages answer them (one RegistryArea): a province covers the records
// registered under the units merged into it, for a registry user and in the directory alike.
TEST_F(ApiAuthTest, AProvinceFilterCoversTheUnitsMergedIntoItAsOnThePages) {
  auto national_list = json_of("/api/v1/cooperatives?province=01-2025", 200, bearer(national));
  EXPECT_EQ(national_list["total"], 1);
  EXPECT_EQ(national_list["items"][0]["code"], "0101000001");
  EXPECT_EQ(json_of("/api/v1/cooperatives?province=01-2025", 200, bearer(hanoi))["total"], 1);
  EXPECT_EQ(json_of("/api/v1/cooperatives?province=01-2025")["total"], 1);
  EXPECT_EQ(json_of("/api/v1/cooperatives?province=zz", 400, bearer(hanoi))["error"]["code"],
            "bad_province");
  EXPECT_EQ(json_of("/api/v1/cooperatives?status=nope", 400, bearer(hanoi))["error"]["code"],
            "bad_status");
  EXPECT_EQ(json_of("/api/v1/cooperatives/NOPE", 404, bearer(hanoi))["error"]["code"], "not_found");
}

}  // namespace
}  // namespace htx::api
