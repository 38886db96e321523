#include "exchange/fund_portfolio_xlsx.hpp"

#include "exchange/market_results_xlsx.hpp"

namespace htx::exchange {

namespace {

struct CellOf {
  market::ResultsCell operator()(std::monostate) const { return market::ResultsCell::empty(); }
  market::ResultsCell operator()(const std::string& text) const {
    return market::ResultsCell::of_text(text);
  }
  market::ResultsCell operator()(std::int64_t n) const {
    return market::ResultsCell::of_integer(n);
  }
  market::ResultsCell operator()(Date d) const {
    return market::ResultsCell::of_text(d.vietnamese());
  }
};

// The fund's table in the shape the results writer takes.
market::ResultsTable results_of(const fund::ReportTable& table) {
  market::ResultsTable out;
  out.title_rows = table.title_rows;
  for (const auto& sheet : table.sheets) {
    market::ResultsSheet s{"", sheet.name, sheet.header, sheet.widths, {}};
    for (const auto& row : sheet.rows) {
      auto& cells = s.rows.emplace_back();
      for (const auto& c : row) cells.push_back(std::visit(CellOf{}, c));
    }
    out.sheets.push_back(std::move(s));
  }
  return out;
}

}  // namespace

void write_fund_xlsx(const std::string& path, const fund::ReportTable& table, std::time_t created) {
  write_results_xlsx(path, results_of(table), created);
}

std::string fund_portfolio_xlsx_bytes(const fund::Portfolio& portfolio, const i18n::Catalog& cat,
                                      std::time_t created) {
  return results_xlsx_bytes(results_of(fund::portfolio_table(portfolio, cat)), created);
}

std::string loan_statement_xlsx_bytes(const fund::LoanView& loan, const i18n::Catalog& cat,
                                      std::time_t created) {
  return results_xlsx_bytes(results_of(fund::statement_table(loan, cat)), created);
}

}  // namespace htx::exchange
