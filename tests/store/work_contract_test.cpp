// The work programme's storage on both backends, through the WorkService where the behaviour is
// the service's (numbering, rollback, audit) and through the repository for the rows.
#include <gtest/gtest.h>

#include "backend_fixture.hpp"
#include "work/review.hpp"
#include "work/work_service.hpp"

namespace htx::store::testing {
namespace {

using work::Document;
using work::DocumentKind;
using work::Task;
using work::TaskStatus;
using work::Unit;
using work::UnitKind;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

class WorkContract : public BackendTest {
 protected:
  work::WorkService service() { return {db().work(), db().audit(), db(), clock_}; }
  FixedClock clock_{d(2021, 3, 10), "2021-03-10T08:00:00Z"};
};

TEST_P(WorkContract, UnitsDocumentsTasksAndNotesRoundTrip) {
  auto s = service();
  auto vca = s.add_unit({0, "LMHTXVN", "Liên minh HTX Việt Nam", UnitKind::kNational, "", 0}, "t",
                        ProvinceScope::all());
  ASSERT_TRUE(vca);
  auto vp = s.add_unit({0, "VP", "Văn phòng", UnitKind::kDepartment, "", vca->id}, "t",
                       ProvinceScope::all());
  auto bg =
      s.add_unit({0, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", UnitKind::kProvincial, "24", 0},
                 "t", ProvinceScope::all());
  ASSERT_TRUE(vp && bg);
  EXPECT_EQ(db().work().find_unit_by_code("LMHTX-24")->province_id, "24");
  EXPECT_EQ(db().work().list_units().size(), 3u);
  EXPECT_EQ(
      s.add_unit({0, "VP", "Văn phòng 2", UnitKind::kDepartment, "", 0}, "t", ProvinceScope::all())
          .error()
          .key,
      "work.unit_code_exists");

  Document doc;
  doc.kind = DocumentKind::kNotice;
  doc.number = 64;
  doc.issuer_symbol = "LMHTXVN";
  doc.issuer_unit_id = vca->id;
  doc.issued_on = d(2021, 2, 5);
  doc.signer = "Nguyễn Ngọc Bảo";
  doc.title = "Thông báo kết luận của Thường trực";
  auto added = s.add_document(doc, "t", ProvinceScope::all());
  ASSERT_TRUE(added) << added.error().key;
  auto back = db().work().find_document(added->id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->number_symbol(), "64/TB-LMHTXVN");
  EXPECT_EQ(back->issued_on, d(2021, 2, 5));
  EXPECT_EQ(back->signer, "Nguyễn Ngọc Bảo");
  EXPECT_FALSE(back->meeting_id);
  EXPECT_EQ(s.add_document(doc, "t", ProvinceScope::all()).error().key,
            "work.document_number_used");
  EXPECT_EQ(db().work().list_documents().size(), 1u);

  Task t;
  t.title = "Hoàn thiện tài liệu Hội nghị BCH lần thứ 2";
  t.document_id = added->id;
  t.lead_unit_id = vp->id;
  t.cooperating_unit_ids = {bg->id, vca->id};
  t.owner = "Phạm Ngọc Toại";
  t.start_on = d(2021, 2, 5);
  t.due_on = d(2021, 3, 31);
  t.key_task = true;
  auto task = s.add_task(t, "t", ProvinceScope::all());
  ASSERT_TRUE(task) << task.error().key;
  auto stored = db().work().find_task(task->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->cooperating_unit_ids, (std::vector<std::int64_t>{bg->id, vca->id}));
  EXPECT_TRUE(stored->key_task);
  EXPECT_EQ(stored->due_on, d(2021, 3, 31));
  EXPECT_EQ(stored->document_id, added->id);
  EXPECT_FALSE(stored->completed_on);

  auto blocker =
      s.add_blocker(task->id, d(2021, 2, 20), "Chờ ý kiến các bộ", "t", ProvinceScope::all());
  ASSERT_TRUE(blocker);
  EXPECT_EQ(db().work().find_task(task->id)->status, TaskStatus::kBlocked);
  EXPECT_EQ(s.open_blockers().size(), 1u);
  ASSERT_TRUE(s.complete_task(task->id, d(2021, 3, 5), "t", ProvinceScope::all()));
  auto done = db().work().find_task(task->id);
  EXPECT_EQ(done->status, TaskStatus::kDone);
  EXPECT_EQ(done->completed_on, d(2021, 3, 5));
  EXPECT_TRUE(s.open_blockers().empty());
  auto notes = db().work().notes_of(task->id);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].resolved_on, d(2021, 3, 5));

