// Opening a database: the one place that knows which backend a URL means. Each backend gives
// small repositories, one per area, that share one connection and its transactions.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "accounts/account_repository.hpp"
#include "audit/audit_log.hpp"
#include "core/transaction.hpp"
#include "fund/fund_repository.hpp"
#include "governance/governance_repository.hpp"
#include "market/market_repository.hpp"
#include "ocop/ocop_repository.hpp"
#include "registry/flows.hpp"
#include "registry/registry_repository.hpp"
#include "reporting/reporting_repository.hpp"
#include "stats/targets.hpp"
#include "work/work_repository.hpp"

// Training (issue 13): declared only, so that a change of its repository rebuilds only its users.
namespace htx::training {
class TrainingRepository;
}  // namespace htx::training
// Advisory cases (issue 13 item 2): declared only, as training.
namespace htx::advisory {
class AdvisoryRepository;
}  // namespace htx::advisory
// Proposed changes to registry records (issue 13, item 5): declared only, likewise.
namespace htx::registry {
class ChangeRequestRepository;
}  // namespace htx::registry

namespace htx::store {

class Database : public TransactionManager {
 public:
  virtual registry::RegistryRepository& registry() = 0;
  virtual audit::AuditLog& audit() = 0;
  virtual registry::FlowRepository& flows() = 0;
  virtual stats::TargetRepository& targets() = 0;
  virtual accounts::AccountRepository& accounts() = 0;
  virtual work::WorkRepository& work() = 0;
  virtual governance::GovernanceRepository& governance() = 0;
  virtual reporting::ReportingRepository& reporting() = 0;
  virtual market::MarketRepository& market() = 0;
  virtual fund::FundRepository& fund() = 0;
  virtual ocop::OcopRepository& ocop() = 0;
  virtual training::TrainingRepository& training() = 0;  // training/training_repository.hpp
  virtual advisory::AdvisoryRepository& advisory() = 0;  // advisory/advisory_repository.hpp
  // registry/change_request_repository.hpp
  virtual registry::ChangeRequestRepository& change_requests() = 0;
  virtual std::string_view backend() const = 0;  // "sqlite" or "postgresql"
  // Number of the newest migration applied.
  virtual int schema_version() = 0;
};

// "postgresql://..." or "postgres://..." opens PostgreSQL; anything else is a SQLite file path
// ("sqlite:PATH" also accepted). Applies pending migrations. Throws InfrastructureError.
// Defined in htx_store_backends (open_database.cpp), which only app and the tests link: the rest
// receive a function that opens a database (app/main.cpp hands this one to the CLI).
std::unique_ptr<Database> open_database(std::string_view url);

// The database the user meant: --db if given, else $HTX_DB, else "htx.db".
std::string database_url(std::string_view from_option);

}  // namespace htx::store
