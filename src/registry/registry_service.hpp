// The registry's rules: what a valid entity is, and how it is created, changed and dissolved,
// each change an event with an effective date and an audit entry with the values before/after.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/transaction.hpp"
#include "geo/geography.hpp"
#include "registry/entity.hpp"
#include "registry/flows.hpp"
#include "registry/registry_repository.hpp"
#include "registry/sectors.hpp"

namespace htx::registry {

// A problem with one field: field is the Entity member name ("founded_on"); error.key is a
// message catalogue key.
struct FieldError {
  std::string field;
  Error error;
};

enum class AddOutcome { kCreated, kUnchanged, kConflict };

class RegistryService {
 public:
  RegistryService(RegistryRepository& repo, audit::AuditLog& audit, FlowRepository& flows,
                  TransactionManager& tx, const geo::Geography& geo, const Sectors& sectors,
                  const Clock& clock)
      : repo_(repo),
        audit_(audit),
        flows_(flows),
        tx_(tx),
        geo_(geo),
        sectors_(sectors),
        clock_(clock) {}

  // Checks that need no database: required fields, dates, counts, province, sector, status.
  std::vector<FieldError> validate(const Entity& e) const;

  // Validates and stores a new entity with its founding (and dissolution) events.
  Result<Entity> create(Entity e, const std::string& actor);

  // Replaces the fields of the entity with this code, as an event of the given kind.
  Result<Entity> change(std::string_view code, Entity changed, EventKind kind, Date effective_on,
                        const std::string& actor, const std::string& note);

  // The same change inside the caller's transaction (a bulk job such as the demo): the event
  // and its audit entry are written, and the change of the entity's statistical flows (its
  // flows after minus before) is added to `batch_flows`, which the caller applies with
  // apply_flows() before committing.
  Result<Entity> change_in_batch(std::string_view code, Entity changed, EventKind kind,
                                 Date effective_on, const std::string& actor,
                                 const std::string& note, FlowAccumulator& batch_flows);

  Result<Entity> dissolve(std::string_view code, Date on, const std::string& actor,
                          const std::string& note);

  // For bulk import inside the caller's transaction: a new code is created (kCreated); a code
  // stored with the same fields is left alone (kUnchanged); a code stored with other fields is
  // kConflict and `differing` names those fields. `e` must have passed validate().
  // Each new entity gets its events (with actor and time) but no audit entry of its own: the
  // caller records the batch with record_batch(), in the same transaction. Its statistical
  // flows are added to `batch_flows`, which the caller applies with apply_flows() before
  // committing (one upsert per aggregate instead of one per row).
  // `search_key`, if given, is registry::search_key(e) computed by the caller.
  AddOutcome add_or_match(Entity& e, const std::string& actor, const std::string& now,
                          FlowAccumulator& batch_flows,
                          std::vector<std::string>* differing = nullptr,
                          const std::string* search_key = nullptr);
  void apply_flows(FlowAccumulator& batch_flows) { flows_.apply(batch_flows.take()); }

  // Recomputes every statistical flow from the records (after a restore, or to check them).
  void rebuild_flows();

  // One audit entry for a bulk change (an import, the demo): `summary` says what and how many.
  void record_batch(const std::string& action, const std::string& source,
                    const nlohmann::json& summary, const std::string& actor,
                    const std::string& now);

  struct History {
    Entity entity;
    std::vector<Event> events;  // the founding first, then the stored events by effective date
  };
  Result<History> history(std::string_view code);

 private:
  void insert_new(Entity& e, const std::string& actor, const std::string& now, bool audit_each);
  // The events a new record carries besides its founding (a dissolution already on file).
  std::vector<Event> add_founding_events(const Entity& e, const std::string& actor,
                                         const std::string& now);
  // What change() and change_in_batch() share: checks, update, event, audit entry; the flow
  // difference goes to `flow_change`. The caller owns the transaction.
  Result<Entity> apply_change(std::string_view code, Entity changed, EventKind kind,
                              Date effective_on, const std::string& actor, const std::string& note,
                              FlowAccumulator& flow_change);

  RegistryRepository& repo_;
  audit::AuditLog& audit_;
  FlowRepository& flows_;
  TransactionManager& tx_;
  const geo::Geography& geo_;
  const Sectors& sectors_;
  const Clock& clock_;
};

}  // namespace htx::registry
