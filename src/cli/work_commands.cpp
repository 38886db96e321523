#include "cli/work_commands.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>

#include "areas/work_area.hpp"
#include "cli/options.hpp"
#include "cli/refusal.hpp"
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

// Display width of UTF-8 text, counting code points (Vietnamese in NFC is one each).
std::size_t width_of(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

std::string pad(const std::string& s, std::size_t width) {
  auto n = width_of(s);
  return n >= width ? s : s + std::string(width - n, ' ');
}

}  // namespace

void WorkCommands::add_to(CLI::App& app, const i18n::Catalog& catalog) {
  auto t = [&](const char* key) { return catalog.text(key); };
  review_ = app.add_subcommand("review", t("work.cli.cmd_review"));
  review_->add_option("PERIOD", period_, t("work.cli.arg_period"))->required();
  review_->add_option("--format", format_, t("work.cli.opt_format"))
      ->check(CLI::IsMember({"text", "json", "docx"}));
  review_->add_option("-o,--output", output_, t("work.cli.opt_output"));
  review_->add_option("--date", date_, t("work.cli.opt_date"));
  document_ = app.add_subcommand("document", t("work.cli.cmd_document"));
  document_->require_subcommand(1);
  document_add_ = document_->add_subcommand("add", t("work.cli.cmd_document_add"));
  document_list_ = document_->add_subcommand("list", t("work.cli.cmd_document_list"));
  document_attach_ = document_->add_subcommand("attach", t("work.cli.cmd_document_attach"));
  document_file_ = document_->add_subcommand("file", t("work.cli.cmd_document_file"));
  document_advance_ = document_->add_subcommand("advance", t("work.cli.cmd_document_advance"));
  unit_cmd_ = app.add_subcommand("unit", t("work.cli.cmd_unit"));
  unit_cmd_->require_subcommand(1);
  unit_add_ = unit_cmd_->add_subcommand("add", t("work.cli.cmd_unit_add"));
  unit_list_ = unit_cmd_->add_subcommand("list", t("work.cli.cmd_unit_list"));
  task_ = app.add_subcommand("task", t("work.cli.cmd_task"));
  task_->require_subcommand(1);
  task_add_ = task_->add_subcommand("add", t("work.cli.cmd_task_add"));
  task_list_ = task_->add_subcommand("list", t("work.cli.cmd_task_list"));
  task_progress_ = task_->add_subcommand("progress", t("work.cli.cmd_task_progress"));
  task_block_ = task_->add_subcommand("block", t("work.cli.cmd_task_block"));
  task_done_ = task_->add_subcommand("done", t("work.cli.cmd_task_done"));
  task_cancel_ = task_->add_subcommand("cancel", t("work.cli.cmd_task_cancel"));
  task_resolve_ = task_->add_subcommand("resolve", t("work.cli.cmd_task_resolve"));
  task_blockers_ = task_->add_subcommand("blockers", t("work.cli.cmd_task_blockers"));
  add_options(catalog,
              {{document_add_, "--kind", &doc_kind_, "work.cli.opt_kind", kRequired},
               {document_add_, "--number", &doc_number_, "work.cli.opt_number", kRequired},
               {document_add_, "--issuer", &doc_issuer_, "work.cli.opt_issuer", kRequired},
               {document_add_, "--date", &date_, "work.cli.opt_issued_on", kRequired},
               {document_add_, "--signer", &doc_signer_, "work.cli.opt_signer"},
               {document_add_, "--summary", &doc_summary_, "work.cli.opt_summary"},
               {document_add_, "--title", &doc_title_, "work.cli.opt_doc_title"},
               {document_add_, "--draft", &doc_draft_, "work.cli.opt_draft"},
               {document_list_, "--year", &year_, "work.cli.opt_year"},
               {document_attach_, "ID", &doc_id_, "work.cli.arg_document_id", kRequired},
               {document_attach_, "FILE", &doc_file_, "work.cli.arg_file", kRequired},
               {document_file_, "ID", &doc_id_, "work.cli.arg_document_id", kRequired},
               {document_file_, "-o,--output", &output_, "work.cli.opt_output", kRequired},
               {document_advance_, "ID", &doc_id_, "work.cli.arg_document_id", kRequired},
               {document_advance_, "--to", &doc_status_, "work.cli.opt_to_status", kRequired},
               {document_advance_, "--meeting", &doc_meeting_, "work.cli.opt_meeting"},
               {unit_add_, "--code", &unit_code_, "work.cli.opt_unit_code", kRequired},
               {unit_add_, "--name", &unit_name_, "work.cli.opt_unit_name", kRequired},
               {unit_add_, "--kind", &unit_kind_, "work.cli.opt_unit_kind", kRequired},
               {unit_add_, "--province", &unit_province_, "work.cli.opt_unit_province"},
               {unit_add_, "--established", &unit_established_, "work.cli.opt_unit_established"},
               {task_add_, "--title", &task_title_, "work.cli.opt_task_title", kRequired},
               {task_add_, "--lead", &lead_, "work.cli.opt_lead", kRequired},
               {task_add_, "--with", &with_, "work.cli.opt_with"},
               {task_add_, "--owner", &owner_, "work.cli.opt_owner"},
               {task_add_, "--start", &start_, "work.cli.opt_start", kRequired},
               {task_add_, "--due", &due_, "work.cli.opt_due", kRequired},
               {task_add_, "--key", &key_, "work.cli.opt_key"},
               {task_add_, "--document", &task_document_, "work.cli.opt_document"},
               {task_list_, "--status", &status_, "work.cli.opt_status"},
               {task_list_, "--overdue", &overdue_, "work.cli.opt_overdue"},
               {task_list_, "--unit", &unit_, "work.cli.opt_unit"},
               {task_progress_, "ID", &task_id_, "work.cli.arg_task_id", kRequired},
               {task_progress_, "TEXT", &note_text_, "work.cli.arg_text", kRequired},
               {task_progress_, "--date", &date_, "work.cli.opt_note_date", kRequired},
               {task_block_, "ID", &task_id_, "work.cli.arg_task_id", kRequired},
               {task_block_, "TEXT", &note_text_, "work.cli.arg_text", kRequired},
               {task_block_, "--date", &date_, "work.cli.opt_note_date", kRequired},
               {task_done_, "ID", &task_id_, "work.cli.arg_task_id", kRequired},
               {task_done_, "--date", &date_, "work.cli.opt_done_date", kRequired},
               {task_cancel_, "ID", &task_id_, "work.cli.arg_task_id", kRequired},
               {task_cancel_, "--date", &date_, "work.cli.opt_cancel_date", kRequired},
               {task_resolve_, "BLOCKER", &task_id_, "work.cli.arg_blocker_id", kRequired},
               {task_resolve_, "--date", &date_, "work.cli.opt_resolve_date", kRequired}});
}

