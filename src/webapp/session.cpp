#include "webapp/session.hpp"

#include "webapp/forms.hpp"

namespace htx::webapp {

i18n::Lang visitor_lang(const web::Request& request, bool* chosen) {
  if (chosen) *chosen = false;
  if (auto q = request.query.get("lang")) {
    if (auto l = i18n::parse_lang(*q)) {
      if (chosen) *chosen = true;
      return *l;
    }
  }
  if (auto c = cookie(request, kLangCookie)) {
    if (auto l = i18n::parse_lang(*c)) return *l;
  }
  return web::preferred_lang(request);
}

Visitor identify(const web::Request& request, accounts::AccountService& accounts, bool secure) {
  Visitor v;
  v.lang = visitor_lang(request, &v.lang_chosen);
  v.htmx = request.headers.get("HX-Request") == std::optional<std::string_view>("true") &&
           !request.headers.has("HX-History-Restore-Request");
  if (auto token = cookie(request, cookie_name(kSessionCookie, secure)); token && !token->empty()) {
    std::optional<std::pair<accounts::Session, accounts::User>> resolved;
    if (looks_like_token(*token)) resolved = accounts.resolve_session(*token);
    if (resolved) {
      v.session = std::move(resolved->first);
      v.principal.user = std::move(resolved->second);
      v.session_token = std::move(*token);
    } else {
      v.stale_session_cookie = true;
    }
  }
  return v;
}

bool csrf_valid(const Visitor& visitor, const web::Request& request,
                std::optional<std::string_view> form_token) {
  if (!visitor.session || visitor.session->csrf_token.empty()) return false;
  std::optional<std::string_view> sent = form_token;
  if (!sent || sent->empty()) sent = request.headers.get(kCsrfHeader);
  return sent && constant_time_equal(*sent, visitor.session->csrf_token);
}

bool login_csrf_valid(const web::Request& request, std::optional<std::string_view> form_token,
                      bool secure) {
  auto c = cookie(request, cookie_name(kLoginCsrfCookie, secure));
  if (!c || !form_token || !looks_like_token(*c)) return false;
  return constant_time_equal(*form_token, *c);
}

bool looks_like_token(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string safe_next(std::string_view next) {
  if (next.empty() || next.front() != '/' || next.size() > 2000) return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (unsigned char c : next)
    if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"' || c == ' ') return "/";
  return std::string(next);
}

}  // namespace htx::webapp
