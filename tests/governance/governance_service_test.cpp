// The governance service's rules, above all the named bad inputs of issue 5: a vote count above
// the attendees, closing an item twice, admitting an entity that is already a member or is
// dissolved, and a provincial user acting on another province's alliance. Each is refused with
// its key and nothing changes (no row, no audit entry).
#include <gtest/gtest.h>

#include "governance_fixture.hpp"

namespace htx::governance {
namespace {

using testing::d;

class GovernanceServiceTest : public ::testing::Test, protected testing::GovernanceFixture {};

TEST_F(GovernanceServiceTest, MeetingIsNamedByBodyNumberAndTerm) {
  auto m = meeting();
  EXPECT_EQ(m.summary.title, "Hội nghị Ban Thường vụ lần thứ 3, khóa VI");
  EXPECT_EQ(m.items.size(), 2u);
  EXPECT_EQ(m.items[0].position, 1);
  EXPECT_EQ(m.items[1].position, 2);
  EXPECT_EQ(m.items[0].outcome, Outcome::kOpen);
  EXPECT_EQ(term_bg.label(), "khóa VI (2020–2025)");
  auto again = service.add_meeting(m.summary.meeting, {}, "t", ProvinceScope::all());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "governance.meeting_number_used");
}

TEST_F(GovernanceServiceTest, MoreNamedAttendeesThanTheCountIsRefused) {
  Meeting m;
  m.body_id = btv_bg.id;
  m.term_id = term_bg.id;
  m.number = 4;
  m.held_on = d(2021, 12, 1);
  m.attendee_count = 1;
  m.attendees = {"A", "B"};
  auto r = service.add_meeting(m, {}, "t", ProvinceScope::all());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().key, "governance.attendees_above_count");
  EXPECT_TRUE(db->governance().list_meetings({}).empty());
}

TEST_F(GovernanceServiceTest, VoteTotalAboveTheAttendeesIsRefused) {
  auto m = meeting();
  auto before = audit_size();
  auto r = service.close_item(m.items[1].id, Outcome::kApproved, {10, 1, 1}, "", "t",
                              ProvinceScope::all());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().key, "governance.votes_above_attendees");
  EXPECT_EQ(r.error().params.at("votes"), "12");
  EXPECT_EQ(r.error().params.at("attendees"), "11");
  EXPECT_EQ(db->governance().find_item(m.items[1].id)->outcome, Outcome::kOpen);
  EXPECT_EQ(audit_size(), before);
  // Exactly the attendees is fine.
  EXPECT_TRUE(service.close_item(m.items[1].id, Outcome::kApproved, {10, 0, 1}, "", "t",
                                 ProvinceScope::all()));
}

TEST_F(GovernanceServiceTest, ClosingAnItemTwiceIsRefused) {
  auto m = meeting();
  auto first = service.close_item(m.items[1].id, Outcome::kApproved, {11, 0, 0}, "nhất trí", "t",
                                  ProvinceScope::all());
  ASSERT_TRUE(first) << first.error().key;
  EXPECT_EQ(first->votes.in_favour, 11);
  auto before = audit_size();
  auto second = service.close_item(m.items[1].id, Outcome::kRejected, {0, 11, 0}, "", "t",
                                   ProvinceScope::all());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().key, "governance.item_closed");
  auto stored = db->governance().find_item(m.items[1].id);
  EXPECT_EQ(stored->outcome, Outcome::kApproved);
  EXPECT_EQ(stored->votes.in_favour, 11);
  EXPECT_EQ(stored->note, "nhất trí");
  EXPECT_EQ(audit_size(), before);
  EXPECT_EQ(service.close_item(m.items[1].id, Outcome::kOpen, {}, "", "t", ProvinceScope::all())
                .error()
                .key,
            "field.required");
}

