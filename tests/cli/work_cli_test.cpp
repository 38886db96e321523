// `htx review` through the real binary on the full demo: the February 2021 review with the
// March plan (seed 000) and the 2021 summary (seed 002), computed from the task records, as text,
// JSON and .docx (read back with python3's zipfile + xml.etree); `htx document` and `htx task`:
// the loop document -> task -> progress -> blocker -> done, and the named bad inputs refused with
// the catalogue's message, exit 1 and nothing written. Writes use 2026 dates so that the 2021
// reviews stay as the seeds state them whatever the order of the tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/docx_read.hpp"
#include "support/prerequisite.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace {

using htx::testing::Result;
using htx::testing::run_program;
using htx::testing::TempDir;

class WorkCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->file("demo.db");
    auto r = run_program(HTX_BINARY, {"--db", db_, "demo"}, dir_->path().string());
    ASSERT_EQ(r.code, 0) << r;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  Result on(std::initializer_list<std::string> args) {
    std::vector<std::string> a = {"--db", db_};
    a.insert(a.end(), args.begin(), args.end());
    return run_program(HTX_BINARY, a, dir_->path().string());
  }
  std::string file(const std::string& name) { return dir_->file(name); }
  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
};

void expect_has(const std::string& text, const std::string& part) {
  EXPECT_NE(text.find(part), std::string::npos) << "missing: " << part << "\n" << text;
}

TEST_F(WorkCliTest, FebruaryReviewStatesSeed000) {
  auto r = on({"review", "2021-02", "--date", "10/03/2021"});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "Báo cáo đánh giá công tác tháng 02, triển khai công tác tháng 3/2021");
  expect_has(r.out, "Hà Nội, ngày 10 tháng 3 năm 2021");
  expect_has(r.out,
             "Tháng 02, cả nước thành lập mới 195 HTX, cụ thể: Miền Bắc: 148 HTX; "
             "Miền Trung – Tây Nguyên: 12 HTX; Miền Nam: 35 HTX.");
  expect_has(r.out, "Thông báo số 64/TB-LMHTXVN ngày 05/02/2021");
  expect_has(r.out,
             "Tổ chức Hội nghị trực tuyến Ban Thường vụ Liên minh HTX Việt Nam lần thứ nhất");
  expect_has(r.out, "còn dở dang từ năm 2018");
  expect_has(r.out, "II. NHIỆM VỤ TRỌNG TÂM THÁNG 3/2021");
  expect_has(r.out, "Hoàn thiện các tài liệu và triển khai Nghị quyết Hội nghị Ban Chấp hành");
  expect_has(r.out, "Bộ Kế hoạch và Đầu tư");
  expect_has(r.out, "Triển khai đúng thời hạn các công việc còn dở dang từ năm 2018");
}

TEST_F(WorkCliTest, YearReviewStates149WorkItemsDoneOnTime) {
  auto r = on({"review", "2021"});
  ASSERT_EQ(r.code, 0) << r;
  expect_has(r.out, "149 đầu việc lớn hoàn thành đúng tiến độ");
  auto j = on({"review", "2021", "--format", "json"});
  ASSERT_EQ(j.code, 0) << j;
  auto json = nlohmann::json::parse(j.out);
  EXPECT_EQ(json["key_done_on_time"], 149);
  EXPECT_EQ(json["registry"]["founded"]["HTX"], 2283);
}

TEST_F(WorkCliTest, BadPeriodIsRefused) {
  auto r = on({"review", "2021-13"});
  EXPECT_EQ(r.code, 2) << r;
  expect_has(r.err, "2021-13");
}

// The .docx read back: every paragraph's text, in reading order (tables included).
nlohmann::json docx_of(const std::string& path) {
  std::string error;
  auto j = htx::testing::read_docx(path, error);
  if (!j) ADD_FAILURE() << "cannot read " << path << ": " << error;
  return j.value_or(nlohmann::json::object());
}

bool has_paragraph(const nlohmann::json& doc, const std::string& text) {
  const auto& ps = doc["paragraphs"];
  return std::find(ps.begin(), ps.end(), text) != ps.end();
}

bool paragraph_containing(const nlohmann::json& doc, const std::string& part) {
  for (const auto& p : doc["paragraphs"])
    if (p.get<std::string>().find(part) != std::string::npos) return true;
  return false;
}

