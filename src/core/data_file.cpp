#include "core/data_file.hpp"

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace htx::data_file {

std::vector<std::vector<std::string>> rows(const std::filesystem::path& path,
                                           std::size_t min_columns) {
  auto file = csv::read_data_file(path);
  if (file.header.size() < min_columns)
    throw InfrastructureError(path.string() + ": " + std::to_string(min_columns) +
                              " columns expected");
  for (auto& row : file.rows)
    for (auto& f : row) f = text::to_nfc(text::trim(f));
  return std::move(file.rows);
}

std::map<std::string, std::string> parameters(const std::filesystem::path& path) {
  std::map<std::string, std::string> out;
  for (auto& r : rows(path, 2))
    if (!out.emplace(r[0], r[1]).second)
      throw InfrastructureError(path.string() + ": parameter " + r[0] + " given twice");
  return out;
}

std::int64_t whole(const std::string& text, const std::filesystem::path& path,
                   const std::string& what, bool positive) {
  auto v = text::parse_int(text);
  if (!v || *v < 0 || (positive && *v == 0))
    throw InfrastructureError(path.string() + ": " + what + ": \"" + text +
                              "\" is not a whole number " + (positive ? "> 0" : "≥ 0"));
  return *v;
}

}  // namespace htx::data_file
