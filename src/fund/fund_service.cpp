#include "fund/fund_service.hpp"

#include <algorithm>
#include <set>

#include "core/enum_codes.hpp"
#include "core/json_record.hpp"
#include "core/scoped_record.hpp"
#include "core/text.hpp"

namespace htx::fund {

namespace {

constexpr enum_codes::Codes<PortfolioBy, 5> kPortfolioBy{
    {"fund", "province", "product", "sector", "purpose"}};

Error required(const char* field) { return Error::invalid(field, "field.required"); }

Error with_field(Error e, const char* field) {
  e.field = field;
  return e;
}

std::string money(std::int64_t v) { return std::to_string(v); }

nlohmann::json to_json(const Fund& f) {
  return json_record("id", f.id, "code", f.code, "name", f.name, "level", f.level, "province_id",
                     f.province_id, "unit_id", f.unit_id, "channel", f.channel, "entrusted_to",
                     f.entrusted_to, "charter_capital", f.charter_capital, "capital_sources",
                     f.capital_sources);
}
nlohmann::json to_json(const Product& p) {
  return json_record("id", p.id, "fund_id", p.fund_id, "code", p.code, "name", p.name, "max_amount",
                     p.max_amount, "max_term_months", p.max_term_months, "min_own_percent",
                     p.min_own_percent, "method", p.method, "rate", p.rate, "day_count",
                     p.day_count, "overdue_percent", p.overdue_percent, "late_rate", p.late_rate,
                     "order", p.order);
}
nlohmann::json to_json(const Application& a) {
  return json_record("id", a.id, "fund_id", a.fund_id, "product_id", a.product_id, "borrower_code",
                     a.borrower_code, "amount", a.amount, "term_months", a.term_months, "status",
                     a.status, "recommended_amount", a.recommended_amount, "decision_number",
                     a.council.decision_number, "approved_amount", a.council.approved_amount,
                     "contract_number", a.contract_number, "loan_id", a.loan_id);
}
nlohmann::json to_json(const Movement& m) {
  return json_record("id", m.id, "loan_id", m.loan_id, "kind", m.kind, "on", m.on, "amount",
                     m.amount, "state", m.state, "entered_by", m.entered_by, "approved_by",
                     m.approved_by);
}
nlohmann::json to_json(const RestructuringRecord& x) {
  return json_record("id", x.id, "loan_id", x.loan_id, "version", x.version, "on", x.on, "method",
                     x.terms.method, "rate", x.terms.rate, "term_months", x.terms.term_months,
                     "interest_waived", x.interest_waived, "covid_relief", x.covid_relief, "reason",
                     x.reason, "legal_basis", x.legal_basis);
}

// The product's terms as the replay and the checks take them.
Result<Rate> rate_of(const std::string& text, const char* field) {
  auto r = parse_rate(text);
  if (!r) return Error::invalid(field, "fund.bad_rate", {{"value", text}});
  return *r;
}

bool decided(ApplicationStatus s) {
  return s != ApplicationStatus::kReceived && s != ApplicationStatus::kAppraised;
}

// A step's refusal of an application that is not at the status `from` it starts from.
std::optional<Error> not_at(const Application& a, ApplicationStatus from) {
  if (a.status == from) return std::nullopt;
  return Error::conflict("fund.application_state", {{"status", std::string(to_code(a.status))}});
}

// A dated entry with a text: the date's refusal (`dated`, from not_in_future), else the text's
// when it is empty.
std::optional<Error> dated_text(const Result<bool>& dated, std::string_view text,
                                const char* field) {
  if (!dated) return dated.error();
  if (text::trim(text).empty()) return required(field);
  return std::nullopt;
}

// A movement still pending and its loan, which `writable` gives (FundService::writable_loan):
// refused when the movement is not found, the loan not writable, or the movement no longer
// pending, in that order.
struct PendingMovement {
  Movement movement;
  Loan loan;
};
template <typename Writable>
Result<PendingMovement> pending_movement(FundRepository& repo, std::int64_t id, Writable writable) {
  auto m = repo.find_movement(id);
  if (!m) return Error::not_found("fund.no_movement", {{"id", std::to_string(id)}});
  Result<Loan> loan = writable(m->loan_id);
  if (!loan) return loan.error();
  if (m->state != MovementState::kPending)
    return Error::conflict("fund.movement_state", {{"state", std::string(to_code(m->state))}});
  return PendingMovement{std::move(*m), std::move(*loan)};
}

}  // namespace

std::string_view to_code(PortfolioBy b) { return kPortfolioBy.code(b); }
std::optional<PortfolioBy> portfolio_by_from_code(std::string_view c) {
  return kPortfolioBy.from_code(c);
}

std::string amount_words(std::int64_t dong) {
  constexpr std::int64_t kTy = 1'000'000'000, kTrieu = 1'000'000;
  if (dong >= kTy) {
    auto tenths = (dong * 10 + kTy / 2) / kTy;  // half up to a tenth of a tỷ
    auto out = std::to_string(tenths / 10);
    if (tenths % 10) out += "," + std::to_string(tenths % 10);
    return out + " tỷ đồng";
  }
  return std::to_string((dong + kTrieu / 2) / kTrieu) + " triệu đồng";
}

Result<bool> FundService::not_in_future(Date on, const char* field) const {
  if (on == Date{}) return required(field);
  if (on > clock_.today())
    return Error::invalid(field, "fund.date_in_future", {{"value", on.vietnamese()}});
  return true;
}

// ---- scope ------------------------------------------------------------------------------------

Result<Fund> FundService::writable_fund(std::int64_t fund_id, const ProvinceScope& scope) {
  return scoped_record(repo_.find_fund(fund_id), fund_id, scope, "fund.no_fund",
                       "fund.out_of_scope");
}

Result<Loan> FundService::readable_loan(std::int64_t loan_id, const ProvinceScope& scope) {
  auto l = repo_.find_loan(loan_id);
  if (!l) return Error::not_found("fund.no_loan", {{"id", std::to_string(loan_id)}});
  auto f = repo_.find_fund(l->fund_id);
  if (!scope.allows(l->province_id) && !(f && scope.allows(f->province_id)))
    return Error::forbidden("fund.out_of_scope");
  return *l;
}

Result<Loan> FundService::writable_loan(std::int64_t loan_id, const ProvinceScope& scope) {
  auto l = repo_.find_loan(loan_id);
  if (!l) return Error::not_found("fund.no_loan", {{"id", std::to_string(loan_id)}});
  if (auto f = writable_fund(l->fund_id, scope); !f) return f.error();
  return *l;
}

Result<Application> FundService::writable_application(std::int64_t id, const ProvinceScope& scope) {
  auto a = repo_.find_application(id);
  if (!a) return Error::not_found("fund.no_application", {{"id", std::to_string(id)}});
  if (auto f = writable_fund(a->fund_id, scope); !f) return f.error();
  return *a;
}

// ---- funds and products -----------------------------------------------------------------------

Result<Fund> FundService::add_fund(Fund f, const std::string& actor, const ProvinceScope& scope) {
  f.code = std::string(text::trim(f.code));
  f.name = std::string(text::trim(f.name));
  if (f.code.empty()) return required("code");
  if (f.name.empty()) return required("name");
  if (f.level == FundLevel::kProvincial && f.province_id.empty()) return required("province_id");
  if (f.level == FundLevel::kCentral) f.province_id.clear();
  if (f.channel == Channel::kEntrusted && text::trim(f.entrusted_to).empty())
    return required("entrusted_to");
  if (f.charter_capital < 0) return Error::invalid("charter_capital", "fund.amount_negative");
  if (!scope.allows(f.province_id)) return Error::forbidden("fund.out_of_scope");
  Transaction tx(tx_);
  if (repo_.find_fund_by_code(f.code))
    return Error::conflict("fund.fund_exists", {{"code", f.code}}).on("code");
  f.id = repo_.insert_fund(f);
  log("fund.fund.create", "fund", f.code, "", to_json(f).dump(), actor);
  tx.commit();
  return f;
}

Result<Product> FundService::add_product(Product p, const std::string& actor,
                                         const ProvinceScope& scope) {
  p.code = std::string(text::trim(p.code));
  p.name = std::string(text::trim(p.name));
  if (p.code.empty()) return required("code");
  if (p.name.empty()) return required("name");
  if (p.max_amount <= 0) return Error::invalid("max_amount", "fund.amount_not_positive");
  const auto max_term = rules_.parameter("max_term_months");
  if (p.max_term_months < 1 || p.max_term_months > max_term)
    return Error::invalid("max_term_months", "fund.term_above_legal",
                          {{"limit", std::to_string(max_term)}});
  const auto min_own = rules_.parameter("min_own_capital_percent");
  if (p.min_own_percent < min_own || p.min_own_percent > 100)
    return Error::invalid("min_own_percent", "fund.own_share_below_legal",
                          {{"limit", std::to_string(min_own)}});
  auto rate = rate_of(p.rate, "rate");
  if (!rate) return rate.error();
  auto late = rate_of(p.late_rate, "late_rate");
  if (!late) return late.error();
  p.rate = format_rate(*rate);
  p.late_rate = format_rate(*late);
  LoanPolicy policy;
  policy.overdue_principal_percent = p.overdue_percent;
  policy.late_interest_rate = *late;
  policy.order.clear();
  for (const auto& code : p.order) {
    auto b = bucket_from_code(code);
    if (!b) return Error::invalid("order", "fund.allocation_order");
    policy.order.push_back(*b);
  }
  auto ok = check_policy(
      policy, static_cast<int>(rules_.parameter("overdue_principal_rate_cap_percent_of_contract")),
      rules_.parameter("late_interest_rate_cap_micro_percent_per_year"));
  if (!ok) return ok.error();
  if (p.deadline_days.size() != p.deadline_terms.size() + 1 ||
      std::any_of(p.deadline_days.begin(), p.deadline_days.end(), [](auto d) { return d < 1; }) ||
      !std::is_sorted(p.deadline_terms.begin(), p.deadline_terms.end()))
    return Error::invalid("deadline_days", "fund.deadlines");
  // A schedule of the longest term must be possible with the product's grace.
  ScheduleTerms t{p.method,
                  *rate,
                  p.day_count,
                  p.max_term_months,
                  p.principal_grace_months,
                  p.interest_grace_months,
                  p.rounding,
                  p.multiple,
                  0};
  if (auto s = build_schedule(t, {{clock_.today(), 1'000'000}}); !s) return s.error();
  Transaction tx(tx_);
  auto fund = writable_fund(p.fund_id, scope);
  if (!fund) return fund.error();
  if (repo_.find_product_by_code(p.fund_id, p.code))
    return Error::conflict("fund.product_exists", {{"code", p.code}}).on("code");
  p.id = repo_.insert_product(p);
  log("fund.product.create", "fund_product", fund->code + "/" + p.code, "", to_json(p).dump(),
      actor);
  tx.commit();
  return p;
}

// ---- applications -----------------------------------------------------------------------------

Result<Application> FundService::apply(Application a, const std::string& actor,
                                       const ProvinceScope& scope) {
  a.borrower_code = std::string(text::trim(a.borrower_code));
  if (a.borrower_code.empty()) return required("borrower_code");
  if (a.received_on == Date{}) return required("received_on");
  if (auto ok = not_in_future(a.received_on, "received_on"); !ok) return ok.error();
  if (a.amount <= 0) return Error::invalid("amount", "fund.amount_not_positive");
  if (a.term_months <= 0) return Error::invalid("term_months", "fund.term_out_of_range");
  if (a.total_investment <= 0) return required("total_investment");
  if (a.own_contribution < 0) return Error::invalid("own_contribution", "fund.amount_negative");
  for (const auto& c : a.collateral)
    if (c.appraised_value < 0 || c.discount_percent < 0 || c.discount_percent > 100)
      return Error::invalid("collateral", "fund.collateral");
  Transaction tx(tx_);
  auto fund = writable_fund(a.fund_id, scope);
  if (!fund) return fund.error();
  auto product = repo_.find_product(a.product_id);
  if (!product || product->fund_id != a.fund_id || !product->active)
    return Error::invalid("product_id", "fund.no_product");
  auto entity = registry_.find_by_code(a.borrower_code);
  if (!entity)
    return Error::invalid("borrower_code", "fund.no_borrower", {{"code", a.borrower_code}});
  if (entity->status != registry::EntityStatus::kActive)
    return Error::invalid("borrower_code", "fund.borrower_not_active", {{"code", a.borrower_code}});
  a.borrower_name = entity->name;
  a.province_id = entity->province_id;
  a.sector_id = entity->sector_id;
  if (fund->level == FundLevel::kProvincial && !scope.allows(a.province_id) &&
      a.province_id != fund->province_id)
    return Error::forbidden("fund.out_of_scope");
  if (a.amount > product->max_amount)
    return Error::invalid("amount", "fund.amount_above_limit",
                          {{"limit", money(product->max_amount)}});
  if (a.term_months > product->max_term_months)
    return Error::invalid("term_months", "fund.term_above_limit",
                          {{"limit", std::to_string(product->max_term_months)}});
  if (static_cast<__int128>(a.own_contribution) * 100 <
      static_cast<__int128>(a.total_investment) * product->min_own_percent)
    return Error::invalid("own_contribution", "fund.own_share_too_small",
                          {{"limit", std::to_string(product->min_own_percent)}});
  if (a.amount > a.total_investment - a.own_contribution)
    return Error::invalid("amount", "fund.amount_above_project",
                          {{"limit", money(a.total_investment - a.own_contribution)}});
  a.status = ApplicationStatus::kReceived;
  a.entered_by = actor;
  a.entered_at = clock_.now_iso();
  a.loan_id.reset();
  a.id = repo_.insert_application(a);
  log("fund.application.create", "fund_application", std::to_string(a.id), "", to_json(a).dump(),
      actor);
  tx.commit();
  return a;
}

Result<Application> FundService::appraise(std::int64_t id, Date on, const std::string& opinion,
                                          std::int64_t recommended, const std::string& actor,
                                          const ProvinceScope& scope) {
  if (auto refused = dated_text(not_in_future(on, "appraised_on"), opinion, "appraisal_opinion"))
    return *refused;
  Transaction tx(tx_);
  auto a = writable_application(id, scope);
  if (!a) return a.error();
  if (auto refused = not_at(*a, ApplicationStatus::kReceived)) return *refused;
  if (on < a->received_on)
    return Error::invalid("appraised_on", "fund.date_before",
                          {{"value", on.vietnamese()}, {"before", a->received_on.vietnamese()}});
  if (recommended < 0 || recommended > a->amount)
    return Error::invalid("recommended_amount", "fund.recommended_above_asked",
                          {{"limit", money(a->amount)}});
  const auto before = to_json(*a).dump();
  a->appraised_on = on;
  a->appraised_by = actor;
  a->appraisal_opinion = std::string(text::trim(opinion));
  a->recommended_amount = recommended;
  a->status = ApplicationStatus::kAppraised;
  repo_.update_application(*a);
  log("fund.application.appraise", "fund_application", std::to_string(id), before,
      to_json(*a).dump(), actor);
  tx.commit();
  return *a;
}

Result<Application> FundService::decide(std::int64_t id, Council c, bool approve,
                                        const std::string& actor, const ProvinceScope& scope) {
  c.decision_number = std::string(text::trim(c.decision_number));
  if (c.decision_number.empty()) return required("decision_number");
  if (!c.decided_on) return required("decided_on");
  if (auto ok = not_in_future(*c.decided_on, "decided_on"); !ok) return ok.error();
  std::erase_if(c.members, [](const std::string& m) { return text::trim(m).empty(); });
  if (c.members.empty()) return required("members");
  if (c.votes_for < 0 || c.votes_against < 0 ||
      c.votes_for + c.votes_against > static_cast<int>(c.members.size()))
    return Error::invalid("votes_for", "fund.votes",
                          {{"members", std::to_string(c.members.size())}});
  if (approve && c.votes_for <= c.votes_against)
    return Error::invalid("votes_for", "fund.votes_not_carried");
  Transaction tx(tx_);
  auto a = writable_application(id, scope);
  if (!a) return a.error();
  if (auto refused = not_at(*a, ApplicationStatus::kAppraised)) return *refused;
  if (*c.decided_on < *a->appraised_on)
    return Error::invalid(
        "decided_on", "fund.date_before",
        {{"value", c.decided_on->vietnamese()}, {"before", a->appraised_on->vietnamese()}});
  if (approve && (c.approved_amount <= 0 || c.approved_amount > a->recommended_amount))
    return Error::invalid("approved_amount", "fund.approved_above_recommended",
                          {{"limit", money(a->recommended_amount)}});
  if (!approve) c.approved_amount = 0;
  const auto before = to_json(*a).dump();
  a->council = std::move(c);
  a->status = approve ? ApplicationStatus::kApproved : ApplicationStatus::kRejected;
  repo_.update_application(*a);
  log(approve ? "fund.application.approve" : "fund.application.reject", "fund_application",
      std::to_string(id), before, to_json(*a).dump(), actor);
  tx.commit();
  return *a;
}

Result<Loan> FundService::sign_contract(std::int64_t id, const std::string& number_in, Date on,
                                        int payment_day, const std::string& actor,
                                        const ProvinceScope& scope) {
  const auto number = std::string(text::trim(number_in));
  if (number.empty()) return required("contract_number");
  if (auto ok = not_in_future(on, "contract_on"); !ok) return ok.error();
  if (payment_day < 0 || payment_day > 31) return Error::invalid("payment_day", "fund.payment_day");
  Transaction tx(tx_);
  auto a = writable_application(id, scope);
  if (!a) return a.error();
  if (auto refused = not_at(*a, ApplicationStatus::kApproved)) return *refused;
  if (on < *a->council.decided_on)
    return Error::invalid(
        "contract_on", "fund.date_before",
        {{"value", on.vietnamese()}, {"before", a->council.decided_on->vietnamese()}});
  if (repo_.find_loan_by_contract(a->fund_id, number))
    return Error::conflict("fund.contract_exists", {{"number", number}}).on("contract_number");
  auto product = repo_.find_product(a->product_id);
  if (!product) return Error::invalid("product_id", "fund.no_product");
  Loan l;
  l.fund_id = a->fund_id;
  l.product_id = a->product_id;
  l.application_id = a->id;
  l.contract_number = number;
  l.contract_on = on;
  l.borrower_code = a->borrower_code;
  l.borrower_name = a->borrower_name;
  l.province_id = a->province_id;
  l.sector_id = a->sector_id;
  l.purpose = a->purpose;
  l.approved_amount = a->council.approved_amount;
  l.terms = {product->method,
             product->rate,
             product->day_count,
             a->term_months,
             std::min(product->principal_grace_months, a->term_months - 1),
             std::min(product->interest_grace_months, a->term_months - 1),
             product->rounding,
             product->multiple};
  l.payment_day = payment_day;
  l.overdue_percent = product->overdue_percent;
  l.late_rate = product->late_rate;
  l.order = product->order;
  l.discounted_collateral = discounted_value(a->collateral);
  l.id = repo_.insert_loan(l);
  const auto before = to_json(*a).dump();
  a->contract_number = number;
  a->contract_on = on;
  a->loan_id = l.id;
  a->status = ApplicationStatus::kContracted;
  repo_.update_application(*a);
  log("fund.loan.create", "fund_loan", number, before, to_json(*a).dump(), actor);
  tx.commit();
  return l;
}

// ---- money ------------------------------------------------------------------------------------

Result<LoanPosition> FundService::post(Loan& loan, const std::vector<Movement>& movements,
                                       const std::vector<RestructuringRecord>& restructurings) {
  auto record = loan_record(loan, movements, restructurings);
  if (!record) return record.error();
  if (record->disbursements.empty()) {
    repo_.replace_ledger(loan.id, {});
    return LoanPosition{};
  }
  Date as_of = clock_.today();
  for (const auto& m : movements)
    if (m.state == MovementState::kApproved) as_of = std::max(as_of, m.on);
  auto pos = replay(*record, as_of);
  if (!pos) return pos.error();
  std::vector<PostedEntry> entries;
  for (const auto& e : pos->ledger)
    entries.push_back({0, loan.fund_id, loan.id, e.on, e.debit, e.credit, e.amount, e.memo});
  repo_.replace_ledger(loan.id, entries);
  auto state = pos->status == LoanStatus::kClosed       ? LoanState::kClosed
               : pos->status == LoanStatus::kWrittenOff ? LoanState::kWrittenOff
                                                        : LoanState::kActive;
  if (state != loan.state) {
    loan.state = state;
    repo_.update_loan(loan);
  }
  return pos;
}

Movement FundService::save_movement(Movement m, const Loan& loan, const char* action,
                                    const std::string& actor, Transaction& tx) {
  m.id = repo_.insert_movement(m);
  log(action, "fund_movement", loan.contract_number, "", to_json(m).dump(), actor);
  tx.commit();
  return m;
}

Result<Movement> FundService::enter_disbursement(std::int64_t loan_id, Date on, std::int64_t amount,
                                                 const std::string& actor,
                                                 const ProvinceScope& scope) {
  if (amount <= 0) return Error::invalid("amount", "fund.amount_not_positive");
  if (auto ok = not_in_future(on, "on"); !ok) return ok.error();
  Transaction tx(tx_);
  auto loan = writable_loan(loan_id, scope);
  if (!loan) return loan.error();
  if (loan->state != LoanState::kActive)
    return with_field(Error::conflict("fund.loan_closed"), "on");
  if (on < loan->contract_on)
    return Error::invalid("on", "fund.disbursement_before_contract",
                          {{"before", loan->contract_on.vietnamese()}});
  auto movements = repo_.movements_of(loan_id);
  std::int64_t committed = 0;
  for (const auto& m : movements)
    if (m.kind == MovementKind::kDisbursement && m.state != MovementState::kRejected)
      committed += m.amount;
  if (committed + amount > loan->approved_amount)
    return Error::invalid("amount", "fund.disbursement_above_approved",
                          {{"limit", money(loan->approved_amount - committed)}});
  // Would it be accepted once approved?
  Movement m;
  m.loan_id = loan_id;
  m.kind = MovementKind::kDisbursement;
  m.on = on;
  m.amount = amount;
  m.state = MovementState::kApproved;
  movements.push_back(m);
  auto record = loan_record(*loan, movements, repo_.restructurings_of(loan_id));
  if (!record) return record.error();
  if (auto pos = replay(*record, std::max(on, clock_.today())); !pos) return pos.error();
  m.state = MovementState::kPending;
  m.entered_by = actor;
  m.entered_at = clock_.now_iso();
  return save_movement(m, *loan, "fund.disbursement.enter", actor, tx);
}

Result<Movement> FundService::enter_write_off(std::int64_t loan_id, Date on,
                                              const std::string& note, const std::string& actor,
                                              const ProvinceScope& scope) {
  if (auto refused = dated_text(not_in_future(on, "on"), note, "note")) return *refused;
  Transaction tx(tx_);
  auto loan = writable_loan(loan_id, scope);
  if (!loan) return loan.error();
  if (loan->state != LoanState::kActive)
    return with_field(Error::conflict("fund.loan_closed"), "on");
  for (const auto& m : repo_.movements_of(loan_id))
    if (m.kind == MovementKind::kWriteOff && m.state != MovementState::kRejected)
      return Error::conflict("fund.write_off_pending").on("on");
  Movement m;
  m.loan_id = loan_id;
  m.kind = MovementKind::kWriteOff;
  m.on = on;
  m.note = std::string(text::trim(note));
  m.entered_by = actor;
  m.entered_at = clock_.now_iso();
  return save_movement(m, *loan, "fund.write_off.enter", actor, tx);
}

Result<Movement> FundService::approve(std::int64_t movement_id, const std::string& actor,
                                      const ProvinceScope& scope) {
  Transaction tx(tx_);
  auto found = pending_movement(
      repo_, movement_id, [&](std::int64_t loan_id) { return writable_loan(loan_id, scope); });
  if (!found) return found.error();
  auto& [m, loan] = *found;
  // Four eyes: refused on the approver (approved_by), whom the movement would record.
  if (m.entered_by == actor) return Error::forbidden("fund.four_eyes").on("approved_by");
  const auto before = to_json(m).dump();
  m.state = MovementState::kApproved;
  m.approved_by = actor;
  m.approved_at = clock_.now_iso();
  auto movements = repo_.movements_of(m.loan_id);
  for (auto& x : movements)
    if (x.id == m.id) x = m;
  if (auto pos = post(loan, movements, repo_.restructurings_of(m.loan_id)); !pos)
    return pos.error();
  repo_.update_movement(m);
  log(m.kind == MovementKind::kDisbursement ? "fund.disbursement.approve"
                                            : "fund.write_off.approve",
      "fund_movement", loan.contract_number, before, to_json(m).dump(), actor);
  tx.commit();
  return m;
}

Result<Movement> FundService::reject(std::int64_t movement_id, const std::string& note,
                                     const std::string& actor, const ProvinceScope& scope) {
  if (text::trim(note).empty()) return required("note");
  Transaction tx(tx_);
  auto found = pending_movement(
      repo_, movement_id, [&](std::int64_t loan_id) { return writable_loan(loan_id, scope); });
  if (!found) return found.error();
  auto& [m, loan] = *found;
  const auto before = to_json(m).dump();
  m.state = MovementState::kRejected;
  m.approved_by = actor == m.entered_by ? "" : actor;
  m.approved_at = clock_.now_iso();
  m.note = std::string(text::trim(note));
  repo_.update_movement(m);
  log("fund.movement.reject", "fund_movement", loan.contract_number, before, to_json(m).dump(),
      actor);
  tx.commit();
  return m;
}

Result<Movement> FundService::repay(std::int64_t loan_id, Date on, std::int64_t amount,
                                    const std::string& actor, const ProvinceScope& scope) {
  if (amount <= 0) return Error::invalid("amount", "fund.amount_not_positive");
  if (auto ok = not_in_future(on, "on"); !ok) return ok.error();
  Transaction tx(tx_);
  auto loan = writable_loan(loan_id, scope);
  if (!loan) return loan.error();
  auto movements = repo_.movements_of(loan_id);
  if (std::none_of(movements.begin(), movements.end(), [](const Movement& x) {
        return x.kind == MovementKind::kDisbursement && x.state == MovementState::kApproved;
      }))
    return Error::invalid("on", "fund.repayment_before_disbursement");
  Movement m{
      0,  loan_id, MovementKind::kRepayment, on,    amount,          MovementState::kApproved,
      "", actor,   clock_.now_iso(),         actor, clock_.now_iso()};
  movements.push_back(m);
  if (auto pos = post(*loan, movements, repo_.restructurings_of(loan_id)); !pos) return pos.error();
  return save_movement(m, *loan, "fund.repayment.create", actor, tx);
}

Result<RestructuringRecord> FundService::restructure(std::int64_t loan_id, RestructuringRecord x,
                                                     const std::string& actor,
                                                     const ProvinceScope& scope) {
  x.reason = std::string(text::trim(x.reason));
  x.legal_basis = std::string(text::trim(x.legal_basis));
  if (x.reason.empty()) return required("reason");
  if (x.legal_basis.empty()) return required("legal_basis");
  if (auto ok = not_in_future(x.on, "on"); !ok) return ok.error();
  auto rate = rate_of(x.terms.rate, "rate");
  if (!rate) return rate.error();
  x.terms.rate = format_rate(*rate);
  Transaction tx(tx_);
  auto loan = writable_loan(loan_id, scope);
  if (!loan) return loan.error();
  if (loan->state != LoanState::kActive)
    return with_field(Error::conflict(loan->state == LoanState::kClosed ? "fund.loan_closed"
                                                                        : "fund.loan_written_off"),
                      "on");
  auto movements = repo_.movements_of(loan_id);
  auto earlier = repo_.restructurings_of(loan_id);
  x.loan_id = loan_id;
  x.version = static_cast<int>(earlier.size()) + 2;
  x.entered_by = actor;
  x.entered_at = clock_.now_iso();
  auto all = earlier;
  all.push_back(x);
  if (x.covid_relief) {
    auto before = loan_record(*loan, movements, earlier);
    auto with = loan_record(*loan, movements, all);
    if (!before || !with) return before ? with.error() : before.error();
    auto ok = check_covid_relief(*before, with->restructurings.back(), rules_);
    if (!ok) return ok.error();
  }
  if (auto pos = post(*loan, movements, all); !pos) return pos.error();
  x.id = repo_.insert_restructuring(x);
  log("fund.loan.restructure", "fund_restructuring", loan->contract_number, "", to_json(x).dump(),
      actor);
  tx.commit();
  return x;
}

// ---- reads ------------------------------------------------------------------------------------

std::vector<Fund> FundService::funds(const ProvinceScope& scope) {
  auto all = repo_.list_funds();
  // The central fund lends in every province: every caller sees it (its loans stay scoped).
  std::erase_if(all, [&](const Fund& f) {
    return f.level != FundLevel::kCentral && !scope.allows(f.province_id);
  });
  return all;
}

Result<std::vector<Product>> FundService::products(std::int64_t fund_id,
                                                   const ProvinceScope& scope) {
  auto f = repo_.find_fund(fund_id);
  if (!f) return Error::not_found("fund.no_fund", {{"id", std::to_string(fund_id)}});
  (void)scope;  // products are the fund's public terms
  return repo_.products_of(fund_id);
}

std::vector<ApplicationView> FundService::applications(ApplicationQuery q,
                                                       const ProvinceScope& scope) {
  if (!scope.is_all()) q.province_ids = scope.provinces();
  std::map<std::int64_t, std::optional<Product>> products;
  std::vector<ApplicationView> out;
  for (auto& a : repo_.list_applications(q)) {
    auto& p = products[a.product_id];
    if (!p) p = repo_.find_product(a.product_id);
    ApplicationView v{
        a, rules_.add_working_days(a.received_on, p ? deadline_days(*p, a.term_months) : 0)};
    v.overdue = !decided(a.status) && clock_.today() > v.due_by;
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<Loan> FundService::loans(LoanQuery q, const ProvinceScope& scope) {
  if (!scope.is_all()) q.province_ids = scope.provinces();
  return repo_.list_loans(q);
}

Result<LoanView> FundService::loan(std::int64_t loan_id, Date as_of, const ProvinceScope& scope) {
  auto l = readable_loan(loan_id, scope);
  if (!l) return l.error();
  LoanView v;
  v.loan = *l;
  v.fund = *repo_.find_fund(l->fund_id);
  v.movements = repo_.movements_of(loan_id);
  v.restructurings = repo_.restructurings_of(loan_id);
  auto record = loan_record(*l, v.movements, v.restructurings);
  if (!record) return record.error();
  if (!record->disbursements.empty()) {
    auto pos = replay(*record, as_of);
    if (!pos) return pos.error();
    v.position = std::move(pos.value());
    auto c = classify(*record, rules_, as_of);
    if (!c) return c.error();
    v.classification = *c;
  }
  v.position.as_of = as_of;
  return v;
}

Portfolio FundService::portfolio(const PortfolioQuery& query, const ProvinceScope& scope) {
  LoanQuery lq;
  lq.fund_id = query.fund_id;
  if (!scope.is_all()) lq.province_ids = scope.provinces();
  auto loans = repo_.list_loans(lq);
  std::map<std::int64_t, std::vector<Movement>> movements;
  for (auto& m : repo_.movements_of_loans(lq)) movements[m.loan_id].push_back(std::move(m));
  std::map<std::int64_t, std::vector<RestructuringRecord>> restructurings;
  for (auto& x : repo_.restructurings_of_loans(lq))
    restructurings[x.loan_id].push_back(std::move(x));
  std::map<std::int64_t, std::string> fund_codes;
  for (const auto& f : repo_.list_funds()) fund_codes[f.id] = f.code;
  std::map<std::int64_t, std::string> product_codes;

  struct Figures {
    const Loan* loan;
    LoanFigures f;
  };
  std::vector<Figures> all;
  std::map<std::string, int> borrower_group;
  for (const auto& l : loans) {
    if (l.contract_on > query.to) continue;
    auto record = loan_record(l, movements[l.id], restructurings[l.id]);
    if (!record || record->disbursements.empty() || record->disbursements.front().on > query.to)
      continue;
    std::erase_if(record->restructurings, [&](const Restructuring& x) { return x.on > query.to; });
    auto f = figures(*record, rules_, query.from, query.to, l.discounted_collateral);
    if (!f) continue;
    borrower_group[l.borrower_code] = std::max(borrower_group[l.borrower_code], f->group);
    all.push_back({&l, *f});
  }
  Portfolio out;
  out.query = query;
  std::map<std::string, PortfolioRow> rows;
  std::set<std::string> restructured;
  auto add = [&](PortfolioRow& r, const Loan& l, const LoanFigures& f, int group,
                 std::int64_t provision) {
    if (f.outstanding > 0) ++r.loans;
    if (f.new_loan) {
      ++r.new_loans;
      r.new_amount += f.disbursed;
    }
    r.outstanding += f.outstanding;
    r.disbursed += f.disbursed;
    r.collected_principal += f.collected_principal;
    r.collected_interest += f.collected_interest;
    r.restructured_loans += f.restructured;
    r.par30 += f.par30;
    r.par90 += f.par90;
    r.by_group[group - 1] += f.outstanding;
    r.specific_provision += provision;
    (void)l;
  };
  for (const auto& [loan, f] : all) {
    const int group = borrower_group[loan->borrower_code];
    const auto provision =
        rules_.specific_provision(group, f.outstanding, loan->discounted_collateral);
    std::string key;
    switch (query.by) {
      case PortfolioBy::kFund:
        key = fund_codes[loan->fund_id];
        break;
      case PortfolioBy::kProvince:
        key = loan->province_id;
        break;
      case PortfolioBy::kProduct: {
        auto& code = product_codes[loan->product_id];
        if (code.empty())
          if (auto p = repo_.find_product(loan->product_id)) code = p->code;
        key = fund_codes[loan->fund_id] + "/" + code;
        break;
      }
      case PortfolioBy::kSector:
        key = loan->sector_id;
        break;
      case PortfolioBy::kPurpose:
        key = loan->purpose;
        break;
    }
    auto& row = rows[key];
    row.key = key;
    add(row, *loan, f, group, provision);
    add(out.total, *loan, f, group, provision);
    if (f.restructured) restructured.insert(loan->borrower_code);
  }
  auto general = [&](PortfolioRow& r) {
    r.general_provision =
        rules_.general_provision(r.by_group[0] + r.by_group[1] + r.by_group[2] + r.by_group[3]);
  };
  for (auto& [key, row] : rows) {
    general(row);
    out.rows.push_back(row);
  }
  general(out.total);
  out.total.key = "";
  out.restructured_borrowers = static_cast<int>(restructured.size());
  out.narrative = "Quỹ Hỗ trợ phát triển HTX trung ương và địa phương cho vay vốn ưu đãi " +
                  std::to_string(out.total.new_loans) + " dự án, " +
                  amount_words(out.total.new_amount) + "; cơ cấu lại nợ cho " +
                  std::to_string(out.restructured_borrowers) + " HTX";
  return out;
}

Result<std::vector<AccountBalance>> FundService::trial_balance(std::int64_t fund_id, Date as_of,
                                                               const ProvinceScope& scope) {
  auto f = writable_fund(fund_id, scope);
  if (!f) return f.error();
  return repo_.trial_balance(fund_id, as_of);
}

Result<std::vector<Mismatch>> FundService::reconcile(std::int64_t fund_id,
                                                     const ProvinceScope& scope) {
  auto f = writable_fund(fund_id, scope);
  if (!f) return f.error();
  LoanQuery q;
  q.fund_id = fund_id;
  std::vector<Mismatch> out;
  for (const auto& l : repo_.list_loans(q)) {
    auto posted = repo_.ledger_of(l.id);
    std::map<std::string, std::int64_t> posted_balance, replayed_balance;
    Date last;
    for (const auto& e : posted) {
      posted_balance[e.debit] += e.amount;
      posted_balance[e.credit] -= e.amount;
      last = std::max(last, e.on);
    }
    auto record = loan_record(l, repo_.movements_of(l.id), repo_.restructurings_of(l.id));
    if (record && !record->disbursements.empty() && !posted.empty()) {
      auto pos = replay(*record, last);
      if (pos)
        for (const auto& e : pos->ledger) {
          replayed_balance[e.debit] += e.amount;
          replayed_balance[e.credit] -= e.amount;
        }
    }
    for (const char* account : kLedgerAccounts)
      if (posted_balance[account] != replayed_balance[account])
        out.push_back({l.id, account, posted_balance[account], replayed_balance[account]});
  }
  return out;
}

}  // namespace htx::fund
