// The support fund's writes and reads (issue 12): validates against the product, the registry and
// data/fund's legal parameters, writes through the FundRepository inside one transaction, posts
// the loan's ledger from its replay, and writes an audit entry for every change. Expected
// outcomes are htx::Error values with catalogue keys "fund.*" naming their field.
//
// Scope: a fund is written by a caller whose scope allows its province (the central fund has
// none: only ProvinceScope::all()); a loan or an application is read by a caller whose scope
// allows the fund's or the borrower's province. Roles are the edge's (accounts::AccessPolicy):
// the service only enforces four eyes — whoever entered a disbursement or a write-off cannot
// approve it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "audit/recording.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/scope.hpp"
#include "core/transaction.hpp"
#include "fund/classification.hpp"
#include "fund/fund.hpp"
#include "fund/fund_repository.hpp"
#include "fund/rules.hpp"
#include "registry/registry_repository.hpp"

namespace htx::fund {

// An application with its service deadline.
struct ApplicationView {
  Application application;
  Date due_by;           // received + the product's working days for its term
  bool overdue = false;  // not yet decided and past due_by (today)
};

// A loan as of a date: its records, the replay and its group.
struct LoanView {
  Loan loan;
  Fund fund;
  std::vector<Movement> movements;
  std::vector<RestructuringRecord> restructurings;
  LoanPosition position;
  Classification classification;
};

enum class PortfolioBy { kFund, kProvince, kProduct, kSector, kPurpose };
std::string_view to_code(PortfolioBy b);  // "fund", "province", "product", "sector", "purpose"
std::optional<PortfolioBy> portfolio_by_from_code(std::string_view code);

struct PortfolioQuery {
  std::optional<std::int64_t> fund_id;  // none: every fund in scope
  Date from, to;                        // the period; positions as of `to`
  PortfolioBy by = PortfolioBy::kProvince;
};

struct PortfolioRow {
  std::string key;              // the fund's code, province id, product code, sector id or purpose
  int loans = 0;                // with principal outstanding on `to`
  int new_loans = 0;            // first disbursed in the period
  std::int64_t new_amount = 0;  // disbursed in the period to those
  std::int64_t outstanding = 0, disbursed = 0, collected_principal = 0, collected_interest = 0;
  int restructured_loans = 0;
  std::int64_t par30 = 0, par90 = 0;
  std::int64_t by_group[5] = {0, 0, 0, 0, 0};  // outstanding in groups 1–5 (borrower's worst)
  std::int64_t specific_provision = 0, general_provision = 0;
};

struct Portfolio {
  PortfolioQuery query;
  std::vector<PortfolioRow> rows;  // by key
  PortfolioRow total;
  int restructured_borrowers = 0;  // distinct cooperatives restructured in the period
  // "Quỹ Hỗ trợ phát triển HTX trung ương và địa phương cho vay vốn ưu đãi N dự án, M tỷ đồng;
  //  cơ cấu lại nợ cho K HTX"
  std::string narrative;
};

// A difference between a fund's posted ledger and its loans replayed.
struct Mismatch {
  std::int64_t loan_id = 0;
  std::string account;
  std::int64_t posted = 0, replayed = 0;
};

class FundService : private audit::Recording {
 public:
  FundService(FundRepository& repo, registry::RegistryRepository& registry, audit::AuditLog& audit,
              TransactionManager& tx, const Clock& clock, const FundRules& rules)
      : Recording(audit, tx, clock), repo_(repo), registry_(registry), rules_(rules) {}

  // ---- funds and products ----
  // A unique code and a name; a provincial fund names its province, the central one none; an
  // entrusted fund names its bank.
  Result<Fund> add_fund(Fund fund, const std::string& actor, const ProvinceScope& scope);
  // The rate and late rate as contracts write them; the term within the legal maximum, the own
  // share at least the legal minimum, the overdue and late rates within Circular 39's caps, a
  // repayment order naming each part once, deadlines for each term band.
  Result<Product> add_product(Product product, const std::string& actor,
                              const ProvinceScope& scope);

