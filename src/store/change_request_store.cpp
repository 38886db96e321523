// Proposed changes to registry records (registry::ChangeRequestRepository) over a declared table
// (store/record.hpp), written once for both backends.
#include "registry/change_request_repository.hpp"
#include "store/record.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using registry::ChangeRequest;
using registry::ChangeStatus;

// The proposal's [before, after] values by field, a JSON object ({} when unreadable).
struct ProposedChanges {
  static constexpr bool kJson = true;
  static nlohmann::json read(const Field& f) {
    auto j = nlohmann::json::parse(to_text(f), nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
  }
  static Param write(const nlohmann::json& j) {
    return j.is_object() ? j.dump() : std::string("{}");
  }
};

const Table<ChangeRequest> kChangeRequests{
    "entity_change_request",
    {key<&ChangeRequest::id>(), column<&ChangeRequest::entity_code>("entity_code"),
     column<&ChangeRequest::entity_name>("entity_name"),
     column<&ChangeRequest::province_id>("province_id"),
     coded<ProposedChanges, &ChangeRequest::changes>("changes"),
     column<&ChangeRequest::note>("note"),
     code<&ChangeRequest::status, registry::change_status_from_code, ChangeStatus::kPending>(
         "status"),
     column<&ChangeRequest::proposed_by>("proposed_by"),
     column<&ChangeRequest::proposed_at>("proposed_at"),
     column<&ChangeRequest::decided_by>("decided_by"),
     column<&ChangeRequest::decided_at>("decided_at"), column<&ChangeRequest::reason>("reason")}};

class ChangeRequestStore final
    : public EditableStore<registry::ChangeRequestRepository, ChangeRequest> {
 public:
  ChangeRequestStore(Runner& r, Dialect d) : EditableStore(r, d, kChangeRequests) {}

  std::vector<ChangeRequest> list(const registry::ChangeRequestQuery& q) override {
    return by_filter_.all(
        {any_or(q.entity_code), any_or(q.status), provinces_or_any(q.province_ids)});
  }

 private:
  const Query<ChangeRequest> by_filter_ = records_.select(
      "WHERE " +
      optional_filters({"entity_code = $", "status = $", in_json_list("province_id", d_)}) +
      " ORDER BY id");
};

}  // namespace

HTX_STORE_OF(registry::ChangeRequestRepository, ChangeRequestStore)

}  // namespace htx::store::sql
