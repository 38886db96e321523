// OCOP's legal parameters (data/ocop/*.csv, each row naming its source): the six product groups
// and their subgroups, the score parts A, B, C with their maximum points, the star bands and which
// of them are certified and by which level, and a certificate's validity, after Decision
// 148/QĐ-TTg of 24/02/2023. Points are kept in tenths (a council's average may be 72,5).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace htx::ocop {

struct Subgroup {
  std::string code, name, name_en, source;
};

struct Group {
  std::string code, name, name_en, source;
  std::vector<Subgroup> subgroups;
};

struct Part {
  std::string code;  // "a", "b", "c"
  int max_points = 0;
  std::string name, name_en, source;
};

struct StarBand {
  int stars = 1;
  int min_points = 0, max_points = 0;  // whole points, inclusive
  bool certified = false;              // ★3–★5: ★1 and ★2 are not OCOP products
  std::string level;                   // "province" or "central" for a certified band
  std::string meaning, meaning_en, source;
};

class OcopRules {
 public:
  // Reads data_dir/ocop/*.csv; a bad file is an InfrastructureError naming the file.
  static OcopRules load(const std::filesystem::path& data_dir);

  const std::vector<Group>& groups() const { return groups_; }
  const std::vector<Part>& parts() const { return parts_; }
  const std::vector<StarBand>& bands() const { return bands_; }
  int validity_months() const { return validity_months_; }

  const Group* group(const std::string& code) const;
  // The subgroup `code` of group `group_code`; nullptr when the group has no such subgroup.
  const Subgroup* subgroup(const std::string& group_code, const std::string& code) const;
  // The group a subgroup code belongs to (codes are unique across groups).
  const Group* group_of_subgroup(const std::string& code) const;
  const Part* part(const std::string& code) const;
  const StarBand* band(int stars) const;

  // The stars of a total in tenths of a point: the band whose minimum the total reaches.
  int stars_of(std::int64_t total_tenths) const;
  // The last day a certificate decided on `decided_on` is valid: the same day `validity_months`
  // later, less one day (36 months from 24/02/2023: valid through 23/02/2026).
  Date valid_until(Date decided_on) const;

  // The subgroup a product's name points to (data/ocop/keywords.csv: the first keyword, in the
  // file's order, that the folded name contains as whole words); nullopt when none does.
  std::optional<std::string> subgroup_for_name(const std::string& product_name) const;

 private:
  std::vector<Group> groups_;
  std::vector<Part> parts_;
  std::vector<StarBand> bands_;                                // by stars
  std::vector<std::pair<std::string, std::string>> keywords_;  // folded keyword, subgroup
  int validity_months_ = 36;
};

// `d` plus `months` calendar months, the day kept or clamped to the month's last day.
Date add_months(Date d, int months);

}  // namespace htx::ocop
