#include "demo/demo_training.hpp"

#include <array>

#include "audit/audit_log.hpp"
#include "demo/demo_dates.hpp"
#include "demo/demo_support.hpp"
#include "training/training_repository.hpp"
#include "training/training_service.hpp"
#include "work/work_repository.hpp"

namespace htx::demo {

namespace {

using namespace htx::training;

// The demo's own clock: the day after the course it records ends (its sessions are held, its
// certificates dated then).
class DemoClock final : public Clock {
 public:
  explicit DemoClock(Date today) : today_(today) {}
  void set(Date today) { today_ = today; }
  Date today() const override { return today_; }
  std::string now_iso() const override { return today_.iso() + "T08:00:00Z"; }

 private:
  Date today_;
};

struct Organiser {
  const char* unit;
  const char* province;  // of its courses and its people
  const char* short_code;
};
constexpr std::array<Organiser, 4> kOrganisers{{{"LMHTXVN", "01-2008", "VN"},
                                                {"LMHTX-24", "24-2008", "BG"},
                                                {"LMHTX-01", "01-2008", "HN"},
                                                {"LMHTX-30", "30-2008", "HD"}}};

constexpr std::array<const char*, 8> kFamily{"Nguyễn", "Trần", "Lê",   "Phạm",
                                             "Hoàng",  "Vũ",   "Đặng", "Bùi"};
constexpr std::array<const char*, 8> kMiddle{"Văn",  "Thị",      "Đức",   "Thị Thu",
                                             "Minh", "Thị Hồng", "Quang", "Thị Lan"};
constexpr std::array<const char*, 10> kGiven{"An",   "Bình",  "Cường", "Dung", "Giang",
                                             "Hạnh", "Khánh", "Lâm",   "Mai",  "Nam"};
constexpr std::array<const char*, 6> kRoles{"chair",        "accountant", "member",
                                            "board_member", "staff",      "supervisor"};
constexpr std::array<const char*, 4> kTopics{
    "Quản trị hợp tác xã kiểu mới theo Luật Hợp tác xã 2023",
    "Kế toán hợp tác xã theo Thông tư 71/2019/TT-BTC",
    "Ứng dụng chuyển đổi số trong tiêu thụ nông sản",
    "Xây dựng sản phẩm OCOP và liên kết chuỗi giá trị"};

}  // namespace

TrainingDemoSummary build_training_demo(const DemoContext& demo, const TrainingRules& rules) {
  TrainingDemoSummary sum;
  auto& repo = demo.db.training();
  if (!units_recorded_by_2023(demo, kOrganisers) || !repo.list_courses({}).empty()) return sum;
  auto& work = demo.db.work();
  DemoClock clock(demo.today);
  TrainingService s(repo, work, demo.db.registry(), demo.db.audit(), demo.db, clock, rules);
  const auto all = ProvinceScope::all();
  const std::string actor = "demo";
  int person = 0;
  for (int year = 2020; year <= 2022; ++year) {
    for (std::size_t oi = 0; oi < kOrganisers.size(); ++oi) {
      const auto& o = kOrganisers[oi];
      const auto unit = work.find_unit_by_code(o.unit)->id;
      const bool national = oi == 0;
      // The plan: two courses a year (the VCA one đào tạo); Bắc Giang's 2021 plan 60 trainees.
      Plan plan;
      plan.unit_id = unit;
      plan.year = year;
      const std::int64_t target = std::string(o.short_code) == "BG" && year == 2021 ? 50 : 70;
      if (national)
        plan.targets = {{"dao_tao", 40, 1, 150'000'000}, {"boi_duong", 40, 1, 80'000'000}};
      else
        plan.targets = {{"boi_duong", target / 2, 1, 60'000'000},
                        {"tap_huan", target / 2, 1, 30'000'000}};
      must(s.save_plan(plan, actor, all), "plan");
      ++sum.plans;
      auto coops = cooperatives_of(demo.db.registry(), o.province, 20);
      std::vector<std::int64_t> first_class;  // ten of them come back to the second course
      for (int k = 0; k < 2; ++k) {
        Course c;
        c.code =
            std::string(o.short_code) + "-" + std::to_string(year) + "-" + std::to_string(k + 1);
        c.unit_id = unit;
        c.kind = plan.targets[static_cast<std::size_t>(k)].kind;
        c.topic = kTopics[static_cast<std::size_t>((year + k + static_cast<int>(oi)) % 4)];
        c.audience = "Cán bộ quản lý, thành viên hợp tác xã";
        c.province_id = o.province;
        c.place = national ? "Trường Cán bộ quản lý HTX, Hà Nội" : "Hội trường Liên minh HTX tỉnh";
        c.lecturers = {"TS. Nguyễn Văn Hải", "ThS. Lê Thị Thanh"};
        c.funding_source = national ? "Ngân sách trung ương" : "Ngân sách tỉnh";
        c.starts_on = d(year, 4 + 3 * k, 5 + static_cast<int>(oi));
        c.ends_on = c.starts_on.add_days(3);
        const std::int64_t budget = plan.targets[static_cast<std::size_t>(k)].budget;
        c.costs = {{"hall", budget / 5, budget / 5 - 1'000'000, ""},
                   {"lecturers", budget / 2, budget / 2, ""},
                   {"materials", budget / 5, budget / 5 - 2'000'000, ""},
                   {"drinking_water", budget / 20, budget / 25, ""}};
        std::vector<Date> days{c.starts_on, c.starts_on.add_days(1), c.starts_on.add_days(2),
                               c.ends_on};
        clock.set(c.ends_on.add_days(1));
        auto v = must(s.add_course(c, days, actor, all), "course " + c.code);
        ++sum.courses;
        // 35 people a class; every tenth misses two sessions (does not complete).
        std::vector<std::int64_t> people;
        for (int i = 0; i < 35; ++i, ++person) {
          if (k == 1 && i < 10 && first_class.size() >= 10) {
            people.push_back(first_class[static_cast<std::size_t>(i)]);
            must(s.enrol(v.course.id, people.back(), c.starts_on.add_days(-7), actor, all),
                 "enrolment");
            ++sum.enrolments;
            continue;
          }
          Trainee t;
          const auto n = static_cast<std::size_t>(person);
          t.full_name = std::string(kFamily[n % 8]) + " " + kMiddle[(n / 8) % 8] + " " +
                        kGiven[(n / 64 + n) % 10];
          t.sex = kMiddle[(n / 8) % 8][0] == 'T' ? Sex::kFemale : Sex::kMale;
          t.birth_year = 1960 + static_cast<int>((n * 7) % 40);
          // Bắc Giang's people: Tày, Nùng, Sán Chay and Dao among them, as in its hill districts.
          const std::array<const char*, 5> bg{"01", "02", "07", "13", "09"};
          t.ethnicity = std::string(o.short_code) == "BG" ? bg[n % 5] : (n % 9 == 0 ? "06" : "01");
          t.role = kRoles[n % kRoles.size()];
          if (!coops.empty()) t.entity_code = coops[n % coops.size()].code;
          t.province_id = o.province;
          people.push_back(must(s.add_trainee(t, actor, all), "trainee").id);
          ++sum.trainees;
          must(s.enrol(v.course.id, people.back(), c.starts_on.add_days(-7), actor, all),
               "enrolment");
          ++sum.enrolments;
        }
        if (k == 0) first_class = people;
        for (std::size_t si = 0; si < v.sessions.size(); ++si) {
          std::vector<MarkEntry> marks;
          for (std::size_t i = 0; i < people.size(); ++i) {
            Mark m = Mark::kPresent;
            if (i % 10 == 9 && si >= 2) m = si == 2 ? Mark::kExcused : Mark::kAbsent;
            if (i % 7 == 3 && si == 1) m = Mark::kLate;
            marks.push_back({people[i], m});
          }
          must(s.mark(v.course.id, v.sessions[si].id, marks, actor, all), "attendance");
        }
        sum.certificates +=
            static_cast<int>(must(s.certify_all(v.course.id, actor, all), "certificates").size());
      }
    }
  }
  return sum;
}

}  // namespace htx::demo
