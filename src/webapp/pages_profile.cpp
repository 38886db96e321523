// The profile page of a registry entity: the record and its history, then a section with its
// heading for each part the caller may read (membership and the meeting that admitted it, OCOP
// products, trainings completed, offers and sales, loans, awards); a section withheld is not on
// the page at all. Dates as dd/mm/yyyy, money in đồng with thousands separators. Every read goes
// through areas::ProfileArea; the handler only renders.
#include "webapp/pages_profile.hpp"

#include "api/profile_api.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

using areas::Profile;

std::string date_or_dash(const std::optional<Date>& d) { return d ? Site::date(*d) : "–"; }

std::string stars_text(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "\xE2\x98\x85";
  return s;
}

web::Response profile_page(Site& site, Page& page) {
  if (!page.signed_in()) return site.need_login(page);
  auto area = api::profile_area(site.ctx(), page.principal());
  auto found = area.profile(page.params.at("code"));
  if (!found) return site.refused(page, found.error());
  const Profile& p = *found;
  const auto& e = p.entity;
  auto money = [&](std::int64_t v) { return site.number(page, v) + " đ"; };

  json fields = json::array();
  auto row = [&](const char* key, std::string value) {
    fields.push_back({{"label", page.t(std::string("profile.page.") + key)}, {"value", value}});
  };
  row("type", page.cat.text("type." + std::string(registry::to_code(e.type))));
  row("province", site.province_name(e.province_id));
  row("sector", site.sector_name(page, e.sector_id));
  row("address", e.address);
  row("founded_on", Site::date(e.founded_on));
  if (e.dissolved_on) row("dissolved_on", Site::date(*e.dissolved_on));
  row("status", site.status_label(page, e.status));
  row("members", site.number(page, e.members));
  row("employees", site.number(page, e.employees));
  row("charter_capital", money(e.charter_capital));
  row("revenue", money(e.revenue));

  json events = json::array();
  for (const auto& ev : p.events)
    events.push_back({{"kind", page.cat.text("event." + std::string(registry::to_code(ev.kind)))},
                      {"on", Site::date(ev.effective_on)},
                      {"note", ev.note.empty() ? json(false) : json(ev.note)}});

  json view = {{"entity", {{"code", e.code}, {"name", e.name}}},
               {"record_href", "/registry/" + e.code},
               {"fields", fields},
               {"events", events}};

  if (p.membership) {
    json memberships = json::array();
    for (const auto& m : p.membership->memberships)
      memberships.push_back(
          {{"unit", m.unit_name},
           {"since", Site::date(m.membership.since)},
           {"until", m.membership.until ? json(Site::date(*m.membership.until)) : json(false)},
           {"meeting", m.meeting_title.empty() ? json(false) : json(m.meeting_title)},
           {"meeting_on", date_or_dash(m.meeting_on)},
           {"item", m.item ? json(m.item->title) : json(false)}});
    json applications = json::array();
    for (const auto& a : p.membership->applications)
      applications.push_back({{"applied_on", Site::date(a.applied_on)},
                              {"batch", a.batch.label()},
                              {"status", governance::vietnamese_name(a.status)}});
    view["membership"] = {{"memberships", memberships},
                          {"applications", applications},
                          {"empty", memberships.empty() && applications.empty()}};
  }
  if (p.ocop) {
    json rows = json::array();
    for (const auto& v : *p.ocop)
      rows.push_back({{"product", v.certificate.product},
                      {"stars", stars_text(v.certificate.stars)},
                      {"stars_n", v.certificate.stars},
                      {"decided_on", date_or_dash(v.certificate.decided_on)},
                      {"valid_until", date_or_dash(v.certificate.valid_until)},
                      {"state", page.t(v.valid ? "profile.page.valid" : "profile.page.expired")},
                      {"href", "/ocop/products/" + std::to_string(v.certificate.id)}});
    view["ocop"] = {{"rows", rows}, {"empty", rows.empty()}};
  }
  if (p.training) {
    json rows = json::array();
    for (const auto& t : *p.training)
      rows.push_back(
          {{"trainee", t.trainee},
           {"course", t.course_code},
           {"topic", t.topic},
           {"dates", Site::date(t.starts_on) + " – " + Site::date(t.ends_on)},
           {"certificate", t.certificate_code.empty() ? json(false) : json(t.certificate_code)}});
    view["training"] = {{"rows", rows}, {"empty", rows.empty()}};
  }
  if (p.market) {
    json offers = json::array();
    for (const auto& o : p.market->offers)
      offers.push_back(
          {{"product", o.product},
           {"dates", Site::date(o.available_from) + " – " + Site::date(o.available_to)},
           {"place", o.place}});
    json sales = json::array();
    for (const auto& s : p.market->sales)
      sales.push_back({{"on", Site::date(s.sale.sold_on)},
                       {"product", s.sale.product},
                       {"buyer", s.buyer_name},
                       {"value", money(s.sale.value_dong)}});
    view["market"] = {{"offers", offers},
                      {"sales", sales},
                      {"has_offers", !offers.empty()},
                      {"has_sales", !sales.empty()},
                      {"total", money(p.market->sales_value)}};
  }
  if (p.fund) {
    json rows = json::array();
    for (const auto& l : *p.fund)
      rows.push_back({{"contract", l.contract_number},
                      {"on", Site::date(l.contract_on)},
                      {"amount", money(l.approved_amount)},
                      {"purpose", l.purpose},
                      {"state", page.t("profile.page.loan_" + std::string(fund::to_code(l.state)))},
                      {"href", "/fund/loans/" + std::to_string(l.id)}});
    view["fund"] = {{"rows", rows}, {"empty", rows.empty()}};
  }
  if (p.awards) {
    json rows = json::array();
    for (const auto& a : *p.awards)
      rows.push_back({{"year", a.year},
                      {"title", governance::vietnamese_name(a.title)},
                      {"recipient", a.recipient}});
    view["awards"] = {{"rows", rows}, {"empty", rows.empty()}};
  }
  return site.render(page, "profile", e.name, std::move(view));
}

}  // namespace

void register_profile_pages(Site& site, web::Router& router) {
  site.get(router, "/registry/{code}/profile", profile_page);
}

}  // namespace htx::webapp
