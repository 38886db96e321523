// Governance pages: meetings (list with filters, new, detail with agenda items, votes, minutes,
// the documents adopted and the tasks created; add an item, close it with its votes, decide the
// admissions of an admission item), admissions by batch with the membership they produced,
// awards by year with their counts, and bodies with their terms and members. Reads and writes go
// through governance::GovernanceService with the principal's province scope: a provincial user
// reaches only their province's alliance (403 for the others); who may read or write is
// api::can_read_work / can_write_work (the national leader reads only).
#include <algorithm>
#include <set>

#include "api/work_support.hpp"
#include "areas/governance_area.hpp"
#include "governance/governance_service.hpp"
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

using governance::AgendaItem;
using governance::Application;
using governance::ApplicationStatus;
using governance::BodyKind;
using governance::ItemKind;
using governance::MeetingDetail;
using governance::MeetingSummary;
using governance::Outcome;
using work::Unit;

constexpr BodyKind kBodyKinds[] = {BodyKind::kCongress, BodyKind::kExecutive, BodyKind::kStanding,
                                   BodyKind::kLeadership, BodyKind::kInspection};
constexpr ItemKind kItemKinds[] = {ItemKind::kReportApproval, ItemKind::kDraft,
                                   ItemKind::kAdmission, ItemKind::kElectionApproval,
                                   ItemKind::kOther};
constexpr Outcome kClosingOutcomes[] = {Outcome::kApproved, Outcome::kRejected, Outcome::kDeferred};
constexpr governance::AwardTitle kAwardTitles[] = {
    governance::AwardTitle::kCertificateOfMerit,
    governance::AwardTitle::kExcellentLabourCollective,
    governance::AwardTitle::kAdvancedLabourCollective,
    governance::AwardTitle::kEmulationFlag,
    governance::AwardTitle::kGrassrootsEmulationFighter,
    governance::AwardTitle::kAdvancedLabourer};
constexpr int kMaxCount = 100000;

std::string meeting_href(std::int64_t id) { return "/governance/meetings/" + std::to_string(id); }
std::string admissions_href(const std::string& batch, const std::string& unit) {
  return "/governance/admissions" + query_string({{"batch", batch}, {"unit", unit}});
}

// The governance of the organisations the principal reaches (areas::GovernanceArea), with the
// labels and choices the pages show.
class GovPages : public AreaPages<areas::GovernanceArea> {
 public:
  GovPages(Site& site, Page& page)
      : AreaPages(site, page, area_for<areas::GovernanceArea>(site, page)) {}

  std::string actor() const { return p_.username(); }

  const Unit* unit(std::int64_t id) const { return area_.unit(id); }
  bool reaches(std::int64_t unit_id) const { return area_.reaches(unit_id); }
  std::vector<const Unit*> organisations(bool provincial_only = false) const {
    return area_.organisations(provincial_only);
  }
  Choices unit_choices(const std::string& first_label, bool by_code, bool provincial_only) const {
    Choices out{{"", first_label}};
    for (auto* u : organisations(provincial_only))
      out.emplace_back(by_code ? u->code : std::to_string(u->id), u->name);
    return out;
  }

  std::string body_label(BodyKind k) const { return code_label(p_, "governance.body.", k); }
  std::string mode_label(governance::MeetingMode m) const {
    return code_label(p_, "governance.mode.", m);
  }
  std::string outcome_label(Outcome o) const { return code_label(p_, "governance.outcome.", o); }
  std::string item_kind_label(ItemKind k) const {
    return code_label(p_, "governance.item_kind.", k);
  }
  std::string status_label(ApplicationStatus st) const {
    return code_label(p_, "governance.application.", st);
  }
  std::string title_label(governance::AwardTitle t) const {
    return code_label(p_, "governance.title.", t);
  }
  std::string recipient_label(governance::RecipientKind k) const {
    return code_label(p_, "governance.recipient.", k);
  }

  // "Ban Thường vụ – Liên minh HTX tỉnh Bắc Giang" for each body of the organisations in scope.
  Choices body_choices() {
    Choices out{{"", p_.t("form.choose")}};
    for (auto* u : organisations())
      for (auto& b : service().bodies(u->id))
        out.emplace_back(std::to_string(b.id), body_label(b.kind) + " – " + u->name);
    return out;
  }
  Choices term_choices() {
    Choices out{{"", p_.t("form.choose")}};
    for (auto* u : organisations())
      for (auto& t : service().terms(u->id))
        out.emplace_back(std::to_string(t.id), t.label() + " – " + u->name);
    return out;
  }
};

// A required id field (a select's value).
void id_field(const Page& page, FormState& f, const char* name, std::int64_t& out) {
  if (auto id = required_field(page, f, name, positive_id, "site.governance.bad_id")) out = *id;
}

// A required positive number (a meeting's number, its attendees).
void number_field(const Page& page, FormState& f, const char* name, const char* bad_key, int& out) {
  if (auto n = required_field(page, f, name, positive_at_most(kMaxCount),
                              std::string("site.") + bad_key))
    out = static_cast<int>(*n);
}

// A vote count ("" is 0).
std::optional<int> count_field(const Page& page, FormState& f, const std::string& name,
                               const std::string& error_field) {
  std::string v(text::trim(page.field(name)));
  f.values[name] = v;
  if (v.empty()) return 0;
  auto n = text::parse_int(v);
  if (!n || *n < 0 || *n > kMaxCount) {
    f.add(error_field, page.t("governance.bad_count", {{"value", v}}));
    return std::nullopt;
  }
  return static_cast<int>(*n);
}

std::optional<governance::Votes> votes_field(const Page& page, FormState& f) {
  auto in_favour = count_field(page, f, "in_favour", "votes");
  auto against = count_field(page, f, "against", "votes");
  auto abstain = count_field(page, f, "abstain", "votes");
  if (!in_favour || !against || !abstain) return std::nullopt;
  return governance::Votes{*in_favour, *against, *abstain};
}

// The service names the organisation, body and term; the forms' selects carry their ids.
const FieldNames kFormNames = {{"body", "body_id"}, {"term", "term_id"}, {"unit", "unit_id"}};

json votes_view(const governance::Votes& v) {
  return {{"in_favour", v.in_favour}, {"against", v.against}, {"abstain", v.abstain}};
}

// ---- GET /governance ----

web::Response governance_home(Site& site, Page& page) {
  return Site::redirect("/governance/meetings");
}

// ---- GET /governance/meetings ----

