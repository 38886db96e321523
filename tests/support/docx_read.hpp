// Reads a .docx back independently of the writer: tests/support/read_docx.py (python3's
// standard zipfile and xml.etree only) describes the package and its paragraphs as JSON.
#pragma once

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/python.hpp"

namespace htx::testing {

// The reader's JSON, or nullopt (with `error` set) when python3 is missing or the reader
// failed (not a zip, bad XML, ...).
inline std::optional<nlohmann::json> read_docx(const std::string& path, std::string& error) {
  if (plain_python().empty()) {
    error = "no python3";
    return std::nullopt;
  }
  auto r = run_command(shell_quote(plain_python()) + " " + shell_quote(HTX_DOCX_READER) + " " +
                       shell_quote(path));
  if (r.status != 0) {
    error = r.output;
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(r.output);
  } catch (const std::exception& e) {
    error = std::string(e.what()) + "\n" + r.output;
    return std::nullopt;
  }
}

}  // namespace htx::testing
