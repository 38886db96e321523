#include "api/api_support.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>

#include "web/server_support.hpp"

namespace htx::api::detail {

namespace {

bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string shown(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

web::Response error(int status, std::string_view code, std::string message, json extra) {
  json e = {{"code", code}, {"message", std::move(message)}};
  for (auto& [k, v] : extra.items()) e[k] = v;
  json body = {{"error", std::move(e)}};
  return web::Response::json(body.dump(-1, ' ', false, json::error_handler_t::replace), status);
}

web::Response unauthorized(const AppContext& ctx, const web::Request& req, bool bad_token) {
  const auto& cat = ctx.catalog(req);
  auto r = bad_token ? error(401, "invalid_token", cat.text("api.bad_token"))
                     : error(401, "unauthorized", cat.text("api.unauthorized"));
  r.headers.set("WWW-Authenticate", bad_token ? "Bearer realm=\"htx\", error=\"invalid_token\""
                                              : "Bearer realm=\"htx\"");
  return r;
}

web::Response forbidden(const AppContext& ctx, const web::Request& req,
                        const std::string& province_id) {
  const auto& cat = ctx.catalog(req);
  if (province_id.empty()) return error(403, "forbidden", cat.text("api.forbidden"));
  const geo::Province* p = ctx.geo->province(province_id);
  return error(403, "forbidden",
               cat.text("api.out_of_scope", {{"province", p ? p->name : province_id}}));
}

Caller resolve_caller(const AppContext& ctx, const web::Request& req) {
  Caller c;
  auto header = req.headers.get("Authorization");
  if (!header) return c;
  std::string_view h = trim(*header);
  if (!iequals_prefix(h, "bearer ")) {
    c.refusal = unauthorized(ctx, req, true);
    return c;
  }
  std::string_view token = trim(h.substr(7));
  if (token.empty() || token.size() > 512) {
    c.refusal = unauthorized(ctx, req, true);
    return c;
  }
  auto user = worker_services(ctx).accounts->authenticate_api_token(token, req.remote_address);
  if (!user) {
    c.refusal = user.error().is(ErrorKind::kThrottled) ? error_response(ctx, req, user.error())
                                                       : unauthorized(ctx, req, true);
    return c;
  }
  c.principal.user = std::move(*user);
  return c;
}

web::Response validation_error(const AppContext& ctx, const web::Request& req,
                               const std::vector<FieldProblem>& problems) {
  json fields = json::array();
  for (auto& p : problems)
    fields.push_back({{"field", p.field}, {"message", p.message}, {"key", p.key}});
  return error(
      422, "validation",
      ctx.catalog(req).text("api.validation", {{"count", std::to_string(problems.size())}}),
      {{"fields", std::move(fields)}});
}

ParsedBody parse_json_object(const AppContext& ctx, const web::Request& req) {
  const auto& cat = ctx.catalog(req);
  ParsedBody out;
  if (req.body.size() > kMaxJsonBody) {
    out.refusal =
        error(413, "payload_too_large",
              cat.text("http.payload_too_large", {{"limit", web::format_bytes(kMaxJsonBody)}}));
    return out;
  }
  if (auto type = req.headers.get("Content-Type")) {
    std::string_view t = trim(type->substr(0, type->find(';')));
    std::string lower;
    for (char c : t) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool is_json = lower == "application/json" ||
                   (lower.size() > 5 && lower.compare(lower.size() - 5, 5, "+json") == 0);
    if (!is_json) {
      out.refusal = error(415, "unsupported_media_type", cat.text("api.unsupported_media_type"));
      return out;
    }
  }
  try {
    out.value = json::parse(req.body);
  } catch (const json::parse_error& e) {
    out.refusal =
        error(400, "bad_json", cat.text("api.bad_json", {{"position", std::to_string(e.byte)}}),
              {{"position", e.byte}});
    return out;
  } catch (const json::out_of_range&) {
    // A number beyond a double's range ("1e400", found by fuzz/json_body): bad JSON, not a 500.
    out.refusal = error(400, "bad_json", cat.text("api.bad_json", {{"position", "0"}}));
    return out;
  }
  if (!out.value.is_object()) out.refusal = error(400, "not_object", cat.text("api.not_object"));
  return out;
}

std::vector<FieldProblem> apply_fields(const AppContext& ctx, const web::Request& req,
                                       registry::Entity& e, const json& fields,
                                       const std::vector<std::string>& read_only) {
  const auto& cat = ctx.catalog(req);
  std::vector<FieldProblem> problems;
  auto problem = [&](const std::string& field, const std::string& key,
                     std::map<std::string, std::string> params = {}) {
    problems.push_back({field, cat.text(key, params), key});
  };
  for (auto& [k, v] : fields.items()) {
    if (std::find(read_only.begin(), read_only.end(), k) != read_only.end()) {
      problem(k, "api.read_only_field");
      continue;
    }
    if (k == "code" || k == "name" || k == "sector_id" || k == "province_id" || k == "address" ||
        k == "ocop_products") {
      if (!v.is_string()) {
        problem(k, "api.expected_string");
        continue;
      }
      registry::set_field(e, k, v);
    } else if (k == "type") {
      if (!v.is_string() || !registry::entity_type_from_code(v.get<std::string>())) {
        problem(k, "field.bad_type", {{"value", shown(v)}});
        continue;
      }
      registry::set_field(e, k, v);
    } else if (k == "status") {
      if (!v.is_string() || !registry::entity_status_from_code(v.get<std::string>())) {
        problem(k, "api.bad_status", {{"value", shown(v)}});
        continue;
      }
      registry::set_field(e, k, v);
    } else if (k == "founded_on" || k == "dissolved_on") {
      if (k == "dissolved_on" && v.is_null()) {
        e.dissolved_on.reset();
        continue;
      }
      std::optional<Date> d;
      if (v.is_string()) {
        auto s = v.get<std::string>();
        if (s.size() == 10) d = Date::parse_iso(s);
      }
      if (!d) {
        problem(k, "api.bad_date", {{"value", shown(v)}});
        continue;
      }
      if (k == "founded_on")
        e.founded_on = *d;
      else
        e.dissolved_on = *d;
    } else if (k == "members" || k == "employees" || k == "charter_capital" || k == "revenue") {
      if (!v.is_number_integer() ||
          (v.is_number_unsigned() &&
           v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
        problem(k, "api.expected_integer");
        continue;
      }
      registry::set_field(e, k, v);
    } else if (k == "new_type" || k == "alliance_member") {
      if (!v.is_boolean()) {
        problem(k, "api.expected_boolean");
        continue;
      }
      registry::set_field(e, k, v);
    } else {
      problem(k, "api.unknown_field");
    }
  }
  return problems;
}

web::Response error_response(const AppContext& ctx, const web::Request& req, const Error& e) {
  std::string msg = ctx.catalog(req).render(e);
  json extra = {{"key", e.key}};
  if (!e.field.empty()) extra["field"] = e.field;
  switch (e.kind) {
    case ErrorKind::kInvalid:
      return validation_error(ctx, req, {{e.field, msg, e.key}});
    case ErrorKind::kBadRequest:
      return error(400, e.field.empty() ? "bad_request" : "bad_" + e.field, msg, extra);
    case ErrorKind::kNotFound:
      return error(404, "not_found", msg, extra);
    case ErrorKind::kForbidden:
      return error(403, "forbidden", msg, extra);
    case ErrorKind::kConflict:
      return error(409, "conflict", msg, extra);
    case ErrorKind::kThrottled:
      return error(429, "throttled", msg, extra);
  }
  return validation_error(ctx, req, {{e.field, msg, e.key}});
}

json entity_json(const AppContext& ctx, const registry::Entity& e) {
  json j = registry::to_json(e);
  if (auto* p = ctx.geo->province(e.province_id)) {
    j["province_name"] = p->name;
    j["region_id"] = p->region_id;
  }
  if (auto* s = ctx.sectors->by_id(e.sector_id)) j["sector_name"] = s->name;
  return j;
}

json directory_json(const AppContext& ctx, const registry::Entity& e) {
  json j = {{"code", e.code},
            {"name", e.name},
            {"type", registry::to_code(e.type)},
            {"province_id", e.province_id},
            {"sector_id", e.sector_id},
            {"status", registry::to_code(e.status)},
            {"founded_on", e.founded_on.iso()}};
  if (auto* p = ctx.geo->province(e.province_id)) {
    j["province_name"] = p->name;
    j["region_id"] = p->region_id;
  }
  if (auto* s = ctx.sectors->by_id(e.sector_id)) j["sector_name"] = s->name;
  return j;
}

json full_entity_json(const AppContext& ctx, const registry::Entity& e,
                      const std::vector<registry::Event>& events) {
  json j = entity_json(ctx, e);
  j["recorded_by"] = e.recorded_by;
  j["recorded_at"] = e.recorded_at;
  json list = json::array();
  list.push_back({{"kind", "founded"},
                  {"effective_on", e.founded_on.iso()},
                  {"recorded_at", e.recorded_at},
                  {"actor", e.recorded_by},
                  {"changes", json::object()},
                  {"note", ""}});
  for (auto& ev : events)
    list.push_back({{"kind", registry::to_code(ev.kind)},
                    {"effective_on", ev.effective_on.iso()},
                    {"recorded_at", ev.recorded_at},
                    {"actor", ev.actor},
                    {"changes", ev.changes.is_object() ? ev.changes : json::object()},
                    {"note", ev.note}});
  j["events"] = std::move(list);
  return j;
}

json user_json(const accounts::User& u, const std::optional<std::vector<std::string>>& scope) {
  return {{"username", u.username},
          {"display_name", u.display_name},
          {"role", accounts::to_code(u.role)},
          {"province_ids", u.province_ids},
          {"entity_code", u.entity_code},
          {"scope", scope ? json(*scope) : json(nullptr)}};
}

void add_resources(web::Router& router, const AppContext& ctx, std::string_view prefix,
                   std::initializer_list<ApiResource> resources) {
  for (const auto& r : resources) {
    const std::string pattern = std::string(prefix) + std::string(r.path);
    for (auto [method, fn] :
         {std::pair{web::Method::kGet, r.get}, std::pair{web::Method::kPost, r.post},
          std::pair{web::Method::kPut, r.put}, std::pair{web::Method::kPatch, r.patch}})
      if (fn)
        router.add(method, pattern,
                   [&ctx, fn](const web::Request& req, const web::RouteParams& params) {
                     return fn(ctx, req, params);
                   });
  }
}

}  // namespace htx::api::detail
