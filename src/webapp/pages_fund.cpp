// The support fund's pages (issue 12 §7): the portfolio dashboard (a fund, a period and a
// breakdown: outstanding, disbursed, collected, restructured, PAR30/90, debt groups, provisions
// and the narrative), the applications queue with its service deadlines, the application form and
// an application's appraisal, council decision and contract, the loans with their schedule
// versions, movements (four eyes: approve / reject), the money forms and the restructuring; a
// cooperative's own account sees its own loans with the next instalments and applies for itself.
// Every read and write goes through areas::FundArea; the handlers only parse and render.
#include <algorithm>

#include "exchange/fund_portfolio_xlsx.hpp"
#include "fund/portfolio_csv.hpp"
#include "webapp/page_forms.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

using fund::Application;
using fund::ApplicationStatus;
using fund::LoanView;
using fund::Movement;
using fund::MovementState;

std::string loan_href(std::int64_t id) { return "/fund/loans/" + std::to_string(id); }
std::string application_href(std::int64_t id) { return "/fund/applications/" + std::to_string(id); }

// One input of a fund form: its name (as FundArea reads it), its kind ("text", "date",
// "number", "select", "checkbox", "multiline"), whether it is required. Its label is the message
// "fund.page.f_<name>".
struct Input {
  std::string name, kind;
  bool required = false;
};
using Inputs = std::vector<Input>;

// The inputs of a spec "name[:kind][*] ...": "amount:number*" is a required number, "note" an
// optional text.
Inputs inputs(std::string_view spec) {
  Inputs out;
  for (std::string word : text::split(spec, ' ')) {
    if (word.empty()) continue;
    Input i;
    i.required = word.back() == '*';
    if (i.required) word.pop_back();
    const auto colon = word.find(':');
    i.name = word.substr(0, colon);
    i.kind = colon == std::string::npos ? "text" : word.substr(colon + 1);
    out.push_back(std::move(i));
  }
  return out;
}

const Inputs kApplyInputs = inputs(
    "fund:select* product:select* borrower* amount:number* term_months:number* purpose* "
    "total_investment:number* own_contribution:number* guarantee collateral:multiline "
    "received_on:date");
const Inputs kAppraiseInputs =
    inputs("appraised_on:date* opinion:multiline* recommended_amount:number*");
const Inputs kDecideInputs = inputs(
    "approve:select* decision_number* decided_on:date* members:multiline* votes_for:number* "
    "votes_against:number* approved_amount:number note");
const Inputs kContractInputs = inputs("contract_number* contract_on:date* payment_day:number");
const Inputs kMoneyInputs = inputs("on:date* amount:number*");
const Inputs kWriteOffInputs = inputs("on:date* note*");
const Inputs kRestructureInputs = inputs(
    "on:date* term_months:number* principal_grace_months:number interest_grace_months:number "
    "rate method:select day_count:select interest_waived:number covid_relief:checkbox reason* "
    "legal_basis*");
const Inputs kPortfolioFilters = inputs("fund:select period from:date to:date by:select");

// The inputs as show_refusal and error_summary take them: (name, label key).
Choices labels_of(const Inputs& inputs) {
  Choices out;
  for (auto& i : inputs) out.emplace_back(i.name, "fund.page.f_" + i.name);
  return out;
}

// The posted fields of `inputs` as FundArea reads them, kept in the form state.
areas::Fields posted(const Page& page, const Inputs& inputs, FormState& f) {
  areas::Fields out;
  for (auto& i : inputs) {
    std::string v = text::to_nfc(text::trim(page.field(i.name)));
    if (i.kind == "checkbox") v = checked(v) ? "1" : "";
    out[i.name] = v;
    f.values[i.name] = i.kind == "checkbox" && !v.empty() ? "on" : v;
  }
  return out;
}

// The fund as the page's caller reaches it, with the labels the pages show.
class FundPages : public AreaPages<areas::FundArea> {
 public:
  FundPages(Site& site, Page& page)
      : AreaPages(site, page, api::fund_area(site.ctx(), page.principal()), "fund.page.") {}

  std::string money(std::int64_t dong) const { return s_.number(p_, dong) + " đ"; }
  std::string count(std::int64_t n) const { return s_.number(p_, n); }
  bool staff() const { return !area_.is_borrower(); }

  const std::vector<fund::Fund>& funds() {
    if (!funds_) funds_ = area_.funds();
    return *funds_;
  }
  const fund::Fund* fund_of(std::int64_t id) {
    for (auto& f : funds())
      if (f.id == id) return &f;
    return nullptr;
  }
  const fund::Fund* fund_by_code(const std::string& code) {
    for (auto& f : funds())
      if (f.code == code) return &f;
    return nullptr;
  }
  std::string fund_name(std::int64_t id) {
    auto* f = fund_of(id);
    return f ? f->code + " – " + f->name : std::to_string(id);
  }
  const std::vector<fund::Product>& products_of(const fund::Fund& f) {
    auto it = products_.find(f.id);
    if (it == products_.end()) {
      auto found = area_.products(f.code);
      it = products_.emplace(f.id, found ? *found : std::vector<fund::Product>{}).first;
    }
    return it->second;
  }
  std::string product_name(std::int64_t fund_id, std::int64_t product_id) {
    if (auto* f = fund_of(fund_id))
      for (auto& p : products_of(*f))
        if (p.id == product_id) return p.code + " – " + p.name;
    return std::to_string(product_id);
  }
  Choices fund_choices(const std::string& first) {
    Choices out{{"", first}};
    for (auto& f : funds()) out.emplace_back(f.code, f.code + " – " + f.name);
    return out;
  }
  // The products grouped by fund, for the application form's select.
  json product_groups(const std::string& selected) {
    json groups = json::array();
    for (auto& f : funds()) {
      Choices c;
      for (auto& p : products_of(f))
        if (p.active) c.emplace_back(p.code, p.code + " – " + p.name);
      if (!c.empty()) groups.push_back({{"label", f.code}, {"options", options(c, selected)}});
    }
    return groups;
  }
  template <typename E>
  std::string label(const char* prefix, E value) const {
    return t(std::string(prefix) + std::string(fund::to_code(value)));
  }

