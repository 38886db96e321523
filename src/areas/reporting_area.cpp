#include "areas/reporting_area.hpp"

#include "core/text.hpp"

namespace htx::areas {

ReportingArea::ReportingArea(store::Database& db, const Clock& clock, Caller caller)
    : CallerArea(std::move(caller)), service_(db.reporting(), db.work(), db.audit(), db, clock) {}

Result<reporting::ReportPeriod> ReportingArea::period(std::string_view text) const {
  auto p = reporting::parse_report_period(text::trim(text));
  if (!p)
    return Error::bad_request("period", "reporting.bad_period", {{"value", std::string(text)}});
  return *p;
}

Result<PeriodRates> ReportingArea::rates(std::string_view period_text,
                                         const std::string& form_code) {
  auto p = period(period_text);
  if (!p) return p.error();
  if (!form_code.empty() && !service_.form_by_code(form_code))
    return Error::bad_request("form", "reporting.form_not_found", {{"code", form_code}});
  const Date at = today();
  return PeriodRates{*p, at, service_.rates(*p, caller_.scope, at, form_code)};
}

Result<reporting::Submission> ReportingArea::submit(const reporting::SubmissionInput& in,
                                                    const std::string& actor, bool correction) {
  return correction ? service_.correct(in, actor, caller_.scope)
                    : service_.submit(in, actor, caller_.scope);
}

}  // namespace htx::areas
