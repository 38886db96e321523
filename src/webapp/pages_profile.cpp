// The profile page of a registry entity: the record and its history, then a section with its
// heading for each part the caller may read (membership and the meeting that admitted it, OCOP
// products, trainings completed, offers and sales, loans, awards); a section withheld is not on
// the page at all. Dates as dd/mm/yyyy, money in đồng with thousands separators. A cooperative's
// own account proposes a change to its record from it (/registry/{code}/profile/propose); the
// province's staff approve or reject proposals from their queue (/registry/changes). Every read
// and write goes through areas::ProfileArea; the handlers only parse and render.
#include "webapp/pages_profile.hpp"

#include "api/profile_api.hpp"
#include "registry/change_request.hpp"
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

using areas::Profile;

std::string date_or_dash(const std::optional<Date>& d) { return d ? Site::date(*d) : "–"; }

std::string profile_href(const std::string& code) { return "/registry/" + code + "/profile"; }

// A proposal's values as the page shows them: money and counts with separators.
std::string shown_value(Site& site, Page& page, const json& v) {
  if (v.is_number_integer()) return site.number(page, v.get<std::int64_t>());
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

json proposal_view(Site& site, Page& page, const registry::ChangeRequest& r) {
  json changes = json::array();
  for (const auto& [field, v] : r.changes.items())
    changes.push_back({{"field", site.field_label(page, field)},
                       {"before", shown_value(site, page, v[0])},
                       {"after", shown_value(site, page, v[1])}});
  return {{"id", r.id},
          {"entity", r.entity_name},
          {"code", r.entity_code},
          {"href", profile_href(r.entity_code)},
          {"changes", changes},
          {"note", r.note.empty() ? json(false) : json(r.note)},
          {"proposed_by", r.proposed_by},
          {"proposed_at", site.date_time(r.proposed_at)},
          {"status", page.t("profile.page.status_" + std::string(registry::to_code(r.status)))},
          {"reason", r.reason.empty() ? json(false) : json(r.reason)}};
}

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
               {"events", events},
               {"can_propose", area.can_propose(e)},
               {"propose_href", profile_href(e.code) + "/propose"},
               {"proposed", !page.query("proposed").empty()},
               {"can_decide", area.can_decide(e.province_id)}};
  if (area.can_propose(e) || area.can_decide(e.province_id)) {
    json proposals = json::array();
    if (auto rows = area.proposals_of(e.code))
      for (const auto& r : *rows) proposals.push_back(proposal_view(site, page, r));
    view["proposals"] = proposals;
    view["has_proposals"] = !proposals.empty();
  }

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

// ---- proposals ---------------------------------------------------------------------------------

web::Response propose_form(Site& site, Page& page, const registry::Entity& e, const FormState& f,
                           int status) {
  json fields = json::array();
  for (const auto& name : registry::proposable_fields()) {
    json field = form_field(page, f, name, "profile.page.f_" + name, false, "text");
    if (name != "address") field["numeric"] = true;
    fields.push_back(std::move(field));
  }
  fields.push_back(form_field(page, f, "note", "profile.page.f_note", false, "text"));
  Choices order;
  for (const auto& name : registry::proposable_fields())
    order.emplace_back(name, "profile.page.f_" + name);
  order.emplace_back("note", "profile.page.f_note");
  json view = form_view(page, f, fields, order,
                        {{"entity", {{"code", e.code}, {"name", e.name}}},
                         {"action", profile_href(e.code) + "/propose"},
                         {"back", profile_href(e.code)}});
  return site.render(page, "profile_propose", page.t("profile.page.propose"), std::move(view),
                     status);
}

web::Response propose_page(Site& site, Page& page) {
  if (!page.signed_in()) return site.need_login(page);
  auto area = api::profile_area(site.ctx(), page.principal());
  auto found = area.profile(page.params.at("code"));
  if (!found) return site.refused(page, found.error());
  const auto& e = found->entity;
  if (!area.can_propose(e)) return site.forbidden(page);
  FormState f;
  f.values = {{"address", e.address},
              {"members", std::to_string(e.members)},
              {"employees", std::to_string(e.employees)},
              {"charter_capital", std::to_string(e.charter_capital)},
              {"revenue", std::to_string(e.revenue)}};
  return propose_form(site, page, e, f, 200);
}

