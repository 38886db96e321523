// `htx review 2021-02 | 2021`: the monthly review (with the next month's plan) or the annual
// summary of the work programme, with the registry statistics of the period, as text or JSON.
// cli.cpp registers the command and runs it once the database is open.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "core/i18n.hpp"
#include "geo/geography.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"

namespace htx::cli {

class WorkCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  int run(store::Database& db, const i18n::Catalog& catalog, const geo::Geography& geo,
          const registry::Sectors& sectors);

 private:
  CLI::App* review_ = nullptr;
  std::string period_;
  std::string format_ = "text";
  std::string output_;
  std::string date_;
};

}  // namespace htx::cli
