#include "webapp/site.hpp"

#include <memory>

#include "api/work_support.hpp"
#include "core/text.hpp"
#include "webapp/pages_profile.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

// Scripts and styles from our own origin only: no inline script, no style attribute.
constexpr std::string_view kPageCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

// Where to come back after signing in when a POST found the session gone: the page the form was
// on, as far as it can be known from the action's path.
std::string return_path_of_post(const std::string& path) {
  auto starts = [&](std::string_view prefix) { return path.rfind(prefix, 0) == 0; };
  if (starts("/users/")) return "/users";
  if (path == "/import/confirm") return "/import";
  if (path == "/logout" || path == "/login") return "/";
  if (path == "/governance/members") return "/governance/bodies";
  if (starts("/governance/admissions/")) return "/governance/admissions";
  // /work/tasks/{id}/done, /work/documents/{id}/file, /governance/meetings/{id}/items/...:
  // the page of the thing the form was on.
  for (std::string_view prefix : {"/work/tasks/", "/work/documents/", "/governance/meetings/"})
    if (starts(prefix)) {
      auto slash = path.find('/', prefix.size());
      if (slash != std::string::npos) return path.substr(0, slash);
    }
  return path;
}

// The target in origin form ("/a?b"), from whatever the request line carried.
std::string origin_target(const web::Request& r) {
  if (!r.target.empty() && r.target.front() == '/') return r.target;
  auto at = r.target.find(r.raw_path);
  return at == std::string::npos ? r.raw_path : r.target.substr(at);
}

}  // namespace

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (auto& [k, v] : params) {
    if (v.empty()) continue;
    out += (out.empty() ? "?" : "&") + url_encode(k) + "=" + url_encode(v);
  }
  return out;
}

std::string lang_switch_href(const web::Request& request, i18n::Lang to) {
  std::vector<std::pair<std::string, std::string>> params;
  for (auto& [k, v] : request.query)
    if (k != "lang") params.emplace_back(k, v);
  params.emplace_back("lang", std::string(i18n::lang_code(to)));
  return request.raw_path + query_string(params);
}

Site::Site(const api::AppContext& ctx)
    : ctx_(ctx), templates_(Templates::load(ctx.web_dir / "templates")) {}

void Site::get(web::Router& router, std::string_view pattern, PageFn fn) {
  router.get(pattern,
             [self = shared_from_this(), fn](const web::Request& r, const web::RouteParams& p) {
               return self->dispatch(r, p, fn, std::nullopt);
             });
}

void Site::post(web::Router& router, std::string_view pattern, PageFn fn, Post kind) {
  router.post(pattern, [self = shared_from_this(), fn, kind](const web::Request& r,
                                                             const web::RouteParams& p) {
    return self->dispatch(r, p, fn, kind);
  });
}

void Site::register_routes(web::Router& router) {
  for (auto add : {register_dashboard_pages, register_auth_pages, register_registry_pages,
                   register_reports_pages, register_import_pages, register_admin_pages,
                   register_governance_pages, register_work_pages, register_reporting_pages,
                   register_market_pages, register_fund_pages, register_ocop_pages,
                   register_training_pages, register_advisory_pages, register_profile_pages})
    add(*this, router);
}

web::Response Site::dispatch(const web::Request& request, const web::RouteParams& params, PageFn fn,
                             std::optional<Post> post) {
  auto& services = api::worker_services(ctx_);
  Visitor visitor = identify(request, *services.accounts, ctx_.secure_cookies);
  const i18n::Catalog& cat = ctx_.catalog(visitor.lang);
  Page page{request, params, std::move(visitor), cat, services, {}, {}, {}};
  web::Response response = [&]() -> web::Response {
    if (!post) return fn(*this, page);
    std::string type = media_type(request.headers.get("Content-Type").value_or(""));
    if (*post == Post::kMultipart) {
      if (!page.signed_in()) return need_login(page);
      MultipartLimits limits;
      auto parsed =
          parse_multipart(request.headers.get("Content-Type").value_or(""), request.body, limits);
      if (parsed.error == MultipartError::kTooLarge)
        return error(
            page, 413,
            page.t(
                "error.too_large",
                {{"limit", number(page, static_cast<std::int64_t>(limits.max_file_bytes >> 20))}}));
      if (!parsed.ok()) return error(page, 400, page.t("error.bad_form"));
      page.upload = std::move(parsed.form);
      for (auto& part : page.upload.parts)
        if (!part.filename) page.form.add(part.name, part.data);
    } else if (type == "application/x-www-form-urlencoded") {
      auto form = parse_urlencoded(request.body);
      if (!form) return error(page, 400, page.t("error.bad_form"));
      page.form = std::move(*form);
    }
    // The token first: a request without it is refused as such whatever its body.
    if (*post == Post::kLogin) {
      if (!login_csrf_valid(request, page.form.get(kCsrfField), ctx_.secure_cookies))
        return error(page, 403, page.t("error.csrf"));
    } else {
      if (!page.signed_in()) return need_login(page);
      if (!csrf_valid(page.visitor, request, page.form.get(kCsrfField)))
        return error(page, 403, page.t("error.csrf"));
    }
    if (*post != Post::kMultipart && type != "application/x-www-form-urlencoded" &&
        !request.body.empty())
      return error(page, 400, page.t("error.bad_form"));
    return fn(*this, page);
  }();
  finish(page, response);
  return response;
}

