// The work programme as the pages, the JSON API and the command line all use it: the service
// built once over the request's database, the caller's scope, the units by id and code, the
// tasks and documents of an address (not found / forbidden), the filtered lists (tasks by unit
// and status in the database, then the caller's scope and the other filters), the standing
// leadership's blockers and the review's inputs. Handlers only parse the request and render what
// this answers; a refusal is an Error whose kind decides the status at every edge.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "areas/area_base.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "fund/rules.hpp"
#include "geo/geography.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"
#include "work/review.hpp"
#include "work/work.hpp"
#include "work/work_service.hpp"

namespace htx::areas {

// The filters of a task list as a request gives them ("" = any).
struct TaskFilter {
  std::string status;    // a task status's code
  std::string unit;      // the lead unit's code
  std::string year;      // open at some time in that year
  std::string document;  // the id of the document that created the task
  bool key = false;      // key tasks only
  bool overdue = false;  // overdue today only
};

// "2021-02" (a month) or "2021" (a year): month 0 for a year.
struct ReviewPeriod {
  int year = 0;
  int month = 0;
  std::string code() const;  // "2021-02" or "2021"
};
std::optional<ReviewPeriod> parse_review_period(std::string_view text);

class WorkArea : public CallerArea {
 public:
  WorkArea(store::Database& db, const Clock& clock, Caller caller);

  bool can_manage_units() const {
    return accounts::AccessPolicy::can_manage_units(caller_.principal);
  }
  work::WorkService& service() { return service_; }
  Date today() const { return clock_.today(); }

  // Units: any by id (nullptr when there is none), every one by id, those in scope.
  const work::Unit* unit(std::int64_t id) const;
  std::string unit_name(std::int64_t id) const;  // the id when there is no such unit
  std::vector<const work::Unit*> units() const;
  std::vector<const work::Unit*> units_in_scope() const;
  // The unit is in the caller's scope.
  bool reaches(std::int64_t unit_id) const;
  // The unit of a code: not found ("work.unit_code_not_found") when no unit has it.
  Result<const work::Unit*> unit_by_code(std::string_view code) const;
  // The unit a request's body names by its code (its member `field`): invalid when none has it.
  Result<const work::Unit*> unit_named(std::string_view code, const std::string& field) const;

  // A task is seen when its lead unit or a cooperating unit is in scope, and written by those
  // who write the work programme when its lead unit is.
  bool visible(const work::Task& t) const;
  bool writable(const work::Task& t) const;
  // A document is changed by those whose scope holds its issuer, and read by them and by those
  // who see one of the tasks it created.
  bool document_writable(const work::Document& d) const;
  bool document_readable(const work::Document& d);

  // The task of an address (its id as text): not found, or forbidden when it is not seen.
  Result<work::Task> task(std::string_view id_text);
  // One of the task's blockers by its id as text: not found ("work.blocker_not_found").
  Result<work::TaskNote> blocker_of(const work::Task& t, std::string_view note_text);
  // The tasks seen, by due date: a bad filter is a bad request on its parameter, an unknown
  // unit not found.
  Result<std::vector<work::Task>> tasks(const TaskFilter& filter);
  // The number of tasks seen per document that created them.
  std::map<std::int64_t, int> task_counts();

  // The document of an address: not found, or forbidden when it may not be read (`write`:
  // changed).
  Result<work::Document> document(std::string_view id_text, bool write);
  // The documents seen (issued in scope or the source of a task seen), newest first; `year`
  // "" = every year, else a bad request on "year" when it is not one.
  Result<std::vector<work::Document>> documents(const std::string& year);
  std::map<std::int64_t, work::Document> documents_by_id();
  // The standing leadership's list: the open blockers of the tasks seen, oldest first.
  std::vector<work::OpenBlocker> blockers();

  // The review. A bad period is a bad request on "period".
  Result<ReviewPeriod> review_period(std::string_view text) const;
  // Everything the review reads, limited to the tasks seen (and their blockers).
  work::ReviewInput review_input();
  // The registry figures of the period: national for all(); else the sum of the provinces in
  // the scope (on the period's boundaries), named in `area`, and no regional breakdown. With
  // the fund's rules, the support funds' lending of the period in the same scope.
  work::RegistryFigures registry_figures(const geo::Geography& geo,
                                         const registry::Sectors& sectors, const ReviewPeriod& p,
                                         const fund::FundRules* fund = nullptr);
  // The draft report of the period, dated `dated`, and the review as JSON.
  work::DraftReport review_draft(const geo::Geography& geo, const registry::Sectors& sectors,
                                 const ReviewPeriod& p, Date dated,
                                 const fund::FundRules* fund = nullptr);
  nlohmann::json review_json(const geo::Geography& geo, const registry::Sectors& sectors,
                             const ReviewPeriod& p, const fund::FundRules* fund = nullptr);

 private:
  store::Database& db_;
  const Clock& clock_;
  work::WorkService service_;
  std::map<std::int64_t, work::Unit> units_;
};

// A positive whole number of at most 15 digits (an id in an address, a parameter or an option).
std::optional<std::int64_t> positive_id(std::string_view text);
// A year parameter ("" = none): a bad request on `field` ("work.bad_year") unless 1900..9999.
Result<std::optional<int>> year_of(const std::string& text, const std::string& field = "year");

}  // namespace htx::areas
