#include "cli/training_commands.hpp"

#include <fstream>
#include <iostream>

#include "areas/caller.hpp"
#include "areas/training_area.hpp"
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

}  // namespace

void TrainingCommands::add_to(CLI::App& app, const i18n::Catalog& c) {
  course_ = app.add_subcommand("course", c.text("training.cli.cmd_course"));
  course_->require_subcommand(1);
  rules_ = TrainingRules::load(i18n::data_dir());
  plan_ = course_->add_subcommand("plan", c.text("training.cli.cmd_plan"));
  std::vector<std::string> plan_fields{"unit", "year", "note"};
  for (const auto& k : rules_.kinds())
    for (const char* n : {"trainees_", "courses_", "budget_"}) plan_fields.push_back(n + k.code);
  add_fields(plan_, c, fields_, plan_fields, {"unit", "year"});
  plans_ = course_->add_subcommand("plans", c.text("training.cli.cmd_plans"));
  add_fields(plans_, c, fields_, {"unit", "year"});
  add_ = course_->add_subcommand("add", c.text("training.cli.cmd_add"));
  std::vector<std::string> course_fields{"code",           "unit",      "kind",    "topic",
                                         "audience",       "province",  "place",   "lecturers",
                                         "funding_source", "starts_on", "ends_on", "sessions"};
  std::vector<std::string> cost_fields;
  for (const auto& k : rules_.cost_categories()) {
    cost_fields.push_back("planned_" + k.code);
    cost_fields.push_back("actual_" + k.code);
  }
  course_fields.insert(course_fields.end(), cost_fields.begin(), cost_fields.end());
  add_fields(add_, c, fields_, course_fields, {"code", "unit", "kind", "topic", "starts_on"});
  list_ = course_->add_subcommand("list", c.text("training.cli.cmd_list"));
  add_fields(list_, c, fields_, {"unit", "year", "kind"});
  show_ = course_->add_subcommand("show", c.text("training.cli.cmd_show"));
  show_->add_option("CODE", code_, c.text("training.cli.arg_code"))->required();
  enrol_ = course_->add_subcommand("enrol", c.text("training.cli.cmd_enrol"));
  enrol_->add_option("CODE", code_, c.text("training.cli.arg_code"))->required();
  add_fields(enrol_, c, fields_, {"trainee", "enrolled_on"}, {"trainee"});
  mark_ = course_->add_subcommand("mark", c.text("training.cli.cmd_mark"));
  mark_->add_option("CODE", code_, c.text("training.cli.arg_code"))->required();
  add_fields(mark_, c, fields_, {"session"}, {"session"});
  mark_->add_option("--marks", marks_, c.text("training.cli.opt_marks"))->required();
  costs_ = course_->add_subcommand("costs", c.text("training.cli.cmd_costs"));
  costs_->add_option("CODE", code_, c.text("training.cli.arg_code"))->required();
  add_fields(costs_, c, fields_, cost_fields);
  certify_ = course_->add_subcommand("certify", c.text("training.cli.cmd_certify"));
  certify_->add_option("CODE", code_, c.text("training.cli.arg_code"))->required();
  add_fields(certify_, c, fields_, {"trainee", "all"});
  verify_ = course_->add_subcommand("verify", c.text("training.cli.cmd_verify"));
  verify_->add_option("CERTIFICATE", code_, c.text("training.cli.arg_certificate"))->required();

  trainee_ = app.add_subcommand("trainee", c.text("training.cli.cmd_trainee"));
  trainee_->require_subcommand(1);
  trainee_add_ = trainee_->add_subcommand("add", c.text("training.cli.cmd_trainee_add"));
  add_fields(trainee_add_, c, fields_,
             {"full_name", "sex", "birth_year", "ethnicity", "role", "entity", "province", "phone"},
             {"full_name", "sex", "birth_year", "ethnicity", "role"});
  trainee_list_ = trainee_->add_subcommand("list", c.text("training.cli.cmd_trainee_list"));
  add_fields(trainee_list_, c, fields_, {"entity"});

  training_ = app.add_subcommand("training", c.text("training.cli.cmd_training"));
  training_->require_subcommand(1);
  report_ = training_->add_subcommand("report", c.text("training.cli.cmd_report"));
  add_fields(report_, c, fields_, {"year", "year_from", "year_to", "unit", "by", "boundaries"});
  report_->add_option("--format", format_, c.text("training.cli.opt_format"))
      ->check(CLI::IsMember({"text", "csv", "xlsx"}));
  report_->add_option("--sheet", sheet_, c.text("training.cli.opt_sheet"))
      ->check(CLI::IsMember({"cells", "total", "plan"}));
  report_->add_option("--output", output_, c.text("fund.report.opt_output"));
}

