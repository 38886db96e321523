// What the demo's builders share: what they are built over (DemoContext), one transaction for a
// whole demo, in which the services' own transactions nest, `must`, which takes a service's
// answer or throws (a refusal is a defect of the demo, so no inner rollback is ever needed), and
// the registry's cooperatives the demos draw on.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/transaction.hpp"
#include "registry/registry_repository.hpp"
#include "store/database.hpp"
#include "work/work_repository.hpp"

namespace htx::demo {

// What an area's demo is built over: the database (every repository, and the transaction the
// demo's steps nest in), the day it is built and the time its records are stamped with.
struct DemoContext {
  store::Database& db;
  Date today;
  std::string now;
};

// Begins and commits `real` only at the outer level; the nested begins and commits count.
class OneTransaction final : public TransactionManager {
 public:
  explicit OneTransaction(TransactionManager& real) : real_(real) {}
  void begin() override {
    if (depth_++ == 0) real_.begin();
  }
  void commit() override {
    if (--depth_ == 0) real_.commit();
  }
  void rollback() override {
    if (--depth_ == 0) real_.rollback();
  }

 private:
  TransactionManager& real_;
  int depth_ = 0;
};

// The answer's value, or an InfrastructureError naming `what` and the refusal.
template <typename T>
T must(Result<T> r, const std::string& what) {
  if (!r)
    throw InfrastructureError("demo: " + what + " refused: " + r.error().key + " (" +
                              r.error().field + ")");
  return std::move(r.value());
}

// Whether a demo of 2020–2022 over the work programme's units (each with its `.unit` code) can
// be built: from 2023 on, with every one of them recorded.
template <typename Specs>
bool units_recorded_by_2023(const DemoContext& demo, const Specs& specs) {
  if (demo.today < Date::from_ymd(2023, 1, 1).value()) return false;
  for (const auto& s : specs)
    if (!demo.db.work().find_unit_by_code(s.unit)) return false;
  return true;
}

// The registry's cooperatives of a province, at most `limit`: the active ones by registration
// code, or (active_only false) every one by founding date.
inline std::vector<registry::Entity> cooperatives_of(registry::RegistryRepository& registry,
                                                     const std::string& province, int limit,
                                                     bool active_only = true) {
  registry::ListQuery q;
  q.province_id = province;
  q.type = registry::EntityType::kCooperative;
  if (active_only) q.status = registry::EntityStatus::kActive;
  q.sort = active_only ? registry::ListQuery::Sort::kCode : registry::ListQuery::Sort::kFoundedOn;
  q.limit = limit;
  return registry.list(q);
}

}  // namespace htx::demo
