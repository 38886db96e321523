// Streaming reader of the first worksheet of an .xlsx workbook.
//
// The package relationships, the workbook part and its relationships are small and parsed with
// pugixml. The worksheet, the shared strings and the styles can be large and are read through a
// small pull parser (XmlPull below) fed straight from the zip entry, so memory stays bounded by
// the longest row (plus the shared strings themselves).
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <pugixml.hpp>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "core/utf8.hpp"
#include "exchange/xlsx.hpp"

namespace htx::exchange {

namespace {

constexpr std::size_t kMaxRows = 1048576;
constexpr std::size_t kMaxColumns = 16384;
constexpr std::size_t kReadChunk = 64 * 1024;

std::string zip_error_text(int code) {
  zip_error_t e;
  zip_error_init_with_code(&e, code);
  std::string s = zip_error_strerror(&e);
  zip_error_fini(&e);
  return s;
}

std::string_view local_name(std::string_view qname) {
  auto p = qname.rfind(':');
  return p == std::string_view::npos ? qname : qname.substr(p + 1);
}

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads "_xHHHH_" at s[i]; returns the code unit or -1.
long read_x_escape(std::string_view s, std::size_t i) {
  if (i + 7 > s.size() || s[i] != '_' || (s[i + 1] != 'x' && s[i + 1] != 'X') || s[i + 6] != '_')
    return -1;
  long v = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    int h = hex_value(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// Excel escapes characters that XML cannot carry as _xHHHH_ (ST_Xstring); "_x005F_" is '_'.
std::string unescape_xstring(std::string s) {
  if (s.find("_x") == std::string::npos && s.find("_X") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    long u = read_x_escape(s, i);
    if (u < 0) {
      out.push_back(s[i++]);
      continue;
    }
    i += 7;
    std::uint32_t cp = static_cast<std::uint32_t>(u);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      long lo = read_x_escape(s, i);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(lo) - 0xDC00);
        i += 7;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    if (cp != 0) text::append_utf8(out, cp);
  }
  return out;
}

// Percent-decoding and "."/".." resolution of a relationship target against a base folder.
std::string resolve_part(std::string_view base_dir, std::string_view target) {
  std::string raw;
  for (std::size_t i = 0; i < target.size(); ++i) {
    if (target[i] == '%' && i + 2 < target.size() && hex_value(target[i + 1]) >= 0 &&
        hex_value(target[i + 2]) >= 0) {
      raw.push_back(static_cast<char>(hex_value(target[i + 1]) * 16 + hex_value(target[i + 2])));
      i += 2;
    } else {
      raw.push_back(target[i] == '\\' ? '/' : target[i]);
    }
  }
  std::string joined =
      (!raw.empty() && raw[0] == '/') ? raw.substr(1) : std::string(base_dir) + raw;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string seg = joined.substr(start, end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(std::move(seg));
    }
    start = end + 1;
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out.push_back('/');
    out += parts[i];
  }
  return out;
}

std::string dir_of(const std::string& part) {
  auto p = part.rfind('/');
  return p == std::string::npos ? std::string() : part.substr(0, p + 1);
}

std::string rels_of(const std::string& part) {
  auto p = part.rfind('/');
  if (p == std::string::npos) return "_rels/" + part + ".rels";
  return part.substr(0, p + 1) + "_rels/" + part.substr(p + 1) + ".rels";
}

// ---------------------------------------------------------------------------------------------
// Zip access

struct ZipCloser {
  void operator()(zip_t* z) const {
    if (z) zip_discard(z);
  }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

struct ZipFileCloser {
  void operator()(zip_file_t* f) const {
    if (f) zip_fclose(f);
  }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;

struct PartInfo {
  zip_int64_t index = -1;
  std::uint64_t size = 0;  // uncompressed, as declared
};

// Finds `name` (case-insensitive, as OPC part names are) and checks it can be read.
std::optional<PartInfo> locate_part(zip_t* z, const std::string& name, std::uint64_t limit,
                                    std::string& error) {
  zip_int64_t idx = zip_name_locate(z, name.c_str(), ZIP_FL_NOCASE);
  if (idx < 0) return std::nullopt;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z, static_cast<zip_uint64_t>(idx), 0, &st) != 0) {
    error = "cannot read zip entry " + name + ": " + zip_strerror(z);
    return PartInfo{-2, 0};
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    error = "the workbook is encrypted (zip entry " + name + " is password-protected)";
    return PartInfo{-2, 0};
  }
  if ((st.valid & ZIP_STAT_COMP_METHOD) && !zip_compression_method_supported(st.comp_method, 0)) {
    error = "zip entry " + name + " uses an unsupported compression method";
    return PartInfo{-2, 0};
  }
  PartInfo info{idx, (st.valid & ZIP_STAT_SIZE) ? st.size : 0};
  if (info.size > limit) {
    error = "zip entry " + name + " is too large (" + std::to_string(info.size) +
            " bytes uncompressed, limit " + std::to_string(limit) + ")";
    return PartInfo{-2, 0};
  }
  return info;
}

// Buffered sequential reader of one zip entry, with a hard cap on the bytes it will produce.
class EntryStream {
 public:
  bool open(zip_t* z, const std::string& name, const PartInfo& info, std::uint64_t limit,
            std::string& error) {
    name_ = name;
    limit_ = limit;
    size_ = info.size;
    file_.reset(zip_fopen_index(z, static_cast<zip_uint64_t>(info.index), 0));
    if (!file_) {
      zip_error_t* ze = zip_get_error(z);
      int code = ze ? zip_error_code_zip(ze) : ZIP_ER_INTERNAL;
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
        error = "the workbook is encrypted (zip entry " + name + " is password-protected)";
      else
        error = "cannot open zip entry " + name + ": " + zip_strerror(z);
      return false;
    }
    buffer_.reset(new char[kReadChunk]);
    return true;
  }

