#include "stats/report_format.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include "core/csv.hpp"
#include "core/enum_codes.hpp"
#include "core/text.hpp"

namespace htx::stats {

namespace {

using registry::EntityType;

constexpr std::array<EntityType, 3> kTypes = {EntityType::kCooperative, EntityType::kUnion,
                                              EntityType::kGroup};
std::size_t ix(EntityType t) { return static_cast<std::size_t>(t); }

// Display width of UTF-8 text: code points (Vietnamese in NFC is one column each).
std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

std::string capitalise(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// An aligned text table: text columns on the left, numbers on the right, a rule under the
// header and above the total line.
struct TextTable {
  std::vector<std::string> header;
  std::vector<bool> right;  // per column
  std::vector<std::vector<std::string>> rows;
  std::size_t total_row = static_cast<std::size_t>(-1);  // index of a total line, if any

  std::string render() const {
    std::vector<std::size_t> w(header.size(), 0);
    for (std::size_t c = 0; c < header.size(); ++c) w[c] = width(header[c]);
    for (auto& row : rows)
      for (std::size_t c = 0; c < row.size() && c < w.size(); ++c)
        w[c] = std::max(w[c], width(row[c]));
    std::size_t total_width = 0;
    for (auto x : w) total_width += x;
    total_width += w.empty() ? 0 : 2 * (w.size() - 1);
    auto line = [&](const std::vector<std::string>& cells) {
      std::string out;
      for (std::size_t c = 0; c < w.size(); ++c) {
        const std::string cell = c < cells.size() ? cells[c] : std::string();
        const std::string fill(w[c] - std::min(w[c], width(cell)), ' ');
        if (c > 0) out += "  ";
        out += right[c] ? fill + cell : cell + fill;
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out + "\n";
    };
    const std::string rule = std::string(total_width, '-') + "\n";
    std::string out = line(header) + rule;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i == total_row) out += rule;
      out += line(rows[i]);
    }
    return out;
  }
};

const Line* find_line(const std::vector<Line>& lines, const std::string& id) {
  for (auto& l : lines)
    if (l.id == id) return &l;
  return nullptr;
}

ByType sum_lines(const std::vector<Line>& lines) {
  ByType t{};
  for (auto& l : lines)
    for (auto type : kTypes) t[ix(type)] += l.by_type[ix(type)];
  return t;
}

const std::vector<Line>& lines_of(const Figures& f, Breakdown b) {
  static const std::vector<Line> none;
  switch (b) {
    case Breakdown::kRegion:
      return f.regions;
    case Breakdown::kProvince:
      return f.provinces;
    case Breakdown::kSector:
      return f.sectors;
    case Breakdown::kNational:
      return none;
  }
  return none;
}

std::string_view kind_code(PeriodKind k) {
  static constexpr enum_codes::Codes<PeriodKind, 6> kKinds{
      {"month", "quarter", "first_months", "year", "term", "range"}};
  return kKinds.code(k, "range");
}

}  // namespace

std::vector<TargetLine> targets_in_order(const Report& r) {
  std::vector<TargetLine> out = r.targets;
  auto key = [](const TargetLine& t) {
    return std::make_tuple(t.unit_id != kNationalUnit, t.unit_id, static_cast<int>(t.indicator));
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const TargetLine& a, const TargetLine& b) { return key(a) < key(b); });
  return out;
}

std::string_view to_code(Breakdown b) {
  static constexpr enum_codes::Codes<Breakdown, 4> kBreakdowns{
      {"national", "region", "province", "sector"}};
  return kBreakdowns.code(b, "national");
}

std::string_view to_code(geo::Boundaries b) {
  static constexpr enum_codes::Codes<geo::Boundaries, 3> kBoundaries{
      {"registered", "old63", "new34"}};
  return kBoundaries.code(b, "registered");
}

