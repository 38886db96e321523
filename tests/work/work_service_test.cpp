#include "work/work_service.hpp"

#include <gtest/gtest.h>

#include "memory_work_repository.hpp"

namespace htx::work {
namespace {
using testing::d;

class WorkServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vca_ = add({0, "LMHTXVN", "Liên minh HTX Việt Nam", UnitKind::kNational, "", 0});
    office_ = add({0, "VP", "Văn phòng", UnitKind::kDepartment, "", vca_.id});
    bac_giang_ =
        add({0, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", UnitKind::kProvincial, "24", 0});
    ha_noi_ =
        add({0, "LMHTX-01", "Liên minh HTX thành phố Hà Nội", UnitKind::kProvincial, "01", 0});
  }
  Unit add(Unit u) { return *service_.add_unit(u, "test", ProvinceScope::all()); }
  Task task(std::int64_t lead, Date start, Date due) {
    Task t;
    t.title = "Hoàn thiện tài liệu Hội nghị BCH lần thứ 2";
    t.lead_unit_id = lead;
    t.start_on = start;
    t.due_on = due;
    return t;
  }
  Document notice(int number) {
    Document doc;
    doc.kind = DocumentKind::kNotice;
    doc.number = number;
    doc.issuer_symbol = "LMHTXVN";
    doc.issuer_unit_id = vca_.id;
    doc.issued_on = d(2021, 2, 5);
    doc.title = "Thông báo kết luận của Thường trực";
    return doc;
  }

  FixedClock clock_{d(2021, 3, 10), "2021-03-10T08:00:00Z"};
  testing::MemoryWork mem_;
  WorkService service_{mem_, mem_, mem_, clock_};
  Unit vca_, office_, bac_giang_, ha_noi_;
};

TEST_F(WorkServiceTest, UsedDocumentNumberIsRefusedPerIssuerKindAndYear) {
  auto first = service_.add_document(notice(64), "vp", ProvinceScope::all());
  ASSERT_TRUE(first) << first.error().key;
  EXPECT_EQ(first->number_symbol(), "64/TB-LMHTXVN");
  auto audit_before = mem_.audit_size();
  auto again = service_.add_document(notice(64), "vp", ProvinceScope::all());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "work.document_number_used");
  EXPECT_EQ(again.error().params.at("number_symbol"), "64/TB-LMHTXVN");
  EXPECT_EQ(mem_.audit_size(), audit_before);
  auto other_kind = notice(64);
  other_kind.kind = DocumentKind::kDecision;
  EXPECT_TRUE(service_.add_document(other_kind, "vp", ProvinceScope::all()));
  auto other_year = notice(64);
  other_year.issued_on = d(2020, 2, 5);
  EXPECT_TRUE(service_.add_document(other_year, "vp", ProvinceScope::all()));
}

TEST_F(WorkServiceTest, DraftsMoveOnlyForward) {
  auto doc = notice(3);
  doc.kind = DocumentKind::kRegulation;
  doc.status = DraftStatus::kDraft;
  auto added = service_.add_document(doc, "vp", ProvinceScope::all());
  ASSERT_TRUE(added);
  auto consult = service_.advance_document(added->id, DraftStatus::kConsultation, {}, "vp",
                                           ProvinceScope::all());
  ASSERT_TRUE(consult);
  auto adopted =
      service_.advance_document(added->id, DraftStatus::kAdopted, 7, "vp", ProvinceScope::all());
  ASSERT_TRUE(adopted);
  EXPECT_EQ(adopted->meeting_id, 7);
  auto back = service_.advance_document(added->id, DraftStatus::kConsultation, {}, "vp",
                                        ProvinceScope::all());
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().key, "work.document_status_backward");
}

TEST_F(WorkServiceTest, DueDateBeforeStartIsRefusedAndNothingChanges) {
  auto before = mem_.audit_size();
  auto r = service_.add_task(task(office_.id, d(2021, 3, 10), d(2021, 3, 1)), "vp",
                             ProvinceScope::all());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().key, "work.task_due_before_start");
  EXPECT_TRUE(service_.tasks().empty());
  EXPECT_EQ(mem_.audit_size(), before);
}

TEST_F(WorkServiceTest, ProvincialUserAssignsOnlyToTheirProvince) {
  ProvinceScope bac_giang_only = ProvinceScope::of({"24"});
  auto own =
      service_.add_task(task(bac_giang_.id, d(2021, 3, 1), d(2021, 3, 31)), "bg", bac_giang_only);
  ASSERT_TRUE(own) << own.error().key;
  auto other =
      service_.add_task(task(ha_noi_.id, d(2021, 3, 1), d(2021, 3, 31)), "bg", bac_giang_only);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().key, "work.unit_out_of_scope");
  auto national =
      service_.add_task(task(office_.id, d(2021, 3, 1), d(2021, 3, 31)), "bg", bac_giang_only);
  ASSERT_FALSE(national);
  auto cooperating = task(bac_giang_.id, d(2021, 3, 1), d(2021, 3, 31));
  cooperating.cooperating_unit_ids = {ha_noi_.id};
  EXPECT_FALSE(service_.add_task(cooperating, "bg", bac_giang_only));
  EXPECT_EQ(service_.tasks().size(), 1u);
  EXPECT_TRUE(service_.add_task(task(ha_noi_.id, d(2021, 3, 1), d(2021, 3, 31)), "vca",
                                ProvinceScope::all()));
}

