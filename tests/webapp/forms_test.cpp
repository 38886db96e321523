// Cookies, url-encoded forms and the multipart/form-data parser: input from the network.
#include "webapp/forms.hpp"

#include <gtest/gtest.h>

#include "webapp/session.hpp"

namespace htx::webapp {
namespace {

const std::string kType = "multipart/form-data; boundary=----WebKitFormBoundaryX3b";
const std::string kDelim = "------WebKitFormBoundaryX3b";

std::string part(const std::string& disposition, const std::string& data,
                 const std::string& type = "") {
  std::string s = kDelim + "\r\nContent-Disposition: " + disposition + "\r\n";
  if (!type.empty()) s += "Content-Type: " + type + "\r\n";
  return s + "\r\n" + data + "\r\n";
}

std::string close() { return kDelim + "--\r\n"; }

TEST(webappMultipart, FieldsAndAFileWithCrlfInside) {
  std::string file = "Mã số,Tên\r\n0101,\"HTX A\"\r\n--not-the-boundary\r\n";
  std::string body =
      part("form-data; name=\"csrf\"", "abc") +
      part("form-data; name=\"file\"; filename=\"sổ đăng ký.csv\"", file, "text/csv") + close();
  auto r = parse_multipart(kType, body);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.form.parts.size(), 2u);
  EXPECT_EQ(r.form.find("csrf")->data, "abc");
  EXPECT_FALSE(r.form.find("csrf")->filename);
  const auto* f = r.form.find("file");
  ASSERT_TRUE(f);
  EXPECT_EQ(*f->filename, "sổ đăng ký.csv");
  EXPECT_EQ(f->content_type, "text/csv");
  EXPECT_EQ(f->data, file) << "CRLF and dashes inside the file are kept as they are";
}

TEST(webappMultipart, BinaryFileAndEmptyFile) {
  std::string bytes("PK\x03\x04\0\0\xff\r\n\r\n", 12);
  auto r =
      parse_multipart(kType, part("form-data; name=\"file\"; filename=\"a.xlsx\"", bytes) +
                                 part("form-data; name=\"empty\"; filename=\"\"", "") + close());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.form.find("file")->data, bytes);
  EXPECT_EQ(r.form.find("empty")->data, "");
  EXPECT_EQ(*r.form.find("empty")->filename, "");
}

TEST(webappMultipart, BoundaryFromContentType) {
  EXPECT_EQ(header_parameter("multipart/form-data; boundary=abc", "boundary"), "abc");
  EXPECT_EQ(header_parameter("multipart/form-data; charset=x; BOUNDARY=\"a b;c\"", "boundary"),
            "a b;c");
  // ';' is not a boundary character (RFC 2046): refused although it parses.
  EXPECT_EQ(parse_multipart("multipart/form-data; boundary=\"a b;c\"", "--a b;c--").error,
            MultipartError::kBadBoundary);
  EXPECT_FALSE(header_parameter("multipart/form-data", "boundary"));
  // Quoted boundary in the body.
  std::string body = "--a b:c\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a b:c--";
  auto r = parse_multipart("multipart/form-data; boundary=\"a b:c\"", body);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.form.find("x")->data, "1");
}

TEST(webappMultipart, FilenameWithoutDirectoryAndEscapes) {
  auto r = parse_multipart(
      kType,
      part("form-data; name=\"file\"; filename=\"C:\\\\Users\\\\a\\\\b \\\"q\\\".csv\"", "x") +
          close());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r.form.find("file")->filename, "b \"q\".csv");
  auto ext = parse_multipart(kType, part("form-data; name=\"file\"; filename=\"x.csv\"; "
                                         "filename*=UTF-8''H%C3%A0%20N%E1%BB%99i.csv",
                                         "x") +
                                        close());
  ASSERT_TRUE(ext.ok());
  EXPECT_EQ(*ext.form.find("file")->filename, "Hà Nội.csv");
}

TEST(webappMultipart, PreambleAndEpilogueAreIgnored) {
  auto r = parse_multipart(
      kType, "preamble text\r\n" + part("form-data; name=\"a\"", "1") + close() + "epilogue");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.form.find("a")->data, "1");
}

