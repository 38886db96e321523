// The registry: list with search and filters, one entity with its history, create, change,
// dissolve. Reads and writes go through RegistryService and the repository; who may do what is
// AccessPolicy's answer.
#include <algorithm>

#include "areas/registry_area.hpp"
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

using registry::Entity;
using registry::EntityStatus;
using registry::EntityType;

constexpr int kPageSize = 50;

std::optional<int> positive_int(std::string_view s, int max) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > max) return std::nullopt;
  return n;
}

std::string entity_href(const std::string& code) { return "/registry/" + url_encode(code); }

// ---- the entity form ----

enum class Kind { kText, kDate, kNumber, kSelect, kCheckbox };
struct FieldDef {
  const char* name;
  Kind kind;
  bool required;
};
constexpr FieldDef kEntityFields[] = {
    {"code", Kind::kText, true},           {"name", Kind::kText, true},
    {"type", Kind::kSelect, true},         {"sector_id", Kind::kSelect, true},
    {"province_id", Kind::kSelect, true},  {"address", Kind::kText, false},
    {"founded_on", Kind::kDate, true},     {"status", Kind::kSelect, false},
    {"dissolved_on", Kind::kDate, false},  {"members", Kind::kNumber, false},
    {"employees", Kind::kNumber, false},   {"charter_capital", Kind::kNumber, false},
    {"revenue", Kind::kNumber, false},     {"new_type", Kind::kCheckbox, false},
    {"ocop_products", Kind::kText, false}, {"alliance_member", Kind::kCheckbox, false},
};

// Helpers that need the Site live in a small local class so that the handlers stay short.
class RegistryPages : public AreaPages<areas::RegistryArea> {
 public:
  RegistryPages(Site& site, Page& page)
      : AreaPages(site, page, api::registry_area(site.ctx(), page.principal())) {}

  // The values of an entity as the form shows them.
  FormState values_of(const Entity& e) {
    FormState f;
    f.values = {{"code", e.code},
                {"name", e.name},
                {"type", std::string(registry::to_code(e.type))},
                {"sector_id", e.sector_id},
                {"province_id", e.province_id},
                {"address", e.address},
                {"founded_on", e.founded_on == Date{} ? "" : e.founded_on.vietnamese()},
                {"status", std::string(registry::to_code(e.status))},
                {"dissolved_on", e.dissolved_on ? e.dissolved_on->vietnamese() : ""},
                {"members", std::to_string(e.members)},
                {"employees", std::to_string(e.employees)},
                {"charter_capital", std::to_string(e.charter_capital)},
                {"revenue", std::to_string(e.revenue)},
                {"new_type", e.new_type ? "on" : ""},
                {"ocop_products", e.ocop_products},
                {"alliance_member", e.alliance_member ? "on" : ""}};
    return f;
  }

