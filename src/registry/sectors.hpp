// The sectors a cooperative registers in, from data/sectors.csv.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace htx::registry {

struct Sector {
  std::string id;
  std::string name;
  std::string name_en;
};

class Sectors {
 public:
  static Sectors load(const std::filesystem::path& data_dir);  // throws InfrastructureError
  const std::vector<Sector>& all() const { return sectors_; }
  const Sector* by_id(std::string_view id) const;
  // By id, Vietnamese or English name, with or without diacritics.
  const Sector* resolve(std::string_view text) const;

 private:
  std::vector<Sector> sectors_;
  std::vector<std::array<std::string, 3>> keys_;  // matching keys of id, name, name_en
};

}  // namespace htx::registry
