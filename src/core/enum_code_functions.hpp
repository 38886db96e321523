// The public functions of an enum whose codes are listed in an enum_codes::Codes table
// (core/enum_codes.hpp), the same lines for every enum, written once:
//   HTX_ENUM_CODES(Kind, kind_from_code, kKinds)        // to_code(Kind), kind_from_code(text)
//   HTX_NAMED_ENUM_CODES(Kind, kind_from_code, kKinds)  // and vietnamese_name(Kind)
// Used in an area's .cpp after its tables, in the area's namespace. Included only by the .cpp
// files that use it (fund.cpp, market.cpp), so that a change here rebuilds those alone.
#pragma once

#include <optional>
#include <string_view>

#include "core/enum_codes.hpp"

#define HTX_ENUM_CODES(Enum, read_code, table)                 \
  std::string_view to_code(Enum v) { return (table).code(v); } \
  std::optional<Enum> read_code(std::string_view c) { return (table).from_code(c); }

#define HTX_NAMED_ENUM_CODES(Enum, read_code, table) \
  HTX_ENUM_CODES(Enum, read_code, table)             \
  std::string_view vietnamese_name(Enum v) { return (table).name(v); }
