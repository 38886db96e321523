// The support fund's JSON API over areas::FundArea (documented in web/openapi.json), a bearer
// token required. Handlers only read the path, the query and the JSON body — members named as
// FundArea's fields, as strings, whole numbers (money in đồng), booleans or, for the fields the
// area takes one a line (members, capital_sources, collateral), arrays — and render what the
// area answers; every refusal is the area's Error through api::error_response (invalid → 422 on
// its field, a bad filter → 400 on it, not found → 404, forbidden → 403, conflict → 409). The
// portfolio and a loan's statement are also served as .xlsx and CSV.
#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "api/api_support.hpp"
#include "api/json_input.hpp"
#include "api/public_api.hpp"
#include "areas/fund_area.hpp"
#include "core/json_record.hpp"
#include "exchange/fund_portfolio_xlsx.hpp"
#include "fund/portfolio_csv.hpp"

namespace htx::api {

namespace {

using namespace detail;
using areas::FundArea;
using namespace htx::fund;

const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const char* kCsv = "text/csv; charset=utf-8";

// ---- the records as JSON -------------------------------------------------------------------

// The codes of the funds and products the caller reads, for the records that hold their ids.
struct Codes {
  std::map<std::int64_t, std::string> funds, products;
  explicit Codes(FundArea& area) {
    for (const auto& f : area.funds()) {
      funds[f.id] = f.code;
      if (auto ps = area.products(f.code))
        for (const auto& p : *ps) products[p.id] = p.code;
    }
  }
  std::string fund(std::int64_t id) const {
    auto it = funds.find(id);
    return it == funds.end() ? std::string() : it->second;
  }
  std::string product(std::int64_t id) const {
    auto it = products.find(id);
    return it == products.end() ? std::string() : it->second;
  }
};

// `j` with the terms a product, a loan and a restructuring share (a contract's with its term).
template <typename Terms>
json with_terms(const Terms& t, json j) {
  j["method"] = to_code(t.method);
  j["rate"] = t.rate;
  j["day_count"] = to_code(t.day_count);
  j["principal_grace_months"] = t.principal_grace_months;
  j["interest_grace_months"] = t.interest_grace_months;
  j["rounding"] = to_code(t.rounding);
  j["multiple"] = t.multiple;
  if constexpr (std::is_same_v<Terms, ContractTerms>) j["term_months"] = t.term_months;
  return j;
}

json fund_json(const Fund& f) {
  return json_record("id", f.id, "code", f.code, "name", f.name, "level", f.level, "province",
                     f.province_id, "channel", f.channel, "entrusted_to", f.entrusted_to,
                     "charter_capital", f.charter_capital, "capital_sources", f.capital_sources);
}

json product_json(const Product& p, const std::string& fund_code) {
  return with_terms(
      p, json_record("id", p.id, "fund", fund_code, "code", p.code, "name", p.name, "purpose",
                     p.purpose, "max_amount", p.max_amount, "max_term_months", p.max_term_months,
                     "min_own_percent", p.min_own_percent, "overdue_percent", p.overdue_percent,
                     "late_rate", p.late_rate, "order", p.order, "deadline_terms", p.deadline_terms,
                     "deadline_days", p.deadline_days, "active", p.active));
}

json application_json(const Application& a, const Codes& codes) {
  json collateral = json::array();
  for (const auto& c : a.collateral)
    collateral.push_back(json_record("kind", c.kind, "description", c.description,
                                     "appraised_value", c.appraised_value, "discount_percent",
                                     c.discount_percent));
  const auto& c = a.council;
  return json_record(
      "id", a.id, "fund", codes.fund(a.fund_id), "product", codes.product(a.product_id), "borrower",
      a.borrower_code, "borrower_name", a.borrower_name, "province", a.province_id, "sector",
      a.sector_id, "amount", a.amount, "term_months", a.term_months, "purpose", a.purpose,
      "total_investment", a.total_investment, "own_contribution", a.own_contribution, "collateral",
      collateral, "guarantee", a.guarantee, "received_on", a.received_on, "status", a.status,
      "appraised_on", a.appraised_on, "appraised_by", a.appraised_by, "opinion",
      a.appraisal_opinion, "recommended_amount", a.recommended_amount, "decision_number",
      c.decision_number, "decided_on", c.decided_on, "members", c.members, "votes_for", c.votes_for,
      "votes_against", c.votes_against, "approved_amount", c.approved_amount, "note", c.note,
      "contract_number", a.contract_number, "contract_on", a.contract_on, "loan_id", a.loan_id,
      "entered_by", a.entered_by);
}

json application_view_json(const ApplicationView& v, const Codes& codes) {
  json j = application_json(v.application, codes);
  j["due_by"] = v.due_by.iso();
  j["overdue"] = v.overdue;
  return j;
}

json loan_json(const Loan& l, const Codes& codes) {
  return with_terms(
      l.terms,
      json_record("id", l.id, "fund", codes.fund(l.fund_id), "product", codes.product(l.product_id),
                  "application_id", l.application_id, "contract_number", l.contract_number,
                  "contract_on", l.contract_on, "borrower", l.borrower_code, "borrower_name",
                  l.borrower_name, "province", l.province_id, "sector", l.sector_id, "purpose",
                  l.purpose, "approved_amount", l.approved_amount, "payment_day", l.payment_day,
                  "overdue_percent", l.overdue_percent, "late_rate", l.late_rate, "order", l.order,
                  "discounted_collateral", l.discounted_collateral, "state", l.state));
}

json movement_json(const Movement& m) {
  return json_record("id", m.id, "loan_id", m.loan_id, "kind", m.kind, "on", m.on, "amount",
                     m.amount, "state", m.state, "note", m.note, "entered_by", m.entered_by,
                     "entered_at", m.entered_at, "approved_by", m.approved_by, "approved_at",
                     m.approved_at);
}

json restructuring_json(const RestructuringRecord& x) {
  return with_terms(
      x.terms, json_record("id", x.id, "loan_id", x.loan_id, "version", x.version, "on", x.on,
                           "interest_waived", x.interest_waived, "covid_relief", x.covid_relief,
                           "reason", x.reason, "legal_basis", x.legal_basis, "entered_by",
                           x.entered_by, "entered_at", x.entered_at));
}

json instalment_json(const Instalment& i) {
  return json_record("number", i.number, "period_from", i.period_from, "due_on", i.due_on, "days",
                     i.days, "principal", i.principal, "interest", i.interest, "accrued", i.accrued,
                     "balance", i.balance);
}

json loan_view_json(const LoanView& v, const Codes& codes) {
  const auto& p = v.position;
  json versions = json::array();
  for (std::size_t k = 0; k < p.versions.size(); ++k) {
    json lines = json::array();
    for (const auto& i : p.versions[k].lines) lines.push_back(instalment_json(i));
    versions.push_back(json_record("version", k + 1, "disbursed", p.versions[k].disbursed,
                                   "principal", p.versions[k].principal, "interest",
                                   p.versions[k].interest, "lines", lines));
  }
  json movements = json::array(), restructurings = json::array(), allocations = json::array();
  for (const auto& m : v.movements) movements.push_back(movement_json(m));
  for (const auto& x : v.restructurings) restructurings.push_back(restructuring_json(x));
  for (const auto& a : p.allocations)
    allocations.push_back(json_record("on", a.on, "amount", a.amount, "overdue_interest",
                                      a.overdue_interest, "interest", a.interest, "principal",
                                      a.principal, "prepaid_principal", a.prepaid_principal,
                                      "recovered", a.recovered));
  json position = json_record(
      "as_of", p.as_of, "closed_on", p.closed_on, "disbursed", p.disbursed, "principal_outstanding",
      p.principal_outstanding, "principal_overdue", p.principal_overdue, "interest_unpaid",
      p.interest_unpaid, "interest_overdue", p.interest_overdue, "interest_accrued",
      p.interest_accrued, "overdue_interest", p.overdue_interest, "paid_principal",
      p.paid_principal, "paid_interest", p.paid_interest, "paid_overdue_interest",
      p.paid_overdue_interest, "written_off_principal", p.written_off_principal,
      "written_off_interest", p.written_off_interest, "recovered", p.recovered, "days_overdue",
      p.days_overdue, "restructurings", p.restructurings, "payoff", p.payoff(), "allocations",
      allocations, "next_instalment",
      p.next_instalment ? instalment_json(*p.next_instalment) : json(nullptr));
  const auto& c = v.classification;
  return json_record(
      "loan", loan_json(v.loan, codes), "fund", fund_json(v.fund), "movements", movements,
      "restructurings", restructurings, "position", position, "schedule_versions", versions,
      "classification",
      json_record("group", c.group, "days_overdue", c.days_overdue, "kept_group", c.kept_group));
}

// ---- the request -----------------------------------------------------------------------------

// The fund's guard: its readers (AccessPolicy::can_read_fund, borrowers) read; each write is
// checked by the area; a write's empty body is {} (an approval); its members may be booleans
// and arrays (members, capital_sources, collateral) too.
constexpr AreaGuard<FundArea> kFund{fund_area, reads_area<FundArea>, Body::kObjectOrEmpty,
                                    Members::kScalarsAndLists};

template <class T, class Render>
web::Response list_answer(const AppContext& ctx, const web::Request& req,
                          const Result<std::vector<T>>& rows, Render render) {
  if (!rows) return error_response(ctx, req, rows.error());
  json items = json::array();
  for (const auto& row : *rows) items.push_back(render(row));
  return web::Response::json(items_json(std::move(items)).dump());
}

// ---- funds and products ----------------------------------------------------------------------

web::Response list_funds(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    return list_answer(ctx, req, Result<std::vector<Fund>>(a.funds()), fund_json);
  });
}

