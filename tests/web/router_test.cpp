// The Beast-free pieces of the web layer: router, request decoding, negotiation, error pages,
// access log, worker pool.
#include "web/router.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <nlohmann/json.hpp>

#include "web/http_types.hpp"
#include "web/server_support.hpp"
#include "web/worker_pool.hpp"

namespace htx::web {
namespace {

Handler returning(std::string body) {
  return [body](const Request&, const RouteParams&) { return Response::text(body); };
}

std::string call(const Router::Match& m) { return (*m.handler)(Request{}, m.params).body; }

TEST(RouterTest, MatchesParamsAndPrefersLiteralsWhateverTheOrder) {
  Router r;
  r.get("/htx/{code}", returning("by-code"));
  r.get("/htx/new", returning("new"));
  r.get("/htx/{code}/events/{n}", returning("event"));

  auto m = r.match(Method::kGet, "/htx/new");
  ASSERT_EQ(m.kind, Router::Match::Kind::kFound);
  EXPECT_EQ(call(m), "new");

  m = r.match(Method::kGet, "/htx/0101-HTX");
  ASSERT_EQ(m.kind, Router::Match::Kind::kFound);
  EXPECT_EQ(call(m), "by-code");
  EXPECT_EQ(m.params.at("code"), "0101-HTX");

  m = r.match(Method::kGet, "/htx/A%2FB/events/7");
  ASSERT_EQ(m.kind, Router::Match::Kind::kFound);
  EXPECT_EQ(m.params.at("code"), "A/B");  // %2F stays inside its segment
  EXPECT_EQ(m.params.at("n"), "7");
  EXPECT_EQ(m.params.find("missing"), nullptr);
  EXPECT_THROW(m.params.at("missing"), std::out_of_range);

  EXPECT_EQ(r.match(Method::kGet, "/htx").kind, Router::Match::Kind::kNotFound);
  EXPECT_EQ(r.match(Method::kGet, "/htx/").kind, Router::Match::Kind::kNotFound);  // empty param
  EXPECT_EQ(r.match(Method::kGet, "/htx/a/b").kind, Router::Match::Kind::kNotFound);
}

TEST(RouterTest, DecodesVietnameseParameters) {
  Router r;
  r.get("/tinh/{name}", returning("x"));
  auto m = r.match(Method::kGet, "/tinh/H%C3%A0%20N%E1%BB%99i");
  ASSERT_EQ(m.kind, Router::Match::Kind::kFound);
  EXPECT_EQ(m.params.at("name"), "Hà Nội");
  // A segment that does not decode matches no parameter.
  EXPECT_EQ(r.match(Method::kGet, "/tinh/%C3%28").kind, Router::Match::Kind::kNotFound);
}

TEST(RouterTest, RestParameterTakesTheRemainder) {
  Router r;
  r.get("/static/{path...}", returning("static"));
  r.get("/static/app.css", returning("exact"));
  auto m = r.match(Method::kGet, "/static/css/Vi%E1%BB%87t.css");
  ASSERT_EQ(m.kind, Router::Match::Kind::kFound);
  EXPECT_EQ(m.params.at("path"), "css/Việt.css");
  EXPECT_EQ(call(r.match(Method::kGet, "/static/app.css")), "exact");
  m = r.match(Method::kGet, "/static/");
  ASSERT_EQ(m.kind, Router::Match::Kind::kFound);
  EXPECT_EQ(m.params.at("path"), "");
}

TEST(RouterTest, WrongMethodListsTheAllowedOnes) {
  Router r;
  r.get("/items", returning("list"));
  r.post("/items", returning("create"));
  r.del("/items/{id}", returning("delete"));

  auto m = r.match(Method::kDelete, "/items");
  EXPECT_EQ(m.kind, Router::Match::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "GET, HEAD, POST");

  m = r.match(Method::kGet, "/items/5");
  EXPECT_EQ(m.kind, Router::Match::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "DELETE");

  // GET routes answer HEAD.
  EXPECT_EQ(r.match(Method::kHead, "/items").kind, Router::Match::Kind::kFound);
  EXPECT_EQ(r.match(Method::kOther, "/items").kind, Router::Match::Kind::kMethodNotAllowed);
}

TEST(RouterTest, RootPattern) {
  Router r;
  r.get("/", returning("home"));
  EXPECT_EQ(call(r.match(Method::kGet, "/")), "home");
  EXPECT_EQ(r.match(Method::kGet, "/x").kind, Router::Match::Kind::kNotFound);
}

TEST(RouterTest, RejectsBadPatterns) {
  Router r;
  r.get("/a/{id}", returning("a"));
  EXPECT_THROW(r.get("/a/{other}", returning("dup")), std::invalid_argument);
  EXPECT_THROW(r.get("no-slash", returning("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/x/{}", returning("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/x/pre{id}", returning("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/x/{id}/{id}", returning("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/x/{rest...}/y", returning("x")), std::invalid_argument);
  EXPECT_THROW(r.add(Method::kHead, "/h", returning("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/x", Handler{}), std::invalid_argument);
  EXPECT_NO_THROW(r.post("/a/{id}", returning("post")));  // same shape, other method
}

TEST(DecodeTest, QueryStringsArePercentDecoded) {
  auto q = QueryParams::parse("tinh=H%C3%A0+N%E1%BB%99i&x&a=1&a=2&&empty=");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->get("tinh"), "Hà Nội");
  EXPECT_EQ(q->get("x"), "");
  EXPECT_EQ(q->get("empty"), "");
  EXPECT_EQ(q->get_all("a"), (std::vector<std::string_view>{"1", "2"}));
  EXPECT_FALSE(q->get("none"));
  EXPECT_FALSE(QueryParams::parse("a=%zz"));
  EXPECT_FALSE(QueryParams::parse("a=%C3"));        // truncated escape sequence
  EXPECT_FALSE(QueryParams::parse("a=%C3%28"));     // invalid UTF-8
  EXPECT_FALSE(QueryParams::parse("a=%00"));        // NUL
  EXPECT_FALSE(QueryParams::parse("a=%C0%AF"));     // overlong '/'
  EXPECT_FALSE(QueryParams::parse("a=%ED%A0%80"));  // surrogate
}

TEST(DecodeTest, TargetsSplitIntoPathAndQuery) {
  Request r;
  r.target = "/a/H%C3%A0+x?q=%C4%90%C3%A0+N%E1%BA%B5ng#frag";
  ASSERT_TRUE(parse_target(r));
  EXPECT_EQ(r.raw_path, "/a/H%C3%A0+x");
  EXPECT_EQ(r.path, "/a/Hà+x");  // '+' is literal in a path
  EXPECT_EQ(r.query.get("q"), "Đà Nẵng");

  r = Request{};
  r.target = "http://example.com:8080/healthz?x=1";
  ASSERT_TRUE(parse_target(r));
  EXPECT_EQ(r.path, "/healthz");
  EXPECT_EQ(r.query.get("x"), "1");

  for (const char* bad : {"healthz", "*", "/a%2", "/%FF", "/?a=%G0"}) {
    Request b;
    b.target = bad;
    EXPECT_FALSE(parse_target(b)) << bad;
  }
}

TEST(NegotiationTest, LanguageFromQueryThenAcceptLanguageThenVietnamese) {
  Request r;
  EXPECT_EQ(preferred_lang(r), i18n::Lang::kVi);
  r.headers.add("accept-language", "fr-FR, en-US;q=0.8, vi;q=0.5");
  EXPECT_EQ(preferred_lang(r), i18n::Lang::kEn);
  r.headers.set("Accept-Language", "en;q=0.3, vi-VN;q=0.9");
  EXPECT_EQ(preferred_lang(r), i18n::Lang::kVi);
  r.headers.set("Accept-Language", "en;q=0");
  EXPECT_EQ(preferred_lang(r), i18n::Lang::kVi);
  r.headers.set("Accept-Language", "de");
  r.query.add("lang", "EN");
  EXPECT_EQ(preferred_lang(r), i18n::Lang::kEn);
}

TEST(NegotiationTest, JsonOnlyWhenPreferredOverHtml) {
  auto with_accept = [](std::string accept) {
    Request r;
    r.headers.add("Accept", std::move(accept));
    return prefers_json(r);
  };
  EXPECT_FALSE(prefers_json(Request{}));
  EXPECT_TRUE(with_accept("application/json"));
  EXPECT_TRUE(with_accept("application/problem+json"));
  EXPECT_TRUE(with_accept("application/json, text/plain, */*"));
  EXPECT_FALSE(with_accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
  EXPECT_FALSE(with_accept("*/*"));
  EXPECT_FALSE(with_accept("application/json;q=0"));
  EXPECT_TRUE(with_accept("text/html;q=0.5, application/json"));
}

TEST(HeadersTest, NamesAreCaseInsensitive) {
  Headers h;
  h.add("Content-Type", "a");
  h.add("X-Twice", "1");
  h.add("x-twice", "2");
  EXPECT_EQ(h.get("content-type"), "a");
  EXPECT_EQ(h.get("X-TWICE"), "1");
  h.set("X-Twice", "3");
  EXPECT_EQ(h.size(), 2u);
  EXPECT_EQ(h.get("x-twice"), "3");
  h.erase("CONTENT-TYPE");
  EXPECT_FALSE(h.has("Content-Type"));
}

TEST(ErrorPagesTest, JsonOrHtmlInTheUsersLanguage) {
  ErrorPages pages(HTX_SOURCE_DATA_DIR);
  Request r;
  r.headers.add("Accept", "application/json");
  r.query.add("lang", "en");
  auto res = pages.make(r, 405, "http.method_not_allowed", {{"method", "PUT"}});
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.content_type, "application/json");
  auto j = nlohmann::json::parse(res.body);
  EXPECT_EQ(j["error"]["code"], "method_not_allowed");
  EXPECT_EQ(j["error"]["message"], "Method PUT is not allowed here.");

  Request html;
  res = pages.make(html, 404, "http.not_found");
  EXPECT_EQ(res.content_type, "text/html; charset=utf-8");
  EXPECT_NE(res.body.find("<html lang=\"vi\">"), std::string::npos);
  EXPECT_NE(res.body.find("Lỗi 404"), std::string::npos);
  EXPECT_NE(res.body.find("Không tìm thấy"), std::string::npos);

  res = pages.make(html, 405, "http.method_not_allowed", {{"method", "<script>"}});
  EXPECT_EQ(res.body.find("<script>"), std::string::npos);
  EXPECT_NE(res.body.find("&lt;script&gt;"), std::string::npos);
}

TEST(ErrorPagesTest, EveryHttpKeyExistsInBothLanguages) {
  ErrorPages pages(HTX_SOURCE_DATA_DIR);
  for (auto lang : {i18n::Lang::kVi, i18n::Lang::kEn}) {
    for (const char* key :
         {"http.bad_request", "http.not_found", "http.method_not_allowed", "http.payload_too_large",
          "http.header_too_large", "http.internal_error", "http.unavailable", "http.error_title"}) {
      EXPECT_TRUE(pages.catalog(lang).has(key)) << key;
    }
  }
}

TEST(ServerSupportTest, HandlerExceptionsBecomeA500WithoutDetails) {
  ErrorPages pages(HTX_SOURCE_DATA_DIR);
  std::string error;
  Handler h = [](const Request&, const RouteParams&) -> Response {
    throw std::runtime_error("connection to db 10.0.0.5 refused");
  };
  auto res = call_handler(h, Request{}, RouteParams{}, pages, &error);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(error, "connection to db 10.0.0.5 refused");
  EXPECT_EQ(res.body.find("10.0.0.5"), std::string::npos);
}

TEST(ServerSupportTest, AccessLogIsOneJsonLine) {
  AccessRecord rec;
  rec.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000123));
  rec.method = "GET";
  rec.path = "/x/\xff";  // invalid UTF-8 from the network must not throw
  rec.status = 200;
  rec.duration_ms = 1.23456;
  rec.bytes = 17;
  auto line = access_log_line(rec);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["time"], "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(j["method"], "GET");
  EXPECT_EQ(j["status"], 200);
  EXPECT_DOUBLE_EQ(j["duration_ms"].get<double>(), 1.235);
  EXPECT_EQ(j["bytes"], 17);
  EXPECT_FALSE(j.contains("error"));
}

TEST(ServerSupportTest, SecurityHeadersDoNotOverrideAStricterPolicy) {
  Response r;
  r.headers.set("Content-Security-Policy", "default-src 'none'");
  add_security_headers(r);
  EXPECT_EQ(r.headers.get("Content-Security-Policy"), "default-src 'none'");
  EXPECT_EQ(r.headers.get("X-Frame-Options"), "DENY");
  EXPECT_EQ(format_bytes(10 * 1024 * 1024), "10 MiB");
  EXPECT_EQ(format_bytes(1536), "1536 B");
}

TEST(WorkerPoolTest, QueueIsBounded) {
  WorkerPool pool(1, 1);
  std::promise<void> release;
  auto released = release.get_future().share();
  std::promise<void> started;
  std::atomic<int> done{0};
  ASSERT_TRUE(pool.try_submit([&] {
    started.set_value();
    released.wait();
    ++done;
  }));
  started.get_future().wait();                     // the worker is busy
  EXPECT_TRUE(pool.try_submit([&] { ++done; }));   // one may wait
  EXPECT_FALSE(pool.try_submit([&] { ++done; }));  // the queue is full
  release.set_value();
  while (pool.queued() > 0 || pool.running() > 0) std::this_thread::yield();
  EXPECT_EQ(done, 2);
  pool.shutdown();
  EXPECT_FALSE(pool.try_submit([] {}));
}

}  // namespace
}  // namespace htx::web