std::optional<Growth> growth_of(std::int64_t now, std::int64_t before) {
  auto g = growth_percent(now, before);
  if (!g) return std::nullopt;
  Growth out;
  out.percent = *g;
  out.up = now >= before;
  out.same = now == before;
  out.decimals = percent_decimals(before);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Words and numbers

std::string ReportFormatter::number(std::int64_t v) const {
  std::string s = text::format_int(v);
  if (catalog_.lang() == i18n::Lang::kEn)
    for (auto& c : s)
      if (c == '.') c = ',';
  return s;
}

std::string ReportFormatter::percent(double value, int decimals) const {
  std::string s = text::format_decimal(value, decimals);
  if (decimals > 0) {
    const std::string zeros = "," + std::string(static_cast<std::size_t>(decimals), '0');
    if (s.size() > zeros.size() && s.compare(s.size() - zeros.size(), zeros.size(), zeros) == 0)
      s.erase(s.size() - zeros.size());
  }
  if (s == "-0") s = "0";
  if (catalog_.lang() == i18n::Lang::kEn)
    for (auto& c : s) {
      if (c == '.')
        c = ',';
      else if (c == ',')
        c = '.';
    }
  return s + "%";
}

std::string ReportFormatter::signed_growth(std::int64_t now, std::int64_t before) const {
  auto g = growth_of(now, before);
  if (!g) return "";
  std::string p = percent(std::fabs(g->percent), g->decimals);
  if (p == "0%") return p;
  return (g->up ? "+" : "-") + p;
}

std::string ReportFormatter::title() const { return t("report.title"); }

std::string ReportFormatter::period_label(const Period& p) const {
  return p.label(catalog_.lang());
}

std::string ReportFormatter::boundaries_label(geo::Boundaries b) const {
  return t("report.boundaries." + std::string(to_code(b)));
}

std::string ReportFormatter::subtitle(const Report& r) const {
  return capitalise(t("report.subtitle", {{"period", period_label(r.period)},
                                          {"start", r.period.start.vietnamese()},
                                          {"end", r.period.end.vietnamese()},
                                          {"boundaries", boundaries_label(r.boundaries)}}));
}

std::string ReportFormatter::comparisons(const Report& r) const {
  return t("report.comparisons", {{"previous", period_label(r.previous.period)},
                                  {"last_year", period_label(r.last_year.period)}});
}

std::string ReportFormatter::type_name(EntityType type) const {
  return t("report.abbr." + std::string(registry::to_code(type)));
}

std::string ReportFormatter::total_name() const { return t("report.total"); }
std::string ReportFormatter::national_name() const { return t("report.national"); }

std::string ReportFormatter::line_name(Breakdown b, const Line& line) const {
  const bool en = catalog_.lang() == i18n::Lang::kEn;
  if (b == Breakdown::kNational) return national_name();
  if (en && b == Breakdown::kRegion)
    if (auto* reg = geo_.region(line.id); reg && !reg->name_en.empty()) return reg->name_en;
  if (en && b == Breakdown::kSector)
    if (auto* s = sectors_.by_id(line.id); s && !s->name_en.empty()) return s->name_en;
  return line.name;
}

std::string ReportFormatter::line_code(Breakdown b, const Line& line) const {
  if (b == Breakdown::kProvince)
    if (auto* p = geo_.province(line.id)) return p->code;
  return line.id;
}

std::string ReportFormatter::indicator_name(Indicator i) const {
  return t("target." + std::string(to_code(i)));
}

std::vector<std::pair<std::string, OcopCounts>> ReportFormatter::ocop_by_unit(
    const Report& r) const {
  std::map<std::string, OcopCounts> by_unit;
  for (const auto& p : r.ocop.provinces) {
    const auto* province = geo_.province(p.province_id);
    const auto* unit = province ? geo_.on_boundaries(*province, r.boundaries) : nullptr;
    auto& c = by_unit[unit ? unit->id : p.province_id];
    c.products += p.counts.products;
    for (std::size_t i = 0; i < 3; ++i) c.stars[i] += p.counts.stars[i];
    c.cooperatives += p.counts.cooperatives;
  }
  std::vector<std::pair<std::string, OcopCounts>> out;
  for (const auto& [id, c] : by_unit) {
    const auto* p = geo_.province(id);
    out.emplace_back(p ? p->name : id, c);
  }
  return out;
}

std::string ReportFormatter::unit_name(const TargetLine& tl) const {
  if (tl.unit_id == kNationalUnit) return national_name();
  if (!tl.unit_name.empty()) return tl.unit_name;
  if (auto* p = geo_.province(tl.unit_id)) return p->name;
  return tl.unit_id;
}

// ---------------------------------------------------------------------------------------------
// Narrative

std::string ReportFormatter::comparison_phrase(const Report& r) const {
  const Period& ly = r.last_year.period;
  switch (r.period.kind) {
    case PeriodKind::kYear:
      return t("report.compare.year", {{"period", period_label(ly)}});
    case PeriodKind::kMonth:
    case PeriodKind::kQuarter:
    case PeriodKind::kFirstMonths:
      return t("report.compare.same_period", {{"year", std::to_string(ly.year)}});
    case PeriodKind::kTerm:
      return t("report.compare.term", {{"period", period_label(ly)}});
    case PeriodKind::kRange:
      return t("report.compare.range");
  }
  return {};
}

// ", tăng 7% so với năm 2020" — or nothing when the base is zero.
std::string ReportFormatter::growth_clause(std::int64_t now, std::int64_t before,
                                           const Report& r) const {
  auto g = growth_of(now, before);
  if (!g) return "";
  const std::string cmp = comparison_phrase(r);
  if (g->same) return ", " + t("report.growth.same", {{"comparison", cmp}});
  return ", " + t(g->up ? "report.growth.up" : "report.growth.down",
                  {{"percent", percent(std::fabs(g->percent), g->decimals)}, {"comparison", cmp}});
}

namespace {
std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}
}  // namespace

