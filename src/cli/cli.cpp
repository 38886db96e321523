#include "cli/cli.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "api/public_api.hpp"
#include "areas/accounts_area.hpp"
#include "areas/registry_area.hpp"
#include "areas/statistics_area.hpp"
#include "cli/commands.hpp"
#include "cli/refusal.hpp"
#include "cli/serve_command.hpp"
#include "cli/text_table.hpp"
#include "core/date.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "demo/demo_advisory.hpp"
#include "demo/demo_fund.hpp"
#include "demo/demo_ocop.hpp"
#include "demo/demo_registry.hpp"
#include "demo/demo_training.hpp"
#include "exchange/registry_export.hpp"
#include "exchange/registry_import.hpp"
#include "exchange/report_xlsx.hpp"
#include "geo/geography.hpp"
#include "market/market_service.hpp"
#include "registry/registry_service.hpp"
#include "registry/sectors.hpp"
#include "stats/national_summary.hpp"
#include "stats/period.hpp"
#include "stats/report.hpp"
#include "stats/report_format.hpp"
#include "web/server.hpp"

namespace htx::cli {

namespace {

struct Globals {
  std::string db;
  std::string lang = "vi";
  std::string data_dir;
};

// Everything a command needs, loaded once.
struct Context {
  i18n::Catalog catalog;
  geo::Geography geo;
  registry::Sectors sectors;
  exchange::RegistryColumns columns;
  market::MarketData market;
  fund::FundRules fund_rules;
  ocop::OcopRules ocop_rules;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<accounts::AccessPolicy> access;
  std::unique_ptr<areas::RegistryArea> registry;  // as the operator (every province)
  std::string actor;

  std::string t(std::string_view key, const std::map<std::string, std::string>& p = {}) const {
    return catalog.text(key, p);
  }
};

std::string os_user() {
  if (const char* u = std::getenv("USER"); u && *u) return u;
  if (auto* pw = getpwuid(getuid())) return pw->pw_name;
  return "unknown";
}

// A progress bar on standard error, only when it is a terminal.
std::function<void(double)> progress_bar(const std::string& label) {
  if (!isatty(STDERR_FILENO)) return {};
  return [label, last = -1](double f) mutable {
    int pct = static_cast<int>(f * 100);
    if (pct == last) return;
    last = pct;
    int filled = pct / 4;
    std::fprintf(stderr, "\r%s [%s%s] %3d%%", label.c_str(), std::string(filled, '#').c_str(),
                 std::string(25 - filled, '.').c_str(), pct);
    if (pct >= 100) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  };
}

std::string type_label(const Context& c, registry::EntityType t) {
  return c.t("type." + std::string(registry::to_code(t)));
}

// Pads a UTF-8 string to a display width (counting code points; Vietnamese NFC is one each).
std::string cut(const std::string& s, std::size_t width) {
  std::size_t n = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == width) break;
      ++n;
    }
  }
  return i < s.size() ? s.substr(0, i) : s;
}

int cmd_init(Context& c) {
  std::cout << c.t("init.done", {{"db", std::string(c.db->backend())},
                                 {"version", std::to_string(c.db->schema_version())}})
            << "\n";
  return 0;
}

int cmd_import(Context& c, const std::string& file, bool skip_invalid,
               const std::string& rejected) {
  exchange::RegistryImporter importer(c.registry->service(), *c.db, c.geo, c.sectors, c.columns,
                                      default_clock());
  exchange::ImportOptions opt;
  opt.skip_invalid = skip_invalid;
  opt.rejected_path = rejected;
  opt.actor = c.actor;
  opt.catalog = &c.catalog;
  opt.progress = progress_bar(c.t("import.progress"));
  auto rep = importer.import_file(file, opt);
  if (rep.fatal) {
    std::cerr << c.t("error.prefix") << c.catalog.render(*rep.fatal) << "\n";
    std::cerr << c.t("import.nothing_changed") << "\n";
    return 1;
  }
  if (rep.source_encoding != "UTF-8")
    std::cout << c.t("import.converted", {{"encoding", rep.source_encoding}}) << "\n";
  for (auto& p : rep.problems) {
    std::string where =
        p.column.empty()
            ? c.t("import.at_line", {{"line", std::to_string(p.line)}})
            : c.t("import.at_cell",
                  {{"line", std::to_string(p.line)}, {"column", p.column}, {"header", p.header}});
    std::cerr << where << ": " << c.catalog.render(p.error) << "\n";
  }
  if (rep.problems.size() < rep.rejected)
    std::cerr << c.t("import.more_problems",
                     {{"count", text::format_int(static_cast<std::int64_t>(rep.rejected))}})
              << "\n";
  std::map<std::string, std::string> counts = {
      {"rows", text::format_int(static_cast<std::int64_t>(rep.rows))},
      {"created", text::format_int(static_cast<std::int64_t>(rep.created))},
      {"unchanged", text::format_int(static_cast<std::int64_t>(rep.unchanged))},
      {"rejected", text::format_int(static_cast<std::int64_t>(rep.rejected))}};
  if (!rep.committed) {
    std::cerr << c.t("import.refused", counts) << "\n";
    return 1;
  }
  std::cout << c.t("import.done", counts) << "\n";
  if (!rep.rejected_path.empty())
    std::cout << c.t("import.rejected_written", {{"file", rep.rejected_path}}) << "\n";
  return rep.rejected > 0 ? 1 : 0;
}

