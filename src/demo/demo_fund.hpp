// The demo's support funds (issue 12; seed 003: "in the first quarter of 2020 the central and
// local Cooperative Development Support Funds lent preferential loans and restructured loan debt
// for cooperatives"): the central fund and the funds of Hà Nội, Bắc Giang and Hải Dương, their
// products, and loans from 2017 to 2022 taken through FundService as the funds' staff do —
// application, appraisal, the credit council, the contract, disbursements approved by a second
// user, monthly repayments — with a few loans that stopped paying (one in each debt group on
// 31/12/2022) and the COVID restructurings of the first quarter of 2020, so that the portfolio
// for Quý I/2020 states from the loans how many were lent and how many restructured.
#pragma once

#include "demo/demo_support.hpp"
#include "fund/rules.hpp"

namespace htx::demo {

struct FundDemoSummary {
  int funds = 0, products = 0, loans = 0, repayments = 0, restructurings = 0;
};

// After the registry's demo (its borrowers are the registry's cooperatives of those provinces),
// in one transaction of its own. Nothing when `today` is before 2023 or the registry has no
// active cooperative in Hà Nội. Throws InfrastructureError if the service refuses a step (a
// defect of the demo).
FundDemoSummary build_fund_demo(const DemoContext& demo, const fund::FundRules& rules);

}  // namespace htx::demo