  int peek() {
    if (pos_ == len_ && !fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
  }
  int get() {
    int c = peek();
    if (c >= 0) ++pos_;
    return c;
  }

  // Appends bytes up to (not including) the first one for which stop(byte) holds; returns that
  // byte (not consumed) or -1 at the end of the entry.
  template <typename Stop>
  int read_run(std::string& out, Stop stop) {
    for (;;) {
      if (pos_ == len_ && !fill()) return -1;
      std::size_t start = pos_;
      while (pos_ < len_ && !stop(static_cast<unsigned char>(buffer_[pos_]))) ++pos_;
      out.append(buffer_.get() + start, pos_ - start);
      if (pos_ < len_) return static_cast<unsigned char>(buffer_[pos_]);
    }
  }

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  std::uint64_t consumed() const { return before_ + pos_; }
  std::uint64_t size() const { return size_; }
  const std::string& name() const { return name_; }

 private:
  bool fill() {
    if (eof_ || failed()) return false;
    before_ += len_;
    pos_ = len_ = 0;
    zip_int64_t n = zip_fread(file_.get(), buffer_.get(), kReadChunk);
    if (n < 0) {
      error_ = "cannot decompress zip entry " + name_ +
               " (corrupt file?): " + zip_file_strerror(file_.get());
      return false;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    len_ = static_cast<std::size_t>(n);
    if (before_ + len_ > limit_) {
      error_ = "zip entry " + name_ + " is larger than the limit of " + std::to_string(limit_) +
               " bytes uncompressed";
      len_ = 0;
      return false;
    }
    return true;
  }

  ZipFilePtr file_;
  std::unique_ptr<char[]> buffer_;
  std::size_t pos_ = 0, len_ = 0;
  std::uint64_t before_ = 0, size_ = 0, limit_ = 0;
  bool eof_ = false;
  std::string error_;
  std::string name_;
};

bool read_whole_part(zip_t* z, const std::string& name, const PartInfo& info, std::uint64_t limit,
                     std::string& out, std::string& error) {
  EntryStream in;
  if (!in.open(z, name, info, limit, error)) return false;
  out.clear();
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(info.size, limit)));
  for (int c; (c = in.get()) >= 0;) out.push_back(static_cast<char>(c));
  if (in.failed()) {
    error = in.error();
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// A minimal, non-validating, well-formedness-checking XML pull parser over an EntryStream.
// UTF-8 only; no DTDs; element and attribute names are reported as local names.

struct XmlEvent {
  enum class Type { kStart, kEnd, kText, kEof, kError };
  Type type = Type::kEof;
  std::string name;                                        // local name (kStart / kEnd)
  std::vector<std::pair<std::string, std::string>> attrs;  // local names, decoded values
  std::size_t attr_count = 0;                              // attrs[0..attr_count) are valid
  std::string text;                                        // kText

  const std::string* attr(std::string_view local) const {
    for (std::size_t i = 0; i < attr_count; ++i)
      if (attrs[i].first == local) return &attrs[i].second;
    return nullptr;
  }
};

class XmlPull {
 public:
  explicit XmlPull(EntryStream& in) : in_(in) {
    // UTF-8 byte order mark.
    if (in_.peek() == 0xEF) {
      in_.get();
      if (in_.get() != 0xBB || in_.get() != 0xBF) fail("invalid byte order mark");
    } else if (in_.peek() == 0xFE || in_.peek() == 0xFF || in_.peek() == 0) {
      fail("unsupported text encoding (UTF-16?)");
    }
  }

  XmlEvent::Type next(XmlEvent& ev) {
    ev.type = step(ev);
    return ev.type;
  }
  const std::string& error() const { return error_; }

 private:
  static constexpr std::size_t kMaxDepth = 256;
  static constexpr std::size_t kMaxName = 512;
  static constexpr std::size_t kMaxAttrs = 128;

  XmlEvent::Type fail(std::string message) {
    if (error_.empty()) {
      error_ = in_.failed() ? in_.error()
                            : "malformed XML in " + in_.name() + " near byte " +
                                  std::to_string(in_.consumed()) + ": " + message;
    }
    return XmlEvent::Type::kError;
  }

  static bool is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
  static bool is_name_char(int c) {
    return c >= 0 && !is_space(c) && c != '/' && c != '>' && c != '<' && c != '=' && c != '"' &&
           c != '\'' && c != '&' && c != '?' && c != '!';
  }
  void skip_space() {
    while (is_space(in_.peek())) in_.get();
  }

  bool read_name(std::string& out) {
    out.clear();
    int c = in_.peek();
    if (!(c == '_' || c == ':' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80))
      return false;
    in_.read_run(out, [](int ch) { return !is_name_char(ch); });
    return out.size() <= kMaxName;
  }

  // After '&': decodes one reference into `out`.
  bool read_entity(std::string& out) {
    char buf[16];
    std::size_t n = 0;
    for (;;) {
      int c = in_.get();
      if (c < 0) return false;
      if (c == ';') break;
      if (n + 1 >= sizeof(buf)) return false;
      buf[n++] = static_cast<char>(c);
    }
    std::string_view e(buf, n);
    if (e == "lt")
      out.push_back('<');
    else if (e == "gt")
      out.push_back('>');
    else if (e == "amp")
      out.push_back('&');
    else if (e == "quot")
      out.push_back('"');
    else if (e == "apos")
      out.push_back('\'');
    else if (e.size() >= 2 && e[0] == '#') {
      std::uint32_t cp = 0;
      std::from_chars_result r;
      if (e[1] == 'x' || e[1] == 'X')
        r = std::from_chars(e.data() + 2, e.data() + e.size(), cp, 16);
      else
        r = std::from_chars(e.data() + 1, e.data() + e.size(), cp, 10);
      if (r.ec != std::errc() || r.ptr != e.data() + e.size() || e.size() < 2 ||
          (e[1] == 'x' && e.size() < 3))
        return false;
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      text::append_utf8(out, cp);
    } else {
      return false;
    }
    return true;
  }

  // Reads up to and including `terminator`; appends the content (without it) to `out` if given.
  bool read_until(std::string_view terminator, std::string* out) {
    std::string window;
    for (;;) {
      int c = in_.get();
      if (c < 0) return false;
      if (out) out->push_back(static_cast<char>(c));
      window.push_back(static_cast<char>(c));
      if (window.size() > terminator.size()) window.erase(0, 1);
      if (window == terminator) {
        if (out) out->resize(out->size() - terminator.size());
        return true;
      }
    }
  }

  XmlEvent::Type step(XmlEvent& ev) {
    if (!error_.empty()) return XmlEvent::Type::kError;
    if (pending_end_) {
      pending_end_ = false;
      ev.name = local_name(stack_.back());
      stack_.pop_back();
      if (stack_.empty()) root_closed_ = true;
      return XmlEvent::Type::kEnd;
    }
    for (;;) {
      int c = in_.peek();
      if (c < 0) {
        if (in_.failed()) return fail("");
        if (!stack_.empty())
          return fail("unexpected end of document inside <" + stack_.back() + ">");
        if (!root_closed_) return fail("no root element");
        return XmlEvent::Type::kEof;
      }
      if (c != '<') {
        ev.text.clear();
        while (in_.read_run(ev.text, [](int ch) { return ch == '<' || ch == '&'; }) == '&') {
          in_.get();
          if (!read_entity(ev.text)) return fail("invalid character reference");
        }
        if (stack_.empty()) {
          if (!trim_ws(ev.text).empty()) return fail("text outside the root element");
          continue;
        }
        return XmlEvent::Type::kText;
      }
      in_.get();  // '<'
      c = in_.peek();
      if (c == '?') {
        in_.get();
        std::string pi;
        if (!read_until("?>", &pi)) return fail("unterminated processing instruction");
        if (pi.compare(0, 3, "xml") == 0 && (pi.size() == 3 || is_space(pi[3]))) {
          auto p = pi.find("encoding");
          if (p != std::string::npos) {
            auto q = pi.find_first_of("\"'", p);
            auto q2 = q == std::string::npos ? q : pi.find(pi[q], q + 1);
            if (q2 == std::string::npos) return fail("bad XML declaration");
            std::string enc = pi.substr(q + 1, q2 - q - 1);
            for (auto& ch : enc)
              ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (enc != "utf-8" && enc != "utf8" && enc != "us-ascii" && enc != "ascii")
              return fail("unsupported text encoding " + enc);
          }
        }
        continue;
      }
      if (c == '!') {
        in_.get();
        if (in_.peek() == '-') {
          in_.get();
          if (in_.get() != '-') return fail("bad comment");
          if (!read_until("-->", nullptr)) return fail("unterminated comment");
          continue;
        }
        if (in_.peek() == '[') {
          char buf[7];
          for (char& b : buf) b = static_cast<char>(in_.get());
          if (std::string_view(buf, 7) != "[CDATA[") return fail("bad markup declaration");
          if (stack_.empty()) return fail("CDATA outside the root element");
          ev.text.clear();
          if (!read_until("]]>", &ev.text)) return fail("unterminated CDATA section");
          return XmlEvent::Type::kText;
        }
        return fail("DTDs and markup declarations are not supported");
      }
      if (c == '/') {
        in_.get();
        std::string name;
        if (!read_name(name)) return fail("bad end tag");
        skip_space();
        if (in_.get() != '>') return fail("bad end tag </" + name + ">");
        if (stack_.empty() || stack_.back() != name)
          return fail("mismatched end tag </" + name + ">");
        stack_.pop_back();
        if (stack_.empty()) root_closed_ = true;
        ev.name = local_name(name);
        return XmlEvent::Type::kEnd;
      }
      // Start tag.
      if (root_closed_) return fail("content after the root element");
      std::string& qname = qname_;
      if (!read_name(qname)) return fail("bad start tag");
      ev.attr_count = 0;
      bool self_closing = false;
      for (;;) {
        skip_space();
        c = in_.get();
        if (c == '>') break;
        if (c == '/') {
          if (in_.get() != '>') return fail("bad empty-element tag");
          self_closing = true;
          break;
        }
        if (c < 0) return fail("unexpected end of document in a tag");
        // Attribute: name = "value"
        if (!is_name_char(c)) return fail("bad attribute in <" + qname + ">");
        aname_.assign(1, static_cast<char>(c));
        in_.read_run(aname_, [](int ch) { return !is_name_char(ch); });
        if (aname_.size() > kMaxName) return fail("attribute name too long");
        skip_space();
        if (in_.get() != '=') return fail("attribute without value in <" + qname + ">");
        skip_space();
        int quote = in_.get();
        if (quote != '"' && quote != '\'') return fail("unquoted attribute value");
        if (ev.attr_count == kMaxAttrs) return fail("too many attributes");
        if (ev.attrs.size() <= ev.attr_count) ev.attrs.emplace_back();
        auto& [key, value] = ev.attrs[ev.attr_count++];
        key = local_name(aname_);
        value.clear();
        for (;;) {
          int v = in_.read_run(value,
                               [quote](int ch) { return ch == quote || ch == '&' || ch == '<'; });
          in_.get();
          if (v < 0) return fail("unterminated attribute value");
          if (v == quote) break;
          if (v == '<') return fail("'<' in attribute value");
          if (!read_entity(value)) return fail("invalid character reference");
        }
      }
      if (stack_.size() >= kMaxDepth) return fail("elements nested too deeply");
      stack_.push_back(qname);
      ev.name = local_name(qname);
      pending_end_ = self_closing;
      return XmlEvent::Type::kStart;
    }
  }

  EntryStream& in_;
  std::vector<std::string> stack_;
  bool pending_end_ = false;
  bool root_closed_ = false;
  std::string error_;
  std::string qname_, aname_;  // reused buffers
};

// ---------------------------------------------------------------------------------------------
// Number and date formatting

std::optional<double> parse_number(std::string_view s) {
  s = trim_ws(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double d = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), d, std::chars_format::general);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::string format_number(double d) {
  if (d == 0) return "0";
  char buf[64];
  if (std::floor(d) == d && std::fabs(d) < 9.0e18) {
    auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(d));
    return std::string(buf, r.ptr);
  }
  auto r = std::to_chars(buf, buf + sizeof buf, d);  // shortest round-trip
  return std::string(buf, r.ptr);
}

std::optional<std::string> serial_to_iso(double serial, bool date1904) {
  double f = std::floor(serial);
  std::int32_t days = 0;
  if (date1904) {
    if (f < 0 || f > 2957003) return std::nullopt;
    days = -24107 + static_cast<std::int32_t>(f);  // 1904-01-01
  } else {
    if (f < 1 || f > 2958465) return std::nullopt;
    if (f == 60) return std::string("1900-02-29");  // Lotus 1-2-3's phantom leap day
    days = (f < 60 ? -25568 : -25569) + static_cast<std::int32_t>(f);
  }
  return htx::Date::from_days(days).iso();
}

// A custom number format code shows a date when its first section has a day or year token
// outside quoted text, [brackets], \escapes and _x / *x fillers.
bool format_code_is_date(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    switch (c) {
      case ';':
        return false;
      case '"': {
        auto e = code.find('"', i + 1);
        if (e == std::string_view::npos) return false;
        i = e;
        break;
      }
      case '[': {
        auto e = code.find(']', i + 1);
        if (e == std::string_view::npos) return false;
        i = e;
        break;
      }
      case '\\':
      case '_':
      case '*':
        ++i;
        break;
      case 'd':
      case 'D':
      case 'y':
      case 'Y':
        return true;
      default:
        break;
    }
  }
  return false;
}

bool builtin_is_date(long id) { return (id >= 14 && id <= 22) || (id >= 45 && id <= 47); }

std::optional<long> parse_index(std::string_view s) {
  s = trim_ws(s);
  long v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

// "C5" -> column 3 (1-based); 0 when the reference is not valid.
std::size_t column_of_ref(std::string_view ref) {
  std::size_t col = 0, i = 0;
  for (; i < ref.size(); ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (col > kMaxColumns) return 0;
  }
  if (i == 0) return 0;
  for (; i < ref.size(); ++i)
    if (ref[i] < '0' || ref[i] > '9') return 0;
  return col;
}

// ---------------------------------------------------------------------------------------------
// Parts

// Reads a whole XML part, handing each start, text and end event to `on_event(type, ev)`; false
// with `error` set when the XML is malformed.
template <typename OnEvent>
bool pull_part(EntryStream& in, std::string& error, OnEvent&& on_event) {
  XmlPull xml(in);
  XmlEvent ev;
  for (;;) {
    auto type = xml.next(ev);
    if (type == XmlEvent::Type::kError) {
      error = xml.error();
      return false;
    }
    if (type == XmlEvent::Type::kEof) return true;
    on_event(type, ev);
  }
}

bool load_shared_strings(EntryStream& in, std::vector<std::string>& out, std::string& error) {
  bool in_si = false, collect = false;
  int phonetic = 0;
  std::string current;
  return pull_part(in, error, [&](XmlEvent::Type type, const XmlEvent& ev) {
    switch (type) {
      case XmlEvent::Type::kStart:
        if (ev.name == "si") {
          in_si = true;
          current.clear();
        } else if (in_si && ev.name == "rPh") {
          ++phonetic;
        } else if (in_si && ev.name == "t" && phonetic == 0) {
          collect = true;
        }
        break;
      case XmlEvent::Type::kText:
        if (collect) current += ev.text;
        break;
      case XmlEvent::Type::kEnd:
        if (ev.name == "t") {
          collect = false;
        } else if (ev.name == "rPh") {
          --phonetic;
        } else if (ev.name == "si" && in_si) {
          out.push_back(unescape_xstring(std::move(current)));
          current.clear();
          in_si = false;
        }
        break;
      default:
        break;
    }
  });
}

// For each cellXfs entry: does its number format show a date?
bool load_date_styles(EntryStream& in, std::vector<bool>& out, std::string& error) {
  std::unordered_map<long, bool> custom;  // numFmtId -> is date
  bool in_cell_xfs = false;
  int xf_depth = 0;
  return pull_part(in, error, [&](XmlEvent::Type type, const XmlEvent& ev) {
    if (type == XmlEvent::Type::kStart) {
      if (ev.name == "numFmt") {
        auto id = ev.attr("numFmtId");
        auto code = ev.attr("formatCode");
        if (id && code)
          if (auto n = parse_index(*id)) custom[*n] = format_code_is_date(*code);
      } else if (ev.name == "cellXfs") {
        in_cell_xfs = true;
      } else if (in_cell_xfs && ev.name == "xf") {
        if (xf_depth++ == 0) {
          long id = 0;
          if (auto a = ev.attr("numFmtId"))
            if (auto n = parse_index(*a)) id = *n;
          auto it = custom.find(id);
          out.push_back(it != custom.end() ? it->second : builtin_is_date(id));
        }
      }
    } else if (type == XmlEvent::Type::kEnd) {
      if (ev.name == "cellXfs")
        in_cell_xfs = false;
      else if (in_cell_xfs && ev.name == "xf")
        --xf_depth;
    }
  });
}

// Worksheet elements the reader cares about.
enum class Tag { kOther, kSheetData, kRow, kC, kV, kIs, kT, kRPh };

Tag classify(const std::string& n) {
  switch (n.size()) {
    case 1:
      return n[0] == 'c' ? Tag::kC : n[0] == 'v' ? Tag::kV : n[0] == 't' ? Tag::kT : Tag::kOther;
    case 2:
      return n == "is" ? Tag::kIs : Tag::kOther;
    case 3:
      return n == "row" ? Tag::kRow : n == "rPh" ? Tag::kRPh : Tag::kOther;
    case 9:
      return n == "sheetData" ? Tag::kSheetData : Tag::kOther;
    default:
      return Tag::kOther;
  }
}

struct WorkbookContext {
  std::vector<std::string> shared_strings;
  std::vector<bool> date_styles;
  bool date1904 = false;
};

// Turns the sheet XML into rows.
class SheetParser {
 public:
  SheetParser(EntryStream& in, const WorkbookContext& ctx) : in_(in), xml_(in), ctx_(ctx) {}

  enum class Step { kRow, kEnd, kError };

  // `to_document_end`: keep reading after </sheetData> so that the whole part is checked.
  Step next(XlsxRow& row, bool to_document_end, std::string& error) {
    XmlEvent& ev = ev_;
    for (;;) {
      switch (xml_.next(ev)) {
        case XmlEvent::Type::kError:
          error = xml_.error();
          return Step::kError;
        case XmlEvent::Type::kEof:
          return Step::kEnd;
        case XmlEvent::Type::kText:
          if (collect_ == Collect::kValue)
            value_ += ev.text;
          else if (collect_ == Collect::kInline)
            inline_ += ev.text;
          break;
        case XmlEvent::Type::kStart:
          if (!start(ev, error)) return Step::kError;
          break;
        case XmlEvent::Type::kEnd: {
          if (!in_sheet_data_) break;
          Tag tag = classify(ev.name);
          if (tag == Tag::kSheetData) {
            in_sheet_data_ = false;
            if (!to_document_end) return Step::kEnd;
          } else if (tag == Tag::kV || tag == Tag::kT) {
            collect_ = Collect::kNone;
          } else if (tag == Tag::kRPh) {
            --phonetic_;
          } else if (tag == Tag::kIs) {
            in_inline_ = false;
          } else if (tag == Tag::kC && in_cell_) {
            in_cell_ = false;
            collect_ = Collect::kNone;
            std::string value;
            if (!cell_value(value, error)) return Step::kError;
            if (!value.empty()) {
              if (cells_.size() < column_) cells_.resize(column_);
              cells_[column_ - 1] = std::move(value);
            }
            last_column_ = column_;
          } else if (tag == Tag::kRow && in_row_) {
            in_row_ = false;
            last_row_ = row_number_;
            if (!cells_.empty()) {
              row.row_number = row_number_;
              row.cells = std::move(cells_);
              cells_.clear();
              return Step::kRow;
            }
          }
          break;
        }
      }
    }
  }

 private:
  enum class Collect { kNone, kValue, kInline };

  bool start(const XmlEvent& ev, std::string& error) {
    Tag tag = classify(ev.name);
    if (!in_sheet_data_) {
      if (tag == Tag::kSheetData) in_sheet_data_ = true;
      return true;
    }
    if (tag == Tag::kRow && !in_row_) {
      in_row_ = true;
      cells_.clear();
      last_column_ = 0;
      if (auto r = ev.attr("r")) {
        auto n = parse_index(*r);
        if (!n || *n < 1 || static_cast<std::size_t>(*n) > kMaxRows) {
          error = "invalid row number \"" + *r + "\" in " + in_.name();
          return false;
        }
        row_number_ = static_cast<std::size_t>(*n);
      } else {
        row_number_ = last_row_ + 1;
        if (row_number_ > kMaxRows) {
          error = "too many rows in " + in_.name();
          return false;
        }
      }
    } else if (tag == Tag::kC && in_row_ && !in_cell_) {
      in_cell_ = true;
      value_.clear();
      inline_.clear();
      has_inline_ = false;
      type_.clear();
      style_ = 0;
      phonetic_ = 0;
      if (auto r = ev.attr("r")) {
        column_ = column_of_ref(*r);
        if (column_ == 0) {
          error = "invalid cell reference \"" + *r + "\" in " + in_.name();
          return false;
        }
      } else {
        column_ = last_column_ + 1;
        if (column_ > kMaxColumns) {
          error = "too many columns in row " + std::to_string(row_number_) + " of " + in_.name();
          return false;
        }
      }
      if (auto t = ev.attr("t")) type_ = *t;
      if (auto s = ev.attr("s"))
        if (auto n = parse_index(*s)) style_ = static_cast<std::size_t>(*n);
    } else if (in_cell_) {
      if (tag == Tag::kV && !in_inline_) {
        collect_ = Collect::kValue;
      } else if (tag == Tag::kIs) {
        in_inline_ = true;
        has_inline_ = true;
      } else if (in_inline_ && tag == Tag::kRPh) {
        ++phonetic_;
      } else if (in_inline_ && tag == Tag::kT && phonetic_ == 0) {
        collect_ = Collect::kInline;
      }
    }
    return true;
  }

  bool cell_value(std::string& out, std::string& error) {
    if (type_ == "s") {
      if (trim_ws(value_).empty()) return true;
      auto idx = parse_index(value_);
      if (!idx || static_cast<std::size_t>(*idx) >= ctx_.shared_strings.size()) {
        error = "cell " + cell_name() + ": shared string index \"" + value_ + "\" out of range";
        return false;
      }
      out = ctx_.shared_strings[static_cast<std::size_t>(*idx)];
    } else if (type_ == "inlineStr") {
      out = unescape_xstring(has_inline_ ? std::move(inline_) : std::move(value_));
    } else if (type_ == "str") {
      out = unescape_xstring(std::move(value_));
    } else if (type_ == "b") {
      auto v = trim_ws(value_);
      out = v == "1" ? "TRUE" : v == "0" ? "FALSE" : std::string(v);
    } else if (type_ == "d") {
      auto v = trim_ws(value_);
      if (v.size() >= 10 && htx::Date::parse_iso(v.substr(0, 10)) &&
          (v.size() == 10 || v[10] == 'T'))
        out = std::string(v.substr(0, 10));
      else
        out = std::string(v);
    } else if (type_.empty() || type_ == "n") {
      auto number = parse_number(value_);
      if (!number) {
        out = std::string(trim_ws(value_));
      } else {
        bool is_date = style_ < ctx_.date_styles.size() && ctx_.date_styles[style_];
        std::optional<std::string> date;
        if (is_date) date = serial_to_iso(*number, ctx_.date1904);
        out = date ? std::move(*date) : format_number(*number);
      }
    } else {  // "e" (error values) and anything unknown: the text as stored
      out = std::string(trim_ws(value_));
    }
    return true;
  }

  std::string cell_name() const {
    std::string letters;
    for (std::size_t c = column_; c > 0; c = (c - 1) / 26)
      letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters + std::to_string(row_number_);
  }

  EntryStream& in_;
  XmlPull xml_;
  const WorkbookContext& ctx_;
  XmlEvent ev_;

  bool in_sheet_data_ = false, in_row_ = false, in_cell_ = false, in_inline_ = false;
  bool has_inline_ = false;
  int phonetic_ = 0;
  Collect collect_ = Collect::kNone;
  std::size_t row_number_ = 0, last_row_ = 0, column_ = 0, last_column_ = 0, style_ = 0;
  std::string type_, value_, inline_;
  std::vector<std::string> cells_;
};

bool starts_with_bytes(const std::string& path, std::string& head, std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = "cannot open " + path + ": it is a folder";
    return false;
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  char buf[8] = {};
  f.read(buf, sizeof buf);
  head.assign(buf, static_cast<std::size_t>(f.gcount()));
  return true;
}

// Relationship id -> (type, resolved target) from a .rels part.
struct Relationship {
  std::string type, target;
};

bool load_xml(zip_t* z, const std::string& name, std::uint64_t limit, pugi::xml_document& doc,
              bool required, bool& found, std::string& error) {
  found = false;
  auto info = locate_part(z, name, limit, error);
  if (!info) {
    if (required) error = "not an xlsx workbook: " + name + " is missing";
    return !required;
  }
  if (info->index < 0) return false;
  std::string data;
  if (!read_whole_part(z, name, *info, limit, data, error)) return false;
  auto result = doc.load_buffer(data.data(), data.size(), pugi::parse_default, pugi::encoding_auto);
  if (!result) {
    error = "malformed XML in " + name + ": " + result.description() + " at offset " +
            std::to_string(result.offset);
    return false;
  }
  if (!doc.document_element()) {
    error = "malformed XML in " + name + ": no root element";
    return false;
  }
  found = true;
  return true;
}

std::vector<std::pair<std::string, Relationship>> load_rels(const pugi::xml_document& doc,
                                                            const std::string& source_dir) {
  std::vector<std::pair<std::string, Relationship>> out;
  for (auto rel : doc.document_element().children()) {
    if (local_name(rel.name()) != "Relationship") continue;
    std::string mode = rel.attribute("TargetMode").value();
    if (mode == "External") continue;
    out.push_back({rel.attribute("Id").value(),
                   {rel.attribute("Type").value(),
                    resolve_part(source_dir, rel.attribute("Target").value())}});
  }
  return out;
}

const Relationship* find_by_type(const std::vector<std::pair<std::string, Relationship>>& rels,
                                 std::string_view suffix) {
  for (auto& [id, rel] : rels)
    if (ends_with(rel.type, suffix)) return &rel;
  return nullptr;
}

bool truthy(std::string_view v) { return v == "1" || v == "true" || v == "on"; }

}  // namespace

// ---------------------------------------------------------------------------------------------

struct XlsxReader::Impl {
  ZipPtr zip;
  WorkbookContext ctx;
  std::string sheet_part;
  std::string sheet_name;
  PartInfo sheet_info;
  std::uint64_t limit = 0;
  std::unique_ptr<EntryStream> stream;
  std::unique_ptr<SheetParser> parser;
  bool finished = false;
  std::string error;

