#include <iostream>

#include "areas/reporting_area.hpp"
#include "cli/commands.hpp"
#include "cli/refusal.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "reporting/reporting_service.hpp"

namespace htx::cli {

namespace {

// The option an error is about ("--unit: "), said before the catalogue's message.
std::string option_of(const Error& e) {
  const std::string& field = e.field;
  if (field.rfind("value.", 0) == 0) return "--value " + field.substr(6) + ": ";
  if (field == "submitted_on") return "--on: ";
  if (field == "form" || field == "unit" || field == "period" || field == "code" || field == "name")
    return "--" + field + ": ";
  if (field == "indicators") return "--indicator: ";
  if (field == "deadline") return "--deadline-day: ";
  if (field == "unit_kind" || field == "unit_ids") return "--who / --unit: ";
  if (field == "active_from") return "--from: ";
  return "";
}

int refuse_option(const i18n::Catalog& catalog, const Error& e, int code) {
  return cli::refuse(catalog, e, code, option_of(e));
}
int refuse_option(const i18n::Catalog& catalog, const Error& e) {
  return refuse_option(catalog, e, exit_code(e));
}

std::string status_text(const i18n::Catalog& catalog, const reporting::UnitReport& u) {
  std::string s = catalog.text("reporting.status." + std::string(reporting::to_code(u.status)));
  if (u.submitted_on) s += " " + u.submitted_on->vietnamese();
  if (u.days_late > 0)
    s += " (" +
         catalog.text(u.status == reporting::ReportStatus::kMissing ? "reporting.days_overdue"
                                                                    : "reporting.days_late",
                      {{"days", std::to_string(u.days_late)}}) +
         ")";
  return s;
}

std::string deadline_text(const i18n::Catalog& catalog, const reporting::DeadlineRule& rule) {
  std::map<std::string, std::string> p{{"day", std::to_string(rule.day)},
                                       {"months", std::to_string(rule.months_after)}};
  return catalog.text(
      rule.months_after == 0 ? "reporting.deadline_same" : "reporting.deadline_after", p);
}

// What the reporting commands were given.
struct ReportingArgs {
  std::string code, name, frequency = "monthly", who, from;
  std::vector<std::string> form_units, indicators;
  int deadline_day = 20, deadline_months = 1;
  std::string form, unit, period, on, note;
  std::vector<std::string> values;
  std::string format = "text";
};

// The reporting area as the operator.
areas::ReportingArea area_of(const CommandContext& x) {
  return areas::ReportingArea(x.db(), default_clock(), areas::operator_caller(x.actor));
}

int add_form(const CommandContext& x, const ReportingArgs& args) {
  const auto& catalog = x.catalog;
  auto& db = x.db();
  auto r = area_of(x);
  const auto& actor = x.actor;
  reporting::ReportForm form;
  form.code = args.code;
  form.name = args.name;
  form.frequency = *reporting::frequency_from_code(args.frequency);
  if (!args.who.empty()) form.unit_kind = work::unit_kind_from_code(args.who);
  for (const auto& code : args.form_units) {
    auto u = db.work().find_unit_by_code(text::trim(code));
    if (!u)
      return refuse_option(
          catalog, Error("work.unit_code_not_found", {{"code", code}, {"field", "unit_ids"}}),
          kRefused);
    form.unit_ids.push_back(u->id);
  }
  form.deadline = {args.deadline_months, args.deadline_day};
  // --indicator key=Name, or key?=Name for one that may be left out.
  for (const auto& spec : args.indicators) {
    auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0)
      return refuse_option(catalog, Error("reporting.bad_indicator_option", {{"value", spec}}),
                           kUsage);
    reporting::Indicator ind;
    ind.key = std::string(text::trim(spec.substr(0, eq)));
    if (!ind.key.empty() && ind.key.back() == '?') {
      ind.required = false;
      ind.key.pop_back();
    }
    ind.name = spec.substr(eq + 1);
    form.indicators.push_back(std::move(ind));
  }
  auto from = Date::parse(std::string(text::trim(args.from)));
  if (!from)
    return refuse_option(
        catalog, Error("field.bad_date", {{"value", args.from}, {"field", "active_from"}}), kUsage);
  form.active_from = *from;
  auto added = r.service().add_form(form, actor, r.scope());
  if (!added) return refuse_option(catalog, added.error());
  std::cout << catalog.text("reporting.form_added",
                            {{"code", added->code},
                             {"name", added->name},
                             {"deadline", deadline_text(catalog, added->deadline)}})
            << "\n";
  return kOk;
}

int list_forms(const CommandContext& x) {
  const auto& catalog = x.catalog;
  auto r = area_of(x);
  auto units = x.db().work().list_units();
  for (const auto& f : r.service().forms()) {
    std::cout << f.code << "  " << f.name << "\n";
    std::cout << "  " << catalog.text("reporting.cli.deadline") << ": "
              << deadline_text(catalog, f.deadline) << "\n";
    std::string who;
    if (f.unit_kind)
      who = catalog.text("reporting.kind." + std::string(work::to_code(*f.unit_kind)));
    for (const auto& u : units)
      if (std::find(f.unit_ids.begin(), f.unit_ids.end(), u.id) != f.unit_ids.end())
        who += (who.empty() ? "" : ", ") + u.name;
    std::cout << "  " << catalog.text("reporting.cli.who") << ": " << who << "\n";
    for (const auto& i : f.indicators)
      std::cout << "  --value " << i.key << "=N  " << i.name
                << (i.required ? "" : " (" + catalog.text("reporting.optional") + ")") << "\n";
  }
  return kOk;
}

int submit(const CommandContext& x, const ReportingArgs& args, bool correction) {
  const auto& catalog = x.catalog;
  auto r = area_of(x);
  const auto& actor = x.actor;
  reporting::SubmissionInput in;
  in.form = args.form;
  in.unit = args.unit;
  in.period = args.period;
  in.note = args.note;
  if (!args.on.empty()) {
    in.submitted_on = Date::parse(std::string(text::trim(args.on)));
    if (!in.submitted_on)
      return refuse_option(catalog,
                           Error("field.bad_date", {{"value", args.on}, {"field", "submitted_on"}}),
                           kUsage);
  }
  for (const auto& v : args.values) {
    auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0)
      return refuse_option(catalog, Error("reporting.bad_value_option", {{"value", v}}), kUsage);
    in.values[std::string(text::trim(v.substr(0, eq)))] = v.substr(eq + 1);
  }
  auto done = r.submit(in, actor, correction);
  if (!done) return refuse_option(catalog, done.error());
  std::cout << catalog.text(correction ? "reporting.corrected" : "reporting.submitted",
                            {{"form", args.form},
                             {"unit", args.unit},
                             {"period", done->period},
                             {"date", done->submitted_on.vietnamese()}})
            << "\n";
  return kOk;
}