  work::TaskQuery open;
  open.unfinished_only = true;
  EXPECT_TRUE(db().work().list_tasks(open).empty());
  work::TaskQuery by_unit;
  by_unit.lead_unit_id = vp->id;
  by_unit.status = TaskStatus::kDone;
  EXPECT_EQ(db().work().list_tasks(by_unit).size(), 1u);
  by_unit.lead_unit_id = bg->id;
  EXPECT_TRUE(db().work().list_tasks(by_unit).empty());

  audit::Filter f;
  f.action = "work.task.done";
  EXPECT_EQ(log().list(f).size(), 1u);
}

TEST_P(WorkContract, AttachedFilesKeepEveryByteAndAreReplaced) {
  auto s = service();
  auto vca = *s.add_unit({0, "LMHTXVN", "Liên minh HTX Việt Nam", UnitKind::kNational, "", 0}, "t",
                         ProvinceScope::all());
  Document doc;
  doc.kind = DocumentKind::kNotice;
  doc.number = 64;
  doc.issuer_symbol = "LMHTXVN";
  doc.issuer_unit_id = vca.id;
  doc.issued_on = d(2021, 2, 5);
  doc.title = "Thông báo kết luận";
  auto id = s.add_document(doc, "t", ProvinceScope::all())->id;
  EXPECT_FALSE(db().work().find_attachment(id));
  // Every byte value, NUL included, survives the trip.
  std::string pdf = "%PDF-1.4\n";
  for (int i = 0; i < 256; ++i) pdf.push_back(static_cast<char>(i));
  ASSERT_TRUE(s.attach_file(id, "Thông báo 64.pdf", pdf, "t", ProvinceScope::all()));
  auto a = db().work().find_attachment(id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->content, pdf);
  EXPECT_EQ(a->file_name, "Thông báo 64.pdf");
  EXPECT_EQ(a->content_type, "application/pdf");
  EXPECT_EQ(a->recorded_by, "t");
  EXPECT_EQ(db().work().find_document(id)->attachment, "Thông báo 64.pdf");
  std::string jpeg = std::string("\xFF\xD8\xFF", 3) + std::string(100000, 'j');
  ASSERT_TRUE(s.attach_file(id, "scan.jpg", jpeg, "t2", ProvinceScope::all()));
  a = db().work().find_attachment(id);
  EXPECT_EQ(a->content, jpeg);
  EXPECT_EQ(a->content_type, "image/jpeg");
  EXPECT_EQ(a->recorded_by, "t2");
  audit::Filter f;
  f.action = "work.document.attach";
  EXPECT_EQ(log().list(f).size(), 2u);
  EXPECT_GE(db().schema_version(), 7);
}

TEST_P(WorkContract, RefusalsLeaveNothingBehind) {
  auto s = service();
  auto vca = *s.add_unit({0, "LMHTXVN", "Liên minh HTX Việt Nam", UnitKind::kNational, "", 0}, "t",
                         ProvinceScope::all());
  auto hn =
      *s.add_unit({0, "LMHTX-01", "Liên minh HTX thành phố Hà Nội", UnitKind::kProvincial, "01", 0},
                  "t", ProvinceScope::all());
  Task t;
  t.title = "Việc";
  t.lead_unit_id = hn.id;
  t.start_on = d(2021, 3, 10);
  t.due_on = d(2021, 3, 1);
  EXPECT_EQ(s.add_task(t, "t", ProvinceScope::all()).error().key, "work.task_due_before_start");
  t.due_on = d(2021, 3, 31);
  EXPECT_EQ(s.add_task(t, "bg", ProvinceScope::of({"24"})).error().key, "work.unit_out_of_scope");
  EXPECT_TRUE(db().work().list_tasks({}).empty());
  t.lead_unit_id = vca.id;
  ASSERT_TRUE(s.add_task(t, "t", ProvinceScope::all()));
  reopen();
  EXPECT_EQ(db().work().list_tasks({}).size(), 1u);
  EXPECT_EQ(db().schema_version() >= 4, true);
}

HTX_INSTANTIATE_BACKENDS(WorkContract);

}  // namespace
}  // namespace htx::store::testing
