// The support fund as the pages, the JSON API and the command line all use it (issue 12): the
// service built over the request's database and data/fund's rules, the caller's role checked
// (fund staff write, fund approvers and admin decide and approve, national roles and provincial
// staff read in their scope, a cooperative's account applies for itself and reads its own
// loans), codes resolved (a fund by code, a product by code within it), and the requests' fields
// read once into the service's inputs, every refusal naming its field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "areas/caller.hpp"
#include "areas/fields.hpp"
#include "fund/fund_service.hpp"
#include "store/database.hpp"

namespace htx::areas {

class FundArea {
 public:
  FundArea(store::Database& db, const Clock& clock, const fund::FundRules& rules, Caller caller);

  const Caller& caller() const { return caller_; }
  bool can_read() const;     // fund roles, national roles, provincial staff, borrowers (own)
  bool can_write() const;    // fund staff, fund approvers, admin
  bool can_approve() const;  // fund approvers, admin
  bool is_borrower() const;  // a cooperative's own account

  // ---- reads ----
  std::vector<fund::Fund> funds();
  Result<fund::Fund> fund(const std::string& code);
  Result<std::vector<fund::Product>> products(const std::string& fund_code);
  // Filters: fund (code), status (an application status code), borrower (code).
  Result<std::vector<fund::ApplicationView>> applications(const Fields& filter);
  Result<fund::Application> application(std::int64_t id);
  // Filters: fund (code), borrower (code), state (active, closed, written_off).
  Result<std::vector<fund::Loan>> loans(const Fields& filter);
  // As of `as_of` ("" = today).
  Result<fund::LoanView> loan(std::int64_t id, const std::string& as_of);
  // fund (code, "" = all in scope), period ("Quý I/2020", "2020", "6 tháng đầu năm 2021"…) or
  // from and to, by (fund, province, product, sector, purpose; default province).
  Result<fund::Portfolio> portfolio(const Fields& query);
  Result<std::vector<fund::AccountBalance>> trial_balance(const std::string& fund_code,
                                                          const std::string& as_of);
  Result<std::vector<fund::Mismatch>> reconcile(const std::string& fund_code);

  // ---- writes ----
  // code, name, level (central|provincial), province, channel (direct|entrusted), entrusted_to,
  // charter_capital, capital_sources (one a line).
  Result<fund::Fund> add_fund(const Fields& f);
  // fund, code, name, purpose, max_amount, max_term_months, min_own_percent, method, rate,
  // day_count, principal_grace_months, interest_grace_months, rounding, multiple,
  // overdue_percent, late_rate, order (codes, comma separated), deadline_terms, deadline_days
  // (numbers, comma separated).
  Result<fund::Product> add_product(const Fields& f);
  // fund, product, borrower (a cooperative's account: its own), amount, term_months, purpose,
  // total_investment, own_contribution, guarantee, received_on, collateral (one a line:
  // "kind; description; appraised value; discount %").
  Result<fund::Application> apply(const Fields& f);
  // appraised_on, opinion, recommended_amount.
  Result<fund::Application> appraise(std::int64_t id, const Fields& f);
  // decision_number, decided_on, members (one a line), votes_for, votes_against,
  // approved_amount, note; approve = "1" or "0".
  Result<fund::Application> decide(std::int64_t id, const Fields& f);
  // contract_number, contract_on, payment_day.
  Result<fund::Loan> sign_contract(std::int64_t id, const Fields& f);
  // on, amount.
  Result<fund::Movement> disburse(std::int64_t loan_id, const Fields& f);
  Result<fund::Movement> repay(std::int64_t loan_id, const Fields& f);
  // on, note.
  Result<fund::Movement> write_off(std::int64_t loan_id, const Fields& f);
  Result<fund::Movement> approve(std::int64_t movement_id);
  // note.
  Result<fund::Movement> reject(std::int64_t movement_id, const Fields& f);
  // on, method, rate, day_count, term_months, principal_grace_months, interest_grace_months,
  // rounding, multiple, interest_waived, covid_relief ("1"), reason, legal_basis.
  Result<fund::RestructuringRecord> restructure(std::int64_t loan_id, const Fields& f);

 private:
  Result<bool> must_write() const;
  // A movement's date (today when empty) and amount, for a writer.
  struct Money {
    Date on;
    std::int64_t amount = 0;
  };
  Result<Money> money_fields(const Fields& f) const;
  Result<bool> must_approve() const;
  Result<std::optional<std::int64_t>> fund_id(const std::string& code, const std::string& field);
  Result<fund::Loan> own_loan(std::int64_t id);

  store::Database& db_;
  const Clock& clock_;
  Caller caller_;
  fund::FundService service_;
};

}  // namespace htx::areas