bool WorkCommands::chosen() const {
  return (review_ && review_->parsed()) || (document_ && document_->parsed()) ||
         (task_ && task_->parsed()) || (unit_cmd_ && unit_cmd_->parsed());
}

int WorkCommands::run(store::Database& db, const i18n::Catalog& catalog, const geo::Geography& geo,
                      const registry::Sectors& sectors, const std::string& actor,
                      const fund::FundRules* fund) {
  fund_ = fund;
  areas::WorkArea w(db, default_clock(), areas::operator_caller(actor));
  if (review_ && review_->parsed()) return run_review(w, catalog, geo, sectors);
  if (document_ && document_->parsed()) return run_document(w, catalog, actor);
  if (task_ && task_->parsed()) return run_task(w, catalog, actor);
  if (unit_cmd_ && unit_cmd_->parsed()) return run_unit(w, catalog, geo, actor);
  return kUsage;
}

int WorkCommands::run_review(areas::WorkArea& w, const i18n::Catalog& catalog,
                             const geo::Geography& geo, const registry::Sectors& sectors) {
  auto period = w.review_period(period_);
  if (!period) return refuse(catalog, period.error());
  Date dated = default_clock().today();
  if (!date_.empty()) {
    auto parsed = parse_date(date_);
    if (!parsed) return refuse(catalog, Error("work.bad_date", {{"value", date_}}), kUsage);
    dated = *parsed;
  }
  // An output file ending in .docx asks for the .docx unless --format says otherwise.
  bool format_given = review_->get_option("--format")->count() > 0;
  std::string format = format_;
  if (!format_given && ends_with(text::fold(output_), ".docx")) format = "docx";
  if (format == "docx" && output_.empty())
    return refuse(catalog, Error("work.docx_needs_output"), kUsage);

  std::string out;
  std::optional<work::DraftReport> draft;
  if (format == "json")
    out = w.review_json(geo, sectors, *period, fund_).dump(1) + "\n";
  else
    draft = w.review_draft(geo, sectors, *period, dated, fund_);
  if (draft && format == "docx") {
    exchange::ReportDocxOptions options;
    options.created = dated.iso() + "T00:00:00Z";
    out = exchange::docx_bytes(exchange::report_docx(*draft, options));
  } else if (draft) {
    out = work::to_text(*draft);
  }
  if (output_.empty()) {
    std::cout << out;
    return kOk;
  }
  std::ofstream f(output_, std::ios::binary | std::ios::trunc);
  f << out;
  f.close();
  if (!f) return refuse(catalog, Error("file.cannot_write", {{"file", output_}}), kRefused);
  return kOk;
}