TEST(webappMultipart, MalformedBodiesAreRefused) {
  auto error_of = [](const std::string& type, const std::string& body) {
    auto r = parse_multipart(type, body);
    return r.error ? *r.error : MultipartError(-1);
  };
  EXPECT_EQ(error_of("application/x-www-form-urlencoded", "a=1"), MultipartError::kNotMultipart);
  EXPECT_EQ(error_of("multipart/form-data", close()), MultipartError::kBadBoundary);
  EXPECT_EQ(error_of("multipart/form-data; boundary=", close()), MultipartError::kBadBoundary);
  EXPECT_EQ(error_of("multipart/form-data; boundary=" + std::string(71, 'a'), ""),
            MultipartError::kBadBoundary);
  EXPECT_EQ(error_of("multipart/form-data; boundary=a<b", ""), MultipartError::kBadBoundary);
  // No delimiter at all, no closing delimiter, LF instead of CRLF, no blank line after headers.
  EXPECT_EQ(error_of(kType, "hello"), MultipartError::kMalformed);
  EXPECT_EQ(error_of(kType, kDelim + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1"),
            MultipartError::kMalformed);
  EXPECT_EQ(error_of(kType, kDelim + "\nContent-Disposition: form-data; name=\"a\"\n\n1\n" +
                                kDelim + "--"),
            MultipartError::kMalformed);
  EXPECT_EQ(error_of(kType, kDelim + "\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n" +
                                kDelim + "--"),
            MultipartError::kMalformed);
  // No Content-Disposition, not form-data, no name, unclosed quote, folded header.
  EXPECT_EQ(error_of(kType, kDelim + "\r\nContent-Type: text/plain\r\n\r\n1\r\n" + close()),
            MultipartError::kMalformed);
  EXPECT_EQ(error_of(kType, part("attachment; name=\"a\"", "1") + close()),
            MultipartError::kMalformed);
  EXPECT_EQ(error_of(kType, part("form-data; filename=\"a.csv\"", "1") + close()),
            MultipartError::kMalformed);
  EXPECT_EQ(error_of(kType, part("form-data; name=\"a", "1") + close()),
            MultipartError::kMalformed);
  EXPECT_EQ(
      error_of(kType, kDelim + "\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\n1\r\n" +
                          close()),
      MultipartError::kMalformed);
  // Only the closing delimiter: no part at all.
  EXPECT_EQ(error_of(kType, close()), MultipartError::kMalformed);
  // A text field that is not UTF-8.
  EXPECT_EQ(error_of(kType, part("form-data; name=\"a\"", "\xff\xfe") + close()),
            MultipartError::kMalformed);
}

TEST(webappMultipart, LimitsOnSizeAndParts) {
  MultipartLimits limits;
  limits.max_file_bytes = 10;
  limits.max_field_bytes = 3;
  limits.max_parts = 2;
  auto r = parse_multipart(
      kType, part("form-data; name=\"f\"; filename=\"a\"", std::string(11, 'x')) + close(), limits);
  EXPECT_EQ(r.error, MultipartError::kTooLarge);
  r = parse_multipart(
      kType, part("form-data; name=\"f\"; filename=\"a\"", std::string(10, 'x')) + close(), limits);
  EXPECT_TRUE(r.ok());
  r = parse_multipart(kType, part("form-data; name=\"a\"", "1234") + close(), limits);
  EXPECT_EQ(r.error, MultipartError::kTooLarge);
  r = parse_multipart(kType,
                      part("form-data; name=\"a\"", "1") + part("form-data; name=\"b\"", "2") +
                          part("form-data; name=\"c\"", "3") + close(),
                      limits);
  EXPECT_EQ(r.error, MultipartError::kTooManyParts);
  limits.max_header_bytes = 20;
  r = parse_multipart(kType, part("form-data; name=\"a\"", "1") + close(), limits);
  EXPECT_EQ(r.error, MultipartError::kTooLarge);
}

TEST(webappMultipart, EveryTruncationOfAValidBodyIsAnErrorNotACrash) {
  std::string body = part("form-data; name=\"csrf\"", "abc") +
                     part("form-data; name=\"file\"; filename=\"a.csv\"", "x,y\r\n1,2\r\n") +
                     close();
  for (std::size_t n = 0; n + 4 < body.size(); ++n) {
    auto r = parse_multipart(kType, body.substr(0, n));
    EXPECT_FALSE(r.ok()) << n;
  }
}

TEST(webappCookies, ParsedRobustly) {
  web::Request r;
  r.headers.add("Cookie", " a=1;b=\"two\" ; ; =x; noequals; c=3=4");
  r.headers.add("cookie", "a=ignored; d=");
  auto c = parse_cookies(r);
  EXPECT_EQ(c["a"], "1");
  EXPECT_EQ(c["b"], "two");
  EXPECT_EQ(c["c"], "3=4");
  EXPECT_EQ(c["d"], "");
  EXPECT_EQ(c.count("noequals"), 0u);
  EXPECT_EQ(c.count(""), 0u);
  EXPECT_EQ(cookie(r, "b"), "two");
  EXPECT_FALSE(cookie(r, "zz"));
}

TEST(webappCookies, SetCookieAttributes) {
  CookieSpec spec;
  spec.secure = true;
  EXPECT_EQ(set_cookie("htx_session", "t", spec),
            "htx_session=t; Path=/; HttpOnly; SameSite=Lax; Secure");
  spec.secure = false;
  spec.max_age = 0;
  EXPECT_EQ(set_cookie("htx_session", "", spec),
            "htx_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

TEST(webappForms, UrlEncodingAndConstantTimeCompare) {
  EXPECT_EQ(url_encode("/registry?q=Hà Nội&x=1"),
            "%2Fregistry%3Fq%3DH%C3%A0%20N%E1%BB%99i%26x%3D1");
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  auto f = parse_urlencoded("username=admin&next=%2Fregistry%3Fq%3Dx&name=H%C3%A0+N%E1%BB%99i");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->get("name"), "Hà Nội");
  EXPECT_FALSE(parse_urlencoded("a=%zz"));
  EXPECT_FALSE(parse_urlencoded("a=%ff"));
  EXPECT_EQ(media_type(" Application/X-WWW-Form-Urlencoded ; charset=UTF-8"),
            "application/x-www-form-urlencoded");
}

TEST(webappSession, NextIsALocalPathOnly) {
  EXPECT_EQ(safe_next("/registry?q=ha%20noi"), "/registry?q=ha%20noi");
  EXPECT_EQ(safe_next(""), "/");
  EXPECT_EQ(safe_next("//evil.example/"), "/");
  EXPECT_EQ(safe_next("/\\evil.example/"), "/");
  EXPECT_EQ(safe_next("https://evil.example/"), "/");
  EXPECT_EQ(safe_next("javascript:alert(1)"), "/");
  EXPECT_EQ(safe_next("/a\r\nSet-Cookie: x=1"), "/");
  EXPECT_EQ(safe_next("/Hà"), "/");
}

TEST(webappSession, TokensLookLikeOurs) {
  EXPECT_TRUE(looks_like_token(std::string(64, 'a')));
  EXPECT_FALSE(looks_like_token(std::string(63, 'a')));
  EXPECT_FALSE(looks_like_token(std::string(64, 'A')));
  EXPECT_FALSE(looks_like_token(std::string(63, 'a') + "'"));
}

TEST(webappSession, LanguageFromQueryCookieOrHeader) {
  web::Request r;
  bool chosen = false;
  EXPECT_EQ(visitor_lang(r, &chosen), i18n::Lang::kVi);
  r.headers.add("Accept-Language", "en-GB,en;q=0.9");
  EXPECT_EQ(visitor_lang(r, &chosen), i18n::Lang::kEn);
  EXPECT_FALSE(chosen);
  r.headers.add("Cookie", "lang=vi");
  EXPECT_EQ(visitor_lang(r), i18n::Lang::kVi) << "the remembered choice beats the header";
  r.query.add("lang", "en");
  EXPECT_EQ(visitor_lang(r, &chosen), i18n::Lang::kEn);
  EXPECT_TRUE(chosen);
}

}  // namespace
}  // namespace htx::webapp
