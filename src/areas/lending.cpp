#include "areas/lending.hpp"

#include "fund/fund_service.hpp"

namespace htx::areas {

namespace {

LendingFigures figures(store::Database& db, const Clock& clock, const fund::FundRules& rules,
                       const ProvinceScope& scope, Date from, Date to) {
  LendingFigures out;
  fund::FundService service(db.fund(), db.registry(), db.audit(), db, clock, rules);
  fund::PortfolioQuery query;
  query.from = from;
  query.to = to;
  query.by = fund::PortfolioBy::kFund;
  auto p = service.portfolio(query, scope);
  out.present = true;
  out.new_loans = p.total.new_loans;
  out.new_amount = p.total.new_amount;
  out.restructured_borrowers = p.restructured_borrowers;
  return out;
}

}  // namespace

LendingFigures lending_figures(store::Database& db, const Clock& clock,
                               const fund::FundRules* rules, const Caller& caller, Date from,
                               Date to) {
  if (!rules || !accounts::AccessPolicy::can_read_fund(caller.principal)) return {};
  return figures(db, clock, *rules, caller.scope, from, to);
}

LendingFigures national_lending_figures(store::Database& db, const fund::FundRules* rules,
                                        Date from, Date to) {
  if (!rules) return {};
  return figures(db, default_clock(), *rules, ProvinceScope::all(), from, to);
}

}  // namespace htx::areas
