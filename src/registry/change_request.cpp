#include "registry/change_request.hpp"

#include "core/enum_code_functions.hpp"
#include "core/json_record.hpp"

namespace htx::registry {

constexpr enum_codes::Codes<ChangeStatus, 3> kStatuses{{"pending", "approved", "rejected"}};

HTX_ENUM_CODES(ChangeStatus, change_status_from_code, kStatuses)

const std::vector<std::string>& proposable_fields() {
  static const std::vector<std::string> kFields{"address", "members", "employees",
                                                "charter_capital", "revenue"};
  return kFields;
}

nlohmann::json to_json(const ChangeRequest& r) {
  return json_record("id", r.id, "entity_code", r.entity_code, "entity_name", r.entity_name,
                     "province_id", r.province_id, "changes", r.changes, "note", r.note, "status",
                     r.status, "proposed_by", r.proposed_by, "proposed_at", r.proposed_at,
                     "decided_by", r.decided_by, "decided_at", r.decided_at, "reason", r.reason);
}

}  // namespace htx::registry
