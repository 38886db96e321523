#include "exchange/registry_columns.hpp"

#include <fstream>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace htx::exchange {

namespace {
constexpr std::pair<std::string_view, Field> kFieldIds[] = {
    {"code", Field::kCode},
    {"name", Field::kName},
    {"type", Field::kType},
    {"sector", Field::kSector},
    {"province", Field::kProvince},
    {"address", Field::kAddress},
    {"founded_on", Field::kFoundedOn},
    {"dissolved_on", Field::kDissolvedOn},
    {"status", Field::kStatus},
    {"members", Field::kMembers},
    {"employees", Field::kEmployees},
    {"charter_capital", Field::kCharterCapital},
    {"revenue", Field::kRevenue},
    {"new_type", Field::kNewType},
    {"ocop_products", Field::kOcopProducts},
    {"alliance_member", Field::kAllianceMember},
};
}  // namespace

std::string header_key(std::string_view s) {
  std::string out;
  for (char c : text::fold(s))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

std::string column_letter(std::size_t i) {
  std::string s;
  ++i;
  while (i > 0) {
    s.insert(s.begin(), static_cast<char>('A' + (i - 1) % 26));
    i = (i - 1) / 26;
  }
  return s;
}

RegistryColumns RegistryColumns::load(const std::filesystem::path& data_dir) {
  auto path = data_dir / "registry_columns.csv";
  RegistryColumns rc;
  for (const auto& row : csv::read_data_file(path).rows) {
    if (row.size() != 5) throw InfrastructureError("bad row in " + path.string());
    Column c;
    c.id = row[0];
    bool known = false;
    for (auto& [id, f] : kFieldIds)
      if (id == c.id) {
        c.field = f;
        known = true;
      }
    if (!known) throw InfrastructureError("unknown field " + c.id + " in " + path.string());
    c.header_vi = text::to_nfc(row[1]);
    c.header_en = row[2];
    c.required = row[3] == "yes";
    c.keys = {header_key(c.header_vi), header_key(c.header_en), header_key(c.id)};
    std::string alias;
    for (char ch : row[4] + "|") {
      if (ch != '|') {
        alias += ch;
        continue;
      }
      if (!alias.empty()) c.keys.push_back(header_key(alias));
      alias.clear();
    }
    rc.columns_.push_back(std::move(c));
  }
  if (rc.columns_.size() != std::size(kFieldIds))
    throw InfrastructureError("registry_columns.csv must list every field once");
  return rc;
}

const Column& RegistryColumns::get(Field f) const {
  for (auto& c : columns_)
    if (c.field == f) return c;
  throw InfrastructureError("registry column missing");
}

const Column* RegistryColumns::by_id(std::string_view id) const {
  for (auto& c : columns_)
    if (c.id == id) return &c;
  return nullptr;
}

const Column* RegistryColumns::match(std::string_view header) const {
  auto k = header_key(header);
  if (k.empty()) return nullptr;
  for (auto& c : columns_)
    for (auto& key : c.keys)
      if (key == k) return &c;
  return nullptr;
}

std::int64_t registry::Entity::*number_field(Field field) {
  static constexpr std::pair<Field, std::int64_t registry::Entity::*> kNumbers[] = {
      {Field::kMembers, &registry::Entity::members},
      {Field::kEmployees, &registry::Entity::employees},
      {Field::kCharterCapital, &registry::Entity::charter_capital},
      {Field::kRevenue, &registry::Entity::revenue}};
  for (auto [f, member] : kNumbers)
    if (f == field) return member;
  return nullptr;
}

}  // namespace htx::exchange
