#include "market/results_table.hpp"

#include <sstream>

#include "core/csv.hpp"

namespace htx::market {

namespace {

std::string t(const i18n::Catalog& cat, const std::string& key,
              const std::map<std::string, std::string>& p = {}) {
  return cat.text("site.market.page." + key, p);
}

std::string group_name(const Catalogue& catalogue, const std::string& code, i18n::Lang lang) {
  const ProductGroup* g = catalogue.group(code);
  if (!g) return code;
  return lang == i18n::Lang::kEn && !g->name_en.empty() ? g->name_en : g->name;
}

std::string unit_name(const Unit* u, const std::string& code, i18n::Lang lang) {
  if (!u) return code;
  return lang == i18n::Lang::kEn && !u->name_en.empty() ? u->name_en : u->name;
}

std::int64_t per_unit(const Unit* u) { return u && u->base_per_unit > 0 ? u->base_per_unit : 1; }

const CampaignProgress* progress_of(const CampaignResults& r, const std::string& group,
                                    Dimension d) {
  for (auto& p : r.progress)
    if (p.target.group == group && p.target.quantity.dimension == d) return &p;
  return nullptr;
}

}  // namespace

ResultsCell ResultsCell::of_text(std::string v) {
  ResultsCell c;
  c.kind = Kind::kText;
  c.text = std::move(v);
  return c;
}
ResultsCell ResultsCell::of_integer(std::int64_t v) {
  ResultsCell c;
  c.kind = Kind::kInteger;
  c.integer = v;
  return c;
}
ResultsCell ResultsCell::of_quantity(std::int64_t base, std::int64_t base_per_unit) {
  ResultsCell c;
  c.kind = Kind::kQuantity;
  c.integer = base;
  c.base_per_unit = base_per_unit > 0 ? base_per_unit : 1;
  return c;
}
ResultsCell ResultsCell::of_percent(double ratio) {
  ResultsCell c;
  c.kind = Kind::kPercent;
  c.ratio = ratio;
  return c;
}

double ResultsCell::number() const {
  if (kind == Kind::kQuantity)
    return static_cast<double>(integer) / static_cast<double>(base_per_unit);
  if (kind == Kind::kPercent) return ratio;
  return static_cast<double>(integer);
}

std::string ResultsCell::plain() const {
  switch (kind) {
    case Kind::kEmpty:
      return "";
    case Kind::kText:
      return text;
    case Kind::kInteger:
      return std::to_string(integer);
    case Kind::kPercent: {
      std::ostringstream out;
      out.precision(1);
      out << std::fixed << ratio * 100;
      return out.str();
    }
    case Kind::kQuantity:
      break;
  }
  const bool negative = integer < 0;
  const std::uint64_t v =
      negative ? 0 - static_cast<std::uint64_t>(integer) : static_cast<std::uint64_t>(integer);
  const auto d = static_cast<std::uint64_t>(base_per_unit);
  std::string out = (negative ? "-" : "") + std::to_string(v / d);
  std::uint64_t rest = v % d;
  if (rest == 0) return out;
  std::string frac;
  for (std::uint64_t scale = d; scale > 1 && rest != 0; scale /= 10) {
    rest *= 10;
    frac += static_cast<char>('0' + rest / d);
    rest %= d;
  }
  return out + "." + frac;
}

const ResultsSheet* ResultsTable::sheet(const std::string& code) const {
  for (auto& s : sheets)
    if (s.code == code) return &s;
  return nullptr;
}

ResultsTable results_table(const CampaignResults& r, const Catalogue& catalogue,
                           const i18n::Catalog& cat) {
  const i18n::Lang lang = cat.lang();
  ResultsTable table;
  // A campaign's name and code, or the period's dates.
  table.title_rows = {
      r.campaign.code.empty()
          ? (r.from ? t(cat, "period_title",
                        {{"from", r.from->vietnamese()}, {"to", r.as_of.vietnamese()}})
                    : t(cat, "period_title_to", {{"to", r.as_of.vietnamese()}}))
          : r.campaign.name + " (" + r.campaign.code + ")",
      t(cat, "as_of_line", {{"date", r.as_of.vietnamese()}})};
  if (!r.narrative.empty()) table.title_rows.push_back(r.narrative);

  ResultsSheet groups;
  groups.code = "groups";
  groups.name = t(cat, "sheet_groups");
  groups.header = {t(cat, "col_group"),  t(cat, "col_unit"),       t(cat, "col_sold"),
                   t(cat, "col_target"), t(cat, "col_attainment"), t(cat, "col_value"),
                   t(cat, "col_lines")};
  groups.widths = {28, 10, 14, 14, 12, 18, 10};
  std::vector<const CampaignProgress*> shown;
  auto target_cells = [&](const CampaignProgress* p, const Unit* unit, std::int64_t sold,
                          std::vector<ResultsCell>& row) {
    if (!p || p->target.quantity.amount <= 0) {
      row.push_back(ResultsCell::empty());
      row.push_back(ResultsCell::empty());
      return;
    }
    shown.push_back(p);
    row.push_back(ResultsCell::of_quantity(p->target.quantity.amount, per_unit(unit)));
    row.push_back(ResultsCell::of_percent(static_cast<double>(sold) /
                                          static_cast<double>(p->target.quantity.amount)));
  };
  for (auto& total : r.totals) {
    const Unit* unit = catalogue.unit(total.unit);
    std::vector<ResultsCell> row = {ResultsCell::of_text(group_name(catalogue, total.group, lang)),
                                    ResultsCell::of_text(unit_name(unit, total.unit, lang)),
                                    ResultsCell::of_quantity(total.quantity, per_unit(unit))};
    const CampaignProgress* p = progress_of(r, total.group, total.dimension);
    // A group's target is met by all its sales of that dimension, whatever unit they are in.
    target_cells(p, unit, p ? p->sold : total.quantity, row);
    row.push_back(ResultsCell::of_integer(total.value_dong));
    row.push_back(ResultsCell::of_integer(total.lines));
    groups.rows.push_back(std::move(row));
  }
  for (auto& p : r.progress) {
    bool done = false;
    for (auto* s : shown) done = done || s == &p;
    if (done) continue;
    const Unit* unit = catalogue.unit(p.target.unit);
    std::vector<ResultsCell> row = {
        ResultsCell::of_text(group_name(catalogue, p.target.group, lang)),
        ResultsCell::of_text(unit_name(unit, p.target.unit, lang)),
        ResultsCell::of_quantity(p.sold, per_unit(unit))};
    target_cells(&p, unit, p.sold, row);
    row.push_back(ResultsCell::of_integer(0));
    row.push_back(ResultsCell::of_integer(0));
    groups.rows.push_back(std::move(row));
  }

  ResultsSheet channels;
  channels.code = "channels";
  channels.name = t(cat, "sheet_channels");
  channels.header = {t(cat, "col_group"), t(cat, "col_channel"), t(cat, "col_unit"),
                     t(cat, "col_sold"),  t(cat, "col_value"),   t(cat, "col_lines")};
  channels.widths = {28, 24, 10, 14, 18, 10};
  for (auto& total : r.totals_by_channel) {
    const Unit* unit = catalogue.unit(total.unit);
    channels.rows.push_back({ResultsCell::of_text(group_name(catalogue, total.group, lang)),
                             ResultsCell::of_text(total.channel),
                             ResultsCell::of_text(unit_name(unit, total.unit, lang)),
                             ResultsCell::of_quantity(total.quantity, per_unit(unit)),
                             ResultsCell::of_integer(total.value_dong),
                             ResultsCell::of_integer(total.lines)});
  }
  table.sheets = {std::move(groups), std::move(channels)};
  return table;
}

void add_part_sheet(ResultsTable& table, const std::string& code,
                    const std::vector<ResultsPart>& parts, const Catalogue& catalogue,
                    const i18n::Catalog& cat, bool public_view) {
  const i18n::Lang lang = cat.lang();
  ResultsSheet sheet;
  sheet.code = code;
  sheet.name = t(cat, "sheet_" + code);
  sheet.header = {t(cat, "col_" + code), t(cat, "col_group"), t(cat, "col_unit"),
                  t(cat, "col_sold")};
  sheet.widths = {32, 28, 10, 14};
  if (!public_view) {
    sheet.header.push_back(t(cat, "col_value"));
    sheet.widths.push_back(18);
  }
  sheet.header.push_back(t(cat, "col_lines"));
  sheet.widths.push_back(10);
  for (auto& part : parts)
    for (auto& total : part.totals) {
      const Unit* unit = catalogue.unit(total.unit);
      std::vector<ResultsCell> row = {
          ResultsCell::of_text(part.name),
          ResultsCell::of_text(group_name(catalogue, total.group, lang)),
          ResultsCell::of_text(unit_name(unit, total.unit, lang)),
          ResultsCell::of_quantity(total.quantity, per_unit(unit))};
      if (!public_view) row.push_back(ResultsCell::of_integer(total.value_dong));
      row.push_back(ResultsCell::of_integer(total.lines));
      sheet.rows.push_back(std::move(row));
    }
  table.sheets.push_back(std::move(sheet));
}

void write_results_csv(std::ostream& out, const ResultsSheet& sheet) {
  csv::write_record(out, sheet.header, true);
  for (auto& row : sheet.rows) {
    std::vector<std::string> fields;
    fields.reserve(row.size());
    for (auto& c : row) fields.push_back(c.plain());
    csv::write_record(out, fields, true);
  }
}

std::string results_csv(const ResultsSheet& sheet) {
  std::ostringstream out;
  write_results_csv(out, sheet);
  return out.str();
}

}  // namespace htx::market
