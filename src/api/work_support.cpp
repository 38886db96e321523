#include "api/work_support.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "stats/period.hpp"
#include "stats/report.hpp"

namespace htx::api {

using accounts::Role;

bool document_writable(const work::Document& d, const std::map<std::int64_t, work::Unit>& units,
                       const work::ProvinceScope& scope) {
  auto issuer = units.find(d.issuer_unit_id);
  return issuer != units.end() && unit_in_scope(issuer->second, scope);
}

bool document_readable(const work::Document& d, const std::map<std::int64_t, work::Unit>& units,
                       const std::vector<work::Task>& tasks, const work::ProvinceScope& scope) {
  if (document_writable(d, units, scope)) return true;
  return std::any_of(tasks.begin(), tasks.end(), [&](const work::Task& t) {
    return t.document_id == d.id && task_visible(t, units, scope);
  });
}

work::ProvinceScope work_scope(const accounts::AccessPolicy& access, const accounts::Principal& p) {
  return access.province_scope(p);
}

bool unit_in_scope(const work::Unit& unit, const work::ProvinceScope& scope) {
  return scope.allows(unit.province_id);
}

bool task_visible(const work::Task& task, const std::map<std::int64_t, work::Unit>& units,
                  const work::ProvinceScope& scope) {
  if (scope.is_all()) return true;
  auto in = [&](std::int64_t id) {
    auto it = units.find(id);
    return it != units.end() && unit_in_scope(it->second, scope);
  };
  if (in(task.lead_unit_id)) return true;
  return std::any_of(task.cooperating_unit_ids.begin(), task.cooperating_unit_ids.end(), in);
}

std::map<std::int64_t, work::Unit> units_by_id(const std::vector<work::Unit>& units) {
  std::map<std::int64_t, work::Unit> out;
  for (const auto& u : units) out.emplace(u.id, u);
  return out;
}

std::string ReviewPeriod::code() const {
  char buf[16];
  if (month == 0)
    std::snprintf(buf, sizeof buf, "%04d", year);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::optional<ReviewPeriod> parse_review_period(std::string_view text) {
  auto digits = [](std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  ReviewPeriod p;
  if (text.size() == 4 && digits(text)) {
    p.year = std::stoi(std::string(text));
  } else if (text.size() == 7 && text[4] == '-' && digits(text.substr(0, 4)) &&
             digits(text.substr(5, 2))) {
    p.year = std::stoi(std::string(text.substr(0, 4)));
    p.month = std::stoi(std::string(text.substr(5, 2)));
    if (p.month < 1 || p.month > 12) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (p.year < 1900 || p.year > 9999) return std::nullopt;
  return p;
}

work::RegistryFigures registry_figures(store::Database& db, const geo::Geography& geo,
                                       const registry::Sectors& sectors, const ReviewPeriod& p,
                                       const work::ProvinceScope& scope) {
  stats::Period period =
      p.month == 0 ? stats::Period::of_year(p.year) : stats::Period::of_month(p.year, p.month);
  stats::ReportBuilder builder(db.flows(), db.registry(), db.targets(), geo, sectors);
  auto f = builder.figures(period, stats::default_boundaries(period));
  work::RegistryFigures out;
  out.present = true;
  auto add = [&out](const stats::ByType& t) {
    for (std::size_t i = 0; i < 3; ++i) {
      out.founded[i] += t[i].founded;
      out.dissolved[i] += t[i].dissolved;
      out.closing[i] += t[i].closing;
    }
  };
  if (scope.is_all()) {
    add(f.national);
    for (const auto& r : f.regions) out.regions.push_back({r.name, r.by_type[0].founded});
    return out;
  }
  // A provincial user: the provinces of their scope (its predecessors included) that the
  // period's boundaries show.
  for (const auto& line : f.provinces) {
    if (!scope.allows(line.id)) continue;
    add(line.by_type);
    if (!out.area.empty()) out.area += ", ";
    out.area += line.name;
  }
  return out;
}

work::ReviewInput review_input(store::Database& db, const work::ProvinceScope& scope) {
  work::ReviewInput in;
  in.units = db.work().list_units();
  in.documents = db.work().list_documents();
  in.tasks = db.work().list_tasks({});
  in.blockers = db.work().blockers();
  in.report_forms = db.reporting().list_forms();
  in.submissions = db.reporting().list_submissions({});
  if (!scope.is_all()) {
    auto units = units_by_id(in.units);
    // A provincial user's review counts only the reports of their own units.
    std::vector<work::Unit> own;
    for (const auto& u : in.units)
      if (unit_in_scope(u, scope)) own.push_back(u);
    in.report_forms = reporting::restricted_to(in.report_forms, own);
    std::set<std::int64_t> kept;
    std::vector<work::Task> tasks;
    for (auto& t : in.tasks)
      if (task_visible(t, units, scope)) {
        kept.insert(t.id);
        tasks.push_back(std::move(t));
      }
    in.tasks = std::move(tasks);
    std::erase_if(in.blockers, [&](const work::TaskNote& n) { return !kept.count(n.task_id); });
    std::erase_if(in.documents, [&](const work::Document& d) {
      auto it = units.find(d.issuer_unit_id);
      return it == units.end() || !unit_in_scope(it->second, scope);
    });
  }
  return in;
}

work::DraftReport review_draft(store::Database& db, const geo::Geography& geo,
                               const registry::Sectors& sectors, const ReviewPeriod& p,
                               const work::ProvinceScope& scope, Date dated) {
  auto in = review_input(db, scope);
  auto figures = registry_figures(db, geo, sectors, p, scope);
  if (p.month == 0)
    return work::draft_year_report(work::build_year_review(in, p.year, figures), dated);
  return work::draft_month_report(work::build_month_review(in, p.year, p.month, figures), dated);
}

nlohmann::json review_json(store::Database& db, const geo::Geography& geo,
                           const registry::Sectors& sectors, const ReviewPeriod& p,
                           const work::ProvinceScope& scope) {
  auto in = review_input(db, scope);
  auto figures = registry_figures(db, geo, sectors, p, scope);
  if (p.month == 0) return work::to_json(work::build_year_review(in, p.year, figures));
  return work::to_json(work::build_month_review(in, p.year, p.month, figures));
}

}  // namespace htx::api