web::Response governance_meetings(Site& site, Page& page) {
  GovPages gp(site, page);
  std::string unit = page.query("unit"), body = page.query("body"), year_text = page.query("year");
  auto meetings = gp.area().meetings({unit, body, year_text});
  if (!meetings) return site.refused(page, meetings.error());
  json rows = json::array();
  for (auto it = meetings->begin(); it != meetings->end(); ++it) {
    const MeetingSummary& m = *it;
    // The items only (not the whole detail, which reads every document and task).
    auto items = gp.area().items_of(m.meeting.id);
    int open = 0, total = static_cast<int>(items.size());
    for (auto& i : items) open += i.outcome == Outcome::kOpen ? 1 : 0;
    std::string status =
        total == 0  ? page.t("governance.no_items")
        : open == 0 ? page.t("governance.all_closed", {{"count", site.number(page, total)}})
                    : page.t("governance.open_items", {{"open", site.number(page, open)},
                                                       {"count", site.number(page, total)}});
    rows.push_back({{"id", m.meeting.id},
                    {"href", meeting_href(m.meeting.id)},
                    {"title", m.title},
                    {"unit", m.unit.name},
                    {"held_on", Site::date(m.meeting.held_on)},
                    {"mode", gp.mode_label(m.meeting.mode)},
                    {"chair", m.meeting.chair.empty() ? "—" : m.meeting.chair},
                    {"status", status},
                    {"open", open > 0}});
  }
  Choices bodies{{"", page.t("governance.all_bodies")}};
  for (auto k : kBodyKinds)
    bodies.emplace_back(std::string(governance::to_code(k)), gp.body_label(k));
  json view = {
      {"units", options(gp.unit_choices(page.t("governance.all_units"), true, false), unit)},
      {"bodies", options(bodies, body)},
      {"year", year_text},
      {"can_create", gp.can_write()},
      {"rows", rows},
      {"caption", count_caption(site, page, static_cast<std::int64_t>(rows.size()),
                                "governance.no_meetings", "governance.meetings_found")}};
  return site.render(page, "governance_meetings", page.t("governance.meetings_title"),
                     std::move(view));
}

// ---- new meeting ----

const Choices kMeetingOrder = {{"body_id", "governance.f.body"},
                               {"term_id", "governance.f.term"},
                               {"number", "governance.f.number"},
                               {"held_on", "governance.f.held_on"},
                               {"mode", "governance.f.mode"},
                               {"chair", "governance.f.chair"},
                               {"attendee_count", "governance.f.attendee_count"},
                               {"attendees", "governance.f.attendees"}};

web::Response meeting_form(Site& site, Page& page, GovPages& gp, const FormState& f, int status) {
  Choices modes;
  for (auto m : {governance::MeetingMode::kInPerson, governance::MeetingMode::kOnline})
    modes.emplace_back(std::string(governance::to_code(m)), gp.mode_label(m));
  json fields = json::array();
  fields.push_back(form_field(page, f, "body_id", "governance.f.body", true, "select",
                              options(gp.body_choices(), f.value("body_id"))));
  fields.push_back(form_field(page, f, "term_id", "governance.f.term", true, "select",
                              options(gp.term_choices(), f.value("term_id"))));
  fields.push_back(form_field(page, f, "number", "governance.f.number", true, "number"));
  fields.push_back(form_field(page, f, "held_on", "governance.f.held_on", true, "date"));
  fields.push_back(form_field(page, f, "mode", "governance.f.mode", true, "select",
                              options(modes, f.value("mode"))));
  fields.push_back(form_field(page, f, "chair", "governance.f.chair", false, "text"));
  fields.push_back(
      form_field(page, f, "attendee_count", "governance.f.attendee_count", true, "number"));
  fields.push_back(form_field(page, f, "attendees", "governance.f.attendees", false, "text"));
  json view = form_view(page, f, fields, kMeetingOrder);
  return site.render(page, "governance_meeting_new", page.t("governance.new_meeting_title"),
                     std::move(view), status);
}

web::Response governance_meeting_new(Site& site, Page& page) {
  GovPages gp(site, page);
  FormState f;
  f.values["held_on"] = site.today().vietnamese();
  f.values["mode"] = "in_person";
  // The body asked for, else the first standing committee in scope; its organisation's latest
  // term; the next number of the body in that term.
  std::optional<governance::Body> body;
  if (auto id = positive_id(page.query("body"))) {
    for (auto* u : gp.organisations())
      for (auto& b : gp.service().bodies(u->id))
        if (b.id == *id) body = b;
  }
  for (auto* u : gp.organisations()) {
    if (body) break;
    for (auto& b : gp.service().bodies(u->id))
      if (b.kind == BodyKind::kStanding) {
        body = b;
        break;
      }
  }
  if (body) {
    f.values["body_id"] = std::to_string(body->id);
    auto terms = gp.service().terms(body->unit_id);
    if (!terms.empty()) {
      const auto& term = terms.back();
      f.values["term_id"] = std::to_string(term.id);
      int next = 1;
      governance::MeetingQuery q;
      q.body_id = body->id;
      for (auto& m : gp.service().meetings(q))
        if (m.meeting.term_id == term.id) next = std::max(next, m.meeting.number + 1);
      f.values["number"] = std::to_string(next);
    }
  }
  return meeting_form(site, page, gp, f, 200);
}

web::Response governance_meeting_create(Site& site, Page& page) {
  GovPages gp(site, page);
  FormState f;
  governance::Meeting m;
  id_field(page, f, "body_id", m.body_id);
  id_field(page, f, "term_id", m.term_id);
  number_field(page, f, "number", "governance.bad_number", m.number);
  if (auto on = date_field(page, f, "held_on")) m.held_on = *on;
  if (auto md = required_field(page, f, "mode", governance::meeting_mode_from_code, ""))
    m.mode = *md;
  m.chair = text_field(page, f, "chair", false);
  number_field(page, f, "attendee_count", "governance.bad_count", m.attendee_count);
  std::string names = text_field(page, f, "attendees", false);
  for (std::size_t at = 0; at <= names.size();) {
    auto comma = names.find(',', at);
    if (comma == std::string::npos) comma = names.size();
    std::string name(text::trim(std::string_view(names).substr(at, comma - at)));
    if (!name.empty()) m.attendees.push_back(name);
    at = comma + 1;
  }
  if (f.ok()) {
    auto added = gp.service().add_meeting(m, {}, gp.actor(), gp.scope());
    if (added) {
      site.data_changed();
      return Site::redirect(meeting_href(added->summary.meeting.id));
    }
    if (!show_refusal(page, f, added.error(), kMeetingOrder, kFormNames))
      return site.forbidden(page);
  }
  return meeting_form(site, page, gp, f, 422);
}

// ---- GET /governance/meetings/{id} and its forms ----

// The forms of a meeting's page, with what was typed into the one that failed.
struct MeetingForms {
  FormState item, minutes, close, decide;
  std::int64_t close_item = 0, decide_item = 0;
  std::string alert;  // a refusal about an item whose form is gone (closed meanwhile)
};

const Choices kItemOrder = {{"kind", "governance.f.item_kind"},
                            {"title", "governance.f.item_title"},
                            {"document_id", "governance.f.document"}};

