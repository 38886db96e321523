// Advisory cases over a declared table (store/record.hpp), written once for both backends.
#include "store/record.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using namespace htx::advisory;

const Table<Case> kCases{
    "advisory_case",
    {key<&Case::id>(), column<&Case::unit_id>("unit_id"), column<&Case::province_id>("province_id"),
     column<&Case::group_name>("group_name"), column<&Case::contact>("contact"),
     column<&Case::address>("address"),
     code<&Case::planned_type, registry::entity_type_from_code, registry::EntityType::kCooperative>(
         "planned_type"),
     column<&Case::opened_on>("opened_on"), column<&Case::adviser>("adviser"),
     column<&Case::note>("note"),
     code<&Case::status, case_status_from_code, CaseStatus::kOpen>("status"),
     column<&Case::closed_on>("closed_on"), column<&Case::entity_code>("entity_code"),
     column<&Case::entity_name>("entity_name"), column<&Case::drop_reason>("drop_reason"),
     column<&Case::entered_by>("entered_by"), column<&Case::entered_at>("entered_at")}};

class AdvisoryStore final : public EditableStore<AdvisoryRepository, Case> {
 public:
  AdvisoryStore(Runner& r, Dialect d) : EditableStore(r, d, kCases) {}

  std::optional<Case> find_by_entity(const std::string& entity_code) override {
    if (entity_code.empty()) return std::nullopt;
    return by_entity_.first({p(entity_code)});
  }
  std::vector<Case> list(const CaseQuery& q) override {
    Param from = q.opened_year ? p(*Date::from_ymd(*q.opened_year, 1, 1)) : Param(std::nullopt);
    Param to = q.opened_year ? p(*Date::from_ymd(*q.opened_year, 12, 31)) : Param(std::nullopt);
    Param closed_from = q.closed_from ? p(*q.closed_from) : Param(std::nullopt);
    Param closed_to = q.closed_to ? p(*q.closed_to) : Param(std::nullopt);
    return by_filter_.all({any_or(q.unit_id), provinces_or_any(q.province_ids), any_or(q.status),
                           from, to, closed_from, closed_to});
  }

 private:
  const Query<Case> by_entity_ = records_.select("WHERE entity_code = $1 ORDER BY id");
  const Query<Case> by_filter_ = records_.select(
      "WHERE " +
      optional_filters({"unit_id = CAST($ AS BIGINT)", in_json_list("province_id", d_),
                        "status = $", "opened_on >= $::date", "opened_on <= $::date",
                        "closed_on >= $::date", "closed_on <= $::date"}) +
      " ORDER BY opened_on, id");
};

}  // namespace

HTX_STORE_OF(advisory::AdvisoryRepository, AdvisoryStore)

}  // namespace htx::store::sql
