// A campaign's results (market::results_table) as an Excel workbook: one sheet per table (by
// group × unit with targets, by group × channel × unit), each with the campaign's title rows, a
// bold frozen header and number formats (quantities "#,##0.0", đồng "#,##0", attainment "0.0%").
#pragma once

#include <ctime>
#include <string>

#include "core/i18n.hpp"
#include "market/catalogue.hpp"
#include "market/market_service.hpp"
#include "market/results_table.hpp"

namespace htx::exchange {

// Writes the workbook to `path` (nothing before the end). The same table and `created` give the
// same bytes. Throws htx::InfrastructureError when the file cannot be written.
void write_results_xlsx(const std::string& path, const market::ResultsTable& table,
                        std::time_t created);
void write_results_xlsx(const std::string& path, const market::CampaignResults& results,
                        const market::Catalogue& catalogue, const i18n::Catalog& cat,
                        std::time_t created);

// The same workbook's bytes (written through a temporary file), of the results or of a table.
std::string results_xlsx_bytes(const market::ResultsTable& table, std::time_t created);
std::string results_xlsx_bytes(const market::CampaignResults& results,
                               const market::Catalogue& catalogue, const i18n::Catalog& cat,
                               std::time_t created);

}  // namespace htx::exchange
