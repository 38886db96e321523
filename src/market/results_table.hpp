// A campaign's results as the tables its page, its CSV and its .xlsx show: the title rows (the
// campaign, the date, the alliance's sentence) and two sheets — by product group × unit with the
// target and its attainment, and by group × channel × unit. Quantities are stated in the unit
// the results chose (tấn, kg, quả, lít …), values in đồng. Headings come from the catalogue
// ("site.market.page.col_*", "site.market.page.sheet_*").
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "market/catalogue.hpp"
#include "market/market_service.hpp"

namespace htx::market {

struct ResultsCell {
  enum class Kind { kEmpty, kText, kInteger, kQuantity, kPercent };
  Kind kind = Kind::kEmpty;
  std::string text;                // kText
  std::int64_t integer = 0;        // kInteger; kQuantity: base units
  std::int64_t base_per_unit = 1;  // kQuantity: base units in one unit of the row
  double ratio = 0;                // kPercent: 0.5 = 50 %

  static ResultsCell empty() { return {}; }
  static ResultsCell of_text(std::string t);
  static ResultsCell of_integer(std::int64_t v);
  static ResultsCell of_quantity(std::int64_t base, std::int64_t base_per_unit);
  static ResultsCell of_percent(double ratio);
  // The quantity in its unit as an exact decimal with '.' (1.500.000 g in tấn -> "1.5"); for
  // the CSV.
  std::string plain() const;
  double number() const;  // kQuantity in its unit
};

struct ResultsSheet {
  std::string code;  // "groups", "channels": the CSV's ?sheet=
  std::string name;  // as the workbook's tab shows it
  std::vector<std::string> header;
  std::vector<double> widths;
  std::vector<std::vector<ResultsCell>> rows;
};

struct ResultsTable {
  std::vector<std::string> title_rows;  // name (code), "as of", the narrative
  std::vector<ResultsSheet> sheets;     // groups, then channels
  const ResultsSheet* sheet(const std::string& code) const;
};

// The tables of `results`: rows in the results' order; a target without any sale yet is a row
// with 0 sold.
ResultsTable results_table(const CampaignResults& results, const Catalogue& catalogue,
                           const i18n::Catalog& cat);

// A part of the results: the sales of one province's sellers, or of one seller (a cooperative),
// by group × unit.
struct ResultsPart {
  std::string key;   // the province's id, the entity's code
  std::string name;  // as shown
  std::vector<Total> totals;
};

// Adds the sheet `code` ("provinces", "cooperatives"): a row per part × group × unit with the
// part's name (its heading "site.market.page.col_<code>"), the quantity, the lines and, unless
// `public_view`, the value in đồng (the public sees no cooperative's value, so no price).
void add_part_sheet(ResultsTable& table, const std::string& code,
                    const std::vector<ResultsPart>& parts, const Catalogue& catalogue,
                    const i18n::Catalog& cat, bool public_view);

// One sheet as CSV (RFC 4180, CRLF, UTF-8): the header, then its rows; numbers plain.
void write_results_csv(std::ostream& out, const ResultsSheet& sheet);
std::string results_csv(const ResultsSheet& sheet);

}  // namespace htx::market
