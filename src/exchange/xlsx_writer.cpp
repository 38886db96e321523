// Formatted report workbooks through libxlsxwriter.
#include <xlsxwriter.h>

#include <cmath>
#include <stdexcept>
#include <string_view>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "exchange/xlsx.hpp"

namespace htx::exchange {

namespace {

using text::utf8_sequence;

constexpr std::uint32_t kMaxRows = 1048576;
constexpr std::size_t kMaxColumns = 16384;
constexpr std::size_t kMaxSheetName = 31;    // UTF-16 code units
constexpr std::size_t kMaxCellText = 32767;  // characters

// Valid UTF-8 that XML can carry: invalid bytes, NUL and U+FFFE/U+FFFF become U+FFFD. At most
// `max_chars` characters, counted in UTF-16 code units when `utf16_units`.
std::string clean_text(std::string_view s, std::size_t max_chars, bool utf16_units = false) {
  std::string out;
  out.reserve(s.size());
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    std::size_t len = utf8_sequence(s, i, cp);
    std::string_view piece;
    if (len == 0 || cp == 0 || cp == 0xFFFE || cp == 0xFFFF) {
      piece = "\xEF\xBF\xBD";
      len = len ? len : 1;
    } else {
      piece = s.substr(i, len);
    }
    std::size_t units = (utf16_units && cp >= 0x10000) ? 2 : 1;
    if (chars + units > max_chars) break;
    chars += units;
    out += piece;
    i += len;
  }
  return out;
}

std::string ascii_lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

[[noreturn]] void fail(const std::string& what, lxw_error err) {
  throw htx::InfrastructureError(what + ": " + lxw_strerror(err));
}

}  // namespace

namespace {
template <typename T>
XlsxCell cell_of(XlsxCell::Kind kind, T XlsxCell::*field, T value) {
  XlsxCell c;
  c.kind = kind;
  c.*field = std::move(value);
  return c;
}
}  // namespace

XlsxCell XlsxCell::of_text(std::string value) {
  return cell_of(Kind::kText, &XlsxCell::text, std::move(value));
}
XlsxCell XlsxCell::of_integer(std::int64_t value) {
  return cell_of(Kind::kInteger, &XlsxCell::integer, value);
}
XlsxCell XlsxCell::of_number(double value) {
  return cell_of(Kind::kNumber, &XlsxCell::number, value);
}
XlsxCell XlsxCell::of_date(htx::Date value) { return cell_of(Kind::kDate, &XlsxCell::date, value); }
XlsxCell XlsxCell::of_percent(double ratio) {
  return cell_of(Kind::kPercent, &XlsxCell::number, ratio);
}

std::string sanitize_sheet_name(const std::string& name) {
  std::string s = clean_text(name, std::string::npos);
  for (auto& c : s) {
    if (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\' ||
        (static_cast<unsigned char>(c) < 0x20))
      c = '_';
  }
  // No leading/trailing blanks or apostrophes.
  auto first = s.find_first_not_of(" '");
  if (first == std::string::npos) return "Sheet";
  s = s.substr(first, s.find_last_not_of(" '") - first + 1);
  s = clean_text(s, kMaxSheetName, true);
  while (!s.empty() && (s.back() == '\'' || s.back() == ' ')) s.pop_back();
  if (s.empty()) return "Sheet";
  if (ascii_lower(s) == "history") s += "_";  // reserved by Excel
  return s;
}

struct XlsxWriter::Impl {
  std::string path;
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_doc_properties properties{};
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* date = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* number = nullptr;
  lxw_format* percent = nullptr;
  std::string sheet_name;
  std::uint32_t next_row = 0;
  std::uint32_t header_row = 0;
  std::size_t columns = 0;
  bool autofilter = false;
  bool closed = false;

  void finish_sheet() {
    if (!sheet || !autofilter || columns == 0) return;
    std::uint32_t last = next_row > header_row + 1 ? next_row - 1 : header_row;
    lxw_error err =
        worksheet_autofilter(sheet, header_row, 0, last, static_cast<lxw_col_t>(columns - 1));
    if (err) fail("cannot set the autofilter of sheet " + sheet_name, err);
  }

  void check_open(const char* what) const {
    if (closed) throw std::logic_error(std::string("XlsxWriter::") + what + " after close()");
  }
};

XlsxWriter::XlsxWriter(const std::string& path, std::time_t created)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  options.use_zip64 = LXW_FALSE;
  impl_->workbook = workbook_new_opt(path.c_str(), &options);
  if (!impl_->workbook) throw htx::InfrastructureError("cannot create workbook " + path);

  // libxlsxwriter takes created == 0 as "now", which would make the output vary.
  impl_->properties.created = created == 0 ? 1 : created;
  lxw_error err = workbook_set_properties(impl_->workbook, &impl_->properties);
  if (err) fail("cannot set the properties of " + path, err);

  auto* wb = impl_->workbook;
  impl_->title = workbook_add_format(wb);
  format_set_bold(impl_->title);
  format_set_font_size(impl_->title, 14);

  impl_->header = workbook_add_format(wb);
  format_set_bold(impl_->header);
  format_set_bg_color(impl_->header, 0xD9E1F2);
  format_set_bottom(impl_->header, LXW_BORDER_THIN);
  format_set_text_wrap(impl_->header);
  format_set_align(impl_->header, LXW_ALIGN_VERTICAL_CENTER);

  impl_->date = workbook_add_format(wb);
  format_set_num_format(impl_->date, "dd/mm/yyyy");
  impl_->integer = workbook_add_format(wb);
  format_set_num_format(impl_->integer, "#,##0");
  impl_->number = workbook_add_format(wb);
  format_set_num_format(impl_->number, "#,##0.0");
  impl_->percent = workbook_add_format(wb);
  format_set_num_format(impl_->percent, "0.0%");
}

