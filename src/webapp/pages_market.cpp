// The exchange's pages: offers and demand with their filters, the matching screen, campaigns
// with their progress and results (public once published), over areas::MarketArea.
#include "webapp/site_internal.hpp"

namespace htx::webapp {

void register_market_pages(Site& /*site*/, web::Router& /*router*/) {}

}  // namespace htx::webapp
