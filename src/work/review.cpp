// The review's computation: the month's and the year's figures from the tasks, blockers and
// documents, the reporting regime's reports due, and the registry figures handed in. The prose
// is in review_text.cpp, the JSON in review_json.cpp.
#include "work/review.hpp"

#include <algorithm>
#include <map>

#include "work/rules.hpp"

namespace htx::work {

using reporting::RateCounts;

namespace {

struct Lookup {
  std::map<std::int64_t, const Unit*> units;
  std::map<std::int64_t, const Document*> documents;
  std::map<std::int64_t, std::vector<const TaskNote*>> blockers;

  explicit Lookup(const ReviewInput& in) {
    for (const auto& u : in.units) units[u.id] = &u;
    for (const auto& d : in.documents) documents[d.id] = &d;
    for (const auto& b : in.blockers) blockers[b.task_id].push_back(&b);
  }

  ReviewItem item(const Task& t, Date period_start, Date period_end) const {
    ReviewItem it;
    it.task = t;
    if (auto u = units.find(t.lead_unit_id); u != units.end()) it.lead_unit = u->second->name;
    if (t.document_id)
      if (auto d = documents.find(*t.document_id); d != documents.end())
        it.source = d->second->number_symbol();
    it.days_late = days_late(t, period_end);
    it.carried_from = carried_over_from(t, period_start);
    if (auto b = blockers.find(t.id); b != blockers.end())
      for (const TaskNote* n : b->second)
        if (n->on <= period_end && (!n->resolved_on || *n->resolved_on > period_end))
          it.blockers.push_back(*n);
    return it;
  }
};

bool done_between(const Task& t, Date from, Date to) {
  return t.status == TaskStatus::kDone && t.completed_on && *t.completed_on >= from &&
         *t.completed_on <= to;
}

void by_due(std::vector<ReviewItem>& items) {
  std::stable_sort(items.begin(), items.end(), [](const ReviewItem& a, const ReviewItem& b) {
    if (a.task.due_on != b.task.due_on) return a.task.due_on < b.task.due_on;
    return a.task.id < b.task.id;
  });
}

}  // namespace

MonthReview build_month_review(const ReviewInput& in, int year, int month,
                               const RegistryFigures& figures) {
  MonthReview r;
  r.year = year;
  r.month = month;
  r.from = first_day(year, month);
  r.to = last_day(year, month);
  r.registry = figures;
  Lookup look(in);
  int ny = month == 12 ? year + 1 : year;
  int nm = month == 12 ? 1 : month + 1;
  Date next_from = first_day(ny, nm), next_to = last_day(ny, nm);
  for (const auto& d : in.documents)
    if (d.issued_on >= r.from && d.issued_on <= r.to) r.documents.push_back(d);
  for (const auto& t : in.tasks) {
    if (t.start_on > next_to) continue;
    auto it = look.item(t, r.from, r.to);
    if (done_between(t, r.from, r.to)) {
      (on_time(t) ? r.done_on_time : r.done_late).push_back(it);
      continue;
    }
    if (finished_by(t, r.to) || t.start_on > r.to) {
      if (t.key_task && !finished_by(t, r.to) && t.due_on >= next_from)
        r.next_key_tasks.push_back(it);
      continue;
    }
    if (overdue_on(t, r.to.add_days(1))) r.overdue.push_back(it);
    if (!it.blockers.empty()) r.blocked.push_back(it);
    if (it.carried_from) r.carried_over.push_back(it);
    if (t.key_task && t.due_on >= next_from) r.next_key_tasks.push_back(it);
  }
  for (auto* v :
       {&r.done_on_time, &r.done_late, &r.overdue, &r.blocked, &r.carried_over, &r.next_key_tasks})
    by_due(*v);
  r.has_report_forms = !in.report_forms.empty();
  r.reporting = rates_due_between(in.report_forms, in.units, in.submissions, r.from, r.to, r.to);
  r.late = late_list(r.reporting);
  return r;
}

YearReview build_year_review(const ReviewInput& in, int year, const RegistryFigures& figures) {
  YearReview r;
  r.year = year;
  r.from = first_day(year, 1);
  r.to = last_day(year, 12);
  r.registry = figures;
  Lookup look(in);
  std::map<std::int64_t, UnitYear> units;
  for (const auto& d : in.documents)
    if (d.issued_on.year() == year) ++r.documents_issued;
  for (const auto& t : in.tasks) {
    if (t.start_on > r.to) continue;
    auto it = look.item(t, r.from, r.to);
    if (done_between(t, r.from, r.to)) {
      bool ok = on_time(t);
      (ok ? r.done_on_time : r.done_late)++;
      if (t.key_task) {
        (ok ? r.key_done_on_time : r.key_done_late)++;
        auto& u = units[t.lead_unit_id];
        u.unit = it.lead_unit;
        (ok ? u.key_on_time : u.key_late)++;
      }
      continue;
    }
    if (t.status == TaskStatus::kCancelled && t.completed_on && *t.completed_on >= r.from &&
        *t.completed_on <= r.to)
      ++r.cancelled;
    if (finished_by(t, r.to)) continue;
    if (it.carried_from) r.carried_over.push_back(it);
    if (t.due_on <= r.to) {
      r.unfinished.push_back(it);
      auto& u = units[t.lead_unit_id];
      u.unit = it.lead_unit;
      ++u.unfinished;
    }
  }
  for (const auto& u : in.units)
    if (auto f = units.find(u.id); f != units.end()) r.units.push_back(f->second);
  by_due(r.unfinished);
  by_due(r.carried_over);
  auto due = rates_due_between(in.report_forms, in.units, in.submissions, r.from, r.to, r.to);
  for (const auto& form : in.report_forms) {
    FormYear fy;
    fy.form = form;
    std::map<std::int64_t, RateCounts> per_unit;
    for (const auto& f : due) {
      if (f.form.id != form.id) continue;
      for (const auto& u : f.units) {
        fy.counts.add(u.status);
        per_unit[u.unit.id].add(u.status);
      }
    }
    if (fy.counts.expected == 0) continue;
    for (const auto& u : in.units)
      if (auto c = per_unit.find(u.id); c != per_unit.end()) fy.units.push_back({u, c->second});
    r.reporting.push_back(std::move(fy));
  }
  return r;
}

}  // namespace htx::work
