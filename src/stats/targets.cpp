#include "stats/targets.hpp"

#include <array>
#include <utility>

namespace htx::stats {

namespace {
constexpr std::array<std::pair<Indicator, std::string_view>, 3> kIndicators{{
    {Indicator::kFoundedHtx, "founded_htx"},
    {Indicator::kNewMembers, "new_members"},
    {Indicator::kTrainees, "trainees"},
}};
}  // namespace

std::string_view to_code(Indicator i) {
  for (auto& [x, c] : kIndicators)
    if (x == i) return c;
  return "?";
}

std::optional<Indicator> indicator_from_code(std::string_view code) {
  for (auto& [x, c] : kIndicators)
    if (c == code) return x;
  return std::nullopt;
}

}  // namespace htx::stats
