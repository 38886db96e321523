// The rules of the work programme as pure functions: deadlines, on time, overdue, carry-over and
// the age of unfinished work. No storage, no clock: the day of reference is a parameter.
#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "work/work.hpp"

namespace htx::work {

// A due date before the start is refused; the same day is fine.
bool valid_deadline(Date start_on, Date due_on);

// Finished (done or cancelled) on or before `day`, by the dated record.
bool finished_by(const Task& t, Date day);
// Done on or before the due date.
bool on_time(const Task& t);
// Not finished at the end of `day` while its due date has passed (due_on < day).
bool overdue_on(const Task& t, Date day);
// Days past the due date at `day` (0 when not late); for a done task, at its completion.
int days_late(const Task& t, Date day);

// An unfinished task that started in an earlier year than `period_start` and is still
// unfinished at it carries over; the year it carries over from is the year it started.
std::optional<int> carried_over_from(const Task& t, Date period_start);
// Whole years from the year the task started to the year of `day` (0 in the same year).
int age_in_years(const Task& t, Date day);
// "còn dở dang từ năm 2018" (empty when the task does not carry over at `period_start`).
std::string carry_over_text(const Task& t, Date period_start);

// The first and last day of a month; the first day of the next month.
Date first_day(int year, int month);
Date last_day(int year, int month);

// Task status changes: done and cancelled are final.
bool is_final(TaskStatus s);
// Draft status moves only forward (dự thảo → góp ý → thông qua); staying is not a move.
bool can_advance(DraftStatus from, DraftStatus to);

}  // namespace htx::work
