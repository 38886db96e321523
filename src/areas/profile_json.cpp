#include "areas/profile_json.hpp"

#include "core/json_record.hpp"

namespace htx::areas {

namespace {

using nlohmann::json;

json event_json(const registry::Event& e) {
  return json_record("kind", e.kind, "effective_on", e.effective_on, "recorded_at", e.recorded_at,
                     "actor", e.actor, "changes", e.changes, "note", e.note);
}

json membership_json(const ProfileMembership& m) {
  json j = governance::to_json(m.membership);
  j["unit_code"] = m.unit_code;
  j["unit_name"] = m.unit_name;
  j["application"] = m.application ? governance::to_json(*m.application) : json(nullptr);
  j["item"] = m.item ? json_record("id", m.item->id, "meeting_id", m.item->meeting_id, "title",
                                   m.item->title, "outcome", m.item->outcome)
                     : json(nullptr);
  j["meeting"] = m.meeting_on ? json_record("title", m.meeting_title, "held_on", *m.meeting_on)
                              : json(nullptr);
  return j;
}

json certificate_json(const ocop::CertificateView& v) {
  const auto& c = v.certificate;
  return json_record("id", c.id, "product", c.product, "group", c.group, "subgroup", c.subgroup,
                     "stars", c.stars, "level", c.level, "decision_number", c.decision_number,
                     "decided_on", c.decided_on, "valid_until", c.valid_until, "valid", v.valid);
}

json training_json(const ProfileTraining& t) {
  return json_record("trainee", t.trainee, "course", t.course_code, "topic", t.topic, "kind",
                     t.kind, "starts_on", t.starts_on, "ends_on", t.ends_on, "certificate_code",
                     t.certificate_code, "certified_on", t.certified_on);
}

json offer_json(const market::Offer& o) {
  return json_record("id", o.id, "product", o.product, "quantity", o.quantity.amount, "unit",
                     o.unit, "available_from", o.available_from, "available_to", o.available_to,
                     "status", o.status, "committed", o.committed);
}

json sale_json(const market::SaleRow& s) {
  return json_record("id", s.sale.id, "offer_id", s.sale.offer_id, "product", s.sale.product,
                     "quantity", s.sale.quantity, "value", s.sale.value_dong, "sold_on",
                     s.sale.sold_on, "buyer", s.buyer_name, "outlet", s.outlet.name);
}

json loan_json(const fund::Loan& l) {
  return json_record("id", l.id, "contract_number", l.contract_number, "contract_on", l.contract_on,
                     "approved_amount", l.approved_amount, "purpose", l.purpose, "state", l.state);
}

template <typename T, typename F>
json array_of(const std::vector<T>& rows, F f) {
  json out = json::array();
  for (const auto& r : rows) out.push_back(f(r));
  return out;
}

}  // namespace

json to_json(const Profile& p) {
  json entity = registry::to_json(p.entity);
  entity["code"] = p.entity.code;
  json j = {{"entity", std::move(entity)}, {"events", array_of(p.events, event_json)}};
  if (p.membership)
    j["membership"] = {{"memberships", array_of(p.membership->memberships, membership_json)},
                       {"applications", array_of(p.membership->applications, [](const auto& a) {
                          return governance::to_json(a);
                        })}};
  if (p.ocop) j["ocop"] = array_of(*p.ocop, certificate_json);
  if (p.training) j["training"] = array_of(*p.training, training_json);
  if (p.market)
    j["market"] = {{"offers", array_of(p.market->offers, offer_json)},
                   {"sales", array_of(p.market->sales, sale_json)},
                   {"sales_value", p.market->sales_value}};
  if (p.fund) j["fund"] = array_of(*p.fund, loan_json);
  if (p.awards)
    j["awards"] = array_of(*p.awards, [](const auto& a) { return governance::to_json(a); });
  return j;
}

}  // namespace htx::areas
