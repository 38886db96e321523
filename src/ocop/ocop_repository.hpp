// Storage of the OCOP certificates, implemented once over the statement runner
// (src/store/ocop_store.cpp) and checked by one contract suite on both backends
// (tests/store/ocop_contract_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/repository.hpp"
#include "ocop/ocop.hpp"

namespace htx::ocop {

struct CertificateQuery {
  std::optional<std::vector<std::string>> province_ids;  // none: any province
  std::optional<std::string> group;
  std::optional<int> stars;
  std::optional<std::string> producer_code;
  // Valid on this date: decided on or before it, valid through it, not renewed by then.
  std::optional<Date> valid_on;
};

class OcopRepository : public RecordRepository<Certificate> {
 public:
  // The certificate that renews `id`, if any (the earliest decided).
  virtual std::optional<Certificate> renewal_of(std::int64_t id) = 0;
  // A decision's certificate of a product: (producer, decision number, product) is unique.
  virtual std::optional<Certificate> find_decided(const std::string& producer_code,
                                                  const std::string& decision_number,
                                                  const std::string& product) = 0;
  // By province, producer, product, then decision date and id.
  virtual std::vector<Certificate> list(const CertificateQuery& query) = 0;
};

}  // namespace htx::ocop