std::string ReportFormatter::narrative(const Report& r) const {
  const auto& cur = r.current.national;
  const auto& ly = r.last_year.national;
  const Counts& htx = cur[ix(EntityType::kCooperative)];
  const Counts& lhhtx = cur[ix(EntityType::kUnion)];
  const Counts& tht = cur[ix(EntityType::kGroup)];
  const Counts& htx_ly = ly[ix(EntityType::kCooperative)];
  const Counts& lhhtx_ly = ly[ix(EntityType::kUnion)];
  const Counts& tht_ly = ly[ix(EntityType::kGroup)];
  const PeriodKind kind = r.period.kind;

  const std::string when = capitalise(
      t(kind == PeriodKind::kRange ? "report.narrative.when_range" : "report.narrative.when",
        {{"period", period_label(r.period)}}));
  std::string s = t("report.narrative.founded", {{"when", when}, {"count", number(htx.founded)}});
  s += growth_clause(htx.founded, htx_ly.founded, r);

  // The national plan target, for periods that count from the start of its year.
  if (kind == PeriodKind::kYear || kind == PeriodKind::kFirstMonths) {
    for (auto& tl : r.targets) {
      if (tl.unit_id != kNationalUnit || tl.indicator != Indicator::kFoundedHtx || tl.target <= 0)
        continue;
      const double pct = tl.percent_of_target();
      const int dec = percent_decimals(tl.target);
      const bool over = pct > 100.0;
      s += ", " + t(over ? "report.narrative.target_over" : "report.narrative.target_reached",
                    {{"percent", percent(over ? pct - 100.0 : pct, dec)},
                     {"year", std::to_string(r.period.start.year())}});
      break;
    }
  }

  std::vector<std::string> region_items;
  for (auto& l : r.current.regions)
    region_items.push_back(t("report.narrative.region_item",
                             {{"region", line_name(Breakdown::kRegion, l)},
                              {"count", number(l.by_type[ix(EntityType::kCooperative)].founded)}}));
  const std::string regions = join(region_items, "; ");

  const std::string dissolved = t("report.narrative.dissolved", {{"count", number(htx.dissolved)}});
  const std::string stock =
      t(htx.closing > htx.opening ? "report.narrative.stock_htx_up" : "report.narrative.stock_htx",
        {{"count", number(htx.closing)}}) +
      growth_clause(htx.closing, htx_ly.closing, r) + "; " +
      t("report.narrative.stock_lhhtx", {{"count", number(lhhtx.closing)}}) +
      growth_clause(lhhtx.closing, lhhtx_ly.closing, r) + "; " +
      t("report.narrative.stock_tht", {{"count", number(tht.closing)}}) +
      growth_clause(tht.closing, tht_ly.closing, r);

  if (kind == PeriodKind::kYear || kind == PeriodKind::kTerm) {
    // The annual form (seed 002): one sentence, then the regions.
    s += "; " + dissolved + "; " + stock + ".";
    if (htx.founded > 0 && !region_items.empty())
      s += " " + t("report.narrative.by_region", {{"list", regions}});
  } else {
    // The monthly form (seed 000): the founding by region, then the rest.
    if (htx.founded > 0 && !region_items.empty())
      s += t("report.narrative.details", {{"list", regions}});
    s += ". " + capitalise(dissolved) + "; " + stock + ".";
  }
  s += "\n";

  // The reconciliation, never hidden.
  std::vector<std::string> other_items, unexplained_items;
  for (auto type : kTypes) {
    const Counts& c = cur[ix(type)];
    const std::string noun = t("report.noun." + std::string(registry::to_code(type)));
    if (c.other != 0)
      other_items.push_back(
          t(c.other > 0 ? "report.narrative.other_up" : "report.narrative.other_down",
            {{"count", number(std::llabs(c.other))}, {"type", noun}}));
    if (c.unexplained() != 0)
      unexplained_items.push_back(t("report.narrative.unexplained_item",
                                    {{"count", number(c.unexplained())}, {"type", noun}}));
  }
  auto and_join = [&](const std::vector<std::string>& items) {
    if (items.size() <= 1) return join(items, "");
    std::vector<std::string> head(items.begin(), items.end() - 1);
    return join(head, ", ") + " " + t("report.and") + " " + items.back();
  };
  if (!other_items.empty())
    s += t("report.narrative.other", {{"list", and_join(other_items)}}) + "\n";
  if (!unexplained_items.empty())
    s += t("report.narrative.unexplained", {{"list", and_join(unexplained_items)}}) + "\n";
  // The support funds' lending of the period (seed 003), when handed in.
  if (r.lending.present) {
    const auto tenths = tenths_of_billion(r.lending.new_amount);
    std::string amount = number(tenths / 10);
    if (tenths % 10)
      amount += (catalog_.lang() == i18n::Lang::kEn ? "." : ",") + std::to_string(tenths % 10);
    s += t("report.narrative.lending",
           {{"loans", number(r.lending.new_loans)},
            {"billions", amount},
            {"restructured", number(r.lending.restructured_borrowers)}}) +
         "\n";
  }
  // The OCOP products valid on the period's last day, when handed in.
  if (r.ocop.present)
    s += t("report.narrative.ocop", {{"on", r.ocop.on.vietnamese()},
                                     {"products", number(r.ocop.total.products)},
                                     {"stars3", number(r.ocop.total.stars[0])},
                                     {"stars4", number(r.ocop.total.stars[1])},
                                     {"stars5", number(r.ocop.total.stars[2])},
                                     {"cooperatives", number(r.ocop.total.cooperatives)}}) +
         "\n";
  return s;
}

