// OCOP certificates as the pages, the JSON API and the command line all use them (issue 13, item
// 4): the service built over the request's database and data/ocop's rules, the caller's role
// checked (admin, national and provincial staff record within their scope; the national leader
// and the fund's roles read in their scope; a cooperative's account reads its own), and the
// requests' fields read once into a certificate, every refusal naming its field.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "areas/caller.hpp"
#include "areas/fields.hpp"
#include "ocop/ocop_service.hpp"
#include "store/database.hpp"

namespace htx::areas {

class OcopArea {
 public:
  OcopArea(store::Database& db, const Clock& clock, const ocop::OcopRules& rules, Caller caller);

  const Caller& caller() const { return caller_; }
  const ocop::OcopRules& rules() const { return rules_; }
  bool can_read() const;
  bool can_write() const;
  bool is_own() const;  // a cooperative's account: its own products only

  // Filters: province, group, stars, producer (code), valid_on (a date: valid then; "" = any);
  // `on` says which date "valid" is shown for (default valid_on, else today). A filter that
  // cannot be read is a bad request on its name.
  Result<std::vector<ocop::CertificateView>> list(const Fields& filter);
  Result<ocop::CertificateView> certificate(std::int64_t id, const std::string& on);

  // product, group, subgroup (a code or a name), producer (a registry code), score_a, score_b,
  // score_c ("36,5"), stars (stated, "" = none), level (province|central, "" = the stars'),
  // decision_number, decided_on, renews (the id of the certificate renewed).
  Result<ocop::Certificate> add(const Fields& f);
  // A province's list read from a sheet: each row's fields with its row number; `columns` names
  // the sheet's column of each field. Every row or none; the refusals by row, column and field.
  Result<std::vector<ocop::Certificate>> import(const std::vector<std::pair<int, Fields>>& rows,
                                                const std::map<std::string, std::string>& columns,
                                                const std::string& file_name,
                                                std::vector<ocop::RowError>& errors);
  // The registry's free text: planned (a dry run) or written (`apply`).
  Result<ocop::FreeTextPlan> migrate_free_text(bool apply);
  // Valid products and their producers on `on` ("" = today) in the caller's scope.
  Result<ocop::Counts> counts(const std::string& on);

 private:
  Result<ocop::Certificate> read(const Fields& f, ocop::Origin origin) const;
  ProvinceScope read_scope() const;

  store::Database& db_;
  const Clock& clock_;
  const ocop::OcopRules& rules_;
  Caller caller_;
  ocop::OcopService service_;
};

}  // namespace htx::areas
