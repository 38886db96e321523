#include "advisory/advisory_service.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/json_record.hpp"
#include "core/scoped_record.hpp"
#include "core/text.hpp"

namespace htx::advisory {

namespace {

Error required(const char* field) { return Error::invalid(field, "field.required"); }

// The day a case ends (closed or dropped), refused on "closed_on": none, after `today`, or before
// `earliest` (the message `before_key` with `earliest` as {earliest_name}).
std::optional<Error> end_refused(Date on, Date today, Date earliest, const char* before_key,
                                 const char* earliest_name) {
  if (on == Date{}) return required("closed_on");
  if (on > today)
    return Error::invalid("closed_on", "advisory.in_future", {{"value", on.vietnamese()}});
  if (on < earliest)
    return Error::invalid("closed_on", before_key, {{earliest_name, earliest.vietnamese()}});
  return std::nullopt;
}

nlohmann::json to_json(const Case& c) {
  return json_record("id", c.id, "unit_id", c.unit_id, "province_id", c.province_id, "group_name",
                     c.group_name, "contact", c.contact, "address", c.address, "planned_type",
                     c.planned_type, "opened_on", c.opened_on, "adviser", c.adviser, "note", c.note,
                     "status", c.status, "closed_on", c.closed_on, "entity_code", c.entity_code,
                     "entity_name", c.entity_name, "drop_reason", c.drop_reason);
}

std::string cleaned(const std::string& s) { return text::to_nfc(text::trim(s)); }

}  // namespace

std::vector<std::string> name_words(const std::string& name) {
  static const std::set<std::string> kCommon{"hop",  "tac", "xa",  "htx", "to", "lien", "hiep",
                                             "thon", "xom", "ban", "ap",  "va", "cua"};
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && !kCommon.count(word) &&
        std::find(out.begin(), out.end(), word) == out.end())
      out.push_back(word);
    word.clear();
  };
  for (char ch : text::fold(name)) {
    if (std::isalnum(static_cast<unsigned char>(ch)))
      word += ch;
    else
      flush();
  }
  flush();
  return out;
}

void AdvisoryService::record(const std::string& actor, const std::string& action,
                             const Case& before, const Case& after) {
  log(action, "advisory_case", std::to_string(after.id),
      before.id ? to_json(before).dump() : std::string(), to_json(after).dump(), actor);
}

Result<Case> AdvisoryService::open(Case c, const std::string& actor, const ProvinceScope& scope) {
  c.group_name = cleaned(c.group_name);
  c.contact = cleaned(c.contact);
  c.address = cleaned(c.address);
  c.adviser = cleaned(c.adviser);
  c.note = cleaned(c.note);
  if (c.unit_id == 0) return required("unit");
  auto unit = work_.find_unit(c.unit_id);
  if (!unit)
    return Error::invalid("unit", "advisory.unknown_unit", {{"id", std::to_string(c.unit_id)}});
  // A provincial alliance advises in its own province.
  if (!unit->province_id.empty()) {
    if (!c.province_id.empty() && c.province_id != unit->province_id)
      return Error::invalid("province", "advisory.other_unit_province", {{"unit", unit->name}});
    c.province_id = unit->province_id;
  }
  if (c.province_id.empty()) return required("province");
  if (!scope.allows(c.province_id)) return Error::forbidden("advisory.out_of_scope");
  if (c.group_name.empty()) return required("group_name");
  if (c.opened_on == Date{}) return required("opened_on");
  if (c.opened_on > clock_.today())
    return Error::invalid("opened_on", "advisory.in_future", {{"value", c.opened_on.vietnamese()}});
  c.status = CaseStatus::kOpen;
  c.closed_on = std::nullopt;
  c.entity_code.clear();
  c.entity_name.clear();
  c.drop_reason.clear();
  c.entered_by = actor;
  c.entered_at = clock_.now_iso();
  Transaction tx(tx_);
  c.id = repo_.insert(c);
  record(actor, "advisory.case.open", Case{}, c);
  tx.commit();
  return c;
}

