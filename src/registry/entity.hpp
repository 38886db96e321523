// The registry of the collective economy: cooperatives (HTX), unions (LHHTX) and cooperative
// groups (THT), and the dated events of their lives.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace htx::registry {

enum class EntityType { kCooperative, kUnion, kGroup };
enum class EntityStatus { kActive, kSuspended, kDissolved };
enum class EventKind {
  kFounded,
  kDissolved,
  kMerged,
  kSplit,
  kReorganised,
  kReregistered,
  kCorrected,
};

std::string_view to_code(EntityType t);  // "HTX", "LHHTX", "THT"
std::optional<EntityType> entity_type_from_code(std::string_view code);
std::string_view to_code(EntityStatus s);  // "active", "suspended", "dissolved"
std::optional<EntityStatus> entity_status_from_code(std::string_view code);
std::string_view to_code(EventKind k);  // "founded", "dissolved", "merged", ...
std::optional<EventKind> event_kind_from_code(std::string_view code);

struct Entity {
  std::int64_t id = 0;
  std::string code;  // registration code (mã số đăng ký): the key
  std::string name;  // NFC
  EntityType type = EntityType::kCooperative;
  std::string sector_id;    // data/sectors.csv id
  std::string province_id;  // data/geo/provinces.csv id, as registered
  std::string address;
  Date founded_on;
  std::optional<Date> dissolved_on;
  EntityStatus status = EntityStatus::kActive;
  std::int64_t members = 0;
  std::int64_t employees = 0;
  std::int64_t charter_capital = 0;  // VND
  std::int64_t revenue = 0;          // VND, last reported year
  bool new_type = false;             // HTX kiểu mới
  std::string ocop_products;         // "; "-separated product names
  bool alliance_member = false;      // member of the provincial alliance

  // Who entered the record and when: the provenance of its founding. The founding itself is
  // the record (founded_on), not a row of events; RegistryService::history shows it as the
  // first event. Not part of to_json()/diff(): they are not the entity's data.
  std::string recorded_by;
  std::string recorded_at;

  bool operator==(const Entity&) const = default;
};

// What text search matches: name and address folded (no diacritics, lower case), so that
// "ha noi" finds "HTX Nông nghiệp Hà Nội" and entities with an address in Hà Nội.
std::string search_key(const Entity& e);

// The field values of an entity as JSON (without id), for the audit log and event changes.
nlohmann::json to_json(const Entity& e);

// Field names whose values differ, with [before, after] values: {"name": ["A", "B"], ...}.
nlohmann::json diff(const Entity& before, const Entity& after);

struct Event {
  std::int64_t id = 0;
  std::int64_t entity_id = 0;
  EventKind kind = EventKind::kFounded;
  Date effective_on;
  std::string recorded_at;  // ISO timestamp
  std::string actor;
  nlohmann::json changes = nlohmann::json::object();  // field -> [before, after]
  std::string note;
};

// Sets one field of e from its to_json() value (the inverse of to_json for that field);
// unknown fields are ignored.
void set_field(Entity& e, const std::string& field, const nlohmann::json& value);

// The entity as it stood at the end of day `on`, reconstructed from its current state by undoing
// the changes of later events; nullopt if it had not been founded yet.
std::optional<Entity> state_on(const Entity& current, const std::vector<Event>& events, Date on);

}  // namespace htx::registry
