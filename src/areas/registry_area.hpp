// The registry as the pages, the JSON API and the command line all use it: the service built
// over the request's database, the caller's scope, entities by code (not found, forbidden), the
// filtered list (the filters and the scope in the database's query) and who may do what
// (accounts::AccessPolicy). A refusal is an Error whose kind decides the status at every edge.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "areas/caller.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "geo/geography.hpp"
#include "registry/registry_service.hpp"
#include "registry/sectors.hpp"
#include "store/database.hpp"

namespace htx::areas {

// The filters of a registry list as a request gives them ("" = any).
struct RegistryFilter {
  std::string text;      // name or code, diacritics-insensitive
  std::string type;      // HTX, LHHTX, THT
  std::string province;  // a province id: its records and those of the units merged into it
  std::string status;    // active, suspended, dissolved
  std::string sort;      // name, code, founded
  std::string dir;       // asc, desc
};

class RegistryArea {
 public:
  RegistryArea(store::Database& db, const accounts::AccessPolicy& access, const geo::Geography& geo,
               const registry::Sectors& sectors, const Clock& clock, Caller caller);

  const Caller& caller() const { return caller_; }
  const ProvinceScope& scope() const { return caller_.scope; }
  std::string actor() const { return caller_.actor(); }
  registry::RegistryService& service() { return service_; }
  store::Database& db() { return db_; }

  // ---- who may do what (AccessPolicy) ----
  bool can_use() const { return access_.can_use_registry(caller_.principal); }
  // Full records (registry users but a cooperative's account); else the public directory.
  bool sees_full_records() const;
  bool can_import() const { return access_.can_import(caller_.principal); }
  // Whether the caller may enter a record in some province.
  bool can_create() const;
  bool can_create_in(std::string_view province_id) const {
    return access_.can_create_entity(caller_.principal, province_id);
  }
  bool can_edit(const registry::Entity& e) const {
    return access_.can_edit_entity(caller_.principal, e.province_id, e.code);
  }
  bool can_dissolve(const registry::Entity& e) const {
    return access_.can_dissolve_entity(caller_.principal, e.province_id);
  }
  // A cooperative's account: the code of its own record ("" for other callers).
  std::string own_entity_code() const;

  // ---- the list ----
  // The query of a filter: a bad type, province, status, sort or direction is a bad request on
  // its parameter; a province outside the caller's scope is forbidden. Full records are limited
  // to the scope; the directory is everyone's.
  Result<registry::ListQuery> query(const RegistryFilter& filter) const;
  std::int64_t count(const registry::ListQuery& q) { return db_.registry().count(q); }
  std::vector<registry::Entity> list(const registry::ListQuery& q) {
    return db_.registry().list(q);
  }

  // ---- one entity ----
  // Any entity of the code: not found ("registry.not_found") when there is none.
  Result<registry::Entity> entity(std::string_view code);
  // The entity the caller may see in full / change / dissolve: not found, or forbidden.
  Result<registry::Entity> readable(std::string_view code);
  Result<registry::Entity> editable(std::string_view code);
  Result<registry::Entity> dissolvable(std::string_view code);
  // The entity the caller may see in full, with its events (the founding first).
  Result<registry::RegistryService::History> history(std::string_view code);
  std::vector<registry::Event> events_of(const registry::Entity& e) {
    return db_.registry().events_of(e.id);
  }

  // ---- writes (the caller's name in the audit log) ----
  // Forbidden on "province_id" when the caller may not enter a record there.
  Result<registry::Entity> create(const registry::Entity& e);
  // Forbidden on "province_id" when the change moves the record outside the caller's scope.
  Result<registry::Entity> change(const registry::Entity& existing, const registry::Entity& changed,
                                  registry::EventKind kind, Date effective_on,
                                  const std::string& note);
  Result<registry::Entity> dissolve(std::string_view code, Date on, const std::string& note);

  // For an import: the refusal of a row outside the caller's scope (nullopt when every province
  // is in it).
  using RowCheck = std::function<std::optional<registry::FieldError>(const registry::Entity&)>;
  std::optional<RowCheck> import_row_check() const;

 private:
  Error out_of_scope(std::string_view province_id) const;

  store::Database& db_;
  const accounts::AccessPolicy& access_;
  const geo::Geography& geo_;
  Caller caller_;
  registry::RegistryService service_;
};

}  // namespace htx::areas
