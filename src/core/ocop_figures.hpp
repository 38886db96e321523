// OCOP products valid on a date (the report period's last day), as the alliance's reports state
// them ("N sản phẩm OCOP còn hiệu lực … của M HTX"): products by stars and cooperatives with one,
// by province as registered. Computed from the certificates by OcopService (areas/ocop_figures)
// and handed to the registry's statistical report, which does not depend on OCOP.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace htx {

struct OcopCounts {
  int products = 0;
  std::array<int, 3> stars{0, 0, 0};  // ★3, ★4, ★5
  int cooperatives = 0;               // distinct HTX with a valid product
};

struct OcopProvinceFigures {
  std::string province_id;  // as registered
  OcopCounts counts;
};

struct OcopFigures {
  bool present = false;  // the OCOP figures were asked for
  Date on;
  OcopCounts total;
  std::vector<OcopProvinceFigures> provinces;  // by province id
};

}  // namespace htx