web::Response post_fund(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return area_write(kFund, ctx, req,
                    {"code", "name", "level", "province", "channel", "entrusted_to",
                     "charter_capital", "capital_sources"},
                    [&](FundArea& a, const areas::Fields& f) {
                      return answer(ctx, req, a.add_fund(f), fund_json, 201);
                    });
}

web::Response list_products(const AppContext& ctx, const web::Request& req,
                            const web::RouteParams& params) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    const auto& code = params.at("code");
    return list_answer(ctx, req, a.products(code),
                       [&](const Product& p) { return product_json(p, code); });
  });
}

web::Response post_product(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams& params) {
  return area_write(
      kFund, ctx, req,
      {"code", "name", "purpose", "max_amount", "max_term_months", "min_own_percent", "method",
       "rate", "day_count", "principal_grace_months", "interest_grace_months", "rounding",
       "multiple", "overdue_percent", "late_rate", "order", "deadline_terms", "deadline_days"},
      [&](FundArea& a, areas::Fields f) {
        const auto& code = params.at("code");
        if (auto found = a.fund(code); !found) return error_response(ctx, req, found.error());
        f["fund"] = code;
        return answer(
            ctx, req, a.add_product(f), [&](const Product& p) { return product_json(p, code); },
            201);
      });
}

