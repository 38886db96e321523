#include "core/encoding.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/text.hpp"

namespace htx::text {
namespace {

const std::string kSentence = "Hợp tác xã Nông nghiệp Đồng Tâm, Hà Nội";

// The sentence above, byte by byte, in each legacy encoding.
//
// Windows-1258: precomposed letters where the code page has them (á=E1, ô=F4, ê=EA, â=E2,
// à=E0, ơ=F5, Đ=D0), otherwise combining tone bytes (dot below=F2, tilde=DE, grave=CC).
const std::string kSentence1258 =
    "H\xF5\xF2p t\xE1"
    "c xa\xDE N\xF4ng nghi\xEA\xF2p \xD0\xF4\xCCng T\xE2m, H\xE0 N\xF4\xF2i";
// TCVN3: ợ=EE á=B8 ã=B7 ô=AB ệ=D6 Đ=A7 ồ=E5 â=A9 à=B5 ộ=E9.
const std::string kSentenceTcvn3 =
    "H\xEEp t\xB8"
    "c x\xB7 N\xABng nghi\xD6p \xA7\xE5ng T\xA9m, H\xB5 N\xE9i";
// VNI: ơ=F4 then dot below=EF; a+acute=F9; a+tilde=F5; o+circumflex=E2; e+circumflex+dot=E4;
// Đ=D1; o+circumflex+grave=E0; a+grave=F8.
const std::string kSentenceVni =
    "H\xF4\xEFp ta\xF9"
    "c xa\xF5 No\xE2ng nghie\xE4p \xD1o\xE0ng Ta\xE2m, Ha\xF8 No\xE4i";

TEST(EncodingName, NamesUsersKnow) {
  EXPECT_EQ(encoding_name(Encoding::kUtf8), "UTF-8");
  EXPECT_EQ(encoding_name(Encoding::kWindows1258), "Windows-1258");
  EXPECT_EQ(encoding_name(Encoding::kTcvn3), "TCVN3 (ABC)");
  EXPECT_EQ(encoding_name(Encoding::kVni), "VNI");
  EXPECT_EQ(encoding_name(Encoding::kBinary), "binary");
  EXPECT_EQ(encoding_name(Encoding::kUnknown8Bit), "unknown 8-bit");
}

TEST(DetectEncoding, PlainAsciiCsvIsUtf8) {
  const auto g = detect_encoding("ma_so;ten;tinh\r\n0101;HTX Dong Tam;Ha Noi\r\n");
  EXPECT_EQ(g.encoding, Encoding::kUtf8);
  EXPECT_FALSE(g.has_bom);
}

TEST(DetectEncoding, EmptyIsUtf8) {
  EXPECT_EQ(detect_encoding("").encoding, Encoding::kUtf8);
  const auto bom_only = detect_encoding("\xEF\xBB\xBF");
  EXPECT_EQ(bom_only.encoding, Encoding::kUtf8);
  EXPECT_TRUE(bom_only.has_bom);
}

TEST(DetectEncoding, Utf8WithAndWithoutBom) {
  const auto plain = detect_encoding(kSentence);
  EXPECT_EQ(plain.encoding, Encoding::kUtf8);
  EXPECT_FALSE(plain.has_bom);

  const auto bom = detect_encoding(
      "\xEF\xBB\xBF"
      "ma_so;ten\n1;" +
      kSentence + "\n");
  EXPECT_EQ(bom.encoding, Encoding::kUtf8);
  EXPECT_TRUE(bom.has_bom);
}

TEST(DetectEncoding, Utf8SampleCutInTheMiddleOfACharacter) {
  const std::string text = "Tên;Tỉnh\n" + kSentence;        // ends with "ộ" (3 bytes) + "i"
  const std::string cut = text.substr(0, text.size() - 2);  // keeps 2 of the 3 bytes of ộ
  ASSERT_FALSE(is_valid_utf8(cut));
  EXPECT_EQ(detect_encoding(cut).encoding, Encoding::kUtf8);
  // But a broken sequence in the middle is not UTF-8.
  EXPECT_NE(detect_encoding(cut + " abc").encoding, Encoding::kUtf8);
}

TEST(DetectEncoding, ZipAndPngAreBinary) {
  std::string zip = "PK\x03\x04";
  zip += std::string("\x14\x00\x00\x00\x08\x00\x21\x5A\x6B\x57\x9C\xE1\xFF\x07", 14);
  for (int i = 0; i < 200; ++i) zip.push_back(static_cast<char>((i * 37 + 11) & 0xFF));
  EXPECT_EQ(detect_encoding(zip).encoding, Encoding::kBinary);

  const std::string png("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16);
  EXPECT_EQ(detect_encoding(png).encoding, Encoding::kBinary);

  const std::string elf(
      "\x7F"
      "ELF\x02\x01\x01\x00",
      8);
  EXPECT_EQ(detect_encoding(elf).encoding, Encoding::kBinary);
}

TEST(DetectEncoding, ManyControlBytesWithoutNulAreBinary) {
  std::string s;
  for (int i = 0; i < 100; ++i) s += "ab\x01\x02\x03";
  EXPECT_EQ(detect_encoding(s).encoding, Encoding::kBinary);
}

TEST(DetectEncoding, TabsFormFeedsAndATrailingDosEofAreText) {
  EXPECT_EQ(detect_encoding("a\tb\r\nc\fd\n\x1A").encoding, Encoding::kUtf8);
}

TEST(DetectEncoding, Windows1258) {
  const auto g = detect_encoding(kSentence1258);
  EXPECT_EQ(g.encoding, Encoding::kWindows1258);
  EXPECT_FALSE(g.has_bom);
}

TEST(DetectEncoding, Tcvn3) {
  EXPECT_EQ(detect_encoding(kSentenceTcvn3).encoding, Encoding::kTcvn3);
}

TEST(DetectEncoding, Vni) { EXPECT_EQ(detect_encoding(kSentenceVni).encoding, Encoding::kVni); }

TEST(DetectEncoding, LegacyCsvFiles) {
  // "Tên HTX;Tỉnh\nHTX Nông nghiệp Đồng Tâm;Hà Nội\nHTX Dịch vụ Trường Xuân;Quảng Ngãi\n"
  const std::string tcvn3 =
      "T\xAAn HTX;T\xD8nh\nHTX N\xABng nghi\xD6p \xA7\xE5ng T\xA9m;H\xB5 N\xE9i\n"
      "HTX D\xDE"
      "ch v\xF4 Tr\xAD\xEAng Xu\xA9n;Qu\xB6ng Ng\xB7i\n";
  EXPECT_EQ(detect_encoding(tcvn3).encoding, Encoding::kTcvn3);

  const std::string vni =
      "Te\xE2n HTX;T\xE6nh\nHTX No\xE2ng nghie\xE4p \xD1o\xE0ng Ta\xE2m;Ha\xF8 No\xE4i\n"
      "HTX D\xF2"
      "ch vu\xEF Tr\xF6\xF4\xF8ng Xua\xE2n;Qua\xFBng Nga\xF5i\n";
  EXPECT_EQ(detect_encoding(vni).encoding, Encoding::kVni);

  const std::string cp1258 =
      "T\xEAn HTX;Ti\xD2nh\nHTX N\xF4ng nghi\xEA\xF2p \xD0\xF4\xCCng T\xE2m;H\xE0 N\xF4\xF2i\n"
      "HTX Di\xF2"
      "ch vu\xF2 Tr\xFD\xF5\xCCng Xu\xE2n;Qua\xD2ng Nga\xDEi\n";
  EXPECT_EQ(detect_encoding(cp1258).encoding, Encoding::kWindows1258);

  const std::string expected =
      "Tên HTX;Tỉnh\nHTX Nông nghiệp Đồng Tâm;Hà Nội\nHTX Dịch vụ Trường Xuân;Quảng Ngãi\n";
  EXPECT_EQ(convert_to_utf8(tcvn3, Encoding::kTcvn3), expected);
  EXPECT_EQ(convert_to_utf8(vni, Encoding::kVni), expected);
  EXPECT_EQ(convert_to_utf8(cp1258, Encoding::kWindows1258), expected);
}

TEST(DetectEncoding, BomFollowedByLegacyBytesIsJudgedOnTheRest) {
  const auto g = detect_encoding("\xEF\xBB\xBF" + kSentenceTcvn3);
  EXPECT_TRUE(g.has_bom);
  EXPECT_EQ(g.encoding, Encoding::kTcvn3);
}

TEST(DetectEncoding, Latin1FrenchIsNotUtf8) {
  const std::vector<std::string> samples = {
      "caf\xE9 cr\xE8me",
      "Le caf\xE9 cr\xE8me est tr\xE8s bon, o\xF9 est la gare? \xC7"
      "a va tr\xE8s bien.",
      "na\xEFve fa\xE7"
      "ade d\xE9j\xE0 vu \xAB citation \xBB",
  };
  for (const auto& s : samples) {
    const auto g = detect_encoding(s);
    EXPECT_NE(g.encoding, Encoding::kUtf8) << s;
    EXPECT_NE(g.encoding, Encoding::kBinary) << s;
  }
  EXPECT_EQ(detect_encoding("caf\xE9 cr\xE8me").encoding, Encoding::kUnknown8Bit);
}

TEST(DetectEncoding, ArbitraryBytesDoNotCrash) {
  std::string s;
  unsigned x = 12345;
  for (int i = 0; i < 70000; ++i) {
    x = x * 1103515245u + 12345u;
    s.push_back(static_cast<char>(0x20 + ((x >> 16) % 0xE0)));
  }
  const auto g = detect_encoding(s);
  EXPECT_NE(g.encoding, Encoding::kUtf8);
  for (Encoding e : {Encoding::kWindows1258, Encoding::kTcvn3, Encoding::kVni}) {
    // Some of these bytes mean nothing in each encoding: the conversion is refused.
    EXPECT_FALSE(convert_to_utf8(s, e)) << encoding_name(e);
    // Arbitrary bytes among those the encoding maps: converted, and to valid UTF-8.
    std::string mapped;
    for (int b = 0x20; b <= 0xFF; ++b)
      if (convert_to_utf8(std::string(1, static_cast<char>(b)), e))
        mapped.push_back(static_cast<char>(b));
    ASSERT_GT(mapped.size(), 100u) << encoding_name(e);
    std::string t;
    for (unsigned char c : s) t.push_back(mapped[c % mapped.size()]);
    const auto out = convert_to_utf8(t, e);
    ASSERT_TRUE(out) << encoding_name(e);
    EXPECT_TRUE(is_valid_utf8(*out)) << encoding_name(e);
  }
}

TEST(ConvertToUtf8, SentenceInEveryLegacyEncoding) {
  EXPECT_EQ(convert_to_utf8(kSentence1258, Encoding::kWindows1258), kSentence);
  EXPECT_EQ(convert_to_utf8(kSentenceTcvn3, Encoding::kTcvn3), kSentence);
  EXPECT_EQ(convert_to_utf8(kSentenceVni, Encoding::kVni), kSentence);
}

TEST(ConvertToUtf8, DetectThenConvert) {
  for (const std::string* bytes : {&kSentence1258, &kSentenceTcvn3, &kSentenceVni}) {
    const auto g = detect_encoding(*bytes);
    const auto out = convert_to_utf8(*bytes, g.encoding);
    ASSERT_TRUE(out.has_value()) << encoding_name(g.encoding);
    EXPECT_EQ(*out, kSentence);
    EXPECT_EQ(to_nfc(*out), *out);
  }
}

TEST(ConvertToUtf8, Utf8IsNormalizedAndLosesItsBom) {
  EXPECT_EQ(convert_to_utf8("\xEF\xBB\xBF"
                            "Ha\xCC\x80 No\xCC\x82\xCC\xA3i",
                            Encoding::kUtf8),
            "Hà Nội");
  EXPECT_EQ(convert_to_utf8("caf\xE9", Encoding::kUtf8), std::nullopt);
}

TEST(ConvertToUtf8, BinaryAndUnknownGiveNothing) {
  EXPECT_EQ(convert_to_utf8("abc", Encoding::kBinary), std::nullopt);
  EXPECT_EQ(convert_to_utf8("abc", Encoding::kUnknown8Bit), std::nullopt);
}

TEST(ConvertToUtf8, AsciiIsUnchangedInEveryEncoding) {
  const std::string ascii = "ma_so;ten\r\n1;HTX Dong Tam\r\n";
  for (Encoding e : {Encoding::kWindows1258, Encoding::kTcvn3, Encoding::kVni}) {
    EXPECT_EQ(convert_to_utf8(ascii, e), ascii) << encoding_name(e);
  }
}

TEST(ConvertToUtf8, Tcvn3WholeTable) {
  // Base letters, upper then lower case.
  EXPECT_EQ(convert_to_utf8("\xA1\xA2\xA3\xA4\xA5\xA6\xA7", Encoding::kTcvn3), "ĂÂÊÔƠƯĐ");
  EXPECT_EQ(convert_to_utf8("\xA8\xA9\xAA\xAB\xAC\xAD\xAE", Encoding::kTcvn3), "ăâêôơưđ");
  // Every toned vowel, in the order of the code page (tones: huyền, hỏi, ngã, sắc, nặng).
  const std::string bytes =
      "\xB5\xB6\xB7\xB8\xB9"   // a
      "\xBB\xBC\xBD\xBE\xC6"   // ă
      "\xC7\xC8\xC9\xCA\xCB"   // â
      "\xCC\xCE\xCF\xD0\xD1"   // e
      "\xD2\xD3\xD4\xD5\xD6"   // ê
      "\xD7\xD8\xDC\xDD\xDE"   // i
      "\xDF\xE1\xE2\xE3\xE4"   // o
      "\xE5\xE6\xE7\xE8\xE9"   // ô
      "\xEA\xEB\xEC\xED\xEE"   // ơ
      "\xEF\xF1\xF2\xF3\xF4"   // u
      "\xF5\xF6\xF7\xF8\xF9"   // ư
      "\xFA\xFB\xFC\xFD\xFE";  // y
  EXPECT_EQ(convert_to_utf8(bytes, Encoding::kTcvn3),
            "àảãáạ"
            "ằẳẵắặ"
            "ầẩẫấậ"
            "èẻẽéẹ"
            "ềểễếệ"
            "ìỉĩíị"
            "òỏõóọ"
            "ồổỗốộ"
            "ờởỡớợ"
            "ùủũúụ"
            "ừửữứự"
            "ỳỷỹýỵ");
}

TEST(ConvertToUtf8, Tcvn3UnknownBytesGiveNothing) {
  EXPECT_EQ(convert_to_utf8("H\xBA", Encoding::kTcvn3), std::nullopt);
  EXPECT_EQ(convert_to_utf8("\x80", Encoding::kTcvn3), std::nullopt);
}

TEST(ConvertToUtf8, VniLettersAndMarks) {
  const struct {
    const char* vni;
    const char* utf8;
  } cases[] = {
      {"Vie\xE4t Nam", "Việt Nam"},
      {"Qua\xFBng Nga\xF5i", "Quảng Ngãi"},
      {"Tr\xF6\xF4\xF8ng", "Trường"},
      {"\xD1"
       "A\xCBNG",
       "ĐẶNG"},
      {"TR\xD6\xD4\xD8NG", "TRƯỜNG"},
      {"\xF1o\xE1i", "đối"},
      {"Ky\xF8 My\xF5 Y\xCE", "Kỳ Mỹ Ỵ"},
      {"ly\xEE", "lỵ"},
      {"a\xEA a\xE9 a\xE8 a\xFA a\xFC a\xEB", "ă ắ ằ ẳ ẵ ặ"},
      {"a\xE2 a\xE1 a\xE0 a\xE5 a\xE3 a\xE4", "â ấ ầ ẩ ẫ ậ"},
      {"o\xF9 o\xF8 o\xFB o\xF5 o\xEF", "ó ò ỏ õ ọ"},
      {"\xEC \xED \xE6 \xF3 \xF2", "ì í ỉ ĩ ị"},
      {"\xCC \xCD \xC6 \xD3 \xD2", "Ì Í Ỉ Ĩ Ị"},
      {"A\xC2 E\xC1 O\xC0 A\xC5 E\xC3 O\xC4", "Â Ế Ồ Ẩ Ễ Ộ"},
      {"A\xCA A\xC9 A\xC8 A\xDA A\xDC A\xCB", "Ă Ắ Ằ Ẳ Ẵ Ặ"},
      {"U\xD9 U\xD8 U\xDB U\xD5 U\xCF", "Ú Ù Ủ Ũ Ụ"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(convert_to_utf8(c.vni, Encoding::kVni), c.utf8) << c.utf8;
  }
}

TEST(ConvertToUtf8, VniMarkWithoutAVowelGivesNothing) {
  EXPECT_EQ(convert_to_utf8("\xF8"
                            "abc",
                            Encoding::kVni),
            std::nullopt);                                            // nothing before
  EXPECT_EQ(convert_to_utf8("b\xF9", Encoding::kVni), std::nullopt);  // after a consonant
  EXPECT_EQ(convert_to_utf8("u\xE2", Encoding::kVni), std::nullopt);  // no û in Vietnamese
  EXPECT_EQ(convert_to_utf8("e\xEA", Encoding::kVni), std::nullopt);  // breve only on a
}

TEST(ConvertToUtf8, Windows1258Letters) {
  EXPECT_EQ(convert_to_utf8("Vi\xEA\xF2t Nam", Encoding::kWindows1258), "Việt Nam");
  EXPECT_EQ(convert_to_utf8("Qua\xD2ng Nga\xDEi", Encoding::kWindows1258), "Quảng Ngãi");
  EXPECT_EQ(convert_to_utf8("Tr\xFD\xF5\xCCng", Encoding::kWindows1258), "Trường");
  EXPECT_EQ(convert_to_utf8("\xC3\xE3\xD5\xDD\xD0\xF0", Encoding::kWindows1258), "ĂăƠƯĐđ");
  EXPECT_EQ(convert_to_utf8("\x93"
                            "ch\xE3m\x94 \x80",
                            Encoding::kWindows1258),
            "“chăm” €");
  EXPECT_EQ(convert_to_utf8("a\x81", Encoding::kWindows1258), std::nullopt);  // undefined byte
}

}  // namespace
}  // namespace htx::text
