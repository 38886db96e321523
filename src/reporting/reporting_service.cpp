#include "reporting/reporting_service.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"

namespace htx::reporting {

using work::ProvinceScope;
using work::Unit;

namespace {

Error field_error(std::string key, const std::string& field,
                  std::map<std::string, std::string> params = {}) {
  params["field"] = field;
  return Error(std::move(key), std::move(params));
}

std::string submission_key(const ReportForm& f, const Unit& u, const std::string& period) {
  return f.code + "/" + u.code + "/" + period;
}

}  // namespace

std::vector<Error> check_values(const ReportForm& form,
                                const std::map<std::string, std::string>& values,
                                std::map<std::string, std::int64_t>* parsed) {
  std::vector<Error> errors;
  for (const auto& [key, text] : values)
    if (!form.indicator(key))
      errors.push_back(field_error("reporting.unknown_indicator", "value." + key,
                                   {{"key", key}, {"form", form.code}}));
  for (const auto& ind : form.indicators) {
    std::string field = "value." + ind.key;
    auto it = values.find(ind.key);
    std::string typed = it == values.end() ? "" : std::string(text::trim(it->second));
    if (typed.empty()) {
      if (ind.required)
        errors.push_back(
            field_error("reporting.indicator_required", field, {{"indicator", ind.name}}));
      continue;
    }
    auto v = text::parse_int(typed);
    if (!v) {
      errors.push_back(field_error("reporting.indicator_not_a_number", field,
                                   {{"indicator", ind.name}, {"value", typed}}));
      continue;
    }
    if (*v < 0) {
      errors.push_back(field_error("reporting.indicator_negative", field,
                                   {{"indicator", ind.name}, {"value", typed}}));
      continue;
    }
    if (parsed) (*parsed)[ind.key] = *v;
  }
  return errors;
}

Result<ReportForm> ReportingService::add_form(ReportForm form, const std::string& actor,
                                              const ProvinceScope& scope) {
  if (!scope.is_all()) return Error::forbidden("reporting.forms_national");
  form.code = std::string(text::trim(form.code));
  form.name = text::to_nfc(text::trim(form.name));
  if (form.code.empty()) return field_error("field.required", "code");
  if (form.name.empty()) return field_error("field.required", "name");
  if (form.active_from == Date{}) return field_error("field.required", "active_from");
  if (form.deadline.day < 1 || form.deadline.day > 31 || form.deadline.months_after < 0 ||
      form.deadline.months_after > 12)
    return field_error("reporting.bad_deadline", "deadline",
                       {{"day", std::to_string(form.deadline.day)},
                        {"months", std::to_string(form.deadline.months_after)}});
  if (!form.unit_kind && form.unit_ids.empty())
    return field_error("reporting.form_without_units", "unit_kind", {{"form", form.code}});
  std::set<std::string> keys;
  for (auto& ind : form.indicators) {
    ind.key = std::string(text::trim(ind.key));
    ind.name = text::to_nfc(text::trim(ind.name));
    if (ind.key.empty() || ind.name.empty()) return field_error("field.required", "indicators");
    if (!keys.insert(ind.key).second)
      return field_error("reporting.indicator_key_duplicate", "indicators", {{"key", ind.key}});
  }
  Transaction tx(tx_);
  if (repo_.find_form_by_code(form.code))
    return field_error("reporting.form_code_exists", "code", {{"code", form.code}});
  for (auto id : form.unit_ids)
    if (!work_.find_unit(id))
      return field_error("work.unit_not_found", "unit_ids", {{"id", std::to_string(id)}});
  form.recorded_by = actor;
  form.recorded_at = clock_.now_iso();
  form.id = repo_.insert_form(form);
  audit_.append({0, form.recorded_at, actor, "reporting.form.create", "report_form", form.code, "",
                 to_json(form).dump()});
  tx.commit();
  return form;
}

Result<ReportingService::Checked> ReportingService::check(const SubmissionInput& in,
                                                          const ProvinceScope& scope) {
  std::string form_code(text::trim(in.form));
  std::string unit_code(text::trim(in.unit));
  std::string period_text(text::trim(in.period));
  if (form_code.empty()) return field_error("field.required", "form");
  if (unit_code.empty()) return field_error("field.required", "unit");
  if (period_text.empty()) return field_error("field.required", "period");
  Checked c;
  auto form = repo_.find_form_by_code(form_code);
  if (!form) return field_error("reporting.form_not_found", "form", {{"code", form_code}});
  c.form = *form;
  auto unit = work_.find_unit_by_code(unit_code);
  if (!unit) return field_error("reporting.unit_not_found", "unit", {{"code", unit_code}});
  c.unit = *unit;
  if (!scope.allows(c.unit.province_id))
    return Error::forbidden("reporting.unit_out_of_scope", {{"unit", c.unit.name}}).on("unit");
  auto period = parse_report_period(period_text);
  if (!period) return field_error("reporting.bad_period", "period", {{"value", period_text}});
  if (period->frequency != c.form.frequency)
    return field_error(
        "reporting.period_frequency", "period",
        {{"value", period_text},
         {"form", c.form.code},
         {"example", c.form.frequency == Frequency::kMonthly ? "2021-02" : "2021-Q1"}});
  c.period = *period;
  Date today = clock_.today();
  if (period->first_day() > today)
    return field_error("reporting.period_in_future", "period", {{"period", period->code()}});
  if (!period_of_form(c.form, *period))
    return field_error("reporting.period_before_form", "period",
                       {{"period", period->code()},
                        {"form", c.form.code},
                        {"first", first_period(c.form).code()}});
  if (!expected(c.form, c.unit, *period))
    return field_error("reporting.unit_not_expected", "unit",
                       {{"unit", c.unit.name}, {"form", c.form.code}, {"period", period->code()}});
  if (in.submitted_on) {
    if (*in.submitted_on > today)
      return field_error("field.date_in_future", "submitted_on",
                         {{"value", in.submitted_on->vietnamese()}});
    if (*in.submitted_on < period->first_day())
      return field_error("reporting.submitted_before_period", "submitted_on",
                         {{"value", in.submitted_on->vietnamese()},
                          {"period", period->code()},
                          {"first", period->first_day().vietnamese()}});
  }
  auto errors = check_values(c.form, in.values, &c.values);
  if (!errors.empty()) return errors.front();
  return c;
}

Result<Submission> ReportingService::submit(const SubmissionInput& in, const std::string& actor,
                                            const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto c = check(in, scope);
  if (!c) return c.error();
  std::string period = c->period.code();
  if (auto prior = repo_.find_submission(c->form.id, c->unit.id, period))
    return Error::conflict("reporting.already_submitted",
                           {{"unit", c->unit.name},
                            {"form", c->form.code},
                            {"period", period},
                            {"date", prior->submitted_on.vietnamese()}})
        .on("period");
  Submission s;
  s.form_id = c->form.id;
  s.unit_id = c->unit.id;
  s.period = period;
  s.submitted_on = in.submitted_on.value_or(clock_.today());
  s.submitted_by = actor;
  s.values = c->values;
  s.note = text::to_nfc(text::trim(in.note));
  s.recorded_at = clock_.now_iso();
  s.id = repo_.insert_submission(s);
  audit_.append({0, s.recorded_at, actor, "reporting.submit", "report_submission",
                 submission_key(c->form, c->unit, period), "", to_json(s).dump()});
  tx.commit();
  return s;
}

Result<Submission> ReportingService::correct(const SubmissionInput& in, const std::string& actor,
                                             const ProvinceScope& scope) {
  Transaction tx(tx_);
  SubmissionInput without_date = in;
  without_date.submitted_on.reset();
  auto c = check(without_date, scope);
  if (!c) return c.error();
  std::string period = c->period.code();
  auto prior = repo_.find_submission(c->form.id, c->unit.id, period);
  if (!prior)
    return field_error("reporting.submission_not_found", "period",
                       {{"unit", c->unit.name}, {"form", c->form.code}, {"period", period}});
  Submission s = *prior;
  s.values = c->values;
  s.note = text::to_nfc(text::trim(in.note));
  s.corrected_by = actor;
  s.corrected_at = clock_.now_iso();
  repo_.update_submission(s);
  audit_.append({0, s.corrected_at, actor, "reporting.correct", "report_submission",
                 submission_key(c->form, c->unit, period), to_json(*prior).dump(),
                 to_json(s).dump()});
  tx.commit();
  return s;
}

std::vector<Unit> ReportingService::units_in(const ProvinceScope& scope) {
  auto units = work_.list_units();
  std::erase_if(units, [&](const Unit& u) { return !scope.allows(u.province_id); });
  return units;
}

std::vector<ReportForm> ReportingService::forms_in(const ProvinceScope& scope) {
  if (scope.is_all()) return repo_.list_forms();
  return restricted_to(repo_.list_forms(), units_in(scope));
}

std::vector<FormPeriodRates> ReportingService::rates(const ReportPeriod& period,
                                                     const ProvinceScope& scope,
                                                     std::optional<Date> at,
                                                     const std::string& form_code) {
  std::vector<FormPeriodRates> out;
  auto units = work_.list_units();
  for (const auto& f : forms_in(scope)) {
    if (f.frequency != period.frequency || !period_of_form(f, period)) continue;
    if (!form_code.empty() && f.code != form_code) continue;
    SubmissionQuery q;
    q.form_id = f.id;
    q.period = period.code();
    out.push_back(form_rates(f, units, repo_.list_submissions(q), period, at.value_or(today())));
  }
  return out;
}

}  // namespace htx::reporting