int rates(const CommandContext& x, const ReportingArgs& args, bool late_only) {
  const auto& catalog = x.catalog;
  auto area = area_of(x);
  auto found = area.rates(args.period, args.form);
  if (!found) {
    // An unknown form is named on its option; a malformed period is a usage error.
    const Error& e = found.error();
    if (e.field == "form") return refuse_option(catalog, e, kRefused);
    return cli::refuse(catalog, e, kUsage);
  }
  const auto& rates = found->forms;
  const auto* period = &found->period;
  if (args.format == "json") {
    auto out = nlohmann::json::array();
    if (late_only)
      for (const auto& e : reporting::late_list(rates)) out.push_back(reporting::to_json(e));
    else
      for (const auto& r : rates) out.push_back(reporting::to_json(r));
    std::cout << out.dump(1) << "\n";
    return kOk;
  }
  if (rates.empty())
    std::cout << catalog.text("reporting.no_forms", {{"period", period->code()}}) << "\n";
  for (const auto& r : rates) {
    const auto& c = r.counts;
    std::cout << r.form.code << "  " << r.form.name << "  "
              << catalog.text("reporting.cli.period_deadline",
                              {{"period", r.period.code()}, {"deadline", r.deadline.vietnamese()}})
              << "\n";
    std::cout << "  "
              << catalog.text("reporting.cli.counts",
                              {{"expected", std::to_string(c.expected)},
                               {"submitted", std::to_string(c.submitted)},
                               {"completeness", text::format_percent(c.completeness(), 1)},
                               {"on_time", std::to_string(c.on_time)},
                               {"timeliness", text::format_percent(c.timeliness(), 1)},
                               {"late", std::to_string(c.late)},
                               {"missing", std::to_string(c.missing)},
                               {"not_yet_due", std::to_string(c.not_yet_due)}})
              << "\n";
    for (const auto& u : r.units) {
      bool late = u.status == reporting::ReportStatus::kLate ||
                  u.status == reporting::ReportStatus::kMissing;
      if (late_only && !late) continue;
      std::cout << "  " << u.unit.code << "  " << u.unit.name << ": " << status_text(catalog, u)
                << "\n";
    }
  }
  return kOk;
}

}  // namespace

