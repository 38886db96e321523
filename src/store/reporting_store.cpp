// The reporting regime (forms with their indicators, submissions with their values) over
// declared tables (store/record.hpp), written once for both backends. The units a form names,
// its indicators and a submission's values are JSON.
#include <map>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "store/record.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using namespace htx::work;
using namespace htx::reporting;

nlohmann::json parse_json(const Field& v) {
  return nlohmann::json::parse(to_text(v), nullptr, false);
}

// A form's indicators as a JSON array of {key, name, required}.
Indicator indicator_of(const nlohmann::json& i) {
  return Indicator{i.value("key", ""), i.value("name", ""), i.value("required", true)};
}
nlohmann::json indicator_json(const Indicator& i) {
  return {{"key", i.key}, {"name", i.name}, {"required", i.required}};
}

// A submission's values as a JSON object of integers.
struct ValuesCodec {
  static constexpr bool kJson = true;
  static std::map<std::string, std::int64_t> read(const Field& f) {
    std::map<std::string, std::int64_t> out;
    auto values = parse_json(f);
    if (values.is_object())
      for (const auto& [k, v] : values.items())
        if (v.is_number_integer()) out[k] = v.get<std::int64_t>();
    return out;
  }
  static Param write(const std::map<std::string, std::int64_t>& values) {
    return nlohmann::json(values).dump();
  }
};

const Table<ReportForm> kForms{
    "rep_form",
    {key<&ReportForm::id>(), column<&ReportForm::code>("code"), column<&ReportForm::name>("name"),
     code<&ReportForm::frequency, frequency_from_code, Frequency::kMonthly>("frequency"),
     optional_code<&ReportForm::unit_kind, unit_kind_from_code>("unit_kind"),
     column<&ReportForm::unit_ids>("unit_ids"),
     column<&ReportForm::deadline, &DeadlineRule::months_after>("deadline_months"),
     column<&ReportForm::deadline, &DeadlineRule::day>("deadline_day"),
     coded<JsonObjects<Indicator, indicator_of, indicator_json>, &ReportForm::indicators>(
         "indicators"),
     column<&ReportForm::active_from>("active_from"),
     column<&ReportForm::recorded_by>("recorded_by"),
     column<&ReportForm::recorded_at>("recorded_at")}};

const Table<Submission> kSubmissions{
    "rep_submission",
    {key<&Submission::id>(), column<&Submission::form_id>("form_id"),
     column<&Submission::unit_id>("unit_id"), column<&Submission::period>("period"),
     column<&Submission::submitted_on>("submitted_on"),
     column<&Submission::submitted_by>("submitted_by"),
     coded<ValuesCodec, &Submission::values>("indicator_values"), column<&Submission::note>("note"),
     column<&Submission::recorded_at>("recorded_at"),
     column<&Submission::corrected_by>("corrected_by"),
     column<&Submission::corrected_at>("corrected_at")}};

class ReportingStore final : public Store<ReportingRepository> {
 public:
  using Store::Store;

  HTX_STORE_CODED_RECORDS(ReportForm, form, forms, forms_);

  std::int64_t insert_submission(const Submission& s) override { return submissions_.insert(s); }
  void update_submission(const Submission& s) override { submissions_.update(s); }
  std::optional<Submission> find_submission(std::int64_t form_id, std::int64_t unit_id,
                                            std::string_view period) override {
    return submission_.first({p(form_id), p(unit_id), p(period)});
  }
  std::vector<Submission> list_submissions(const SubmissionQuery& q) override {
    return submissions_by_filter_.all({p(q.form_id), p(q.period), p(q.unit_id)});
  }

 private:
  const CodedRecords<ReportForm> forms_{r_, d_, kForms};

  const Records<Submission> submissions_{r_, d_, kSubmissions};
  const Query<Submission> submission_ =
      submissions_.select("WHERE form_id = $1 AND unit_id = $2 AND period = $3");
  const Query<Submission> submissions_by_filter_ =
      submissions_.select("WHERE " +
                          optional_filters({"form_id = CAST($ AS BIGINT)", "period = $",
                                            "unit_id = CAST($ AS BIGINT)"}) +
                          " ORDER BY period, unit_id, id");
};

}  // namespace

HTX_STORE_OF(reporting::ReportingRepository, ReportingStore)

}  // namespace htx::store::sql
