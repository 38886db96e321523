#include "areas/work_area.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "areas/lending.hpp"
#include "areas/statistics_area.hpp"
#include "core/text.hpp"
#include "stats/period.hpp"
#include "stats/report.hpp"
#include "stats/report_format.hpp"
#include "work/rules.hpp"

namespace htx::areas {

std::optional<std::int64_t> positive_id(std::string_view text) {
  std::string_view s = text::trim(text);
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  auto n = text::parse_int(s);
  if (!n || *n <= 0) return std::nullopt;
  return n;
}

Result<std::optional<int>> year_of(const std::string& text, const std::string& field) {
  if (text.empty()) return std::optional<int>();
  auto y = positive_id(text);
  if (!y || *y < 1900 || *y > 9999)
    return Error::bad_request(field, "work.bad_year", {{"value", text}});
  return std::optional<int>(static_cast<int>(*y));
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

WorkArea::WorkArea(store::Database& db, const Clock& clock, Caller caller)
    : CallerArea(std::move(caller)),
      db_(db),
      clock_(clock),
      service_(db.work(), db.audit(), db, clock) {
  for (auto& u : service_.units()) units_.emplace(u.id, std::move(u));
}

const work::Unit* WorkArea::unit(std::int64_t id) const {
  auto it = units_.find(id);
  return it == units_.end() ? nullptr : &it->second;
}

std::string WorkArea::unit_name(std::int64_t id) const {
  const work::Unit* u = unit(id);
  return u ? u->name : std::to_string(id);
}

std::vector<const work::Unit*> WorkArea::units() const {
  std::vector<const work::Unit*> out;
  for (const auto& [id, u] : units_) out.push_back(&u);
  return out;
}

std::vector<const work::Unit*> WorkArea::units_in_scope() const {
  std::vector<const work::Unit*> out;
  for (const auto& [id, u] : units_)
    if (caller_.scope.allows(u.province_id)) out.push_back(&u);
  return out;
}

bool WorkArea::reaches(std::int64_t unit_id) const {
  const work::Unit* u = unit(unit_id);
  return u && caller_.scope.allows(u->province_id);
}

Result<const work::Unit*> WorkArea::unit_by_code(std::string_view code) const {
  std::string wanted(text::trim(code));
  for (const auto& [id, u] : units_)
    if (u.code == wanted) return &u;
  return Error::not_found("work.unit_code_not_found", {{"code", wanted}});
}

Result<const work::Unit*> WorkArea::unit_named(std::string_view code,
                                               const std::string& field) const {
  auto u = unit_by_code(code);
  if (!u) return Error::invalid(field, u.error().key, u.error().params);
  return u;
}

bool WorkArea::visible(const work::Task& t) const {
  if (caller_.scope.is_all()) return true;
  if (reaches(t.lead_unit_id)) return true;
  return std::any_of(t.cooperating_unit_ids.begin(), t.cooperating_unit_ids.end(),
                     [&](std::int64_t id) { return reaches(id); });
}

bool WorkArea::writable(const work::Task& t) const {
  return can_write() && reaches(t.lead_unit_id);
}

bool WorkArea::document_writable(const work::Document& d) const {
  return reaches(d.issuer_unit_id);
}

bool WorkArea::document_readable(const work::Document& d) {
  if (document_writable(d)) return true;
  return task_counts()[d.id] > 0;
}

Result<work::Task> WorkArea::task(std::string_view id_text) {
  auto id = positive_id(id_text);
  auto t = id ? service_.task(*id) : std::nullopt;
  if (!t) return Error::not_found("work.task_not_found", {{"id", std::string(id_text)}});
  if (!visible(*t))
    return Error::forbidden("work.unit_out_of_scope", {{"unit", unit_name(t->lead_unit_id)}});
  return std::move(*t);
}

Result<work::TaskNote> WorkArea::blocker_of(const work::Task& t, std::string_view note_text) {
  auto id = positive_id(note_text);
  if (id)
    for (auto& n : service_.notes(t.id))
      if (n.id == *id && n.kind == work::NoteKind::kBlocker) return n;
  return Error::not_found("work.blocker_not_found", {{"id", std::string(note_text)}});
}

Result<std::vector<work::Task>> WorkArea::tasks(const TaskFilter& filter) {
  work::TaskQuery q;
  if (!filter.status.empty()) {
    q.status = work::task_status_from_code(filter.status);
    if (!q.status)
      return Error::bad_request("status", "work.bad_task_status", {{"value", filter.status}});
  }
  const work::Unit* none = nullptr;
  const auto lead =
      filter.unit.empty() ? Result<const work::Unit*>(none) : unit_by_code(filter.unit);
  if (!lead) return lead.error();
  if (*lead) q.lead_unit_id = (*lead)->id;
  auto year = year_of(filter.year);
  if (!year) return year.error();
  std::optional<std::int64_t> document;
  if (!filter.document.empty()) {
    document = positive_id(filter.document);
    if (!document)
      return Error::bad_request("document", "work.bad_id", {{"value", filter.document}});
  }
  const Date day = today();
  std::vector<work::Task> kept;
  for (auto& t : service_.tasks(q)) {
    if (!visible(t)) continue;
    if (filter.key && !t.key_task) continue;
    if (filter.overdue && !work::overdue_on(t, day)) continue;
    if (document && t.document_id != document) continue;
    // Open at some time in the year: started by its end, not finished before it began.
    if (*year && (t.start_on.year() > **year ||
                  work::finished_by(t, work::first_day(**year, 1).add_days(-1))))
      continue;
    kept.push_back(std::move(t));
  }
  return kept;
}

std::map<std::int64_t, int> WorkArea::task_counts() {
  std::map<std::int64_t, int> out;
  for (auto& t : service_.tasks())
    if (t.document_id && visible(t)) ++out[*t.document_id];
  return out;
}

Result<work::Document> WorkArea::document(std::string_view id_text, bool write) {
  auto id = positive_id(id_text);
  auto d = id ? service_.document(*id) : std::nullopt;
  if (!d) return Error::not_found("work.document_not_found", {{"id", std::string(id_text)}});
  if (!(write ? document_writable(*d) : document_readable(*d)))
    return Error::forbidden("work.document_out_of_scope", {{"number_symbol", d->number_symbol()}});
  return std::move(*d);
}

Result<std::vector<work::Document>> WorkArea::documents(const std::string& year_text) {
  auto year = year_of(year_text);
  if (!year) return year.error();
  auto counts = task_counts();
  std::vector<work::Document> out;
  auto docs = service_.documents();
  for (auto it = docs.rbegin(); it != docs.rend(); ++it) {
    if (*year && it->issued_on.year() != **year) continue;
    if (!caller_.scope.is_all() && !document_writable(*it) && !counts[it->id]) continue;
    out.push_back(std::move(*it));
  }
  return out;
}

std::map<std::int64_t, work::Document> WorkArea::documents_by_id() {
  std::map<std::int64_t, work::Document> out;
  for (auto& d : service_.documents()) out.emplace(d.id, std::move(d));
  return out;
}

std::vector<work::OpenBlocker> WorkArea::blockers() {
  auto open = service_.open_blockers();
  std::erase_if(open, [&](const work::OpenBlocker& b) { return !visible(b.task); });
  return open;
}

Result<ReviewPeriod> WorkArea::review_period(std::string_view text) const {
  auto p = parse_review_period(text);
  if (!p)
    return Error::bad_request("period", "work.bad_review_period", {{"value", std::string(text)}});
  return *p;
}

work::ReviewInput WorkArea::review_input() {
  work::ReviewInput in;
  in.units = db_.work().list_units();
  in.documents = db_.work().list_documents();
  in.tasks = db_.work().list_tasks({});
  in.blockers = db_.work().blockers();
  in.report_forms = db_.reporting().list_forms();
  in.submissions = db_.reporting().list_submissions({});
  if (caller_.scope.is_all()) return in;
  // A provincial user's review counts only the reports of their own units.
  std::vector<work::Unit> own;
  for (const auto* u : units_in_scope()) own.push_back(*u);
  in.report_forms = reporting::restricted_to(in.report_forms, own);
  std::set<std::int64_t> kept;
  std::erase_if(in.tasks, [&](const work::Task& t) {
    if (!visible(t)) return true;
    kept.insert(t.id);
    return false;
  });
  std::erase_if(in.blockers, [&](const work::TaskNote& n) { return !kept.count(n.task_id); });
  std::erase_if(in.documents, [&](const work::Document& d) { return !document_writable(d); });
  return in;
}

work::RegistryFigures WorkArea::registry_figures(const geo::Geography& geo,
                                                 const registry::Sectors& sectors,
                                                 const ReviewPeriod& p,
                                                 const fund::FundRules* fund) {
  stats::Period period =
      p.month == 0 ? stats::Period::of_year(p.year) : stats::Period::of_month(p.year, p.month);
  StatisticsArea area(db_, geo, sectors);
  auto f = area.builder().figures(period, stats::default_boundaries(period));
  work::RegistryFigures out;
  out.present = true;
  out.lending = lending_figures(db_, clock_, fund, caller_, period.start, period.end);
  // The plan's targets of the year for the caller's area, their actual from the start of the
  // year to the period's end.
  const auto to_date = stats::Period::first_months(p.year, p.month == 0 ? 12 : p.month);
  for (const auto& tl :
       stats::targets_in_order(area.report(to_date, stats::default_boundaries(to_date)))) {
    const bool national = tl.unit_id == stats::kNationalUnit;
    if (caller_.scope.is_all() ? !national : !caller_.scope.allows(tl.unit_id)) continue;
    out.targets.push_back({std::string(stats::to_code(tl.indicator)),
                           national ? std::string() : tl.unit_name, tl.target, tl.actual});
  }
  auto add = [&out](const stats::ByType& t) {
    for (std::size_t i = 0; i < 3; ++i) {
      out.founded[i] += t[i].founded;
      out.dissolved[i] += t[i].dissolved;
      out.closing[i] += t[i].closing;
    }
  };
  if (caller_.scope.is_all()) {
    add(f.national);
    for (const auto& r : f.regions) out.regions.push_back({r.name, r.by_type[0].founded});
    return out;
  }
  // A provincial user: the provinces of their scope (its predecessors included) that the
  // period's boundaries show.
  for (const auto& line : f.provinces) {
    if (!caller_.scope.allows(line.id)) continue;
    add(line.by_type);
    if (!out.area.empty()) out.area += ", ";
    out.area += line.name;
  }
  return out;
}

work::DraftReport WorkArea::review_draft(const geo::Geography& geo,
                                         const registry::Sectors& sectors, const ReviewPeriod& p,
                                         Date dated, const fund::FundRules* fund) {
  auto in = review_input();
  auto figures = registry_figures(geo, sectors, p, fund);
  if (p.month == 0)
    return work::draft_year_report(work::build_year_review(in, p.year, figures), dated);
  return work::draft_month_report(work::build_month_review(in, p.year, p.month, figures), dated);
}

nlohmann::json WorkArea::review_json(const geo::Geography& geo, const registry::Sectors& sectors,
                                     const ReviewPeriod& p, const fund::FundRules* fund) {
  auto in = review_input();
  auto figures = registry_figures(geo, sectors, p, fund);
  if (p.month == 0) return work::to_json(work::build_year_review(in, p.year, figures));
  return work::to_json(work::build_month_review(in, p.year, p.month, figures));
}

}  // namespace htx::areas
