#include "core/text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace htx::text {
namespace {

// "Hà" written with a combining grave accent (NFD) and precomposed (NFC).
const std::string kHaNfd = "Ha\xCC\x80";
const std::string kHaNfc = "H\xC3\xA0";

TEST(Utf8, AcceptsValidText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("abc"));
  EXPECT_TRUE(is_valid_utf8("Hợp tác xã"));
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // emoji
}

TEST(Utf8, RejectsMalformedText) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\x80"));     // lone continuation
  EXPECT_FALSE(is_valid_utf8("H\xC3"));    // truncated
  EXPECT_FALSE(is_valid_utf8("caf\xE9"));  // Latin-1
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Nfc, ComposesAndKeepsNormalizedText) {
  EXPECT_EQ(to_nfc(kHaNfd), kHaNfc);
  EXPECT_EQ(to_nfc(kHaNfc), kHaNfc);
  EXPECT_EQ(to_nfc("plain ascii"), "plain ascii");
  EXPECT_EQ(to_nfc(""), "");
  // ợ as o + horn + dot below, in either order of the marks.
  EXPECT_EQ(to_nfc("Ho\xCC\x9B\xCC\xA3p"), "Hợp");
  EXPECT_EQ(to_nfc("Ho\xCC\xA3\xCC\x9Bp"), "Hợp");
}

TEST(Fold, ExamplesFromTheSpecification) {
  EXPECT_EQ(fold("  Hà  Nội "), "ha noi");
  EXPECT_EQ(fold("Đắk Lắk"), "dak lak");
  EXPECT_EQ(fold("HỢP TÁC XÃ"), "hop tac xa");
  EXPECT_EQ(fold("Thừa Thiên Huế"), "thua thien hue");
}

TEST(Fold, AsciiFastPath) {
  EXPECT_EQ(fold(""), "");
  EXPECT_EQ(fold("   "), "");
  EXPECT_EQ(fold("  HTX\tNong   Nghiep\r\n"), "htx nong nghiep");
  EXPECT_EQ(fold("ABC-123"), "abc-123");
}

TEST(Fold, DecomposedInputAndNbsp) {
  EXPECT_EQ(fold(kHaNfd + "\xC2\xA0\xC2\xA0N\xC3\xB4i"), "ha noi");
  EXPECT_EQ(fold("\xC2\xA0"
                 "đồng tâm\xC2\xA0"),
            "dong tam");
  EXPECT_EQ(fold("ĐƯỜNG"), "duong");
  EXPECT_EQ(fold("Ngọc Lặc — Ý Yên"), "ngoc lac — y yen");
}

TEST(Fold, SameKeyForNfcAndNfd) {
  EXPECT_EQ(fold("Hợp tác xã Nông nghiệp"),
            fold(to_nfc("Ho\xCC\x9B\xCC\xA3p ta\xCC\x81"
                        "c xa\xCC\x83 No\xCC\x82ng nghie\xCC\x82\xCC\xA3p")));
}

TEST(Fold, EveryVietnameseLetterNfcAndNfdAgree) {
  const std::string upper = "ÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬÈẺẼÉẸÊỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢÙỦŨÚỤƯỪỬỮỨỰỲỶỸÝỴĐ";
  const std::string lower = "àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵđ";
  const std::string expected =
      "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd";
  EXPECT_EQ(fold(upper), expected);
  EXPECT_EQ(fold(lower), expected);
}

TEST(Fold, OtherScriptsAndExoticSpaces) {
  EXPECT_EQ(fold("Hà Nội Москва"), "ha noi москва");
  EXPECT_EQ(fold("Hà\xE2\x80\x83Nội"), "ha noi");  // EM SPACE
  EXPECT_EQ(fold("Hà\xE3\x80\x80Nội"), "ha noi");  // IDEOGRAPHIC SPACE
  EXPECT_EQ(fold("Ærø Straße"), "ærø straße");
  EXPECT_EQ(fold("İstanbul"), "istanbul");
  EXPECT_EQ(fold("北京 Hà"), "北京 ha");
}

TEST(Fold, IllFormedInputDoesNotCrash) {
  EXPECT_EQ(fold("H\xC3"), "h");
  EXPECT_EQ(fold("\xFF\xFE"
                 "A"),
            "a");
}