  bool start_stream(std::string& err) {
    parser.reset();
    stream = std::make_unique<EntryStream>();
    if (!stream->open(zip.get(), sheet_part, sheet_info, limit, err)) return false;
    parser = std::make_unique<SheetParser>(*stream, ctx);
    return true;
  }

  bool load(const std::string& path, std::string& err) {
    std::string head;
    if (!starts_with_bytes(path, head, err)) return false;
    if (head.empty()) {
      err = path + " is empty";
      return false;
    }
    if (head.size() == 8 && std::memcmp(head.data(), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
      err = path +
            " is an encrypted (password-protected) workbook or a legacy .xls file; "
            "save it as an unprotected .xlsx";
      return false;
    }
    if (head.size() < 4 || head.compare(0, 2, "PK") != 0) {
      err = path + " is not an .xlsx workbook (not a zip archive)";
      return false;
    }
    int code = 0;
    zip.reset(zip_open(path.c_str(), ZIP_RDONLY, &code));
    if (!zip) {
      if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || code == ZIP_ER_EOF)
        err = path + " is not a valid zip archive (truncated or corrupt): " + zip_error_text(code);
      else
        err = "cannot open " + path + ": " + zip_error_text(code);
      return false;
    }

    // Package relationships -> workbook part.
    std::string workbook_part = "xl/workbook.xml";
    {
      pugi::xml_document doc;
      bool found = false;
      if (!load_xml(zip.get(), "_rels/.rels", limit, doc, false, found, err)) return false;
      if (found) {
        auto package_rels = load_rels(doc, "");
        if (auto rel = find_by_type(package_rels, "/officeDocument")) workbook_part = rel->target;
      }
    }
    if (ends_with(workbook_part, ".bin")) {
      err = path + " is a binary workbook (.xlsb), which is not supported";
      return false;
    }
    pugi::xml_document workbook;
    bool found = false;
    if (!load_xml(zip.get(), workbook_part, limit, workbook, true, found, err)) return false;
    auto wb = workbook.document_element();
    if (local_name(wb.name()) != "workbook") {
      err = "not an xlsx workbook: " + workbook_part + " has no <workbook> element";
      return false;
    }

    std::vector<std::pair<std::string, Relationship>> rels;
    {
      pugi::xml_document doc;
      if (!load_xml(zip.get(), rels_of(workbook_part), limit, doc, true, found, err)) return false;
      rels = load_rels(doc, dir_of(workbook_part));
    }

    for (auto child : wb.children()) {
      auto name = local_name(child.name());
      if (name == "workbookPr") {
        ctx.date1904 = truthy(child.attribute("date1904").value());
      } else if (name == "sheets") {
        for (auto sheet : child.children()) {
          if (local_name(sheet.name()) != "sheet") continue;
          std::string rid;
          for (auto a : sheet.attributes())
            if (local_name(a.name()) == "id") rid = a.value();  // r:id, whatever the prefix
          const Relationship* rel = nullptr;
          for (auto& [id, r] : rels)
            if (id == rid) rel = &r;
          if (!rel) {
            err = "not an xlsx workbook: sheet \"" + std::string(sheet.attribute("name").value()) +
                  "\" has no part";
            return false;
          }
          if (!rel->type.empty() && !ends_with(rel->type, "/worksheet")) continue;  // chartsheet
          sheet_part = rel->target;
          sheet_name = sheet.attribute("name").value();
          break;
        }
      }
    }
    if (sheet_part.empty()) {
      err = "the workbook has no worksheet";
      return false;
    }

    // Styles (which cell formats are dates) and shared strings.
    const Relationship* styles = find_by_type(rels, "/styles");
    const Relationship* strings = find_by_type(rels, "/sharedStrings");
    std::string styles_part = styles ? styles->target : dir_of(workbook_part) + "styles.xml";
    std::string strings_part =
        strings ? strings->target : dir_of(workbook_part) + "sharedStrings.xml";
    if (auto info = locate_part(zip.get(), styles_part, limit, err)) {
      if (info->index < 0) return false;
      EntryStream in;
      if (!in.open(zip.get(), styles_part, *info, limit, err)) return false;
      if (!load_date_styles(in, ctx.date_styles, err)) return false;
    }
    if (auto info = locate_part(zip.get(), strings_part, limit, err)) {
      if (info->index < 0) return false;
      EntryStream in;
      if (!in.open(zip.get(), strings_part, *info, limit, err)) return false;
      if (!load_shared_strings(in, ctx.shared_strings, err)) return false;
    }

    auto info = locate_part(zip.get(), sheet_part, limit, err);
    if (!info) {
      err = "not an xlsx workbook: worksheet part " + sheet_part + " is missing";
      return false;
    }
    if (info->index < 0) return false;
    sheet_info = *info;

    // Validation pass over the whole worksheet (XML, shared string indices, zip CRC), then
    // the stream that next() reads.
    if (!start_stream(err)) return false;
    XlsxRow row;
    for (;;) {
      auto step = parser->next(row, true, err);
      if (step == SheetParser::Step::kError) return false;
      if (step == SheetParser::Step::kEnd) break;
    }
    return start_stream(err);
  }
};

XlsxReader::XlsxReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxReader::~XlsxReader() = default;

std::unique_ptr<XlsxReader> XlsxReader::open(const std::string& path, std::string& error,
                                             std::uint64_t max_part_bytes) {
  error.clear();
  auto impl = std::make_unique<Impl>();
  impl->limit = max_part_bytes;
  bool ok = false;
  try {
    ok = impl->load(path, error);
  } catch (const std::bad_alloc&) {
    error = "out of memory reading " + path;
  } catch (const std::exception& e) {
    error = std::string("cannot read ") + path + ": " + e.what();
  }
  if (!ok) {
    if (error.empty()) error = "cannot read " + path;
    return nullptr;
  }
  return std::unique_ptr<XlsxReader>(new XlsxReader(std::move(impl)));
}

bool XlsxReader::next(XlsxRow& row) {
  if (impl_->finished) return false;
  try {
    auto step = impl_->parser->next(row, false, impl_->error);
    if (step == SheetParser::Step::kRow) return true;
  } catch (const std::exception& e) {
    impl_->error = std::string("cannot read worksheet: ") + e.what();
  }
  impl_->finished = true;
  impl_->parser.reset();
  impl_->stream.reset();
  return false;
}

double XlsxReader::progress() const {
  if (impl_->finished) return 1.0;
  if (!impl_->stream || impl_->stream->size() == 0) return 0.0;
  double p =
      static_cast<double>(impl_->stream->consumed()) / static_cast<double>(impl_->stream->size());
  return std::clamp(p, 0.0, 1.0);
}

const std::string& XlsxReader::sheet_name() const { return impl_->sheet_name; }
const std::string& XlsxReader::error() const { return impl_->error; }

}  // namespace htx::exchange
