// Administration: users (GET/POST /users, POST /users/{username}/...) and the audit log.
#include <algorithm>

#include "areas/accounts_area.hpp"
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

// The new user's form: what was typed, what is wrong with it, the provinces chosen.
struct UserForm : FormState {
  std::vector<std::string> provinces;
};

std::string user_href(const std::string& username, const char* action) {
  return "/users/" + url_encode(username) + "/" + action;
}

areas::AccountsArea area_of(Site& site, Page& page) {
  return api::accounts_area(site.ctx(), page.principal());
}

web::Response users_page(Site& site, Page& page, const UserForm& form, const std::string& notice,
                         const std::string& problem, int status) {
  auto listed = area_of(site, page).users();
  if (!listed) return site.refused(page, listed.error());
  json users = json::array();
  for (auto& u : *listed) {
    std::string provinces;
    for (auto& id : u.province_ids)
      provinces += (provinces.empty() ? "" : ", ") + site.province_name(id);
    users.push_back({{"username", u.username},
                     {"display_name", u.display_name},
                     {"role", site.role_label(page, u.role)},
                     {"scope", !provinces.empty() ? provinces : u.entity_code},
                     {"status", page.t(u.disabled ? "users.disabled" : "users.active")},
                     {"disabled", u.disabled},
                     {"created_at", site.date_time(u.created_at)},
                     {"disable_href", user_href(u.username, "disable")},
                     {"enable_href", user_href(u.username, "enable")},
                     {"reset_href", user_href(u.username, "reset-password")},
                     {"token_href", user_href(u.username, "tokens")}});
  }
  auto value = [&](const char* k) { return form.value(k); };
  auto err = [&](const char* k) { return form.error(k); };
  json roles = json::array();
  std::string role = value("role");
  for (auto r : accounts::all_roles()) {
    std::string code(accounts::to_code(r));
    roles.push_back(
        {{"value", code}, {"label", site.role_label(page, r)}, {"selected", code == role}});
  }
  json provinces = json::array();
  const Date today = site.today();
  for (const auto& p : site.ctx().geo->provinces()) {
    if (!p.valid_on(today)) continue;
    bool selected =
        std::find(form.provinces.begin(), form.provinces.end(), p.id) != form.provinces.end();
    provinces.push_back(
        {{"value", p.id}, {"label", p.code + " – " + p.name}, {"selected", selected}});
  }
  json errors = json::array();
  for (auto& g : form.general) errors.push_back({{"href", false}, {"text", g}});
  for (auto [field, key] :
       {std::pair{"username", "users.username"}, std::pair{"display_name", "users.display_name"},
        std::pair{"role", "users.role"}, std::pair{"province_ids", "users.provinces"},
        std::pair{"entity_code", "users.entity_code"}, std::pair{"password", "users.password"}})
    if (auto it = form.errors.find(field); it != form.errors.end())
      errors.push_back(
          {{"href", std::string("#f-") + field}, {"text", page.t(key) + ": " + it->second}});
  json view = {{"csrf", page.visitor.session->csrf_token},
               {"users", users},
               {"notice", notice.empty() ? json(false) : json(notice)},
               {"problem", problem.empty() ? json(false) : json(problem)},
               {"errors", errors},
               {"has_errors", !errors.empty()},
               {"form",
                {{"username", value("username")},
                 {"username_error", err("username")},
                 {"display_name", value("display_name")},
                 {"display_name_error", err("display_name")},
                 {"roles", roles},
                 {"role_error", err("role")},
                 {"provinces", provinces},
                 {"provinces_error", err("province_ids")},
                 {"entity_code", value("entity_code")},
                 {"entity_code_error", err("entity_code")},
                 {"password_error", err("password")}}}};
  return site.render(page, "users", page.t("users.title"), std::move(view), status);
}

web::Response users(Site& site, Page& page) {
  auto area = area_of(site, page);
  if (auto stop = site.guard(page, area.can_manage_users())) return std::move(*stop);
  std::string done = page.query("done"), user = page.query("user");
  std::string notice;
  if (done == "created" || done == "disabled" || done == "enabled" || done == "reset")
    notice = page.t("users.done_" + done, {{"user", user}});
  return users_page(site, page, UserForm{}, notice, "", 200);
}

web::Response user_create(Site& site, Page& page) {
  auto area = area_of(site, page);
  if (auto stop = site.guard(page, area.can_manage_users())) return std::move(*stop);
  UserForm form;
  accounts::NewUser nu;
  nu.username = std::string(text::trim(page.field("username")));
  nu.display_name = text::to_nfc(text::trim(page.field("display_name")));
  nu.entity_code = std::string(text::trim(page.field("entity_code")));
  nu.password = page.field("password");
  for (auto v : page.form.get_all("province_ids"))
    if (!v.empty()) nu.province_ids.emplace_back(v);
  std::string role = page.field("role");
  form.values = {{"username", nu.username},
                 {"display_name", nu.display_name},
                 {"entity_code", nu.entity_code},
                 {"role", role}};
  form.provinces = nu.province_ids;
  if (auto r = accounts::role_from_code(role)) {
    nu.role = *r;
  } else {
    form.errors["role"] = page.cat.text("accounts.bad_role", {{"role", role}, {"value", role}});
    return users_page(site, page, form, "", "", 422);
  }
  auto added = area.add_user(nu);
  if (!added) {
    std::string field = added.error().field;
    std::string message = site.error_text(page, added.error());
    form.add(field, message);
    return users_page(site, page, form, "", "", 422);
  }
  return Site::redirect("/users?done=created&user=" + url_encode(added->username));
}

