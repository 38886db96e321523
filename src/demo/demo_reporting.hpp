// The demo's reporting regime (seed 002: "một số ban chưa chấp hành nghiêm chế độ thông tin, báo
// cáo"): the provincial alliances' monthly report and the departments' monthly progress report,
// and a submission for every month of 2021 from each of the demo's provincial alliances and
// departments, deterministic, with a few late and a few missing ones.
#pragma once

#include <string>

#include "audit/audit_log.hpp"
#include "core/date.hpp"
#include "reporting/reporting_repository.hpp"
#include "work/work_repository.hpp"

namespace htx::demo {

struct ReportingDemoSummary {
  int forms = 0, submissions = 0;
};

// Writes through the repositories inside the caller's transaction (the demo's), after the work
// programme's units (demo_work.hpp), with one audit entry for the batch. Nothing is submitted
// after `today`.
ReportingDemoSummary build_reporting_demo(reporting::ReportingRepository& repo,
                                          work::WorkRepository& work, audit::AuditLog& audit,
                                          Date today, const std::string& actor,
                                          const std::string& now);

}  // namespace htx::demo
