// One profile of a cooperative in the JSON API through a real server (issue 13, item 5): Hà Nội's
// cooperative admitted at the 3rd meeting of the city alliance's standing committee, an award, a
// course one of its people completed (and one who did not), an OCOP product; the sections each
// role reads — national roles, the city's staff and the cooperative's own account all of them,
// the central fund's staff the record, products and loans only — and the refusals: another
// province's staff, another cooperative's account and a buyer 403, an unknown code 404, no token
// 401.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.hpp"
#include "governance/governance_service.hpp"
#include "training/training_repository.hpp"

namespace htx::api {
namespace {

using nlohmann::json;

const char* kCode = "0101000001";
const char* kName = "Hợp tác xã Nông nghiệp Hà Nội Xanh";

class ProfileApiTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    auto& db = *f.db;
    auto unit = [&](const char* code, const char* name, work::UnitKind kind, const char* province) {
      return db.work().insert_unit({0, code, name, kind, province, 0});
    };
    national = unit("LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, "");
    hanoi =
        unit("LMHTX-01", "Liên minh HTX thành phố Hà Nội", work::UnitKind::kProvincial, "01-2008");
    governance::GovernanceService g(db.governance(), db.work(), db.registry(), db.audit(), db,
                                    f.clock);
    auto meeting = standing_meeting(hanoi, 3, *Date::from_ymd(2021, 11, 5), "Nguyễn Văn Hà",
                                    governance::ItemKind::kAdmission, "Xét kết nạp đợt 2/2021");
    ASSERT_TRUE(meeting);
    governance::Application a;
    a.unit_id = hanoi;
    a.entity_code = kCode;
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
    award.recipient = kName;
    ASSERT_TRUE(g.add_award(award, "test", ProvinceScope::all()));
    award.recipient = "Hợp tác xã Cà phê Đắk Lắk";  // another cooperative's
    ASSERT_TRUE(g.add_award(award, "test", ProvinceScope::all()));

    auto& t = db.training();
    training::Course c;
    c.code = "HN-2021-01";
    c.unit_id = hanoi;
    c.kind = "tap_huan";
    c.topic = "Quản trị hợp tác xã";
    c.province_id = "01-2008";
    c.starts_on = *Date::from_ymd(2021, 3, 1);
    c.ends_on = *Date::from_ymd(2021, 3, 3);
    c.year = 2021;
    c.id = t.insert_course(c);
    auto person = [&](const char* name, const char* entity) {
      training::Trainee p;
      p.full_name = name;
      p.birth_year = 1980;
      p.ethnicity = "01";
      p.role = "member";
      p.entity_code = entity;
      p.province_id = "01-2008";
      return t.insert_trainee(p);
    };
    auto enrol = [&](std::int64_t trainee, bool completed, const char* certificate) {
      training::Enrolment e;
      e.course_id = c.id;
      e.trainee_id = trainee;
      e.enrolled_on = c.starts_on;
      e.completed = completed;
      e.certificate_code = certificate;
      if (*certificate) e.certified_on = c.ends_on;
      t.insert_enrolment(e);
    };
    enrol(person("Nguyễn Thị Hoa", kCode), true, "HN21ABCD");
    enrol(person("Trần Văn Nam", kCode), false, "");              // did not complete
    enrol(person("Lê Thị Mai", "6601000002"), true, "HN21EFGH");  // another cooperative's

    ocop::Certificate o;
    o.product = "Gạo nếp cái hoa vàng";
    o.group = "thuc_pham";
    o.subgroup = "so_che";
    o.producer_code = kCode;
    o.producer_name = kName;
    o.province_id = "01-2008";
    o.stars = 4;
    o.level = ocop::Level::kProvince;
    o.decision_number = "123/QĐ-UBND";
    o.decided_on = *Date::from_ymd(2025, 6, 1);
    o.valid_until = *Date::from_ymd(2028, 5, 31);
    o.entered_by = "test";
    o.entered_at = "2025-06-01T00:00:00Z";
    db.ocop().insert(o);

    admin = token_for("admin", accounts::Role::kAdmin);
    leader = token_for("leader", accounts::Role::kNationalLeader);
    hn = token_for("hanoi", accounts::Role::kProvincialStaff, {"01-2008"});
    dl = token_for("daklak", accounts::Role::kProvincialStaff, {"66-2008"});
    own = token_for("htx-xanh", accounts::Role::kCooperative, {}, kCode);
    other = token_for("htx-caphe", accounts::Role::kCooperative, {}, "6601000002");
    buyer = token_for("buyer", accounts::Role::kBuyer);
    fund = token_for("fund", accounts::Role::kFundStaff);
  }

