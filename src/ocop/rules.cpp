#include "ocop/rules.hpp"

#include <algorithm>

#include "core/data_file.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace htx::ocop {

namespace {

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

[[noreturn]] void bad(const std::filesystem::path& path, const std::string& what) {
  throw InfrastructureError(path.string() + ": " + what);
}

}  // namespace

Date add_months(Date d, int months) {
  int index = d.year() * 12 + (d.month() - 1) + months;
  int year = index / 12, month = index % 12 + 1;
  return *Date::from_ymd(year, month, std::min(d.day(), days_in_month(year, month)));
}

OcopRules OcopRules::load(const std::filesystem::path& data_dir) {
  OcopRules r;
  const auto dir = data_dir / "ocop";
  auto groups_path = dir / "groups.csv";
  for (auto& row : data_file::rows(groups_path, 5)) {
    if (row[1].empty()) {
      r.groups_.push_back(Group{row[0], row[2], row[3], row[4], {}});
      continue;
    }
    auto it = std::find_if(r.groups_.begin(), r.groups_.end(),
                           [&](const Group& g) { return g.code == row[0]; });
    if (it == r.groups_.end()) bad(groups_path, "subgroup " + row[1] + " before its group");
    if (r.group_of_subgroup(row[1])) bad(groups_path, "subgroup " + row[1] + " twice");
    it->subgroups.push_back(Subgroup{row[1], row[2], row[3], row[4]});
  }
  if (r.groups_.empty()) bad(groups_path, "no group");
  auto parts_path = dir / "parts.csv";
  for (auto& row : data_file::rows(parts_path, 5))
    r.parts_.push_back(Part{row[0],
                            static_cast<int>(data_file::whole(row[1], parts_path, "max_points")),
                            row[2], row[3], row[4]});
  int total = 0;
  for (const auto& p : r.parts_) total += p.max_points;
  auto stars_path = dir / "stars.csv";
  for (auto& row : data_file::rows(stars_path, 8)) {
    StarBand b;
    b.stars = static_cast<int>(data_file::whole(row[0], stars_path, "stars", true));
    b.min_points = static_cast<int>(data_file::whole(row[1], stars_path, "min_points"));
    b.max_points = static_cast<int>(data_file::whole(row[2], stars_path, "max_points"));
    b.certified = data_file::whole(row[3], stars_path, "certified") != 0;
    b.level = row[4];
    b.meaning = row[5];
    b.meaning_en = row[6];
    b.source = row[7];
    if (b.certified && b.level != "province" && b.level != "central")
      bad(stars_path, "a certified band needs level province or central");
    r.bands_.push_back(std::move(b));
  }
  std::sort(r.bands_.begin(), r.bands_.end(),
            [](const auto& a, const auto& b) { return a.min_points < b.min_points; });
  if (r.bands_.empty() || r.bands_.front().min_points != 0)
    bad(stars_path, "the first band must start at 0 points");
  for (std::size_t i = 1; i < r.bands_.size(); ++i)
    if (r.bands_[i - 1].max_points + 1 != r.bands_[i].min_points)
      bad(stars_path, "the bands must follow each other");
  if (r.bands_.back().max_points != total)
    bad(stars_path, "the last band must end at the parts' total, " + std::to_string(total));
  auto params_path = dir / "parameters.csv";
  auto params = data_file::parameters(params_path);
  auto it = params.find("validity_months");
  if (it == params.end()) bad(params_path, "validity_months is missing");
  r.validity_months_ =
      static_cast<int>(data_file::whole(it->second, params_path, "validity_months", true));
  auto keywords_path = dir / "keywords.csv";
  for (auto& row : data_file::rows(keywords_path, 2)) {
    if (!r.group_of_subgroup(row[0])) bad(keywords_path, "unknown subgroup " + row[0]);
    r.keywords_.emplace_back(text::fold(row[1]), row[0]);
  }
  return r;
}

const Group* OcopRules::group(const std::string& code) const {
  for (const auto& g : groups_)
    if (g.code == code) return &g;
  return nullptr;
}

const Subgroup* OcopRules::subgroup(const std::string& group_code, const std::string& code) const {
  const Group* g = group(group_code);
  if (!g) return nullptr;
  for (const auto& s : g->subgroups)
    if (s.code == code) return &s;
  return nullptr;
}

const Group* OcopRules::group_of_subgroup(const std::string& code) const {
  for (const auto& g : groups_)
    for (const auto& s : g.subgroups)
      if (s.code == code) return &g;
  return nullptr;
}

const Part* OcopRules::part(const std::string& code) const {
  for (const auto& p : parts_)
    if (p.code == code) return &p;
  return nullptr;
}

const StarBand* OcopRules::band(int stars) const {
  for (const auto& b : bands_)
    if (b.stars == stars) return &b;
  return nullptr;
}

int OcopRules::stars_of(std::int64_t total_tenths) const {
  int stars = bands_.front().stars;
  for (const auto& b : bands_)
    if (total_tenths >= std::int64_t{b.min_points} * 10) stars = b.stars;
  return stars;
}

Date OcopRules::valid_until(Date decided_on) const {
  return add_months(decided_on, validity_months_).add_days(-1);
}

std::optional<std::string> OcopRules::subgroup_for_name(const std::string& name) const {
  const std::string folded = " " + text::fold(name) + " ";
  for (const auto& [keyword, subgroup] : keywords_)
    if (folded.find(" " + keyword + " ") != std::string::npos) return subgroup;
  return std::nullopt;
}

}  // namespace htx::ocop
