#include "fund/portfolio_csv.hpp"

#include <map>
#include <sstream>

#include "core/csv.hpp"
#include "core/enum_codes.hpp"
#include "core/json_record.hpp"
#include "core/text.hpp"

namespace htx::fund {

namespace {

using nlohmann::json;

std::string t(const i18n::Catalog& cat, const std::string& key,
              const std::map<std::string, std::string>& p = {}) {
  return cat.text("fund.report." + key, p);
}

ReportCell money(std::int64_t v) { return v; }
ReportCell count(int n) { return std::int64_t{n}; }

std::vector<ReportCell> portfolio_row(const PortfolioRow& r, std::string key) {
  std::vector<ReportCell> row{ReportCell(std::move(key)),
                              count(r.loans),
                              count(r.new_loans),
                              money(r.new_amount),
                              money(r.outstanding),
                              money(r.disbursed),
                              money(r.collected_principal),
                              money(r.collected_interest),
                              count(r.restructured_loans),
                              money(r.par30),
                              money(r.par90)};
  for (auto g : r.by_group) row.push_back(money(g));
  row.push_back(money(r.specific_provision));
  row.push_back(money(r.general_provision));
  return row;
}

// The catalogue key (below "fund.report.") of a movement's kind.
constexpr enum_codes::Codes<MovementKind, 3> kKindKeys{
    {"kind_disbursement", "kind_repayment", "kind_write_off"}};
const char* kind_key(MovementKind k) { return kKindKeys.code(k, "kind_write_off").data(); }

json row_json(const PortfolioRow& r) {
  return json_record("key", r.key, "loans", r.loans, "new_loans", r.new_loans, "new_amount",
                     r.new_amount, "outstanding", r.outstanding, "disbursed", r.disbursed,
                     "collected_principal", r.collected_principal, "collected_interest",
                     r.collected_interest, "restructured_loans", r.restructured_loans, "par30",
                     r.par30, "par90", r.par90, "by_group", r.by_group, "specific_provision",
                     r.specific_provision, "general_provision", r.general_provision);
}

std::string csv_of(const ReportSheet& sheet) {
  std::ostringstream out;
  write_report_csv(out, sheet);
  return out.str();
}

}  // namespace

std::string plain(const ReportCell& cell) {
  struct Plain {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(const std::string& text) const { return text; }
    std::string operator()(std::int64_t n) const { return std::to_string(n); }
    std::string operator()(Date d) const { return d.iso(); }
  };
  return std::visit(Plain{}, cell);
}

ReportTable portfolio_table(const Portfolio& p, const i18n::Catalog& cat) {
  ReportTable table;
  table.title_rows = {t(cat, "portfolio_title",
                        {{"from", p.query.from.vietnamese()}, {"to", p.query.to.vietnamese()}}),
                      p.narrative};
  ReportSheet sheet;
  sheet.name = t(cat, "sheet_portfolio");
  sheet.header = {t(cat, "col_key_" + std::string(to_code(p.query.by))),
                  t(cat, "col_loans"),
                  t(cat, "col_new_loans"),
                  t(cat, "col_new_amount"),
                  t(cat, "col_outstanding"),
                  t(cat, "col_disbursed"),
                  t(cat, "col_collected_principal"),
                  t(cat, "col_collected_interest"),
                  t(cat, "col_restructured"),
                  t(cat, "col_par30"),
                  t(cat, "col_par90")};
  for (int g = 1; g <= 5; ++g)
    sheet.header.push_back(t(cat, "col_group", {{"group", std::to_string(g)}}));
  sheet.header.push_back(t(cat, "col_specific_provision"));
  sheet.header.push_back(t(cat, "col_general_provision"));
  sheet.widths.assign(sheet.header.size(), 18);
  sheet.widths[0] = 24;
  for (const auto& r : p.rows) sheet.rows.push_back(portfolio_row(r, r.key));
  sheet.rows.push_back(portfolio_row(p.total, t(cat, "total")));
  table.sheets.push_back(std::move(sheet));
  return table;
}

ReportTable statement_table(const LoanView& v, const i18n::Catalog& cat) {
  const auto& l = v.loan;
  const auto& pos = v.position;
  ReportTable table;
  table.title_rows = {t(cat, "statement_title",
                        {{"contract", l.contract_number},
                         {"borrower", l.borrower_name},
                         {"code", l.borrower_code},
                         {"fund", v.fund.name}}),
                      t(cat, "statement_position",
                        {{"as_of", pos.as_of.vietnamese()},
                         {"disbursed", text::format_int(pos.disbursed)},
                         {"outstanding", text::format_int(pos.principal_outstanding)},
                         {"overdue", text::format_int(pos.principal_overdue)},
                         {"interest", text::format_int(pos.interest_unpaid + pos.interest_accrued)},
                         {"overdue_interest", text::format_int(pos.overdue_interest)},
                         {"group", std::to_string(v.classification.group)},
                         {"payoff", text::format_int(pos.payoff())}})};
  ReportSheet moves;
  moves.name = t(cat, "sheet_statement");
  moves.header = {t(cat, "col_date"),
                  t(cat, "col_kind"),
                  t(cat, "col_state"),
                  t(cat, "col_amount"),
                  t(cat, "col_overdue_interest_paid"),
                  t(cat, "col_interest_paid"),
                  t(cat, "col_principal_paid")};
  moves.widths = {14, 18, 14, 18, 18, 18, 18};
  // A repayment's split is the replay's allocation of that day and amount, taken once each.
  std::vector<bool> used(pos.allocations.size(), false);
  for (const auto& m : v.movements) {
    std::vector<ReportCell> row{ReportCell(m.on), ReportCell(t(cat, kind_key(m.kind))),
                                ReportCell(t(cat, "state_" + std::string(to_code(m.state)))),
                                money(m.amount)};
    for (std::size_t k = 0; m.kind == MovementKind::kRepayment && k < pos.allocations.size(); ++k) {
      const auto& a = pos.allocations[k];
      if (used[k] || a.on != m.on || a.amount != m.amount) continue;
      used[k] = true;
      row.insert(row.end(), {money(a.overdue_interest), money(a.interest),
                             money(a.principal + a.prepaid_principal)});
      break;
    }
    moves.rows.push_back(std::move(row));
  }
  table.sheets.push_back(std::move(moves));
  ReportSheet schedule;
  schedule.name = t(cat, "sheet_schedule");
  schedule.header = {t(cat, "col_number"), t(cat, "col_due"), t(cat, "col_principal"),
                     t(cat, "col_interest"), t(cat, "col_balance")};
  schedule.widths = {8, 14, 18, 18, 18};
  if (!pos.versions.empty())
    for (const auto& i : pos.versions.back().lines)
      schedule.rows.push_back({count(i.number), ReportCell(i.due_on), money(i.principal),
                               money(i.interest), money(i.balance)});
  table.sheets.push_back(std::move(schedule));
  return table;
}

void write_report_csv(std::ostream& out, const ReportSheet& sheet) {
  csv::write_record(out, sheet.header, true);
  for (const auto& row : sheet.rows) {
    std::vector<std::string> fields;
    fields.reserve(row.size());
    for (const auto& c : row) fields.push_back(plain(c));
    csv::write_record(out, fields, true);
  }
}

std::string portfolio_csv(const Portfolio& p, const i18n::Catalog& cat) {
  return csv_of(portfolio_table(p, cat).sheets.front());
}

std::string statement_csv(const LoanView& v, const i18n::Catalog& cat) {
  return csv_of(statement_table(v, cat).sheets.front());
}

nlohmann::json portfolio_json(const Portfolio& p, const std::string& fund_code) {
  json rows = json::array();
  for (const auto& r : p.rows) rows.push_back(row_json(r));
  return {{"fund", fund_code.empty() ? json(nullptr) : json(fund_code)},
          {"from", p.query.from.iso()},
          {"to", p.query.to.iso()},
          {"by", to_code(p.query.by)},
          {"rows", rows},
          {"total", row_json(p.total)},
          {"restructured_borrowers", p.restructured_borrowers},
          {"narrative", p.narrative}};
}

}  // namespace htx::fund
