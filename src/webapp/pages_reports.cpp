// GET /reports and /reports/download: the statistical report of a period, for everyone.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "areas/statistics_area.hpp"
#include "exchange/report_xlsx.hpp"
#include "stats/period.hpp"
#include "stats/report.hpp"
#include "stats/report_format.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

using stats::Breakdown;

// A file name made of the period's code: "bao-cao-2021-Q1.xlsx".
std::string file_name(const stats::Period& p, const char* ext) {
  std::string code = p.code();
  for (auto& c : code)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '_';
  return "bao-cao-" + code + "." + ext;
}

struct ReportRequest {
  std::string period_text;
  std::string boundaries_text;
  std::optional<stats::Period> period;
  geo::Boundaries boundaries = geo::Boundaries::kOld63;
  std::string period_error, boundaries_error;
};

ReportRequest read_request(Page& page) {
  ReportRequest r;
  r.period_text = std::string(text::trim(page.query("period")));
  r.boundaries_text = page.query("boundaries");
  if (r.period_text.empty()) return r;
  if (r.period_text.size() > 100) r.period_text.resize(100);
  auto parsed = areas::StatisticsArea::period(r.period_text);
  if (!parsed) {
    r.period_error = page.cat.render(parsed.error());
    return r;
  }
  r.period = *parsed;
  auto b = areas::StatisticsArea::boundaries(*parsed, r.boundaries_text);
  r.boundaries = b ? *b : stats::default_boundaries(*parsed);
  if (!b) r.boundaries_error = page.cat.render(b.error());
  return r;
}

stats::Report build(Page& page, const Site& site, const ReportRequest& r) {
  areas::StatisticsArea area(*page.services.db, *site.ctx().geo, *site.ctx().sectors);
  return area.report(*r.period, r.boundaries, site.ctx().fund, site.ctx().ocop);
}

json line_table(const stats::ReportFormatter& fmt, Breakdown b,
                const std::vector<stats::Line>& lines) {
  json rows = json::array();
  for (auto& line : lines) {
    auto all = stats::total(line.by_type);
    const auto& htx = line.by_type[0];
    rows.push_back(
        {{"code", fmt.line_code(b, line)},
         {"name", fmt.line_name(b, line)},
         {"values",
          json::array({fmt.number(htx.founded), fmt.number(all.founded), fmt.number(all.dissolved),
                       fmt.number(htx.closing), fmt.number(line.by_type[1].closing),
                       fmt.number(line.by_type[2].closing), fmt.number(all.members)})}});
  }
  return rows;
}

