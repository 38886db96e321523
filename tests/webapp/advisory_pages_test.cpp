// Advisory cases' pages through a real server over the demo (scale 0.05) with its training and
// advisory demos: the list's rows are the records of the caller's scope; a case opened by Bắc
// Giang's staff through the form, the registry entity proposed on its page, a close with another
// province's entity refused beside `entity_code` with nothing written, then closed; and the
// statistics page's target table shows Bắc Giang's four indicators of 2021.
#include <gtest/gtest.h>

#include "advisory/advisory_repository.hpp"
#include "demo/demo_advisory.hpp"
#include "demo/demo_training.hpp"
#include "site_server.hpp"

namespace htx::webapp {
namespace {

using namespace site_test_support;

class webappAdvisory : public ::testing::Test {
 protected:
  void SetUp() override {
    build_site_demo(f, false);
    demo::build_training_demo({*f.db, f.clock.today(), f.clock.now_iso()},
                              htx::testing::training_rules());
    auto sum = demo::build_advisory_demo({*f.db, f.clock.today(), f.clock.now_iso()});
    ASSERT_GT(sum.closed, 0);
    add_site_user(f, "leader", accounts::Role::kNationalLeader, {});
    add_site_user(f, "bacgiang", accounts::Role::kProvincialStaff, {"24-2008"});
    server = std::make_unique<SiteServer>(f);
  }
  static std::size_t count(const std::string& body, const std::string& what) {
    std::size_t n = 0;
    for (auto p = body.find(what); p != std::string::npos; p = body.find(what, p + 1)) ++n;
    return n;
  }

  htx::testing::RegistryFixture f;
  std::unique_ptr<SiteServer> server;
};

TEST_F(webappAdvisory, TheListIsTheRecordsOfTheScope) {
  std::size_t bac_giang = 0, all = 0, open = 0;
  for (const auto& c : f.db->advisory().list({})) {
    ++all;
    bac_giang += c.province_id == "24-2008";
    open += c.status == advisory::CaseStatus::kOpen;
  }
  auto leader = server->signed_in("leader");
  auto r = leader.get("/advisory-cases");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(count(r.body, "class=\"advisory-row "), all);
  auto filtered = leader.get("/advisory-cases?status=open");
  EXPECT_EQ(count(filtered.body, "class=\"advisory-row open\""), open);
  EXPECT_EQ(count(filtered.body, "class=\"advisory-row "), open);
  EXPECT_EQ(leader.get("/advisory-cases?status=xong").status, 400);
  auto bg = server->signed_in("bacgiang");
  EXPECT_EQ(count(bg.get("/advisory-cases").body, "class=\"advisory-row "), bac_giang);
  EXPECT_LT(bac_giang, all);
}

TEST_F(webappAdvisory, OpenedThroughTheFormThenClosed) {
  // The newest Bắc Giang cooperative that no case names yet.
  registry::ListQuery q;
  q.province_id = "24-2008";
  q.type = registry::EntityType::kCooperative;
  q.sort = registry::ListQuery::Sort::kFoundedOn;
  q.descending = true;
  q.limit = 1000;
  registry::Entity target;
  for (const auto& e : f.db->registry().list(q))
    if (!f.db->advisory().find_by_entity(e.code)) {
      target = e;
      break;
    }
  ASSERT_FALSE(target.code.empty());
  auto b = server->signed_in("bacgiang");
  auto form = b.get("/advisory-cases/new");
  ASSERT_EQ(form.status, 200) << form.body;
  const auto csrf = Browser::csrf_of(form.body);
  auto made =
      b.post("/advisory-cases", {{"csrf", csrf},
                                 {"unit", "LMHTX-24"},
                                 {"group_name", "Nhóm sáng lập " + target.name},
                                 {"planned_type", "HTX"},
                                 {"opened_on", target.founded_on.add_days(-10).vietnamese()}});
  ASSERT_EQ(made.status, 303) << made.body;
  const auto location = made.header("location");
  auto page = b.get(location);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has(target.code)) << page.body;  // proposed
  const auto close_csrf = Browser::csrf_of(page.body);
  auto refused = b.post(location + "/close", {{"csrf", close_csrf},
                                              {"entity_code", "0100000000"},
                                              {"closed_on", target.founded_on.vietnamese()}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(refused.has("id=\"error-entity_code\"")) << refused.body;
  const auto id = std::stoll(location.substr(location.rfind('/') + 1));
  EXPECT_EQ(f.db->advisory().find(id)->status, advisory::CaseStatus::kOpen);
  auto closed = b.post(location + "/close", {{"csrf", close_csrf},
                                             {"entity_code", target.code},
                                             {"closed_on", target.founded_on.vietnamese()}});
  ASSERT_EQ(closed.status, 303) << closed.body;
  EXPECT_EQ(f.db->advisory().find(id)->entity_code, target.code);
  EXPECT_TRUE(b.get(location).has("id=\"advisory-entity\""));
}

TEST_F(webappAdvisory, TheReportShowsTheFourTargets) {
  auto b = server->signed_in("leader");
  auto r = b.get("/reports?period=2021");
  ASSERT_EQ(r.status, 200) << r.body;
  for (const char* name : {"HTX thành lập mới", "Thành viên mới", "Người được đào tạo, bồi dưỡng",
                           "HTX thành lập mới có tư vấn của Liên minh"})
    EXPECT_TRUE(r.has(name)) << name;
}

}  // namespace
}  // namespace htx::webapp
