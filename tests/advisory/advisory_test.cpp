// The plan's indicators by their codes (the four, an unknown one refused) and what an advisory
// case's matching compares: the words of a name, folded, without the words every name has.
#include "advisory/advisory.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "advisory/advisory_service.hpp"
#include "stats/targets.hpp"

namespace htx {
namespace {

using stats::Indicator;

TEST(Targets, FourIndicatorsByTheirCodes) {
  for (auto [i, code] : {std::pair{Indicator::kFoundedHtx, "founded_htx"},
                         std::pair{Indicator::kNewMembers, "new_members"},
                         std::pair{Indicator::kTrainees, "trainees"},
                         std::pair{Indicator::kAdvisedFounding, "advised_founding"}}) {
    EXPECT_EQ(stats::to_code(i), code);
    EXPECT_EQ(stats::indicator_from_code(code), i);
  }
  EXPECT_FALSE(stats::indicator_from_code("advice"));
  EXPECT_FALSE(stats::indicator_from_code("Advised_Founding"));
  EXPECT_FALSE(stats::indicator_from_code(""));
}

TEST(Advisory, StatusCodes) {
  using advisory::CaseStatus;
  for (auto s : {CaseStatus::kOpen, CaseStatus::kClosed, CaseStatus::kDropped})
    EXPECT_EQ(advisory::case_status_from_code(advisory::to_code(s)), s);
  EXPECT_FALSE(advisory::case_status_from_code("done"));
}

TEST(Advisory, NameWordsAreFoldedWithoutTheCommonOnes) {
  auto w = advisory::name_words("Nhóm sáng lập Hợp tác xã Vải thiều Phì Điền");
  const std::vector<std::string> expected{"nhom", "sang", "lap", "vai", "thieu", "phi", "dien"};
  EXPECT_EQ(w, expected);
  auto entity = advisory::name_words("HTX VẢI THIỀU PHÌ ĐIỀN");
  EXPECT_EQ(entity, (std::vector<std::string>{"vai", "thieu", "phi", "dien"}));
  EXPECT_TRUE(advisory::name_words("Hợp tác xã").empty());
}

}  // namespace
}  // namespace htx
