// The demo's work programme: the VCA's units, the documents and tasks of seed 000 (the review
// of February 2021 with the March plan, work carried over from 2018) and the 2021 programme of
// seed 002 (149 major work items done on time), written as individual task records.
#pragma once

#include <string>

#include "audit/audit_log.hpp"
#include "core/date.hpp"
#include "work/work_repository.hpp"

namespace htx::demo {

struct WorkDemoSummary {
  int units = 0, documents = 0, tasks = 0;
};

// Writes through the repository inside the caller's transaction (the demo's), with one audit
// entry for the batch. Tasks completed after `today` are left open.
WorkDemoSummary build_work_demo(work::WorkRepository& repo, audit::AuditLog& audit, Date today,
                                const std::string& actor, const std::string& now);

}  // namespace htx::demo
