// The demo's advisory cases (issue 13 item 2; seed 001: Bắc Giang's alliance "completed the target
// of advising on founding cooperatives, the target of admitting members and the training plan"):
// cases of 2020–2022 opened by the alliances of Bắc Giang, Hà Nội and Hải Dương for founding
// groups, most closed with the cooperative of the demo registry they became (registered in the
// case's province after it was opened), some still open, one dropped; and Bắc Giang's 2021 targets
// for advice, admissions and trainees set within what the records count, so that it completes all
// four (founding's is the registry demo's).
#pragma once

#include "demo/demo_support.hpp"

namespace htx::demo {

struct AdvisoryDemoSummary {
  int cases = 0, closed = 0, open = 0, dropped = 0, targets = 0;
};

// After the registry's, the work programme's, governance's and training's demos. Nothing when
// `today` is before 2023, the alliances are missing or cases exist. Throws InfrastructureError
// if the service refuses a step (a defect of the demo).
AdvisoryDemoSummary build_advisory_demo(const DemoContext& demo);

}  // namespace htx::demo
