#include "core/text.hpp"

#include <fmt/format.h>
#include <unicode/bytestream.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>

#include "core/utf8.hpp"

namespace htx::text {

namespace {

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Appends `digits` (no sign) to `out` with '.' between groups of three.
void append_grouped(std::string& out, std::string_view digits) {
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
}

std::string format_unsigned(std::uint64_t magnitude, bool negative) {
  std::string out;
  if (negative) out.push_back('-');
  append_grouped(out, std::to_string(magnitude));
  return out;
}

const icu::Normalizer2* nfc_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

const icu::Normalizer2* nfd_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

// The "vi" collator is created once; every thread works on its own clone, because an
// icu::Collator must not be used from several threads at the same time.
const icu::Collator* prototype_collator() {
  static const std::unique_ptr<icu::Collator> proto = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status) || !c) return std::unique_ptr<icu::Collator>();
    c->setStrength(icu::Collator::TERTIARY);
    return c;
  }();
  return proto.get();
}

icu::Collator* thread_collator() {
  thread_local const std::unique_ptr<icu::Collator> collator = [] {
    const icu::Collator* proto = prototype_collator();
    return std::unique_ptr<icu::Collator>(proto ? proto->clone() : nullptr);
  }();
  return collator.get();
}

// A folded key being written: white space between words becomes one space, white space before
// the first word and after the last none.
class Key {
 public:
  explicit Key(std::size_t capacity) { out_.reserve(capacity); }
  // White space seen.
  void space() { pending_space_ = !out_.empty(); }
  // Where the next letters go, after the space that separates them from the previous word.
  std::string& word() {
    if (pending_space_) {
      out_.push_back(' ');
      pending_space_ = false;
    }
    return out_;
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  bool pending_space_ = false;
};

std::string fold_ascii(std::string_view s) {
  Key key(s.size());
  for (unsigned char c : s) {
    if (is_ascii_space(c)) {
      key.space();
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    key.word().push_back(static_cast<char>(c));
  }
  return key.take();
}

// Folds text that is already in NFD: marks U+0300..U+036F dropped, đ -> d, lower case, white
// space collapsed and trimmed.
std::string fold_decomposed(std::string_view src) {
  Key key(src.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(src.data());
  const auto length = static_cast<std::int32_t>(src.size());
  std::int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;  // ill-formed byte: dropped from the key
    if (c >= 0x0300 && c <= 0x036F) continue;
    if (c < 0x80 ? is_ascii_space(static_cast<unsigned char>(c)) : u_isUWhiteSpace(c)) {
      key.space();
      continue;
    }
    std::string& out = key.word();
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (c == 0x0110 || c == 0x0111) {
      out.push_back('d');
      continue;
    }
    append_utf8(out, u_tolower(c));
  }
  return key.take();
}

// The general path: NFD through ICU, then fold_decomposed.
std::string fold_slow(std::string_view utf8) {
  const icu::Normalizer2* nfd = nfd_instance();
  if (!nfd) return fold_decomposed(utf8);
  std::string decomposed;
  decomposed.reserve(utf8.size() + utf8.size() / 2);
  icu::StringByteSink<std::string> sink(&decomposed);
  UErrorCode status = U_ZERO_ERROR;
  nfd->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())), sink,
                     nullptr, status);
  if (U_FAILURE(status)) return fold_decomposed(utf8);
  return fold_decomposed(decomposed);
}

// What one code point folds to, precomputed with fold_slow for the Latin ranges.
struct FoldEntry {
  static constexpr std::uint8_t kSpace = 0xFF;
  std::array<char, 8> bytes{};
  std::uint8_t len = 0;  // 0: nothing (a combining mark), kSpace: white space
};

class FoldTable {
 public:
  FoldTable() {
    for (UChar32 c = kLow1; c < kHigh1; ++c) fill(low_[static_cast<std::size_t>(c - kLow1)], c);
    for (UChar32 c = kLow2; c < kHigh2; ++c) fill(high_[static_cast<std::size_t>(c - kLow2)], c);
  }

