#include "areas/accounts_area.hpp"

namespace htx::areas {

AccountsArea::AccountsArea(store::Database& db, const accounts::AccessPolicy& access,
                           const geo::Geography& geo, Now now,
                           const accounts::SessionPolicy& policy, Caller caller)
    : db_(db),
      access_(access),
      caller_(std::move(caller)),
      service_(
          db.accounts(), db.audit(), db, std::move(now),
          [&geo](std::string_view id) { return geo.province(id) != nullptr; }, policy) {}

Status AccountsArea::may_manage() const {
  if (!can_manage_users()) return Error::forbidden("api.forbidden");
  return Ok{};
}

Result<std::vector<accounts::User>> AccountsArea::users() {
  if (auto s = may_manage(); !s) return s.error();
  return service_.list_users();
}

Result<accounts::User> AccountsArea::user(std::string_view username) {
  if (auto s = may_manage(); !s) return s.error();
  if (auto u = db_.accounts().find_user_by_name(username)) return std::move(*u);
  return Error::not_found("accounts.not_found", {{"username", std::string(username)}});
}

Result<accounts::User> AccountsArea::add_user(const accounts::NewUser& n) {
  if (auto s = may_manage(); !s) return s.error();
  if (n.role == accounts::Role::kBuyer) {  // a buyer's code is the exchange's, not the registry's
    if (!n.entity_code.empty() && !db_.market().find_buyer_by_code(n.entity_code))
      return Error::invalid("entity_code", "market.account_unknown_buyer",
                            {{"code", n.entity_code}});
  } else if (!n.entity_code.empty() && !db_.registry().find_by_code(n.entity_code)) {
    return Error::invalid("entity_code", "user.unknown_entity", {{"code", n.entity_code}});
  }
  return service_.add_user(n, actor());
}

Status AccountsArea::disable_user(std::string_view username) {
  if (auto s = may_manage(); !s) return s;
  return service_.disable_user(username, actor());
}

Status AccountsArea::enable_user(std::string_view username) {
  if (auto s = may_manage(); !s) return s;
  return service_.enable_user(username, actor());
}

Status AccountsArea::reset_password(std::string_view username, std::string_view password) {
  if (auto s = may_manage(); !s) return s;
  return service_.reset_password(username, password, actor());
}

Result<std::string> AccountsArea::issue_api_token(std::string_view username,
                                                  std::string_view name) {
  if (auto s = may_manage(); !s) return s.error();
  return service_.issue_api_token(username, name, actor());
}

Result<std::vector<audit::Entry>> AccountsArea::audit(const audit::Filter& filter) {
  if (!can_view_audit()) return Error::forbidden("api.forbidden");
  return db_.audit().list(filter);
}

}  // namespace htx::areas