  testing::HttpReply profile(const std::string& token, const std::string& code = kCode) {
    return testing::http(server->port(), "GET", "/api/v1/entities/" + code + "/profile", "",
                         token.empty() ? std::map<std::string, std::string>{} : bearer(token));
  }
  // The sections a profile holds besides the record.
  static std::set<std::string> sections(const json& j) {
    std::set<std::string> out;
    for (const char* s : {"membership", "ocop", "training", "market", "fund", "awards"})
      if (j.contains(s)) out.insert(s);
    return out;
  }

  std::int64_t national = 0, hanoi = 0;
  std::string admin, leader, hn, dl, own, other, buyer, fund;
};

const std::set<std::string> kEvery{"membership", "ocop", "training", "market", "fund", "awards"};

TEST_F(ProfileApiTest, TheProfileGathersTheRecordMembershipAwardsTrainingAndProducts) {
  auto r = profile(admin);
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["entity"]["code"], kCode);
  EXPECT_EQ(j["entity"]["name"], kName);
  ASSERT_GE(j["events"].size(), 1u);
  EXPECT_EQ(j["events"][0]["kind"], "founded");
  EXPECT_EQ(sections(j), kEvery);

  // Admitted at the 3rd meeting of the city's standing committee, from its date.
  const auto& ms = j["membership"]["memberships"];
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0]["unit_code"], "LMHTX-01");
  EXPECT_EQ(ms[0]["since"], "2021-11-05");
  EXPECT_EQ(ms[0]["item"]["title"], "Xét kết nạp đợt 2/2021");
  EXPECT_EQ(ms[0]["meeting"]["held_on"], "2021-11-05");
  EXPECT_NE(ms[0]["meeting"]["title"].get<std::string>().find("lần thứ 3"), std::string::npos)
      << ms[0]["meeting"]["title"];
  ASSERT_EQ(j["membership"]["applications"].size(), 1u);
  EXPECT_EQ(j["membership"]["applications"][0]["status"], "admitted");

  // Its own award only; the course Hoa completed (not Nam's unfinished one, nor another
  // cooperative's trainee); its product.
  ASSERT_EQ(j["awards"].size(), 1u);
  EXPECT_EQ(j["awards"][0]["recipient"], kName);
  ASSERT_EQ(j["training"].size(), 1u);
  EXPECT_EQ(j["training"][0]["trainee"], "Nguyễn Thị Hoa");
  EXPECT_EQ(j["training"][0]["course"], "HN-2021-01");
  EXPECT_EQ(j["training"][0]["certificate_code"], "HN21ABCD");
  ASSERT_EQ(j["ocop"].size(), 1u);
  EXPECT_EQ(j["ocop"][0]["stars"], 4);
  EXPECT_EQ(j["ocop"][0]["valid"], true);
  EXPECT_TRUE(j["market"]["offers"].empty());
  EXPECT_EQ(j["market"]["sales_value"], 0);
  EXPECT_TRUE(j["fund"].empty());
}

