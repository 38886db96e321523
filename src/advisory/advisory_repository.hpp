// Storage of the advisory cases, implemented once over the statement runner
// (src/store/advisory_store.cpp) and checked by one contract suite on both backends
// (tests/store/advisory_contract_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "advisory/advisory.hpp"
#include "core/repository.hpp"

namespace htx::advisory {

struct CaseQuery {
  std::optional<std::int64_t> unit_id;
  std::optional<std::vector<std::string>> province_ids;  // none: any province
  std::optional<CaseStatus> status;
  std::optional<int> opened_year;
  // Closed (or dropped) within [closed_from, closed_to].
  std::optional<Date> closed_from, closed_to;
};

class AdvisoryRepository : public EditableRepository<Case> {
 public:
  // The case closed with that entity, if any.
  virtual std::optional<Case> find_by_entity(const std::string& entity_code) = 0;
  // By opening date, then id.
  virtual std::vector<Case> list(const CaseQuery& query) = 0;
};

}  // namespace htx::advisory
