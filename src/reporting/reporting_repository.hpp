// Storage of the reporting regime (report forms and submissions), implemented once for both
// backends in src/store/reporting_store.cpp and checked by one contract suite
// (tests/store/reporting_contract_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/repository.hpp"
#include "reporting/reporting.hpp"

namespace htx::reporting {

struct SubmissionQuery {
  std::optional<std::int64_t> form_id;
  std::optional<std::string> period;  // ReportPeriod::code()
  std::optional<std::int64_t> unit_id;
};

class ReportingRepository {
 public:
  virtual ~ReportingRepository() = default;

  // Forms: the code is unique (callers check find_form_by_code first).
  HTX_CODED_RECORDS(ReportForm, form, forms);  // listed by id

  // Submissions: (form, unit, period) is unique (callers check find_submission first).
  virtual std::int64_t insert_submission(const Submission& s) = 0;
  virtual void update_submission(const Submission& s) = 0;  // every field of s.id
  virtual std::optional<Submission> find_submission(std::int64_t form_id, std::int64_t unit_id,
                                                    std::string_view period) = 0;
  // By period, then unit, then id.
  virtual std::vector<Submission> list_submissions(const SubmissionQuery& query) = 0;
};

}  // namespace htx::reporting