  // The fields of a form from its inputs (selects with `choices`: name -> options, or for the
  // product its groups), their ids prefixed so that several forms share a page.
  json fields(const FormState& f, const Inputs& inputs, const std::map<std::string, json>& choices,
              const std::string& prefix) {
    json out = json::array();
    for (auto& i : inputs) {
      const std::string &kind = i.kind, &name = i.name, id = prefix + name;
      json field = form_field(p_, f, name, "fund.page.f_" + name, i.required,
                              kind == "multiline" ? "text" : kind.c_str());
      if (auto it = choices.find(name); it != choices.end()) {
        const bool grouped = !it->second.empty() && it->second[0].contains("options");
        field[grouped ? "groups" : "options"] = it->second;
        if (grouped) field["options"] = options({{"", p_.t("form.choose")}}, f.value(name));
      }
      field["multiline"] = kind == "multiline";
      field["id"] = id;
      if (p_.cat.has("site.fund.page.hint_" + name)) field["hint"] = t("hint_" + name);
      field["hint_id"] = "hint-" + id;
      field["error_id"] = "error-" + id;
      std::string described;
      if (field["hint"].is_string()) described = "hint-" + id;
      if (field["error"].is_string()) described += (described.empty() ? "" : " ") + ("error-" + id);
      field["describedby"] = described.empty() ? json(false) : json(described);
      out.push_back(std::move(field));
    }
    return out;
  }
  // The error summary, its links to the fields' ids.
  json summary(const FormState& f, const Inputs& inputs, const std::string& prefix) const {
    json out = error_summary(p_, f, labels_of(inputs));
    for (auto& e : out)
      if (e["href"].is_string()) e["href"] = "#" + prefix + e["href"].get<std::string>().substr(3);
    return out;
  }
  // A form's view for the fund_form partial.
  json form(const std::string& id, const std::string& title, const std::string& action,
            const FormState& f, const Inputs& inputs, const std::map<std::string, json>& choices,
            const std::string& submit) {
    return {{"form_id", id},
            {"title", title},
            {"action", action},
            {"csrf", csrf()},
            {"fields", fields(f, inputs, choices, id + "-")},
            {"errors", summary(f, inputs, id + "-")},
            {"has_errors", !f.ok()},
            {"submit", submit}};
  }

 private:
  std::optional<std::vector<fund::Fund>> funds_;
  std::map<std::int64_t, std::vector<fund::Product>> products_;
};

// A fund page in the layout, its sub-nav knowing whether the caller is the fund's staff.
web::Response fund_render(Site& site, Page& page, FundPages& fp, std::string_view name,
                          const std::string& title, json view, int status = 200) {
  view["staff"] = fp.staff();
  return site.render(page, name, title, std::move(view), status);
}

// `items` as `name` in `view`, with has_<name>.
void put_list(json& view, const std::string& name, json items) {
  view["has_" + name] = !items.empty();
  view[name] = std::move(items);
}

// The page's status for a refusal of that kind (as Site::refused answers).
int status_of(const Error& e) {
  static const std::map<ErrorKind, int> kStatus = {{ErrorKind::kForbidden, 403},
                                                   {ErrorKind::kNotFound, 404},
                                                   {ErrorKind::kConflict, 409},
                                                   {ErrorKind::kBadRequest, 400},
                                                   {ErrorKind::kThrottled, 429}};
  auto it = kStatus.find(e.kind);
  return it == kStatus.end() ? 422 : it->second;
}

// A refusal on a form: beside its field, or above the form; its status from the kind. False when
// the caller as such may not do it (the 403 page).
bool show_fund_refusal(const Page& page, FormState& f, const Error& e, const Inputs& inputs,
                       int& status) {
  if (e.is(ErrorKind::kForbidden) && e.key == "fund.not_allowed") return false;
  const Choices names = labels_of(inputs);
  const bool known =
      std::any_of(names.begin(), names.end(), [&](const auto& n) { return n.first == e.field; });
  f.add(known ? e.field : std::string(), page.cat.render(e));
  status = status_of(e);
  return true;
}

// The refusal of a write, if it was refused.
template <typename T>
std::optional<Error> failure(const Result<T>& r) {
  return r ? std::nullopt : std::optional<Error>(r.error());
}

std::optional<std::int64_t> id_of(const Page& page, const char* name = "id") {
  return positive_id(page.params.at(name));
}

