// The contract of registry::RegistryRepository and of transactions, run on every backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "backend_fixture.hpp"
#include "core/error.hpp"
#include "core/transaction.hpp"

namespace htx::store {
namespace {

using registry::Entity;
using registry::EntityStatus;
using registry::EntityType;
using registry::Event;
using registry::EventKind;
using registry::ListQuery;

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// A plain entity with the given code and name; every other field has a value.
Entity entity(std::string code, std::string name) {
  Entity e;
  e.code = std::move(code);
  e.name = std::move(name);
  e.type = EntityType::kCooperative;
  e.sector_id = "01";
  e.province_id = "01";
  e.address = "Số 1, phố Tràng Tiền, Hoàn Kiếm";
  e.founded_on = ymd(2015, 3, 20);
  e.status = EntityStatus::kActive;
  e.members = 12;
  e.employees = 4;
  e.charter_capital = 500'000'000;
  e.revenue = 1'200'000'000;
  return e;
}

std::vector<std::string> names(const std::vector<Entity>& es) {
  std::vector<std::string> out;
  for (auto& e : es) out.push_back(e.name);
  return out;
}
std::vector<std::string> codes(const std::vector<Entity>& es) {
  std::vector<std::string> out;
  for (auto& e : es) out.push_back(e.code);
  return out;
}

class RegistryContract : public testing::BackendTest {
 protected:
  ListQuery all() {
    ListQuery q;
    q.limit = 1000;
    return q;
  }
  ListQuery text(std::string t) {
    auto q = all();
    q.text = std::move(t);
    return q;
  }
  std::vector<std::string> found(const ListQuery& q) { return names(repo().list(q)); }
};

// ---- insert / find --------------------------------------------------------------------------

TEST_P(RegistryContract, InsertThenFindRoundTripsEveryField) {
  Entity e;
  e.code = "0101234567-HTX";
  e.name = "Hợp tác xã Nông nghiệp Dịch vụ Đắk Lắk Ưu Việt";
  e.type = EntityType::kUnion;
  e.sector_id = "A01.1";
  e.province_id = "66";
  e.address = "Thôn 3, xã Ea Tu, TP. Buôn Ma Thuột — \"Đắk Lắk\" 'quote' \\ back";
  e.founded_on = ymd(1999, 12, 31);
  e.dissolved_on = ymd(2024, 2, 29);
  e.status = EntityStatus::kDissolved;
  e.members = 1'234'567;
  e.employees = 89;
  e.charter_capital = std::numeric_limits<std::int64_t>::max() - 7;  // VND, beyond 32 bits
  e.revenue = -9'876'543'210'987;                                    // losses are negative
  e.new_type = true;
  e.ocop_products = "Cà phê Buôn Ma Thuột; Mật ong hoa cà phê";
  e.alliance_member = true;

  auto id = repo().insert(e);
  EXPECT_GT(id, 0);
  e.id = id;

  auto by_code = repo().find_by_code(e.code);
  ASSERT_TRUE(by_code.has_value());
  EXPECT_EQ(*by_code, e);
  ASSERT_TRUE(by_code->dissolved_on.has_value());
  EXPECT_EQ(by_code->dissolved_on->iso(), "2024-02-29");
  EXPECT_EQ(by_code->founded_on.iso(), "1999-12-31");

  auto by_id = repo().find_by_id(id);
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(*by_id, e);
}

TEST_P(RegistryContract, AbsentOptionalsFalseFlagsAndZerosRoundTrip) {
  Entity e = entity("THT-0001", "Tổ hợp tác Rau sạch");
  e.type = EntityType::kGroup;
  e.status = EntityStatus::kSuspended;
  e.address = "";
  e.dissolved_on = std::nullopt;
  e.members = 0;
  e.employees = 0;
  e.charter_capital = 0;
  e.revenue = 0;
  e.new_type = false;
  e.alliance_member = false;
  e.ocop_products = "";
  e.id = repo().insert(e);

  auto got = repo().find_by_code("THT-0001");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, e);
  EXPECT_FALSE(got->dissolved_on.has_value());
  EXPECT_FALSE(got->new_type);
  EXPECT_FALSE(got->alliance_member);
}

TEST_P(RegistryContract, FindMissingGivesNothing) {
  repo().insert(entity("A-1", "Một"));
  EXPECT_FALSE(repo().find_by_code("A-2").has_value());
  EXPECT_FALSE(repo().find_by_code("a-1").has_value());  // codes are exact
  EXPECT_FALSE(repo().find_by_code("").has_value());
  EXPECT_FALSE(repo().find_by_id(987654).has_value());
}

TEST_P(RegistryContract, InsertGivesDistinctIds) {
  auto a = repo().insert(entity("A-1", "Một"));
  auto b = repo().insert(entity("A-2", "Hai"));
  EXPECT_NE(a, b);
  EXPECT_EQ(repo().find_by_id(a)->code, "A-1");
  EXPECT_EQ(repo().find_by_id(b)->code, "A-2");
}

TEST_P(RegistryContract, DuplicateCodeThrowsAndKeepsTheFirst) {
  auto id = repo().insert(entity("DUP-1", "Bản gốc"));
  EXPECT_THROW(repo().insert(entity("DUP-1", "Bản sao")), InfrastructureError);
  EXPECT_EQ(repo().count(all()), 1);
  EXPECT_EQ(repo().find_by_code("DUP-1")->name, "Bản gốc");
  EXPECT_EQ(repo().find_by_code("DUP-1")->id, id);
  // The connection is still usable.
  repo().insert(entity("DUP-2", "Khác"));
  EXPECT_EQ(repo().count(all()), 2);
}

TEST_P(RegistryContract, CheckConstraintsRejectImpossibleValues) {
  auto negative_members = entity("BAD-1", "Âm");
  negative_members.members = -1;
  EXPECT_THROW(repo().insert(negative_members), InfrastructureError);
  auto negative_capital = entity("BAD-2", "Âm");
  negative_capital.charter_capital = -5;
  EXPECT_THROW(repo().insert(negative_capital), InfrastructureError);
  EXPECT_EQ(repo().count(all()), 0);
}

// ---- update ---------------------------------------------------------------------------------

TEST_P(RegistryContract, UpdateOverwritesEveryField) {
  auto e = entity("U-1", "Trước");
  e.id = repo().insert(e);
  repo().insert(entity("U-2", "Người khác"));

  Entity changed = e;
  changed.code = "U-1B";
  changed.name = "Sau khi đổi tên";
  changed.type = EntityType::kUnion;
  changed.sector_id = "C10";
  changed.province_id = "79";
  changed.address = "Quận 1, TP. Hồ Chí Minh";
  changed.founded_on = ymd(2001, 1, 2);
  changed.dissolved_on = ymd(2023, 6, 30);
  changed.status = EntityStatus::kDissolved;
  changed.members = 99;
  changed.employees = 7;
  changed.charter_capital = 7'000'000'000'000;
  changed.revenue = -1;
  changed.new_type = true;
  changed.ocop_products = "Nước mắm";
  changed.alliance_member = true;
  repo().update(changed);

  EXPECT_EQ(*repo().find_by_id(e.id), changed);
  EXPECT_FALSE(repo().find_by_code("U-1").has_value());
  EXPECT_EQ(*repo().find_by_code("U-1B"), changed);
  EXPECT_EQ(repo().find_by_code("U-2")->name, "Người khác");  // others untouched

  // And back: the optional date cleared, the flags off.
  changed.dissolved_on = std::nullopt;
  changed.new_type = false;
  changed.alliance_member = false;
  changed.status = EntityStatus::kActive;
  repo().update(changed);
  EXPECT_EQ(*repo().find_by_id(e.id), changed);
}

TEST_P(RegistryContract, UpdateKeepsSearchKeyInStep) {
  auto e = entity("S-1", "Hợp tác xã Bình Minh");
  e.id = repo().insert(e);
  e.name = "Hợp tác xã Hoàng Hôn";
  repo().update(e);
  EXPECT_TRUE(found(text("binh minh")).empty());
  EXPECT_EQ(found(text("hoang hon")), std::vector<std::string>{"Hợp tác xã Hoàng Hôn"});
}

TEST_P(RegistryContract, InsertIfNewSkipsAStoredCodeAndWritesNothing) {
  auto first = entity("N-1", "Hợp tác xã Một");
  auto id = repo().insert_if_new(first, registry::search_key(first));
  ASSERT_TRUE(id);
  EXPECT_EQ(repo().find_by_code("N-1")->id, *id);
  auto again = entity("N-1", "Hợp tác xã Khác");
  EXPECT_FALSE(repo().insert_if_new(again, registry::search_key(again)));
  EXPECT_EQ(repo().find_by_code("N-1")->name, "Hợp tác xã Một");
  EXPECT_EQ(repo().count(all()), 1);
  auto second_entity = entity("N-2", "Hợp tác xã Hai");
  auto second = repo().insert_if_new(second_entity, registry::search_key(second_entity));
  EXPECT_EQ(repo().list(text("hai")).size(), 1u) << "the search key given is the one stored";
  ASSERT_TRUE(second);
  EXPECT_NE(*second, *id);
}

TEST_P(RegistryContract, ActiveBetweenFindsFoundingsDissolutionsAndEvents) {
  auto founded = entity("AB-1", "Thành lập trong kỳ");
  founded.founded_on = ymd(2021, 2, 10);
  repo().insert(founded);
  auto dissolved = entity("AB-2", "Giải thể trong kỳ");
  dissolved.dissolved_on = ymd(2021, 2, 20);
  dissolved.status = EntityStatus::kDissolved;
  repo().insert(dissolved);
  auto changed = entity("AB-3", "Có biến động trong kỳ");
  auto changed_id = repo().insert(changed);
  registry::Event ev;
  ev.entity_id = changed_id;
  ev.kind = registry::EventKind::kReorganised;
  ev.effective_on = ymd(2021, 2, 28);
  ev.recorded_at = "2021-03-01T00:00:00Z";
  ev.actor = "t";
  repo().add_event(ev);
  repo().insert(entity("AB-4", "Không có gì trong kỳ"));
  std::vector<std::string> codes;
  for (auto& e : repo().active_between(ymd(2021, 2, 1), ymd(2021, 2, 28))) codes.push_back(e.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"AB-1", "AB-2", "AB-3"}));
  EXPECT_TRUE(repo().active_between(ymd(2021, 3, 1), ymd(2021, 3, 31)).empty());
}