XlsxWriter::~XlsxWriter() {
  if (impl_ && impl_->workbook && !impl_->closed) lxw_workbook_free(impl_->workbook);
}

void XlsxWriter::add_sheet(const std::string& name, const std::vector<std::string>& header,
                           const std::vector<double>& column_widths,
                           const XlsxSheetOptions& options) {
  impl_->check_open("add_sheet");
  if (header.size() > kMaxColumns)
    throw htx::InfrastructureError("too many columns for an Excel sheet: " +
                                   std::to_string(header.size()));
  impl_->finish_sheet();

  // A name Excel accepts and that no other sheet has (Excel compares case-insensitively).
  const std::string base = sanitize_sheet_name(name);
  std::string candidate = base;
  for (int n = 2; workbook_validate_sheet_name(impl_->workbook, candidate.c_str()) != LXW_NO_ERROR;
       ++n) {
    if (n > 10000) throw htx::InfrastructureError("cannot name worksheet " + base);
    std::string suffix = " (" + std::to_string(n) + ")";
    candidate = clean_text(base, kMaxSheetName - suffix.size(), true) + suffix;
  }
  impl_->sheet = workbook_add_worksheet(impl_->workbook, candidate.c_str());
  if (!impl_->sheet) throw htx::InfrastructureError("cannot add worksheet " + candidate);
  impl_->sheet_name = candidate;
  impl_->autofilter = options.autofilter;
  impl_->columns = header.size();

  auto* ws = impl_->sheet;
  for (std::size_t i = 0; i < column_widths.size() && i < kMaxColumns; ++i) {
    if (!(column_widths[i] > 0)) continue;
    auto col = static_cast<lxw_col_t>(i);
    lxw_error err = worksheet_set_column(ws, col, col, std::min(column_widths[i], 255.0), nullptr);
    if (err) fail("cannot set a column width", err);
  }

  std::uint32_t row = 0;
  for (std::size_t i = 0; i < options.title_rows.size(); ++i, ++row) {
    std::string text = clean_text(options.title_rows[i], kMaxCellText);
    if (text.empty()) continue;
    lxw_error err =
        worksheet_write_string(ws, row, 0, text.c_str(), i == 0 ? impl_->title : nullptr);
    if (err) fail("cannot write a title row", err);
  }
  if (!options.title_rows.empty()) ++row;  // blank row between the titles and the header

  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string text = clean_text(header[i], kMaxCellText);
    lxw_error err =
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), text.c_str(), impl_->header);
    if (err) fail("cannot write the header row", err);
  }
  impl_->header_row = row;
  impl_->next_row = row + 1;
  worksheet_freeze_panes(ws, impl_->next_row, 0);
}

void XlsxWriter::write_row(const std::vector<XlsxCell>& cells) {
  impl_->check_open("write_row");
  if (!impl_->sheet) throw std::logic_error("XlsxWriter::write_row before add_sheet()");
  if (impl_->next_row >= kMaxRows)
    throw htx::InfrastructureError("too many rows for an Excel sheet (limit 1,048,576)");
  if (cells.size() > kMaxColumns)
    throw htx::InfrastructureError("too many columns for an Excel sheet: " +
                                   std::to_string(cells.size()));
  auto* ws = impl_->sheet;
  const lxw_row_t row = impl_->next_row;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const XlsxCell& cell = cells[i];
    const auto col = static_cast<lxw_col_t>(i);
    lxw_error err = LXW_NO_ERROR;
    switch (cell.kind) {
      case XlsxCell::Kind::kEmpty:
        break;
      case XlsxCell::Kind::kText: {
        std::string text = clean_text(cell.text, kMaxCellText);
        if (!text.empty()) err = worksheet_write_string(ws, row, col, text.c_str(), nullptr);
        break;
      }
      case XlsxCell::Kind::kInteger:
        err =
            worksheet_write_number(ws, row, col, static_cast<double>(cell.integer), impl_->integer);
        break;
      case XlsxCell::Kind::kNumber:
      case XlsxCell::Kind::kPercent:
        if (std::isfinite(cell.number))
          err = worksheet_write_number(
              ws, row, col, cell.number,
              cell.kind == XlsxCell::Kind::kNumber ? impl_->number : impl_->percent);
        break;
      case XlsxCell::Kind::kDate: {
        int y = cell.date.year();
        if (y >= 1900 && y <= 9999) {
          lxw_datetime dt{y, cell.date.month(), cell.date.day(), 0, 0, 0.0};
          err = worksheet_write_datetime(ws, row, col, &dt, impl_->date);
        } else {  // outside what Excel can show as a date
          std::string text = cell.date.vietnamese();
          err = worksheet_write_string(ws, row, col, text.c_str(), nullptr);
        }
        break;
      }
    }
    if (err)
      fail("cannot write cell (row " + std::to_string(row + 1) + ", column " +
               std::to_string(i + 1) + ") of sheet " + impl_->sheet_name,
           err);
  }
  ++impl_->next_row;
}

void XlsxWriter::close() {
  if (impl_->closed) return;
  impl_->finish_sheet();
  impl_->closed = true;
  lxw_error err = workbook_close(impl_->workbook);  // frees the workbook in every case
  impl_->workbook = nullptr;
  impl_->sheet = nullptr;
  if (err) fail("cannot write " + impl_->path, err);
}

const std::string& XlsxWriter::sheet_name() const { return impl_->sheet_name; }

}  // namespace htx::exchange