web::Response propose_post(Site& site, Page& page) {
  auto area = api::profile_area(site.ctx(), page.principal());
  const auto& code = page.params.at("code");
  auto found = area.profile(code);
  if (!found) return site.refused(page, found.error());
  FormState f;
  areas::Fields fields = posted_fields(page, registry::proposable_fields(), f);
  fields["note"] = f.values["note"] = text::to_nfc(text::trim(page.field("note")));
  // Unchanged values are not proposed.
  const auto now = registry::to_json(found->entity);
  for (const auto& name : registry::proposable_fields()) {
    const auto& v = now[name];
    const auto current = v.is_string() ? v.get<std::string>() : v.dump();
    if (fields[name] == current) fields[name].clear();
  }
  auto made = area.propose(code, fields);
  if (made) {
    site.data_changed();
    return Site::redirect(profile_href(code) + "?proposed=1");
  }
  Choices inputs;
  for (const auto& name : registry::proposable_fields()) inputs.emplace_back(name, "");
  inputs.emplace_back("note", "");
  if (!show_refusal(page, f, made.error(), inputs)) return site.forbidden(page);
  return propose_form(site, page, found->entity, f,
                      made.error().is(ErrorKind::kConflict) ? 409 : 422);
}

web::Response queue_page_with(Site& site, Page& page, std::int64_t failed_id,
                              const std::string& failed_message, int status) {
  if (!page.signed_in()) return site.need_login(page);
  auto area = api::profile_area(site.ctx(), page.principal());
  auto rows = area.queue();
  if (!rows) return site.refused(page, rows.error());
  json items = json::array();
  for (const auto& r : *rows) {
    json v = proposal_view(site, page, r);
    v["approve_href"] = "/registry/changes/" + std::to_string(r.id) + "/approve";
    v["reject_href"] = "/registry/changes/" + std::to_string(r.id) + "/reject";
    v["error"] = r.id == failed_id ? json(failed_message) : json(false);
    items.push_back(std::move(v));
  }
  json view = {{"csrf", page.visitor.session ? page.visitor.session->csrf_token : ""},
               {"items", items},
               {"empty", items.empty()},
               {"done", page.query("done").empty() ? json(false) : json(page.query("done"))}};
  return site.render(page, "profile_changes", page.t("profile.page.queue"), std::move(view),
                     status);
}

web::Response queue_page(Site& site, Page& page) { return queue_page_with(site, page, 0, "", 200); }

template <bool Approve>
web::Response decide_post(Site& site, Page& page) {
  auto area = api::profile_area(site.ctx(), page.principal());
  std::int64_t id = 0;
  if (auto stop = path_id(site, page, "registry.change.not_found", id)) return std::move(*stop);
  auto done = area.decide(id, Approve, {{"reason", text::to_nfc(page.field("reason"))}});
  if (done) {
    site.data_changed();
    return Site::redirect("/registry/changes?done=" + std::to_string(id));
  }
  if (done.error().is(ErrorKind::kInvalid))
    return queue_page_with(site, page, id, site.error_text(page, done.error()), 422);
  return site.refused(page, done.error());
}

}  // namespace

void register_profile_pages(Site& site, web::Router& router) {
  add_pages(
      site, router,
      {{.path = "/registry/{code}/profile", .get = profile_page},
       {.path = "/registry/{code}/profile/propose", .get = propose_page, .post = propose_post},
       {.path = "/registry/changes", .get = queue_page},
       {.path = "/registry/changes/{id}/approve", .post = decide_post<true>},
       {.path = "/registry/changes/{id}/reject", .post = decide_post<false>}});
}

}  // namespace htx::webapp