// ---------------------------------------------------------------------------------------------
// Table

std::string ReportFormatter::table(const Report& r) const {
  std::ostringstream out;
  out << title() << "\n" << subtitle(r) << "\n" << comparisons(r) << "\n";
  int section = 0;
  auto heading = [&](const std::string& text) { out << "\n" << ++section << ". " << text << "\n"; };
  auto n = [this](std::int64_t v) { return number(v); };

  // Reconciliation by type.
  heading(t("report.section.reconciliation"));
  {
    TextTable tt;
    tt.header = {t("report.col.type"),        t("report.col.opening"), t("report.col.founded"),
                 t("report.col.dissolved"),   t("report.col.other"),   t("report.col.closing"),
                 t("report.col.unexplained"), t("report.col.members")};
    tt.right = {false, true, true, true, true, true, true, true};
    auto row = [&](const std::string& name, const Counts& c) {
      tt.rows.push_back({name, n(c.opening), n(c.founded), n(c.dissolved), n(c.other), n(c.closing),
                         n(c.unexplained()), n(c.members)});
    };
    for (auto type : kTypes) row(type_name(type), r.current.national[ix(type)]);
    tt.total_row = tt.rows.size();
    row(total_name(), total(r.current.national));
    out << tt.render();
  }

  // Comparisons: founded and closing stock, with the previous period and a year earlier.
  const bool one_comparison = r.previous.period == r.last_year.period;
  auto comparison = [&](const std::string& title_key, std::int64_t Counts::*field) {
    heading(t(title_key));
    TextTable tt;
    tt.header = {t("report.col.type"), period_label(r.current.period),
                 period_label(r.previous.period), t("report.col.change")};
    tt.right = {false, true, true, true};
    if (!one_comparison) {
      tt.header.push_back(period_label(r.last_year.period));
      tt.header.push_back(t("report.col.change"));
      tt.right.push_back(true);
      tt.right.push_back(true);
    }
    auto row = [&](const std::string& name, const Counts& now, const Counts& prev,
                   const Counts& ly) {
      std::vector<std::string> cells = {name, n(now.*field), n(prev.*field),
                                        signed_growth(now.*field, prev.*field)};
      if (!one_comparison) {
        cells.push_back(n(ly.*field));
        cells.push_back(signed_growth(now.*field, ly.*field));
      }
      tt.rows.push_back(std::move(cells));
    };
    for (auto type : kTypes)
      row(type_name(type), r.current.national[ix(type)], r.previous.national[ix(type)],
          r.last_year.national[ix(type)]);
    tt.total_row = tt.rows.size();
    row(total_name(), total(r.current.national), total(r.previous.national),
        total(r.last_year.national));
    out << tt.render();
  };
  comparison("report.section.founded_compared", &Counts::founded);
  comparison("report.section.closing_compared", &Counts::closing);

  // Plan targets.
  if (!r.targets.empty()) {
    heading(t("report.section.targets", {{"year", std::to_string(r.period.start.year())}}));
    TextTable tt;
    tt.header = {t("report.col.unit"), t("report.col.indicator"), t("report.col.target"),
                 t("report.col.actual"), t("report.col.percent_of_target")};
    tt.right = {false, false, true, true, true};
    for (auto& tl : targets_in_order(r))
      tt.rows.push_back({unit_name(tl), indicator_name(tl.indicator), n(tl.target), n(tl.actual),
                         tl.target > 0
                             ? percent(tl.percent_of_target(), percent_decimals(tl.target))
                             : std::string()});
    out << tt.render();
  }

  // Breakdowns.
  auto breakdown = [&](Breakdown b, const std::string& title_key, const std::string& name_key) {
    heading(t(title_key));
    out << t("report.breakdown_note") << "\n";
    const auto& lines = lines_of(r.current, b);
    const auto& ly_lines = lines_of(r.last_year, b);
    TextTable tt;
    if (b == Breakdown::kProvince) {
      tt.header.push_back(t("report.col.code"));
      tt.right.push_back(false);
    }
    for (auto& h :
         {t(name_key), t("report.col.opening"), t("report.col.founded"), t("report.col.dissolved"),
          t("report.col.other"), t("report.col.closing"),
          t("report.col.change_vs", {{"period", period_label(r.last_year.period)}}),
          type_name(EntityType::kUnion), type_name(EntityType::kGroup), t("report.col.members")})
      tt.header.push_back(h);
    for (bool right : {false, true, true, true, true, true, true, true, true, true})
      tt.right.push_back(right);
    auto row = [&](const std::string& code, const std::string& name, const ByType& bt,
                   const ByType* ly_bt) {
      const Counts& h = bt[ix(EntityType::kCooperative)];
      std::vector<std::string> cells;
      if (b == Breakdown::kProvince) cells.push_back(code);
      cells.insert(cells.end(),
                   {name, n(h.opening), n(h.founded), n(h.dissolved), n(h.other), n(h.closing),
                    ly_bt ? signed_growth(h.closing, (*ly_bt)[ix(EntityType::kCooperative)].closing)
                          : std::string(),
                    n(bt[ix(EntityType::kUnion)].closing), n(bt[ix(EntityType::kGroup)].closing),
                    n(total(bt).members)});
      tt.rows.push_back(std::move(cells));
    };
    for (auto& l : lines) {
      const Line* ly = find_line(ly_lines, l.id);
      row(line_code(b, l), line_name(b, l), l.by_type, ly ? &ly->by_type : nullptr);
    }
    tt.total_row = tt.rows.size();
    const ByType sum = sum_lines(lines), ly_sum = sum_lines(ly_lines);
    row("", total_name(), sum, &ly_sum);
    out << tt.render();
  };
  breakdown(Breakdown::kRegion, "report.section.regions", "report.col.region");
  breakdown(Breakdown::kProvince, "report.section.provinces", "report.col.province");
  breakdown(Breakdown::kSector, "report.section.sectors", "report.col.sector");

  // OCOP products valid on the last day, by province on the report's boundaries (a producer is
  // of one province: the provinces merged into a unit add up).
  if (r.ocop.present) {
    heading(t("report.section.ocop", {{"on", r.ocop.on.vietnamese()}}));
    TextTable tt;
    tt.header = {
        t("report.col.province"),         t("report.col.ocop_products"), "★★★", "★★★★", "★★★★★",
        t("report.col.ocop_cooperatives")};
    tt.right = {false, true, true, true, true, true};
    auto row = [&](const std::string& name, const OcopCounts& c) {
      tt.rows.push_back(
          {name, n(c.products), n(c.stars[0]), n(c.stars[1]), n(c.stars[2]), n(c.cooperatives)});
    };
    for (const auto& [name, c] : ocop_by_unit(r)) row(name, c);
    tt.total_row = tt.rows.size();
    row(total_name(), r.ocop.total);
    out << tt.render();
  }
  return out.str();
}

