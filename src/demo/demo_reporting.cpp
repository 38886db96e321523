#include "demo/demo_reporting.hpp"

#include <nlohmann/json.hpp>

#include "demo/demo_dates.hpp"
#include "reporting/reporting.hpp"

namespace htx::demo {

namespace {

using reporting::ReportForm;
using work::UnitKind;

// The exceptions to "submitted a few days before the deadline": days late, or -1 for never.
struct Exception {
  const char* form;
  const char* unit;
  int month;  // of 2021
  int days_late;
};

constexpr Exception kExceptions[] = {
    // Reports due in February 2021 (the review of seed 000).
    {"BC-TINH-THANG", "LMHTX-22", 1, 3},
    {"BC-TINH-THANG", "LMHTX-56", 1, -1},
    {"BC-BAN-THANG", "BCSPL", 2, 4},
    {"BC-BAN-THANG", "BTCKT2", 2, -1},
    // The rest of 2021: the departments that did not comply (seed 002).
    {"BC-TINH-THANG", "LMHTX-56", 3, 5},
    {"BC-TINH-THANG", "LMHTX-30", 7, 2},
    {"BC-TINH-THANG", "LMHTX-56", 10, -1},
    {"BC-BAN-THANG", "BCSPL", 5, 6},
    {"BC-BAN-THANG", "BCSPL", 9, 3},
    {"BC-BAN-THANG", "BTCKT2", 8, -1},
    {"BC-BAN-THANG", "BKHHTQT", 11, 2},
};

// A monthly form of the demo, every unit of `kind` reporting from January 2021.
ReportForm monthly_form(std::string code, std::string name, UnitKind kind,
                        reporting::DeadlineRule deadline,
                        std::vector<reporting::Indicator> indicators) {
  ReportForm f;
  f.code = std::move(code);
  f.name = std::move(name);
  f.unit_kind = kind;
  f.deadline = deadline;
  f.indicators = std::move(indicators);
  f.active_from = d(2021, 1, 1);
  return f;
}

}  // namespace

ReportingDemoSummary build_reporting_demo(reporting::ReportingRepository& repo,
                                          work::WorkRepository& work, audit::AuditLog& audit,
                                          Date today, const std::string& actor,
                                          const std::string& now) {
  ReportingDemoSummary sum;
  auto units = work.list_units();
  const ReportForm forms[] = {
      monthly_form("BC-TINH-THANG", "Báo cáo tháng của Liên minh HTX tỉnh, thành phố",
                   UnitKind::kProvincial, {1, 20},
                   {{"htx_founded", "Số HTX thành lập mới", true},
                    {"htx_dissolved", "Số HTX giải thể", true},
                    {"members_admitted", "Số thành viên mới kết nạp vào Liên minh", true},
                    {"tht_founded", "Số tổ hợp tác thành lập mới", false}}),
      monthly_form("BC-BAN-THANG", "Báo cáo tiến độ công tác tháng của các ban",
                   UnitKind::kDepartment, {0, 25},
                   {{"tasks_done", "Số đầu việc hoàn thành", true},
                    {"tasks_overdue", "Số đầu việc quá hạn", true},
                    {"blockers", "Số vướng mắc đề nghị Thường trực tháo gỡ", false}}),
  };
  for (auto form : forms) {
    form.recorded_by = actor;
    form.recorded_at = now;
    form.id = repo.insert_form(form);
    ++sum.forms;
    int index = 0;
    for (const auto& u : units) {
      ++index;
      for (int m = 1; m <= 12; ++m) {
        reporting::ReportPeriod p{reporting::Frequency::kMonthly, 2021, m};
        if (!reporting::expected(form, u, p)) continue;
        Date due = reporting::due_date(form, p);
        Date on = due.add_days(-(1 + (index + m) % 5));
        bool missing = false;
        for (const auto& e : kExceptions)
          if (form.code == e.form && u.code == e.unit && m == e.month) {
            missing = e.days_late < 0;
            on = due.add_days(e.days_late);
          }
        if (missing || on > today) continue;
        reporting::Submission s;
        s.form_id = form.id;
        s.unit_id = u.id;
        s.period = p.code();
        s.submitted_on = on;
        s.submitted_by = actor;
        s.recorded_at = now;
        if (form.unit_kind == UnitKind::kProvincial)
          s.values = {{"htx_founded", 3 + (index * 7 + m * 3) % 17},
                      {"htx_dissolved", (index + m) % 4},
                      {"members_admitted", (index * 5 + m) % 15},
                      {"tht_founded", (index + 2 * m) % 9}};
        else
          s.values = {{"tasks_done", 2 + (index + m) % 6},
                      {"tasks_overdue", (index * m) % 3},
                      {"blockers", (index + m) % 2}};
        repo.insert_submission(s);
        ++sum.submissions;
      }
    }
  }
  audit.append({0, now, actor, "reporting.demo", "batch", "demo", "",
                nlohmann::json{{"forms", sum.forms}, {"submissions", sum.submissions}}.dump()});
  return sum;
}

}  // namespace htx::demo
