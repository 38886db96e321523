// What the work programme's pages (src/webapp) and its JSON API (api/work_api.cpp) share: who may
// read and write it, the province scope of units and tasks, the review's period and inputs (the
// task records and the registry figures of the period, as `htx review` builds them).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.hpp"
#include "core/date.hpp"
#include "geo/geography.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"
#include "work/review.hpp"
#include "work/work.hpp"
#include "work/work_service.hpp"

namespace htx::api {

// Who may read and write the work programme: accounts::AccessPolicy::can_read_work,
// can_write_work, can_manage_units.
using accounts::AccessPolicy;
inline bool can_read_work(const accounts::Principal& p) { return AccessPolicy::can_read_work(p); }
inline bool can_write_work(const accounts::Principal& p) { return AccessPolicy::can_write_work(p); }
inline bool can_manage_units(const accounts::Principal& p) {
  return AccessPolicy::can_manage_units(p);
}

// The principal's scope as WorkService takes it (AccessPolicy::province_scope).
work::ProvinceScope work_scope(const accounts::AccessPolicy& access, const accounts::Principal& p);
bool unit_in_scope(const work::Unit& unit, const work::ProvinceScope& scope);
// A task is visible when its lead unit or one of its cooperating units is in scope.
bool task_visible(const work::Task& task, const std::map<std::int64_t, work::Unit>& units,
                  const work::ProvinceScope& scope);
std::map<std::int64_t, work::Unit> units_by_id(const std::vector<work::Unit>& units);
// A document is changed by those whose scope holds its issuer, and read by them and by those who
// see one of the tasks it created.
bool document_writable(const work::Document& d, const std::map<std::int64_t, work::Unit>& units,
                       const work::ProvinceScope& scope);
bool document_readable(const work::Document& d, const std::map<std::int64_t, work::Unit>& units,
                       const std::vector<work::Task>& tasks, const work::ProvinceScope& scope);

// "2021-02" (a month) or "2021" (a year): month 0 for a year.
struct ReviewPeriod {
  int year = 0;
  int month = 0;
  std::string code() const;  // "2021-02" or "2021"
};
std::optional<ReviewPeriod> parse_review_period(std::string_view text);

// The registry figures of the period (stats::ReportBuilder): national without a scope; with a
// provincial user's scope, the sum of the provinces in it (on the period's boundaries), named in
// `area`, and no regional breakdown.
work::RegistryFigures registry_figures(store::Database& db, const geo::Geography& geo,
                                       const registry::Sectors& sectors, const ReviewPeriod& p,
                                       const work::ProvinceScope& scope);

// Everything the review reads, limited to the tasks visible in `scope` (and their blockers).
work::ReviewInput review_input(store::Database& db, const work::ProvinceScope& scope);

// The draft report of the period, dated `dated`.
work::DraftReport review_draft(store::Database& db, const geo::Geography& geo,
                               const registry::Sectors& sectors, const ReviewPeriod& p,
                               const work::ProvinceScope& scope, Date dated);
// The review as JSON (work::to_json of the month's or the year's review).
nlohmann::json review_json(store::Database& db, const geo::Geography& geo,
                           const registry::Sectors& sectors, const ReviewPeriod& p,
                           const work::ProvinceScope& scope);

}  // namespace htx::api
