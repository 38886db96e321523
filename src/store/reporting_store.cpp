#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "store/sql_repositories.hpp"
#include "store/statement_runner.hpp"

namespace htx::store::sql {

namespace {

using namespace htx::work;
using namespace htx::reporting;

constexpr std::string_view kFormColumns =
    "id, code, name, frequency, unit_kind, unit_ids::text, deadline_months, deadline_day, "
    "indicators::text, active_from, recorded_by, recorded_at";
constexpr int kFormWidth = 12;
constexpr std::string_view kSubmissionColumns =
    "id, form_id, unit_id, period, submitted_on, submitted_by, indicator_values::text, note, "
    "recorded_at, corrected_by, corrected_at";
constexpr int kSubmissionWidth = 11;

nlohmann::json parse_json(const std::optional<std::string>& v) {
  return nlohmann::json::parse(to_text(v), nullptr, false);
}

ReportForm read_form(const Row& r) {
  ReportForm f;
  f.id = to_int(r[0]);
  f.code = to_text(r[1]);
  f.name = to_text(r[2]);
  f.frequency = frequency_from_code(to_text(r[3])).value_or(Frequency::kMonthly);
  f.unit_kind = unit_kind_from_code(to_text(r[4]));
  auto ids = parse_json(r[5]);
  if (ids.is_array())
    for (const auto& v : ids)
      if (v.is_number_integer()) f.unit_ids.push_back(v.get<std::int64_t>());
  f.deadline.months_after = static_cast<int>(to_int(r[6]));
  f.deadline.day = static_cast<int>(to_int(r[7]));
  auto indicators = parse_json(r[8]);
  if (indicators.is_array())
    for (const auto& i : indicators)
      if (i.is_object())
        f.indicators.push_back(
            {i.value("key", ""), i.value("name", ""), i.value("required", true)});
  f.active_from = to_date(r[9]);
  f.recorded_by = to_text(r[10]);
  f.recorded_at = to_text(r[11]);
  return f;
}

Submission read_submission(const Row& r) {
  Submission s;
  s.id = to_int(r[0]);
  s.form_id = to_int(r[1]);
  s.unit_id = to_int(r[2]);
  s.period = to_text(r[3]);
  s.submitted_on = to_date(r[4]);
  s.submitted_by = to_text(r[5]);
  auto values = parse_json(r[6]);
  if (values.is_object())
    for (const auto& [k, v] : values.items())
      if (v.is_number_integer()) s.values[k] = v.get<std::int64_t>();
  s.note = to_text(r[7]);
  s.recorded_at = to_text(r[8]);
  s.corrected_by = to_text(r[9]);
  s.corrected_at = to_text(r[10]);
  return s;
}

std::string indicators_json(const ReportForm& f) {
  auto a = nlohmann::json::array();
  for (const auto& i : f.indicators)
    a.push_back({{"key", i.key}, {"name", i.name}, {"required", i.required}});
  return a.dump();
}

// $1..$10 of the submission insert and update.
Params submission_params(const Submission& s) {
  return {p(s.form_id),      p(s.unit_id),      p(s.period),
          p(s.submitted_on), p(s.submitted_by), nlohmann::json(s.values).dump(),
          p(s.note),         p(s.recorded_at),  p(s.corrected_by),
          p(s.corrected_at)};
}

class ReportingStore final : public ReportingRepository {
 public:
  ReportingStore(Runner& r, Dialect d) : r_(r) {
    auto sql = [&](std::string_view s) { return translate(s, d); };
    auto forms = "SELECT " + std::string(kFormColumns) + " FROM rep_form";
    auto subs = "SELECT " + std::string(kSubmissionColumns) + " FROM rep_submission";
    insert_form_ =
        sql("INSERT INTO rep_form (code, name, frequency, unit_kind, unit_ids, deadline_months, "
            "deadline_day, indicators, active_from, recorded_by, recorded_at) "
            "VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb, $9, $10, $11) RETURNING id");
    form_by_id_ = sql(forms + " WHERE id = $1");
    form_by_code_ = sql(forms + " WHERE code = $1");
    forms_ = sql(forms + " ORDER BY id");
    insert_submission_ =
        sql("INSERT INTO rep_submission (form_id, unit_id, period, submitted_on, submitted_by, "
            "indicator_values, note, recorded_at, corrected_by, corrected_at) "
            "VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10) RETURNING id");
    update_submission_ =
        sql("UPDATE rep_submission SET form_id = $1, unit_id = $2, period = $3, submitted_on = $4, "
            "submitted_by = $5, indicator_values = $6::jsonb, note = $7, recorded_at = $8, "
            "corrected_by = $9, corrected_at = $10 WHERE id = $11");
    submission_ = sql(subs + " WHERE form_id = $1 AND unit_id = $2 AND period = $3");
    // Optional filters as parameters: NULL means "any".
    submissions_ = sql(subs +
                       " WHERE ($1::text IS NULL OR form_id = CAST($1 AS BIGINT)) "
                       "AND ($2::text IS NULL OR period = $2) "
                       "AND ($3::text IS NULL OR unit_id = CAST($3 AS BIGINT)) "
                       "ORDER BY period, unit_id, id");
  }

  std::int64_t insert_form(const ReportForm& f) override {
    Params params{p(f.code),
                  p(f.name),
                  p(to_code(f.frequency)),
                  p(f.unit_kind ? std::string(to_code(*f.unit_kind)) : std::string()),
                  nlohmann::json(f.unit_ids).dump(),
                  p(f.deadline.months_after),
                  p(f.deadline.day),
                  indicators_json(f),
                  p(f.active_from),
                  p(f.recorded_by),
                  p(f.recorded_at)};
    return id_of(r_.query(insert_form_, 1, params));
  }
  std::optional<ReportForm> find_form(std::int64_t id) override {
    return first<ReportForm>(r_.query(form_by_id_, kFormWidth, {p(id)}), read_form);
  }
  std::optional<ReportForm> find_form_by_code(std::string_view code) override {
    return first<ReportForm>(r_.query(form_by_code_, kFormWidth, {p(code)}), read_form);
  }
  std::vector<ReportForm> list_forms() override {
    return all<ReportForm>(r_.query(forms_, kFormWidth, {}), read_form);
  }

  std::int64_t insert_submission(const Submission& s) override {
    return id_of(r_.query(insert_submission_, 1, submission_params(s)));
  }
  void update_submission(const Submission& s) override {
    auto params = submission_params(s);
    params.push_back(p(s.id));
    r_.query(update_submission_, 0, params);
  }
  std::optional<Submission> find_submission(std::int64_t form_id, std::int64_t unit_id,
                                            std::string_view period) override {
    return first<Submission>(
        r_.query(submission_, kSubmissionWidth, {p(form_id), p(unit_id), p(period)}),
        read_submission);
  }
  std::vector<Submission> list_submissions(const SubmissionQuery& q) override {
    Params params{p(q.form_id), p(q.period), p(q.unit_id)};
    return all<Submission>(r_.query(submissions_, kSubmissionWidth, params), read_submission);
  }

 private:
  Runner& r_;
  std::string insert_form_, form_by_id_, form_by_code_, forms_;
  std::string insert_submission_, update_submission_, submission_, submissions_;
};

}  // namespace

std::unique_ptr<reporting::ReportingRepository> make_reporting_repository(Runner& runner,
                                                                          Dialect dialect) {
  return std::make_unique<ReportingStore>(runner, dialect);
}

}  // namespace htx::store::sql
