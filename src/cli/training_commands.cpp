#include <fstream>
#include <iostream>

#include "areas/caller.hpp"
#include "areas/training_area.hpp"
#include "cli/commands.hpp"
#include "cli/field_options.hpp"
#include "cli/report_output.hpp"
#include "cli/text_table.hpp"
#include "core/text.hpp"
#include "exchange/training_report_xlsx.hpp"

namespace htx::cli {

namespace {

using areas::TrainingArea;
using namespace htx::training;

std::string money(std::int64_t v) { return text::format_int(v); }

int print_rows(const std::vector<std::vector<std::string>>& rows) {
  print_table(std::cout, rows);
  return kOk;
}

int print_course(TrainingArea& area, const i18n::Catalog& c, const std::string& code) {
  auto v = area.course(code);
  if (!v) return refused_on_option(c, v.error());
  const auto& k = v->course;
  std::cout << k.code << " — " << k.topic << " (" << area.value_name(Dimension::kKind, k.kind, c)
            << ")\n"
            << v->organiser << ", " << k.place << ", " << k.starts_on.vietnamese() << " – "
            << k.ends_on.vietnamese() << "\n";
  std::vector<std::vector<std::string>> rows{{c.text("site.training.col_trainee"), "ID"}};
  for (const auto& s : v->sessions) rows[0].push_back(std::to_string(s.number));
  rows[0].push_back(c.text("site.training.col_attended"));
  rows[0].push_back(c.text("site.training.col_completed"));
  for (const auto& p : v->participants) {
    std::vector<std::string> row{p.trainee.full_name, std::to_string(p.trainee.id)};
    for (const auto& s : v->sessions) {
      auto m = p.marks.find(s.id);
      row.push_back(s.held_on < p.enrolment.enrolled_on ? "·"
                    : m == p.marks.end()                ? ""
                                                        : std::string(to_code(m->second)));
    }
    row.push_back(std::to_string(p.attended) + "/" + std::to_string(p.counted));
    row.push_back(p.enrolment.certificate_code.empty()
                      ? (p.enrolment.completed ? c.text("site.training.completed") : "")
                      : p.enrolment.certificate_code);
    rows.push_back(std::move(row));
  }
  return print_rows(rows);
}

int print_certificate(const i18n::Catalog& c, const Certificate& x) {
  std::cout << c.text("site.training.verify.says", {{"code", x.code},
                                                    {"holder", x.holder},
                                                    {"birth_year", std::to_string(x.birth_year)},
                                                    {"topic", x.topic},
                                                    {"kind", x.kind},
                                                    {"organiser", x.organiser},
                                                    {"from", x.starts_on.vietnamese()},
                                                    {"to", x.ends_on.vietnamese()},
                                                    {"on", x.certified_on.vietnamese()}})
            << "\n";
  return kOk;
}

// What the training commands were given.
struct TrainingArgs {
  TrainingRules rules;  // data/training (i18n::data_dir())
  areas::Fields fields;
  std::string code, marks, format, sheet = "cells", output;
};

// A command's work over the area and the fields given (CLI11 leaves the others empty, and an
// empty field is "not given").
using Step =
    std::function<int(const i18n::Catalog&, TrainingArea&, areas::Fields&, const TrainingArgs&)>;

Action action(const TrainingArgs& a, Step step) {
  return [&a, step = std::move(step)](const CommandContext& x) {
    TrainingArea area(x.db(), default_clock(), a.rules, x.geo, areas::operator_caller(x.actor));
    areas::Fields f;
    for (const auto& [k, v] : a.fields)
      if (!v.empty()) f[k] = v;
    return step(x.catalog, area, f, a);
  };
}

// A write's answer: the id of what it wrote, or the refusal.
template <typename T>
int print_id(const i18n::Catalog& c, const Result<T>& r) {
  if (!r) return refused_on_option(c, r.error());
  std::cout << r->id << "\n";
  return kOk;
}

int list_plans(const i18n::Catalog& c, TrainingArea& area, areas::Fields& f, const TrainingArgs&) {
  auto list = area.plans(f);
  if (!list) return refused_on_option(c, list.error());
  std::vector<std::vector<std::string>> rows{
      {c.text("site.training.report.col_unit"), c.text("site.training.report.col_year"),
       c.text("site.training.report.col_kind"), c.text("site.training.report.col_target_trainees"),
       c.text("site.training.report.col_target_courses"),
       c.text("site.training.report.col_target_budget")}};
  for (const auto& p : *list)
    for (const auto& t : p.targets)
      rows.push_back({area.unit_name(p.unit_id), std::to_string(p.year),
                      area.value_name(Dimension::kKind, t.kind, c), money(t.trainees),
                      money(t.courses), money(t.budget)});
  return print_rows(rows);
}

int list_courses(const i18n::Catalog& c, TrainingArea& area, areas::Fields& f,
                 const TrainingArgs&) {
  auto list = area.courses(f);
  if (!list) return refused_on_option(c, list.error());
  std::vector<std::vector<std::string>> rows{
      {c.text("site.training.col_code"), c.text("site.training.col_topic"),
       c.text("site.training.report.col_kind"), c.text("site.training.report.col_province"),
       c.text("site.training.col_dates")}};
  for (const auto& k : *list)
    rows.push_back({k.code, k.topic, area.value_name(Dimension::kKind, k.kind, c),
                    area.value_name(Dimension::kProvince, k.province_id, c),
                    k.starts_on.vietnamese() + " – " + k.ends_on.vietnamese()});
  return print_rows(rows);
}

int mark(const i18n::Catalog& c, TrainingArea& area, areas::Fields& f, const TrainingArgs& a) {
  for (const auto& item : text::split(a.marks, ',')) {
    auto eq = item.find('=');
    if (eq == std::string::npos)
      return refused_on_option(c,
                               Error::bad_request("marks", "training.bad_mark", {{"value", item}}));
    f["mark_" + std::string(text::trim(item.substr(0, eq)))] = item.substr(eq + 1);
  }
  auto v = area.mark(a.code, f);
  if (!v) return refused_on_option(c, v.error());
  return print_course(area, c, a.code);
}

int certify(const i18n::Catalog& c, TrainingArea& area, areas::Fields& f, const TrainingArgs& a) {
  auto list = area.certify(a.code, f);
  if (!list) return refused_on_option(c, list.error());
  for (const auto& x : *list) std::cout << x.code << "\t" << x.holder << "\n";
  return kOk;
}

int verify(const i18n::Catalog& c, TrainingArea& area, areas::Fields&, const TrainingArgs& a) {
  auto x = area.verify(a.code);
  if (!x) return refused_on_option(c, x.error());
  return print_certificate(c, *x);
}

int list_trainees(const i18n::Catalog& c, TrainingArea& area, areas::Fields& f,
                  const TrainingArgs&) {
  auto list = area.trainees(f);
  if (!list) return refused_on_option(c, list.error());
  std::vector<std::vector<std::string>> rows{
      {"ID", c.text("site.training.col_trainee"), c.text("site.training.report.col_sex"),
       c.text("site.training.col_birth_year"), c.text("site.training.report.col_ethnicity"),
       c.text("site.training.report.col_role"), c.text("site.training.col_entity")}};
  for (const auto& t : *list)
    rows.push_back({std::to_string(t.id), t.full_name,
                    area.value_name(Dimension::kSex, std::string(to_code(t.sex)), c),
                    std::to_string(t.birth_year),
                    area.value_name(Dimension::kEthnicity, t.ethnicity, c),
                    area.value_name(Dimension::kRole, t.role, c), t.entity_code});
  return print_rows(rows);
}

int report(const i18n::Catalog& c, TrainingArea& area, areas::Fields& f, const TrainingArgs& a) {
  auto r = area.report(f);
  if (!r) return refused_on_option(c, r.error());
  exchange::TrainingNames names{
      [&](Dimension d, const std::string& code) { return area.value_name(d, code, c); },
      [&](std::int64_t id) { return area.unit_name(id); }};
  if (a.format == "xlsx")
    return write_report(c, a.format, a.output, exchange::training_report_xlsx_bytes(*r, names, c));
  if (a.format == "csv")
    return write_report(c, a.format, a.output,
                        exchange::training_report_csv(*r, names, c, a.sheet));
  auto table = exchange::training_report_table(*r, names, c);
  for (const auto& s : table.sheets) {
    std::cout << s.name << "\n";
    std::vector<std::vector<std::string>> rows{s.header};
    for (const auto& row : s.rows) {
      auto& out = rows.emplace_back();
      for (const auto& cell : row)
        out.push_back(cell.kind == market::ResultsCell::Kind::kInteger ? money(cell.integer)
                                                                       : cell.text);
    }
    print_table(std::cout, rows);
  }
  return kOk;
}

}  // namespace

void add_training_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& c) {
  auto& a = table.hold<TrainingArgs>();
  auto& fields = a.fields;
  auto on = [&](CLI::App* cmd, Step step) { table.on(cmd, action(a, std::move(step))); };
  auto* course = app.add_subcommand("course", c.text("training.cli.cmd_course"));
  course->require_subcommand(1);
  a.rules = TrainingRules::load(i18n::data_dir());
  auto* plan = course->add_subcommand("plan", c.text("training.cli.cmd_plan"));
  std::vector<std::string> plan_fields{"unit", "year", "note"};
  for (const auto& k : a.rules.kinds())
    for (const char* n : {"trainees_", "courses_", "budget_"}) plan_fields.push_back(n + k.code);
  add_fields(plan, c, fields, plan_fields, {"unit", "year"});
  on(plan, [](auto& c, auto& area, auto& f, auto&) { return print_id(c, area.save_plan(f)); });
  auto* plans = course->add_subcommand("plans", c.text("training.cli.cmd_plans"));
  add_fields(plans, c, fields, {"unit", "year"});
  on(plans, list_plans);
  auto* add = course->add_subcommand("add", c.text("training.cli.cmd_add"));
  std::vector<std::string> course_fields{"code",           "unit",      "kind",    "topic",
                                         "audience",       "province",  "place",   "lecturers",
                                         "funding_source", "starts_on", "ends_on", "sessions"};
  std::vector<std::string> cost_fields;
  for (const auto& k : a.rules.cost_categories()) {
    cost_fields.push_back("planned_" + k.code);
    cost_fields.push_back("actual_" + k.code);
  }
  course_fields.insert(course_fields.end(), cost_fields.begin(), cost_fields.end());
  add_fields(add, c, fields, course_fields, {"code", "unit", "kind", "topic", "starts_on"});
  on(add, [](auto& c, auto& area, auto& f, auto&) {
    auto v = area.add_course(f);
    if (!v) return refused_on_option(c, v.error());
    std::cout << v->course.id << "\n";
    return kOk;
  });
  auto* list = course->add_subcommand("list", c.text("training.cli.cmd_list"));
  add_fields(list, c, fields, {"unit", "year", "kind"});
  on(list, list_courses);
  auto* show = course->add_subcommand("show", c.text("training.cli.cmd_show"));
  show->add_option("CODE", a.code, c.text("training.cli.arg_code"))->required();
  on(show, [](auto& c, auto& area, auto&, auto& a) { return print_course(area, c, a.code); });
  auto* enrol = course->add_subcommand("enrol", c.text("training.cli.cmd_enrol"));
  enrol->add_option("CODE", a.code, c.text("training.cli.arg_code"))->required();
  add_fields(enrol, c, fields, {"trainee", "enrolled_on"}, {"trainee"});
  on(enrol,
     [](auto& c, auto& area, auto& f, auto& a) { return print_id(c, area.enrol(a.code, f)); });
  auto* mark_cmd = course->add_subcommand("mark", c.text("training.cli.cmd_mark"));
  mark_cmd->add_option("CODE", a.code, c.text("training.cli.arg_code"))->required();
  add_fields(mark_cmd, c, fields, {"session"}, {"session"});
  mark_cmd->add_option("--marks", a.marks, c.text("training.cli.opt_marks"))->required();
  on(mark_cmd, mark);
  auto* costs = course->add_subcommand("costs", c.text("training.cli.cmd_costs"));
  costs->add_option("CODE", a.code, c.text("training.cli.arg_code"))->required();
  add_fields(costs, c, fields, cost_fields);
  on(costs,
     [](auto& c, auto& area, auto& f, auto& a) { return print_id(c, area.set_costs(a.code, f)); });
  auto* certify_cmd = course->add_subcommand("certify", c.text("training.cli.cmd_certify"));
  certify_cmd->add_option("CODE", a.code, c.text("training.cli.arg_code"))->required();
  add_fields(certify_cmd, c, fields, {"trainee", "all"});
  on(certify_cmd, certify);
  auto* verify_cmd = course->add_subcommand("verify", c.text("training.cli.cmd_verify"));
  verify_cmd->add_option("CERTIFICATE", a.code, c.text("training.cli.arg_certificate"))->required();
  on(verify_cmd, verify);

  auto* trainee = app.add_subcommand("trainee", c.text("training.cli.cmd_trainee"));
  trainee->require_subcommand(1);
  auto* trainee_add = trainee->add_subcommand("add", c.text("training.cli.cmd_trainee_add"));
  add_fields(trainee_add, c, fields,
             {"full_name", "sex", "birth_year", "ethnicity", "role", "entity", "province", "phone"},
             {"full_name", "sex", "birth_year", "ethnicity", "role"});
  on(trainee_add,
     [](auto& c, auto& area, auto& f, auto&) { return print_id(c, area.add_trainee(f)); });
  auto* trainee_list = trainee->add_subcommand("list", c.text("training.cli.cmd_trainee_list"));
  add_fields(trainee_list, c, fields, {"entity"});
  on(trainee_list, list_trainees);

  auto* training = app.add_subcommand("training", c.text("training.cli.cmd_training"));
  training->require_subcommand(1);
  auto* report_cmd = training->add_subcommand("report", c.text("training.cli.cmd_report"));
  add_fields(report_cmd, c, fields, {"year", "year_from", "year_to", "unit", "by", "boundaries"});
  report_cmd->add_option("--format", a.format, c.text("training.cli.opt_format"))
      ->check(CLI::IsMember({"text", "csv", "xlsx"}));
  report_cmd->add_option("--sheet", a.sheet, c.text("training.cli.opt_sheet"))
      ->check(CLI::IsMember({"cells", "total", "plan"}));
  report_cmd->add_option("--output", a.output, c.text("fund.report.opt_output"));
  on(report_cmd, report);
}

}  // namespace htx::cli
