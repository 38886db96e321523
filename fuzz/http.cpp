// The HTTP request path over any bytes, as the server takes a request (web/server.cpp): Beast's
// request parser with the server's limits, the request line and fields copied into a
// web::Request, then the target (URL, percent-decoding, query), the language and the JSON
// preference, the cookies, and the router's match over routes shaped as the program's.
// Invariants: a parsed target's path is its raw path percent-decoded, every query name and value
// and every route parameter is valid UTF-8 without NUL, and percent_encode/percent_decode round
// trip the path.
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "web/http_types.hpp"
#include "web/router.hpp"
#include "webapp/forms.hpp"

namespace http = boost::beast::http;
using htx::web::Method;

namespace {

const htx::web::Router& router() {
  static const htx::web::Router r = [] {
    htx::web::Router x;
    auto none = [](const htx::web::Request&, const htx::web::RouteParams&) {
      return htx::web::Response::text("");
    };
    x.get("/", none);
    x.get("/api/v1/htx", none);
    x.get("/api/v1/htx/{code}", none);
    x.put("/api/v1/htx/{code}", none);
    x.del("/api/v1/htx/{code}", none);
    x.get("/api/v1/htx/{code}/history", none);
    x.post("/api/v1/fund/loans/{id}/repayments", none);
    x.get("/registry/{code}/edit", none);
    x.post("/registry/{code}/edit", none);
    x.get("/static/{path...}", none);
    x.post("/login", none);
    return x;
  }();
  return r;
}

bool clean(std::string_view s) {
  return htx::web::is_valid_utf8(s) && s.find('\0') == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);  // the server's defaults (web/server.hpp)
  parser.body_limit(1 << 20);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    std::size_t n = parser.put(boost::asio::const_buffer(data + used, size - used), ec);
    if (ec == http::error::need_more) {
      ec = {};
      if (n == 0) break;
    }
    if (ec) break;
    used += n;
    if (n == 0) break;
  }
  if (!parser.is_header_done()) return 0;
  const auto& msg = parser.get();

  htx::web::Request r;  // as request_from_header in web/server.cpp
  r.method_text = std::string(msg.method_string());
  r.method = htx::web::parse_method(r.method_text);
  r.target = std::string(msg.target());
  r.version = msg.version();
  for (auto& field : msg)
    r.headers.add(std::string(field.name_string()), std::string(field.value()));
  if (parser.is_done()) r.body = msg.body();
  HTX_FUZZ_CHECK(htx::web::method_name(r.method) == r.method_text || r.method == Method::kOther);

  (void)htx::web::preferred_lang(r);
  (void)htx::web::prefers_json(r);
  for (auto& [name, value] : htx::webapp::parse_cookies(r)) {
    HTX_FUZZ_CHECK(!name.empty());
    HTX_FUZZ_CHECK(htx::webapp::cookie(r, name).has_value());
  }
  if (auto type = r.headers.get("Content-Type")) {
    (void)htx::webapp::media_type(*type);
    (void)htx::webapp::header_parameter(*type, "boundary");
  }

  if (!htx::web::parse_target(r)) return 0;
  HTX_FUZZ_CHECK(!r.raw_path.empty() && r.raw_path.front() == '/');
  auto decoded = htx::web::percent_decode(r.raw_path, false);
  HTX_FUZZ_CHECK(decoded && *decoded == r.path);
  HTX_FUZZ_CHECK(clean(r.path));
  auto again = htx::web::percent_decode(htx::web::percent_encode(r.path), false);
  HTX_FUZZ_CHECK(again && *again == r.path);
  for (auto& [name, value] : r.query) HTX_FUZZ_CHECK(clean(name) && clean(value));

  auto match = router().match(r.method, r.raw_path);
  if (match.kind == htx::web::Router::Match::Kind::kFound) {
    HTX_FUZZ_CHECK(match.handler != nullptr);
    for (auto& [name, value] : match.params) HTX_FUZZ_CHECK(clean(value));
  } else if (match.kind == htx::web::Router::Match::Kind::kMethodNotAllowed) {
    HTX_FUZZ_CHECK(!match.allow.empty());
  }
  return 0;
}