json close_form(Page& page, GovPages& gp, const AgendaItem& item, const MeetingForms& forms) {
  const bool failed = forms.close_item == item.id;
  const FormState empty;
  const FormState& f = failed ? forms.close : empty;
  Choices outcomes;
  for (auto o : kClosingOutcomes)
    outcomes.emplace_back(std::string(governance::to_code(o)), gp.outcome_label(o));
  std::string prefix = "close-" + std::to_string(item.id);
  return {
      {"prefix", prefix},
      {"outcomes", options(outcomes, f.value("outcome").empty() ? "approved" : f.value("outcome"))},
      {"outcome_error", f.error("outcome")},
      {"in_favour", f.value("in_favour")},
      {"against", f.value("against")},
      {"abstain", f.value("abstain")},
      {"votes_error", f.error("votes")},
      {"note", f.value("note")},
      {"note_error", f.error("note")},
      {"general", f.general.empty() ? json(false) : json(f.general.front())}};
}

json decide_form(Page& page, GovPages& gp, const MeetingSummary& m, const AgendaItem& item,
                 const MeetingForms& forms) {
  const bool failed = forms.decide_item == item.id;
  const FormState empty;
  const FormState& f = failed ? forms.decide : empty;
  governance::ApplicationQuery q;
  q.unit_id = m.unit.id;
  json apps = json::array();
  for (auto& a : gp.service().applications(q)) {
    if (!governance::is_pending(a.status)) continue;
    std::string name = "app_" + std::to_string(a.id);
    std::string chosen = f.value(name);
    Choices choices{{"", page.t("governance.decide_none")},
                    {"admit", page.t("governance.decide_admit")},
                    {"reject", page.t("governance.decide_reject")}};
    apps.push_back({{"name", name},
                    {"id", "decide-" + std::to_string(item.id) + "-" + std::to_string(a.id)},
                    {"label", a.entity_name + " (" + a.entity_code + ") – " +
                                  page.t("governance.batch_label", {{"batch", a.batch.label()}})},
                    {"choices", options(choices, chosen)}});
  }
  return {{"prefix", "decide-" + std::to_string(item.id)},
          {"applications", apps},
          {"has_applications", !apps.empty()},
          {"in_favour", f.value("in_favour")},
          {"against", f.value("against")},
          {"abstain", f.value("abstain")},
          {"votes_error", f.error("votes")},
          {"note", f.value("note")},
          {"general", f.general.empty() ? json(false) : json(f.general.front())}};
}

web::Response meeting_page(Site& site, Page& page, GovPages& gp, const MeetingDetail& d,
                           MeetingForms forms, int status) {
  const auto& m = d.summary;
  const bool writable = gp.can_write() && gp.reaches(m.unit.id);
  json fields = json::array();
  auto row = [&](const char* key, std::string value) {
    fields.push_back({{"label", page.t(key)}, {"value", std::move(value)}});
  };
  row("governance.f.unit", m.unit.name);
  row("governance.f.body", gp.body_label(m.body.kind));
  row("governance.f.term", m.term.label());
  row("governance.f.held_on", Site::date(m.meeting.held_on));
  row("governance.f.mode", gp.mode_label(m.meeting.mode));
  row("governance.f.chair", m.meeting.chair.empty() ? "—" : m.meeting.chair);
  row("governance.f.attendee_count", site.number(page, m.meeting.attendee_count));
  std::string names;
  for (auto& a : m.meeting.attendees) names += (names.empty() ? "" : ", ") + a;
  row("governance.f.attendees", names.empty() ? "—" : names);
  row("governance.recorded",
      page.t("governance.recorded_by",
             {{"actor", m.meeting.recorded_by}, {"at", site.date_time(m.meeting.recorded_at)}}));

  std::set<std::int64_t> item_ids;
  json items = json::array();
  for (auto& i : d.items) {
    item_ids.insert(i.id);
    const bool open = i.outcome == Outcome::kOpen;
    json doc = false;
    if (i.document_id)
      if (auto found = gp.area().document(*i.document_id)) doc = found->number_symbol();
    items.push_back({{"id", i.id},
                     {"position", i.position},
                     {"kind", gp.item_kind_label(i.kind)},
                     {"title", i.title},
                     {"document", doc},
                     {"outcome", gp.outcome_label(i.outcome)},
                     {"open", open},
                     {"votes", open ? json(false) : votes_view(i.votes)},
                     {"note", i.note.empty() ? json(false) : json(i.note)},
                     {"action", meeting_href(m.meeting.id) + "/items/" + std::to_string(i.id)},
                     {"close", writable && open && i.kind != ItemKind::kAdmission
                                   ? close_form(page, gp, i, forms)
                                   : json(false)},
                     {"decide", writable && open && i.kind == ItemKind::kAdmission
                                    ? decide_form(page, gp, m, i, forms)
                                    : json(false)}});
  }

  // The applications decided at this meeting.
  governance::ApplicationQuery aq;
  aq.unit_id = m.unit.id;
  json admitted = json::array(), rejected = json::array();
  std::set<std::string> batches;
  for (auto& a : gp.service().applications(aq)) {
    if (!a.decision_item_id || !item_ids.count(*a.decision_item_id)) continue;
    json r = {{"code", a.entity_code}, {"name", a.entity_name}, {"batch", a.batch.label()}};
    if (a.status == ApplicationStatus::kAdmitted) {
      admitted.push_back(r);
      batches.insert(a.batch.label());
    } else {
      rejected.push_back(r);
    }
  }
  std::string batch_text;
  for (auto& b : batches) batch_text += (batch_text.empty() ? "" : ", ") + b;
  json admissions = false;
  if (!admitted.empty() || !rejected.empty())
    admissions = {
        {"summary",
         page.t("governance.admitted_summary",
                {{"count", site.number(page, static_cast<std::int64_t>(admitted.size()))},
                 {"batch", batch_text}})},
        {"admitted", admitted},
        {"rejected", rejected},
        {"has_rejected", !rejected.empty()},
        {"href", admissions_href(batches.size() == 1 ? *batches.begin() : "", m.unit.code)}};

  json docs = json::array();
  for (auto& doc : d.documents)
    docs.push_back({{"number_symbol", doc.number_symbol()},
                    {"title", doc.title},
                    {"issued_on", Site::date(doc.issued_on)},
                    {"kind", code_label(page, "work.kind.", doc.kind)},
                    {"status", code_label(page, "work.draft.", doc.status)}});
  json tasks = json::array();
  for (auto& t : d.tasks)
    tasks.push_back({{"href", "/work/tasks/" + std::to_string(t.id)},
                     {"title", t.title},
                     {"due_on", Site::date(t.due_on)},
                     {"status", code_label(page, "work.status.", t.status)}});

  Choices kinds{{"", page.t("form.choose")}};
  for (auto k : kItemKinds)
    kinds.emplace_back(std::string(governance::to_code(k)), gp.item_kind_label(k));
  Choices documents{{"", page.t("governance.no_document")}};
  auto all_docs = gp.area().documents();
  for (auto it = all_docs.rbegin(); it != all_docs.rend(); ++it)
    if (it->issuer_unit_id == m.unit.id)
      documents.emplace_back(std::to_string(it->id), it->number_symbol() + " – " + it->title);
  json item_fields = json::array();
  item_fields.push_back(form_field(page, forms.item, "kind", "governance.f.item_kind", true,
                                   "select", options(kinds, forms.item.value("kind"))));
  item_fields.push_back(
      form_field(page, forms.item, "title", "governance.f.item_title", true, "text"));
  item_fields.push_back(form_field(page, forms.item, "document_id", "governance.f.document", false,
                                   "select", options(documents, forms.item.value("document_id"))));
  if (forms.minutes.values.find("minutes") == forms.minutes.values.end())
    forms.minutes.values["minutes"] = m.meeting.minutes;

  json view = {
      {"meeting", {{"id", m.meeting.id}, {"title", m.title}, {"unit", m.unit.name}}},
      {"alert", forms.alert.empty() ? json(false) : json(forms.alert)},
      {"fields", fields},
      {"items", items},
      {"has_items", !items.empty()},
      {"admissions", admissions},
      {"documents", docs},
      {"has_documents", !docs.empty()},
      {"tasks", tasks},
      {"has_tasks", !tasks.empty()},
      {"minutes", m.meeting.minutes.empty() ? json(false) : json(m.meeting.minutes)},
      {"can_write", writable},
      {"csrf", page.visitor.session ? page.visitor.session->csrf_token : ""},
      {"action", meeting_href(m.meeting.id)},
      {"item_form",
       {{"fields", item_fields},
        {"errors", error_summary(page, forms.item, kItemOrder)},
        {"has_errors", !forms.item.ok()}}},
      {"minutes_form",
       {{"value", forms.minutes.value("minutes")},
        {"error", forms.minutes.error("minutes")},
        {"general",
         forms.minutes.general.empty() ? json(false) : json(forms.minutes.general.front())}}}};
  return site.render(page, "governance_meeting", m.title, std::move(view), status);
}

