// The exchange's catalogue: units with their dimension, product groups, products and the few
// conversions across dimensions that data/market/conversions.csv declares. A quantity is an
// integer count of its dimension's base unit (gram, piece, millilitre) and never changes
// dimension unless the catalogue says how: totals never add kilograms to eggs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"

namespace htx::market {

enum class Dimension { kMass, kCount, kVolume };
std::string_view to_code(Dimension d);
std::optional<Dimension> dimension_from_code(std::string_view code);
// The base unit's name in the page's words: "g", "quả/chiếc", "ml".
std::string_view base_unit_code(Dimension d);

struct Unit {
  std::string code;     // "tan"
  std::string name;     // "tấn"
  std::string name_en;  // "tonne"
  Dimension dimension = Dimension::kMass;
  std::int64_t base_per_unit = 1;  // grams in a tấn: 1.000.000
  std::vector<std::string> aliases;
};

struct ProductGroup {
  std::string code;  // "rau_qua"
  std::string name;
  std::string name_en;
  std::string ocop_group;  // the OCOP product group (Decision 148/QĐ-TTg)
  int sort_order = 0;
  std::string narrative;  // as the alliance's prose names it: "rau, củ quả các loại"
};

struct Product {
  std::string code;  // "trung_ga"
  std::string name;
  std::string name_en;
  std::string group;  // ProductGroup::code
  Dimension dimension = Dimension::kMass;
  std::string default_unit;  // Unit::code
  std::string narrative;     // "cá", "gà", "trứng gà"
};

// A unit of another dimension that one product may be written in: 1 combo of combo_rau = 5.000 g.
struct Conversion {
  std::string product;
  std::string unit;
  std::int64_t base_per_unit = 0;  // in the product's dimension's base unit
  std::string source;
};

struct Quantity {
  std::int64_t amount = 0;  // base units of `dimension`
  Dimension dimension = Dimension::kMass;
  bool operator==(const Quantity&) const = default;
};

class Catalogue {
 public:
  // Reads data_dir/market/{units,product_groups,products,conversions}.csv; a bad file is an
  // InfrastructureError naming the file and line.
  static Catalogue load(const std::filesystem::path& data_dir);

  const std::vector<Unit>& units() const { return units_; }
  const std::vector<ProductGroup>& groups() const { return groups_; }
  const std::vector<Product>& products() const { return products_; }
  const std::vector<Conversion>& conversions() const { return conversions_; }

  // By code, name or alias, ignoring case and diacritics ("tấn", "tan", "Tấn").
  const Unit* unit(std::string_view text) const;
  const Product* product(std::string_view code) const;
  const ProductGroup* group(std::string_view code) const;

  // How many of the product's base units one `unit` is: its own size in the product's
  // dimension (for a count, only the product's own unit), or the declared conversion; nullopt
  // when the unit cannot measure the product.
  std::optional<std::int64_t> base_per_unit(const Product& product, const Unit& unit) const;

  // "1,5" tấn of rau_cu -> 1.500.000 g. Refused (kind invalid, on `field`): empty, not a number,
  // zero or negative, finer than the base unit, too large, an unknown unit, a unit that cannot
  // measure the product. `unit_field` names the unit's input in the message.
  Result<Quantity> quantity(const Product& product, std::string_view amount, std::string_view unit,
                            std::string_view field, std::string_view unit_field) const;

  // The amount in `unit`, Vietnamese decimals, at most three: (1.500.000 g, tấn) -> "1,5".
  static std::string amount_in(Quantity q, const Unit& unit);

 private:
  std::vector<Unit> units_;
  std::vector<ProductGroup> groups_;
  std::vector<Product> products_;
  std::vector<Conversion> conversions_;
};

using text::Decimal;
using text::parse_decimal;

}  // namespace htx::market
