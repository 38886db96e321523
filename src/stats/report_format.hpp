// How a statistical report (stats/report.hpp) is shown: a narrative in the alliance's own
// wording ("Năm 2021 cả nước thành lập mới 2.283 HTX, tăng 7% so với năm 2020, vượt 52,2% chỉ
// tiêu kế hoạch đề ra năm 2021; ..."), a terminal table, a CSV file and JSON. Every word comes
// from the message catalogue (keys "report.*"), so the same report reads in Vietnamese or in
// English; region and sector names are taken in the catalogue's language from the data files.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/i18n.hpp"
#include "geo/geography.hpp"
#include "registry/sectors.hpp"
#include "stats/report.hpp"

namespace htx::stats {

// Which breakdown a line of a report belongs to.
enum class Breakdown { kNational, kRegion, kProvince, kSector };
std::string_view to_code(Breakdown b);        // "national", "region", "province", "sector"
std::string_view to_code(geo::Boundaries b);  // "old63", "new34", "registered"

// Growth rounded as the alliance writes it: percent_decimals(before) decimals, a trailing ",0"
// dropped (7,0 -> 7). Nothing when before is zero. Magnitude only; the sign is in `up`.
struct Growth {
  bool up = true;      // now >= before
  bool same = false;   // now == before
  double percent = 0;  // signed
  int decimals = 0;
};
std::optional<Growth> growth_of(std::int64_t now, std::int64_t before);

class ReportFormatter {
 public:
  // All three must outlive the formatter.
  ReportFormatter(const i18n::Catalog& catalog, const geo::Geography& geo,
                  const registry::Sectors& sectors)
      : catalog_(catalog), geo_(geo), sectors_(sectors) {}

  // The alliance-style text: the founding sentence (with growth on the same period a year
  // earlier and, for a year or the first months of a year, the national plan target), the
  // regional breakdown, the stock of each type, and the reconciliation when other flows or an
  // unexplained difference exist. Ends with a line break.
  std::string narrative(const Report& r) const;

  // Aligned terminal table (widths in code points): reconciliation by type, comparisons with
  // the previous period and the same period a year earlier, plan targets, then by region, by
  // province (on the report's boundaries) and by sector. Ends with a line break.
  std::string table(const Report& r) const;

  // narrative, a blank line, table.
  std::string text(const Report& r) const { return narrative(r) + "\n" + table(r); }

  // One CSV (UTF-8 BOM, CRLF): period, breakdown code, id, name, type code, then the figures in
  // plain digits; one line per (line of a breakdown, entity type).
  void write_csv(std::ostream& out, const Report& r) const;
  std::string csv(const Report& r) const;

  // ---- pieces shared with the other outputs (the .xlsx writer) ----
  const i18n::Catalog& catalog() const { return catalog_; }
  std::string t(std::string_view key, const std::map<std::string, std::string>& p = {}) const {
    return catalog_.text(key, p);
  }
  std::string title() const;                       // "BÁO CÁO THỐNG KÊ KINH TẾ TẬP THỂ"
  std::string subtitle(const Report& r) const;     // period label, dates, boundaries
  std::string comparisons(const Report& r) const;  // which periods the comparisons are with
  std::string period_label(const Period& p) const;
  std::string boundaries_label(geo::Boundaries b) const;
  std::string type_name(registry::EntityType type) const;  // "HTX" / "Cooperatives"
  std::string total_name() const;                          // "Tổng cộng" / "Total"
  std::string national_name() const;                       // "Cả nước" / "Nationwide"
  // The name of a line in the catalogue's language (English region and sector names).
  std::string line_name(Breakdown b, const Line& line) const;
  // GSO code of a province line, the id otherwise.
  std::string line_code(Breakdown b, const Line& line) const;
  std::string indicator_name(Indicator i) const;
  std::string unit_name(const TargetLine& t) const;
  // The OCOP products valid on the last day by unit on the report's boundaries (a producer is of
  // one province: the provinces merged into a unit add up): (unit name, counts), by unit id.
  std::vector<std::pair<std::string, OcopCounts>> ocop_by_unit(const Report& r) const;
  // Numbers in the catalogue's language: "27.394" / "27,394"; "52,2%" / "52.2%".
  std::string number(std::int64_t v) const;
  std::string percent(double value, int decimals) const;  // trailing ",0" dropped
  // "+7%", "-0,4%", "0%", or "" when there is no base.
  std::string signed_growth(std::int64_t now, std::int64_t before) const;

 private:
  std::string growth_clause(std::int64_t now, std::int64_t before, const Report& r) const;
  std::string comparison_phrase(const Report& r) const;

  const i18n::Catalog& catalog_;
  const geo::Geography& geo_;
  const registry::Sectors& sectors_;
};

// The report's plan targets, the national ones first, then by province id and indicator.
std::vector<TargetLine> targets_in_order(const Report& r);

// The report as JSON: period {code, kind, label, label_en, start, end}, boundaries, figures of
// current / previous / last_year (national by type with a total, regions, provinces, sectors,
// each with opening, founded, dissolved, other, closing, unexplained, members), and targets
// with percent. Names are those of the data files (Vietnamese).
nlohmann::json to_json(const Report& r);

}  // namespace htx::stats