void add_reporting_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& catalog) {
  auto& args = table.hold<ReportingArgs>();
  auto t = [&](const char* key) { return catalog.text(key); };
  auto* reporting = app.add_subcommand("reporting", t("reporting.cli.cmd"));
  reporting->require_subcommand(1);
  table.on(reporting->add_subcommand("forms", t("reporting.cli.cmd_forms")), list_forms);
  for (bool correction : {false, true}) {
    auto* cmd = reporting->add_subcommand(
        correction ? "correct" : "submit",
        t(correction ? "reporting.cli.cmd_correct" : "reporting.cli.cmd_submit"));
    cmd->add_option("--form", args.form, t("reporting.cli.opt_form"))->required();
    cmd->add_option("--unit", args.unit, t("reporting.cli.opt_unit"))->required();
    cmd->add_option("--period", args.period, t("reporting.cli.opt_period"))->required();
    cmd->add_option("--value", args.values, t("reporting.cli.opt_value"));
    cmd->add_option("--note", args.note, t("reporting.cli.opt_note"));
    if (!correction) cmd->add_option("--on", args.on, t("reporting.cli.opt_on"));
    table.on(cmd,
             [&args, correction](const CommandContext& x) { return submit(x, args, correction); });
  }
  for (bool late_only : {false, true}) {
    auto* cmd = reporting->add_subcommand(
        late_only ? "late" : "rates",
        t(late_only ? "reporting.cli.cmd_late" : "reporting.cli.cmd_rates"));
    cmd->add_option("PERIOD", args.period, t("reporting.cli.opt_period"))->required();
    cmd->add_option("--format", args.format, t("reporting.cli.opt_format"))
        ->check(CLI::IsMember({"text", "json"}));
    if (!late_only) cmd->add_option("--form", args.form, t("reporting.cli.opt_form"));
    table.on(cmd,
             [&args, late_only](const CommandContext& x) { return rates(x, args, late_only); });
  }
  auto* form_add = reporting->add_subcommand("form-add", t("reporting.cli.cmd_form_add"));
  form_add->add_option("--code", args.code, t("reporting.cli.opt_form_code"))->required();
  form_add->add_option("--name", args.name, t("reporting.cli.opt_form_name"))->required();
  form_add->add_option("--frequency", args.frequency, t("reporting.cli.opt_frequency"))
      ->check(CLI::IsMember({"monthly", "quarterly"}));
  form_add->add_option("--who", args.who, t("reporting.cli.opt_who"))
      ->check(CLI::IsMember({"department", "affiliated", "provincial"}));
  form_add->add_option("--unit", args.form_units, t("reporting.cli.opt_form_unit"));
  form_add->add_option("--deadline-day", args.deadline_day, t("reporting.cli.opt_deadline_day"));
  form_add->add_option("--deadline-months", args.deadline_months,
                       t("reporting.cli.opt_deadline_months"));
  form_add->add_option("--indicator", args.indicators, t("reporting.cli.opt_indicator"));
  form_add->add_option("--from", args.from, t("reporting.cli.opt_from"))->required();
  table.on(form_add, [&args](const CommandContext& x) { return add_form(x, args); });
}

}  // namespace htx::cli
