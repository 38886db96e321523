// Where proposed changes to registry records are kept (implemented in src/store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/repository.hpp"
#include "registry/change_request.hpp"

namespace htx::registry {

struct ChangeRequestQuery {
  std::optional<std::string> entity_code;
  std::optional<ChangeStatus> status;
  std::optional<std::vector<std::string>> province_ids;  // nullopt = any province
};

class ChangeRequestRepository : public EditableRepository<ChangeRequest> {
 public:
  virtual std::vector<ChangeRequest> list(const ChangeRequestQuery& q) = 0;  // by id
};

}  // namespace htx::registry
