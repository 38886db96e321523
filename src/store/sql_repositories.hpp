// The repositories of every area, each written once over the statement runner
// (store/statement_runner.hpp) for both backends. Internal to src/store.
#pragma once

#include <memory>

#include "accounts/account_repository.hpp"
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

// The registry: an entity's search key is written by the caller.
std::unique_ptr<registry::RegistryRepository> make_registry_repository(Runner& runner,
                                                                       Dialect dialect);
std::unique_ptr<audit::AuditLog> make_audit_log(Runner& runner, Dialect dialect);
// The statistics' flows: a batch of deltas is one statement on PostgreSQL (arrays), one per key
// on SQLite.
std::unique_ptr<registry::FlowRepository> make_flow_repository(Runner& runner, Dialect dialect);
std::unique_ptr<stats::TargetRepository> make_target_repository(Runner& runner, Dialect dialect);
// Accounts: a user's provinces as a JSON array.
std::unique_ptr<accounts::AccountRepository> make_account_repository(Runner& runner,
                                                                     Dialect dialect);

// Work programme: units, documents (files as base64 text), tasks (cooperating units as a JSON
// array) and their notes.
std::unique_ptr<work::WorkRepository> make_work_repository(Runner& runner, Dialect dialect);
// Governance: attendee names as a JSON array.
std::unique_ptr<governance::GovernanceRepository> make_governance_repository(Runner& runner,
                                                                             Dialect dialect);
// The reporting regime: the units a form names, its indicators and a submission's values as JSON.
std::unique_ptr<reporting::ReportingRepository> make_reporting_repository(Runner& runner,
                                                                          Dialect dialect);

// The exchange: a campaign's partners, provinces and targets as JSON; committed quantities
// raised by one conditional statement.
std::unique_ptr<market::MarketRepository> make_market_repository(Runner& runner, Dialect dialect);

// The support fund: collateral as a JSON array of objects; a loan's posted ledger replaced whole.
std::unique_ptr<fund::FundRepository> make_fund_repository(Runner& runner, Dialect dialect);

// OCOP certificates: the product's folded name kept for "the same product".
std::unique_ptr<ocop::OcopRepository> make_ocop_repository(Runner& runner, Dialect dialect);
// Training: a course's lecturers as a JSON array; a session's attendance one row per person.
std::unique_ptr<training::TrainingRepository> make_training_repository(Runner& runner,
                                                                       Dialect dialect);
// Proposed changes to registry records: their [before, after] values as a JSON object.
std::unique_ptr<registry::ChangeRequestRepository> make_change_request_repository(Runner& runner,
                                                                                  Dialect dialect);

}  // namespace htx::store::sql