TEST_F(WorkServiceTest, BlockerGoesToTheStandingListUntilResolved) {
  auto t = *service_.add_task(task(office_.id, d(2021, 2, 1), d(2021, 3, 31)), "vp",
                              ProvinceScope::all());
  ASSERT_TRUE(
      service_.add_progress(t.id, d(2021, 2, 10), "Đã có dự thảo", "vp", ProvinceScope::all()));
  EXPECT_EQ(service_.task(t.id)->status, TaskStatus::kInProgress);
  auto b = service_.add_blocker(t.id, d(2021, 2, 20), "Chờ ý kiến Bộ Kế hoạch và Đầu tư", "vp",
                                ProvinceScope::all());
  ASSERT_TRUE(b);
  EXPECT_EQ(service_.task(t.id)->status, TaskStatus::kBlocked);
  auto list = service_.open_blockers();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].lead_unit.name, "Văn phòng");
  ASSERT_TRUE(service_.resolve_blocker(b->id, d(2021, 3, 1), "thuong-truc", ProvinceScope::all()));
  EXPECT_TRUE(service_.open_blockers().empty());
  EXPECT_EQ(service_.task(t.id)->status, TaskStatus::kInProgress);
  EXPECT_EQ(service_.resolve_blocker(b->id, d(2021, 3, 2), "x", ProvinceScope::all()).error().key,
            "work.blocker_resolved");
}

TEST_F(WorkServiceTest, CompletionIsFinalAndAudited) {
  auto t = *service_.add_task(task(office_.id, d(2021, 2, 1), d(2021, 2, 26)), "vp",
                              ProvinceScope::all());
  auto done = service_.complete_task(t.id, d(2021, 2, 25), "vp", ProvinceScope::all());
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, TaskStatus::kDone);
  auto twice = service_.complete_task(t.id, d(2021, 2, 26), "vp", ProvinceScope::all());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().key, "work.task_closed");
  EXPECT_EQ(service_.add_blocker(t.id, d(2021, 2, 27), "x", "vp", ProvinceScope::all()).error().key,
            "work.task_closed");
  auto entries = mem_.list({});
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back().action, "work.task.done");
  EXPECT_EQ(entries.back().actor, "vp");
  EXPECT_NE(entries.back().before_json, "");
}

TEST_F(WorkServiceTest, AFileIsAttachedWhenItIsWhatItsNameSays) {
  auto doc = *service_.add_document(notice(64), "vp", ProvinceScope::all());
  const std::string pdf = std::string("%PDF-1.7\n") + std::string("\0\x01\xff binary", 10);
  auto before = mem_.audit_size();
  // Refused, nothing stored: empty, a renamed file, an unknown kind, too large, another
  // province's user, a document that does not exist.
  EXPECT_EQ(service_.attach_file(doc.id, "tb64.pdf", "", "vp", ProvinceScope::all()).error().key,
            "work.attachment_empty");
  EXPECT_EQ(service_.attach_file(doc.id, "tb64.pdf", "PK\x03\x04zip", "vp", ProvinceScope::all())
                .error()
                .key,
            "work.attachment_mismatch");
  EXPECT_EQ(service_.attach_file(doc.id, "tb64.exe", "MZ", "vp", ProvinceScope::all()).error().key,
            "work.attachment_type");
  EXPECT_EQ(
      service_
          .attach_file(doc.id, "tb64.pdf", "%PDF-" + std::string(WorkService::kMaxAttachment, 'x'),
                       "vp", ProvinceScope::all())
          .error()
          .key,
      "work.attachment_too_large");
  EXPECT_EQ(
      service_.attach_file(doc.id, "tb64.pdf", pdf, "bg", ProvinceScope::of({"24"})).error().key,
      "work.document_out_of_scope");
  EXPECT_EQ(service_.attach_file(999, "tb64.pdf", pdf, "vp", ProvinceScope::all()).error().key,
            "work.document_not_found");
  EXPECT_FALSE(service_.attachment(doc.id));
  EXPECT_EQ(mem_.audit_size(), before);

  // Stored with its kind, folders dropped from the name; the document names it; a new file
  // replaces the old one; each is audited.
  auto r = service_.attach_file(doc.id, "C:\\Scans\\TB 64.PDF", pdf, "vp", ProvinceScope::all());
  ASSERT_TRUE(r) << r.error().key;
  EXPECT_EQ(r->attachment, "TB 64.PDF");
  auto a = service_.attachment(doc.id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->content, pdf);
  EXPECT_EQ(a->content_type, "application/pdf");
  EXPECT_EQ(service_.document(doc.id)->attachment, "TB 64.PDF");
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "image";
  ASSERT_TRUE(service_.attach_file(doc.id, "anh.png", png, "vp", ProvinceScope::all()));
  EXPECT_EQ(service_.attachment(doc.id)->content_type, "image/png");
  EXPECT_EQ(service_.attachment(doc.id)->content, png);
  EXPECT_EQ(mem_.audit_size(), before + 2);
}

}  // namespace
}  // namespace htx::work