json method_choices(FundPages& fp, const std::string& selected) {
  Choices c{{"", fp.t("unchanged")}};
  for (auto m : {fund::Method::kEqualPrincipal, fund::Method::kEqualInstalment,
                 fund::Method::kPrincipalAtMaturity})
    c.emplace_back(std::string(fund::to_code(m)), fp.label("method_", m));
  return options(c, selected);
}
json day_count_choices(FundPages& fp, const std::string& selected) {
  Choices c{{"", fp.t("unchanged")}};
  for (auto d : {fund::DayCount::kActual365, fund::DayCount::kActual360})
    c.emplace_back(std::string(fund::to_code(d)), fp.label("day_count_", d));
  return options(c, selected);
}

// ---- the dashboard ----

// The label of a breakdown's key.
std::string key_label(Site& site, Page& page, FundPages& fp, fund::PortfolioBy by,
                      const std::string& key) {
  switch (by) {
    case fund::PortfolioBy::kProvince:
      return key.empty() ? "—" : site.province_name(key);
    case fund::PortfolioBy::kSector:
      return key.empty() ? "—" : site.sector_name(page, key);
    case fund::PortfolioBy::kFund: {
      auto* f = fp.fund_by_code(key);
      return f ? f->code + " – " + f->name : key;
    }
    default:
      return key.empty() ? "—" : key;
  }
}

json portfolio_cells(FundPages& fp, const fund::PortfolioRow& r) {
  json cells = json::array();
  for (std::int64_t n : {std::int64_t{r.loans}, std::int64_t{r.new_loans}})
    cells.push_back(fp.count(n));
  for (std::int64_t v :
       {r.new_amount, r.outstanding, r.disbursed, r.collected_principal, r.collected_interest})
    cells.push_back(fp.money(v));
  cells.push_back(fp.count(r.restructured_loans));
  for (std::int64_t v : {r.par30, r.par90, r.by_group[0], r.by_group[1], r.by_group[2],
                         r.by_group[3], r.by_group[4], r.specific_provision, r.general_provision})
    cells.push_back(fp.money(v));
  return cells;
}

constexpr const char* kPortfolioColumns[] = {"col_loans",
                                             "col_new_loans",
                                             "col_new_amount",
                                             "col_outstanding",
                                             "col_disbursed",
                                             "col_collected_principal",
                                             "col_collected_interest",
                                             "col_restructured",
                                             "col_par30",
                                             "col_par90",
                                             "col_group1",
                                             "col_group2",
                                             "col_group3",
                                             "col_group4",
                                             "col_group5",
                                             "col_specific",
                                             "col_general"};

web::Response dashboard(Site& site, Page& page) {
  FundPages fp(site, page);
  if (fp.area().is_borrower()) return Site::redirect("/fund/loans");
  if (auto stop = site.guard(page, fp.area().can_read())) return std::move(*stop);
  const Inputs filters = {{"fund", "select", false},
                          {"period", "text", false},
                          {"from", "date", false},
                          {"to", "date", false},
                          {"by", "select", false}};
  FormState f;
  areas::Fields q;
  for (auto& i : filters)
    q[i.name] = f.values[i.name] = std::string(text::trim(page.query(i.name)));
  int status = 200;
  auto portfolio = fp.area().portfolio(q);
  if (!portfolio && !show_fund_refusal(page, f, portfolio.error(), filters, status))
    return site.forbidden(page);
  Choices by{};
  for (auto b :
       {fund::PortfolioBy::kProvince, fund::PortfolioBy::kFund, fund::PortfolioBy::kProduct,
        fund::PortfolioBy::kSector, fund::PortfolioBy::kPurpose})
    by.emplace_back(std::string(fund::to_code(b)), fp.label("by_", b));
  json view = {
      {"fields", fp.fields(f, filters,
                           {{"fund", options(fp.fund_choices(fp.t("all_funds")), f.value("fund"))},
                            {"by", options(by, f.value("by"))}},
                           "filter-")},
      {"errors", fp.summary(f, filters, "filter-")},
      {"has_errors", !f.ok()},
      {"result", false}};
  // The downloads of this portfolio (.xlsx, CSV), with the same filters.
  json downloads = json::array();
  if (portfolio) {
    const std::string qs = query_string({{"fund", f.value("fund")},
                                         {"period", f.value("period")},
                                         {"from", f.value("from")},
                                         {"to", f.value("to")},
                                         {"by", f.value("by")}});
    downloads.push_back({{"href", "/fund/portfolio.xlsx" + qs}, {"label", fp.t("download_xlsx")}});
    downloads.push_back({{"href", "/fund/portfolio.csv" + qs}, {"label", fp.t("download_csv")}});
  }
  put_list(view, "downloads", std::move(downloads));
  if (portfolio) {
    const auto& p = *portfolio;
    json header = json::array(), rows = json::array();
    for (auto* c : kPortfolioColumns) header.push_back(fp.t(c));
    for (auto& r : p.rows)
      rows.push_back({{"key", key_label(site, page, fp, p.query.by, r.key)},
                      {"cells", portfolio_cells(fp, r)}});
    const auto& t = p.total;
    json figures = json::array();
    auto figure = [&](const char* key, const std::string& value) {
      figures.push_back({{"label", fp.t(key)}, {"value", value}});
    };
    figure("col_outstanding", fp.money(t.outstanding));
    figure("col_disbursed", fp.money(t.disbursed));
    figure("col_collected", fp.money(t.collected_principal + t.collected_interest));
    figure("col_restructured", fp.count(t.restructured_loans));
    figure("restructured_borrowers", fp.count(p.restructured_borrowers));
    figure("col_par30", fp.money(t.par30));
    figure("col_par90", fp.money(t.par90));
    figure("col_provisions", fp.money(t.specific_provision + t.general_provision));
    json groups = json::array();
    for (int g = 0; g < 5; ++g)
      groups.push_back({{"group", g + 1}, {"amount", fp.money(t.by_group[g])}});
    view["result"] = {{"period", Site::date(p.query.from) + " – " + Site::date(p.query.to)},
                      {"by", fp.label("by_", p.query.by)},
                      {"narrative", p.narrative},
                      {"figures", figures},
                      {"groups", groups},
                      {"header", header},
                      {"total", portfolio_cells(fp, t)}};
    put_list(view["result"], "rows", std::move(rows));
  }
  return fund_render(site, page, fp, "fund_dashboard", fp.t("dashboard"), std::move(view), status);
}