  const FoldEntry* find(UChar32 c) const {
    const FoldEntry* e = nullptr;
    if (c >= kLow1 && c < kHigh1) e = &low_[static_cast<std::size_t>(c - kLow1)];
    if (c >= kLow2 && c < kHigh2) e = &high_[static_cast<std::size_t>(c - kLow2)];
    if (e && e->len == kUnknown) return nullptr;
    return e;
  }

 private:
  static constexpr UChar32 kLow1 = 0x80, kHigh1 = 0x370;     // Latin-1 .. combining marks
  static constexpr UChar32 kLow2 = 0x1E00, kHigh2 = 0x1F00;  // Latin Extended Additional
  static constexpr std::uint8_t kUnknown = 0xFE;

  static void fill(FoldEntry& e, UChar32 c) {
    if (u_isUWhiteSpace(c)) {
      e.len = FoldEntry::kSpace;
      return;
    }
    std::string one;
    append_utf8(one, c);
    const std::string folded = fold_slow(one);
    if (folded.size() > e.bytes.size() || folded.find(' ') != std::string::npos) {
      e.len = kUnknown;
      return;
    }
    std::copy(folded.begin(), folded.end(), e.bytes.begin());
    e.len = static_cast<std::uint8_t>(folded.size());
  }

  std::array<FoldEntry, kHigh1 - kLow1> low_{};
  std::array<FoldEntry, kHigh2 - kLow2> high_{};
};

const FoldTable& fold_table() {
  static const FoldTable table;
  return table;
}

// Splits `body` (digits and at most one kind of separator) and accumulates the magnitude.
std::optional<std::uint64_t> parse_magnitude(std::string_view body) {
  // Normalise the separators: '.', ',' or blank (space / NBSP). Mixed kinds are rejected.
  char sep = 0;
  std::string digits;
  std::size_t group_len = 0;
  bool first_group = true;
  for (std::size_t i = 0; i < body.size();) {
    const unsigned char c = static_cast<unsigned char>(body[i]);
    if (c >= '0' && c <= '9') {
      digits.push_back(static_cast<char>(c));
      ++group_len;
      ++i;
      continue;
    }
    char kind = 0;
    std::size_t len = 1;
    if (c == '.' || c == ',') {
      kind = static_cast<char>(c);
    } else if (c == ' ') {
      kind = ' ';
    } else if (c == 0xC2 && i + 1 < body.size() &&
               static_cast<unsigned char>(body[i + 1]) == 0xA0) {
      kind = ' ';
      len = 2;
    } else {
      return std::nullopt;
    }
    if (sep != 0 && sep != kind) return std::nullopt;
    sep = kind;
    if (first_group) {
      if (group_len < 1 || group_len > 3) return std::nullopt;
      first_group = false;
    } else if (group_len != 3) {
      return std::nullopt;
    }
    group_len = 0;
    i += len;
  }
  if (digits.empty()) return std::nullopt;
  if (sep != 0) {
    if (group_len != 3) return std::nullopt;
    // "0.123" is a fraction written the English way, not a grouped integer.
    if (digits[0] == '0') return std::nullopt;
  }
  std::uint64_t value = 0;
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  for (char d : digits) {
    const auto v = static_cast<std::uint64_t>(d - '0');
    if (value > (kMax - v) / 10) return std::nullopt;
    value = value * 10 + v;
  }
  return value;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) { return valid_utf8(bytes, false); }

std::string to_nfc(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);
  if (!is_valid_utf8(utf8)) return std::string(utf8);  // precondition violated: leave as is
  const icu::Normalizer2* nfc = nfc_instance();
  if (!nfc) return std::string(utf8);
  const icu::StringPiece piece(utf8.data(), static_cast<std::int32_t>(utf8.size()));
  UErrorCode status = U_ZERO_ERROR;
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return std::string(utf8);
  return out;
}