// ---------------------------------------------------------------------------------------------
// CSV

void ReportFormatter::write_csv(std::ostream& out, const Report& r) const {
  out << "\xEF\xBB\xBF";
  csv::write_record(out,
                    {t("report.col.period"), t("report.col.breakdown"), t("report.col.id"),
                     t("report.col.name"), t("report.col.type"), t("report.col.opening"),
                     t("report.col.founded"), t("report.col.dissolved"), t("report.col.other"),
                     t("report.col.closing"), t("report.col.unexplained"), t("report.col.members"),
                     t("report.col.founded_in", {{"period", period_label(r.previous.period)}}),
                     t("report.col.founded_in", {{"period", period_label(r.last_year.period)}}),
                     t("report.col.closing_in", {{"period", period_label(r.previous.period)}}),
                     t("report.col.closing_in", {{"period", period_label(r.last_year.period)}})},
                    true);
  const std::string code = r.period.code();
  auto put = [&](Breakdown b, const std::string& id, const std::string& name, const ByType& now,
                 const ByType* prev, const ByType* ly) {
    for (auto type : kTypes) {
      const Counts& c = now[ix(type)];
      const Counts none;
      const Counts& p = prev ? (*prev)[ix(type)] : none;
      const Counts& y = ly ? (*ly)[ix(type)] : none;
      auto d = [](std::int64_t v) { return std::to_string(v); };
      csv::write_record(
          out,
          {code, std::string(to_code(b)), id, name, std::string(registry::to_code(type)),
           d(c.opening), d(c.founded), d(c.dissolved), d(c.other), d(c.closing), d(c.unexplained()),
           d(c.members), d(p.founded), d(y.founded), d(p.closing), d(y.closing)},
          true);
    }
  };
  put(Breakdown::kNational, std::string(kNationalUnit), national_name(), r.current.national,
      &r.previous.national, &r.last_year.national);
  for (Breakdown b : {Breakdown::kRegion, Breakdown::kProvince, Breakdown::kSector}) {
    for (auto& l : lines_of(r.current, b)) {
      const Line* p = find_line(lines_of(r.previous, b), l.id);
      const Line* y = find_line(lines_of(r.last_year, b), l.id);
      put(b, l.id, line_name(b, l), l.by_type, p ? &p->by_type : nullptr,
          y ? &y->by_type : nullptr);
    }
  }
}

