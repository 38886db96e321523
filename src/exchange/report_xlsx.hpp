// A statistical report (stats/report.hpp) as a formatted Excel workbook: one sheet per
// breakdown — summary (reconciliation by type, comparisons, plan targets), regions, provinces,
// sectors — each with the report's title rows, a bold frozen header and number formats.
#pragma once

#include <ctime>
#include <string>

#include "stats/report.hpp"
#include "stats/report_format.hpp"

namespace htx::exchange {

// Writes the workbook to `path` (nothing is written before the end). `created` is the document
// date stored in the file: the same report and `created` give the same bytes. Sheet names and
// headings come from the formatter's catalogue ("Tổng hợp", "Vùng", "Tỉnh", "Ngành").
// Throws htx::InfrastructureError when the file cannot be written.
void write_report_xlsx(const std::string& path, const stats::Report& report,
                       const stats::ReportFormatter& format, std::time_t created);

}  // namespace htx::exchange
