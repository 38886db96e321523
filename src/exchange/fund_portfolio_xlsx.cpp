#include "exchange/fund_portfolio_xlsx.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "exchange/xlsx.hpp"

namespace htx::exchange {

namespace {

XlsxCell cell_of(const fund::ReportCell& c) {
  using Kind = fund::ReportCell::Kind;
  switch (c.kind) {
    case Kind::kEmpty:
      return XlsxCell::empty();
    case Kind::kText:
      return XlsxCell::of_text(c.text);
    case Kind::kInteger:
      return XlsxCell::of_integer(c.integer);
    case Kind::kDate:
      break;
  }
  return XlsxCell::of_date(c.date);
}

}  // namespace

void write_fund_xlsx(const std::string& path, const fund::ReportTable& table, std::time_t created) {
  XlsxWriter w(path, created);
  XlsxSheetOptions options;
  options.title_rows = table.title_rows;
  options.autofilter = true;
  for (const auto& sheet : table.sheets) {
    w.add_sheet(sheet.name, sheet.header, sheet.widths, options);
    for (const auto& row : sheet.rows) {
      std::vector<XlsxCell> cells;
      cells.reserve(row.size());
      for (const auto& c : row) cells.push_back(cell_of(c));
      w.write_row(cells);
    }
  }
  w.close();
}

std::string written_bytes(const std::function<void(const std::string& path)>& write) {
  std::string path = (std::filesystem::temp_directory_path() / "htx-workbook-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) throw InfrastructureError("cannot create a temporary file for the workbook");
  ::close(fd);
  std::string bytes;
  try {
    write(path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    bytes = out.str();
  } catch (...) {
    std::remove(path.c_str());
    throw;
  }
  std::remove(path.c_str());
  return bytes;
}

std::string fund_portfolio_xlsx_bytes(const fund::Portfolio& portfolio, const i18n::Catalog& cat,
                                      std::time_t created) {
  const auto table = fund::portfolio_table(portfolio, cat);
  return written_bytes([&](const std::string& path) { write_fund_xlsx(path, table, created); });
}

std::string loan_statement_xlsx_bytes(const fund::LoanView& loan, const i18n::Catalog& cat,
                                      std::time_t created) {
  const auto table = fund::statement_table(loan, cat);
  return written_bytes([&](const std::string& path) { write_fund_xlsx(path, table, created); });
}

}  // namespace htx::exchange