void Site::finish(Page& page, web::Response& response) const {
  const bool html = response.content_type.rfind("text/html", 0) == 0;
  if (html) response.headers.set("Content-Security-Policy", std::string(kPageCsp));
  if (!response.headers.has("Cache-Control"))
    response.headers.set("Cache-Control", page.signed_in() ? "no-store" : "no-cache");
  response.headers.set("Vary", "Cookie, Accept-Language, HX-Request");
  const bool secure = ctx_.secure_cookies;
  if (page.visitor.lang_chosen) {
    CookieSpec spec;
    spec.http_only = false;  // not a secret
    spec.secure = secure;
    spec.max_age = 365L * 24 * 3600;
    response.headers.add("Set-Cookie", set_cookie(kLangCookie, i18n::lang_code(page.lang()), spec));
  }
  bool sets_session = false;
  for (auto& c : page.set_cookies) {
    sets_session = sets_session || c.rfind(cookie_name(kSessionCookie, secure) + "=", 0) == 0;
    response.headers.add("Set-Cookie", c);
  }
  if (page.visitor.stale_session_cookie && !sets_session) {
    CookieSpec spec;
    spec.secure = secure;
    spec.max_age = 0;
    response.headers.add("Set-Cookie", set_cookie(cookie_name(kSessionCookie, secure), "", spec));
  }
}

json Site::layout(Page& page, const std::string& title) const {
  const auto& p = page.principal();
  const auto& access = *page.services.access;
  json s = {{"lang", i18n::lang_code(page.lang())}, {"title", title}, {"user", false}};
  if (page.signed_in()) {
    const auto& u = *p.user;
    s["csrf"] = page.visitor.session ? page.visitor.session->csrf_token : "";
    s["user"] = {{"name", u.display_name.empty() ? u.username : u.display_name},
                 {"username", u.username},
                 {"role", role_label(page, u.role)}};
  }
  json nav = json::array();
  const std::string& path = page.request.path;
  // `area`: the first path segment the entry stands for, when wider than its href ("/work").
  auto item = [&](const std::string& href, const char* key, const std::string& area = "") {
    const std::string& base = area.empty() ? href : area;
    bool current = href == "/" ? path == "/" : (path == base || path.rfind(base + "/", 0) == 0);
    nav.push_back({{"href", href}, {"label", page.t(key)}, {"current", current}});
  };
  item("/", "nav.dashboard");
  if (access.can_use_registry(p)) item("/registry", "nav.registry");
  item("/reports", "nav.reports");
  if (api::can_read_work(p)) item("/work/tasks", "nav.work", "/work");
  if (api::can_read_work(p)) item("/governance/meetings", "nav.governance", "/governance");
  item("/market/campaigns", "nav.market", "/market");
  if (accounts::AccessPolicy::can_read_fund(p) || accounts::AccessPolicy::can_borrow(p))
    item(accounts::AccessPolicy::can_read_fund(p) ? "/fund" : "/fund/loans", "fund.page.nav",
         "/fund");
  if (accounts::AccessPolicy::can_read_ocop(p)) item("/ocop", "ocop.page.nav", "/ocop");
  if (api::can_read_work(p)) item("/training", "training.nav", "/training");
  if (api::can_read_work(p)) item("/advisory-cases", "advisory.page.nav", "/advisory-cases");
  if (access.can_import(p)) item("/import", "nav.import");
  if (access.can_manage_users(p)) item("/users", "nav.users");
  if (access.can_view_audit(p)) item("/audit", "nav.audit");
  s["nav"] = std::move(nav);
  i18n::Lang other = page.lang() == i18n::Lang::kVi ? i18n::Lang::kEn : i18n::Lang::kVi;
  s["lang_switch"] = {
      {"href", lang_switch_href(page.request, other)},
      {"lang", i18n::lang_code(other)},
      {"label", page.t(other == i18n::Lang::kEn ? "layout.english" : "layout.vietnamese")}};
  return s;
}

