// The CSV reader (core/csv.hpp) over any bytes, with the delimiter the import would detect:
// no record holds more bytes than it consumed, every status is one of the four, and a record
// written back with write_record reads back the same.
#include "core/csv.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"

using htx::csv::ReadStatus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string_view first_line = std::string_view(input).substr(0, input.find('\n'));
  const char delimiter = htx::csv::detect_delimiter(first_line);
  HTX_FUZZ_CHECK(delimiter == ',' || delimiter == ';' || delimiter == '\t');

  std::istringstream in(input);
  // A small record limit, so that the too-long path is taken too.
  htx::csv::Reader reader(in, delimiter, 4096);
  std::vector<std::string> fields;
  std::uint64_t before = 0;
  std::size_t last_line = 0;
  for (int records = 0; records < 100000; ++records) {
    const ReadStatus st = reader.next(fields);
    const std::uint64_t consumed = reader.bytes_consumed();
    HTX_FUZZ_CHECK(consumed <= size);
    HTX_FUZZ_CHECK(consumed >= before);
    if (st == ReadStatus::kEnd) {
      HTX_FUZZ_CHECK(fields.empty());
      break;
    }
    HTX_FUZZ_CHECK(st == ReadStatus::kRecord || st == ReadStatus::kTooLong ||
                   st == ReadStatus::kUnterminatedQuote);
    HTX_FUZZ_CHECK(reader.line() >= 1 && reader.line() >= last_line);
    last_line = reader.line();
    std::size_t bytes = 0;
    for (auto& f : fields) bytes += f.size();
    // Every byte of a field came from the input (a doubled quote gives one byte, CRLF one).
    HTX_FUZZ_CHECK(bytes <= consumed - before);
    HTX_FUZZ_CHECK(fields.size() <= consumed - before + 1);
    if (st == ReadStatus::kTooLong) HTX_FUZZ_CHECK(fields.empty());
    if (st == ReadStatus::kRecord && !(fields.size() == 1 && fields[0].empty())) {
      std::ostringstream out;
      htx::csv::write_record(out, fields, (size & 1) != 0, delimiter);
      std::istringstream back_in(out.str());
      htx::csv::Reader back(back_in, delimiter, 1 << 20);
      std::vector<std::string> again;
      HTX_FUZZ_CHECK(back.next(again) == ReadStatus::kRecord);
      HTX_FUZZ_CHECK(again == fields);
      HTX_FUZZ_CHECK(back.next(again) == ReadStatus::kEnd);
    }
    if (st == ReadStatus::kUnterminatedQuote) {
      HTX_FUZZ_CHECK(reader.next(fields) == ReadStatus::kEnd);
      break;
    }
    before = consumed;
  }
  return 0;
}