// ---- applications ----

web::Response applications(Site& site, Page& page) {
  FundPages fp(site, page);
  if (auto stop = site.guard(page, fp.area().can_read())) return std::move(*stop);
  areas::Fields q{{"fund", page.query("fund")}, {"status", page.query("status")}};
  auto found = fp.area().applications(q);
  if (!found) return site.refused(page, found.error());
  json rows = json::array();
  for (auto& v : *found) {
    const Application& a = v.application;
    rows.push_back({{"id", a.id},
                    {"href", application_href(a.id)},
                    {"fund", fp.fund_name(a.fund_id)},
                    {"borrower", a.borrower_name.empty() ? a.borrower_code : a.borrower_name},
                    {"borrower_code", a.borrower_code},
                    {"amount", fp.money(a.amount)},
                    {"received_on", Site::date(a.received_on)},
                    {"due_by", Site::date(v.due_by)},
                    {"overdue", v.overdue},
                    {"status", fp.label("status_", a.status)}});
  }
  Choices statuses{{"", fp.t("all_statuses")}};
  for (auto s : {ApplicationStatus::kReceived, ApplicationStatus::kAppraised,
                 ApplicationStatus::kApproved, ApplicationStatus::kRejected,
                 ApplicationStatus::kContracted, ApplicationStatus::kWithdrawn})
    statuses.emplace_back(std::string(fund::to_code(s)), fp.label("status_", s));
  json view = {{"funds", options(fp.fund_choices(fp.t("all_funds")), q["fund"])},
               {"statuses", options(statuses, q["status"])},
               {"caption", fp.t("applications_found",
                                {{"count", fp.count(static_cast<std::int64_t>(rows.size()))}})},
               {"can_apply", fp.area().can_write() || fp.area().is_borrower()},
               {"staff", fp.staff()}};
  put_list(view, "rows", std::move(rows));
  return fund_render(site, page, fp, "fund_applications", fp.t("applications"), std::move(view));
}

// The application form's inputs for this caller: a cooperative's account has no borrower nor
// received date (its own, today).
Inputs apply_inputs(FundPages& fp) {
  Inputs out;
  for (auto& i : kApplyInputs)
    if (fp.staff() || (i.name != "borrower" && i.name != "received_on")) out.push_back(i);
  return out;
}

web::Response application_form(Site& site, Page& page, FundPages& fp, const FormState& f,
                               int status) {
  const Inputs inputs = apply_inputs(fp);
  json view = {
      {"form", fp.form("apply", fp.t("new_application"), "/fund/applications", f, inputs,
                       {{"fund", options(fp.fund_choices(page.t("form.choose")), f.value("fund"))},
                        {"product", fp.product_groups(f.value("product"))}},
                       fp.t("submit_application"))}};
  return fund_render(site, page, fp, "fund_application_new", fp.t("new_application"),
                     std::move(view), status);
}

web::Response application_new(Site& site, Page& page) {
  FundPages fp(site, page);
  if (auto stop = site.guard(page, fp.area().can_write() || fp.area().is_borrower()))
    return std::move(*stop);
  FormState f;
  f.values["fund"] = page.query("fund");
  if (fp.staff()) f.values["received_on"] = site.today().vietnamese();
  return application_form(site, page, fp, f, 200);
}

web::Response application_create(Site& site, Page& page) {
  FundPages fp(site, page);
  if (auto stop = site.guard(page, fp.area().can_write() || fp.area().is_borrower()))
    return std::move(*stop);
  FormState f;
  const Inputs inputs = apply_inputs(fp);
  auto fields = posted(page, inputs, f);
  auto made = fp.area().apply(fields);
  if (made) {
    site.data_changed();
    return Site::redirect(application_href(made->id));
  }
  int status = 422;
  if (!show_fund_refusal(page, f, made.error(), inputs, status)) return site.forbidden(page);
  return application_form(site, page, fp, f, status);
}

// Which of an application's forms failed, with what the user typed.
struct FailedForm {
  std::string name;
  FormState state;
};

