// The supply–demand exchange on the command line, as the operator (every province) through
// areas::MarketArea:
//   htx offer list|add|withdraw, htx demand list|add|withdraw    offers and demand
//   htx campaign list|show|add|status CODE STATUS               campaigns
//   htx campaign results CODE [--as-of D] [--format text|json|csv|xlsx] [--output FILE]
//                                                               the results and the prose
//   htx allocate CAMPAIGN [--confirm]                           the optimal allocation
//   htx order list|dispatch|receive, htx sale add ORDER          deliveries and sales
// A refusal prints the catalogue message after the option it is about ("--quantity: …") and
// exits 1 (2 for a malformed filter), writing nothing. cli.cpp registers the commands and runs
// the chosen one once the database is open.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <string>

#include "areas/market_area.hpp"
#include "core/i18n.hpp"
#include "geo/geography.hpp"
#include "market/market_service.hpp"
#include "store/database.hpp"

namespace htx::cli {

class MarketCommands {
 public:
  void add_to(CLI::App& app, const i18n::Catalog& catalog);
  bool chosen() const;
  // `geo` names the provinces of the results' sheets.
  int run(store::Database& db, const i18n::Catalog& catalog, const market::MarketData& data,
          const geo::Geography& geo, const std::string& actor);

 private:
  using Side = areas::MarketArea::Side;
  // `htx offer` or `htx demand`: list, add, withdraw, over the side's fields.
  struct Listing {
    Side side;
    CLI::App *root = nullptr, *list = nullptr, *add = nullptr, *withdraw = nullptr;
    areas::Fields fields{};
  };
  void add_listing(CLI::App& app, const i18n::Catalog& c, Listing& l, const char* name);
  int listing_list(areas::MarketArea& m, const i18n::Catalog& c, Side side);
  int campaign_list(areas::MarketArea& m, const i18n::Catalog& c);
  int campaign_show(areas::MarketArea& m, const i18n::Catalog& c);
  // A campaign's results (`campaign results`) or a period's (`sale results`).
  int campaign_results(areas::MarketArea& m, const i18n::Catalog& c);
  void results_options(CLI::App* cmd, const i18n::Catalog& c);
  // The results as a file: .xlsx (every sheet) or one sheet's CSV (--sheet), to --output or,
  // for a CSV, to the screen.
  int results_file(const market::ResultsTable& table, Date as_of, const i18n::Catalog& c);
  int allocate(areas::MarketArea& m, const i18n::Catalog& c);
  int order_list(areas::MarketArea& m, const i18n::Catalog& c);

  Listing offers_{Side::kOffer}, demand_{Side::kDemand};
  CLI::App *campaign_ = nullptr, *campaign_list_ = nullptr, *campaign_show_ = nullptr,
           *campaign_add_ = nullptr, *campaign_status_ = nullptr, *campaign_results_ = nullptr;
  CLI::App* allocate_ = nullptr;
  CLI::App *order_ = nullptr, *order_list_ = nullptr, *order_dispatch_ = nullptr,
           *order_receive_ = nullptr;
  CLI::App *sale_ = nullptr, *sale_add_ = nullptr, *sale_results_ = nullptr;

  // The fields of each write as the options give them (areas::Fields by the area's names).
  areas::Fields campaign_fields_, delivery_fields_, sale_fields_;
  areas::ListingFilter filter_;
  bool open_only_ = false;
  std::int64_t id_ = 0;
  std::string code_, status_, from_, as_of_, format_ = "table", output_, sheet_ = "groups";
  bool confirm_ = false;
  const geo::Geography* geo_ = nullptr;
};

}  // namespace htx::cli
