#include "registry/sectors.hpp"

#include <fstream>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/find.hpp"
#include "core/text.hpp"

namespace htx::registry {

namespace {
// "Công nghiệp – tiểu thủ công nghiệp" and "cong nghiep - tieu thu cong nghiep" both match.
std::string key(std::string_view s) {
  std::string out;
  for (char c : text::fold(s)) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) out += c;
  }
  return out;
}
}  // namespace

Sectors Sectors::load(const std::filesystem::path& data_dir) {
  auto path = data_dir / "sectors.csv";
  Sectors s;
  for (const auto& row : csv::read_data_file(path).rows) {
    if (row.size() < 3) throw InfrastructureError("bad row in " + path.string());
    s.sectors_.push_back({row[0], text::to_nfc(row[1]), row[2]});
    s.keys_.push_back({key(row[0]), key(row[1]), key(row[2])});
  }
  return s;
}

const Sector* Sectors::by_id(std::string_view id) const {
  return find_by(sectors_, &Sector::id, id);
}

const Sector* Sectors::resolve(std::string_view t) const {
  if (auto* s = by_id(text::trim(t))) return s;
  auto k = key(t);
  if (k.empty()) return nullptr;
  for (std::size_t i = 0; i < sectors_.size(); ++i)
    for (auto& candidate : keys_[i])
      if (candidate == k) return &sectors_[i];
  return nullptr;
}

}  // namespace htx::registry
