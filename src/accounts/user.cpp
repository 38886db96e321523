#include "accounts/user.hpp"

#include "core/enum_codes.hpp"

namespace htx::accounts {

constexpr enum_codes::Codes<Role, 8> kRoles{{"admin", "national_leader", "national_staff",
                                             "provincial_staff", "cooperative", "buyer",
                                             "fund_staff", "fund_approver"}};

// "buyer" is unreachable: every role is listed above.
std::string_view to_code(Role role) { return kRoles.code(role, "buyer"); }

// The fund's roles are not assignable yet: the stored accounts' role CHECK (migration 3) lists
// the first six, and widening it needs a migration that rebuilds app_user on SQLite (next).
constexpr std::size_t kAssignableRoles = 6;

std::optional<Role> role_from_code(std::string_view code) {
  auto r = kRoles.from_code(code);
  if (r && static_cast<std::size_t>(*r) >= kAssignableRoles) return std::nullopt;
  return r;
}

std::vector<Role> all_roles() {
  auto values = kRoles.values();
  return {values.begin(), values.begin() + kAssignableRoles};
}

}  // namespace htx::accounts