std::string fold(std::string_view utf8) {
  if (is_ascii(utf8)) return fold_ascii(utf8);

  // One pass over the code points with a table for Latin letters (Latin-1 .. Latin Extended-B,
  // the combining diacritics and Latin Extended Additional, where all Vietnamese letters live).
  // Anything else (other scripts, exotic white space) takes the ICU path for the whole string.
  const FoldTable& table = fold_table();
  Key key(utf8.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<std::int32_t>(utf8.size());
  std::int32_t i = 0;
  while (i < length) {
    const std::uint8_t byte = s[i];
    if (byte < 0x80) {
      ++i;
      if (is_ascii_space(byte)) {
        key.space();
        continue;
      }
      key.word().push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte - 'A' + 'a' : byte));
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;  // ill-formed byte: dropped from the key
    const FoldEntry* e = table.find(c);
    if (!e) return fold_slow(utf8);
    if (e->len == FoldEntry::kSpace) {
      key.space();
      continue;
    }
    if (e->len == 0) continue;  // a combining mark
    key.word().append(e->bytes.data(), e->len);
  }
  return key.take();
}

int compare_vi(std::string_view a, std::string_view b) {
  icu::Collator* collator = thread_collator();
  if (!collator) {
    const int r = a.compare(b);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
  }
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r = collator->compareUTF8(
      icu::StringPiece(a.data(), static_cast<std::int32_t>(a.size())),
      icu::StringPiece(b.data(), static_cast<std::int32_t>(b.size())), status);
  if (U_FAILURE(status)) {
    const int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

std::string_view trim(std::string_view s) {
  while (!s.empty()) {
    if (is_ascii_space(static_cast<unsigned char>(s.front()))) {
      s.remove_prefix(1);
    } else if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (!s.empty()) {
    if (is_ascii_space(static_cast<unsigned char>(s.back()))) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s[s.size() - 1] == '\xA0') {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

std::string format_int(std::int64_t value) {
  const bool negative = value < 0;
  // 0 - (unsigned) works for INT64_MIN too.
  const std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(value)
                                           : static_cast<std::uint64_t>(value);
  return format_unsigned(magnitude, negative);
}

std::string format_decimal(double value, int decimals) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-∞" : "∞";
  if (decimals < 0) decimals = 0;
  if (decimals > 15) decimals = 15;

  std::uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;

  std::string int_digits;
  std::string frac_digits;
  bool negative = false;
  const double scaled = value * static_cast<double>(scale);
  if (std::fabs(scaled) < 9.0e15) {
    // std::round rounds half away from zero.
    const auto r = static_cast<std::int64_t>(std::round(scaled));
    negative = r < 0;
    const std::uint64_t mag =
        negative ? std::uint64_t{0} - static_cast<std::uint64_t>(r) : static_cast<std::uint64_t>(r);
    int_digits = std::to_string(mag / scale);
    if (decimals > 0) {
      frac_digits = std::to_string(mag % scale);
      frac_digits.insert(0, static_cast<std::size_t>(decimals) - frac_digits.size(), '0');
    }
  } else {
    // Too large for exact integer arithmetic: the digits beyond double precision are noise anyway.
    negative = value < 0;
    std::string s = fmt::format("{:.{}f}", std::fabs(value), decimals);
    const auto dot = s.find('.');
    int_digits = s.substr(0, dot);
    if (dot != std::string::npos) frac_digits = s.substr(dot + 1);
  }

  std::string out;
  if (negative) out.push_back('-');
  append_grouped(out, int_digits);
  if (decimals > 0) {
    out.push_back(',');
    out += frac_digits;
  }
  return out;
}

std::string format_percent(double percent, int decimals) {
  return format_decimal(percent, decimals) + "%";
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() < '0' || s.front() > '9') return std::nullopt;
  if (s.back() < '0' || s.back() > '9') return std::nullopt;
  const std::optional<std::uint64_t> mag = parse_magnitude(s);
  if (!mag) return std::nullopt;
  constexpr auto kMaxPositive =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative) {
    if (*mag > kMaxPositive + 1) return std::nullopt;
    if (*mag == kMaxPositive + 1) return std::numeric_limits<std::int64_t>::min();
    return -static_cast<std::int64_t>(*mag);
  }
  if (*mag > kMaxPositive) return std::nullopt;
  return static_cast<std::int64_t>(*mag);
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool valid_utf8(std::string_view bytes, bool may_end_cut) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c == 0xE0) {
      need = 2, lo = 0xA0;  // no overlongs
    } else if (c == 0xED) {
      need = 2, hi = 0x9F;  // no surrogates
    } else if (c >= 0xE1 && c <= 0xEF) {
      need = 2;
    } else if (c == 0xF0) {
      need = 3, lo = 0x90;  // no overlongs
    } else if (c >= 0xF1 && c <= 0xF3) {
      need = 3;
    } else if (c == 0xF4) {
      need = 3, hi = 0x8F;  // max U+10FFFF
    } else {
      return false;
    }
    const std::size_t have = std::min(need, n - i - 1);
    if (have < need && !may_end_cut) return false;
    if (have >= 1 && (p[i + 1] < lo || p[i + 1] > hi)) return false;
    for (std::size_t k = 2; k <= have; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
    }
    if (have < need) return true;  // cut at the end of a sample
    i += need + 1;
  }
  return true;
}

