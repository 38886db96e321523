#include "work/review.hpp"

#include <gtest/gtest.h>

#include "memory_work_repository.hpp"

namespace htx::work {
namespace {
using testing::d;

Task task(std::int64_t id, Date start, Date due, bool key = true) {
  Task t;
  t.id = id;
  t.title = "Việc " + std::to_string(id);
  t.lead_unit_id = 1;
  t.start_on = start;
  t.due_on = due;
  t.key_task = key;
  t.status = TaskStatus::kInProgress;
  return t;
}

Task done(Task t, Date on) {
  t.status = TaskStatus::kDone;
  t.completed_on = on;
  return t;
}

ReviewInput input() {
  ReviewInput in;
  in.units = {{1, "VP", "Văn phòng", UnitKind::kDepartment, "", 0}};
  in.tasks = {
      done(task(1, d(2021, 2, 1), d(2021, 2, 26)), d(2021, 2, 20)),  // on time in February
      done(task(2, d(2021, 1, 5), d(2021, 2, 10)), d(2021, 2, 15)),  // late in February
      task(3, d(2021, 1, 5), d(2021, 2, 20)),                        // overdue at the end
      task(4, d(2018, 3, 1), d(2018, 12, 31)),                       // carried over from 2018
      task(5, d(2021, 3, 1), d(2021, 3, 31)),                        // March key task
      done(task(6, d(2021, 2, 1), d(2021, 2, 10)), d(2021, 3, 2)),   // done in March, late
  };
  in.blockers = {{1, 3, NoteKind::kBlocker, d(2021, 2, 18), "Chờ ý kiến", "vp", std::nullopt},
                 {2, 5, NoteKind::kBlocker, d(2021, 1, 18), "Đã xử lý", "vp", d(2021, 1, 30)}};
  return in;
}

std::vector<std::int64_t> ids(const std::vector<ReviewItem>& v) {
  std::vector<std::int64_t> out;
  for (const auto& it : v) out.push_back(it.task.id);
  return out;
}

TEST(MonthReview, SortsTasksAsTheyStoodAtTheMonthsEnd) {
  auto r = build_month_review(input(), 2021, 2, {});
  EXPECT_EQ(ids(r.done_on_time), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ids(r.done_late), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(ids(r.overdue), (std::vector<std::int64_t>{4, 6, 3}));
  EXPECT_EQ(ids(r.blocked), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(ids(r.carried_over), (std::vector<std::int64_t>{4}));
  EXPECT_EQ(ids(r.next_key_tasks), (std::vector<std::int64_t>{5}));
  EXPECT_EQ(r.done_late[0].days_late, 5);
}

TEST(MonthReview, DraftInTheOfficesStyle) {
  RegistryFigures f;
  f.present = true;
  f.founded = {195, 0, 0};
  f.regions = {{"Miền Bắc", 148}, {"Miền Trung – Tây Nguyên", 12}, {"Miền Nam", 35}};
  auto text = to_text(draft_month_report(build_month_review(input(), 2021, 2, f), d(2021, 3, 10)));
  for (const char* s :
       {"Báo cáo đánh giá công tác tháng 02, triển khai công tác tháng 3/2021",
        "Tháng 02, cả nước thành lập mới 195 HTX, cụ thể: Miền Bắc: 148 HTX; Miền Trung – Tây "
        "Nguyên: 12 HTX; Miền Nam: 35 HTX.",
        "Hà Nội, ngày 10 tháng 3 năm 2021", "II. NHIỆM VỤ TRỌNG TÂM THÁNG 3/2021",
        "Việc 4 (Văn phòng): còn dở dang từ năm 2018.", "Việc 3 (Văn phòng): Chờ ý kiến",
        "Triển khai đúng thời hạn các công việc còn dở dang từ năm 2018"})
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  EXPECT_EQ(month_review_title(2021, 12),
            "Báo cáo đánh giá công tác tháng 12/2021, triển khai công tác tháng 1/2022");
}

// The support funds' lending handed in with the figures: seed 003's sentence, in tỷ with one
// decimal (half up) from a billion, in triệu below; nothing when not handed in.
TEST(MonthReview, StatesTheFundsLendingWhenHandedIn) {
  RegistryFigures f;
  f.present = true;
  auto text_of = [&](const RegistryFigures& figures) {
    return to_text(
        draft_month_report(build_month_review(input(), 2021, 2, figures), d(2021, 3, 10)));
  };
  EXPECT_EQ(text_of(f).find("Quỹ Hỗ trợ"), std::string::npos);
  f.lending = {true, 12, 18'450'000'000, 7};
  EXPECT_NE(text_of(f).find("Quỹ Hỗ trợ phát triển HTX trung ương và địa phương cho vay vốn ưu "
                            "đãi 12 dự án, 18,5 tỷ đồng; cơ cấu lại nợ cho 7 HTX."),
            std::string::npos)
      << text_of(f);
  f.lending = {true, 2, 850'400'000, 0};
  EXPECT_NE(text_of(f).find("vay vốn ưu đãi 2 dự án, 850 triệu đồng; cơ cấu lại nợ cho 0 HTX."),
            std::string::npos)
      << text_of(f);
  f.lending = {true, 3, 3'000'000'000, 1};
  EXPECT_NE(text_of(f).find("3 dự án, 3 tỷ đồng;"), std::string::npos) << text_of(f);
  auto j = to_json(build_month_review(input(), 2021, 2, f));
  EXPECT_EQ(j["registry"]["lending"]["new_amount"], 3'000'000'000);
  EXPECT_EQ(j["registry"]["lending"]["restructured_borrowers"], 1);
}

TEST(YearReview, CountsKeyTasksDoneOnTime) {
  auto in = input();
  auto r = build_year_review(in, 2021, {});
  EXPECT_EQ(r.key_done_on_time, 1);
  EXPECT_EQ(r.key_done_late, 2);
  EXPECT_EQ(ids(r.carried_over), (std::vector<std::int64_t>{4}));
  EXPECT_EQ(ids(r.unfinished), (std::vector<std::int64_t>{4, 3, 5}));
  auto text = to_text(draft_year_report(r, d(2022, 1, 21)));
  EXPECT_NE(text.find("1 đầu việc lớn hoàn thành đúng tiến độ"), std::string::npos) << text;
  EXPECT_EQ(to_json(r)["key_done_on_time"], 1);
}

}  // namespace
}  // namespace htx::work
