// OCOP products' pages (issue 13, item 4): the list with its filters (province, group, stars,
// valid on a date) and the counts of valid products, a certificate's page (its scores, stars,
// decision, validity on a date, what it renews and what renewed it), the form of a new
// certificate (or a renewal), and the upload of a province's list (.xlsx) with its errors by
// row, column and field. Every read and write goes through areas::OcopArea; the handlers only
// parse and render.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "accounts/account_service.hpp"
#include "exchange/ocop_import.hpp"
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

using ocop::Certificate;
using ocop::CertificateView;

std::string product_href(std::int64_t id) { return "/ocop/products/" + std::to_string(id); }
std::string points(const std::optional<std::int64_t>& p) { return p ? ocop::points_text(*p) : "–"; }
std::string stars_text(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "\xE2\x98\x85";
  return s;
}

// The form's inputs, in order: (name, kind, required).
constexpr FormInput kInputs[] = {
    {"product", "text", true},         {"group", "select", true},   {"subgroup", "select", true},
    {"producer", "text", true},        {"score_a", "text", true},   {"score_b", "text", true},
    {"score_c", "text", true},         {"stars", "select", false},  {"level", "select", false},
    {"decision_number", "text", true}, {"decided_on", "date", true}};

Choices labels() {
  Choices out = input_labels(kInputs, "ocop.page.f_");
  out.emplace_back("renews", "ocop.page.f_renews");
  return out;
}

class OcopPages : public AreaPages<areas::OcopArea> {
 public:
  OcopPages(Site& site, Page& page)
      : AreaPages(site, page, api::ocop_area(site.ctx(), page.principal()), "ocop.page.") {}
  const ocop::OcopRules& rules() const { return area_.rules(); }
  bool en() const { return p_.lang() == i18n::Lang::kEn; }
  std::string group_name(const std::string& code) const {
    const auto* g = rules().group(code);
    return g ? (en() ? g->name_en : g->name) : code;
  }
  std::string subgroup_name(const std::string& group, const std::string& code) const {
    const auto* s = rules().subgroup(group, code);
    return s ? (en() ? s->name_en : s->name) : code;
  }
  Choices group_choices(const std::string& first) const {
    Choices out{{"", first}};
    for (const auto& g : rules().groups()) out.emplace_back(g.code, en() ? g.name_en : g.name);
    return out;
  }
  json subgroup_groups(const std::string& selected) const {
    json out = json::array();
    for (const auto& g : rules().groups()) {
      Choices c;
      for (const auto& s : g.subgroups) c.emplace_back(s.code, en() ? s.name_en : s.name);
      out.push_back({{"label", en() ? g.name_en : g.name}, {"options", options(c, selected)}});
    }
    return out;
  }
  Choices star_choices(const std::string& first) const {
    Choices out{{"", first}};
    for (int n = 3; n <= 5; ++n) out.emplace_back(std::to_string(n), stars_text(n));
    return out;
  }
  std::string state(const CertificateView& v) const {
    if (v.valid) return t("state_valid");
    if (v.renewed_by) return t("state_renewed");
    if (!v.certificate.decided_on) return t("state_unknown");
    return t("state_expired");
  }
  json row(const CertificateView& v) const {
    const auto& c = v.certificate;
    return {{"id", c.id},
            {"href", product_href(c.id)},
            {"product", c.product},
            {"group", group_name(c.group)},
            {"producer", c.producer_name},
            {"producer_code", c.producer_code},
            {"province", s_.province_name(c.province_id)},
            {"stars", stars_text(c.stars)},
            {"stars_count", c.stars},
            {"decision", c.decision_number},
            {"decided_on", c.decided_on ? Site::date(*c.decided_on) : "–"},
            {"valid_until", c.valid_until ? Site::date(*c.valid_until) : "–"},
            {"valid", v.valid},
            {"state", state(v)}};
  }
  json view(json v) const {
    v["can_write"] = area_.can_write();
    return v;
  }
};

