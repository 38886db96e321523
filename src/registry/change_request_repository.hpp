// Where proposed changes to registry records are kept (implemented in src/store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "registry/change_request.hpp"

namespace htx::registry {

struct ChangeRequestQuery {
  std::optional<std::string> entity_code;
  std::optional<ChangeStatus> status;
  std::optional<std::vector<std::string>> province_ids;  // nullopt = any province
};

class ChangeRequestRepository {
 public:
  virtual ~ChangeRequestRepository() = default;
  virtual std::int64_t insert(const ChangeRequest& r) = 0;
  virtual void update(const ChangeRequest& r) = 0;
  virtual std::optional<ChangeRequest> find(std::int64_t id) = 0;
  virtual std::vector<ChangeRequest> list(const ChangeRequestQuery& q) = 0;  // by id
};

}  // namespace htx::registry
