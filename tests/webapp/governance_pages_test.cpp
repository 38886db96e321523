// The governance pages through a real server (127.0.0.1, port 0) over the demo (scale 0.05, with
// the work programme and governance of seeds 000–002): Bắc Giang's 3rd BTV meeting of term VI
// with its 14 admissions of batch 2/2021 and its two draft regulations; a new meeting, an item,
// its closing (votes above the attendees → 422, a second closing → 422); admissions (an entity
// already a member or dissolved → 422); a member named twice → 422; the awards of 2021; and who
// may do what: another province's user gets 403, the national leader reads only, CSRF.
#include <gtest/gtest.h>

#include <set>

#include "demo/demo_registry.hpp"
#include "site_server.hpp"

namespace htx::webapp {
namespace {

using namespace site_test_support;

constexpr const char* kBacGiang = "24-2008";
constexpr const char* kMeetingTitle = "Hội nghị Ban Thường vụ lần thứ 3, khóa VI";

class webappGovernance : public ::testing::Test {
 protected:
  void SetUp() override {
    add_site_user(f, "admin", accounts::Role::kAdmin, {});
    add_site_user(f, "leader", accounts::Role::kNationalLeader, {});
    add_site_user(f, "bacgiang", accounts::Role::kProvincialStaff, {kBacGiang});
    add_site_user(f, "hanoi", accounts::Role::kProvincialStaff, {"01-2008"});

    build_site_demo(f, false);
    for (auto& m : f.db->governance().list_meetings({})) btv3 = m.id;
    ASSERT_NE(btv3, 0);
    bac_giang = f.db->work().find_unit_by_code("LMHTX-24")->id;
    for (auto& b : f.db->governance().bodies_of(bac_giang))
      if (b.kind == governance::BodyKind::kStanding) btv = b.id;
    term = f.db->governance().terms_of(bac_giang).front().id;
    server = std::make_unique<SiteServer>(f);
  }

  Browser signed_in(const std::string& user) { return server->signed_in(user); }
  std::int64_t audit_count() {
    audit::Filter all;
    all.limit = 100000;
    return static_cast<std::int64_t>(f.db->audit().list(all).size());
  }
  // The new meeting form's fields: the Bắc Giang BTV in term VI, nine attendees.
  std::vector<std::pair<std::string, std::string>> new_meeting(const std::string& csrf,
                                                               const std::string& number,
                                                               const std::string& held_on) {
    return {{"csrf", csrf},
            {"body_id", std::to_string(btv)},
            {"term_id", std::to_string(term)},
            {"number", number},
            {"held_on", held_on},
            {"mode", "online"},
            {"attendee_count", "9"}};
  }
  std::string meeting_path(std::int64_t id) { return "/governance/meetings/" + std::to_string(id); }
  // A Bắc Giang registry cooperative: a current member, a dissolved one, or a new one.
  std::string entity(bool dissolved, bool member) {
    std::set<std::string> members;
    for (auto& m : f.db->governance().list_memberships({})) members.insert(m.entity_code);
    registry::ListQuery q;
    q.province_id = kBacGiang;
    q.type = registry::EntityType::kCooperative;
    q.limit = 5000;
    for (auto& e : f.db->registry().list(q)) {
      if (static_cast<bool>(e.dissolved_on) != dissolved) continue;
      if ((members.count(e.code) > 0) != member) continue;
      return e.code;
    }
    return "";
  }

