#include "api/json_input.hpp"

#include <algorithm>

#include "api/work_support.hpp"

namespace htx::api::detail {

WorkCaller work_caller(const AppContext& ctx, const web::Request& req, bool write) {
  auto c = resolve_caller(ctx, req);
  if (c.refusal) return {{}, std::move(c.refusal)};
  if (!c.principal.signed_in()) return {{}, unauthorized(ctx, req, false)};
  if (!can_read_work(c.principal) || (write && !can_write_work(c.principal)))
    return {{}, forbidden(ctx, req)};
  return {std::move(c.principal), std::nullopt};
}

WriteRequest write_request(const AppContext& ctx, const web::Request& req, bool work) {
  if (work) return work_request(ctx, req, true, true);
  auto caller = resolve_caller(ctx, req);
  if (caller.refusal) return {{}, {}, std::move(caller.refusal)};
  if (!caller.principal.signed_in()) return {{}, {}, unauthorized(ctx, req, false)};
  auto body = parse_json_object(ctx, req);
  if (body.refusal) return {{}, {}, std::move(body.refusal)};
  return {std::move(caller.principal), std::move(body.value), std::nullopt};
}

WriteRequest work_request(const AppContext& ctx, const web::Request& req, bool write,
                          bool with_body) {
  auto caller = work_caller(ctx, req, write);
  if (caller.refusal) return {{}, {}, std::move(caller.refusal)};
  if (!with_body) return {std::move(caller.principal), {}, std::nullopt};
  auto body = parse_json_object(ctx, req);
  if (body.refusal) return {{}, {}, std::move(body.refusal)};
  return {std::move(caller.principal), std::move(body.value), std::nullopt};
}

areas::Fields query_fields(const web::Request& req, std::initializer_list<const char*> names) {
  areas::Fields out;
  for (const char* n : names)
    if (auto v = req.query.get(n)) out[n] = std::string(*v);
  return out;
}

std::optional<std::int64_t> positive(std::string_view s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  std::int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n > 0 ? std::optional<std::int64_t>(n) : std::nullopt;
}

std::optional<int> paging_int(std::optional<std::string_view> v, int fallback, int max) {
  if (!v) return fallback;
  if (v->empty() || v->size() > 9) return std::nullopt;
  int n = 0;
  for (char c : *v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n > max ? std::nullopt : std::optional<int>(n);
}

bool flag(std::optional<std::string_view> v) {
  return v && (*v == "true" || *v == "1" || *v == "yes" || *v == "on");
}

std::vector<FieldProblem> unknown(const AppContext& ctx, const web::Request& req, const json& body,
                                  std::initializer_list<std::string_view> allowed) {
  std::vector<FieldProblem> out;
  for (auto& [k, v] : body.items())
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      out.push_back({k, ctx.catalog(req).text("api.unknown_field"), "api.unknown_field"});
  return out;
}

std::optional<Date> date_of(const AppContext& ctx, const web::Request& req, const json& body,
                            const char* name, std::vector<FieldProblem>& problems) {
  const auto& cat = ctx.catalog(req);
  if (!body.contains(name)) {
    problems.push_back({name, cat.text("field.required"), "field.required"});
    return std::nullopt;
  }
  const json& v = body[name];
  std::optional<Date> d;
  if (v.is_string() && v.get<std::string>().size() == 10) d = Date::parse_iso(v.get<std::string>());
  if (!d)
    problems.push_back(
        {name,
         cat.text("api.bad_date", {{"value", v.is_string() ? v.get<std::string>() : v.dump()}}),
         "api.bad_date"});
  return d;
}

std::string string_of(const AppContext& ctx, const web::Request& req, const json& body,
                      const char* name, bool required, std::vector<FieldProblem>& problems) {
  const auto& cat = ctx.catalog(req);
  if (!body.contains(name)) {
    if (required) problems.push_back({name, cat.text("field.required"), "field.required"});
    return {};
  }
  if (!body[name].is_string()) {
    problems.push_back({name, cat.text("api.expected_string"), "api.expected_string"});
    return {};
  }
  return body[name].get<std::string>();
}

namespace {

const json* member_of_kind(const AppContext& ctx, const web::Request& req, const json& body,
                           const char* name, bool (json::*is_kind)() const noexcept,
                           const char* key, std::vector<FieldProblem>& problems) {
  auto it = body.find(name);
  if (it == body.end()) return nullptr;
  if (((*it).*is_kind)()) return &*it;
  problems.push_back({name, ctx.catalog(req).text(key), key});
  return nullptr;
}

}  // namespace

const json* array_of(const AppContext& ctx, const web::Request& req, const json& body,
                     const char* name, std::vector<FieldProblem>& problems) {
  return member_of_kind(ctx, req, body, name, &json::is_array, "api.not_array", problems);
}

const json* object_of(const AppContext& ctx, const web::Request& req, const json& body,
                      const char* name, std::vector<FieldProblem>& problems) {
  return member_of_kind(ctx, req, body, name, &json::is_object, "api.expected_object", problems);
}

}  // namespace htx::api::detail
