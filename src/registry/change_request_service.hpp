// Proposed changes to a registry record: a proposal is checked (only the proposable fields,
// values the registry accepts, something new, one pending proposal per entity) and stored
// pending; a decision closes it once — approval applies the change as a registry event
// (RegistryService's amendment path, kCorrected, effective today) in the same transaction,
// rejection needs a reason and changes nothing else. Whoever proposed a change never decides
// it. Each write is one transaction with an audit entry. Who may propose or decide (the
// cooperative's own account; the province's staff) is the area's check (areas::ProfileArea).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "audit/recording.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/transaction.hpp"
#include "registry/change_request.hpp"
#include "registry/change_request_repository.hpp"
#include "registry/registry_service.hpp"

namespace htx::registry {

class ChangeRequestService : private audit::Recording {
 public:
  ChangeRequestService(ChangeRequestRepository& repo, RegistryService& registry,
                       RegistryRepository& entities, audit::AuditLog& audit, TransactionManager& tx,
                       const Clock& clock)
      : Recording(audit, tx, clock), repo_(repo), registry_(registry), entities_(entities) {}

  // `values`: proposable field -> its new value as a form writes it ("" = unchanged). Invalid on
  // a field that is not proposable ("registry.change.not_proposable"), cannot be read, or that
  // the registry refuses; on "changes" when nothing differs ("registry.change.nothing"); a
  // conflict when the entity has a pending proposal ("registry.change.pending").
  Result<ChangeRequest> propose(std::string_view code,
                                const std::map<std::string, std::string>& values,
                                const std::string& note, const std::string& actor);
  // Not found; a conflict when already decided ("registry.change.decided") or when the record
  // changed since in a proposed field ("registry.change.stale"); forbidden on "decided_by" for
  // its proposer ("registry.change.own_decision"); a rejection without a reason is invalid on
  // "reason".
  Result<ChangeRequest> approve(std::int64_t id, const std::string& actor, const std::string& note);
  Result<ChangeRequest> reject(std::int64_t id, const std::string& actor,
                               const std::string& reason);

  std::optional<ChangeRequest> find(std::int64_t id) { return repo_.find(id); }
  std::vector<ChangeRequest> list(const ChangeRequestQuery& q) { return repo_.list(q); }

 private:
  Result<ChangeRequest> decidable(std::int64_t id, const std::string& actor);
  void audit(const std::string& action, const ChangeRequest& before, const ChangeRequest& after,
             const std::string& actor);

  ChangeRequestRepository& repo_;
  RegistryService& registry_;
  RegistryRepository& entities_;
};

}  // namespace htx::registry
