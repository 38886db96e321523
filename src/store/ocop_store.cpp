// OCOP certificates over a declared table (store/record.hpp), written once for both backends.
#include "core/text.hpp"
#include "store/record.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using namespace htx::ocop;

const Table<Certificate> kCertificates{
    "ocop_certificate",
    {key<&Certificate::id>(),
     column<&Certificate::product>("product"),
     // The product's name folded: the same product of a producer, whatever its spelling.
     {"product_key", nullptr, [](const Certificate& c) { return p(text::fold(c.product)); }},
     column<&Certificate::group>("product_group"),
     column<&Certificate::subgroup>("subgroup"),
     column<&Certificate::producer_code>("producer_code"),
     column<&Certificate::producer_name>("producer_name"),
     column<&Certificate::province_id>("province_id"),
     column<&Certificate::score_a>("score_a"),
     column<&Certificate::score_b>("score_b"),
     column<&Certificate::score_c>("score_c"),
     column<&Certificate::stars>("stars"),
     optional_code<&Certificate::level, level_from_code>("level"),
     column<&Certificate::decision_number>("decision_number"),
     column<&Certificate::decided_on>("decided_on"),
     column<&Certificate::valid_until>("valid_until"),
     column<&Certificate::renews_id>("renews_id"),
     code<&Certificate::origin, origin_from_code, Origin::kDecision>("origin"),
     column<&Certificate::source_text>("source_text"),
     column<&Certificate::entered_by>("entered_by"),
     column<&Certificate::entered_at>("entered_at")}};

class OcopStore final : public RecordStore<OcopRepository, Certificate> {
 public:
  OcopStore(Runner& r, Dialect d) : RecordStore(r, d, kCertificates) {}

  std::optional<Certificate> renewal_of(std::int64_t id) override {
    return renewal_of_.first({p(id)});
  }
  std::optional<Certificate> find_decided(const std::string& producer_code,
                                          const std::string& decision_number,
                                          const std::string& product) override {
    return decided_.first({p(producer_code), p(decision_number), p(text::fold(product))});
  }
  std::vector<Certificate> list(const CertificateQuery& q) override {
    Param on = q.valid_on ? p(*q.valid_on) : Param(std::nullopt);
    return by_filter_.all({provinces_or_any(q.province_ids), any_or(q.group), any_or(q.stars),
                           any_or(q.producer_code), on, on});
  }

 private:
  const Query<Certificate> renewal_of_ =
      records_.select("WHERE renews_id = $1 ORDER BY decided_on, id");
  const Query<Certificate> decided_ =
      records_.select("WHERE producer_code = $1 AND decision_number = $2 AND product_key = $3");
  // Valid on $5: decided by then, valid through it, and not renewed by a certificate decided by
  // then ($6 repeats the date).
  const Query<Certificate> by_filter_ = records_.select(
      "WHERE " +
      optional_filters({in_json_list("province_id", d_), "product_group = $",
                        "stars = CAST($ AS BIGINT)", "producer_code = $",
                        "(decided_on <= $::date AND valid_until >= $::date)"}) +
      " AND ($6::text IS NULL OR NOT EXISTS (SELECT 1 FROM ocop_certificate r WHERE "
      "r.renews_id = ocop_certificate.id AND r.decided_on <= $6::date))"
      " ORDER BY province_id, producer_code, product_key, decided_on, id");
};

}  // namespace

HTX_STORE_OF(ocop::OcopRepository, OcopStore)

}  // namespace htx::store::sql
