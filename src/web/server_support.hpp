// The Beast-free parts of the server: error pages, built-in routes, security headers, the access
// log line, running a handler. Internal to src/web (server.cpp uses it; tests may too).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/i18n.hpp"
#include "web/http_types.hpp"
#include "web/router.hpp"

namespace htx::web {

// Error responses in the user's language: JSON {"error": {"code", "message"}} when the client
// prefers JSON, else a short HTML page. code is the key without "http." ("not_found").
class ErrorPages {
 public:
  explicit ErrorPages(const std::filesystem::path& data_dir);  // loads vi and en

  // key: a catalogue key such as "http.not_found".
  Response make(const Request& request, int status, std::string_view key,
                const std::map<std::string, std::string>& params = {}) const;
  const i18n::Catalog& catalog(i18n::Lang lang) const {
    return lang == i18n::Lang::kEn ? en_ : vi_;
  }

 private:
  i18n::Catalog vi_, en_;
};

// Adds Content-Security-Policy, X-Content-Type-Options, Referrer-Policy and X-Frame-Options
// unless the response already sets them.
void add_security_headers(Response& response);

// Calls the handler; an exception becomes a 500 from pages and its what() goes to *error.
Response call_handler(const Handler& handler, const Request& request, const RouteParams& params,
                      const ErrorPages& pages, std::string* error);

struct AccessRecord {
  std::chrono::system_clock::time_point time;
  std::string_view method;
  std::string_view path;  // raw (percent-encoded) path, without the query
  int status = 0;
  double duration_ms = 0;
  size_t bytes = 0;  // response body bytes sent
  std::string_view remote;
  std::string_view error;  // empty, or what a handler threw
};

// {"time":"2025-01-31T08:00:00.123Z","method":"GET","path":"/x","status":200,"duration_ms":0.42,
//  "bytes":17,"remote":"127.0.0.1"} (+ "error" when set), one line.
std::string access_log_line(const AccessRecord& record);

// A server event (not a request): {"time":...,"level":"info","event":"listening",...}.
std::string event_log_line(std::string_view level, std::string_view event,
                           const std::map<std::string, std::string>& fields = {});

// IMF-fixdate for the Date header: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::chrono::system_clock::time_point t);

// A header field name is a token (RFC 9110 §5.1); a value has no CR, LF or NUL.
bool valid_header_name(std::string_view name);
bool valid_header_value(std::string_view value);

// "10 MiB", "512 KiB", "100 B".
std::string format_bytes(size_t n);

}  // namespace htx::web