// POST /users/{username}/...: the area's change of that user, then the list with a notice (an
// unknown user is a 404, another refusal the list with the problem above it).
using UserChange = Status (*)(areas::AccountsArea& area, const std::string& username, Page& page);

web::Response change_user(Site& site, Page& page, UserChange change, const char* done) {
  auto area = area_of(site, page);
  if (auto stop = site.guard(page, area.can_manage_users())) return std::move(*stop);
  const std::string& username = page.params.at("username");
  if (auto status = change(area, username, page); !status) {
    if (status.error().is(ErrorKind::kNotFound)) return site.refused(page, status.error());
    return users_page(site, page, UserForm{}, "", site.error_text(page, status.error()), 422);
  }
  return Site::redirect(std::string("/users?done=") + done + "&user=" + url_encode(username));
}

web::Response user_disable(Site& site, Page& page) {
  return change_user(
      site, page,
      [](areas::AccountsArea& a, const std::string& u, Page&) { return a.disable_user(u); },
      "disabled");
}

web::Response user_enable(Site& site, Page& page) {
  return change_user(
      site, page,
      [](areas::AccountsArea& a, const std::string& u, Page&) { return a.enable_user(u); },
      "enabled");
}

web::Response user_reset_password(Site& site, Page& page) {
  return change_user(
      site, page,
      [](areas::AccountsArea& a, const std::string& u, Page& p) {
        return a.reset_password(u, p.field("password"));
      },
      "reset");
}

web::Response user_token(Site& site, Page& page) {
  auto area = area_of(site, page);
  if (auto stop = site.guard(page, area.can_manage_users())) return std::move(*stop);
  const std::string& username = page.params.at("username");
  std::string name(text::trim(page.field("name")));
  if (name.empty()) name = "API";
  if (name.size() > 200) name.resize(200);
  while (!name.empty() && !text::is_valid_utf8(name)) name.pop_back();
  auto token = area.issue_api_token(username, name);
  if (!token) {
    if (token.error().is(ErrorKind::kNotFound)) return site.refused(page, token.error());
    return users_page(site, page, UserForm{}, "", site.error_text(page, token.error()), 422);
  }
  json view = {{"username", username}, {"name", name}, {"token", *token}};
  auto response = site.render(page, "user_token", page.t("users.token_title", {{"user", username}}),
                              std::move(view));
  response.headers.set("Cache-Control", "no-store");
  return response;
}

// ---- GET /audit ----

web::Response audit(Site& site, Page& page) {
  auto area = area_of(site, page);
  if (auto stop = site.guard(page, area.can_view_audit())) return std::move(*stop);
  constexpr int kLimit = 50;
  audit::Filter filter;
  filter.limit = kLimit;
  auto text_param = [&](const char* name) {
    std::string v(text::trim(page.query(name)));
    if (v.size() > 200) v.resize(200);
    while (!v.empty() && !text::is_valid_utf8(v)) v.pop_back();
    return v;
  };
  std::string actor = text_param("actor"), action = text_param("action"),
              object = text_param("object"), before = page.query("before");
  if (!actor.empty()) filter.actor = actor;
  if (!action.empty()) filter.action = action;
  if (!object.empty()) filter.object_key = object;
  if (auto n = text::parse_int(before);
      n && *n > 0 && before.find_first_not_of("0123456789") == std::string::npos)
    filter.before_id = *n;
  else
    before.clear();
  auto listed = area.audit(filter);
  if (!listed) return site.refused(page, listed.error());
  const auto& entries = *listed;
  json rows = json::array();
  auto shorten = [](std::string s) {
    constexpr std::size_t kMax = 4000;
    if (s.size() > kMax) {
      s.resize(kMax);
      while (!s.empty() && !text::is_valid_utf8(s)) s.pop_back();
      s += "…";
    }
    return s;
  };
  for (auto& e : entries)
    rows.push_back({{"id", std::to_string(e.id)},
                    {"at", site.date_time(e.at)},
                    {"actor", e.actor},
                    {"action", e.action},
                    {"object", e.object_type + (e.object_key.empty() ? "" : " " + e.object_key)},
                    {"before", e.before_json.empty() ? json(false) : json(shorten(e.before_json))},
                    {"after", e.after_json.empty() ? json(false) : json(shorten(e.after_json))}});
  json older = false;
  if (static_cast<int>(entries.size()) == kLimit)
    older = "/audit" + query_string({{"actor", actor},
                                     {"action", action},
                                     {"object", object},
                                     {"before", std::to_string(entries.back().id)}});
  json newest =
      before.empty()
          ? json(false)
          : json("/audit" +
                 query_string({{"actor", actor}, {"action", action}, {"object", object}}));
  json view = {{"actor", actor}, {"action", action}, {"object", object},     {"rows", rows},
               {"older", older}, {"newest", newest}, {"empty", rows.empty()}};
  return site.render(page, "audit", page.t("audit.title"), std::move(view));
}

}  // namespace

void register_admin_pages(Site& site, web::Router& router) {
  add_pages(site, router,
            {{.path = "/users", .get = users, .post = user_create},
             {.path = "/users/{username}/disable", .post = user_disable},
             {.path = "/users/{username}/enable", .post = user_enable},
             {.path = "/users/{username}/reset-password", .post = user_reset_password},
             {.path = "/users/{username}/tokens", .post = user_token},
             {.path = "/audit", .get = audit}});
}

}  // namespace htx::webapp
