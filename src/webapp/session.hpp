// Who is asking, in which language: the session cookie resolved to a user (or the public), the
// language from ?lang=, the `lang` cookie or Accept-Language, and the CSRF checks of POSTs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accounts/access.hpp"
#include "accounts/account_service.hpp"
#include "core/i18n.hpp"
#include "web/http_types.hpp"

namespace htx::webapp {

inline constexpr std::string_view kSessionCookie = "htx_session";
inline constexpr std::string_view kLoginCsrfCookie = "htx_csrf";
inline constexpr std::string_view kLangCookie = "lang";
inline constexpr std::string_view kCsrfField = "csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct Visitor {
  i18n::Lang lang = i18n::Lang::kVi;
  bool lang_chosen = false;  // ?lang= was given: remember it in the cookie
  accounts::Principal principal;
  std::optional<accounts::Session> session;
  std::string session_token;          // the cookie's token, when it resolved
  bool stale_session_cookie = false;  // a session cookie that no longer resolves: clear it
  bool htmx = false;                  // HX-Request (and not a history restore)
};

// The request's language: a valid ?lang=, else a valid `lang` cookie, else Accept-Language,
// else Vietnamese.
i18n::Lang visitor_lang(const web::Request& request, bool* chosen = nullptr);

// Resolves the session cookie (its __Host- name when `secure`, cookie_name) through the accounts
// service (which pushes its idle expiry).
Visitor identify(const web::Request& request, accounts::AccountService& accounts, bool secure);

// Whether a state-changing request carries the session's CSRF token, in the form field `csrf`
// or the X-CSRF-Token header; compared in constant time. False without a session.
bool csrf_valid(const Visitor& visitor, const web::Request& request,
                std::optional<std::string_view> form_token);

// The login form's double-submit check: the `htx_csrf` cookie (cookie_name) and the form field are
// equal and look like one of our tokens.
bool login_csrf_valid(const web::Request& request, std::optional<std::string_view> form_token,
                      bool secure);

// A token as random_token() makes them: 64 lower-case hex digits.
bool looks_like_token(std::string_view s);

// A local path to go back to after signing in: begins with one '/', not "//" or "/\", and is
// printable ASCII without backslashes, quotes or spaces (a path from a request target is
// percent-encoded already); anything else gives "/".
std::string safe_next(std::string_view next);

}  // namespace htx::webapp
