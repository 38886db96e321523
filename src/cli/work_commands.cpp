#include "cli/work_commands.hpp"

#include <fstream>
#include <iostream>

#include "core/date.hpp"
#include "stats/period.hpp"
#include "stats/report.hpp"
#include "work/review.hpp"

namespace htx::cli {

namespace {

work::RegistryFigures figures_of(store::Database& db, const geo::Geography& geo,
                                 const registry::Sectors& sectors, const stats::Period& period) {
  stats::ReportBuilder builder(db.flows(), db.registry(), db.targets(), geo, sectors);
  auto f = builder.figures(period, stats::default_boundaries(period));
  work::RegistryFigures out;
  out.present = true;
  for (std::size_t i = 0; i < 3; ++i) {
    out.founded[i] = f.national[i].founded;
    out.dissolved[i] = f.national[i].dissolved;
    out.closing[i] = f.national[i].closing;
  }
  for (const auto& r : f.regions) out.regions.push_back({r.name, r.by_type[0].founded});
  return out;
}

work::ReviewInput input_of(store::Database& db) {
  work::ReviewInput in;
  in.units = db.work().list_units();
  in.documents = db.work().list_documents();
  in.tasks = db.work().list_tasks({});
  in.blockers = db.work().blockers();
  return in;
}

}  // namespace

void WorkCommands::add_to(CLI::App& app, const i18n::Catalog& catalog) {
  review_ = app.add_subcommand("review", catalog.text("work.cli.cmd_review"));
  review_->add_option("PERIOD", period_, catalog.text("work.cli.arg_period"))->required();
  review_->add_option("--format", format_, catalog.text("work.cli.opt_format"))
      ->check(CLI::IsMember({"text", "json"}));
  review_->add_option("-o,--output", output_, catalog.text("work.cli.opt_output"));
  review_->add_option("--date", date_, catalog.text("work.cli.opt_date"));
}

bool WorkCommands::chosen() const { return review_ && review_->parsed(); }

int WorkCommands::run(store::Database& db, const i18n::Catalog& catalog,
                      const geo::Geography& geo, const registry::Sectors& sectors) {
  int year = 0, month = 0;
  bool is_month = period_.size() == 7 && period_[4] == '-';
  bool is_year = period_.size() == 4;
  try {
    if (is_month) {
      year = std::stoi(period_.substr(0, 4));
      month = std::stoi(period_.substr(5, 2));
    } else if (is_year) {
      year = std::stoi(period_);
    }
  } catch (const std::exception&) {
    year = 0;
  }
  if (year < 1900 || year > 9999 || (is_month && (month < 1 || month > 12)) ||
      (!is_month && !is_year)) {
    std::cerr << catalog.text("error.prefix")
              << catalog.text("work.bad_review_period", {{"value", period_}}) << "\n";
    return 2;
  }
  Date dated = default_clock().today();
  if (!date_.empty()) {
    auto parsed = Date::parse(date_);
    if (!parsed) {
      std::cerr << catalog.text("error.prefix")
                << catalog.text("work.bad_date", {{"value", date_}}) << "\n";
      return 2;
    }
    dated = *parsed;
  }
  auto in = input_of(db);
  std::string out;
  if (is_month) {
    auto figures = figures_of(db, geo, sectors, stats::Period::of_month(year, month));
    auto review = work::build_month_review(in, year, month, figures);
    out = format_ == "json" ? work::to_json(review).dump(1) + "\n"
                            : work::to_text(work::draft_month_report(review, dated));
  } else {
    auto figures = figures_of(db, geo, sectors, stats::Period::of_year(year));
    auto review = work::build_year_review(in, year, figures);
    out = format_ == "json" ? work::to_json(review).dump(1) + "\n"
                            : work::to_text(work::draft_year_report(review, dated));
  }
  if (output_.empty()) {
    std::cout << out;
    return 0;
  }
  std::ofstream f(output_, std::ios::binary | std::ios::trunc);
  f << out;
  f.close();
  if (!f) {
    std::cerr << catalog.text("error.prefix")
              << catalog.text("file.cannot_write", {{"file", output_}}) << "\n";
    return 1;
  }
  return 0;
}

}  // namespace htx::cli