  // Reads the posted entity fields over `base` (the stored entity when editing).
  Entity read_entity(const Entity& base, bool editing, FormState& f) {
    Entity e = base;
    auto& cat = p_.cat;
    auto text_of = [&](const char* name) {
      std::string v(text::trim(p_.field(name)));
      f.values[name] = v;
      return v;
    };
    // A date field: nullopt when empty, or when it is not a date (then the problem beside it).
    auto date_of = [&](const char* name) -> std::optional<Date> {
      std::string d = text_of(name);
      if (d.empty()) return std::nullopt;
      auto date = Date::parse(d);
      if (!date) f.add(name, cat.text("field.bad_date", {{"value", d}}));
      return date;
    };
    if (editing)
      f.values["code"] = base.code;  // shown read-only; the URL names the record
    else
      e.code = text_of("code");
    e.name = text::to_nfc(text_of("name"));
    if (std::string t = text_of("type"); !t.empty()) {
      if (auto type = registry::entity_type_from_code(t))
        e.type = *type;
      else
        f.add("type", cat.text("field.bad_type", {{"value", t}}));
    } else {
      f.add("type", cat.text("field.required"));
    }
    e.sector_id = text_of("sector_id");
    e.province_id = text_of("province_id");
    e.address = text::to_nfc(text_of("address"));
    e.founded_on = date_of("founded_on").value_or(Date{});
    // The status: any when entering a record (an entity dissolved before it was entered
    // included); when editing, active or suspended (a dissolution has its own page).
    if (!editing || base.status != EntityStatus::kDissolved) {
      std::string st = text_of("status");
      if (st == "active")
        e.status = EntityStatus::kActive;
      else if (st == "suspended")
        e.status = EntityStatus::kSuspended;
      else if (st == "dissolved" && !editing)
        e.status = EntityStatus::kDissolved;
      else if (!st.empty())
        f.add("status", cat.text("field.bad_status", {{"value", st}}));
    }
    if (!editing) e.dissolved_on = date_of("dissolved_on");
    auto integer = [&](const char* name, std::int64_t& out) {
      std::string v = text_of(name);
      if (v.empty()) {
        out = 0;
        return;
      }
      if (auto n = text::parse_int(v))
        out = *n;
      else
        f.add(name, cat.text("field.not_a_number", {{"value", v}}));
    };
    integer("members", e.members);
    integer("employees", e.employees);
    integer("charter_capital", e.charter_capital);
    integer("revenue", e.revenue);
    e.new_type = checked(text_of("new_type"));
    e.ocop_products = text::to_nfc(text_of("ocop_products"));
    e.alliance_member = checked(text_of("alliance_member"));
    for (auto& fe : area_.service().validate(e))
      if (!f.errors.count(fe.field)) f.add(fe.field, s_.error_text(p_, fe.error));
    return e;
  }

  json province_groups(const std::string& selected) {
    auto allowed = [&](const std::string& id) { return area_.scope().allows(id); };
    const Date today = s_.today();
    json current = json::array(), old = json::array();
    for (const auto& prov : s_.ctx().geo->provinces()) {
      if (!allowed(prov.id) && prov.id != selected) continue;
      json o = {{"value", prov.id},
                {"label", prov.code + " – " + prov.name},
                {"selected", prov.id == selected}};
      (prov.valid_on(today) ? current : old).push_back(std::move(o));
    }
    json groups = json::array();
    if (!current.empty())
      groups.push_back({{"label", p_.t("registry.provinces_now")}, {"options", current}});
    if (!old.empty())
      groups.push_back({{"label", p_.t("registry.provinces_old")}, {"options", old}});
    return groups;
  }

  json options(const std::vector<std::pair<std::string, std::string>>& items,
               const std::string& selected) {
    json out = json::array();
    for (auto& [v, l] : items)
      out.push_back({{"value", v}, {"label", l}, {"selected", v == selected}});
    return out;
  }

  std::vector<std::pair<std::string, std::string>> type_items(bool with_all) {
    std::vector<std::pair<std::string, std::string>> items;
    if (with_all) items.emplace_back("", p_.t("registry.all_types"));
    for (const char* t : {"HTX", "LHHTX", "THT"})
      items.emplace_back(t, std::string(t) + " – " + p_.cat.text(std::string("type.") + t));
    return items;
  }

