// Training's rules as data/training states them: the 54 ethnic groups of the GSO list, the age
// bands of the report, the completion rule (80 % of the sessions counted, late counting as
// present, excused not) — and that an office's edit of the data changes the rule, while a broken
// file is refused naming the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/error.hpp"
#include "support/temp_dir.hpp"
#include "training/rules.hpp"

namespace htx::training {
namespace {

namespace fs = std::filesystem;

const TrainingRules& rules() {
  static const TrainingRules r = TrainingRules::load(HTX_SOURCE_DATA_DIR);
  return r;
}

// A copy of data/training under a temporary data directory, with `file` replaced by `text`.
fs::path edited_copy(const htx::testing::TempDir& dir, const std::string& file,
                     const std::string& text) {
  const fs::path root = dir.file("data");
  fs::create_directories(root / "training");
  for (const auto& e : fs::directory_iterator(fs::path(HTX_SOURCE_DATA_DIR) / "training"))
    fs::copy_file(e.path(), root / "training" / e.path().filename());
  std::ofstream(root / "training" / file, std::ios::trunc) << text;
  return root;
}

TEST(TrainingRules, FiftyFourEthnicGroupsWithTheirStatisticalCodes) {
  const auto& list = rules().ethnicities();
  ASSERT_EQ(list.size(), 54u);
  std::set<std::string> codes;
  for (const auto& e : list) {
    EXPECT_TRUE(codes.insert(e.code).second) << "code twice: " << e.code;
    EXPECT_FALSE(e.name.empty()) << e.code;
    EXPECT_NE(e.source.find("Tổng cục Thống kê"), std::string::npos) << e.code;
  }
  EXPECT_EQ(TrainingRules::find(list, "01")->name, "Kinh");
  EXPECT_EQ(TrainingRules::find(list, "54")->name, "Ơ Đu");
  EXPECT_EQ(TrainingRules::find(list, "55"), nullptr);
  EXPECT_EQ(TrainingRules::find(list, ""), nullptr);
}

TEST(TrainingRules, AgeBandsFollowEachOtherWithoutAGap) {
  EXPECT_EQ(rules().age_band_of(18), "under_30");
  EXPECT_EQ(rules().age_band_of(29), "under_30");
  EXPECT_EQ(rules().age_band_of(30), "30_44");
  EXPECT_EQ(rules().age_band_of(44), "30_44");
  EXPECT_EQ(rules().age_band_of(45), "45_59");
  EXPECT_EQ(rules().age_band_of(59), "45_59");
  EXPECT_EQ(rules().age_band_of(60), "60_plus");
  EXPECT_EQ(rules().age_band_of(101), "60_plus");
}

TEST(TrainingRules, CompletionIsEightyPercentOfTheSessionsCounted) {
  EXPECT_EQ(rules().min_attendance_percent(), 80);
  EXPECT_TRUE(rules().completes(4, 5));   // 80 %
  EXPECT_FALSE(rules().completes(3, 4));  // 75 %
  EXPECT_TRUE(rules().completes(1, 1));
  EXPECT_FALSE(rules().completes(0, 1));
  EXPECT_FALSE(rules().completes(0, 0));  // nothing held since enrolment: not completed
  EXPECT_TRUE(rules().completes(8, 10));
  EXPECT_FALSE(rules().completes(79, 100));
  EXPECT_TRUE(rules().attended(Mark::kPresent));
  EXPECT_TRUE(rules().attended(Mark::kLate));
  EXPECT_FALSE(rules().attended(Mark::kExcused));
  EXPECT_FALSE(rules().attended(Mark::kAbsent));
}

TEST(TrainingRules, AnOfficeChangesTheRuleInTheDataNotTheCode) {
  htx::testing::TempDir dir;
  const auto root = edited_copy(dir, "parameters.csv",
                                "parameter,value,source\n"
                                "min_attendance_percent,50,test\n"
                                "late_counts_as_present,0,test\n"
                                "excused_counts_as_present,1,test\n");
  const auto r = TrainingRules::load(root);
  EXPECT_EQ(r.min_attendance_percent(), 50);
  EXPECT_TRUE(r.completes(1, 2));
  EXPECT_FALSE(r.completes(1, 3));
  EXPECT_FALSE(r.attended(Mark::kLate));
  EXPECT_TRUE(r.attended(Mark::kExcused));
}

TEST(TrainingRules, ABrokenFileIsRefusedNamingIt) {
  struct Case {
    const char* file;
    const char* text;
  };
  const Case cases[] = {
      {"parameters.csv",
       "parameter,value,source\nmin_attendance_percent,0,test\n"
       "late_counts_as_present,1,test\nexcused_counts_as_present,0,test\n"},
      {"parameters.csv", "parameter,value,source\nlate_counts_as_present,1,test\n"},
      {"ethnicities.csv", "code,name,source\n01,Kinh,test\n"},
      {"age_bands.csv",
       "code,min_age,max_age,name,source\nyoung,0,29,Trẻ,test\nold,40,,Già,test\n"},
  };
  for (const auto& c : cases) {
    htx::testing::TempDir dir;
    const auto root = edited_copy(dir, c.file, c.text);
    try {
      (void)TrainingRules::load(root);
      ADD_FAILURE() << c.file << " was accepted:\n" << c.text;
    } catch (const InfrastructureError& e) {
      EXPECT_NE(std::string(e.what()).find(c.file), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace htx::training
