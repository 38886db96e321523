// A report's bytes (a workbook or a CSV) to the file of --output, saying so, or to the standard
// output; a workbook needs a file. Shared by every area's report commands.
#pragma once

#include <fstream>
#include <iostream>
#include <string>

#include "cli/field_options.hpp"
#include "core/i18n.hpp"

namespace htx::cli {

// A file that cannot be written is refused on --output (the user's mistake, not a crash).
inline int write_report(const i18n::Catalog& c, const std::string& format,
                        const std::string& output, const std::string& bytes) {
  if (output.empty()) {
    if (format == "xlsx")
      return refused_on_option(c, Error::invalid("output", "fund.report.output_required"));
    std::cout << bytes;
    return kOk;
  }
  std::ofstream out(output, std::ios::binary);
  out << bytes;
  out.close();
  if (!out)
    return refused_on_option(c, Error::invalid("output", "file.cannot_write", {{"file", output}}));
  std::cout << c.text("fund.report.written", {{"file", output}}) << "\n";
  return kOk;
}

}  // namespace htx::cli
