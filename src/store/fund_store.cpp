// The support fund (funds, products, applications, loans, movements, restructurings, the posted
// ledger) over declared tables (store/record.hpp), written once for both backends. Collateral is a
// JSON array of objects; a loan's posted ledger is replaced whole.
#include "core/error.hpp"
#include "store/record.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using namespace htx::fund;

// The collateral of an application as a JSON array of objects.
Collateral collateral_of(const nlohmann::json& c) {
  return Collateral{c.value("kind", ""), c.value("description", ""),
                    c.value("appraised_value", std::int64_t{0}), c.value("discount_percent", 0)};
}
nlohmann::json collateral_json(const Collateral& c) {
  return {{"kind", c.kind},
          {"description", c.description},
          {"appraised_value", c.appraised_value},
          {"discount_percent", c.discount_percent}};
}

// A loan's terms: a product's defaults (its own members: Terms = Product, no path), a loan's own
// and a restructuring's from its date on (their ContractTerms, the path &T::terms), in columns of
// the same names.
template <typename T, typename Terms, auto... Path>
std::vector<Column<T>> terms_columns() {
  return {coded<Code<method_from_code, Method::kEqualPrincipal>, Path..., &Terms::method>("method"),
          column<Path..., &Terms::rate>("rate"),
          coded<Code<day_count_from_code, DayCount::kActual365>, Path..., &Terms::day_count>(
              "day_count"),
          column<Path..., &Terms::principal_grace_months>("principal_grace_months"),
          column<Path..., &Terms::interest_grace_months>("interest_grace_months"),
          coded<Code<rounding_from_code, Rounding::kHalfUp>, Path..., &Terms::rounding>("rounding"),
          column<Path..., &Terms::multiple>("multiple")};
}
// When a product's or a loan's payment is overdue, its late rate and the order a repayment
// settles the buckets in.
template <typename T>
std::vector<Column<T>> late_columns() {
  return {column<&T::overdue_percent>("overdue_percent"), column<&T::late_rate>("late_rate"),
          column<&T::order>("repayment_order")};
}
// A table's columns, group after group.
template <typename T>
std::vector<Column<T>> columns(std::initializer_list<std::vector<Column<T>>> groups) {
  std::vector<Column<T>> out;
  for (const auto& g : groups) out.insert(out.end(), g.begin(), g.end());
  return out;
}

const Table<Fund> kFunds{
    "fund_fund",
    {key<&Fund::id>(), column<&Fund::code>("code"), column<&Fund::name>("name"),
     code<&Fund::level, fund_level_from_code, FundLevel::kCentral>("level"),
     column<&Fund::province_id>("province_id"), column<&Fund::unit_id>("unit_id"),
     code<&Fund::channel, channel_from_code, Channel::kDirect>("channel"),
     column<&Fund::entrusted_to>("entrusted_to"), column<&Fund::charter_capital>("charter_capital"),
     column<&Fund::capital_sources>("capital_sources")}};

const Table<Product> kProducts{
    "fund_product",
    columns<Product>(
        {{key<&Product::id>(), column<&Product::fund_id>("fund_id"), column<&Product::code>("code"),
          column<&Product::name>("name"), column<&Product::purpose>("purpose"),
          column<&Product::max_amount>("max_amount"),
          column<&Product::max_term_months>("max_term_months"),
          column<&Product::min_own_percent>("min_own_percent")},
         terms_columns<Product, Product>(),
         late_columns<Product>(),
         {column<&Product::deadline_terms>("deadline_terms"),
          column<&Product::deadline_days>("deadline_days"), column<&Product::active>("active")}})};

const Table<Application> kApplications{
    "fund_application",
    {key<&Application::id>(),
     column<&Application::fund_id>("fund_id"),
     column<&Application::product_id>("product_id"),
     column<&Application::borrower_code>("borrower_code"),
     column<&Application::borrower_name>("borrower_name"),
     column<&Application::province_id>("province_id"),
     column<&Application::sector_id>("sector_id"),
     column<&Application::amount>("amount"),
     column<&Application::term_months>("term_months"),
     column<&Application::purpose>("purpose"),
     column<&Application::total_investment>("total_investment"),
     column<&Application::own_contribution>("own_contribution"),
     coded<JsonObjects<Collateral, collateral_of, collateral_json>, &Application::collateral>(
         "collateral"),
     column<&Application::guarantee>("guarantee"),
     column<&Application::received_on>("received_on"),
     code<&Application::status, application_status_from_code, ApplicationStatus::kReceived>(
         "status"),
     column<&Application::appraised_on>("appraised_on"),
     column<&Application::appraised_by>("appraised_by"),
     column<&Application::appraisal_opinion>("appraisal_opinion"),
     column<&Application::recommended_amount>("recommended_amount"),
     column<&Application::council, &Council::decision_number>("decision_number"),
     column<&Application::council, &Council::decided_on>("decided_on"),
     column<&Application::council, &Council::members>("council_members"),
     column<&Application::council, &Council::votes_for>("votes_for"),
     column<&Application::council, &Council::votes_against>("votes_against"),
     column<&Application::council, &Council::approved_amount>("approved_amount"),
     column<&Application::council, &Council::note>("council_note"),
     column<&Application::contract_number>("contract_number"),
     column<&Application::contract_on>("contract_on"),
     column<&Application::loan_id>("loan_id"),
     column<&Application::entered_by>("entered_by"),
     column<&Application::entered_at>("entered_at")}};

