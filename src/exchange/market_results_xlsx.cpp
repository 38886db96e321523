#include "exchange/market_results_xlsx.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "exchange/xlsx.hpp"

namespace htx::exchange {

namespace {

XlsxCell cell_of(const market::ResultsCell& c) {
  using Kind = market::ResultsCell::Kind;
  switch (c.kind) {
    case Kind::kEmpty:
      return XlsxCell::empty();
    case Kind::kText:
      return XlsxCell::of_text(c.text);
    case Kind::kInteger:
      return XlsxCell::of_integer(c.integer);
    case Kind::kPercent:
      return XlsxCell::of_percent(c.ratio);
    case Kind::kQuantity:
      break;
  }
  // A count (quả, con) stays whole; a mass or a volume in its unit keeps its decimals.
  if (c.base_per_unit == 1) return XlsxCell::of_integer(c.integer);
  return XlsxCell::of_number(c.number());
}

}  // namespace

void write_results_xlsx(const std::string& path, const market::ResultsTable& table,
                        std::time_t created) {
  XlsxWriter w(path, created);
  XlsxSheetOptions options;
  options.title_rows = table.title_rows;
  options.autofilter = true;
  for (auto& sheet : table.sheets) {
    w.add_sheet(sheet.name, sheet.header, sheet.widths, options);
    for (auto& row : sheet.rows) {
      std::vector<XlsxCell> cells;
      cells.reserve(row.size());
      for (auto& c : row) cells.push_back(cell_of(c));
      w.write_row(cells);
    }
  }
  w.close();
}

void write_results_xlsx(const std::string& path, const market::CampaignResults& results,
                        const market::Catalogue& catalogue, const i18n::Catalog& cat,
                        std::time_t created) {
  write_results_xlsx(path, market::results_table(results, catalogue, cat), created);
}

std::string results_xlsx_bytes(const market::CampaignResults& results,
                               const market::Catalogue& catalogue, const i18n::Catalog& cat,
                               std::time_t created) {
  return results_xlsx_bytes(market::results_table(results, catalogue, cat), created);
}

std::string results_xlsx_bytes(const market::ResultsTable& table, std::time_t created) {
  // The writer writes a file: a private temporary one, read back and removed.
  std::string path =
      (std::filesystem::temp_directory_path() / "htx-market-results-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) throw InfrastructureError("cannot create a temporary file for the workbook");
  ::close(fd);
  std::string bytes;
  try {
    write_results_xlsx(path, table, created);
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

}  // namespace htx::exchange