std::string ReportFormatter::csv(const Report& r) const {
  std::ostringstream out;
  write_csv(out, r);
  return out.str();
}

// ---------------------------------------------------------------------------------------------
// JSON

namespace {

nlohmann::json counts_json(const Counts& c) {
  return {{"opening", c.opening}, {"founded", c.founded}, {"dissolved", c.dissolved},
          {"other", c.other},     {"closing", c.closing}, {"unexplained", c.unexplained()},
          {"members", c.members}};
}

nlohmann::json by_type_json(const ByType& bt) {
  nlohmann::json j = nlohmann::json::object();
  for (auto type : kTypes) j[std::string(registry::to_code(type))] = counts_json(bt[ix(type)]);
  j["total"] = counts_json(total(bt));
  return j;
}

nlohmann::json period_json(const Period& p) {
  return {{"code", p.code()},
          {"kind", std::string(kind_code(p.kind))},
          {"label", p.label(i18n::Lang::kVi)},
          {"label_en", p.label(i18n::Lang::kEn)},
          {"start", p.start.iso()},
          {"end", p.end.iso()}};
}

nlohmann::json lines_json(const std::vector<Line>& lines) {
  nlohmann::json a = nlohmann::json::array();
  for (auto& l : lines)
    a.push_back({{"id", l.id}, {"name", l.name}, {"by_type", by_type_json(l.by_type)}});
  return a;
}

nlohmann::json figures_json(const Figures& f) {
  return {{"period", period_json(f.period)},
          {"national", by_type_json(f.national)},
          {"regions", lines_json(f.regions)},
          {"provinces", lines_json(f.provinces)},
          {"sectors", lines_json(f.sectors)}};
}

}  // namespace

