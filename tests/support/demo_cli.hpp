// A suite that runs the real `htx` binary (HTX_BINARY, defined by the test target) on one full
// demo database made once for the suite, in a temporary folder removed afterwards.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace htx::testing {

class DemoCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->file("demo.db");
    auto r = run_program(HTX_BINARY, {"--db", db_, "demo"}, dir_->path().string());
    ASSERT_EQ(r.code, 0) << r;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  // `htx --db DEMO args...`
  Result on(std::initializer_list<std::string> args) { return on(std::vector<std::string>(args)); }
  Result on(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return run_program(HTX_BINARY, args, dir_->path().string());
  }
  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
};

}  // namespace htx::testing
