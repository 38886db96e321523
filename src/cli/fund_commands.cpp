#include <fstream>
#include <iostream>

#include "areas/caller.hpp"
#include "areas/fund_area.hpp"
#include "cli/commands.hpp"
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

// What the fund's commands were given.
struct FundArgs {
  areas::Fields filter;
  std::int64_t id = 0;
  std::string as_of, format, output;
  bool reject = false, statement = false;
};

FundArea fund_area(const CommandContext& x) {
  return FundArea(x.db(), default_clock(), x.fund, areas::operator_caller(x.actor));
}

int list_funds(const CommandContext& x, FundArea& area) {
  const auto& c = x.catalog;
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

int list_applications(const CommandContext& x, FundArea& area, const FundArgs& a) {
  return print_list(x.catalog, area.applications(a.filter),
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
}

int list_loans(const CommandContext& x, FundArea& area, const FundArgs& a) {
  return print_list(x.catalog, area.loans(a.filter),
                    {"fund.cli.col_id", "fund.cli.col_contract", "fund.cli.col_borrower",
                     "fund.cli.col_amount", "fund.cli.col_rate", "fund.cli.col_status"},
                    [](const Loan& l) -> std::vector<std::string> {
                      return {std::to_string(l.id), l.contract_number,
                              l.borrower_name,      money(l.approved_amount),
                              l.terms.rate,         std::string(to_code(l.state))};
                    });
}

int reconcile(const CommandContext& x, FundArea& area, const FundArgs& a) {
  const auto& c = x.catalog;
  auto r = area.reconcile(areas::field_of(a.filter, "fund"));
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

// A write's work: the id of what it wrote, or the refusal.
using Write = std::function<Result<std::int64_t>(FundArea&, std::int64_t id, const areas::Fields&)>;

// The id of a write's answer.
template <typename T>
Result<std::int64_t> id_of(Result<T> r) {
  if (!r) return r.error();
  return r->id;
}

}  // namespace

void add_fund_commands(CLI::App& app, CommandTable& table, const i18n::Catalog& c) {
  auto& a = table.hold<FundArgs>();
  // A write: its subcommand (with the id it acts on, if any), the fields it reads, and what it
  // does with them.
  auto write = [&](CLI::App* parent, const char* name, const char* help, bool takes_id,
                   const std::vector<std::string>& names, const std::vector<std::string>& required,
                   Write act) {
    auto* cmd = parent->add_subcommand(name, c.text(help));
    if (takes_id) cmd->add_option("ID", a.id, c.text("fund.cli.arg_id"))->required();
    auto& fields = table.hold<areas::Fields>();
    add_fields(cmd, c, fields, names, required);
    table.on(cmd, over(fund_area, [&a, &fields, cmd, act](const CommandContext& x, FundArea& area) {
               auto r = act(area, a.id, fields);
               if (!r) return refused_on_option(x.catalog, r.error());
               std::cout << x.catalog.text("fund.cli.done", {{"command", cmd->get_name()},
                                                             {"id", std::to_string(*r)}})
                         << "\n";
               return kOk;
             }));
    return cmd;
  };

  auto* fund = app.add_subcommand("fund", c.text("fund.cli.cmd_fund"));
  fund->require_subcommand(1);
  table.on(fund->add_subcommand("list", c.text("fund.cli.cmd_list")), over(fund_area, list_funds));
  auto filters = [&](CLI::App* cmd, const std::vector<std::string>& names) {
    add_fields(cmd, c, a.filter, names);
  };
  auto* applications = fund->add_subcommand("applications", c.text("fund.cli.cmd_applications"));
  filters(applications, {"fund", "status", "borrower"});
  table.on(applications, over(fund_area, a, list_applications));
  auto* loans = fund->add_subcommand("loans", c.text("fund.cli.cmd_loans"));
  filters(loans, {"fund", "borrower", "state"});
  table.on(loans, over(fund_area, a, list_loans));
  auto* loan = fund->add_subcommand("loan", c.text("fund.cli.cmd_loan"));
  loan->add_option("ID", a.id, c.text("fund.cli.arg_id"))->required();
  loan->add_option("--as-of", a.as_of, c.text("fund.cli.opt_as_of"));
  loan->add_flag("--statement", a.statement, c.text("fund.report.opt_statement"));
  loan->add_option("--format", a.format, c.text("fund.report.opt_format"))
      ->check(CLI::IsMember({"text", "csv", "xlsx"}));
  loan->add_option("--output", a.output, c.text("fund.report.opt_output"));
  table.on(loan, over(fund_area, [&a](const CommandContext& x, FundArea& area) {
             return print_loan(area, x.catalog, a.id, a.as_of, a.statement, a.format, a.output);
           }));
  auto* portfolio = fund->add_subcommand("portfolio", c.text("fund.cli.cmd_portfolio"));
  filters(portfolio, {"fund", "period", "from", "to", "by"});
  portfolio->add_option("--format", a.format, c.text("fund.report.opt_format"))
      ->check(CLI::IsMember({"text", "json", "csv", "xlsx"}));
  portfolio->add_option("--output", a.output, c.text("fund.report.opt_output"));
  table.on(portfolio, over(fund_area, [&a](const CommandContext& x, FundArea& area) {
             return print_portfolio(area, x.catalog, a.filter, a.format, a.output);
           }));
  auto* reconcile_cmd = fund->add_subcommand("reconcile", c.text("fund.cli.cmd_reconcile"));
  filters(reconcile_cmd, {"fund"});
  reconcile_cmd->get_option("--fund")->required();
  table.on(reconcile_cmd, over(fund_area, a, reconcile));

  write(fund, "add", "fund.cli.cmd_add", false,
        {"code", "name", "level", "province", "channel", "entrusted_to", "charter_capital",
         "capital_sources"},
        {"code", "name"},
        [](FundArea& f, std::int64_t, const areas::Fields& in) { return id_of(f.add_fund(in)); });
  auto* product = fund->add_subcommand("product", c.text("fund.cli.cmd_product"));
  product->require_subcommand(1);
  write(
      product, "add", "fund.cli.cmd_product_add", false,
      {"fund", "code", "name", "purpose", "max_amount", "max_term_months", "min_own_percent",
       "method", "rate", "day_count", "principal_grace_months", "interest_grace_months", "rounding",
       "multiple", "overdue_percent", "late_rate", "order", "deadline_terms", "deadline_days"},
      {"fund", "code", "name", "max_amount", "rate"},
      [](FundArea& f, std::int64_t, const areas::Fields& in) { return id_of(f.add_product(in)); });
  write(fund, "apply", "fund.cli.cmd_apply", false,
        {"fund", "product", "borrower", "amount", "term_months", "purpose", "total_investment",
         "own_contribution", "guarantee", "received_on", "collateral"},
        {"fund", "product", "borrower", "amount", "term_months", "total_investment"},
        [](FundArea& f, std::int64_t, const areas::Fields& in) { return id_of(f.apply(in)); });
  write(fund, "appraise", "fund.cli.cmd_appraise", true,
        {"appraised_on", "opinion", "recommended_amount"}, {"opinion", "recommended_amount"},
        [](FundArea& f, std::int64_t id, const areas::Fields& in) {
          return id_of(f.appraise(id, in));
        });
  auto* decide = write(fund, "decide", "fund.cli.cmd_decide", true,
                       {"decision_number", "decided_on", "members", "votes_for", "votes_against",
                        "approved_amount", "note"},
                       {"decision_number", "members"},
                       [&a](FundArea& f, std::int64_t id, const areas::Fields& in) {
                         auto fields = in;
                         fields["approve"] = a.reject ? "0" : "1";
                         return id_of(f.decide(id, fields));
                       });
  decide->add_flag("--reject", a.reject, c.text("fund.cli.opt_reject"));
  write(fund, "contract", "fund.cli.cmd_contract", true,
        {"contract_number", "contract_on", "payment_day"}, {"contract_number"},
        [](FundArea& f, std::int64_t id, const areas::Fields& in) {
          return id_of(f.sign_contract(id, in));
        });
  write(fund, "disburse", "fund.cli.cmd_disburse", true, {"on", "amount"}, {"amount"},
        [](FundArea& f, std::int64_t id, const areas::Fields& in) {
          return id_of(f.disburse(id, in));
        });
  write(
      fund, "repay", "fund.cli.cmd_repay", true, {"on", "amount"}, {"amount"},
      [](FundArea& f, std::int64_t id, const areas::Fields& in) { return id_of(f.repay(id, in)); });
  write(fund, "write-off", "fund.cli.cmd_write_off", true, {"on", "note"}, {"note"},
        [](FundArea& f, std::int64_t id, const areas::Fields& in) {
          return id_of(f.write_off(id, in));
        });
  write(fund, "approve", "fund.cli.cmd_approve", true, {}, {},
        [](FundArea& f, std::int64_t id, const areas::Fields&) { return id_of(f.approve(id)); });
  write(fund, "reject", "fund.cli.cmd_reject", true, {"note"}, {"note"},
        [](FundArea& f, std::int64_t id, const areas::Fields& in) {
          return id_of(f.reject(id, in));
        });
  write(fund, "restructure", "fund.cli.cmd_restructure", true,
        {"on", "method", "rate", "day_count", "term_months", "principal_grace_months",
         "interest_grace_months", "rounding", "multiple", "interest_waived", "covid_relief",
         "reason", "legal_basis"},
        {"term_months", "reason", "legal_basis"},
        [](FundArea& f, std::int64_t id, const areas::Fields& in) {
          return id_of(f.restructure(id, in));
        });
}

}  // namespace htx::cli
