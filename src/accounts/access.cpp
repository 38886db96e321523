#include "accounts/access.hpp"

#include <algorithm>
#include <unordered_set>

namespace htx::accounts {

namespace {

const User* active_user(const Principal& p) {
  if (!p.user || p.user->disabled) return nullptr;
  return &*p.user;
}

bool national(Role r) {
  return r == Role::kAdmin || r == Role::kNationalLeader || r == Role::kNationalStaff;
}

bool fund_role(Role r) { return r == Role::kFundStaff || r == Role::kFundApprover; }

bool own_entity(const User& u, std::string_view entity_code) {
  return u.role == Role::kCooperative && !u.entity_code.empty() && u.entity_code == entity_code;
}

}  // namespace

ProvinceScope AccessPolicy::province_scope(const Principal& p) const {
  const User* u = active_user(p);
  if (!u) return ProvinceScope::none();
  if (national(u->role)) return ProvinceScope::all();
  // The central fund's staff are national; a provincial fund's have its province.
  if (fund_role(u->role) && u->province_ids.empty()) return ProvinceScope::all();
  if (u->role != Role::kProvincialStaff && !fund_role(u->role)) return ProvinceScope::none();

  // The user's units and every unit whose chain of successors leads into one of them (its
  // predecessors, however many mergers back) — not the units they were merged into, nor those
  // units' other predecessors.
  std::unordered_set<std::string> own(u->province_ids.begin(), u->province_ids.end());
  std::vector<std::string> scope = u->province_ids;
  for (const auto& prov : geo_.provinces()) {
    if (own.count(prov.id)) continue;
    std::unordered_set<std::string> seen{prov.id};
    for (const geo::Province* next = geo_.province(prov.successor_id); next;
         next = geo_.province(next->successor_id)) {
      if (!seen.insert(next->id).second) break;  // a cycle in the data: stop
      if (own.count(next->id)) {
        scope.push_back(prov.id);
        break;
      }
    }
  }
  std::sort(scope.begin(), scope.end());
  scope.erase(std::unique(scope.begin(), scope.end()), scope.end());
  return ProvinceScope::of(std::move(scope));
}

bool AccessPolicy::in_scope(const Principal& p, std::string_view province_id) const {
  return province_scope(p).allows(province_id);
}

bool AccessPolicy::can_read_work(const Principal& p) {
  const User* u = active_user(p);
  return u && (national(u->role) || u->role == Role::kProvincialStaff);
}

bool AccessPolicy::can_write_work(const Principal& p) {
  const User* u = active_user(p);
  return u && (u->role == Role::kAdmin || u->role == Role::kNationalStaff ||
               u->role == Role::kProvincialStaff);
}

bool AccessPolicy::can_manage_units(const Principal& p) {
  const User* u = active_user(p);
  return u && (u->role == Role::kAdmin || u->role == Role::kNationalStaff);
}

bool AccessPolicy::can_view_entity(const Principal& p, std::string_view province_id,
                                   std::string_view entity_code) const {
  const User* u = active_user(p);
  if (!u || !can_use_registry(p)) return false;
  if (u->role == Role::kCooperative) return own_entity(*u, entity_code);
  return in_scope(p, province_id);
}

bool AccessPolicy::can_edit_entity(const Principal& p, std::string_view province_id,
                                   std::string_view entity_code) const {
  // Whoever may enter a record in the province, and a cooperative's account its own record.
  const User* u = active_user(p);
  if (u && u->role == Role::kCooperative) return own_entity(*u, entity_code);
  return can_create_entity(p, province_id);
}

bool AccessPolicy::can_create_entity(const Principal& p, std::string_view province_id) const {
  const User* u = active_user(p);
  if (!u) return false;
  switch (u->role) {
    case Role::kAdmin:
    case Role::kNationalStaff:
      return true;
    case Role::kProvincialStaff:
      return in_scope(p, province_id);
    case Role::kNationalLeader:
    case Role::kCooperative:
    case Role::kBuyer:
    case Role::kFundStaff:
    case Role::kFundApprover:
      return false;
  }
  return false;
}

bool AccessPolicy::can_dissolve_entity(const Principal& p, std::string_view province_id) const {
  return can_create_entity(p, province_id);
}

bool AccessPolicy::can_import(const Principal& p) const {
  const User* u = active_user(p);
  return u && (u->role == Role::kAdmin || u->role == Role::kNationalStaff ||
               u->role == Role::kProvincialStaff);
}

bool AccessPolicy::can_manage_users(const Principal& p) const {
  const User* u = active_user(p);
  return u && u->role == Role::kAdmin;
}

bool AccessPolicy::can_view_audit(const Principal& p) const { return can_manage_users(p); }

bool AccessPolicy::can_use_registry(const Principal& p) const {
  const User* u = active_user(p);
  return u && u->role != Role::kBuyer;
}

// The same people who write the work programme.
bool AccessPolicy::can_trade_as_staff(const Principal& p) { return can_write_work(p); }

bool AccessPolicy::can_read_market(const Principal& p) { return active_user(p) != nullptr; }

bool AccessPolicy::can_read_fund(const Principal& p) {
  const User* u = active_user(p);
  return u && (national(u->role) || fund_role(u->role) || u->role == Role::kProvincialStaff);
}

bool AccessPolicy::can_write_fund(const Principal& p) {
  const User* u = active_user(p);
  return u && (u->role == Role::kAdmin || fund_role(u->role));
}

bool AccessPolicy::can_approve_fund(const Principal& p) {
  const User* u = active_user(p);
  return u && (u->role == Role::kAdmin || u->role == Role::kFundApprover);
}

bool AccessPolicy::can_borrow(const Principal& p) {
  const User* u = active_user(p);
  return u && u->role == Role::kCooperative && !u->entity_code.empty();
}

bool AccessPolicy::can_read_ocop(const Principal& p) { return can_read_fund(p) || can_borrow(p); }

bool AccessPolicy::can_write_ocop(const Principal& p) { return can_write_work(p); }

}  // namespace htx::accounts