const Table<Loan> kLoans{
    "fund_loan",
    columns<Loan>(
        {{key<&Loan::id>(), column<&Loan::fund_id>("fund_id"),
          column<&Loan::product_id>("product_id"), column<&Loan::application_id>("application_id"),
          column<&Loan::contract_number>("contract_number"),
          column<&Loan::contract_on>("contract_on"), column<&Loan::borrower_code>("borrower_code"),
          column<&Loan::borrower_name>("borrower_name"), column<&Loan::province_id>("province_id"),
          column<&Loan::sector_id>("sector_id"), column<&Loan::purpose>("purpose"),
          column<&Loan::approved_amount>("approved_amount"),
          column<&Loan::terms, &ContractTerms::term_months>("term_months")},
         terms_columns<Loan, ContractTerms, &Loan::terms>(),
         {column<&Loan::payment_day>("payment_day")},
         late_columns<Loan>(),
         {column<&Loan::discounted_collateral>("discounted_collateral"),
          code<&Loan::state, loan_state_from_code, LoanState::kActive>("state")}})};

const Table<Movement> kMovements{
    "fund_movement",
    {key<&Movement::id>(), column<&Movement::loan_id>("loan_id"),
     code<&Movement::kind, movement_kind_from_code, MovementKind::kRepayment>("kind"),
     column<&Movement::on>("on_date"), column<&Movement::amount>("amount"),
     code<&Movement::state, movement_state_from_code, MovementState::kPending>("state"),
     column<&Movement::note>("note"), column<&Movement::entered_by>("entered_by"),
     column<&Movement::entered_at>("entered_at"), column<&Movement::approved_by>("approved_by"),
     column<&Movement::approved_at>("approved_at")}};

const Table<RestructuringRecord> kRestructurings{
    "fund_restructuring",
    columns<RestructuringRecord>(
        {{key<&RestructuringRecord::id>(), column<&RestructuringRecord::loan_id>("loan_id"),
          column<&RestructuringRecord::version>("version"),
          column<&RestructuringRecord::on>("on_date"),
          column<&RestructuringRecord::terms, &ContractTerms::term_months>("term_months")},
         terms_columns<RestructuringRecord, ContractTerms, &RestructuringRecord::terms>(),
         {column<&RestructuringRecord::interest_waived>("interest_waived"),
          column<&RestructuringRecord::covid_relief>("covid_relief"),
          column<&RestructuringRecord::reason>("reason"),
          column<&RestructuringRecord::legal_basis>("legal_basis"),
          column<&RestructuringRecord::entered_by>("entered_by"),
          column<&RestructuringRecord::entered_at>("entered_at")}})};

const Table<PostedEntry> kLedger{
    "fund_ledger",
    {key<&PostedEntry::id>(), column<&PostedEntry::fund_id>("fund_id"),
     column<&PostedEntry::loan_id>("loan_id"), column<&PostedEntry::on>("on_date"),
     column<&PostedEntry::debit>("debit"), column<&PostedEntry::credit>("credit"),
     column<&PostedEntry::amount>("amount"), column<&PostedEntry::memo>("memo")}};

struct Balance {
  std::string account;
  std::int64_t balance = 0;
};
const Table<Balance> kBalances{
    "fund_ledger", {column<&Balance::account>("account"), column<&Balance::balance>("balance")}};

// The loans of a query: $1 fund, $2 borrower, $3 provinces (a JSON array), $4 state.
std::string loan_filter(Dialect d, std::string_view id_column) {
  return std::string(id_column) + " IN (SELECT id FROM fund_loan WHERE " +
         optional_filters({"fund_id = CAST($ AS BIGINT)", "borrower_code = $",
                           in_json_list("province_id", d), "state = $"}) +
         ")";
}
Params loan_params(const LoanQuery& q) {
  return {any_or(q.fund_id), any_or(q.borrower_code), provinces_or_any(q.province_ids),
          any_or(q.state)};
}

class FundStore final : public Store<FundRepository> {
 public:
  using Store::Store;

  HTX_STORE_CODED_RECORDS(Fund, fund, funds, funds_);
  void update_fund(const Fund& f) override { funds_.update(f); }

  HTX_STORE_RECORDS(Product, product, products_);
  std::optional<Product> find_product_by_code(std::int64_t fund_id,
                                              const std::string& code) override {
    return product_by_code_.first({p(fund_id), p(code)});
  }
  std::vector<Product> products_of(std::int64_t fund_id) override {
    return products_of_.all({p(fund_id)});
  }

