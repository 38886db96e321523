#include "api/json_input.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace htx::api::detail {

ParsedBody read_body(const AppContext& ctx, const web::Request& req, Body how) {
  if (how == Body::kNone || (how == Body::kObjectOrEmpty && req.body.empty()))
    return {json::object(), std::nullopt};
  return parse_json_object(ctx, req);
}

namespace {
template <class Names>
areas::Fields fields_named(const web::Request& req, const Names& names) {
  areas::Fields out;
  for (const auto& n : names)
    if (auto v = req.query.get(n)) out[n] = std::string(*v);
  return out;
}
}  // namespace

areas::Fields query_fields(const web::Request& req, std::initializer_list<const char*> names) {
  return fields_named(req, names);
}
areas::Fields query_fields(const web::Request& req, const std::vector<std::string>& names) {
  return fields_named(req, names);
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

std::string query_text(const web::Request& req, const char* name) {
  auto v = req.query.get(name);
  return v ? std::string(*v) : std::string();
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

json items_json(json items) {
  json j = {{"total", items.size()}, {"items", std::move(items)}};
  return j;
}

namespace {

// One member's value as an area's text (body_fields), nullopt for null; else a problem on it.
std::optional<std::string> member_text(const AppContext& ctx, const web::Request& req,
                                       const std::string& name, const json& v, Members members,
                                       std::vector<FieldProblem>& problems) {
  const auto& cat = ctx.catalog(req);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  if (v.is_null()) return std::nullopt;
  if (members == Members::kScalarsAndDecimals && v.is_number())
    return text::format_decimal(v.get<double>(), 1);
  if (members == Members::kScalarsAndLists && v.is_boolean())
    return std::string(v.get<bool>() ? "1" : "0");
  if (members == Members::kScalarsAndLists && v.is_array()) {
    std::string lines;
    for (const auto& item : v) {
      std::string line;
      if (item.is_string()) {
        line = item.get<std::string>();
      } else if (item.is_object() && name == "collateral") {
        // "kind; description; appraised value; discount %", as FundArea reads collateral.
        for (const char* k : {"kind", "description", "appraised_value", "discount_percent"}) {
          const json m = item.value(k, json(""));
          line += (line.empty() && std::string(k) == "kind" ? "" : "; ") +
                  (m.is_string() ? m.get<std::string>() : m.dump());
        }
      } else {
        problems.push_back({name, cat.text("api.expected_string"), "api.expected_string"});
        return std::nullopt;
      }
      lines += (lines.empty() ? "" : "\n") + line;
    }
    return lines;
  }
  problems.push_back({name, cat.text("api.expected_string"), "api.expected_string"});
  return std::nullopt;
}

}  // namespace

areas::Fields body_fields(const AppContext& ctx, const web::Request& req, const json& body,
                          const std::vector<std::string>& allowed, Members members,
                          std::vector<FieldProblem>& problems) {
  areas::Fields out;
  for (auto& [k, v] : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      problems.push_back({k, ctx.catalog(req).text("api.unknown_field"), "api.unknown_field"});
      continue;
    }
    if (auto text = member_text(ctx, req, k, v, members, problems)) out[k] = std::move(*text);
  }
  return out;
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
