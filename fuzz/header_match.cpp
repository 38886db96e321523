// The import's header matching (exchange/registry_columns.hpp) over every field of a header
// line: header_key gives only [a-z0-9] and is idempotent, and a header matches the column its
// key matches.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "exchange/registry_columns.hpp"
#include "fuzz_check.hpp"

namespace {
const htx::exchange::RegistryColumns& columns() {
  static const auto c = htx::exchange::RegistryColumns::load(HTX_FUZZ_DATA_DIR);
  return c;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::istringstream in(input);
  htx::csv::Reader reader(in, htx::csv::detect_delimiter(input.substr(0, input.find('\n'))));
  std::vector<std::string> header;
  if (reader.next(header) != htx::csv::ReadStatus::kRecord) return 0;
  for (const auto& h : header) {
    const std::string key = htx::exchange::header_key(h);
    for (char c : key) HTX_FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    HTX_FUZZ_CHECK(htx::exchange::header_key(key) == key);
    const auto* column = columns().match(h);
    HTX_FUZZ_CHECK(column == columns().match(key));
    if (column) {
      HTX_FUZZ_CHECK(!key.empty());
      HTX_FUZZ_CHECK(columns().by_id(column->id) == column);
    }
  }
  return 0;
}
