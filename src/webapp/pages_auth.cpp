// Signing in and out.
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

// The double-submit token of the login form: the visitor's htx_csrf cookie, or a new one.
std::string login_token(Page& page, bool secure) {
  const auto name = cookie_name(kLoginCsrfCookie, secure);
  if (auto c = cookie(page.request, name); c && looks_like_token(*c)) return *c;
  std::string token = accounts::random_token();
  CookieSpec spec;
  spec.secure = secure;
  page.set_cookies.push_back(set_cookie(name, token, spec));
  return token;
}

json login_view(Page& page, bool secure, const std::string& next, const std::string& username,
                const std::string& error) {
  json view = {{"csrf", login_token(page, secure)},
               {"next", safe_next(next)},
               {"username", username},
               {"error", error.empty() ? json(false) : json(error)}};
  if (page.signed_in())
    view["signed_in_as"] = page.t("login.signed_in_as", {{"name", page.username()}});
  return view;
}

web::Response login_form(Site& site, Page& page) {
  return site.render(page, "login", page.t("login.title"),
                     login_view(page, site.ctx().secure_cookies, page.query("next"), "", ""));
}

web::Response login(Site& site, Page& page) {
  std::string username(text::trim(page.field("username")));
  std::string next = safe_next(page.field("next"));
  auto signed_in = page.services.accounts->sign_in(username, page.field("password"),
                                                   page.request.remote_address);
  if (!signed_in) {
    const Error& e = signed_in.error();
    int status = e.is(ErrorKind::kThrottled) ? 429 : 422;
    return site.render(page, "login", page.t("login.title"),
                       login_view(page, site.ctx().secure_cookies, next, username,
                                  page.t("login.failed", {{"reason", site.error_text(page, e)}})),
                       status);
  }
  // A previous session of this browser ends with the new one.
  if (!page.visitor.session_token.empty())
    page.services.accounts->sign_out(page.visitor.session_token);
  CookieSpec spec;
  spec.secure = site.ctx().secure_cookies;
  page.set_cookies.push_back(
      set_cookie(cookie_name(kSessionCookie, spec.secure), signed_in->token, spec));
  return Site::redirect(next);
}

web::Response logout(Site& site, Page& page) {
  page.services.accounts->sign_out(page.visitor.session_token);
  CookieSpec spec;
  spec.secure = site.ctx().secure_cookies;
  spec.max_age = 0;
  page.set_cookies.push_back(set_cookie(cookie_name(kSessionCookie, spec.secure), "", spec));
  return Site::redirect("/");
}

}  // namespace

void register_auth_pages(Site& site, web::Router& router) {
  add_pages(site, router,
            {{.path = "/login", .get = login_form, .post = login, .post_kind = Site::Post::kLogin},
             {.path = "/logout", .post = logout}});
}

}  // namespace htx::webapp
