#include "demo/demo_ocop.hpp"

#include <fmt/format.h>

#include <array>

#include "audit/audit_log.hpp"
#include "demo/demo_dates.hpp"
#include "demo/demo_support.hpp"
#include "ocop/ocop_repository.hpp"
#include "ocop/ocop_service.hpp"

namespace htx::demo {

namespace {

using ocop::add_months;
using ocop::Certificate;
using ocop::OcopRules;
using ocop::OcopService;

struct ProductSpec {
  const char* name;
  const char* group;
  const char* subgroup;
};

constexpr std::array<ProductSpec, 12> kProducts{{
    {"Gạo nếp cái hoa vàng", "thuc_pham", "so_che"},
    {"Mật ong hoa nhãn", "thuc_pham", "so_che"},
    {"Vải thiều sấy khô", "thuc_pham", "che_bien"},
    {"Chè búp khô", "thuc_pham", "che"},
    {"Nước mắm truyền thống", "thuc_pham", "gia_vi"},
    {"Cà phê bột nguyên chất", "thuc_pham", "ca_phe_ca_cao"},
    {"Rượu nếp cẩm", "do_uong", "co_con"},
    {"Nước ép chanh leo", "do_uong", "khong_con"},
    {"Trà túi lọc đinh lăng", "duoc_lieu", "thuc_pham_chuc_nang"},
    {"Tinh dầu sả chanh", "duoc_lieu", "tinh_dau"},
    {"Giỏ mây tre đan", "thu_cong_my_nghe", "luu_niem_trang_tri"},
    {"Hoa lan hồ điệp", "sinh_vat_canh", "hoa"},
}};

constexpr std::array<const char*, 6> kProvinces{"01-2008", "24-2008", "30-2008",
                                                "38-2008", "66-2008", "87-2008"};

// Scores in tenths giving ★3 (59,5), ★4 (78) and ★5 (92,5).
struct Scores {
  std::int64_t a, b, c;
};
constexpr std::array<Scores, 3> kScores{{{240, 150, 205}, {315, 195, 270}, {370, 230, 325}}};

const char* number_of(int stars) { return stars == 5 ? "/QĐ-BNN-VPĐP" : "/QĐ-UBND"; }

// A decision on the scores of the star band `stars`: the first certificate or its renewal.
void decide(Certificate& c, int stars, int number, Date on) {
  const auto& score = kScores[static_cast<std::size_t>(stars - 3)];
  c.score_a = score.a;
  c.score_b = score.b;
  c.score_c = score.c;
  c.decision_number = fmt::format("{}{}", number, number_of(stars));
  c.decided_on = on;
}

}  // namespace

OcopDemoSummary build_ocop_demo(const DemoContext& demo, const OcopRules& rules) {
  OcopDemoSummary sum;
  auto& repo = demo.db.ocop();
  const Date today = demo.today;
  if (!repo.list({}).empty()) return sum;
  std::array<std::vector<registry::Entity>, kProvinces.size()> producers;
  for (std::size_t p = 0; p < kProvinces.size(); ++p) {
    for (auto& e : cooperatives_of(demo.db.registry(), kProvinces[p], 40))
      if (e.founded_on < d(2021, 1, 1)) producers[p].push_back(std::move(e));
  }
  FixedClock clock(today, demo.now);
  OneTransaction tx(demo.db);
  OcopService s(repo, demo.db.registry(), demo.db.audit(), tx, clock, rules);
  const auto all = ProvinceScope::all();
  Transaction outer(tx);
  // 36 certificates, one every 50 days from 01/06/2021 (to May 2026), each province in turn.
  for (int i = 0; i < 36; ++i) {
    const Date decided = d(2021, 6, 1).add_days(i * 50);
    if (decided > today) break;
    const auto& candidates = producers[static_cast<std::size_t>(i) % kProvinces.size()];
    if (candidates.empty()) continue;
    const auto& producer = candidates[static_cast<std::size_t>(i / 6) % candidates.size()];
    const auto& spec = kProducts[static_cast<std::size_t>(i) % kProducts.size()];
    const int stars = i % 7 == 3 ? 5 : i % 2 ? 4 : 3;
    Certificate c;
    c.product = spec.name;
    c.group = spec.group;
    c.subgroup = spec.subgroup;
    c.producer_code = producer.code;
    decide(c, stars, 100 + i * 7, decided);
    auto first = must(s.add(c, stars == 5 ? "demo.vpdp" : "demo.ocop", all), "OCOP certificate");
    ++sum.certificates;
    // Renewed a month before it ends, except every fourth: those few are left to expire.
    const Date renewal_on = add_months(decided, rules.validity_months() - 1);
    if (i % 4 == 0 || renewal_on > today) continue;
    Certificate r;
    r.renews_id = first.id;
    decide(r, stars, 900 + i * 7, renewal_on);
    must(s.add(r, stars == 5 ? "demo.vpdp" : "demo.ocop", all), "OCOP renewal");
    ++sum.renewals;
  }
  outer.commit();
  return sum;
}

}  // namespace htx::demo
