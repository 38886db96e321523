// The real server on 127.0.0.1, port 0, driven by a plain POSIX-socket client written here, so
// that the test sees exactly the bytes on the wire (and can misbehave like a real client).
#include "web/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <future>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace htx::web {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string header(const std::string& name) const {
    auto it = headers.find(lower(name));
    return it == headers.end() ? std::string() : it->second;
  }
  bool has(const std::string& name) const { return headers.count(lower(name)) > 0; }
};

// A blocking TCP client with a receive timeout, so that a broken server fails a test instead of
// hanging it.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
      throw std::runtime_error("connect: " + std::string(std::strerror(errno)));
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one response; nullopt if the connection closes first or nothing comes in `timeout`.
  std::optional<HttpResponse> read_response(bool head_request = false,
                                            std::chrono::milliseconds timeout = 5s) {
    auto deadline = Clock::now() + timeout;
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill(deadline)) return std::nullopt;
    }
    HttpResponse res;
    std::string head = buf_.substr(0, end);
    buf_.erase(0, end + 4);
    auto line_end = head.find("\r\n");
    std::string status_line = head.substr(0, line_end);
    if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) return std::nullopt;
    res.status = std::stoi(status_line.substr(9, 3));
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      auto next = head.find("\r\n", pos);
      if (next == std::string::npos) next = head.size();
      std::string field = head.substr(pos, next - pos);
      auto colon = field.find(':');
      if (colon != std::string::npos) {
        auto value = field.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        res.headers[lower(field.substr(0, colon))] = value;
      }
      pos = next + 2;
    }
    if (head_request || res.status < 200 || res.status == 204 || res.status == 304) return res;
    size_t length = res.has("content-length") ? std::stoul(res.header("content-length")) : 0;
    while (buf_.size() < length) {
      if (!fill(deadline)) return std::nullopt;
    }
    res.body = buf_.substr(0, length);
    buf_.erase(0, length);
    return res;
  }

  std::optional<HttpResponse> request(const std::string& raw, bool head_request = false) {
    if (!send(raw)) return std::nullopt;
    return read_response(head_request);
  }

  // True when the server closes the connection (EOF or reset) within `timeout`.
  bool closed_within(std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      int r = ::poll(&p, 1, static_cast<int>(std::max<int64_t>(left.count(), 1)));
      if (r <= 0) continue;
      char tmp[4096];
      ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) return true;
      buf_.append(tmp, static_cast<size_t>(n));
    }
    return false;
  }

 private:
  bool fill(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char tmp[8192];
    ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf_.append(tmp, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buf_;
};

std::string get(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extra_headers + "\r\n";
}

// Captures the server's log lines.
struct LogCapture {
  std::mutex mutex;
  std::vector<std::string> lines;

  LogSink sink() {
    return [this](std::string_view line) {
      std::lock_guard lock(mutex);
      lines.emplace_back(line);
    };
  }
  std::vector<nlohmann::json> requests() {
    std::lock_guard lock(mutex);
    std::vector<nlohmann::json> out;
    for (auto& l : lines) {
      auto j = nlohmann::json::parse(l);
      if (j.contains("status")) out.push_back(std::move(j));
    }
    return out;
  }
};

void expect_security_headers(const HttpResponse& r) {
  EXPECT_EQ(r.header("Content-Security-Policy"),
            "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("Referrer-Policy"), "same-origin");
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    options_.port = 0;
    options_.data_dir = HTX_SOURCE_DATA_DIR;
    options_.log = log_.sink();
    options_.worker_threads = 2;

    router_.get("/api/v1/htx/{province}", [](const Request& req, const RouteParams& p) {
      nlohmann::json j = {{"province", p.at("province")},
                          {"path", req.path},
                          {"q", std::string(req.query.get("q").value_or(""))}};
      return Response::json(j.dump());
    });
    router_.get("/items",
                [](const Request&, const RouteParams&) { return Response::text("list"); });
    router_.post("/items", [](const Request& req, const RouteParams&) {
      return Response::text("got " + std::to_string(req.body.size()), 201);
    });
    router_.post("/upload", [this](const Request& req, const RouteParams&) {
      ++uploads_;
      return Response::text(std::to_string(req.body.size()));
    });
    router_.get("/boom", [](const Request&, const RouteParams&) -> Response {
      throw std::runtime_error("secret: cannot reach postgres at 10.1.2.3");
    });
  }

  ~ServerTest() override { stop(); }

  void start() {
    server_ = std::make_unique<Server>(options_, router_);
    server_->start();
    ASSERT_NE(server_->port(), 0);
    runner_ = std::thread([this] { server_->run(); });
  }

  void stop() {
    if (!server_) return;
    server_->stop();
    if (runner_.joinable()) runner_.join();
    server_.reset();
  }

  uint16_t port() const { return server_->port(); }

  ServerOptions options_;
  Router router_;
  LogCapture log_;
  std::atomic<int> uploads_{0};
  std::unique_ptr<Server> server_;
  std::thread runner_;
};

TEST_F(ServerTest, HealthzAnswersJson) {
  start();
  Client c(port());
  auto r = c.request(get("/healthz"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("Content-Type"), "application/json");
  EXPECT_EQ(nlohmann::json::parse(r->body), nlohmann::json({{"status", "ok"}}));
  expect_security_headers(*r);

  // HEAD: same headers, no body.
  auto h = c.request("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n", true);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(h->header("Content-Length"), std::to_string(r->body.size()));
  // ...and the connection is still in sync for the next request.
  EXPECT_EQ(c.request(get("/healthz"))->status, 200);
}

TEST_F(ServerTest, MetricsInPrometheusFormat) {
  start();
  Client c(port());
  ASSERT_EQ(c.request(get("/healthz"))->status, 200);
  ASSERT_EQ(c.request(get("/nowhere"))->status, 404);
  ASSERT_EQ(c.request("POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")->status,
            201);
  auto r = c.request(get("/metrics"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& m = r->body;
  for (const char* expected : {
           "# TYPE htx_http_requests_total counter\n",
           "htx_http_requests_total{method=\"GET\",status=\"200\"} 1\n",
           "htx_http_requests_total{method=\"GET\",status=\"404\"} 1\n",
           "htx_http_requests_total{method=\"POST\",status=\"201\"} 1\n",
           "# TYPE htx_http_request_duration_seconds histogram\n",
           "htx_http_request_duration_seconds_bucket{le=\"0.005\"} ",
           "htx_http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n",
           "htx_http_request_duration_seconds_count 3\n", "htx_http_request_duration_seconds_sum ",
           "# TYPE htx_http_open_connections gauge\n", "htx_http_open_connections 1\n",
           "htx_http_requests_in_flight 1\n",  // the /metrics request itself
       }) {
    EXPECT_NE(m.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n" << m;
  }
}

TEST_F(ServerTest, RouteParamsAndQueryArePercentDecoded) {
  start();
  Client c(port());
  auto r = c.request(get("/api/v1/htx/H%C3%A0%20N%E1%BB%99i?q=H%C3%A0+N%E1%BB%99i&x=%2F"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto j = nlohmann::json::parse(r->body);
  EXPECT_EQ(j["province"], "Hà Nội");
  EXPECT_EQ(j["q"], "Hà Nội");
  EXPECT_EQ(j["path"], "/api/v1/htx/Hà Nội");

  r = c.request(get("/api/v1/htx/a%2Fb"));
  ASSERT_TRUE(r);
  EXPECT_EQ(nlohmann::json::parse(r->body)["province"], "a/b");
}

TEST_F(ServerTest, UnknownRouteIs404InTheClientsFormatAndLanguage) {
  start();
  Client c(port());
  auto r = c.request(get("/nowhere?lang=en", "Accept: application/json\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->header("Content-Type"), "application/json");
  auto j = nlohmann::json::parse(r->body);
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_EQ(j["error"]["message"], "The requested page or data was not found.");
  expect_security_headers(*r);

  r = c.request(get("/nowhere", "Accept-Language: en-US,en;q=0.9\r\nAccept: text/html\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r->body.find("Error 404"), std::string::npos);

  r = c.request(get("/nowhere"));  // default: Vietnamese HTML
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find("<html lang=\"vi\">"), std::string::npos);
  EXPECT_NE(r->body.find("Không tìm thấy trang hoặc dữ liệu được yêu cầu."), std::string::npos);
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  start();
  Client c(port());
  auto r = c.request("DELETE /items HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->header("Allow"), "GET, HEAD, POST");
  auto j = nlohmann::json::parse(r->body);
  EXPECT_EQ(j["error"]["code"], "method_not_allowed");
  EXPECT_NE(j["error"]["message"].get<std::string>().find("DELETE"), std::string::npos);
  expect_security_headers(*r);

  r = c.request("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->header("Allow"), "GET, HEAD");
}

TEST_F(ServerTest, OversizedBodyIsRefusedFromItsContentLength) {
  options_.body_limit = 1024;
  start();
  {
    // Only the header is sent: the 413 must come without the server waiting for 20 MB.
    Client c(port());
    auto t0 = Clock::now();
    auto r = c.request(
        "POST /upload HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nAccept-Language: en\r\n"
        "Content-Length: 20000000\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_LT(Clock::now() - t0, 1s);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(r->header("Connection"), "close");
    auto j = nlohmann::json::parse(r->body);
    EXPECT_EQ(j["error"]["code"], "payload_too_large");
    EXPECT_EQ(j["error"]["message"], "The request body is too large (limit 1 KiB).");
    expect_security_headers(*r);
    EXPECT_TRUE(c.closed_within(3s));
  }
  {
    // Chunked: no length up front, refused once the limit is crossed.
    Client c(port());
    std::string chunk(600, 'x');
    std::string req = "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i) req += "258\r\n" + chunk + "\r\n";  // 0x258 = 600
    req += "0\r\n\r\n";
    auto r = c.request(req);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
  {
    // At the limit: accepted.
    Client c(port());
    auto r = c.request("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1024\r\n\r\n" +
                       std::string(1024, 'y'));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "1024");
  }
  EXPECT_EQ(uploads_, 1);
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimResponse) {
  start();
  Client c(port());
  ASSERT_TRUE(c.send(
      "POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = c.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  auto r = c.request("hello");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "got 5");
}

TEST_F(ServerTest, GarbageIs400) {
  start();
  {
    Client c(port());
    auto r = c.request(std::string("\x16\x03\x01\x02\x00 hello\r\n\r\n", 15));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    expect_security_headers(*r);
    EXPECT_TRUE(c.closed_within(3s));
  }
  {
    Client c(port());
    auto r = c.request("GET /items HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
  }
  {
    // A well-framed request whose target does not decode: 400, and the connection stays usable.
    Client c(port());
    auto r = c.request(get("/api/v1/htx/%C3%28"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    r = c.request(get("/items?q=%zz"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(c.request(get("/items"))->status, 200);
  }
  {
    Client c(port());  // over the 16 KiB header limit
    auto r = c.request(get("/items", "X-Big: " + std::string(20000, 'a') + "\r\n"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431);
  }
}

TEST_F(ServerTest, TwoRequestsOnOneKeepAliveConnection) {
  start();
  Client c(port());
  auto a = c.request(get("/items"));
  auto b = c.request(get("/healthz"));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->body, "list");
  EXPECT_EQ(b->status, 200);
  EXPECT_NE(a->header("Connection"), "close");

  // Pipelined: both answered, in order.
  ASSERT_TRUE(c.send(get("/items") + get("/nowhere")));
  auto p1 = c.read_response();
  auto p2 = c.read_response();
  ASSERT_TRUE(p1 && p2);
  EXPECT_EQ(p1->status, 200);
  EXPECT_EQ(p2->status, 404);

  // Connection: close is honoured.
  auto last = c.request(get("/items", "Connection: close\r\n"));
  ASSERT_TRUE(last);
  EXPECT_EQ(last->header("Connection"), "close");
  EXPECT_TRUE(c.closed_within(3s));

  // HTTP/1.0 without keep-alive closes too.
  Client old(port());
  auto r = old.request("GET /items HTTP/1.0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(old.closed_within(3s));
}

TEST_F(ServerTest, SlowClientsAreDisconnectedWhileOthersAreServed) {
  options_.read_timeout = 1000ms;
  options_.worker_threads = 1;  // a slow client must not hold it
  start();

  auto t0 = Clock::now();
  std::vector<std::unique_ptr<Client>> stalled;
  for (int i = 0; i < 3; ++i) {
    stalled.push_back(std::make_unique<Client>(port()));
    ASSERT_TRUE(stalled.back()->send("GET /items HTTP/1.1\r\nHost: x\r\nX-Half: "));
  }
  // A slowloris that keeps sending a byte now and then is cut at the same deadline: the timeout
  // bounds the whole header, not the gaps.
  Client trickler(port());
  std::atomic<bool> trickling{true};
  std::thread trickle([&] {
    trickler.send("GET /items HTTP/1.1\r\nHost: x\r\n");
    while (trickling && trickler.send("X")) std::this_thread::sleep_for(50ms);
  });

  // Meanwhile a normal client is served at once, through the (single) worker.
  {
    Client fast(port());
    auto r = fast.request(get("/items"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "list");
    EXPECT_LT(Clock::now() - t0, 700ms);  // well before the slow ones are cut
  }
  for (auto& s : stalled) EXPECT_TRUE(s->closed_within(3s));
  EXPECT_TRUE(trickler.closed_within(3s));
  auto elapsed = Clock::now() - t0;
  trickling = false;
  trickle.join();
  EXPECT_GE(elapsed, 950ms);
  EXPECT_LT(elapsed, 3000ms);

  Client after(port());
  auto m = after.request(get("/metrics"));
  ASSERT_TRUE(m);
  EXPECT_NE(m->body.find("htx_http_read_timeouts_total 4\n"), std::string::npos) << m->body;
}

TEST_F(ServerTest, ThrowingHandlerGets500AndTheServerKeepsServing) {
  start();
  Client c(port());
  auto r = c.request(get("/boom", "Accept: application/json\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body.find("secret"), std::string::npos);
  EXPECT_EQ(r->body.find("10.1.2.3"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["code"], "internal_error");
  expect_security_headers(*r);

  EXPECT_EQ(c.request(get("/items"))->status, 200);
  Client other(port());
  EXPECT_EQ(other.request(get("/boom"))->status, 500);
  EXPECT_EQ(other.request(get("/healthz"))->status, 200);

  bool logged = false;
  for (auto& line : log_.requests()) {
    if (line["path"] == "/boom") {
      EXPECT_EQ(line["status"], 500);
      EXPECT_EQ(line["error"], "secret: cannot reach postgres at 10.1.2.3");
      logged = true;
    }
  }
  EXPECT_TRUE(logged);
}

TEST_F(ServerTest, HandlerHeadersAreSentButCannotInjectFields) {
  router_.get("/headers", [](const Request&, const RouteParams&) {
    Response r = Response::html("<p>x</p>");
    r.headers.set("X-Custom", "1");
    r.headers.set("Content-Security-Policy", "default-src 'none'");  // stricter: kept
    r.headers.set("X-Evil", "a\r\nSet-Cookie: session=stolen");
    r.headers.set("Bad Name", "x");
    r.headers.set("Content-Length", "999");  // the server computes it
    return r;
  });
  router_.get("/bad-status",
              [](const Request&, const RouteParams&) { return Response::text("x", 42); });
  start();
  Client c(port());
  auto r = c.request(get("/headers"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("X-Custom"), "1");
  EXPECT_EQ(r->header("Content-Security-Policy"), "default-src 'none'");
  EXPECT_EQ(r->header("X-Frame-Options"), "DENY");
  EXPECT_EQ(r->header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r->header("Content-Length"), "8");
  EXPECT_FALSE(r->has("X-Evil"));
  EXPECT_FALSE(r->has("Set-Cookie"));
  EXPECT_FALSE(r->has("Bad Name"));
  EXPECT_NE(r->header("Date").find(" GMT"), std::string::npos);

  r = c.request(get("/bad-status"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(c.request(get("/items"))->status, 200);
}

TEST_F(ServerTest, OneJsonLogLinePerRequest) {
  start();
  Client c(port());
  ASSERT_EQ(c.request(get("/items?secret=1"))->status, 200);
  ASSERT_EQ(c.request(get("/nowhere"))->status, 404);
  stop();  // all lines written
  auto lines = log_.requests();
  ASSERT_EQ(lines.size(), 2u);
  auto& first = lines[0];
  for (const char* key : {"time", "method", "path", "status", "duration_ms", "bytes"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_EQ(first["method"], "GET");
  EXPECT_EQ(first["path"], "/items");  // no query string in the log
  EXPECT_EQ(first["status"], 200);
  EXPECT_EQ(first["bytes"], 4);
  EXPECT_GE(first["duration_ms"].get<double>(), 0.0);
  EXPECT_EQ(lines[1]["status"], 404);
}

TEST_F(ServerTest, FullWorkerQueueAnswers503) {
  options_.worker_threads = 1;
  options_.max_queued = 1;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> entered{0};
  router_.get("/block", [&](const Request&, const RouteParams&) {
    ++entered;
    released.wait();
    return Response::text("done");
  });
  start();
  Client a(port()), b(port()), c(port());
  ASSERT_TRUE(a.send(get("/block")));
  while (entered == 0) std::this_thread::sleep_for(1ms);  // a holds the only worker
  ASSERT_TRUE(b.send(get("/block")));                     // b waits in the queue
  while (server_->metrics().find("htx_http_requests_in_flight 2\n") == std::string::npos) {
    std::this_thread::sleep_for(1ms);
  }
  std::this_thread::sleep_for(20ms);
  auto r = c.request(get("/block", "Accept: application/json\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->header("Retry-After"), "5");
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["code"], "unavailable");
  release.set_value();
  EXPECT_EQ(a.read_response()->body, "done");
  EXPECT_EQ(b.read_response()->body, "done");
}

TEST_F(ServerTest, StopLetsAnInFlightRequestFinish) {
  std::promise<void> entered;
  std::atomic<bool> finished{false};
  router_.get("/slow", [&](const Request&, const RouteParams&) {
    entered.set_value();
    std::this_thread::sleep_for(500ms);
    finished = true;
    return Response::text("finished");
  });
  start();
  uint16_t p = port();
  Client idle(p);
  ASSERT_EQ(idle.request(get("/items"))->status, 200);  // then idle on keep-alive

  Client busy(p);
  ASSERT_TRUE(busy.send(get("/slow")));
  entered.get_future().wait();
  auto t0 = Clock::now();
  server_->stop();
  EXPECT_TRUE(idle.closed_within(1s));  // idle connections go at once
  // No new connections are taken.
  std::this_thread::sleep_for(50ms);
  EXPECT_THROW(Client refused(p), std::runtime_error);

  auto r = busy.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "finished");
  EXPECT_EQ(r->header("Connection"), "close");
  runner_.join();  // run() returns
  EXPECT_TRUE(finished);
  EXPECT_LT(Clock::now() - t0, 3s);
}

TEST_F(ServerTest, StopGivesUpOnAHandlerAfterTheShutdownTimeout) {
  options_.shutdown_timeout = 200ms;
  std::promise<void> entered;
  router_.get("/stuck", [&](const Request&, const RouteParams&) {
    entered.set_value();
    std::this_thread::sleep_for(1200ms);
    return Response::text("late");
  });
  start();
  Client c(port());
  ASSERT_TRUE(c.send(get("/stuck")));
  entered.get_future().wait();
  auto t0 = Clock::now();
  server_->stop();
  runner_.join();
  // run() waited for the running handler (it cannot be killed) but not for its response.
  EXPECT_LT(Clock::now() - t0, 2s);
  bool warned = false;
  for (auto& l : log_.lines) warned |= l.find("shutdown_timeout") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST_F(ServerTest, PortZeroPicksAFreePortAndBindFailureThrows) {
  start();
  Router other;
  ServerOptions taken = options_;
  taken.port = port();
  Server clash(taken, other);
  EXPECT_THROW(clash.start(), InfrastructureError);

  ServerOptions bad = options_;
  bad.address = "not-an-address";
  Server invalid(bad, other);
  EXPECT_THROW(invalid.start(), InfrastructureError);

  ServerOptions no_data = options_;
  no_data.data_dir = "/nonexistent";
  EXPECT_THROW(Server(no_data, other), InfrastructureError);
}

TEST_F(ServerTest, SigtermStopsRunUntilSignal) {
  server_ = std::make_unique<Server>(options_, router_);
  std::promise<void> returned;
  auto done = returned.get_future();
  runner_ = std::thread([&] {
    server_->run_until_signal();
    returned.set_value();
  });
  while (server_->port() == 0) std::this_thread::sleep_for(1ms);  // handlers are installed
  Client c(server_->port());
  ASSERT_EQ(c.request(get("/healthz"))->status, 200);
  ::kill(::getpid(), SIGTERM);
  EXPECT_EQ(done.wait_for(3s), std::future_status::ready);
}

}  // namespace
}  // namespace htx::web
