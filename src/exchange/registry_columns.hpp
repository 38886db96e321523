// The columns of a registry file: their headers in Vietnamese and English and the other names
// users give them, from data/registry_columns.csv.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"
#include "registry/entity.hpp"

namespace htx::exchange {

enum class Field {
  kCode,
  kName,
  kType,
  kSector,
  kProvince,
  kAddress,
  kFoundedOn,
  kDissolvedOn,
  kStatus,
  kMembers,
  kEmployees,
  kCharterCapital,
  kRevenue,
  kNewType,
  kOcopProducts,
  kAllianceMember,
};

struct Column {
  Field field;
  std::string id;  // "founded_on"
  std::string header_vi;
  std::string header_en;
  bool required = false;
  std::vector<std::string> keys;  // matching keys: headers and aliases, folded to [a-z0-9]
  const std::string& header(i18n::Lang l) const {
    return l == i18n::Lang::kEn ? header_en : header_vi;
  }
};

class RegistryColumns {
 public:
  static RegistryColumns load(const std::filesystem::path& data_dir);  // throws InfrastructureError
  const std::vector<Column>& all() const { return columns_; }
  const Column& get(Field f) const;
  const Column* by_id(std::string_view id) const;
  // The column a header means, with or without diacritics, in any case, in either language.
  const Column* match(std::string_view header) const;

 private:
  std::vector<Column> columns_;
};

// "Ngày thành lập" -> "ngaythanhlap": the form headers are matched in.
std::string header_key(std::string_view text);

// Excel's name of a column: 0 -> "A", 26 -> "AA".
std::string column_letter(std::size_t index);

// The whole-number member of an entity that `field` names (kMembers, kEmployees,
// kCharterCapital, kRevenue); nullptr for every other field.
std::int64_t registry::Entity::*number_field(Field field);

}  // namespace htx::exchange
