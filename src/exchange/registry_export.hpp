// Exporting the registry as CSV (UTF-8 with BOM, CRLF, as Excel opens it) or .xlsx, in the
// columns that import reads back: export -> import -> export gives the same bytes.
#pragma once

#include <ostream>
#include <string>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "exchange/registry_columns.hpp"
#include "geo/geography.hpp"
#include "registry/registry_repository.hpp"
#include "registry/sectors.hpp"

namespace htx::exchange {

enum class ExportFormat { kCsv, kXlsx };

// By the file's extension: .xlsx -> kXlsx, anything else CSV.
ExportFormat format_for_path(const std::string& path);

class RegistryExporter {
 public:
  RegistryExporter(registry::RegistryRepository& repo, const geo::Geography& geo,
                   const registry::Sectors& sectors, const RegistryColumns& columns,
                   const i18n::Catalog& catalog)
      : repo_(repo), geo_(geo), sectors_(sectors), columns_(columns), catalog_(catalog) {}

  // Returns the number of entities written.
  std::size_t write_csv(std::ostream& out);
  // `created` is the document date written into the workbook (keeps output deterministic).
  std::size_t write_xlsx(const std::string& path, Date created);

 private:
  std::vector<std::string> header() const;
  std::vector<std::string> cells(const registry::Entity& e) const;

  registry::RegistryRepository& repo_;
  const geo::Geography& geo_;
  const registry::Sectors& sectors_;
  const RegistryColumns& columns_;
  const i18n::Catalog& catalog_;
};

}  // namespace htx::exchange
