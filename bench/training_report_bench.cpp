// The training report (issue 13, "Speed"): unique persons and person-times by province × sex ×
// ethnicity × kind (and the total, each person once) over N enrolments (default 100.000) stored in
// a SQLite file, against the same figures as plain SQL in the sqlite3 shell in the same run:
//   1. baseline: `sqlite3 FILE < queries.sql`, the GROUP BY with COUNT(DISTINCT) and the total;
//   2. htx: TrainingService::report over the store (the same rows, read through the runner),
//      with the plans against the actuals as well.
// Best of three runs each; the figures are compared row by row; prints both times and the ratio
// (target ≤ 1.0). See bench/README.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "training/training_service.hpp"

namespace {

using namespace htx;
using namespace htx::training;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

const char* kProvinces[] = {"01-2008", "22-2008", "24-2008", "30-2008", "56-2008",
                            "79-2008", "89-2008", "66-2008", "38-2008", "40-2008"};

struct Fill {
  std::int64_t courses = 0, trainees = 0, enrolments = 0;
};

// Units, courses of 2020–2022 and people inserted through the repository (not the service: a
// benchmark of the report, not of the writes), enrolments with their completion.
Fill store_records(store::Database& db, int n) {
  Fill f;
  std::mt19937 rng(13);
  db.begin();
  std::vector<std::int64_t> units;
  for (int i = 0; i < 10; ++i) {
    work::Unit u;
    u.code = "LMHTX-B" + std::to_string(i);
    u.name = "Liên minh HTX " + std::to_string(i);
    u.kind = work::UnitKind::kProvincial;
    u.province_id = kProvinces[i];
    units.push_back(db.work().insert_unit(u));
  }
  auto& repo = db.training();
  const int per_course = 100;
  const int courses = std::max(1, n / per_course);
  const int people = std::max(per_course, n * 2 / 5);  // each person in 2.5 courses on average
  const char* ethnicities[] = {"01", "01", "01", "02", "03", "07", "08", "09", "06", "05"};
  const char* roles[] = {"chair", "member", "accountant", "staff", "board_member"};
  std::vector<std::int64_t> trainees;
  for (int i = 0; i < people; ++i) {
    Trainee t;
    t.full_name = "Học viên " + std::to_string(i);
    t.sex = rng() % 2 ? Sex::kFemale : Sex::kMale;
    t.birth_year = 1955 + static_cast<int>(rng() % 50);
    t.ethnicity = ethnicities[rng() % 10];
    t.role = roles[rng() % 5];
    t.province_id = kProvinces[rng() % 10];
    trainees.push_back(repo.insert_trainee(t));
    ++f.trainees;
  }
  const char* kinds[] = {"dao_tao", "boi_duong", "tap_huan"};
  for (int c = 0; c < courses; ++c) {
    Course k;
    k.code = "B-" + std::to_string(c);
    const int u = c % 10;
    k.unit_id = units[static_cast<std::size_t>(u)];
    k.kind = kinds[c % 3];
    k.topic = "Chủ đề " + std::to_string(c);
    k.province_id = kProvinces[u];
    k.year = 2020 + c % 3;
    k.starts_on = *Date::from_ymd(k.year, 1 + c % 12, 1 + c % 28);
    k.ends_on = k.starts_on.add_days(2);
    k.costs = {{"hall", 5'000'000, 4'000'000 + c % 1000, ""}};
    k.id = repo.insert_course(k);
    ++f.courses;
    std::set<std::int64_t> in;
    while (static_cast<int>(in.size()) < per_course && f.enrolments < n) {
      auto t = trainees[rng() % trainees.size()];
      if (!in.insert(t).second) continue;
      Enrolment e;
      e.course_id = k.id;
      e.trainee_id = t;
      e.enrolled_on = k.starts_on;
      e.completed = rng() % 10 < 8;
      repo.insert_enrolment(e);
      ++f.enrolments;
    }
  }
  for (int y = 2020; y <= 2022; ++y)
    for (auto u : units) {
      Plan p;
      p.unit_id = u;
      p.year = y;
      p.targets = {{"boi_duong", 300, 10, 100'000'000}, {"tap_huan", 300, 10, 50'000'000}};
      repo.insert_plan(p);
    }
  db.commit();
  return f;
}

// The same figures in plain SQL: a row per province × sex × ethnicity × kind, then the total.
const char* kQueries =
    "SELECT c.province_id, t.sex, t.ethnicity, c.kind, COUNT(DISTINCT e.trainee_id), COUNT(*),"
    " COUNT(DISTINCT CASE WHEN e.completed THEN e.trainee_id END),"
    " SUM(CASE WHEN e.completed THEN 1 ELSE 0 END), COUNT(DISTINCT e.course_id)"
    " FROM training_enrolment e JOIN training_course c ON c.id = e.course_id"
    " JOIN training_trainee t ON t.id = e.trainee_id WHERE c.year >= 2020 AND c.year <= 2022"
    " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;\n"
    "SELECT COUNT(DISTINCT e.trainee_id), COUNT(*),"
    " COUNT(DISTINCT CASE WHEN e.completed THEN e.trainee_id END),"
    " SUM(CASE WHEN e.completed THEN 1 ELSE 0 END), COUNT(DISTINCT e.course_id)"
    " FROM training_enrolment e JOIN training_course c ON c.id = e.course_id"
    " JOIN training_trainee t ON t.id = e.trainee_id WHERE c.year >= 2020 AND c.year <= 2022;\n";

std::string cell_text(const ReportCell& c) {
  std::string out;
  for (const auto& k : c.key) out += k + "|";
  for (auto v : {c.persons, c.person_times, c.completed_persons, c.completed_times, c.courses})
    out += std::to_string(v) + "|";
  out.pop_back();
  return out;
}

int run(int n, const std::filesystem::path& data_dir) {
  auto rules = TrainingRules::load(data_dir);
  auto dir = std::filesystem::temp_directory_path() / "htx_training_report_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto file = dir / "training.db";
  auto t = Clock::now();
  Fill fill;
  {
    auto db = store::open_database(file.string());
    fill = store_records(*db, n);
  }
  std::fprintf(stderr, "stored %lld enrolments in %.1f s\n",
               static_cast<long long>(fill.enrolments), ms_since(t) / 1000);
  auto sql = dir / "queries.sql";
  std::ofstream(sql) << "ANALYZE;\n";
  std::string analyze = "sqlite3 -bail " + file.string() + " < " + sql.string();
  if (std::system(analyze.c_str()) != 0) throw std::runtime_error("sqlite3: ANALYZE failed");
  std::ofstream(sql) << kQueries;
  auto output = dir / "queries.out";
  std::string cmd =
      "sqlite3 -bail " + file.string() + " < " + sql.string() + " > " + output.string();

  auto db = store::open_database(file.string());
  FixedClock clock(*Date::from_ymd(2023, 6, 30), "2023-06-30T08:00:00Z");
  TrainingService service(db->training(), db->work(), db->registry(), db->audit(), *db, clock,
                          rules);
  TrainingReportQuery q;
  q.year_from = 2020;
  q.year_to = 2022;
  q.by = {Dimension::kProvince, Dimension::kSex, Dimension::kEthnicity, Dimension::kKind};
  double htx_ms = 1e18, sqlite_ms = 1e18;
  TrainingReport report;
  for (int round = 0; round < 3; ++round) {
    t = Clock::now();
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("sqlite3: the queries failed");
    sqlite_ms = std::min(sqlite_ms, ms_since(t));
    t = Clock::now();
    auto r = service.report(q, ProvinceScope::all());
    htx_ms = std::min(htx_ms, ms_since(t));
    if (!r) throw std::runtime_error("report refused: " + r.error().key);
    report = std::move(*r);
  }
  std::vector<std::string> plain, ours;
  {
    std::ifstream in(output);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) plain.push_back(line);
  }
  for (const auto& c : report.cells) ours.push_back(cell_text(c));
  ours.push_back(cell_text(report.total));
  const bool equal = plain == ours;
  if (!equal)
    for (std::size_t i = 0; i < std::max(plain.size(), ours.size()); ++i) {
      auto a = i < ours.size() ? ours[i] : "-", b = i < plain.size() ? plain[i] : "-";
      if (a != b) std::fprintf(stderr, "  row %zu: htx %s / sqlite3 %s\n", i, a.c_str(), b.c_str());
    }
  std::printf("\n");
  std::printf("enrolments                    %lld (%lld courses, %lld people, %zu cells)\n",
              static_cast<long long>(fill.enrolments), static_cast<long long>(fill.courses),
              static_cast<long long>(fill.trainees), report.cells.size());
  std::printf("total                         %lld persons, %lld person-times, %lld completed\n",
              static_cast<long long>(report.total.persons),
              static_cast<long long>(report.total.person_times),
              static_cast<long long>(report.total.completed_persons));
  std::printf("htx also gives                the %zu plan lines against the actuals and costs\n",
              report.plan.size());
  std::printf("sqlite3 plain queries ms      %.1f\n", sqlite_ms);
  std::printf("htx report ms                 %.1f\n", htx_ms);
  std::printf("figures equal                 %s\n", equal ? "yes" : "NO");
  const double ratio = htx_ms / sqlite_ms;
  std::printf("ratio htx/sqlite3             %.2f    target <= 1.0   %s\n", ratio,
              ratio <= 1.0 ? "PASS" : "FAIL");
  db.reset();
  if (!std::getenv("HTX_BENCH_KEEP")) std::filesystem::remove_all(dir);
  return equal ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  int n = 100'000;
  std::filesystem::path data_dir = HTX_BENCH_DATA_DIR;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--enrolments" && i + 1 < argc)
      n = std::atoi(argv[++i]);
    else if (a == "--data-dir" && i + 1 < argc)
      data_dir = argv[++i];
    else {
      std::cerr << "usage: training_report_bench [--enrolments N] [--data-dir D]\n";
      return 2;
    }
  }
  if (n <= 0) {
    std::cerr << "training_report_bench: --enrolments is a number above 0\n";
    return 2;
  }
  try {
    return run(n, data_dir);
  } catch (const std::exception& e) {
    std::cerr << "training_report_bench: " << e.what() << "\n";
    return 1;
  }
}
