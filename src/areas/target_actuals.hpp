// The actuals of the plan's targets that other areas count (issue 13 item 2), from their
// individual records, for the statistics report's target table and the reviews: new members
// (applications admitted by decisions dated in the period, by the admitting alliance's province),
// trainees (persons who completed a course of the period's year, by the course's province) and
// advised founding (advisory cases closed in the period with an entity registered by the close,
// by the case's province). The founding target's actual is the report's own (stats::ReportBuilder):
// src/stats does not depend on governance, training or advisory, so the lines are added here.
#pragma once

#include <cstdint>
#include <string>

#include "core/date.hpp"
#include "geo/geography.hpp"
#include "stats/report.hpp"
#include "stats/targets.hpp"
#include "store/database.hpp"

namespace htx::areas {

// Whether a record of `province_id` (as registered) counts for the target's unit: the nation,
// the province itself, or, on the unit's own boundaries, a province shown as it.
bool counts_for_unit(const geo::Geography& geo, const std::string& unit_id,
                     const std::string& province_id);

// The actual of `indicator` (not kFoundedHtx) for `unit_id` ("national" or a province id) over
// [from, to]; trainees count the courses of from's year.
std::int64_t target_actual(store::Database& db, const geo::Geography& geo,
                           stats::Indicator indicator, const std::string& unit_id, Date from,
                           Date to);

// The report's lines of the targets of its year beyond founding, appended with their actuals
// over the report's period (a period within one year; nothing otherwise).
void add_target_lines(store::Database& db, const geo::Geography& geo, stats::Report& r);

}  // namespace htx::areas
