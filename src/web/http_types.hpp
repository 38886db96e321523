// HTTP request and response as the rest of the program sees them: plain structs, no Beast.
// The server (server.cpp, the only file that includes Beast/Asio) converts to and from these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/i18n.hpp"

namespace htx::web {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view method_name(Method method);  // "GET", ...; "OTHER" for kOther
Method parse_method(std::string_view name);   // exact, case-sensitive (RFC 9110); else kOther

// Name and value pairs in the order they were added: what Headers and QueryParams hold.
class NameValues {
 public:
  using Pair = std::pair<std::string, std::string>;

  void add(std::string name, std::string value) {  // keeps existing pairs of that name
    items_.emplace_back(std::move(name), std::move(value));
  }

  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }

 protected:
  std::vector<Pair> items_;
};

// Header fields with case-insensitive names, in the order they were added.
class Headers : public NameValues {
 public:
  using Field = Pair;

  // The first value of name, if present.
  std::optional<std::string_view> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  void set(std::string_view name, std::string value);  // replaces every field of that name
  void erase(std::string_view name);
};

// Query string parameters, percent-decoded ('+' is a space), in their original order.
class QueryParams : public NameValues {
 public:
  using Param = Pair;

  // Parses "a=1&b=H%C3%A0" (without the '?'). Empty on malformed percent-encoding or
  // decoded bytes that are not valid UTF-8 (or contain NUL).
  static std::optional<QueryParams> parse(std::string_view query);

  std::optional<std::string_view> get(std::string_view name) const;  // the first value
  std::vector<std::string_view> get_all(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
};

struct Request {
  Method method = Method::kGet;
  std::string method_text;  // as sent, e.g. "GET" or "PROPFIND"
  std::string target;       // as sent: "/a/H%C3%A0?x=1"
  std::string raw_path;     // target without the query, still percent-encoded: "/a/H%C3%A0"
  std::string path;         // raw_path percent-decoded ('+' stays '+'): "/a/Hà"
  QueryParams query;
  Headers headers;
  std::string body;
  std::string remote_address;  // peer IP, for logs
  unsigned version = 11;       // 10 or 11
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  Headers headers;  // Content-Length, Transfer-Encoding and Connection are set by the server
  std::string body;

  static Response text(std::string body, int status = 200);
  static Response html(std::string body, int status = 200);
  static Response json(std::string body, int status = 200);  // body is already-serialised JSON
  // A file to save: its bytes, type and name (attachment_disposition).
  static Response download(std::string body, std::string content_type, std::string_view file_name);
};

// Percent-decoding; plus_is_space for query strings. nullopt on a malformed escape, on bytes that
// are not valid UTF-8 after decoding, or on NUL.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space);
bool is_valid_utf8(std::string_view s);
// Percent-encoding of everything but RFC 3986's unreserved characters (a space is "%20").
std::string percent_encode(std::string_view s);
// The Content-Disposition of a download named `file_name` (UTF-8): an ASCII fallback name for old
// clients and the real name as RFC 6266 / 5987 give it.
std::string attachment_disposition(std::string_view file_name);

// Builds the target-derived fields of a Request (raw_path, path, query) from request.target.
// Accepts origin-form ("/p?q") and absolute-form ("http://host/p?q"). False when malformed.
bool parse_target(Request& request);

// The user's language: a valid `lang` query parameter, else the best supported language of
// Accept-Language, else Vietnamese.
i18n::Lang preferred_lang(const Request& request);

// Whether an error should be answered as JSON: the Accept header lists application/json (or a
// +json type) with at least the quality of text/html.
bool prefers_json(const Request& request);

std::string html_escape(std::string_view s);

}  // namespace htx::web
