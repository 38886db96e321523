// One table per enum of its codes (or names): a constexpr array of {value, code} pairs, and the
// two look-ups over it, so that each area writes an enum's codes once and the look-ups never.
//   constexpr enum_codes::Table<Kind, 2> kKinds{{{Kind::kA, "a"}, {Kind::kB, "b"}}};
//   std::string_view to_code(Kind k) { return enum_codes::to_code(kKinds, k); }
//   std::optional<Kind> kind_from_code(std::string_view c) { return enum_codes::from_code(kKinds,
//   c); }
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace htx::enum_codes {

template <typename E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

// The code of `value`; `otherwise` if the table does not list it.
template <typename E, std::size_t N>
constexpr std::string_view to_code(const Table<E, N>& table, E value,
                                   std::string_view otherwise = {}) {
  for (const auto& [v, code] : table)
    if (v == value) return code;
  return otherwise;
}

// The value whose code is `code` (compared exactly); nullopt if none.
template <typename E, std::size_t N>
constexpr std::optional<E> from_code(const Table<E, N>& table, std::string_view code) {
  for (const auto& [v, c] : table)
    if (c == code) return v;
  return std::nullopt;
}

}  // namespace htx::enum_codes