// ---- applications ----------------------------------------------------------------------------

web::Response list_applications(const AppContext& ctx, const web::Request& req,
                                const web::RouteParams&) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    Codes codes(a);
    return list_answer(ctx, req, a.applications(query_fields(req, {"fund", "status", "borrower"})),
                       [&](const ApplicationView& v) { return application_view_json(v, codes); });
  });
}

web::Response post_application(const AppContext& ctx, const web::Request& req,
                               const web::RouteParams&) {
  return area_write(
      kFund, ctx, req,
      {"fund", "product", "borrower", "amount", "term_months", "purpose", "total_investment",
       "own_contribution", "guarantee", "received_on", "collateral"},
      [&](FundArea& a, const areas::Fields& f) {
        auto done = a.apply(f);
        Codes codes(a);
        return answer(
            ctx, req, done, [&](const Application& x) { return application_json(x, codes); }, 201);
      });
}

web::Response get_application(const AppContext& ctx, const web::Request& req,
                              const web::RouteParams& params) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    return with_id(ctx, req, params, "fund.no_application", [&](std::int64_t id) {
      Codes codes(a);
      return answer(ctx, req, a.application(id),
                    [&](const Application& x) { return application_json(x, codes); });
    });
  });
}

// ---- loans and their movements ---------------------------------------------------------------

web::Response list_loans(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    Codes codes(a);
    return list_answer(ctx, req, a.loans(query_fields(req, {"fund", "borrower", "state"})),
                       [&](const Loan& l) { return loan_json(l, codes); });
  });
}