namespace htx::work {
namespace {

// Every write takes a scope and refuses one that does not hold the record's province: with
// ProvinceScope::none() nothing is written, and an other province's scope is refused as well.
TEST_F(WorkServiceTest, EveryWriteRefusesACallerWithoutTheScope) {
  const auto none = ProvinceScope::none();
  const auto ha_noi = ProvinceScope::of({"01"});
  auto doc = *service_.add_document(notice(64), "vp", ProvinceScope::all());
  auto t = *service_.add_task(task(bac_giang_.id, d(2021, 3, 1), d(2021, 3, 31)), "bg",
                              ProvinceScope::of({"24"}));
  auto blocker =
      *service_.add_blocker(t.id, d(2021, 3, 2), "Chờ ý kiến", "bg", ProvinceScope::of({"24"}));
  const auto tasks_before = service_.tasks().size();
  const auto docs_before = service_.documents().size();
  const auto units_before = service_.units().size();
  for (const auto& scope : {none, ha_noi}) {
    EXPECT_FALSE(service_.add_unit({0, "VP2", "Văn phòng 2", UnitKind::kDepartment, "", vca_.id},
                                   "x", scope));
    EXPECT_FALSE(service_.add_document(notice(65), "x", scope));
    EXPECT_FALSE(service_.add_task(task(bac_giang_.id, d(2021, 3, 1), d(2021, 3, 31)), "x", scope));
    EXPECT_EQ(service_.add_progress(t.id, d(2021, 3, 3), "x", "x", scope).error().kind,
              ErrorKind::kForbidden);
    EXPECT_EQ(service_.add_blocker(t.id, d(2021, 3, 3), "x", "x", scope).error().kind,
              ErrorKind::kForbidden);
    EXPECT_EQ(service_.resolve_blocker(blocker.id, d(2021, 3, 4), "x", scope).error().kind,
              ErrorKind::kForbidden);
    EXPECT_EQ(service_.complete_task(t.id, d(2021, 3, 5), "x", scope).error().kind,
              ErrorKind::kForbidden);
    EXPECT_EQ(service_.cancel_task(t.id, d(2021, 3, 5), "x", scope).error().kind,
              ErrorKind::kForbidden);
    EXPECT_EQ(service_.attach_file(doc.id, "tb64.pdf", "%PDF-1.4", "x", scope).error().kind,
              ErrorKind::kForbidden);
    EXPECT_EQ(service_.advance_document(doc.id, DraftStatus::kAdopted, {}, "x", scope).error().kind,
              ErrorKind::kForbidden);
  }
  EXPECT_EQ(service_.tasks().size(), tasks_before);
  EXPECT_EQ(service_.documents().size(), docs_before);
  EXPECT_EQ(service_.units().size(), units_before);
  EXPECT_EQ(service_.task(t.id)->status, TaskStatus::kBlocked);
  EXPECT_FALSE(service_.attachment(doc.id));
}

// The kinds the edges answer from (a page's 404/403/409 and the API's status alike).
TEST_F(WorkServiceTest, RefusalsCarryTheirKindAndField) {
  auto missing = service_.add_progress(999, d(2021, 3, 3), "x", "x", ProvinceScope::all());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  auto t = *service_.add_task(task(office_.id, d(2021, 3, 1), d(2021, 3, 31)), "vp",
                              ProvinceScope::all());
  ASSERT_TRUE(service_.complete_task(t.id, d(2021, 3, 5), "vp", ProvinceScope::all()));
  EXPECT_EQ(service_.cancel_task(t.id, d(2021, 3, 6), "vp", ProvinceScope::all()).error().kind,
            ErrorKind::kConflict);
  auto late = service_.add_task(task(office_.id, d(2021, 3, 10), d(2021, 3, 1)), "vp",
                                ProvinceScope::all());
  EXPECT_EQ(late.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(late.error().field, "due_on");
  // A unit of another province chosen in the body is a mistake on its field, not a 403.
  auto other = service_.add_task(task(ha_noi_.id, d(2021, 3, 1), d(2021, 3, 31)), "bg",
                                 ProvinceScope::of({"24"}));
  EXPECT_EQ(other.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(other.error().field, "lead_unit");
}

}  // namespace
}  // namespace htx::work