TEST_F(GovernanceServiceTest, AdmissionMakesAMemberFromTheMeetingDate) {
  auto m = meeting();
  auto a1 = apply("2400000001");
  auto a2 = apply("2400000002");
  ASSERT_TRUE(a1 && a2);
  EXPECT_EQ(a1->entity_name, "Hợp tác xã Nông nghiệp Lục Ngạn");
  ASSERT_TRUE(service.start_review(a1->id, "t", ProvinceScope::all()));
  auto decided = service.decide_admissions(m.items[0].id, {{a1->id}, {a2->id}, {11, 0, 0}, ""}, "t",
                                           ProvinceScope::all());
  ASSERT_TRUE(decided) << decided.error().key;
  ASSERT_EQ(decided->size(), 2u);
  EXPECT_EQ(db->governance().find_application(a1->id)->status, ApplicationStatus::kAdmitted);
  EXPECT_EQ(db->governance().find_application(a1->id)->decided_on, d(2021, 11, 5));
  EXPECT_EQ(db->governance().find_application(a2->id)->status, ApplicationStatus::kRejected);
  auto members = service.members_on(bac_giang.id, d(2021, 11, 5));
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].entity_code, "2400000001");
  EXPECT_TRUE(service.members_on(bac_giang.id, d(2021, 11, 4)).empty());
  EXPECT_EQ(db->governance().find_item(m.items[0].id)->outcome, Outcome::kApproved);
  // The item is closed: deciding again is closing it twice.
  EXPECT_EQ(service.decide_admissions(m.items[0].id, {{}, {}, {}, ""}, "t", ProvinceScope::all())
                .error()
                .key,
            "governance.item_closed");
  // A draft item does not admit.
  EXPECT_EQ(service.decide_admissions(m.items[1].id, {{}, {}, {}, ""}, "t", ProvinceScope::all())
                .error()
                .key,
            "governance.item_not_admission");
}

TEST_F(GovernanceServiceTest, AdmittingAMemberTwiceIsRefused) {
  auto m = meeting();
  auto a1 = apply("2400000001");
  ASSERT_TRUE(service.decide_admissions(m.items[0].id, {{a1->id}, {}, {9, 0, 0}, ""}, "t",
                                        ProvinceScope::all()));
  auto before = audit_size();
  auto again = apply("2400000001");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "governance.already_member");
  EXPECT_EQ(again.error().params.at("since"), "05/11/2021");
  EXPECT_EQ(audit_size(), before);
  // The same entity twice in one decision (two applications filed before it was a member).
  auto m2 = meeting(4);
  auto b1 = apply("2400000002");
  ASSERT_TRUE(b1);
  Application dup = *b1;
  dup.id = 0;
  dup.id = db->governance().insert_application(dup);  // bypasses the pending check
  auto twice = service.decide_admissions(m2.items[0].id, {{b1->id, dup.id}, {}, {}, ""}, "t",
                                         ProvinceScope::all());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().key, "governance.already_member");
  EXPECT_EQ(db->governance().find_application(b1->id)->status, ApplicationStatus::kSubmitted);
  EXPECT_EQ(db->governance().find_item(m2.items[0].id)->outcome, Outcome::kOpen);
  MembershipQuery q;
  q.entity_code = "2400000002";
  EXPECT_TRUE(db->governance().list_memberships(q).empty());
}

TEST_F(GovernanceServiceTest, PendingApplicationIsNotFiledTwice) {
  ASSERT_TRUE(apply("2400000001"));
  EXPECT_EQ(apply("2400000001").error().key, "governance.application_pending");
}

TEST_F(GovernanceServiceTest, DissolvedEntityIsNotAdmitted) {
  auto before = audit_size();
  auto r = apply("2400000003");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().key, "governance.entity_dissolved");
  EXPECT_EQ(r.error().params.at("on"), "30/06/2020");
  EXPECT_EQ(audit_size(), before);
  EXPECT_TRUE(db->governance().list_applications({}).empty());
  EXPECT_EQ(apply("9999999999").error().key, "governance.entity_not_found");
  EXPECT_EQ(apply("0100000001").error().key, "governance.entity_other_province");
  EXPECT_EQ(apply("2400000001", vca.id).error().key, "governance.not_provincial");
}

