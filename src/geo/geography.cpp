#include "geo/geography.hpp"

#include <algorithm>
#include <fstream>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/find.hpp"
#include "core/text.hpp"

namespace htx::geo {

namespace {

std::vector<std::vector<std::string>> read_table(const std::filesystem::path& path,
                                                 std::vector<std::string>& header) {
  auto file = csv::read_data_file(path);
  header = std::move(file.header);
  return std::move(file.rows);
}

std::size_t column(const std::vector<std::string>& header, std::string_view name,
                   const std::filesystem::path& path) {
  auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end())
    throw InfrastructureError("data file " + path.string() + " has no column " + std::string(name));
  return static_cast<std::size_t>(it - header.begin());
}

// Prefixes users put before a province name.
constexpr std::string_view kPrefixes[] = {"thanh pho ", "tinh ", "tp. ", "tp ", "tp.", "t. "};

std::string strip_prefix(std::string folded) {
  for (auto p : kPrefixes) {
    if (folded.rfind(p, 0) == 0) return folded.substr(p.size());
  }
  return folded;
}

}  // namespace

Geography Geography::load(const std::filesystem::path& data_dir) {
  Geography g;
  std::vector<std::string> h;
  auto rpath = data_dir / "geo" / "regions.csv";
  for (auto& r : read_table(rpath, h)) {
    Region reg;
    reg.id = r[column(h, "id", rpath)];
    reg.name = r[column(h, "name", rpath)];
    reg.name_en = r[column(h, "name_en", rpath)];
    reg.sort_order = std::stoi(r[column(h, "sort_order", rpath)]);
    g.regions_.push_back(reg);
  }
  std::sort(g.regions_.begin(), g.regions_.end(),
            [](auto& a, auto& b) { return a.sort_order < b.sort_order; });
  auto ppath = data_dir / "geo" / "provinces.csv";
  for (auto& r : read_table(ppath, h)) {
    Province p;
    p.id = r[column(h, "id", ppath)];
    p.code = r[column(h, "code", ppath)];
    p.name = text::to_nfc(r[column(h, "name", ppath)]);
    p.region_id = r[column(h, "region", ppath)];
    auto from = Date::parse_iso(r[column(h, "valid_from", ppath)]);
    if (!from) throw InfrastructureError("bad valid_from for " + p.id + " in " + ppath.string());
    p.valid_from = *from;
    const auto& to = r[column(h, "valid_to", ppath)];
    if (!to.empty()) {
      p.valid_to = Date::parse_iso(to);
      if (!p.valid_to) throw InfrastructureError("bad valid_to for " + p.id);
    }
    p.successor_id = r[column(h, "successor_id", ppath)];
    if (!g.region(p.region_id))
      throw InfrastructureError("province " + p.id + " names unknown region " + p.region_id);
    if (g.by_id_.count(p.id)) throw InfrastructureError("duplicate province id " + p.id);
    g.by_id_[p.id] = g.provinces_.size();
    g.provinces_.push_back(p);
  }
  for (std::size_t i = 0; i < g.provinces_.size(); ++i) {
    const auto& p = g.provinces_[i];
    if (!p.successor_id.empty() && !g.by_id_.count(p.successor_id))
      throw InfrastructureError("province " + p.id + " names unknown successor " + p.successor_id);
    g.by_key_[p.code].push_back(i);
    if (p.code.size() == 2 && p.code[0] == '0') g.by_key_[p.code.substr(1)].push_back(i);
    g.by_key_[strip_prefix(text::fold(p.name))].push_back(i);
  }
  // Names users also write.
  auto alias = [&](std::string key, std::string_view target_name) {
    for (std::size_t i = 0; i < g.provinces_.size(); ++i)
      if (text::fold(g.provinces_[i].name) == text::fold(target_name)) g.by_key_[key].push_back(i);
  };
  alias("ho chi minh", "TP. Hồ Chí Minh");
  alias("hcm", "TP. Hồ Chí Minh");
  alias("sai gon", "TP. Hồ Chí Minh");
  alias("hue", "Thừa Thiên Huế");
  alias("thua thien hue", "Huế");
  alias("ba ria vung tau", "Bà Rịa – Vũng Tàu");
  alias("ba ria - vung tau", "Bà Rịa – Vũng Tàu");
  alias("brvt", "Bà Rịa – Vũng Tàu");
  return g;
}

const Region* Geography::region(std::string_view id) const {
  return find_by(regions_, &Region::id, id);
}

const Province* Geography::province(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &provinces_[it->second];
}

std::vector<const Province*> Geography::provinces_on(Date d) const {
  std::vector<const Province*> out;
  for (auto& p : provinces_)
    if (p.valid_on(d)) out.push_back(&p);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->code < b->code; });
  return out;
}

const Province* Geography::resolve(std::string_view code_or_name, Date on) const {
  auto key = strip_prefix(text::fold(code_or_name));
  auto it = by_key_.find(key);
  if (it == by_key_.end()) {
    // "Bà Rịa – Vũng Tàu" folds with the dash; try without punctuation.
    std::string k2;
    for (char c : key)
      if (c != '-' && c != '.') k2 += c;
    std::string k3;
    for (char c : k2)
      if (!(c == ' ' && !k3.empty() && k3.back() == ' ')) k3 += c;
    it = by_key_.find(k3);
    if (it == by_key_.end()) return nullptr;
  }
  const Province* oldest = nullptr;
  for (auto i : it->second) {
    const auto& p = provinces_[i];
    if (p.valid_on(on)) return &p;
    if (!oldest || p.valid_from < oldest->valid_from) oldest = &p;
  }
  if (oldest && on < oldest->valid_from) return oldest;
  // A province that no longer existed on that date ("Bắc Giang" in 2026): the unit it merged
  // into, if that one was valid then.
  for (auto i : it->second) {
    const Province* p = &provinces_[i];
    for (int guard = 0; guard < 16 && p && !p->valid_on(on) && !p->successor_id.empty(); ++guard)
      p = province(p->successor_id);
    if (p && p->valid_on(on)) return p;
  }
  return nullptr;
}

const Province* Geography::current_unit(const Province& p) const {
  const Province* cur = &p;
  for (int guard = 0; guard < 16 && !cur->successor_id.empty(); ++guard) {
    cur = province(cur->successor_id);
    if (!cur) return nullptr;
  }
  return cur;
}

const Province* Geography::on_boundaries(const Province& p, Boundaries b) const {
  switch (b) {
    case Boundaries::kAsRegistered:
      return &p;
    case Boundaries::kNew34:
      return current_unit(p);
    case Boundaries::kOld63: {
      if (p.successor_id.empty() && p.valid_to) return &p;
      if (!p.valid_to || p.valid_from.year() >= 2025) {
        // A unit of the new set: the old province of the same code that merged into it, if one
        // exists, else its first predecessor. Records registered on the new boundaries keep
        // their new unit when no single old province matches.
        for (auto& q : provinces_)
          if (q.successor_id == p.id && q.code == p.code) return &q;
        for (auto& q : provinces_)
          if (q.successor_id == p.id) return &q;
      }
      return &p;
    }
  }
  return &p;
}

}  // namespace htx::geo
