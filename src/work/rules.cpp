#include "work/rules.hpp"

namespace htx::work {

bool valid_deadline(Date start_on, Date due_on) { return !(due_on < start_on); }

bool finished_by(const Task& t, Date day) {
  if (t.status != TaskStatus::kDone && t.status != TaskStatus::kCancelled) return false;
  return t.completed_on && *t.completed_on <= day;
}

bool on_time(const Task& t) {
  return t.status == TaskStatus::kDone && t.completed_on && *t.completed_on <= t.due_on;
}

bool overdue_on(const Task& t, Date day) { return !finished_by(t, day) && t.due_on < day; }

int days_late(const Task& t, Date day) {
  Date end = day;
  if (t.status == TaskStatus::kDone && t.completed_on && *t.completed_on <= day)
    end = *t.completed_on;
  int d = end.days() - t.due_on.days();
  return d > 0 ? d : 0;
}

std::optional<int> carried_over_from(const Task& t, Date period_start) {
  if (t.status == TaskStatus::kCancelled && t.completed_on && *t.completed_on < period_start)
    return std::nullopt;
  if (finished_by(t, period_start.add_days(-1))) return std::nullopt;
  if (t.start_on.year() >= period_start.year()) return std::nullopt;
  return t.start_on.year();
}

int age_in_years(const Task& t, Date day) {
  int years = day.year() - t.start_on.year();
  return years > 0 ? years : 0;
}

std::string carry_over_text(const Task& t, Date period_start) {
  auto from = carried_over_from(t, period_start);
  if (!from) return {};
  return "còn dở dang từ năm " + std::to_string(*from);
}

Date first_day(int year, int month) { return *Date::from_ymd(year, month, 1); }

Date last_day(int year, int month) {
  if (month == 12) return first_day(year + 1, 1).add_days(-1);
  return first_day(year, month + 1).add_days(-1);
}

bool is_final(TaskStatus s) { return s == TaskStatus::kDone || s == TaskStatus::kCancelled; }

bool can_advance(DraftStatus from, DraftStatus to) {
  return static_cast<int>(to) > static_cast<int>(from);
}

}  // namespace htx::work
