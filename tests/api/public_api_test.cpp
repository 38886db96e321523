// The public API through a real server on a loopback port, over a registry built in the test.
#include "api/public_api.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/registry_fixture.hpp"
#include "web/server.hpp"

namespace htx::api {
namespace {

struct HttpReply {
  int status = 0;
  std::string body;
};

// One GET on a new connection (Connection: close), read to the end.
HttpReply get(std::uint16_t port, const std::string& target) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return {};
  }
  std::string req = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                    "Connection: close\r\n\r\n";
  (void)!::write(fd, req.data(), req.size());
  std::string raw;
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) raw.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  HttpReply r;
  if (raw.size() > 12) r.status = std::stoi(raw.substr(9, 3));
  auto body = raw.find("\r\n\r\n");
  if (body != std::string::npos) r.body = raw.substr(body + 4);
  return r;
}

class PublicApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = f.sample("0101000001");
    a.name = "Hợp tác xã Nông nghiệp Hà Nội Xanh";
    a.founded_on = *Date::from_ymd(2021, 2, 10);
    ASSERT_TRUE(f.service.create(a, "test"));
    auto b = f.sample("6601000002");
    b.name = "Hợp tác xã Cà phê Đắk Lắk";
    b.province_id = "66-2008";
    b.address = "Buôn Ma Thuột";
    b.founded_on = *Date::from_ymd(2021, 2, 20);
    ASSERT_TRUE(f.service.create(b, "test"));
    ASSERT_TRUE(f.service.dissolve("6601000002", *Date::from_ymd(2022, 3, 1), "test", "giải thể"));
    url = f.dir.file("test.db");
    ctx = {url,
           [](const std::string& u) { return store::open_database(u); },
           &f.geo,
           &f.sectors,
           &f.vi,
           &f.en};
    register_public_api(router, ctx);
    web::ServerOptions options;
    options.port = 0;
    options.log = [](std::string_view) {};
    server = std::make_unique<web::Server>(options, router);
    server->start();
    runner = std::thread([this] { server->run(); });
  }
  void TearDown() override {
    if (server) server->stop();
    if (runner.joinable()) runner.join();
  }
  nlohmann::json json_of(const std::string& target, int expected_status = 200) {
    auto r = get(server->port(), target);
    EXPECT_EQ(r.status, expected_status) << target << "\n" << r.body;
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  testing::RegistryFixture f;
  std::string url;
  PublicApiContext ctx;
  web::Router router;
  std::unique_ptr<web::Server> server;
  std::thread runner;
};

TEST_F(PublicApiTest, ListsAndSearchesWithoutDiacritics) {
  auto all = json_of("/api/v1/cooperatives");
  EXPECT_EQ(all["total"], 2);
  ASSERT_EQ(all["items"].size(), 2u);
  EXPECT_EQ(all["items"][0]["name"], "Hợp tác xã Cà phê Đắk Lắk") << "Vietnamese order: C before N";
  auto found = json_of("/api/v1/cooperatives?q=ha%20noi");
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["code"], "0101000001");
  EXPECT_EQ(found["items"][0]["province_name"], "Hà Nội");
  EXPECT_EQ(json_of("/api/v1/cooperatives?q=dak%20lak")["total"], 1);
  EXPECT_EQ(json_of("/api/v1/cooperatives?province=66-2008")["total"], 1);
  auto page = json_of("/api/v1/cooperatives?limit=1&offset=1");
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["code"], "0101000001");
}

TEST_F(PublicApiTest, SqlAndBadParametersAreAnsweredNotObeyed) {
  EXPECT_EQ(json_of("/api/v1/cooperatives?q=%27%3B%20DROP%20TABLE%20entity%3B--")["total"], 0);
  EXPECT_EQ(json_of("/api/v1/cooperatives")["total"], 2) << "nothing was dropped";
  auto bad = json_of("/api/v1/cooperatives?type=XYZ", 400);
  EXPECT_EQ(bad["error"]["code"], "bad_type");
  EXPECT_EQ(json_of("/api/v1/cooperatives?limit=abc", 400)["error"]["code"], "bad_paging");
  EXPECT_EQ(json_of("/api/v1/cooperatives?limit=0", 400)["error"]["code"], "bad_paging");
}

TEST_F(PublicApiTest, OneEntityWithItsHistoryOr404InTheUsersLanguage) {
  auto e = json_of("/api/v1/cooperatives/6601000002");
  EXPECT_EQ(e["status"], "dissolved");
  ASSERT_EQ(e["events"].size(), 2u);
  EXPECT_EQ(e["events"][0]["kind"], "founded");
  EXPECT_EQ(e["events"][1]["kind"], "dissolved");
  EXPECT_EQ(e["events"][1]["effective_on"], "2022-03-01");
  auto missing = json_of("/api/v1/cooperatives/NOPE", 404);
  EXPECT_EQ(missing["error"]["message"], "không có đơn vị mã số NOPE");
  auto english = json_of("/api/v1/cooperatives/NOPE?lang=en", 404);
  EXPECT_EQ(english["error"]["message"], "there is no entity with code NOPE");
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

}  // namespace
}  // namespace htx::api