TEST_F(ProfileApiTest, EachSectionOnlyForThoseAllowed) {
  for (const auto* token : {&admin, &leader, &hn, &own}) {
    auto r = profile(*token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(sections(r.json()), kEvery);
  }
  // The central fund's staff: the record, the products and the loans; not the work
  // programme's governance and training, nor the exchange.
  auto r = profile(fund);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(sections(r.json()), (std::set<std::string>{"ocop", "fund"}));
  EXPECT_EQ(r.json()["entity"]["code"], kCode);
}

TEST_F(ProfileApiTest, OthersAreRefused) {
  EXPECT_EQ(profile(dl).status, 403);     // another province's staff
  EXPECT_EQ(profile(other).status, 403);  // another cooperative's account
  EXPECT_EQ(profile(buyer).status, 403);
  EXPECT_EQ(profile("").status, 401);
  EXPECT_EQ(profile(admin, "0109999999").status, 404);
  // The Đắk Lắk cooperative's own account reads its own profile, without Hà Nội's award.
  auto r = profile(other, "6601000002");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["awards"].size(), 1u);
  EXPECT_TRUE(r.json()["membership"]["memberships"].empty());
  EXPECT_EQ(r.json()["training"].size(), 1u);
  EXPECT_EQ(r.json()["training"][0]["trainee"], "Lê Thị Mai");
}

TEST_F(ProfileApiTest, TheCooperativeProposesAndTheCityApprovesAsOneEvent) {
  const std::string changes = std::string("/api/v1/entities/") + kCode + "/change-requests";
  // Another cooperative's record; a field it may not propose; a bad number: nothing stored.
  EXPECT_EQ(call("POST", changes, other, {{"members", 10}}).status, 403);
  auto bad = call("POST", changes, own, {{"name", "Tên mới"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  bad = call("POST", changes, own, {{"members", "nhiều"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("members"), std::string::npos) << bad.body;
  EXPECT_EQ(call("GET", changes, own).json()["total"], 0);

  auto proposed = call("POST", changes, own, {{"members", 150}, {"note", "Kết nạp thêm"}});
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const auto id = std::to_string(proposed.json()["id"].get<std::int64_t>());
  EXPECT_EQ(proposed.json()["changes"]["members"], json::array({120, 150}));
  EXPECT_EQ(call("POST", changes, own, {{"members", 151}}).status, 409);  // one pending
  auto queue = call("GET", "/api/v1/change-requests", hn);
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(queue.json()["total"], 1);
  EXPECT_EQ(call("GET", "/api/v1/change-requests", dl).json()["total"], 0);
  EXPECT_EQ(call("GET", "/api/v1/change-requests", own).status, 403);

  const auto events = profile(admin).json()["events"].size();
  // Its own account approving, another province's staff: 403; rejecting without a reason: 422.
  EXPECT_EQ(call("POST", "/api/v1/change-requests/" + id + "/approve", own).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/change-requests/" + id + "/approve", dl).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/change-requests/" + id + "/reject", hn).status, 422);
  auto approved = call("POST", "/api/v1/change-requests/" + id + "/approve", hn);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "approved");
  auto after = profile(own).json();
  EXPECT_EQ(after["entity"]["members"], 150);
  ASSERT_EQ(after["events"].size(), events + 1);
  EXPECT_EQ(after["events"].back()["kind"], "corrected");
  EXPECT_EQ(after["events"].back()["actor"], "hanoi");
  EXPECT_EQ(call("POST", "/api/v1/change-requests/" + id + "/approve", hn).status, 409);
}

TEST_F(ProfileApiTest, TheCooperativeAppliesAndEnrolsOnlyForItself) {
  const std::string base = std::string("/api/v1/entities/") + kCode;
  EXPECT_EQ(call("POST", base + "/membership-applications", other, {{"batch", "1/2026"}}).status,
            403);
  // Already a member of the city's alliance (admitted in 2021).
  auto member = call("POST", base + "/membership-applications", own, {{"batch", "1/2026"}});
  EXPECT_EQ(member.status, 422) << member.body;
  auto r = call("POST", "/api/v1/entities/6601000002/membership-applications", other,
                {{"batch", "1/2026"}});
  EXPECT_EQ(r.status, 422) << r.body;  // no alliance of Đắk Lắk in this test, or dissolved
  auto course = call("POST", base + "/enrolments", own, {{"course", "HN-2021-01"}, {"trainee", 1}});
  EXPECT_EQ(course.status, 422) << course.body;  // the course has ended
  EXPECT_EQ(
      call("POST", base + "/enrolments", other, {{"course", "HN-2021-01"}, {"trainee", 1}}).status,
      403);
}

}  // namespace
}  // namespace htx::api
