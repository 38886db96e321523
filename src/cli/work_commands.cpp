#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>

#include "areas/work_area.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/refusal.hpp"
#include "cli/text_table.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "exchange/work_report_docx.hpp"
#include "work/review.hpp"
#include "work/rules.hpp"
#include "work/work_service.hpp"

namespace htx::cli {

namespace {

std::optional<Date> parse_date(const std::string& text) {
  return Date::parse(std::string(text::trim(text)));
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// What the work programme's commands were given.
struct WorkArgs {
  std::string period, format = "text", output, date;
  bool format_given = false;  // --format given (else an output file ending in .docx asks for it)
  std::string doc_file, doc_id, doc_status, doc_meeting;
  bool doc_draft = false;
  std::string doc_kind, doc_number, doc_issuer, doc_signer, doc_summary, doc_title, year;
  std::string unit_code, unit_name, unit_kind, unit_province, unit_established;
  std::string task_title, lead, owner, start, due, task_document;
  std::vector<std::string> with;
  bool key = false;
  std::string status, unit;
  bool overdue = false;
  std::string task_id, note_text;
};

areas::WorkArea work_area(const CommandContext& x) {
  return areas::WorkArea(x.db(), default_clock(), areas::operator_caller(x.actor));
}

int review(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a, const CommandContext& x) {
  auto period = w.review_period(a.period);
  if (!period) return refuse(c, period.error());
  Date dated = default_clock().today();
  if (!a.date.empty()) {
    auto parsed = parse_date(a.date);
    if (!parsed) return refuse(c, Error("work.bad_date", {{"value", a.date}}), kUsage);
    dated = *parsed;
  }
  // An output file ending in .docx asks for the .docx unless --format says otherwise.
  std::string format = a.format;
  if (!a.format_given && ends_with(text::fold(a.output), ".docx")) format = "docx";
  if (format == "docx" && a.output.empty())
    return refuse(c, Error("work.docx_needs_output"), kUsage);

  std::string out;
  std::optional<work::DraftReport> draft;
  if (format == "json")
    out = w.review_json(x.geo, x.sectors, *period, &x.fund).dump(1) + "\n";
  else
    draft = w.review_draft(x.geo, x.sectors, *period, dated, &x.fund);
  if (draft && format == "docx") {
    exchange::ReportDocxOptions options;
    options.created = dated.iso() + "T00:00:00Z";
    out = exchange::docx_bytes(exchange::report_docx(*draft, options));
  } else if (draft) {
    out = work::to_text(*draft);
  }
  if (a.output.empty()) {
    std::cout << out;
    return kOk;
  }
  std::ofstream f(a.output, std::ios::binary | std::ios::trunc);
  f << out;
  f.close();
  if (!f) return refuse(c, Error("file.cannot_write", {{"file", a.output}}), kRefused);
  return kOk;
}

int list_documents(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
                   const CommandContext& x) {
  auto year = areas::year_of(a.year);
  if (!year) return refuse(c, year.error());
  int shown = 0;
  for (const auto& d : w.service().documents()) {
    if (*year && d.issued_on.year() != **year) continue;
    std::cout << pad(std::to_string(d.id), 5) << pad(d.number_symbol(), 20)
              << pad(d.issued_on.vietnamese(), 12) << pad(d.signer, 24) << d.title << "\n";
    ++shown;
  }
  if (shown == 0) std::cout << c.text("work.no_documents") << "\n";
  return kOk;
}

// A command on one document (attach, file, advance), its ID checked first.
using OnDocument = int (*)(const i18n::Catalog&, areas::WorkArea&, const WorkArgs&,
                           const CommandContext&, std::int64_t id);
template <OnDocument step>
int on_document(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
                const CommandContext& x) {
  auto id = areas::positive_id(a.doc_id);
  if (!id) return refuse(c, Error("work.bad_id", {{"value", a.doc_id}}), kUsage);
  return step(c, w, a, x, *id);
}

int attach_document(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
                    const CommandContext& x, std::int64_t id) {
  std::ifstream in(a.doc_file, std::ios::binary);
  if (!in) return refuse(c, Error("file.cannot_open", {{"file", a.doc_file}}), kRefused);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto r = w.service().attach_file(id, a.doc_file, std::move(bytes), x.actor, w.scope());
  if (!r) return refuse(c, r.error());
  auto file = w.service().attachment(id);
  std::cout << c.text("work.attached",
                      {{"file", file->file_name},
                       {"size", text::format_int(static_cast<std::int64_t>(file->content.size()))},
                       {"number_symbol", r->number_symbol()}})
            << "\n";
  return kOk;
}

int save_attachment(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
                    const CommandContext& x, std::int64_t id) {
  auto doc = w.service().document(id);
  if (!doc) return refuse(c, Error("work.document_not_found", {{"id", a.doc_id}}), kRefused);
  auto file = w.service().attachment(id);
  if (!file)
    return refuse(c, Error("work.no_attachment", {{"number_symbol", doc->number_symbol()}}),
                  kRefused);
  std::ofstream f(a.output, std::ios::binary | std::ios::trunc);
  f << file->content;
  f.close();
  if (!f) return refuse(c, Error("file.cannot_write", {{"file", a.output}}), kRefused);
  std::cout << c.text("work.attachment_saved", {{"file", file->file_name},
                                                {"number_symbol", doc->number_symbol()},
                                                {"path", a.output}})
            << "\n";
  return kOk;
}

int advance_document(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
                     const CommandContext& x, std::int64_t id) {
  // The code ("adopted") or the Vietnamese name, with or without diacritics ("thong qua").
  std::string wanted = text::fold(text::trim(a.doc_status));
  auto to = work::draft_status_from_code(wanted);
  for (auto st :
       {work::DraftStatus::kDraft, work::DraftStatus::kConsultation, work::DraftStatus::kAdopted})
    if (!to && text::fold(work::vietnamese_name(st)) == wanted) to = st;
  if (!to) return refuse(c, Error("work.bad_draft_status", {{"value", a.doc_status}}), kUsage);
  std::optional<std::int64_t> meeting;
  if (!a.doc_meeting.empty()) {
    meeting = areas::positive_id(a.doc_meeting);
    if (!meeting) return refuse(c, Error("work.bad_id", {{"value", a.doc_meeting}}), kUsage);
  }
  auto changed = w.service().advance_document(id, *to, meeting, x.actor, w.scope());
  if (!changed) return refuse(c, changed.error());
  std::cout << c.text("work.document_advanced",
                      {{"number_symbol", changed->number_symbol()},
                       {"status", std::string(work::vietnamese_name(changed->status))}})
            << "\n";
  return kOk;
}

int add_document(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
                 const CommandContext& x) {
  std::string kind_text = text::to_nfc(text::trim(a.doc_kind));
  auto kind = work::document_kind_from_symbol(exchange::vietnamese_upper(kind_text));
  if (!kind) kind = work::document_kind_from_code(text::fold(kind_text));
  if (!kind) return refuse(c, Error("work.bad_document_kind", {{"value", a.doc_kind}}), kUsage);
  auto number = areas::positive_id(a.doc_number);
  if (!number || *number > 1000000)
    return refuse(c, Error("work.bad_number", {{"value", a.doc_number}}), kUsage);
  auto issued_on = parse_date(a.date);
  if (!issued_on) return refuse(c, Error("work.bad_date", {{"value", a.date}}), kUsage);
  auto issuer = w.unit_by_code(a.doc_issuer);
  if (!issuer) return refuse(c, issuer.error());
  work::Document doc;
  doc.kind = *kind;
  doc.number = static_cast<int>(*number);
  doc.issuer_symbol = (*issuer)->code;
  doc.issuer_unit_id = (*issuer)->id;
  doc.issued_on = *issued_on;
  doc.signer = a.doc_signer;
  doc.summary = a.doc_summary;
  doc.title = text::trim(a.doc_title).empty() ? a.doc_summary : a.doc_title;
  if (a.doc_draft) doc.status = work::DraftStatus::kDraft;
  auto added = w.service().add_document(doc, x.actor, w.scope());
  if (!added) return refuse(c, added.error());
  std::cout << c.text("work.document_added", {{"number_symbol", added->number_symbol()},
                                              {"id", std::to_string(added->id)},
                                              {"date", added->issued_on.vietnamese()}})
            << "\n";
  return kOk;
}

int add_task(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
             const CommandContext& x) {
  auto start = parse_date(a.start);
  if (!start) return refuse(c, Error("work.bad_date", {{"value", a.start}}), kUsage);
  auto due = parse_date(a.due);
  if (!due) return refuse(c, Error("work.bad_date", {{"value", a.due}}), kUsage);
  std::optional<std::int64_t> document_id;
  if (!a.task_document.empty()) {
    document_id = areas::positive_id(a.task_document);
    if (!document_id) return refuse(c, Error("work.bad_id", {{"value", a.task_document}}), kUsage);
  }
  auto lead = w.unit_by_code(a.lead);
  if (!lead) return refuse(c, lead.error());
  work::Task task;
  task.title = a.task_title;
  task.lead_unit_id = (*lead)->id;
  for (const auto& code : a.with) {
    auto u = w.unit_by_code(code);
    if (!u) return refuse(c, u.error());
    task.cooperating_unit_ids.push_back((*u)->id);
  }
  task.owner = a.owner;
  task.start_on = *start;
  task.due_on = *due;
  task.key_task = a.key;
  task.document_id = document_id;
  auto added = w.service().add_task(task, x.actor, w.scope());
  if (!added) return refuse(c, added.error());
  std::cout << c.text("work.task_added", {{"id", std::to_string(added->id)},
                                          {"title", added->title},
                                          {"due", added->due_on.vietnamese()}})
            << "\n";
  return kOk;
}

int list_tasks(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
               const CommandContext& x) {
  const Date today = w.today();
  areas::TaskFilter filter;
  filter.status = std::string(text::trim(a.status));
  filter.unit = a.unit;
  filter.overdue = a.overdue;
  auto tasks = w.tasks(filter);
  if (!tasks) return refuse(c, tasks.error());
  std::map<std::int64_t, std::string> codes;
  for (const auto& u : w.service().units()) codes[u.id] = u.code;
  int shown = 0;
  for (const auto& t : *tasks) {
    bool late = work::overdue_on(t, today);
    std::string line = pad(std::to_string(t.id), 6) +
                       pad(std::string(work::vietnamese_name(t.status)), 16) +
                       pad(t.due_on.vietnamese(), 12) + pad(codes[t.lead_unit_id], 10) +
                       (t.key_task ? "* " : "  ") + t.title;
    if (late)
      line += " (" +
              c.text("work.overdue_days", {{"days", std::to_string(work::days_late(t, today))}}) +
              ")";
    if (work::carried_over_from(t, work::first_day(today.year(), 1)))
      line += " (" + work::carry_over_text(t, work::first_day(today.year(), 1)) + ")";
    std::cout << line << "\n";
    ++shown;
  }
  if (shown == 0) std::cout << c.text("work.no_tasks") << "\n";
  return kOk;
}

int list_blockers(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
                  const CommandContext& x) {
  const Date today = w.today();
  auto open = w.service().open_blockers();
  if (open.empty()) {
    std::cout << c.text("work.no_blockers") << "\n";
    return kOk;
  }
  std::cout << c.text("work.blockers_title") << "\n";
  for (const auto& b : open)
    std::cout << pad(b.blocker.on.vietnamese(), 12) << pad("#" + std::to_string(b.task.id), 6)
              << pad(b.lead_unit.code, 10) << b.task.title << ": " << b.blocker.text << " ("
              << c.text("work.blocker_age",
                        {{"days", std::to_string(today.days() - b.blocker.on.days())}})
              << ") [" << c.text("work.blocker_number", {{"id", std::to_string(b.blocker.id)}})
              << "]\n";
  return kOk;
}

// The commands on one task (a blocker for `resolve`) at a date.
enum class Dated { kProgress, kBlock, kDone, kCancel, kResolve };

int dated(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a, const CommandContext& x,
          Dated step) {
  // ID and --date.
  auto id = areas::positive_id(a.task_id);
  if (!id) return refuse(c, Error("work.bad_id", {{"value", a.task_id}}), kUsage);
  auto on = parse_date(a.date);
  if (!on) return refuse(c, Error("work.bad_date", {{"value", a.date}}), kUsage);
  // The step's answer: its refusal, or the catalogue's `key` with the id, the date and `more`.
  auto answer = [&](const auto& done, const char* key,
                    std::map<std::string, std::string> more = {}) {
    if (!done) return refuse(c, done.error());
    more.emplace("id", std::to_string(*id));
    more.emplace("date", on->vietnamese());
    std::cout << c.text(key, more) << "\n";
    return kOk;
  };
  auto& service = w.service();
  switch (step) {
    case Dated::kProgress:
      return answer(service.add_progress(*id, *on, a.note_text, x.actor, w.scope()),
                    "work.progress_added");
    case Dated::kBlock:
      return answer(service.add_blocker(*id, *on, a.note_text, x.actor, w.scope()),
                    "work.blocker_added");
    case Dated::kCancel:
      return answer(service.cancel_task(*id, *on, x.actor, w.scope()), "work.task_cancelled");
    case Dated::kResolve: {
      auto resolved = service.resolve_blocker(*id, *on, x.actor, w.scope());
      if (!resolved) return refuse(c, resolved.error());
      return answer(resolved, "work.blocker_resolved_now",
                    {{"task", std::to_string(resolved->task_id)}});
    }
    case Dated::kDone: {
      auto done = service.complete_task(*id, *on, x.actor, w.scope());
      if (!done) return refuse(c, done.error());
      if (work::on_time(*done)) return answer(done, "work.task_done_on_time");
      return answer(done, "work.task_done_late",
                    {{"days", std::to_string(work::days_late(*done, *on))}});
    }
  }
  return kUsage;
}

int list_units(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
               const CommandContext& x) {
  std::map<std::int64_t, std::string> codes;
  auto units = w.service().units();
  for (const auto& u : units) codes[u.id] = u.code;
  for (const auto& u : units) {
    std::string where;
    if (const auto* p = x.geo.province(u.province_id)) where = p->name;
    if (u.parent_id) where = codes[u.parent_id];
    std::cout << pad(u.code, 12) << pad(std::string(work::to_code(u.kind)), 12) << pad(where, 16)
              << pad(u.established_on ? u.established_on->vietnamese() : "", 12) << u.name << "\n";
  }
  if (units.empty()) std::cout << c.text("work.no_units") << "\n";
  return kOk;
}

int add_unit(const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& a,
             const CommandContext& x) {
  auto kind = work::unit_kind_from_code(text::fold(text::trim(a.unit_kind)));
  if (!kind) return refuse(c, Error("work.bad_unit_kind", {{"value", a.unit_kind}}), kUsage);
  work::Unit unit;
  unit.code = a.unit_code;
  unit.name = a.unit_name;
  unit.kind = *kind;
  const Date today = default_clock().today();
  if (!a.unit_established.empty()) {
    auto on = parse_date(a.unit_established);
    if (!on) return refuse(c, Error("work.bad_date", {{"value", a.unit_established}}), kUsage);
    if (today < *on)
      return refuse(c, Error("field.date_in_future", {{"value", on->vietnamese()}}), kUsage);
    unit.established_on = on;
  }
  if (!a.unit_province.empty()) {
    // A name or code, on the set valid when the unit was established (today when not given).
    const auto* p = x.geo.resolve(a.unit_province, unit.established_on.value_or(today));
    if (!p) return refuse(c, Error("work.unknown_province", {{"value", a.unit_province}}), kUsage);
    unit.province_id = p->id;
  }
  // Departments and affiliated units belong to the national alliance.
  if (*kind == work::UnitKind::kDepartment || *kind == work::UnitKind::kAffiliated)
    for (const auto& u : w.service().units())
      if (u.kind == work::UnitKind::kNational && !unit.parent_id) unit.parent_id = u.id;
  auto added = w.service().add_unit(unit, x.actor, w.scope());
  if (!added) return refuse(c, added.error());
  std::cout << c.text("work.unit_added", {{"code", added->code}, {"name", added->name}}) << "\n";
  return kOk;
}

}  // namespace

void add_work_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog) {
  auto& a = table.hold<WorkArgs>();
  auto t = [&](const char* key) { return catalog.text(key); };
  // A command `name` of `parent` and its work over the area, given the catalogue first (every
  // one writes with it).
  auto on = [&](CLI::App* parent, const char* name, const char* help, auto step) {
    auto* cmd = parent->add_subcommand(name, t(help));
    table.on(cmd, over(work_area, a,
                       [step](const CommandContext& x, areas::WorkArea& w, const WorkArgs& args) {
                         return step(x.catalog, w, args, x);
                       }));
    return cmd;
  };
  auto group = [&](const char* name, const char* help) {
    auto* cmd = app.add_subcommand(name, t(help));
    cmd->require_subcommand(1);
    return cmd;
  };
  auto* review_cmd = on(&app, "review", "work.cli.cmd_review",
                        [](const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& args,
                           const CommandContext& x) { return review(c, w, args, x); });
  review_cmd->add_option("PERIOD", a.period, t("work.cli.arg_period"))->required();
  review_cmd->add_option("--format", a.format, t("work.cli.opt_format"))
      ->check(CLI::IsMember({"text", "json", "docx"}))
      ->each([&a](const std::string&) { a.format_given = true; });
  review_cmd->add_option("-o,--output", a.output, t("work.cli.opt_output"));
  review_cmd->add_option("--date", a.date, t("work.cli.opt_date"));

  auto* document = group("document", "work.cli.cmd_document");
  auto* document_add = on(document, "add", "work.cli.cmd_document_add", add_document);
  auto* document_list = on(document, "list", "work.cli.cmd_document_list", list_documents);
  auto* document_attach =
      on(document, "attach", "work.cli.cmd_document_attach", on_document<attach_document>);
  auto* document_file =
      on(document, "file", "work.cli.cmd_document_file", on_document<save_attachment>);
  auto* document_advance =
      on(document, "advance", "work.cli.cmd_document_advance", on_document<advance_document>);

  auto* unit_cmd = group("unit", "work.cli.cmd_unit");
  auto* unit_add = on(unit_cmd, "add", "work.cli.cmd_unit_add", add_unit);
  on(unit_cmd, "list", "work.cli.cmd_unit_list", list_units);

  auto* task = group("task", "work.cli.cmd_task");
  auto* task_add = on(task, "add", "work.cli.cmd_task_add", add_task);
  auto* task_list = on(task, "list", "work.cli.cmd_task_list", list_tasks);
  // The commands on one task (a blocker for `resolve`) at a date: ID [TEXT] --date.
  struct DatedCommand {
    const char* name;
    Dated step;
    const char* id_name;
    const char* id_help;
    const char* date_help;
  };
  for (const auto& d :
       {DatedCommand{"progress", Dated::kProgress, "ID", "work.cli.arg_task_id",
                     "work.cli.opt_note_date"},
        DatedCommand{"block", Dated::kBlock, "ID", "work.cli.arg_task_id",
                     "work.cli.opt_note_date"},
        DatedCommand{"done", Dated::kDone, "ID", "work.cli.arg_task_id", "work.cli.opt_done_date"},
        DatedCommand{"cancel", Dated::kCancel, "ID", "work.cli.arg_task_id",
                     "work.cli.opt_cancel_date"},
        DatedCommand{"resolve", Dated::kResolve, "BLOCKER", "work.cli.arg_blocker_id",
                     "work.cli.opt_resolve_date"}}) {
    const std::string help = "work.cli.cmd_task_" + std::string(d.name);
    auto* cmd = on(task, d.name, help.c_str(),
                   [step = d.step](const i18n::Catalog& c, areas::WorkArea& w, const WorkArgs& args,
                                   const CommandContext& x) { return dated(c, w, args, x, step); });
    cmd->add_option(d.id_name, a.task_id, t(d.id_help))->required();
    if (d.step == Dated::kProgress || d.step == Dated::kBlock)
      cmd->add_option("TEXT", a.note_text, t("work.cli.arg_text"))->required();
    cmd->add_option("--date", a.date, t(d.date_help))->required();
  }
  on(task, "blockers", "work.cli.cmd_task_blockers", list_blockers);

  add_options(catalog,
              {{document_add, "--kind", &a.doc_kind, "work.cli.opt_kind", kRequired},
               {document_add, "--number", &a.doc_number, "work.cli.opt_number", kRequired},
               {document_add, "--issuer", &a.doc_issuer, "work.cli.opt_issuer", kRequired},
               {document_add, "--date", &a.date, "work.cli.opt_issued_on", kRequired},
               {document_add, "--signer", &a.doc_signer, "work.cli.opt_signer"},
               {document_add, "--summary", &a.doc_summary, "work.cli.opt_summary"},
               {document_add, "--title", &a.doc_title, "work.cli.opt_doc_title"},
               {document_add, "--draft", &a.doc_draft, "work.cli.opt_draft"},
               {document_list, "--year", &a.year, "work.cli.opt_year"},
               {document_attach, "ID", &a.doc_id, "work.cli.arg_document_id", kRequired},
               {document_attach, "FILE", &a.doc_file, "work.cli.arg_file", kRequired},
               {document_file, "ID", &a.doc_id, "work.cli.arg_document_id", kRequired},
               {document_file, "-o,--output", &a.output, "work.cli.opt_output", kRequired},
               {document_advance, "ID", &a.doc_id, "work.cli.arg_document_id", kRequired},
               {document_advance, "--to", &a.doc_status, "work.cli.opt_to_status", kRequired},
               {document_advance, "--meeting", &a.doc_meeting, "work.cli.opt_meeting"},
               {unit_add, "--code", &a.unit_code, "work.cli.opt_unit_code", kRequired},
               {unit_add, "--name", &a.unit_name, "work.cli.opt_unit_name", kRequired},
               {unit_add, "--kind", &a.unit_kind, "work.cli.opt_unit_kind", kRequired},
               {unit_add, "--province", &a.unit_province, "work.cli.opt_unit_province"},
               {unit_add, "--established", &a.unit_established, "work.cli.opt_unit_established"},
               {task_add, "--title", &a.task_title, "work.cli.opt_task_title", kRequired},
               {task_add, "--lead", &a.lead, "work.cli.opt_lead", kRequired},
               {task_add, "--with", &a.with, "work.cli.opt_with"},
               {task_add, "--owner", &a.owner, "work.cli.opt_owner"},
               {task_add, "--start", &a.start, "work.cli.opt_start", kRequired},
               {task_add, "--due", &a.due, "work.cli.opt_due", kRequired},
               {task_add, "--key", &a.key, "work.cli.opt_key"},
               {task_add, "--document", &a.task_document, "work.cli.opt_document"},
               {task_list, "--status", &a.status, "work.cli.opt_status"},
               {task_list, "--overdue", &a.overdue, "work.cli.opt_overdue"},
               {task_list, "--unit", &a.unit, "work.cli.opt_unit"}});
}

}  // namespace htx::cli
