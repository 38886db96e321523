// OCOP certificates on both backends, through OcopService as provincial staff use it: a
// certificate from its scores (stars and level computed, valid through 36 months less a day),
// each bad input of the issue refused on its field with nothing written, a renewal that takes
// over from the renewed certificate, the list's filters in SQL (province, group, stars, valid at
// a date), the scope, the counts by province from the records, and the registry's free text
// migrated with what cannot be matched listed.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <tuple>

#include "backend_fixture.hpp"
#include "ocop/ocop_service.hpp"

namespace htx::store::testing {
namespace {

using namespace htx::ocop;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

const OcopRules& rules() {
  static const OcopRules r = OcopRules::load(HTX_SOURCE_DATA_DIR);
  return r;
}

class OcopContract : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (auto [code, name, province, type, status, ocop] :
         {std::tuple{"2400000001", "Hợp tác xã Vải thiều Lục Ngạn", "24-2008",
                     registry::EntityType::kCooperative, registry::EntityStatus::kActive,
                     "OCOP 4 sao - Vải thiều; Mật ong rừng"},
          std::tuple{"2400000002", "Tổ hợp tác Chè Hiệp Hòa", "24-2008",
                     registry::EntityType::kGroup, registry::EntityStatus::kActive,
                     "Chè xanh 3 sao; Thổ cẩm 2 sao"},
          std::tuple{"0100000001", "Hợp tác xã Nông nghiệp Tân Hưng", "01-2008",
                     registry::EntityType::kCooperative, registry::EntityStatus::kActive,
                     "Gạo nếp cái hoa vàng 5 sao"},
          std::tuple{"2400000009", "Hợp tác xã đã giải thể", "24-2008",
                     registry::EntityType::kCooperative, registry::EntityStatus::kDissolved,
                     "Bưởi Diễn 3 sao"}}) {
      registry::Entity e;
      e.code = code;
      e.name = name;
      e.type = type;
      e.sector_id = "nong_nghiep";
      e.province_id = province;
      e.founded_on = d(2015, 1, 5);
      e.status = status;
      if (status == registry::EntityStatus::kDissolved) e.dissolved_on = d(2020, 12, 31);
      e.ocop_products = ocop;
      db().registry().insert(e);
    }
  }
  OcopService service() {
    return {db().ocop(), db().registry(), db().audit(), db(), clock_, rules()};
  }

  // ★4: 32 + 20,5 + 24 = 76,5.
  static Certificate certificate() {
    Certificate c;
    c.product = "Vải thiều Lục Ngạn";
    c.group = "thuc_pham";
    c.subgroup = "tuoi_song";
    c.producer_code = "2400000001";
    c.score_a = 320;
    c.score_b = 205;
    c.score_c = 240;
    c.decision_number = "1234/QĐ-UBND";
    c.decided_on = d(2021, 6, 15);
    return c;
  }
  std::size_t audit_count() { return db().audit().list({}).size(); }

  FixedClock clock_{d(2024, 7, 1), "2024-07-01T08:00:00Z"};
  const ProvinceScope bac_giang_ = ProvinceScope::of({"24-2008"});
};

TEST_P(OcopContract, ACertificateFromItsScores) {
  auto c = service().add(certificate(), "bg_staff", bac_giang_);
  ASSERT_TRUE(c) << c.error().key;
  EXPECT_EQ(c->stars, 4);
  EXPECT_EQ(c->level, Level::kProvince);
  EXPECT_EQ(c->valid_until, d(2024, 6, 14));
  EXPECT_EQ(c->province_id, "24-2008");
  EXPECT_EQ(c->producer_name, "Hợp tác xã Vải thiều Lục Ngạn");
  auto stored = db().ocop().find(c->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, *c);
  auto log = db().audit().list({});
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "ocop.certificate.create");
  EXPECT_EQ(log[0].actor, "bg_staff");

  auto on_day = service().find(c->id, d(2024, 6, 14), bac_giang_);
  ASSERT_TRUE(on_day);
  EXPECT_TRUE(on_day->valid);
  auto expired = service().find(c->id, d(2024, 6, 15), bac_giang_);
  EXPECT_FALSE(expired->valid);  // an expired certificate is not shown as valid

  auto five = certificate();
  five.product = "Gạo nếp cái hoa vàng";
  five.subgroup = "so_che";
  five.producer_code = "0100000001";
  five.score_a = 380;
  five.score_b = 230;
  five.score_c = 320;  // 93
  five.decision_number = "567/QĐ-BNN-VPĐP";
  auto central = service().add(five, "admin", ProvinceScope::all());
  ASSERT_TRUE(central) << central.error().key;
  EXPECT_EQ(central->stars, 5);
  EXPECT_EQ(central->level, Level::kCentral);
}

