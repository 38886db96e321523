// A streaming RFC 4180 reader and writer (quotes, doubled quotes, embedded line breaks, CRLF),
// with physical line numbers for error messages and a limit on the size of one record.
#pragma once

#include <cstddef>
#include <filesystem>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace htx::csv {

enum class ReadStatus { kRecord, kEnd, kTooLong, kUnterminatedQuote };

class Reader {
 public:
  // The stream must outlive the reader. A record longer than max_record_bytes is refused
  // (ReadStatus::kTooLong) and the rest of that physical line skipped.
  explicit Reader(std::istream& in, char delimiter = ',', std::size_t max_record_bytes = 1 << 20);

  ReadStatus next(std::vector<std::string>& fields);
  // Physical line (1-based) where the record last returned started.
  std::size_t line() const { return record_line_; }
  std::uint64_t bytes_consumed() const { return consumed_; }
  void set_delimiter(char d) { delimiter_ = d; }

 private:
  bool fill();
  int peek();
  int get();

  std::istream& in_;
  char delimiter_;
  std::size_t max_record_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  std::size_t current_line_ = 1, record_line_ = 0;
  std::uint64_t consumed_ = 0;
};

// The delimiter of a header line: ',' ';' or '\t', whichever occurs most outside quotes.
char detect_delimiter(std::string_view first_line);

// Writes one record; quotes a field only when it needs it. Lines end with CRLF when crlf is set.
void write_record(std::ostream& out, const std::vector<std::string>& fields, bool crlf = false,
                  char delimiter = ',');

// A data file of data/ read whole: its header and the records below it, each with as many fields
// as the header. Throws InfrastructureError when the file cannot be opened, is empty, or has a
// record that is malformed or of another width.
struct DataFile {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
DataFile read_data_file(const std::filesystem::path& path);

}  // namespace htx::csv
