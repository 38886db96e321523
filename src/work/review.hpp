// The monthly review and the annual summary of the work programme, computed from the task
// records (dated completions and blockers, so a past month reads as it stood then), with the
// registry statistics of the period handed in (src/work does not depend on stats or store).
// Rendered as the office's draft report: text, JSON, and a model for the .docx writer. The
// computation is in review.cpp, the prose in review_text.cpp, the JSON in review_json.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/lending_figures.hpp"
#include "reporting/reporting.hpp"
#include "work/work.hpp"

namespace htx::work {

// The figures of the period handed in: the registry's (stats::ReportBuilder), by type HTX,
// LHHTX, THT, and the support funds' lending.
struct RegistryFigures {
  bool present = false;
  // Whose figures: empty for the whole country ("cả nước"), else the provinces of a provincial
  // user's scope as the report names them ("Bắc Giang").
  std::string area;
  std::array<std::int64_t, 3> founded{};
  std::array<std::int64_t, 3> dissolved{};
  std::array<std::int64_t, 3> closing{};
  struct Region {
    std::string name;
    std::int64_t founded_htx = 0;
  };
  std::vector<Region> regions;
  LendingFigures lending;  // of the same area (the caller's scope)
  // The plan's targets of the period's year for the same area, with their actual from the start
  // of the year to the period's end (stats::TargetLine, handed in by the areas layer).
  struct Target {
    std::string indicator;  // "founded_htx", "new_members", "trainees", "advised_founding"
    std::string unit;       // empty: the whole country; else the province's name
    std::int64_t target = 0;
    std::int64_t actual = 0;
  };
  std::vector<Target> targets;
};

// One task as the review shows it.
struct ReviewItem {
  Task task;
  std::string lead_unit;            // name
  std::string source;               // "64/TB-LMHTXVN", or empty
  int days_late = 0;                // past the due date (at completion, or at the period's end)
  std::optional<int> carried_from;  // year it carries over from
  std::vector<TaskNote> blockers;   // open at the period's end
};

struct MonthReview {
  int year = 0;
  int month = 0;
  Date from, to;
  std::vector<Document> documents;         // issued in the month
  std::vector<ReviewItem> done_on_time;    // completed in the month, on time
  std::vector<ReviewItem> done_late;       // completed in the month, late
  std::vector<ReviewItem> overdue;         // unfinished at the month's end, past the due date
  std::vector<ReviewItem> blocked;         // with blockers open at the month's end
  std::vector<ReviewItem> carried_over;    // unfinished, started in an earlier year
  std::vector<ReviewItem> next_key_tasks;  // key tasks for the next month
  RegistryFigures registry;
  bool has_report_forms = false;                      // the reporting regime has forms at all
  std::vector<reporting::FormPeriodRates> reporting;  // the reports due in the month, at its end
  std::vector<reporting::LateEntry> late;             // of those, the late and the missing
};

struct UnitYear {
  std::string unit;
  int key_on_time = 0;
  int key_late = 0;
  int unfinished = 0;
};

// One report form over the reports due in a year, at the year's end.
struct FormYear {
  reporting::ReportForm form;
  reporting::RateCounts counts;
  std::vector<reporting::UnitRates> units;  // every expected unit, in the units' order
};

struct YearReview {
  int year = 0;
  Date from, to;
  int key_done_on_time = 0;  // "149 đầu việc lớn hoàn thành đúng tiến độ"
  int key_done_late = 0;
  int done_on_time = 0;  // every task
  int done_late = 0;
  int cancelled = 0;
  std::vector<ReviewItem> unfinished;    // due in the year or earlier, still open at its end
  std::vector<ReviewItem> carried_over;  // started before the year, open at its start
  std::vector<UnitYear> units;           // units with key tasks, in the units' order
  int documents_issued = 0;
  RegistryFigures registry;
  std::vector<FormYear> reporting;  // the reporting regime's rates of the year
};

// The inputs of a review: everything the repository holds (the programme is small).
struct ReviewInput {
  std::vector<Unit> units;
  std::vector<Document> documents;
  std::vector<Task> tasks;
  std::vector<TaskNote> blockers;
  std::vector<reporting::ReportForm> report_forms;
  std::vector<reporting::Submission> submissions;
};

MonthReview build_month_review(const ReviewInput& in, int year, int month,
                               const RegistryFigures& figures);
YearReview build_year_review(const ReviewInput& in, int year, const RegistryFigures& figures);

// The draft report: what the .docx, the text and the printable page show.
struct DraftParagraph {
  enum class Style { kHeading, kSubheading, kBody, kBullet };
  Style style = Style::kBody;
  std::string text;
};

struct DraftReport {
  std::vector<std::string> issuer;  // {"LIÊN MINH HTX VIỆT NAM", "VĂN PHÒNG"}
  std::string number_symbol;        // "Số:      /BC-VP"
  std::string place_date;           // "Hà Nội, ngày 10 tháng 3 năm 2021"
  std::string title;                // "BÁO CÁO"
  std::string subtitle;  // "Đánh giá công tác tháng 02, triển khai công tác tháng 3/2021"
  std::vector<DraftParagraph> body;
};

// "Báo cáo đánh giá công tác tháng 02, triển khai công tác tháng 3/2021"
std::string month_review_title(int year, int month);
// "Báo cáo tổng kết công tác năm 2021"
std::string year_review_title(int year);

DraftReport draft_month_report(const MonthReview& r, Date dated);
DraftReport draft_year_report(const YearReview& r, Date dated);

// Plain text (the CLI): header, title, then each paragraph on its own line.
std::string to_text(const DraftReport& d);
nlohmann::json to_json(const MonthReview& r);
nlohmann::json to_json(const YearReview& r);

}  // namespace htx::work
