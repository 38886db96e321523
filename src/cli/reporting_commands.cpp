#include "cli/reporting_commands.hpp"

#include <iostream>

#include "areas/reporting_area.hpp"
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

}  // namespace

void ReportingCommands::add_to(CLI::App& app, const i18n::Catalog& catalog) {
  auto t = [&](const char* key) { return catalog.text(key); };
  reporting_ = app.add_subcommand("reporting", t("reporting.cli.cmd"));
  reporting_->require_subcommand(1);
  forms_ = reporting_->add_subcommand("forms", t("reporting.cli.cmd_forms"));
  for (auto** cmd : {&submit_, &correct_}) {
    *cmd = reporting_->add_subcommand(
        cmd == &submit_ ? "submit" : "correct",
        t(cmd == &submit_ ? "reporting.cli.cmd_submit" : "reporting.cli.cmd_correct"));
    (*cmd)->add_option("--form", form_, t("reporting.cli.opt_form"))->required();
    (*cmd)->add_option("--unit", unit_, t("reporting.cli.opt_unit"))->required();
    (*cmd)->add_option("--period", period_, t("reporting.cli.opt_period"))->required();
    (*cmd)->add_option("--value", values_, t("reporting.cli.opt_value"));
    (*cmd)->add_option("--note", note_, t("reporting.cli.opt_note"));
  }
  submit_->add_option("--on", on_, t("reporting.cli.opt_on"));
  for (auto** cmd : {&rates_, &late_}) {
    *cmd = reporting_->add_subcommand(
        cmd == &rates_ ? "rates" : "late",
        t(cmd == &rates_ ? "reporting.cli.cmd_rates" : "reporting.cli.cmd_late"));
    (*cmd)->add_option("PERIOD", period_, t("reporting.cli.opt_period"))->required();
    (*cmd)
        ->add_option("--format", format_, t("reporting.cli.opt_format"))
        ->check(CLI::IsMember({"text", "json"}));
  }
  rates_->add_option("--form", form_, t("reporting.cli.opt_form"));
  form_add_ = reporting_->add_subcommand("form-add", t("reporting.cli.cmd_form_add"));
  form_add_->add_option("--code", code_, t("reporting.cli.opt_form_code"))->required();
  form_add_->add_option("--name", name_, t("reporting.cli.opt_form_name"))->required();
  form_add_->add_option("--frequency", frequency_, t("reporting.cli.opt_frequency"))
      ->check(CLI::IsMember({"monthly", "quarterly"}));
  form_add_->add_option("--who", who_, t("reporting.cli.opt_who"))
      ->check(CLI::IsMember({"department", "affiliated", "provincial"}));
  form_add_->add_option("--unit", form_units_, t("reporting.cli.opt_form_unit"));
  form_add_->add_option("--deadline-day", deadline_day_, t("reporting.cli.opt_deadline_day"));
  form_add_->add_option("--deadline-months", deadline_months_,
                        t("reporting.cli.opt_deadline_months"));
  form_add_->add_option("--indicator", indicators_, t("reporting.cli.opt_indicator"));
  form_add_->add_option("--from", from_, t("reporting.cli.opt_from"))->required();
}

int ReportingCommands::run_form_add(store::Database& db, areas::ReportingArea& r,
                                    const i18n::Catalog& catalog, const std::string& actor) {
  reporting::ReportForm form;
  form.code = code_;
  form.name = name_;
  form.frequency = *reporting::frequency_from_code(frequency_);
  if (!who_.empty()) form.unit_kind = work::unit_kind_from_code(who_);
  for (const auto& code : form_units_) {
    auto u = db.work().find_unit_by_code(text::trim(code));
    if (!u)
      return refuse_option(
          catalog, Error("work.unit_code_not_found", {{"code", code}, {"field", "unit_ids"}}),
          kRefused);
    form.unit_ids.push_back(u->id);
  }
  form.deadline = {deadline_months_, deadline_day_};
  // --indicator key=Name, or key?=Name for one that may be left out.
  for (const auto& spec : indicators_) {
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
  auto from = Date::parse(std::string(text::trim(from_)));
  if (!from)
    return refuse_option(
        catalog, Error("field.bad_date", {{"value", from_}, {"field", "active_from"}}), kUsage);
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

bool ReportingCommands::chosen() const { return reporting_ && reporting_->parsed(); }

int ReportingCommands::run(store::Database& db, const i18n::Catalog& catalog,
                           const std::string& actor) {
  areas::ReportingArea r(db, default_clock(), areas::operator_caller(actor));
  if (*submit_) return run_submit(r, catalog, actor, false);
  if (*correct_) return run_submit(r, catalog, actor, true);
  if (*rates_) return run_rates(r, catalog, false);
  if (*late_) return run_rates(r, catalog, true);
  if (*form_add_) return run_form_add(db, r, catalog, actor);
  auto units = db.work().list_units();
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

int ReportingCommands::run_submit(areas::ReportingArea& r, const i18n::Catalog& catalog,
                                  const std::string& actor, bool correction) {
  reporting::SubmissionInput in;
  in.form = form_;
  in.unit = unit_;
  in.period = period_;
  in.note = note_;
  if (!on_.empty()) {
    in.submitted_on = Date::parse(std::string(text::trim(on_)));
    if (!in.submitted_on)
      return refuse_option(
          catalog, Error("field.bad_date", {{"value", on_}, {"field", "submitted_on"}}), kUsage);
  }
  for (const auto& v : values_) {
    auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0)
      return refuse_option(catalog, Error("reporting.bad_value_option", {{"value", v}}), kUsage);
    in.values[std::string(text::trim(v.substr(0, eq)))] = v.substr(eq + 1);
  }
  auto done = r.submit(in, actor, correction);
  if (!done) return refuse_option(catalog, done.error());
  std::cout << catalog.text(correction ? "reporting.corrected" : "reporting.submitted",
                            {{"form", form_},
                             {"unit", unit_},
                             {"period", done->period},
                             {"date", done->submitted_on.vietnamese()}})
            << "\n";
  return kOk;
}

int ReportingCommands::run_rates(areas::ReportingArea& area, const i18n::Catalog& catalog,
                                 bool late_only) {
  auto found = area.rates(period_, form_);
  if (!found) {
    // An unknown form is named on its option; a malformed period is a usage error.
    const Error& e = found.error();
    if (e.field == "form") return refuse_option(catalog, e, kRefused);
    return cli::refuse(catalog, e, kUsage);
  }
  const auto& rates = found->forms;
  const auto* period = &found->period;
  if (format_ == "json") {
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

}  // namespace htx::cli