int WorkCommands::run_document(areas::WorkArea& w, const i18n::Catalog& catalog,
                               const std::string& actor) {
  auto& service = w.service();
  if (*document_list_) {
    auto year = areas::year_of(year_);
    if (!year) return refuse(catalog, year.error());
    int shown = 0;
    for (const auto& d : service.documents()) {
      if (*year && d.issued_on.year() != **year) continue;
      std::cout << pad(std::to_string(d.id), 5) << pad(d.number_symbol(), 20)
                << pad(d.issued_on.vietnamese(), 12) << pad(d.signer, 24) << d.title << "\n";
      ++shown;
    }
    if (shown == 0) std::cout << catalog.text("work.no_documents") << "\n";
    return kOk;
  }

  if (*document_attach_ || *document_file_) {
    auto id = areas::positive_id(doc_id_);
    if (!id) return refuse(catalog, Error("work.bad_id", {{"value", doc_id_}}), kUsage);
    if (*document_attach_) {
      std::ifstream in(doc_file_, std::ios::binary);
      if (!in) return refuse(catalog, Error("file.cannot_open", {{"file", doc_file_}}), kRefused);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto r = service.attach_file(*id, doc_file_, std::move(bytes), actor, w.scope());
      if (!r) return refuse(catalog, r.error());
      auto a = service.attachment(*id);
      std::cout << catalog.text(
                       "work.attached",
                       {{"file", a->file_name},
                        {"size", text::format_int(static_cast<std::int64_t>(a->content.size()))},
                        {"number_symbol", r->number_symbol()}})
                << "\n";
      return kOk;
    }
    auto doc = service.document(*id);
    if (!doc) return refuse(catalog, Error("work.document_not_found", {{"id", doc_id_}}), kRefused);
    auto a = service.attachment(*id);
    if (!a)
      return refuse(catalog, Error("work.no_attachment", {{"number_symbol", doc->number_symbol()}}),
                    kRefused);
    std::ofstream f(output_, std::ios::binary | std::ios::trunc);
    f << a->content;
    f.close();
    if (!f) return refuse(catalog, Error("file.cannot_write", {{"file", output_}}), kRefused);
    std::cout << catalog.text("work.attachment_saved", {{"file", a->file_name},
                                                        {"number_symbol", doc->number_symbol()},
                                                        {"path", output_}})
              << "\n";
    return kOk;
  }
  if (*document_advance_) {
    auto id = areas::positive_id(doc_id_);
    if (!id) return refuse(catalog, Error("work.bad_id", {{"value", doc_id_}}), kUsage);
    // The code ("adopted") or the Vietnamese name, with or without diacritics ("thong qua").
    std::string wanted = text::fold(text::trim(doc_status_));
    auto to = work::draft_status_from_code(wanted);
    for (auto st :
         {work::DraftStatus::kDraft, work::DraftStatus::kConsultation, work::DraftStatus::kAdopted})
      if (!to && text::fold(work::vietnamese_name(st)) == wanted) to = st;
    if (!to)
      return refuse(catalog, Error("work.bad_draft_status", {{"value", doc_status_}}), kUsage);
    std::optional<std::int64_t> meeting;
    if (!doc_meeting_.empty()) {
      meeting = areas::positive_id(doc_meeting_);
      if (!meeting) return refuse(catalog, Error("work.bad_id", {{"value", doc_meeting_}}), kUsage);
    }
    auto changed = service.advance_document(*id, *to, meeting, actor, w.scope());
    if (!changed) return refuse(catalog, changed.error());
    std::cout << catalog.text("work.document_advanced",
                              {{"number_symbol", changed->number_symbol()},
                               {"status", std::string(work::vietnamese_name(changed->status))}})
              << "\n";
    return kOk;
  }

  // document add
  std::string kind_text = text::to_nfc(text::trim(doc_kind_));
  auto kind = work::document_kind_from_symbol(exchange::vietnamese_upper(kind_text));
  if (!kind) kind = work::document_kind_from_code(text::fold(kind_text));
  if (!kind)
    return refuse(catalog, Error("work.bad_document_kind", {{"value", doc_kind_}}), kUsage);
  auto number = areas::positive_id(doc_number_);
  if (!number || *number > 1000000)
    return refuse(catalog, Error("work.bad_number", {{"value", doc_number_}}), kUsage);
  auto issued_on = parse_date(date_);
  if (!issued_on) return refuse(catalog, Error("work.bad_date", {{"value", date_}}), kUsage);
  auto issuer = w.unit_by_code(doc_issuer_);
  if (!issuer) return refuse(catalog, issuer.error());
  work::Document doc;
  doc.kind = *kind;
  doc.number = static_cast<int>(*number);
  doc.issuer_symbol = (*issuer)->code;
  doc.issuer_unit_id = (*issuer)->id;
  doc.issued_on = *issued_on;
  doc.signer = doc_signer_;
  doc.summary = doc_summary_;
  doc.title = text::trim(doc_title_).empty() ? doc_summary_ : doc_title_;
  if (doc_draft_) doc.status = work::DraftStatus::kDraft;
  auto added = service.add_document(doc, actor, w.scope());
  if (!added) return refuse(catalog, added.error());
  std::cout << catalog.text("work.document_added", {{"number_symbol", added->number_symbol()},
                                                    {"id", std::to_string(added->id)},
                                                    {"date", added->issued_on.vietnamese()}})
            << "\n";
  return kOk;
}

