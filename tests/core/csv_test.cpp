#include "core/csv.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace htx::csv {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text, char delim = ',',
                                               std::vector<std::size_t>* lines = nullptr) {
  std::istringstream in(text);
  Reader r(in, delim);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> row;
  while (r.next(row) == ReadStatus::kRecord) {
    out.push_back(row);
    if (lines) lines->push_back(r.line());
  }
  return out;
}

TEST(CsvTest, QuotesDoubledQuotesEmbeddedNewlinesAndCrlf) {
  std::vector<std::size_t> lines;
  auto rows =
      read_all("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\r\nlast,,z", ',', &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"multi\nline", "x", ""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"last", "", "z"}));
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 4}));
}

TEST(CsvTest, SemicolonDelimiter) {
  EXPECT_EQ(detect_delimiter("Mã;Tên;\"a,b\""), ';');
  EXPECT_EQ(detect_delimiter("a,b,c"), ',');
  EXPECT_EQ(detect_delimiter("a\tb\tc"), '\t');
  auto rows = read_all("a;b\n1;2\n", ';');
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2"}));
}

TEST(CsvTest, TooLongRecordIsRefusedAndReadingGoesOn) {
  std::string text = "a,b\n" + std::string(5000, 'x') + ",y\nc,d\n";
  std::istringstream in(text);
  Reader r(in, ',', 1000);
  std::vector<std::string> row;
  EXPECT_EQ(r.next(row), ReadStatus::kRecord);
  EXPECT_EQ(r.next(row), ReadStatus::kTooLong);
  EXPECT_EQ(r.line(), 2u);
  EXPECT_EQ(r.next(row), ReadStatus::kRecord);
  EXPECT_EQ(row, (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(r.line(), 3u);
  EXPECT_EQ(r.next(row), ReadStatus::kEnd);
}

TEST(CsvTest, UnterminatedQuote) {
  std::istringstream in("a,\"never closed\nmore");
  Reader r(in);
  std::vector<std::string> row;
  EXPECT_EQ(r.next(row), ReadStatus::kUnterminatedQuote);
}

TEST(CsvTest, WriterQuotesOnlyWhatNeedsIt) {
  std::ostringstream out;
  write_record(out, {"plain", "a,b", "say \"hi\"", "two\nlines", " padded"}, true);
  EXPECT_EQ(out.str(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\"\r\n");
  auto rows = read_all(out.str());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][2], "say \"hi\"");
  EXPECT_EQ(rows[0][4], " padded");
}

}  // namespace
}  // namespace htx::csv
