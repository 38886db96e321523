#include "cli/fund_commands.hpp"

#include <fstream>
#include <iostream>

#include "areas/caller.hpp"
#include "areas/fund_area.hpp"
#include "cli/field_options.hpp"
#include "cli/report_output.hpp"
#include "cli/text_table.hpp"
#include "core/text.hpp"
#include "exchange/fund_portfolio_xlsx.hpp"
#include "fund/portfolio_csv.hpp"

namespace htx::cli {

namespace {

using areas::FundArea;
using namespace htx::fund;

std::string money(std::int64_t v) { return text::format_int(v); }

// A list as a table under its translated header, or the refusal.
template <typename T, typename Row>
int print_list(const i18n::Catalog& c, const Result<std::vector<T>>& list,
               std::initializer_list<const char*> header, Row row) {
  if (!list) return refused_on_option(c, list.error());
  std::vector<std::vector<std::string>> rows(1);
  for (const char* key : header) rows[0].push_back(c.text(key));
  for (const auto& item : list.value()) rows.push_back(row(item));
  print_table(std::cout, rows);
  return kOk;
}

int print_statement(const LoanView& v, const i18n::Catalog& c, const std::string& format,
                    const std::string& output) {
  if (format == "xlsx")
    return write_report(c, format, output, exchange::loan_statement_xlsx_bytes(v, c));
  if (format.empty() || format == "csv")
    return write_report(c, format, output, fund::statement_csv(v, c));
  return refused_on_option(c,
                           Error::invalid("format", "fund.report.bad_format", {{"value", format}}));
}

int print_loan(FundArea& area, const i18n::Catalog& c, std::int64_t id, const std::string& as_of,
               bool statement, const std::string& format, const std::string& output) {
  auto v = area.loan(id, as_of);
  if (!v) return refused_on_option(c, v.error());
  if (statement || format == "csv" || format == "xlsx")
    return print_statement(*v, c, format, output);
  const auto& p = v->position;
  std::cout << v->loan.contract_number << " — " << v->loan.borrower_name << " ("
            << v->loan.borrower_code << "), " << v->fund.name << "\n"
            << c.text("fund.cli.position",
                      {{"as_of", p.as_of.vietnamese()},
                       {"disbursed", money(p.disbursed)},
                       {"outstanding", money(p.principal_outstanding)},
                       {"overdue", money(p.principal_overdue)},
                       {"interest", money(p.interest_unpaid + p.interest_accrued)},
                       {"overdue_interest", money(p.overdue_interest)},
                       {"days", std::to_string(p.days_overdue)},
                       {"group", std::to_string(v->classification.group)},
                       {"payoff", money(p.payoff())}})
            << "\n";
  for (std::size_t k = 0; k < p.versions.size(); ++k) {
    std::cout << c.text("fund.cli.version", {{"version", std::to_string(k + 1)}}) << "\n";
    std::vector<std::vector<std::string>> rows{
        {c.text("fund.cli.col_number"), c.text("fund.cli.col_due"),
         c.text("fund.cli.col_principal"), c.text("fund.cli.col_interest"),
         c.text("fund.cli.col_balance")}};
    for (const auto& l : p.versions[k].lines)
      rows.push_back({std::to_string(l.number), l.due_on.vietnamese(), money(l.principal),
                      money(l.interest), money(l.balance)});
    print_table(std::cout, rows);
  }
  return kOk;
}

int print_portfolio(FundArea& area, const i18n::Catalog& c, const areas::Fields& q,
                    const std::string& format, const std::string& output) {
  auto p = area.portfolio(q);
  if (!p) return refused_on_option(c, p.error());
  if (format == "xlsx")
    return write_report(c, format, output, exchange::fund_portfolio_xlsx_bytes(*p, c));
  if (format == "csv") return write_report(c, format, output, fund::portfolio_csv(*p, c));
  if (format == "json")
    return write_report(c, format, output,
                        fund::portfolio_json(*p, areas::field_of(q, "fund")).dump(2) + "\n");
  std::vector<std::vector<std::string>> rows{
      {c.text("fund.cli.col_key"), c.text("fund.cli.col_loans"), c.text("fund.cli.col_outstanding"),
       c.text("fund.cli.col_disbursed"), c.text("fund.cli.col_collected"),
       c.text("fund.cli.col_par30"), c.text("fund.cli.col_par90"),
       c.text("fund.cli.col_provision")}};
  auto add = [&](const PortfolioRow& r, const std::string& key) {
    rows.push_back({key, std::to_string(r.loans), money(r.outstanding), money(r.disbursed),
                    money(r.collected_principal + r.collected_interest), money(r.par30),
                    money(r.par90), money(r.specific_provision + r.general_provision)});
  };
  for (const auto& r : p->rows) add(r, r.key);
  add(p->total, c.text("fund.cli.total"));
  print_table(std::cout, rows);
  std::cout << p->narrative << "\n";
  return kOk;
}

}  // namespace

FundCommands::Write& FundCommands::write(CLI::App* parent, const i18n::Catalog& c, const char* name,
                                         const char* help, bool takes_id,
                                         const std::vector<std::string>& fields,
                                         const std::vector<std::string>& required) {
  auto w = std::make_unique<Write>();
  w->command = parent->add_subcommand(name, c.text(help));
  if (takes_id) w->command->add_option("ID", id_, c.text("fund.cli.arg_id"))->required();
  add_fields(w->command, c, w->fields, fields, required);
  writes_.push_back(std::move(w));
  return *writes_.back();
}

void FundCommands::add_to(CLI::App& app, const i18n::Catalog& c) {
  fund_ = app.add_subcommand("fund", c.text("fund.cli.cmd_fund"));
  fund_->require_subcommand(1);
  list_ = fund_->add_subcommand("list", c.text("fund.cli.cmd_list"));
  auto filters = [&](CLI::App* cmd, const std::vector<std::string>& names) {
    add_fields(cmd, c, filter_, names);
  };
  applications_ = fund_->add_subcommand("applications", c.text("fund.cli.cmd_applications"));
  filters(applications_, {"fund", "status", "borrower"});
  loans_ = fund_->add_subcommand("loans", c.text("fund.cli.cmd_loans"));
  filters(loans_, {"fund", "borrower", "state"});
  loan_ = fund_->add_subcommand("loan", c.text("fund.cli.cmd_loan"));
  loan_->add_option("ID", id_, c.text("fund.cli.arg_id"))->required();
  loan_->add_option("--as-of", as_of_, c.text("fund.cli.opt_as_of"));
  loan_->add_flag("--statement", statement_, c.text("fund.report.opt_statement"));
  loan_->add_option("--format", format_, c.text("fund.report.opt_format"))
      ->check(CLI::IsMember({"text", "csv", "xlsx"}));
  loan_->add_option("--output", output_, c.text("fund.report.opt_output"));
  portfolio_ = fund_->add_subcommand("portfolio", c.text("fund.cli.cmd_portfolio"));
  filters(portfolio_, {"fund", "period", "from", "to", "by"});
  portfolio_->add_option("--format", format_, c.text("fund.report.opt_format"))
      ->check(CLI::IsMember({"text", "json", "csv", "xlsx"}));
  portfolio_->add_option("--output", output_, c.text("fund.report.opt_output"));
  reconcile_ = fund_->add_subcommand("reconcile", c.text("fund.cli.cmd_reconcile"));
  filters(reconcile_, {"fund"});
  reconcile_->get_option("--fund")->required();

  auto id_of = [](auto r) -> Result<std::int64_t> {
    if (!r) return r.error();
    return r->id;
  };
  write(fund_, c, "add", "fund.cli.cmd_add", false,
        {"code", "name", "level", "province", "channel", "entrusted_to", "charter_capital",
         "capital_sources"},
        {"code", "name"})
      .act = [=](FundArea& a, std::int64_t, const areas::Fields& f) {
    return id_of(a.add_fund(f));
  };
  auto* product = fund_->add_subcommand("product", c.text("fund.cli.cmd_product"));
  product->require_subcommand(1);
  write(
      product, c, "add", "fund.cli.cmd_product_add", false,
      {"fund", "code", "name", "purpose", "max_amount", "max_term_months", "min_own_percent",
       "method", "rate", "day_count", "principal_grace_months", "interest_grace_months", "rounding",
       "multiple", "overdue_percent", "late_rate", "order", "deadline_terms", "deadline_days"},
      {"fund", "code", "name", "max_amount", "rate"})
      .act = [=](FundArea& a, std::int64_t, const areas::Fields& f) {
    return id_of(a.add_product(f));
  };
  write(fund_, c, "apply", "fund.cli.cmd_apply", false,
        {"fund", "product", "borrower", "amount", "term_months", "purpose", "total_investment",
         "own_contribution", "guarantee", "received_on", "collateral"},
        {"fund", "product", "borrower", "amount", "term_months", "total_investment"})
      .act = [=](FundArea& a, std::int64_t, const areas::Fields& f) { return id_of(a.apply(f)); };
  write(fund_, c, "appraise", "fund.cli.cmd_appraise", true,
        {"appraised_on", "opinion", "recommended_amount"}, {"opinion", "recommended_amount"})
      .act = [=](FundArea& a, std::int64_t id, const areas::Fields& f) {
    return id_of(a.appraise(id, f));
  };
  auto& decide = write(fund_, c, "decide", "fund.cli.cmd_decide", true,
                       {"decision_number", "decided_on", "members", "votes_for", "votes_against",
                        "approved_amount", "note"},
                       {"decision_number", "members"});
  decide.command->add_flag("--reject", reject_, c.text("fund.cli.opt_reject"));
  decide.act = [this, id_of](FundArea& a, std::int64_t id, const areas::Fields& f) {
    auto fields = f;
    fields["approve"] = reject_ ? "0" : "1";
    return id_of(a.decide(id, fields));
  };
  write(fund_, c, "contract", "fund.cli.cmd_contract", true,
        {"contract_number", "contract_on", "payment_day"}, {"contract_number"})
      .act = [=](FundArea& a, std::int64_t id, const areas::Fields& f) {
    return id_of(a.sign_contract(id, f));
  };
  write(fund_, c, "disburse", "fund.cli.cmd_disburse", true, {"on", "amount"}, {"amount"}).act =
      [=](FundArea& a, std::int64_t id, const areas::Fields& f) {
        return id_of(a.disburse(id, f));
      };
  write(fund_, c, "repay", "fund.cli.cmd_repay", true, {"on", "amount"}, {"amount"}).act =
      [=](FundArea& a, std::int64_t id, const areas::Fields& f) { return id_of(a.repay(id, f)); };
  write(fund_, c, "write-off", "fund.cli.cmd_write_off", true, {"on", "note"}, {"note"}).act =
      [=](FundArea& a, std::int64_t id, const areas::Fields& f) {
        return id_of(a.write_off(id, f));
      };
  write(fund_, c, "approve", "fund.cli.cmd_approve", true, {}, {}).act =
      [=](FundArea& a, std::int64_t id, const areas::Fields&) { return id_of(a.approve(id)); };
  write(fund_, c, "reject", "fund.cli.cmd_reject", true, {"note"}, {"note"}).act =
      [=](FundArea& a, std::int64_t id, const areas::Fields& f) { return id_of(a.reject(id, f)); };
  write(fund_, c, "restructure", "fund.cli.cmd_restructure", true,
        {"on", "method", "rate", "day_count", "term_months", "principal_grace_months",
         "interest_grace_months", "rounding", "multiple", "interest_waived", "covid_relief",
         "reason", "legal_basis"},
        {"term_months", "reason", "legal_basis"})
      .act = [=](FundArea& a, std::int64_t id, const areas::Fields& f) {
    return id_of(a.restructure(id, f));
  };
}

bool FundCommands::chosen() const { return fund_ && fund_->parsed(); }

int FundCommands::run(store::Database& db, const i18n::Catalog& c, const FundRules& rules,
                      const std::string& actor) {
  FundArea area(db, default_clock(), rules, areas::operator_caller(actor));
  for (const auto& w : writes_) {
    if (!w->command->parsed()) continue;
    auto r = w->act(area, id_, w->fields);
    if (!r) return refused_on_option(c, r.error());
    std::cout << c.text("fund.cli.done",
                        {{"command", w->command->get_name()}, {"id", std::to_string(*r)}})
              << "\n";
    return kOk;
  }
  if (list_->parsed()) {
    std::vector<std::vector<std::string>> rows{
        {c.text("fund.cli.col_code"), c.text("fund.cli.col_name"), c.text("fund.cli.col_province"),
         c.text("fund.cli.col_products")}};
    for (const auto& f : area.funds()) {
      std::string products;
      auto listed = area.products(f.code);
      if (listed)
        for (const auto& p : listed.value())
          products += (products.empty() ? "" : ", ") + p.code + " (" + p.rate + ")";
      rows.push_back({f.code, f.name, f.province_id, products});
    }
    print_table(std::cout, rows);
    return kOk;
  }
  if (applications_->parsed())
    return print_list(c, area.applications(filter_),
                      {"fund.cli.col_id", "fund.cli.col_borrower", "fund.cli.col_amount",
                       "fund.cli.col_received", "fund.cli.col_due_by", "fund.cli.col_status"},
                      [](const ApplicationView& v) -> std::vector<std::string> {
                        const auto& a = v.application;
                        return {std::to_string(a.id),
                                a.borrower_name,
                                money(a.amount),
                                a.received_on.vietnamese(),
                                v.due_by.vietnamese() + (v.overdue ? " !" : ""),
                                std::string(to_code(a.status))};
                      });
  if (loans_->parsed())
    return print_list(c, area.loans(filter_),
                      {"fund.cli.col_id", "fund.cli.col_contract", "fund.cli.col_borrower",
                       "fund.cli.col_amount", "fund.cli.col_rate", "fund.cli.col_status"},
                      [](const Loan& l) -> std::vector<std::string> {
                        return {std::to_string(l.id), l.contract_number,
                                l.borrower_name,      money(l.approved_amount),
                                l.terms.rate,         std::string(to_code(l.state))};
                      });
  if (loan_->parsed()) return print_loan(area, c, id_, as_of_, statement_, format_, output_);
  if (portfolio_->parsed()) return print_portfolio(area, c, filter_, format_, output_);
  if (reconcile_->parsed()) {
    auto r = area.reconcile(areas::field_of(filter_, "fund"));
    if (!r) return refused_on_option(c, r.error());
    for (const auto& m : *r)
      std::cout << c.text("fund.cli.mismatch", {{"loan", std::to_string(m.loan_id)},
                                                {"account", m.account},
                                                {"posted", money(m.posted)},
                                                {"replayed", money(m.replayed)}})
                << "\n";
    std::cout << c.text(r->empty() ? "fund.cli.reconciled" : "fund.cli.not_reconciled") << "\n";
    return r->empty() ? kOk : kRefused;
  }
  return kUsage;
}

}  // namespace htx::cli
