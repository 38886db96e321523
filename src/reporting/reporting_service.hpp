// The reporting regime's writes and reads: adds report forms, records submissions (and their
// corrections, which keep the original submission date), each inside one transaction with an
// audit entry, and computes the rates and the late list at today's date. Expected outcomes are
// htx::Error values with catalogue keys "reporting.*" (and "field.*"); each carries a "field"
// parameter naming the input it is about ("form", "unit", "period", "submitted_on",
// "value.<indicator key>", ...).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/transaction.hpp"
#include "reporting/reporting.hpp"
#include "reporting/reporting_repository.hpp"
#include "work/work_repository.hpp"
#include "work/work_service.hpp"

namespace htx::reporting {

// A submission as the user typed it.
struct SubmissionInput {
  std::string form;                           // form code: "BC-TINH-THANG"
  std::string unit;                           // unit code: "LMHTX-24"
  std::string period;                         // "2021-02"
  std::optional<Date> submitted_on;           // today when absent
  std::map<std::string, std::string> values;  // indicator key -> the text typed
  std::string note;
};

// The values as typed, checked against the form: one error per indicator that is unknown,
// missing while required, not a whole number or negative (field "value.<key>").
std::vector<Error> check_values(const ReportForm& form,
                                const std::map<std::string, std::string>& values,
                                std::map<std::string, std::int64_t>* parsed = nullptr);

class ReportingService {
 public:
  ReportingService(ReportingRepository& repo, work::WorkRepository& work, audit::AuditLog& audit,
                   TransactionManager& tx, const Clock& clock)
      : repo_(repo), work_(work), audit_(audit), tx_(tx), clock_(clock) {}

  Result<ReportForm> add_form(ReportForm form, const std::string& actor,
                              const ProvinceScope& scope);

  // Refuses an unknown form or unit, a unit the form does not expect for the period, a unit
  // outside `scope`, a period that is malformed, of another frequency, in the future or before
  // the form existed, a submission date in the future or before the period, a second submission
  // (correct() changes one) and bad values.
  Result<Submission> submit(const SubmissionInput& in, const std::string& actor,
                            const ProvinceScope& scope);
  // Replaces the values and note of an existing submission; its date stays.
  Result<Submission> correct(const SubmissionInput& in, const std::string& actor,
                             const ProvinceScope& scope);

  // Reads.
  std::vector<ReportForm> forms() { return repo_.list_forms(); }
  std::optional<ReportForm> form_by_code(std::string_view code) {
    return repo_.find_form_by_code(code);
  }
  std::vector<Submission> submissions(const SubmissionQuery& q = {}) {
    return repo_.list_submissions(q);
  }
  // The rates of every form of the period's frequency for `period` at `at` (today if absent);
  // only `form_code` if given; only the units of `scope` (restricted_to).
  std::vector<FormPeriodRates> rates(const ReportPeriod& period, const ProvinceScope& scope,
                                     std::optional<Date> at = {},
                                     const std::string& form_code = {});
  // The forms a unit of `scope` must submit (every form for all()), restricted_to those units.
  std::vector<ReportForm> forms_in(const ProvinceScope& scope);
  std::vector<work::Unit> units_in(const ProvinceScope& scope);
  Date today() const { return clock_.today(); }

 private:
  struct Checked {
    ReportForm form;
    work::Unit unit;
    ReportPeriod period;
    std::map<std::string, std::int64_t> values;
  };
  Result<Checked> check(const SubmissionInput& in, const work::ProvinceScope& scope);

  ReportingRepository& repo_;
  work::WorkRepository& work_;
  audit::AuditLog& audit_;
  TransactionManager& tx_;
  const Clock& clock_;
};

}  // namespace htx::reporting
