#include "accounts/user.hpp"

namespace htx::accounts {

namespace {

struct RoleCode {
  Role role;
  std::string_view code;
};

constexpr RoleCode kRoles[] = {
    {Role::kAdmin, "admin"},
    {Role::kNationalLeader, "national_leader"},
    {Role::kNationalStaff, "national_staff"},
    {Role::kProvincialStaff, "provincial_staff"},
    {Role::kCooperative, "cooperative"},
    {Role::kBuyer, "buyer"},
};

}  // namespace

std::string_view to_code(Role role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.code;
  return "buyer";  // unreachable: every role is listed above
}

std::optional<Role> role_from_code(std::string_view code) {
  for (const auto& r : kRoles)
    if (r.code == code) return r.role;
  return std::nullopt;
}

std::vector<Role> all_roles() {
  std::vector<Role> out;
  for (const auto& r : kRoles) out.push_back(r.role);
  return out;
}

}  // namespace htx::accounts
