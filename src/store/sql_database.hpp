// What both backends share: every repository, built once over the backend's statement runner.
// A backend keeps only what differs: its connection, transactions, runner and migration locking.
#pragma once

#include <memory>

#include "registry/change_request_repository.hpp"
#include "store/database.hpp"
#include "store/statement_runner.hpp"
#include "training/training_repository.hpp"

namespace htx::store::sql {

class SqlDatabase : public Database {
 public:
  registry::RegistryRepository& registry() override { return *registry_; }
  audit::AuditLog& audit() override { return *audit_; }
  registry::FlowRepository& flows() override { return *flows_; }
  stats::TargetRepository& targets() override { return *targets_; }
  accounts::AccountRepository& accounts() override { return *accounts_; }
  work::WorkRepository& work() override { return *work_; }
  governance::GovernanceRepository& governance() override { return *governance_; }
  reporting::ReportingRepository& reporting() override { return *reporting_; }
  market::MarketRepository& market() override { return *market_; }
  fund::FundRepository& fund() override { return *fund_; }
  ocop::OcopRepository& ocop() override { return *ocop_; }
  training::TrainingRepository& training() override { return *training_; }
  registry::ChangeRequestRepository& change_requests() override { return *change_requests_; }
  int schema_version() override;

 protected:
  // Builds the repositories over `runner`, which must outlive them: called by the backend's
  // constructor once its runner exists.
  void attach(Runner& runner, Dialect dialect);

 private:
  Runner* runner_ = nullptr;
  std::unique_ptr<registry::RegistryRepository> registry_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<registry::FlowRepository> flows_;
  std::unique_ptr<stats::TargetRepository> targets_;
  std::unique_ptr<accounts::AccountRepository> accounts_;
  std::unique_ptr<work::WorkRepository> work_;
  std::unique_ptr<governance::GovernanceRepository> governance_;
  std::unique_ptr<reporting::ReportingRepository> reporting_;
  std::unique_ptr<market::MarketRepository> market_;
  std::unique_ptr<fund::FundRepository> fund_;
  std::unique_ptr<ocop::OcopRepository> ocop_;
  std::unique_ptr<training::TrainingRepository> training_;
  std::unique_ptr<registry::ChangeRequestRepository> change_requests_;
};

}  // namespace htx::store::sql