int cmd_export(Context& c, const std::string& output) {
  exchange::RegistryExporter ex(c.db->registry(), c.geo, c.sectors, c.columns, c.catalog);
  std::size_t n = 0;
  if (output.empty() || output == "-") {
    n = ex.write_csv(std::cout);
    std::cout.flush();
    return 0;
  }
  if (exchange::format_for_path(output) == exchange::ExportFormat::kXlsx) {
    constexpr std::int64_t kExcelMaxDataRows = 1'048'575;
    if (auto total = c.db->registry().count({}); total > kExcelMaxDataRows) {
      std::cerr << c.t("error.prefix")
                << c.t("export.too_many_for_xlsx", {{"count", text::format_int(total)}}) << "\n";
      return 1;
    }
    // libxlsxwriter writes the file only at the end: find out now whether it can.
    auto parent = std::filesystem::absolute(output).parent_path();
    if (access(parent.c_str(), W_OK) != 0) {
      std::cerr << c.t("error.prefix") << c.t("file.cannot_write", {{"file", output}}) << "\n";
      return 1;
    }
    try {
      n = ex.write_xlsx(output, default_clock().today());
    } catch (const InfrastructureError& e) {
      std::cerr << c.t("error.prefix") << c.t("file.cannot_write", {{"file", output}}) << "\n  "
                << e.what() << "\n";
      return 1;
    }
  } else {
    auto tmp = output + ".part";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) {
        std::cerr << c.t("error.prefix") << c.t("file.cannot_write", {{"file", output}}) << "\n";
        return 1;
      }
      n = ex.write_csv(out);
      out.close();
      if (!out) {
        std::cerr << c.t("error.prefix") << c.t("file.cannot_write", {{"file", output}}) << "\n";
        return 1;
      }
    }
    std::rename(tmp.c_str(), output.c_str());
  }
  std::cout << c.t("export.done",
                   {{"count", text::format_int(static_cast<std::int64_t>(n))}, {"file", output}})
            << "\n";
  return 0;
}

void print_entity_row(const Context& c, const registry::Entity& e) {
  auto* p = c.geo.province(e.province_id);
  std::cout << pad(e.code, 12) << "  " << pad(cut(e.name, 48), 48) << "  "
            << pad(std::string(registry::to_code(e.type)), 6) << "  "
            << pad(p ? p->name : e.province_id, 18) << "  "
            << c.t("status." + std::string(registry::to_code(e.status))) << "\n";
}

int cmd_search(Context& c, const std::string& text, const std::string& type, int limit) {
  areas::RegistryFilter filter;
  filter.text = text;
  filter.type = type;
  auto q = c.registry->query(filter);
  if (!q) return refuse(c.catalog, q.error());
  q->limit = limit;
  auto total = c.registry->count(*q);
  auto rows = c.registry->list(*q);
  std::cout << c.t("search.found", {{"count", text::format_int(total)}, {"text", text}}) << "\n";
  for (auto& e : rows) print_entity_row(c, e);
  if (static_cast<std::int64_t>(rows.size()) < total)
    std::cout << c.t("search.more", {{"shown", std::to_string(rows.size())}}) << "\n";
  return total > 0 ? 0 : 1;
}