TEST_P(RegistryContract, TextSearchMatchesTheAddressToo) {
  auto a = entity("AD-1", "Hợp tác xã Bình Minh");
  a.address = "Thôn 2, xã Ea Tu, Buôn Ma Thuột, Đắk Lắk";
  repo().insert(a);
  repo().insert(entity("AD-2", "Hợp tác xã Hoàng Hôn"));
  EXPECT_EQ(found(text("dak lak")), std::vector<std::string>{"Hợp tác xã Bình Minh"});
  EXPECT_EQ(found(text("trang tien")), std::vector<std::string>{"Hợp tác xã Hoàng Hôn"});
}

TEST_P(RegistryContract, UpdateToAnExistingCodeThrows) {
  repo().insert(entity("C-1", "Một"));
  auto b = entity("C-2", "Hai");
  b.id = repo().insert(b);
  b.code = "C-1";
  EXPECT_THROW(repo().update(b), InfrastructureError);
  EXPECT_EQ(repo().find_by_id(b.id)->code, "C-2");
}

// ---- list / count ---------------------------------------------------------------------------

TEST_P(RegistryContract, ListSortsInVietnameseOrder) {
  // Inserted in an order that is neither the byte order nor the Vietnamese one.
  for (const char* n : {"Zeta", "Ênh", "Đông", "Em", "Ánh", "Dương", "Anh"})
    repo().insert(entity(std::string("K-") + n, n));
  // ICU vi: tones are secondary (Anh < Ánh), Đ is a letter after D, Ê a letter after E.
  std::vector<std::string> expected{"Anh", "Ánh", "Dương", "Đông", "Em", "Ênh", "Zeta"};
  EXPECT_EQ(found(all()), expected);
}

