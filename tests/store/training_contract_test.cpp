// Training on both backends (issue 13): the store's rows as written; the service as an alliance's
// staff use it — a plan, a course with its sessions and costs, people enrolled, a class marked
// session by session, completion by the rule of data/training, certificates and their public
// verification; every bad input of the issue refused on its field with nothing written; the
// scope of a provincial user; and the report's unique persons and person-times against an
// independent count of the individual records.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <tuple>

#include "backend_fixture.hpp"
#include "training/training_service.hpp"

namespace htx::store::testing {
namespace {

using namespace htx::training;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

const TrainingRules& rules() {
  static const TrainingRules r = TrainingRules::load(HTX_SOURCE_DATA_DIR);
  return r;
}

class TrainingContract : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    work::Unit vca;
    vca.code = "LMHTXVN";
    vca.name = "Liên minh Hợp tác xã Việt Nam";
    vca.kind = work::UnitKind::kNational;
    vca_ = db().work().insert_unit(vca);
    work::Unit bg;
    bg.code = "LMHTX-24";
    bg.name = "Liên minh Hợp tác xã tỉnh Bắc Giang";
    bg.kind = work::UnitKind::kProvincial;
    bg.province_id = "24-2008";
    bg_ = db().work().insert_unit(bg);
    registry::Entity e;
    e.code = "2400000001";
    e.name = "Hợp tác xã Vải thiều Lục Ngạn";
    e.sector_id = "nong_nghiep";
    e.province_id = "24-2008";
    e.founded_on = d(2015, 1, 5);
    e.status = registry::EntityStatus::kActive;
    db().registry().insert(e);
  }
  TrainingService service() {
    return {
        db().training(), db().work(), db().registry(), db().audit(), db(), clock_, rules(), [this] {
          return "CODE" + std::to_string(++codes_);
        }};
  }
  Course course(std::string code = "BG-2021-01") const {
    Course c;
    c.code = std::move(code);
    c.unit_id = bg_;
    c.kind = "boi_duong";
    c.topic = "Quản trị hợp tác xã kiểu mới";
    c.audience = "Cán bộ quản lý HTX";
    c.place = "Hội trường Liên minh HTX tỉnh";
    c.lecturers = {"TS. Nguyễn Văn An", "ThS. Trần Thị Bình"};
    c.funding_source = "Ngân sách tỉnh";
    c.starts_on = d(2021, 3, 1);
    c.ends_on = d(2021, 3, 5);
    c.costs = {{"hall", 5'000'000, 4'500'000, ""}, {"lecturers", 12'000'000, 12'000'000, ""}};
    return c;
  }
  static std::vector<Date> five_days() {
    return {d(2021, 3, 1), d(2021, 3, 2), d(2021, 3, 3), d(2021, 3, 4), d(2021, 3, 5)};
  }
  Trainee person(std::string name, Sex sex = Sex::kFemale, int born = 1980,
                 std::string ethnicity = "01", std::string role = "member") const {
    Trainee t;
    t.full_name = std::move(name);
    t.sex = sex;
    t.birth_year = born;
    t.ethnicity = std::move(ethnicity);
    t.role = std::move(role);
    t.entity_code = "2400000001";
    return t;
  }
  std::int64_t audit_count(const std::string& action) {
    audit::Filter f;
    f.action = action;
    return static_cast<std::int64_t>(db().audit().list(f).size());
  }
  FixedClock clock_{d(2021, 3, 3), "2021-03-03T08:00:00Z"};
  std::int64_t vca_ = 0, bg_ = 0;
  int codes_ = 0;
};

