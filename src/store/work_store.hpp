// The work programme's repository, written once for both backends: each backend hands in a
// Runner that executes one parameterised statement and returns its rows as text. The SQL is
// written with $1..$n placeholders and PostgreSQL casts; for SQLite they become ?1..?n and the
// casts are dropped. Dates travel as ISO text, flags as "1"/"0", ids of cooperating units as a
// JSON array.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql_text.hpp"
#include "work/work_repository.hpp"

namespace htx::store::work_sql {

using Params = std::vector<std::optional<std::string>>;
using Rows = std::vector<std::vector<std::optional<std::string>>>;

class Runner {
 public:
  virtual ~Runner() = default;
  // Runs one statement; reads `columns` columns of each row it returns (0 for none).
  virtual Rows query(std::string_view sql, int columns, const Params& params) = 0;
};

using sql_text::Dialect;

std::unique_ptr<work::WorkRepository> make_repository(Runner& runner, Dialect dialect);

}  // namespace htx::store::work_sql
