// Governance storage on both backends: every row round-trips (dates, Vietnamese text, the
// attendee list, votes, batches, optional links), the queries filter and order as the
// repository says, refusals roll back on the backend, and the constraints hold.
#include <gtest/gtest.h>

#include "backend_fixture.hpp"
#include "governance/governance_service.hpp"

namespace htx::store::testing {
namespace {

using namespace htx::governance;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }
AgendaItem agenda_item(ItemKind kind, std::string title) {
  AgendaItem i;
  i.kind = kind;
  i.title = std::move(title);
  return i;
}

class GovernanceContract : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    vca_ = db().work().insert_unit(
        {0, "LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, "", 0});
    bg_ = db().work().insert_unit(
        {0, "LMHTX-24", "Liên minh HTX tỉnh Bắc Giang", work::UnitKind::kProvincial, "24-2008", 0});
    for (auto [code, name] : {std::pair{"2400000001", "Hợp tác xã Nông nghiệp Lục Ngạn"},
                              std::pair{"2400000002", "Hợp tác xã Vải thiều Thanh Hà"}}) {
      registry::Entity e;
      e.code = code;
      e.name = name;
      e.sector_id = "nong_nghiep";
      e.province_id = "24-2008";
      e.founded_on = d(2016, 4, 1);
      db().registry().insert(e);
    }
  }
  GovernanceService service() {
    return {db().governance(), db().work(), db().registry(), db().audit(), db(), clock_};
  }
  FixedClock clock_{d(2021, 11, 30), "2021-11-30T08:00:00Z"};
  std::int64_t vca_ = 0, bg_ = 0;
};

TEST_P(GovernanceContract, SchemaHasTheGovernanceMigration) { EXPECT_GE(db().schema_version(), 5); }

TEST_P(GovernanceContract, BodiesTermsAndMembersRoundTrip) {
  auto s = service();
  auto btv = s.add_body(bg_, BodyKind::kStanding, "t", ProvinceScope::all());
  auto bch = s.add_body(bg_, BodyKind::kExecutive, "t", ProvinceScope::all());
  ASSERT_TRUE(btv && bch);
  EXPECT_EQ(s.add_body(bg_, BodyKind::kStanding, "t", ProvinceScope::all()).error().key,
            "governance.body_exists");
  EXPECT_EQ(db().governance().find_body_of(bg_, BodyKind::kExecutive)->id, bch->id);
  EXPECT_FALSE(db().governance().find_body_of(vca_, BodyKind::kExecutive));
  EXPECT_EQ(db().governance().bodies_of(bg_).size(), 2u);
  auto term6 = s.add_term({0, bg_, 6, 2020, 2025}, "t", ProvinceScope::all());
  auto term5 = s.add_term({0, bg_, 5, 2015, 2020}, "t", ProvinceScope::all());
  ASSERT_TRUE(term6 && term5);
  EXPECT_EQ(s.add_term({0, bg_, 6, 2020, 2025}, "t", ProvinceScope::all()).error().key,
            "governance.term_exists");
  auto terms = db().governance().terms_of(bg_);
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0].number, 5);
  EXPECT_EQ(terms[1].start_year, 2020);
  EXPECT_EQ(terms[1].end_year, 2025);
  EXPECT_EQ(db().governance().find_term_by_number(bg_, 6)->id, term6->id);

  auto chair = s.add_member(
      {0, btv->id, term6->id, "Nguyễn Đức Hiền", "Chủ tịch", d(2020, 8, 20), std::nullopt}, "t",
      ProvinceScope::all());
  auto member = s.add_member(
      {0, btv->id, term6->id, "Nguyễn Thị Thúy", "Ủy viên", d(2020, 8, 20), std::nullopt}, "t",
      ProvinceScope::all());
  ASSERT_TRUE(chair && member);
  auto ended = s.end_member(member->id, d(2021, 6, 30), "t", ProvinceScope::all());
  ASSERT_TRUE(ended);
  EXPECT_EQ(s.end_member(member->id, d(2021, 7, 30), "t", ProvinceScope::all()).error().key,
            "governance.member_ended");
  auto members = db().governance().members_of(btv->id, term6->id);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].person, "Nguyễn Đức Hiền");
  EXPECT_EQ(members[0].position, "Chủ tịch");
  EXPECT_FALSE(members[0].ended_on);
  EXPECT_EQ(members[1].ended_on, d(2021, 6, 30));
  EXPECT_EQ(members[1].started_on, d(2020, 8, 20));
}

