// The fund's portfolio and a borrower's statement (fund::portfolio_table, fund::statement_table)
// as Excel workbooks, written by the exchange's results writer (exchange/market_results_xlsx):
// the title rows, a bold frozen header with filters, money and counts as whole-number cells
// shown "#,##0" (never floating point), dates as "dd/mm/yyyy".
#pragma once

#include <ctime>
#include <string>

#include "core/i18n.hpp"
#include "fund/fund_service.hpp"
#include "fund/portfolio_csv.hpp"

namespace htx::exchange {

// Writes the table's workbook to `path` (nothing before the end). Throws
// htx::InfrastructureError when the file cannot be written.
void write_fund_xlsx(const std::string& path, const fund::ReportTable& table,
                     std::time_t created = 0);

// The workbooks' bytes. `created` (0 by default: the same figures give the same bytes) is the
// creation time written into the workbook.
std::string fund_portfolio_xlsx_bytes(const fund::Portfolio& portfolio, const i18n::Catalog& cat,
                                      std::time_t created = 0);
std::string loan_statement_xlsx_bytes(const fund::LoanView& loan, const i18n::Catalog& cat,
                                      std::time_t created = 0);

}  // namespace htx::exchange
