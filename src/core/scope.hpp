// The provinces a caller may read and write for. It fails closed by construction: there is no
// default value and no default argument; a scope is built explicitly, as all() for national
// roles and the command line, or from a user's provinces (AccessPolicy::scope), or none().
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace htx {

class ProvinceScope {
 public:
  // Every province and the units without a province (the national alliance, its departments).
  static ProvinceScope all() { return ProvinceScope(true, {}); }
  // Exactly these provinces (ids such as "24-2025"); an empty list allows nothing.
  static ProvinceScope of(std::vector<std::string> province_ids) {
    return ProvinceScope(false, std::move(province_ids));
  }
  static ProvinceScope none() { return ProvinceScope(false, {}); }

  bool is_all() const { return all_; }
  // A record of `province_id` ("" for a national unit: only all() allows it).
  bool allows(std::string_view province_id) const {
    if (all_) return true;
    if (province_id.empty()) return false;
    return std::find(ids_.begin(), ids_.end(), province_id) != ids_.end();
  }
  // The listed provinces (empty for all()).
  const std::vector<std::string>& provinces() const { return ids_; }
  // As a query filter: nullopt = no province filter (all()), else the provinces.
  std::optional<std::vector<std::string>> filter() const {
    if (all_) return std::nullopt;
    return ids_;
  }

  bool operator==(const ProvinceScope&) const = default;

 private:
  ProvinceScope(bool all, std::vector<std::string> ids) : all_(all), ids_(std::move(ids)) {}
  bool all_;
  std::vector<std::string> ids_;
};

}  // namespace htx
