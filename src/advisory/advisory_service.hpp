// Advisory cases' writes and reads: validates against the registry and the work programme's units,
// writes through the AdvisoryRepository inside one transaction with an audit entry for every
// change. Refusals are htx::Error values with catalogue keys "advisory.*" naming their field.
// Scope: a case belongs to its province; the caller's scope must allow it. Roles are the area's
// (accounts::AccessPolicy).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "advisory/advisory.hpp"
#include "advisory/advisory_repository.hpp"
#include "audit/recording.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/scope.hpp"
#include "core/transaction.hpp"
#include "registry/registry_repository.hpp"
#include "work/work_repository.hpp"

namespace htx::advisory {

// An entity that may be the cooperative a case's group founded, with how well the names agree.
struct Match {
  registry::Entity entity;
  int score = 0;  // words of the group's name found in the entity's name, folded
};

// The words of a founding group's or a cooperative's name, folded, without the words every name
// has ("hợp tác xã", "htx", "tổ hợp tác", "nông nghiệp" are kept: they tell kinds apart).
std::vector<std::string> name_words(const std::string& name);

class AdvisoryService : private audit::Recording {
 public:
  AdvisoryService(AdvisoryRepository& repo, registry::RegistryRepository& registry,
                  work::WorkRepository& work, audit::AuditLog& audit, TransactionManager& tx,
                  const Clock& clock)
      : Recording(audit, tx, clock), repo_(repo), registry_(registry), work_(work) {}

  // A case: the advising unit a known one (its province the case's if it is a provincial
  // alliance, else the province given), the group's name, opened on a day not in the future.
  Result<Case> open(Case c, const std::string& actor, const ProvinceScope& scope);
  // Closed with the registry entity `entity_code` on `closed_on`: the case open; the entity known,
  // of the case's province, registered on or after the case was opened and by `closed_on`, and not
  // the outcome of another case; `closed_on` not in the future.
  Result<Case> close(std::int64_t id, const std::string& entity_code, Date closed_on,
                     const std::string& actor, const ProvinceScope& scope);
  // Dropped: the case open, a reason given, on a day not before it was opened nor in the future.
  Result<Case> drop(std::int64_t id, const std::string& reason, Date dropped_on,
                    const std::string& actor, const ProvinceScope& scope);

  Result<Case> find(std::int64_t id, const ProvinceScope& scope);
  std::vector<Case> list(CaseQuery query, const ProvinceScope& scope);
  // Entities a case may be closed with: of its province, registered since it was opened, not
  // another case's, with a word of its name; best first.
  Result<std::vector<Match>> matches(std::int64_t id, const ProvinceScope& scope);

 private:
  Result<Case> open_case(std::int64_t id, const ProvinceScope& scope);
  void record(const std::string& actor, const std::string& action, const Case& before,
              const Case& after);

  AdvisoryRepository& repo_;
  registry::RegistryRepository& registry_;
  work::WorkRepository& work_;
};

}  // namespace htx::advisory