// The meeting named by the path, when the principal reaches it; else the answer to give.
struct MeetingLookup {
  std::optional<MeetingDetail> detail;
  std::optional<web::Response> stop;
};

MeetingLookup find_meeting(Site& site, Page& page, GovPages& gp) {
  auto id = positive_id(page.params.at("id"));
  auto d = id ? gp.service().meeting(*id) : std::nullopt;
  if (!d)
    return {std::nullopt, site.not_found(page, page.cat.text("governance.meeting_not_found",
                                                             {{"id", page.params.at("id")}}))};
  if (!gp.reaches(d->summary.unit.id)) return {std::nullopt, site.forbidden(page)};
  return {std::move(d), std::nullopt};
}

// The open item of the meeting named by the path ("item"), or the answer to give.
const AgendaItem* find_item(const MeetingDetail& d, const Page& page) {
  auto id = positive_id(page.params.at("item"));
  if (!id) return nullptr;
  for (auto& i : d.items)
    if (i.id == *id) return &i;
  return nullptr;
}

web::Response governance_meeting_detail(Site& site, Page& page) {
  GovPages gp(site, page);
  auto found = find_meeting(site, page, gp);
  if (found.stop) return std::move(*found.stop);
  return meeting_page(site, page, gp, *found.detail, {}, 200);
}

web::Response governance_item_add(Site& site, Page& page) {
  GovPages gp(site, page);
  auto found = find_meeting(site, page, gp);
  if (found.stop) return std::move(*found.stop);
  MeetingForms forms;
  FormState& f = forms.item;
  AgendaItem item;
  if (auto k = required_field(page, f, "kind", governance::item_kind_from_code, "")) item.kind = *k;
  item.title = text_field(page, f, "title", true);
  std::string doc(text::trim(page.field("document_id")));
  f.values["document_id"] = doc;
  if (!doc.empty()) {
    if (auto id = positive_id(doc))
      item.document_id = id;
    else
      f.add("document_id", page.t("governance.bad_id", {{"value", doc}}));
  }
  if (f.ok()) {
    auto added =
        gp.service().add_item(found.detail->summary.meeting.id, item, gp.actor(), gp.scope());
    if (added) {
      site.data_changed();
      return Site::redirect(meeting_href(found.detail->summary.meeting.id));
    }
    if (!show_refusal(page, f, added.error(), kItemOrder, kFormNames)) return site.forbidden(page);
  }
  return meeting_page(site, page, gp, *found.detail, std::move(forms), 422);
}

// Reads the closing form into `f` and, when it is complete, closes the item: the refusal.
std::optional<Error> close_by_form(const Page& page, GovPages& gp, const AgendaItem& item,
                                   FormState& f) {
  std::string outcome_text(text::trim(page.field("outcome")));
  f.values["outcome"] = outcome_text;
  auto outcome = governance::outcome_from_code(outcome_text);
  if (!outcome || *outcome == Outcome::kOpen) f.add("outcome", page.cat.text("field.required"));
  auto votes = votes_field(page, f);
  std::string note = text_field(page, f, "note", false);
  if (!f.ok()) return std::nullopt;
  auto closed = gp.service().close_item(item.id, *outcome, *votes, note, gp.actor(), gp.scope());
  if (closed) return std::nullopt;
  return closed.error();
}

// Reads the admission decision (a choice per pending application) and, when it is complete,
// decides: the refusal.
std::optional<Error> decide_by_form(const Page& page, GovPages& gp, const AgendaItem& item,
                                    FormState& f) {
  governance::AdmissionDecision decision;
  for (auto& [name, value] : page.form) {
    if (name.rfind("app_", 0) != 0) continue;
    f.values[name] = value;
    auto id = positive_id(std::string_view(name).substr(4));
    if (!id) continue;
    if (value == "admit") decision.admitted.push_back(*id);
    if (value == "reject") decision.rejected.push_back(*id);
  }
  if (decision.admitted.empty() && decision.rejected.empty())
    f.add("", page.t("governance.decide_nothing"));
  auto votes = votes_field(page, f);
  if (votes) decision.votes = *votes;
  decision.note = text_field(page, f, "note", false);
  if (!f.ok()) return std::nullopt;
  auto decided = gp.service().decide_admissions(item.id, decision, gp.actor(), gp.scope());
  if (decided) return std::nullopt;
  return decided.error();
}

enum class ItemAction { kClose, kDecide };

