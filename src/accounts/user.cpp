#include "accounts/user.hpp"

#include "core/enum_codes.hpp"

namespace htx::accounts {

constexpr enum_codes::Codes<Role, 8> kRoles{{"admin", "national_leader", "national_staff",
                                             "provincial_staff", "cooperative", "buyer",
                                             "fund_staff", "fund_approver"}};

// "buyer" is unreachable: every role is listed above.
std::string_view to_code(Role role) { return kRoles.code(role, "buyer"); }

std::optional<Role> role_from_code(std::string_view code) { return kRoles.from_code(code); }

std::vector<Role> all_roles() {
  auto values = kRoles.values();
  return {values.begin(), values.end()};
}

}  // namespace htx::accounts