web::Response application_page(Site& site, Page& page, FundPages& fp, std::int64_t id,
                               const FailedForm& failed, int status) {
  auto found = fp.area().application(id);
  if (!found) return site.refused(page, found.error());
  const Application& a = *found;
  json details = json::array();
  auto row = detail_rows(details, fp);
  row("f_fund", fp.fund_name(a.fund_id));
  row("f_product", fp.product_name(a.fund_id, a.product_id));
  row("f_borrower", a.borrower_code + (a.borrower_name.empty() ? "" : " – " + a.borrower_name));
  row("province", site.province_name(a.province_id));
  row("f_amount", fp.money(a.amount));
  row("f_term_months", fp.count(a.term_months));
  row("f_purpose", a.purpose);
  row("f_total_investment", fp.money(a.total_investment));
  row("f_own_contribution", fp.money(a.own_contribution));
  row("f_guarantee", a.guarantee);
  row("f_received_on", Site::date(a.received_on));
  row("status", fp.label("status_", a.status));
  if (a.appraised_on) {
    row("f_appraised_on", Site::date(*a.appraised_on));
    row("appraised_by", a.appraised_by);
    row("f_opinion", a.appraisal_opinion);
    row("f_recommended_amount", fp.money(a.recommended_amount));
  }
  const auto& c = a.council;
  if (!c.decision_number.empty()) {
    row("f_decision_number", c.decision_number);
    if (c.decided_on) row("f_decided_on", Site::date(*c.decided_on));
    std::string members;
    for (auto& m : c.members) members += (members.empty() ? "" : "; ") + m;
    row("f_members", members);
    row("votes", fp.t("votes_text",
                      {{"for", fp.count(c.votes_for)}, {"against", fp.count(c.votes_against)}}));
    if (a.status != ApplicationStatus::kRejected)
      row("f_approved_amount", fp.money(c.approved_amount));
    row("f_note", c.note);
  }
  if (!a.contract_number.empty()) {
    row("f_contract_number", a.contract_number);
    if (a.contract_on) row("f_contract_on", Site::date(*a.contract_on));
  }
  json collateral = json::array();
  for (auto& col : a.collateral)
    collateral.push_back({{"kind", col.kind},
                          {"description", col.description},
                          {"value", fp.money(col.appraised_value)},
                          {"discount", std::to_string(col.discount_percent) + " %"}});
  const std::string base = application_href(a.id);
  auto state = [&](const std::string& name, const FormState& fresh) {
    return failed.name == name ? failed.state : fresh;
  };
  json forms = json::array();
  if (a.status == ApplicationStatus::kReceived && fp.area().can_write()) {
    FormState f;
    f.values["appraised_on"] = site.today().vietnamese();
    f.values["recommended_amount"] = std::to_string(a.amount);
    forms.push_back(fp.form("appraise", fp.t("appraise"), base + "/appraise", state("appraise", f),
                            kAppraiseInputs, {}, fp.t("submit_appraise")));
  }
  if (a.status == ApplicationStatus::kAppraised && fp.area().can_approve()) {
    FormState f;
    f.values["decided_on"] = site.today().vietnamese();
    f.values["approved_amount"] = std::to_string(a.recommended_amount);
    f.values["approve"] = "1";
    f = state("decide", f);
    Choices approve{{"1", fp.t("approve_loan")}, {"0", fp.t("reject_loan")}};
    forms.push_back(fp.form("decide", fp.t("decide"), base + "/decide", f, kDecideInputs,
                            {{"approve", options(approve, f.value("approve"))}},
                            fp.t("submit_decide")));
  }
  if (a.status == ApplicationStatus::kApproved && fp.area().can_write()) {
    FormState f;
    f.values["contract_on"] = site.today().vietnamese();
    forms.push_back(fp.form("contract", fp.t("contract"), base + "/contract", state("contract", f),
                            kContractInputs, {}, fp.t("submit_contract")));
  }
  json view = {{"id", a.id},
               {"details", details},
               {"loan", a.loan_id ? json(loan_href(*a.loan_id)) : json(false)},
               {"forms", forms}};
  put_list(view, "collateral", std::move(collateral));
  return fund_render(site, page, fp, "fund_application",
                     fp.t("application_title", {{"id", std::to_string(a.id)}}), std::move(view),
                     status);
}

// A record's page (an application's, a loan's) by the route's id, for those who read the fund.
template <typename Show>
web::Response record_page(Site& site, Page& page, Show show) {
  FundPages fp(site, page);
  if (auto stop = site.guard(page, fp.area().can_read())) return std::move(*stop);
  auto id = id_of(page);
  if (!id) return site.not_found(page, page.t("error.not_found"));
  return show(fp, *id);
}

web::Response application(Site& site, Page& page) {
  return record_page(site, page, [&](FundPages& fp, std::int64_t id) {
    const FailedForm fresh;
    return application_page(site, page, fp, id, fresh, 200);
  });
}

enum class Step { kAppraise, kDecide, kContract };

web::Response application_step(Site& site, Page& page, Step step) {
  FundPages fp(site, page);
  if (auto stop = site.guard(page, fp.area().can_write())) return std::move(*stop);
  auto id = id_of(page);
  if (!id) return site.not_found(page, page.t("error.not_found"));
  const Inputs& inputs = step == Step::kAppraise ? kAppraiseInputs
                         : step == Step::kDecide ? kDecideInputs
                                                 : kContractInputs;
  FailedForm failed;
  failed.name = step == Step::kAppraise ? "appraise"
                : step == Step::kDecide ? "decide"
                                        : "contract";
  auto fields = posted(page, inputs, failed.state);
  std::optional<Error> error;
  std::string next = application_href(*id);
  if (step == Step::kAppraise) {
    error = failure(fp.area().appraise(*id, fields));
  } else if (step == Step::kDecide) {
    error = failure(fp.area().decide(*id, fields));
  } else if (auto r = fp.area().sign_contract(*id, fields); !r) {
    error = r.error();
  } else {
    next = loan_href(r->id);
  }
  if (!error) {
    site.data_changed();
    return Site::redirect(next);
  }
  int status = 422;
  if (!show_fund_refusal(page, failed.state, *error, inputs, status)) return site.forbidden(page);
  return application_page(site, page, fp, *id, failed, status);
}