TEST(CompareVi, VietnameseAlphabetOrder) {
  EXPECT_EQ(compare_vi("a", "a"), 0);
  EXPECT_LT(compare_vi("a", "b"), 0);
  EXPECT_GT(compare_vi("b", "a"), 0);
  // Vietnamese: a < ă < â, d < đ < e, o < ô < ơ, u < ư.
  EXPECT_LT(compare_vi("an", "ăn"), 0);
  EXPECT_LT(compare_vi("ăn", "ân"), 0);
  EXPECT_LT(compare_vi("dz", "đa"), 0);
  EXPECT_LT(compare_vi("đz", "e"), 0);
  EXPECT_LT(compare_vi("oz", "ôa"), 0);
  EXPECT_LT(compare_vi("ôz", "ơa"), 0);
  EXPECT_LT(compare_vi("uz", "ưa"), 0);
  // Tertiary strength: case matters, but less than letters.
  EXPECT_NE(compare_vi("ha", "Ha"), 0);
  EXPECT_LT(compare_vi("Ha", "hb"), 0);
  // Canonically equivalent strings are equal.
  EXPECT_EQ(compare_vi(kHaNfd, kHaNfc), 0);
}

TEST(CompareVi, SortsProvinceNames) {
  std::vector<std::string> names = {"Đồng Tháp", "Điện Biên", "Cà Mau", "Đà Nẵng", "Yên Bái",
                                    "An Giang",  "Bắc Ninh",  "Bà Rịa", "Ấn"};
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return compare_vi(a, b) < 0; });
  const std::vector<std::string> expected = {"An Giang",  "Ấn",        "Bà Rịa",
                                             "Bắc Ninh",  "Cà Mau",    "Đà Nẵng",
                                             "Điện Biên", "Đồng Tháp", "Yên Bái"};
  EXPECT_EQ(names, expected);
}

