#include "registry/change_request_service.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace htx::registry {

namespace {

bool proposable(const std::string& field) {
  const auto& f = proposable_fields();
  return std::find(f.begin(), f.end(), field) != f.end();
}

}  // namespace

Result<ChangeRequest> ChangeRequestService::propose(
    std::string_view code, const std::map<std::string, std::string>& values,
    const std::string& note, const std::string& actor) {
  auto current = entities_.find_by_code(code);
  if (!current) return Error::not_found("registry.not_found", {{"code", std::string(code)}});
  Entity changed = *current;
  for (const auto& [field, written] : values) {
    if (!proposable(field))
      return Error::invalid(field, "registry.change.not_proposable", {{"field", field}});
    const auto v = std::string(text::trim(written));
    if (v.empty()) continue;
    if (field == "address") {
      changed.address = text::to_nfc(v);
      continue;
    }
    auto n = text::parse_int(v);
    if (!n) return Error::invalid(field, "field.not_a_number", {{"value", v}});
    set_field(changed, field, *n);
  }
  if (auto errors = registry_.validate(changed); !errors.empty())
    return Error::invalid(errors.front().field, errors.front().error.key,
                          errors.front().error.params);
  auto d = diff(*current, changed);
  if (d.empty()) return Error::invalid("changes", "registry.change.nothing");

  Transaction tx(tx_);
  ChangeRequestQuery pending;
  pending.entity_code = current->code;
  pending.status = ChangeStatus::kPending;
  if (!repo_.list(pending).empty())
    return Error::conflict("registry.change.pending", {{"code", current->code}});
  ChangeRequest r;
  r.entity_code = current->code;
  r.entity_name = current->name;
  r.province_id = current->province_id;
  r.changes = std::move(d);
  r.note = std::string(text::trim(note));
  r.proposed_by = actor;
  r.proposed_at = clock_.now_iso();
  r.id = repo_.insert(r);
  audit("registry.change_proposed", ChangeRequest{}, r, actor);
  tx.commit();
  return r;
}

Result<ChangeRequest> ChangeRequestService::decidable(std::int64_t id, const std::string& actor) {
  auto r = repo_.find(id);
  if (!r) return Error::not_found("registry.change.not_found", {{"id", std::to_string(id)}});
  if (r->status != ChangeStatus::kPending)
    return Error::conflict("registry.change.decided", {{"id", std::to_string(id)}});
  if (r->proposed_by == actor)
    return Error::forbidden("registry.change.own_decision").on("decided_by");
  return std::move(*r);
}

Result<ChangeRequest> ChangeRequestService::approve(std::int64_t id, const std::string& actor,
                                                    const std::string& note) {
  Transaction tx(tx_);
  auto r = decidable(id, actor);
  if (!r) return r.error();
  auto current = entities_.find_by_code(r->entity_code);
  if (!current) return Error::not_found("registry.not_found", {{"code", r->entity_code}});
  const auto now = to_json(*current);
  Entity changed = *current;
  for (const auto& [field, before_after] : r->changes.items()) {
    if (now.value(field, nlohmann::json()) != before_after[0])
      return Error::conflict("registry.change.stale", {{"field", field}});
    set_field(changed, field, before_after[1]);
  }
  const std::string event_note =
      note.empty() ? r->note : (r->note.empty() ? note : r->note + " — " + note);
  FlowAccumulator flows;
  auto applied = registry_.change_in_batch(r->entity_code, changed, EventKind::kCorrected,
                                           clock_.today(), actor, event_note, flows);
  if (!applied) return applied.error();
  registry_.apply_flows(flows);
  const ChangeRequest before = *r;
  r->status = ChangeStatus::kApproved;
  r->decided_by = actor;
  r->decided_at = clock_.now_iso();
  r->reason = std::string(text::trim(note));
  repo_.update(*r);
  audit("registry.change_approved", before, *r, actor);
  tx.commit();
  return r;
}

Result<ChangeRequest> ChangeRequestService::reject(std::int64_t id, const std::string& actor,
                                                   const std::string& reason) {
  const auto why = std::string(text::trim(reason));
  if (why.empty()) return Error::invalid("reason", "field.required");
  Transaction tx(tx_);
  auto r = decidable(id, actor);
  if (!r) return r.error();
  const ChangeRequest before = *r;
  r->status = ChangeStatus::kRejected;
  r->decided_by = actor;
  r->decided_at = clock_.now_iso();
  r->reason = why;
  repo_.update(*r);
  audit("registry.change_rejected", before, *r, actor);
  tx.commit();
  return r;
}

void ChangeRequestService::audit(const std::string& action, const ChangeRequest& before,
                                 const ChangeRequest& after, const std::string& actor) {
  audit_.append({0, after.decided_at.empty() ? after.proposed_at : after.decided_at, actor, action,
                 "change_request", std::to_string(after.id),
                 before.id ? to_json(before).dump() : std::string(), to_json(after).dump()});
}

}  // namespace htx::registry