TEST_P(RegistryContract, ListBreaksNameTiesByCode) {
  repo().insert(entity("B-2", "Cùng tên"));
  repo().insert(entity("B-3", "Cùng tên"));
  repo().insert(entity("B-1", "Cùng tên"));
  repo().insert(entity("A-9", "Ấp"));
  EXPECT_EQ(codes(repo().list(all())), (std::vector<std::string>{"A-9", "B-1", "B-2", "B-3"}));
}

TEST_P(RegistryContract, TextSearchIgnoresDiacriticsCaseAndSpacing) {
  repo().insert(entity("HN-1", "HTX Hà Nội Xanh"));
  repo().insert(entity("DL-1", "HTX Cà phê Đắk Lắk"));
  repo().insert(entity("HP-1", "HTX Hải Phòng"));

  EXPECT_EQ(found(text("ha noi")), std::vector<std::string>{"HTX Hà Nội Xanh"});
  EXPECT_EQ(found(text("HÀ NỘI")), std::vector<std::string>{"HTX Hà Nội Xanh"});
  EXPECT_EQ(found(text("  Ha   Noi ")), std::vector<std::string>{"HTX Hà Nội Xanh"});
  EXPECT_EQ(found(text("dak lak")), std::vector<std::string>{"HTX Cà phê Đắk Lắk"});
  EXPECT_EQ(found(text("Đắk")), std::vector<std::string>{"HTX Cà phê Đắk Lắk"});
  EXPECT_EQ(found(text("htx")).size(), 3u);
  EXPECT_TRUE(found(text("sai gon")).empty());
}

TEST_P(RegistryContract, TextSearchMatchesPartOfTheCode) {
  repo().insert(entity("0101234567", "Một"));
  repo().insert(entity("0207654321", "Hai"));
  repo().insert(entity("HTX-HN-0042", "Ba"));
  EXPECT_EQ(found(text("1234")), std::vector<std::string>{"Một"});
  EXPECT_EQ(found(text("020")), std::vector<std::string>{"Hai"});
  EXPECT_EQ(found(text("HN-00")), std::vector<std::string>{"Ba"});
  EXPECT_EQ(found(text("hn-00")), std::vector<std::string>{"Ba"});  // like the name: any case
  EXPECT_EQ(repo().count(text("1234")), 1);
}