std::size_t utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& cp) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  std::size_t len;
  std::uint32_t min;
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

std::string_view markup_entity(char32_t c, std::string_view apostrophe) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return apostrophe;
    default:
      return {};
  }
}

std::vector<std::string> split(std::string_view s, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find(separator, start);
    if (end == std::string_view::npos) end = s.size();
    auto piece = trim(s.substr(start, end - start));
    if (!piece.empty()) out.emplace_back(piece);
    start = end + 1;
  }
  return out;
}

std::optional<Decimal> parse_decimal(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  // The decimal mark: a comma if there is one (Vietnamese), else a lone point that is not a
  // thousands group ("1.5" but not "1.500" nor "1.234.567").
  std::string_view int_part = text, frac_part;
  auto comma = text.find(',');
  if (comma != std::string_view::npos) {
    int_part = text.substr(0, comma);
    frac_part = text.substr(comma + 1);
    if (frac_part.empty() || frac_part.find_first_not_of("0123456789") != std::string_view::npos)
      return std::nullopt;
  } else {
    auto dot = text.find('.');
    if (dot != std::string_view::npos && text.find('.', dot + 1) == std::string_view::npos &&
        text.size() - dot - 1 != 3) {
      int_part = text.substr(0, dot);
      frac_part = text.substr(dot + 1);
      if (frac_part.empty() || frac_part.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    }
  }
  std::int64_t whole_value = 0;
  if (!int_part.empty()) {
    auto v = parse_int(int_part);
    if (!v || *v < 0) return std::nullopt;
    whole_value = *v;
  } else if (frac_part.empty()) {
    return std::nullopt;
  }
  if (frac_part.size() > 9) return std::nullopt;
  Decimal d;
  d.scale = static_cast<int>(frac_part.size());
  std::int64_t pow = 1;
  for (int i = 0; i < d.scale; ++i) pow *= 10;
  if (whole_value != 0 && pow > std::numeric_limits<std::int64_t>::max() / whole_value)
    return std::nullopt;
  std::int64_t frac_value = 0;
  for (char c : frac_part) frac_value = frac_value * 10 + (c - '0');
  if (whole_value * pow > std::numeric_limits<std::int64_t>::max() - frac_value)
    return std::nullopt;
  d.mantissa = whole_value * pow + frac_value;
  if (negative) d.mantissa = -d.mantissa;
  return d;
}

}  // namespace htx::text