TEST_P(GovernanceContract, MeetingsItemsAndVotesRoundTrip) {
  auto s = service();
  auto btv = *s.add_body(bg_, BodyKind::kStanding, "t", ProvinceScope::all());
  auto term = *s.add_term({0, bg_, 6, 2020, 2025}, "t", ProvinceScope::all());
  Meeting m;
  m.body_id = btv.id;
  m.term_id = term.id;
  m.number = 3;
  m.held_on = d(2021, 11, 5);
  m.mode = MeetingMode::kOnline;
  m.chair = "Nguyễn Đức Hiền";
  m.attendee_count = 11;
  m.attendees = {"Nguyễn Đức Hiền", "Nguyễn Thị Thúy"};
  std::vector<AgendaItem> items(3);
  items[0] = agenda_item(ItemKind::kReportApproval, "Báo cáo kết quả hoạt động 10 tháng đầu năm");
  items[1] = agenda_item(ItemKind::kDraft, "Dự thảo Quy chế làm việc của Ủy ban Kiểm tra");
  items[2] = agenda_item(ItemKind::kAdmission, "Xét kết nạp thành viên đợt 2/2021");
  auto created = s.add_meeting(m, items, "t", ProvinceScope::all());
  ASSERT_TRUE(created) << created.error().key;
  auto id = created->summary.meeting.id;
  auto back = db().governance().find_meeting(id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->held_on, d(2021, 11, 5));
  EXPECT_EQ(back->mode, MeetingMode::kOnline);
  EXPECT_EQ(back->attendees, (std::vector<std::string>{"Nguyễn Đức Hiền", "Nguyễn Thị Thúy"}));
  EXPECT_EQ(back->attendee_count, 11);
  EXPECT_EQ(back->recorded_by, "t");
  EXPECT_EQ(db().governance().find_meeting_by_number(btv.id, term.id, 3)->id, id);
  EXPECT_FALSE(db().governance().find_meeting_by_number(btv.id, term.id, 4));
  MeetingQuery by_unit;
  by_unit.unit_id = bg_;
  EXPECT_EQ(db().governance().list_meetings(by_unit).size(), 1u);
  by_unit.unit_id = vca_;
  EXPECT_TRUE(db().governance().list_meetings(by_unit).empty());
  MeetingQuery by_body;
  by_body.body_id = btv.id;
  EXPECT_EQ(db().governance().list_meetings(by_body).size(), 1u);
  // The kind of body and the year are filtered in the database.
  MeetingQuery by_kind;
  by_kind.body_kind = BodyKind::kStanding;
  EXPECT_EQ(db().governance().list_meetings(by_kind).size(), 1u);
  by_kind.body_kind = BodyKind::kExecutive;
  EXPECT_TRUE(db().governance().list_meetings(by_kind).empty());
  MeetingQuery by_year;
  by_year.year = 2021;
  by_year.unit_id = bg_;
  EXPECT_EQ(db().governance().list_meetings(by_year).size(), 1u);
  by_year.year = 2022;
  EXPECT_TRUE(db().governance().list_meetings(by_year).empty());

  ASSERT_TRUE(s.set_minutes(id, "Biên bản: Ban Thường vụ nhất trí.", "t", ProvinceScope::all()));
  EXPECT_EQ(db().governance().find_meeting(id)->minutes, "Biên bản: Ban Thường vụ nhất trí.");

  auto stored_items = db().governance().items_of(id);
  ASSERT_EQ(stored_items.size(), 3u);
  EXPECT_EQ(stored_items[2].kind, ItemKind::kAdmission);
  EXPECT_EQ(stored_items[2].position, 3);
  EXPECT_FALSE(stored_items[0].document_id);
  auto closed = s.close_item(stored_items[0].id, Outcome::kApproved, {10, 0, 1}, "nhất trí", "t",
                             ProvinceScope::all());
  ASSERT_TRUE(closed);
  auto item = db().governance().find_item(stored_items[0].id);
  EXPECT_EQ(item->outcome, Outcome::kApproved);
  EXPECT_EQ(item->votes.in_favour, 10);
  EXPECT_EQ(item->votes.abstain, 1);
  EXPECT_EQ(item->note, "nhất trí");

  // The named refusals leave the backend's rows as they were (rolled back).
  EXPECT_EQ(
      s.close_item(stored_items[0].id, Outcome::kRejected, {1, 0, 0}, "", "t", ProvinceScope::all())
          .error()
          .key,
      "governance.item_closed");
  EXPECT_EQ(s.close_item(stored_items[1].id, Outcome::kApproved, {12, 0, 0}, "", "t",
                         ProvinceScope::all())
                .error()
                .key,
            "governance.votes_above_attendees");
  EXPECT_EQ(db().governance().find_item(stored_items[1].id)->outcome, Outcome::kOpen);
  EXPECT_EQ(db().governance().find_item(stored_items[0].id)->votes.in_favour, 10);

  auto added =
      s.add_item(id, agenda_item(ItemKind::kOther, "Công việc khác"), "t", ProvinceScope::all());
  ASSERT_TRUE(added);
  EXPECT_EQ(added->position, 4);
}

