// The repositories of every area, each written once over the statement runner
// (store/statement_runner.hpp) for both backends. Internal to src/store.
#pragma once

#include <memory>

#include "accounts/account_repository.hpp"
#include "advisory/advisory_repository.hpp"
#include "audit/audit_log.hpp"
#include "fund/fund_repository.hpp"
#include "governance/governance_repository.hpp"
#include "market/market_repository.hpp"
#include "ocop/ocop_repository.hpp"
#include "registry/change_request_repository.hpp"
#include "registry/flows.hpp"
#include "registry/registry_repository.hpp"
#include "reporting/reporting_repository.hpp"
#include "stats/targets.hpp"
#include "store/statement_runner.hpp"
#include "training/training_repository.hpp"
#include "work/work_repository.hpp"

namespace htx::store::sql {

// The repository interface R written over `runner`, defined by its store (work_store.cpp
// defines make_repository<work::WorkRepository>, ...); SqlDatabase makes each one.
template <typename R>
std::unique_ptr<R> make_repository(Runner& runner, Dialect dialect);
template <>
std::unique_ptr<registry::RegistryRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<audit::AuditLog> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<registry::FlowRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<stats::TargetRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<accounts::AccountRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<work::WorkRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<governance::GovernanceRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<reporting::ReportingRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<market::MarketRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<fund::FundRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<ocop::OcopRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<training::TrainingRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<advisory::AdvisoryRepository> make_repository(Runner&, Dialect);
template <>
std::unique_ptr<registry::ChangeRequestRepository> make_repository(Runner&, Dialect);

// A store: the repository interface R that it implements, over the runner and the dialect of
// its statements (a base, so that they exist before the store's Records and Query members).
template <typename R>
class Store : public R {
 public:
  Store(Runner& r, Dialect d) : r_(r), d_(d) {}

 protected:
  Runner& r_;
  Dialect d_;
};

}  // namespace htx::store::sql