  // The form's fields for the template. `editing`: the code is shown read-only, the status is
  // active or suspended (not shown once dissolved) and the dissolution date is not a field (the
  // dissolution has its own page).
  json fields(const FormState& f, bool editing, bool dissolved) {
    json out = json::array();
    for (const auto& def : kEntityFields) {
      std::string name = def.name;
      if (name == "status" && editing && dissolved) continue;
      if (name == "dissolved_on" && editing) continue;
      auto value_it = f.values.find(name);
      std::string value = value_it == f.values.end() ? "" : value_it->second;
      json field = {{"name", name},
                    {"id", "f-" + name},
                    {"label", s_.field_label(p_, name)},
                    {"value", value},
                    {"required", def.required},
                    {"readonly", editing && name == "code"},
                    {"is_text", def.kind == Kind::kText || def.kind == Kind::kDate ||
                                    def.kind == Kind::kNumber},
                    {"is_select", def.kind == Kind::kSelect},
                    {"is_checkbox", def.kind == Kind::kCheckbox},
                    {"checked", checked(value)},
                    {"numeric", def.kind == Kind::kNumber},
                    {"hint", false},
                    {"error", false}};
      if (def.kind == Kind::kDate) field["hint"] = p_.t("form.date_hint");
      if (auto e = f.errors.find(name); e != f.errors.end()) field["error"] = e->second;
      std::string described;
      if (field["hint"].is_string()) described = "hint-" + name;
      if (field["error"].is_string())
        described += (described.empty() ? "" : " ") + ("error-" + name);
      field["describedby"] = described.empty() ? json(false) : json(described);
      if (name == "type") field["options"] = options(type_items(false), value);
      if (name == "sector_id") {
        std::vector<std::pair<std::string, std::string>> items{{"", p_.t("form.choose")}};
        for (auto& sec : s_.ctx().sectors->all())
          items.emplace_back(sec.id, s_.sector_name(p_, sec.id));
        field["options"] = options(items, value);
      }
      if (name == "province_id") {
        field["options"] = options({{"", p_.t("form.choose")}}, value);
        field["groups"] = province_groups(value);
      }
      if (name == "status") {
        std::vector<std::pair<std::string, std::string>> items{
            {"active", p_.cat.text("status.active")},
            {"suspended", p_.cat.text("status.suspended")}};
        if (!editing) items.emplace_back("dissolved", p_.cat.text("status.dissolved"));
        field["options"] = options(items, value);
      }
      out.push_back(std::move(field));
    }
    return out;
  }

  // The error summary at the top of a form: [{href, text}].
  json summary(const FormState& f, const std::vector<std::string>& order) {
    json out = json::array();
    for (auto& g : f.general) out.push_back({{"href", false}, {"text", g}});
    for (auto& name : order) {
      auto it = f.errors.find(name);
      if (it == f.errors.end()) continue;
      out.push_back(
          {{"href", "#f-" + name}, {"text", s_.field_label(p_, name) + ": " + it->second}});
    }
    return out;
  }

  static std::vector<std::string> entity_order(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> order;
    for (auto& d : kEntityFields) order.emplace_back(d.name);
    order.insert(order.end(), extra.begin(), extra.end());
    return order;
  }

  // An error of the service, on the field it names.
  void add_service_error(FormState& f, const Error& e, const std::string& fallback_field = "") {
    std::string field = e.field.empty() ? fallback_field : e.field;
    f.add(field == "general" ? std::string() : field, s_.error_text(p_, e));
  }

  // A stored value shown in the history: dates as dd/mm/yyyy, ids as names, codes as labels.
  std::string display(const std::string& field, const json& v) {
    if (v.is_null()) return "—";
    if (v.is_boolean()) return p_.cat.text(v.get<bool>() ? "value.yes" : "value.no");
    if (v.is_number_integer()) return s_.number(p_, v.get<std::int64_t>());
    if (!v.is_string()) return v.dump();
    std::string s = v.get<std::string>();
    if (field == "founded_on" || field == "dissolved_on") {
      if (auto d = Date::parse_iso(s)) return d->vietnamese();
    }
    if (field == "province_id") return s_.province_name(s);
    if (field == "sector_id") return s_.sector_name(p_, s);
    if (field == "status") {
      if (auto st = registry::entity_status_from_code(s)) return s_.status_label(p_, *st);
    }
    if (s.empty()) return "—";
    return s;
  }
};

// ---- GET /registry ----

