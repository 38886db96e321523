// Running a shell command from a test, and finding a python3 with openpyxl (the independent
// reader of the .xlsx files the program writes).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace htx::testing {

struct CommandResult {
  int status = -1;
  std::string output;  // stdout and stderr
};

inline CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The first of $HTX_PYTHON3, python3, /usr/bin/python3 that can import openpyxl (the python3
// on PATH may be a pyenv one without it); empty if none can.
inline const std::string& python() {
  static const std::string found = [] {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("HTX_PYTHON3"); env && *env) candidates.emplace_back(env);
    candidates.emplace_back("python3");
    candidates.emplace_back("/usr/bin/python3");
    for (const auto& c : candidates)
      if (run_command(shell_quote(c) + " -c 'import openpyxl'").status == 0) return c;
    return std::string();
  }();
  return found;
}

// The first of $HTX_PYTHON3, python3, /usr/bin/python3 that runs; empty if none does.
inline const std::string& plain_python() {
  static const std::string found = [] {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("HTX_PYTHON3"); env && *env) candidates.emplace_back(env);
    candidates.emplace_back("python3");
    candidates.emplace_back("/usr/bin/python3");
    for (const auto& c : candidates)
      if (run_command(shell_quote(c) + " -c 'import zipfile, xml.etree.ElementTree'").status == 0)
        return c;
    return std::string();
  }();
  return found;
}

}  // namespace htx::testing