TEST_F(WorkCliTest, FebruaryReviewAsDocxInDecree30Layout) {
  HTX_REQUIRE(!htx::testing::plain_python().empty(), "python3 not found");
  auto path = file("bc-2021-02.docx");
  auto r = on({"review", "2021-02", "--date", "10/03/2021", "--format", "docx", "-o", path});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(r.out.empty()) << r.out;
  auto doc = docx_of(path);
  EXPECT_TRUE(doc["bad_member"].is_null());
  EXPECT_EQ(doc["content_types"]["/word/document.xml"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
  EXPECT_EQ(doc["page"], nlohmann::json({{"w", 11906},
                                         {"h", 16838},
                                         {"top", 1134},
                                         {"bottom", 1134},
                                         {"left", 1701},
                                         {"right", 850}}));
  EXPECT_EQ(doc["font"], "Times New Roman");
  EXPECT_EQ(doc["size"], 28);
  ASSERT_EQ(doc["blocks"][0]["type"], "tbl");  // the header block
  const char* kFigures =
      "Tháng 02, cả nước thành lập mới 195 HTX, cụ thể: Miền Bắc: 148 HTX; "
      "Miền Trung – Tây Nguyên: 12 HTX; Miền Nam: 35 HTX.";
  for (const char* p : {"LIÊN MINH HTX VIỆT NAM", "VĂN PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                        "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 10 tháng 3 năm 2021",
                        "BÁO CÁO", "Đánh giá công tác tháng 02, triển khai công tác tháng 3/2021",
                        "I. KẾT QUẢ CÔNG TÁC THÁNG 02/2021", "II. NHIỆM VỤ TRỌNG TÂM THÁNG 3/2021",
                        kFigures, "Nơi nhận:"})
    EXPECT_TRUE(has_paragraph(doc, p)) << p << "\n" << doc["paragraphs"].dump(1);
  EXPECT_TRUE(paragraph_containing(doc, "Thông báo số 64/TB-LMHTXVN ngày 05/02/2021"));
  EXPECT_TRUE(paragraph_containing(doc, "còn dở dang từ năm 2018"));

  // The same review gives the same bytes.
  auto again = file("bc-2021-02-again.docx");
  ASSERT_EQ(on({"review", "2021-02", "--date", "10/03/2021", "--format", "docx", "-o", again}).code,
            0);
  EXPECT_EQ(TempDir::read(path), TempDir::read(again));
}

TEST_F(WorkCliTest, YearReviewAsDocxChosenByTheFileName) {
  HTX_REQUIRE(!htx::testing::plain_python().empty(), "python3 not found");
  auto path = file("bc-2021.docx");
  auto r = on({"review", "2021", "--date", "15/12/2021", "-o", path});
  ASSERT_EQ(r.code, 0) << r;
  auto doc = docx_of(path);
  EXPECT_TRUE(has_paragraph(doc, "BÁO CÁO"));
  EXPECT_TRUE(has_paragraph(doc, "Tổng kết công tác năm 2021, triển khai nhiệm vụ năm 2022"))
      << doc["paragraphs"].dump(1);
  EXPECT_TRUE(paragraph_containing(doc, "149 đầu việc lớn hoàn thành đúng tiến độ"));
  EXPECT_TRUE(has_paragraph(doc, "Hà Nội, ngày 15 tháng 12 năm 2021"));
}

TEST_F(WorkCliTest, DocxWithoutAnOutputFileIsAUsageError) {
  auto r = on({"review", "2021-02", "--format", "docx"});
  EXPECT_EQ(r.code, 2) << r;
  expect_has(r.err, "-o");
  EXPECT_TRUE(r.out.empty());
}

std::string id_in(const std::string& out, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex(pattern))) return "";
  return m[1];
}

