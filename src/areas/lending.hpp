// The support funds' lending of a period (core/lending_figures.hpp) from the loans, for the
// reports that state it beside the registry's figures: the statistical report (national) and
// the work review (the caller's scope). Nothing (present false) without the fund's rules, or
// for a caller who cannot read the fund.
#pragma once

#include "areas/caller.hpp"
#include "core/date.hpp"
#include "core/lending_figures.hpp"
#include "fund/rules.hpp"
#include "store/database.hpp"

namespace htx::areas {

LendingFigures lending_figures(store::Database& db, const Clock& clock,
                               const fund::FundRules* rules, const Caller& caller, Date from,
                               Date to);
// Every fund's, as the national report publishes them (totals only, no loan or borrower).
LendingFigures national_lending_figures(store::Database& db, const fund::FundRules* rules,
                                        Date from, Date to);

}  // namespace htx::areas