TEST_P(GovernanceContract, AdmissionsMembershipsAndTheirHistory) {
  auto s = service();
  auto btv = *s.add_body(bg_, BodyKind::kStanding, "t", ProvinceScope::all());
  auto term = *s.add_term({0, bg_, 6, 2020, 2025}, "t", ProvinceScope::all());
  Meeting m;
  m.body_id = btv.id;
  m.term_id = term.id;
  m.number = 3;
  m.held_on = d(2021, 11, 5);
  m.attendee_count = 11;
  auto meeting = *s.add_meeting(m, {agenda_item(ItemKind::kAdmission, "Kết nạp đợt 2/2021")}, "t",
                                ProvinceScope::all());
  Application a;
  a.unit_id = bg_;
  a.applied_on = d(2021, 10, 1);
  a.batch = {2, 2021};
  a.entity_code = "2400000002";
  auto second = s.submit_application(a, "t", ProvinceScope::all());
  a.entity_code = "2400000001";
  a.note = "Hồ sơ đầy đủ";
  auto first = s.submit_application(a, "t", ProvinceScope::all());
  ASSERT_TRUE(first && second) << (first ? second.error().key : first.error().key);
  auto stored = db().governance().find_application(first->id);
  EXPECT_EQ(stored->entity_name, "Hợp tác xã Nông nghiệp Lục Ngạn");
  EXPECT_EQ(stored->batch, (Batch{2, 2021}));
  EXPECT_EQ(stored->status, ApplicationStatus::kSubmitted);
  EXPECT_EQ(stored->note, "Hồ sơ đầy đủ");
  EXPECT_FALSE(stored->decided_on);

  auto decided =
      s.decide_admissions(meeting.items[0].id, {{first->id, second->id}, {}, {11, 0, 0}, ""}, "t",
                          ProvinceScope::all());
  ASSERT_TRUE(decided) << decided.error().key;
  ApplicationQuery q;
  q.batch = Batch{2, 2021};
  auto batch = db().governance().list_applications(q);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].entity_code, "2400000001");  // by code within the batch
  EXPECT_EQ(batch[0].status, ApplicationStatus::kAdmitted);
  EXPECT_EQ(batch[0].decided_on, d(2021, 11, 5));
  EXPECT_EQ(batch[0].decision_item_id, meeting.items[0].id);
  q.batch = Batch{1, 2021};
  EXPECT_TRUE(db().governance().list_applications(q).empty());
  ApplicationQuery by_status;
  by_status.status = ApplicationStatus::kAdmitted;
  by_status.unit_id = bg_;
  EXPECT_EQ(db().governance().list_applications(by_status).size(), 2u);

  // Admitting a member again is refused; nothing is written.
  a.entity_code = "2400000001";
  EXPECT_EQ(s.submit_application(a, "t", ProvinceScope::all()).error().key,
            "governance.already_member");
  EXPECT_EQ(db().governance().list_applications({}).size(), 2u);

  MembershipQuery current;
  current.unit_id = bg_;
  current.current_only = true;
  auto members = db().governance().list_memberships(current);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].since, d(2021, 11, 5));
  EXPECT_FALSE(members[0].until);
  auto left =
      s.end_membership(members[1].id, d(2022, 12, 31), "Giải thể", "t", ProvinceScope::all());
  ASSERT_TRUE(left);
  EXPECT_EQ(db().governance().list_memberships(current).size(), 1u);
  MembershipQuery history;
  history.entity_code = "2400000002";
  auto rows = db().governance().list_memberships(history);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].until, d(2022, 12, 31));
  EXPECT_EQ(rows[0].end_reason, "Giải thể");
  EXPECT_EQ(rows[0].application_id, second->id);
  EXPECT_EQ(s.members_on(bg_, d(2022, 6, 1)).size(), 2u);
  EXPECT_EQ(s.members_on(bg_, d(2023, 1, 1)).size(), 1u);
  // Readmitting after leaving makes a new row of the history.
  a.entity_code = "2400000002";
  a.applied_on = d(2023, 2, 1);
  a.batch = {1, 2023};
  EXPECT_TRUE(s.submit_application(a, "t", ProvinceScope::all()));

  // Two current memberships of one entity in one alliance are refused by the backend too.
  Membership dup{0, bg_, "2400000001", "x", d(2022, 1, 1), std::nullopt, std::nullopt, ""};
  EXPECT_THROW(db().governance().insert_membership(dup), InfrastructureError);
}

