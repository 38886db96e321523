// Advisory cases (tư vấn thành lập, issue 13 item 2) as the pages, the JSON API and the command
// line all use them: the service built over the request's database, the caller's role checked
// (AccessPolicy's work roles: admin, national and provincial staff open, close and drop cases
// within their scope; the national leader reads), the advising unit by its code and the province
// by its id, code or name, every refusal naming its field.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "advisory/advisory_service.hpp"
#include "areas/caller.hpp"
#include "areas/fields.hpp"
#include "geo/geography.hpp"
#include "store/database.hpp"

namespace htx::areas {

class AdvisoryArea {
 public:
  AdvisoryArea(store::Database& db, const Clock& clock, const geo::Geography& geo, Caller caller);

  const Caller& caller() const { return caller_; }
  bool can_read() const;
  bool can_write() const;

  // Filters: province (id, code or name), unit (code), status (open, closed, dropped), year (of
  // opening). A filter that cannot be read is a bad request on its name.
  Result<std::vector<advisory::Case>> list(const Fields& filter);
  Result<advisory::Case> find(std::int64_t id);
  // Registry entities the case may be closed with, best first.
  Result<std::vector<advisory::Match>> matches(std::int64_t id);
  // The units that may advise, in the caller's scope (the national alliance and the provincial
  // alliances), by code.
  std::vector<work::Unit> units();

  // unit (code; a provincial user's own alliance when empty), province (a national unit's case:
  // id, code or name), group_name, contact, address, planned_type (HTX, LHHTX, THT; default HTX),
  // opened_on (default today), adviser, note.
  Result<advisory::Case> open(const Fields& f);
  // entity_code, closed_on (default today).
  Result<advisory::Case> close(std::int64_t id, const Fields& f);
  // reason, dropped_on (default today).
  Result<advisory::Case> drop(std::int64_t id, const Fields& f);

 private:
  Result<bool> must_write() const;

  store::Database& db_;
  const Clock& clock_;
  const geo::Geography& geo_;
  Caller caller_;
  advisory::AdvisoryService service_;
};

}  // namespace htx::areas