int WorkCommands::run_task(areas::WorkArea& w, const i18n::Catalog& catalog,
                           const std::string& actor) {
  auto& service = w.service();
  const Date today = w.today();

  if (*task_add_) {
    auto start = parse_date(start_);
    if (!start) return refuse(catalog, Error("work.bad_date", {{"value", start_}}), kUsage);
    auto due = parse_date(due_);
    if (!due) return refuse(catalog, Error("work.bad_date", {{"value", due_}}), kUsage);
    std::optional<std::int64_t> document_id;
    if (!task_document_.empty()) {
      document_id = areas::positive_id(task_document_);
      if (!document_id)
        return refuse(catalog, Error("work.bad_id", {{"value", task_document_}}), kUsage);
    }
    auto lead = w.unit_by_code(lead_);
    if (!lead) return refuse(catalog, lead.error());
    work::Task task;
    task.title = task_title_;
    task.lead_unit_id = (*lead)->id;
    for (const auto& code : with_) {
      auto u = w.unit_by_code(code);
      if (!u) return refuse(catalog, u.error());
      task.cooperating_unit_ids.push_back((*u)->id);
    }
    task.owner = owner_;
    task.start_on = *start;
    task.due_on = *due;
    task.key_task = key_;
    task.document_id = document_id;
    auto added = service.add_task(task, actor, w.scope());
    if (!added) return refuse(catalog, added.error());
    std::cout << catalog.text("work.task_added", {{"id", std::to_string(added->id)},
                                                  {"title", added->title},
                                                  {"due", added->due_on.vietnamese()}})
              << "\n";
    return kOk;
  }

  if (*task_list_) {
    areas::TaskFilter filter;
    filter.status = std::string(text::trim(status_));
    filter.unit = unit_;
    filter.overdue = overdue_;
    auto tasks = w.tasks(filter);
    if (!tasks) return refuse(catalog, tasks.error());
    std::map<std::int64_t, std::string> codes;
    for (const auto& u : service.units()) codes[u.id] = u.code;
    int shown = 0;
    for (const auto& t : *tasks) {
      bool late = work::overdue_on(t, today);
      std::string line = pad(std::to_string(t.id), 6) +
                         pad(std::string(work::vietnamese_name(t.status)), 16) +
                         pad(t.due_on.vietnamese(), 12) + pad(codes[t.lead_unit_id], 10) +
                         (t.key_task ? "* " : "  ") + t.title;
      if (late)
        line += " (" +
                catalog.text("work.overdue_days",
                             {{"days", std::to_string(work::days_late(t, today))}}) +
                ")";
      if (work::carried_over_from(t, work::first_day(today.year(), 1)))
        line += " (" + work::carry_over_text(t, work::first_day(today.year(), 1)) + ")";
      std::cout << line << "\n";
      ++shown;
    }
    if (shown == 0) std::cout << catalog.text("work.no_tasks") << "\n";
    return kOk;
  }

  if (*task_blockers_) {
    auto open = service.open_blockers();
    if (open.empty()) {
      std::cout << catalog.text("work.no_blockers") << "\n";
      return kOk;
    }
    std::cout << catalog.text("work.blockers_title") << "\n";
    for (const auto& b : open)
      std::cout << pad(b.blocker.on.vietnamese(), 12) << pad("#" + std::to_string(b.task.id), 6)
                << pad(b.lead_unit.code, 10) << b.task.title << ": " << b.blocker.text << " ("
                << catalog.text("work.blocker_age",
                                {{"days", std::to_string(today.days() - b.blocker.on.days())}})
                << ") ["
                << catalog.text("work.blocker_number", {{"id", std::to_string(b.blocker.id)}})
                << "]\n";
    return kOk;
  }

  // progress, block, done: ID and --date.
  auto id = areas::positive_id(task_id_);
  if (!id) return refuse(catalog, Error("work.bad_id", {{"value", task_id_}}), kUsage);
  auto on = parse_date(date_);
  if (!on) return refuse(catalog, Error("work.bad_date", {{"value", date_}}), kUsage);
  if (*task_progress_ || *task_block_) {
    bool blocker = task_block_->parsed();
    auto note = blocker ? service.add_blocker(*id, *on, note_text_, actor, w.scope())
                        : service.add_progress(*id, *on, note_text_, actor, w.scope());
    if (!note) return refuse(catalog, note.error());
    std::cout << catalog.text(blocker ? "work.blocker_added" : "work.progress_added",
                              {{"id", std::to_string(*id)}, {"date", on->vietnamese()}})
              << "\n";
    return kOk;
  }
  if (*task_cancel_) {
    auto cancelled = service.cancel_task(*id, *on, actor, w.scope());
    if (!cancelled) return refuse(catalog, cancelled.error());
    std::cout << catalog.text("work.task_cancelled",
                              {{"id", std::to_string(*id)}, {"date", on->vietnamese()}})
              << "\n";
    return kOk;
  }
  if (*task_resolve_) {
    auto resolved = service.resolve_blocker(*id, *on, actor, w.scope());
    if (!resolved) return refuse(catalog, resolved.error());
    std::cout << catalog.text("work.blocker_resolved_now",
                              {{"id", std::to_string(*id)},
                               {"task", std::to_string(resolved->task_id)},
                               {"date", on->vietnamese()}})
              << "\n";
    return kOk;
  }
  auto done = service.complete_task(*id, *on, actor, w.scope());
  if (!done) return refuse(catalog, done.error());
  if (work::on_time(*done))
    std::cout << catalog.text("work.task_done_on_time",
                              {{"id", std::to_string(*id)}, {"date", on->vietnamese()}})
              << "\n";
  else
    std::cout << catalog.text("work.task_done_late",
                              {{"id", std::to_string(*id)},
                               {"date", on->vietnamese()},
                               {"days", std::to_string(work::days_late(*done, *on))}})
              << "\n";
  return kOk;
}

