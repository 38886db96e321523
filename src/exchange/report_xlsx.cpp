#include "exchange/report_xlsx.hpp"

#include <array>
#include <optional>

#include "exchange/xlsx.hpp"

namespace htx::exchange {

namespace {

using registry::EntityType;
using stats::Breakdown;
using stats::Counts;

constexpr std::array<EntityType, 3> kTypes = {EntityType::kCooperative, EntityType::kUnion,
                                              EntityType::kGroup};
std::size_t ix(EntityType t) { return static_cast<std::size_t>(t); }

XlsxCell growth_cell(std::int64_t now, std::int64_t before) {
  auto g = stats::growth_percent(now, before);
  return g ? XlsxCell::of_percent(*g / 100.0) : XlsxCell::empty();
}

const stats::Line* find_line(const std::vector<stats::Line>& lines, const std::string& id) {
  for (auto& l : lines)
    if (l.id == id) return &l;
  return nullptr;
}

}  // namespace

void write_report_xlsx(const std::string& path, const stats::Report& r,
                       const stats::ReportFormatter& f, std::time_t created) {
  XlsxWriter w(path, created);
  XlsxSheetOptions title;
  title.title_rows = {f.title(), f.subtitle(r), f.comparisons(r)};
  const std::string prev = f.period_label(r.previous.period);
  const std::string ly = f.period_label(r.last_year.period);
  auto t = [&f](std::string_view key, const std::map<std::string, std::string>& p = {}) {
    return f.t(key, p);
  };

  // ---- Summary: reconciliation by type, comparisons, targets ----
  // For a year the previous period is the same period a year earlier: compared once.
  const bool one_comparison = r.previous.period == r.last_year.period;
  std::vector<std::string> header = {t("report.col.type"),        t("report.col.opening"),
                                     t("report.col.founded"),     t("report.col.dissolved"),
                                     t("report.col.other"),       t("report.col.closing"),
                                     t("report.col.unexplained"), t("report.col.members")};
  std::vector<double> widths = {22, 12, 14, 12, 14, 12, 12, 14};
  for (const std::string* label : {&prev, &ly}) {
    if (label == &ly && one_comparison) break;
    for (auto key : {"report.col.founded_in", "report.col.closing_in"}) {
      header.push_back(t(key, {{"period", *label}}));
      header.push_back(t("report.col.change_vs", {{"period", *label}}));
      widths.insert(widths.end(), {20, 12});
    }
  }
  w.add_sheet(t("report.sheet.summary"), header, widths, title);
  auto summary_row = [&](const std::string& name, const Counts& c, const Counts& p,
                         const Counts& y) {
    std::vector<XlsxCell> row = {XlsxCell::of_text(name),
                                 XlsxCell::of_integer(c.opening),
                                 XlsxCell::of_integer(c.founded),
                                 XlsxCell::of_integer(c.dissolved),
                                 XlsxCell::of_integer(c.other),
                                 XlsxCell::of_integer(c.closing),
                                 XlsxCell::of_integer(c.unexplained()),
                                 XlsxCell::of_integer(c.members)};
    for (const Counts* base : {&p, &y}) {
      if (base == &y && one_comparison) break;
      row.insert(row.end(),
                 {XlsxCell::of_integer(base->founded), growth_cell(c.founded, base->founded),
                  XlsxCell::of_integer(base->closing), growth_cell(c.closing, base->closing)});
    }
    w.write_row(row);
  };
  for (auto type : kTypes)
    summary_row(f.type_name(type), r.current.national[ix(type)], r.previous.national[ix(type)],
                r.last_year.national[ix(type)]);
  summary_row(f.total_name(), stats::total(r.current.national), stats::total(r.previous.national),
              stats::total(r.last_year.national));
  if (!r.targets.empty()) {
    w.write_row({});
    w.write_row({XlsxCell::of_text(
        t("report.section.targets", {{"year", std::to_string(r.period.start.year())}}))});
    w.write_row(
        {XlsxCell::of_text(t("report.col.unit")), XlsxCell::of_text(t("report.col.indicator")),
         XlsxCell::of_text(t("report.col.target")), XlsxCell::of_text(t("report.col.actual")),
         XlsxCell::of_text(t("report.col.percent_of_target"))});
    for (auto& tl : stats::targets_in_order(r))
      w.write_row({XlsxCell::of_text(f.unit_name(tl)),
                   XlsxCell::of_text(f.indicator_name(tl.indicator)),
                   XlsxCell::of_integer(tl.target), XlsxCell::of_integer(tl.actual),
                   tl.target > 0 ? XlsxCell::of_percent(tl.percent_of_target() / 100.0)
                                 : XlsxCell::empty()});
  }

  // ---- One sheet per breakdown: a row per (line, type) ----
  XlsxSheetOptions filtered = title;
  filtered.autofilter = true;
  auto breakdown = [&](Breakdown b, const std::string& sheet_key, const std::string& name_key,
                       const std::vector<stats::Line>& lines,
                       const std::vector<stats::Line>& ly_lines) {
    w.add_sheet(
        t(sheet_key),
        {t("report.col.code"), t(name_key), t("report.col.type"), t("report.col.opening"),
         t("report.col.founded"), t("report.col.dissolved"), t("report.col.other"),
         t("report.col.closing"), t("report.col.unexplained"), t("report.col.members"),
         t("report.col.founded_in", {{"period", ly}}), t("report.col.change_vs", {{"period", ly}}),
         t("report.col.closing_in", {{"period", ly}}), t("report.col.change_vs", {{"period", ly}})},
        {12, 30, 14, 12, 14, 12, 14, 12, 12, 14, 18, 12, 18, 12}, filtered);
    for (auto& l : lines) {
      const stats::Line* y = find_line(ly_lines, l.id);
      for (auto type : kTypes) {
        const Counts& c = l.by_type[ix(type)];
        const Counts none;
        const Counts& yc = y ? y->by_type[ix(type)] : none;
        w.write_row({XlsxCell::of_text(f.line_code(b, l)), XlsxCell::of_text(f.line_name(b, l)),
                     XlsxCell::of_text(f.type_name(type)), XlsxCell::of_integer(c.opening),
                     XlsxCell::of_integer(c.founded), XlsxCell::of_integer(c.dissolved),
                     XlsxCell::of_integer(c.other), XlsxCell::of_integer(c.closing),
                     XlsxCell::of_integer(c.unexplained()), XlsxCell::of_integer(c.members),
                     y ? XlsxCell::of_integer(yc.founded) : XlsxCell::empty(),
                     y ? growth_cell(c.founded, yc.founded) : XlsxCell::empty(),
                     y ? XlsxCell::of_integer(yc.closing) : XlsxCell::empty(),
                     y ? growth_cell(c.closing, yc.closing) : XlsxCell::empty()});
      }
    }
  };
  breakdown(Breakdown::kRegion, "report.sheet.regions", "report.col.region", r.current.regions,
            r.last_year.regions);
  breakdown(Breakdown::kProvince, "report.sheet.provinces", "report.col.province",
            r.current.provinces, r.last_year.provinces);
  breakdown(Breakdown::kSector, "report.sheet.sectors", "report.col.sector", r.current.sectors,
            r.last_year.sectors);

  // ---- OCOP products valid on the last day, by unit on the report's boundaries ----
  if (r.ocop.present) {
    w.add_sheet(t("report.sheet.ocop"),
                {t("report.col.province"), t("report.col.ocop_products"), "★★★", "★★★★", "★★★★★",
                 t("report.col.ocop_cooperatives")},
                {30, 16, 10, 10, 10, 22}, title);
    auto ocop_row = [&](const std::string& name, const OcopCounts& c) {
      w.write_row({XlsxCell::of_text(name), XlsxCell::of_integer(c.products),
                   XlsxCell::of_integer(c.stars[0]), XlsxCell::of_integer(c.stars[1]),
                   XlsxCell::of_integer(c.stars[2]), XlsxCell::of_integer(c.cooperatives)});
    };
    for (const auto& [name, c] : f.ocop_by_unit(r)) ocop_row(name, c);
    ocop_row(f.total_name(), r.ocop.total);
  }
  w.close();
}

}  // namespace htx::exchange