int cmd_show(Context& c, const std::string& code) {
  auto h = c.registry->history(code);
  if (!h) {
    std::cerr << c.t("error.prefix") << c.catalog.render(h.error()) << "\n";
    return 1;
  }
  const auto& e = h->entity;
  auto line = [&](std::string_view key, const std::string& v) {
    std::cout << pad(c.t(key), 24) << v << "\n";
  };
  auto* p = c.geo.province(e.province_id);
  auto* r = p ? c.geo.region(p->region_id) : nullptr;
  auto* s = c.sectors.by_id(e.sector_id);
  line("column.code", e.code);
  line("column.name", e.name);
  line("column.type", type_label(c, e.type));
  line("column.sector", s ? s->name : e.sector_id);
  line("column.province", (p ? p->name : e.province_id) + (r ? " (" + r->name + ")" : ""));
  line("column.address", e.address);
  line("column.founded_on", e.founded_on.vietnamese());
  line("column.dissolved_on", e.dissolved_on ? e.dissolved_on->vietnamese() : "");
  line("column.status", c.t("status." + std::string(registry::to_code(e.status))));
  line("column.members", text::format_int(e.members));
  line("column.employees", text::format_int(e.employees));
  line("column.charter_capital", text::format_int(e.charter_capital));
  line("column.revenue", text::format_int(e.revenue));
  line("column.new_type", c.t(e.new_type ? "value.yes" : "value.no"));
  line("column.ocop_products", e.ocop_products);
  line("column.alliance_member", c.t(e.alliance_member ? "value.yes" : "value.no"));
  std::cout << "\n" << c.t("show.history") << "\n";
  for (auto& ev : h->events) {
    std::cout << "  " << ev.effective_on.vietnamese() << "  "
              << pad(c.t("event." + std::string(registry::to_code(ev.kind))), 20) << "  "
              << c.t("show.recorded", {{"actor", ev.actor}, {"at", ev.recorded_at}});
    if (!ev.note.empty()) std::cout << " — " << ev.note;
    std::cout << "\n";
    for (auto& [field, values] : ev.changes.items()) {
      auto fmtv = [](const nlohmann::json& v) {
        return v.is_null() ? std::string("∅") : v.is_string() ? v.get<std::string>() : v.dump();
      };
      std::cout << "      " << field << ": " << fmtv(values[0]) << " → " << fmtv(values[1]) << "\n";
    }
  }
  return 0;
}

int cmd_demo(Context& c, std::uint64_t seed, double scale) {
  if (c.db->registry().count({}) > 0) {
    std::cerr << c.t("error.prefix") << c.t("demo.not_empty") << "\n";
    return 1;
  }
  demo::DemoOptions opt;
  opt.seed = seed;
  opt.scale = scale;
  opt.progress = progress_bar(c.t("demo.progress"));
  opt.work = &c.db->work();
  opt.work_audit = &c.db->audit();
  opt.governance = &c.db->governance();
  opt.reporting = &c.db->reporting();
  opt.market = &c.db->market();
  opt.registry = &c.db->registry();
  auto s = demo::build_demo(c.registry->service(), *c.db, c.db->targets(), c.geo, c.sectors, opt);
  // The areas' demos over the registry's: the support funds' loans, the OCOP certificates of its
  // cooperatives, training's plans and courses of 2020–2022 over the work programme's units, and
  // the advisory cases of 2020–2022 closed with its cooperatives (with Bắc Giang's 2021 plan).
  const Clock& clock = default_clock();
  const demo::DemoContext areas{*c.db, clock.today(), clock.now_iso()};
  demo::build_fund_demo(areas, c.fund_rules);
  demo::build_ocop_demo(areas, c.ocop_rules);
  demo::build_training_demo(areas, training::TrainingRules::load(i18n::data_dir()));
  demo::build_advisory_demo(areas);
  std::cout << c.t("demo.done",
                   {{"htx", text::format_int(static_cast<std::int64_t>(s.cooperatives))},
                    {"lhhtx", text::format_int(static_cast<std::int64_t>(s.unions))},
                    {"tht", text::format_int(static_cast<std::int64_t>(s.groups))},
                    {"dissolved", text::format_int(static_cast<std::int64_t>(s.dissolved))}})
            << "\n";
  return 0;
}