TEST(CompareVi, ThreadSafe) {
  std::vector<std::thread> threads;
  std::vector<int> failures(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 2000; ++i) {
        if (compare_vi("Hà Nội", "Hải Phòng") >= 0) ++failures[t];
        if (compare_vi("Đồng Tâm", "Dương") <= 0) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

TEST(Trim, AsciiBlanksAndNbsp) {
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(" \t abc \r\n"), "abc");
  EXPECT_EQ(trim("\xC2\xA0 Hà Nội\xC2\xA0"), "Hà Nội");
  EXPECT_EQ(trim("a b"), "a b");
  EXPECT_EQ(trim("\xC2\xA0"), "");
  // A lone 0xA0 byte that is not part of an NBSP is left alone.
  EXPECT_EQ(trim("x\xA0"), "x\xA0");
}

TEST(FormatInt, GroupsThousandsWithDots) {
  EXPECT_EQ(format_int(0), "0");
  EXPECT_EQ(format_int(7), "7");
  EXPECT_EQ(format_int(999), "999");
  EXPECT_EQ(format_int(1000), "1.000");
  EXPECT_EQ(format_int(27394), "27.394");
  EXPECT_EQ(format_int(119710), "119.710");
  EXPECT_EQ(format_int(1234567), "1.234.567");
  EXPECT_EQ(format_int(-1500), "-1.500");
  EXPECT_EQ(format_int(-999), "-999");
  EXPECT_EQ(format_int(std::numeric_limits<std::int64_t>::max()), "9.223.372.036.854.775.807");
  EXPECT_EQ(format_int(std::numeric_limits<std::int64_t>::min()), "-9.223.372.036.854.775.808");
}

TEST(FormatDecimal, CommaAsDecimalMark) {
  EXPECT_EQ(format_decimal(52.2, 1), "52,2");
  EXPECT_EQ(format_decimal(7.0, 1), "7,0");
  EXPECT_EQ(format_decimal(0.35, 0), "0");
  EXPECT_EQ(format_decimal(1234.5, 1), "1.234,5");
  EXPECT_EQ(format_decimal(1234567.891, 2), "1.234.567,89");
  EXPECT_EQ(format_decimal(0.05, 2), "0,05");
  EXPECT_EQ(format_decimal(-1234.5, 1), "-1.234,5");
  EXPECT_EQ(format_decimal(5.0, 0), "5");
}

TEST(FormatDecimal, RoundsHalfAwayFromZero) {
  EXPECT_EQ(format_decimal(2.5, 0), "3");
  EXPECT_EQ(format_decimal(-2.5, 0), "-3");
  EXPECT_EQ(format_decimal(0.125, 2), "0,13");
  EXPECT_EQ(format_decimal(0.5, 0), "1");
  EXPECT_EQ(format_decimal(999.95, 1), "1.000,0");
  EXPECT_EQ(format_decimal(-0.04, 1), "0,0");  // no "-0,0"
}

TEST(FormatDecimal, ExtremeValuesDoNotCrash) {
  EXPECT_EQ(format_decimal(1e20, 0), "100.000.000.000.000.000.000");
  EXPECT_FALSE(format_decimal(1e300, 2).empty());
  EXPECT_FALSE(format_decimal(std::numeric_limits<double>::quiet_NaN(), 1).empty());
  EXPECT_FALSE(format_decimal(std::numeric_limits<double>::infinity(), 1).empty());
  EXPECT_EQ(format_decimal(1.5, -3), "2");
}

TEST(FormatPercent, AppendsPercentSign) {
  EXPECT_EQ(format_percent(52.2, 1), "52,2%");
  EXPECT_EQ(format_percent(100.0, 0), "100%");
  EXPECT_EQ(format_percent(0.0, 2), "0,00%");
}

TEST(ParseInt, AcceptsUsualWritings) {
  EXPECT_EQ(parse_int("1234567"), 1234567);
  EXPECT_EQ(parse_int("1.234.567"), 1234567);
  EXPECT_EQ(parse_int("1,234,567"), 1234567);
  EXPECT_EQ(parse_int("1 234 567"), 1234567);
  EXPECT_EQ(parse_int("1\xC2\xA0"
                      "234\xC2\xA0"
                      "567"),
            1234567);
  EXPECT_EQ(parse_int("1.234"), 1234);
  EXPECT_EQ(parse_int("12.345"), 12345);
  EXPECT_EQ(parse_int("123.456"), 123456);
  EXPECT_EQ(parse_int("0"), 0);
  EXPECT_EQ(parse_int("007"), 7);
  EXPECT_EQ(parse_int("-5"), -5);
  EXPECT_EQ(parse_int("-1.500"), -1500);
  EXPECT_EQ(parse_int("+42"), 42);
  EXPECT_EQ(parse_int("  42 \t"), 42);
  EXPECT_EQ(parse_int("\xC2\xA0"
                      "42\xC2\xA0"),
            42);
  EXPECT_EQ(parse_int("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(parse_int("-9223372036854775808"), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(parse_int("9.223.372.036.854.775.807"), std::numeric_limits<std::int64_t>::max());
}

TEST(ParseInt, RejectsEverythingElse) {
  EXPECT_EQ(parse_int(""), std::nullopt);
  EXPECT_EQ(parse_int("   "), std::nullopt);
  EXPECT_EQ(parse_int("abc"), std::nullopt);
  EXPECT_EQ(parse_int("12a"), std::nullopt);
  EXPECT_EQ(parse_int("-"), std::nullopt);
  EXPECT_EQ(parse_int("- 5"), std::nullopt);
  EXPECT_EQ(parse_int("1.23"), std::nullopt);
  EXPECT_EQ(parse_int("1.5"), std::nullopt);
  EXPECT_EQ(parse_int("1,5"), std::nullopt);
  EXPECT_EQ(parse_int("1.234,5"), std::nullopt);
  EXPECT_EQ(parse_int("1,234.5"), std::nullopt);
  EXPECT_EQ(parse_int("1.234,567"), std::nullopt);  // mixed separators
  EXPECT_EQ(parse_int("1.23.4"), std::nullopt);
  EXPECT_EQ(parse_int("1234.567"), std::nullopt);  // first group too long
  EXPECT_EQ(parse_int(".123"), std::nullopt);
  EXPECT_EQ(parse_int("123."), std::nullopt);
  EXPECT_EQ(parse_int("1..234"), std::nullopt);
  EXPECT_EQ(parse_int("0.123"), std::nullopt);  // a fraction, not a grouped number
  EXPECT_EQ(parse_int("1  234"), std::nullopt);
  EXPECT_EQ(parse_int("9223372036854775808"), std::nullopt);
  EXPECT_EQ(parse_int("-9223372036854775809"), std::nullopt);
  EXPECT_EQ(parse_int("99999999999999999999999"), std::nullopt);
  EXPECT_EQ(parse_int("١٢٣"), std::nullopt);  // Arabic-Indic digits
}

}  // namespace
}  // namespace htx::text
