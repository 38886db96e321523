// Administrative geography as data: reporting regions, provincial units with validity intervals,
// and the succession of merged provinces. Loaded from data/geo/*.csv, never written in code.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"

namespace htx::geo {

struct Region {
  std::string id;  // "bac", "trung", "nam"
  std::string name;
  std::string name_en;
  int sort_order = 0;
};

struct Province {
  std::string id;    // unique across sets: "<code>-<year the set took effect>", e.g. "24-2008"
  std::string code;  // GSO code, e.g. "24"
  std::string name;
  std::string region_id;
  Date valid_from;
  std::optional<Date> valid_to;  // inclusive; none = still valid
  std::string successor_id;      // unit it was merged into, empty if none
  bool valid_on(Date d) const { return d >= valid_from && (!valid_to || d <= *valid_to); }
};

// Which set of provinces a report is shown on.
enum class Boundaries { kAsRegistered, kOld63, kNew34 };

class Geography {
 public:
  // Reads <data_dir>/geo/regions.csv and provinces.csv. Throws InfrastructureError if they are
  // missing or inconsistent (unknown region, dangling successor, duplicate id).
  static Geography load(const std::filesystem::path& data_dir);

  const std::vector<Region>& regions() const { return regions_; }
  const std::vector<Province>& provinces() const { return provinces_; }
  const Region* region(std::string_view id) const;
  const Province* province(std::string_view id) const;

  // Provinces valid on a date, in code order.
  std::vector<const Province*> provinces_on(Date d) const;

  // Finds the unit a user means by a code ("24", "1") or a name with or without diacritics
  // ("Bắc Giang", "bac giang", "Tỉnh Bắc Giang", "TP Hồ Chí Minh", "Huế"), choosing the unit
  // that was valid on the given date (the record's registration date). Dates before the oldest
  // set resolve to the oldest set.
  const Province* resolve(std::string_view code_or_name, Date on) const;

  // The unit of the 34-unit set that a province belongs to now (itself if it is current).
  const Province* current_unit(const Province& p) const;

  // Map a province to the set the report is shown on.
  const Province* on_boundaries(const Province& p, Boundaries b) const;

 private:
  std::vector<Region> regions_;
  std::vector<Province> provinces_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_key_;  // folded name or code
};

}  // namespace htx::geo
