#include "registry/change_request.hpp"

#include "core/json_record.hpp"

namespace htx::registry {

std::string_view to_code(ChangeStatus s) {
  switch (s) {
    case ChangeStatus::kPending:
      return "pending";
    case ChangeStatus::kApproved:
      return "approved";
    case ChangeStatus::kRejected:
      return "rejected";
  }
  return "pending";
}

std::optional<ChangeStatus> change_status_from_code(std::string_view code) {
  for (auto s : {ChangeStatus::kPending, ChangeStatus::kApproved, ChangeStatus::kRejected})
    if (to_code(s) == code) return s;
  return std::nullopt;
}

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
