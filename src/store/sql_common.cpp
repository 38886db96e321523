#include "store/sql_common.hpp"

#include "core/text.hpp"

namespace htx::store::sql {

namespace {
std::string placeholder(int n) { return "$" + std::to_string(n); }
}  // namespace

std::string like_anywhere(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

std::vector<std::string> list_parameters(const registry::ListQuery& q) {
  std::vector<std::string> p;
  if (!q.text.empty()) {
    auto folded = text::fold(q.text);
    p.push_back(like_anywhere(folded));
    p.push_back(like_anywhere(text::trim(q.text)));
  }
  if (q.type) p.emplace_back(registry::to_code(*q.type));
  if (q.province_id) p.push_back(*q.province_id);
  if (q.status) p.emplace_back(registry::to_code(*q.status));
  if (q.province_in)
    for (const auto& id : *q.province_in) p.push_back(id);
  return p;
}

std::string list_conditions(const registry::ListQuery& q, Dialect d) {
  std::string w = "1 = 1";
  int n = 1;
  if (!q.text.empty()) {
    w += " AND (search_key LIKE " + placeholder(n) + " ESCAPE '\\'";
    ++n;
    // Any case, like SQLite's LIKE (search_key is lower case already).
    w += std::string(" OR code ") + (d == Dialect::kPostgres ? "ILIKE " : "LIKE ") +
         placeholder(n) + " ESCAPE '\\')";
    ++n;
  }
  if (q.type) w += " AND type = " + placeholder(n++);
  if (q.province_id) w += " AND province_id = " + placeholder(n++);
  if (q.status) w += " AND status = " + placeholder(n++);
  if (q.province_in) {
    if (q.province_in->empty()) {
      w += " AND 1 = 0";
    } else {
      w += " AND province_id IN (";
      for (std::size_t i = 0; i < q.province_in->size(); ++i)
        w += (i ? ", " : "") + placeholder(n++);
      w += ")";
    }
  }
  return w;
}

std::string list_order(const registry::ListQuery& q, Dialect d) {
  const bool pg = d == Dialect::kPostgres;
  // Codes in byte order on both backends, whatever the PostgreSQL database's collation.
  const std::string code = "code COLLATE \"C\"";
  const std::string dir = q.descending ? " DESC" : "";
  switch (q.sort) {
    case registry::ListQuery::Sort::kCode:
      return code + dir;
    case registry::ListQuery::Sort::kFoundedOn:
      return "founded_on" + dir + ", " + code;
    case registry::ListQuery::Sort::kName:
      break;
  }
  // The order of the entity_name_vi index (PostgreSQL) when ascending.
  return std::string(pg ? "name COLLATE \"vi-x-icu\"" : "name COLLATE VI") + dir + ", code";
}

std::pair<std::string, std::vector<std::string>> audit_conditions(const audit::Filter& f) {
  std::string w = "1 = 1";
  std::vector<std::string> p;
  int n = 1;
  if (f.actor) {
    w += " AND actor = " + placeholder(n++);
    p.push_back(*f.actor);
  }
  if (f.action) {
    w += " AND action = " + placeholder(n++);
    p.push_back(*f.action);
  }
  if (f.object_key) {
    w += " AND object_key = " + placeholder(n++);
    p.push_back(*f.object_key);
  }
  if (f.before_id > 0) {
    w += " AND id < " + placeholder(n++);
    p.push_back(std::to_string(f.before_id));
  }
  return {w, p};
}

}  // namespace htx::store::sql
