#include "exchange/training_report_xlsx.hpp"

#include "exchange/market_results_xlsx.hpp"

namespace htx::exchange {

namespace {

using market::ResultsCell;
using namespace htx::training;

std::string heading(const i18n::Catalog& cat, const std::string& name) {
  return cat.text("site.training.report.col_" + name);
}

// The counts of a cell: persons, person-times, completed persons, completed person-times,
// courses.
void add_counts(std::vector<ResultsCell>& row, const ReportCell& c) {
  for (auto v : {c.persons, c.person_times, c.completed_persons, c.completed_times, c.courses})
    row.push_back(ResultsCell::of_integer(v));
}
void add_count_headings(std::vector<std::string>& header, const i18n::Catalog& cat) {
  for (const char* n :
       {"persons", "person_times", "completed_persons", "completed_times", "courses"})
    header.push_back(heading(cat, n));
}

}  // namespace

market::ResultsTable training_report_table(const TrainingReport& r, const TrainingNames& names,
                                           const i18n::Catalog& cat) {
  market::ResultsTable out;
  const auto years =
      r.query.year_from == r.query.year_to
          ? std::to_string(r.query.year_from)
          : std::to_string(r.query.year_from) + "–" + std::to_string(r.query.year_to);
  out.title_rows.push_back(cat.text("site.training.report.title", {{"years", years}}));

  market::ResultsSheet cells{"cells", cat.text("site.training.report.sheet_cells"), {}, {}, {}};
  for (auto d : r.query.by) {
    cells.header.push_back(heading(cat, std::string(to_code(d))));
    cells.widths.push_back(22);
  }
  add_count_headings(cells.header, cat);
  for (int i = 0; i < 5; ++i) cells.widths.push_back(12);
  for (const auto& c : r.cells) {
    auto& row = cells.rows.emplace_back();
    for (std::size_t i = 0; i < c.key.size(); ++i)
      row.push_back(ResultsCell::of_text(names.value(r.query.by[i], c.key[i])));
    add_counts(row, c);
  }
  out.sheets.push_back(std::move(cells));

  market::ResultsSheet total{"total", cat.text("site.training.report.sheet_total"), {}, {}, {}};
  add_count_headings(total.header, cat);
  total.header.push_back(heading(cat, "actual_cost"));
  total.header.push_back(heading(cat, "cost_per_trainee"));
  total.widths.assign(total.header.size(), 16);
  auto& t = total.rows.emplace_back();
  add_counts(t, r.total);
  t.push_back(ResultsCell::of_integer(r.actual_cost));
  t.push_back(ResultsCell::of_integer(r.cost_per_trainee));
  out.sheets.push_back(std::move(total));

  market::ResultsSheet plan{"plan", cat.text("site.training.report.sheet_plan"), {}, {}, {}};
  for (const char* n : {"unit", "year", "kind", "target_trainees", "persons", "completed_persons",
                        "person_times", "target_courses", "courses", "target_budget",
                        "planned_cost", "actual_cost", "cost_per_trainee"})
    plan.header.push_back(heading(cat, n));
  plan.widths.assign(plan.header.size(), 14);
  plan.widths[0] = 36;
  for (const auto& l : r.plan) {
    auto& row = plan.rows.emplace_back();
    row.push_back(ResultsCell::of_text(names.unit_name(l.unit_id)));
    row.push_back(ResultsCell::of_text(std::to_string(l.year)));
    row.push_back(ResultsCell::of_text(names.value(Dimension::kKind, l.kind)));
    for (auto v :
         {l.target.trainees, l.persons, l.completed_persons, l.person_times, l.target.courses,
          l.courses, l.target.budget, l.planned_cost, l.actual_cost, l.cost_per_trainee})
      row.push_back(ResultsCell::of_integer(v));
  }
  out.sheets.push_back(std::move(plan));
  return out;
}

std::string training_report_csv(const TrainingReport& r, const TrainingNames& names,
                                const i18n::Catalog& cat, const std::string& sheet) {
  auto table = training_report_table(r, names, cat);
  auto* s = table.sheet(sheet);
  return s ? market::results_csv(*s) : std::string();
}

std::string training_report_xlsx_bytes(const TrainingReport& r, const TrainingNames& names,
                                       const i18n::Catalog& cat, std::time_t created) {
  return results_xlsx_bytes(training_report_table(r, names, cat), created);
}

}  // namespace htx::exchange
