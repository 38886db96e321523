// A real server on a loopback port with the whole /api/v1 over a registry built in the test,
// users with API tokens, and a plain POSIX-socket HTTP client.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "api/app_context.hpp"
#include "api/public_api.hpp"
#include "governance/governance_service.hpp"
#include "support/market_data.hpp"
#include "support/prerequisite.hpp"
#include "support/python.hpp"
#include "support/registry_fixture.hpp"
#include "web/server.hpp"

namespace htx::api::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// One request on a new connection (Connection: close), read to the end.
inline HttpReply http(std::uint16_t port, const std::string& method, const std::string& target,
                      const std::string& body = "",
                      const std::map<std::string, std::string>& headers = {}) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return {};
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n";
  bool accept = false;
  for (auto& [k, v] : headers) {
    req += k + ": " + v + "\r\n";
    if (k == "Accept") accept = true;
  }
  if (!accept) req += "Accept: application/json\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH")
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "Connection: close\r\n\r\n";
  req += body;
  std::string_view out = req;
  while (!out.empty()) {
    ssize_t n = ::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
    if (n <= 0) break;
    out.remove_prefix(static_cast<std::size_t>(n));
  }
  std::string raw;
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
    raw.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  HttpReply r;
  if (raw.size() > 12) r.status = std::stoi(raw.substr(9, 3));
  auto end = raw.find("\r\n\r\n");
  std::string head = raw.substr(0, end);
  for (std::size_t pos = head.find("\r\n"); pos != std::string::npos;) {
    std::size_t next = head.find("\r\n", pos + 2);
    std::string line = head.substr(pos + 2, next == std::string::npos ? next : next - pos - 2);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers[name] = value;
    }
    pos = next;
  }
  if (end != std::string::npos) r.body = raw.substr(end + 4);
  return r;
}

// In a test's body: node and web/node_modules's ajv, which expect_answers_match_openapi runs,
// are there (skipped without them; a failure under CI=true).
#define HTX_REQUIRE_OPENAPI_VALIDATOR()                                                  \
  do {                                                                                   \
    HTX_REQUIRE(::htx::testing::run_command("node --version").status == 0,               \
                "node is not installed");                                                \
    HTX_REQUIRE(std::filesystem::exists(std::string(HTX_WEB_DIR) + "/node_modules/ajv"), \
                "web/node_modules is not installed (scripts/npm-deps.sh)");              \
  } while (false)

class ApiFixture : public ::testing::Test {
 protected:
  // Two entities before the server starts (one in Hà Nội, one dissolved in Đắk Lắk).
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

