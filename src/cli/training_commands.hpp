// Training on the command line, as the operator (every province) through areas::TrainingArea:
//   htx course plan --unit U --year Y --trainees-dao-tao N …   a yearly plan's targets by kind
//   htx course plans [--unit U] [--year Y]
//   htx course add --code C --unit U --kind K --topic T --starts-on D [--ends-on D] …
//   htx course list [--unit U] [--year Y] [--kind K] | show CODE   (its class and marks)
//   htx course enrol CODE --trainee ID [--enrolled-on D]
//   htx course mark CODE --session N --marks "ID=present,ID=late,…"
//   htx course costs CODE --actual-hall N …
//   htx course certify CODE (--trainee ID | --all)     prints each certificate's code
//   htx course verify CERTIFICATE                       what the certificate says
//   htx trainee add --full-name … --sex … --birth-year … --ethnicity … --role … [--entity E]
//   htx trainee list [--entity E]
//   htx training report [--year Y | --year-from A --year-to B] [--unit U] [--by D,D…]
//                       [--boundaries registered|old|new] [--format text|csv|xlsx]
//                       [--sheet cells|total|plan] [--output FILE]
// A refusal prints the catalogue message after the option it is about and exits 1 (2 for a
// malformed filter), writing nothing.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "areas/fields.hpp"
#include "core/i18n.hpp"
#include "geo/geography.hpp"
#include "store/database.hpp"
#include "training/rules.hpp"

namespace htx::cli {

class TrainingCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  int run(store::Database& db, const i18n::Catalog& catalog, const geo::Geography& geo,
          const std::string& actor);

 private:
  CLI::App *course_ = nullptr, *trainee_ = nullptr, *training_ = nullptr;
  CLI::App *plan_ = nullptr, *plans_ = nullptr, *add_ = nullptr, *list_ = nullptr, *show_ = nullptr,
           *enrol_ = nullptr, *mark_ = nullptr, *costs_ = nullptr, *certify_ = nullptr,
           *verify_ = nullptr, *trainee_add_ = nullptr, *trainee_list_ = nullptr,
           *report_ = nullptr;
  training::TrainingRules rules_;  // data/training, read by add_to (i18n::data_dir())
  areas::Fields fields_;
  std::string code_, marks_, format_, sheet_ = "cells", output_;
};

}  // namespace htx::cli
