#include "exchange/ocop_import.hpp"

#include <algorithm>

#include "core/data_file.hpp"
#include "core/text.hpp"
#include "exchange/registry_columns.hpp"
#include "exchange/xlsx.hpp"

namespace htx::exchange {

namespace {

struct Expected {
  std::string field, header;
  std::vector<std::string> keys;
  bool required = false;
};

std::vector<Expected> expected_columns(const std::filesystem::path& data_dir) {
  const auto path = data_dir / "ocop" / "import_columns.csv";
  std::vector<Expected> out;
  for (auto& row : data_file::rows(path, 5)) {
    Expected e{row[0],
               row[1],
               {header_key(row[0]), header_key(row[1]), header_key(row[2])},
               row[4] == "1"};
    for (const auto& alias : text::split(row[3], '|')) e.keys.push_back(header_key(alias));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Result<OcopSheet> read_ocop_sheet(const std::string& path, const std::filesystem::path& data_dir) {
  const auto expected = expected_columns(data_dir);
  std::string error;
  auto reader = XlsxReader::open(path, error);
  if (!reader) return Error::invalid("file", "ocop.import_not_xlsx", {{"detail", error}});
  OcopSheet sheet;
  XlsxRow row;
  std::map<std::size_t, std::string> field_of_column;
  bool header = true;
  while (reader->next(row)) {
    if (header) {
      header = false;
      for (std::size_t i = 0; i < row.cells.size(); ++i) {
        const auto key = header_key(row.cells[i]);
        for (const auto& e : expected)
          if (!key.empty() && std::find(e.keys.begin(), e.keys.end(), key) != e.keys.end() &&
              !sheet.columns.count(e.field)) {
            field_of_column[i] = e.field;
            sheet.columns[e.field] =
                column_letter(i) + " (" + std::string(text::trim(row.cells[i])) + ")";
            break;
          }
      }
      for (const auto& e : expected)
        if (e.required && !sheet.columns.count(e.field))
          return Error::invalid("file", "ocop.import_missing_column", {{"column", e.header}});
      continue;
    }
    std::map<std::string, std::string> fields;
    for (const auto& [i, field] : field_of_column)
      if (i < row.cells.size()) fields[field] = text::to_nfc(text::trim(row.cells[i]));
    sheet.rows.emplace_back(static_cast<int>(row.row_number), std::move(fields));
  }
  if (!reader->error().empty())
    return Error::invalid("file", "ocop.import_not_xlsx", {{"detail", reader->error()}});
  if (header) return Error::invalid("file", "ocop.import_empty");
  return sheet;
}

}  // namespace htx::exchange
