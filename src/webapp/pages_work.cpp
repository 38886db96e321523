// The work programme: tasks (list with filters, new, detail with progress notes and blockers, the
// progress / blocker / done forms), the standing leadership's list of blockers, documents (list,
// new) and the monthly or annual review (page, print, downloads). Reads and writes go through
// work::WorkService with the principal's province scope; who may read or write is
// api::can_read_work / can_write_work (the national leader reads only).
#include <algorithm>
#include <set>

#include "areas/work_area.hpp"
#include "exchange/work_report_docx.hpp"
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"
#include "work/rules.hpp"
#include "work/work_service.hpp"

namespace htx::webapp {

namespace {

using accounts::AccessPolicy;
using work::Document;
using work::Task;
using work::TaskStatus;
using work::Unit;

constexpr int kTaskPageSize = 50;

constexpr TaskStatus kStatuses[] = {TaskStatus::kNotStarted, TaskStatus::kInProgress,
                                    TaskStatus::kBlocked, TaskStatus::kDone,
                                    TaskStatus::kCancelled};
constexpr work::DocumentKind kDocKinds[] = {
    work::DocumentKind::kResolution, work::DocumentKind::kConclusion, work::DocumentKind::kNotice,
    work::DocumentKind::kDecision,   work::DocumentKind::kPlan,       work::DocumentKind::kScheme,
    work::DocumentKind::kRegulation, work::DocumentKind::kCharter};

std::string task_href(std::int64_t id) { return "/work/tasks/" + std::to_string(id); }

// The review's downloads: the office's draft report as .docx (Decree 30/2020/NĐ-CP layout) and
// as plain text, and the review's data as JSON.
constexpr const char* kReviewFormats[] = {"docx", "txt", "json"};
std::string review_bytes(const work::DraftReport& draft, const std::string& format, Date dated) {
  if (format == "docx") {
    exchange::ReportDocxOptions options;
    options.created = dated.iso() + "T00:00:00Z";
    return exchange::docx_bytes(exchange::report_docx(draft, options));
  }
  return work::to_text(draft);
}
std::string review_content_type(const std::string& format) {
  if (format == "docx")
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return "text/plain; charset=utf-8";
}

// The work programme as the principal reaches it (areas::WorkArea), with the labels, rows and
// fields the pages show.
class WorkPages : public AreaPages<areas::WorkArea> {
 public:
  WorkPages(Site& site, Page& page)
      : AreaPages(site, page, area_for<areas::WorkArea>(site, page)) {}

  std::string unit_name(std::int64_t id) const { return area_.unit_name(id); }
  const Unit* unit(std::int64_t id) const { return area_.unit(id); }
  bool visible(const Task& t) const { return area_.visible(t); }
  bool writable(const Task& t) const { return area_.writable(t); }
  std::vector<const Unit*> units_in_scope() const { return area_.units_in_scope(); }
  std::vector<const Unit*> all_units() const { return area_.units(); }

  std::string status_label(TaskStatus s) const { return code_label(p_, "work.status.", s); }
  std::string kind_label(work::DocumentKind k) const { return code_label(p_, "work.kind.", k); }
  std::string draft_label(work::DraftStatus s) const { return code_label(p_, "work.draft.", s); }

  // A row of a task list.
  json task_row(const Task& t, Date day, Date carry_from,
                const std::map<std::int64_t, Document>& docs) const {
    json row = {{"id", t.id},
                {"href", task_href(t.id)},
                {"title", t.title},
                {"status", status_label(t.status)},
                {"status_code", std::string(work::to_code(t.status))},
                {"lead_unit", unit_name(t.lead_unit_id)},
                {"owner", t.owner.empty() ? json(false) : json(t.owner)},
                {"due_on", Site::date(t.due_on)},
                {"key", t.key_task},
                {"source", false},
                {"overdue", false},
                {"carry_over", false},
                {"completed", false}};
    if (t.document_id)
      if (auto d = docs.find(*t.document_id); d != docs.end())
        row["source"] = d->second.number_symbol();
    if (work::overdue_on(t, day))
      row["overdue"] =
          p_.t("work.overdue_days", {{"days", s_.number(p_, work::days_late(t, day))}});
    if (auto text = work::carry_over_text(t, carry_from); !text.empty())
      row["carry_over"] = p_.t("work.carried_from", {{"year", std::to_string(t.start_on.year())}});
    if (t.status == TaskStatus::kDone && t.completed_on)
      row["completed"] =
          work::on_time(t)
              ? p_.t("work.done_on_time", {{"date", Site::date(*t.completed_on)}})
              : p_.t("work.done_late", {{"date", Site::date(*t.completed_on)},
                                        {"days", s_.number(p_, work::days_late(t, day))}});
    return row;
  }

  json options(const Choices& items, const std::string& selected) const {
    return webapp::options(items, selected);
  }

  // A field for the `field` partial.
  json field(const FormState& f, const std::string& name, const std::string& label_key,
             bool required, const char* kind, json choices = json()) const {
    return form_field(p_, f, name, label_key, required, kind, std::move(choices));
  }

  json summary(const FormState& f, const Choices& order) const {
    return error_summary(p_, f, order);
  }

