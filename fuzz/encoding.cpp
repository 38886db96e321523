// Legacy-encoding detection (core/encoding.hpp): the guess is one of the six, UTF-8 is reported
// only for valid UTF-8, and a conversion gives valid UTF-8 (NFC) from which detection finds
// UTF-8 again.
#include "core/encoding.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/utf8.hpp"
#include "fuzz_check.hpp"

using htx::text::Encoding;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto guess = htx::text::detect_encoding(bytes);
  HTX_FUZZ_CHECK(!htx::text::encoding_name(guess.encoding).empty());
  if (guess.has_bom) HTX_FUZZ_CHECK(bytes.substr(0, 3) == "\xEF\xBB\xBF");
  for (Encoding from : {guess.encoding, Encoding::kWindows1258, Encoding::kTcvn3, Encoding::kVni}) {
    if (from == Encoding::kUtf8) continue;
    const auto utf8 = htx::text::convert_to_utf8(bytes, from);
    if (from == Encoding::kBinary || from == Encoding::kUnknown8Bit) {
      HTX_FUZZ_CHECK(!utf8);
      continue;
    }
    if (!utf8) continue;
    HTX_FUZZ_CHECK(htx::text::valid_utf8(*utf8, false));
    const auto again = htx::text::detect_encoding(*utf8);
    HTX_FUZZ_CHECK(again.encoding == Encoding::kUtf8 || again.encoding == Encoding::kBinary);
  }
  return 0;
}
