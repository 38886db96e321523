#include "training/rules.hpp"

#include "core/data_file.hpp"
#include "core/error.hpp"

namespace htx::training {

namespace {

// code,name,source (ethnicities) or code,name,name_en,source.
std::vector<Entry> entries(const std::filesystem::path& path, bool with_english) {
  std::vector<Entry> out;
  for (auto& row : data_file::rows(path, with_english ? 4 : 3)) {
    Entry e{row[0], row[1], with_english ? row[2] : row[1], with_english ? row[3] : row[2]};
    if (e.code.empty() || e.name.empty())
      throw InfrastructureError(path.string() + ": a row without a code or a name");
    out.push_back(std::move(e));
  }
  if (out.empty()) throw InfrastructureError(path.string() + ": no rows");
  return out;
}

}  // namespace

TrainingRules TrainingRules::load(const std::filesystem::path& data_dir) {
  TrainingRules r;
  const auto dir = data_dir / "training";
  r.ethnicities_ = entries(dir / "ethnicities.csv", false);
  if (r.ethnicities_.size() != 54)
    throw InfrastructureError((dir / "ethnicities.csv").string() + ": 54 groups expected");
  r.kinds_ = entries(dir / "course_kinds.csv", true);
  r.categories_ = entries(dir / "cost_categories.csv", true);
  r.roles_ = entries(dir / "roles.csv", true);
  const auto bands = dir / "age_bands.csv";
  for (auto& row : data_file::rows(bands, 5)) {
    AgeBand b{row[0], static_cast<int>(data_file::whole(row[1], bands, "min_age")), std::nullopt};
    if (!row[2].empty()) b.max_age = static_cast<int>(data_file::whole(row[2], bands, "max_age"));
    if (!r.age_bands_.empty() &&
        (!r.age_bands_.back().max_age || *r.age_bands_.back().max_age + 1 != b.min_age))
      throw InfrastructureError(bands.string() + ": the bands must follow each other");
    r.age_bands_.push_back(std::move(b));
  }
  const auto params = dir / "parameters.csv";
  auto p = data_file::parameters(params);
  auto number = [&](const char* name) {
    auto it = p.find(name);
    if (it == p.end()) throw InfrastructureError(params.string() + ": no " + name);
    return data_file::whole(it->second, params, name);
  };
  r.min_percent_ = static_cast<int>(number("min_attendance_percent"));
  if (r.min_percent_ < 1 || r.min_percent_ > 100)
    throw InfrastructureError(params.string() + ": min_attendance_percent out of 1–100");
  r.late_counts_ = number("late_counts_as_present") != 0;
  r.excused_counts_ = number("excused_counts_as_present") != 0;
  return r;
}

const Entry* TrainingRules::find(const std::vector<Entry>& list, const std::string& code) {
  for (const auto& e : list)
    if (e.code == code) return &e;
  return nullptr;
}

std::string TrainingRules::age_band_of(int age) const {
  for (const auto& b : age_bands_)
    if (age >= b.min_age && (!b.max_age || age <= *b.max_age)) return b.code;
  return "";
}

bool TrainingRules::attended(Mark m) const {
  switch (m) {
    case Mark::kPresent:
      return true;
    case Mark::kLate:
      return late_counts_;
    case Mark::kExcused:
      return excused_counts_;
    case Mark::kAbsent:
      return false;
  }
  return false;
}

bool TrainingRules::completes(int attended_sessions, int counted_sessions) const {
  return counted_sessions > 0 && attended_sessions * 100 >= min_percent_ * counted_sessions;
}

}  // namespace htx::training
