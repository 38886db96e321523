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
#include "store/record.hpp"
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

// The store of an interface R of one record type T (a RecordRepository<T>): insert and find over
// the records of `table`, whose queries the store's own members make with records_.select().
template <typename R, typename T>
class RecordStore : public Store<R> {
 public:
  RecordStore(Runner& r, Dialect d, const Table<T>& table)
      : Store<R>(r, d), records_(r, d, table) {}

  std::int64_t insert(const T& record) override { return records_.insert(record); }
  std::optional<T> find(std::int64_t id) override { return records_.find(id); }

 protected:
  const Records<T> records_;
};

// The same for an EditableRepository<T>: and update.
template <typename R, typename T>
class EditableStore : public RecordStore<R, T> {
 public:
  using RecordStore<R, T>::RecordStore;

  void update(const T& record) override { this->records_.update(record); }
};

}  // namespace htx::store::sql

// In a store, the methods that its interface declares with HTX_KEPT_RECORDS(T, name)
// (core/repository.hpp), over its Records<T> member `records`.
#define HTX_STORE_KEPT_RECORDS(T, name, records)                                          \
  std::int64_t insert_##name(const T& record) override { return records.insert(record); } \
  std::optional<T> find_##name(std::int64_t id) override { return records.find(id); }

// ... and those of HTX_RECORDS(T, name).
#define HTX_STORE_RECORDS(T, name, records) \
  HTX_STORE_KEPT_RECORDS(T, name, records)  \
  void update_##name(const T& record) override { records.update(record); }

// ... and those of HTX_CODED_RECORDS(T, name, plural), over CodedRecords<T> `records`.
#define HTX_STORE_CODED_RECORDS(T, name, plural, records)                  \
  HTX_STORE_KEPT_RECORDS(T, name, records)                                 \
  std::optional<T> find_##name##_by_code(std::string_view code) override { \
    return records.find_by_code(code);                                     \
  }                                                                        \
  std::vector<T> list_##plural() override { return records.all(); }

// make_repository<R> (above) as a new S, at the end of S's store file.
#define HTX_STORE_OF(R, S)                                              \
  template <>                                                           \
  std::unique_ptr<R> make_repository(Runner& runner, Dialect dialect) { \
    return std::make_unique<S>(runner, dialect);                        \
  }