int cmd_serve(Context& c, const std::string& url, const DatabaseOpener& open_database,
              const std::string& host, std::uint16_t port, const std::string& web_dir,
              bool behind_tls) {
  return serve({.database_url = url,
                .open_database = open_database,
                .host = host,
                .port = port,
                .web_dir = web_dir,
                .behind_tls = behind_tls,
                .geo = &c.geo,
                .sectors = &c.sectors,
                .columns = &c.columns,
                .market = &c.market,
                .fund = &c.fund_rules,
                .ocop = &c.ocop_rules,
                .catalog = &c.catalog});
}

int cmd_summary(Context& c, const std::string& as_of_text) {
  Date as_of = default_clock().today();
  if (!as_of_text.empty()) {
    auto d = Date::parse(as_of_text);
    if (!d) {
      std::cerr << c.t("error.prefix") << c.t("field.bad_date", {{"value", as_of_text}}) << "\n";
      return 2;
    }
    as_of = *d;
  }
  areas::StatisticsArea area(*c.db, c.geo, c.sectors);
  auto s = stats::national_summary(area.builder(), c.geo, as_of);
  auto n = [](std::int64_t v) { return text::format_int(v); };
  std::cout << c.t("summary.title", {{"date", as_of.vietnamese()}}) << "\n\n";
  std::cout << c.t("summary.stock", {{"htx", n(s.stock.by_type[0])},
                                     {"lhhtx", n(s.stock.by_type[1])},
                                     {"tht", n(s.stock.by_type[2])},
                                     {"members", n(s.members)}})
            << "\n\n";
  std::cout << pad(c.t("summary.region"), 28) << pad("HTX", 10) << pad("LHHTX", 8) << "THT\n";
  for (auto& r : c.geo.regions()) {
    auto& t = s.stock_by_region[r.id];
    std::cout << pad(c.catalog.lang() == i18n::Lang::kEn ? r.name_en : r.name, 28)
              << pad(n(t.by_type[0]), 10) << pad(n(t.by_type[1]), 8) << n(t.by_type[2]) << "\n";
  }
  std::cout << "\n"
            << pad(c.t("summary.year"), 8) << pad(c.t("summary.founded_htx"), 16)
            << c.t("summary.dissolved_htx") << "\n";
  std::set<int> years;
  for (auto& [year, counts] : s.founded_by_year) years.insert(year);
  for (auto& [year, counts] : s.dissolved_by_year) years.insert(year);
  for (int year : years) {
    std::cout << pad(std::to_string(year), 8) << pad(n(s.founded_by_year[year].by_type[0]), 16)
              << n(s.dissolved_by_year[year].by_type[0]) << "\n";
  }
  return 0;
}

// ---- report, target, stats ------------------------------------------------------------------

// What `htx report` was asked, checked before the database is opened.
struct ReportArgs {
  // As given.
  std::vector<std::string> period_words;
  std::string boundaries_given, format_given = "text", output_given;
  // As checked by prepare_report.
  stats::Period period;
  geo::Boundaries boundaries = geo::Boundaries::kOld63;
  std::string format = "text";
  std::string output;
};

// Parses and checks the arguments of `htx report`; prints the problem and returns the exit code
// (2) when they are wrong, 0 when they are fine.
int prepare_report(const Context& c, ReportArgs& args) {
  const auto& boundaries = args.boundaries_given;
  const auto& format = args.format_given;
  const auto& output = args.output_given;
  std::string period_text;
  for (auto& w : args.period_words) period_text += (period_text.empty() ? "" : " ") + w;
  auto p = stats::parse_period(period_text);
  if (!p) {
    std::cerr << c.t("error.prefix") << c.catalog.render(p.error()) << "\n";
    return 2;
  }
  args.period = *p;
  args.boundaries = stats::default_boundaries(*p);
  const std::string b = text::fold(boundaries);
  if (b == "old" || b == "old63" || b == "63" || b == "cu") {
    args.boundaries = geo::Boundaries::kOld63;
  } else if (b == "new" || b == "new34" || b == "34" || b == "moi") {
    args.boundaries = geo::Boundaries::kNew34;
  } else if (b == "registered" || b == "as-registered") {
    args.boundaries = geo::Boundaries::kAsRegistered;
  } else if (!b.empty()) {
    std::cerr << c.t("error.prefix") << c.t("report.bad_boundaries", {{"value", boundaries}})
              << "\n";
    return 2;
  }
  args.format = format.empty() ? "text" : text::fold(format);
  static const std::set<std::string> kFormats = {"text", "narrative", "table",
                                                 "csv",  "json",      "xlsx"};
  if (!kFormats.count(args.format)) {
    std::cerr << c.t("error.prefix") << c.t("report.bad_format", {{"value", format}}) << "\n";
    return 2;
  }
  args.output = output == "-" ? std::string() : output;
  if (args.format == "xlsx" && args.output.empty()) {
    std::cerr << c.t("error.prefix") << c.t("report.xlsx_needs_output") << "\n";
    return 2;
  }
  return 0;
}

