// OCOP certificates' writes and reads (issue 13, item 4): validates against data/ocop's rules and
// the registry, writes through the OcopRepository inside one transaction, and writes an audit
// entry for every change. Expected outcomes are htx::Error values with catalogue keys "ocop.*"
// naming their field. Scope: a certificate belongs to its producer's province; the caller's scope
// must allow it. Roles are the edge's (accounts::AccessPolicy).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "audit/recording.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/scope.hpp"
#include "core/transaction.hpp"
#include "ocop/free_text.hpp"
#include "ocop/ocop.hpp"
#include "ocop/ocop_repository.hpp"
#include "ocop/rules.hpp"
#include "registry/registry_repository.hpp"

namespace htx::ocop {

// A certificate with what is known of it on a date.
struct CertificateView {
  Certificate certificate;
  std::optional<Certificate> renewed_by;
  bool valid = false;  // on the date asked
};

// One row of an import that was refused: its row in the sheet, the column and the refusal.
struct RowError {
  int row = 0;
  std::string column;
  Error error;
};

// The registry's free text read into records: what can be recorded, what is recorded already
// (the same producer and product), and what cannot be matched, with its reason.
struct FreeTextLine {
  std::string entity_code, entity_name, province_id;
  FreeTextItem item;
};
struct FreeTextPlan {
  std::vector<Certificate> to_record;
  std::vector<FreeTextLine> recorded;  // the pieces of to_record, in the same order
  std::vector<FreeTextLine> already;
  std::vector<FreeTextLine> unmatched;
};

// Valid products and their producers on a date, by province.
struct ProvinceCounts {
  int products = 0;
  int by_stars[3] = {0, 0, 0};  // ★3, ★4, ★5
  int cooperatives = 0;         // distinct producers of type HTX with a valid product
  int producers = 0;            // distinct producers of any type
};
struct Counts {
  Date on;
  std::map<std::string, ProvinceCounts> by_province;  // province id as registered
  ProvinceCounts total;
};

// Whether the entity holds a certificate of `stars` valid on `on` (the exchange's check).
bool holds(OcopRepository& repo, const std::string& entity_code, int stars, Date on);

class OcopService : private audit::Recording {
 public:
  OcopService(OcopRepository& repo, registry::RegistryRepository& registry, audit::AuditLog& audit,
              TransactionManager& tx, const Clock& clock, const OcopRules& rules)
      : Recording(audit, tx, clock), repo_(repo), registry_(registry), rules_(rules) {}

  // A certificate: the product's name; a known group and subgroup; the producer an entity of the
  // registry (not dissolved by the decision's date), whose province the scope allows; scores of
  // parts A, B, C within their maxima; the stars they give certified (★3–★5), equal to the stars
  // stated (0: none stated) and certified at their level (province ★3–★4, central ★5); the
  // decision's number and date (not in the future, nor before the producer was founded). A renewal
  // names the certificate it renews: the same producer and product, decided earlier. Valid through
  // the decision date + 36 months − 1 day. From free text: stars stated, no scores or decision
  // needed.
  Result<Certificate> add(Certificate c, const std::string& actor, const ProvinceScope& scope);
  // Every row, or none: the refusals by row (`rows[i].first` is its row in the sheet) with the
  // column the field is read from (`columns`: field -> column header).
  Result<std::vector<Certificate>> import(const std::vector<std::pair<int, Certificate>>& rows,
                                          const std::map<std::string, std::string>& columns,
                                          const std::string& file_name, const std::string& actor,
                                          const ProvinceScope& scope,
                                          std::vector<RowError>& errors);

  // The registry's free-text field of every entity in scope, parsed.
  FreeTextPlan plan_free_text(const ProvinceScope& scope);
  // The plan's records written, in one transaction.
  Result<FreeTextPlan> migrate_free_text(const std::string& actor, const ProvinceScope& scope);

  Result<CertificateView> find(std::int64_t id, Date on, const ProvinceScope& scope);
  std::vector<CertificateView> list(CertificateQuery query, Date on, const ProvinceScope& scope);
  Counts counts(Date on, const ProvinceScope& scope);
  // Whether the entity holds a certificate of `stars` valid on `on`.
  bool holds(const std::string& entity_code, int stars, Date on);

  const OcopRules& rules() const { return rules_; }

 private:
  // `c` checked and completed (producer, province, stars, level, validity); nothing written.
  Result<Certificate> checked(Certificate c, const ProvinceScope& scope);
  Certificate insert(Certificate c, const std::string& actor);
  std::optional<Error> score_refusal(const std::optional<std::int64_t>& score,
                                     const char* part) const;

  OcopRepository& repo_;
  registry::RegistryRepository& registry_;
  const OcopRules& rules_;
};

}  // namespace htx::ocop
