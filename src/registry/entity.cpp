#include "registry/entity.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/enum_codes.hpp"
#include "core/json_or_null.hpp"
#include "core/text.hpp"

namespace htx::registry {

constexpr enum_codes::Codes<EntityType, 3> kTypes{{"HTX", "LHHTX", "THT"}};
constexpr enum_codes::Codes<EntityStatus, 3> kStatuses{{"active", "suspended", "dissolved"}};
constexpr enum_codes::Codes<EventKind, 7> kKinds{
    {"founded", "dissolved", "merged", "split", "reorganised", "reregistered", "corrected"}};

std::string_view to_code(EntityType t) { return kTypes.code(t, "?"); }
std::optional<EntityType> entity_type_from_code(std::string_view c) { return kTypes.from_code(c); }
std::string_view to_code(EntityStatus s) { return kStatuses.code(s, "?"); }
std::optional<EntityStatus> entity_status_from_code(std::string_view c) {
  return kStatuses.from_code(c);
}
std::string_view to_code(EventKind k) { return kKinds.code(k, "?"); }
std::optional<EventKind> event_kind_from_code(std::string_view c) { return kKinds.from_code(c); }

std::string search_key(const Entity& e) {
  std::string key = text::fold(e.name);
  if (!e.address.empty()) {
    key += " | ";
    key += text::fold(e.address);
  }
  return key;
}

// The fields that to_json writes as they are, by their JSON names (the others are enums and
// dates, written as codes and ISO dates).
constexpr std::array<std::pair<std::string_view, std::string Entity::*>, 6> kTexts{{
    {"code", &Entity::code},
    {"name", &Entity::name},
    {"sector_id", &Entity::sector_id},
    {"province_id", &Entity::province_id},
    {"address", &Entity::address},
    {"ocop_products", &Entity::ocop_products},
}};
constexpr std::array<std::pair<std::string_view, std::int64_t Entity::*>, 4> kNumbers{{
    {"members", &Entity::members},
    {"employees", &Entity::employees},
    {"charter_capital", &Entity::charter_capital},
    {"revenue", &Entity::revenue},
}};
constexpr std::array<std::pair<std::string_view, bool Entity::*>, 2> kFlags{{
    {"new_type", &Entity::new_type},
    {"alliance_member", &Entity::alliance_member},
}};

nlohmann::json to_json(const Entity& e) {
  nlohmann::json j;
  for (auto [key, field] : kTexts) j[std::string(key)] = e.*field;
  for (auto [key, field] : kNumbers) j[std::string(key)] = e.*field;
  for (auto [key, field] : kFlags) j[std::string(key)] = e.*field;
  j["type"] = to_code(e.type);
  j["founded_on"] = e.founded_on.iso();
  j["dissolved_on"] = json_or_null(e.dissolved_on);
  j["status"] = to_code(e.status);
  return j;
}

nlohmann::json diff(const Entity& before, const Entity& after) {
  auto a = to_json(before), b = to_json(after);
  nlohmann::json d = nlohmann::json::object();
  for (auto& [k, v] : b.items())
    if (a[k] != v) d[k] = nlohmann::json::array({a[k], v});
  return d;
}

void set_field(Entity& e, const std::string& k, const nlohmann::json& v) {
  auto str = [&] { return v.is_string() ? v.get<std::string>() : std::string(); };
  for (auto [key, field] : kTexts)
    if (k == key) e.*field = str();
  for (auto [key, field] : kNumbers)
    if (k == key) e.*field = v.is_number() ? v.get<std::int64_t>() : 0;
  for (auto [key, field] : kFlags)
    if (k == key) e.*field = v.is_boolean() && v.get<bool>();
  if (k == "type")
    e.type = entity_type_from_code(str()).value_or(e.type);
  else if (k == "founded_on")
    e.founded_on = Date::parse_iso(str()).value_or(e.founded_on);
  else if (k == "dissolved_on")
    e.dissolved_on = v.is_null() ? std::nullopt : Date::parse_iso(str());
  else if (k == "status")
    e.status = entity_status_from_code(str()).value_or(e.status);
}

std::optional<Entity> state_on(const Entity& current, const std::vector<Event>& events, Date on) {
  std::vector<const Event*> sorted;
  for (auto& ev : events) sorted.push_back(&ev);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) {
    return a->effective_on != b->effective_on ? a->effective_on < b->effective_on : a->id < b->id;
  });
  Entity e = current;
  for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) {
    const Event& ev = **it;
    if (ev.effective_on <= on) break;
    if (ev.kind == EventKind::kFounded) return std::nullopt;
    if (!ev.changes.is_object()) continue;
    for (auto& [k, v] : ev.changes.items())
      if (v.is_array() && v.size() == 2) set_field(e, k, v[0]);
  }
  if (e.founded_on > on) return std::nullopt;
  return e;
}

}  // namespace htx::registry