TEST_F(GovernanceServiceTest, ProvincialUserActsOnlyOnTheirProvincesAlliance) {
  const ProvinceScope bg_only = ProvinceScope::of({"24-2008"});
  auto before = audit_size();
  // Hà Nội's alliance, by a Bắc Giang user: every write is refused.
  EXPECT_EQ(service.add_body(ha_noi.id, BodyKind::kExecutive, "bg", bg_only).error().key,
            "governance.unit_out_of_scope");
  EXPECT_EQ(service.add_term({0, ha_noi.id, 7, 2025, 2030}, "bg", bg_only).error().key,
            "governance.unit_out_of_scope");
  Meeting m;
  m.body_id = btv_hn.id;
  m.term_id = term_hn.id;
  m.number = 1;
  m.held_on = d(2021, 1, 5);
  m.attendee_count = 9;
  EXPECT_EQ(service.add_meeting(m, {}, "bg", bg_only).error().key, "governance.unit_out_of_scope");
  EXPECT_EQ(apply("0100000001", ha_noi.id, bg_only).error().key, "governance.unit_out_of_scope");
  // The national alliance is outside any province.
  EXPECT_EQ(service.add_body(vca.id, BodyKind::kExecutive, "bg", bg_only).error().key,
            "governance.unit_out_of_scope");
  EXPECT_EQ(audit_size(), before);
  // Items of a meeting of another province cannot be closed either.
  Meeting hn = m;
  AgendaItem other;
  other.title = "Khác";
  auto created = service.add_meeting(hn, {other}, "vca", ProvinceScope::all());
  ASSERT_TRUE(created);
  EXPECT_EQ(
      service.close_item(created->items[0].id, Outcome::kApproved, {9, 0, 0}, "", "bg", bg_only)
          .error()
          .key,
      "governance.unit_out_of_scope");
  // Their own alliance is fine.
  auto own = meeting(5, bg_only);
  EXPECT_EQ(own.summary.unit.code, "LMHTX-24");
  EXPECT_TRUE(apply("2400000001", bac_giang.id, bg_only));
}

TEST_F(GovernanceServiceTest, APersonIsAMemberOfABodyOnceATerm) {
  Member m{0, btv_bg.id, term_bg.id, "Nguyễn Đức Hiền", "Chủ tịch", d(2020, 8, 20), std::nullopt};
  auto first = service.add_member(m, "t", ProvinceScope::all());
  ASSERT_TRUE(first);
  auto before = audit_size();
  m.position = "Ủy viên";
  auto again = service.add_member(m, "t", ProvinceScope::all());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "governance.member_twice");
  EXPECT_EQ(audit_size(), before);
  EXPECT_EQ(service.members(btv_bg.id, term_bg.id).size(), 1u);
  // Once ended, the person may be named again (re-elected later in the term).
  ASSERT_TRUE(service.end_member(first->id, d(2021, 3, 1), "t", ProvinceScope::all()));
  m.started_on = d(2021, 6, 1);
  EXPECT_TRUE(service.add_member(m, "t", ProvinceScope::all()));
}

TEST_F(GovernanceServiceTest, AwardsAreCountedByRecipientKind) {
  work::Document qd;
  qd.kind = work::DocumentKind::kDecision;
  qd.number = 15;
  qd.issuer_symbol = "LMHTXVN";
  qd.issuer_unit_id = vca.id;
  qd.issued_on = d(2022, 1, 10);
  qd.title = "Quyết định khen thưởng năm 2021";
  qd.id = db->work().insert_document(qd);
  Award a;
  a.year = 2021;
  a.granting_unit_id = vca.id;
  a.decision_document_id = qd.id;
  a.recipient_kind = RecipientKind::kCollective;
  a.title = AwardTitle::kExcellentLabourCollective;
  a.recipient = "Văn phòng";
  ASSERT_TRUE(service.add_award(a, "t", ProvinceScope::all()));
  a.recipient_kind = RecipientKind::kIndividual;
  a.title = AwardTitle::kGrassrootsEmulationFighter;
  a.recipient = "Nguyễn Văn A";
  ASSERT_TRUE(service.add_award(a, "t", ProvinceScope::all()));
  a.recipient = "Trần Thị B";
  ASSERT_TRUE(service.add_award(a, "t", ProvinceScope::all()));
  a.title = AwardTitle::kExcellentLabourCollective;  // a collective title for a person
  EXPECT_EQ(service.add_award(a, "t", ProvinceScope::all()).error().key,
            "governance.award_title_mismatch");
  a.title = AwardTitle::kCertificateOfMerit;
  a.decision_document_id = 999;
  EXPECT_EQ(service.add_award(a, "t", ProvinceScope::all()).error().key,
            "governance.document_not_found");
  AwardQuery q;
  q.year = 2021;
  auto c = service.award_counts(q);
  EXPECT_EQ(c.collectives, 1);
  EXPECT_EQ(c.individuals, 2);
  q.year = 2020;
  EXPECT_EQ(service.award_counts(q).individuals, 0);
}

