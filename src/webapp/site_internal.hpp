// The site's pages share this: one Site object per server holding the context and the templates,
// and a Page per request (who asks, in which language, the form fields, the worker's services).
// Internal to src/webapp.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/app_context.hpp"
#include "core/text.hpp"
#include "web/router.hpp"
#include "webapp/forms.hpp"
#include "webapp/session.hpp"
#include "webapp/templates.hpp"

namespace htx::webapp {

using nlohmann::json;

struct Page {
  const web::Request& request;
  const web::RouteParams& params;
  Visitor visitor;
  const i18n::Catalog& cat;
  api::WorkerServices& services;
  web::QueryParams form;  // the POST's fields (url-encoded, or a multipart form's text parts)
  MultipartForm upload;   // the POST's parts, when multipart
  std::vector<std::string> set_cookies;

  i18n::Lang lang() const { return visitor.lang; }
  const accounts::Principal& principal() const { return visitor.principal; }
  bool signed_in() const { return visitor.principal.signed_in(); }
  std::string username() const { return signed_in() ? principal().user->username : ""; }
  // A "site.*" text.
  std::string t(std::string_view key, const std::map<std::string, std::string>& p = {}) const {
    return cat.text("site." + std::string(key), p);
  }
  // A form field ("" when absent) and a query parameter ("" when absent).
  std::string field(std::string_view name) const {
    auto v = form.get(name);
    return v ? std::string(*v) : std::string();
  }
  std::string query(std::string_view name) const {
    auto v = request.query.get(name);
    return v ? std::string(*v) : std::string();
  }
};

class Site : public std::enable_shared_from_this<Site> {
 public:
  explicit Site(const api::AppContext& ctx);
  void register_routes(web::Router& router);

  // A page handler: a free function of an area's pages file (or, until it moves, a member).
  using PageFn = std::function<web::Response(Site&, Page&)>;
  enum class Post { kSession, kLogin, kMultipart };

  // ---- answers ----
  // A page in the layout (or, for an htmx request asking for `fragment`, that partial only).
  web::Response render(Page& page, std::string_view name, const std::string& title, json view,
                       int status = 200, std::string_view fragment = {});
  web::Response error(Page& page, int status, const std::string& message);
  web::Response forbidden(Page& page) { return error(page, 403, page.t("error.forbidden")); }
  // A service's refusal as a page, its status from the error's kind (forbidden: the 403 page).
  web::Response refused(Page& page, const Error& e);
  web::Response not_found(Page& page, const std::string& message) {
    return error(page, 404, message);
  }
  static web::Response redirect(const std::string& location);  // 303 See Other
  web::Response need_login(Page& page);
  // nullopt when the page may go on; else the login redirect (nobody signed in) or a 403.
  std::optional<web::Response> guard(Page& page, bool allowed);

  // ---- words and numbers in the page's language ----
  std::string number(const Page& page, std::int64_t v) const;
  static std::string date(Date d) { return d.vietnamese(); }
  std::string date_time(const std::string& iso) const;  // "29/11/2026 10:00 UTC"
  std::string province_name(std::string_view id) const;
  std::string sector_name(const Page& page, std::string_view id) const;
  std::string type_label(const Page& page, registry::EntityType t) const;
  std::string status_label(const Page& page, registry::EntityStatus s) const;
  std::string role_label(const Page& page, accounts::Role r) const;
  std::string field_label(const Page& page, std::string_view member) const;
  std::string error_text(const Page& page, const Error& e) const { return page.cat.render(e); }

  // Adds a page's route; each area's pages file calls these from its register_<area>_pages.
  void get(web::Router& router, std::string_view pattern, PageFn fn);
  void post(web::Router& router, std::string_view pattern, PageFn fn, Post kind);

  const api::AppContext& ctx() const { return ctx_; }
  Date today() const { return ctx_.clock->today(); }
  void data_changed() const { ++ctx_.data_generation; }

 private:
  web::Response dispatch(const web::Request& request, const web::RouteParams& params, PageFn fn,
                         std::optional<Post> post);
  void finish(Page& page, web::Response& response) const;
  json layout(Page& page, const std::string& title) const;

  const api::AppContext& ctx_;
  Templates templates_;
};

// Helpers shared by the pages.
std::string lang_switch_href(const web::Request& request, i18n::Lang to);
// "?a=1&b=2" from pairs, skipping empty values; "" when none.
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

// Each area's pages file adds its routes (called from Site::register_routes).
void register_dashboard_pages(Site& site, web::Router& router);   // pages_dashboard.cpp
void register_auth_pages(Site& site, web::Router& router);        // pages_auth.cpp
void register_registry_pages(Site& site, web::Router& router);    // pages_registry.cpp
void register_reports_pages(Site& site, web::Router& router);     // pages_reports.cpp
void register_import_pages(Site& site, web::Router& router);      // pages_import.cpp
void register_admin_pages(Site& site, web::Router& router);       // pages_admin.cpp: users, audit
void register_governance_pages(Site& site, web::Router& router);  // pages_governance.cpp
void register_work_pages(Site& site, web::Router& router);        // pages_work.cpp
void register_reporting_pages(Site& site, web::Router& router);   // pages_reporting.cpp
void register_market_pages(Site& site, web::Router& router);      // pages_market.cpp
void register_fund_pages(Site& site, web::Router& router);        // pages_fund.cpp
void register_ocop_pages(Site& site, web::Router& router);        // pages_ocop.cpp
void register_training_pages(Site& site, web::Router& router);    // pages_training.cpp
void register_advisory_pages(Site& site, web::Router& router);    // pages_advisory.cpp

// A page path and the page of each method it answers (none: not allowed); a post's kind is a
// signed-in form's (Site::Post::kSession) unless said.
struct PageRoute {
  std::string_view path;
  Site::PageFn get = nullptr;
  Site::PageFn post = nullptr;
  Site::Post post_kind = Site::Post::kSession;
};
// Adds every method of every route of the table to the router.
void add_pages(Site& site, web::Router& router, std::initializer_list<PageRoute> routes);

}  // namespace htx::webapp