web::Response get_loan(const AppContext& ctx, const web::Request& req,
                       const web::RouteParams& params) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    return with_id(ctx, req, params, "fund.no_loan", [&](std::int64_t id) {
      auto view = a.loan(id, query_text(req, "as_of"));
      Codes codes(a);
      return answer(ctx, req, view, [&](const LoanView& v) { return loan_view_json(v, codes); });
    });
  });
}

// ---- the steps of a record: an application's, a loan's, a movement's -------------------------

// A step's answer: the record it made or changed.
json rendered(FundArea& a, const Application& x) { return application_json(x, Codes(a)); }
json rendered(FundArea& a, const Loan& l) { return loan_json(l, Codes(a)); }
json rendered(FundArea&, const Movement& m) { return movement_json(m); }
json rendered(FundArea&, const RestructuringRecord& x) { return restructuring_json(x); }

Result<Movement> approve_movement(FundArea& a, std::int64_t id, const areas::Fields&) {
  return a.approve(id);
}

// The step `Act` (FundArea's method of an id and the fields) on the record of the path {id}
// (else the 404 of `NotFound`), with the body's members among `Allowed`, answered `Status`.
template <const std::vector<std::string>& Allowed, const char* NotFound, auto Act, int Status>
web::Response step(const AppContext& ctx, const web::Request& req, const web::RouteParams& params) {
  return area_write(kFund, ctx, req, Allowed, [&](FundArea& a, const areas::Fields& f) {
    return with_id(ctx, req, params, NotFound, [&](std::int64_t id) {
      auto done = std::invoke(Act, a, id, f);
      return answer(
          ctx, req, done, [&](const auto& record) { return rendered(a, record); }, Status);
    });
  });
}

constexpr char kNoApplication[] = "fund.no_application";
constexpr char kNoLoan[] = "fund.no_loan";
constexpr char kNoMovement[] = "fund.no_movement";
const std::vector<std::string> kAppraisal{"appraised_on", "opinion", "recommended_amount"};
const std::vector<std::string> kDecision{
    "approve",   "decision_number", "decided_on",      "members",
    "votes_for", "votes_against",   "approved_amount", "note"};
const std::vector<std::string> kContract{"contract_number", "contract_on", "payment_day"};
const std::vector<std::string> kMoney{"on", "amount"};
const std::vector<std::string> kWriteOff{"on", "note"};
const std::vector<std::string> kNote{"note"};
const std::vector<std::string> kNothing{};
const std::vector<std::string> kRestructuring{"on",
                                              "method",
                                              "rate",
                                              "day_count",
                                              "term_months",
                                              "principal_grace_months",
                                              "interest_grace_months",
                                              "rounding",
                                              "multiple",
                                              "interest_waived",
                                              "covid_relief",
                                              "reason",
                                              "legal_basis"};

// ---- reports ---------------------------------------------------------------------------------

areas::Fields portfolio_query(const web::Request& req) {
  return query_fields(req, {"fund", "period", "from", "to", "by"});
}

web::Response get_portfolio(const AppContext& ctx, const web::Request& req,
                            const web::RouteParams&) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    auto p = a.portfolio(portfolio_query(req));
    Codes codes(a);
    return answer(ctx, req, p, [&](const Portfolio& x) {
      return portfolio_json(x, x.query.fund_id ? codes.fund(*x.query.fund_id) : "");
    });
  });
}

// The file name of a report of the period: "du-no-quy-2020-01-01-2020-03-31.xlsx".
std::string portfolio_file(const Portfolio& p, const char* ext) {
  return "du-no-quy-" + p.query.from.iso() + "-" + p.query.to.iso() + ext;
}

template <bool Xlsx>
web::Response portfolio_file_of(const AppContext& ctx, const web::Request& req,
                                const web::RouteParams&) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    auto p = a.portfolio(portfolio_query(req));
    if (!p) return error_response(ctx, req, p.error());
    const auto& cat = ctx.catalog(req);
    if (Xlsx)
      return web::Response::download(exchange::fund_portfolio_xlsx_bytes(*p, cat), kXlsx,
                                     portfolio_file(*p, ".xlsx"));
    return web::Response::download(fund::portfolio_csv(*p, cat), kCsv, portfolio_file(*p, ".csv"));
  });
}

