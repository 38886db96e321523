// The public side of the API (no token) through a real server on a loopback port, over a
// registry built in the test: the directory, one entity, reports, the dashboard, the document.
#include <gtest/gtest.h>

#include "api/dashboard.hpp"
#include "api_fixture.hpp"
#include "support/prerequisite.hpp"

namespace htx::api {
namespace {

using PublicApiTest = testing::ApiFixture;

TEST_F(PublicApiTest, ListsAndSearchesWithoutDiacritics) {
  auto all = json_of("/api/v1/cooperatives");
  EXPECT_EQ(all["total"], 2);
  EXPECT_EQ(all["limit"], 50);
  EXPECT_EQ(all["offset"], 0);
  EXPECT_EQ(all["view"], "directory");
  ASSERT_EQ(all["items"].size(), 2u);
  EXPECT_EQ(all["items"][0]["name"], "Hợp tác xã Cà phê Đắk Lắk") << "Vietnamese order: C before N";
  auto found = json_of("/api/v1/cooperatives?q=ha%20noi");
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["code"], "0101000001");
  EXPECT_EQ(found["items"][0]["province_name"], "Hà Nội");
  EXPECT_EQ(json_of("/api/v1/cooperatives?q=dak%20lak")["total"], 1);
  EXPECT_EQ(json_of("/api/v1/cooperatives?province=66-2008")["total"], 1);
  EXPECT_EQ(json_of("/api/v1/cooperatives?status=dissolved")["total"], 1);
  EXPECT_EQ(json_of("/api/v1/cooperatives?type=THT")["total"], 0);
  auto page = json_of("/api/v1/cooperatives?limit=1&offset=1");
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["code"], "0101000001");
  auto by_code_desc = json_of("/api/v1/cooperatives?sort=code&dir=desc");
  EXPECT_EQ(by_code_desc["items"][0]["code"], "6601000002");
  auto by_founding = json_of("/api/v1/cooperatives?sort=founded");
  EXPECT_EQ(by_founding["items"][0]["code"], "0101000001");
}

TEST_F(PublicApiTest, ThePublicSeesDirectoryFieldsOnly) {
  auto all = json_of("/api/v1/cooperatives");
  const auto& item = all["items"][1];
  for (auto key : {"code", "name", "type", "province_id", "province_name", "sector_id",
                   "sector_name", "status", "founded_on"})
    EXPECT_TRUE(item.contains(key)) << key;
  for (auto key : {"members", "employees", "charter_capital", "revenue", "address", "events"})
    EXPECT_FALSE(item.contains(key)) << key;
  auto one = json_of("/api/v1/cooperatives/6601000002");
  EXPECT_EQ(one["status"], "dissolved");
  EXPECT_FALSE(one.contains("events"));
  EXPECT_FALSE(one.contains("revenue"));
}

TEST_F(PublicApiTest, SqlAndBadParametersAreAnsweredNotObeyed) {
  EXPECT_EQ(json_of("/api/v1/cooperatives?q=%27%3B%20DROP%20TABLE%20entity%3B--")["total"], 0);
  EXPECT_EQ(json_of("/api/v1/cooperatives?q=%25%27%20OR%20%271%27%3D%271")["total"], 0);
  EXPECT_EQ(json_of("/api/v1/cooperatives?q=%5C%25_%2A")["total"], 0);
  EXPECT_EQ(
      json_of("/api/v1/cooperatives?province=01-2008%27%20OR%201%3D1--", 400)["error"]["code"],
      "bad_province");
  EXPECT_EQ(json_of("/api/v1/cooperatives")["total"], 2) << "nothing was dropped";
  auto bad = json_of("/api/v1/cooperatives?type=XYZ", 400);
  EXPECT_EQ(bad["error"]["code"], "bad_type");
  EXPECT_EQ(json_of("/api/v1/cooperatives?limit=abc", 400)["error"]["code"], "bad_paging");
  EXPECT_EQ(json_of("/api/v1/cooperatives?limit=0", 400)["error"]["code"], "bad_paging");
  EXPECT_EQ(json_of("/api/v1/cooperatives?limit=1001", 400)["error"]["code"], "bad_paging");
  EXPECT_EQ(json_of("/api/v1/cooperatives?sort=members", 400)["error"]["code"], "bad_sort");
  EXPECT_EQ(json_of("/api/v1/cooperatives?dir=up", 400)["error"]["code"], "bad_dir");
  EXPECT_EQ(json_of("/api/v1/cooperatives?status=gone", 400)["error"]["code"], "bad_status");
}

TEST_F(PublicApiTest, OneEntityOr404InTheUsersLanguage) {
  auto missing = json_of("/api/v1/cooperatives/NOPE", 404);
  EXPECT_EQ(missing["error"]["message"], "không có đơn vị mã số NOPE");
  auto english = json_of("/api/v1/cooperatives/NOPE?lang=en", 404);
  EXPECT_EQ(english["error"]["message"], "there is no entity with code NOPE");
  auto by_header =
      json_of("/api/v1/cooperatives/NOPE", 404, {{"Accept-Language", "en-GB,en;q=0.9"}});
  EXPECT_EQ(by_header["error"]["message"], "there is no entity with code NOPE");
}

