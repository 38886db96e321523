// Text laid out in columns for the terminal, shared by the commands: the display width of UTF-8
// text (code points; Vietnamese in NFC is one each), padding to a width, and a table whose
// columns are as wide as their widest cell.
#pragma once

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace htx::cli {

inline std::size_t width_of(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

inline std::string pad(const std::string& s, std::size_t width) {
  auto n = width_of(s);
  return n >= width ? s : s + std::string(width - n, ' ');
}

// The rows (the first one the header), two spaces between columns, no trailing blanks.
inline void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty()) return;
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], width_of(r[i]));
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i)
      line += i + 1 < r.size() ? pad(r[i], widths[i]) + "  " : r[i];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

}  // namespace htx::cli
