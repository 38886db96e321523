// The support funds' lending in a period, as the alliance's periodic reports state it ("Quỹ Hỗ
// trợ phát triển HTX trung ương và địa phương cho vay vốn ưu đãi N dự án, M tỷ đồng; cơ cấu lại
// nợ cho K HTX", seed 003). Computed from the loans by the fund's service (areas/lending.hpp) and
// handed to the registry's statistical report and to the work review, which do not depend on
// the fund.
#pragma once

#include <cstdint>

namespace htx {

struct LendingFigures {
  bool present = false;            // the funds' figures were asked for and may be shown
  int new_loans = 0;               // projects first disbursed in the period
  std::int64_t new_amount = 0;     // đồng disbursed to them in the period
  int restructured_borrowers = 0;  // cooperatives whose debt was restructured in the period
};

// An amount in tenths of a billion đồng, half up: 2.345.000.000 → 23 ("2,3 tỷ").
inline std::int64_t tenths_of_billion(std::int64_t dong) {
  constexpr std::int64_t kBillion = 1'000'000'000;
  return (dong * 10 + kBillion / 2) / kBillion;
}

}  // namespace htx
