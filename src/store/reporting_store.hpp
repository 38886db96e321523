// The reporting regime's repository, written once for both backends over the work programme's
// statement runner (store/work_store.hpp): $1..$n placeholders and PostgreSQL casts, translated
// for SQLite. Dates travel as ISO text; the units a form names, its indicators and a
// submission's values as JSON.
#pragma once

#include <memory>

#include "reporting/reporting_repository.hpp"
#include "store/work_store.hpp"

namespace htx::store::reporting_sql {

using work_sql::Dialect;
using work_sql::Runner;

std::unique_ptr<reporting::ReportingRepository> make_repository(Runner& runner, Dialect dialect);

}  // namespace htx::store::reporting_sql
