#include "ocop/ocop.hpp"

#include <utility>

#include "core/enum_codes.hpp"
#include "core/text.hpp"

namespace htx::ocop {

namespace {
constexpr enum_codes::Codes<Level, 2> kLevels{{"province", "central"}};
constexpr enum_codes::Codes<Origin, 3> kOrigins{{"decision", "import", "free_text"}};
}  // namespace

std::string_view to_code(Level l) { return kLevels.code(l); }
std::optional<Level> level_from_code(std::string_view c) { return kLevels.from_code(c); }
std::string_view to_code(Origin o) { return kOrigins.code(o); }
std::optional<Origin> origin_from_code(std::string_view c) { return kOrigins.from_code(c); }

Certificate certificate_of(std::string product, std::string group, std::string subgroup,
                           std::string producer_code) {
  Certificate c;
  c.product = std::move(product);
  c.group = std::move(group);
  c.subgroup = std::move(subgroup);
  c.producer_code = std::move(producer_code);
  return c;
}

std::optional<std::int64_t> total_tenths(const Certificate& c) {
  if (!c.score_a || !c.score_b || !c.score_c) return std::nullopt;
  return *c.score_a + *c.score_b + *c.score_c;
}

bool valid_on(const Certificate& c, Date on, std::optional<Date> renewed_on) {
  if (!c.decided_on || !c.valid_until) return false;
  if (on < *c.decided_on || on > *c.valid_until) return false;
  return !(renewed_on && *renewed_on <= on);
}

std::string points_text(std::int64_t tenths) {
  auto out = std::to_string(tenths / 10);
  if (tenths % 10) out += "," + std::to_string(tenths % 10);
  return out;
}

std::optional<std::int64_t> parse_points(std::string_view text) {
  auto t = text::trim(text);
  // "36.5" is a decimal point here, not a thousands group: points never reach a thousand.
  std::string s(t);
  for (auto& ch : s)
    if (ch == '.') ch = ',';
  auto d = text::parse_decimal(s);
  if (!d || d->scale > 1 || d->mantissa < 0) return std::nullopt;
  return d->scale == 1 ? d->mantissa : d->mantissa * 10;
}

}  // namespace htx::ocop
