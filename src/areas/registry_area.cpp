#include "areas/registry_area.hpp"

#include <algorithm>
#include <set>

namespace htx::areas {

namespace {

using registry::Entity;

// The units whose records a filter on `id` covers: the unit and every unit merged into it
// (however many mergers back).
std::vector<std::string> province_family(const geo::Geography& geo, const std::string& id) {
  std::vector<std::string> out{id};
  for (const auto& p : geo.provinces()) {
    if (p.id == id) continue;
    std::set<std::string> seen{p.id};
    for (const geo::Province* next = geo.province(p.successor_id); next;
         next = geo.province(next->successor_id)) {
      if (!seen.insert(next->id).second) break;
      if (next->id == id) {
        out.push_back(p.id);
        break;
      }
    }
  }
  return out;
}

}  // namespace

RegistryArea::RegistryArea(store::Database& db, const accounts::AccessPolicy& access,
                           const geo::Geography& geo, const registry::Sectors& sectors,
                           const Clock& clock, Caller caller)
    : db_(db),
      access_(access),
      geo_(geo),
      caller_(std::move(caller)),
      service_(db.registry(), db.audit(), db.flows(), db, geo, sectors, clock) {}

bool RegistryArea::sees_full_records() const {
  const auto& p = caller_.principal;
  return p.signed_in() && can_use() && !p.has_role(accounts::Role::kCooperative);
}

bool RegistryArea::can_create() const {
  const auto& p = caller_.principal;
  if (!p.user) return false;
  if (p.user->role == accounts::Role::kProvincialStaff)
    return !p.user->province_ids.empty() && can_create_in(p.user->province_ids.front());
  return can_create_in("");
}

std::string RegistryArea::own_entity_code() const {
  const auto& p = caller_.principal;
  return p.has_role(accounts::Role::kCooperative) ? p.user->entity_code : std::string();
}

Error RegistryArea::out_of_scope(std::string_view province_id) const {
  const geo::Province* p = geo_.province(province_id);
  return Error::forbidden("api.out_of_scope",
                          {{"province", p ? p->name : std::string(province_id)}});
}

Result<registry::ListQuery> RegistryArea::query(const RegistryFilter& f) const {
  registry::ListQuery q;
  q.text = f.text;
  if (!f.type.empty()) {
    q.type = registry::entity_type_from_code(f.type);
    if (!q.type) return Error::bad_request("type", "field.bad_type", {{"value", f.type}});
  }
  if (!f.province.empty() && !geo_.province(f.province))
    return Error::bad_request("province", "api.bad_province", {{"value", f.province}});
  if (!f.status.empty()) {
    q.status = registry::entity_status_from_code(f.status);
    if (!q.status) return Error::bad_request("status", "api.bad_status", {{"value", f.status}});
  }
  if (f.sort == "code")
    q.sort = registry::ListQuery::Sort::kCode;
  else if (f.sort == "founded")
    q.sort = registry::ListQuery::Sort::kFoundedOn;
  else if (!f.sort.empty() && f.sort != "name")
    return Error::bad_request("sort", "api.bad_sort", {{"value", f.sort}});
  if (f.dir == "desc")
    q.descending = true;
  else if (!f.dir.empty() && f.dir != "asc")
    return Error::bad_request("dir", "api.bad_dir", {{"value", f.dir}});

  // Full records are limited to the scope, the directory is everyone's. A province covers the
  // records registered under the units merged into it.
  const bool scoped = sees_full_records() && !scope().is_all();
  if (!f.province.empty()) {
    if (scoped && !scope().allows(f.province)) return out_of_scope(f.province);
    auto family = province_family(geo_, f.province);
    if (scoped) std::erase_if(family, [&](const std::string& id) { return !scope().allows(id); });
    q.province_in = std::move(family);
  } else if (scoped) {
    q.province_in = scope().provinces();
  }
  return q;
}

Result<Entity> RegistryArea::entity(std::string_view code) {
  auto e = db_.registry().find_by_code(code);
  if (!e) return Error::not_found("registry.not_found", {{"code", std::string(code)}});
  return std::move(*e);
}

Result<Entity> RegistryArea::readable(std::string_view code) {
  auto e = entity(code);
  if (e && !access_.can_view_entity(caller_.principal, e->province_id, e->code))
    return out_of_scope(e->province_id);
  return e;
}

Result<Entity> RegistryArea::editable(std::string_view code) {
  auto e = entity(code);
  if (e && !can_edit(*e)) return out_of_scope(e->province_id);
  return e;
}

Result<Entity> RegistryArea::dissolvable(std::string_view code) {
  auto e = entity(code);
  if (e && !can_dissolve(*e)) return out_of_scope(e->province_id);
  return e;
}

Result<registry::RegistryService::History> RegistryArea::history(std::string_view code) {
  auto e = readable(code);
  if (!e) return e.error();
  return service_.history(code);
}

Result<Entity> RegistryArea::create(const Entity& e) {
  if (!can_create_in(e.province_id)) return out_of_scope(e.province_id).on("province_id");
  return service_.create(e, actor());
}

Result<Entity> RegistryArea::change(const Entity& existing, const Entity& changed,
                                    registry::EventKind kind, Date effective_on,
                                    const std::string& note) {
  if (!can_edit(existing)) return out_of_scope(existing.province_id);
  if (changed.province_id != existing.province_id && !scope().allows(changed.province_id))
    return out_of_scope(changed.province_id).on("province_id");
  return service_.change(existing.code, changed, kind, effective_on, actor(), note);
}

Result<Entity> RegistryArea::dissolve(std::string_view code, Date on, const std::string& note) {
  auto e = dissolvable(code);
  if (!e) return e.error();
  return service_.dissolve(code, on, actor(), note);
}

std::optional<RegistryArea::RowCheck> RegistryArea::import_row_check() const {
  if (scope().is_all()) return std::nullopt;
  ProvinceScope scope = this->scope();
  const geo::Geography* geo = &geo_;
  return RowCheck([scope, geo](const Entity& e) -> std::optional<registry::FieldError> {
    if (scope.allows(e.province_id)) return std::nullopt;
    const auto* p = geo->province(e.province_id);
    return registry::FieldError{
        "province_id", Error("site.import.out_of_scope",
                             {{"province", p ? p->name : e.province_id}, {"code", e.code}})};
  });
}

}  // namespace htx::areas
