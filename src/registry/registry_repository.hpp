// Storage of the registry, implemented by each backend under src/store/.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/entity.hpp"

namespace htx::registry {

struct ListQuery {
  std::string text;  // matched, diacritics-insensitive, against name and code ("ha noi")
  std::optional<EntityType> type;
  std::optional<std::string> province_id;
  std::optional<EntityStatus> status;
  // Restricts to these province ids (a user's scope, accounts::AccessPolicy::province_scope);
  // an empty vector matches nothing. Combines with province_id (both must hold).
  std::optional<std::vector<std::string>> province_in;
  // kName: by name in Vietnamese collation, then code; kCode: by code; kFoundedOn: by founding
  // date, then code. `descending` reverses the main key; ties are always by code ascending.
  enum class Sort { kName, kCode, kFoundedOn };
  Sort sort = Sort::kName;
  bool descending = false;
  int limit = 50;
  int offset = 0;
};

class RegistryRepository {
 public:
  virtual ~RegistryRepository() = default;

  virtual std::optional<Entity> find_by_code(std::string_view code) = 0;
  virtual std::optional<Entity> find_by_id(std::int64_t id) = 0;
  // Inserts a new entity (its code must be new) and returns its id.
  virtual std::int64_t insert(const Entity& entity) = 0;
  // Inserts the entity unless its code is stored already: its id, or nothing if the code exists
  // (then nothing is written). One index probe instead of a look-up and an insert.
  // `key` is registry::search_key(entity), computed by the caller (a bulk import computes it on
  // its parsing thread, off the writing one).
  virtual std::optional<std::int64_t> insert_if_new(const Entity& entity,
                                                    const std::string& key) = 0;
  // Overwrites the stored fields of entity.id.
  virtual void update(const Entity& entity) = 0;
  // Entities matching the query, in the query's order (by default by name in Vietnamese
  // collation, then code).
  virtual std::vector<Entity> list(const ListQuery& query) = 0;
  virtual std::int64_t count(const ListQuery& query) = 0;
  // Every entity in registration-code order (exports stream through this).
  virtual void for_each(const std::function<void(const Entity&)>& fn) = 0;

  // Entities with something on record between two days (inclusive): founded or dissolved then,
  // or with an event effective then. Statistics of partial months are computed from these.
  virtual std::vector<Entity> active_between(Date from, Date to) = 0;

  virtual std::int64_t add_event(const Event& event) = 0;
  // Events of an entity by effective date, then id.
  virtual std::vector<Event> events_of(std::int64_t entity_id) = 0;
};

}  // namespace htx::registry