TEST_F(GovernanceServiceTest, MeetingLinksTheDocumentsAndTasksItProduced) {
  auto m = meeting();
  work::Document qc;
  qc.kind = work::DocumentKind::kRegulation;
  qc.number = 1;
  qc.issuer_symbol = "LMHTX";
  qc.issuer_unit_id = bac_giang.id;
  qc.issued_on = d(2021, 11, 5);
  qc.title = "Dự thảo Quy chế làm việc của Ban Chấp hành";
  qc.status = work::DraftStatus::kDraft;
  qc.id = db->work().insert_document(qc);
  ASSERT_TRUE(service.link_document(m.summary.meeting.id, qc.id, "t", ProvinceScope::all()));
  work::Task t;
  t.title = "Hoàn thiện hai dự thảo quy chế";
  t.lead_unit_id = bac_giang.id;
  t.start_on = d(2021, 11, 5);
  t.due_on = d(2021, 12, 31);
  t.id = db->work().insert_task(t);
  ASSERT_TRUE(service.link_task(m.summary.meeting.id, t.id, "t", ProvinceScope::all()));
  auto detail = service.meeting(m.summary.meeting.id);
  ASSERT_TRUE(detail);
  ASSERT_EQ(detail->documents.size(), 1u);
  EXPECT_EQ(detail->documents[0].id, qc.id);
  ASSERT_EQ(detail->tasks.size(), 1u);
  EXPECT_EQ(detail->tasks[0].id, t.id);
  EXPECT_EQ(service.link_document(m.summary.meeting.id, 999, "t", ProvinceScope::all()).error().key,
            "governance.document_not_found");
}

TEST(GovernanceDomain, BatchesParseAndNumeralsRead) {
  EXPECT_EQ(parse_batch("2/2021"), (Batch{2, 2021}));
  EXPECT_EQ(parse_batch("đợt 2/2021"), (Batch{2, 2021}));
  EXPECT_EQ(parse_batch("Đợt 1-2022"), (Batch{1, 2022}));
  EXPECT_FALSE(parse_batch("2021"));
  EXPECT_FALSE(parse_batch("0/2021"));
  EXPECT_EQ((Batch{2, 2021}).label(), "2/2021");
  EXPECT_EQ(roman(6), "VI");
  EXPECT_EQ(roman(14), "XIV");
  EXPECT_TRUE(title_fits(AwardTitle::kCertificateOfMerit, RecipientKind::kIndividual));
  EXPECT_FALSE(title_fits(AwardTitle::kGrassrootsEmulationFighter, RecipientKind::kCollective));
}

// Every write needs a scope that holds the organisation: ProvinceScope::none() (what a principal
// without a role gets) writes nothing anywhere, not even at the national alliance.
TEST_F(GovernanceServiceTest, EveryWriteRefusesACallerWithoutTheScope) {
  const auto none = ProvinceScope::none();
  auto m = meeting();
  auto a = apply("2400000001");
  ASSERT_TRUE(a);
  const auto before = audit_size();
  auto forbidden = [](const auto& r) { return !r && r.error().is(ErrorKind::kForbidden); };
  EXPECT_TRUE(forbidden(service.add_body(bac_giang.id, BodyKind::kExecutive, "x", none)));
  EXPECT_TRUE(forbidden(service.add_body(vca.id, BodyKind::kExecutive, "x", none)));
  EXPECT_TRUE(forbidden(service.add_term({0, bac_giang.id, 7, 2025, 2030}, "x", none)));
  Member member{0, btv_bg.id, term_bg.id, "Nguyễn Văn B", "Ủy viên", d(2021, 1, 1), {}};
  EXPECT_TRUE(forbidden(service.add_member(member, "x", none)));
  EXPECT_THROW(meeting(4, none), std::runtime_error);
  AgendaItem extra;
  extra.title = "Khác";
  EXPECT_TRUE(forbidden(service.add_item(m.summary.meeting.id, extra, "x", none)));
  EXPECT_TRUE(forbidden(service.set_minutes(m.summary.meeting.id, "Biên bản", "x", none)));
  EXPECT_TRUE(
      forbidden(service.close_item(m.items[1].id, Outcome::kApproved, {9, 0, 0}, "", "x", none)));
  EXPECT_TRUE(forbidden(apply("2400000002", 0, none)));
  EXPECT_TRUE(forbidden(service.start_review(a->id, "x", none)));
  EXPECT_TRUE(
      forbidden(service.decide_admissions(m.items[0].id, {{a->id}, {}, {9, 0, 0}, ""}, "x", none)));
  Award award;
  award.year = 2021;
  award.granting_unit_id = bac_giang.id;
  award.recipient = "Hợp tác xã Nông nghiệp Lục Ngạn";
  EXPECT_FALSE(service.add_award(award, "x", none));
  EXPECT_EQ(audit_size(), before);
  EXPECT_EQ(db->governance().items_of(m.summary.meeting.id)[1].outcome, Outcome::kOpen);
}

}  // namespace
}  // namespace htx::governance