TEST_P(RegistryContract, SearchTextWithSqlCharactersMatchesLiterally) {
  repo().insert(entity("P-1", "Sạch 100% hữu cơ"));
  repo().insert(entity("P-2", "Mã a_b"));
  repo().insert(entity("P-3", "Nhà O'Neil"));
  repo().insert(entity("P-4", "Dấu \\ gạch"));
  repo().insert(entity("P-5", "Sạch 1000 hữu cơ"));
  repo().insert(entity("P-6", "Mã axb"));

  EXPECT_EQ(found(text("100%")), std::vector<std::string>{"Sạch 100% hữu cơ"});
  EXPECT_EQ(found(text("%")), std::vector<std::string>{"Sạch 100% hữu cơ"});
  EXPECT_EQ(found(text("a_b")), std::vector<std::string>{"Mã a_b"});
  EXPECT_EQ(found(text("_")), std::vector<std::string>{"Mã a_b"});
  EXPECT_EQ(found(text("o'neil")), std::vector<std::string>{"Nhà O'Neil"});
  EXPECT_EQ(found(text("\\")), std::vector<std::string>{"Dấu \\ gạch"});
  EXPECT_TRUE(found(text("'; DROP TABLE entity; --")).empty());
  EXPECT_TRUE(found(text("\"; DROP TABLE entity")).empty());
  EXPECT_EQ(repo().count(text("\"; DROP TABLE entity")), 0);
  EXPECT_EQ(repo().count(text("' OR '1'='1")), 0);

  // Nothing broke: the table and all rows are there, and such a name is stored as it is.
  repo().insert(entity("P-7", "x'; DROP TABLE entity; --"));
  EXPECT_EQ(found(text("'; DROP TABLE entity; --")),
            std::vector<std::string>{"x'; DROP TABLE entity; --"});
  EXPECT_EQ(repo().count(all()), 7);
}

TEST_P(RegistryContract, FiltersByTypeProvinceAndStatus) {
  auto a = entity("F-1", "An Phú");
  a.type = EntityType::kCooperative;
  a.province_id = "01";
  a.status = EntityStatus::kActive;
  auto b = entity("F-2", "Bình An");
  b.type = EntityType::kUnion;
  b.province_id = "01";
  b.status = EntityStatus::kSuspended;
  auto c = entity("F-3", "Cẩm An");
  c.type = EntityType::kGroup;
  c.province_id = "79";
  c.status = EntityStatus::kActive;
  auto d = entity("F-4", "Dĩ An");
  d.type = EntityType::kCooperative;
  d.province_id = "79";
  d.status = EntityStatus::kDissolved;
  d.dissolved_on = ymd(2020, 1, 1);
  for (auto* e : {&a, &b, &c, &d}) repo().insert(*e);

  auto q = all();
  q.type = EntityType::kCooperative;
  EXPECT_EQ(found(q), (std::vector<std::string>{"An Phú", "Dĩ An"}));
  q = all();
  q.type = EntityType::kUnion;
  EXPECT_EQ(found(q), std::vector<std::string>{"Bình An"});
  q = all();
  q.province_id = "79";
  EXPECT_EQ(found(q), (std::vector<std::string>{"Cẩm An", "Dĩ An"}));
  q = all();
  q.province_id = "48";
  EXPECT_TRUE(found(q).empty());
  q = all();
  q.status = EntityStatus::kActive;
  EXPECT_EQ(found(q), (std::vector<std::string>{"An Phú", "Cẩm An"}));
  q = all();
  q.status = EntityStatus::kDissolved;
  EXPECT_EQ(found(q), std::vector<std::string>{"Dĩ An"});

  // Combined, with text.
  q = all();
  q.type = EntityType::kCooperative;
  q.province_id = "79";
  EXPECT_EQ(found(q), std::vector<std::string>{"Dĩ An"});
  q.status = EntityStatus::kActive;
  EXPECT_TRUE(found(q).empty());
  q = text("an");
  q.province_id = "01";
  q.status = EntityStatus::kSuspended;
  EXPECT_EQ(found(q), std::vector<std::string>{"Bình An"});
}

TEST_P(RegistryContract, PagesWithLimitAndOffset) {
  for (int i = 0; i < 23; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "PG-%02d", i);
    repo().insert(entity(code, std::string("Tên ") + static_cast<char>('a' + (i * 7) % 23)));
  }
  auto everything = repo().list(all());
  ASSERT_EQ(everything.size(), 23u);

  std::vector<Entity> paged;
  for (int offset = 0;; offset += 5) {
    ListQuery q;
    q.limit = 5;
    q.offset = offset;
    auto page = repo().list(q);
    EXPECT_LE(page.size(), 5u);
    if (page.empty()) break;
    paged.insert(paged.end(), page.begin(), page.end());
    ASSERT_LT(offset, 100) << "paging does not end";
  }
  EXPECT_EQ(paged, everything);

  ListQuery q;
  q.limit = 3;
  q.offset = 21;
  EXPECT_EQ(repo().list(q).size(), 2u);
  q.offset = 23;
  EXPECT_TRUE(repo().list(q).empty());
  q.limit = 0;
  q.offset = 0;
  EXPECT_TRUE(repo().list(q).empty());
  EXPECT_EQ(repo().list(ListQuery{}).size(), 23u);  // default limit 50
}