web::Response item_post(Site& site, Page& page, ItemAction action) {
  GovPages gp(site, page);
  auto found = find_meeting(site, page, gp);
  if (found.stop) return std::move(*found.stop);
  const std::int64_t meeting = found.detail->summary.meeting.id;
  const AgendaItem* item = find_item(*found.detail, page);
  if (!item)
    return site.not_found(
        page, page.cat.text("governance.item_not_found", {{"id", page.params.at("item")}}));
  MeetingForms forms;
  const bool closing = action == ItemAction::kClose;
  (closing ? forms.close_item : forms.decide_item) = item->id;
  FormState& f = closing ? forms.close : forms.decide;
  auto refusal = closing ? close_by_form(page, gp, *item, f) : decide_by_form(page, gp, *item, f);
  if (f.ok() && !refusal) {
    site.data_changed();
    return Site::redirect(meeting_href(meeting));
  }
  if (refusal) {
    static const Choices kClosing = {{"votes", ""}, {"outcome", ""}, {"note", ""}};
    if (!show_refusal(page, f, *refusal, kClosing)) return site.forbidden(page);
  }
  // The item may be closed already: the page shows it as it is now, with the message on top.
  if (auto fresh = gp.service().meeting(meeting)) found.detail = fresh;
  const AgendaItem* now = find_item(*found.detail, page);
  if (now && now->outcome != Outcome::kOpen && !f.general.empty()) forms.alert = f.general.front();
  return meeting_page(site, page, gp, *found.detail, std::move(forms), 422);
}

// The POST of one action on an agenda item (.../close, .../decide).
template <ItemAction kAction>
web::Response item_route(Site& site, Page& page) {
  return item_post(site, page, kAction);
}

web::Response governance_minutes(Site& site, Page& page) {
  GovPages gp(site, page);
  auto found = find_meeting(site, page, gp);
  if (found.stop) return std::move(*found.stop);
  MeetingForms forms;
  FormState& f = forms.minutes;
  std::string minutes = text_field(page, f, "minutes", false);
  if (f.ok()) {
    auto set =
        gp.service().set_minutes(found.detail->summary.meeting.id, minutes, gp.actor(), gp.scope());
    if (set) {
      site.data_changed();
      return Site::redirect(meeting_href(found.detail->summary.meeting.id));
    }
    if (set.error().is(ErrorKind::kForbidden)) return site.forbidden(page);
    f.add("", site.error_text(page, set.error()));
  }
  return meeting_page(site, page, gp, *found.detail, std::move(forms), 422);
}

// ---- admissions ----

const Choices kApplicationOrder = {{"unit_id", "governance.f.alliance"},
                                   {"entity_code", "governance.f.entity_code"},
                                   {"applied_on", "governance.f.applied_on"},
                                   {"batch", "governance.f.batch"},
                                   {"note", "governance.f.note"}};

web::Response admissions_page(Site& site, Page& page, GovPages& gp, const FormState& f,
                              int status) {
  std::string batch_text(text::trim(page.query("batch"))), unit_code = page.query("unit");
  if (page.request.method == web::Method::kPost) {
    batch_text = f.value("batch");
    if (auto* u = gp.unit(positive_id(f.value("unit_id")).value_or(0))) unit_code = u->code;
  }
  governance::ApplicationQuery q;
  governance::MembershipQuery mq;
  json view;
  view["batch_error"] = false;
  if (!batch_text.empty()) {
    if (auto b = governance::parse_batch(batch_text)) {
      q.batch = b;
      batch_text = b->label();
    } else if (page.request.method == web::Method::kGet) {
      return site.error(page, 400, page.cat.text("governance.bad_batch", {{"value", batch_text}}));
    }
  }
  if (!unit_code.empty()) {
    auto u = gp.area().organisation(unit_code);
    if (!u) return site.refused(page, u.error());
    q.unit_id = mq.unit_id = (*u)->id;
  }
  const std::string csrf = page.visitor.session ? page.visitor.session->csrf_token : "";
  json apps = json::array();
  std::map<std::int64_t, std::string> batch_of;
  for (auto& a : gp.service().applications(q)) {
    if (!gp.reaches(a.unit_id)) continue;
    const Unit* u = gp.unit(a.unit_id);
    json decision = false;
    if (a.decided_on) {
      decision = {{"on", Site::date(*a.decided_on)}, {"href", false}};
      if (a.decision_item_id)
        if (auto item = gp.area().item(*a.decision_item_id))
          decision["href"] = meeting_href(item->meeting_id);
    }
    apps.push_back({{"id", a.id},
                    {"code", a.entity_code},
                    {"name", a.entity_name},
                    {"unit", u ? u->name : ""},
                    {"applied_on", Site::date(a.applied_on)},
                    {"batch", a.batch.label()},
                    {"status", gp.status_label(a.status)},
                    {"status_code", std::string(governance::to_code(a.status))},
                    {"decision", decision},
                    {"review", gp.can_write() && a.status == ApplicationStatus::kSubmitted
                                   ? json({{"action", "/governance/admissions/" +
                                                          std::to_string(a.id) + "/review"},
                                           {"csrf", csrf}})
                                   : json(false)}});
  }
  json members = json::array();
  for (auto& ms : gp.service().memberships(mq)) {
    if (!gp.reaches(ms.unit_id)) continue;
    const Unit* u = gp.unit(ms.unit_id);
    members.push_back({{"code", ms.entity_code},
                       {"name", ms.entity_name},
                       {"unit", u ? u->name : ""},
                       {"since", Site::date(ms.since)},
                       {"until", ms.until ? json(Site::date(*ms.until)) : json(false)},
                       {"reason", ms.end_reason.empty() ? json(false) : json(ms.end_reason)}});
  }
  json fields = json::array();
  fields.push_back(
      form_field(page, f, "unit_id", "governance.f.alliance", true, "select",
                 options(gp.unit_choices(page.t("form.choose"), false, true), f.value("unit_id"))));
  fields.push_back(form_field(page, f, "entity_code", "governance.f.entity_code", true, "text"));
  fields.push_back(form_field(page, f, "applied_on", "governance.f.applied_on", true, "date"));
  fields.push_back(form_field(page, f, "batch", "governance.f.batch", true, "text"));
  fields.push_back(form_field(page, f, "note", "governance.f.note", false, "text"));
  const auto n_apps = static_cast<std::int64_t>(apps.size());
  std::int64_t n_admitted = 0;
  for (auto& a : apps) n_admitted += a["status_code"] == "admitted" ? 1 : 0;
  view["units"] = options(gp.unit_choices(page.t("governance.all_units"), true, true), unit_code);
  view["batch"] = batch_text;
  view["applications"] = apps;
  view["caption"] = apps.empty() ? page.t("governance.no_applications")
                                 : page.t("governance.applications_found",
                                          {{"count", site.number(page, n_apps)},
                                           {"admitted", site.number(page, n_admitted)}});
  view["members"] = members;
  view["members_caption"] = count_caption(site, page, static_cast<std::int64_t>(members.size()),
                                          "governance.no_members", "governance.members_found");
  view["can_write"] = gp.can_write();
  view = form_view(page, f, fields, kApplicationOrder, std::move(view));
  return site.render(page, "governance_admissions", page.t("governance.admissions_title"),
                     std::move(view), status);
}