TEST_F(WorkCliTest, DocumentTaskProgressBlockerDone) {
  auto d = on({"document", "add", "--kind", "TB", "--number", "301", "--issuer", "LMHTXVN",
               "--date", "02/10/2026", "--signer", "Nguyễn Ngọc Bảo", "--summary",
               "Kết luận của Thường trực về chuyển đổi số"});
  ASSERT_EQ(d.code, 0) << d;
  expect_has(d.out, "301/TB-LMHTXVN");
  std::string doc_id = id_in(d.out, "mã ([0-9]+)");
  ASSERT_FALSE(doc_id.empty()) << d.out;
  auto list = on({"document", "list", "--year", "2026"});
  ASSERT_EQ(list.code, 0) << list;
  expect_has(list.out, "301/TB-LMHTXVN");
  expect_has(list.out, "02/10/2026");
  expect_has(list.out, "Kết luận của Thường trực về chuyển đổi số");
  EXPECT_EQ(list.out.find("64/TB-LMHTXVN"), std::string::npos) << list.out;

  auto t = on({"task", "add", "--title", "Xây dựng đề án chuyển đổi số", "--lead", "TTTTTT",
               "--with", "VP", "--with", "BKHHTQT", "--owner", "Trần Văn B", "--start",
               "05/10/2026", "--due", "15/11/2026", "--key", "--document", doc_id});
  ASSERT_EQ(t.code, 0) << t;
  std::string task_id = id_in(t.out, "đầu việc ([0-9]+)");
  ASSERT_FALSE(task_id.empty()) << t.out;

  // Due 15/11/2026, today 29/11/2026 (HTX_TODAY): overdue by 14 days.
  auto overdue = on({"task", "list", "--overdue", "--unit", "TTTTTT"});
  ASSERT_EQ(overdue.code, 0) << overdue;
  expect_has(overdue.out, "Xây dựng đề án chuyển đổi số");
  expect_has(overdue.out, "quá hạn 14 ngày");

  auto p = on({"task", "progress", task_id, "--date", "20/10/2026", "Đã có dự thảo lần 1"});
  ASSERT_EQ(p.code, 0) << p;
  auto in_progress = on({"task", "list", "--status", "in_progress", "--unit", "TTTTTT"});
  expect_has(in_progress.out, "Xây dựng đề án chuyển đổi số");

  auto b = on({"task", "block", task_id, "--date", "01/11/2026", "Chưa bố trí được kinh phí"});
  ASSERT_EQ(b.code, 0) << b;
  auto blockers = on({"task", "blockers"});
  ASSERT_EQ(blockers.code, 0) << blockers;
  expect_has(blockers.out, "Xây dựng đề án chuyển đổi số: Chưa bố trí được kinh phí");
  expect_has(blockers.out, "01/11/2026");

  auto done = on({"task", "done", task_id, "--date", "20/11/2026"});
  ASSERT_EQ(done.code, 0) << done;
  expect_has(done.out, "chậm 5 ngày");
  blockers = on({"task", "blockers"});
  EXPECT_EQ(blockers.out.find("Chưa bố trí được kinh phí"), std::string::npos) << blockers.out;
  auto listed = on({"task", "list", "--status", "done", "--unit", "TTTTTT"});
  expect_has(listed.out, "Xây dựng đề án chuyển đổi số");

  // Closing it twice is refused.
  auto twice = on({"task", "done", task_id, "--date", "21/11/2026"});
  EXPECT_EQ(twice.code, 1) << twice;
  expect_has(twice.err, "không thay đổi được nữa");
}

