// Who may do what: one place for the role and province rules, used by the pages and the API.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/user.hpp"
#include "core/scope.hpp"
#include "geo/geography.hpp"

namespace htx::accounts {

// A request's principal: a user, or nobody (the public).
struct Principal {
  std::optional<User> user;
  bool signed_in() const { return user.has_value(); }
  bool has_role(Role r) const { return user && user->role == r; }
};

class AccessPolicy {
 public:
  explicit AccessPolicy(const geo::Geography& geo) : geo_(geo) {}

  // The province ids a principal's reads and writes are limited to: all() for admin and the
  // national roles. Provincial staff: their provinces AND every unit that
  // was merged into them (a user of "01-2025" also covers records registered under "01-2008"
  // and the old provinces merged into it). Other roles: empty.
  ProvinceScope province_scope(const Principal& p) const;
  bool in_scope(const Principal& p, std::string_view province_id) const;

  // Full record with history and members (the public and buyers see the directory only).
  bool can_view_entity(const Principal& p, std::string_view province_id,
                       std::string_view entity_code) const;
  bool can_edit_entity(const Principal& p, std::string_view province_id,
                       std::string_view entity_code) const;
  bool can_create_entity(const Principal& p, std::string_view province_id) const;
  bool can_dissolve_entity(const Principal& p, std::string_view province_id) const;
  bool can_import(const Principal& p) const;        // admin, national staff, provincial staff
  bool can_manage_users(const Principal& p) const;  // admin
  bool can_view_audit(const Principal& p) const;    // admin
  bool can_use_registry(const Principal& p) const;  // signed in and not a buyer

  // The work programme, governance and the reporting regime: admin, national leader, national
  // and provincial staff read them; the public, buyers and cooperatives do not. Admin,
  // national and provincial staff write them (within their scope); the national leader reads
  // only. Admin and national staff add units (departments, affiliated units, alliances).
  static bool can_read_work(const Principal& p);
  static bool can_write_work(const Principal& p);
  static bool can_manage_units(const Principal& p);

  // The exchange: staff (admin, national and provincial staff) trade for the entities and
  // buyers of their provinces, confirm allocations and record deliveries; the national leader
  // reads; a cooperative's account posts and sees its own offers, a buyer's account its own
  // demand, deliveries and sales. Published campaign results are public.
  static bool can_trade_as_staff(const Principal& p);
  static bool can_read_market(const Principal& p);

  // The support fund: its staff (fund_staff, fund_approver, and admin) write applications,
  // loans and movements within their fund's province (none: the central fund); approvers and
  // admin decide applications and approve disbursements and write-offs (four eyes: never their
  // own); the national roles and provincial staff read it in their scope; a cooperative's
  // account reads its own loans and applies for itself.
  static bool can_read_fund(const Principal& p);
  static bool can_write_fund(const Principal& p);
  static bool can_approve_fund(const Principal& p);
  static bool can_borrow(const Principal& p);

  // OCOP certificates: admin, national and provincial staff record them within their scope; the
  // national leader and fund roles read them in their scope; a cooperative's account reads its
  // own.
  static bool can_read_ocop(const Principal& p);
  static bool can_write_ocop(const Principal& p);

 private:
  const geo::Geography& geo_;
};

}  // namespace htx::accounts
