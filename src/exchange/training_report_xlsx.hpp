// The training report (training::TrainingReport) as tables: "cells" (a row per combination of
// the report's dimensions: unique persons, person-times, completed), "total" (each person once
// over all) and "plan" (each organiser's target by kind against its courses, persons and costs,
// cost per trainee); as an Excel workbook by the exchange's results writer
// (exchange/market_results_xlsx: bold frozen header, whole numbers "#,##0") and as CSV.
#pragma once

#include <ctime>
#include <functional>
#include <string>

#include "core/i18n.hpp"
#include "market/results_table.hpp"
#include "training/training_service.hpp"

namespace htx::exchange {

// The name a code of a dimension is shown with (a province's, an ethnicity's…); `unit_name`
// names an organiser by its id.
struct TrainingNames {
  std::function<std::string(training::Dimension, const std::string& code)> value;
  std::function<std::string(std::int64_t unit_id)> unit_name;
};

market::ResultsTable training_report_table(const training::TrainingReport& report,
                                           const TrainingNames& names, const i18n::Catalog& cat);
// The sheet `sheet` ("cells", "total", "plan") as CSV; "" for an unknown sheet.
std::string training_report_csv(const training::TrainingReport& report, const TrainingNames& names,
                                const i18n::Catalog& cat, const std::string& sheet = "cells");
std::string training_report_xlsx_bytes(const training::TrainingReport& report,
                                       const TrainingNames& names, const i18n::Catalog& cat,
                                       std::time_t created = 0);

}  // namespace htx::exchange
