// Transactions across repositories: a service opens one, calls several repositories, commits.
#pragma once

namespace htx {

class TransactionManager {
 public:
  virtual ~TransactionManager() = default;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
};

// Rolls back on scope exit unless commit() was called.
class Transaction {
 public:
  explicit Transaction(TransactionManager& m) : m_(m) { m_.begin(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!done_) {
      try {
        m_.rollback();
      } catch (...) {
      }
    }
  }
  void commit() {
    m_.commit();
    done_ = true;
  }

 private:
  TransactionManager& m_;
  bool done_ = false;
};

}  // namespace htx
