// The fund's reports as tables, for their CSV (here) and their .xlsx
// (exchange/fund_portfolio_xlsx): the portfolio as of a date (a row per fund, province, product,
// sector or purpose, then the total) and a borrower's statement of one loan (its movements with how
// each repayment was spent, and the schedule in force). Money is whole đồng, never a floating-point
// number; headings come from the catalogue ("fund.report.*").
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "fund/fund_service.hpp"

namespace htx::fund {

// A cell: empty, text, a whole number (đồng or a count) or a date.
using ReportCell = std::variant<std::monostate, std::string, std::int64_t, Date>;
// As the CSV writes it: the text, the number without separators, the date "yyyy-mm-dd".
std::string plain(const ReportCell& cell);

struct ReportSheet {
  std::string name;  // as the workbook's tab shows it
  std::vector<std::string> header;
  std::vector<double> widths;
  std::vector<std::vector<ReportCell>> rows;
};

struct ReportTable {
  std::vector<std::string> title_rows;  // what it is, of when; the portfolio's narrative
  std::vector<ReportSheet> sheets;
};

// The portfolio: one sheet, a row per key in the portfolio's order, the total last.
ReportTable portfolio_table(const Portfolio& portfolio, const i18n::Catalog& cat);
// A loan's statement: the movements (date, kind, state, amount and, for a repayment, its
// overdue interest, interest and principal), then the schedule in force (its last version).
ReportTable statement_table(const LoanView& loan, const i18n::Catalog& cat);

// One sheet as CSV (RFC 4180, CRLF, UTF-8, as market::results_csv): the header, then its rows.
void write_report_csv(std::ostream& out, const ReportSheet& sheet);
// The portfolio's sheet as CSV.
std::string portfolio_csv(const Portfolio& portfolio, const i18n::Catalog& cat);
// The statement's movements as CSV.
std::string statement_csv(const LoanView& loan, const i18n::Catalog& cat);

// The portfolio as JSON (the API and `htx fund portfolio --format json`): fund (its code, null
// for every fund in scope), from, to, by, rows and total (each with key, loans, new_loans,
// new_amount, outstanding, disbursed, collected_principal, collected_interest,
// restructured_loans, par30, par90, by_group [5], specific_provision, general_provision; đồng as
// whole numbers), restructured_borrowers and narrative.
nlohmann::json portfolio_json(const Portfolio& portfolio, const std::string& fund_code);

}  // namespace htx::fund
