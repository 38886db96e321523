// The demo's training (issue 13; seed 001: Bắc Giang's alliance "completed … the training plan";
// seed 004: "organised training courses for cooperative staff"): yearly plans for 2020–2022 of the
// VCA and the alliances of Hà Nội, Bắc Giang and Hải Dương, their courses (đào tạo, bồi dưỡng,
// tập huấn) with four sessions each, people of the provinces' cooperatives enrolled and marked
// session by session through TrainingService, and the certificates of those who completed —
// Bắc Giang's courses of 2021 completing its plan's trainee target (50: 64 completions of 54
// people, ten of them in both courses).
#pragma once

#include "demo/demo_support.hpp"
#include "training/rules.hpp"

namespace htx::demo {

struct TrainingDemoSummary {
  int plans = 0, courses = 0, trainees = 0, enrolments = 0, certificates = 0;
};

// After the work programme's demo (its units organise the courses) and the registry's (its
// cooperatives send the people). Nothing when `today` is before 2023, the units are missing or
// courses exist. Throws InfrastructureError if the service refuses a step (a defect of the demo).
TrainingDemoSummary build_training_demo(const DemoContext& demo,
                                        const training::TrainingRules& rules);

}  // namespace htx::demo
