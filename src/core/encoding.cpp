#include "core/encoding.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "core/enum_codes.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"

namespace htx::text {

namespace {

// ---------------------------------------------------------------------------------------------
// Byte tables. Every legacy encoding here keeps ASCII as is; a byte 0x80..0xFF decodes to up to
// two code points (a VNI mark byte carries a vowel modifier plus a tone), or to nothing at all
// when we do not know what the byte means.

constexpr char32_t kGrave = 0x0300;
constexpr char32_t kAcute = 0x0301;
constexpr char32_t kCircumflex = 0x0302;
constexpr char32_t kTilde = 0x0303;
constexpr char32_t kBreve = 0x0306;
constexpr char32_t kHook = 0x0309;
constexpr char32_t kHorn = 0x031B;
constexpr char32_t kDotBelow = 0x0323;
constexpr char32_t kReplacement = 0xFFFD;

// What a VNI mark byte may follow.
enum class After : std::uint8_t {
  kAnything,  // a letter of its own, not a mark
  kVowel,     // a tone: any vowel a e i o u y ơ ư
  kAEO,       // a circumflex (with or without a tone): a e o
  kA,         // a breve (with or without a tone): a
  kY,         // the dot below that VNI uses for y only
};

struct Mapping {
  char32_t first = 0;   // 0: the byte is not mapped
  char32_t second = 0;  // 0: none
  After after = After::kAnything;
};

using Table = std::array<Mapping, 128>;  // index: byte - 0x80

struct Entry {
  unsigned char byte;
  char32_t first;
  char32_t second = 0;
  After after = After::kAnything;
};

// A vowel modifier of VNI (circumflex, breve) at its lower-case bytes: alone, then with each tone
// in the order of kTones.
struct ModifierBytes {
  char32_t mark;
  After after;
  std::array<unsigned char, 6> bytes;
};
constexpr std::array<char32_t, 6> kTones = {0, kGrave, kAcute, kHook, kTilde, kDotBelow};

// A VNI table from its lower-case bytes: VNI puts each upper-case form at the lower-case byte
// less 0x20 (Latin-1's case offset), a letter of its own in upper case and a mark byte as the same
// mark.
Table make_vni_table(std::initializer_list<Entry> lower,
                     std::initializer_list<ModifierBytes> modifiers) {
  Table t{};
  auto add = [&t](const Entry& e) {
    const char32_t upper = e.after == After::kAnything
                               ? static_cast<char32_t>(u_toupper(static_cast<UChar32>(e.first)))
                               : e.first;
    t[e.byte - 0x80] = Mapping{e.first, e.second, e.after};
    t[e.byte - 0x20 - 0x80] = Mapping{upper, e.second, e.after};
  };
  for (const Entry& e : lower) add(e);
  for (const ModifierBytes& m : modifiers)
    for (std::size_t i = 0; i < kTones.size(); ++i) add({m.bytes[i], m.mark, kTones[i], m.after});
  return t;
}

// A table of runs of consecutive bytes: the first byte and what it and the bytes after it decode
// to.
struct Run {
  unsigned char first;
  std::u32string_view letters;
};
Table make_table_of_runs(std::initializer_list<Run> runs) {
  Table t{};
  for (const Run& r : runs)
    for (std::size_t i = 0; i < r.letters.size(); ++i) t[r.first + i - 0x80].first = r.letters[i];
  return t;
}

// TCVN 5712:1993 VN3 ("ABC", .VnTime): the base letters ă â ê ô ơ ư đ in both cases, and every
// lower-case vowel with each of the five tones. Upper-case toned vowels do not exist in VN3
// (the .VnTimeH fonts draw the lower-case positions as capitals), so they decode as lower case.
const Table& tcvn3_table() {
  static const Table table = make_table_of_runs({
      {0xA1, U"ĂÂÊÔƠƯĐăâêôơưđ"},
      {0xB5, U"àảãáạ"},
      {0xBB, U"ằẳẵắ"},
      {0xC6, U"ặầẩẫấậè"},
      {0xCE, U"ẻẽéẹềểễếệìỉ"},
      {0xDC, U"ĩíịò"},
      {0xE1, U"ỏõóọồổỗốộờởỡớợù"},
      {0xF1, U"ủũúụừửữứựỳỷỹýỵ"},
  });
  return table;
}

// VNI (VNI-Times, VNI Windows): plain ASCII vowels followed by a mark byte ("aø" = à, "aâ" = â,
// "aá" = ấ, "aé" = ắ), a few letters of their own (ơ ư đ and the toned i), and the same in
// upper case with the upper-case Latin-1 positions (make_vni_table).
const Table& vni_table() {
  using A = After;
  static const Table table = make_vni_table(
      {
          // Letters of their own.
          {0xF1, U'đ'},
          {0xF4, U'ơ'},
          {0xF6, U'ư'},
          {0xEC, U'ì'},
          {0xED, U'í'},
          {0xE6, U'ỉ'},
          {0xF3, U'ĩ'},
          {0xF2, U'ị'},
          // Tones.
          {0xF8, kGrave, 0, A::kVowel},
          {0xF9, kAcute, 0, A::kVowel},
          {0xFB, kHook, 0, A::kVowel},
          {0xF5, kTilde, 0, A::kVowel},
          {0xEF, kDotBelow, 0, A::kVowel},
          {0xEE, kDotBelow, 0, A::kY},
      },
      // Circumflex and breve, alone and with each tone.
      {{kCircumflex, A::kAEO, {0xE2, 0xE0, 0xE1, 0xE5, 0xE3, 0xE4}},
       {kBreve, A::kA, {0xEA, 0xE8, 0xE9, 0xFA, 0xFC, 0xEB}}});
  return table;
}

// Windows-1258 from ICU's converter, one byte at a time (the code page is stateless). The
// positions Microsoft leaves undefined come back from ICU as C1 controls: treated as unmapped.
const Table& cp1258_table() {
  static const Table table = [] {
    Table t{};
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open("windows-1258", &status);
    if (U_FAILURE(status) || !conv) {
      if (conv) ucnv_close(conv);
      return t;
    }
    for (int b = 0x80; b <= 0xFF; ++b) {
      const char in = static_cast<char>(b);
      UChar out[4];
      status = U_ZERO_ERROR;
      ucnv_reset(conv);
      ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
      const int32_t n = ucnv_toUChars(conv, out, 4, &in, 1, &status);
      if (U_FAILURE(status) || n != 1) continue;
      const char32_t c = out[0];
      if (c >= 0x80 && c <= 0x9F) continue;
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      t[b - 0x80].first = c;
    }
    ucnv_close(conv);
    return t;
  }();
  return table;
}

const Table* table_for(Encoding e) {
  switch (e) {
    case Encoding::kWindows1258:
      return &cp1258_table();
    case Encoding::kTcvn3:
      return &tcvn3_table();
    case Encoding::kVni:
      return &vni_table();
    default:
      return nullptr;
  }
}

bool is_ascii_vowel(unsigned char c) {
  switch (c | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

// Whether a VNI mark byte may follow the byte `prev`.
bool vni_mark_fits(After after, unsigned char prev) {
  const unsigned char lower = prev < 0x80 ? static_cast<unsigned char>(prev | 0x20) : prev;
  switch (after) {
    case After::kAnything:
      return true;
    case After::kVowel:
      // ơ and ư are letters of their own in VNI and take the tone marks too.
      return (prev < 0x80 && is_ascii_vowel(prev)) || prev == 0xF4 || prev == 0xD4 ||
             prev == 0xF6 || prev == 0xD6;
    case After::kAEO:
      return prev < 0x80 && (lower == 'a' || lower == 'e' || lower == 'o');
    case After::kA:
      return prev < 0x80 && lower == 'a';
    case After::kY:
      return prev < 0x80 && lower == 'y';
  }
  return false;
}

struct Decoded {
  std::u32string text;
  std::size_t unmapped = 0;  // bytes replaced by U+FFFD
};

Decoded decode(std::string_view bytes, Encoding e) {
  Decoded d;
  const Table* table = table_for(e);
  d.text.reserve(bytes.size());
  unsigned char prev = 0;
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      d.text.push_back(b);
      prev = b;
      continue;
    }
    const Mapping* m = table ? &(*table)[b - 0x80] : nullptr;
    if (!m || m->first == 0 || (e == Encoding::kVni && !vni_mark_fits(m->after, prev))) {
      d.text.push_back(kReplacement);
      ++d.unmapped;
      prev = b;
      continue;
    }
    d.text.push_back(m->first);
    if (m->second != 0) d.text.push_back(m->second);
    prev = b;
  }
  return d;
}

std::string_view strip_bom(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Detection.

// Valid UTF-8, except that the sample may end in the middle of a sequence (callers pass a
// prefix of the file).
bool is_utf8_sample(std::string_view bytes) { return text::valid_utf8(bytes, true); }

bool looks_binary(std::string_view bytes) {
  std::size_t controls = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return true;
    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
    if (c == 0x1A && i + 1 == bytes.size()) continue;  // DOS end-of-file marker
    ++controls;
  }
  // More than 1 % control bytes (and any at all in a tiny sample): not text.
  return controls > 0 && controls * 100 > bytes.size();
}

bool is_tone(char32_t c) {
  return c == kGrave || c == kAcute || c == kTilde || c == kHook || c == kDotBelow;
}

bool is_vowel_letter(char32_t c) {
  switch (c) {
    case U'a':
    case U'ă':
    case U'â':
    case U'e':
    case U'ê':
    case U'i':
    case U'o':
    case U'ô':
    case U'ơ':
    case U'u':
    case U'ư':
    case U'y':
      return true;
    default:
      return false;
  }
}

bool starts_with(std::u32string_view s, std::u32string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

bool ends_with(std::u32string_view s, std::u32string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

constexpr std::u32string_view kInitials[] = {
    U"",  U"b",  U"c",   U"ch", U"d", U"đ",  U"g",  U"gh", U"gi", U"h", U"k",  U"kh", U"l", U"m",
    U"n", U"ng", U"ngh", U"nh", U"p", U"ph", U"qu", U"r",  U"s",  U"t", U"th", U"tr", U"v", U"x",
};

constexpr std::u32string_view kFinals[] = {U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};

constexpr std::u32string_view kNuclei[] = {
    U"a",   U"ă",   U"â",   U"e",   U"ê",   U"i",   U"o",   U"ô",   U"ơ",   U"u",   U"ư",
    U"y",   U"ai",  U"ao",  U"au",  U"ay",  U"âu",  U"ây",  U"eo",  U"êu",  U"ia",  U"iê",
    U"iu",  U"oa",  U"oă",  U"oe",  U"oi",  U"ôi",  U"ơi",  U"oo",  U"ua",  U"uâ",  U"uê",
    U"ui",  U"uô",  U"uơ",  U"uy",  U"ưa",  U"ưi",  U"ưu",  U"ươ",  U"ya",  U"yê",  U"iêu",
    U"yêu", U"oai", U"oay", U"oeo", U"uây", U"uôi", U"ươi", U"ươu", U"uya", U"uyê", U"uyu",
};

bool in_list(std::u32string_view s, std::initializer_list<std::u32string_view> list) {
  for (auto x : list) {
    if (x == s) return true;
  }
  return false;
}

// Whether one word (NFD code points) spells a Vietnamese syllable: initial consonant, a vowel
// nucleus, final consonant, at most one tone, on a vowel; -c -ch -p -t only with sắc or nặng.
bool is_vietnamese_syllable(std::u32string_view word) {
  std::u32string letters;
  char32_t tone = 0;
  for (char32_t c : word) {
    if (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
      letters.push_back(c | 0x20);
      continue;
    }
    if (c == 0x0110 || c == 0x0111) {
      letters.push_back(0x0111);
      continue;
    }
    if (letters.empty()) return false;
    char32_t& last = letters.back();
    if (is_tone(c)) {
      if (tone != 0 || !is_vowel_letter(last)) return false;
      tone = c;
      continue;
    }
    if (c == kCircumflex && (last == U'a' || last == U'e' || last == U'o')) {
      last = last == U'a' ? U'â' : (last == U'e' ? U'ê' : U'ô');
      continue;
    }
    if (c == kBreve && last == U'a') {
      last = U'ă';
      continue;
    }
    if (c == kHorn && (last == U'o' || last == U'u')) {
      last = last == U'o' ? U'ơ' : U'ư';
      continue;
    }
    return false;  // another mark, a letter of another language, a symbol
  }
  if (letters.empty() || letters.size() > 8) return false;
  const std::u32string_view all(letters);
  for (auto initial : kInitials) {
    if (!starts_with(all, initial)) continue;
    const std::u32string_view rest = all.substr(initial.size());
    for (auto final : kFinals) {
      if (!ends_with(rest, final) || rest.size() == final.size()) continue;
      const std::u32string_view nucleus = rest.substr(0, rest.size() - final.size());
      bool known = false;
      for (auto n : kNuclei) known = known || n == nucleus;
      if (!known) continue;
      if (in_list(final, {U"c", U"ch", U"p", U"t"}) && tone != kAcute && tone != kDotBelow) {
        continue;
      }
      return true;
    }
  }
  return false;
}

struct Score {
  int good = 0;  // words with non-ASCII letters that are Vietnamese syllables
  int bad = 0;   // words with non-ASCII code points that are not
};

bool is_separator(char32_t c) {
  if (c < 0x80) return !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  if (u_isUWhiteSpace(static_cast<UChar32>(c))) return true;
  // Punctuation (quotes, «», ¡, §...) separates words; other symbols and U+FFFD stay in the
  // word and make it fail.
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_P_MASK) != 0;
}

Score score(std::string_view bytes, Encoding e) {
  Score s;
  const Decoded d = decode(bytes, e);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || !nfd) return s;
  const icu::UnicodeString src = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(d.text.data()), static_cast<int32_t>(d.text.size()));
  const icu::UnicodeString norm = nfd->normalize(src, status);
  if (U_FAILURE(status)) return s;

