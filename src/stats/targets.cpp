#include "stats/targets.hpp"

#include "core/enum_codes.hpp"

namespace htx::stats {

namespace {
constexpr enum_codes::Codes<Indicator, 4> kIndicators{
    {"founded_htx", "new_members", "trainees", "advised_founding"}};
}  // namespace

std::string_view to_code(Indicator i) { return kIndicators.code(i, "?"); }

std::optional<Indicator> indicator_from_code(std::string_view code) {
  return kIndicators.from_code(code);
}

}  // namespace htx::stats
