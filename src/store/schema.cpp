#include "store/schema.hpp"

#include <cctype>
#include <map>
#include <utility>

#include "core/error.hpp"

namespace htx::store::sql {

namespace {

// The text between the parentheses that open at `open`, and the position after the closing one.
std::pair<std::string_view, std::size_t> argument(std::string_view s, std::size_t open) {
  if (open >= s.size() || s[open] != '(')
    throw InfrastructureError("schema: a token needs (...) at: " + std::string(s.substr(open, 40)));
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) return {s.substr(open + 1, i - open - 1), i + 1};
  }
  throw InfrastructureError("schema: unbalanced parentheses at: " +
                            std::string(s.substr(open, 40)));
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// "c: 'a', 'b'": c = 'a' OR c = 'b' for SQLite, c IN ('a', 'b') for PostgreSQL.
std::string one_of(std::string_view arg, Dialect dialect) {
  auto colon = arg.find(':');
  if (colon == std::string_view::npos)
    throw InfrastructureError("schema: @one_of needs a column: " + std::string(arg));
  auto column = trim(arg.substr(0, colon));
  auto values = arg.substr(colon + 1);
  if (dialect == Dialect::kPostgres) return column + " IN (" + trim(values) + ")";
  std::string out;
  for (std::size_t at = 0; at <= values.size();) {
    auto comma = values.find(',', at);
    if (comma == std::string_view::npos) comma = values.size();
    if (!out.empty()) out += " OR ";
    out += column + " = " + trim(values.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

// The tokens that stand for a word: SQLite's, PostgreSQL's.
const std::map<std::string_view, std::pair<std::string_view, std::string_view>> kWords = {
    {"id", {"INTEGER PRIMARY KEY", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"}},
    {"bigint", {"INTEGER", "BIGINT"}},
    {"date", {"TEXT", "DATE"}},
    {"bool", {"INTEGER", "BOOLEAN"}},
    {"false", {"0", "false"}},
    {"json", {"TEXT", "JSONB"}},
    {"timestamp", {"TEXT", "TIMESTAMPTZ"}},
    {"now", {"CURRENT_TIMESTAMP", "now()"}},
    {"without_rowid", {" WITHOUT ROWID", ""}},
};

}  // namespace

std::string schema_sql(std::string_view source, Dialect dialect) {
  const bool pg = dialect == Dialect::kPostgres;
  std::string out;
  out.reserve(source.size() + source.size() / 4);
  for (std::size_t i = 0; i < source.size();) {
    if (source[i] != '@') {
      out += source[i++];
      continue;
    }
    auto end = i + 1;
    while (end < source.size() &&
           (std::islower(static_cast<unsigned char>(source[end])) || source[end] == '_'))
      ++end;
    auto token = source.substr(i + 1, end - i - 1);
    i = end;
    if (auto word = kWords.find(token); word != kWords.end()) {
      out += pg ? word->second.second : word->second.first;
    } else if (token == "one_of") {
      auto [arg, next] = argument(source, i);
      out += one_of(arg, dialect);
      i = next;
    } else if (token == "postgres" || token == "sqlite") {
      auto [arg, next] = argument(source, i);
      if (pg == (token == "postgres")) out += schema_sql(arg, dialect);
      i = next;
    } else {
      throw InfrastructureError("schema: unknown token @" + std::string(token));
    }
  }
  return out;
}

}  // namespace htx::store::sql
