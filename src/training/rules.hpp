// Training's lists and rules (data/training/*.csv, each row naming its source): the 54 ethnic
// groups, the kinds of course, the cost categories of Circular 340/2016/TT-BTC, the trainees'
// roles, the report's age bands and the completion rule.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "training/training_repository.hpp"

namespace htx::training {

// A code of one of the lists with its names.
struct Entry {
  std::string code, name, name_en, source;
};

class TrainingRules {
 public:
  // Reads data_dir/training/*.csv; a bad file is an InfrastructureError naming the file.
  static TrainingRules load(const std::filesystem::path& data_dir);

  const std::vector<Entry>& ethnicities() const { return ethnicities_; }
  const std::vector<Entry>& kinds() const { return kinds_; }
  const std::vector<Entry>& cost_categories() const { return categories_; }
  const std::vector<Entry>& roles() const { return roles_; }
  const std::vector<AgeBand>& age_bands() const { return age_bands_; }

  // The entry of a code in a list, none when it is not there.
  static const Entry* find(const std::vector<Entry>& list, const std::string& code);
  // The age band of an age ("" when none holds).
  std::string age_band_of(int age) const;

  // The completion rule: attended sessions ≥ this share of the sessions counted.
  int min_attendance_percent() const { return min_percent_; }
  bool late_counts() const { return late_counts_; }
  bool excused_counts() const { return excused_counts_; }
  // Whether a mark counts as attended under the rule.
  bool attended(Mark m) const;
  // Completed: attended × 100 ≥ min % × counted, with at least one session counted.
  bool completes(int attended_sessions, int counted_sessions) const;

 private:
  std::vector<Entry> ethnicities_, kinds_, categories_, roles_;
  std::vector<AgeBand> age_bands_;
  int min_percent_ = 80;
  bool late_counts_ = true, excused_counts_ = false;
};

}  // namespace htx::training