Result<Case> AdvisoryService::open_case(std::int64_t id, const ProvinceScope& scope) {
  auto c = find(id, scope);
  if (!c) return c.error();
  if (c->status != CaseStatus::kOpen)
    return Error::conflict(c->status == CaseStatus::kClosed ? "advisory.closed_already"
                                                            : "advisory.dropped_already",
                           {{"id", std::to_string(id)}})
        .on("status");
  return c;
}

Result<Case> AdvisoryService::close(std::int64_t id, const std::string& entity_code, Date closed_on,
                                    const std::string& actor, const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto c = open_case(id, scope);
  if (!c) return c.error();
  const std::string code(text::trim(entity_code));
  if (code.empty()) return required("entity_code");
  auto e = registry_.find_by_code(code);
  if (!e) return Error::invalid("entity_code", "advisory.unknown_entity", {{"code", code}});
  if (e->province_id != c->province_id)
    return Error::invalid("entity_code", "advisory.entity_other_province",
                          {{"code", code}, {"name", e->name}});
  if (e->founded_on < c->opened_on)
    return Error::invalid("entity_code", "advisory.registered_before_opened",
                          {{"code", code},
                           {"founded_on", e->founded_on.vietnamese()},
                           {"opened_on", c->opened_on.vietnamese()}});
  if (auto other = repo_.find_by_entity(code))
    return Error::conflict("advisory.entity_taken",
                           {{"code", code}, {"id", std::to_string(other->id)}})
        .on("entity_code");
  if (auto bad = end_refused(closed_on, clock_.today(), e->founded_on,
                             "advisory.closed_before_registered", "founded_on"))
    return *bad;
  const Case before = *c;
  c->status = CaseStatus::kClosed;
  c->closed_on = closed_on;
  c->entity_code = e->code;
  c->entity_name = e->name;
  repo_.update(*c);
  record(actor, "advisory.case.close", before, *c);
  tx.commit();
  return c;
}

Result<Case> AdvisoryService::drop(std::int64_t id, const std::string& reason, Date dropped_on,
                                   const std::string& actor, const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto c = open_case(id, scope);
  if (!c) return c.error();
  const std::string why = cleaned(reason);
  if (why.empty()) return required("reason");
  if (auto bad = end_refused(dropped_on, clock_.today(), c->opened_on, "advisory.before_opened",
                             "opened_on"))
    return *bad;
  const Case before = *c;
  c->status = CaseStatus::kDropped;
  c->closed_on = dropped_on;
  c->drop_reason = why;
  repo_.update(*c);
  record(actor, "advisory.case.drop", before, *c);
  tx.commit();
  return c;
}

Result<Case> AdvisoryService::find(std::int64_t id, const ProvinceScope& scope) {
  return scoped_record(repo_.find(id), id, scope, "advisory.not_found", "advisory.out_of_scope");
}

std::vector<Case> AdvisoryService::list(CaseQuery query, const ProvinceScope& scope) {
  if (!scope.is_all()) {
    std::vector<std::string> allowed;
    if (query.province_ids) {
      for (const auto& p : *query.province_ids)
        if (scope.allows(p)) allowed.push_back(p);
    } else {
      allowed = scope.provinces();
    }
    query.province_ids = allowed;
  }
  return repo_.list(query);
}

Result<std::vector<Match>> AdvisoryService::matches(std::int64_t id, const ProvinceScope& scope) {
  auto c = find(id, scope);
  if (!c) return c.error();
  std::vector<Match> out;
  if (c->status != CaseStatus::kOpen) return out;
  const auto words = name_words(c->group_name);
  registry::ListQuery q;
  q.province_id = c->province_id;
  q.sort = registry::ListQuery::Sort::kFoundedOn;
  q.descending = true;
  q.limit = 500;
  for (auto& e : registry_.list(q)) {
    if (e.founded_on < c->opened_on) break;  // by founding date, newest first
    if (repo_.find_by_entity(e.code)) continue;
    int score = 0;
    const auto own = name_words(e.name);
    for (const auto& w : words)
      if (std::find(own.begin(), own.end(), w) != own.end()) ++score;
    if (score > 0) out.push_back({std::move(e), score});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Match& a, const Match& b) { return a.score > b.score; });
  return out;
}

}  // namespace htx::advisory