  HTX_STORE_RECORDS(Application, application, applications_);
  std::vector<Application> list_applications(const ApplicationQuery& q) override {
    return applications_by_filter_.all({any_or(q.fund_id), any_or(q.status),
                                        any_or(q.borrower_code), provinces_or_any(q.province_ids)});
  }

  HTX_STORE_RECORDS(Loan, loan, loans_);
  std::optional<Loan> find_loan_by_contract(std::int64_t fund_id,
                                            const std::string& number) override {
    return loan_by_contract_.first({p(fund_id), p(number)});
  }
  std::vector<Loan> list_loans(const LoanQuery& q) override {
    return loans_by_filter_.all(loan_params(q));
  }

  HTX_STORE_RECORDS(Movement, movement, movements_);
  std::vector<Movement> movements_of(std::int64_t loan_id) override {
    return movements_of_.all({p(loan_id)});
  }
  std::vector<Movement> movements_of_loans(const LoanQuery& q) override {
    return movements_of_loans_.all(loan_params(q));
  }

  std::int64_t insert_restructuring(const RestructuringRecord& x) override {
    return restructurings_.insert(x);
  }
  std::vector<RestructuringRecord> restructurings_of(std::int64_t loan_id) override {
    return restructurings_of_.all({p(loan_id)});
  }
  std::vector<RestructuringRecord> restructurings_of_loans(const LoanQuery& q) override {
    return restructurings_of_loans_.all(loan_params(q));
  }

  void replace_ledger(std::int64_t loan_id, const std::vector<PostedEntry>& entries) override {
    r_.query(delete_ledger_, 0, {p(loan_id)});
    for (const auto& e : entries) ledger_.insert(e);
  }
  std::vector<PostedEntry> ledger_of(std::int64_t loan_id) override {
    return ledger_of_.all({p(loan_id)});
  }
  std::vector<AccountBalance> trial_balance(std::int64_t fund_id, Date as_of) override {
    std::vector<AccountBalance> out;
    for (auto& b : balances_.all({p(fund_id), p(as_of)})) out.push_back({b.account, b.balance});
    return out;
  }

 private:
  const CodedRecords<Fund> funds_{r_, d_, kFunds, "level, code"};

  const Records<Product> products_{r_, d_, kProducts};
  const Query<Product> product_by_code_ = products_.select("WHERE fund_id = $1 AND code = $2");
  const Query<Product> products_of_ = products_.select("WHERE fund_id = $1 ORDER BY code");

  const Records<Application> applications_{r_, d_, kApplications};
  const Query<Application> applications_by_filter_ = applications_.select(
      "WHERE " +
      optional_filters({"fund_id = CAST($ AS BIGINT)", "status = $", "borrower_code = $",
                        in_json_list("province_id", d_)}) +
      " ORDER BY received_on, id");

  const Records<Loan> loans_{r_, d_, kLoans};
  const Query<Loan> loan_by_contract_ =
      loans_.select("WHERE fund_id = $1 AND contract_number = $2");
  const Query<Loan> loans_by_filter_ =
      loans_.select("WHERE " + loan_filter(d_, "id") + " ORDER BY contract_on, id");

  const Records<Movement> movements_{r_, d_, kMovements};
  const Query<Movement> movements_of_ =
      movements_.select("WHERE loan_id = $1 ORDER BY on_date, id");
  const Query<Movement> movements_of_loans_ =
      movements_.select("WHERE " + loan_filter(d_, "loan_id") + " ORDER BY loan_id, on_date, id");

  const Records<RestructuringRecord> restructurings_{r_, d_, kRestructurings};
  const Query<RestructuringRecord> restructurings_of_ =
      restructurings_.select("WHERE loan_id = $1 ORDER BY on_date, id");
  const Query<RestructuringRecord> restructurings_of_loans_ = restructurings_.select(
      "WHERE " + loan_filter(d_, "loan_id") + " ORDER BY loan_id, on_date, id");

  const Records<PostedEntry> ledger_{r_, d_, kLedger};
  const Query<PostedEntry> ledger_of_ = ledger_.select("WHERE loan_id = $1 ORDER BY on_date, id");
  const std::string delete_ledger_ = translate("DELETE FROM fund_ledger WHERE loan_id = $1", d_);
  // Each account's Σ debit − Σ credit: the debits and the credits as one list of signed lines.
  const Query<Balance> balances_{r_, kBalances,
                                 translate("SELECT account, sum(amount) FROM ("
                                           "SELECT debit AS account, amount FROM fund_ledger "
                                           "WHERE fund_id = $1 AND on_date <= $2::date "
                                           "UNION ALL SELECT credit, -amount FROM fund_ledger "
                                           "WHERE fund_id = $1 AND on_date <= $2::date) lines "
                                           "GROUP BY account ORDER BY account",
                                           d_)};
};

}  // namespace

HTX_STORE_OF(fund::FundRepository, FundStore)

}  // namespace htx::store::sql
