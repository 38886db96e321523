// Governance's repository, written once for both backends over the work programme's statement
// runner (store/work_store.hpp): $1..$n placeholders and PostgreSQL casts, translated for
// SQLite. Dates travel as ISO text, flags as "1"/"0", attendee names as a JSON array.
#pragma once

#include <memory>

#include "governance/governance_repository.hpp"
#include "store/work_store.hpp"

namespace htx::store::governance_sql {

using work_sql::Dialect;
using work_sql::Runner;

std::unique_ptr<governance::GovernanceRepository> make_repository(Runner& runner, Dialect dialect);

}  // namespace htx::store::governance_sql
