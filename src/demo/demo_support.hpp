// What the demo's builders share: one transaction for a whole demo, in which the services' own
// transactions nest, and `must`, which takes a service's answer or throws (a refusal is a defect
// of the demo, so no inner rollback is ever needed).
#pragma once

#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/transaction.hpp"

namespace htx::demo {

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

}  // namespace htx::demo