nlohmann::json to_json(const Report& r) {
  nlohmann::json targets = nlohmann::json::array();
  for (auto& tl : r.targets) {
    nlohmann::json j = {{"indicator", std::string(to_code(tl.indicator))},
                        {"unit_id", tl.unit_id},
                        {"unit_name", tl.unit_name},
                        {"target", tl.target},
                        {"actual", tl.actual}};
    j["percent"] = tl.target > 0 ? nlohmann::json(std::round(tl.percent_of_target() * 100) / 100)
                                 : nlohmann::json(nullptr);
    targets.push_back(std::move(j));
  }
  // The OCOP products valid on the period's last day, by province as registered; null when the
  // report was made without them.
  nlohmann::json ocop;
  if (r.ocop.present) {
    auto counts = [](const OcopCounts& c) {
      return nlohmann::json{{"products", c.products},
                            {"stars3", c.stars[0]},
                            {"stars4", c.stars[1]},
                            {"stars5", c.stars[2]},
                            {"cooperatives", c.cooperatives}};
    };
    nlohmann::json provinces = nlohmann::json::array();
    for (const auto& p : r.ocop.provinces) {
      auto j = counts(p.counts);
      j["province_id"] = p.province_id;
      provinces.push_back(std::move(j));
    }
    ocop = {{"on", r.ocop.on.iso()}, {"total", counts(r.ocop.total)}, {"provinces", provinces}};
  }
  return {{"period", period_json(r.period)},
          {"boundaries", std::string(to_code(r.boundaries))},
          {"figures",
           {{"current", figures_json(r.current)},
            {"previous", figures_json(r.previous)},
            {"last_year", figures_json(r.last_year)}}},
          {"targets", std::move(targets)},
          {"ocop", std::move(ocop)}};
}

}  // namespace htx::stats
