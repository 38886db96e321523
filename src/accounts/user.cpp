#include "accounts/user.hpp"

#include "core/enum_codes.hpp"

namespace htx::accounts {

namespace {

constexpr enum_codes::Table<Role, 6> kRoles{{
    {Role::kAdmin, "admin"},
    {Role::kNationalLeader, "national_leader"},
    {Role::kNationalStaff, "national_staff"},
    {Role::kProvincialStaff, "provincial_staff"},
    {Role::kCooperative, "cooperative"},
    {Role::kBuyer, "buyer"},
}};

}  // namespace

// "buyer" is unreachable: every role is listed above.
std::string_view to_code(Role role) { return enum_codes::to_code(kRoles, role, "buyer"); }

std::optional<Role> role_from_code(std::string_view code) {
  return enum_codes::from_code(kRoles, code);
}

std::vector<Role> all_roles() {
  std::vector<Role> out;
  for (const auto& r : kRoles) out.push_back(r.first);
  return out;
}

}  // namespace htx::accounts