TEST_P(TrainingContract, TheStoreKeepsEveryRowAsWritten) {
  auto& r = db().training();
  Plan p;
  p.unit_id = bg_;
  p.province_id = "24-2008";
  p.year = 2021;
  p.targets = {{"boi_duong", 300, 6, 120'000'000}, {"tap_huan", 500, 10, 80'000'000}};
  p.id = r.insert_plan(p);
  auto back = r.find_plan_of(bg_, 2021);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->targets, p.targets);
  EXPECT_EQ(r.list_plans({std::nullopt, 2021, std::vector<std::string>{"24-2008"}}).size(), 1u);
  EXPECT_TRUE(r.list_plans({std::nullopt, 2021, std::vector<std::string>{"01-2008"}}).empty());

  auto c = course();
  c.year = 2021;
  c.province_id = "24-2008";
  c.id = r.insert_course(c);
  auto cb = r.find_course_by_code("BG-2021-01");
  ASSERT_TRUE(cb);
  EXPECT_EQ(cb->lecturers, c.lecturers);
  EXPECT_EQ(cb->costs, c.costs);
  EXPECT_EQ(cb->ends_on, d(2021, 3, 5));
  auto s1 = r.insert_session({0, c.id, 1, d(2021, 3, 1), "Khai giảng"});
  r.insert_session({0, c.id, 2, d(2021, 3, 2), ""});
  EXPECT_EQ(r.sessions_of(c.id).size(), 2u);
  auto t = person("Nguyễn Thị Hoa");
  t.province_id = "24-2008";
  t.id = r.insert_trainee(t);
  EXPECT_EQ(r.find_trainee(t.id)->sex, Sex::kFemale);
  Enrolment e{0, c.id, t.id, d(2021, 2, 20), false, "", std::nullopt, "a", "b"};
  e.id = r.insert_enrolment(e);
  EXPECT_THROW(r.insert_enrolment(e), InfrastructureError);  // (course, trainee) is unique
  r.save_attendance({s1, e.id, Mark::kAbsent, "a", "t1"});
  r.save_attendance({s1, e.id, Mark::kLate, "b", "t2"});  // replaces the first
  auto marks = r.attendance_of(c.id);
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].mark, Mark::kLate);
  EXPECT_EQ(marks[0].marked_by, "b");
  e.completed = true;
  e.certificate_code = "ABC";
  e.certified_on = d(2021, 3, 6);
  r.update_enrolment(e);
  auto byc = r.find_enrolment_by_certificate("ABC");
  ASSERT_TRUE(byc);
  EXPECT_TRUE(byc->completed);
  EXPECT_EQ(byc->certified_on, d(2021, 3, 6));
  EXPECT_FALSE(r.find_enrolment_by_certificate(""));
  EXPECT_EQ(r.completed_trainees(bg_, 2021), 1);
  EXPECT_EQ(r.completed_trainees(bg_, 2020), 0);
}

