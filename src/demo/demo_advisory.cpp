#include "demo/demo_advisory.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "advisory/advisory_repository.hpp"
#include "advisory/advisory_service.hpp"
#include "audit/audit_log.hpp"
#include "demo/demo_dates.hpp"
#include "demo/demo_support.hpp"
#include "governance/governance_repository.hpp"
#include "stats/targets.hpp"
#include "training/training_repository.hpp"
#include "work/work_repository.hpp"

namespace htx::demo {

namespace {

using namespace htx::advisory;

// An alliance's cases: how many of the cooperatives founded in 2020, 2021, 2022 it advised.
struct Adviser {
  const char* unit;
  const char* province;
  const char* adviser;
  std::array<int, 3> closed;
};
constexpr std::array<Adviser, 3> kAdvisers{{{"LMHTX-24", "24-2008", "Nguyễn Văn Thắng", {6, 12, 8}},
                                            {"LMHTX-01", "01-2008", "Trần Thị Hoa", {0, 5, 4}},
                                            {"LMHTX-30", "30-2008", "Phạm Văn Long", {0, 3, 3}}}};

// Groups still being advised at the end of 2022, and the one that gave up.
struct Pending {
  const char* unit;
  const char* group;
  const char* address;
  Date opened_on;
};

}  // namespace

AdvisoryDemoSummary build_advisory_demo(const DemoContext& demo) {
  AdvisoryDemoSummary sum;
  auto& repo = demo.db.advisory();
  if (!units_recorded_by_2023(demo, kAdvisers) || !repo.list({}).empty()) return sum;
  auto& work = demo.db.work();
  FixedClock clock(demo.today, demo.today.iso() + "T08:00:00Z");
  AdvisoryService s(repo, demo.db.registry(), work, demo.db.audit(), demo.db, clock);
  const auto all = ProvinceScope::all();
  const std::string actor = "demo";
  int closed_bg_2021 = 0;

  for (const auto& a : kAdvisers) {
    const auto unit = work.find_unit_by_code(a.unit)->id;
    const auto entities = cooperatives_of(demo.db.registry(), a.province, 100000, false);
    for (int year = 2020; year <= 2022; ++year) {
      int left = a.closed[static_cast<std::size_t>(year - 2020)];
      for (const auto& e : entities) {
        if (left == 0) break;
        if (e.founded_on.year() != year) continue;
        // Advised for two to three months before registering; closed the week after, within
        // the year.
        Case c;
        c.unit_id = unit;
        c.group_name = "Nhóm sáng lập " + e.name;
        c.contact = "Tổ trưởng nhóm sáng lập, 09" + std::to_string(12345670 + sum.cases);
        c.address = e.address;
        c.planned_type = registry::EntityType::kCooperative;
        c.opened_on = e.founded_on.add_days(-(60 + (sum.cases % 4) * 10));
        c.adviser = a.adviser;
        auto opened = must(s.open(c, actor, all), "case of " + e.code);
        const Date last = *Date::from_ymd(year, 12, 31);
        const Date closed_on = std::min(e.founded_on.add_days(7), last);
        must(s.close(opened.id, e.code, closed_on, actor, all), "closing with " + e.code);
        ++sum.cases;
        ++sum.closed;
        --left;
        if (year == 2021 && std::string_view(a.province) == "24-2008") ++closed_bg_2021;
      }
    }
  }

  const std::array<Pending, 4> pending{{
      {"LMHTX-24", "Nhóm sáng lập HTX Vải thiều Thanh Hà", "xã Thanh Hải, huyện Lục Ngạn",
       d(2022, 10, 12)},
      {"LMHTX-24", "Nhóm sáng lập HTX Gà đồi Yên Thế", "xã Tam Tiến, huyện Yên Thế",
       d(2022, 11, 3)},
      {"LMHTX-01", "Nhóm sáng lập HTX Rau an toàn Văn Đức", "xã Văn Đức, huyện Gia Lâm",
       d(2022, 9, 20)},
      {"LMHTX-24", "Nhóm sáng lập HTX Chè Đồng Cốc", "xã Phượng Sơn, huyện Lục Ngạn",
       d(2021, 3, 8)},
  }};
  for (std::size_t i = 0; i < pending.size(); ++i) {
    const auto& p = pending[i];
    Case c;
    c.unit_id = work.find_unit_by_code(p.unit)->id;
    c.group_name = p.group;
    c.address = p.address;
    c.contact = "Người đại diện nhóm, 09" + std::to_string(87654320 + static_cast<int>(i));
    c.opened_on = p.opened_on;
    c.adviser = std::string(p.unit) == "LMHTX-24" ? "Nguyễn Văn Thắng" : "Trần Thị Hoa";
    auto opened = must(s.open(c, actor, all), std::string("case of ") + p.group);
    ++sum.cases;
    if (i + 1 == pending.size()) {
      // The last one gave up before registering.
      must(s.drop(opened.id,
                  "Nhóm sáng lập không đủ 7 thành viên tối thiểu theo Luật Hợp tác xã 2012",
                  d(2021, 9, 30), actor, all),
           "dropping the Đồng Cốc case");
      ++sum.dropped;
    } else {
      ++sum.open;
    }
  }

  // Bắc Giang's 2021 plan: its targets within what its records count (seed 001: completed).
  const auto bg = work.find_unit_by_code("LMHTX-24")->id;
  std::int64_t admitted = 0;
  governance::ApplicationQuery aq;
  aq.unit_id = bg;
  aq.status = governance::ApplicationStatus::kAdmitted;
  for (const auto& app : demo.db.governance().list_applications(aq))
    if (app.decided_on && app.decided_on->year() == 2021) ++admitted;
  const std::int64_t trainees = demo.db.training().completed_trainees(bg, 2021);
  Transaction t(demo.db);
  auto set = [&](stats::Indicator indicator, std::int64_t planned, std::int64_t counted) {
    if (counted <= 0) return;
    demo.db.targets().set({2021, "24-2008", indicator, std::min(planned, counted)});
    ++sum.targets;
  };
  set(stats::Indicator::kAdvisedFounding, 10, closed_bg_2021);
  set(stats::Indicator::kNewMembers, 12, admitted);
  set(stats::Indicator::kTrainees, 50, trainees);
  t.commit();
  return sum;
}

}  // namespace htx::demo
