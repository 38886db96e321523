#include "demo/demo_work.hpp"

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "demo/demo_dates.hpp"
#include "work/rules.hpp"

namespace htx::demo {

namespace {

using work::DocumentKind;
using work::TaskStatus;
using work::UnitKind;

struct UnitSpec {
  const char* code;
  const char* name;
  UnitKind kind;
  const char* province_id;
};

constexpr std::array<UnitSpec, 14> kUnits{{
    {"LMHTXVN", "Liên minh HTX Việt Nam", UnitKind::kNational, ""},
    {"VP", "Văn phòng", UnitKind::kDepartment, ""},
    {"BTCKT", "Ban Tổ chức - Kiểm tra", UnitKind::kDepartment, ""},
    {"BCSPL", "Ban Chính sách - Pháp luật", UnitKind::kDepartment, ""},
    {"BKHHTQT", "Ban Kế hoạch - Hợp tác quốc tế", UnitKind::kDepartment, ""},
    {"BTCKT2", "Ban Tài chính - Kế toán", UnitKind::kDepartment, ""},
    {"TTXTTM", "Trung tâm Xúc tiến thương mại & đầu tư", UnitKind::kAffiliated, ""},
    {"TTTTTT", "Trung tâm Thông tin – Tuyên truyền", UnitKind::kAffiliated, ""},
    {"QHTPT", "Quỹ Hỗ trợ phát triển HTX", UnitKind::kAffiliated, ""},
    {"LMHTX-01", "Liên minh HTX thành phố Hà Nội", UnitKind::kProvincial, "01-2008"},
    {"LMHTX-22", "Liên minh HTX tỉnh Quảng Ninh", UnitKind::kProvincial, "22-2008"},
    {"LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", UnitKind::kProvincial, "24-2008"},
    {"LMHTX-30", "Liên minh HTX tỉnh Hải Dương", UnitKind::kProvincial, "30-2008"},
    {"LMHTX-56", "Liên minh HTX tỉnh Khánh Hòa", UnitKind::kProvincial, "56-2008"},
}};

class Writer {
 public:
  Writer(work::WorkRepository& repo, Date today, std::string actor, std::string now)
      : repo_(repo), today_(today), actor_(std::move(actor)), now_(std::move(now)) {}

  std::int64_t unit(const char* code) const { return unit_ids_.at(code); }

  void units() {
    std::int64_t national = 0;
    for (const auto& u : kUnits) {
      work::Unit w{
          0,
          u.code,
          u.name,
          u.kind,
          u.province_id,
          u.kind == UnitKind::kDepartment || u.kind == UnitKind::kAffiliated ? national : 0};
      w.id = repo_.insert_unit(w);
      if (u.kind == UnitKind::kNational) national = w.id;
      unit_ids_[u.code] = w.id;
      ++summary.units;
    }
  }

  std::int64_t document(DocumentKind kind, int number, Date on, const char* title,
                        const char* signer = "Nguyễn Ngọc Bảo") {
    work::Document doc;
    doc.kind = kind;
    doc.number = number;
    doc.issuer_symbol = "LMHTXVN";
    doc.issuer_unit_id = unit("LMHTXVN");
    doc.issued_on = on;
    doc.signer = signer;
    doc.title = title;
    doc.status = work::DraftStatus::kAdopted;
    doc.recorded_by = actor_;
    doc.recorded_at = now_;
    ++summary.documents;
    return repo_.insert_document(doc);
  }