TEST_F(WorkCliTest, BlockerResolvedTaskCancelledDraftAdvanced) {
  auto t = on({"task", "add", "--title", "Khảo sát mô hình HTX kiểu mới", "--lead", "VP", "--start",
               "01/10/2026", "--due", "30/12/2026"});
  ASSERT_EQ(t.code, 0) << t;
  std::string task_id = id_in(t.out, "đầu việc ([0-9]+)");
  ASSERT_EQ(on({"task", "block", task_id, "--date", "05/11/2026", "Chờ ý kiến của Bộ"}).code, 0);
  auto blockers = on({"task", "blockers"});
  std::string blocker_id = id_in(blockers.out, "Chờ ý kiến của Bộ.*mã vướng mắc ([0-9]+)");
  ASSERT_FALSE(blocker_id.empty()) << blockers.out;

  // Resolved before it was raised: refused; then resolved, off the list, the task going again.
  auto early = on({"task", "resolve", blocker_id, "--date", "01/11/2026"});
  EXPECT_EQ(early.code, 1) << early;
  auto resolved = on({"task", "resolve", blocker_id, "--date", "10/11/2026"});
  ASSERT_EQ(resolved.code, 0) << resolved;
  expect_has(resolved.out, "Đã ghi tháo gỡ vướng mắc " + blocker_id);
  EXPECT_EQ(on({"task", "blockers"}).out.find("Chờ ý kiến của Bộ"), std::string::npos);
  expect_has(on({"task", "list", "--status", "in_progress", "--unit", "VP"}).out,
             "Khảo sát mô hình HTX kiểu mới");
  auto again = on({"task", "resolve", blocker_id, "--date", "11/11/2026"});
  EXPECT_EQ(again.code, 1) << again;
  expect_has(again.err, "đã được tháo gỡ");

  // Cancelled: listed as cancelled, and closed for good.
  auto cancelled = on({"task", "cancel", task_id, "--date", "20/11/2026"});
  ASSERT_EQ(cancelled.code, 0) << cancelled;
  expect_has(cancelled.out, "Đã hủy đầu việc " + task_id);
  expect_has(on({"task", "list", "--status", "cancelled", "--unit", "VP"}).out,
             "Khảo sát mô hình HTX kiểu mới");
  EXPECT_EQ(on({"task", "cancel", task_id, "--date", "21/11/2026"}).code, 1);

  // A draft goes forward (by code or by its Vietnamese name), never back.
  auto d = on({"document", "add", "--kind", "QC", "--number", "12", "--issuer", "LMHTXVN", "--date",
               "02/11/2026", "--summary", "Dự thảo Quy chế làm việc", "--draft"});
  ASSERT_EQ(d.code, 0) << d;
  std::string doc_id = id_in(d.out, "mã ([0-9]+)");
  auto consult = on({"document", "advance", doc_id, "--to", "gop y"});
  ASSERT_EQ(consult.code, 0) << consult;
  expect_has(consult.out, "góp ý");
  auto adopted = on({"document", "advance", doc_id, "--to", "adopted"});
  ASSERT_EQ(adopted.code, 0) << adopted;
  expect_has(adopted.out, "thông qua");
  auto back = on({"document", "advance", doc_id, "--to", "draft"});
  EXPECT_EQ(back.code, 1) << back;
  expect_has(back.err, "không chuyển về");
  auto nonsense = on({"document", "advance", doc_id, "--to", "xong"});
  EXPECT_EQ(nonsense.code, 2) << nonsense;
  expect_has(nonsense.err, "xong");
}

TEST_F(WorkCliTest, UnitsAreAddedAndListed) {
  auto added =
      on({"unit", "add", "--code", "LMHTX-36", "--name", "Liên minh HTX tỉnh Nam Định", "--kind",
          "provincial", "--province", "nam dinh", "--established", "01/06/2010"});
  ASSERT_EQ(added.code, 0) << added;
  expect_has(added.out, "LMHTX-36");
  auto dept =
      on({"unit", "add", "--code", "BCĐS", "--name", "Ban Chuyển đổi số", "--kind", "department"});
  ASSERT_EQ(dept.code, 0) << dept;
  auto list = on({"unit", "list"});
  ASSERT_EQ(list.code, 0) << list;
  expect_has(list.out, "Liên minh HTX tỉnh Nam Định");
  expect_has(list.out, "Nam Định");
  expect_has(list.out, "01/06/2010");
  expect_has(list.out, "Ban Chuyển đổi số");

  // Refused, nothing written: a used code, an unknown kind or province, a provincial alliance
  // without a province, a department with one.
  auto twice = on({"unit", "add", "--code", "LMHTX-36", "--name", "X", "--kind", "provincial",
                   "--province", "36"});
  EXPECT_EQ(twice.code, 1) << twice;
  expect_has(twice.err, "mã đơn vị LMHTX-36 đã có");
  auto kind = on({"unit", "add", "--code", "X1", "--name", "X", "--kind", "ban"});
  EXPECT_EQ(kind.code, 2) << kind;
  expect_has(kind.err, "ban");
  auto province = on({"unit", "add", "--code", "X2", "--name", "X", "--kind", "provincial",
                      "--province", "Atlantis"});
  EXPECT_EQ(province.code, 2) << province;
  expect_has(province.err, "Atlantis");
  auto missing = on({"unit", "add", "--code", "X3", "--name", "X", "--kind", "provincial"});
  EXPECT_EQ(missing.code, 1) << missing;
  auto unexpected = on({"unit", "add", "--code", "X4", "--name", "X", "--kind", "department",
                        "--province", "Hà Nội"});
  EXPECT_EQ(unexpected.code, 1) << unexpected;
  EXPECT_EQ(on({"unit", "list"}).out, list.out);
}

