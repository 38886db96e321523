#include "web/server_support.hpp"

#include <cstdio>
#include <ctime>
#include <exception>
#include <nlohmann/json.hpp>

namespace htx::web {
namespace {

constexpr std::string_view kCsp =
    "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

std::string iso_time(std::chrono::system_clock::time_point t) {
  auto secs = std::chrono::time_point_cast<std::chrono::seconds>(t);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - secs).count();
  std::time_t tt = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

std::string dump(const nlohmann::ordered_json& j) {
  // Request paths come from the network: never let invalid UTF-8 throw.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

ErrorPages::ErrorPages(const std::filesystem::path& data_dir)
    : vi_(i18n::Catalog::load(data_dir, i18n::Lang::kVi)),
      en_(i18n::Catalog::load(data_dir, i18n::Lang::kEn)) {}

Response ErrorPages::make(const Request& request, int status, std::string_view key,
                          const std::map<std::string, std::string>& params) const {
  auto lang = preferred_lang(request);
  const auto& cat = catalog(lang);
  std::string message = cat.text(key, params);
  std::string code(key.substr(0, 5) == "http." ? key.substr(5) : key);
  if (prefers_json(request)) {
    nlohmann::ordered_json j = {{"error", {{"code", code}, {"message", message}}}};
    return Response::json(dump(j), status);
  }
  std::string title = cat.text("http.error_title", {{"status", std::to_string(status)}});
  std::string body = "<!doctype html>\n<html lang=\"" + std::string(i18n::lang_code(lang)) +
                     "\">\n<head><meta charset=\"utf-8\"><title>" + html_escape(title) +
                     "</title></head>\n<body><h1>" + html_escape(title) + "</h1><p>" +
                     html_escape(message) + "</p></body>\n</html>\n";
  return Response::html(std::move(body), status);
}

void add_security_headers(Response& response) {
  auto put = [&](std::string_view name, std::string_view value) {
    if (!response.headers.has(name)) response.headers.add(std::string(name), std::string(value));
  };
  put("Content-Security-Policy", kCsp);
  put("X-Content-Type-Options", "nosniff");
  put("Referrer-Policy", "same-origin");
  put("X-Frame-Options", "DENY");
}

Response call_handler(const Handler& handler, const Request& request, const RouteParams& params,
                      const ErrorPages& pages, std::string* error) {
  try {
    return handler(request, params);
  } catch (const std::exception& e) {
    if (error) *error = e.what();
  } catch (...) {
    if (error) *error = "unknown exception";
  }
  try {
    return pages.make(request, 500, "http.internal_error");
  } catch (...) {
    return Response::text("Internal Server Error", 500);
  }
}

std::string access_log_line(const AccessRecord& r) {
  nlohmann::ordered_json j;
  j["time"] = iso_time(r.time);
  j["method"] = r.method;
  j["path"] = r.path;
  j["status"] = r.status;
  j["duration_ms"] = static_cast<double>(static_cast<int64_t>(r.duration_ms * 1000 + 0.5)) / 1000;
  j["bytes"] = r.bytes;
  if (!r.remote.empty()) j["remote"] = r.remote;
  if (!r.error.empty()) j["error"] = r.error;
  return dump(j);
}

std::string event_log_line(std::string_view level, std::string_view event,
                           const std::map<std::string, std::string>& fields) {
  nlohmann::ordered_json j;
  j["time"] = iso_time(std::chrono::system_clock::now());
  j["level"] = level;
  j["event"] = event;
  for (auto& [k, v] : fields) j[k] = v;
  return dump(j);
}

std::string http_date(std::chrono::system_clock::time_point t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7],
                tm.tm_mday, kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

bool valid_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool valid_header_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::string format_bytes(size_t n) {
  if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) return std::to_string(n / (1024 * 1024)) + " MiB";
  if (n >= 1024 && n % 1024 == 0) return std::to_string(n / 1024) + " KiB";
  return std::to_string(n) + " B";
}

}  // namespace htx::web
