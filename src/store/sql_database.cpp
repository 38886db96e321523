#include "store/sql_database.hpp"

#include "store/sql_repositories.hpp"

namespace htx::store::sql {

void SqlDatabase::attach(Runner& runner, Dialect dialect) {
  runner_ = &runner;
  registry_ = make_registry_repository(runner, dialect);
  audit_ = make_audit_log(runner, dialect);
  flows_ = make_flow_repository(runner, dialect);
  targets_ = make_target_repository(runner, dialect);
  accounts_ = make_account_repository(runner, dialect);
  work_ = make_work_repository(runner, dialect);
  governance_ = make_governance_repository(runner, dialect);
  reporting_ = make_reporting_repository(runner, dialect);
  market_ = make_market_repository(runner, dialect);
  fund_ = make_fund_repository(runner, dialect);
  ocop_ = make_ocop_repository(runner, dialect);
  training_ = make_training_repository(runner, dialect);
  change_requests_ = make_change_request_repository(runner, dialect);
}

int SqlDatabase::schema_version() {
  auto rows = runner_->query("SELECT coalesce(max(version), 0) FROM schema_migrations", 1, {});
  return static_cast<int>(to_int(rows.at(0).at(0)));
}

}  // namespace htx::store::sql
