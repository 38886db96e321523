#include "demo/demo_governance.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/error.hpp"
#include "demo/demo_dates.hpp"
#include "demo/demo_support.hpp"

namespace htx::demo {

namespace {

using namespace htx::governance;

// Seed 001 names the meeting, its chair and its contents, not its day: the 10-month report
// puts it in early November 2021.
const Date kMeetingDay = d(2021, 11, 5);
const Date kAppliedBy = d(2021, 10, 15);
constexpr int kAdmittedInBatch = 14;
constexpr int kBtvMembers = 9;

// Seed 002: the staff conference of 21/01/2022 handed the 2021 awards.
const Date kAwardDecisionDay = d(2022, 1, 20);

constexpr std::array<const char*, 13> kCollectives{{
    "Văn phòng",
    "Ban Tổ chức - Kiểm tra",
    "Ban Chính sách - Pháp luật",
    "Ban Kế hoạch - Hợp tác quốc tế",
    "Ban Tài chính - Kế toán",
    "Trung tâm Xúc tiến thương mại & đầu tư",
    "Trung tâm Thông tin – Tuyên truyền",
    "Quỹ Hỗ trợ phát triển HTX",
    "Phòng Tổng hợp, Văn phòng",
    "Phòng Quản trị, Văn phòng",
    "Phòng Nghiệp vụ tín dụng, Quỹ Hỗ trợ phát triển HTX",
    "Phòng Xúc tiến thương mại, Trung tâm Xúc tiến thương mại & đầu tư",
    "Phòng Biên tập, Trung tâm Thông tin – Tuyên truyền",
}};
constexpr std::array<const char*, 8> kFamily{
    {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"}};
constexpr std::array<const char*, 16> kGiven{{
    "Văn An",
    "Thị Bình",
    "Minh Châu",
    "Quốc Dũng",
    "Thị Hà",
    "Đức Hải",
    "Thu Hằng",
    "Văn Hùng",
    "Thị Lan",
    "Ngọc Long",
    "Thị Mai",
    "Văn Nam",
    "Thanh Phương",
    "Hữu Quang",
    "Thị Thảo",
    "Minh Tuấn",
}};

class Writer {
 public:
  Writer(GovernanceRepository& repo, work::WorkRepository& work, std::string actor, std::string now)
      : repo_(repo), work_(work), actor_(std::move(actor)), now_(std::move(now)) {}

  std::int64_t unit(const char* code) {
    auto u = work_.find_unit_by_code(code);
    if (!u) throw InfrastructureError(std::string("demo: work unit ") + code + " is missing");
    return u->id;
  }

  std::int64_t document(work::DocumentKind kind, int number, const char* symbol,
                        std::int64_t issuer, Date on, const char* title, const char* signer,
                        work::DraftStatus status) {
    work::Document doc;
    doc.kind = kind;
    doc.number = number;
    doc.issuer_symbol = symbol;
    doc.issuer_unit_id = issuer;
    doc.issued_on = on;
    doc.signer = signer;
    doc.title = title;
    doc.status = status;
    doc.recorded_by = actor_;
    doc.recorded_at = now_;
    return work_.insert_document(doc);
  }

  GovernanceRepository& repo_;
  work::WorkRepository& work_;
  std::string actor_, now_;
};

}  // namespace

GovernanceDemoSummary build_governance_demo(GovernanceRepository& repo, work::WorkRepository& work,
                                            registry::RegistryRepository& registry,
                                            audit::AuditLog& audit, Date today,
                                            const std::string& actor, const std::string& now) {
  GovernanceDemoSummary sum;
  Writer w(repo, work, actor, now);
  const std::int64_t vca = w.unit("LMHTXVN");
  const std::int64_t bg = w.unit("LMHTX-24");

  // Bắc Giang's alliance: its bodies and term VI (2020–2025), chaired by Nguyễn Đức Hiền.
  std::int64_t btv = 0, leadership = 0;
  for (auto kind : {BodyKind::kCongress, BodyKind::kExecutive, BodyKind::kStanding,
                    BodyKind::kLeadership, BodyKind::kInspection}) {
    auto id = repo.insert_body({0, bg, kind});
    if (kind == BodyKind::kStanding) btv = id;
    if (kind == BodyKind::kLeadership) leadership = id;
  }
  const std::int64_t term = repo.insert_term({0, bg, 6, 2020, 2025});
  const Date term_start = d(2020, 8, 20);
  repo.insert_member(
      {0, leadership, term, "Nguyễn Đức Hiền", "Chủ tịch", term_start, std::nullopt});
  repo.insert_member({0, btv, term, "Nguyễn Đức Hiền", "Chủ tịch", term_start, std::nullopt});

  if (kMeetingDay <= today) {
    // Seed 001: the 3rd BTV meeting of term VI.
    const auto qc_bch = w.document(
        work::DocumentKind::kRegulation, 1, "LMHTX", bg, kMeetingDay,
        "Dự thảo Quy chế làm việc của Ban Chấp hành, Ban Thường vụ, Thường trực Liên minh Hợp tác "
        "xã tỉnh Bắc Giang khóa VI, nhiệm kỳ 2020 – 2025",
        "Nguyễn Đức Hiền", work::DraftStatus::kConsultation);
    const auto qc_ubkt = w.document(
        work::DocumentKind::kRegulation, 2, "LMHTX", bg, kMeetingDay,
        "Dự thảo Quy chế làm việc của Ủy ban Kiểm tra Liên minh HTX tỉnh Bắc Giang khoá VI, "
        "nhiệm kỳ 2020 – 2025",
        "Nguyễn Đức Hiền", work::DraftStatus::kConsultation);
    Meeting m;
    m.body_id = btv;
    m.term_id = term;
    m.number = 3;
    m.held_on = kMeetingDay;
    m.mode = MeetingMode::kInPerson;
    m.chair = "Nguyễn Đức Hiền";
    m.attendee_count = kBtvMembers;
    m.attendees = {"Nguyễn Đức Hiền"};
    m.minutes =
        "Ban Thường vụ thảo luận, thông qua các nội dung trình Hội nghị Ban Chấp hành: báo cáo "
        "kết quả hoạt động 10 tháng đầu năm, nhiệm vụ cần tập trung những tháng cuối năm 2021; "
        "hai dự thảo Quy chế làm việc. Ban Thường vụ nhất trí kết nạp 14 đơn vị tham gia thành "
        "viên Liên minh HTX tỉnh đợt 2 năm 2021. Thường trực hoàn thiện hai dự thảo và báo cáo "
        "xin ý kiến Ban Chấp hành bằng hình thức thích hợp.";
    m.recorded_by = actor;
    m.recorded_at = now;
    m.id = repo.insert_meeting(m);
    ++sum.meetings;
    for (auto doc_id : {qc_bch, qc_ubkt}) {
      auto doc = work.find_document(doc_id);
      doc->meeting_id = m.id;
      work.update_document(*doc);
    }
    const Votes all_for{kBtvMembers, 0, 0};
    struct ItemSpec {
      ItemKind kind;
      const char* title;
      std::optional<std::int64_t> document;
    };
    const std::array<ItemSpec, 4> items{{
        {ItemKind::kReportApproval,
         "Báo cáo kết quả hoạt động 10 tháng đầu năm, nhiệm vụ cần tập trung những tháng cuối "
         "năm 2021",
         std::nullopt},
        {ItemKind::kDraft,
         "Dự thảo Quy chế làm việc của Ban Chấp hành, Ban Thường vụ, Thường trực khóa VI", qc_bch},
        {ItemKind::kDraft, "Dự thảo Quy chế làm việc của Ủy ban Kiểm tra khóa VI", qc_ubkt},
        {ItemKind::kAdmission,
         "Xét kết nạp các đơn vị, HTX tham gia thành viên Liên minh HTX tỉnh đợt 2/2021",
         std::nullopt},
    }};
    std::int64_t admission_item = 0;
    int position = 0;
    for (const auto& spec : items) {
      AgendaItem item{0,
                      m.id,
                      ++position,
                      spec.kind,
                      spec.title,
                      spec.document,
                      Outcome::kApproved,
                      all_for,
                      "Trình Hội nghị Ban Chấp hành"};
      if (spec.kind == ItemKind::kAdmission) item.note = "Nhất trí kết nạp 14 đơn vị";
      item.id = repo.insert_item(item);
      if (spec.kind == ItemKind::kAdmission) admission_item = item.id;
    }

    // The task it set: finish both drafts and ask the BCH.
    work::Task t;
    t.title = "Hoàn thiện hai dự thảo Quy chế làm việc, báo cáo xin ý kiến Ban Chấp hành";
    t.meeting_id = m.id;
    t.lead_unit_id = bg;
    t.owner = "Nguyễn Đức Hiền";
    t.start_on = kMeetingDay;
    t.due_on = d(2021, 12, 31);
    t.status = d(2021, 12, 20) <= today ? work::TaskStatus::kDone : work::TaskStatus::kInProgress;
    if (t.status == work::TaskStatus::kDone) t.completed_on = d(2021, 12, 20);
    t.recorded_by = actor;
    t.recorded_at = now;
    work.insert_task(t);

    // Batch 2/2021: the first 14 active Bắc Giang cooperatives by registration code that were
    // founded before applying and are not yet alliance members.
    for (const auto& e : cooperatives_of(registry, "24-2008", 500)) {
      if (sum.admitted == kAdmittedInBatch) break;
      if (e.alliance_member || e.dissolved_on || e.founded_on > kAppliedBy.add_days(-30)) continue;
      Application a;
      a.unit_id = bg;
      a.entity_code = e.code;
      a.entity_name = e.name;
      a.applied_on = kAppliedBy.add_days(-(sum.admitted % 10));
      a.batch = {2, 2021};
      a.status = ApplicationStatus::kAdmitted;
      a.decision_item_id = admission_item;
      a.decided_on = kMeetingDay;
      a.recorded_by = actor;
      a.recorded_at = now;
      a.id = repo.insert_application(a);
      repo.insert_membership({0, bg, e.code, e.name, kMeetingDay, std::nullopt, a.id, ""});
      ++sum.admitted;
    }
  }

  if (kAwardDecisionDay <= today) {
    // Seed 002: Bằng khen for 13 excellent labour collectives and 16 grassroots emulation
    // fighters of the VCA's office and units, for 2021.
    const auto decision = w.document(
        work::DocumentKind::kDecision, 30, "LMHTXVN", vca, kAwardDecisionDay,
        "Quyết định tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc năm 2021",
        "Nguyễn Ngọc Bảo", work::DraftStatus::kAdopted);
    Award a;
    a.year = 2021;
    a.granting_unit_id = vca;
    a.decision_document_id = decision;
    a.with_certificate = true;
    a.recorded_by = actor;
    a.recorded_at = now;
    a.recipient_kind = RecipientKind::kCollective;
    a.title = AwardTitle::kExcellentLabourCollective;
    for (const char* name : kCollectives) {
      a.recipient = name;
      repo.insert_award(a);
      ++sum.collectives;
    }
    a.recipient_kind = RecipientKind::kIndividual;
    a.title = AwardTitle::kGrassrootsEmulationFighter;
    for (std::size_t i = 0; i < kGiven.size(); ++i) {
      a.recipient = std::string(kFamily[i % kFamily.size()]) + " " + kGiven[i];
      a.recipient_unit = kCollectives[i % 8];
      repo.insert_award(a);
      ++sum.individuals;
    }
  }

  audit.append({0, now, actor, "governance.demo", "batch", "demo", "",
                nlohmann::json{{"meetings", sum.meetings},
                               {"admitted", sum.admitted},
                               {"awards_collective", sum.collectives},
                               {"awards_individual", sum.individuals}}
                    .dump()});
  return sum;
}

}  // namespace htx::demo
