#include "ocop/ocop_service.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/json_record.hpp"
#include "core/scoped_record.hpp"
#include "core/text.hpp"

namespace htx::ocop {

namespace {

Error required(const char* field) { return Error::invalid(field, "field.required"); }

nlohmann::json to_json(const Certificate& c) {
  return json_record("id", c.id, "product", c.product, "group", c.group, "subgroup", c.subgroup,
                     "producer_code", c.producer_code, "province_id", c.province_id, "score_a",
                     c.score_a, "score_b", c.score_b, "score_c", c.score_c, "stars", c.stars,
                     "level", c.level, "decision_number", c.decision_number, "decided_on",
                     c.decided_on, "valid_until", c.valid_until, "renews_id", c.renews_id, "origin",
                     c.origin, "source_text", c.source_text);
}

std::string same_product_key(const std::string& producer, const std::string& product) {
  return producer + "\n" + text::fold(product);
}

}  // namespace

std::optional<Error> OcopService::score_refusal(const std::optional<std::int64_t>& score,
                                                const char* part) const {
  const std::string field = std::string("score_") + part;
  if (!score) return required(field.c_str());
  const Part* p = rules_.part(part);
  const std::int64_t max = p ? std::int64_t{p->max_points} * 10 : 0;
  if (*score < 0 || *score > max)
    return Error::invalid(field, "ocop.score_out_of_range",
                          {{"part", std::string(1, static_cast<char>(std::toupper(part[0])))},
                           {"value", points_text(*score)},
                           {"max", std::to_string(p ? p->max_points : 0)}});
  return std::nullopt;
}

Result<Certificate> OcopService::checked(Certificate c, const ProvinceScope& scope) {
  c.product = text::to_nfc(text::trim(c.product));
  c.decision_number = std::string(text::trim(c.decision_number));
  c.producer_code = std::string(text::trim(c.producer_code));
  std::optional<Certificate> renewed;
  if (c.renews_id) {
    renewed = repo_.find(*c.renews_id);
    if (!renewed)
      return Error::invalid("renews", "ocop.renews_not_found",
                            {{"id", std::to_string(*c.renews_id)}});
    // A renewal is of the same product: what it leaves empty is the renewed one's.
    if (c.product.empty()) c.product = renewed->product;
    if (c.producer_code.empty()) c.producer_code = renewed->producer_code;
    if (c.group.empty()) c.group = renewed->group;
    if (c.subgroup.empty()) c.subgroup = renewed->subgroup;
  }
  if (c.product.empty()) return required("product");
  if (c.group.empty()) return required("group");
  if (!rules_.group(c.group))
    return Error::invalid("group", "ocop.unknown_group", {{"value", c.group}});
  if (c.subgroup.empty()) return required("subgroup");
  if (!rules_.subgroup(c.group, c.subgroup))
    return Error::invalid("subgroup", "ocop.unknown_subgroup",
                          {{"value", c.subgroup}, {"group", c.group}});
  if (c.producer_code.empty()) return required("producer");
  auto producer = registry_.find_by_code(c.producer_code);
  if (!producer)
    return Error::invalid("producer", "ocop.unknown_producer", {{"code", c.producer_code}});
  c.producer_name = producer->name;
  c.province_id = producer->province_id;
  if (!scope.allows(c.province_id)) return Error::forbidden("ocop.out_of_scope");

  if (c.origin == Origin::kFreeText) {
    c.score_a = c.score_b = c.score_c = std::nullopt;
  } else {
    if (auto e = score_refusal(c.score_a, "a")) return *e;
    if (auto e = score_refusal(c.score_b, "b")) return *e;
    if (auto e = score_refusal(c.score_c, "c")) return *e;
    const int computed = rules_.stars_of(*total_tenths(c));
    if (c.stars != 0 && c.stars != computed)
      return Error::invalid("stars", "ocop.stars_mismatch",
                            {{"stated", std::to_string(c.stars)},
                             {"computed", std::to_string(computed)},
                             {"total", points_text(*total_tenths(c))}});
    c.stars = computed;
  }
  const StarBand* band = rules_.band(c.stars);
  if (!band || !band->certified)
    return Error::invalid(c.origin == Origin::kFreeText ? "stars" : "score_a", "ocop.not_certified",
                          {{"stars", std::to_string(c.stars)}});
  // The level is the band's: a level stated otherwise is refused.
  const Level level = band->level == "central" ? Level::kCentral : Level::kProvince;
  if (c.level && *c.level != level)
    return Error::invalid(
        "level", "ocop.wrong_level",
        {{"stars", std::to_string(c.stars)}, {"level", std::string(to_code(level))}});
  c.level = level;

  if (c.origin == Origin::kFreeText) {
    c.valid_until =
        c.decided_on ? std::optional<Date>(rules_.valid_until(*c.decided_on)) : std::nullopt;
  } else {
    if (c.decision_number.empty()) return required("decision_number");
    if (!c.decided_on || *c.decided_on == Date{}) return required("decided_on");
    if (*c.decided_on > clock_.today())
      return Error::invalid("decided_on", "ocop.decided_in_future",
                            {{"value", c.decided_on->vietnamese()}});
    c.valid_until = rules_.valid_until(*c.decided_on);
  }
  if (c.decided_on && producer->founded_on != Date{} && *c.decided_on < producer->founded_on)
    return Error::invalid("decided_on", "ocop.before_founded",
                          {{"founded_on", producer->founded_on.vietnamese()}});
  if (producer->status == registry::EntityStatus::kDissolved &&
      (!c.decided_on || !producer->dissolved_on || *producer->dissolved_on <= *c.decided_on))
    return Error::invalid("producer", "ocop.producer_dissolved",
                          {{"code", producer->code}, {"name", producer->name}});
  if (renewed) {
    if (same_product_key(renewed->producer_code, renewed->product) !=
        same_product_key(c.producer_code, c.product))
      return Error::invalid("renews", "ocop.renews_other_product",
                            {{"id", std::to_string(renewed->id)}, {"product", renewed->product}});
    if (!renewed->decided_on || !c.decided_on || *c.decided_on <= *renewed->decided_on)
      return Error::invalid("decided_on", "ocop.renewal_not_later",
                            {{"renewed_on", renewed->decided_on ? renewed->decided_on->vietnamese()
                                                                : std::string()}});
    if (repo_.renewal_of(renewed->id))
      return Error::conflict("ocop.renewed_already", {{"id", std::to_string(renewed->id)}})
          .on("renews");
  }
  if (c.origin != Origin::kFreeText &&
      repo_.find_decided(c.producer_code, c.decision_number, c.product))
    return Error::conflict("ocop.exists", {{"product", c.product}, {"decision", c.decision_number}})
        .on("product");
  return c;
}

Certificate OcopService::insert(Certificate c, const std::string& actor) {
  c.entered_by = actor;
  c.entered_at = clock_.now_iso();
  c.id = repo_.insert(c);
  log("ocop.certificate.create", "ocop_certificate", std::to_string(c.id), "", to_json(c).dump(),
      actor);
  return c;
}

Result<Certificate> OcopService::add(Certificate c, const std::string& actor,
                                     const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto ok = checked(std::move(c), scope);
  if (!ok) return ok.error();
  auto saved = insert(std::move(*ok), actor);
  tx.commit();
  return saved;
}

Result<std::vector<Certificate>> OcopService::import(
    const std::vector<std::pair<int, Certificate>>& rows,
    const std::map<std::string, std::string>& columns, const std::string& file_name,
    const std::string& actor, const ProvinceScope& scope, std::vector<RowError>& errors) {
  Transaction tx(tx_);
  std::vector<Certificate> saved;
  for (const auto& [row, c] : rows) {
    auto ok = checked(c, scope);
    if (!ok) {
      auto it = columns.find(ok.error().field);
      errors.push_back({row, it == columns.end() ? std::string() : it->second, ok.error()});
      continue;
    }
    // Inserted at once: a later row of the same decision and product is then refused.
    if (errors.empty()) saved.push_back(insert(std::move(*ok), actor));
  }
  if (!errors.empty())
    return Error::invalid("file", "ocop.import_refused", {{"rows", std::to_string(errors.size())}});
  if (saved.empty()) return Error::invalid("file", "ocop.import_empty");
  log("ocop.import", "import", file_name, "", json_record("certificates", saved.size()).dump(),
      actor);
  tx.commit();
  return saved;
}

FreeTextPlan OcopService::plan_free_text(const ProvinceScope& scope) {
  FreeTextPlan plan;
  std::set<std::string> recorded;
  for (const auto& c : repo_.list({}))
    recorded.insert(same_product_key(c.producer_code, c.product));
  registry_.for_each([&](const registry::Entity& e) {
    if (text::trim(e.ocop_products).empty() || !scope.allows(e.province_id)) return;
    for (auto& item : parse_free_text(e.ocop_products, rules_)) {
      FreeTextLine line{e.code, e.name, e.province_id, item};
      if (item.reason.empty() && e.status == registry::EntityStatus::kDissolved)
        line.item.reason = "producer_dissolved";
      if (!line.item.reason.empty()) {
        plan.unmatched.push_back(std::move(line));
        continue;
      }
      if (!recorded.insert(same_product_key(e.code, item.product)).second) {
        plan.already.push_back(std::move(line));
        continue;
      }
      auto c = certificate_of(item.product, item.group, item.subgroup, e.code);
      c.stars = item.stars;
      c.origin = Origin::kFreeText;
      c.source_text = item.text;
      plan.to_record.push_back(std::move(c));
      plan.recorded.push_back(std::move(line));
    }
  });
  return plan;
}

Result<FreeTextPlan> OcopService::migrate_free_text(const std::string& actor,
                                                    const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto plan = plan_free_text(scope);
  for (auto& c : plan.to_record) {
    auto ok = checked(c, scope);
    if (!ok) return ok.error();
    c = insert(std::move(*ok), actor);
  }
  log("ocop.migrate_free_text", "registry", "ocop_products", "",
      json_record("recorded", plan.to_record.size(), "already", plan.already.size(), "unmatched",
                  plan.unmatched.size())
          .dump(),
      actor);
  tx.commit();
  return plan;
}

Result<CertificateView> OcopService::find(std::int64_t id, Date on, const ProvinceScope& scope) {
  auto c = scoped_record(repo_.find(id), id, scope, "ocop.no_certificate", "ocop.out_of_scope");
  if (!c) return c.error();
  CertificateView v{*c, repo_.renewal_of(id), false};
  v.valid = valid_on(*c, on, v.renewed_by ? v.renewed_by->decided_on : std::nullopt);
  return v;
}

std::vector<CertificateView> OcopService::list(CertificateQuery query, Date on,
                                               const ProvinceScope& scope) {
  if (!scope.is_all()) {
    std::vector<std::string> allowed;
    for (const auto& p : scope.provinces())
      if (!query.province_ids ||
          std::count(query.province_ids->begin(), query.province_ids->end(), p))
        allowed.push_back(p);
    query.province_ids = allowed;
  }
  std::vector<CertificateView> out;
  for (auto& c : repo_.list(query)) {
    auto renewal = repo_.renewal_of(c.id);
    bool valid = valid_on(c, on, renewal ? renewal->decided_on : std::nullopt);
    out.push_back({std::move(c), std::move(renewal), valid});
  }
  return out;
}

Counts OcopService::counts(Date on, const ProvinceScope& scope) {
  Counts out;
  out.on = on;
  CertificateQuery q;
  q.valid_on = on;
  std::map<std::string, std::set<std::string>> producers;
  std::set<std::string> all_producers;
  for (const auto& v : list(q, on, scope)) {
    const auto& c = v.certificate;
    if (!v.valid || c.stars < 3 || c.stars > 5) continue;
    auto& p = out.by_province[c.province_id];
    ++p.products;
    ++p.by_stars[c.stars - 3];
    ++out.total.products;
    ++out.total.by_stars[c.stars - 3];
    producers[c.province_id].insert(c.producer_code);
    all_producers.insert(c.producer_code);
  }
  std::set<std::string> cooperatives;
  for (const auto& code : all_producers) {
    auto e = registry_.find_by_code(code);
    if (e && e->type == registry::EntityType::kCooperative) cooperatives.insert(code);
  }
  for (auto& [province, codes] : producers) {
    auto& p = out.by_province[province];
    p.producers = static_cast<int>(codes.size());
    for (const auto& code : codes) p.cooperatives += cooperatives.count(code) ? 1 : 0;
  }
  out.total.producers = static_cast<int>(all_producers.size());
  out.total.cooperatives = static_cast<int>(cooperatives.size());
  return out;
}

bool OcopService::holds(const std::string& entity_code, int stars, Date on) {
  return ocop::holds(repo_, entity_code, stars, on);
}

bool holds(OcopRepository& repo, const std::string& entity_code, int stars, Date on) {
  CertificateQuery q;
  q.producer_code = entity_code;
  q.stars = stars;
  q.valid_on = on;
  for (const auto& c : repo.list(q)) {
    auto renewal = repo.renewal_of(c.id);
    if (valid_on(c, on, renewal ? renewal->decided_on : std::nullopt)) return true;
  }
  return false;
}

}  // namespace htx::ocop
