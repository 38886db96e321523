// The support fund's portfolio report over 100.000 loans (issue 12, "Speed"): a SQLite file
// holding four funds with a product each and N loans (applications, contracts, disbursements,
// repayments, restructurings and the posted ledger, written through HTX's FundRepository inside
// one transaction, as FundService would write them), then, as of 31/12/2022 for the year 2022:
//   1. baseline: the same figures as plain SQL, `sqlite3 FILE < queries.sql`, from fund_ledger,
//      fund_movement, fund_restructuring and a bench-only table of the instalments
//      (bench_instalment: every loan's schedule versions as fund::replay computes them);
//   2. htx: FundService::portfolio by province (replays every loan from its records: PAR30,
//      PAR90, debt groups with the borrower's worst group, specific and general provisions);
// alternated, best of three each. It checks the figures per province are equal, prints both
// times and the ratio, and the month-end classification time of all loans. See bench/README.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fund/classification.hpp"
#include "fund/fund_service.hpp"
#include "store/database.hpp"

namespace {

using namespace htx;
using namespace htx::fund;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

const Date kFrom = day(2022, 1, 1);  // the period reported
const Date kAsOf = day(2022, 12, 31);
const char* const kNow = "2022-12-31T17:00:00Z";

struct FundSpec {
  const char* code;
  FundLevel level;
  const char* province;
  Method method;
  const char* rate;
};
// The central fund lends everywhere; each provincial fund in its province.
constexpr FundSpec kFunds[] = {
    {"QHTTW", FundLevel::kCentral, "", Method::kEqualPrincipal, "7,2%/năm"},
    {"QHT-01", FundLevel::kProvincial, "01-2008", Method::kEqualInstalment, "0,55%/tháng"},
    {"QHT-24", FundLevel::kProvincial, "24-2008", Method::kEqualPrincipal, "6%/năm"},
    {"QHT-30", FundLevel::kProvincial, "30-2008", Method::kEqualInstalment, "0,5%/tháng"},
};
constexpr const char* kProvinces[] = {"01-2008", "24-2008", "30-2008", "31-2008",
                                      "33-2008", "48-2008", "79-2008", "92-2008"};

struct Fill {
  std::int64_t loans = 0, movements = 0, restructurings = 0, ledger = 0, instalments = 0;
};

template <typename T>
T must(Result<T> r, const std::string& what) {
  if (!r) throw std::runtime_error(what + ": " + r.error().key + " (" + r.error().field + ")");
  return std::move(r.value());
}

// One loan's records as a borrower would leave them: a repayment of each instalment due by
// 31/12/2022 (every seventh loan late by up to 200 days, every eleventh stopped paying
// half-way), every thirteenth restructured three days after its sixth instalment (every
// 26th of those under the COVID relief of Circular 01/2020), the rest rescheduled for 12 to 36
// months and repaid likewise.
struct Records {
  Loan loan;
  Application application;
  std::vector<Movement> movements;
  std::vector<RestructuringRecord> restructurings;
};

Records make_loan(int i, const std::vector<Fund>& funds, const std::vector<Product>& products,
                  std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const std::size_t k = static_cast<std::size_t>(i) % funds.size();
  const Product& product = products[k];
  Records r;
  Application& a = r.application;
  a.fund_id = funds[k].id;
  a.product_id = product.id;
  a.borrower_code = "BENCH" + std::to_string(100'000 + i / 3);  // three loans a borrower
  a.borrower_name = "Hợp tác xã " + std::to_string(i / 3 + 1);
  a.province_id = funds[k].level == FundLevel::kCentral
                      ? kProvinces[static_cast<std::size_t>(i / 4) % std::size(kProvinces)]
                      : funds[k].province_id;
  a.sector_id = "nong_nghiep";
  a.amount = std::int64_t{pick(50, 3'000)} * 1'000'000;
  a.term_months = pick(12, 60);
  a.purpose = i % 2 ? "Đầu tư máy móc, nhà xưởng" : "Vốn lưu động thu mua nông sản";
  a.total_investment = a.amount * 2;
  a.own_contribution = a.amount * 3 / 4;
  if (i % 3 != 0)
    a.collateral = {{"land_use_right", "Quyền sử dụng đất", a.amount * pick(20, 150) / 100, 30}};
  const Date start = day(2019, 7, 1).add_days(pick(0, 1'250));
  a.received_on = start.add_days(-14);
  a.status = ApplicationStatus::kContracted;
  a.appraised_on = start.add_days(-11);
  a.appraised_by = "bench.can_bo";
  a.appraisal_opinion = "Đủ điều kiện vay vốn";
  a.recommended_amount = a.amount;
  a.council = {"QĐ-" + std::to_string(i),
               start.add_days(-7),
               {"Chủ tịch Hội đồng quản lý Quỹ", "Giám đốc Quỹ", "Trưởng phòng Nghiệp vụ"},
               3,
               0,
               a.amount,
               ""};
  a.contract_number = "HD-" + std::to_string(i + 1);
  a.contract_on = start.add_days(-2);
  a.entered_by = "bench.can_bo";
  a.entered_at = kNow;

  Loan& l = r.loan;
  l.fund_id = a.fund_id;
  l.product_id = a.product_id;
  l.contract_number = a.contract_number;
  l.contract_on = *a.contract_on;
  l.borrower_code = a.borrower_code;
  l.borrower_name = a.borrower_name;
  l.province_id = a.province_id;
  l.sector_id = a.sector_id;
  l.purpose = a.purpose;
  l.approved_amount = a.amount;
  l.terms.method = product.method;
  l.terms.rate = product.rate;
  l.terms.day_count = product.day_count;
  l.terms.term_months = a.term_months;
  l.terms.rounding = product.rounding;
  l.terms.multiple = product.multiple;
  l.overdue_percent = product.overdue_percent;
  l.late_rate = product.late_rate;
  l.order = product.order;
  l.discounted_collateral = discounted_value(a.collateral);

  auto movement = [&](MovementKind kind, Date on, std::int64_t amount) {
    bool four_eyes = kind != MovementKind::kRepayment;
    r.movements.push_back({0, 0, kind, on, amount, MovementState::kApproved, "", "bench.can_bo",
                           kNow, four_eyes ? "bench.giam_doc" : "bench.can_bo", kNow});
  };
  movement(MovementKind::kDisbursement, start, a.amount);
  const int late = i % 7 == 0 ? pick(1, 200) : 0;
  auto repay_lines = [&](const Schedule& s, Date after) {
    for (const auto& line : s.lines) {
      if (i % 11 == 0 && line.number > static_cast<int>(s.lines.size()) / 2) break;
      const Date on = line.due_on.add_days(late);
      if (on > kAsOf) break;
      if (on > after) movement(MovementKind::kRepayment, on, line.total());
    }
  };
  auto record = must(loan_record(l, r.movements, {}), "loan_record");
  auto schedule = must(build_schedule(record.terms, record.disbursements), "schedule");
  repay_lines(schedule, start);
  if (i % 13 == 0 && schedule.lines.size() > 6 && schedule.lines[5].due_on.add_days(33) < kAsOf) {
    RestructuringRecord x;
    x.on = schedule.lines[5].due_on.add_days(3);
    std::erase_if(r.movements, [&](const Movement& m) { return m.on >= x.on; });
    auto before = must(loan_record(l, r.movements, {}), "loan_record");
    auto pos = must(replay(before, x.on), "replay");
    if (pos.status == LoanStatus::kActive && pos.principal_outstanding > 0) {
      x.terms.method = l.terms.method;
      x.terms.rate = l.terms.rate;
      x.terms.day_count = l.terms.day_count;
      x.terms.term_months = pick(12, 36);
      x.terms.rounding = l.terms.rounding;
      x.terms.multiple = l.terms.multiple;
      x.covid_relief = i % 26 == 0;
      x.reason = "Hợp tác xã gặp khó khăn về tiêu thụ sản phẩm";
      x.legal_basis = x.covid_relief ? "Thông tư 01/2020/TT-NHNN" : "Thông tư 11/2021/TT-NHNN";
      x.entered_by = "bench.can_bo";
      x.entered_at = kNow;
      r.restructurings.push_back(x);
      auto rx = must(loan_record(l, r.movements, r.restructurings), "loan_record");
      auto terms = rx.restructurings.front().terms;
      repay_lines(must(build_schedule(terms, {{x.on, pos.principal_outstanding}}), "schedule"),
                  x.on);
    }
  }
  return r;
}

// The records stored through the repository in one transaction, the ledger posted from the
// replay as FundService::post does (to today, 31/12/2022), and each loan's schedule versions
// written to `instalments` (CSV for bench_instalment).
Fill store_records(store::Database& db, int n, const std::filesystem::path& instalments) {
  Fill fill;
  std::mt19937_64 rng(20'221'231);
  std::ofstream csv(instalments);
  Transaction tx(db);
  auto& repo = db.fund();
  std::vector<Fund> funds;
  std::vector<Product> products;
  for (const auto& spec : kFunds) {
    Fund f;
    f.code = spec.code;
    f.name = std::string("Quỹ Hỗ trợ phát triển hợp tác xã ") + spec.code;
    f.level = spec.level;
    f.province_id = spec.province;
    f.charter_capital = 1'000'000'000'000;
    f.capital_sources = {"Ngân sách"};
    f.id = repo.insert_fund(f);
    funds.push_back(f);
    Product p;
    p.fund_id = f.id;
    p.code = "SXKD";
    p.name = "Cho vay đầu tư phát triển sản xuất, kinh doanh";
    p.purpose = "Đầu tư máy móc, nhà xưởng, vốn lưu động";
    p.max_amount = 5'000'000'000;
    p.method = spec.method;
    p.rate = format_rate(*parse_rate(spec.rate));
    p.id = repo.insert_product(p);
    products.push_back(p);
  }
  for (int i = 0; i < n; ++i) {
    auto r = make_loan(i, funds, products, rng);
    auto record = must(loan_record(r.loan, r.movements, r.restructurings), "loan_record");
    auto pos = must(replay(record, kAsOf), "replay of loan " + std::to_string(i));
    r.loan.state = pos.status == LoanStatus::kClosed ? LoanState::kClosed : LoanState::kActive;
    r.application.id = repo.insert_application(r.application);
    r.loan.application_id = r.application.id;
    r.loan.id = repo.insert_loan(r.loan);
    r.application.loan_id = r.loan.id;
    repo.update_application(r.application);
    for (auto& m : r.movements) {
      m.loan_id = r.loan.id;
      m.id = repo.insert_movement(m);
    }
    for (auto& x : r.restructurings) {
      x.loan_id = r.loan.id;
      x.id = repo.insert_restructuring(x);
    }
    std::vector<PostedEntry> entries;
    for (const auto& e : pos.ledger)
      entries.push_back({0, r.loan.fund_id, r.loan.id, e.on, e.debit, e.credit, e.amount, e.memo});
    repo.replace_ledger(r.loan.id, entries);
    // The schedule versions: the contract's from the disbursement, then each restructuring's.
    for (std::size_t v = 0; v < pos.versions.size(); ++v) {
      const Date from = v == 0 ? record.disbursements.front().on : record.restructurings[v - 1].on;
      for (const auto& line : pos.versions[v].lines) {
        csv << r.loan.id << ',' << v + 1 << ',' << from.iso() << ',' << line.due_on.iso() << ','
            << line.principal << ',' << line.interest << '\n';
        ++fill.instalments;
      }
    }
    ++fill.loans;
    fill.movements += static_cast<std::int64_t>(r.movements.size());
    fill.restructurings += static_cast<std::int64_t>(r.restructurings.size());
    fill.ledger += static_cast<std::int64_t>(entries.size());
  }
  tx.commit();
  return fill;
}

// The same loans entered through FundService one call at a time, as fund staff would (apply,
// appraise, decide, sign, disburse, approve, repay each instalment; each call its own
// transaction, replaying the loan and re-posting its ledger), in a file of their own: the
// restructured ones are left out. Returns milliseconds a loan; `movements` the count entered.
double service_ms_per_loan(const std::filesystem::path& file, const FundRules& rules, int count,
                           std::int64_t& movements) {
  auto db = store::open_database(file.string());
  FixedClock clock(kAsOf, kNow);
  FundService s(db->fund(), db->registry(), db->audit(), *db, clock, rules);
  const auto all = ProvinceScope::all();
  std::vector<Fund> funds;
  std::vector<Product> products;
  for (const auto& spec : kFunds) {
    Fund f;
    f.code = spec.code;
    f.name = std::string("Quỹ Hỗ trợ phát triển hợp tác xã ") + spec.code;
    f.level = spec.level;
    f.province_id = spec.province;
    f.charter_capital = 1'000'000'000'000;
    funds.push_back(must(s.add_fund(f, "bench.quy", all), "fund"));
    Product p;
    p.fund_id = funds.back().id;
    p.code = "SXKD";
    p.name = "Cho vay đầu tư phát triển sản xuất, kinh doanh";
    p.max_amount = 5'000'000'000;
    p.method = spec.method;
    p.rate = spec.rate;
    products.push_back(must(s.add_product(p, "bench.quy", all), "product"));
  }
  std::mt19937_64 rng(20'221'231);
  std::vector<Records> book;
  for (int i = 0; static_cast<int>(book.size()) < count; ++i) {
    auto r = make_loan(i, funds, products, rng);
    if (!r.restructurings.empty()) continue;
    if (!db->registry().find_by_code(r.loan.borrower_code)) {
      registry::Entity coop;
      coop.code = r.loan.borrower_code;
      coop.name = r.loan.borrower_name;
      coop.type = registry::EntityType::kCooperative;
      coop.sector_id = r.loan.sector_id;
      coop.province_id = r.loan.province_id;
      coop.founded_on = day(2015, 1, 1);
      db->registry().insert(coop);
    }
    book.push_back(std::move(r));
  }
  movements = 0;
  auto t = Clock::now();
  for (const auto& r : book) {
    const auto& a = r.application;
    Application in;
    in.fund_id = a.fund_id;
    in.product_id = a.product_id;
    in.borrower_code = a.borrower_code;
    in.amount = a.amount;
    in.term_months = a.term_months;
    in.purpose = a.purpose;
    in.total_investment = a.total_investment;
    in.own_contribution = a.own_contribution;
    in.collateral = a.collateral;
    in.received_on = a.received_on;
    auto app = must(s.apply(in, "bench.can_bo", all), "apply");
    must(s.appraise(app.id, *a.appraised_on, a.appraisal_opinion, a.amount, "bench.can_bo", all),
         "appraise");
    must(s.decide(app.id, a.council, true, "bench.giam_doc", all), "decide");
    auto loan =
        must(s.sign_contract(app.id, a.contract_number, *a.contract_on, 0, "bench.can_bo", all),
             "sign_contract");
    for (const auto& m : r.movements) {
      if (m.kind == MovementKind::kDisbursement) {
        auto d = must(s.enter_disbursement(loan.id, m.on, m.amount, "bench.can_bo", all),
                      "enter_disbursement");
        must(s.approve(d.id, "bench.giam_doc", all), "approve");
      } else {
        must(s.repay(loan.id, m.on, m.amount, "bench.can_bo", all), "repay");
      }
      ++movements;
    }
  }
  return ms_since(t) / static_cast<double>(book.size());
}

void run_sqlite(const std::filesystem::path& file, const std::string& script,
                const std::filesystem::path& dir, const char* name) {
  auto sql = dir / name;
  std::ofstream(sql) << script;
  std::string cmd = "sqlite3 -bail " + file.string() + " < " + sql.string();
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error(std::string("sqlite3: ") + name);
}

// The figures per province as plain SQL. Days overdue: the earliest instalment of the schedule
// version in force whose cumulative principal exceeds the principal repaid since the version
// began (the ledger's cash → loan entries), counted from its due date. The group: the worse of
// the days' band (debt_groups.csv) and the events (debt_group_events.csv: restructured once,
// twice…, overdue after a restructuring: an instalment of a later version not repaid by its due
// date), then the borrower's worst. The provisions by provisions.csv and parameters.csv.
std::string queries_sql(const FundRules& rules, const std::filesystem::path& data_dir) {
  const std::string A = "'" + kAsOf.iso() + "'", F = "'" + kFrom.iso() + "'";
  std::string days_group = "CASE";
  auto bands = rules.groups();
  std::sort(bands.begin(), bands.end(),
            [](const auto& a, const auto& b) { return a.min_days_overdue > b.min_days_overdue; });
  for (const auto& b : bands)
    days_group += " WHEN d.days >= " + std::to_string(b.min_days_overdue) + " THEN " +
                  std::to_string(b.group);
  days_group += " ELSE 1 END";
  std::map<std::string, std::string> event;
  {
    std::ifstream in(data_dir / "fund" / "debt_group_events.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
      event[line.substr(0, c1)] = line.substr(c1 + 1, c2 - c1 - 1);
    }
  }
  const std::string events_group =
      "max(CASE WHEN d.n = 1 THEN " + event.at("first_restructuring") + " WHEN d.n = 2 THEN " +
      event.at("second_restructuring") + " WHEN d.n >= 3 THEN " + event.at("third_restructuring") +
      " ELSE 1 END, CASE WHEN d.late_after = 0 THEN 1 WHEN d.n = 1 THEN " +
      event.at("overdue_after_first_restructuring") + " WHEN d.n >= 2 THEN " +
      event.at("overdue_after_second_restructuring") + " ELSE 1 END)";
  std::string rate = "CASE g.grp";
  for (int g = 1; g <= 5; ++g)
    rate += " WHEN " + std::to_string(g) + " THEN " +
            std::to_string(rules.specific_provision(g, 100, 0));
  rate += " END";
  // The general provision: (x × micro × 2 + 10^8) / (2 × 10^8), reduced so as not to overflow.
  std::int64_t num = rules.parameter("general_provision_rate_micro_percent") * 2, den = 200'000'000;
  auto g = std::gcd(num, den);
  num /= g;
  den /= g;
  const std::string general = "(r.g14 * " + std::to_string(num) + " + " + std::to_string(den / 2) +
                              ") / " + std::to_string(den);
  // A COVID relief restructuring keeps the group and is no event while the relief lasts.
  const bool relief_lasts = kAsOf <= rules.covid().keep_group_until;
  const std::string counts = relief_lasts ? "x.covid_relief = 0" : "1";

  // The shell's best settings for sorting millions of rows: temporary B-trees in memory, a
  // 400 MB page cache (with SQLite's defaults the same query takes several times as long).
  return ".mode list\n.separator |\nPRAGMA temp_store = MEMORY;\nPRAGMA cache_size = -400000;\n"
         "WITH\n"
         // The schedule version in force and its lines with the cumulative principal.
         "ver AS (SELECT loan_id, max(version) AS v, max(version_on) AS von FROM bench_instalment"
         " WHERE version_on <= " +
         A +
         " GROUP BY loan_id),\n"
         "paid AS (SELECT loan_id, on_date, sum(amount) AS p FROM fund_ledger"
         " WHERE debit = 'cash' AND credit IN ('loan_in_term', 'loan_overdue') AND on_date <= " +
         A +
         " GROUP BY loan_id, on_date),\n"
         // Instalments (kind 1) and repayments (kind 0, first on the same day) of that version,
         // in date order: the principal due and the principal repaid, each summed to the row.
         "ev AS (SELECT i.loan_id, i.version, i.due_on AS on_date, 1 AS kind, i.principal_due AS q,"
         " 0 AS p FROM bench_instalment i JOIN ver ON ver.loan_id = i.loan_id AND ver.v = i.version"
         " UNION ALL SELECT p.loan_id, ver.v, p.on_date, 0, 0, p.p FROM paid p"
         " JOIN ver ON ver.loan_id = p.loan_id WHERE p.on_date > ver.von),\n"
         "run AS (SELECT loan_id, version, on_date, kind,"
         " sum(q) OVER w AS due_sum, sum(p) OVER w AS paid_sum,"
         " sum(p) OVER (PARTITION BY loan_id) AS paid_all FROM ev"
         " WINDOW w AS (PARTITION BY loan_id ORDER BY on_date, kind ROWS UNBOUNDED PRECEDING)),\n"
         "late AS (SELECT loan_id,"
         " coalesce(CAST(julianday(" +
         A +
         ") - julianday(min(CASE WHEN due_sum > paid_all THEN on_date END)) AS INTEGER), 0)"
         " AS days,"
         " max(version > 1 AND due_sum > paid_sum) AS late_after"
         " FROM run WHERE kind = 1 AND on_date < " +
         A +
         " GROUP BY loan_id),\n"
         "restr AS (SELECT loan_id, sum(CASE WHEN " +
         counts + " THEN 1 ELSE 0 END) AS n, max(on_date >= " + F +
         ") AS in_period FROM fund_restructuring x WHERE on_date <= " + A +
         " GROUP BY loan_id),\n"
         "led AS (SELECT loan_id,"
         " sum(CASE WHEN debit IN ('loan_in_term', 'loan_overdue') THEN amount ELSE 0 END)"
         " - sum(CASE WHEN credit IN ('loan_in_term', 'loan_overdue') THEN amount ELSE 0 END)"
         " AS outstanding,"
         " sum(CASE WHEN debit = 'cash' AND credit IN ('loan_in_term', 'loan_overdue')"
         " AND on_date >= " +
         F +
         " THEN amount ELSE 0 END) AS coll_p,"
         " sum(CASE WHEN debit = 'cash' AND credit IN ('interest_receivable',"
         " 'overdue_interest_receivable') AND on_date >= " +
         F +
         " THEN amount ELSE 0 END) AS coll_i"
         " FROM fund_ledger WHERE on_date <= " +
         A +
         " GROUP BY loan_id),\n"
         "disb AS (SELECT loan_id, min(on_date) AS first_on,"
         " sum(CASE WHEN on_date >= " +
         F +
         " THEN amount ELSE 0 END) AS disbursed FROM fund_movement"
         " WHERE kind = 'disbursement' AND state = 'approved' AND on_date <= " +
         A +
         " GROUP BY loan_id),\n"
         "d AS (SELECT l.id, l.province_id, l.borrower_code, l.discounted_collateral AS coll,"
         " led.outstanding, led.coll_p, led.coll_i, disb.disbursed,"
         " disb.first_on >= " +
         F +
         " AS new_loan, coalesce(late.days, 0) AS days,"
         " coalesce(late.late_after, 0) AS late_after, coalesce(restr.n, 0) AS n,"
         " coalesce(restr.in_period, 0) AS restructured"
         " FROM fund_loan l CROSS JOIN disb ON disb.loan_id = l.id CROSS JOIN led ON led.loan_id = "
         "l.id"
         " LEFT JOIN late ON late.loan_id = l.id LEFT JOIN restr ON restr.loan_id = l.id"
         " WHERE l.contract_on <= " +
         A +
         "),\n"
         "g0 AS (SELECT d.*, max(" +
         days_group + ", " + events_group +
         ") AS loan_grp FROM d),\n"
         "g AS (SELECT g0.*, max(loan_grp) OVER (PARTITION BY borrower_code) AS grp FROM g0),\n"
         "r AS (SELECT g.province_id AS key, sum(g.outstanding > 0) AS loans,"
         " sum(g.new_loan) AS new_loans, sum(CASE WHEN g.new_loan THEN g.disbursed ELSE 0 END)"
         " AS new_amount, sum(g.outstanding) AS outstanding, sum(g.disbursed) AS disbursed,"
         " sum(g.coll_p) AS coll_p, sum(g.coll_i) AS coll_i, sum(g.restructured) AS restructured,"
         " sum(CASE WHEN g.days > 30 THEN g.outstanding ELSE 0 END) AS par30,"
         " sum(CASE WHEN g.days > 90 THEN g.outstanding ELSE 0 END) AS par90,"
         " sum(CASE WHEN g.grp = 1 THEN g.outstanding ELSE 0 END) AS g1,"
         " sum(CASE WHEN g.grp = 2 THEN g.outstanding ELSE 0 END) AS g2,"
         " sum(CASE WHEN g.grp = 3 THEN g.outstanding ELSE 0 END) AS g3,"
         " sum(CASE WHEN g.grp = 4 THEN g.outstanding ELSE 0 END) AS g4,"
         " sum(CASE WHEN g.grp = 5 THEN g.outstanding ELSE 0 END) AS g5,"
         " sum(CASE WHEN g.grp < 5 THEN g.outstanding ELSE 0 END) AS g14,"
         " sum((max(0, g.outstanding - g.coll) * " +
         rate +
         " * 2 + 100) / 200) AS specific"
         " FROM g GROUP BY g.province_id)\n"
         "SELECT r.key, r.loans, r.new_loans, r.new_amount, r.outstanding, r.disbursed, r.coll_p,"
         " r.coll_i, r.restructured, r.par30, r.par90, r.g1, r.g2, r.g3, r.g4, r.g5, r.specific, " +
         general + " FROM r ORDER BY r.key;\n";
}

std::string row_text(const PortfolioRow& r) {
  std::ostringstream s;
  s << r.key << '|' << r.loans << '|' << r.new_loans << '|' << r.new_amount << '|' << r.outstanding
    << '|' << r.disbursed << '|' << r.collected_principal << '|' << r.collected_interest << '|'
    << r.restructured_loans << '|' << r.par30 << '|' << r.par90;
  for (auto g : r.by_group) s << '|' << g;
  s << '|' << r.specific_provision << '|' << r.general_provision;
  return s.str();
}

const char* const kColumns[] = {"province",
                                "loans",
                                "new loans",
                                "new amount",
                                "outstanding",
                                "disbursed",
                                "collected principal",
                                "collected interest",
                                "restructured loans",
                                "PAR30",
                                "PAR90",
                                "group 1",
                                "group 2",
                                "group 3",
                                "group 4",
                                "group 5",
                                "specific provision",
                                "general provision"};

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::string::size_type from = 0;
  for (;;) {
    auto bar = s.find('|', from);
    out.push_back(s.substr(from, bar - from));
    if (bar == std::string::npos) return out;
    from = bar + 1;
  }
}

int run(int n, int service_sample, const std::filesystem::path& data_dir) {
  auto rules = FundRules::load(data_dir);
  auto dir = std::filesystem::temp_directory_path() / "htx_fund_portfolio_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto file = dir / "fund.db";
  auto t = Clock::now();
  Fill fill;
  {
    auto db = store::open_database(file.string());
    fill = store_records(*db, n, dir / "instalments.csv");
  }
  const double store_ms = ms_since(t);
  // The bench-only instalment table, and the planner's statistics for the plain queries.
  run_sqlite(file,
             "CREATE TABLE bench_instalment (loan_id INTEGER NOT NULL, version INTEGER NOT NULL,"
             " version_on TEXT NOT NULL, due_on TEXT NOT NULL, principal_due INTEGER NOT NULL,"
             " interest_due INTEGER NOT NULL);\n.mode csv\n.import " +
                 (dir / "instalments.csv").string() +
                 " bench_instalment\n"
                 "CREATE INDEX bench_instalment_loan ON bench_instalment (loan_id, version,"
                 " due_on);\nANALYZE;\n",
             dir, "instalments.sql");
  std::fprintf(stderr, "stored %lld loans in %.1f s, the instalments and ANALYZE in %.1f s\n",
               static_cast<long long>(fill.loans), store_ms / 1000, ms_since(t) / 1000);

  auto sql = dir / "queries.sql";
  std::ofstream(sql) << queries_sql(rules, data_dir);
  auto output = dir / "queries.out";
  std::string cmd =
      "sqlite3 -bail " + file.string() + " < " + sql.string() + " > " + output.string();

  auto db = store::open_database(file.string());
  FixedClock clock(kAsOf, kNow);
  FundService service(db->fund(), db->registry(), db->audit(), *db, clock, rules);
  PortfolioQuery query{std::nullopt, kFrom, kAsOf, PortfolioBy::kProvince};
  double htx_ms = 1e18, sqlite_ms = 1e18;
  Portfolio portfolio;
  for (int round = 0; round < 3; ++round) {
    t = Clock::now();
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("sqlite3: the queries failed");
    sqlite_ms = std::min(sqlite_ms, ms_since(t));
    t = Clock::now();
    portfolio = service.portfolio(query, ProvinceScope::all());
    htx_ms = std::min(htx_ms, ms_since(t));
  }

  // The month-end classification of every loan: its records read from the store, then
  // fund::classify (replay and debt group) as of 31/12/2022.
  t = Clock::now();
  auto& repo = db->fund();
  auto loans = repo.list_loans({});
  std::map<std::int64_t, std::vector<Movement>> movements;
  for (auto& m : repo.movements_of_loans({})) movements[m.loan_id].push_back(std::move(m));
  std::map<std::int64_t, std::vector<RestructuringRecord>> restructurings;
  for (auto& x : repo.restructurings_of_loans({})) restructurings[x.loan_id].push_back(x);
  std::vector<LoanRecord> records;
  for (const auto& l : loans)
    records.push_back(must(loan_record(l, movements[l.id], restructurings[l.id]), "loan_record"));
  const double read_ms = ms_since(t);
  t = Clock::now();
  int groups[6] = {0, 0, 0, 0, 0, 0};
  for (const auto& r : records) ++groups[must(classify(r, rules, kAsOf), "classify").group];
  const double classify_ms = ms_since(t);

  // The figures must be equal, province by province.
  std::vector<std::string> plain, ours;
  {
    std::ifstream in(output);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) plain.push_back(line);
  }
  for (const auto& r : portfolio.rows) ours.push_back(row_text(r));
  bool equal = plain == ours;
  if (!equal) {
    std::fprintf(stderr, "differences (htx / sqlite3):\n");
    for (std::size_t i = 0; i < std::max(plain.size(), ours.size()); ++i) {
      auto a = i < ours.size() ? split(ours[i]) : std::vector<std::string>{};
      auto b = i < plain.size() ? split(plain[i]) : std::vector<std::string>{};
      for (std::size_t c = 0; c < std::max(a.size(), b.size()); ++c) {
        std::string x = c < a.size() ? a[c] : "-", y = c < b.size() ? b[c] : "-";
        if (x != y)
          std::fprintf(stderr, "  row %zu %s: %s / %s\n", i,
                       c < std::size(kColumns) ? kColumns[c] : "?", x.c_str(), y.c_str());
      }
    }
  }
  db.reset();
  const auto bytes = std::filesystem::file_size(file);

  if (service_sample > 0) {
    std::int64_t entered = 0;
    const double per_loan = service_ms_per_loan(dir / "service.db", rules, service_sample, entered);
    std::printf(
        "through FundService           %d loans (%lld movements) entered call by call:"
        " %.1f ms a loan; %d loans would take %.0f s\n",
        service_sample, static_cast<long long>(entered), per_loan, n, per_loan * n / 1000);
  }
  const auto& tot = portfolio.total;
  std::printf("\n");
  std::printf("loans                         %lld (%d provinces, %lld restructured)\n",
              static_cast<long long>(fill.loans), static_cast<int>(portfolio.rows.size()),
              static_cast<long long>(fill.restructurings));
  std::printf(
      "stored rows                   %lld movements, %lld ledger entries, %lld "
      "instalments (%.0f MB)\n",
      static_cast<long long>(fill.movements), static_cast<long long>(fill.ledger),
      static_cast<long long>(fill.instalments), static_cast<double>(bytes) / 1048576);
  std::printf(
      "portfolio                     as of %s, period from %s: outstanding %lld, "
      "PAR30 %lld, PAR90 %lld\n",
      kAsOf.iso().c_str(), kFrom.iso().c_str(), static_cast<long long>(tot.outstanding),
      static_cast<long long>(tot.par30), static_cast<long long>(tot.par90));
  std::printf("outstanding by group 1-5      %lld %lld %lld %lld %lld\n",
              static_cast<long long>(tot.by_group[0]), static_cast<long long>(tot.by_group[1]),
              static_cast<long long>(tot.by_group[2]), static_cast<long long>(tot.by_group[3]),
              static_cast<long long>(tot.by_group[4]));
  std::printf(
      "compared per province         loans, new loans and amount, outstanding, disbursed,"
      " collected principal and interest, restructured loans, PAR30, PAR90, outstanding"
      " per group 1-5, specific and general provisions\n");
  std::printf(
      "sqlite3 is simpler            it is given the replayed schedules (bench_instalment);"
      " days overdue by principal only (no grace, interest-only lines or prepayments here);"
      " no COVID kept-group overlay (%s: the relief's keep_group_until %s is past)\n",
      kAsOf.iso().c_str(), rules.covid().keep_group_until.iso().c_str());
  std::printf("sqlite3 plain queries ms      %.1f\n", sqlite_ms);
  std::printf("htx portfolio ms              %.1f\n", htx_ms);
  std::printf("figures equal                 %s\n", equal ? "yes" : "NO");
  const double ratio = htx_ms / sqlite_ms;
  std::printf("ratio htx/sqlite3             %.2f    target <= 1.0   %s\n", ratio,
              ratio <= 1.0 ? "PASS" : "FAIL");
  std::printf(
      "month-end classification ms   %.1f for %zu loans (%.1f us a loan; reading their"
      " records %.1f ms); loans in groups 1-5: %d %d %d %d %d\n",
      classify_ms, records.size(), classify_ms * 1000 / static_cast<double>(records.size()),
      read_ms, groups[1], groups[2], groups[3], groups[4], groups[5]);
  if (!std::getenv("HTX_BENCH_KEEP")) std::filesystem::remove_all(dir);
  return equal ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  int loans = 100'000, service = 0;
  std::filesystem::path data_dir = HTX_BENCH_DATA_DIR;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--loans" && i + 1 < argc)
      loans = std::atoi(argv[++i]);
    else if (a == "--service" && i + 1 < argc)
      service = std::atoi(argv[++i]);
    else if (a == "--data-dir" && i + 1 < argc)
      data_dir = argv[++i];
    else {
      std::cerr << "usage: fund_portfolio_bench [--loans N] [--service K] [--data-dir D]\n";
      return 2;
    }
  }
  if (loans <= 0) {
    std::cerr << "fund_portfolio_bench: --loans is a number above 0\n";
    return 2;
  }
  try {
    return run(loans, service, data_dir);
  } catch (const std::exception& e) {
    std::cerr << "fund_portfolio_bench: " << e.what() << "\n";
    return 1;
  }
}
