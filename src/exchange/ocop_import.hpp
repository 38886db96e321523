// A province's OCOP list from an .xlsx workbook (issue 13, item 4): the first sheet's header row
// matched as the registry's import matches it (data/ocop/import_columns.csv: headers in either
// language and their aliases, with or without diacritics, in any case), then each row's cells as
// the fields areas::OcopArea reads. A missing required column refuses the file by name.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace htx::exchange {

struct OcopSheet {
  std::vector<std::pair<int, std::map<std::string, std::string>>> rows;  // row number, fields
  std::map<std::string, std::string> columns;  // field -> "D (Điểm phần A)", as the sheet has it
};

Result<OcopSheet> read_ocop_sheet(const std::string& path, const std::filesystem::path& data_dir);

}  // namespace htx::exchange
