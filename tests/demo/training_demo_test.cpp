// The demo's training (seed 001: Bắc Giang's alliance completed its training plan): the plans and
// courses of 2020–2022, and Bắc Giang's 2021 trainee target met by the people who completed its
// courses, counted here from the enrolments themselves; every certificate verifies publicly.
#include <gtest/gtest.h>

#include <set>

#include "demo/demo_registry.hpp"
#include "demo/demo_training.hpp"
#include "support/registry_fixture.hpp"
#include "training/training_service.hpp"

namespace htx {
namespace {

using namespace htx::training;

TEST(TrainingDemo, BacGiangCompletesItsPlanOf2021) {
  testing::RegistryFixture fx;
  demo::DemoOptions opt;
  opt.scale = 0.05;
  opt.clock = &fx.clock;
  opt.work = &fx.db->work();
  opt.work_audit = &fx.db->audit();
  demo::build_demo(fx.service, *fx.db, fx.db->targets(), fx.geo, fx.sectors, opt);
  const auto rules = TrainingRules::load(HTX_SOURCE_DATA_DIR);
  auto sum = demo::build_training_demo({*fx.db, fx.clock.today(), fx.clock.now_iso()}, rules);
  EXPECT_EQ(sum.plans, 12);
  EXPECT_EQ(sum.courses, 24);
  EXPECT_EQ(sum.enrolments, 24 * 35);
  EXPECT_LT(sum.trainees, sum.enrolments);  // some people in two courses

  auto& repo = fx.db->training();
  const auto bg = fx.db->work().find_unit_by_code("LMHTX-24");
  ASSERT_TRUE(bg);
  auto plan = repo.find_plan_of(bg->id, 2021);
  ASSERT_TRUE(plan);
  std::int64_t target = 0;
  for (const auto& t : plan->targets) target += t.trainees;
  std::set<std::int64_t> completed;
  int certificates = 0;
  for (const auto& c : repo.list_courses({bg->id, 2021, std::nullopt, std::nullopt}))
    for (const auto& e : repo.enrolments_of(c.id)) {
      if (e.completed) completed.insert(e.trainee_id);
      certificates += !e.certificate_code.empty();
      EXPECT_EQ(e.completed, !e.certificate_code.empty());
    }
  EXPECT_GE(static_cast<std::int64_t>(completed.size()), target);
  EXPECT_EQ(repo.completed_trainees(bg->id, 2021), static_cast<std::int64_t>(completed.size()));
  EXPECT_GT(certificates, static_cast<int>(completed.size()));  // lượt: some completed twice

  TrainingService s(repo, fx.db->work(), fx.db->registry(), fx.db->audit(), *fx.db, fx.clock,
                    rules);
  auto course = repo.find_course_by_code("BG-2021-1");
  ASSERT_TRUE(course);
  auto first = repo.enrolments_of(course->id).front();
  auto shown = s.verify(first.certificate_code);
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(shown->organiser, "Liên minh HTX tỉnh Bắc Giang");
  EXPECT_EQ(shown->course_code, "BG-2021-1");
  EXPECT_EQ(shown->holder, repo.find_trainee(first.trainee_id)->full_name);
}

}  // namespace
}  // namespace htx