// ---- loans ----

// The next instalments of a loan after its as-of date (at most `most`), from its latest schedule.
json next_instalments(FundPages& fp, const LoanView& v, std::size_t most) {
  json out = json::array();
  if (v.position.versions.empty() || v.position.status != fund::LoanStatus::kActive) return out;
  for (auto& line : v.position.versions.back().lines) {
    if (line.due_on <= v.position.as_of) continue;
    out.push_back({{"due_on", Site::date(line.due_on)},
                   {"principal", fp.money(line.principal)},
                   {"interest", fp.money(line.interest)},
                   {"total", fp.money(line.total())}});
    if (out.size() >= most) break;
  }
  return out;
}

web::Response loans(Site& site, Page& page) {
  FundPages fp(site, page);
  if (auto stop = site.guard(page, fp.area().can_read())) return std::move(*stop);
  areas::Fields q{{"fund", page.query("fund")},
                  {"borrower", page.query("borrower")},
                  {"state", page.query("state")}};
  auto found = fp.area().loans(q);
  if (!found) return site.refused(page, found.error());
  json rows = json::array(), own = json::array();
  for (auto& l : *found) {
    rows.push_back({{"id", l.id},
                    {"href", loan_href(l.id)},
                    {"contract", l.contract_number},
                    {"contract_on", Site::date(l.contract_on)},
                    {"fund", fp.fund_name(l.fund_id)},
                    {"borrower", l.borrower_name.empty() ? l.borrower_code : l.borrower_name},
                    {"borrower_code", l.borrower_code},
                    {"province", site.province_name(l.province_id)},
                    {"amount", fp.money(l.approved_amount)},
                    {"state", fp.label("state_", l.state)}});
    if (!fp.staff()) {
      auto v = fp.area().loan(l.id, "");
      if (!v) continue;
      const auto& pos = v->position;
      json entry = {{"id", l.id},
                    {"href", loan_href(l.id)},
                    {"contract", l.contract_number},
                    {"fund", fp.fund_name(l.fund_id)},
                    {"outstanding", fp.money(pos.principal_outstanding)},
                    {"overdue", pos.principal_overdue + pos.interest_overdue > 0
                                    ? json(fp.money(pos.principal_overdue + pos.interest_overdue))
                                    : json(false)},
                    {"state", fp.label("state_", l.state)}};
      put_list(entry, "next", next_instalments(fp, *v, 3));
      entry["next_level"] = 3;
      own.push_back(std::move(entry));
    }
  }
  Choices states{{"", fp.t("all_states")}};
  for (auto s : {fund::LoanState::kActive, fund::LoanState::kClosed, fund::LoanState::kWrittenOff})
    states.emplace_back(std::string(fund::to_code(s)), fp.label("state_", s));
  json view = {{"funds", options(fp.fund_choices(fp.t("all_funds")), q["fund"])},
               {"states", options(states, q["state"])},
               {"borrower", q["borrower"]},
               {"caption",
                fp.t("loans_found", {{"count", fp.count(static_cast<std::int64_t>(rows.size()))}})},
               {"staff", fp.staff()},
               {"own", own},
               {"can_apply", fp.area().is_borrower()}};
  put_list(view, "rows", std::move(rows));
  return fund_render(site, page, fp, "fund_loans", fp.t(fp.staff() ? "loans" : "my_loans"),
                     std::move(view));
}

// What the loan page shows besides the loan: the failed form, a message (four eyes).
struct LoanPageState {
  FailedForm failed;
  std::string message;
};

json schedule_view(FundPages& fp, const fund::Schedule& s) {
  json lines = json::array();
  for (auto& l : s.lines)
    lines.push_back({{"number", l.number},
                     {"due_on", Site::date(l.due_on)},
                     {"days", l.days},
                     {"principal", fp.money(l.principal)},
                     {"interest", fp.money(l.interest)},
                     {"total", fp.money(l.total())},
                     {"balance", fp.money(l.balance)}});
  return lines;
}

json loan_forms(Site& site, FundPages& fp, const LoanView& v, const LoanPageState& st) {
  json forms = json::array();
  if (!fp.area().can_write() || v.loan.state != fund::LoanState::kActive) return forms;
  const std::string base = loan_href(v.loan.id);
  auto state = [&](const std::string& name) {
    if (st.failed.name == name) return st.failed.state;
    FormState f;
    f.values["on"] = site.today().vietnamese();
    return f;
  };
  forms.push_back(fp.form("disburse", fp.t("disburse"), base + "/disburse", state("disburse"),
                          kMoneyInputs, {}, fp.t("submit_disburse")));
  forms.push_back(fp.form("repay", fp.t("repay"), base + "/repay", state("repay"), kMoneyInputs, {},
                          fp.t("submit_repay")));
  FormState r = state("restructure");
  if (st.failed.name != "restructure") {
    r.values["term_months"] = std::to_string(v.loan.terms.term_months);
    r.values["legal_basis"] = "";
  }
  forms.push_back(fp.form("restructure", fp.t("restructure"), base + "/restructure", r,
                          kRestructureInputs,
                          {{"method", method_choices(fp, r.value("method"))},
                           {"day_count", day_count_choices(fp, r.value("day_count"))}},
                          fp.t("submit_restructure")));
  forms.push_back(fp.form("write_off", fp.t("write_off"), base + "/write-off", state("write_off"),
                          kWriteOffInputs, {}, fp.t("submit_write_off")));
  return forms;
}

