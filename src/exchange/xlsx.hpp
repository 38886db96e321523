// Excel workbooks (.xlsx): a streaming reader of the first worksheet as text cells, and a
// writer (over libxlsxwriter) of formatted report sheets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace htx::exchange {

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

struct XlsxRow {
  std::size_t row_number = 0;      // 1-based, as Excel shows it
  std::vector<std::string> cells;  // cells[0] is column A; trailing empty cells are dropped
};

// Reads the first worksheet of a workbook, row by row, every cell as text:
//   - text (shared, inline, formula results) as written, rich-text runs concatenated;
//   - numbers: integers without a decimal point ("150000000000"), others in the shortest
//     round-trip form with '.' ("0.125", "1e-07");
//   - numbers whose cell format is a date format: ISO "yyyy-mm-dd" (time of day dropped);
//   - booleans: "TRUE" / "FALSE"; error values as Excel shows them ("#N/A").
// The sheet XML is streamed; open() reads it through once to validate it, so that a corrupt
// file is refused before any row is handed out.
class XlsxReader {
 public:
  // Largest uncompressed size accepted for the worksheet and for the shared-strings part.
  static constexpr std::uint64_t kMaxPartBytes = 200ull * 1024 * 1024;

  // Opens the workbook. On failure returns nullptr and sets `error` (English, for logs): not a
  // zip, not an xlsx (no workbook part), encrypted / legacy .xls, corrupt zip or XML, a part
  // larger than `max_part_bytes`.
  static std::unique_ptr<XlsxReader> open(const std::string& path, std::string& error,
                                          std::uint64_t max_part_bytes = kMaxPartBytes);

  ~XlsxReader();
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // The next row that has at least one non-empty cell; false at the end (or on a read error,
  // see error()). Row numbers stay true: skipped empty rows leave gaps.
  bool next(XlsxRow& row);

  // 0..1 through the worksheet (by uncompressed bytes consumed); 1 once next() returned false.
  double progress() const;

  // Name of the sheet being read (as shown on its tab).
  const std::string& sheet_name() const;

  // Empty unless next() stopped because of a failure (e.g. the file changed after open()).
  const std::string& error() const;

 private:
  struct Impl;
  explicit XlsxReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

struct XlsxCell {
  enum class Kind { kEmpty, kText, kInteger, kNumber, kDate, kPercent };

  Kind kind = Kind::kEmpty;
  std::string text;          // kText (UTF-8; invalid bytes are replaced by U+FFFD)
  std::int64_t integer = 0;  // kInteger, shown "#,##0" (exact up to 2^53)
  double number = 0;         // kNumber shown "#,##0.0"; kPercent: a ratio shown "0.0%"
  htx::Date date;            // kDate, shown "dd/mm/yyyy"

  static XlsxCell empty() { return {}; }
  static XlsxCell of_text(std::string value);
  static XlsxCell of_integer(std::int64_t value);
  static XlsxCell of_number(double value);  // NaN / infinity are written as an empty cell
  static XlsxCell of_date(htx::Date value);
  static XlsxCell of_percent(double ratio);  // 0.523 -> "52.3%"
};

struct XlsxSheetOptions {
  std::vector<std::string> title_rows;  // written above the header (first one large and bold),
                                        // followed by one blank row
  bool autofilter = false;              // filter buttons on the header over the written rows
};

class XlsxWriter {
 public:
  // `created` is the creation time written into docProps/core.xml; the same data and the same
  // `created` give byte-identical files. (libxlsxwriter reads 0 as "now"; 0 is therefore written
  // as 1970-01-01T00:00:01Z to stay deterministic.) Nothing is written to `path` before close().
  XlsxWriter(const std::string& path, std::time_t created);
  ~XlsxWriter();  // without close(): discards the workbook, writes no file
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Starts a new worksheet: bold header row, panes frozen below it, column widths in Excel
  // character units (missing or <= 0: default width). The name is sanitised for Excel:
  // []:*?/\ become '_', at most 31 characters, made unique, never empty.
  void add_sheet(const std::string& name, const std::vector<std::string>& header,
                 const std::vector<double>& column_widths, const XlsxSheetOptions& options = {});

  // Appends a data row to the current sheet. Throws htx::InfrastructureError beyond Excel's
  // limits (1,048,576 rows, 16,384 columns) or when libxlsxwriter fails; std::logic_error
  // before add_sheet() or after close().
  void write_row(const std::vector<XlsxCell>& cells);

  // Writes the file. Throws htx::InfrastructureError on failure. A second call does nothing.
  void close();

  // The sheet name actually used by the last add_sheet().
  const std::string& sheet_name() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Excel's rules for a worksheet name applied to `name` (exposed for tests and callers that
// need to refer to the sheet).
std::string sanitize_sheet_name(const std::string& name);

}  // namespace htx::exchange