web::Response registry_list(Site& site, Page& page) {
  RegistryPages rp(site, page);
  auto& area = rp.area();
  if (auto stop = site.guard(page, area.can_use())) return std::move(*stop);

  std::string q(text::trim(page.query("q")));
  if (q.size() > 200) q.resize(200);
  while (!q.empty() && !text::is_valid_utf8(q)) q.pop_back();  // cut inside a character
  std::string type = page.query("type"), province = page.query("province"),
              status = page.query("status"), sort = page.query("sort"), dir = page.query("dir");
  int page_no = positive_int(page.query("page"), 1'000'000).value_or(1);
  // The order is the page's own choice: one it does not offer falls back to by name, ascending.
  if (sort != "code" && sort != "founded") sort = "name";
  if (dir != "desc") dir = "asc";
  // The filters are the area's: a bad value is a bad request, another province's forbidden.
  auto lq = area.query({q, type, province, status, sort, dir});
  if (!lq) return site.refused(page, lq.error());

  std::vector<Entity> found;
  std::int64_t total = 0;
  if (!area.sees_full_records()) {
    // A cooperative's account sees its own record only.
    if (auto e = area.entity(area.own_entity_code())) {
      found.push_back(*e);
      total = 1;
    }
  } else {
    total = area.count(*lq);
    std::int64_t pages = std::max<std::int64_t>(1, (total + kPageSize - 1) / kPageSize);
    if (page_no > pages) page_no = static_cast<int>(pages);
    lq->limit = kPageSize;
    lq->offset = (page_no - 1) * kPageSize;
    found = area.list(*lq);
  }
  std::int64_t pages = std::max<std::int64_t>(1, (total + kPageSize - 1) / kPageSize);

  json rows = json::array();
  for (auto& e : found)
    rows.push_back({{"code", e.code},
                    {"href", entity_href(e.code)},
                    {"name", e.name},
                    {"address", e.address.empty() ? json(false) : json(e.address)},
                    {"type", std::string(registry::to_code(e.type))},
                    {"province", site.province_name(e.province_id)},
                    {"founded_on", Site::date(e.founded_on)},
                    {"status", site.status_label(page, e.status)},
                    {"members", site.number(page, e.members)}});

  auto link = [&](int n) {
    return "/registry" + query_string({{"q", q},
                                       {"type", type},
                                       {"province", province},
                                       {"status", status},
                                       {"sort", sort == "name" ? "" : sort},
                                       {"dir", dir == "asc" ? "" : dir},
                                       {"page", n == 1 ? "" : std::to_string(n)}});
  };
  json pager = false;
  if (pages > 1)
    pager = {{"prev", page_no > 1 ? json(link(page_no - 1)) : json(false)},
             {"next", page_no < pages ? json(link(page_no + 1)) : json(false)},
             {"text", page.t("pager.page", {{"page", site.number(page, page_no)},
                                            {"pages", site.number(page, pages)}})}};
  std::string caption = total == 0
                            ? page.t("registry.none_found")
                            : page.t("registry.found", {{"count", site.number(page, total)}});

  json view;
  view["q"] = q;
  view["types"] = rp.options(rp.type_items(true), type);
  view["province_any"] = rp.options({{"", page.t("registry.all_provinces")}}, province);
  view["province_groups"] = rp.province_groups(province);
  view["statuses"] = rp.options({{"", page.t("registry.all_statuses")},
                                 {"active", page.cat.text("status.active")},
                                 {"suspended", page.cat.text("status.suspended")},
                                 {"dissolved", page.cat.text("status.dissolved")}},
                                status);
  view["sorts"] = rp.options({{"name", page.t("registry.sort_name")},
                              {"code", page.t("registry.sort_code")},
                              {"founded", page.t("registry.sort_founded")}},
                             sort);
  view["dirs"] =
      rp.options({{"asc", page.t("registry.dir_asc")}, {"desc", page.t("registry.dir_desc")}}, dir);
  view["can_create"] = area.can_create();
  view["results"] = {{"caption", caption}, {"rows", rows}, {"pager", pager}};
  return site.render(page, "registry_list", page.t("registry.title"), std::move(view), 200,
                     "registry_results");
}

// ---- GET /registry/{code} ----

