// The review as JSON (the API's and the CLI's --format json).
#include <cmath>

#include "core/json_record.hpp"
#include "work/review.hpp"

namespace htx::work {

namespace {

std::string two_digits(int m) { return (m < 10 ? "0" : "") + std::to_string(m); }

nlohmann::json item_json(const ReviewItem& it) {
  nlohmann::json blockers = nlohmann::json::array();
  for (const auto& b : it.blockers) blockers.push_back(to_json(b));
  return json_record("task", to_json(it.task), "lead_unit", it.lead_unit, "source", it.source,
                     "days_late", it.days_late, "carried_from", it.carried_from, "blockers",
                     blockers);
}

nlohmann::json items_json(const std::vector<ReviewItem>& items) {
  auto a = nlohmann::json::array();
  for (const auto& it : items) a.push_back(item_json(it));
  return a;
}

nlohmann::json figures_json(const RegistryFigures& f) {
  if (!f.present) return nullptr;
  auto regions = nlohmann::json::array();
  for (const auto& r : f.regions)
    regions.push_back({{"name", r.name}, {"founded_htx", r.founded_htx}});
  auto by_type = [](const std::array<std::int64_t, 3>& a) {
    return nlohmann::json{{"HTX", a[0]}, {"LHHTX", a[1]}, {"THT", a[2]}};
  };
  nlohmann::json lending;
  if (f.lending.present)
    lending = json_record("new_loans", f.lending.new_loans, "new_amount", f.lending.new_amount,
                          "restructured_borrowers", f.lending.restructured_borrowers);
  auto targets = nlohmann::json::array();
  for (const auto& t : f.targets) {
    nlohmann::json percent;
    if (t.target > 0)
      percent =
          std::round(10000.0 * static_cast<double>(t.actual) / static_cast<double>(t.target)) / 100;
    targets.push_back(json_record("indicator", t.indicator, "unit",
                                  t.unit.empty() ? nlohmann::json() : nlohmann::json(t.unit),
                                  "target", t.target, "actual", t.actual, "percent", percent));
  }
  return json_record("founded", by_type(f.founded), "dissolved", by_type(f.dissolved), "closing",
                     by_type(f.closing), "area",
                     f.area.empty() ? nlohmann::json() : nlohmann::json(f.area), "regions", regions,
                     "lending", lending, "targets", targets);
}

nlohmann::json reporting_json(const MonthReview& r) {
  auto forms = nlohmann::json::array();
  for (const auto& f : r.reporting) forms.push_back(to_json(f));
  auto late = nlohmann::json::array();
  for (const auto& e : r.late) late.push_back(to_json(e));
  return json_record("due", forms, "late", late);
}

nlohmann::json reporting_json(const YearReview& r) {
  auto forms = nlohmann::json::array();
  for (const auto& f : r.reporting) {
    auto units = nlohmann::json::array();
    for (const auto& u : f.units)
      units.push_back(json_record("unit_id", u.unit.id, "unit_code", u.unit.code, "unit",
                                  u.unit.name, "rates", to_json(u.counts)));
    forms.push_back(json_record("form", f.form.code, "form_name", f.form.name, "rates",
                                to_json(f.counts), "units", units));
  }
  return forms;
}

}  // namespace

nlohmann::json to_json(const MonthReview& r) {
  auto docs = nlohmann::json::array();
  for (const auto& d : r.documents) docs.push_back(to_json(d));
  return json_record("period", std::to_string(r.year) + "-" + two_digits(r.month), "title",
                     month_review_title(r.year, r.month), "from", r.from, "to", r.to, "documents",
                     docs, "done_on_time", items_json(r.done_on_time), "done_late",
                     items_json(r.done_late), "overdue", items_json(r.overdue), "blocked",
                     items_json(r.blocked), "carried_over", items_json(r.carried_over),
                     "next_key_tasks", items_json(r.next_key_tasks), "registry",
                     figures_json(r.registry), "reporting", reporting_json(r));
}

nlohmann::json to_json(const YearReview& r) {
  auto units = nlohmann::json::array();
  for (const auto& u : r.units)
    units.push_back(json_record("unit", u.unit, "key_on_time", u.key_on_time, "key_late",
                                u.key_late, "unfinished", u.unfinished));
  return json_record("period", std::to_string(r.year), "title", year_review_title(r.year),
                     "key_done_on_time", r.key_done_on_time, "key_done_late", r.key_done_late,
                     "done_on_time", r.done_on_time, "done_late", r.done_late, "cancelled",
                     r.cancelled, "documents_issued", r.documents_issued, "units", units,
                     "unfinished", items_json(r.unfinished), "carried_over",
                     items_json(r.carried_over), "registry", figures_json(r.registry), "reporting",
                     reporting_json(r));
}

}  // namespace htx::work
