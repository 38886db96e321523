#include "web/server_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <exception>
#include <nlohmann/json.hpp>

namespace htx::web {
namespace {

constexpr std::string_view kCsp =
    "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

std::string iso_time(std::chrono::system_clock::time_point t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - secs).count();
  std::time_t tt = std::chrono::system_clock::to_time_t(secs);
  // "YYYY-MM-DDTHH:MM:SS" changes once a second: formatted once per second and thread.
  thread_local std::time_t cached_second = -1;
  thread_local char cached[80];  // room for any int fields: no truncation warning
  if (tt != cached_second) {
    std::tm tm{};
    gmtime_r(&tt, &tm);
    std::snprintf(cached, sizeof cached, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached_second = tt;
  }
  std::string out(cached);
  const int m = static_cast<int>(ms);
  out += '.';
  out += static_cast<char>('0' + m / 100);
  out += static_cast<char>('0' + m / 10 % 10);
  out += static_cast<char>('0' + m % 10);
  out += 'Z';
  return out;
}

// Appends s as a JSON string (quoted): invalid UTF-8 becomes U+FFFD (as nlohmann's "replace"
// error handler does), control characters, quotes and backslashes are escaped.
void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          if (c < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++p;
      continue;
    }
    // A well-formed multi-byte sequence (no overlongs, no surrogates, at most U+10FFFF)?
    size_t n = 0;
    if (c >= 0xC2 && c <= 0xDF)
      n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
      n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
      n = 4;
    bool ok = n > 0 && static_cast<size_t>(end - p) >= n;
    for (size_t i = 1; ok && i < n; ++i) ok = (p[i] & 0xC0) == 0x80;
    if (ok && n == 3) {
      ok = !(c == 0xE0 && p[1] < 0xA0) && !(c == 0xED && p[1] > 0x9F);
    } else if (ok && n == 4) {
      ok = !(c == 0xF0 && p[1] < 0x90) && !(c == 0xF4 && p[1] > 0x8F);
    }
    if (ok) {
      out.append(reinterpret_cast<const char*>(p), n);
      p += n;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD for this byte; resynchronise on the next one
      ++p;
    }
  }
  out += '"';
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
  // Written by hand (one line per request: nlohmann's ordered_json cost more than the rest of
  // the line's work); the same JSON as before, keys in the same order.
  std::string out;
  out.reserve(160 + r.path.size() + r.error.size());
  out += "{\"time\":\"";
  out += iso_time(r.time);
  out += "\",\"method\":";
  append_json_string(out, r.method);
  out += ",\"path\":";
  append_json_string(out, r.path);
  out += ",\"status\":";
  out += std::to_string(r.status);
  // Milliseconds rounded to the microsecond: "0.42", "12.345", "3".
  const int64_t us = std::llround(std::max(0.0, r.duration_ms) * 1000);
  out += ",\"duration_ms\":";
  out += std::to_string(us / 1000);
  if (int64_t frac = us % 1000; frac != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(frac));
    std::string_view f(buf);
    while (f.back() == '0') f.remove_suffix(1);
    out += f;
  }
  out += ",\"bytes\":";
  out += std::to_string(r.bytes);
  if (!r.remote.empty()) {
    out += ",\"remote\":";
    append_json_string(out, r.remote);
  }
  if (!r.error.empty()) {
    out += ",\"error\":";
    append_json_string(out, r.error);
  }
  out += '}';
  return out;
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
  std::time_t tt =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  // Every response carries one: formatted once per second and thread.
  thread_local std::time_t cached_second = -1;
  thread_local char cached[40];
  if (tt != cached_second) {
    std::tm tm{};
    gmtime_r(&tt, &tm);
    std::snprintf(cached, sizeof cached, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                  kDays[tm.tm_wday % 7], tm.tm_mday, kMonths[tm.tm_mon % 12], tm.tm_year + 1900,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached_second = tt;
  }
  return cached;
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