template <bool Xlsx>
web::Response statement_of(const AppContext& ctx, const web::Request& req,
                           const web::RouteParams& params) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    return with_id(ctx, req, params, "fund.no_loan", [&](std::int64_t id) {
      auto v = a.loan(id, query_text(req, "as_of"));
      if (!v) return error_response(ctx, req, v.error());
      const auto& cat = ctx.catalog(req);
      const std::string name = "sao-ke-khoan-vay-" + std::to_string(id) + "-" +
                               v->position.as_of.iso() + (Xlsx ? ".xlsx" : ".csv");
      if (Xlsx)
        return web::Response::download(exchange::loan_statement_xlsx_bytes(*v, cat), kXlsx, name);
      return web::Response::download(fund::statement_csv(*v, cat), kCsv, name);
    });
  });
}

web::Response trial_balance(const AppContext& ctx, const web::Request& req,
                            const web::RouteParams&) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    auto q = query_fields(req, {"fund", "as_of"});
    return list_answer(ctx, req,
                       a.trial_balance(areas::field_of(q, "fund"), query_text(req, "as_of")),
                       [](const AccountBalance& b) -> json {
                         return json_record("account", b.account, "balance", b.balance);
                       });
  });
}

web::Response reconcile(const AppContext& ctx, const web::Request& req, const web::RouteParams&) {
  return area_read(kFund, ctx, req, [&](FundArea& a) {
    auto q = query_fields(req, {"fund"});
    return answer(ctx, req, a.reconcile(areas::field_of(q, "fund")),
                  [](const std::vector<Mismatch>& ms) {
                    json items = json::array();
                    for (const auto& m : ms)
                      items.push_back(json_record("loan_id", m.loan_id, "account", m.account,
                                                  "posted", m.posted, "replayed", m.replayed));
                    json j = json_record("reconciled", ms.empty(), "mismatches", items);
                    return j;
                  });
  });
}

}  // namespace

void register_fund_api(web::Router& router, const AppContext& ctx) {
  add_resources(
      router, ctx, "/api/v1/fund",
      {{.path = "/funds", .get = list_funds, .post = post_fund},
       {.path = "/funds/{code}/products", .get = list_products, .post = post_product},
       {.path = "/applications", .get = list_applications, .post = post_application},
       {.path = "/applications/{id}", .get = get_application},
       {.path = "/applications/{id}/appraisal",
        .post = step<kAppraisal, kNoApplication, &FundArea::appraise, 200>},
       {.path = "/applications/{id}/decision",
        .post = step<kDecision, kNoApplication, &FundArea::decide, 200>},
       {.path = "/applications/{id}/contract",
        .post = step<kContract, kNoApplication, &FundArea::sign_contract, 201>},
       {.path = "/loans", .get = list_loans},
       {.path = "/loans/{id}", .get = get_loan},
       {.path = "/loans/{id}/statement.xlsx", .get = statement_of<true>},
       {.path = "/loans/{id}/statement.csv", .get = statement_of<false>},
       {.path = "/loans/{id}/disbursements",
        .post = step<kMoney, kNoLoan, &FundArea::disburse, 201>},
       {.path = "/loans/{id}/repayments", .post = step<kMoney, kNoLoan, &FundArea::repay, 201>},
       {.path = "/loans/{id}/write-off",
        .post = step<kWriteOff, kNoLoan, &FundArea::write_off, 201>},
       {.path = "/loans/{id}/restructurings",
        .post = step<kRestructuring, kNoLoan, &FundArea::restructure, 201>},
       {.path = "/movements/{id}/approve",
        .post = step<kNothing, kNoMovement, approve_movement, 200>},
       {.path = "/movements/{id}/reject", .post = step<kNote, kNoMovement, &FundArea::reject, 200>},
       {.path = "/portfolio", .get = get_portfolio},
       {.path = "/portfolio.xlsx", .get = portfolio_file_of<true>},
       {.path = "/portfolio.csv", .get = portfolio_file_of<false>},
       {.path = "/trial-balance", .get = trial_balance},
       {.path = "/reconcile", .get = reconcile}});
}

}  // namespace htx::api