web::Response loan_page(Site& site, Page& page, FundPages& fp, std::int64_t id,
                        const LoanPageState& st, int status) {
  const std::string as_of = std::string(text::trim(page.query("as_of")));
  auto found = fp.area().loan(id, as_of);
  if (!found) return site.refused(page, found.error());
  const LoanView& v = *found;
  const auto& l = v.loan;
  const auto& pos = v.position;
  json terms = json::array();
  auto term = [&](const char* key, const std::string& value) {
    if (!value.empty()) terms.push_back({{"label", fp.t(key)}, {"value", value}});
  };
  term("f_fund", v.fund.code + " – " + v.fund.name);
  term("f_borrower", l.borrower_code + (l.borrower_name.empty() ? "" : " – " + l.borrower_name));
  term("province", site.province_name(l.province_id));
  term("f_contract_number", l.contract_number);
  term("f_contract_on", Site::date(l.contract_on));
  term("f_purpose", l.purpose);
  term("f_approved_amount", fp.money(l.approved_amount));
  const auto& t = l.terms;
  term("f_rate", t.rate);
  term("f_method", fp.label("method_", t.method));
  term("f_day_count", fp.label("day_count_", t.day_count));
  term("f_term_months", fp.count(t.term_months));
  term("f_principal_grace_months", fp.count(t.principal_grace_months));
  term("f_interest_grace_months", fp.count(t.interest_grace_months));
  if (l.payment_day) term("f_payment_day", fp.count(l.payment_day));
  term("state", fp.label("state_", l.state));
  json figures = json::array();
  auto figure = [&](const char* key, const std::string& value) {
    figures.push_back({{"label", fp.t(key)}, {"value", value}});
  };
  figure("disbursed", fp.money(pos.disbursed));
  figure("col_outstanding", fp.money(pos.principal_outstanding));
  figure("principal_overdue", fp.money(pos.principal_overdue));
  figure("interest_unpaid", fp.money(pos.interest_unpaid));
  figure("interest_accrued", fp.money(pos.interest_accrued));
  figure("overdue_interest", fp.money(pos.overdue_interest));
  figure("payoff", fp.money(pos.payoff()));
  figure("days_overdue", fp.count(pos.days_overdue));
  figure("debt_group", fp.count(v.classification.group));
  // Every version of the schedule: the contract's, then one per restructuring.
  json versions = json::array();
  for (std::size_t i = 0; i < pos.versions.size(); ++i) {
    std::string title = fp.t("version", {{"n", std::to_string(i + 1)}});
    std::string note;
    if (i == 0) {
      title += " – " + fp.t("version_contract");
    } else if (i - 1 < v.restructurings.size()) {
      const auto& r = v.restructurings[i - 1];
      title += " – " + fp.t("version_restructured", {{"on", Site::date(r.on)}});
      note = r.reason + " (" + r.legal_basis + ")" + (r.covid_relief ? " – " + fp.t("covid") : "");
      if (r.interest_waived > 0)
        note += " – " + fp.t("waived", {{"amount", fp.money(r.interest_waived)}});
    }
    const bool latest = i + 1 == pos.versions.size();
    versions.push_back({{"title", title},
                        {"note", note},
                        {"open", latest && fp.staff()},
                        {"latest", latest},
                        {"number", i + 1},
                        {"lines", schedule_view(fp, pos.versions[i])}});
  }
  json movements = json::array();
  const bool approver = fp.area().can_approve();
  for (auto& m : v.movements) {
    const bool pending = m.state == MovementState::kPending;
    const std::string mbase = loan_href(l.id) + "/movements/" + std::to_string(m.id);
    movements.push_back(
        {{"id", m.id},
         {"on", Site::date(m.on)},
         {"kind", fp.label("kind_", m.kind)},
         {"amount", m.kind == fund::MovementKind::kWriteOff && m.amount == 0 ? std::string("—")
                                                                             : fp.money(m.amount)},
         {"state", fp.label("mstate_", m.state)},
         {"pending", pending},
         {"entered_by", m.entered_by},
         {"approved_by", m.approved_by},
         {"note", m.note},
         {"can_decide", pending && approver},
         {"approve", mbase + "/approve"},
         {"reject", mbase + "/reject"}});
  }
  json next = next_instalments(fp, v, fp.staff() ? 1 : 3);
  json view = {{"id", l.id},
               {"as_of", as_of.empty() ? Site::date(pos.as_of) : as_of},
               {"as_of_text", Site::date(pos.as_of)},
               {"terms", terms},
               {"figures", figures},
               {"versions", versions},
               {"staff", fp.staff()},
               {"csrf", fp.csrf()},
               {"message", st.message.empty() ? json(false) : json(st.message)},
               {"forms", loan_forms(site, fp, v, st)}};
  put_list(view, "next", std::move(next));
  view["next_level"] = 2;
  put_list(view, "movements", std::move(movements));
  return fund_render(
      site, page, fp, "fund_loan",
      fp.t("loan_title",
           {{"contract", l.contract_number.empty() ? std::to_string(l.id) : l.contract_number}}),
      std::move(view), status);
}

web::Response loan(Site& site, Page& page) {
  return record_page(site, page, [&](FundPages& fp, std::int64_t id) {
    const LoanPageState fresh;
    return loan_page(site, page, fp, id, fresh, 200);
  });
}