  testing::RegistryFixture f;
  std::unique_ptr<SiteServer> server;
  std::int64_t btv3 = 0, bac_giang = 0, btv = 0, term = 0;
};

int count_of(const std::string& body, const std::string& what) {
  int n = 0;
  for (auto at = body.find(what); at != std::string::npos; at = body.find(what, at + 1)) ++n;
  return n;
}

// The part of the page between an element's id and its closing tag `end`.
std::string part(const std::string& body, const std::string& id, const std::string& end) {
  auto at = body.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  return body.substr(at, body.find(end, at) - at);
}

TEST_F(webappGovernance, TheDemoMeetingShowsItsAdmissionsAndRegulations) {
  Browser b = signed_in("admin");
  auto home = b.get("/");
  EXPECT_TRUE(home.has("href=\"/governance/meetings\"")) << "the nav has governance";
  auto list = b.get("/governance/meetings?unit=LMHTX-24&body=standing&year=2021");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(list.has(kMeetingTitle));
  EXPECT_TRUE(list.has("05/11/2021"));
  EXPECT_TRUE(list.has("Nguyễn Đức Hiền"));
  EXPECT_FALSE(b.get("/governance/meetings?year=2020").has(kMeetingTitle));
  // Aligned with the API: an unknown organisation is 404, an unknown body 400 (it was ignored).
  EXPECT_EQ(b.get("/governance/meetings?unit=LMHTX-99").status, 404);
  EXPECT_EQ(b.get("/governance/meetings?body=council").status, 400);
  EXPECT_FALSE(b.get("/governance/meetings?unit=LMHTX-24&body=executive").has(kMeetingTitle));

  auto page = b.get(meeting_path(btv3));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.has(kMeetingTitle));
  EXPECT_TRUE(page.has("Kết nạp 14 đơn vị, đợt 2/2021."));
  EXPECT_EQ(count_of(part(page.body, "meeting-admitted", "</ol>"), "<li>"), 14);
  auto docs = part(page.body, "meeting-documents", "</ul>");
  EXPECT_TRUE(docs.find("Dự thảo Quy chế làm việc của Ban Chấp hành") != std::string::npos) << docs;
  EXPECT_TRUE(docs.find("Dự thảo Quy chế làm việc của Ủy ban Kiểm tra") != std::string::npos);
  EXPECT_TRUE(page.has("href=\"/work/tasks/")) << "the task it created links to the work page";
  EXPECT_TRUE(page.has("Thông qua")) << "the items' outcome";

  auto en = b.get(meeting_path(btv3) + "?lang=en");
  EXPECT_TRUE(en.has("14 units admitted, batch 2/2021.")) << en.body;
  EXPECT_TRUE(en.has("Agenda"));
  EXPECT_EQ(b.get("/governance/meetings?lang=vi").status, 200) << "back to Vietnamese";

  auto admissions = b.get("/governance/admissions?batch=2/2021&unit=LMHTX-24");
  ASSERT_EQ(admissions.status, 200) << admissions.body;
  EXPECT_TRUE(admissions.has("14 hồ sơ, 14 đơn vị được kết nạp")) << admissions.body;
  EXPECT_TRUE(admissions.has("Danh sách thành viên: 14 đơn vị"));
  EXPECT_EQ(b.get("/governance/admissions?batch=x").status, 400);

  auto awards = b.get("/governance/awards?year=2021");
  ASSERT_EQ(awards.status, 200) << awards.body;
  EXPECT_TRUE(awards.has("13 tập thể, 16 cá nhân"));
  EXPECT_TRUE(awards.has("30/QĐ-LMHTXVN"));
  EXPECT_TRUE(b.get("/governance/awards?year=2021&lang=en").has("13 collectives, 16 individuals"));