web::Response Site::render(Page& page, std::string_view name, const std::string& title, json view,
                           int status, std::string_view fragment) {
  view["site"] = layout(page, title);
  if (!fragment.empty() && page.visitor.htmx)
    return web::Response::html(templates_.render(fragment, view, page.cat, true), status);
  return web::Response::html(templates_.render_in("layout", name, view, page.cat), status);
}

web::Response Site::error(Page& page, int status, const std::string& message) {
  std::string key = "error.title_" + std::to_string(status);
  std::string title = page.cat.has("site." + key)
                          ? page.t(key)
                          : page.cat.text("http.error_title", {{"status", std::to_string(status)}});
  json view = {{"heading", title},
               {"message", message},
               {"status", status},
               {"show_login", status == 403 && !page.signed_in()}};
  return render(page, "error", title, std::move(view), status);
}

web::Response Site::refused(Page& page, const Error& e) {
  switch (e.kind) {
    case ErrorKind::kForbidden:
      return forbidden(page);
    case ErrorKind::kNotFound:
      return error(page, 404, page.cat.render(e));
    case ErrorKind::kConflict:
      return error(page, 409, page.cat.render(e));
    case ErrorKind::kBadRequest:
      return error(page, 400, page.cat.render(e));
    case ErrorKind::kThrottled:
      return error(page, 429, page.cat.render(e));
    case ErrorKind::kInvalid:
      break;
  }
  return error(page, 422, page.cat.render(e));
}

web::Response Site::redirect(const std::string& location) {
  web::Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.set("Location", location);
  return r;
}

web::Response Site::need_login(Page& page) {
  std::string next =
      page.request.method == web::Method::kGet || page.request.method == web::Method::kHead
          ? origin_target(page.request)
          : return_path_of_post(page.request.raw_path);
  std::string location = "/login?next=" + url_encode(safe_next(next));
  if (page.visitor.htmx) {
    web::Response r;
    r.status = 200;
    r.headers.set("HX-Redirect", location);
    return r;
  }
  return redirect(location);
}

std::optional<web::Response> Site::guard(Page& page, bool allowed) {
  if (allowed) return std::nullopt;
  if (!page.signed_in()) return need_login(page);
  return forbidden(page);
}

std::string Site::number(const Page& page, std::int64_t v) const {
  std::string s = text::format_int(v);
  if (page.lang() == i18n::Lang::kEn)
    for (auto& c : s)
      if (c == '.') c = ',';
  return s;
}

std::string Site::date_time(const std::string& iso) const {
  // "2026-11-29T10:00:00Z" -> "29/11/2026 10:00"
  if (iso.size() < 16) return iso;
  auto d = Date::parse_iso(iso.substr(0, 10));
  if (!d) return iso;
  return d->vietnamese() + " " + iso.substr(11, 5);
}

std::string Site::province_name(std::string_view id) const {
  const auto* p = ctx_.geo->province(id);
  return p ? p->name : std::string(id);
}

std::string Site::sector_name(const Page& page, std::string_view id) const {
  const auto* s = ctx_.sectors->by_id(id);
  if (!s) return std::string(id);
  return page.lang() == i18n::Lang::kEn && !s->name_en.empty() ? s->name_en : s->name;
}

std::string Site::type_label(const Page& page, registry::EntityType t) const {
  return std::string(registry::to_code(t));
}

std::string Site::status_label(const Page& page, registry::EntityStatus s) const {
  return page.cat.text("status." + std::string(registry::to_code(s)));
}

std::string Site::role_label(const Page& page, accounts::Role r) const {
  return page.t("role." + std::string(accounts::to_code(r)));
}

std::string Site::field_label(const Page& page, std::string_view member) const {
  std::string id(member);
  if (id == "sector_id") id = "sector";
  if (id == "province_id") id = "province";
  if (const auto* c = ctx_.columns->by_id(id)) return c->header(page.lang());
  return page.t("field." + std::string(member));
}

void register_site(web::Router& router, const api::AppContext& ctx) {
  // The router's handlers hold the site: it lives as long as they do.
  std::make_shared<Site>(ctx)->register_routes(router);
}

void add_pages(Site& site, web::Router& router, std::initializer_list<PageRoute> routes) {
  for (const auto& r : routes) {
    if (r.get) site.get(router, r.path, r.get);
    if (r.post) site.post(router, r.path, r.post, r.post_kind);
  }
}

}  // namespace htx::webapp