web::Response reports(Site& site, Page& page) {
  ReportRequest r = read_request(page);
  json view;
  view["period"] = r.period_text;
  view["period_error"] = r.period_error.empty() ? json(false) : json(r.period_error);
  view["boundaries_error"] = r.boundaries_error.empty() ? json(false) : json(r.boundaries_error);
  json boundaries = json::array();
  std::string chosen = r.period && r.boundaries_text.empty() ? "" : r.boundaries_text;
  for (auto [value, key] :
       {std::pair{"", "reports.boundaries_default"}, std::pair{"old", "reports.boundaries_old"},
        std::pair{"new", "reports.boundaries_new"},
        std::pair{"registered", "reports.boundaries_registered"}})
    boundaries.push_back({{"value", value}, {"label", page.t(key)}, {"selected", chosen == value}});
  view["boundaries"] = boundaries;
  view["report"] = false;
  bool bad = !r.period_error.empty() || !r.boundaries_error.empty();
  if (!r.period || bad)
    return site.render(page, "reports", page.t("reports.title"), std::move(view), bad ? 422 : 200);

  stats::Report report = build(page, site, r);
  stats::ReportFormatter fmt(page.cat, *site.ctx().geo, *site.ctx().sectors);
  json narrative = json::array();
  std::istringstream lines(fmt.narrative(report));
  for (std::string line; std::getline(lines, line);)
    if (!text::trim(line).empty()) narrative.push_back(line);

  static constexpr registry::EntityType kTypes[] = {registry::EntityType::kCooperative,
                                                    registry::EntityType::kUnion,
                                                    registry::EntityType::kGroup};
  json by_type = json::array(), comparison = json::array();
  auto type_row = [&](const std::string& name, const stats::Counts& c) {
    by_type.push_back({{"name", name},
                       {"values", json::array({fmt.number(c.opening), fmt.number(c.founded),
                                               fmt.number(c.dissolved), fmt.number(c.other),
                                               fmt.number(c.closing), fmt.number(c.members)})}});
  };
  auto compare_row = [&](const std::string& name, const stats::Counts& now,
                         const stats::Counts& prev, const stats::Counts& ly) {
    comparison.push_back(
        {{"name", name},
         {"values",
          json::array({fmt.number(now.founded), fmt.number(prev.founded), fmt.number(ly.founded),
                       fmt.signed_growth(now.founded, ly.founded), fmt.number(now.closing),
                       fmt.number(ly.closing), fmt.signed_growth(now.closing, ly.closing)})}});
  };
  for (std::size_t i = 0; i < 3; ++i) {
    std::string name = fmt.type_name(kTypes[i]);
    type_row(name, report.current.national[i]);
    compare_row(name, report.current.national[i], report.previous.national[i],
                report.last_year.national[i]);
  }
  type_row(fmt.total_name(), stats::total(report.current.national));
  compare_row(fmt.total_name(), stats::total(report.current.national),
              stats::total(report.previous.national), stats::total(report.last_year.national));

  json targets = json::array();
  for (auto& t : stats::targets_in_order(report))
    targets.push_back({{"name", fmt.indicator_name(t.indicator)},
                       {"unit", fmt.unit_name(t)},
                       {"values", json::array({fmt.number(t.target), fmt.number(t.actual),
                                               fmt.percent(t.percent_of_target(), 1)})}});

  std::string b(areas::boundaries_name(r.boundaries));
  auto download = [&](const char* format) {
    return "/reports/download" +
           query_string({{"period", report.period.code()}, {"boundaries", b}, {"format", format}});
  };
  view["report"] = {
      {"title", fmt.title()},
      {"subtitle", fmt.subtitle(report)},
      {"comparisons", fmt.comparisons(report)},
      {"narrative", narrative},
      {"xlsx_href", download("xlsx")},
      {"csv_href", download("csv")},
      {"by_type", by_type},
      {"comparison", comparison},
      {"previous_label", fmt.period_label(report.previous.period)},
      {"last_year_label", fmt.period_label(report.last_year.period)},
      {"targets", targets},
      {"has_targets", !targets.empty()},
      {"lines",
       json::array({{{"caption", page.t("reports.by_region")},
                     {"rows", line_table(fmt, Breakdown::kRegion, report.current.regions)}},
                    {{"caption", page.t("reports.by_province",
                                        {{"boundaries", fmt.boundaries_label(r.boundaries)}})},
                     {"rows", line_table(fmt, Breakdown::kProvince, report.current.provinces)}},
                    {{"caption", page.t("reports.by_sector")},
                     {"rows", line_table(fmt, Breakdown::kSector, report.current.sectors)}}})}};
  return site.render(page, "reports",
                     page.t("reports.title") + " – " + fmt.period_label(report.period),
                     std::move(view));
}

web::Response report_download(Site& site, Page& page) {
  ReportRequest r = read_request(page);
  if (!r.period)
    return site.error(page, 400,
                      r.period_error.empty() ? page.t("reports.no_period") : r.period_error);
  if (!r.boundaries_error.empty()) return site.error(page, 400, r.boundaries_error);
  std::string format = page.query("format");
  if (format != "xlsx" && format != "csv")
    return site.error(page, 400, page.t("reports.bad_format"));
  stats::Report report = build(page, site, r);
  stats::ReportFormatter fmt(page.cat, *site.ctx().geo, *site.ctx().sectors);
  web::Response response;
  if (format == "csv") {
    response.body = fmt.csv(report);
    response.content_type = "text/csv; charset=utf-8";
  } else {
    // The xlsx writer writes a file: a private temporary one, read back and removed.
    std::string path = (std::filesystem::temp_directory_path() /
                        ("htx-report-" + accounts::random_token() + ".xlsx"))
                           .string();
    auto created = std::chrono::system_clock::to_time_t(
        site.ctx().now ? site.ctx().now() : std::chrono::system_clock::now());
    try {
      exchange::write_report_xlsx(path, report, fmt, created);
      std::ifstream in(path, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      response.body = bytes.str();
    } catch (...) {
      std::remove(path.c_str());
      throw;
    }
    std::remove(path.c_str());
    response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  response.headers.set("Content-Disposition",
                       "attachment; filename=\"" + file_name(report.period, format.c_str()) + "\"");
  return response;
}

}  // namespace

void register_reports_pages(Site& site, web::Router& router) {
  add_pages(site, router,
            {{.path = "/reports", .get = reports},
             {.path = "/reports/download", .get = report_download}});
}

}  // namespace htx::webapp