  auto bodies = b.get("/governance/bodies?unit=LMHTX-24");
  ASSERT_EQ(bodies.status, 200) << bodies.body;
  EXPECT_TRUE(bodies.has("Nguyễn Đức Hiền"));
  EXPECT_TRUE(bodies.has("khóa VI (2020–2025)"));
}

TEST_F(webappGovernance, AMeetingItsItemsAndTheirVotes) {
  Browser b = signed_in("bacgiang");
  auto form = b.get("/governance/meetings/new");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(form.has("name=\"number\" value=\"4\"")) << "the next number is suggested";
  std::string csrf = Browser::csrf_of(form.body);
  std::vector<std::pair<std::string, std::string>> fields{{"csrf", csrf},
                                                          {"body_id", std::to_string(btv)},
                                                          {"term_id", std::to_string(term)},
                                                          {"number", "4"},
                                                          {"held_on", "10/12/2021"},
                                                          {"mode", "online"},
                                                          {"chair", "Nguyễn Đức Hiền"},
                                                          {"attendee_count", "9"},
                                                          {"attendees", "Nguyễn Đức Hiền"}};
  auto created = b.post("/governance/meetings", fields);
  ASSERT_EQ(created.status, 303) << created.body;
  std::string path = created.header("Location");
  std::int64_t id = std::stoll(path.substr(path.rfind('/') + 1));
  auto again = b.post("/governance/meetings", fields);
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(again.has("id=\"error-number\"")) << "the used number is refused beside the field";

  auto added = b.post(path + "/items", {{"csrf", csrf},
                                        {"kind", "report_approval"},
                                        {"title", "Báo cáo kết quả hoạt động năm 2021"}});
  ASSERT_EQ(added.status, 303) << added.body;
  auto item = f.db->governance().items_of(id).at(0);
  std::string close = path + "/items/" + std::to_string(item.id) + "/close";
  std::string prefix = "close-" + std::to_string(item.id);

  auto before = audit_count();
  auto too_many = b.post(close, {{"csrf", csrf},
                                 {"outcome", "approved"},
                                 {"in_favour", "8"},
                                 {"against", "3"},
                                 {"abstain", "1"}});
  EXPECT_EQ(too_many.status, 422);
  auto beside = part(too_many.body, "error-" + prefix + "-votes", "</p>");
  EXPECT_TRUE(beside.find("tổng số phiếu 12 lớn hơn số người dự hội nghị 9") != std::string::npos)
      << too_many.body;
  EXPECT_EQ(audit_count(), before);
  EXPECT_EQ(f.db->governance().find_item(item.id)->outcome, governance::Outcome::kOpen);

  auto ok = b.post(close, {{"csrf", csrf},
                           {"outcome", "approved"},
                           {"in_favour", "8"},
                           {"against", "0"},
                           {"abstain", "1"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(f.db->governance().find_item(item.id)->votes.in_favour, 8);
  before = audit_count();
  auto twice = b.post(close, {{"csrf", csrf}, {"outcome", "rejected"}, {"in_favour", "1"}});
  EXPECT_EQ(twice.status, 422);
  EXPECT_TRUE(part(twice.body, "meeting-alert", "</p>").find("đã được kết luận") !=
              std::string::npos)
      << twice.body;
  EXPECT_EQ(audit_count(), before);
  EXPECT_EQ(f.db->governance().find_item(item.id)->outcome, governance::Outcome::kApproved);

  auto minutes = b.post(path + "/minutes", {{"csrf", csrf}, {"minutes", "Hội nghị thống nhất."}});
  ASSERT_EQ(minutes.status, 303);
  auto page = b.get(path);
  EXPECT_TRUE(page.has("Hội nghị thống nhất."));
  EXPECT_TRUE(page.has("Hội nghị Ban Thường vụ lần thứ 4, khóa VI"));
  EXPECT_TRUE(page.has("Trực tuyến"));
}

TEST_F(webappGovernance, AdmissionsRefuseMembersAndDissolvedEntities) {
  Browser b = signed_in("bacgiang");
  auto page = b.get("/governance/admissions");
  ASSERT_EQ(page.status, 200) << page.body;
  std::string csrf = Browser::csrf_of(page.body);
  auto apply = [&](const std::string& code) {
    return b.post("/governance/admissions", {{"csrf", csrf},
                                             {"unit_id", std::to_string(bac_giang)},
                                             {"entity_code", code},
                                             {"applied_on", "01/03/2022"},
                                             {"batch", "1/2022"}});
  };
  const std::string member = entity(false, true), dissolved = entity(true, false),
                    fresh = entity(false, false);
  ASSERT_FALSE(member.empty());
  ASSERT_FALSE(dissolved.empty());
  ASSERT_FALSE(fresh.empty());
  auto before = audit_count();
  auto already = apply(member);
  EXPECT_EQ(already.status, 422);
  EXPECT_TRUE(part(already.body, "error-entity_code", "</p>").find("đã là thành viên") !=
              std::string::npos)
      << already.body;
  auto gone = apply(dissolved);
  EXPECT_EQ(gone.status, 422);
  EXPECT_TRUE(part(gone.body, "error-entity_code", "</p>").find("đã giải thể") != std::string::npos)
      << gone.body;
  EXPECT_EQ(audit_count(), before);
  EXPECT_EQ(f.db->governance().list_applications({}).size(), 14u);

  auto ok = apply(fresh);
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.header("Location"), "/governance/admissions?batch=1%2F2022&unit=LMHTX-24");
  governance::ApplicationQuery q;
  q.entity_code = fresh;
  auto app = f.db->governance().list_applications(q).at(0);
  auto review =
      b.post("/governance/admissions/" + std::to_string(app.id) + "/review", {{"csrf", csrf}});
  ASSERT_EQ(review.status, 303) << review.body;

  // Decided at a new meeting's admission item.
  auto created = b.post("/governance/meetings", new_meeting(csrf, "5", "15/03/2022"));
  ASSERT_EQ(created.status, 303) << created.body;
  std::string path = created.header("Location");
  ASSERT_EQ(b.post(path + "/items",
                   {{"csrf", csrf}, {"kind", "admission"}, {"title", "Xét kết nạp đợt 1/2022"}})
                .status,
            303);
  std::int64_t meeting = std::stoll(path.substr(path.rfind('/') + 1));
  auto item = f.db->governance().items_of(meeting).at(0);
  auto form = b.get(path);
  EXPECT_TRUE(form.has("name=\"app_" + std::to_string(app.id) + "\""));
  auto decided =
      b.post(path + "/items/" + std::to_string(item.id) + "/decide",
             {{"csrf", csrf}, {"app_" + std::to_string(app.id), "admit"}, {"in_favour", "9"}});
  ASSERT_EQ(decided.status, 303) << decided.body;
  auto list = b.get("/governance/admissions?unit=LMHTX-24");
  EXPECT_TRUE(list.has("Danh sách thành viên: 15 đơn vị")) << list.body;
  EXPECT_TRUE(list.has("15/03/2022"));
}

TEST_F(webappGovernance, APersonIsNamedOnceInABodyForATerm) {
  Browser b = signed_in("bacgiang");
  auto page = b.get("/governance/bodies");
  ASSERT_EQ(page.status, 200) << page.body;
  std::string csrf = Browser::csrf_of(page.body);
  auto before = audit_count();
  auto twice = b.post("/governance/members", {{"csrf", csrf},
                                              {"body_id", std::to_string(btv)},
                                              {"term_id", std::to_string(term)},
                                              {"person", "Nguyễn Đức Hiền"},
                                              {"position", "Ủy viên"},
                                              {"started_on", "01/01/2021"}});
  EXPECT_EQ(twice.status, 422);
  EXPECT_TRUE(part(twice.body, "error-person", "</p>").find("đã là ủy viên") != std::string::npos)
      << twice.body;
  EXPECT_EQ(audit_count(), before);
  EXPECT_EQ(f.db->governance().members_of(btv, term).size(), 1u);
  auto added = b.post("/governance/members", {{"csrf", csrf},
                                              {"body_id", std::to_string(btv)},
                                              {"term_id", std::to_string(term)},
                                              {"person", "Trần Thị Hoa"},
                                              {"position", "Phó Chủ tịch"},
                                              {"started_on", "20/08/2020"}});
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_TRUE(b.get("/governance/bodies?unit=LMHTX-24").has("Trần Thị Hoa"));
}

TEST_F(webappGovernance, AnOrganisationGetsItsBodiesAndTerms) {
  Browser b = signed_in("bacgiang");
  auto page = b.get("/governance/bodies?unit=LMHTX-24");
  ASSERT_TRUE(page.has("id=\"form-term\"")) << page.body;
  ASSERT_TRUE(page.has("id=\"form-body\""));
  std::string csrf = Browser::csrf_of(page.body);
  auto before = audit_count();
  auto terms = f.db->governance().terms_of(bac_giang).size();
  // The term it already has, a term ending before it starts, a body it already has: refused
  // beside the field, nothing written.
  auto again = b.post("/governance/terms", {{"csrf", csrf},
                                            {"unit", "LMHTX-24"},
                                            {"number", "6"},
                                            {"start_year", "2020"},
                                            {"end_year", "2025"}});
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(again.has("error-number")) << again.body;
  auto backwards = b.post("/governance/terms", {{"csrf", csrf},
                                                {"unit", "LMHTX-24"},
                                                {"number", "7"},
                                                {"start_year", "2030"},
                                                {"end_year", "2025"}});
  EXPECT_EQ(backwards.status, 422);
  EXPECT_TRUE(backwards.has("error-end_year")) << backwards.body;
  auto body =
      b.post("/governance/bodies", {{"csrf", csrf}, {"unit", "LMHTX-24"}, {"kind", "inspection"}});
  EXPECT_EQ(body.status, 422);
  EXPECT_TRUE(body.has("error-kind")) << body.body;
  EXPECT_EQ(audit_count(), before);
  EXPECT_EQ(f.db->governance().terms_of(bac_giang).size(), terms);

  // Term VII, 2025–2030: added and listed.
  auto ok = b.post("/governance/terms", {{"csrf", csrf},
                                         {"unit", "LMHTX-24"},
                                         {"number", "7"},
                                         {"start_year", "2025"},
                                         {"end_year", "2030"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(f.db->governance().terms_of(bac_giang).size(), terms + 1);
  EXPECT_TRUE(b.get("/governance/bodies?unit=LMHTX-24").has("khóa VII"));
  EXPECT_EQ(audit_count(), before + 1);

  // Another province's organisation: refused.
  Browser hn = signed_in("hanoi");
  EXPECT_EQ(
      hn.post("/governance/terms", {{"csrf", Browser::csrf_of(hn.get("/governance/bodies").body)},
                                    {"unit", "LMHTX-24"},
                                    {"number", "8"},
                                    {"start_year", "2030"},
                                    {"end_year", "2035"}})
          .status,
      403);
}

TEST_F(webappGovernance, OtherProvincesAreRefusedAndTheLeaderReadsOnly) {
  Browser hn = signed_in("hanoi");
  Browser leader = signed_in("leader");
  Browser admin = signed_in("admin");
  EXPECT_EQ(hn.get(meeting_path(btv3)).status, 403);
  EXPECT_FALSE(hn.get("/governance/meetings").has(kMeetingTitle));
  EXPECT_EQ(hn.get("/governance/meetings?unit=LMHTX-24").status, 403);
  EXPECT_EQ(hn.get("/governance/admissions?unit=LMHTX-24").status, 403);
  EXPECT_EQ(hn.get("/governance/bodies?unit=LMHTX-24").status, 403);
  EXPECT_FALSE(hn.get("/governance/awards?year=2021").has("30/QĐ-LMHTXVN"));
  std::string csrf = Browser::csrf_of(hn.get("/governance/meetings").body);
  auto before = audit_count();
  auto item = f.db->governance().items_of(btv3).at(0);
  EXPECT_EQ(
      hn.post(meeting_path(btv3) + "/items", {{"csrf", csrf}, {"kind", "other"}, {"title", "Khác"}})
          .status,
      403);
  EXPECT_EQ(hn.post(meeting_path(btv3) + "/items/" + std::to_string(item.id) + "/close",
                    {{"csrf", csrf}, {"outcome", "approved"}})
                .status,
            403);
  EXPECT_EQ(hn.post("/governance/meetings", new_meeting(csrf, "9", "01/02/2022")).status, 403);
  EXPECT_EQ(audit_count(), before);

  auto page = leader.get(meeting_path(btv3));
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(page.has("id=\"form-item\"")) << "no forms for a reader";
  EXPECT_EQ(leader.get("/governance/meetings/new").status, 403);
  csrf = Browser::csrf_of(leader.get("/governance/meetings").body);
  EXPECT_EQ(leader.post("/governance/meetings", new_meeting(csrf, "9", "01/02/2022")).status, 403);
  EXPECT_EQ(audit_count(), before);

  // Without the CSRF token nothing is written either, and strangers are sent to sign in.
  EXPECT_EQ(admin.post(meeting_path(btv3) + "/minutes", {{"minutes", "x"}}).status, 403);
  Browser nobody(server->port());
  EXPECT_EQ(nobody.get("/governance/meetings").status, 303);
  EXPECT_EQ(audit_count(), before);
}

}  // namespace
}  // namespace htx::webapp