TEST_P(TrainingContract, AClassIsMarkedCompletedAndCertified) {
  auto s = service();
  const auto all = ProvinceScope::all();
  auto v = s.add_course(course(), five_days(), "can_bo", all);
  ASSERT_TRUE(v.ok()) << v.error().key << " " << v.error().field;
  EXPECT_EQ(v->course.province_id, "24-2008");  // the organiser's
  EXPECT_EQ(v->course.year, 2021);
  ASSERT_EQ(v->sessions.size(), 5u);
  const auto course_id = v->course.id;
  auto hoa = s.add_trainee(person("Nguyễn Thị Hoa"), "can_bo", all);
  ASSERT_TRUE(hoa.ok()) << hoa.error().key;
  EXPECT_EQ(hoa->province_id, "24-2008");  // her cooperative's
  auto nam = s.add_trainee(person("Trần Văn Nam", Sex::kMale, 1975, "02", "chair"), "can_bo", all);
  ASSERT_TRUE(nam.ok());
  ASSERT_TRUE(s.enrol(course_id, hoa->id, d(2021, 2, 25), "can_bo", all).ok());
  // Nam enrols on the second day: the first session is not his.
  ASSERT_TRUE(s.enrol(course_id, nam->id, d(2021, 3, 2), "can_bo", all).ok());
  const auto& days = v->sessions;
  EXPECT_TRUE(s.mark(course_id, days[0].id, {{hoa->id, Mark::kPresent}}, "can_bo", all).ok());
  auto before_enrolment = s.mark(course_id, days[0].id, {{nam->id, Mark::kAbsent}}, "can_bo", all);
  ASSERT_FALSE(before_enrolment.ok());
  EXPECT_EQ(before_enrolment.error().field, "trainee");
  EXPECT_EQ(before_enrolment.error().key, "training.session_before_enrolment");
  ASSERT_TRUE(s.mark(course_id, days[1].id, {{hoa->id, Mark::kLate}, {nam->id, Mark::kPresent}},
                     "can_bo", all)
                  .ok());
  ASSERT_TRUE(s.mark(course_id, days[2].id, {{hoa->id, Mark::kExcused}, {nam->id, Mark::kPresent}},
                     "can_bo", all)
                  .ok());
  // The fourth day is tomorrow: not held yet.
  auto future = s.mark(course_id, days[3].id, {{hoa->id, Mark::kPresent}}, "can_bo", all);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "session");
  EXPECT_EQ(future.error().key, "training.session_not_held");
  clock_ = FixedClock{d(2021, 3, 5), "2021-03-05T16:00:00Z"};
  ASSERT_TRUE(s.mark(course_id, days[3].id, {{hoa->id, Mark::kPresent}, {nam->id, Mark::kAbsent}},
                     "can_bo", all)
                  .ok());
  // Hoa: present, late, excused, present of 4 so far → 3 of 5 sessions < 80 %: not complete.
  auto cert = s.certify(course_id, hoa->id, "can_bo", all);
  ASSERT_FALSE(cert.ok());
  EXPECT_EQ(cert.error().field, "trainee");
  EXPECT_EQ(cert.error().key, "training.not_completed");
  auto view = s.mark(course_id, days[4].id, {{hoa->id, Mark::kPresent}, {nam->id, Mark::kPresent}},
                     "can_bo", all);
  ASSERT_TRUE(view.ok());
  // Hoa 4 of 5 (80 %): completed. Nam counts 4 sessions (from his enrolment), attended 3: 75 %.
  std::map<std::string, Participant> by_name;
  for (const auto& p : view->participants) by_name[p.trainee.full_name] = p;
  EXPECT_TRUE(by_name["Nguyễn Thị Hoa"].enrolment.completed);
  EXPECT_EQ(by_name["Nguyễn Thị Hoa"].counted, 5);
  EXPECT_EQ(by_name["Nguyễn Thị Hoa"].attended, 4);
  EXPECT_FALSE(by_name["Trần Văn Nam"].enrolment.completed);
  EXPECT_EQ(by_name["Trần Văn Nam"].counted, 4);
  EXPECT_EQ(by_name["Trần Văn Nam"].attended, 3);
  EXPECT_FALSE(by_name["Trần Văn Nam"].marks.count(days[0].id));

  auto issued = s.certify_all(course_id, "can_bo", all);
  ASSERT_TRUE(issued.ok());
  ASSERT_EQ(issued->size(), 1u);
  const auto code = issued->front().code;
  EXPECT_EQ(code, "CODE1");
  // Issuing again gives the same certificate; Nam still gets none.
  EXPECT_EQ(s.certify(course_id, hoa->id, "can_bo", all)->code, code);
  EXPECT_EQ(s.certify(course_id, nam->id, "can_bo", all).error().key, "training.not_completed");
  auto shown = s.verify(code);
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(shown->holder, "Nguyễn Thị Hoa");
  EXPECT_EQ(shown->topic, "Quản trị hợp tác xã kiểu mới");
  EXPECT_EQ(shown->kind, "Bồi dưỡng");
  EXPECT_EQ(shown->organiser, "Liên minh Hợp tác xã tỉnh Bắc Giang");
  EXPECT_EQ(shown->starts_on, d(2021, 3, 1));
  EXPECT_EQ(shown->ends_on, d(2021, 3, 5));
  EXPECT_EQ(shown->certified_on, d(2021, 3, 5));
  EXPECT_EQ(shown->attended, 4);
  EXPECT_EQ(shown->sessions, 5);
  EXPECT_EQ(s.verify("CODE2").error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(s.completed_trainees(bg_, 2021), 1);
  EXPECT_EQ(audit_count("training.attendance"), 5);
  EXPECT_EQ(audit_count("training.certificate"), 1);
}

