// SQL of the repositories built at run time: WHERE clauses from a query object, always with
// parameters, written as PostgreSQL's ($1..$n) for translate() (store/statement_runner.hpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "audit/audit_log.hpp"
#include "registry/registry_repository.hpp"
#include "store/statement_runner.hpp"

namespace htx::store::sql {

// Conditions for a registry list query; parameters come from list_parameters(q) in order,
// numbered from 1.
std::string list_conditions(const registry::ListQuery& q, Dialect d);
std::vector<std::string> list_parameters(const registry::ListQuery& q);
// The ORDER BY list (without the keywords) of a registry list query.
std::string list_order(const registry::ListQuery& q, Dialect d);

// Conditions and parameters for an audit log filter.
std::pair<std::string, std::vector<std::string>> audit_conditions(const audit::Filter& f);

// A LIKE pattern that matches text anywhere, with % _ and \ escaped (use ESCAPE '\').
std::string like_anywhere(std::string_view text);

}  // namespace htx::store::sql
