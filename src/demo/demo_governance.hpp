// The demo's governance (seeds 001 and 002): Bắc Giang's alliance with its bodies and term VI,
// the 3rd meeting of its standing committee (BTV) approving the 10-month report and two draft
// working regulations for the BCH and admitting 14 registry cooperatives in batch 2/2021; and the
// VCA's awards for 2021 (13 collectives, 16 individuals) with their decision. Every figure is
// a count of records written here.
#pragma once

#include <string>

#include "audit/audit_log.hpp"
#include "core/date.hpp"
#include "governance/governance_repository.hpp"
#include "registry/registry_repository.hpp"
#include "work/work_repository.hpp"

namespace htx::demo {

struct GovernanceDemoSummary {
  int meetings = 0, admitted = 0, collectives = 0, individuals = 0;
};

// Writes through the repositories inside the caller's transaction (the demo's, after the
// registry and the work programme: it uses their units "LMHTXVN" and "LMHTX-24" and Bắc Giang's
// registry records), with one audit entry for the batch. Nothing dated after `today`.
GovernanceDemoSummary build_governance_demo(governance::GovernanceRepository& repo,
                                            work::WorkRepository& work,
                                            registry::RegistryRepository& registry,
                                            audit::AuditLog& audit, Date today,
                                            const std::string& actor, const std::string& now);

}  // namespace htx::demo