TEST_P(TrainingContract, BadInputIsRefusedOnItsFieldAndNothingIsWritten) {
  auto s = service();
  const auto all = ProvinceScope::all();
  auto bad = course();
  bad.ends_on = d(2021, 2, 28);
  auto r = s.add_course(bad, {d(2021, 3, 1)}, "can_bo", all);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "ends_on");
  EXPECT_EQ(r.error().key, "training.ends_before_start");
  auto outside = s.add_course(course(), {d(2021, 3, 9)}, "can_bo", all);
  EXPECT_EQ(outside.error().field, "sessions");
  auto kind = course();
  kind.kind = "hoi_thao";
  EXPECT_EQ(s.add_course(kind, five_days(), "can_bo", all).error().field, "kind");
  auto cost = course();
  cost.costs.push_back({"hall", 1, 1, ""});
  EXPECT_EQ(s.add_course(cost, five_days(), "can_bo", all).error().key, "training.cost_twice");
  EXPECT_TRUE(db().training().list_courses({}).empty());

  auto future = person("Lê Văn Tương Lai");
  future.birth_year = 2022;
  auto f = s.add_trainee(future, "can_bo", all);
  EXPECT_EQ(f.error().field, "birth_year");
  EXPECT_EQ(f.error().key, "training.birth_year_future");
  auto eth = s.add_trainee(person("Lê Thị Mai", Sex::kFemale, 1990, "55"), "can_bo", all);
  EXPECT_EQ(eth.error().field, "ethnicity");
  EXPECT_EQ(eth.error().key, "training.unknown_ethnicity");
  auto role = s.add_trainee(person("Lê Thị Mai", Sex::kFemale, 1990, "01", "boss"), "can_bo", all);
  EXPECT_EQ(role.error().field, "role");
  auto coop = person("Lê Thị Mai");
  coop.entity_code = "9999999999";
  EXPECT_EQ(s.add_trainee(coop, "can_bo", all).error().field, "entity");
  EXPECT_TRUE(db().training().list_trainees({}).empty());

  auto v = s.add_course(course(), five_days(), "can_bo", all);
  ASSERT_TRUE(v.ok());
  auto t = s.add_trainee(person("Lê Thị Mai"), "can_bo", all);
  ASSERT_TRUE(s.enrol(v->course.id, t->id, d(2021, 2, 1), "can_bo", all).ok());
  auto twice = s.enrol(v->course.id, t->id, d(2021, 2, 2), "can_bo", all);
  EXPECT_EQ(twice.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(twice.error().field, "trainee");
  auto stranger = s.add_trainee(person("Người Lạ"), "can_bo", all);
  auto not_enrolled =
      s.mark(v->course.id, v->sessions[0].id,
             {{t->id, Mark::kPresent}, {stranger->id, Mark::kAbsent}}, "can_bo", all);
  EXPECT_EQ(not_enrolled.error().field, "trainee");
  EXPECT_EQ(not_enrolled.error().key, "training.not_enrolled");
  // Nothing of the refused class list was written, not even the enrolled person's mark.
  EXPECT_TRUE(db().training().attendance_of(v->course.id).empty());
  EXPECT_EQ(db().training().enrolments_of(v->course.id).size(), 1u);
  Plan p;
  p.unit_id = bg_;
  p.year = 2021;
  p.targets = {{"boi_duong", -1, 0, 0}};
  EXPECT_EQ(s.save_plan(p, "can_bo", all).error().key, "training.target_negative");
  EXPECT_TRUE(db().training().list_plans({}).empty());
}