TEST_P(RegistryContract, CountAgreesWithList) {
  for (int i = 0; i < 12; ++i) {
    auto e = entity("CT-" + std::to_string(100 + i),
                    i % 3 ? "Hà Nam " + std::to_string(i) : "Nam Định " + std::to_string(i));
    e.type = i % 2 ? EntityType::kGroup : EntityType::kCooperative;
    e.province_id = i % 4 ? "35" : "36";
    repo().insert(e);
  }
  std::vector<ListQuery> queries{all(), text("ha nam"), text("nam"), text("CT-10"), text("zzz")};
  auto typed = text("nam");
  typed.type = EntityType::kGroup;
  queries.push_back(typed);
  auto province = all();
  province.province_id = "36";
  queries.push_back(province);
  for (const auto& q : queries) {
    SCOPED_TRACE("text '" + q.text + "'");
    EXPECT_EQ(repo().count(q), static_cast<std::int64_t>(repo().list(q).size()));
    // count ignores paging.
    auto page = q;
    page.limit = 2;
    page.offset = 1;
    EXPECT_EQ(repo().count(page), repo().count(q));
  }
  EXPECT_EQ(repo().count(all()), 12);
  EXPECT_EQ(repo().count(text("ha nam")), 8);
}

// ---- for_each -------------------------------------------------------------------------------

TEST_P(RegistryContract, ForEachYieldsEveryEntityInCodeOrder) {
  // More rows than one fetch of a streaming backend, inserted out of code order.
  constexpr int kCount = 2345;
  {
    Transaction tx(db());
    for (int i = 0; i < kCount; ++i) {
      int n = (i * 7919) % kCount;
      char code[16];
      std::snprintf(code, sizeof code, "FE-%05d", n);
      repo().insert(entity(code, "Đơn vị " + std::to_string(n)));
    }
    tx.commit();
  }
  std::vector<std::string> seen;
  repo().for_each([&](const Entity& e) { seen.push_back(e.code); });
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(kCount));
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
  EXPECT_EQ(seen.front(), "FE-00000");
  EXPECT_EQ(seen.back(), "FE-02344");
}

