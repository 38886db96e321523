// A change a cooperative's own account proposes to its registry record (issue 13, item 5): the
// fields an office lets it change (address, members, employees, charter capital, revenue), with
// their values before and after; pending until the provincial alliance's staff approve it (the
// change becomes a registry event) or reject it with a reason.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace htx::registry {

enum class ChangeStatus { kPending, kApproved, kRejected };
std::string_view to_code(ChangeStatus s);  // "pending", "approved", "rejected"
std::optional<ChangeStatus> change_status_from_code(std::string_view code);

// The Entity members a cooperative may propose changes to, in the form's order.
const std::vector<std::string>& proposable_fields();

struct ChangeRequest {
  std::int64_t id = 0;
  std::string entity_code;
  std::string entity_name;                            // as registered when proposed
  std::string province_id;                            // the entity's: whose staff decide
  nlohmann::json changes = nlohmann::json::object();  // field -> [before, after] (to_json values)
  std::string note;                                   // why, as the cooperative writes it
  ChangeStatus status = ChangeStatus::kPending;
  std::string proposed_by, proposed_at;
  std::string decided_by, decided_at;
  std::string reason;  // the decision's: required for a rejection
};

nlohmann::json to_json(const ChangeRequest& r);

}  // namespace htx::registry
