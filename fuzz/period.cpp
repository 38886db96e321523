// The period parser (stats/period.hpp) over any text: a parsed period is in normal form, so that
// parse_period(p.code()) == p and parse_period(p.label(vi)) == p; its start is not after its
// end, within the years parse_period accepts; previous() and same_period_last_year() never throw
// and parse back too.
#include "stats/period.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"

using htx::stats::parse_period;
using htx::stats::Period;

namespace {
void round_trips(const Period& p) {
  auto by_code = parse_period(p.code());
  HTX_FUZZ_CHECK(by_code.ok());
  HTX_FUZZ_CHECK(*by_code == p);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  auto r = parse_period(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!r.ok()) return 0;
  const Period& p = *r;
  HTX_FUZZ_CHECK(p.start <= p.end);
  HTX_FUZZ_CHECK(p.days() >= 1);
  HTX_FUZZ_CHECK(p.contains(p.start) && p.contains(p.end));
  round_trips(p);
  auto by_label = parse_period(p.label(htx::i18n::Lang::kVi));
  HTX_FUZZ_CHECK(by_label.ok());
  HTX_FUZZ_CHECK(*by_label == p);
  HTX_FUZZ_CHECK(!p.label(htx::i18n::Lang::kEn).empty());
  const Period before = p.previous();
  HTX_FUZZ_CHECK(before.end < p.start);
  HTX_FUZZ_CHECK(before.start <= before.end);
  const Period last_year = p.same_period_last_year();
  HTX_FUZZ_CHECK(last_year.start < p.start);
  // Within the accepted years, the neighbours are periods parse_period gives back too.
  if (before.start.year() >= htx::stats::kMinPeriodYear) round_trips(before);
  if (last_year.start.year() >= htx::stats::kMinPeriodYear) round_trips(last_year);
  return 0;
}