  // ---- applications ----
  // The borrower an active entity of the registry (its province and sector are taken from it);
  // amount ≤ the product's limit, term ≤ its maximum, own contribution ≥ its share of the
  // project, the loan no more than the project less own contribution.
  Result<Application> apply(Application application, const std::string& actor,
                            const ProvinceScope& scope);
  Result<Application> appraise(std::int64_t application_id, Date on, const std::string& opinion,
                               std::int64_t recommended_amount, const std::string& actor,
                               const ProvinceScope& scope);
  // The credit council's decision: number, date and members; approval needs more votes for than
  // against and an amount no more than recommended.
  Result<Application> decide(std::int64_t application_id, Council council, bool approve,
                             const std::string& actor, const ProvinceScope& scope);
  // The contract makes the loan with the product's terms and the application's term.
  Result<Loan> sign_contract(std::int64_t application_id, const std::string& number, Date on,
                             int payment_day, const std::string& actor, const ProvinceScope& scope);

  // ---- money ----
  // Entered pending; approved by another user. A disbursement: on or after the contract, not in
  // the future, all disbursements within the approved amount.
  Result<Movement> enter_disbursement(std::int64_t loan_id, Date on, std::int64_t amount,
                                      const std::string& actor, const ProvinceScope& scope);
  Result<Movement> enter_write_off(std::int64_t loan_id, Date on, const std::string& note,
                                   const std::string& actor, const ProvinceScope& scope);
  Result<Movement> approve(std::int64_t movement_id, const std::string& actor,
                           const ProvinceScope& scope);
  Result<Movement> reject(std::int64_t movement_id, const std::string& note,
                          const std::string& actor, const ProvinceScope& scope);
  // A repayment takes effect when entered (the money is in the fund's account).
  Result<Movement> repay(std::int64_t loan_id, Date on, std::int64_t amount,
                         const std::string& actor, const ProvinceScope& scope);
  // A new version of the schedule from its date: reason and legal basis required; a COVID
  // relief restructuring must meet Circular 01/2020's conditions.
  Result<RestructuringRecord> restructure(std::int64_t loan_id, RestructuringRecord record,
                                          const std::string& actor, const ProvinceScope& scope);

  // ---- reads ----
  std::vector<Fund> funds(const ProvinceScope& scope);
  Result<std::vector<Product>> products(std::int64_t fund_id, const ProvinceScope& scope);
  std::vector<ApplicationView> applications(ApplicationQuery query, const ProvinceScope& scope);
  std::vector<Loan> loans(LoanQuery query, const ProvinceScope& scope);
  Result<LoanView> loan(std::int64_t loan_id, Date as_of, const ProvinceScope& scope);
  Portfolio portfolio(const PortfolioQuery& query, const ProvinceScope& scope);
  Result<std::vector<AccountBalance>> trial_balance(std::int64_t fund_id, Date as_of,
                                                    const ProvinceScope& scope);
  // Each loan's posted ledger against its replay up to its last posting: empty when they agree
  // to the đồng.
  Result<std::vector<Mismatch>> reconcile(std::int64_t fund_id, const ProvinceScope& scope);

 private:
  Result<Fund> writable_fund(std::int64_t fund_id, const ProvinceScope& scope);
  Result<Loan> readable_loan(std::int64_t loan_id, const ProvinceScope& scope);
  Result<Loan> writable_loan(std::int64_t loan_id, const ProvinceScope& scope);
  Result<Application> writable_application(std::int64_t id, const ProvinceScope& scope);
  // The loan's records with `extra` added, replayed to the later of today and its last record:
  // refused as the replay refuses them. On success the loan's state and ledger are written.
  Result<LoanPosition> post(Loan& loan, const std::vector<Movement>& movements,
                            const std::vector<RestructuringRecord>& restructurings);
  Result<bool> not_in_future(Date on, const char* field) const;
  // Inserts a new movement of `loan`, logs it as `action` and commits `tx`.
  Movement save_movement(Movement m, const Loan& loan, const char* action, const std::string& actor,
                         Transaction& tx);

  FundRepository& repo_;
  registry::RegistryRepository& registry_;
  const FundRules& rules_;
};

// The narrative's amount: "12,5 tỷ đồng" (to a tenth, half up, with a decimal comma) from one
// tỷ up, "850 triệu đồng" (to a million) under it.
std::string amount_words(std::int64_t dong);

}  // namespace htx::fund
