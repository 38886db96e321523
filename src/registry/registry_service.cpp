#include "registry/registry_service.hpp"

#include "core/text.hpp"

namespace htx::registry {

namespace {
FieldError field_error(std::string field, std::string key,
                       std::map<std::string, std::string> params = {}) {
  return {std::move(field), Error(std::move(key), std::move(params))};
}

Error first_error(const std::vector<FieldError>& errors) {
  Error e = errors.front().error;
  e.params["field"] = errors.front().field;
  return e;
}
}  // namespace

std::vector<FieldError> RegistryService::validate(const Entity& e) const {
  std::vector<FieldError> out;
  if (text::trim(e.code).empty()) out.push_back(field_error("code", "field.required"));
  if (e.code.size() > 64) out.push_back(field_error("code", "field.too_long", {{"max", "64"}}));
  if (text::trim(e.name).empty()) out.push_back(field_error("name", "field.required"));
  if (e.name.size() > 500) out.push_back(field_error("name", "field.too_long", {{"max", "500"}}));
  if (e.address.size() > 1000)
    out.push_back(field_error("address", "field.too_long", {{"max", "1000"}}));
  if (e.sector_id.empty() || !sectors_.by_id(e.sector_id))
    out.push_back(field_error("sector_id", "field.unknown_sector", {{"value", e.sector_id}}));
  const geo::Province* p = geo_.province(e.province_id);
  if (!p)
    out.push_back(field_error("province_id", "field.unknown_province", {{"value", e.province_id}}));
  Date today = clock_.today();
  if (e.founded_on == Date{}) out.push_back(field_error("founded_on", "field.required"));
  if (e.founded_on > today)
    out.push_back(
        field_error("founded_on", "field.date_in_future", {{"value", e.founded_on.vietnamese()}}));
  if (e.dissolved_on) {
    if (*e.dissolved_on < e.founded_on)
      out.push_back(field_error(
          "dissolved_on", "field.dissolved_before_founded",
          {{"value", e.dissolved_on->vietnamese()}, {"founded", e.founded_on.vietnamese()}}));
    if (*e.dissolved_on > today)
      out.push_back(field_error("dissolved_on", "field.date_in_future",
                                {{"value", e.dissolved_on->vietnamese()}}));
    if (e.status != EntityStatus::kDissolved)
      out.push_back(field_error("status", "field.status_not_dissolved"));
  } else if (e.status == EntityStatus::kDissolved) {
    out.push_back(field_error("dissolved_on", "field.required"));
  }
  auto non_negative = [&](const char* f, std::int64_t v) {
    if (v < 0) out.push_back(field_error(f, "field.negative", {{"value", std::to_string(v)}}));
  };
  non_negative("members", e.members);
  non_negative("employees", e.employees);
  non_negative("charter_capital", e.charter_capital);
  return out;
}

void RegistryService::insert_new(Entity& e, const std::string& actor, const std::string& now,
                                 bool audit_each) {
  // The founding is the record itself (founded_on, recorded_by, recorded_at): one row fewer
  // per entity, which an import of a million rows feels. Later events are rows of their own.
  e.recorded_by = actor;
  e.recorded_at = now;
  e.id = repo_.insert(e);
  flows_.apply(flows_of(e, add_founding_events(e, actor, now)));
  if (audit_each)
    audit_.append({0, now, actor, "registry.create", "entity", e.code, "", to_json(e).dump()});
}

std::vector<Event> RegistryService::add_founding_events(const Entity& e, const std::string& actor,
                                                        const std::string& now) {
  std::vector<Event> added;
  if (e.dissolved_on) {
    Event dissolved;
    dissolved.entity_id = e.id;
    dissolved.recorded_at = now;
    dissolved.actor = actor;
    dissolved.kind = EventKind::kDissolved;
    dissolved.effective_on = *e.dissolved_on;
    dissolved.changes = {{"status", {"active", "dissolved"}},
                         {"dissolved_on", {nullptr, e.dissolved_on->iso()}}};
    dissolved.id = repo_.add_event(dissolved);
    added.push_back(std::move(dissolved));
  }
  return added;
}

void RegistryService::record_batch(const std::string& action, const std::string& source,
                                   const nlohmann::json& summary, const std::string& actor,
                                   const std::string& now) {
  audit_.append({0, now, actor, action, "batch", source, "", summary.dump()});
}

AddOutcome RegistryService::add_or_match(Entity& e, const std::string& actor,
                                         const std::string& now, FlowAccumulator& batch_flows,
                                         std::vector<std::string>* differing,
                                         const std::string* search_key) {
  e.recorded_by = actor;
  e.recorded_at = now;
  if (auto id = repo_.insert_if_new(e, search_key ? *search_key : registry::search_key(e))) {
    e.id = *id;
    batch_flows.add(flows_of(e, add_founding_events(e, actor, now)));
    return AddOutcome::kCreated;
  }
  auto existing = repo_.find_by_code(e.code);
  if (!existing) throw InfrastructureError("entity " + e.code + " neither inserted nor found");
  e.id = existing->id;
  e.recorded_by = existing->recorded_by;
  e.recorded_at = existing->recorded_at;
  auto d = diff(*existing, e);
  if (d.empty()) return AddOutcome::kUnchanged;
  if (differing)
    for (auto& [k, v] : d.items()) differing->push_back(k);
  return AddOutcome::kConflict;
}

Result<Entity> RegistryService::create(Entity e, const std::string& actor) {
  e.name = text::to_nfc(text::trim(e.name));
  e.code = std::string(text::trim(e.code));
  if (auto errors = validate(e); !errors.empty()) return first_error(errors);
  Transaction tx(tx_);
  if (repo_.find_by_code(e.code))
    return Error::conflict("registry.code_exists", {{"code", e.code}}).on("code");
  insert_new(e, actor, clock_.now_iso(), true);
  tx.commit();
  return e;
}

Result<Entity> RegistryService::change(std::string_view code, Entity changed, EventKind kind,
                                       Date effective_on, const std::string& actor,
                                       const std::string& note) {
  Transaction tx(tx_);
  FlowAccumulator flow_change;
  auto result =
      apply_change(code, std::move(changed), kind, effective_on, actor, note, flow_change);
  if (!result) return result;
  flows_.apply(flow_change.take());
  tx.commit();
  return result;
}

Result<Entity> RegistryService::change_in_batch(std::string_view code, Entity changed,
                                                EventKind kind, Date effective_on,
                                                const std::string& actor, const std::string& note,
                                                FlowAccumulator& batch_flows) {
  return apply_change(code, std::move(changed), kind, effective_on, actor, note, batch_flows);
}

Result<Entity> RegistryService::apply_change(std::string_view code, Entity changed, EventKind kind,
                                             Date effective_on, const std::string& actor,
                                             const std::string& note,
                                             FlowAccumulator& flow_change) {
  auto existing = repo_.find_by_code(code);
  if (!existing) return Error::not_found("registry.not_found", {{"code", std::string(code)}});
  changed.id = existing->id;
  changed.recorded_by = existing->recorded_by;
  changed.recorded_at = existing->recorded_at;
  changed.name = text::to_nfc(text::trim(changed.name));
  if (auto errors = validate(changed); !errors.empty()) return first_error(errors);
  if (changed.code != existing->code && repo_.find_by_code(changed.code))
    return Error::conflict("registry.code_exists", {{"code", changed.code}}).on("code");
  if (effective_on > clock_.today())
    return Error("field.date_in_future",
                 {{"field", "effective_on"}, {"value", effective_on.vietnamese()}});
  auto d = diff(*existing, changed);
  if (d.empty()) return Error("registry.no_change", {{"code", std::string(code)}});
  auto events = repo_.events_of(changed.id);
  // Nothing is written before this point, so an error above leaves `flow_change` untouched.
  flow_change.add(flows_of(*existing, events), -1);
  repo_.update(changed);
  Event ev;
  ev.entity_id = changed.id;
  ev.kind = kind;
  ev.effective_on = effective_on;
  ev.recorded_at = clock_.now_iso();
  ev.actor = actor;
  ev.changes = d;
  ev.note = note;
  ev.id = repo_.add_event(ev);
  events.push_back(ev);
  flow_change.add(flows_of(changed, events), +1);
  audit_.append({0, ev.recorded_at, actor, std::string("registry.") + std::string(to_code(kind)),
                 "entity", changed.code, to_json(*existing).dump(), to_json(changed).dump()});
  return changed;
}

Result<Entity> RegistryService::dissolve(std::string_view code, Date on, const std::string& actor,
                                         const std::string& note) {
  auto existing = repo_.find_by_code(code);
  if (!existing) return Error::not_found("registry.not_found", {{"code", std::string(code)}});
  if (existing->status == EntityStatus::kDissolved)
    return Error::conflict("registry.already_dissolved", {{"code", std::string(code)}});
  Entity changed = *existing;
  changed.status = EntityStatus::kDissolved;
  changed.dissolved_on = on;
  return change(code, changed, EventKind::kDissolved, on, actor, note);
}

void RegistryService::rebuild_flows() {
  Transaction tx(tx_);
  flows_.clear();
  FlowAccumulator all;
  repo_.for_each([&](const Entity& e) { all.add(flows_of(e, repo_.events_of(e.id))); });
  flows_.apply(all.take());
  audit_.append({0, clock_.now_iso(), "system", "stats.rebuild", "batch", "flows", "", ""});
  tx.commit();
}

Result<RegistryService::History> RegistryService::history(std::string_view code) {
  auto e = repo_.find_by_code(code);
  if (!e) return Error::not_found("registry.not_found", {{"code", std::string(code)}});
  History h{*e, {}};
  Event founded;
  founded.entity_id = e->id;
  founded.kind = EventKind::kFounded;
  founded.effective_on = e->founded_on;
  founded.recorded_at = e->recorded_at;
  founded.actor = e->recorded_by;
  h.events.push_back(std::move(founded));
  for (auto& ev : repo_.events_of(e->id)) h.events.push_back(std::move(ev));
  return h;
}

}  // namespace htx::registry
