// Plan targets (chỉ tiêu kế hoạch) per year and unit: the nation or a province.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace htx::stats {

// What a target counts. Codes are stored; names live in the message catalogue
// ("target.founded_htx", ...).
// kAdvisedFounding: cooperatives founded with the alliance's advice (advisory cases closed).
enum class Indicator { kFoundedHtx, kNewMembers, kTrainees, kAdvisedFounding };
// "founded_htx", "new_members", "trainees", "advised_founding"
std::string_view to_code(Indicator i);
std::optional<Indicator> indicator_from_code(std::string_view code);

inline constexpr std::string_view kNationalUnit = "national";

struct Target {
  int year = 0;
  std::string unit_id;  // "national" or a province id ("24-2008")
  Indicator indicator = Indicator::kFoundedHtx;
  std::int64_t value = 0;
  bool operator==(const Target&) const = default;
};

class TargetRepository {
 public:
  virtual ~TargetRepository() = default;
  virtual void set(const Target& t) = 0;  // insert or replace
  virtual std::optional<Target> get(int year, std::string_view unit_id, Indicator i) = 0;
  virtual std::vector<Target> list(int year) = 0;  // by unit, then indicator
};

}  // namespace htx::stats
