// The reporting regime (chế độ thông tin, báo cáo) as the pages, the JSON API and the command
// line all use it: the service built once over the request's database, the caller's scope, the
// forms and units in that scope, a form by its code and the rates of a period (a bad period or an
// unknown form a bad request on its parameter), and the submissions written in the scope.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "areas/area_base.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "reporting/reporting_service.hpp"
#include "store/database.hpp"

namespace htx::areas {

// The rates of one period at one date, every form of the period's frequency in the scope.
struct PeriodRates {
  reporting::ReportPeriod period;
  Date as_of;
  std::vector<reporting::FormPeriodRates> forms;
};

class ReportingArea : public CallerArea {
 public:
  ReportingArea(store::Database& db, const Clock& clock, Caller caller);

  reporting::ReportingService& service() { return service_; }
  Date today() const { return service_.today(); }

  // The forms a unit of the scope submits (restricted to those units), and those units.
  std::vector<reporting::ReportForm> forms() { return service_.forms_in(caller_.scope); }
  std::vector<work::Unit> units() { return service_.units_in(caller_.scope); }
  // Any form by its code (nullopt when none has it).
  std::optional<reporting::ReportForm> form(std::string_view code) {
    return service_.form_by_code(code);
  }

  // A period ("2021-02", "2021-Q1"): a bad request on "period" ("reporting.bad_period").
  Result<reporting::ReportPeriod> period(std::string_view text) const;
  // The rates of the period in the scope at today's date (only `form_code` when given: a bad
  // request on "form" when no form has it).
  Result<PeriodRates> rates(std::string_view period_text, const std::string& form_code = {});

  // A submission (or its correction) by `actor` in the caller's scope.
  Result<reporting::Submission> submit(const reporting::SubmissionInput& in,
                                       const std::string& actor, bool correction = false);

 private:
  reporting::ReportingService service_;
};

}  // namespace htx::areas
