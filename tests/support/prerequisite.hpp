// What a test does when something it needs outside the program (python3, node, web/node_modules,
// a PostgreSQL server) is missing: skipped on a developer's machine, a failure under CI=true (CI
// must test everything; .ci/run exports CI=true).
//
//   HTX_REQUIRE(!plain_python().empty(), "python3 not found");   // skips or fails the test
//   if (htx::testing::available(found, "python3 not found")) { ...assertions... }  // one part
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <string>

namespace htx::testing {

// CI=true (also 1 or yes, in any case: what web/tests/harness.mjs accepts).
inline bool in_ci() {
  const char* ci = std::getenv("CI");
  if (!ci) return false;
  std::string v = ci;
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "true" || v == "1" || v == "yes";
}

// For a part of a test: true when `present`; otherwise a failure under CI, a note elsewhere,
// and false (the part is left out).
inline bool available(bool present, const std::string& what) {
  if (present) return true;
  if (in_ci())
    ADD_FAILURE() << what << " (CI=true: a missing prerequisite is a failure)";
  else
    std::cout << "[ SKIPPED PART ] " << what << "\n";
  return false;
}

}  // namespace htx::testing

// For a whole test (in its body or SetUp): skips it when `present` is false, or fails it under CI.
#define HTX_REQUIRE(present, what)                                             \
  do {                                                                         \
    if (!(present)) {                                                          \
      if (::htx::testing::in_ci())                                             \
        FAIL() << (what) << " (CI=true: a missing prerequisite is a failure)"; \
      GTEST_SKIP() << (what);                                                  \
    }                                                                          \
  } while (false)