TEST_P(OcopContract, BadInputRefusedByFieldNothingWritten) {
  using Change = std::function<void(Certificate&)>;
  const std::tuple<const char*, Change, const char*, const char*> cases[] = {
      {"part A above 40", [](Certificate& c) { c.score_a = 405; }, "score_a",
       "ocop.score_out_of_range"},
      {"part B below 0", [](Certificate& c) { c.score_b = -1; }, "score_b",
       "ocop.score_out_of_range"},
      {"part C above 35", [](Certificate& c) { c.score_c = 351; }, "score_c",
       "ocop.score_out_of_range"},
      {"part C missing", [](Certificate& c) { c.score_c.reset(); }, "score_c", "field.required"},
      {"stars that do not match", [](Certificate& c) { c.stars = 5; }, "stars",
       "ocop.stars_mismatch"},
      {"two stars are not certified",
       [](Certificate& c) {
         c.score_a = 200;
         c.score_b = 100;
         c.score_c = 100;
       },
       "score_a", "ocop.not_certified"},
      {"a 4-star product certified centrally", [](Certificate& c) { c.level = Level::kCentral; },
       "level", "ocop.wrong_level"},
      {"an unknown producer", [](Certificate& c) { c.producer_code = "9999999999"; }, "producer",
       "ocop.unknown_producer"},
      {"a dissolved producer", [](Certificate& c) { c.producer_code = "2400000009"; }, "producer",
       "ocop.producer_dissolved"},
      {"an unknown group", [](Certificate& c) { c.group = "my_pham"; }, "group",
       "ocop.unknown_group"},
      {"a subgroup of another group", [](Certificate& c) { c.subgroup = "co_con"; }, "subgroup",
       "ocop.unknown_subgroup"},
      {"no product", [](Certificate& c) { c.product = "  "; }, "product", "field.required"},
      {"no decision number", [](Certificate& c) { c.decision_number.clear(); }, "decision_number",
       "field.required"},
      {"a decision in the future", [](Certificate& c) { c.decided_on = d(2024, 7, 2); },
       "decided_on", "ocop.decided_in_future"},
      {"renewing nothing", [](Certificate& c) { c.renews_id = 999; }, "renews",
       "ocop.renews_not_found"},
  };
  for (const auto& [what, change, field, key] : cases) {
    auto c = certificate();
    change(c);
    auto r = service().add(c, "bg_staff", bac_giang_);
    ASSERT_FALSE(r) << what;
    EXPECT_EQ(r.error().field, field) << what;
    EXPECT_EQ(r.error().key, key) << what;
  }
  EXPECT_TRUE(db().ocop().list({}).empty());
  EXPECT_EQ(audit_count(), 0u);

  // Another province's producer is out of a provincial user's scope.
  auto hanoi = certificate();
  hanoi.producer_code = "0100000001";
  auto r = service().add(hanoi, "bg_staff", bac_giang_);
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().is(ErrorKind::kForbidden));
  // The same decision's product twice.
  ASSERT_TRUE(service().add(certificate(), "bg_staff", bac_giang_));
  auto again = service().add(certificate(), "bg_staff", bac_giang_);
  ASSERT_FALSE(again);
  EXPECT_TRUE(again.error().is(ErrorKind::kConflict));
  EXPECT_EQ(db().ocop().list({}).size(), 1u);
}

