// What the repositories written once for both backends (work_store, governance_store) share:
// their SQL is written with $1..$n placeholders and PostgreSQL casts and translated for SQLite;
// values travel as text (dates as ISO, flags as "1"/"0", NULL as nullopt). Internal to src/store.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace htx::store::sql_text {

enum class Dialect { kSqlite, kPostgres };

// PostgreSQL's text as it is; for SQLite, "$n" becomes "?n" and the ::jsonb / ::text casts go.
inline std::string translate(std::string_view sql, Dialect dialect) {
  std::string out(sql);
  if (dialect == Dialect::kPostgres) return out;
  for (auto cast : {std::string_view("::jsonb"), std::string_view("::text")})
    for (auto p = out.find(cast); p != std::string::npos; p = out.find(cast, p))
      out.erase(p, cast.size());
  for (auto& ch : out)
    if (ch == '$') ch = '?';
  return out;
}

// Reading a column.
inline std::int64_t to_int(const std::optional<std::string>& v) {
  if (!v) return 0;
  std::int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || ptr != v->data() + v->size())
    throw InfrastructureError("store: not an integer: " + *v);
  return out;
}
inline std::optional<std::int64_t> to_opt_int(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  return to_int(v);
}
inline std::string to_text(const std::optional<std::string>& v) { return v.value_or(""); }
inline bool to_bool(const std::optional<std::string>& v) {
  return v && (*v == "1" || *v == "t" || *v == "true");
}
inline Date to_date(const std::optional<std::string>& v) {
  return v ? Date::parse_iso(*v).value_or(Date{}) : Date{};
}
inline std::optional<Date> to_opt_date(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  return Date::parse_iso(*v);
}

// Writing a parameter.
inline std::optional<std::string> p(std::int64_t v) { return std::to_string(v); }
inline std::optional<std::string> p(int v) { return std::to_string(v); }
inline std::optional<std::string> p(const std::string& v) { return v; }
inline std::optional<std::string> p(std::string_view v) { return std::string(v); }
inline std::optional<std::string> p(bool v) { return std::string(v ? "1" : "0"); }
inline std::optional<std::string> p(Date v) { return v.iso(); }
inline std::optional<std::string> p(const std::optional<Date>& v) {
  if (!v) return std::nullopt;
  return v->iso();
}
inline std::optional<std::string> p(const std::optional<std::int64_t>& v) {
  if (!v) return std::nullopt;
  return std::to_string(*v);
}
inline std::optional<std::string> p(const std::optional<std::string>& v) { return v; }

// Reading the rows of a statement: each row's columns as text, NULL as nullopt.
using TextRows = std::vector<std::vector<std::optional<std::string>>>;
// The id an INSERT ... RETURNING id gave back.
inline std::int64_t id_of(const TextRows& rows) {
  if (rows.empty() || rows[0].empty()) throw InfrastructureError("store: insert returned no id");
  return to_int(rows[0][0]);
}
template <typename T, typename F>
std::optional<T> first(const TextRows& rows, F read) {
  if (rows.empty()) return std::nullopt;
  return read(rows[0]);
}
template <typename T, typename F>
std::vector<T> all(const TextRows& rows, F read) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(read(r));
  return out;
}

}  // namespace htx::store::sql_text
