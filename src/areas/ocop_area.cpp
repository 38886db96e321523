#include "areas/ocop_area.hpp"

namespace htx::areas {

namespace {

using accounts::AccessPolicy;
using namespace htx::ocop;

Error forbidden() { return Error::forbidden("ocop.not_allowed"); }

// A group or subgroup as a sheet or a form writes it: its code or its name, in any case, with
// or without diacritics.
template <typename Items>
std::string code_of(const Items& items, const std::string& written) {
  const auto folded = text::fold(written);
  for (const auto& i : items)
    if (i.code == written || text::fold(i.name) == folded || text::fold(i.name_en) == folded)
      return i.code;
  return written;
}

// "4", "4 sao", "★★★★".
std::optional<int> stars_of(const std::string& written) {
  std::string digits;
  int star_signs = 0;
  for (std::size_t i = 0; i < written.size(); ++i) {
    if (written[i] >= '0' && written[i] <= '9') digits += written[i];
    if (written.compare(i, 3, "\xE2\x98\x85") == 0) ++star_signs;
  }
  if (!digits.empty() && digits.size() <= 2) return std::stoi(digits);
  if (digits.empty() && star_signs > 0) return star_signs;
  return std::nullopt;
}

std::optional<Level> level_of(const std::string& written) {
  if (auto l = level_from_code(written)) return l;
  const auto f = text::fold(written);
  if (f == "tinh" || f == "cap tinh") return Level::kProvince;
  if (f == "trung uong" || f == "cap trung uong" || f == "quoc gia") return Level::kCentral;
  return std::nullopt;
}

Result<std::optional<std::int64_t>> points_field(const Fields& f, const std::string& name) {
  auto v = field_of(f, name);
  if (v.empty()) return std::optional<std::int64_t>{};
  auto p = parse_points(v);
  if (!p) return Error::invalid(name, "ocop.bad_points", {{"value", v}});
  return std::optional<std::int64_t>{*p};
}

}  // namespace

OcopArea::OcopArea(store::Database& db, const Clock& clock, const OcopRules& rules, Caller caller)
    : db_(db),
      clock_(clock),
      rules_(rules),
      caller_(std::move(caller)),
      service_(db.ocop(), db.registry(), db.audit(), db, clock, rules) {}

bool OcopArea::can_read() const { return AccessPolicy::can_read_ocop(caller_.principal); }
bool OcopArea::can_write() const { return AccessPolicy::can_write_ocop(caller_.principal); }
bool OcopArea::is_own() const { return AccessPolicy::can_borrow(caller_.principal); }

// A cooperative's account reads its own products wherever it is: the filter names it.
ProvinceScope OcopArea::read_scope() const {
  return is_own() ? ProvinceScope::all() : caller_.scope;
}

Result<Certificate> OcopArea::read(const Fields& f, Origin origin) const {
  Certificate c;
  c.origin = origin;
  c.product = field_of(f, "product");
  c.group = code_of(rules_.groups(), field_of(f, "group"));
  c.subgroup = field_of(f, "subgroup");
  if (const Group* g = rules_.group(c.group)) c.subgroup = code_of(g->subgroups, c.subgroup);
  if (c.group.empty() && !c.subgroup.empty())
    if (const Group* g = rules_.group_of_subgroup(c.subgroup)) c.group = g->code;
  c.producer_code = field_of(f, "producer");
  for (const char* part : {"score_a", "score_b", "score_c"}) {
    auto p = points_field(f, part);
    if (!p) return p.error();
    (part[6] == 'a' ? c.score_a : part[6] == 'b' ? c.score_b : c.score_c) = *p;
  }
  if (auto s = field_of(f, "stars"); !s.empty()) {
    auto n = stars_of(s);
    if (!n) return Error::invalid("stars", "ocop.bad_stars", {{"value", s}});
    c.stars = *n;
  }
  if (auto l = field_of(f, "level"); !l.empty()) {
    c.level = level_of(l);
    if (!c.level) return Error::invalid("level", "ocop.bad_level", {{"value", l}});
  }
  c.decision_number = field_of(f, "decision_number");
  if (!field_of(f, "decided_on").empty()) {
    auto on = date_field(f, "decided_on", std::nullopt);
    if (!on) return on.error();
    c.decided_on = *on;
  }
  if (!field_of(f, "renews").empty()) {
    auto id = number_field(f, "renews", std::nullopt);
    if (!id) return id.error();
    c.renews_id = *id;
  }
  return c;
}

Result<std::vector<CertificateView>> OcopArea::list(const Fields& filter) {
  if (!can_read()) return forbidden();
  CertificateQuery q;
  if (auto p = field_of(filter, "province"); !p.empty()) q.province_ids = std::vector{p};
  if (auto g = field_of(filter, "group"); !g.empty()) {
    q.group = code_of(rules_.groups(), g);
    if (!rules_.group(*q.group))
      return Error::bad_request("group", "ocop.unknown_group", {{"value", g}});
  }
  if (auto s = field_of(filter, "stars"); !s.empty()) {
    q.stars = stars_of(s);
    if (!q.stars) return Error::bad_request("stars", "ocop.bad_stars", {{"value", s}});
  }
  if (auto p = field_of(filter, "producer"); !p.empty()) q.producer_code = p;
  if (is_own()) q.producer_code = caller_.principal.user->entity_code;
  if (!field_of(filter, "valid_on").empty()) {
    auto on = date_field(filter, "valid_on", std::nullopt);
    if (!on) return Error::bad_request("valid_on", on.error().key, on.error().params);
    q.valid_on = *on;
  }
  Date on = q.valid_on.value_or(clock_.today());
  if (!field_of(filter, "on").empty()) {
    auto d = date_field(filter, "on", std::nullopt);
    if (!d) return Error::bad_request("on", d.error().key, d.error().params);
    on = *d;
  }
  return service_.list(q, on, read_scope());
}

Result<CertificateView> OcopArea::certificate(std::int64_t id, const std::string& on) {
  if (!can_read()) return forbidden();
  auto date = date_field({{"on", on}}, "on", clock_.today());
  if (!date) return Error::bad_request("on", date.error().key, date.error().params);
  auto v = service_.find(id, *date, read_scope());
  if (!v) return v.error();
  if (is_own() && v->certificate.producer_code != caller_.principal.user->entity_code)
    return forbidden();
  return v;
}

Result<Certificate> OcopArea::add(const Fields& f) {
  if (!can_write()) return forbidden();
  auto c = read(f, Origin::kDecision);
  if (!c) return c.error();
  return service_.add(std::move(*c), caller_.actor(), caller_.scope);
}

Result<std::vector<Certificate>> OcopArea::import(const std::vector<std::pair<int, Fields>>& rows,
                                                  const std::map<std::string, std::string>& columns,
                                                  const std::string& file_name,
                                                  std::vector<RowError>& errors) {
  if (!can_write()) return forbidden();
  std::vector<std::pair<int, Certificate>> read_rows;
  for (const auto& [row, fields] : rows) {
    auto c = read(fields, Origin::kImport);
    if (!c) {
      auto it = columns.find(c.error().field);
      errors.push_back({row, it == columns.end() ? std::string() : it->second, c.error()});
      continue;
    }
    read_rows.emplace_back(row, std::move(*c));
  }
  if (!errors.empty())
    return Error::invalid("file", "ocop.import_refused", {{"rows", std::to_string(errors.size())}});
  return service_.import(read_rows, columns, file_name, caller_.actor(), caller_.scope, errors);
}

Result<FreeTextPlan> OcopArea::migrate_free_text(bool apply) {
  if (!can_write()) return forbidden();
  if (!apply) return service_.plan_free_text(caller_.scope);
  return service_.migrate_free_text(caller_.actor(), caller_.scope);
}

Result<Counts> OcopArea::counts(const std::string& on) {
  if (!can_read() || is_own()) return forbidden();
  auto date = date_field({{"on", on}}, "on", clock_.today());
  if (!date) return Error::bad_request("on", date.error().key, date.error().params);
  return service_.counts(*date, caller_.scope);
}

}  // namespace htx::areas
