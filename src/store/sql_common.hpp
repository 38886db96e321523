// SQL shared by the backends: WHERE clauses built from a query object, always with parameters.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "audit/audit_log.hpp"
#include "registry/registry_repository.hpp"

namespace htx::store::sql {

enum class Dialect { kSqlite, kPostgres };

// "?" for SQLite, "$n" for PostgreSQL (n counts from first).
std::string placeholder(Dialect d, int n);

// Conditions for a registry list query; parameters come from list_parameters(q) in order,
// numbered from 1.
std::string list_conditions(const registry::ListQuery& q, Dialect d);
std::vector<std::string> list_parameters(const registry::ListQuery& q);
// The ORDER BY list (without the keywords) of a registry list query.
std::string list_order(const registry::ListQuery& q, Dialect d);

// Conditions and parameters for an audit log filter.
std::pair<std::string, std::vector<std::string>> audit_conditions(const audit::Filter& f,
                                                                  Dialect d);

// A LIKE pattern that matches text anywhere, with % _ and \ escaped (use ESCAPE '\').
std::string like_anywhere(std::string_view text);

}  // namespace htx::store::sql
