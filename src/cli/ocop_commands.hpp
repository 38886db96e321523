// OCOP certificates on the command line, as the operator (every province) through
// areas::OcopArea:
//   htx ocop list [--province P] [--group G] [--stars N] [--producer CODE] [--valid-on D]
//   htx ocop add --product … --group … --subgroup … --producer CODE --score-a … --score-b …
//                --score-c … --decision-number … --decided-on D [--stars N] [--level L]
//                [--renews ID]
//   htx ocop show ID [--on D]
//   htx ocop import FILE.xlsx            a province's list: every row or none
//   htx ocop migrate-free-text [--apply] the registry's free-text field into records (a dry
//                                        run unless --apply), what cannot be matched listed
// A refusal prints the catalogue message after the option it is about and exits 1 (2 for a
// malformed filter), writing nothing.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "areas/fields.hpp"
#include "core/i18n.hpp"
#include "ocop/rules.hpp"
#include "store/database.hpp"

namespace htx::cli {

class OcopCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  int run(store::Database& db, const i18n::Catalog& catalog, const ocop::OcopRules& rules,
          const std::string& actor);

 private:
  CLI::App *ocop_ = nullptr, *list_ = nullptr, *add_ = nullptr, *show_ = nullptr,
           *import_ = nullptr, *migrate_ = nullptr;
  areas::Fields filter_, fields_;
  std::int64_t id_ = 0;
  std::string on_, file_;
  bool apply_ = false;
};

}  // namespace htx::cli