TEST_P(OcopContract, ARenewalTakesOver) {
  auto first = service().add(certificate(), "bg_staff", bac_giang_);
  ASSERT_TRUE(first);
  Certificate renewal;
  renewal.renews_id = first->id;
  renewal.score_a = 360;
  renewal.score_b = 220;
  renewal.score_c = 330;  // 91: five stars now, certified centrally
  renewal.decision_number = "88/QĐ-BNN-VPĐP";
  renewal.decided_on = d(2024, 5, 20);
  auto second = service().add(renewal, "admin", ProvinceScope::all());
  ASSERT_TRUE(second) << second.error().key;
  EXPECT_EQ(second->product, "Vải thiều Lục Ngạn");
  EXPECT_EQ(second->producer_code, "2400000001");
  EXPECT_EQ(second->stars, 5);
  EXPECT_EQ(second->valid_until, d(2027, 5, 19));

  auto old = service().find(first->id, d(2024, 5, 19), bac_giang_);
  EXPECT_TRUE(old->valid);
  ASSERT_TRUE(old->renewed_by);
  EXPECT_EQ(old->renewed_by->id, second->id);
  EXPECT_FALSE(service().find(first->id, d(2024, 5, 20), bac_giang_)->valid);
  // Counted once on any day.
  for (Date on : {d(2024, 5, 19), d(2024, 5, 20), d(2024, 6, 1)})
    EXPECT_EQ(service().counts(on, bac_giang_).total.products, 1) << on.iso();

  renewal.decision_number = "89/QĐ-BNN-VPĐP";
  auto twice = service().add(renewal, "admin", ProvinceScope::all());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().field, "renews");
  auto other = certificate();
  other.product = "Mật ong rừng";
  other.subgroup = "so_che";
  other.decision_number = "1300/QĐ-UBND";
  auto honey = service().add(other, "bg_staff", bac_giang_);
  ASSERT_TRUE(honey);
  Certificate wrong;
  wrong.renews_id = honey->id;
  wrong.product = "Vải thiều Lục Ngạn";
  wrong.score_a = 320;
  wrong.score_b = 205;
  wrong.score_c = 240;
  wrong.decision_number = "1400/QĐ-UBND";
  wrong.decided_on = d(2024, 6, 1);
  auto r = service().add(wrong, "bg_staff", bac_giang_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().key, "ocop.renews_other_product");
}

