// The one UTF-8 writer (a code point's bytes, 1 to 4, appended to a string) and the one decoder
// of a single sequence, strict as text::is_valid_utf8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace htx::text {

// `c` is written as given (callers pass Unicode scalar values; none checks them here).
void append_utf8(std::string& out, char32_t c);

// Decodes the sequence at s[i] into `cp`; returns its length (1 to 4), or 0 when it is invalid
// (truncated, overlong, a surrogate, beyond U+10FFFF).
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& cp);

// Whether `bytes` is valid UTF-8 (is_valid_utf8); with `may_end_cut`, a sequence cut off at the
// very end counts as valid too (a sample that is a prefix of a file).
bool valid_utf8(std::string_view bytes, bool may_end_cut);

}  // namespace htx::text