web::Response list(Site& site, Page& page) {
  OcopPages op(site, page);
  if (auto stop = site.guard(page, op.area().can_read())) return std::move(*stop);
  areas::Fields q;
  for (const char* n : {"province", "group", "stars", "valid_on"}) q[n] = page.query(n);
  auto found = op.area().list(q);
  if (!found) return site.refused(page, found.error());
  json rows = json::array();
  for (const auto& v : *found) rows.push_back(op.row(v));
  Choices provinces{{"", op.t("all_provinces")}};
  std::set<std::string> seen;
  const auto every = op.area().list({});
  for (const auto& v : every ? *every : std::vector<CertificateView>{})
    if (seen.insert(v.certificate.province_id).second)
      provinces.emplace_back(v.certificate.province_id,
                             site.province_name(v.certificate.province_id));
  json view = {
      {"provinces", options(provinces, q["province"])},
      {"groups", options(op.group_choices(op.t("all_groups")), q["group"])},
      {"stars", options(op.star_choices(op.t("all_stars")), q["stars"])},
      {"valid_on", q["valid_on"]},
      {"caption",
       op.t("found", {{"count", site.number(page, static_cast<std::int64_t>(rows.size()))}})},
      {"has_rows", !rows.empty()},
      {"rows", rows}};
  if (auto counts = op.area().counts(q["valid_on"]); counts) {
    // The counts follow the province filter: those of the province chosen, or of every province.
    const ocop::ProvinceCounts none{};
    const auto chosen = counts->by_province.find(q["province"]);
    const auto& total = q["province"].empty()                 ? counts->total
                        : chosen != counts->by_province.end() ? chosen->second
                                                              : none;
    view["counts"] = {{"on", Site::date(counts->on)},
                      {"products", site.number(page, total.products)},
                      {"stars_3", site.number(page, total.by_stars[0])},
                      {"stars_4", site.number(page, total.by_stars[1])},
                      {"stars_5", site.number(page, total.by_stars[2])},
                      {"cooperatives", site.number(page, total.cooperatives)}};
  }
  return site.render(page, "ocop_list", op.t("title"), op.view(std::move(view)));
}

web::Response product(Site& site, Page& page) {
  OcopPages op(site, page);
  if (auto stop = site.guard(page, op.area().can_read())) return std::move(*stop);
  std::int64_t id = 0;
  if (auto stop = path_id(site, page, "ocop.no_certificate", id)) return std::move(*stop);
  auto found = op.area().certificate(id, page.query("on"));
  if (!found) return site.refused(page, found.error());
  const auto& v = *found;
  const auto& c = v.certificate;
  json details = json::array();
  auto add = [&](const char* key, const std::string& value) {
    details.push_back({{"label", op.t(key)}, {"value", value}});
  };
  add("f_group", op.group_name(c.group));
  add("f_subgroup", op.subgroup_name(c.group, c.subgroup));
  add("f_producer", c.producer_name + " (" + c.producer_code + ")");
  add("province", site.province_name(c.province_id));
  add("f_score_a", points(c.score_a));
  add("f_score_b", points(c.score_b));
  add("f_score_c", points(c.score_c));
  if (auto total = ocop::total_tenths(c)) add("total", ocop::points_text(*total));
  add("f_stars", stars_text(c.stars) + " (" + std::to_string(c.stars) + ")");
  add("f_level", c.level ? op.t(std::string("level_") + std::string(ocop::to_code(*c.level))) : "");
  add("f_decision_number", c.decision_number.empty() ? "–" : c.decision_number);
  add("f_decided_on", c.decided_on ? Site::date(*c.decided_on) : "–");
  add("valid_until", c.valid_until ? Site::date(*c.valid_until) : "–");
  if (!c.source_text.empty()) add("source_text", c.source_text);
  json view = {{"product", c.product},
               {"details", details},
               {"valid", v.valid},
               {"state", op.state(v)},
               {"on", page.query("on").empty() ? Site::date(site.today()) : page.query("on")},
               {"renews", c.renews_id ? json(product_href(*c.renews_id)) : json(false)},
               {"renewed_by", v.renewed_by ? json(product_href(v.renewed_by->id)) : json(false)},
               {"renew_href", "/ocop/new?renews=" + std::to_string(c.id)},
               {"can_renew", op.area().can_write() && !v.renewed_by}};
  return site.render(page, "ocop_product", c.product, op.view(std::move(view)));
}

web::Response form_page(Site& site, Page& page, OcopPages& op, const FormState& f, int status) {
  json fields = json::array();
  for (const auto& i : kInputs) {
    const std::string name = i.name;
    json choices;
    if (name == "group") choices = options(op.group_choices(page.t("form.choose")), f.value(name));
    if (name == "stars") choices = options(op.star_choices(op.t("stars_computed")), f.value(name));
    if (name == "level")
      choices = options({{"", op.t("level_computed")},
                         {"province", op.t("level_province")},
                         {"central", op.t("level_central")}},
                        f.value(name));
    json field = form_field(page, f, name, "ocop.page.f_" + name, i.required, i.kind, choices);
    if (name == "subgroup") {
      field["groups"] = op.subgroup_groups(f.value(name));
      field["options"] = options({{"", page.t("form.choose")}}, f.value(name));
    }
    if (page.cat.has("site.ocop.page.hint_" + name)) {
      field["hint"] = op.t("hint_" + name);
      field["describedby"] = "hint-" + name + (field["error"].is_string() ? " error-" + name : "");
    }
    fields.push_back(std::move(field));
  }
  json view = form_view(page, f, fields, labels(),
                        {{"renews", f.value("renews")}, {"renewing", !f.value("renews").empty()}});
  return site.render(page, "ocop_new", op.t("new"), op.view(std::move(view)), status);
}

