// OCOP products as records (issue 13, item 4): a product of a producer of the registry certified
// with a star rating by a decision (number and date) of the province (★3–★4) or of the central
// council (★5), valid 36 months. A renewal is a new certificate of the same product that names
// the one it renews; from its decision on, the renewed one no longer counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"

namespace htx::ocop {

enum class Level { kProvince, kCentral };
std::string_view to_code(Level l);  // "province", "central"
std::optional<Level> level_from_code(std::string_view code);

// Where a record came from: a council's decision entered by hand or imported from a province's
// list, or the registry's free-text field (stars stated, no scores or decision known).
enum class Origin { kDecision, kImport, kFreeText };
std::string_view to_code(Origin o);  // "decision", "import", "free_text"
std::optional<Origin> origin_from_code(std::string_view code);

struct Certificate {
  std::int64_t id = 0;
  std::string product;   // the product's name, NFC
  std::string group;     // data/ocop/groups.csv
  std::string subgroup;  // a subgroup of `group`
  std::string producer_code;
  std::string producer_name;  // as the registry had it when recorded
  std::string province_id;    // the producer's
  // Points of parts A, B and C in tenths (365 = 36,5); none for a record from free text.
  std::optional<std::int64_t> score_a, score_b, score_c;
  int stars = 0;
  std::optional<Level> level;  // the band's; as input, none: not stated
  std::string decision_number;
  std::optional<Date> decided_on;   // none: not known (free text)
  std::optional<Date> valid_until;  // the last day it is valid
  std::optional<std::int64_t> renews_id;
  Origin origin = Origin::kDecision;
  std::string source_text;  // the free text it was read from
  std::string entered_by, entered_at;

  bool operator==(const Certificate&) const = default;
};

// A certificate of `product` (of `group` and `subgroup`) made by the producer `producer_code`:
// what every way of recording one (a decision, an import, the free text) starts from.
Certificate certificate_of(std::string product, std::string group, std::string subgroup,
                           std::string producer_code);

// Parts A + B + C in tenths; none unless all three are known.
std::optional<std::int64_t> total_tenths(const Certificate& c);

// Valid on `on`: decided on or before it and valid through it, and not renewed by a certificate
// decided on or before it (`renewed_on`: the renewal's decision date, if any).
bool valid_on(const Certificate& c, Date on, std::optional<Date> renewed_on = std::nullopt);

// Points in tenths as a page writes them: 365 -> "36,5", 360 -> "36".
std::string points_text(std::int64_t tenths);
// Points as a user writes them ("36,5", "36.5", "36") in tenths; none when not a number or more
// precise than a tenth.
std::optional<std::int64_t> parse_points(std::string_view text);

}  // namespace htx::ocop