enum class Money { kDisburse, kRepay, kWriteOff, kRestructure };

web::Response loan_post(Site& site, Page& page, Money kind) {
  FundPages fp(site, page);
  if (auto stop = site.guard(page, fp.area().can_write())) return std::move(*stop);
  auto id = id_of(page);
  if (!id) return site.not_found(page, page.t("error.not_found"));
  static const char* kNames[] = {"disburse", "repay", "write_off", "restructure"};
  const Inputs& inputs = kind == Money::kWriteOff      ? kWriteOffInputs
                         : kind == Money::kRestructure ? kRestructureInputs
                                                       : kMoneyInputs;
  LoanPageState st;
  st.failed.name = kNames[static_cast<int>(kind)];
  auto fields = posted(page, inputs, st.failed.state);
  const std::optional<Error> error =
      kind == Money::kDisburse   ? failure(fp.area().disburse(*id, fields))
      : kind == Money::kRepay    ? failure(fp.area().repay(*id, fields))
      : kind == Money::kWriteOff ? failure(fp.area().write_off(*id, fields))
                                 : failure(fp.area().restructure(*id, fields));
  if (!error) {
    site.data_changed();
    return Site::redirect(loan_href(*id));
  }
  int status = 422;
  if (!show_fund_refusal(page, st.failed.state, *error, inputs, status))
    return site.forbidden(page);
  return loan_page(site, page, fp, *id, st, status);
}

web::Response movement_post(Site& site, Page& page, bool approve) {
  FundPages fp(site, page);
  if (auto stop = site.guard(page, fp.area().can_approve())) return std::move(*stop);
  auto id = id_of(page);
  auto movement = id_of(page, "movement");
  if (!id || !movement) return site.not_found(page, page.t("error.not_found"));
  auto r = approve ? fp.area().approve(*movement)
                   : fp.area().reject(*movement,
                                      {{"note", std::string(text::trim(page.field("note")))}});
  if (r && r->loan_id != *id) return site.not_found(page, page.t("error.not_found"));
  if (r) {
    site.data_changed();
    return Site::redirect(loan_href(*id) + "#movements");
  }
  const Error& e = r.error();
  if (e.is(ErrorKind::kForbidden) && e.key == "fund.not_allowed") return site.forbidden(page);
  if (e.is(ErrorKind::kNotFound)) return site.refused(page, e);
  LoanPageState st;
  st.message = page.cat.render(e);
  return loan_page(site, page, fp, *id, st, status_of(e));
}

// A form's route whose handler takes what the form does.
template <typename What>
void post_with(Site& site, web::Router& router, std::string_view pattern,
               web::Response (*fn)(Site&, Page&, What), What what) {
  site.post(
      router, pattern, [fn, what](Site& s, Page& p) { return fn(s, p, what); },
      Site::Post::kSession);
}

// The portfolio of the dashboard's filters as .xlsx or CSV (the API's writers).
web::Response portfolio_download(Site& site, Page& page, bool xlsx) {
  FundPages fp(site, page);
  if (fp.area().is_borrower()) return site.forbidden(page);
  if (auto stop = site.guard(page, fp.area().can_read())) return std::move(*stop);
  areas::Fields q;
  for (const char* name : {"fund", "period", "from", "to", "by"})
    q[name] = std::string(text::trim(page.query(name)));
  auto portfolio = fp.area().portfolio(q);
  if (!portfolio) return site.refused(page, portfolio.error());
  const std::string name = "du-no-quy-" + portfolio->query.to.iso();
  if (xlsx)
    return web::Response::download(
        exchange::fund_portfolio_xlsx_bytes(*portfolio, page.cat),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
  return web::Response::download(fund::portfolio_csv(*portfolio, page.cat),
                                 "text/csv; charset=utf-8", name + ".csv");
}

}  // namespace

void register_fund_pages(Site& site, web::Router& router) {
  using P = Site::Post;
  site.get(router, "/fund", dashboard);
  site.get(router, "/fund/portfolio.xlsx",
           [](Site& s, Page& p) { return portfolio_download(s, p, true); });
  site.get(router, "/fund/portfolio.csv",
           [](Site& s, Page& p) { return portfolio_download(s, p, false); });
  site.get(router, "/fund/applications", applications);
  site.get(router, "/fund/applications/new", application_new);
  site.post(router, "/fund/applications", application_create, P::kSession);
  site.get(router, "/fund/applications/{id}", application);
  post_with(site, router, "/fund/applications/{id}/appraise", application_step, Step::kAppraise);
  post_with(site, router, "/fund/applications/{id}/decide", application_step, Step::kDecide);
  post_with(site, router, "/fund/applications/{id}/contract", application_step, Step::kContract);
  site.get(router, "/fund/loans", loans);
  site.get(router, "/fund/loans/{id}", loan);
  post_with(site, router, "/fund/loans/{id}/disburse", loan_post, Money::kDisburse);
  post_with(site, router, "/fund/loans/{id}/repay", loan_post, Money::kRepay);
  post_with(site, router, "/fund/loans/{id}/write-off", loan_post, Money::kWriteOff);
  post_with(site, router, "/fund/loans/{id}/restructure", loan_post, Money::kRestructure);
  post_with(site, router, "/fund/loans/{id}/movements/{movement}/approve", movement_post, true);
  post_with(site, router, "/fund/loans/{id}/movements/{movement}/reject", movement_post, false);
}

}  // namespace htx::webapp
