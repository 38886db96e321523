#include "market/catalogue.hpp"

#include <limits>

#include "core/data_file.hpp"
#include "core/enum_codes.hpp"
#include "core/text.hpp"

namespace htx::market {

namespace {

// A dimension's code and the name of its base unit.
constexpr enum_codes::Codes<Dimension, 3> kDimensions{{"mass", "count", "volume"},
                                                      {"g", "chiếc", "ml"}};

std::int64_t whole(const std::string& text, const std::filesystem::path& path) {
  return data_file::whole(text, path, "size", true);
}

Dimension dimension_of(const std::string& text, const std::filesystem::path& path) {
  auto d = dimension_from_code(text);
  if (!d) throw InfrastructureError(path.string() + ": unknown dimension \"" + text + "\"");
  return *d;
}

// Case- and diacritics-insensitive key of a unit's spelling.
std::string key(std::string_view s) { return text::fold(text::trim(s)); }

bool mul_overflows(std::int64_t a, std::int64_t b) {
  return a != 0 && (b > std::numeric_limits<std::int64_t>::max() / a);
}

}  // namespace

std::string_view to_code(Dimension d) { return kDimensions.code(d); }
std::optional<Dimension> dimension_from_code(std::string_view code) {
  return kDimensions.from_code(code);
}
std::string_view base_unit_code(Dimension d) { return kDimensions.name(d); }

Catalogue Catalogue::load(const std::filesystem::path& data_dir) {
  Catalogue c;
  auto dir = data_dir / "market";
  for (auto& r : data_file::rows(dir / "units.csv", 6)) {
    Unit u{r[0], r[1], r[2], dimension_of(r[3], dir / "units.csv"), whole(r[4], dir / "units.csv"),
           {}};
    std::string_view rest = r[5];
    while (!rest.empty()) {
      auto bar = rest.find('|');
      auto alias = text::trim(rest.substr(0, bar));
      if (!alias.empty()) u.aliases.emplace_back(alias);
      rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
    }
    c.units_.push_back(std::move(u));
  }
  for (auto& r : data_file::rows(dir / "product_groups.csv", 6))
    c.groups_.push_back(
        {r[0], r[1], r[2], r[3], static_cast<int>(whole(r[4], dir / "product_groups.csv")), r[5]});
  for (auto& r : data_file::rows(dir / "products.csv", 7)) {
    Product p{r[0], r[1], r[2], r[3], dimension_of(r[4], dir / "products.csv"), r[5], r[6]};
    if (!c.group(p.group))
      throw InfrastructureError("products.csv: " + p.code + ": unknown group " + p.group);
    const Unit* u = c.unit(p.default_unit);
    if (!u || u->dimension != p.dimension)
      throw InfrastructureError("products.csv: " + p.code + ": default unit " + p.default_unit +
                                " is not of the product's dimension");
    c.products_.push_back(std::move(p));
  }
  for (auto& r : data_file::rows(dir / "conversions.csv", 4)) {
    Conversion v{r[0], r[1], whole(r[2], dir / "conversions.csv"), r[3]};
    const Product* p = c.product(v.product);
    const Unit* u = c.unit(v.unit);
    if (!p || !u)
      throw InfrastructureError("conversions.csv: unknown product or unit in " + v.product + "," +
                                v.unit);
    if (u->dimension == p->dimension)
      throw InfrastructureError("conversions.csv: " + v.product + "," + v.unit +
                                ": a conversion is only for a unit of another dimension");
    if (v.source.empty())
      throw InfrastructureError("conversions.csv: " + v.product + "," + v.unit +
                                ": the source of the conversion is required");
    c.conversions_.push_back(std::move(v));
  }
  return c;
}

const Unit* Catalogue::unit(std::string_view text) const {
  auto k = key(text);
  if (k.empty()) return nullptr;
  for (auto& u : units_)
    if (u.code == text) return &u;
  for (auto& u : units_) {
    if (key(u.code) == k || key(u.name) == k) return &u;
    for (auto& a : u.aliases)
      if (key(a) == k) return &u;
  }
  return nullptr;
}

const Product* Catalogue::product(std::string_view code) const {
  for (auto& p : products_)
    if (p.code == code) return &p;
  return nullptr;
}

const ProductGroup* Catalogue::group(std::string_view code) const {
  for (auto& g : groups_)
    if (g.code == code) return &g;
  return nullptr;
}

std::optional<std::int64_t> Catalogue::base_per_unit(const Product& product,
                                                     const Unit& unit) const {
  // A count is of the product's own unit: eggs in quả, cakes in hộp; a box of eggs is not one egg
  // (only a declared conversion says how many a box holds).
  if (unit.dimension == product.dimension &&
      (product.dimension != Dimension::kCount || unit.code == product.default_unit))
    return unit.base_per_unit;
  for (auto& v : conversions_)
    if (v.product == product.code && v.unit == unit.code) return v.base_per_unit;
  return std::nullopt;
}

Result<Quantity> Catalogue::quantity(const Product& product, std::string_view amount,
                                     std::string_view unit_text, std::string_view field,
                                     std::string_view unit_field) const {
  const Unit* u = unit(unit_text);
  if (!u)
    return Error::invalid(std::string(unit_field), "market.unknown_unit",
                          {{"value", std::string(text::trim(unit_text))}});
  auto per = base_per_unit(product, *u);
  if (!per)
    return Error::invalid(std::string(unit_field), "market.unit_other_dimension",
                          {{"unit", u->name},
                           {"product", product.name},
                           {"dimension", std::string(to_code(product.dimension))}});
  auto trimmed = text::trim(amount);
  if (trimmed.empty()) return Error::invalid(std::string(field), "market.quantity_required");
  auto d = parse_decimal(trimmed);
  if (!d)
    return Error::invalid(std::string(field), "market.quantity_not_a_number",
                          {{"value", std::string(trimmed)}});
  if (d->mantissa <= 0)
    return Error::invalid(std::string(field), "market.quantity_not_positive",
                          {{"value", std::string(trimmed)}});
  // mantissa × per / 10^scale, exactly.
  if (mul_overflows(d->mantissa, *per))
    return Error::invalid(std::string(field), "market.quantity_too_large",
                          {{"value", std::string(trimmed)}});
  std::int64_t scaled = d->mantissa * *per;
  std::int64_t divisor = 1;
  for (int i = 0; i < d->scale; ++i) divisor *= 10;
  if (scaled % divisor != 0)
    return Error::invalid(
        std::string(field), "market.quantity_too_fine",
        {{"value", std::string(trimmed)}, {"base", std::string(base_unit_code(u->dimension))}});
  Quantity q{scaled / divisor, product.dimension};
  return q;
}

std::string Catalogue::amount_in(Quantity q, const Unit& unit) {
  // Three decimals at most, trailing zeros dropped: 1.500.000 g in tấn -> "1,5".
  std::int64_t whole_part = q.amount / unit.base_per_unit;
  std::int64_t rest = q.amount % unit.base_per_unit;
  std::string out = text::format_int(whole_part);
  if (rest == 0) return out;
  // thousandths of the unit, rounded half up
  std::int64_t milli = (rest * 1000 * 2 + unit.base_per_unit) / (2 * unit.base_per_unit);
  if (milli >= 1000) return text::format_int(whole_part + 1);
  std::string frac = std::to_string(milli);
  while (frac.size() < 3) frac.insert(frac.begin(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return frac.empty() ? out : out + "," + frac;
}

}  // namespace htx::market
