#include "market/results.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/data_file.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace htx::market {

namespace {

using Wide = __int128;

Wide pow10(int k) {
  Wide v = 1;
  for (int i = 0; i < k; ++i) v *= 10;
  return v;
}

// Digits of r × 10^k in Vietnamese format ("550", "5", "0,55", "500.000").
std::string decimal_text(std::int64_t r, int k) {
  if (k >= 0) return text::format_int(static_cast<std::int64_t>(r * pow10(k)));
  std::int64_t div = static_cast<std::int64_t>(pow10(-k));
  std::string out = text::format_int(r / div);
  std::string frac = std::to_string(r % div);
  while (static_cast<int>(frac.size()) < -k) frac.insert(frac.begin(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return frac.empty() ? out : out + "," + frac;
}

std::string padded(std::int64_t n, int digits) {
  std::string s = std::to_string(n);
  while (static_cast<int>(s.size()) < digits) s.insert(s.begin(), '0');
  return s;
}

// "02/3/2021": the day on two digits, the month as it is, as the alliance dates its prose.
std::string prose_date(Date d) {
  return padded(d.day(), 2) + "/" + std::to_string(d.month()) + "/" + std::to_string(d.year());
}

const Product& product_of(const Catalogue& c, const std::string& code) {
  const Product* p = c.product(code);
  if (!p) throw InfrastructureError("sale of a product not in the catalogue: " + code);
  return *p;
}

int group_order(const Catalogue& c, const std::string& group) {
  const ProductGroup* g = c.group(group);
  return g ? g->sort_order : 1 << 20;
}

}  // namespace

std::vector<OutletKind> OutletKind::load(const std::filesystem::path& data_dir) {
  auto path = data_dir / "market" / "outlet_kinds.csv";
  std::vector<OutletKind> kinds;
  for (auto& r : data_file::rows(path, 6)) {
    if (r[4] != "count" && r[4] != "names")
      throw InfrastructureError(path.string() + ": mode of " + r[0] + " is count or names");
    kinds.push_back({r[0], r[1], r[2], r[3], r[4] == "count",
                     static_cast<int>(data_file::whole(r[5], path, "sort_order"))});
  }
  return kinds;
}

NarrativeRules NarrativeRules::load(const std::filesystem::path& data_dir) {
  auto path = data_dir / "market" / "narrative.csv";
  auto p = data_file::parameters(path);
  auto number = [&](const char* name) {
    auto it = p.find(name);
    if (it == p.end()) throw InfrastructureError(path.string() + ": " + name + " is missing");
    return static_cast<int>(data_file::whole(it->second, path, name));
  };
  NarrativeRules rules;
  rules.significant_digits = number("significant_digits");
  rules.tolerance_percent = number("tolerance_percent");
  rules.count_pad_digits = number("count_pad_digits");
  rules.below_word = p.count("below_word") ? p.at("below_word") : "";
  rules.above_word = p.count("above_word") ? p.at("above_word") : "";
  if (rules.significant_digits < 1 || rules.significant_digits > 9)
    throw InfrastructureError(path.string() + ": significant_digits from 1 to 9");
  return rules;
}

std::vector<Total> totals(const std::vector<SaleFact>& facts, const Catalogue& catalogue,
                          bool by_channel) {
  // Key: group, channel, dimension, count unit (a count is of its product's own unit).
  using Key = std::tuple<std::string, std::string, Dimension, std::string>;
  std::map<Key, Total> sums;
  for (const auto& f : facts) {
    const Product& p = product_of(catalogue, f.product);
    std::string count_unit = p.dimension == Dimension::kCount ? p.default_unit : "";
    Key key{p.group, by_channel ? f.buyer_name : "", p.dimension, count_unit};
    auto& t = sums[key];
    t.group = p.group;
    t.channel = std::get<1>(key);
    t.dimension = p.dimension;
    t.unit = count_unit;
    t.quantity += f.quantity;
    t.value_dong += f.value_dong;
    t.lines += f.lines;
  }
  std::vector<Total> out;
  for (auto& [key, t] : sums) {
    // tấn for mass (kg under one tonne), lít for volume, the product's own unit for a count.
    if (t.dimension == Dimension::kMass) t.unit = t.quantity >= 1'000'000 ? "tan" : "kg";
    if (t.dimension == Dimension::kVolume) t.unit = "lit";
    out.push_back(t);
  }
  std::stable_sort(out.begin(), out.end(), [&](const Total& a, const Total& b) {
    auto oa = group_order(catalogue, a.group), ob = group_order(catalogue, b.group);
    if (oa != ob) return oa < ob;
    if (a.channel != b.channel) return text::compare_vi(a.channel, b.channel) < 0;
    return a.unit < b.unit;
  });
  return out;
}

ProseFigure prose_figure(std::int64_t quantity, const Unit& unit, const NarrativeRules& rules) {
  // The exact value is quantity / base; find r × 10^k with `digits` significant digits, half up.
  const Wide x = quantity, b = unit.base_per_unit;
  if (x <= 0) return {"", "0"};
  for (int digits = rules.significant_digits; digits <= 12; ++digits) {
    // k such that 10^(digits-1) ≤ x / (b·10^k) < 10^digits
    int k = -12;
    auto scaled_fits = [&](int kk) {
      // x / (b·10^kk) < 10^digits  ⇔  x < 10^digits · b · 10^kk (kk may be negative)
      if (kk >= 0) return x < pow10(digits) * b * pow10(kk);
      return x * pow10(-kk) < pow10(digits) * b;
    };
    while (!scaled_fits(k)) ++k;
    while (k > -12 && scaled_fits(k - 1)) --k;
    // r = round(x / (b·10^k)), half up
    Wide num = k >= 0 ? x : x * pow10(-k);
    Wide den = k >= 0 ? b * pow10(k) : b;
    Wide r = (2 * num + den) / (2 * den);
    // |r·den − num| / num ≤ tolerance?
    Wide diff = r * den - num;
    Wide abs_diff = diff < 0 ? -diff : diff;
    bool close = abs_diff * 100 <= num * rules.tolerance_percent;
    if (!close && digits < 12) continue;
    ProseFigure f;
    f.number = decimal_text(static_cast<std::int64_t>(r), k);
    if (diff > 0) f.word = rules.below_word;  // exact below the rounded figure: "gần"
    if (diff < 0) f.word = rules.above_word;  // exact above it: "trên"
    return f;
  }
  return {"", text::format_int(quantity)};
}

std::string narrative(const std::vector<SaleFact>& facts, Date as_of, const Catalogue& catalogue,
                      const std::vector<OutletKind>& kinds, const NarrativeRules& rules) {
  return narrative(facts, std::nullopt, as_of, catalogue, kinds, rules);
}

std::string narrative(const std::vector<SaleFact>& facts, std::optional<Date> from, Date as_of,
                      const Catalogue& catalogue, const std::vector<OutletKind>& kinds,
                      const NarrativeRules& rules) {
  std::vector<SaleFact> upto;
  for (const auto& f : facts)
    if (f.sold_on <= as_of) upto.push_back(f);

  // Products: one phrase a group × unit, the group named by its only product when it has one.
  std::map<std::string, std::set<std::string>> products_of_group;
  for (const auto& f : upto)
    products_of_group[product_of(catalogue, f.product).group].insert(f.product);
  std::vector<std::string> phrases;
  for (const auto& t : totals(upto, catalogue, false)) {
    const Unit* u = catalogue.unit(t.unit);
    if (!u) throw InfrastructureError("results: no unit " + t.unit);
    auto figure = prose_figure(t.quantity, *u, rules);
    const auto& only = products_of_group[t.group];
    std::string name = only.size() == 1 ? catalogue.product(*only.begin())->narrative
                                        : catalogue.group(t.group)->narrative;
    std::string phrase = figure.word.empty() ? "" : figure.word + " ";
    phrase += figure.number + " " + u->name + " " + name;
    phrases.push_back(phrase);
  }

  // Outlets: counted kinds ("08 điểm bán hàng, 60 cửa hàng tiện ích (Coopfood)"), then named
  // kinds ("; siêu thị BigC, Lotte").
  std::vector<OutletKind> ordered = kinds;
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.sort_order < b.sort_order; });
  std::vector<std::string> counted, named;
  for (const auto& kind : ordered) {
    std::set<std::int64_t> outlets;
    std::vector<std::string> brands;
    for (const auto& f : upto) {
      if (f.outlet_kind != kind.code) continue;
      outlets.insert(f.outlet_id);
      if (!f.outlet_brand.empty() &&
          std::find(brands.begin(), brands.end(), f.outlet_brand) == brands.end())
        brands.push_back(f.outlet_brand);
    }
    if (outlets.empty()) continue;
    std::sort(brands.begin(), brands.end(),
              [](const auto& a, const auto& b) { return text::compare_vi(a, b) < 0; });
    if (kind.counted) {
      std::string part = padded(static_cast<std::int64_t>(outlets.size()), rules.count_pad_digits) +
                         " " + kind.narrative;
      if (brands.size() == 1) part += " (" + brands.front() + ")";
      counted.push_back(part);
    } else {
      std::string part = kind.narrative;
      for (std::size_t i = 0; i < brands.size(); ++i) part += (i ? ", " : " ") + brands[i];
      named.push_back(part);
    }
  }

  std::string out = from ? "Từ ngày " + prose_date(*from) + " đến hết ngày " + prose_date(as_of) +
                               ", hỗ trợ tiêu thụ "
                         : "Kết quả đến hết ngày " + prose_date(as_of) + " hỗ trợ tiêu thụ ";
  if (phrases.empty()) return out + "chưa có sản phẩm nào";
  for (std::size_t i = 0; i < phrases.size(); ++i) out += (i ? ", " : "") + phrases[i];
  if (!counted.empty() || !named.empty()) {
    out += " thông qua ";
    std::string outlets;
    for (std::size_t i = 0; i < counted.size(); ++i) outlets += (i ? ", " : "") + counted[i];
    for (const auto& n : named) outlets += (outlets.empty() ? "" : "; ") + n;
    out += outlets;
  }
  return out;
}

}  // namespace htx::market
