// What a browser sends besides the URL: cookies, url-encoded forms and multipart uploads.
// Everything here is input from the network: malformed input gives an error value, never an
// exception or a crash.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/http_types.hpp"

namespace htx::webapp {

// Cookies of a request ("a=1; b=2", from every Cookie field). The first value of a name wins;
// pairs without '=' or with an empty name are skipped; values may be double-quoted.
std::map<std::string, std::string> parse_cookies(const web::Request& request);
std::optional<std::string> cookie(const web::Request& request, std::string_view name);

struct CookieSpec {
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
  std::optional<long> max_age;  // seconds; 0 deletes the cookie; none = a session cookie
  std::string path = "/";
};
// A Set-Cookie value: "name=value; Path=/; HttpOnly; SameSite=Lax[; Secure][; Max-Age=n]".
std::string set_cookie(std::string_view name, std::string_view value, const CookieSpec& spec);
// The name a secret cookie (session, login token) is set and read under: behind TLS (`secure`)
// "__Host-" + name, which browsers keep only if it is Secure, for Path=/ and without a Domain,
// so that no other host of the domain can set or overwrite it (ASVS 3.4.4); else `name`.
std::string cookie_name(std::string_view name, bool secure);

// Percent-encoding of a URL component (RFC 3986 unreserved characters stay as they are).
std::string url_encode(std::string_view s);

// Equal length and bytes, in time that does not depend on where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// The media type of a Content-Type value, lower case, without parameters.
std::string media_type(std::string_view content_type);

// One parameter of a header value ("multipart/form-data; boundary=xyz" -> "xyz"), unquoted.
std::optional<std::string> header_parameter(std::string_view value, std::string_view name);

// An application/x-www-form-urlencoded body; nullopt when malformed (bad escape, not UTF-8).
std::optional<web::QueryParams> parse_urlencoded(std::string_view body);

// ---- multipart/form-data (RFC 7578) ----

struct MultipartPart {
  std::string name;
  std::optional<std::string> filename;  // as sent, without any directory part
  std::string content_type;             // of the part, if given
  std::string data;
};

struct MultipartLimits {
  std::size_t max_parts = 32;
  std::size_t max_header_bytes = 8 * 1024;  // of one part's header block
  std::size_t max_field_bytes = 64 * 1024;  // of a part without a filename
  std::size_t max_file_bytes = 8 * 1024 * 1024;
};

enum class MultipartError {
  kNotMultipart,  // the Content-Type is not multipart/form-data
  kBadBoundary,   // no boundary, or not a valid one (1..70 characters of RFC 2046)
  kMalformed,     // the body does not follow the format
  kTooLarge,      // a part over its limit
  kTooManyParts,
};

struct MultipartForm {
  std::vector<MultipartPart> parts;
  const MultipartPart* find(std::string_view name) const;  // the first part of that name
};

struct MultipartResult {
  MultipartForm form;
  std::optional<MultipartError> error;
  bool ok() const { return !error; }
};

MultipartResult parse_multipart(std::string_view content_type, std::string_view body,
                                const MultipartLimits& limits = {});

}  // namespace htx::webapp