TEST_F(WorkCliTest, AFileIsAttachedToADocumentAndReadBack) {
  auto d = on({"document", "add", "--kind", "KH", "--number", "45", "--issuer", "LMHTXVN", "--date",
               "03/11/2026", "--summary", "Kế hoạch tập huấn"});
  ASSERT_EQ(d.code, 0) << d;
  std::string id = id_in(d.out, "mã ([0-9]+)");
  std::string pdf = std::string("%PDF-1.5\n") + std::string("\0\x01\x02 scanned", 11);
  std::string path = dir_->file("Kế hoạch 45.pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  std::string renamed = dir_->file("bang.pdf");
  std::ofstream(renamed, std::ios::binary) << "PK\x03\x04 this is a zip";

  auto refused = on({"document", "attach", id, renamed});
  EXPECT_EQ(refused.code, 1) << refused;
  expect_has(refused.err, "không phải là tệp PDF");
  auto none = on({"document", "file", id, "-o", dir_->file("none.pdf")});
  EXPECT_EQ(none.code, 1) << none;
  expect_has(none.err, "chưa có tệp đính kèm");

  auto ok = on({"document", "attach", id, path});
  ASSERT_EQ(ok.code, 0) << ok;
  expect_has(ok.out, "Kế hoạch 45.pdf");
  expect_has(ok.out, "45/KH-LMHTXVN");
  std::string back = dir_->file("back.pdf");
  auto got = on({"document", "file", id, "-o", back});
  ASSERT_EQ(got.code, 0) << got;
  std::ifstream in(back, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes, pdf) << "every byte comes back";
  auto missing = on({"document", "attach", id, dir_->file("khong-co.pdf")});
  EXPECT_EQ(missing.code, 1) << missing;
}

TEST_F(WorkCliTest, UsedDocumentNumberIsRefusedAndNothingWritten) {
  auto before = on({"document", "list", "--year", "2021"});
  auto r = on({"document", "add", "--kind", "TB", "--number", "64", "--issuer", "LMHTXVN", "--date",
               "20/06/2021", "--signer", "X", "--summary", "Trùng số"});
  EXPECT_EQ(r.code, 1) << r;
  expect_has(r.err, "số văn bản 64/TB-LMHTXVN đã được dùng trong năm 2021");
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(on({"document", "list", "--year", "2021"}).out, before.out);
}

TEST_F(WorkCliTest, DueDateBeforeStartIsRefusedAndNothingWritten) {
  auto before = on({"task", "list", "--unit", "QHTPT"});
  auto r = on({"task", "add", "--title", "Việc ngược hạn", "--lead", "QHTPT", "--start",
               "10/11/2026", "--due", "01/11/2026"});
  EXPECT_EQ(r.code, 1) << r;
  expect_has(r.err, "hạn hoàn thành 01/11/2026 trước ngày bắt đầu 10/11/2026");
  EXPECT_EQ(on({"task", "list", "--unit", "QHTPT"}).out, before.out);
}

TEST_F(WorkCliTest, OtherBadInputsAreRefused) {
  auto unknown = on({"task", "add", "--title", "Việc", "--lead", "KHONGCO", "--start", "01/11/2026",
                     "--due", "02/11/2026"});
  EXPECT_EQ(unknown.code, 1) << unknown;
  expect_has(unknown.err, "KHONGCO");
  auto future = on({"document", "add", "--kind", "NQ", "--number", "9", "--issuer", "LMHTXVN",
                    "--date", "01/01/2027", "--summary", "Văn bản tương lai"});
  EXPECT_EQ(future.code, 1) << future;
  auto kind = on({"document", "add", "--kind", "XX", "--number", "9", "--issuer", "LMHTXVN",
                  "--date", "01/01/2026", "--summary", "Loại sai"});
  EXPECT_EQ(kind.code, 2) << kind;
  expect_has(kind.err, "XX");
  auto missing = on({"task", "progress", "999999", "--date", "01/11/2026", "Tiến độ"});
  EXPECT_EQ(missing.code, 1) << missing;
  expect_has(missing.err, "không tìm thấy đầu việc 999999");
  auto bad_date = on({"task", "done", "1", "--date", "31/02/2026"});
  EXPECT_EQ(bad_date.code, 2) << bad_date;
  expect_has(bad_date.err, "31/02/2026");
}

}  // namespace