TEST_P(GovernanceContract, AwardsRoundTripAndCount) {
  auto s = service();
  work::Document qd;
  qd.kind = work::DocumentKind::kDecision;
  qd.number = 15;
  qd.issuer_symbol = "LMHTXVN";
  qd.issuer_unit_id = vca_;
  qd.issued_on = d(2022, 1, 10);
  qd.title = "Quyết định khen thưởng năm 2021";
  qd.id = db().work().insert_document(qd);
  Award a;
  a.year = 2021;
  a.granting_unit_id = vca_;
  a.decision_document_id = qd.id;
  a.recipient_kind = RecipientKind::kIndividual;
  a.title = AwardTitle::kGrassrootsEmulationFighter;
  a.with_certificate = true;
  a.recipient = "Nguyễn Văn An";
  a.recipient_unit = "Văn phòng";
  ASSERT_TRUE(s.add_award(a, "t", ProvinceScope::all()));
  a.recipient_kind = RecipientKind::kCollective;
  a.title = AwardTitle::kExcellentLabourCollective;
  a.recipient = "Ban Tổ chức - Kiểm tra";
  a.recipient_unit = "";
  a.with_certificate = false;
  ASSERT_TRUE(s.add_award(a, "t", ProvinceScope::all()));
  a.year = 2020;
  ASSERT_TRUE(s.add_award(a, "t", ProvinceScope::all()));
  AwardQuery q;
  q.year = 2021;
  auto awards = db().governance().list_awards(q);
  ASSERT_EQ(awards.size(), 2u);
  EXPECT_EQ(awards[0].recipient_kind, RecipientKind::kCollective);  // collectives first
  EXPECT_EQ(awards[1].recipient, "Nguyễn Văn An");
  EXPECT_EQ(awards[1].title, AwardTitle::kGrassrootsEmulationFighter);
  EXPECT_TRUE(awards[1].with_certificate);
  EXPECT_FALSE(awards[0].with_certificate);
  EXPECT_EQ(awards[1].recipient_unit, "Văn phòng");
  EXPECT_EQ(awards[1].decision_document_id, qd.id);
  q.granting_unit_id = bg_;
  EXPECT_TRUE(db().governance().list_awards(q).empty());
  EXPECT_EQ(db().governance().list_awards({}).size(), 3u);
  EXPECT_EQ(db().governance().find_award(awards[1].id)->year, 2021);
  AwardQuery y2021;
  y2021.year = 2021;
  auto c = s.award_counts(y2021);
  EXPECT_EQ(c.collectives, 1);
  EXPECT_EQ(c.individuals, 1);
}

TEST_P(GovernanceContract, EveryChangeIsAudited) {
  auto s = service();
  audit::Filter f;
  f.limit = 1000;
  auto before = db().audit().list(f).size();
  auto body = s.add_body(bg_, BodyKind::kInspection, "bg-user", ProvinceScope::all());
  ASSERT_TRUE(body);
  auto entries = db().audit().list(f);
  ASSERT_EQ(entries.size(), before + 1);
  EXPECT_EQ(entries[0].action, "governance.body.create");
  EXPECT_EQ(entries[0].actor, "bg-user");
  EXPECT_EQ(entries[0].object_key, "LMHTX-24/inspection");
}

HTX_INSTANTIATE_BACKENDS(GovernanceContract);

}  // namespace
}  // namespace htx::store::testing
