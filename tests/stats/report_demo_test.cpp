// The report on the demo registry for the seed periods (February 2021 and the year 2021): the
// alliance's own sentences, golden files of the narrative, table and CSV, and the .xlsx read
// back by an independent reader (python3 + openpyxl).
//
// Golden files live in tests/stats/golden/ and are written by this test, never by hand:
//   HTX_UPDATE_GOLDEN=1 ./report_demo_test     (from the build directory, tests/stats/)
// regenerates them; otherwise the output must equal them byte for byte.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "demo/demo_registry.hpp"
#include "exchange/report_xlsx.hpp"
#include "stats/report.hpp"
#include "stats/report_format.hpp"
#include "support/python.hpp"
#include "support/registry_fixture.hpp"

namespace htx::stats {
namespace {

using htx::testing::CommandResult;
using htx::testing::python;
using htx::testing::run_command;
using htx::testing::shell_quote;

namespace fs = std::filesystem;
using registry::EntityType;

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Compares `actual` with the golden file, or rewrites the file when HTX_UPDATE_GOLDEN=1.
void expect_golden(const std::string& name, const std::string& actual) {
  const fs::path path = fs::path(HTX_GOLDEN_DIR) / name;
  const char* update = std::getenv("HTX_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << actual;
    EXPECT_EQ(read_file(path), actual) << "could not write " << path;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing: run this test with HTX_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, read_file(path))
      << "differs from " << path
      << " (if the change is intended, regenerate with HTX_UPDATE_GOLDEN=1)";
}

// Dumps every sheet of a workbook as JSON: names, frozen panes, bold header cells, values.
constexpr const char* kDumpScript = R"PY(
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "data": {}}
for ws in wb.worksheets:
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header_row = 5
    out["data"][ws.title] = {
        "freeze": ws.freeze_panes,
        "header_bold": all(c.font.bold for c in ws[header_row] if c.value is not None),
        "rows": rows,
    }
print(json.dumps(out, ensure_ascii=False))
)PY";

class DemoReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fx_ = new testing::RegistryFixture();
    demo::DemoOptions opt;
    opt.clock = &fx_->clock;
    demo::build_demo(fx_->service, *fx_->db, fx_->db->targets(), fx_->geo, fx_->sectors, opt);
  }
  static void TearDownTestSuite() {
    delete fx_;
    fx_ = nullptr;
  }

  Report build(const Period& p) {
    ReportBuilder b(fx_->db->flows(), fx_->db->registry(), fx_->db->targets(), fx_->geo,
                    fx_->sectors);
    return b.build(p, default_boundaries(p));
  }
  ReportFormatter vi() const { return ReportFormatter(fx_->vi, fx_->geo, fx_->sectors); }
  ReportFormatter en() const { return ReportFormatter(fx_->en, fx_->geo, fx_->sectors); }

  static testing::RegistryFixture* fx_;
};
testing::RegistryFixture* DemoReportTest::fx_ = nullptr;

TEST_F(DemoReportTest, February2021StatesSeed000) {
  auto r = build(Period::of_month(2021, 2));
  auto text = vi().narrative(r);
  EXPECT_TRUE(contains(text, "Tháng 02/2021 cả nước thành lập mới 195 HTX")) << text;
  EXPECT_TRUE(contains(text, "thành lập mới 195 HTX")) << text;
  EXPECT_TRUE(
      contains(text, "Miền Bắc: 148 HTX; Miền Trung – Tây Nguyên: 12 HTX; Miền Nam: 35 HTX."))
      << text;
  EXPECT_EQ(r.current.national[0].founded, 195);
  expect_golden("2021-02.narrative.vi.txt", text);
  expect_golden("2021-02.narrative.en.txt", en().narrative(r));
  expect_golden("2021-02.table.vi.txt", vi().table(r));
  expect_golden("2021-02.vi.csv", vi().csv(r));
}

TEST_F(DemoReportTest, Year2021StatesSeed002) {
  auto r = build(Period::of_year(2021));
  auto text = vi().narrative(r);
  for (const char* s : {"thành lập mới 2.283 HTX", "2.283 HTX, tăng 7%", "tăng 7% so với năm 2020",
                        "vượt 52,2% chỉ tiêu", "giải thể 433 HTX", "433", "27.394", "tăng 7,6%",
                        "108", "tăng 6%", "119.710", "tăng 0,4%"})
    EXPECT_TRUE(contains(text, s)) << s << "\n" << text;
  // The alliance's sentence, word for word.
  EXPECT_TRUE(contains(
      text,
      "Năm 2021 cả nước thành lập mới 2.283 HTX, tăng 7% so với năm 2020, vượt 52,2% chỉ tiêu kế "
      "hoạch đề ra năm 2021; giải thể 433 HTX; nâng tổng số HTX lên 27.394 HTX, tăng 7,6% so với "
      "năm 2020; tổng số Liên hiệp HTX đạt 108, tăng 6% so với năm 2020; tổ hợp tác có 119.710, "
      "tăng 0,4% so với năm 2020."))
      << text;
  // 25.459 + 2.283 - 433 = 27.309: the other 85 are shown, not hidden.
  const Counts& htx = r.current.national[0];
  EXPECT_EQ(htx.opening + htx.founded - htx.dissolved + htx.other, htx.closing);
  EXPECT_EQ(htx.unexplained(), 0);
  EXPECT_TRUE(contains(text, "có " + vi().number(htx.other) + " HTX tăng")) << text;
  expect_golden("2021.narrative.vi.txt", text);
  expect_golden("2021.narrative.en.txt", en().narrative(r));
  expect_golden("2021.table.vi.txt", vi().table(r));
  expect_golden("2021.table.en.txt", en().table(r));
  expect_golden("2021.vi.csv", vi().csv(r));
}