web::Response registry_detail(Site& site, Page& page) {
  const std::string& code = page.params.at("code");
  if (!page.signed_in()) return site.need_login(page);
  RegistryPages rp(site, page);
  auto& area = rp.area();
  auto history = area.history(code);
  if (!history) return site.refused(page, history.error());
  const Entity& e = history->entity;

  json fields = json::array();
  auto row = [&](const std::string& member, std::string value) {
    fields.push_back({{"label", site.field_label(page, member)}, {"value", std::move(value)}});
  };
  // In the form's order (to_json's object is sorted by name).
  static constexpr const char* kOrder[] = {
      "code",        "name",     "type",          "sector_id",
      "province_id", "address",  "founded_on",    "dissolved_on",
      "status",      "members",  "employees",     "charter_capital",
      "revenue",     "new_type", "ocop_products", "alliance_member"};
  json values = registry::to_json(e);
  for (const char* key : kOrder) {
    std::string k = key;
    const json& v = values[k];
    if (k == "type") {
      row(k, std::string(registry::to_code(e.type)) + " – " +
                 page.cat.text("type." + std::string(registry::to_code(e.type))));
    } else {
      row(k, rp.display(k, v));
    }
  }
  fields.push_back(
      {{"label", page.t("registry.recorded")},
       {"value", page.t("registry.recorded_by",
                        {{"actor", e.recorded_by}, {"at", site.date_time(e.recorded_at)}})}});

  json events = json::array();
  for (auto& ev : history->events) {
    json changes = json::array();
    for (auto& [k, v] : ev.changes.items()) {
      if (!v.is_array() || v.size() != 2) continue;
      changes.push_back({{"field", site.field_label(page, k)},
                         {"before", rp.display(k, v[0])},
                         {"after", rp.display(k, v[1])}});
    }
    events.push_back({{"kind", page.cat.text("event." + std::string(registry::to_code(ev.kind)))},
                      {"effective_on", Site::date(ev.effective_on)},
                      {"actor", ev.actor},
                      {"recorded_at", site.date_time(ev.recorded_at)},
                      {"note", ev.note.empty() ? json(false) : json(ev.note)},
                      {"has_changes", !changes.empty()},
                      {"changes", changes}});
  }
  json view = {{"entity", {{"code", e.code}, {"name", e.name}}},
               {"fields", fields},
               {"events", events},
               {"edit_href", area.can_edit(e) ? json(entity_href(e.code) + "/edit") : json(false)},
               {"dissolve_href", e.status != EntityStatus::kDissolved && area.can_dissolve(e)
                                     ? json(entity_href(e.code) + "/dissolve")
                                     : json(false)}};
  return site.render(page, "registry_detail", e.name, std::move(view));
}

// ---- create ----

json entity_form_view(RegistryPages& rp, const FormState& f, bool editing, bool dissolved,
                      const std::vector<std::string>& order) {
  return {{"fields", rp.fields(f, editing, dissolved)},
          {"errors", rp.summary(f, order)},
          {"has_errors", !f.ok()}};
}

web::Response registry_new(Site& site, Page& page) {
  RegistryPages rp(site, page);
  if (auto stop = site.guard(page, rp.area().can_create())) return std::move(*stop);
  Entity blank;
  FormState f = rp.values_of(blank);
  f.values["members"] = f.values["employees"] = f.values["charter_capital"] = f.values["revenue"] =
      "";
  if (page.principal().user->province_ids.size() == 1)
    f.values["province_id"] = page.principal().user->province_ids.front();
  json view = entity_form_view(rp, f, false, false, rp.entity_order());
  view["csrf"] = page.visitor.session->csrf_token;
  return site.render(page, "registry_new", page.t("registry.new_title"), std::move(view));
}

web::Response registry_create(Site& site, Page& page) {
  RegistryPages rp(site, page);
  if (auto stop = site.guard(page, rp.area().can_create())) return std::move(*stop);
  FormState f;
  Entity e = rp.read_entity(Entity{}, false, f);
  if (!f.errors.count("province_id") && !rp.area().can_create_in(e.province_id))
    f.add("province_id", page.t("registry.out_of_scope"));
  if (f.ok()) {
    auto created = rp.area().create(e);
    if (created) {
      site.data_changed();
      return Site::redirect(entity_href(created->code));
    }
    rp.add_service_error(f, created.error());
  }
  json view = entity_form_view(rp, f, false, false, rp.entity_order());
  view["csrf"] = page.visitor.session->csrf_token;
  return site.render(page, "registry_new", page.t("registry.new_title"), std::move(view), 422);
}

