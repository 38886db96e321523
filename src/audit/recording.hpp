// What every service that writes holds: the audit log, the transactions and the clock that dates
// the log's entries. A service derives from it (privately) and logs each write with log().
#pragma once

#include <string>

#include "audit/audit_log.hpp"
#include "core/date.hpp"
#include "core/transaction.hpp"

namespace htx::audit {

class Recording {
 protected:
  Recording(AuditLog& audit, TransactionManager& tx, const Clock& clock)
      : audit_(audit), tx_(tx), clock_(clock) {}

  // One entry of the audit log, dated now.
  void log(const std::string& action, const std::string& type, const std::string& key,
           const std::string& before, const std::string& after, const std::string& actor) {
    audit_.append({0, clock_.now_iso(), actor, action, type, key, before, after});
  }

  AuditLog& audit_;
  TransactionManager& tx_;
  const Clock& clock_;
};

}  // namespace htx::audit
