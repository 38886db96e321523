#include "demo/demo_fund.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "audit/audit_log.hpp"
#include "demo/demo_dates.hpp"
#include "demo/demo_support.hpp"
#include "fund/fund_repository.hpp"
#include "fund/fund_service.hpp"

namespace htx::demo {

namespace {

using namespace htx::fund;

struct FundSpec {
  const char* code;
  const char* name;
  FundLevel level;
  const char* province;  // also where its borrowers are
  Channel channel;
  const char* bank;
  std::int64_t capital;
  const char* product_rate;
  Method method;
};

constexpr std::array<FundSpec, 4> kFunds{{
    {"QHTTW", "Quỹ Hỗ trợ phát triển hợp tác xã Trung ương", FundLevel::kCentral, "01-2008",
     Channel::kDirect, "", 1'000'000'000'000, "7,2%/năm", Method::kEqualPrincipal},
    {"QHT-01", "Quỹ Hỗ trợ phát triển hợp tác xã thành phố Hà Nội", FundLevel::kProvincial,
     "01-2008", Channel::kDirect, "", 100'000'000'000, "0,55%/tháng", Method::kEqualInstalment},
    {"QHT-24", "Quỹ Hỗ trợ phát triển hợp tác xã tỉnh Bắc Giang", FundLevel::kProvincial, "24-2008",
     Channel::kEntrusted, "Ngân hàng Chính sách xã hội chi nhánh tỉnh Bắc Giang", 30'000'000'000,
     "6%/năm", Method::kEqualPrincipal},
    {"QHT-30", "Quỹ Hỗ trợ phát triển hợp tác xã tỉnh Hải Dương", FundLevel::kProvincial, "30-2008",
     Channel::kDirect, "", 30'000'000'000, "0,5%/tháng", Method::kEqualPrincipal},
}};

// The central fund lends in these provinces as well as Hà Nội.
constexpr std::array<const char*, 3> kCentralProvinces{"24-2008", "30-2008", "01-2008"};

}  // namespace

FundDemoSummary build_fund_demo(const DemoContext& demo, const FundRules& rules) {
  FundDemoSummary sum;
  auto& repo = demo.db.fund();
  const Date today = demo.today;
  if (today < d(2023, 1, 1) || !repo.list_funds().empty()) return sum;
  auto& registry = demo.db.registry();
  auto borrowers_in = [&](const std::string& province) {
    return cooperatives_of(registry, province, 60);
  };
  if (borrowers_in("01-2008").empty()) return sum;
  OneTransaction tx(demo.db);
  FixedClock clock(today, demo.now);
  FundService s(repo, registry, demo.db.audit(), tx, clock, rules);
  const auto all = ProvinceScope::all();
  Transaction outer(tx);

  std::vector<Fund> funds;
  std::vector<Product> products;
  for (const auto& spec : kFunds) {
    Fund f;
    f.code = spec.code;
    f.name = spec.name;
    f.level = spec.level;
    if (spec.level == FundLevel::kProvincial) f.province_id = spec.province;
    f.channel = spec.channel;
    f.entrusted_to = spec.bank;
    f.charter_capital = spec.capital;
    f.capital_sources = spec.level == FundLevel::kCentral
                            ? std::vector<std::string>{"Ngân sách trung ương", "Vốn tự có của Quỹ"}
                            : std::vector<std::string>{"Ngân sách tỉnh", "Vốn ủy thác"};
    funds.push_back(must(s.add_fund(f, "demo.quy", all), "fund"));
    Product p;
    p.fund_id = funds.back().id;
    p.code = "SXKD";
    p.name = "Cho vay đầu tư phát triển sản xuất, kinh doanh";
    p.purpose = "Đầu tư máy móc, nhà xưởng, vốn lưu động";
    p.max_amount = spec.level == FundLevel::kCentral ? 5'000'000'000 : 2'000'000'000;
    p.max_term_months = 60;
    p.min_own_percent = 20;
    p.method = spec.method;
    p.rate = spec.product_rate;
    products.push_back(must(s.add_product(p, "demo.quy", all), "product"));
    ++sum.funds;
    ++sum.products;
  }

  // 40 loans, one every ~48 days from March 2017, plus three in the first quarter of 2020.
  std::vector<Date> starts;
  for (int i = 0; i < 40; ++i) starts.push_back(d(2017, 3, 6).add_days(i * 48));
  for (Date q1 : {d(2020, 2, 10), d(2020, 3, 2), d(2020, 3, 16)}) starts.push_back(q1);
  std::array<std::size_t, 4> next_borrower{0, 0, 0, 0};
  const Date year_end = d(2022, 12, 31);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t k = i % kFunds.size();
    const auto& spec = kFunds[k];
    const std::string province =
        spec.level == FundLevel::kCentral ? kCentralProvinces[(i / 4) % 3] : spec.province;
    auto candidates = borrowers_in(province);
    std::erase_if(candidates, [&](const registry::Entity& e) { return e.founded_on > starts[i]; });
    if (candidates.empty()) continue;
    const auto& borrower = candidates[next_borrower[k]++ % candidates.size()];
    const Date received = starts[i];
    const int term = std::array{24, 36, 48, 60}[i % 4];
    const std::int64_t amount = (200 + static_cast<std::int64_t>(i * 137 % 1'300)) * 1'000'000;

    Application a;
    a.fund_id = funds[k].id;
    a.product_id = products[k].id;
    a.borrower_code = borrower.code;
    a.amount = amount;
    a.term_months = term;
    a.purpose = std::array{"Mua máy sấy, sơ chế nông sản", "Xây dựng nhà màng, nhà lưới",
                           "Vốn lưu động thu mua nông sản", "Đầu tư kho lạnh bảo quản"}[i % 4];
    a.total_investment = amount * 2;
    a.own_contribution = amount * 3 / 4;
    a.collateral = {{"land_use_right", "Quyền sử dụng đất trụ sở hợp tác xã", amount, 30}};
    a.received_on = received;
    auto app = must(s.apply(a, "demo.can_bo", all), "application");
    must(s.appraise(app.id, received.add_days(3), "Dự án có hiệu quả, đủ điều kiện vay vốn", amount,
                    "demo.can_bo", all),
         "appraisal");
    Council c{fmt::format("{}/QĐ-{}", 10 + i, spec.code),
              received.add_days(7),
              {"Chủ tịch Hội đồng quản lý Quỹ", "Giám đốc Quỹ", "Trưởng phòng Nghiệp vụ"},
              3,
              0,
              amount,
              "Đồng ý cho vay"};
    must(s.decide(app.id, c, true, "demo.giam_doc", all), "decision");
    auto loan = must(
        s.sign_contract(app.id, fmt::format("{:02}/{}/HĐTD-{}", i + 1, received.year(), spec.code),
                        received.add_days(10), 0, "demo.can_bo", all),
        "contract");
    ++sum.loans;
    // One tranche, or two for every fifth loan.
    const Date first = received.add_days(12);
    const std::int64_t first_amount = i % 5 == 0 ? amount / 2 : amount;
    auto m = must(s.enter_disbursement(loan.id, first, first_amount, "demo.can_bo", all),
                  "disbursement");
    must(s.approve(m.id, "demo.giam_doc", all), "approval");
    if (first_amount < amount) {
      auto m2 = must(s.enter_disbursement(loan.id, first.add_days(40), amount - first_amount,
                                          "demo.can_bo", all),
                     "disbursement");
      must(s.approve(m2.id, "demo.giam_doc", all), "approval");
    }
    // Who stops paying, and when: one loan in each of debt groups 2–5 on 31/12/2022.
    std::optional<Date> stop;
    if (i == 29) stop = year_end.add_days(-40);   // group 2
    if (i == 30) stop = year_end.add_days(-130);  // group 3
    if (i == 31) stop = year_end.add_days(-250);  // group 4
    if (i == 32) stop = year_end.add_days(-420);  // group 5
    // The COVID restructurings: loans running in January 2020, every third one, miss the
    // instalment due after 23/01/2020 and are restructured five days later, for 12 more months.
    const bool covid = i % 3 == 1 && received < d(2019, 6, 1) && received > d(2017, 12, 1);
    bool restructured = false;
    Date paid_through = first;
    for (int guard = 0; guard < 400; ++guard) {
      auto v = must(s.loan(loan.id, today, all), "loan");
      if (v.position.status != LoanStatus::kActive) break;
      const auto& lines = v.position.versions.back().lines;
      auto next = std::find_if(lines.begin(), lines.end(),
                               [&](const Instalment& l) { return l.due_on > paid_through; });
      if (next == lines.end()) break;
      const Instalment due = *next;
      if (due.due_on > today || (stop && due.due_on > *stop)) break;
      if (covid && !restructured && due.due_on >= rules.covid().payments_due_from &&
          due.due_on <= d(2020, 3, 26)) {
        // The instalment missed; five days later the rest rescheduled, 11 months longer.
        RestructuringRecord x;
        x.on = due.due_on.add_days(5);
        x.terms.method = v.loan.terms.method;
        x.terms.rate = v.loan.terms.rate;
        x.terms.day_count = v.loan.terms.day_count;
        x.terms.rounding = v.loan.terms.rounding;
        x.terms.term_months = static_cast<int>(lines.size()) - due.number + 1 + 10;
        x.covid_relief = true;
        x.reason = "Hợp tác xã bị ảnh hưởng bởi dịch Covid-19, tiêu thụ nông sản đình trệ";
        x.legal_basis = "Thông tư 01/2020/TT-NHNN";
        must(s.restructure(loan.id, x, "demo.can_bo", all), "restructuring");
        restructured = true;
        paid_through = x.on;
        ++sum.restructurings;
        continue;
      }
      auto at = must(s.loan(loan.id, due.due_on, all), "loan");
      auto amount_due = std::min(at.position.principal_overdue + at.position.interest_unpaid +
                                     at.position.overdue_interest + due.principal,
                                 at.position.payoff());
      paid_through = due.due_on;
      if (amount_due <= 0) continue;
      must(s.repay(loan.id, due.due_on, amount_due, "demo.can_bo", all), "repayment");
      ++sum.repayments;
    }
  }
  outer.commit();
  return sum;
}

}  // namespace htx::demo
