// The governance area as the pages, the JSON API and the command line all use it: the service
// built once over the request's database, the caller's scope, the organisations (national and
// provincial alliances) by id and code, and the filtered lists (in the database, then limited to
// the scope). Handlers only parse the request and render what this answers; a refusal is an
// Error whose kind decides the status at every edge.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "areas/caller.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "governance/governance_service.hpp"
#include "store/database.hpp"
#include "work/work.hpp"

namespace htx::areas {

// The filters of a meetings list as a request gives them ("" = any).
struct MeetingFilter {
  std::string unit;  // an organisation's code
  std::string body;  // a body kind's code (standing, executive, ...)
  std::string year;  // held in that year
};

// The filters of an admissions list as a request gives them ("" = any).
struct ApplicationFilter {
  std::string unit;    // a provincial alliance's code
  std::string batch;   // "2/2021"
  std::string status;  // submitted, under_review, admitted, rejected
};

class GovernanceArea {
 public:
  GovernanceArea(store::Database& db, const Clock& clock, Caller caller);

  const Caller& caller() const { return caller_; }
  const ProvinceScope& scope() const { return caller_.scope; }
  std::string actor() const { return caller_.actor(); }
  bool can_read() const { return accounts::AccessPolicy::can_read_work(caller_.principal); }
  bool can_write() const { return accounts::AccessPolicy::can_write_work(caller_.principal); }
  governance::GovernanceService& service() { return service_; }

  // Any unit by id (nullptr when there is none).
  const work::Unit* unit(std::int64_t id) const;
  // The unit's organisation is in the caller's scope.
  bool reaches(std::int64_t unit_id) const;
  // The organisations in scope: the national alliance first, then the provinces by code.
  std::vector<const work::Unit*> organisations(bool provincial_only = false) const;
  // The organisation of a code: not found ("governance.unknown_unit") when no organisation has
  // it, forbidden when it is outside the caller's scope.
  Result<const work::Unit*> organisation(std::string_view code) const;

  // The meetings in scope, newest first: a bad filter is a bad request on its parameter, an
  // unknown organisation not found, another province's forbidden.
  Result<std::vector<governance::MeetingSummary>> meetings(const MeetingFilter& filter);
  // One meeting in scope: not found, or forbidden when its organisation is another province's.
  Result<governance::MeetingDetail> meeting(std::int64_t id);
  // The admission applications in scope, by the filter.
  Result<std::vector<governance::Application>> applications(const ApplicationFilter& filter);
  // The memberships in scope (of one organisation when `unit` names one; current ones only).
  Result<std::vector<governance::Membership>> memberships(const std::string& unit,
                                                          bool current_only);
  // The awards granted by organisations in scope (`year` "" = every year).
  Result<std::vector<governance::Award>> awards(const std::string& year);

  // The organisation a request's body names by its code (its member `field`): invalid when no
  // organisation has it, forbidden when it is outside the caller's scope.
  Result<const work::Unit*> organisation_named(std::string_view code,
                                               const std::string& field) const;

  std::vector<governance::AgendaItem> items_of(std::int64_t meeting_id) {
    return db_.governance().items_of(meeting_id);
  }
  std::optional<governance::AgendaItem> item(std::int64_t id) {
    return db_.governance().find_item(id);
  }
  std::optional<work::Document> document(std::int64_t id) { return db_.work().find_document(id); }
  std::vector<work::Document> documents() { return db_.work().list_documents(); }
  std::optional<governance::Application> application(std::int64_t id) {
    return db_.governance().find_application(id);
  }
  std::optional<governance::Body> body(std::int64_t id) { return db_.governance().find_body(id); }

 private:
  // The organisation a filter names (nothing to do when ""), its id into `out`; or the refusal
  // of organisation().
  std::optional<Error> unit_filter(const std::string& code, std::optional<std::int64_t>& out) const;

  store::Database& db_;
  Caller caller_;
  governance::GovernanceService service_;
  std::map<std::int64_t, work::Unit> units_;
  std::vector<std::int64_t> organisation_order_;
};

}  // namespace htx::areas
