// Importing a registry file (.csv or .xlsx) the way a provincial office has it: headers in
// Vietnamese with or without diacritics, in any order, legacy encodings detected, every bad row
// reported with its line, column and reason; all or nothing unless skip_invalid is set.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/transaction.hpp"
#include "exchange/registry_columns.hpp"
#include "geo/geography.hpp"
#include "registry/registry_service.hpp"
#include "registry/sectors.hpp"

namespace htx::exchange {

struct ImportOptions {
  bool skip_invalid = false;  // import the good rows, write the bad ones to rejected_path
  std::string rejected_path;  // default: <input>.rejected.csv
  std::string actor = "cli";
  std::size_t max_record_bytes = 1 << 20;  // a longer line is refused
  std::function<void(double)> progress;    // called with 0..1 now and then
  std::size_t max_problems_kept = 1000;    // problems listed in the report (all are counted)
  const i18n::Catalog* catalog = nullptr;  // words of the rejected-rows file (keys if none)
  // Check every row as an import would (codes already stored included), then roll back: the
  // report says what an import would do (created, unchanged, problems); nothing is stored.
  bool dry_run = false;
  // A further check of each row that passed the field checks (called on the parsing thread):
  // its error becomes a problem of the row, on the column of the field it names.
  std::function<std::optional<registry::FieldError>(const registry::Entity&)> row_check;
};

struct RowProblem {
  std::size_t line = 0;  // line of a CSV file or row number of a worksheet
  std::string column;    // "C", or empty when about the whole row
  std::string header;    // the file's header of that column
  Error error;
};

struct ImportReport {
  std::optional<Error> fatal;   // the file as a whole cannot be imported
  std::string source_encoding;  // "UTF-8", or the legacy encoding converted from
  std::size_t rows = 0;         // data rows read
  std::size_t created = 0;
  std::size_t unchanged = 0;         // rows whose code is already stored with the same data
  std::size_t rejected = 0;          // rows with at least one problem
  std::vector<RowProblem> problems;  // the first max_problems_kept
  bool committed = false;
  std::string rejected_path;  // written when skip_invalid and rejected > 0
};

class RegistryImporter {
 public:
  RegistryImporter(registry::RegistryService& service, TransactionManager& tx,
                   const geo::Geography& geo, const registry::Sectors& sectors,
                   const RegistryColumns& columns, const Clock& clock)
      : service_(service),
        tx_(tx),
        geo_(geo),
        sectors_(sectors),
        columns_(columns),
        clock_(clock) {}

  // Never throws for the file's faults; infrastructure failures (disk, database) do throw.
  ImportReport import_file(const std::string& path, const ImportOptions& options);

 private:
  registry::RegistryService& service_;
  TransactionManager& tx_;
  const geo::Geography& geo_;
  const registry::Sectors& sectors_;
  const RegistryColumns& columns_;
  const Clock& clock_;
};

}  // namespace htx::exchange