// ---- change ----

constexpr registry::EventKind kChangeKinds[] = {
    registry::EventKind::kCorrected, registry::EventKind::kReorganised,
    registry::EventKind::kReregistered, registry::EventKind::kMerged, registry::EventKind::kSplit};

// A page about the record of its URL: the record as `kFind` of the area answers it (editable,
// dissolvable), then `kPage` with it; or the answer refusing it (the sign-in, 404, 403).
using Find = Result<Entity> (areas::RegistryArea::*)(std::string_view);
using RecordPage = web::Response (*)(Site&, Page&, RegistryPages&, const Entity&);

template <Find kFind, RecordPage kPage>
web::Response on_record(Site& site, Page& page) {
  if (!page.signed_in()) return site.need_login(page);
  RegistryPages rp(site, page);
  auto e = (rp.area().*kFind)(page.params.at("code"));
  if (!e) return site.refused(page, e.error());
  return kPage(site, page, rp, *e);
}

// The form's field `name`, trimmed, or when it is empty the field `other` (its older name).
std::string field_or(const Page& page, std::string_view name, std::string_view other) {
  std::string v(text::trim(page.field(name)));
  return v.empty() ? std::string(text::trim(page.field(other))) : v;
}

// The note of a change or a dissolution, at most 2000 bytes.
std::string note_field(const Page& page, FormState& f) {
  std::string note(text::trim(page.field("note")));
  f.values["note"] = note;
  if (note.size() > 2000) f.add("note", page.cat.text("field.too_long", {{"max", "2000"}}));
  return note;
}

// A field's value and its error for a template: {name: value, name_error: message or false}.
json field_view(const FormState& f, const std::string& name) {
  return {{name, f.value(name)}, {name + "_error", f.error(name)}};
}

// A form page about one record (its change, its dissolution): the record, the token, the page.
web::Response record_page(Site& site, Page& page, const Entity& existing, json view,
                          const char* name, const char* title_key, int status) {
  view["csrf"] = page.visitor.session->csrf_token;
  view["entity"] = {
      {"code", existing.code}, {"name", existing.name}, {"href", entity_href(existing.code)}};
  return site.render(page, name, page.t(title_key, {{"name", existing.name}}), std::move(view),
                     status);
}

web::Response edit_page(Site& site, Page& page, RegistryPages& rp, const Entity& existing,
                        const FormState& f, int status) {
  json view = entity_form_view(rp, f, true, existing.status == EntityStatus::kDissolved,
                               rp.entity_order({"effective_on", "kind", "note"}));
  std::vector<std::pair<std::string, std::string>> kinds;
  for (auto k : kChangeKinds)
    kinds.emplace_back(std::string(registry::to_code(k)),
                       page.cat.text("event." + std::string(registry::to_code(k))));
  json change = {{"kinds", rp.options(kinds, f.value("kind"))}, {"kind_error", f.error("kind")}};
  change.update(field_view(f, "effective_on"));
  change.update(field_view(f, "note"));
  view["change"] = std::move(change);
  return record_page(site, page, existing, std::move(view), "registry_edit", "registry.edit_title",
                     status);
}

web::Response registry_edit(Site& site, Page& page, RegistryPages& rp, const Entity& existing) {
  FormState f = rp.values_of(existing);
  f.values["effective_on"] = site.today().vietnamese();
  f.values["kind"] = "corrected";
  return edit_page(site, page, rp, existing, f, 200);
}