  // A task; done on `done` if given and not after today.
  std::int64_t task(const std::string& title, const char* lead, Date start, Date due, bool key,
                    std::optional<Date> done = {}, std::optional<std::int64_t> document = {},
                    std::vector<std::int64_t> cooperating = {}) {
    work::Task t;
    t.title = title;
    t.lead_unit_id = unit(lead);
    t.cooperating_unit_ids = std::move(cooperating);
    t.start_on = start;
    t.due_on = due;
    t.key_task = key;
    t.document_id = document;
    t.status = start <= today_ ? TaskStatus::kInProgress : TaskStatus::kNotStarted;
    if (done && *done <= today_) {
      t.status = TaskStatus::kDone;
      t.completed_on = done;
      if (key && *done >= d(2021, 1, 1) && *done <= d(2021, 12, 31) && *done <= due)
        ++key_on_time_2021;
    }
    t.recorded_by = actor_;
    t.recorded_at = now_;
    ++summary.tasks;
    return repo_.insert_task(t);
  }

  void blocker(std::int64_t task_id, Date on, const char* text, std::optional<Date> resolved) {
    if (on > today_) return;
    work::TaskNote n{0,
                     task_id,
                     work::NoteKind::kBlocker,
                     on,
                     text,
                     actor_,
                     resolved && *resolved <= today_ ? resolved : std::nullopt};
    repo_.insert_note(n);
  }

  WorkDemoSummary summary;
  int key_on_time_2021 = 0;

