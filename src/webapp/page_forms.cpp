#include "webapp/page_forms.hpp"

#include "api/json_input.hpp"

namespace htx::webapp {

bool checked(std::string_view v) { return v == "on" || v == "1" || v == "true" || v == "yes"; }

std::optional<std::int64_t> positive_id(std::string_view s) { return api::detail::positive(s); }

std::optional<web::Response> path_id(Site& site, Page& page, const std::string& not_found_key,
                                     std::int64_t& id, const std::string& name) {
  const auto& text = page.params.at(name);
  if (auto found = positive_id(text)) {
    id = *found;
    return std::nullopt;
  }
  return site.not_found(page, page.cat.text(not_found_key, {{"id", text}}));
}

bool show_refusal(const Page& p, FormState& f, const Error& e, const Choices& inputs,
                  const FieldNames& names) {
  if (e.is(ErrorKind::kForbidden)) return false;
  std::string field = e.with_field_names(names).field;
  bool known = std::any_of(inputs.begin(), inputs.end(),
                           [&](const auto& input) { return input.first == field; });
  f.add(known ? field : std::string(), p.cat.render(e));
  return true;
}

void FormState::add(const std::string& field, std::string message) {
  if (field.empty()) {
    general.push_back(std::move(message));
    return;
  }
  errors.emplace(field, std::move(message));
}

std::string FormState::value(const std::string& k) const {
  auto it = values.find(k);
  return it == values.end() ? std::string() : it->second;
}

json FormState::error(const std::string& k) const {
  auto it = errors.find(k);
  return it == errors.end() ? json(false) : json(it->second);
}

json options(const Choices& items, const std::string& selected) {
  json out = json::array();
  for (auto& [v, l] : items)
    out.push_back({{"value", v}, {"label", l}, {"selected", v == selected}});
  return out;
}

json form_field(const Page& p, const FormState& f, const std::string& name,
                const std::string& label_key, bool required, const char* kind, json choices) {
  const std::string k(kind);
  json out = {{"name", name},
              {"id", "f-" + name},
              {"label", p.t(label_key)},
              {"value", f.value(name)},
              {"required", required},
              {"readonly", false},
              {"is_text", k == "text" || k == "date" || k == "number"},
              {"is_select", k == "select"},
              {"is_checkbox", k == "checkbox"},
              {"checked", checked(f.value(name))},
              {"numeric", k == "number"},
              {"hint", k == "date" ? json(p.t("form.date_hint")) : json(false)},
              {"error", f.error(name)}};
  std::string described;
  if (out["hint"].is_string()) described = "hint-" + name;
  if (out["error"].is_string()) described += (described.empty() ? "" : " ") + ("error-" + name);
  out["describedby"] = described.empty() ? json(false) : json(described);
  if (!choices.is_null()) out["options"] = std::move(choices);
  return out;
}

json error_summary(const Page& p, const FormState& f, const Choices& order) {
  json out = json::array();
  for (auto& g : f.general) out.push_back({{"href", false}, {"text", g}});
  for (auto& [name, label_key] : order)
    if (auto it = f.errors.find(name); it != f.errors.end())
      out.push_back({{"href", "#f-" + name}, {"text", p.t(label_key) + ": " + it->second}});
  return out;
}

std::optional<Date> date_field(const Page& p, FormState& f, const std::string& name) {
  std::string v(text::trim(p.field(name)));
  f.values[name] = v;
  if (v.empty()) {
    f.add(name, p.cat.text("field.required"));
    return std::nullopt;
  }
  auto d = Date::parse(v);
  if (!d) f.add(name, p.cat.text("field.bad_date", {{"value", v}}));
  return d;
}

std::string text_field(const Page& p, FormState& f, const std::string& name, bool required) {
  std::string v = text::to_nfc(text::trim(p.field(name)));
  f.values[name] = v;
  if (required && v.empty()) f.add(name, p.cat.text("field.required"));
  if (v.size() > kMaxFormText)
    f.add(name, p.cat.text("field.too_long", {{"max", std::to_string(kMaxFormText)}}));
  return v;
}

std::string count_caption(const Site& site, const Page& p, std::int64_t count,
                          std::string_view none_key, std::string_view found_key) {
  if (count == 0) return p.t(none_key);
  return p.t(found_key, {{"count", site.number(p, count)}});
}

json pager_view(const Site& site, const Page& p, int page_no, std::int64_t pages,
                const std::function<std::string(int)>& link) {
  if (pages <= 1) return false;
  return {{"prev", page_no > 1 ? json(link(page_no - 1)) : json(false)},
          {"next", page_no < pages ? json(link(page_no + 1)) : json(false)},
          {"text", p.t("pager.page",
                       {{"page", site.number(p, page_no)}, {"pages", site.number(p, pages)}})}};
}

bool checkbox_field(const Page& p, FormState& f, const std::string& name) {
  const bool on = checked(p.field(name));
  f.values[name] = on ? "on" : "";
  return on;
}

json form_view(const Page& p, const FormState& f, json fields, const Choices& order, json view) {
  view["csrf"] = p.visitor.session ? p.visitor.session->csrf_token : "";
  view["fields"] = std::move(fields);
  view["errors"] = error_summary(p, f, order);
  view["has_errors"] = !f.ok();
  return view;
}

Site::PageFn guarded(bool (*allowed)(const accounts::Principal&), Site::PageFn fn) {
  return [allowed, fn = std::move(fn)](Site& site, Page& page) -> web::Response {
    if (auto stop = site.guard(page, allowed(page.principal()))) return std::move(*stop);
    return fn(site, page);
  };
}

Site::PageFn reads_work(Site::PageFn fn) {
  return guarded(accounts::AccessPolicy::can_read_work, std::move(fn));
}
Site::PageFn writes_work(Site::PageFn fn) {
  return guarded(accounts::AccessPolicy::can_write_work, std::move(fn));
}

}  // namespace htx::webapp
