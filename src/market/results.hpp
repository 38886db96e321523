// A campaign's or a period's results, from individual sale records: totals by product group ×
// channel × unit (a dimension never added to another), and the alliance's prose:
//   "Kết quả đến hết ngày 02/3/2021 hỗ trợ tiêu thụ gần 550 tấn rau, củ quả các loại, 5 tấn cá,
//    15 tấn gà, 500.000 quả trứng thông qua 08 điểm bán hàng, 60 cửa hàng tiện ích (Coopfood);
//    siêu thị BigC, Lotte"
// with its rounding words ("gần", "trên") derived from the exact figures (data/market/
// narrative.csv) and its outlets counted or named by kind (data/market/outlet_kinds.csv).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "market/catalogue.hpp"

namespace htx::market {

struct OutletKind {
  std::string code;  // "diem_ban"
  std::string name;
  std::string name_en;
  std::string narrative;  // "điểm bán hàng"
  bool counted = true;    // "08 điểm bán hàng" (counted) or "siêu thị BigC, Lotte" (named)
  int sort_order = 0;
  static std::vector<OutletKind> load(const std::filesystem::path& data_dir);
};

struct NarrativeRules {
  int significant_digits = 2;
  int tolerance_percent = 5;
  std::string below_word = "gần";
  std::string above_word = "trên";
  int count_pad_digits = 2;
  static NarrativeRules load(const std::filesystem::path& data_dir);
};

// One sale line as the results read it, or sale lines of one product and outlet added up (the
// seller and the date then left out: `lines` says how many).
struct SaleFact {
  std::string product;        // Product::code
  std::int64_t quantity = 0;  // base units of the product's dimension
  std::int64_t value_dong = 0;
  std::int64_t buyer_id = 0;
  std::string buyer_name;  // the channel: "Saigon Co.op"
  std::int64_t outlet_id = 0;
  std::string outlet_kind;   // OutletKind::code
  std::string outlet_brand;  // "Coopfood", "BigC"
  std::string province_id;   // the seller's
  std::int64_t seller_id = 0;
  Date sold_on;
  std::int64_t lines = 1;  // sale lines this fact stands for (more when read as totals)
};

struct Total {
  std::string group;    // ProductGroup::code
  std::string channel;  // buyer name; "" in a total over every channel
  // The unit the total is stated in: tấn for mass (kg under one tonne), lít for volume, the
  // product's own unit for a count ("qua", "hop").
  std::string unit;
  Dimension dimension = Dimension::kMass;
  std::int64_t quantity = 0;  // base units
  std::int64_t value_dong = 0;
  std::int64_t lines = 0;
};

// By group × channel × unit (channel "" = all channels), ordered by the group's order, then
// channel, then unit. A fact of an unknown product is an InfrastructureError: the store keeps
// only catalogue codes.
std::vector<Total> totals(const std::vector<SaleFact>& facts, const Catalogue& catalogue,
                          bool by_channel);

// A figure in prose: the rounding word ("", "gần", "trên") and the rounded number in Vietnamese
// format, for `quantity` base units stated in `unit`.
struct ProseFigure {
  std::string word;
  std::string number;
};
ProseFigure prose_figure(std::int64_t quantity, const Unit& unit, const NarrativeRules& rules);

// "Kết quả đến hết ngày 02/3/2021 hỗ trợ tiêu thụ …" over the facts sold on or before `as_of`.
std::string narrative(const std::vector<SaleFact>& facts, Date as_of, const Catalogue& catalogue,
                      const std::vector<OutletKind>& kinds, const NarrativeRules& rules);
// A period's: "Từ ngày 01/01/2021 đến hết ngày 31/3/2021, hỗ trợ tiêu thụ …" (the facts are the
// period's; `from` none is the campaign's sentence above).
std::string narrative(const std::vector<SaleFact>& facts, std::optional<Date> from, Date as_of,
                      const Catalogue& catalogue, const std::vector<OutletKind>& kinds,
                      const NarrativeRules& rules);

}  // namespace htx::market