TEST_P(TrainingContract, AProvincialUserWritesOnlyInTheirProvinces) {
  auto s = service();
  const auto hanoi = ProvinceScope::of({"01-2008"});
  EXPECT_EQ(s.add_course(course(), five_days(), "ha_noi", hanoi).error().kind,
            ErrorKind::kForbidden);
  Plan p;
  p.unit_id = vca_;
  p.year = 2021;
  p.targets = {{"dao_tao", 100, 2, 0}};
  EXPECT_EQ(s.save_plan(p, "ha_noi", hanoi).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(s.add_trainee(person("Lê Thị Mai"), "ha_noi", hanoi).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(s.add_course(course(), five_days(), "none", ProvinceScope::none()).error().kind,
            ErrorKind::kForbidden);
  auto v = s.add_course(course(), five_days(), "bac_giang", ProvinceScope::of({"24-2008"}));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(s.course(v->course.id, hanoi).error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(s.courses({}, hanoi).empty());
  EXPECT_EQ(s.courses({}, ProvinceScope::of({"24-2008"})).size(), 1u);
}

// The report against an independent count: for each cell the set of persons and the number of
// enrolments, computed here from the rows the test wrote.
TEST_P(TrainingContract, TheReportCountsEachPersonOnceAndEachEnrolmentOnce) {
  auto s = service();
  const auto all = ProvinceScope::all();
  clock_ = FixedClock{d(2022, 12, 31), "2022-12-31T08:00:00Z"};
  std::mt19937 rng(13);
  const std::vector<std::string> kinds{"dao_tao", "boi_duong", "tap_huan"};
  const std::vector<std::string> provinces{"24-2008", "01-2008"};
  const std::vector<std::string> ethnicities{"01", "02", "07", "08"};
  const std::vector<std::string> roles{"chair", "member", "accountant"};
  std::vector<Trainee> people;
  for (int i = 0; i < 40; ++i) {
    auto t = person("Học viên " + std::to_string(i), i % 3 ? Sex::kFemale : Sex::kMale,
                    1950 + static_cast<int>(rng() % 50), ethnicities[rng() % 4], roles[rng() % 3]);
    t.entity_code.clear();
    t.province_id = provinces[i % 2];
    people.push_back(*s.add_trainee(t, "can_bo", all));
  }
  struct Row {
    std::string province, kind;
    int year;
    Trainee t;
    bool completed;
  };
  std::vector<Row> rows;
  std::int64_t cost_2021 = 0;
  for (int k = 0; k < 8; ++k) {
    auto c = course("C" + std::to_string(k));
    c.kind = kinds[k % 3];
    c.province_id = provinces[k % 2];
    c.unit_id = k % 2 ? vca_ : bg_;
    const int year = k < 5 ? 2021 : 2022;
    c.starts_on = d(year, 4, 1 + k);
    c.ends_on = d(year, 4, 2 + k);
    c.costs = {{"hall", 0, 1'000'000 * (k + 1), ""}};
    if (year == 2021) cost_2021 += 1'000'000 * (k + 1);
    auto v = s.add_course(c, {c.starts_on, c.ends_on}, "can_bo", all);
    ASSERT_TRUE(v.ok()) << v.error().key;
    for (const auto& t : people) {
      if (rng() % 3 == 0) continue;
      ASSERT_TRUE(s.enrol(v->course.id, t.id, c.starts_on, "can_bo", all).ok());
      const bool both = rng() % 2 == 0;
      std::vector<MarkEntry> m{{t.id, Mark::kPresent}};
      ASSERT_TRUE(s.mark(v->course.id, v->sessions[0].id, m, "can_bo", all).ok());
      m[0].mark = both ? Mark::kLate : Mark::kAbsent;
      ASSERT_TRUE(s.mark(v->course.id, v->sessions[1].id, m, "can_bo", all).ok());
      rows.push_back({c.province_id, c.kind, year, t, both});
    }
  }
  Plan p;
  p.unit_id = bg_;
  p.year = 2021;
  p.targets = {{"dao_tao", 30, 2, 5'000'000}};
  ASSERT_TRUE(s.save_plan(p, "can_bo", all).ok());

  TrainingReportQuery q;
  q.year_from = q.year_to = 2021;
  q.by = {Dimension::kProvince,  Dimension::kKind,    Dimension::kSex,
          Dimension::kEthnicity, Dimension::kAgeBand, Dimension::kRole};
  auto report = s.report(q, all);
  ASSERT_TRUE(report.ok()) << report.error().key;

  using Key = std::vector<std::string>;
  std::map<Key, std::set<std::int64_t>> persons, completed;
  std::map<Key, std::int64_t> times;
  std::set<std::int64_t> everyone;
  std::int64_t all_times = 0;
  for (const auto& r : rows) {
    if (r.year != 2021) continue;
    Key k{r.province,
          r.kind,
          std::string(to_code(r.t.sex)),
          r.t.ethnicity,
          rules().age_band_of(r.year - r.t.birth_year),
          r.t.role};
    persons[k].insert(r.t.id);
    if (r.completed) completed[k].insert(r.t.id);
    ++times[k];
    everyone.insert(r.t.id);
    ++all_times;
  }
  ASSERT_EQ(report->cells.size(), persons.size());
  for (const auto& cell : report->cells) {
    EXPECT_EQ(cell.persons, static_cast<std::int64_t>(persons[cell.key].size()));
    EXPECT_EQ(cell.person_times, times[cell.key]);
    EXPECT_EQ(cell.completed_persons, static_cast<std::int64_t>(completed[cell.key].size()));
  }
  EXPECT_EQ(report->total.persons, static_cast<std::int64_t>(everyone.size()));
  EXPECT_EQ(report->total.person_times, all_times);
  EXPECT_LT(report->total.persons, report->total.person_times);  // people in several courses
  EXPECT_EQ(report->total.courses, 5);
  EXPECT_EQ(report->actual_cost, cost_2021);
  EXPECT_EQ(report->cost_per_trainee, (cost_2021 * 2 + static_cast<std::int64_t>(everyone.size())) /
                                          (2 * static_cast<std::int64_t>(everyone.size())));

  // Bắc Giang's plan line for đào tạo: its courses of 2021 of that kind (C0, C3? C3 is VCA's).
  std::set<std::int64_t> bg_dao_tao;
  for (const auto& r : rows)
    if (r.year == 2021 && r.kind == "dao_tao" && r.province == "24-2008") bg_dao_tao.insert(r.t.id);
  bool found = false;
  for (const auto& l : report->plan)
    if (l.unit_id == bg_ && l.kind == "dao_tao") {
      found = true;
      EXPECT_EQ(l.target.trainees, 30);
      EXPECT_EQ(l.courses, 1);  // C0
      EXPECT_EQ(l.persons, static_cast<std::int64_t>(bg_dao_tao.size()));
      EXPECT_EQ(l.actual_cost, 1'000'000);
    }
  EXPECT_TRUE(found);

  // On the new boundaries (Bắc Giang into Bắc Ninh's new unit), each person still once.
  q.by = {Dimension::kProvince};
  q.province_as = {{"24-2008", "27-2025"}, {"01-2008", "27-2025"}};
  auto merged = s.report(q, all);
  ASSERT_EQ(merged->cells.size(), 1u);
  EXPECT_EQ(merged->cells[0].key[0], "27-2025");
  EXPECT_EQ(merged->cells[0].persons, static_cast<std::int64_t>(everyone.size()));
  EXPECT_EQ(merged->cells[0].person_times, all_times);
  // A provincial user's report counts their province's courses only.
  auto hanoi = s.report(q, ProvinceScope::of({"01-2008"}));
  std::int64_t hanoi_times = 0;
  for (const auto& r : rows) hanoi_times += r.year == 2021 && r.province == "01-2008";
  EXPECT_EQ(hanoi->total.person_times, hanoi_times);
}

HTX_INSTANTIATE_BACKENDS(TrainingContract);

}  // namespace
}  // namespace htx::store::testing