web::Response new_form(Site& site, Page& page) {
  OcopPages op(site, page);
  if (auto stop = site.guard(page, op.area().can_write())) return std::move(*stop);
  FormState f;
  if (auto renews = positive_id(page.query("renews"))) {
    auto old = op.area().certificate(*renews, "");
    if (!old) return site.refused(page, old.error());
    const auto& c = old->certificate;
    f.values = {{"renews", std::to_string(c.id)},
                {"product", c.product},
                {"group", c.group},
                {"subgroup", c.subgroup},
                {"producer", c.producer_code}};
  }
  return form_page(site, page, op, f, 200);
}

web::Response create(Site& site, Page& page) {
  OcopPages op(site, page);
  if (auto stop = site.guard(page, op.area().can_write())) return std::move(*stop);
  FormState f;
  areas::Fields fields = posted_fields(page, kInputs, f);
  fields["renews"] = f.values["renews"] = std::string(text::trim(page.field("renews")));
  auto made = op.area().add(fields);
  if (made) {
    site.data_changed();
    return Site::redirect(product_href(made->id));
  }
  if (!show_refusal(page, f, made.error(), labels())) return site.forbidden(page);
  return form_page(site, page, op, f, made.error().is(ErrorKind::kConflict) ? 409 : 422);
}

web::Response import_form(Site& site, Page& page, OcopPages& op, json result, int status) {
  json view = {{"csrf", op.csrf()}, {"result", std::move(result)}};
  return site.render(page, "ocop_import", op.t("import"), op.view(std::move(view)), status);
}

web::Response import_page(Site& site, Page& page) {
  OcopPages op(site, page);
  if (auto stop = site.guard(page, op.area().can_write())) return std::move(*stop);
  return import_form(site, page, op, false, 200);
}

web::Response import_upload(Site& site, Page& page) {
  namespace fs = std::filesystem;
  OcopPages op(site, page);
  if (auto stop = site.guard(page, op.area().can_write())) return std::move(*stop);
  const MultipartPart* file = page.upload.find("file");
  if (!file || !file->filename || file->data.empty())
    return import_form(site, page, op, {{"error", op.t("no_file")}, {"rows", json::array()}}, 422);
  // The workbook is read from a private file of its own, removed once read.
  const fs::path path =
      fs::temp_directory_path() / ("htx-ocop-" + accounts::random_token() + ".xlsx");
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(file->data.data(), static_cast<std::streamsize>(file->data.size()));
    if (!out) throw InfrastructureError("cannot write the upload " + path.string());
  }
  ::chmod(path.c_str(), 0600);
  auto sheet = exchange::read_ocop_sheet(path.string(), i18n::data_dir());
  std::error_code ec;
  fs::remove(path, ec);
  if (!sheet)
    return import_form(site, page, op,
                       {{"error", page.cat.render(sheet.error())}, {"rows", json::array()}}, 422);
  std::vector<std::pair<int, areas::Fields>> rows(sheet->rows.begin(), sheet->rows.end());
  std::vector<ocop::RowError> errors;
  auto done = op.area().import(rows, sheet->columns, *file->filename, errors);
  if (!done) {
    json items = json::array();
    for (const auto& e : errors)
      items.push_back({{"row", e.row},
                       {"column", e.column},
                       {"field", op.t("f_" + e.error.field)},
                       {"message", page.cat.render(e.error)}});
    return import_form(
        site, page, op,
        {{"error", page.cat.render(done.error())}, {"has_rows", !items.empty()}, {"rows", items}},
        done.error().is(ErrorKind::kForbidden) ? 403 : 422);
  }
  site.data_changed();
  return import_form(site, page, op,
                     {{"error", false},
                      {"rows", json::array()},
                      {"imported", op.t("imported", {{"count", std::to_string(done->size())}})}},
                     200);
}

}  // namespace

void register_ocop_pages(Site& site, web::Router& router) {
  add_pages(site, router,
            {{.path = "/ocop", .get = list, .post = create},
             {.path = "/ocop/products/{id}", .get = product},
             {.path = "/ocop/new", .get = new_form},
             {.path = "/ocop/import",
              .get = import_page,
              .post = import_upload,
              .post_kind = Site::Post::kMultipart}});
}

}  // namespace htx::webapp