  // A date field (dd/mm/yyyy or yyyy-mm-dd); required.
  std::optional<Date> date_field(FormState& f, const std::string& name) const {
    return webapp::date_field(p_, f, name);
  }
  std::string text_field(FormState& f, const std::string& name, bool required) const {
    return webapp::text_field(p_, f, name, required);
  }
};

// ---- GET /work ----

web::Response home(Site& site, Page& page) { return Site::redirect("/work/tasks"); }

// ---- GET /work/tasks ----

web::Response tasks(Site& site, Page& page) {
  WorkPages wp(site, page);
  const Date day = site.today();

  std::string status = page.query("status"), unit = page.query("unit"),
              year_text = page.query("year"), document = page.query("document");
  bool key = checked(page.query("key")), overdue = checked(page.query("overdue"));
  int page_no = static_cast<int>(
      std::min<std::int64_t>(positive_id(page.query("page")).value_or(1), 1'000'000));

  // One WorkArea answers the page and the API: a bad status, year or document is a bad
  // request (400), an unknown unit not found (404).
  auto found = wp.area().tasks({status, unit, year_text, document, key, overdue});
  if (!found) return site.refused(page, found.error());
  std::vector<Task>& shown = *found;
  const std::optional<int> year = *areas::year_of(year_text);  // checked by tasks()
  auto docs = wp.area().documents_by_id();
  const Date carry_from = work::first_day(year.value_or(day.year()), 1);
  const auto total = static_cast<std::int64_t>(shown.size());
  const std::int64_t pages = std::max<std::int64_t>(1, (total + kTaskPageSize - 1) / kTaskPageSize);
  if (page_no > pages) page_no = static_cast<int>(pages);
  json rows = json::array();
  for (std::int64_t i = (page_no - 1) * kTaskPageSize;
       i < std::min<std::int64_t>(total, page_no * kTaskPageSize); ++i)
    rows.push_back(wp.task_row(shown[static_cast<std::size_t>(i)], day, carry_from, docs));

  auto link = [&](int n) {
    return "/work/tasks" + query_string({{"status", status},
                                         {"unit", unit},
                                         {"key", key ? "on" : ""},
                                         {"overdue", overdue ? "on" : ""},
                                         {"year", year ? std::to_string(*year) : ""},
                                         {"document", document},
                                         {"page", n == 1 ? "" : std::to_string(n)}});
  };
  json pager = pager_view(site, page, page_no, pages, link);

  std::vector<std::pair<std::string, std::string>> statuses{{"", page.t("work.all_statuses")}};
  for (auto s : kStatuses) statuses.emplace_back(std::string(work::to_code(s)), wp.status_label(s));
  std::vector<std::pair<std::string, std::string>> units{{"", page.t("work.all_units")}};
  for (auto* u : wp.units_in_scope()) units.emplace_back(u->code, u->name);

  json view;
  view["statuses"] = wp.options(statuses, status);
  view["units"] = wp.options(units, unit);
  view["key"] = key;
  view["overdue"] = overdue;
  view["year"] = year ? std::to_string(*year) : year_text;
  view["document"] = document;
  view["can_create"] = wp.can_write();
  view["results"] = {
      {"caption", count_caption(site, page, total, "work.no_tasks", "work.tasks_found")},
      {"rows", rows},
      {"pager", pager}};
  return site.render(page, "work_tasks", page.t("work.tasks_title"), std::move(view));
}

// ---- new task ----

const std::vector<std::pair<std::string, std::string>> kTaskOrder = {
    {"title", "work.f.title"},
    {"document_id", "work.f.document"},
    {"lead_unit_id", "work.f.lead_unit"},
    {"with", "work.f.with"},
    {"owner", "work.f.owner"},
    {"start_on", "work.f.start_on"},
    {"due_on", "work.f.due_on"},
    {"key_task", "work.f.key_task"}};

web::Response task_form(Site& site, Page& page, WorkPages& wp, const FormState& f,
                        const std::set<std::string>& with, int status) {
  std::vector<std::pair<std::string, std::string>> docs{{"", page.t("work.no_document")}};
  auto all_docs = wp.service().documents();
  for (auto it = all_docs.rbegin(); it != all_docs.rend(); ++it)
    docs.emplace_back(std::to_string(it->id), it->number_symbol() + " – " + it->title);
  std::vector<std::pair<std::string, std::string>> leads{{"", page.t("form.choose")}};
  for (auto* u : wp.units_in_scope()) leads.emplace_back(std::to_string(u->id), u->name);
  json fields = json::array();
  fields.push_back(wp.field(f, "title", "work.f.title", true, "text"));
  fields.push_back(wp.field(f, "document_id", "work.f.document", false, "select",
                            wp.options(docs, f.value("document_id"))));
  fields.push_back(wp.field(f, "lead_unit_id", "work.f.lead_unit", true, "select",
                            wp.options(leads, f.value("lead_unit_id"))));
  json after = json::array();
  after.push_back(wp.field(f, "owner", "work.f.owner", false, "text"));
  after.push_back(wp.field(f, "start_on", "work.f.start_on", true, "date"));
  after.push_back(wp.field(f, "due_on", "work.f.due_on", true, "date"));
  after.push_back(wp.field(f, "key_task", "work.f.key_task", false, "checkbox"));
  json coop = json::array();
  for (auto* u : wp.units_in_scope())
    coop.push_back({{"value", std::to_string(u->id)},
                    {"label", u->name},
                    {"selected", with.count(std::to_string(u->id)) > 0}});
  json view = form_view(
      page, f, fields, kTaskOrder,
      {{"fields_after", after}, {"with", {{"options", coop}, {"error", f.error("with")}}}});
  return site.render(page, "work_task_new", page.t("work.new_task_title"), std::move(view), status);
}

web::Response task_new(Site& site, Page& page) {
  WorkPages wp(site, page);
  FormState f;
  f.values["start_on"] = site.today().vietnamese();
  if (auto d = positive_id(page.query("document"))) f.values["document_id"] = std::to_string(*d);
  auto in_scope = wp.units_in_scope();
  if (in_scope.size() == 1) f.values["lead_unit_id"] = std::to_string(in_scope.front()->id);
  return task_form(site, page, wp, f, {}, 200);
}

web::Response task_create(Site& site, Page& page) {
  WorkPages wp(site, page);
  FormState f;
  Task t;
  t.title = wp.text_field(f, "title", true);
  t.owner = wp.text_field(f, "owner", false);
  std::string doc = std::string(text::trim(page.field("document_id")));
  f.values["document_id"] = doc;
  if (!doc.empty()) {
    if (auto id = positive_id(doc))
      t.document_id = id;
    else
      f.add("document_id", page.cat.text("work.bad_id", {{"value", doc}}));
  }
  if (auto id = required_field(page, f, "lead_unit_id", positive_id, "work.bad_id"))
    t.lead_unit_id = *id;
  std::set<std::string> with;
  for (auto v : page.form.get_all("with")) {
    std::string s(text::trim(v));
    if (s.empty()) continue;
    with.insert(s);
    if (auto id = positive_id(s)) {
      if (*id != t.lead_unit_id &&
          std::find(t.cooperating_unit_ids.begin(), t.cooperating_unit_ids.end(), *id) ==
              t.cooperating_unit_ids.end())
        t.cooperating_unit_ids.push_back(*id);
    } else {
      f.add("with", page.cat.text("work.bad_id", {{"value", s}}));
    }
  }
  auto start = wp.date_field(f, "start_on");
  auto due = wp.date_field(f, "due_on");
  if (start) t.start_on = *start;
  if (due) t.due_on = *due;
  if (start && due && !work::valid_deadline(*start, *due))
    f.add("due_on", page.cat.text("work.task_due_before_start",
                                  {{"start", start->vietnamese()}, {"due", due->vietnamese()}}));
  t.key_task = checkbox_field(page, f, "key_task");
  if (f.ok()) {
    auto added = wp.service().add_task(t, page.username(), wp.scope());
    if (added) {
      site.data_changed();
      return Site::redirect(task_href(added->id));
    }
    if (!show_refusal(page, f, added.error(), kTaskOrder,
                      {{"lead_unit", "lead_unit_id"}, {"cooperating_units", "with"}}))
      return site.forbidden(page);
  }
  return task_form(site, page, wp, f, with, 422);
}

// ---- GET /work/tasks/{id} and its forms ----

struct NoteForms {
  FormState progress, block, done, cancel, resolve;
};

web::Response task_page(Site& site, Page& page, WorkPages& wp, const Task& t,
                        const NoteForms& forms, int status) {
  const Date day = site.today();
  auto docs = wp.area().documents_by_id();
  json fields = json::array();
  auto row = [&](const char* key, std::string value) {
    fields.push_back({{"label", page.t(key)}, {"value", std::move(value)}});
  };
  json source = false;
  if (t.document_id)
    if (auto d = docs.find(*t.document_id); d != docs.end())
      source = {{"number_symbol", d->second.number_symbol()},
                {"title", d->second.title},
                {"href", "/work/tasks?document=" + std::to_string(d->second.id)}};
  row("work.f.lead_unit", wp.unit_name(t.lead_unit_id));
  std::string with;
  for (auto id : t.cooperating_unit_ids) with += (with.empty() ? "" : ", ") + wp.unit_name(id);
  row("work.f.with", with.empty() ? "—" : with);
  row("work.f.owner", t.owner.empty() ? "—" : t.owner);
  row("work.f.start_on", Site::date(t.start_on));
  row("work.f.due_on", Site::date(t.due_on));
  row("work.f.key_task", page.cat.text(t.key_task ? "value.yes" : "value.no"));
  row("work.f.status", wp.status_label(t.status));
  row("work.recorded", page.t("work.recorded_by",
                              {{"actor", t.recorded_by}, {"at", site.date_time(t.recorded_at)}}));

  json notes = json::array(), blockers = json::array();
  for (auto& n : wp.service().notes(t.id)) {
    json item = {
        {"on", Site::date(n.on)},
        {"text", n.text},
        {"author", n.author},
        {"blocker", n.kind == work::NoteKind::kBlocker},
        {"kind",
         page.t(n.kind == work::NoteKind::kBlocker ? "work.note_blocker" : "work.note_progress")},
        {"resolved", n.resolved_on
                         ? json(page.t("work.resolved_on", {{"date", Site::date(*n.resolved_on)}}))
                         : json(false)}};
    notes.push_back(item);
    if (n.kind == work::NoteKind::kBlocker && !n.resolved_on) {
      item["id"] = n.id;
      item["selected"] = forms.resolve.value("note") == std::to_string(n.id);
      blockers.push_back(item);
    }
  }
  const bool open = !work::is_final(t.status);
  auto form_view = [&](const FormState& f) {
    return json{{"on", f.value("on")},
                {"on_error", f.error("on")},
                {"text", f.value("text")},
                {"text_error", f.error("text")},
                {"note_error", f.error("note")},
                {"general", f.general.empty() ? json(false) : json(f.general.front())}};
  };
  json row_info = wp.task_row(t, day, work::first_day(day.year(), 1), docs);
  json view = {{"task", {{"id", t.id}, {"title", t.title}}},
               {"source", source},
               {"fields", fields},
               {"overdue", row_info["overdue"]},
               {"carry_over", row_info["carry_over"]},
               {"completed", row_info["completed"]},
               {"notes", notes},
               {"has_notes", !notes.empty()},
               {"open_blockers", blockers},
               {"has_open_blockers", !blockers.empty()},
               {"can_write", open && wp.writable(t)},
               {"csrf", page.visitor.session ? page.visitor.session->csrf_token : ""},
               {"action", task_href(t.id)},
               {"progress", form_view(forms.progress)},
               {"block", form_view(forms.block)},
               {"done", form_view(forms.done)},
               {"cancel", form_view(forms.cancel)},
               {"resolve", form_view(forms.resolve)}};
  return site.render(page, "work_task", t.title, std::move(view), status);
}

NoteForms fresh_forms(Date today) {
  NoteForms f;
  for (FormState* form : {&f.progress, &f.block, &f.done, &f.cancel, &f.resolve})
    form->values["on"] = today.vietnamese();
  return f;
}

web::Response task_detail(Site& site, Page& page) {
  WorkPages wp(site, page);
  auto t = wp.area().task(page.params.at("id"));
  if (!t) return site.refused(page, t.error());
  return task_page(site, page, wp, *t, fresh_forms(site.today()), 200);
}

enum class NoteAction { kProgress, kBlock, kDone, kCancel, kResolve };

web::Response note_post(Site& site, Page& page, NoteAction action) {
  WorkPages wp(site, page);
  auto found = wp.area().task(page.params.at("id"));
  if (!found) return site.refused(page, found.error());
  std::optional<Task> t = std::move(*found);
  if (!wp.writable(*t)) return site.forbidden(page);
  NoteForms forms = fresh_forms(site.today());
  FormState& f = action == NoteAction::kProgress  ? forms.progress
                 : action == NoteAction::kBlock   ? forms.block
                 : action == NoteAction::kCancel  ? forms.cancel
                 : action == NoteAction::kResolve ? forms.resolve
                                                  : forms.done;
  auto on = wp.date_field(f, "on");
  std::string text;
  if (action == NoteAction::kProgress || action == NoteAction::kBlock)
    text = wp.text_field(f, "text", true);
  // The blocker resolved: one of this task's open blockers.
  std::optional<std::int64_t> note_id;
  if (action == NoteAction::kResolve) {
    std::string chosen(text::trim(page.field("note")));
    f.values["note"] = chosen;
    auto blocker = wp.area().blocker_of(*t, chosen);
    if (blocker)
      note_id = blocker->id;
    else
      f.add("note", chosen.empty() ? page.cat.text("field.required")
                                   : site.error_text(page, blocker.error()));
  }
  if (on && site.today() < *on)
    f.add("on", page.cat.text("field.date_in_future", {{"value", on->vietnamese()}}));
  if (f.ok()) {
    const auto& actor = page.username();
    std::optional<Error> failed;
    if (action == NoteAction::kProgress) {
      auto r = wp.service().add_progress(t->id, *on, text, actor, wp.scope());
      if (!r) failed = r.error();
    } else if (action == NoteAction::kBlock) {
      auto r = wp.service().add_blocker(t->id, *on, text, actor, wp.scope());
      if (!r) failed = r.error();
    } else if (action == NoteAction::kCancel) {
      auto r = wp.service().cancel_task(t->id, *on, actor, wp.scope());
      if (!r) failed = r.error();
    } else if (action == NoteAction::kResolve) {
      auto r = wp.service().resolve_blocker(*note_id, *on, actor, wp.scope());
      if (!r) failed = r.error();
    } else {
      auto r = wp.service().complete_task(t->id, *on, actor, wp.scope());
      if (!r) failed = r.error();
    }
    if (!failed) {
      site.data_changed();
      return Site::redirect(task_href(t->id));
    }
    static const Choices kNoteInputs = {{"on", ""}, {"text", ""}, {"note", ""}};
    if (!show_refusal(page, f, *failed, kNoteInputs)) return site.forbidden(page);
    if (auto fresh = wp.service().task(t->id)) t = fresh;
  }
  return task_page(site, page, wp, *t, forms, 422);
}

// The POST of one action on a task (/work/tasks/{id}/progress, ...).
template <NoteAction kAction>
web::Response note_route(Site& site, Page& page) {
  return note_post(site, page, kAction);
}

// ---- GET /work/blockers ----

web::Response blockers(Site& site, Page& page) {
  WorkPages wp(site, page);
  const Date day = site.today();
  json rows = json::array();
  for (auto& b : wp.area().blockers()) {
    rows.push_back(
        {{"on", Site::date(b.blocker.on)},
         {"task", b.task.title},
         {"href", task_href(b.task.id)},
         {"id", b.task.id},
         {"lead_unit", b.lead_unit.name},
         {"text", b.blocker.text},
         {"author", b.blocker.author},
         {"age", page.t("work.blocker_age",
                        {{"days", site.number(page, day.days() - b.blocker.on.days())}})}});
  }
  json view = {{"rows", rows},
               {"caption", count_caption(site, page, static_cast<std::int64_t>(rows.size()),
                                         "work.no_blockers", "work.blockers_found")}};
  return site.render(page, "work_blockers", page.t("work.blockers_title"), std::move(view));
}

// ---- documents ----

// The document of the address, or the answer that refuses it: 404 when unknown, 403 when the
// visitor may not read it (or, to change it, when its issuer is outside their scope).
struct DocumentOrAnswer {
  std::optional<work::Document> doc;
  std::optional<web::Response> answer;
};

DocumentOrAnswer document_of(Site& site, Page& page, WorkPages& wp, bool write) {
  auto d = wp.area().document(page.params.at("id"), write);
  if (!d) return {{}, site.refused(page, d.error())};
  return {std::move(*d), {}};
}

// The button that moves a draft one step on (dự thảo → góp ý → thông qua), for those who may.
json advance_view(const Page& page, WorkPages& wp, const work::Document& d, const Unit* issuer) {
  if (d.status == work::DraftStatus::kAdopted || !wp.can_write() || !issuer ||
      !wp.area().document_writable(d))
    return false;
  bool to_adopted = d.status == work::DraftStatus::kConsultation;
  return {
      {"action", "/work/documents/" + std::to_string(d.id) + "/advance"},
      {"to", to_adopted ? "adopted" : "consultation"},
      {"label", page.t(to_adopted ? "work.advance_to_adopted" : "work.advance_to_consultation")},
      {"csrf", page.visitor.session ? page.visitor.session->csrf_token : ""}};
}

web::Response document_advance(Site& site, Page& page) {
  WorkPages wp(site, page);
  auto found = document_of(site, page, wp, true);
  if (found.answer) return std::move(*found.answer);
  const auto& d = found.doc;
  std::string to_text(text::trim(page.field("to")));
  auto to = work::draft_status_from_code(to_text);
  if (!to)
    return site.error(page, 422, page.cat.text("work.bad_draft_status", {{"value", to_text}}));
  auto r = wp.service().advance_document(d->id, *to, std::nullopt, page.username(), wp.scope());
  if (!r) return site.refused(page, r.error());
  site.data_changed();
  return Site::redirect("/work/documents?year=" + std::to_string(d->issued_on.year()));
}

web::Response documents(Site& site, Page& page) {
  WorkPages wp(site, page);
  std::string year_text = page.query("year");
  auto docs = wp.area().documents(year_text);
  if (!docs) return site.refused(page, docs.error());
  auto task_counts = wp.area().task_counts();
  json rows = json::array();
  for (const auto& d : *docs) {
    const Unit* issuer = wp.unit(d.issuer_unit_id);
    int n = task_counts[d.id];
    rows.push_back(
        {{"id", d.id},
         {"number_symbol", d.number_symbol()},
         {"issued_on", Site::date(d.issued_on)},
         {"kind", wp.kind_label(d.kind)},
         {"title", d.title},
         {"signer", d.signer.empty() ? "—" : d.signer},
         {"issuer", issuer ? issuer->name : d.issuer_symbol},
         {"status", wp.draft_label(d.status)},
         {"advance", advance_view(page, wp, d, issuer)},
         {"file", d.attachment.empty() ? json(false) : json(d.attachment)},
         {"tasks",
          n == 0 ? json(false)
                 : json({{"href", "/work/tasks?document=" + std::to_string(d.id)},
                         {"text", page.t("work.task_count", {{"count", site.number(page, n)}})}})},
         {"new_task_href", wp.can_write() ? json("/work/tasks/new?document=" + std::to_string(d.id))
                                          : json(false)}});
  }
  json view = {{"rows", rows},
               {"year", year_text.empty() ? "" : std::to_string(**areas::year_of(year_text))},
               {"can_create", wp.can_write()},
               {"caption", count_caption(site, page, static_cast<std::int64_t>(rows.size()),
                                         "work.no_documents", "work.documents_found")}};
  return site.render(page, "work_documents", page.t("work.documents_title"), std::move(view));
}

const std::vector<std::pair<std::string, std::string>> kDocOrder = {
    {"kind", "work.f.kind"},
    {"number", "work.f.number"},
    {"issuer_unit_id", "work.f.issuer"},
    {"issued_on", "work.f.issued_on"},
    {"signer", "work.f.signer"},
    {"title", "work.f.doc_title"},
    {"summary", "work.f.summary"},
    {"status", "work.f.draft_status"}};

web::Response document_form(Site& site, Page& page, WorkPages& wp, const FormState& f, int status) {
  std::vector<std::pair<std::string, std::string>> kinds{{"", page.t("form.choose")}};
  for (auto k : kDocKinds)
    kinds.emplace_back(std::string(work::to_code(k)),
                       std::string(work::symbol_of(k)) + " – " + wp.kind_label(k));
  std::vector<std::pair<std::string, std::string>> issuers{{"", page.t("form.choose")}};
  for (auto* u : wp.units_in_scope()) issuers.emplace_back(std::to_string(u->id), u->name);
  std::vector<std::pair<std::string, std::string>> statuses;
  for (auto s :
       {work::DraftStatus::kAdopted, work::DraftStatus::kDraft, work::DraftStatus::kConsultation})
    statuses.emplace_back(std::string(work::to_code(s)), wp.draft_label(s));
  json fields = json::array();
  fields.push_back(
      wp.field(f, "kind", "work.f.kind", true, "select", wp.options(kinds, f.value("kind"))));
  fields.push_back(wp.field(f, "number", "work.f.number", true, "number"));
  fields.push_back(wp.field(f, "issuer_unit_id", "work.f.issuer", true, "select",
                            wp.options(issuers, f.value("issuer_unit_id"))));
  fields.push_back(wp.field(f, "issued_on", "work.f.issued_on", true, "date"));
  fields.push_back(wp.field(f, "signer", "work.f.signer", false, "text"));
  fields.push_back(wp.field(f, "title", "work.f.doc_title", true, "text"));
  fields.push_back(wp.field(f, "summary", "work.f.summary", false, "text"));
  fields.push_back(wp.field(f, "status", "work.f.draft_status", false, "select",
                            wp.options(statuses, f.value("status"))));
  json view = form_view(page, f, fields, kDocOrder);
  return site.render(page, "work_document_new", page.t("work.new_document_title"), std::move(view),
                     status);
}

web::Response document_new(Site& site, Page& page) {
  WorkPages wp(site, page);
  FormState f;
  f.values["issued_on"] = site.today().vietnamese();
  f.values["status"] = "adopted";
  auto in_scope = wp.units_in_scope();
  if (in_scope.size() == 1) f.values["issuer_unit_id"] = std::to_string(in_scope.front()->id);
  return document_form(site, page, wp, f, 200);
}

web::Response document_create(Site& site, Page& page) {
  WorkPages wp(site, page);
  FormState f;
  Document d;
  if (auto k =
          required_field(page, f, "kind", work::document_kind_from_code, "work.bad_document_kind"))
    d.kind = *k;
  if (auto n = required_field(page, f, "number", positive_at_most(1'000'000), "work.bad_number"))
    d.number = static_cast<int>(*n);
  std::string issuer = std::string(text::trim(page.field("issuer_unit_id")));
  f.values["issuer_unit_id"] = issuer;
  const Unit* unit = nullptr;
  if (issuer.empty())
    f.add("issuer_unit_id", page.cat.text("field.required"));
  else if (auto id = positive_id(issuer); id && (unit = wp.unit(*id)))
    d.issuer_unit_id = *id;
  else
    f.add("issuer_unit_id", page.cat.text("work.unit_not_found", {{"id", issuer}}));
  if (unit && !wp.area().reaches(unit->id))
    f.add("issuer_unit_id", page.cat.text("work.unit_out_of_scope", {{"unit", unit->name}}));
  if (unit) d.issuer_symbol = unit->code;
  if (auto on = wp.date_field(f, "issued_on")) d.issued_on = *on;
  d.signer = wp.text_field(f, "signer", false);
  d.title = wp.text_field(f, "title", true);
  d.summary = wp.text_field(f, "summary", false);
  std::string st = std::string(text::trim(page.field("status")));
  f.values["status"] = st;
  if (st.empty())
    d.status = work::DraftStatus::kAdopted;
  else if (auto s = work::draft_status_from_code(st))
    d.status = *s;
  else
    f.add("status", page.cat.text("field.bad_status", {{"value", st}}));
  if (f.ok()) {
    auto added = wp.service().add_document(d, page.username(), wp.scope());
    if (added) {
      site.data_changed();
      return Site::redirect("/work/documents?year=" + std::to_string(added->issued_on.year()));
    }
    if (!show_refusal(page, f, added.error(), kDocOrder, {{"issuer_symbol", "issuer_unit_id"}}))
      return site.forbidden(page);
  }
  return document_form(site, page, wp, f, 422);
}

// ---- the review ----

json review_items(Site& site, Page& page, const std::vector<work::ReviewItem>& items, Date day) {
  json out = json::array();
  for (const auto& it : items) {
    json blockers = json::array();
    for (auto& b : it.blockers) blockers.push_back({{"on", Site::date(b.on)}, {"text", b.text}});
    out.push_back(
        {{"title", it.task.title},
         {"href", task_href(it.task.id)},
         {"lead_unit", it.lead_unit},
         {"source", it.source.empty() ? json(false) : json(it.source)},
         {"due_on", Site::date(it.task.due_on)},
         {"completed_on",
          it.task.completed_on ? json(Site::date(*it.task.completed_on)) : json(false)},
         {"key", it.task.key_task},
         {"days_late", it.days_late > 0 ? json(page.t("work.days_late",
                                                      {{"days", site.number(page, it.days_late)}}))
                                        : json(false)},
         {"carried_from",
          it.carried_from
              ? json(page.t("work.carried_from", {{"year", std::to_string(*it.carried_from)}}))
              : json(false)},
         {"blockers", blockers},
         {"has_blockers", !blockers.empty()}});
  }
  return out;
}

json section(Page& page, const char* id, const char* key, json items) {
  bool empty = items.empty();
  return {{"id", id},
          {"heading", page.t(key)},
          {"count", items.size()},
          {"items", std::move(items)},
          {"empty", empty}};
}

json figures_view(Site& site, Page& page, const work::RegistryFigures& f) {
  if (!f.present) return false;
  static const char* kTypes[] = {"HTX", "LHHTX", "THT"};
  json rows = json::array();
  for (std::size_t i = 0; i < 3; ++i)
    rows.push_back({{"type", kTypes[i]},
                    {"founded", site.number(page, f.founded[i])},
                    {"dissolved", site.number(page, f.dissolved[i])},
                    {"closing", site.number(page, f.closing[i])}});
  json regions = json::array();
  for (auto& r : f.regions)
    regions.push_back({{"name", r.name}, {"founded_htx", site.number(page, r.founded_htx)}});
  return {{"rows", rows}, {"regions", regions}, {"has_regions", !regions.empty()}};
}

json draft_view(const work::DraftReport& d) {
  json body = json::array();
  for (auto& p : d.body) {
    using S = work::DraftParagraph::Style;
    body.push_back({{"text", p.text},
                    {"heading", p.style == S::kHeading},
                    {"subheading", p.style == S::kSubheading},
                    {"bullet", p.style == S::kBullet},
                    {"body", p.style == S::kBody}});
  }
  json issuer = json::array();
  for (auto& l : d.issuer) issuer.push_back(l);
  return {{"issuer", issuer}, {"number_symbol", d.number_symbol}, {"place_date", d.place_date},
          {"title", d.title}, {"subtitle", d.subtitle},           {"body", body}};
}

web::Response review(Site& site, Page& page) {
  WorkPages wp(site, page);
  const Date day = site.today();
  std::string period_text(text::trim(page.query("period")));
  json view;
  if (period_text.empty()) {
    // The month just ended: the office reviews it at the start of the next.
    Date prev = work::first_day(day.year(), day.month()).add_days(-1);
    period_text = areas::ReviewPeriod{prev.year(), prev.month()}.code();
  }
  view["period"] = period_text;
  view["period_error"] = false;
  view["review"] = false;
  auto period = areas::parse_review_period(period_text);
  if (!period) {
    view["period_error"] = page.cat.text("work.bad_review_period", {{"value", period_text}});
    return site.render(page, "work_review", page.t("work.review_title"), std::move(view), 400);
  }
  auto in = wp.area().review_input();
  auto figures =
      wp.area().registry_figures(*site.ctx().geo, *site.ctx().sectors, *period, site.ctx().fund);
  json sections = json::array();
  // One section of the review: its anchor, its heading's key and its items.
  auto add_section = [&](const char* id, const char* key,
                         const std::vector<work::ReviewItem>& items) {
    sections.push_back(section(page, id, key, review_items(site, page, items, day)));
  };
  work::DraftReport draft;
  json counts = false;
  if (period->month == 0) {
    auto r = work::build_year_review(in, period->year, figures);
    draft = work::draft_year_report(r, day);
    counts = {{"key_on_time", site.number(page, r.key_done_on_time)},
              {"key_late", site.number(page, r.key_done_late)},
              {"on_time", site.number(page, r.done_on_time)},
              {"late", site.number(page, r.done_late)},
              {"cancelled", site.number(page, r.cancelled)},
              {"documents", site.number(page, r.documents_issued)}};
    json units = json::array();
    for (auto& u : r.units)
      units.push_back({{"unit", u.unit},
                       {"key_on_time", site.number(page, u.key_on_time)},
                       {"key_late", site.number(page, u.key_late)},
                       {"unfinished", site.number(page, u.unfinished)}});
    view["units"] = units;
    view["has_units"] = !units.empty();
    add_section("review-unfinished", "work.review.unfinished", r.unfinished);
    add_section("review-carried", "work.review.carried_over", r.carried_over);
    view["registry"] = figures_view(site, page, r.registry);
  } else {
    auto r = work::build_month_review(in, period->year, period->month, figures);
    draft = work::draft_month_report(r, day);
    json docs = json::array();
    for (auto& d : r.documents)
      docs.push_back({{"number_symbol", d.number_symbol()},
                      {"issued_on", Site::date(d.issued_on)},
                      {"title", d.title}});
    view["documents"] = docs;
    view["has_documents"] = !docs.empty();
    add_section("review-done-on-time", "work.review.done_on_time", r.done_on_time);
    add_section("review-done-late", "work.review.done_late", r.done_late);
    add_section("review-overdue", "work.review.overdue", r.overdue);
    add_section("review-blocked", "work.review.blocked", r.blocked);
    add_section("review-carried", "work.review.carried_over", r.carried_over);
    add_section("review-next", "work.review.next_key_tasks", r.next_key_tasks);
    view["registry"] = figures_view(site, page, r.registry);
  }
  std::string base = "/work/review/download?period=" + period->code() + "&format=";
  json downloads = json::array();
  for (const char* fmt : kReviewFormats)
    downloads.push_back({{"href", base + fmt},
                         {"id", std::string("download-") + fmt},
                         {"label", page.t(std::string("work.download_") + fmt)}});
  view["review"] = {{"title", draft.subtitle.empty() ? draft.title : draft.subtitle},
                    {"is_year", period->month == 0},
                    {"counts", counts},
                    {"sections", sections},
                    {"downloads", downloads},
                    {"draft", draft_view(draft)}};
  return site.render(page, "work_review", page.t("work.review_title") + " " + period->code(),
                     std::move(view));
}

web::Response review_download(Site& site, Page& page) {
  WorkPages wp(site, page);
  std::string period_text(text::trim(page.query("period")));
  auto period = wp.area().review_period(period_text);
  if (!period) return site.refused(page, period.error());
  std::string format = page.query("format");
  if (std::find(std::begin(kReviewFormats), std::end(kReviewFormats), format) ==
      std::end(kReviewFormats))
    return site.error(page, 400, page.t("work.bad_format", {{"value", format}}));
  std::string name = "danh-gia-cong-tac-" + period->code();
  web::Response r;
  if (format == "json") {
    r = web::Response::json(
        wp.area()
            .review_json(*site.ctx().geo, *site.ctx().sectors, *period, site.ctx().fund)
            .dump(1));
    name += ".json";
  } else {
    auto draft = wp.area().review_draft(*site.ctx().geo, *site.ctx().sectors, *period, site.today(),
                                        site.ctx().fund);
    auto bytes = review_bytes(draft, format, site.today());
    r.status = 200;
    r.content_type = format == "txt" ? "text/plain; charset=utf-8" : review_content_type(format);
    r.body = std::move(bytes);
    name += "." + format;
  }
  r.headers.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

// ---- GET /work/documents/{id}, its file ----

web::Response document_page(Site& site, Page& page, WorkPages& wp, const work::Document& d,
                            const std::string& upload_error, int status) {
  const Unit* issuer = wp.unit(d.issuer_unit_id);
  json fields = json::array();
  auto row = [&](const char* key, std::string value) {
    fields.push_back({{"label", page.t(key)}, {"value", value.empty() ? "—" : std::move(value)}});
  };
  row("work.f.kind", wp.kind_label(d.kind));
  row("work.f.issued_on", Site::date(d.issued_on));
  row("work.f.issuer", issuer ? issuer->name : d.issuer_symbol);
  row("work.f.signer", d.signer);
  row("work.f.summary", d.summary);
  row("work.f.draft_status", wp.draft_label(d.status));
  json file = false;
  if (auto a = wp.service().attachment(d.id))
    file = {{"name", a->file_name},
            {"href", "/work/documents/" + std::to_string(d.id) + "/file"},
            {"size", page.t("work.file_size",
                            {{"kb", site.number(page, static_cast<std::int64_t>(
                                                          (a->content.size() + 1023) / 1024))}})},
            {"recorded", page.t("work.recorded_by", {{"actor", a->recorded_by},
                                                     {"at", site.date_time(a->recorded_at)}})}};
  const int tasks = wp.area().task_counts()[d.id];
  bool writable = wp.can_write() && wp.area().document_writable(d);
  json view = {
      {"number_symbol", d.number_symbol()},
      {"title", d.title},
      {"fields", fields},
      {"file", file},
      {"tasks",
       tasks ? json({{"href", "/work/tasks?document=" + std::to_string(d.id)},
                     {"text", page.t("work.task_count", {{"count", site.number(page, tasks)}})}})
             : json(false)},
      {"can_upload", writable},
      {"upload_error", upload_error.empty() ? json(false) : json(upload_error)},
      {"action", "/work/documents/" + std::to_string(d.id) + "/file"},
      {"csrf", page.visitor.session ? page.visitor.session->csrf_token : ""}};
  return site.render(page, "work_document", d.number_symbol() + " – " + d.title, std::move(view),
                     status);
}

web::Response document_detail(Site& site, Page& page) {
  WorkPages wp(site, page);
  auto found = document_of(site, page, wp, false);
  if (found.answer) return std::move(*found.answer);
  return document_page(site, page, wp, *found.doc, "", 200);
}

web::Response document_file(Site& site, Page& page) {
  WorkPages wp(site, page);
  auto found = document_of(site, page, wp, false);
  if (found.answer) return std::move(*found.answer);
  const auto& d = found.doc;
  auto a = wp.service().attachment(d->id);
  if (!a)
    return site.not_found(
        page, page.cat.text("work.no_attachment", {{"number_symbol", d->number_symbol()}}));
  return web::Response::download(std::move(a->content), a->content_type, a->file_name);
}

web::Response document_attach(Site& site, Page& page) {
  WorkPages wp(site, page);
  auto found = document_of(site, page, wp, true);
  if (found.answer) return std::move(*found.answer);
  const auto& d = found.doc;
  const auto* part = page.upload.find("file");
  if (!part || !part->filename || part->filename->empty())
    return document_page(site, page, wp, *d, page.t("work.choose_file"), 422);
  auto r =
      wp.service().attach_file(d->id, *part->filename, part->data, page.username(), wp.scope());
  if (!r) return document_page(site, page, wp, *d, site.error_text(page, r.error()), 422);
  site.data_changed();
  return Site::redirect("/work/documents/" + std::to_string(d->id));
}

// ---- GET/POST /work/units ----

constexpr work::UnitKind kUnitKinds[] = {work::UnitKind::kNational, work::UnitKind::kDepartment,
                                         work::UnitKind::kAffiliated, work::UnitKind::kProvincial};

const Choices kUnitOrder = {{"code", "work.f.unit_code"},
                            {"name", "work.f.unit_name"},
                            {"kind", "work.f.unit_kind"},
                            {"province_id", "work.f.unit_province"},
                            {"established_on", "work.f.established_on"}};

web::Response units_page(Site& site, Page& page, WorkPages& wp, const FormState& f, int status) {
  json rows = json::array();
  for (const Unit* u : wp.all_units()) {
    std::string where = "—";
    if (!u->province_id.empty()) where = site.province_name(u->province_id);
    if (u->parent_id) where = wp.unit_name(u->parent_id);
    rows.push_back({{"code", u->code},
                    {"name", u->name},
                    {"kind", code_label(page, "work.unit_kind.", u->kind)},
                    {"where", where},
                    {"established_on", u->established_on ? Site::date(*u->established_on) : "—"}});
  }
  json view = {
      {"rows", rows},
      {"caption", page.t("work.units_found",
                         {{"count", site.number(page, static_cast<std::int64_t>(rows.size()))}})},
      {"can_create", AccessPolicy::can_manage_units(page.principal())}};
  if (AccessPolicy::can_manage_units(page.principal())) {
    Choices kinds = {{"", page.t("form.choose")}};
    for (auto k : kUnitKinds)
      kinds.emplace_back(std::string(work::to_code(k)), code_label(page, "work.unit_kind.", k));
    Choices provinces = {{"", page.t("work.no_province")}};
    for (const auto* p : site.ctx().geo->provinces_on(site.today()))
      provinces.emplace_back(p->id, p->name);
    json fields = json::array();
    fields.push_back(form_field(page, f, "code", "work.f.unit_code", true, "text"));
    fields.push_back(form_field(page, f, "name", "work.f.unit_name", true, "text"));
    fields.push_back(form_field(page, f, "kind", "work.f.unit_kind", true, "select",
                                options(kinds, f.value("kind"))));
    fields.push_back(form_field(page, f, "province_id", "work.f.unit_province", false, "select",
                                options(provinces, f.value("province_id"))));
    fields.push_back(form_field(page, f, "established_on", "work.f.established_on", false, "date"));
    view["fields"] = fields;
    view["errors"] = error_summary(page, f, kUnitOrder);
    view["csrf"] = page.visitor.session ? page.visitor.session->csrf_token : "";
  }
  return site.render(page, "work_units", page.t("work.units_title"), std::move(view), status);
}

web::Response units(Site& site, Page& page) {
  WorkPages wp(site, page);
  return units_page(site, page, wp, FormState{}, 200);
}

web::Response unit_create(Site& site, Page& page) {
  WorkPages wp(site, page);
  FormState f;
  Unit u;
  u.code = text_field(page, f, "code", true);
  u.name = text_field(page, f, "name", true);
  std::string kind = text_field(page, f, "kind", true);
  if (!kind.empty()) {
    if (auto k = work::unit_kind_from_code(kind))
      u.kind = *k;
    else
      f.add("kind", page.cat.text("work.bad_unit_kind", {{"value", kind}}));
  }
  std::string province = text_field(page, f, "province_id", false);
  if (!province.empty()) {
    if (site.ctx().geo->province(province))
      u.province_id = province;
    else
      f.add("province_id", page.cat.text("work.unknown_province", {{"value", province}}));
  }
  if (!text::trim(page.field("established_on")).empty()) {
    u.established_on = date_field(page, f, "established_on");
    if (u.established_on && site.today() < *u.established_on)
      f.add("established_on",
            page.cat.text("field.date_in_future", {{"value", u.established_on->vietnamese()}}));
  }
  if (u.kind == work::UnitKind::kDepartment || u.kind == work::UnitKind::kAffiliated)
    for (const Unit* other : wp.all_units())
      if (other->kind == work::UnitKind::kNational && !u.parent_id) u.parent_id = other->id;
  if (f.ok()) {
    auto added = wp.service().add_unit(u, page.username(), wp.scope());
    if (added) {
      site.data_changed();
      return Site::redirect("/work/units");
    }
    if (!show_refusal(page, f, added.error(), kUnitOrder)) return site.forbidden(page);
  }
  return units_page(site, page, wp, f, 422);
}

}  // namespace

void register_work_pages(Site& site, web::Router& router) {
  // Those who read the work programme see these pages; those who write it use the forms.
  const auto reads = reads_work;
  const auto writes = writes_work;
  add_pages(
      site, router,
      {{.path = "/work", .get = reads(home)},
       {.path = "/work/tasks", .get = reads(tasks), .post = writes(task_create)},
       {.path = "/work/tasks/new", .get = writes(task_new)},
       {.path = "/work/tasks/{id}", .get = reads(task_detail)},
       {.path = "/work/tasks/{id}/progress", .post = writes(note_route<NoteAction::kProgress>)},
       {.path = "/work/tasks/{id}/block", .post = writes(note_route<NoteAction::kBlock>)},
       {.path = "/work/tasks/{id}/done", .post = writes(note_route<NoteAction::kDone>)},
       {.path = "/work/tasks/{id}/cancel", .post = writes(note_route<NoteAction::kCancel>)},
       {.path = "/work/tasks/{id}/resolve", .post = writes(note_route<NoteAction::kResolve>)},
       {.path = "/work/blockers", .get = reads(blockers)},
       {.path = "/work/documents", .get = reads(documents), .post = writes(document_create)},
       {.path = "/work/documents/new", .get = writes(document_new)},
       {.path = "/work/documents/{id}/advance", .post = writes(document_advance)},
       {.path = "/work/documents/{id}", .get = reads(document_detail)},
       {.path = "/work/documents/{id}/file",
        .get = reads(document_file),
        .post = writes(document_attach),
        .post_kind = Site::Post::kMultipart},
       {.path = "/work/units",
        .get = reads(units),
        .post = guarded(AccessPolicy::can_manage_units, unit_create)},
       {.path = "/work/review", .get = reads(review)},
       {.path = "/work/review/download", .get = reads(review_download)}});
}

}  // namespace htx::webapp
