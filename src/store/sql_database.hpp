// What both backends share: every repository, built once over the backend's statement runner.
// A backend keeps only what differs: its connection, transactions, runner and migration locking.
#pragma once

#include <memory>
#include <tuple>

#include "advisory/advisory_repository.hpp"
#include "registry/change_request_repository.hpp"
#include "store/database.hpp"
#include "store/statement_runner.hpp"
#include "training/training_repository.hpp"

namespace htx::store::sql {

class SqlDatabase : public Database {
 public:
  registry::RegistryRepository& registry() override { return get<registry::RegistryRepository>(); }
  audit::AuditLog& audit() override { return get<audit::AuditLog>(); }
  registry::FlowRepository& flows() override { return get<registry::FlowRepository>(); }
  stats::TargetRepository& targets() override { return get<stats::TargetRepository>(); }
  accounts::AccountRepository& accounts() override { return get<accounts::AccountRepository>(); }
  work::WorkRepository& work() override { return get<work::WorkRepository>(); }
  governance::GovernanceRepository& governance() override {
    return get<governance::GovernanceRepository>();
  }
  reporting::ReportingRepository& reporting() override {
    return get<reporting::ReportingRepository>();
  }
  market::MarketRepository& market() override { return get<market::MarketRepository>(); }
  fund::FundRepository& fund() override { return get<fund::FundRepository>(); }
  ocop::OcopRepository& ocop() override { return get<ocop::OcopRepository>(); }
  training::TrainingRepository& training() override { return get<training::TrainingRepository>(); }
  advisory::AdvisoryRepository& advisory() override { return get<advisory::AdvisoryRepository>(); }
  registry::ChangeRequestRepository& change_requests() override {
    return get<registry::ChangeRequestRepository>();
  }
  int schema_version() override;

 protected:
  // Builds the repositories over `runner`, which must outlive them: called by the backend's
  // constructor once its runner exists.
  void attach(Runner& runner, Dialect dialect);

 private:
  template <typename R>
  R& get() {
    return *std::get<std::unique_ptr<R>>(repositories_);
  }

  Runner* runner_ = nullptr;
  // One of each, made by make_repository<R> (store/sql_repositories.hpp).
  std::tuple<std::unique_ptr<registry::RegistryRepository>, std::unique_ptr<audit::AuditLog>,
             std::unique_ptr<registry::FlowRepository>, std::unique_ptr<stats::TargetRepository>,
             std::unique_ptr<accounts::AccountRepository>, std::unique_ptr<work::WorkRepository>,
             std::unique_ptr<governance::GovernanceRepository>,
             std::unique_ptr<reporting::ReportingRepository>,
             std::unique_ptr<market::MarketRepository>, std::unique_ptr<fund::FundRepository>,
             std::unique_ptr<ocop::OcopRepository>, std::unique_ptr<training::TrainingRepository>,
             std::unique_ptr<advisory::AdvisoryRepository>,
             std::unique_ptr<registry::ChangeRequestRepository>>
      repositories_;
};

}  // namespace htx::store::sql