web::Response governance_admissions(Site& site, Page& page) {
  GovPages gp(site, page);
  FormState f;
  f.values["applied_on"] = site.today().vietnamese();
  f.values["batch"] = std::string(text::trim(page.query("batch")));
  auto provinces = gp.organisations(true);
  if (auto u = gp.area().organisation(page.query("unit")))
    f.values["unit_id"] = std::to_string((*u)->id);
  else if (provinces.size() == 1)
    f.values["unit_id"] = std::to_string(provinces.front()->id);
  return admissions_page(site, page, gp, f, 200);
}

web::Response governance_application_create(Site& site, Page& page) {
  GovPages gp(site, page);
  FormState f;
  Application a;
  id_field(page, f, "unit_id", a.unit_id);
  if (a.unit_id && gp.unit(a.unit_id) && !gp.reaches(a.unit_id)) return site.forbidden(page);
  a.entity_code = text_field(page, f, "entity_code", true);
  if (auto on = date_field(page, f, "applied_on")) a.applied_on = *on;
  if (auto b = required_field(page, f, "batch", governance::parse_batch, "governance.bad_batch"))
    a.batch = *b;
  a.note = text_field(page, f, "note", false);
  if (f.ok()) {
    auto added = gp.service().submit_application(a, gp.actor(), gp.scope());
    if (added) {
      site.data_changed();
      return Site::redirect(admissions_href(added->batch.label(), gp.unit(added->unit_id)->code));
    }
    if (!show_refusal(page, f, added.error(), kApplicationOrder, kFormNames))
      return site.forbidden(page);
  }
  return admissions_page(site, page, gp, f, 422);
}

web::Response governance_application_review(Site& site, Page& page) {
  GovPages gp(site, page);
  auto id = positive_id(page.params.at("id"));
  auto a = id ? gp.area().application(*id) : std::nullopt;
  if (!a)
    return site.not_found(
        page, page.cat.text("governance.application_not_found", {{"id", page.params.at("id")}}));
  if (!gp.reaches(a->unit_id)) return site.forbidden(page);
  auto r = gp.service().start_review(a->id, gp.actor(), gp.scope());
  if (!r) return site.error(page, 422, site.error_text(page, r.error()));
  site.data_changed();
  return Site::redirect(admissions_href(a->batch.label(), gp.unit(a->unit_id)->code));
}

// ---- awards ----

const Choices kAwardOrder = {{"year", "governance.f.year"},
                             {"granting_unit_id", "governance.f.granting_unit"},
                             {"recipient_kind", "governance.f.recipient_kind"},
                             {"title", "governance.f.award_title"},
                             {"recipient", "governance.f.recipient"},
                             {"recipient_unit", "governance.f.recipient_unit"},
                             {"with_certificate", "governance.f.with_certificate"},
                             {"decision_document_id", "governance.f.decision"}};

web::Response awards_page(Site& site, Page& page, GovPages& gp, int year, const FormState& f,
                          int status) {
  governance::AwardQuery q;
  q.year = year;
  std::map<std::int64_t, work::Document> docs;
  for (auto& d : gp.area().documents()) docs.emplace(d.id, d);
  std::vector<governance::Award> shown;
  for (auto& a : gp.service().awards(q))
    if (gp.reaches(a.granting_unit_id)) shown.push_back(std::move(a));
  auto counts = governance::count_awards(shown);
  json rows = json::array();
  int n = 0;
  for (auto& a : shown) {
    json decision = false;
    if (auto d = docs.find(a.decision_document_id); d != docs.end())
      decision = {{"number_symbol", d->second.number_symbol()},
                  {"issued_on", Site::date(d->second.issued_on)},
                  {"title", d->second.title}};
    rows.push_back({{"n", ++n},
                    {"kind", gp.recipient_label(a.recipient_kind)},
                    {"recipient", a.recipient},
                    {"recipient_unit", a.recipient_unit.empty() ? "—" : a.recipient_unit},
                    {"title", gp.title_label(a.title)},
                    {"certificate", page.cat.text(a.with_certificate ? "value.yes" : "value.no")},
                    {"decision", decision}});
  }
  Choices kinds{{"", page.t("form.choose")}};
  for (auto k : {governance::RecipientKind::kCollective, governance::RecipientKind::kIndividual})
    kinds.emplace_back(std::string(governance::to_code(k)), gp.recipient_label(k));
  Choices titles{{"", page.t("form.choose")}};
  for (auto t : kAwardTitles)
    titles.emplace_back(std::string(governance::to_code(t)), gp.title_label(t));
  Choices decisions{{"", page.t("form.choose")}};
  for (auto it = docs.rbegin(); it != docs.rend(); ++it)
    if (it->second.kind == work::DocumentKind::kDecision && gp.reaches(it->second.issuer_unit_id))
      decisions.emplace_back(std::to_string(it->first),
                             it->second.number_symbol() + " – " + it->second.title);
  json fields = json::array();
  fields.push_back(form_field(page, f, "year", "governance.f.year", true, "number"));
  fields.push_back(form_field(
      page, f, "granting_unit_id", "governance.f.granting_unit", true, "select",
      options(gp.unit_choices(page.t("form.choose"), false, false), f.value("granting_unit_id"))));
  fields.push_back(form_field(page, f, "recipient_kind", "governance.f.recipient_kind", true,
                              "select", options(kinds, f.value("recipient_kind"))));
  fields.push_back(form_field(page, f, "title", "governance.f.award_title", true, "select",
                              options(titles, f.value("title"))));
  fields.push_back(form_field(page, f, "recipient", "governance.f.recipient", true, "text"));
  fields.push_back(
      form_field(page, f, "recipient_unit", "governance.f.recipient_unit", false, "text"));
  fields.push_back(
      form_field(page, f, "with_certificate", "governance.f.with_certificate", false, "checkbox"));
  fields.push_back(form_field(page, f, "decision_document_id", "governance.f.decision", true,
                              "select", options(decisions, f.value("decision_document_id"))));
  json view = form_view(
      page, f, fields, kAwardOrder,
      {{"year", std::to_string(year)},
       {"counts", page.t("governance.award_counts",
                         {{"year", std::to_string(year)},
                          {"collectives", site.number(page, counts.collectives)},
                          {"individuals", site.number(page, counts.individuals)}})},
       {"rows", rows},
       {"caption", rows.empty()
                       ? page.t("governance.no_awards", {{"year", std::to_string(year)}})
                       : page.t("governance.awards_caption", {{"year", std::to_string(year)}})},
       {"can_write", gp.can_write()}});
  return site.render(page, "governance_awards",
                     page.t("governance.awards_title", {{"year", std::to_string(year)}}),
                     std::move(view), status);
}

