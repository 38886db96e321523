// A record's fields as a JSON object, written the one way every area writes them: a date as its
// ISO text, a missing optional as null, an enum as its code (its to_code(), found by
// argument-dependent lookup), anything else as nlohmann::json converts it (numbers, text, bools,
// vectors, JSON values already built). A to_json(record) is then its list of names and values:
//
//   nlohmann::json to_json(const TaskNote& n) {
//     return json_record("id", n.id, "task_id", n.task_id, "kind", n.kind, "on", n.on, ...);
//   }
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <type_traits>

#include "core/date.hpp"

namespace htx {

namespace json_detail {
template <typename V>
struct IsOptional : std::false_type {};
template <typename V>
struct IsOptional<std::optional<V>> : std::true_type {};
}  // namespace json_detail

// One field's value as JSON (see above).
template <typename V>
nlohmann::json json_value(const V& v) {
  if constexpr (std::is_same_v<V, Date>) {
    return v.iso();
  } else if constexpr (json_detail::IsOptional<V>::value) {
    return v ? json_value(*v) : nlohmann::json(nullptr);
  } else if constexpr (std::is_enum_v<V>) {
    return nlohmann::json(std::string(to_code(v)));
  } else {
    return nlohmann::json(v);
  }
}

inline void add_json_fields(nlohmann::json&) {}

template <typename V, typename... Rest>
void add_json_fields(nlohmann::json& j, const char* name, const V& value, const Rest&... rest) {
  j[name] = json_value(value);
  add_json_fields(j, rest...);
}

// A JSON object of name, value, name, value, ... (see above).
template <typename... Fields>
nlohmann::json json_record(const Fields&... fields) {
  static_assert(sizeof...(Fields) % 2 == 0, "json_record takes names and values in pairs");
  nlohmann::json j = nlohmann::json::object();
  add_json_fields(j, fields...);
  return j;
}

}  // namespace htx
