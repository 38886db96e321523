#include "areas/fund_area.hpp"

#include "areas/area_base.hpp"
#include "stats/period.hpp"

namespace htx::areas {

namespace {

using accounts::AccessPolicy;
using namespace htx::fund;

Error forbidden() { return Error::forbidden("fund.not_allowed"); }

// "a, b, c" or one a line.
std::vector<std::string> items_of(const std::string& text_value) {
  std::vector<std::string> out;
  std::string piece;
  for (char c : text_value + "\n") {
    if (c == ',' || c == '\n' || c == ';') {
      auto t = std::string(text::trim(piece));
      if (!t.empty()) out.push_back(t);
      piece.clear();
    } else {
      piece += c;
    }
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text_value) {
  std::vector<std::string> out;
  for (auto& l : text::split(text_value, '\n'))
    if (!l.empty()) out.emplace_back(l);
  return out;
}

template <typename E, typename FromCode>
Result<E> code_field(const Fields& f, const std::string& name, E otherwise, FromCode from_code) {
  auto v = field_of(f, name);
  if (v.empty()) return otherwise;
  auto e = from_code(v);
  if (!e) return Error::invalid(name, "fund.bad_code", {{"value", v}});
  return *e;
}

Result<std::vector<std::int64_t>> numbers_field(const Fields& f, const std::string& name,
                                                std::vector<std::int64_t> otherwise) {
  auto v = field_of(f, name);
  if (v.empty()) return otherwise;
  std::vector<std::int64_t> out;
  for (const auto& item : items_of(v)) {
    auto n = text::parse_int(item);
    if (!n) return Error::invalid(name, "field.not_a_number", {{"value", item}});
    out.push_back(*n);
  }
  return out;
}

Result<int> small_field(const Fields& f, const std::string& name, int otherwise) {
  auto n = number_field(f, name, otherwise);
  if (!n) return n.error();
  if (*n < -100'000 || *n > 100'000)
    return Error::invalid(name, "field.not_a_number", {{"value", field_of(f, name)}});
  return static_cast<int>(*n);
}

// "kind; description; appraised value; discount %", one a line.
Result<std::vector<Collateral>> collateral_field(const Fields& f) {
  std::vector<Collateral> out;
  for (const auto& line : lines_of(field_of(f, "collateral"))) {
    auto parts = text::split(line, ';');
    if (parts.size() < 3)
      return Error::invalid("collateral", "fund.collateral_line", {{"value", line}});
    Collateral c;
    c.kind = std::string(parts[0]);
    c.description = std::string(parts[1]);
    auto value = text::parse_int(parts[2]);
    auto discount = parts.size() > 3 ? text::parse_int(parts[3]) : std::optional<std::int64_t>(0);
    if (!value || !discount || *discount < 0 || *discount > 100)
      return Error::invalid("collateral", "fund.collateral_line", {{"value", line}});
    c.appraised_value = *value;
    c.discount_percent = static_cast<int>(*discount);
    out.push_back(std::move(c));
  }
  return out;
}

// The terms a product and a restructuring (its ContractTerms) share.
template <typename T>
std::optional<Error> read_terms(const Fields& f, T& t) {
  auto method = code_field(f, "method", t.method, method_from_code);
  if (!method) return method.error();
  auto day_count = code_field(f, "day_count", t.day_count, day_count_from_code);
  if (!day_count) return day_count.error();
  auto rounding = code_field(f, "rounding", t.rounding, rounding_from_code);
  if (!rounding) return rounding.error();
  auto p_grace = small_field(f, "principal_grace_months", t.principal_grace_months);
  if (!p_grace) return p_grace.error();
  auto i_grace = small_field(f, "interest_grace_months", t.interest_grace_months);
  if (!i_grace) return i_grace.error();
  auto multiple = number_field(f, "multiple", t.multiple);
  if (!multiple) return multiple.error();
  t.method = *method;
  t.day_count = *day_count;
  t.rounding = *rounding;
  t.principal_grace_months = *p_grace;
  t.interest_grace_months = *i_grace;
  t.multiple = *multiple;
  return std::nullopt;
}

}  // namespace

FundArea::FundArea(store::Database& db, const Clock& clock, const FundRules& rules, Caller caller)
    : db_(db),
      clock_(clock),
      caller_(std::move(caller)),
      service_(db.fund(), db.registry(), db.audit(), db, clock, rules) {}

bool FundArea::can_read() const {
  return AccessPolicy::can_read_fund(caller_.principal) || is_borrower();
}
bool FundArea::can_write() const { return AccessPolicy::can_write_fund(caller_.principal); }
bool FundArea::can_approve() const { return AccessPolicy::can_approve_fund(caller_.principal); }
bool FundArea::is_borrower() const { return AccessPolicy::can_borrow(caller_.principal); }

Result<bool> FundArea::must_write() const { return allowed_or(can_write(), forbidden()); }
Result<bool> FundArea::must_approve() const { return allowed_or(can_approve(), forbidden()); }

Result<std::optional<std::int64_t>> FundArea::fund_id(const std::string& code,
                                                      const std::string& field) {
  return id_of_code(
      code, field, [&](const std::string& c) { return db_.fund().find_fund_by_code(c); },
      "fund.unknown_fund", "code");
}

// A loan a borrower's account may read: its own.
Result<Loan> FundArea::own_loan(std::int64_t id) {
  auto l = db_.fund().find_loan(id);
  if (!l) return Error::not_found("fund.no_loan", {{"id", std::to_string(id)}});
  if (l->borrower_code != caller_.principal.user->entity_code) return forbidden();
  return *l;
}

// ---- reads ------------------------------------------------------------------------------------

std::vector<Fund> FundArea::funds() {
  if (!can_read()) return {};
  return service_.funds(is_borrower() ? ProvinceScope::all() : caller_.scope);
}

Result<Fund> FundArea::fund(const std::string& code) {
  if (!can_read()) return forbidden();
  for (auto& f : funds())
    if (f.code == code) return f;
  return Error::not_found("fund.unknown_fund", {{"code", code}});
}

Result<std::vector<Product>> FundArea::products(const std::string& fund_code) {
  auto f = fund(fund_code);
  if (!f) return f.error();
  return service_.products(f->id, caller_.scope);
}

Result<std::vector<ApplicationView>> FundArea::applications(const Fields& filter) {
  if (!can_read()) return forbidden();
  ApplicationQuery q;
  auto id = fund_id(field_of(filter, "fund"), "fund");
  if (!id) return Error::bad_request("fund", id.error().key, id.error().params);
  q.fund_id = *id;
  if (auto s = field_of(filter, "status"); !s.empty()) {
    q.status = application_status_from_code(s);
    if (!q.status) return Error::bad_request("status", "fund.bad_code", {{"value", s}});
  }
  if (auto b = field_of(filter, "borrower"); !b.empty()) q.borrower_code = b;
  if (is_borrower()) {
    q.borrower_code = caller_.principal.user->entity_code;
    return service_.applications(q, ProvinceScope::all());
  }
  return service_.applications(q, caller_.scope);
}

Result<Application> FundArea::application(std::int64_t id) {
  if (!can_read()) return forbidden();
  auto a = db_.fund().find_application(id);
  if (!a) return Error::not_found("fund.no_application", {{"id", std::to_string(id)}});
  if (is_borrower() ? a->borrower_code != caller_.principal.user->entity_code
                    : !caller_.scope.allows(a->province_id) &&
                          !caller_.scope.allows(db_.fund().find_fund(a->fund_id)->province_id))
    return forbidden();
  return *a;
}

Result<std::vector<Loan>> FundArea::loans(const Fields& filter) {
  if (!can_read()) return forbidden();
  LoanQuery q;
  auto id = fund_id(field_of(filter, "fund"), "fund");
  if (!id) return Error::bad_request("fund", id.error().key, id.error().params);
  q.fund_id = *id;
  if (auto b = field_of(filter, "borrower"); !b.empty()) q.borrower_code = b;
  if (auto s = field_of(filter, "state"); !s.empty()) {
    q.state = loan_state_from_code(s);
    if (!q.state) return Error::bad_request("state", "fund.bad_code", {{"value", s}});
  }
  if (is_borrower()) {
    q.borrower_code = caller_.principal.user->entity_code;
    return service_.loans(q, ProvinceScope::all());
  }
  return service_.loans(q, caller_.scope);
}

Result<LoanView> FundArea::loan(std::int64_t id, const std::string& as_of) {
  if (!can_read()) return forbidden();
  Fields f{{"as_of", as_of}};
  auto on = date_field(f, "as_of", clock_.today());
  if (!on) return Error::bad_request("as_of", on.error().key, on.error().params);
  if (is_borrower()) {
    if (auto own = own_loan(id); !own) return own.error();
    return service_.loan(id, *on, ProvinceScope::all());
  }
  return service_.loan(id, *on, caller_.scope);
}

Result<Portfolio> FundArea::portfolio(const Fields& q) {
  if (!AccessPolicy::can_read_fund(caller_.principal)) return forbidden();
  PortfolioQuery query;
  auto id = fund_id(field_of(q, "fund"), "fund");
  if (!id) return Error::bad_request("fund", id.error().key, id.error().params);
  query.fund_id = *id;
  if (auto p = field_of(q, "period"); !p.empty()) {
    auto period = stats::parse_period(p);
    if (!period) return Error::bad_request("period", period.error().key, period.error().params);
    query.from = period->start;
    query.to = period->end;
  } else {
    auto to = date_field(q, "to", clock_.today());
    if (!to) return Error::bad_request("to", to.error().key, to.error().params);
    auto from = date_field(q, "from", Date::from_ymd(to->year(), 1, 1));
    if (!from) return Error::bad_request("from", from.error().key, from.error().params);
    query.from = *from;
    query.to = *to;
  }
  if (query.to < query.from) return Error::bad_request("to", "fund.period_order");
  if (auto by = field_of(q, "by"); !by.empty()) {
    auto b = portfolio_by_from_code(by);
    if (!b) return Error::bad_request("by", "fund.bad_code", {{"value", by}});
    query.by = *b;
  }
  return service_.portfolio(query, caller_.scope);
}

Result<std::vector<AccountBalance>> FundArea::trial_balance(const std::string& fund_code,
                                                            const std::string& as_of) {
  if (auto ok = must_write(); !ok) return ok.error();
  auto id = required_id(fund_id(fund_code, "fund"), "fund");
  if (!id) return id.error();
  Fields f{{"as_of", as_of}};
  auto on = date_field(f, "as_of", clock_.today());
  if (!on) return on.error();
  return service_.trial_balance(*id, *on, caller_.scope);
}

Result<std::vector<Mismatch>> FundArea::reconcile(const std::string& fund_code) {
  if (auto ok = must_write(); !ok) return ok.error();
  auto id = required_id(fund_id(fund_code, "fund"), "fund");
  if (!id) return id.error();
  return service_.reconcile(*id, caller_.scope);
}

// ---- writes -----------------------------------------------------------------------------------

Result<Fund> FundArea::add_fund(const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  Fund x;
  x.code = field_of(f, "code");
  x.name = field_of(f, "name");
  auto level = code_field(f, "level", FundLevel::kCentral, fund_level_from_code);
  if (!level) return level.error();
  x.level = *level;
  x.province_id = field_of(f, "province");
  auto channel = code_field(f, "channel", Channel::kDirect, channel_from_code);
  if (!channel) return channel.error();
  x.channel = *channel;
  x.entrusted_to = field_of(f, "entrusted_to");
  auto capital = number_field(f, "charter_capital", 0);
  if (!capital) return capital.error();
  x.charter_capital = *capital;
  x.capital_sources = lines_of(field_of(f, "capital_sources"));
  return service_.add_fund(x, caller_.actor(), caller_.scope);
}

Result<Product> FundArea::add_product(const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  Product p;
  auto id = required_id(fund_id(field_of(f, "fund"), "fund"), "fund");
  if (!id) return id.error();
  p.fund_id = *id;
  p.code = field_of(f, "code");
  p.name = field_of(f, "name");
  p.purpose = field_of(f, "purpose");
  auto max_amount = number_field(f, "max_amount", std::nullopt);
  if (!max_amount) return max_amount.error();
  p.max_amount = *max_amount;
  for (auto [name, member] : {std::pair{"max_term_months", &Product::max_term_months},
                              std::pair{"min_own_percent", &Product::min_own_percent},
                              std::pair{"overdue_percent", &Product::overdue_percent}}) {
    auto v = small_field(f, name, p.*member);
    if (!v) return v.error();
    p.*member = *v;
  }
  if (auto rate = text_field(f, "rate"); rate)
    p.rate = *rate;
  else
    return rate.error();
  if (auto late = field_of(f, "late_rate"); !late.empty()) p.late_rate = late;
  if (auto order = field_of(f, "order"); !order.empty()) p.order = items_of(order);
  if (auto e = read_terms(f, p)) return *e;
  auto terms = numbers_field(f, "deadline_terms", p.deadline_terms);
  if (!terms) return terms.error();
  auto days = numbers_field(f, "deadline_days", p.deadline_days);
  if (!days) return days.error();
  p.deadline_terms = *terms;
  p.deadline_days = *days;
  return service_.add_product(p, caller_.actor(), caller_.scope);
}

Result<Application> FundArea::apply(const Fields& f) {
  if (!can_write() && !is_borrower()) return forbidden();
  Application a;
  auto id = required_id(fund_id(field_of(f, "fund"), "fund"), "fund");
  if (!id) return id.error();
  a.fund_id = *id;
  auto product = db_.fund().find_product_by_code(a.fund_id, field_of(f, "product"));
  if (!product)
    return Error::invalid("product", "fund.no_product", {{"value", field_of(f, "product")}});
  a.product_id = product->id;
  a.borrower_code = field_of(f, "borrower");
  if (is_borrower()) {
    // A cooperative applies for itself, to any fund.
    if (!a.borrower_code.empty() && a.borrower_code != caller_.principal.user->entity_code)
      return Error::invalid("borrower", "fund.not_own_borrower");
    a.borrower_code = caller_.principal.user->entity_code;
  }
  auto amount = number_field(f, "amount", std::nullopt);
  if (!amount) return amount.error();
  a.amount = *amount;
  auto term = small_field(f, "term_months", 0);
  if (!term) return term.error();
  a.term_months = *term;
  a.purpose = field_of(f, "purpose");
  auto total = number_field(f, "total_investment", std::nullopt);
  if (!total) return total.error();
  a.total_investment = *total;
  auto own = number_field(f, "own_contribution", 0);
  if (!own) return own.error();
  a.own_contribution = *own;
  auto collateral = collateral_field(f);
  if (!collateral) return collateral.error();
  a.collateral = *collateral;
  a.guarantee = field_of(f, "guarantee");
  auto received = date_field(f, "received_on", clock_.today());
  if (!received) return received.error();
  a.received_on = *received;
  auto r = service_.apply(a, caller_.actor(), is_borrower() ? ProvinceScope::all() : caller_.scope);
  if (!r) return r.error().with_field_names({{"borrower_code", "borrower"}});
  return r;
}

Result<Application> FundArea::appraise(std::int64_t id, const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  auto on = date_field(f, "appraised_on", clock_.today());
  if (!on) return on.error();
  auto recommended = number_field(f, "recommended_amount", std::nullopt);
  if (!recommended) return recommended.error();
  auto r = service_.appraise(id, *on, field_of(f, "opinion"), *recommended, caller_.actor(),
                             caller_.scope);
  if (!r) return r.error().with_field_names({{"appraisal_opinion", "opinion"}});
  return r;
}

Result<Application> FundArea::decide(std::int64_t id, const Fields& f) {
  if (auto ok = must_approve(); !ok) return ok.error();
  Council c;
  c.decision_number = field_of(f, "decision_number");
  auto on = date_field(f, "decided_on", clock_.today());
  if (!on) return on.error();
  c.decided_on = *on;
  c.members = lines_of(field_of(f, "members"));
  auto votes_for = small_field(f, "votes_for", 0);
  if (!votes_for) return votes_for.error();
  auto votes_against = small_field(f, "votes_against", 0);
  if (!votes_against) return votes_against.error();
  c.votes_for = *votes_for;
  c.votes_against = *votes_against;
  const bool approve = field_of(f, "approve") != "0";
  auto amount = number_field(f, "approved_amount", approve ? std::nullopt : std::optional(0));
  if (!amount) return amount.error();
  c.approved_amount = *amount;
  c.note = field_of(f, "note");
  return service_.decide(id, c, approve, caller_.actor(), caller_.scope);
}

Result<Loan> FundArea::sign_contract(std::int64_t id, const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  auto on = date_field(f, "contract_on", clock_.today());
  if (!on) return on.error();
  auto day = small_field(f, "payment_day", 0);
  if (!day) return day.error();
  return service_.sign_contract(id, field_of(f, "contract_number"), *on, *day, caller_.actor(),
                                caller_.scope);
}

Result<FundArea::Money> FundArea::money_fields(const Fields& f) const {
  if (auto ok = must_write(); !ok) return ok.error();
  auto on = date_field(f, "on", clock_.today());
  if (!on) return on.error();
  auto amount = number_field(f, "amount", std::nullopt);
  if (!amount) return amount.error();
  return Money{*on, *amount};
}

Result<Movement> FundArea::disburse(std::int64_t loan_id, const Fields& f) {
  auto m = money_fields(f);
  if (!m) return m.error();
  return service_.enter_disbursement(loan_id, m->on, m->amount, caller_.actor(), caller_.scope);
}

Result<Movement> FundArea::repay(std::int64_t loan_id, const Fields& f) {
  auto m = money_fields(f);
  if (!m) return m.error();
  return service_.repay(loan_id, m->on, m->amount, caller_.actor(), caller_.scope);
}

Result<Movement> FundArea::write_off(std::int64_t loan_id, const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  auto on = date_field(f, "on", clock_.today());
  if (!on) return on.error();
  return service_.enter_write_off(loan_id, *on, field_of(f, "note"), caller_.actor(),
                                  caller_.scope);
}

Result<Movement> FundArea::approve(std::int64_t movement_id) {
  if (auto ok = must_approve(); !ok) return ok.error();
  return service_.approve(movement_id, caller_.actor(), caller_.scope);
}

Result<Movement> FundArea::reject(std::int64_t movement_id, const Fields& f) {
  if (auto ok = must_approve(); !ok) return ok.error();
  return service_.reject(movement_id, field_of(f, "note"), caller_.actor(), caller_.scope);
}

Result<RestructuringRecord> FundArea::restructure(std::int64_t loan_id, const Fields& f) {
  if (auto ok = must_write(); !ok) return ok.error();
  auto loan = db_.fund().find_loan(loan_id);
  if (!loan) return Error::not_found("fund.no_loan", {{"id", std::to_string(loan_id)}});
  RestructuringRecord x;
  // The loan's terms stay unless the fields change them.
  x.terms.method = loan->terms.method;
  x.terms.rate = loan->terms.rate;
  x.terms.day_count = loan->terms.day_count;
  x.terms.rounding = loan->terms.rounding;
  x.terms.multiple = loan->terms.multiple;
  auto on = date_field(f, "on", clock_.today());
  if (!on) return on.error();
  x.on = *on;
  if (auto rate = field_of(f, "rate"); !rate.empty()) x.terms.rate = rate;
  auto term = small_field(f, "term_months", 0);
  if (!term) return term.error();
  if (*term <= 0) return Error::invalid("term_months", "fund.term_out_of_range");
  x.terms.term_months = *term;
  if (auto e = read_terms(f, x.terms)) return *e;
  auto waived = number_field(f, "interest_waived", 0);
  if (!waived) return waived.error();
  x.interest_waived = *waived;
  x.covid_relief = flag_field(f, "covid_relief");
  x.reason = field_of(f, "reason");
  x.legal_basis = field_of(f, "legal_basis");
  return service_.restructure(loan_id, x, caller_.actor(), caller_.scope);
}

}  // namespace htx::areas