int WorkCommands::run_unit(areas::WorkArea& w, const i18n::Catalog& catalog,
                           const geo::Geography& geo, const std::string& actor) {
  auto& service = w.service();
  if (*unit_list_) {
    std::map<std::int64_t, std::string> codes;
    auto units = service.units();
    for (const auto& u : units) codes[u.id] = u.code;
    for (const auto& u : units) {
      std::string where;
      if (const auto* p = geo.province(u.province_id)) where = p->name;
      if (u.parent_id) where = codes[u.parent_id];
      std::cout << pad(u.code, 12) << pad(std::string(work::to_code(u.kind)), 12) << pad(where, 16)
                << pad(u.established_on ? u.established_on->vietnamese() : "", 12) << u.name
                << "\n";
    }
    if (units.empty()) std::cout << catalog.text("work.no_units") << "\n";
    return kOk;
  }
  // unit add
  auto kind = work::unit_kind_from_code(text::fold(text::trim(unit_kind_)));
  if (!kind) return refuse(catalog, Error("work.bad_unit_kind", {{"value", unit_kind_}}), kUsage);
  work::Unit unit;
  unit.code = unit_code_;
  unit.name = unit_name_;
  unit.kind = *kind;
  const Date today = default_clock().today();
  if (!unit_established_.empty()) {
    auto on = parse_date(unit_established_);
    if (!on) return refuse(catalog, Error("work.bad_date", {{"value", unit_established_}}), kUsage);
    if (today < *on)
      return refuse(catalog, Error("field.date_in_future", {{"value", on->vietnamese()}}), kUsage);
    unit.established_on = on;
  }
  if (!unit_province_.empty()) {
    // A name or code, on the set valid when the unit was established (today when not given).
    const auto* p = geo.resolve(unit_province_, unit.established_on.value_or(today));
    if (!p)
      return refuse(catalog, Error("work.unknown_province", {{"value", unit_province_}}), kUsage);
    unit.province_id = p->id;
  }
  // Departments and affiliated units belong to the national alliance.
  if (*kind == work::UnitKind::kDepartment || *kind == work::UnitKind::kAffiliated)
    for (const auto& u : service.units())
      if (u.kind == work::UnitKind::kNational && !unit.parent_id) unit.parent_id = u.id;
  auto added = service.add_unit(unit, actor, w.scope());
  if (!added) return refuse(catalog, added.error());
  std::cout << catalog.text("work.unit_added", {{"code", added->code}, {"name", added->name}})
            << "\n";
  return kOk;
}

}  // namespace htx::cli