// Writes `bytes` to `file` through a temporary file renamed at the end.
bool write_file(const std::string& file, const std::string& bytes) {
  auto tmp = file + ".part";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return false;
  }
  return std::rename(tmp.c_str(), file.c_str()) == 0;
}

int cmd_report(Context& c, const ReportArgs& a) {
  auto report = areas::StatisticsArea(*c.db, c.geo, c.sectors)
                    .report(a.period, a.boundaries, &c.fund_rules, &c.ocop_rules);
  stats::ReportFormatter f(c.catalog, c.geo, c.sectors);
  const std::string label = f.period_label(a.period);
  if (a.format == "xlsx") {
    auto parent = std::filesystem::absolute(a.output).parent_path();
    if (access(parent.c_str(), W_OK) != 0) {
      std::cerr << c.t("error.prefix") << c.t("file.cannot_write", {{"file", a.output}}) << "\n";
      return 1;
    }
    try {
      exchange::write_report_xlsx(a.output, report, f,
                                  static_cast<std::time_t>(default_clock().today().days()) * 86400);
    } catch (const InfrastructureError& e) {
      std::cerr << c.t("error.prefix") << c.t("file.cannot_write", {{"file", a.output}}) << "\n  "
                << e.what() << "\n";
      return 1;
    }
    std::cout << c.t("report.written", {{"period", label}, {"file", a.output}}) << "\n";
    return 0;
  }
  std::string out;
  if (a.format == "text")
    out = f.text(report);
  else if (a.format == "narrative")
    out = f.narrative(report);
  else if (a.format == "table")
    out = f.table(report);
  else if (a.format == "csv")
    out = f.csv(report);
  else if (a.format == "json")
    out = stats::to_json(report).dump(1) + "\n";
  if (a.output.empty()) {
    std::cout << out;
    std::cout.flush();
    return 0;
  }
  if (!write_file(a.output, out)) {
    std::cerr << c.t("error.prefix") << c.t("file.cannot_write", {{"file", a.output}}) << "\n";
    return 1;
  }
  std::cout << c.t("report.written", {{"period", label}, {"file", a.output}}) << "\n";
  return 0;
}