web::Response governance_awards(Site& site, Page& page) {
  GovPages gp(site, page);
  std::string year_text(text::trim(page.query("year")));
  int year = site.today().year() - 1;  // the emulation year just ended
  if (year_text.empty()) {
    auto all = gp.service().awards({});
    for (auto& a : all)
      if (gp.reaches(a.granting_unit_id)) year = a.year;
  } else {
    auto y = positive_id(year_text);
    if (!y || *y < 1900 || *y > 9999)
      return site.error(page, 400, page.cat.text("governance.bad_year", {{"value", year_text}}));
    year = static_cast<int>(*y);
  }
  FormState f;
  f.values["year"] = std::to_string(year);
  f.values["with_certificate"] = "on";
  auto orgs = gp.organisations();
  if (orgs.size() == 1) f.values["granting_unit_id"] = std::to_string(orgs.front()->id);
  return awards_page(site, page, gp, year, f, 200);
}

web::Response governance_award_create(Site& site, Page& page) {
  GovPages gp(site, page);
  FormState f;
  governance::Award a;
  std::string year(text::trim(page.field("year")));
  f.values["year"] = year;
  if (auto y = positive_id(year); y && *y >= 1900 && *y <= 9999)
    a.year = static_cast<int>(*y);
  else
    f.add("year", page.cat.text("governance.bad_year", {{"value", year}}));
  id_field(page, f, "granting_unit_id", a.granting_unit_id);
  if (a.granting_unit_id && gp.unit(a.granting_unit_id) && !gp.reaches(a.granting_unit_id))
    return site.forbidden(page);
  id_field(page, f, "decision_document_id", a.decision_document_id);
  if (auto k = required_field(page, f, "recipient_kind", governance::recipient_kind_from_code, ""))
    a.recipient_kind = *k;
  if (auto t = required_field(page, f, "title", governance::award_title_from_code, ""))
    a.title = *t;
  a.recipient = text_field(page, f, "recipient", true);
  a.recipient_unit = text_field(page, f, "recipient_unit", false);
  a.with_certificate = checkbox_field(page, f, "with_certificate");
  if (f.ok()) {
    auto added = gp.service().add_award(a, gp.actor(), gp.scope());
    if (added) {
      site.data_changed();
      return Site::redirect("/governance/awards?year=" + std::to_string(added->year));
    }
    if (!show_refusal(page, f, added.error(), kAwardOrder, {{"unit", "granting_unit_id"}}))
      return site.forbidden(page);
  }
  return awards_page(site, page, gp, a.year ? a.year : site.today().year() - 1, f, 422);
}

// ---- bodies, terms and members ----

const Choices kMemberOrder = {
    {"body_id", "governance.f.body"},          {"term_id", "governance.f.term"},
    {"person", "governance.f.person"},         {"position", "governance.f.position"},
    {"started_on", "governance.f.started_on"}, {"ended_on", "governance.f.ended_on"}};

// The organisation's own forms on the bodies page: a body, a term.
struct OrganisationForms {
  FormState body, term;
};

web::Response bodies_page(Site& site, Page& page, GovPages& gp, const Unit* unit,
                          const FormState& f, int status, const OrganisationForms& org = {}) {
  json bodies = json::array();
  json terms = json::array();
  if (unit) {
    auto unit_terms = gp.service().terms(unit->id);
    for (auto& t : unit_terms)
      terms.push_back({{"label", t.label()},
                       {"years", std::to_string(t.start_year) + "–" + std::to_string(t.end_year)}});
    for (auto& b : gp.service().bodies(unit->id)) {
      json members = json::array();
      for (auto it = unit_terms.rbegin(); it != unit_terms.rend(); ++it)
        for (auto& m : gp.service().members(b.id, it->id))
          members.push_back({{"person", m.person},
                             {"position", m.position},
                             {"term", it->label()},
                             {"started_on", Site::date(m.started_on)},
                             {"ended_on", m.ended_on ? Site::date(*m.ended_on) : "—"}});
      std::string label = gp.body_label(b.kind);
      bodies.push_back(
          {{"id", "body-" + std::string(governance::to_code(b.kind))},
           {"name", label},
           {"members", members},
           {"has_members", !members.empty()},
           {"caption", page.t("governance.members_of", {{"body", label}, {"unit", unit->name}})},
           {"meetings_href",
            "/governance/meetings" +
                query_string(
                    {{"unit", unit->code}, {"body", std::string(governance::to_code(b.kind))}})}});
    }
  }
  json fields = json::array();
  fields.push_back(form_field(page, f, "body_id", "governance.f.body", true, "select",
                              options(gp.body_choices(), f.value("body_id"))));
  fields.push_back(form_field(page, f, "term_id", "governance.f.term", true, "select",
                              options(gp.term_choices(), f.value("term_id"))));
  fields.push_back(form_field(page, f, "person", "governance.f.person", true, "text"));
  fields.push_back(form_field(page, f, "position", "governance.f.position", true, "text"));
  fields.push_back(form_field(page, f, "started_on", "governance.f.started_on", true, "date"));
  fields.push_back(form_field(page, f, "ended_on", "governance.f.ended_on", false, "date"));
  json view = form_view(page, f, fields, kMemberOrder,
                        {{"units", options(gp.unit_choices(page.t("form.choose"), true, false),
                                           unit ? unit->code : "")},
                         {"unit", unit ? json(unit->name) : json(false)},
                         {"terms", terms},
                         {"has_terms", !terms.empty()},
                         {"bodies", bodies},
                         {"has_bodies", !bodies.empty()},
                         {"can_write", gp.can_write()}});
  if (unit && gp.can_write() && gp.reaches(unit->id)) {
    Choices kinds = {{"", page.t("form.choose")}};
    for (auto k : {governance::BodyKind::kCongress, governance::BodyKind::kExecutive,
                   governance::BodyKind::kStanding, governance::BodyKind::kLeadership,
                   governance::BodyKind::kInspection})
      kinds.emplace_back(std::string(governance::to_code(k)), gp.body_label(k));
    json body_fields = json::array(), term_fields = json::array();
    body_fields.push_back(form_field(page, org.body, "kind", "governance.f.body_kind", true,
                                     "select", options(kinds, org.body.value("kind"))));
    term_fields.push_back(
        form_field(page, org.term, "number", "governance.f.term_number", true, "number"));
    term_fields.push_back(
        form_field(page, org.term, "start_year", "governance.f.start_year", true, "number"));
    term_fields.push_back(
        form_field(page, org.term, "end_year", "governance.f.end_year", true, "number"));
    view["organisation_forms"] = {
        {"unit_code", unit->code},
        {"unit_name", unit->name},
        {"body_fields", body_fields},
        {"body_error", org.body.general.empty() ? json(false) : json(org.body.general.front())},
        {"term_fields", term_fields},
        {"term_error", org.term.general.empty() ? json(false) : json(org.term.general.front())}};
  } else {
    view["organisation_forms"] = false;
  }
  return site.render(page, "governance_bodies", page.t("governance.bodies_title"), std::move(view),
                     status);
}

