// Who is asking, as every area takes it: the principal and the province scope AccessPolicy gives
// them, built once per request by the edge (page, API handler, command line).
#pragma once

#include <string>

#include "accounts/access.hpp"
#include "core/scope.hpp"

namespace htx::areas {

struct Caller {
  accounts::Principal principal;
  ProvinceScope scope;

  std::string actor() const { return principal.user ? principal.user->username : std::string(); }
};

// The command line's caller, the operator of the installation: an administrator's rights over
// every province, `actor` its name in the audit log ("cli:<os user>"). Every CLI command builds
// its area with this one.
inline Caller operator_caller(const std::string& actor) {
  accounts::User u;
  u.username = actor;
  u.role = accounts::Role::kAdmin;
  return Caller{accounts::Principal{std::move(u)}, ProvinceScope::all()};
}

// A request's caller: the scope is AccessPolicy::province_scope of the principal.
inline Caller caller_of(const accounts::AccessPolicy& access, const accounts::Principal& p) {
  return Caller{p, access.province_scope(p)};
}

}  // namespace htx::areas
