#include "webapp/forms.hpp"

#include <cctype>

namespace htx::webapp {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_token_char(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

// RFC 2046 bchars.
bool valid_boundary(std::string_view b) {
  if (b.empty() || b.size() > 70 || b.back() == ' ') return false;
  for (char c : b) {
    if (std::isalnum(static_cast<unsigned char>(c))) continue;
    switch (c) {
      case '\'':
      case '(':
      case ')':
      case '+':
      case '_':
      case ',':
      case '-':
      case '.':
      case '/':
      case ':':
      case '=':
      case '?':
      case ' ':
        continue;
      default:
        return false;
    }
  }
  return true;
}

struct Param {
  std::string name;  // lower case
  std::string value;
};

// The parameters after the first ';' of a header value. nullopt when a quoted string is not
// closed or a parameter has no name.
std::optional<std::vector<Param>> parameters(std::string_view v) {
  std::vector<Param> out;
  std::size_t i = 0;
  bool in_quotes = false;
  for (; i < v.size(); ++i) {  // skip the leading value (it may not hold quotes in practice)
    if (v[i] == '"') in_quotes = !in_quotes;
    if (v[i] == ';' && !in_quotes) break;
  }
  while (i < v.size()) {
    ++i;  // past ';'
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    if (i >= v.size()) break;
    std::size_t name_start = i;
    while (i < v.size() && v[i] != '=' && v[i] != ';') ++i;
    std::string_view name = trim_ows(v.substr(name_start, i - name_start));
    if (name.empty()) return std::nullopt;
    std::string value;
    if (i < v.size() && v[i] == '=') {
      ++i;
      while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
      if (i < v.size() && v[i] == '"') {
        ++i;
        bool closed = false;
        while (i < v.size()) {
          char c = v[i++];
          if (c == '"') {
            closed = true;
            break;
          }
          if (c == '\\' && i < v.size()) c = v[i++];
          value.push_back(c);
        }
        if (!closed) return std::nullopt;
        while (i < v.size() && v[i] != ';') {
          if (v[i] != ' ' && v[i] != '\t') return std::nullopt;  // text after the quotes
          ++i;
        }
      } else {
        std::size_t start = i;
        while (i < v.size() && v[i] != ';') ++i;
        value = std::string(trim_ows(v.substr(start, i - start)));
      }
    }
    out.push_back({lower(name), std::move(value)});
  }
  return out;
}

std::string base_name(std::string_view filename) {
  auto slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  return std::string(filename);
}

MultipartResult fail(MultipartError e) {
  MultipartResult r;
  r.error = e;
  return r;
}

}  // namespace

std::map<std::string, std::string> parse_cookies(const web::Request& request) {
  std::map<std::string, std::string> out;
  for (const auto& [field, value] : request.headers) {
    if (!iequals(field, "cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      std::string_view pair = trim_ows(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      std::string_view name = trim_ows(pair.substr(0, eq));
      std::string_view val = trim_ows(pair.substr(eq + 1));
      if (name.empty()) continue;
      if (val.size() >= 2 && val.front() == '"' && val.back() == '"')
        val = val.substr(1, val.size() - 2);
      out.emplace(std::string(name), std::string(val));  // the first one stays
    }
  }
  return out;
}

std::optional<std::string> cookie(const web::Request& request, std::string_view name) {
  auto all = parse_cookies(request);
  auto it = all.find(std::string(name));
  if (it == all.end()) return std::nullopt;
  return it->second;
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieSpec& spec) {
  std::string out = std::string(name) + "=" + std::string(value) + "; Path=" + spec.path;
  if (spec.max_age) out += "; Max-Age=" + std::to_string(*spec.max_age);
  if (spec.http_only) out += "; HttpOnly";
  if (!spec.same_site.empty()) out += "; SameSite=" + spec.same_site;
  if (spec.secure) out += "; Secure";
  return out;
}

std::string cookie_name(std::string_view name, bool secure) {
  return (secure ? "__Host-" : "") + std::string(name);
}

std::string url_encode(std::string_view s) { return web::percent_encode(s); }

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  volatile unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff = static_cast<unsigned char>(
        diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
  return diff == 0;
}

std::string media_type(std::string_view content_type) {
  auto semi = content_type.find(';');
  return lower(trim_ows(content_type.substr(0, semi)));
}

std::optional<std::string> header_parameter(std::string_view value, std::string_view name) {
  auto params = parameters(value);
  if (!params) return std::nullopt;
  for (auto& p : *params)
    if (p.name == lower(name)) return p.value;
  return std::nullopt;
}

std::optional<web::QueryParams> parse_urlencoded(std::string_view body) {
  return web::QueryParams::parse(body);
}

const MultipartPart* MultipartForm::find(std::string_view name) const {
  for (auto& p : parts)
    if (p.name == name) return &p;
  return nullptr;
}

MultipartResult parse_multipart(std::string_view content_type, std::string_view body,
                                const MultipartLimits& limits) {
  if (media_type(content_type) != "multipart/form-data") return fail(MultipartError::kNotMultipart);
  auto boundary = header_parameter(content_type, "boundary");
  if (!boundary || !valid_boundary(*boundary)) return fail(MultipartError::kBadBoundary);
  const std::string delimiter = "--" + *boundary;
  const std::string next_delimiter = "\r\n" + delimiter;

  std::size_t pos = 0;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = delimiter.size();
  } else {  // a preamble, ignored
    auto at = body.find(next_delimiter);
    if (at == std::string_view::npos) return fail(MultipartError::kMalformed);
    pos = at + next_delimiter.size();
  }

  MultipartResult result;
  for (;;) {
    if (body.substr(pos, 2) == "--") break;  // the close delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // padding
    if (body.substr(pos, 2) != "\r\n") return fail(MultipartError::kMalformed);
    pos += 2;
    if (result.form.parts.size() >= limits.max_parts) return fail(MultipartError::kTooManyParts);

    // The part's header block, up to an empty line.
    std::size_t header_end, content_start;
    if (body.substr(pos, 2) == "\r\n") {
      header_end = pos;
      content_start = pos + 2;
    } else {
      header_end = body.find("\r\n\r\n", pos);
      if (header_end == std::string_view::npos) {
        return fail(body.size() - pos > limits.max_header_bytes ? MultipartError::kTooLarge
                                                                : MultipartError::kMalformed);
      }
      content_start = header_end + 4;
    }
    if (header_end - pos > limits.max_header_bytes) return fail(MultipartError::kTooLarge);

    MultipartPart part;
    std::optional<std::string> disposition;
    std::string_view headers = body.substr(pos, header_end - pos);
    while (!headers.empty()) {
      auto eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      if (line.find('\r') != std::string_view::npos || line.find('\n') != std::string_view::npos ||
          line.find('\0') != std::string_view::npos)
        return fail(MultipartError::kMalformed);
      auto colon = line.find(':');
      if (colon == 0 || colon == std::string_view::npos) return fail(MultipartError::kMalformed);
      std::string_view field = line.substr(0, colon);
      for (char c : field)
        if (!is_token_char(c)) return fail(MultipartError::kMalformed);  // also folded lines
      std::string_view value = trim_ows(line.substr(colon + 1));
      if (iequals(field, "content-disposition")) {
        if (disposition) return fail(MultipartError::kMalformed);
        disposition = std::string(value);
      } else if (iequals(field, "content-type")) {
        part.content_type = std::string(value);
      }
    }
    if (!disposition || media_type(*disposition) != "form-data")
      return fail(MultipartError::kMalformed);
    auto params = parameters(*disposition);
    if (!params) return fail(MultipartError::kMalformed);
    bool has_name = false;
    std::optional<std::string> filename, filename_ext;
    for (auto& p : *params) {
      if (p.name == "name" && !has_name) {
        part.name = p.value;
        has_name = true;
      } else if (p.name == "filename" && !filename) {
        filename = p.value;
      } else if (p.name == "filename*" && !filename_ext) {
        // RFC 5987 ext-value: charset'language'percent-encoded
        auto q1 = p.value.find('\'');
        auto q2 = q1 == std::string::npos ? q1 : p.value.find('\'', q1 + 1);
        if (q2 == std::string::npos || !iequals(p.value.substr(0, q1), "utf-8"))
          return fail(MultipartError::kMalformed);
        auto decoded = web::percent_decode(p.value.substr(q2 + 1), false);
        if (!decoded) return fail(MultipartError::kMalformed);
        filename_ext = std::move(*decoded);
      }
    }
    if (!has_name || part.name.empty() || !web::is_valid_utf8(part.name))
      return fail(MultipartError::kMalformed);
    if (filename_ext) filename = filename_ext;
    if (filename) {
      if (!web::is_valid_utf8(*filename)) return fail(MultipartError::kMalformed);
      part.filename = base_name(*filename);
    }

    // The content, up to the next delimiter.
    auto end = body.find(next_delimiter, content_start);
    if (end == std::string_view::npos) return fail(MultipartError::kMalformed);
    std::size_t size = end - content_start;
    if (size > (part.filename ? limits.max_file_bytes : limits.max_field_bytes))
      return fail(MultipartError::kTooLarge);
    part.data = std::string(body.substr(content_start, size));
    if (!part.filename && !web::is_valid_utf8(part.data)) return fail(MultipartError::kMalformed);
    result.form.parts.push_back(std::move(part));
    pos = end + next_delimiter.size();
  }
  if (result.form.parts.empty()) return fail(MultipartError::kMalformed);
  return result;
}

}  // namespace htx::webapp