TEST_F(DemoReportTest, XlsxReadBackByOpenpyxl) {
  ASSERT_FALSE(python().empty())
      << "python3 with openpyxl is required (Debian: apt install python3-openpyxl; or set "
         "HTX_PYTHON3)";
  testing::TempDir dir;
  auto r = build(Period::of_year(2021));
  const std::time_t created = 1'640'995'200;  // 01/01/2022
  const auto path = dir.file("report.xlsx");
  exchange::write_report_xlsx(path, r, vi(), created);
  exchange::write_report_xlsx(dir.file("again.xlsx"), r, vi(), created);
  EXPECT_EQ(read_file(path), read_file(dir.file("again.xlsx"))) << "not deterministic";

  dir.write("dump.py", kDumpScript);
  auto res = run_command(shell_quote(python()) + " " + shell_quote(dir.file("dump.py")) + " " +
                         shell_quote(path));
  ASSERT_EQ(res.status, 0) << res.output;
  auto j = nlohmann::json::parse(res.output);
  EXPECT_EQ(j["sheets"], nlohmann::json({"Tổng hợp", "Vùng", "Tỉnh", "Ngành"}));
  ASSERT_EQ(j["data"].size(), 4u);
  for (auto& [name, sheet] : j["data"].items()) {
    EXPECT_EQ(sheet["freeze"], "A6") << name;
    EXPECT_TRUE(sheet["header_bold"].get<bool>()) << name;
    EXPECT_EQ(sheet["rows"][0][0], "BÁO CÁO THỐNG KÊ KINH TẾ TẬP THỂ") << name;
    EXPECT_TRUE(contains(sheet["rows"][1][0].get<std::string>(), "Năm 2021")) << name;
  }

  // Summary: a row per type, then the total, with the figures of the report.
  const auto& summary = j["data"]["Tổng hợp"]["rows"];
  auto find_row = [](const nlohmann::json& rows, const std::vector<std::string>& keys) {
    for (auto& row : rows) {
      bool match = true;
      for (std::size_t i = 0; i < keys.size(); ++i)
        match = match && row.size() > i && row[i].is_string() && row[i] == keys[i];
      if (match) return row;
    }
    return nlohmann::json();
  };
  for (auto type : {EntityType::kCooperative, EntityType::kUnion, EntityType::kGroup}) {
    const Counts& c = r.current.national[static_cast<std::size_t>(type)];
    auto row = find_row(summary, {std::string(registry::to_code(type))});
    ASSERT_FALSE(row.is_null()) << registry::to_code(type);
    EXPECT_EQ(row[1], c.opening);
    EXPECT_EQ(row[2], c.founded);
    EXPECT_EQ(row[3], c.dissolved);
    EXPECT_EQ(row[4], c.other);
    EXPECT_EQ(row[5], c.closing);
    EXPECT_EQ(row[6], 0);
    EXPECT_EQ(row[7], c.members);
  }
  auto htx_row = find_row(summary, {"HTX"});
  EXPECT_EQ(htx_row[5], 27394);
  EXPECT_EQ(htx_row[8], 2134);                             // founded in 2020
  EXPECT_NEAR(htx_row[9].get<double>(), 0.0698, 0.0001);   // +7%
  EXPECT_NEAR(htx_row[11].get<double>(), 0.0760, 0.0001);  // stock +7.6%
  auto national_target = find_row(summary, {"Cả nước", "HTX thành lập mới"});
  ASSERT_FALSE(national_target.is_null());
  EXPECT_EQ(national_target[2], 1500);
  EXPECT_EQ(national_target[3], 2283);
  EXPECT_NEAR(national_target[4].get<double>(), 1.522, 0.0001);

  // Breakdown sheets: a row per (line, type) with the report's numbers.
  auto check_sheet = [&](const std::string& sheet, const std::vector<Line>& lines, bool by_code) {
    const auto& rows = j["data"][sheet]["rows"];
    ASSERT_FALSE(lines.empty()) << sheet;
    EXPECT_EQ(rows.size(), 5 + 3 * lines.size()) << sheet;
    for (auto& l : lines) {
      std::string code = l.id;
      if (by_code) code = fx_->geo.province(l.id)->code;
      auto row = find_row(rows, {code, l.name, "HTX"});
      ASSERT_FALSE(row.is_null()) << sheet << " " << l.id;
      const Counts& c = l.by_type[0];
      EXPECT_EQ(row[3], c.opening) << sheet << " " << l.id;
      EXPECT_EQ(row[4], c.founded) << sheet << " " << l.id;
      EXPECT_EQ(row[5], c.dissolved) << sheet << " " << l.id;
      EXPECT_EQ(row[6], c.other) << sheet << " " << l.id;
      EXPECT_EQ(row[7], c.closing) << sheet << " " << l.id;
      EXPECT_EQ(row[9], c.members) << sheet << " " << l.id;
      auto tht = find_row(rows, {code, l.name, "THT"});
      ASSERT_FALSE(tht.is_null());
      EXPECT_EQ(tht[7], l.by_type[2].closing) << sheet << " " << l.id;
    }
  };
  check_sheet("Vùng", r.current.regions, false);
  check_sheet("Tỉnh", r.current.provinces, true);
  check_sheet("Ngành", r.current.sectors, false);
  EXPECT_EQ(r.current.provinces.size(), 63u);
}

}  // namespace
}  // namespace htx::stats
