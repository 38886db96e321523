// Reading the data files of data/ (the exchange's, the fund's, …): rows after the
// header, trimmed and NFC, and "parameter,value,meaning" files as a map. A bad file is an
// InfrastructureError naming the file and line: data files ship with the program.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace htx::data_file {

std::vector<std::vector<std::string>> rows(const std::filesystem::path& path,
                                           std::size_t min_columns);

// The parameter -> value pairs of a parameter,value,meaning file.
std::map<std::string, std::string> parameters(const std::filesystem::path& path);

// A whole number ≥ 0 (or > 0 when `positive`), else an InfrastructureError naming `what`.
std::int64_t whole(const std::string& text, const std::filesystem::path& path,
                   const std::string& what, bool positive = false);

}  // namespace htx::data_file
