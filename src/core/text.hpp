// Vietnamese text: normalisation, diacritics-insensitive folding, collation, number formats.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace htx::text {

bool is_valid_utf8(std::string_view bytes);

// Unicode NFC (what we store). Input must be valid UTF-8.
std::string to_nfc(std::string_view utf8);

// Search key: NFC -> NFD, combining marks removed, đ/Đ -> d, lower case, runs of white space
// collapsed to one ASCII space, trimmed. "  Hà  Nội " -> "ha noi", "Đắk Lắk" -> "dak lak".
std::string fold(std::string_view utf8);

// Vietnamese collation (ICU locale "vi"): <0, 0, >0 like strcmp. Thread-safe.
int compare_vi(std::string_view a, std::string_view b);

// Trim ASCII white space and NBSP (U+00A0) at both ends.
std::string_view trim(std::string_view s);

// The pieces of `s` between `separator`s, each trimmed, the empty ones dropped:
// ("a, b,,c ", ',') -> {"a", "b", "c"}.
std::vector<std::string> split(std::string_view s, char separator);

// Vietnamese number formats: "." groups thousands, "," is the decimal mark.
std::string format_int(std::int64_t value);                // 27394 -> "27.394", -1500 -> "-1.500"
std::string format_decimal(double value, int decimals);    // (52.2, 1) -> "52,2"
std::string format_percent(double percent, int decimals);  // (52.2, 1) -> "52,2%"

// Parses a whole number written as a user would: "1234567", "1.234.567", "1,234,567",
// "1 234 567", with surrounding blanks. Rejects fractions, mixed separators used as
// thousands groups of the wrong size ("1.23.4"), letters, empty text, overflow.
std::optional<std::int64_t> parse_int(std::string_view text);

// A decimal as written by a user, exactly: "1,5" (Vietnamese), "1.5", "1.234,5", "1.500" (a
// thousands group: 1500). mantissa / 10^scale; nullopt when it is not a number or overflows.
struct Decimal {
  std::int64_t mantissa = 0;
  int scale = 0;
};
std::optional<Decimal> parse_decimal(std::string_view text);

// The entity that stands for `c` in HTML or XML text and attribute values: "&amp;", "&lt;",
// "&gt;", "&quot;", and `apostrophe` for ' (HTML writes "&#39;", XML "&apos;"); empty for any
// other character.
std::string_view markup_entity(char32_t c, std::string_view apostrophe);

}  // namespace htx::text
