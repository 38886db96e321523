#include "work/rules.hpp"

#include <gtest/gtest.h>

#include "memory_work_repository.hpp"

namespace htx::work {
namespace {
using testing::d;

Task task(Date start, Date due) {
  Task t;
  t.start_on = start;
  t.due_on = due;
  return t;
}

TEST(WorkRules, DeadlineBeforeStartIsInvalid) {
  EXPECT_TRUE(valid_deadline(d(2021, 2, 1), d(2021, 2, 28)));
  EXPECT_TRUE(valid_deadline(d(2021, 2, 1), d(2021, 2, 1)));
  EXPECT_FALSE(valid_deadline(d(2021, 2, 10), d(2021, 2, 9)));
}

TEST(WorkRules, OnTimeIsCompletedOnOrBeforeTheDueDate) {
  Task t = task(d(2021, 2, 1), d(2021, 2, 28));
  EXPECT_FALSE(on_time(t));  // not done
  t.status = TaskStatus::kDone;
  t.completed_on = d(2021, 2, 28);
  EXPECT_TRUE(on_time(t));
  t.completed_on = d(2021, 3, 1);
  EXPECT_FALSE(on_time(t));
  EXPECT_EQ(days_late(t, d(2021, 12, 31)), 1);
  t.status = TaskStatus::kCancelled;
  t.completed_on = d(2021, 2, 1);
  EXPECT_FALSE(on_time(t));
}

TEST(WorkRules, OverdueUntilFinished) {
  Task t = task(d(2021, 2, 1), d(2021, 2, 15));
  EXPECT_FALSE(overdue_on(t, d(2021, 2, 15)));
  EXPECT_TRUE(overdue_on(t, d(2021, 2, 16)));
  EXPECT_EQ(days_late(t, d(2021, 2, 20)), 5);
  t.status = TaskStatus::kDone;
  t.completed_on = d(2021, 2, 18);
  EXPECT_TRUE(overdue_on(t, d(2021, 2, 17)));  // as it stood on the 17th
  EXPECT_FALSE(overdue_on(t, d(2021, 2, 20)));
  EXPECT_EQ(days_late(t, d(2021, 2, 28)), 3);
}

TEST(WorkRules, UnfinishedTasksCarryOverWithTheirAge) {
  Task t = task(d(2018, 6, 1), d(2018, 12, 31));
  EXPECT_EQ(carried_over_from(t, d(2021, 2, 1)), 2018);
  EXPECT_EQ(carry_over_text(t, d(2021, 2, 1)), "còn dở dang từ năm 2018");
  EXPECT_EQ(age_in_years(t, d(2021, 2, 1)), 3);
  EXPECT_FALSE(carried_over_from(t, d(2018, 7, 1)));  // same year: not carried over
  t.status = TaskStatus::kDone;
  t.completed_on = d(2020, 5, 1);
  EXPECT_FALSE(carried_over_from(t, d(2021, 2, 1)));
  EXPECT_EQ(carried_over_from(t, d(2019, 1, 1)), 2018);  // still open on 01/01/2019
  EXPECT_EQ(carry_over_text(task(d(2021, 1, 1), d(2021, 3, 1)), d(2021, 2, 1)), "");
}

TEST(WorkRules, MonthBoundsAndForwardOnlyDrafts) {
  EXPECT_EQ(last_day(2021, 2), d(2021, 2, 28));
  EXPECT_EQ(last_day(2020, 2), d(2020, 2, 29));
  EXPECT_EQ(last_day(2021, 12), d(2021, 12, 31));
  EXPECT_TRUE(can_advance(DraftStatus::kDraft, DraftStatus::kConsultation));
  EXPECT_TRUE(can_advance(DraftStatus::kDraft, DraftStatus::kAdopted));
  EXPECT_FALSE(can_advance(DraftStatus::kAdopted, DraftStatus::kConsultation));
  EXPECT_FALSE(can_advance(DraftStatus::kConsultation, DraftStatus::kConsultation));
}

TEST(WorkRules, NumberSymbolParsesAndPrints) {
  auto ns = parse_number_symbol("64/TB-LMHTXVN");
  ASSERT_TRUE(ns);
  EXPECT_EQ(ns->number, 64);
  EXPECT_EQ(ns->kind, DocumentKind::kNotice);
  EXPECT_EQ(ns->issuer_symbol, "LMHTXVN");
  auto qd = parse_number_symbol("12/QĐ-LMHTXVN");
  ASSERT_TRUE(qd);
  EXPECT_EQ(qd->kind, DocumentKind::kDecision);
  EXPECT_FALSE(parse_number_symbol("64/XX-LMHTXVN"));
  EXPECT_FALSE(parse_number_symbol("0/TB-LMHTXVN"));
  EXPECT_FALSE(parse_number_symbol("TB-LMHTXVN"));
  Document doc;
  doc.number = 64;
  doc.kind = DocumentKind::kNotice;
  doc.issuer_symbol = "LMHTXVN";
  EXPECT_EQ(doc.number_symbol(), "64/TB-LMHTXVN");
}

}  // namespace
}  // namespace htx::work
