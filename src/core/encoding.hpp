// What a text file's bytes are, so that legacy Vietnamese encodings are never stored as mojibake.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace htx::text {

enum class Encoding {
  kUtf8,         // valid UTF-8 (a BOM, if any, is reported separately)
  kWindows1258,  // Microsoft's Vietnamese code page (with combining tone marks)
  kTcvn3,        // TCVN 5712:1993 "ABC" fonts (.VnTime)
  kVni,          // VNI fonts (VNI-Times), letters plus separate mark bytes
  kBinary,       // NUL bytes or other control bytes: not a text file at all
  kUnknown8Bit,  // not UTF-8 and not recognisably one of the above
};

struct EncodingGuess {
  Encoding encoding = Encoding::kUtf8;
  bool has_bom = false;  // UTF-8 byte order mark EF BB BF at the start
};

// Looks at (a prefix of) the file's bytes. A sample of 64 KiB is enough.
EncodingGuess detect_encoding(std::string_view bytes);

// Name of the encoding as users know it: "UTF-8", "Windows-1258", "TCVN3 (ABC)", "VNI".
std::string_view encoding_name(Encoding e);

// Converts Windows-1258 / TCVN3 / VNI bytes to NFC UTF-8. Returns nullopt for kBinary and
// kUnknown8Bit (or when the conversion is not possible).
std::optional<std::string> convert_to_utf8(std::string_view bytes, Encoding from);

}  // namespace htx::text