    ctx.database_url = f.dir.file("test.db");
    ctx.open_database = [](const std::string& u) { return store::open_database(u); };
    ctx.geo = &f.geo;
    ctx.sectors = &f.sectors;
    ctx.columns = &f.columns;
    ctx.market = &htx::testing::market_data();
    ctx.fund = &htx::testing::fund_rules();
    ctx.ocop = &htx::testing::ocop_rules();
    ctx.training = &htx::testing::training_rules();
    ctx.vi = &f.vi;
    ctx.en = &f.en;
    ctx.clock = &f.clock;
    ctx.now = [] { return std::chrono::system_clock::now(); };
    ctx.web_dir = HTX_WEB_DIR;
    register_public_api(router, ctx);
    register_static(router, ctx);
    web::ServerOptions options;
    options.port = 0;
    options.body_limit = 4 * 1024 * 1024;
    options.data_dir = HTX_SOURCE_DATA_DIR;
    options.log = [](std::string_view) {};
    server = std::make_unique<web::Server>(options, router);
    server->start();
    runner = std::thread([this] { server->run(); });
  }
  void TearDown() override {
    if (server) server->stop();
    if (runner.joinable()) runner.join();
  }

  // A user with an API token (returned in clear).
  std::string token_for(const std::string& username, accounts::Role role,
                        std::vector<std::string> provinces = {}, std::string entity = "") {
    auto& services = worker_services(ctx);
    accounts::NewUser u;
    u.username = username;
    u.display_name = "Người dùng " + username;
    u.role = role;
    u.province_ids = std::move(provinces);
    u.entity_code = std::move(entity);
    u.password = "mật-khẩu-dài-đủ-12";
    auto added = services.accounts->add_user(u, "test");
    EXPECT_TRUE(added) << (added ? "" : added.error().key);
    auto token = services.accounts->issue_api_token(username, "test", "test");
    EXPECT_TRUE(token);
    return token ? *token : std::string();
  }
  // The standing committee (BTV) of `unit` with its term VI (2020-2025), and the committee's
  // meeting `number` held on `held_on` with 9 attendees and one agenda item of `kind`.
  std::optional<governance::MeetingDetail> standing_meeting(std::int64_t unit, int number,
                                                            Date held_on, const std::string& chair,
                                                            governance::ItemKind kind,
                                                            const std::string& title) {
    auto& db = *f.db;
    governance::GovernanceService g(db.governance(), db.work(), db.registry(), db.audit(), db,
                                    f.clock);
    auto btv = g.add_body(unit, governance::BodyKind::kStanding, "test", ProvinceScope::all());
    auto term = g.add_term({0, unit, 6, 2020, 2025}, "test", ProvinceScope::all());
    EXPECT_TRUE(btv && term);
    if (!btv || !term) return std::nullopt;
    governance::Meeting m;
    m.body_id = btv->id;
    m.term_id = term->id;
    m.number = number;
    m.held_on = held_on;
    m.chair = chair;
    m.attendee_count = 9;
    governance::AgendaItem item;
    item.kind = kind;
    item.title = title;
    auto meeting = g.add_meeting(m, {item}, "test", ProvinceScope::all());
    EXPECT_TRUE(meeting) << (meeting ? "" : meeting.error().key);
    if (!meeting) return std::nullopt;
    return std::move(*meeting);
  }
  // Recorded answers ({method, template, target, status, body}) validated against
  // web/openapi.json by its own validator (web/tests/openapi_responses.mjs: ajv, JSON Schema
  // 2020-12), each mismatch printed.
  void expect_answers_match_openapi(const nlohmann::json& answers) {
    const std::string web = HTX_WEB_DIR;
    const auto file = f.dir.file("answers.json");
    std::ofstream(file) << answers.dump();
    const auto script = f.dir.file("check.mjs");
    std::ofstream(script)
        << "import { readFileSync } from 'node:fs';\n"
        << "import { makeValidator } from '" << web << "/tests/openapi_responses.mjs';\n"
        << "const validate = makeValidator();\n"
        << "let failed = 0;\n"
        << "for (const a of JSON.parse(readFileSync(process.argv[2], 'utf8'))) {\n"
        << "  const errors = validate(a.method, a.template, a.status, a.body);\n"
        << "  if (errors.length) { failed++; console.log(a.method, a.target, "
           "a.status, errors.join('; ')); }\n"
        << "}\n"
        << "console.log(`${failed} failed`);\n"
        << "process.exit(failed ? 1 : 0);\n";
    auto r = htx::testing::run_command("node " + htx::testing::shell_quote(script) + " " +
                                       htx::testing::shell_quote(file));
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("0 failed"), std::string::npos) << r.output;
  }
  static std::map<std::string, std::string> bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }
  // A JSON request with the bearer `token` (no Authorization header when it is empty).
  HttpReply call(const std::string& method, const std::string& target, const std::string& token,
                 const nlohmann::json& body = nlohmann::json::object()) {
    auto h = token.empty() ? std::map<std::string, std::string>{} : bearer(token);
    h["Content-Type"] = "application/json";
    return http(server->port(), method, target, method == "GET" ? "" : body.dump(), h);
  }
  // A request whose answer is kept in answers_ for expect_answers_match_openapi(answers_).
  HttpReply keep(const std::string& method, const std::string& templ, const std::string& target,
                 const std::string& token, const nlohmann::json& body = nlohmann::json::object()) {
    return keep_answer(answers_, method, templ, target, token, body);
  }
  nlohmann::json answers_ = nlohmann::json::array();

  // The same request, its answer ({method, template, target, status, body}) kept in `answers`
  // for expect_answers_match_openapi (`templ`: the route as web/openapi.json names it).
  HttpReply keep_answer(nlohmann::json& answers, const std::string& method,
                        const std::string& templ, const std::string& target,
                        const std::string& token,
                        const nlohmann::json& body = nlohmann::json::object()) {
    auto r = call(method, target, token, body);
    answers.push_back({{"method", method},
                       {"template", templ},
                       {"target", target},
                       {"status", std::to_string(r.status)},
                       {"body", r.json()}});
    return r;
  }

  HttpReply get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
    return http(server->port(), "GET", target, "", headers);
  }
  nlohmann::json json_of(const std::string& target, int expected_status = 200,
                         const std::map<std::string, std::string>& headers = {}) {
    auto r = get(target, headers);
    EXPECT_EQ(r.status, expected_status) << target << "\n" << r.body;
    return r.json();
  }

  htx::testing::RegistryFixture f;
  AppContext ctx;
  web::Router router;
  std::unique_ptr<web::Server> server;
  std::thread runner;
};

}  // namespace htx::api::testing