web::Response registry_update(Site& site, Page& page, RegistryPages& rp, const Entity& existing) {
  FormState f;
  Entity e = rp.read_entity(existing, true, f);
  if (!f.errors.count("province_id") && e.province_id != existing.province_id &&
      !rp.area().scope().allows(e.province_id))
    f.add("province_id", page.t("registry.out_of_scope"));

  auto effective_on =
      required_value(page, f, "effective_on", field_or(page, "effective_on", "date"), Date::parse,
                     "field.bad_date");
  std::string kind_code = page.field("kind");
  if (kind_code.empty()) kind_code = "corrected";
  f.values["kind"] = kind_code;
  auto kind = registry::event_kind_from_code(kind_code);
  if (!kind ||
      std::find(std::begin(kChangeKinds), std::end(kChangeKinds), *kind) == std::end(kChangeKinds))
    f.add("kind", page.t("registry.bad_kind"));
  std::string note = note_field(page, f);

  if (f.ok()) {
    auto changed = rp.area().change(existing, e, *kind, *effective_on, note);
    if (changed) {
      site.data_changed();
      return Site::redirect(entity_href(changed->code));
    }
    rp.add_service_error(f, changed.error());
  }
  return edit_page(site, page, rp, existing, f, 422);
}

// ---- dissolve ----

web::Response dissolve_page(Site& site, Page& page, const Entity& existing, const FormState& f,
                            int status) {
  json errors = json::array();
  for (auto& g : f.general) errors.push_back({{"href", false}, {"text", g}});
  if (auto it = f.errors.find("date"); it != f.errors.end())
    errors.push_back(
        {{"href", "#f-date"}, {"text", page.t("registry.dissolve_date") + ": " + it->second}});
  if (auto it = f.errors.find("note"); it != f.errors.end())
    errors.push_back({{"href", "#f-note"}, {"text", page.t("registry.note") + ": " + it->second}});
  json view = {{"can_dissolve", existing.status != EntityStatus::kDissolved},
               {"errors", errors},
               {"has_errors", !errors.empty()}};
  view.update(field_view(f, "date"));
  view.update(field_view(f, "note"));
  return record_page(site, page, existing, std::move(view), "registry_dissolve",
                     "registry.dissolve_title", status);
}

web::Response registry_dissolve_form(Site& site, Page& page, RegistryPages& rp,
                                     const Entity& existing) {
  FormState f;
  f.values["date"] = site.today().vietnamese();
  if (existing.status == EntityStatus::kDissolved)
    f.general.push_back(page.cat.text("registry.already_dissolved", {{"code", existing.code}}));
  return dissolve_page(site, page, existing, f, 200);
}

web::Response registry_dissolve(Site& site, Page& page, RegistryPages& rp, const Entity& existing) {
  const std::string code = existing.code;  // the record's, as the URL named it
  FormState f;
  auto on = required_value(page, f, "date", field_or(page, "date", "dissolved_on"), Date::parse,
                           "field.bad_date");
  std::string note = note_field(page, f);
  if (f.ok()) {
    auto done = rp.area().dissolve(code, *on, note);
    if (done) {
      site.data_changed();
      return Site::redirect(entity_href(code));
    }
    const Error& e = done.error();
    auto field = e.params.find("field");
    if (field != e.params.end() &&
        (field->second == "dissolved_on" || field->second == "effective_on"))
      f.add("date", site.error_text(page, e));
    else
      f.add("", site.error_text(page, e));
  }
  return dissolve_page(site, page, existing, f, 422);
}

}  // namespace

void register_registry_pages(Site& site, web::Router& router) {
  add_pages(site, router,
            {{.path = "/registry", .get = registry_list, .post = registry_create},
             {.path = "/registry/new", .get = registry_new},
             {.path = "/registry/{code}",
              .get = registry_detail,
              .post = on_record<&areas::RegistryArea::editable, registry_update>},
             {.path = "/registry/{code}/edit",
              .get = on_record<&areas::RegistryArea::editable, registry_edit>},
             {.path = "/registry/{code}/dissolve",
              .get = on_record<&areas::RegistryArea::dissolvable, registry_dissolve_form>,
              .post = on_record<&areas::RegistryArea::dissolvable, registry_dissolve>}});
}

}  // namespace htx::webapp
