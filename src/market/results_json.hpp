// A campaign's results and an allocation's proposal as JSON, for the API and `htx campaign results
// --format json`: the campaign, the date, totals by group × unit and by group × channel × unit
// (each quantity in base units and as stated in its unit: "549,8" tấn), the targets with their
// attainment, the value and the number of sale lines, and the alliance's narrative. `public_view`
// drops what the public must not see: every value in đồng (the cooperatives' prices follow from
// them) and who recorded the campaign.
#pragma once

#include <nlohmann/json.hpp>

#include "market/catalogue.hpp"
#include "market/market_service.hpp"
#include "market/results_table.hpp"

namespace htx::market {

nlohmann::json to_json(const CampaignResults& results, const Catalogue& catalogue,
                       bool public_view);

// One total: group, channel, unit, dimension, quantity (base units), stated ("549,8"), lines, and
// value_dong unless `public_view`.
nlohmann::json to_json(const Total& total, const Catalogue& catalogue, bool public_view);

// The parts of a breakdown (by province, by cooperative): key, name and totals (as above, no
// value when `public_view`).
nlohmann::json to_json(const std::vector<ResultsPart>& parts, const Catalogue& catalogue,
                       bool public_view);

// A proposal of the allocation: its lines with their cost parts, the demand left unmet and the
// supply left unsold with their penalties, the objective and the rounds solved.
nlohmann::json to_json(const Proposal& proposal);

}  // namespace htx::market