TEST_P(OcopContract, ListFiltersScopeAndCounts) {
  auto add = [&](const char* producer, const char* product, const char* subgroup, int a, int b,
                 int c, Date on, const char* number) {
    auto x = certificate();
    x.producer_code = producer;
    x.product = product;
    x.subgroup = subgroup;
    x.score_a = a;
    x.score_b = b;
    x.score_c = c;
    x.decided_on = on;
    x.decision_number = number;
    auto r = service().add(x, "admin", ProvinceScope::all());
    EXPECT_TRUE(r) << product << ": " << r.error().key;
    return r ? r->id : 0;
  };
  add("2400000001", "Vải thiều", "tuoi_song", 320, 205, 240, d(2022, 1, 10), "1/QĐ");  // ★4
  add("2400000001", "Mật ong", "so_che", 250, 150, 200, d(2020, 1, 10), "2/QĐ");  // ★3, expired
  add("2400000002", "Chè xanh", "che", 250, 150, 200, d(2023, 3, 1), "3/QĐ");     // ★3, a THT
  add("0100000001", "Gạo nếp", "so_che", 380, 230, 320, d(2023, 9, 1), "4/QĐ");   // ★5

  const Date on = d(2024, 1, 1);
  CertificateQuery q;
  q.valid_on = on;
  EXPECT_EQ(service().list(q, on, ProvinceScope::all()).size(), 3u);
  q.stars = 3;
  auto threes = service().list(q, on, ProvinceScope::all());
  ASSERT_EQ(threes.size(), 1u);
  EXPECT_EQ(threes[0].certificate.product, "Chè xanh");
  CertificateQuery by_group;
  by_group.group = "thuc_pham";
  EXPECT_EQ(service().list(by_group, on, ProvinceScope::all()).size(), 4u);
  by_group.province_ids = std::vector<std::string>{"01-2008"};
  EXPECT_EQ(service().list(by_group, on, ProvinceScope::all()).size(), 1u);
  // A provincial user sees their province only, whatever the filter asks.
  EXPECT_EQ(service().list({}, on, bac_giang_).size(), 3u);
  EXPECT_TRUE(service().list(by_group, on, bac_giang_).empty());
  auto all = service().list({}, on, ProvinceScope::all());
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].certificate.province_id, "01-2008");  // by province first

  auto counts = service().counts(on, ProvinceScope::all());
  EXPECT_EQ(counts.total.products, 3);
  EXPECT_EQ(counts.total.by_stars[0], 1);
  EXPECT_EQ(counts.total.by_stars[1], 1);
  EXPECT_EQ(counts.total.by_stars[2], 1);
  EXPECT_EQ(counts.total.cooperatives, 2);  // the THT is a producer, not a cooperative
  EXPECT_EQ(counts.total.producers, 3);
  EXPECT_EQ(counts.by_province.at("24-2008").products, 2);
  EXPECT_EQ(counts.by_province.at("24-2008").cooperatives, 1);
  EXPECT_EQ(counts.by_province.at("01-2008").by_stars[2], 1);
  // In 2020 only the honey was valid.
  EXPECT_EQ(service().counts(d(2020, 6, 1), ProvinceScope::all()).total.products, 1);

  EXPECT_TRUE(service().holds("2400000001", 4, on));
  EXPECT_FALSE(service().holds("2400000001", 3, on));  // the honey's ★3 has expired
  EXPECT_FALSE(service().holds("2400000001", 4, d(2025, 1, 10)));
}

TEST_P(OcopContract, FreeTextMigratedWhatCannotBeMatchedListed) {
  auto plan = service().plan_free_text(ProvinceScope::all());
  ASSERT_EQ(plan.to_record.size(), 3u);  // Vải thiều ★4, Chè xanh ★3, Gạo nếp ★5
  EXPECT_TRUE(db().ocop().list({}).empty());  // a dry run writes nothing
  std::set<std::string> unmatched;
  for (const auto& l : plan.unmatched) unmatched.insert(l.entity_code + " " + l.item.reason);
  EXPECT_EQ(unmatched,
            (std::set<std::string>{"2400000001 no_stars", "2400000002 stars_not_certified",
                                   "2400000009 producer_dissolved"}));
  auto applied = service().migrate_free_text("cli:admin", ProvinceScope::all());
  ASSERT_TRUE(applied) << applied.error().key;
  auto records = db().ocop().list({});
  ASSERT_EQ(records.size(), 3u);
  for (const auto& c : records) {
    EXPECT_EQ(c.origin, Origin::kFreeText);
    EXPECT_FALSE(c.score_a);
    EXPECT_FALSE(c.decided_on);
    EXPECT_FALSE(valid_on(c, clock_.today()));  // no decision known: not counted as valid
  }
  EXPECT_EQ(records[0].stars, 5);  // Hà Nội first
  EXPECT_EQ(records[0].level, Level::kCentral);
  // Again: each recorded once.
  auto second = service().plan_free_text(ProvinceScope::all());
  EXPECT_TRUE(second.to_record.empty());
  EXPECT_EQ(second.already.size(), 3u);
  EXPECT_EQ(second.unmatched.size(), 3u);
  // A provincial user migrates their province only.
  EXPECT_EQ(service().plan_free_text(ProvinceScope::of({"01-2008"})).already.size(), 1u);
}

HTX_INSTANTIATE_BACKENDS(OcopContract);

}  // namespace
}  // namespace htx::store::testing
