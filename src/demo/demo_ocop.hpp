// The demo's OCOP products (issue 13: "OCOP products of cooperatives in several provinces with
// stars 3–5 and a few expired certificates"): certificates of the registry's cooperatives in Hà
// Nội, Bắc Giang, Hải Dương, Thanh Hóa, Đắk Lắk and Đồng Tháp, decided from June 2021 on by the
// province (★3–★4) or the central council (★5) from their scores, taken through OcopService;
// most of those that reach their 36 months are renewed a month before, a few are left expired.
#pragma once

#include "demo/demo_support.hpp"
#include "ocop/rules.hpp"

namespace htx::demo {

struct OcopDemoSummary {
  int certificates = 0, renewals = 0;
};

// After the registry's demo, in one transaction of its own. Nothing when the registry has no
// active cooperative in those provinces or certificates exist already. Throws
// InfrastructureError if the service refuses one (a defect of the demo).
OcopDemoSummary build_ocop_demo(const DemoContext& demo, const ocop::OcopRules& rules);

}  // namespace htx::demo