 private:
  work::WorkRepository& repo_;
  Date today_;
  std::string actor_, now_;
  std::map<std::string, std::int64_t> unit_ids_;
};

}  // namespace

WorkDemoSummary build_work_demo(work::WorkRepository& repo, audit::AuditLog& audit, Date today,
                                const std::string& actor, const std::string& now) {
  Writer w(repo, today, actor, now);
  w.units();

  // Seed 000: the documents behind February 2021 and the March plan.
  auto tb64 = w.document(DocumentKind::kNotice, 64, d(2021, 2, 5),
                         "Thông báo kết luận của Thường trực về nhiệm vụ trọng tâm tháng 02/2021");
  auto nq_bch2 = w.document(DocumentKind::kResolution, 2, d(2021, 2, 26),
                            "Nghị quyết Hội nghị Ban Chấp hành Liên minh HTX Việt Nam lần thứ 2");
  auto qd_qn = w.document(DocumentKind::kDecision, 112, d(2021, 2, 22),
                          "Quyết định chuẩn y bầu bổ sung Ban Chấp hành, Ban Thường vụ Liên minh "
                          "HTX tỉnh Quảng Ninh");
  auto qd_kh = w.document(DocumentKind::kDecision, 113, d(2021, 2, 22),
                          "Quyết định chuẩn y bầu Chủ tịch, Phó Chủ tịch Liên minh HTX tỉnh "
                          "Khánh Hòa");

  // Work started in 2018 and still open in February 2021 ("còn dở dang từ năm 2018").
  auto old1 = w.task("Hoàn thiện hồ sơ quyết toán các dự án đầu tư xây dựng cơ bản", "BTCKT2",
                     d(2018, 3, 1), d(2018, 12, 31), false, d(2021, 6, 28));
  w.task("Sắp xếp, xử lý tồn tại tài chính ở một số doanh nghiệp trực thuộc", "BKHHTQT",
         d(2018, 5, 2), d(2018, 12, 31), false, d(2021, 11, 30));
  w.blocker(old1, d(2021, 1, 25), "Chờ ý kiến thẩm định của Bộ Tài chính", d(2021, 4, 15));

  // February 2021: the key tasks of notice 64/TB-LMHTXVN, done.
  const Date feb = d(2021, 2, 5), feb_end = d(2021, 2, 28);
  w.task("Tổ chức Hội nghị trực tuyến Ban Thường vụ Liên minh HTX Việt Nam lần thứ nhất", "VP", feb,
         d(2021, 2, 25), true, d(2021, 2, 24), tb64);
  w.task("Tổ chức Hội nghị trực tuyến Ban Chấp hành Liên minh HTX Việt Nam lần thứ hai", "VP", feb,
         feb_end, true, d(2021, 2, 26), tb64);
  w.task("Thành lập Tổ Công tác hỗ trợ HTX tiêu thụ sản phẩm nông sản của Hải Dương", "VP", feb,
         d(2021, 2, 10), true, d(2021, 2, 8), tb64);
  w.task(
      "Phối hợp với Saigon Co.op và Liên minh HTX thành phố Hà Nội hỗ trợ các HTX tại Hải "
      "Dương tiêu thụ sản phẩm nông sản",
      "TTXTTM", feb, feb_end, true, d(2021, 2, 28), tb64, {w.unit("LMHTX-01"), w.unit("LMHTX-30")});
  w.task("Quyết định điều chỉnh phân công nhiệm vụ phụ trách, chỉ đạo Ban Kiểm tra của Thường trực",
         "BTCKT", feb, d(2021, 2, 20), true, d(2021, 2, 19), tb64);
  w.task(
      "Ban hành 02 Quyết định chuẩn y bầu và bầu bổ sung Ban Chấp hành, Ban Thường vụ, Chủ tịch, "
      "Phó Chủ tịch Liên minh HTX tỉnh Quảng Ninh, Khánh Hòa",
      "BTCKT", feb, d(2021, 2, 25), true, d(2021, 2, 22), tb64,
      {w.unit("LMHTX-22"), w.unit("LMHTX-56")});
  w.task("Triển khai các thủ tục giới thiệu người ứng cử đại biểu Quốc hội khóa XV", "BTCKT", feb,
         feb_end, true, d(2021, 2, 26), tb64);
  (void)qd_qn;
  (void)qd_kh;

  // March 2021: the plan.
  const Date mar = d(2021, 3, 1), mar_end = d(2021, 3, 31);
  w.task(
      "Hoàn thiện các tài liệu và triển khai Nghị quyết Hội nghị Ban Chấp hành Liên minh HTX "
      "Việt Nam lần thứ 2",
      "VP", mar, mar_end, true, d(2021, 3, 30), nq_bch2);
  w.task(
      "Hoàn thiện nội dung và tổ chức các buổi làm việc với Bộ Kế hoạch và Đầu tư, Bộ Thông tin "
      "và Truyền thông, Bộ Khoa học và Công nghệ, Bộ Lao động - Thương binh và Xã hội",
      "BCSPL", mar, mar_end, true, d(2021, 3, 29), nq_bch2);

  // Seed 002: the rest of the 2021 programme, monthly key tasks of each unit from April, all
  // done on time until 149 are; the job-position scheme ran late.
  static constexpr std::array<const char*, 8> kLeads{"VP",     "BTCKT",  "BCSPL",  "BKHHTQT",
                                                     "BTCKT2", "TTXTTM", "TTTTTT", "QHTPT"};
  int i = 0;
  while (w.key_on_time_2021 < 149 && i < 1000) {
    int month = 4 + (i / static_cast<int>(kLeads.size())) % 9;
    const char* lead = kLeads[static_cast<std::size_t>(i) % kLeads.size()];
    Date start = d(2021, month, 1), due = work::last_day(2021, month);
    w.task("Nhiệm vụ trọng tâm tháng " + std::to_string(month) + "/2021, đầu việc " +
               std::to_string(i / 72 + 1),
           lead, start, due, true, due.add_days(-(i % 5)));
    ++i;
  }
  w.task("Triển khai Đề án vị trí việc làm", "BTCKT", d(2021, 3, 1), d(2021, 9, 30), true,
         d(2021, 12, 20));
  w.task("Tổng kết 20 năm thực hiện Nghị quyết số 13-NQ/TW", "BCSPL", d(2021, 11, 1),
         d(2022, 3, 31), true, d(2022, 3, 18));

  audit.append({0, now, actor, "work.demo", "batch", "demo", "",
                nlohmann::json{{"units", w.summary.units},
                               {"documents", w.summary.documents},
                               {"tasks", w.summary.tasks}}
                    .dump()});
  return w.summary;
}

}  // namespace htx::demo
