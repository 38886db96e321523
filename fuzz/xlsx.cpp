// The .xlsx reader (exchange/xlsx.hpp: libzip and pugixml) over any bytes as a workbook: it
// refuses or reads, never crashes; rows come in increasing row number, each with at least one
// non-empty cell and no trailing empty cell; a refused file says why. A small part limit keeps a
// zip bomb within libFuzzer's memory limit (the limit itself is what is fuzzed then).
#include "exchange/xlsx.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = htx::fuzz::input_file(data, size, ".xlsx");
  std::string error;
  auto reader = htx::exchange::XlsxReader::open(path, error, 8u << 20);
  if (!reader) {
    HTX_FUZZ_CHECK(!error.empty());
    return 0;
  }
  htx::exchange::XlsxRow row;
  std::size_t last = 0;
  double progress = reader->progress();
  HTX_FUZZ_CHECK(progress >= 0 && progress <= 1);
  for (int rows = 0; rows < 100000 && reader->next(row); ++rows) {
    HTX_FUZZ_CHECK(row.row_number > last);
    last = row.row_number;
    HTX_FUZZ_CHECK(!row.cells.empty());
    HTX_FUZZ_CHECK(!row.cells.back().empty());
    const double now = reader->progress();
    HTX_FUZZ_CHECK(now >= progress && now <= 1);
    progress = now;
  }
  (void)reader->sheet_name();
  return 0;
}