bool TrainingCommands::chosen() const {
  return (course_ && course_->parsed()) || (trainee_ && trainee_->parsed()) ||
         (training_ && training_->parsed());
}

int TrainingCommands::run(store::Database& db, const i18n::Catalog& c, const geo::Geography& geo,
                          const std::string& actor) {
  TrainingArea area(db, default_clock(), rules_, geo, areas::operator_caller(actor));
  // Only the options given: CLI11 leaves the others empty, and an empty field is "not given".
  areas::Fields f;
  for (const auto& [k, v] : fields_)
    if (!v.empty()) f[k] = v;
  auto done = [&](const Result<std::int64_t>& r) {
    if (!r) return refused_on_option(c, r.error());
    std::cout << r.value() << "\n";
    return kOk;
  };
  auto id_of = [](auto r) -> Result<std::int64_t> {
    if (!r) return r.error();
    return r->id;
  };
  if (plan_->parsed()) return done(id_of(area.save_plan(f)));
  if (plans_->parsed()) {
    auto list = area.plans(f);
    if (!list) return refused_on_option(c, list.error());
    std::vector<std::vector<std::string>> rows{{c.text("site.training.report.col_unit"),
                                                c.text("site.training.report.col_year"),
                                                c.text("site.training.report.col_kind"),
                                                c.text("site.training.report.col_target_trainees"),
                                                c.text("site.training.report.col_target_courses"),
                                                c.text("site.training.report.col_target_budget")}};
    for (const auto& p : *list)
      for (const auto& t : p.targets)
        rows.push_back({area.unit_name(p.unit_id), std::to_string(p.year),
                        area.value_name(Dimension::kKind, t.kind, c), money(t.trainees),
                        money(t.courses), money(t.budget)});
    return print_rows(rows);
  }
  if (add_->parsed()) {
    auto v = area.add_course(f);
    if (!v) return refused_on_option(c, v.error());
    std::cout << v->course.id << "\n";
    return kOk;
  }
  if (list_->parsed()) {
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
  if (show_->parsed()) return print_course(area, c, code_);
  if (enrol_->parsed()) return done(id_of(area.enrol(code_, f)));
  if (mark_->parsed()) {
    for (const auto& item : text::split(marks_, ',')) {
      auto eq = item.find('=');
      if (eq == std::string::npos)
        return refused_on_option(
            c, Error::bad_request("marks", "training.bad_mark", {{"value", item}}));
      f["mark_" + std::string(text::trim(item.substr(0, eq)))] = item.substr(eq + 1);
    }
    auto v = area.mark(code_, f);
    if (!v) return refused_on_option(c, v.error());
    return print_course(area, c, code_);
  }
  if (costs_->parsed()) return done(id_of(area.set_costs(code_, f)));
  if (certify_->parsed()) {
    auto list = area.certify(code_, f);
    if (!list) return refused_on_option(c, list.error());
    for (const auto& x : *list) std::cout << x.code << "\t" << x.holder << "\n";
    return kOk;
  }
  if (verify_->parsed()) {
    auto x = area.verify(code_);
    if (!x) return refused_on_option(c, x.error());
    return print_certificate(c, *x);
  }
  if (trainee_add_->parsed()) return done(id_of(area.add_trainee(f)));
  if (trainee_list_->parsed()) {
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
  if (report_->parsed()) {
    auto r = area.report(f);
    if (!r) return refused_on_option(c, r.error());
    exchange::TrainingNames names{
        [&](Dimension d, const std::string& code) { return area.value_name(d, code, c); },
        [&](std::int64_t id) { return area.unit_name(id); }};
    if (format_ == "xlsx")
      return write_report(c, format_, output_, exchange::training_report_xlsx_bytes(*r, names, c));
    if (format_ == "csv")
      return write_report(c, format_, output_, exchange::training_report_csv(*r, names, c, sheet_));
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
  return kUsage;
}

}  // namespace htx::cli