TEST_P(RegistryContract, ForEachOnEmptyRegistryCallsNothing) {
  int calls = 0;
  repo().for_each([&](const Entity&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST_P(RegistryContract, ForEachGivesCompleteEntitiesAndAllowsCallsBack) {
  auto a = entity("N-2", "Hai");
  a.dissolved_on = ymd(2022, 5, 6);
  a.new_type = true;
  a.id = repo().insert(a);
  auto b = entity("N-1", "Một");
  b.id = repo().insert(b);
  Event ev;
  ev.entity_id = a.id;
  ev.kind = EventKind::kFounded;
  ev.effective_on = ymd(2015, 3, 20);
  ev.recorded_at = "2024-01-01T00:00:00Z";
  ev.actor = "test";
  repo().add_event(ev);

  std::vector<Entity> seen;
  std::vector<std::size_t> events;
  int inner = 0;
  repo().for_each([&](const Entity& e) {
    seen.push_back(e);
    auto again = repo().find_by_code(e.code);  // reads on the same connection
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, e);
    events.push_back(repo().events_of(e.id).size());
    repo().for_each([&](const Entity&) { ++inner; });  // even a nested for_each
  });
  EXPECT_EQ(seen, (std::vector<Entity>{b, a}));
  EXPECT_EQ(events, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(inner, 4);
}

TEST_P(RegistryContract, ForEachCallbackMayWriteAndUseTransactions) {
  for (int i = 1; i <= 3; ++i) repo().insert(entity("W-" + std::to_string(i), "Cũ"));
  repo().for_each([&](const Entity& e) {
    auto changed = e;
    changed.members = e.members + 100;
    if (e.code == "W-2") {
      Transaction tx(db());
      repo().update(changed);
      tx.commit();
    } else if (e.code == "W-3") {
      Transaction tx(db());
      repo().update(changed);  // rolled back: no commit
    } else {
      repo().update(changed);
    }
  });
  EXPECT_EQ(repo().find_by_code("W-1")->members, 112);
  EXPECT_EQ(repo().find_by_code("W-2")->members, 112);
  EXPECT_EQ(repo().find_by_code("W-3")->members, 12);
  // The connection is back to normal: a transaction can be opened and rolled back.
  {
    Transaction tx(db());
    repo().insert(entity("W-4", "Mới"));
  }
  EXPECT_FALSE(repo().find_by_code("W-4").has_value());
}

TEST_P(RegistryContract, ForEachStopsWhenCallbackThrowsAndKeepsWhatItWrote) {
  for (int i = 1; i <= 3; ++i) repo().insert(entity("T-" + std::to_string(i), "Cũ"));
  int calls = 0;
  EXPECT_THROW(repo().for_each([&](const Entity& e) {
    ++calls;
    auto changed = e;
    changed.name = "Đã đổi";
    repo().update(changed);
    if (e.code == "T-2") throw std::runtime_error("stop");
  }),
               std::runtime_error);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(repo().find_by_code("T-1")->name, "Đã đổi");
  EXPECT_EQ(repo().find_by_code("T-2")->name, "Đã đổi");
  EXPECT_EQ(repo().find_by_code("T-3")->name, "Cũ");
  // No transaction is left open.
  Transaction tx(db());
  repo().insert(entity("T-4", "Mới"));
  tx.commit();
  EXPECT_TRUE(repo().find_by_code("T-4").has_value());
}

TEST_P(RegistryContract, ForEachInsideTransactionSeesItsWrites) {
  repo().insert(entity("X-1", "Đã lưu"));
  {
    Transaction tx(db());
    repo().insert(entity("X-2", "Chưa lưu"));
    std::vector<std::string> seen;
    repo().for_each([&](const Entity& e) { seen.push_back(e.code); });
    EXPECT_EQ(seen, (std::vector<std::string>{"X-1", "X-2"}));
  }
  std::vector<std::string> seen;
  repo().for_each([&](const Entity& e) { seen.push_back(e.code); });
  EXPECT_EQ(seen, std::vector<std::string>{"X-1"});
}

// ---- events ---------------------------------------------------------------------------------

TEST_P(RegistryContract, EventsComeByEffectiveDateThenIdWithTheirChanges) {
  auto id = repo().insert(entity("E-1", "Sự kiện"));
  auto other = repo().insert(entity("E-2", "Khác"));

  auto event = [&](std::int64_t entity_id, EventKind kind, Date on, std::string note) {
    Event ev;
    ev.entity_id = entity_id;
    ev.kind = kind;
    ev.effective_on = on;
    ev.recorded_at = "2024-06-01T08:30:00Z";
    ev.actor = "cán bộ Nguyễn Văn A";
    ev.note = std::move(note);
    return ev;
  };
  auto founded = event(id, EventKind::kFounded, ymd(2015, 3, 20), "Thành lập");
  auto renamed = event(id, EventKind::kReorganised, ymd(2020, 7, 1), "Đổi tên; \"ghi chú\" 'x'");
  renamed.changes = {{"name", {"Tên cũ", "Sự kiện"}},
                     {"charter_capital", {500'000'000, 9'000'000'000'000'000'000LL}},
                     {"new_type", {false, true}},
                     {"dissolved_on", {nullptr, "2020-07-01"}},
                     {"nested", {{"a", {1, 2.5, "ba"}}}}};
  auto corrected = event(id, EventKind::kCorrected, ymd(2020, 7, 1), "Sửa cùng ngày");
  corrected.changes = {{"address", {"", "Thôn Đông"}}};
  auto dissolved = event(id, EventKind::kDissolved, ymd(2023, 12, 31), "");
  auto elsewhere = event(other, EventKind::kMerged, ymd(2018, 1, 1), "Của đơn vị khác");

  // Recorded out of date order.
  dissolved.id = repo().add_event(dissolved);
  renamed.id = repo().add_event(renamed);
  elsewhere.id = repo().add_event(elsewhere);
  founded.id = repo().add_event(founded);
  corrected.id = repo().add_event(corrected);
  EXPECT_LT(renamed.id, corrected.id);

  auto events = repo().events_of(id);
  ASSERT_EQ(events.size(), 4u);
  std::vector<Event> expected{founded, renamed, corrected, dissolved};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(events[i].id, expected[i].id);
    EXPECT_EQ(events[i].entity_id, id);
    EXPECT_EQ(events[i].kind, expected[i].kind);
    EXPECT_EQ(events[i].effective_on, expected[i].effective_on);
    EXPECT_EQ(events[i].recorded_at, expected[i].recorded_at);
    EXPECT_EQ(events[i].actor, expected[i].actor);
    EXPECT_EQ(events[i].changes, expected[i].changes);
    EXPECT_EQ(events[i].note, expected[i].note);
  }
  EXPECT_TRUE(events[0].changes.is_object());
  EXPECT_TRUE(events[0].changes.empty());
  EXPECT_EQ(events[1].changes["charter_capital"][1].get<std::int64_t>(),
            9'000'000'000'000'000'000LL);

  auto others = repo().events_of(other);
  ASSERT_EQ(others.size(), 1u);
  EXPECT_EQ(others[0].note, "Của đơn vị khác");
  EXPECT_TRUE(repo().events_of(424242).empty());
}

TEST_P(RegistryContract, EventOfUnknownEntityIsRejected) {
  Event ev;
  ev.entity_id = 777777;
  ev.effective_on = ymd(2020, 1, 1);
  ev.recorded_at = "2024-01-01T00:00:00Z";
  ev.actor = "x";
  EXPECT_THROW(repo().add_event(ev), InfrastructureError);
}

// ---- transactions ---------------------------------------------------------------------------

TEST_P(RegistryContract, TransactionWithoutCommitLeavesNothing) {
  repo().insert(entity("R-0", "Có trước"));
  {
    Transaction tx(db());
    auto id = repo().insert(entity("R-1", "Tạm"));
    Event ev;
    ev.entity_id = id;
    ev.effective_on = ymd(2020, 1, 1);
    ev.recorded_at = "2024-01-01T00:00:00Z";
    ev.actor = "x";
    repo().add_event(ev);
    auto before = repo().find_by_code("R-0");
    before->name = "Sửa tạm";
    repo().update(*before);
    EXPECT_TRUE(repo().find_by_code("R-1").has_value());  // visible inside
    EXPECT_EQ(repo().count(all()), 2);
  }
  EXPECT_FALSE(repo().find_by_code("R-1").has_value());
  EXPECT_EQ(repo().find_by_code("R-0")->name, "Có trước");
  EXPECT_EQ(repo().count(all()), 1);

  db().begin();
  repo().insert(entity("R-2", "Tạm"));
  db().rollback();
  EXPECT_FALSE(repo().find_by_code("R-2").has_value());
}

TEST_P(RegistryContract, CommittedTransactionIsKeptAfterReopening) {
  {
    Transaction tx(db());
    repo().insert(entity("K-1", "Giữ lại"));
    repo().insert(entity("K-2", "Giữ lại nữa"));
    tx.commit();
  }
  EXPECT_EQ(repo().count(all()), 2);
  reopen();
  EXPECT_EQ(repo().find_by_code("K-1")->name, "Giữ lại");
  EXPECT_EQ(repo().count(all()), 2);
}

TEST_P(RegistryContract, FailedStatementUndoesOnlyItselfInsideTransaction) {
  {
    Transaction tx(db());
    repo().insert(entity("FS-1", "Một"));
    EXPECT_THROW(repo().insert(entity("FS-1", "Trùng")), InfrastructureError);
    repo().insert(entity("FS-2", "Hai"));
    EXPECT_EQ(repo().count(all()), 2);
    tx.commit();
  }
  EXPECT_EQ(codes(repo().list(all())), (std::vector<std::string>{"FS-2", "FS-1"}));
  EXPECT_EQ(repo().find_by_code("FS-1")->name, "Một");
}

TEST_P(RegistryContract, TransactionsDoNotNestAndNeedBegin) {
  EXPECT_THROW(db().commit(), InfrastructureError);
  EXPECT_THROW(db().rollback(), InfrastructureError);
  db().begin();
  EXPECT_THROW(db().begin(), InfrastructureError);
  repo().insert(entity("NT-1", "Vẫn trong giao dịch"));  // the outer one goes on
  db().commit();
  EXPECT_TRUE(repo().find_by_code("NT-1").has_value());
  EXPECT_THROW(db().commit(), InfrastructureError);
}

// ---- schema ---------------------------------------------------------------------------------

TEST_P(RegistryContract, ReopeningDoesNotRerunMigrations) {
  int version = db().schema_version();
  EXPECT_GE(version, 1);
  auto id = repo().insert(entity("M-1", "Dữ liệu"));
  reopen();
  EXPECT_EQ(db().schema_version(), version);
  EXPECT_EQ(repo().find_by_id(id)->code, "M-1");
  reopen();
  EXPECT_EQ(db().schema_version(), version);
  EXPECT_EQ(repo().count(all()), 1);
}

TEST_P(RegistryContract, OtherConnectionsSeeCommittedChangesAndCanWrite) {
  auto other = open_database(url());
  repo().insert(entity("OC-1", "Một"));
  // Reads that stop after the first row must not pin a snapshot of the database.
  EXPECT_TRUE(repo().find_by_code("OC-1").has_value());
  EXPECT_TRUE(repo().find_by_id(repo().find_by_code("OC-1")->id).has_value());
  EXPECT_EQ(repo().count(all()), 1);
  EXPECT_GE(db().schema_version(), 1);

  other->registry().insert(entity("OC-2", "Hai"));
  EXPECT_TRUE(repo().find_by_code("OC-2").has_value());
  EXPECT_EQ(repo().count(all()), 2);
  {
    Transaction tx(db());
    repo().insert(entity("OC-3", "Ba"));
    tx.commit();
  }
  EXPECT_TRUE(other->registry().find_by_code("OC-3").has_value());
  EXPECT_EQ(other->registry().count(all()), 3);
}

TEST_P(RegistryContract, ConcurrentFirstOpensMigrateOnce) {
  // Several processes (here: connections) opening a new database at the same moment all succeed,
  // and the schema is created once.
  const std::string fresh = fresh_database();
  constexpr int kOpeners = 6;
  std::vector<std::thread> threads;
  std::vector<int> versions(kOpeners, -1);
  std::vector<std::string> errors(kOpeners);
  std::atomic<int> ready{0};
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kOpeners) std::this_thread::yield();
      try {
        auto other = open_database(fresh);
        versions[i] = other->schema_version();
        other->registry().insert(entity("CC-" + std::to_string(i), "Song song"));
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kOpeners; ++i) EXPECT_EQ(errors[i], "") << "opener " << i;
  auto check = open_database(fresh);
  for (int v : versions) EXPECT_EQ(v, check->schema_version());
  EXPECT_EQ(check->schema_version(), db().schema_version());
  EXPECT_EQ(check->registry().count(all()), kOpeners);
}

// ---- province scope and sort orders (ListQuery::province_in, sort, descending) -------------

TEST_P(RegistryContract, ProvinceInRestrictsToTheListedProvinces) {
  auto a = entity("P-1", "An Phú");
  a.province_id = "01-2008";
  auto b = entity("P-2", "Bình An");
  b.province_id = "24-2008";
  auto c = entity("P-3", "Cẩm An");
  c.province_id = "79-2008";
  auto d = entity("P-4", "Dĩ An");
  d.province_id = "24-2008";
  d.type = EntityType::kUnion;
  for (auto* e : {&a, &b, &c, &d}) repo().insert(*e);

  auto q = all();
  q.province_in = std::vector<std::string>{"24-2008", "01-2008"};
  EXPECT_EQ(found(q), (std::vector<std::string>{"An Phú", "Bình An", "Dĩ An"}));
  EXPECT_EQ(repo().count(q), 3);
  q.province_in = std::vector<std::string>{"79-2008"};
  EXPECT_EQ(found(q), std::vector<std::string>{"Cẩm An"});
  // An empty scope matches nothing (not everything).
  q.province_in = std::vector<std::string>{};
  EXPECT_TRUE(found(q).empty());
  EXPECT_EQ(repo().count(q), 0);
  // Combined with the other filters and text: all must hold.
  q = text("an");
  q.province_in = std::vector<std::string>{"24-2008", "79-2008"};
  q.type = EntityType::kUnion;
  EXPECT_EQ(found(q), std::vector<std::string>{"Dĩ An"});
  EXPECT_EQ(repo().count(q), 1);
  q = all();
  q.province_in = std::vector<std::string>{"24-2008"};
  q.province_id = "01-2008";
  EXPECT_TRUE(found(q).empty());
  // A province id that looks like SQL is only a value.
  q = all();
  q.province_in = std::vector<std::string>{"01-2008') OR ('1' = '1"};
  EXPECT_TRUE(found(q).empty());
}

TEST_P(RegistryContract, ProvinceInPagesAndCountsWithLimitAndOffset) {
  for (int i = 0; i < 7; ++i) {
    auto e = entity("Q-" + std::to_string(i), "Tên " + std::to_string(i));
    e.province_id = i % 2 ? "01-2008" : "24-2008";
    repo().insert(e);
  }
  ListQuery q;
  q.province_in = std::vector<std::string>{"24-2008"};
  q.limit = 2;
  q.offset = 1;
  EXPECT_EQ(codes(repo().list(q)), (std::vector<std::string>{"Q-2", "Q-4"}));
  EXPECT_EQ(repo().count(q), 4);
}

TEST_P(RegistryContract, SortsByCodeAndFoundingDateEitherWay) {
  auto a = entity("C-02", "Anh");
  a.founded_on = ymd(2010, 5, 1);
  auto b = entity("C-10", "Ánh");
  b.founded_on = ymd(2001, 1, 1);
  auto c = entity("C-01", "Dương");
  c.founded_on = ymd(2010, 5, 1);
  auto d = entity("B-99", "Đông");
  d.founded_on = ymd(2020, 12, 31);
  for (auto* e : {&a, &b, &c, &d}) repo().insert(*e);

  auto q = all();
  q.sort = ListQuery::Sort::kCode;
  EXPECT_EQ(codes(repo().list(q)), (std::vector<std::string>{"B-99", "C-01", "C-02", "C-10"}));
  q.descending = true;
  EXPECT_EQ(codes(repo().list(q)), (std::vector<std::string>{"C-10", "C-02", "C-01", "B-99"}));

  q = all();
  q.sort = ListQuery::Sort::kFoundedOn;
  // Same founding day: by code, ascending in both directions.
  EXPECT_EQ(codes(repo().list(q)), (std::vector<std::string>{"C-10", "C-01", "C-02", "B-99"}));
  q.descending = true;
  EXPECT_EQ(codes(repo().list(q)), (std::vector<std::string>{"B-99", "C-01", "C-02", "C-10"}));

  q = all();
  q.sort = ListQuery::Sort::kName;
  q.descending = true;
  EXPECT_EQ(found(q), (std::vector<std::string>{"Đông", "Dương", "Ánh", "Anh"}));
  q.descending = false;
  EXPECT_EQ(found(q), (std::vector<std::string>{"Anh", "Ánh", "Dương", "Đông"}));
}

TEST_P(RegistryContract, SortAppliesBeforeLimitAndOffset) {
  for (int i = 1; i <= 5; ++i) {
    auto e = entity("S-" + std::to_string(i), "Tên");
    e.founded_on = ymd(2000 + i, 1, 1);
    repo().insert(e);
  }
  ListQuery q;
  q.sort = ListQuery::Sort::kFoundedOn;
  q.descending = true;
  q.limit = 2;
  EXPECT_EQ(codes(repo().list(q)), (std::vector<std::string>{"S-5", "S-4"}));
  q.offset = 2;
  EXPECT_EQ(codes(repo().list(q)), (std::vector<std::string>{"S-3", "S-2"}));
}

HTX_INSTANTIATE_BACKENDS(RegistryContract);

}  // namespace
}  // namespace htx::store