TEST_F(PublicApiTest, ReportOfAPeriodComputedFromTheRecords) {
  auto r = json_of("/api/v1/reports/2021-02");
  EXPECT_NE(r["narrative"].get<std::string>().find("thành lập mới 2 HTX"), std::string::npos)
      << r["narrative"];
  auto y2022 = json_of("/api/v1/reports/2022?lang=en");
  EXPECT_NE(y2022["narrative"].get<std::string>().find("dissolved"), std::string::npos)
      << y2022["narrative"];
  auto bad = json_of("/api/v1/reports/2021-13", 400);
  EXPECT_EQ(bad["error"]["code"], "bad_period");
  EXPECT_EQ(json_of("/api/v1/reports/2021?boundaries=moon", 400)["error"]["code"],
            "bad_boundaries");
  EXPECT_EQ(json_of("/api/v1/reports/2021")["boundaries"], "old63");
  auto on_new = json_of("/api/v1/reports/2021?boundaries=new");
  EXPECT_EQ(on_new["boundaries"], "new34");
}

TEST_F(PublicApiTest, DashboardNationalAndOfAProvinceWithTheUnitsMergedIntoIt) {
  auto national = json_of("/api/v1/dashboard");
  EXPECT_EQ(national["as_of"], "2026-11-29");
  EXPECT_EQ(national["scope"]["kind"], "national");
  EXPECT_EQ(national["scope"]["name"], "Toàn quốc");
  EXPECT_EQ(national["stock"]["HTX"], 1);
  ASSERT_EQ(national["yearly"].size(), 5u);
  EXPECT_EQ(national["yearly"][0]["year"], 2022);
  EXPECT_EQ(national["yearly"][0]["dissolved_htx"], 1);

  // Hà Nội of the 34 units also counts what was registered under the old Hà Nội (01-2008).
  auto hanoi = json_of("/api/v1/dashboard?province=01-2025");
  EXPECT_EQ(hanoi["scope"]["kind"], "provinces");
  EXPECT_EQ(hanoi["scope"]["name"], "Hà Nội");
  auto ids = hanoi["scope"]["province_ids"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(ids.begin(), ids.end(), "01-2008"), ids.end());
  EXPECT_EQ(hanoi["stock"]["HTX"], 1);
  EXPECT_EQ(json_of("/api/v1/dashboard?province=66-2025")["stock"]["HTX"], 0);
  EXPECT_EQ(json_of("/api/v1/dashboard?province=nowhere", 400)["error"]["code"], "bad_province");

  // The same bytes every time (the cache), as JSON.
  auto a = get("/api/v1/dashboard"), b = get("/api/v1/dashboard");
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(a.header("content-type").rfind("application/json", 0), 0u) << a.header("content-type");
}

TEST_F(PublicApiTest, DashboardCacheFollowsTheDataGeneration) {
  auto before = json_of("/api/v1/dashboard");
  auto e = f.sample("0101000099");
  e.founded_on = *Date::from_ymd(2026, 11, 2);
  ASSERT_TRUE(f.service.create(e, "cli"));  // another "process": the cache does not know yet
  EXPECT_EQ(json_of("/api/v1/dashboard"), before) << "cached for the time to live";
  ctx.data_generation.fetch_add(1);
  auto after = json_of("/api/v1/dashboard");
  EXPECT_EQ(after["month"]["founded"]["HTX"], before["month"]["founded"]["HTX"].get<int>() + 1);
  EXPECT_EQ(after["stock"]["HTX"], before["stock"]["HTX"].get<int>() + 1);
  EXPECT_EQ(dashboard_json(ctx, national_dashboard_scope(ctx)), after);
}

TEST_F(PublicApiTest, TheOpenApiDocumentIsServedWithAnETag) {
  auto doc = get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.header("content-type"), "application/json");
  auto j = doc.json();
  EXPECT_EQ(j["openapi"].get<std::string>().rfind("3.1", 0), 0u);
  auto again = get("/api/v1/openapi.json", {{"If-None-Match", doc.header("etag")}});
  EXPECT_EQ(again.status, 304);
}

TEST_F(PublicApiTest, StaticFilesAndTheVendoredPackages) {
  auto htmx = get("/static/vendor/htmx.min.js", {{"Accept", "*/*"}});
  auto chart = get("/static/vendor/chart.umd.js", {{"Accept", "*/*"}});
  HTX_REQUIRE(std::filesystem::exists(std::filesystem::path(HTX_WEB_DIR) / "node_modules/htmx.org"),
              "web/node_modules is not installed (scripts/npm-deps.sh)");
  EXPECT_EQ(htmx.status, 200);
  EXPECT_EQ(htmx.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_NE(htmx.body.find("htmx"), std::string::npos);
  EXPECT_EQ(chart.status, 200);
  EXPECT_NE(chart.body.find("Chart"), std::string::npos);
  EXPECT_EQ(get("/static/../package.json").status, 404);
  EXPECT_EQ(get("/static/%2e%2e/package.json").status, 404);
}

}  // namespace
}  // namespace htx::api
