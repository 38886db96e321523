// One table per enum of its codes and (optionally) its Vietnamese names, listed in the order of
// the enumerators (every enum here counts 0, 1, 2, ... with no gaps), and the look-ups over it, so
// that each area writes an enum's codes once and the look-ups never:
//   enum class Kind { kA, kB };
//   constexpr enum_codes::Codes<Kind, 2> kKinds{{"a", "b"}, {"Tên A", "Tên B"}};
//   std::string_view to_code(Kind k) { return kKinds.code(k); }
//   std::string_view vietnamese_name(Kind k) { return kKinds.name(k); }
//   std::optional<Kind> kind_from_code(std::string_view c) { return kKinds.from_code(c); }
// A table that lists fewer codes than N, or an empty code, does not compile.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace htx::enum_codes {

template <typename E, std::size_t N>
struct Codes {
  std::array<std::string_view, N> codes;
  std::array<std::string_view, N> names = {};

  consteval Codes(std::array<std::string_view, N> c, std::array<std::string_view, N> n = {})
      : codes(c), names(n) {
    for (auto code : codes)
      if (code.empty()) throw "enum_codes::Codes: every enumerator needs a code";
  }

  // The code of `value`; `otherwise` if `value` is out of range.
  constexpr std::string_view code(E value, std::string_view otherwise = {}) const {
    auto i = static_cast<std::size_t>(value);
    return i < N ? codes[i] : otherwise;
  }
  // The name of `value`; empty if there is none.
  constexpr std::string_view name(E value) const {
    auto i = static_cast<std::size_t>(value);
    return i < N ? names[i] : std::string_view();
  }
  // The value whose code is `code` (compared exactly); nullopt if none.
  constexpr std::optional<E> from_code(std::string_view code) const {
    for (std::size_t i = 0; i < N; ++i)
      if (codes[i] == code) return static_cast<E>(i);
    return std::nullopt;
  }
  // Every value, in order.
  constexpr std::array<E, N> values() const {
    std::array<E, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<E>(i);
    return out;
  }
};

}  // namespace htx::enum_codes
