#include "web/http_types.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/enum_codes.hpp"
#include "core/text.hpp"

namespace htx::web {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (std::tolower(x) != std::tolower(y)) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One element of a comma-separated list with a quality: "text/html;q=0.8" -> {"text/html", 0.8}.
struct Weighted {
  std::string value;  // lower case, parameters removed
  double q = 1.0;
};

std::vector<Weighted> parse_weighted_list(std::string_view header) {
  std::vector<Weighted> out;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    Weighted w{lower(trim(item.substr(0, semi))), 1.0};
    if (w.value.empty()) continue;
    auto params = semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1);
    while (!params.empty()) {
      auto next = params.find(';');
      auto param = trim(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view{} : params.substr(next + 1);
      if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        std::string num(param.substr(2));
        char* end = nullptr;
        double q = std::strtod(num.c_str(), &end);
        w.q = (end == num.c_str() || !(q >= 0)) ? 0.0 : std::min(q, 1.0);
      }
    }
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace

// Every method but kOther, the last.
constexpr enum_codes::Codes<Method, 7> kMethods{
    {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}};

std::string_view method_name(Method method) { return kMethods.code(method, "OTHER"); }

Method parse_method(std::string_view name) {
  return kMethods.from_code(name).value_or(Method::kOther);
}

// ---- Headers ----

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (auto& [k, v] : items_) {
    if (iequals(k, name)) return std::string_view(v);
  }
  return std::nullopt;
}

void Headers::set(std::string_view name, std::string value) {
  erase(name);
  items_.emplace_back(std::string(name), std::move(value));
}

void Headers::erase(std::string_view name) {
  std::erase_if(items_, [&](const Field& f) { return iequals(f.first, name); });
}

// ---- QueryParams ----

std::optional<QueryParams> QueryParams::parse(std::string_view query) {
  QueryParams out;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (item.empty()) continue;
    auto eq = item.find('=');
    auto name = percent_decode(item.substr(0, eq), true);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    out.add(std::move(*name), std::move(*value));
  }
  return out;
}

std::optional<std::string_view> QueryParams::get(std::string_view name) const {
  for (auto& [k, v] : items_) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::vector<std::string_view> QueryParams::get_all(std::string_view name) const {
  std::vector<std::string_view> out;
  for (auto& [k, v] : items_) {
    if (k == name) out.emplace_back(v);
  }
  return out;
}

// ---- Response ----

Response Response::text(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::html(std::string body, int status) {
  Response r = text(std::move(body), status);
  r.content_type = "text/html; charset=utf-8";
  return r;
}

Response Response::json(std::string body, int status) {
  Response r = text(std::move(body), status);
  r.content_type = "application/json";
  return r;
}

Response Response::download(std::string body, std::string content_type,
                            std::string_view file_name) {
  Response r;
  r.status = 200;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.headers.set("Content-Disposition", attachment_disposition(file_name));
  return r;
}

// ---- decoding ----

// The same rule as everywhere (core/text): strict UTF-8, no overlongs, surrogates or values
// beyond U+10FFFF.
bool is_valid_utf8(std::string_view s) { return text::is_valid_utf8(s); }

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string attachment_disposition(std::string_view file_name) {
  std::string ascii;
  for (unsigned char c : file_name) {
    if (c >= 0x80) {
      if ((c & 0xC0) != 0x80) ascii.push_back('_');  // one mark per non-ASCII character
    } else if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) {
      ascii.push_back('_');
    } else {
      ascii.push_back(static_cast<char>(c));
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percent_encode(file_name);
}

std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (out.find('\0') != std::string::npos || !is_valid_utf8(out)) return std::nullopt;
  return out;
}

bool parse_target(Request& request) {
  std::string_view t = request.target;
  // absolute-form: scheme://authority/path?query (RFC 9112 §3.2.2)
  for (std::string_view scheme : {"http://", "https://"}) {
    if (t.size() >= scheme.size() && iequals(t.substr(0, scheme.size()), scheme)) {
      t.remove_prefix(scheme.size());
      auto slash = t.find_first_of("/?");
      t = slash == std::string_view::npos ? std::string_view("/") : t.substr(slash);
      break;
    }
  }
  if (t.empty() || t.front() != '/') return false;
  auto q = t.find('?');
  std::string_view raw_path = t.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
  if (auto hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
  if (auto hash = raw_path.find('#'); hash != std::string_view::npos)
    raw_path = raw_path.substr(0, hash);
  auto path = percent_decode(raw_path, false);
  if (!path) return false;
  auto params = QueryParams::parse(query);
  if (!params) return false;
  request.raw_path = std::string(raw_path);
  request.path = std::move(*path);
  request.query = std::move(*params);
  return true;
}

// ---- negotiation ----

i18n::Lang preferred_lang(const Request& request) {
  if (auto l = request.query.get("lang")) {
    if (auto lang = i18n::parse_lang(*l)) return *lang;
  }
  if (auto header = request.headers.get("Accept-Language")) {
    auto items = parse_weighted_list(*header);
    std::stable_sort(items.begin(), items.end(),
                     [](const Weighted& a, const Weighted& b) { return a.q > b.q; });
    for (auto& item : items) {
      if (item.q <= 0) break;
      auto primary = std::string_view(item.value).substr(0, item.value.find('-'));
      if (auto lang = i18n::parse_lang(primary)) return *lang;
    }
  }
  return i18n::Lang::kVi;
}

bool prefers_json(const Request& request) {
  auto header = request.headers.get("Accept");
  if (!header) return false;
  double json_q = 0, html_q = 0;
  for (auto& item : parse_weighted_list(*header)) {
    std::string_view v = item.value;
    if (v == "application/json" || (v.size() > 5 && v.substr(v.size() - 5) == "+json")) {
      json_q = std::max(json_q, item.q);
    } else if (v == "text/html") {
      html_q = std::max(html_q, item.q);
    }
  }
  return json_q > 0 && json_q >= html_q;
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto entity = text::markup_entity(static_cast<unsigned char>(c), "&#39;");
    if (entity.empty())
      out += c;
    else
      out += entity;
  }
  return out;
}

}  // namespace htx::web