// The first organisation in scope with bodies.
const Unit* chosen_unit(GovPages& gp) {
  for (auto* u : gp.organisations())
    if (!gp.service().bodies(u->id).empty()) return u;
  auto orgs = gp.organisations();
  return orgs.empty() ? nullptr : orgs.front();
}

web::Response governance_bodies(Site& site, Page& page) {
  GovPages gp(site, page);
  std::string code = page.query("unit");
  const Unit* unit = nullptr;
  if (!code.empty()) {
    auto asked = gp.area().organisation(code);
    if (!asked) return site.refused(page, asked.error());
    unit = *asked;
  } else {
    unit = chosen_unit(gp);
  }
  FormState f;
  f.values["started_on"] = site.today().vietnamese();
  return bodies_page(site, page, gp, unit, f, 200);
}

web::Response governance_member_create(Site& site, Page& page) {
  GovPages gp(site, page);
  FormState f;
  governance::Member m;
  id_field(page, f, "body_id", m.body_id);
  id_field(page, f, "term_id", m.term_id);
  const Unit* unit = nullptr;
  if (auto body = m.body_id ? gp.area().body(m.body_id) : std::nullopt) {
    unit = gp.unit(body->unit_id);
    if (unit && !gp.reaches(unit->id)) return site.forbidden(page);
  }
  m.person = text_field(page, f, "person", true);
  m.position = text_field(page, f, "position", true);
  if (auto on = date_field(page, f, "started_on")) m.started_on = *on;
  std::string ended(text::trim(page.field("ended_on")));
  if (!ended.empty()) {
    if (auto on = date_field(page, f, "ended_on")) m.ended_on = *on;
  }
  if (f.ok()) {
    auto added = gp.service().add_member(m, gp.actor(), gp.scope());
    if (added) {
      site.data_changed();
      return Site::redirect("/governance/bodies" +
                            query_string({{"unit", unit ? unit->code : ""}}));
    }
    if (!show_refusal(page, f, added.error(), kMemberOrder, kFormNames))
      return site.forbidden(page);
  }
  return bodies_page(site, page, gp, unit ? unit : chosen_unit(gp), f, 422);
}

// ---- POST /governance/bodies, /governance/terms: an organisation's bodies and terms ----

// The organisation the form names (hidden field "unit"), when the user reaches it.
std::optional<web::Response> organisation_of(Site& site, Page& page, GovPages& gp,
                                             const Unit*& unit) {
  std::string code(text::trim(page.field("unit")));
  auto found = gp.area().organisation(code);
  if (!found) return site.refused(page, found.error());
  unit = *found;
  return std::nullopt;
}

web::Response back_to_bodies(const Unit* unit) {
  return Site::redirect("/governance/bodies" + query_string({{"unit", unit->code}}));
}

web::Response governance_body_create(Site& site, Page& page) {
  GovPages gp(site, page);
  const Unit* unit = nullptr;
  if (auto stop = organisation_of(site, page, gp, unit)) return std::move(*stop);
  OrganisationForms org;
  std::string kind_text = text_field(page, org.body, "kind", true);
  auto kind = governance::body_kind_from_code(kind_text);
  if (!kind_text.empty() && !kind)
    org.body.add("kind", page.t("governance.bad_body_kind", {{"value", kind_text}}));
  if (org.body.ok()) {
    auto added = gp.service().add_body(unit->id, *kind, gp.actor(), gp.scope());
    if (added) {
      site.data_changed();
      return back_to_bodies(unit);
    }
    if (added.error().is(ErrorKind::kForbidden)) return site.forbidden(page);
    org.body.add("kind", site.error_text(page, added.error()));
  }
  FormState member;
  member.values["started_on"] = site.today().vietnamese();
  return bodies_page(site, page, gp, unit, member, 422, org);
}

web::Response governance_term_create(Site& site, Page& page) {
  GovPages gp(site, page);
  const Unit* unit = nullptr;
  if (auto stop = organisation_of(site, page, gp, unit)) return std::move(*stop);
  OrganisationForms org;
  governance::Term term;
  term.unit_id = unit->id;
  auto whole = [&](const char* name, int& out, int low, int high) {
    std::string v = text_field(page, org.term, name, true);
    if (v.empty()) return;
    auto n = positive_id(v);
    if (!n || *n < low || *n > high)
      org.term.add(name, page.t("governance.bad_whole_number", {{"value", v}}));
    else
      out = static_cast<int>(*n);
  };
  whole("number", term.number, 1, 99);
  whole("start_year", term.start_year, 1950, 2100);
  whole("end_year", term.end_year, 1950, 2100);
  if (org.term.ok()) {
    auto added = gp.service().add_term(term, gp.actor(), gp.scope());
    if (added) {
      site.data_changed();
      return back_to_bodies(unit);
    }
    if (added.error().is(ErrorKind::kForbidden)) return site.forbidden(page);
    std::string field = added.error().field == "end_year" ? "end_year" : "number";
    org.term.add(field, site.error_text(page, added.error()));
  }
  FormState member;
  member.values["started_on"] = site.today().vietnamese();
  return bodies_page(site, page, gp, unit, member, 422, org);
}

}  // namespace

void register_governance_pages(Site& site, web::Router& router) {
  // Those who read the work programme see these pages; those who write it use the forms.
  const auto reads = reads_work;
  const auto writes = writes_work;
  add_pages(site, router,
            {{.path = "/governance", .get = reads(governance_home)},
             {.path = "/governance/meetings",
              .get = reads(governance_meetings),
              .post = writes(governance_meeting_create)},
             {.path = "/governance/meetings/new", .get = writes(governance_meeting_new)},
             {.path = "/governance/meetings/{id}", .get = reads(governance_meeting_detail)},
             {.path = "/governance/meetings/{id}/items", .post = writes(governance_item_add)},
             {.path = "/governance/meetings/{id}/items/{item}/close",
              .post = writes(item_route<ItemAction::kClose>)},
             {.path = "/governance/meetings/{id}/items/{item}/decide",
              .post = writes(item_route<ItemAction::kDecide>)},
             {.path = "/governance/meetings/{id}/minutes", .post = writes(governance_minutes)},
             {.path = "/governance/admissions",
              .get = reads(governance_admissions),
              .post = writes(governance_application_create)},
             {.path = "/governance/admissions/{id}/review",
              .post = writes(governance_application_review)},
             {.path = "/governance/awards",
              .get = reads(governance_awards),
              .post = writes(governance_award_create)},
             {.path = "/governance/bodies",
              .get = reads(governance_bodies),
              .post = writes(governance_body_create)},
             {.path = "/governance/members", .post = writes(governance_member_create)},
             {.path = "/governance/terms", .post = writes(governance_term_create)}});
}

}  // namespace htx::webapp