  std::u32string word;
  bool non_ascii = false;
  auto flush = [&] {
    if (!word.empty() && non_ascii) {
      if (is_vietnamese_syllable(word)) {
        ++s.good;
      } else {
        ++s.bad;
      }
    }
    word.clear();
    non_ascii = false;
  };
  for (int32_t i = 0; i < norm.length(); i = norm.moveIndex32(i, 1)) {
    const auto c = static_cast<char32_t>(norm.char32At(i));
    if (is_separator(c)) {
      flush();
      continue;
    }
    word.push_back(c);
    non_ascii = non_ascii || c >= 0x80;
  }
  flush();
  return s;
}

}  // namespace

EncodingGuess detect_encoding(std::string_view bytes) {
  EncodingGuess guess;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    guess.has_bom = true;
    bytes.remove_prefix(3);
  }
  if (looks_binary(bytes)) {
    guess.encoding = Encoding::kBinary;
    return guess;
  }
  if (is_utf8_sample(bytes)) {
    guess.encoding = Encoding::kUtf8;
    return guess;
  }
  // Scoring decodes the text three times: a 64 KiB prefix is plenty to judge.
  bytes = bytes.substr(0, std::size_t{64} * 1024);
  // In order of preference when two encodings read the sample equally well.
  constexpr Encoding kCandidates[] = {Encoding::kWindows1258, Encoding::kTcvn3, Encoding::kVni};
  guess.encoding = Encoding::kUnknown8Bit;
  int best = 0;
  for (Encoding e : kCandidates) {
    const Score s = score(bytes, e);
    if (s.good == 0 || s.good <= s.bad) continue;
    const int value = s.good - s.bad;
    if (value > best) {
      best = value;
      guess.encoding = e;
    }
  }
  return guess;
}

std::string_view encoding_name(Encoding e) {
  static constexpr enum_codes::Codes<Encoding, 6> kNames{
      {"UTF-8", "Windows-1258", "TCVN3 (ABC)", "VNI", "binary", "unknown 8-bit"}};
  return kNames.code(e, "unknown 8-bit");
}

std::optional<std::string> convert_to_utf8(std::string_view bytes, Encoding from) {
  bytes = strip_bom(bytes);
  switch (from) {
    case Encoding::kUtf8:
      if (!is_valid_utf8(bytes)) return std::nullopt;
      return to_nfc(bytes);
    case Encoding::kWindows1258:
    case Encoding::kTcvn3:
    case Encoding::kVni:
      break;
    case Encoding::kBinary:
    case Encoding::kUnknown8Bit:
      return std::nullopt;
  }
  const Decoded d = decode(bytes, from);
  if (d.unmapped > 0) return std::nullopt;
  std::string utf8;
  utf8.reserve(bytes.size() + bytes.size() / 2);
  for (char32_t c : d.text) append_utf8(utf8, c);
  return to_nfc(utf8);
}

}  // namespace htx::text
