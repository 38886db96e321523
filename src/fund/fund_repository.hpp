// Storage of the support fund (funds, products, applications, loans, movements, restructurings,
// the posted ledger), implemented once over the statement runner (src/store/fund_store.cpp) and
// checked by one contract suite on both backends (tests/store/fund_contract_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/repository.hpp"
#include "fund/fund.hpp"

namespace htx::fund {

struct ApplicationQuery {
  std::optional<std::int64_t> fund_id;
  std::optional<ApplicationStatus> status;
  std::optional<std::string> borrower_code;
  std::optional<std::vector<std::string>> province_ids;  // none: any province
};

struct LoanQuery {
  std::optional<std::int64_t> fund_id;
  std::optional<std::string> borrower_code;
  std::optional<std::vector<std::string>> province_ids;  // none: any province
  std::optional<LoanState> state;
};

// A ledger's account balance (Σ debit − Σ credit) up to a date.
struct AccountBalance {
  std::string account;
  std::int64_t balance = 0;
};

class FundRepository {
 public:
  virtual ~FundRepository() = default;

  // Funds: the code is unique.
  HTX_CODED_RECORDS(Fund, fund, funds);  // listed central first, then by code
  virtual void update_fund(const Fund& fund) = 0;

  // Products: (fund, code) is unique.
  HTX_RECORDS(Product, product);
  virtual std::optional<Product> find_product_by_code(std::int64_t fund_id,
                                                      const std::string& code) = 0;
  virtual std::vector<Product> products_of(std::int64_t fund_id) = 0;  // by code

  HTX_RECORDS(Application, application);
  // By received date, then id.
  virtual std::vector<Application> list_applications(const ApplicationQuery& query) = 0;

  // Loans: the contract number is unique within a fund.
  HTX_RECORDS(Loan, loan);
  virtual std::optional<Loan> find_loan_by_contract(std::int64_t fund_id,
                                                    const std::string& contract_number) = 0;
  virtual std::vector<Loan> list_loans(const LoanQuery& query) = 0;  // by contract date, then id

  HTX_RECORDS(Movement, movement);
  virtual std::vector<Movement> movements_of(std::int64_t loan_id) = 0;  // by date, then id
  // Every movement of the loans of a query, for portfolio reports: by loan, date, id.
  virtual std::vector<Movement> movements_of_loans(const LoanQuery& query) = 0;

  virtual std::int64_t insert_restructuring(const RestructuringRecord& record) = 0;
  virtual std::vector<RestructuringRecord> restructurings_of(std::int64_t loan_id) = 0;  // by date
  virtual std::vector<RestructuringRecord> restructurings_of_loans(const LoanQuery& query) = 0;

  // The loan's posted ledger is replaced by `entries` (the replay's, up to its last movement).
  virtual void replace_ledger(std::int64_t loan_id, const std::vector<PostedEntry>& entries) = 0;
  virtual std::vector<PostedEntry> ledger_of(std::int64_t loan_id) = 0;  // by date, then id
  // A fund's trial balance as of a date: each account with entries, by account.
  virtual std::vector<AccountBalance> trial_balance(std::int64_t fund_id, Date as_of) = 0;
};

}  // namespace htx::fund