// A plan year as typed: digits within the years reports accept.
std::optional<int> parse_target_year(const Context& c, const std::string& text) {
  auto v = text::parse_int(text);
  if (!v || *v < stats::kMinPeriodYear || *v > stats::kMaxPeriodYear ||
      text::trim(text).find_first_not_of("0123456789") != std::string_view::npos) {
    std::cerr << c.t("error.prefix")
              << c.t("report.target.bad_year", {{"value", text},
                                                {"min", std::to_string(stats::kMinPeriodYear)},
                                                {"max", std::to_string(stats::kMaxPeriodYear)}})
              << "\n";
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

// What `htx target set` was asked, checked before the database is opened.
struct TargetArgs {
  std::string year, indicator, value, province;  // as given
  stats::Target target;
  std::string unit_name;
};

int prepare_target_set(const Context& c, TargetArgs& a) {
  auto y = parse_target_year(c, a.year);
  if (!y) return 2;
  a.target.year = *y;
  std::string code = text::fold(a.indicator);
  for (auto& ch : code)
    if (ch == '-' || ch == ' ') ch = '_';
  auto ind = stats::indicator_from_code(code);
  if (!ind) {
    std::cerr << c.t("error.prefix") << c.t("report.target.bad_indicator", {{"value", a.indicator}})
              << "\n";
    return 2;
  }
  a.target.indicator = *ind;
  auto v = text::parse_int(a.value);
  if (!v || *v < 0) {
    std::cerr << c.t("error.prefix") << c.t("report.target.bad_value", {{"value", a.value}})
              << "\n";
    return 2;
  }
  a.target.value = *v;
  a.target.unit_id = std::string(stats::kNationalUnit);
  a.unit_name = c.t("report.target.national_unit");
  if (!text::trim(a.province).empty()) {
    auto* p = c.geo.resolve(a.province, *Date::from_ymd(*y, 12, 31));
    if (!p) {
      std::cerr << c.t("error.prefix")
                << c.t("report.target.unknown_province",
                       {{"value", a.province}, {"year", std::to_string(*y)}})
                << "\n";
      return 2;
    }
    a.target.unit_id = p->id;
    a.unit_name = p->name;
  }
  return 0;
}

nlohmann::json target_json(const stats::Target& t) {
  return {{"year", t.year},
          {"unit_id", t.unit_id},
          {"indicator", std::string(stats::to_code(t.indicator))},
          {"value", t.value}};
}

int cmd_target_set(Context& c, const TargetArgs& a) {
  const auto& t = a.target;
  std::optional<stats::Target> before;
  {
    Transaction tx(*c.db);
    before = c.db->targets().get(t.year, t.unit_id, t.indicator);
    c.db->targets().set(t);
    c.db->audit().append(
        {0, default_clock().now_iso(), c.actor, "stats.target.set", "target",
         std::to_string(t.year) + "/" + t.unit_id + "/" + std::string(stats::to_code(t.indicator)),
         before ? target_json(*before).dump() : std::string(), target_json(t).dump()});
    tx.commit();
  }
  std::cout << c.t("report.target.set",
                   {{"indicator", c.t("target." + std::string(stats::to_code(t.indicator)))},
                    {"year", std::to_string(t.year)},
                    {"unit", a.unit_name},
                    {"value", text::format_int(t.value)},
                    {"before",
                     before ? text::format_int(before->value) : c.t("report.target.none_before")}})
            << "\n";
  return 0;
}

int cmd_target_list(Context& c, int year) {
  auto list = c.db->targets().list(year);
  std::stable_partition(list.begin(), list.end(),
                        [](const stats::Target& t) { return t.unit_id == stats::kNationalUnit; });
  if (list.empty()) {
    std::cout << c.t("report.target.list_empty", {{"year", std::to_string(year)}}) << "\n";
    return 0;
  }
  std::cout << c.t("report.target.list_title", {{"year", std::to_string(year)}}) << "\n";
  for (auto& t : list) {
    std::string unit = c.t("report.national");
    if (t.unit_id != stats::kNationalUnit) {
      auto* p = c.geo.province(t.unit_id);
      unit = p ? p->name : t.unit_id;
    }
    std::cout << "  " << pad(unit, 24) << "  "
              << pad(c.t("target." + std::string(stats::to_code(t.indicator))), 32) << "  "
              << text::format_int(t.value) << "\n";
  }
  return 0;
}

int cmd_stats_rebuild(Context& c) {
  c.registry->service().rebuild_flows();
  std::cout << c.t("report.stats_rebuilt") << "\n";
  return 0;
}

}  // namespace

int run(int argc, char** argv, const DatabaseOpener& open_database) {
  return run(argc, argv, open_database, {});
}

int run(int argc, char** argv, const DatabaseOpener& open_database,
        const std::function<std::unique_ptr<store::Backups>(const std::string& url)>& backups) {
  // The language must be known before parsing, for the help text and errors.
  Globals g;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string_view(argv[i]) == "--lang") g.lang = argv[i + 1];
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]).rfind("--lang=", 0) == 0) g.lang = argv[i] + 7;
  if (const char* env = std::getenv("HTX_LANG"); env && g.lang == "vi") g.lang = env;
  auto lang = i18n::parse_lang(g.lang).value_or(i18n::Lang::kVi);
  Context c;
  try {
    for (int i = 1; i + 1 < argc; ++i)
      if (std::string_view(argv[i]) == "--data-dir") setenv("HTX_DATA_DIR", argv[i + 1], 1);
    auto dir = i18n::data_dir();
    c.catalog = i18n::Catalog::load(dir, lang);
    c.geo = geo::Geography::load(dir);
    c.sectors = registry::Sectors::load(dir);
    c.columns = exchange::RegistryColumns::load(dir);
    c.market = market::MarketData::load(dir);
    c.fund_rules = fund::FundRules::load(dir);
    c.ocop_rules = ocop::OcopRules::load(dir);
  } catch (const std::exception& e) {
    std::cerr << "htx: " << e.what() << "\n";
    return 3;
  }
  c.actor = "cli:" + os_user();

  CLI::App app{c.t("cli.description"), "htx"};
  app.require_subcommand(0, 1);  // a mistyped command is then named back by the parser
  app.set_help_flag("-h,--help", c.t("cli.help"));
  app.add_option("--db", g.db, c.t("cli.opt_db"))->envname("HTX_DB");
  app.add_option("--lang", g.lang, c.t("cli.opt_lang"));
  app.add_option("--data-dir", g.data_dir, c.t("cli.opt_data_dir"));
  app.fallthrough();
  // CLI11 words its own errors in English: say in the user's language what happened, with its
  // detail, and where to look.
  app.failure_message([&c](const CLI::App*, const CLI::Error& e) {
    return c.t("cli.parse_error", {{"detail", e.what()}}) + "\n";
  });

  // Every command with its action; the arguments of each are checked (`check`) before a
  // database is opened (or created).
  CommandTable table;
  auto* init = app.add_subcommand("init", c.t("cli.cmd_init"));
  table.on(init, [&c](const CommandContext&) { return cmd_init(c); });

  std::string file, rejected, output, text_arg, type_arg, code, as_of;
  bool skip_invalid = false;
  int limit = 20;
  std::uint64_t seed = 2021;
  double scale = 1.0;

  auto* imp = app.add_subcommand("import", c.t("cli.cmd_import"));
  imp->add_option("FILE", file, c.t("cli.arg_file"))->required();
  imp->add_flag("--skip-invalid", skip_invalid, c.t("cli.opt_skip_invalid"));
  imp->add_option("--rejected", rejected, c.t("cli.opt_rejected"));
  table.on(imp, [&](const CommandContext&) { return cmd_import(c, file, skip_invalid, rejected); });

  auto* exp = app.add_subcommand("export", c.t("cli.cmd_export"));
  exp->add_option("-o,--output", output, c.t("cli.opt_output"));
  table.on(exp, [&](const CommandContext&) { return cmd_export(c, output); });

  auto* demo_cmd = app.add_subcommand("demo", c.t("cli.cmd_demo"));
  demo_cmd->add_option("--seed", seed, c.t("cli.opt_seed"));
  demo_cmd->add_option("--scale", scale, c.t("cli.opt_scale"))->check(CLI::Range(0.0001, 100.0));
  table.on(demo_cmd, [&](const CommandContext&) { return cmd_demo(c, seed, scale); });

  auto* search = app.add_subcommand("search", c.t("cli.cmd_search"));
  search->add_option("TEXT", text_arg, c.t("cli.arg_text"))->required();
  search->add_option("--type", type_arg, c.t("cli.opt_type"));
  search->add_option("--limit", limit, c.t("cli.opt_limit"))->check(CLI::Range(1, 10000));
  table.on(search, [&](const CommandContext&) { return cmd_search(c, text_arg, type_arg, limit); });

  auto* show = app.add_subcommand("show", c.t("cli.cmd_show"));
  show->add_option("CODE", code, c.t("cli.arg_code"))->required();
  table.on(show, [&](const CommandContext&) { return cmd_show(c, code); });

  std::string listen = "127.0.0.1:8080", listen_host;
  std::uint16_t listen_port = 0;
  auto* serve = app.add_subcommand("serve", c.t("cli.cmd_serve"));
  serve->add_option("--listen", listen, c.t("cli.opt_listen"));
  std::string web_dir;
  serve->add_option("--web-dir", web_dir, c.t("cli.opt_web_dir"))->envname("HTX_WEB_DIR");
  bool behind_tls = false;
  serve->add_flag("--behind-tls", behind_tls, c.t("cli.opt_behind_tls"))->envname("HTX_BEHIND_TLS");
  table.on(
      serve,
      [&](const CommandContext& x) {
        return cmd_serve(c, x.url, open_database, listen_host, listen_port, web_dir, behind_tls);
      },
      [&](const CommandContext&) {
        auto colon = listen.rfind(':');
        int port = -1;
        if (colon != std::string::npos && colon > 0 && colon + 1 < listen.size() &&
            listen.size() - colon - 1 <= 5 &&
            listen.find_first_not_of("0123456789", colon + 1) == std::string::npos)
          port = std::stoi(listen.substr(colon + 1));
        if (port < 0 || port > 65535) {
          std::cerr << c.t("error.prefix") << c.t("cli.bad_listen", {{"value", listen}}) << "\n";
          return 2;
        }
        listen_host = listen.substr(0, colon);
        listen_port = static_cast<std::uint16_t>(port);
        return 0;
      });

  auto* summary = app.add_subcommand("summary", c.t("cli.cmd_summary"));
  summary->add_option("--as-of", as_of, c.t("cli.opt_as_of"));
  table.on(summary, [&](const CommandContext&) { return cmd_summary(c, as_of); });

  ReportArgs report;
  auto* report_cmd = app.add_subcommand("report", c.t("report.cli.cmd_report"));
  report_cmd->add_option("PERIOD", report.period_words, c.t("report.cli.arg_period"))->required();
  report_cmd->add_option("--boundaries", report.boundaries_given, c.t("report.cli.opt_boundaries"));
  report_cmd->add_option("--format", report.format_given, c.t("report.cli.opt_format"));
  report_cmd->add_option("-o,--output", report.output_given, c.t("report.cli.opt_output"));
  table.on(
      report_cmd, [&](const CommandContext&) { return cmd_report(c, report); },
      [&](const CommandContext&) { return prepare_report(c, report); });

  TargetArgs target;
  int list_year = 0;
  auto* target_cmd = app.add_subcommand("target", c.t("report.cli.cmd_target"));
  target_cmd->require_subcommand(1);
  auto* target_set = target_cmd->add_subcommand("set", c.t("report.cli.cmd_target_set"));
  target_set->add_option("YEAR", target.year, c.t("report.cli.arg_year"))->required();
  target_set->add_option("INDICATOR", target.indicator, c.t("report.cli.arg_indicator"))
      ->required();
  target_set->add_option("VALUE", target.value, c.t("report.cli.arg_value"))->required();
  target_set->add_option("--province", target.province, c.t("report.cli.opt_province"));
  table.on(
      target_set, [&](const CommandContext&) { return cmd_target_set(c, target); },
      [&](const CommandContext&) { return prepare_target_set(c, target); });
  auto* target_list = target_cmd->add_subcommand("list", c.t("report.cli.cmd_target_list"));
  target_list->add_option("YEAR", target.year, c.t("report.cli.arg_year"))->required();
  table.on(
      target_list, [&](const CommandContext&) { return cmd_target_list(c, list_year); },
      [&](const CommandContext&) {
        auto y = parse_target_year(c, target.year);
        if (!y) return 2;
        list_year = *y;
        return 0;
      });

  auto* stats_cmd = app.add_subcommand("stats", c.t("report.cli.cmd_stats"));
  stats_cmd->require_subcommand(1);
  table.on(stats_cmd->add_subcommand("rebuild", c.t("report.cli.cmd_stats_rebuild")),
           [&c](const CommandContext&) { return cmd_stats_rebuild(c); });

  // Each area's commands, added to the command line in this order.
  for (auto* add :
       {add_user_commands, add_work_commands, add_governance_commands, add_reporting_commands,
        add_market_commands, add_fund_commands, add_ocop_commands, add_training_commands,
        add_advice_commands, add_profile_commands, add_backup_commands})
    add(app, table, c.catalog);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // help printed, or a usage error
  }

  if (app.get_subcommands().empty()) {
    std::cerr << c.t("cli.no_command") << "\n";
    return 2;
  }
  const auto* command = table.chosen();
  if (!command) return 2;

  std::string url;
  try {
    url = store::database_url(g.db);
    CommandContext x{c.catalog,    c.geo,   c.sectors, c.market, c.fund_rules,
                     c.ocop_rules, c.actor, url,       backups};
    if (command->check)
      if (int rc = command->check(x)) return rc;
    // Before the database is opened: a restore must not create or migrate its target.
    if (command->when == When::kBeforeOpen) return command->run(x);
    c.db = open_database(url);
    c.access = std::make_unique<accounts::AccessPolicy>(c.geo);
    c.registry = std::make_unique<areas::RegistryArea>(
        *c.db, *c.access, c.geo, c.sectors, default_clock(), areas::operator_caller(c.actor));
    x.database = c.db.get();
    return command->run(x);
  } catch (const std::exception& e) {
    std::cerr << c.t("error.prefix") << c.t("error.internal") << "\n  " << e.what() << "\n";
    return 3;
  }
}

}  // namespace htx::cli
