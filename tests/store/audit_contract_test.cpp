// The contract of audit::AuditLog, run on every backend.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "backend_fixture.hpp"
#include "core/error.hpp"
#include "core/transaction.hpp"

namespace htx::store {
namespace {

using audit::Entry;
using audit::Filter;

Entry entry(std::string actor, std::string action, std::string key, std::string at) {
  Entry e;
  e.at = std::move(at);
  e.actor = std::move(actor);
  e.action = std::move(action);
  e.object_type = "entity";
  e.object_key = std::move(key);
  e.before_json = R"({"name":"Cũ"})";
  e.after_json = R"({"name":"Mới"})";
  return e;
}

std::vector<std::string> keys(const std::vector<Entry>& es) {
  std::vector<std::string> out;
  for (auto& e : es) out.push_back(e.object_key);
  return out;
}

class AuditContract : public testing::BackendTest {
 protected:
  // Six entries, k1 oldest .. k6 newest.
  void append_sample() {
    log().append(entry("alice", "registry.create", "k1", "2024-01-01T00:00:01Z"));
    log().append(entry("bob", "registry.create", "k2", "2024-01-01T00:00:02Z"));
    log().append(entry("alice", "registry.update", "k1", "2024-01-01T00:00:03Z"));
    log().append(entry("cli:root", "registry.import", "file.xlsx", "2024-01-01T00:00:04Z"));
    log().append(entry("bob", "registry.update", "k2", "2024-01-01T00:00:05Z"));
    log().append(entry("alice", "registry.update", "k2", "2024-01-01T00:00:06Z"));
  }
};

TEST_P(AuditContract, EmptyLogListsNothing) { EXPECT_TRUE(log().list(Filter{}).empty()); }

TEST_P(AuditContract, AppendedEntriesRoundTripNewestFirst) {
  Entry first;
  first.at = "2024-05-06T07:08:09Z";
  first.actor = "Nguyễn Thị Bích";
  first.action = "registry.create";
  first.object_type = "entity";
  first.object_key = "0101234567";
  first.before_json = "";  // nothing before
  first.after_json =
      R"({"name":"HTX Đắk Lắk","charter_capital":9000000000000000000,"note":"a'b\"c"})";
  Entry second = first;
  second.at = "2024-05-06T07:08:10Z";
  second.action = "registry.dissolve";
  second.before_json = first.after_json;
  second.after_json = "";  // nothing left after
  log().append(first);
  log().append(second);

  auto got = log().list(Filter{});
  ASSERT_EQ(got.size(), 2u);
  EXPECT_GT(got[0].id, got[1].id);
  for (auto* e : {&second, &first}) {
    const auto& g = got[e == &second ? 0 : 1];
    EXPECT_EQ(g.at, e->at);
    EXPECT_EQ(g.actor, e->actor);
    EXPECT_EQ(g.action, e->action);
    EXPECT_EQ(g.object_type, e->object_type);
    EXPECT_EQ(g.object_key, e->object_key);
    EXPECT_EQ(g.before_json, e->before_json);
    EXPECT_EQ(g.after_json, e->after_json);
  }
  EXPECT_EQ(got[1].before_json, "");
  EXPECT_EQ(got[0].after_json, "");
}

TEST_P(AuditContract, FiltersByActorActionAndObjectKey) {
  append_sample();
  Filter f;
  f.actor = "alice";
  EXPECT_EQ(keys(log().list(f)), (std::vector<std::string>{"k2", "k1", "k1"}));
  for (auto& e : log().list(f)) EXPECT_EQ(e.actor, "alice");

  f = Filter{};
  f.action = "registry.create";
  EXPECT_EQ(keys(log().list(f)), (std::vector<std::string>{"k2", "k1"}));

  f = Filter{};
  f.object_key = "k2";
  auto k2 = log().list(f);
  ASSERT_EQ(k2.size(), 3u);
  EXPECT_EQ(k2[0].actor, "alice");
  EXPECT_EQ(k2[1].actor, "bob");
  EXPECT_EQ(k2[2].action, "registry.create");

  f = Filter{};
  f.actor = "bob";
  f.action = "registry.update";
  f.object_key = "k2";
  auto one = log().list(f);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].at, "2024-01-01T00:00:05Z");

  f = Filter{};
  f.actor = "ALICE";  // exact match
  EXPECT_TRUE(log().list(f).empty());
  f = Filter{};
  f.action = "registry.%";  // literal, not a pattern
  EXPECT_TRUE(log().list(f).empty());
}

TEST_P(AuditContract, FilterValuesWithSqlCharactersMatchLiterally) {
  log().append(entry("'; DROP TABLE audit_log; --", "x", "k'1", "2024-01-01T00:00:00Z"));
  log().append(entry("bob", "x", "k\"2", "2024-01-01T00:00:01Z"));
  Filter f;
  f.actor = "'; DROP TABLE audit_log; --";
  EXPECT_EQ(keys(log().list(f)), std::vector<std::string>{"k'1"});
  f = Filter{};
  f.object_key = "k\"2";
  EXPECT_EQ(keys(log().list(f)), std::vector<std::string>{"k\"2"});
  f = Filter{};
  f.actor = "' OR '1'='1";
  EXPECT_TRUE(log().list(f).empty());
  EXPECT_EQ(log().list(Filter{}).size(), 2u);
}

TEST_P(AuditContract, LimitAndBeforeIdPageThroughEverything) {
  append_sample();
  auto everything = log().list(Filter{});
  ASSERT_EQ(everything.size(), 6u);
  EXPECT_EQ(everything.front().at, "2024-01-01T00:00:06Z");
  EXPECT_EQ(everything.back().at, "2024-01-01T00:00:01Z");

  Filter f;
  f.limit = 4;
  auto first = log().list(f);
  ASSERT_EQ(first.size(), 4u);
  f.before_id = first.back().id;
  auto second = log().list(f);
  ASSERT_EQ(second.size(), 2u);
  for (auto& e : second) EXPECT_LT(e.id, first.back().id);
  f.before_id = second.back().id;
  EXPECT_TRUE(log().list(f).empty());

  std::vector<std::int64_t> paged;
  for (auto* page : {&first, &second})
    for (auto& e : *page) paged.push_back(e.id);
  std::vector<std::int64_t> all;
  for (auto& e : everything) all.push_back(e.id);
  EXPECT_EQ(paged, all);

  // Paging combines with a filter.
  Filter g;
  g.object_key = "k2";
  g.limit = 1;
  auto newest = log().list(g);
  ASSERT_EQ(newest.size(), 1u);
  g.before_id = newest[0].id;
  g.limit = 100;
  auto older = log().list(g);
  ASSERT_EQ(older.size(), 2u);
  for (auto& e : older) {
    EXPECT_EQ(e.object_key, "k2");
    EXPECT_LT(e.id, newest[0].id);
  }
}

TEST_P(AuditContract, FollowsTransactions) {
  log().append(entry("a", "x", "kept-before", "2024-01-01T00:00:00Z"));
  {
    Transaction tx(db());
    log().append(entry("a", "x", "rolled-back", "2024-01-01T00:00:01Z"));
    EXPECT_EQ(log().list(Filter{}).size(), 2u);
  }
  EXPECT_EQ(keys(log().list(Filter{})), std::vector<std::string>{"kept-before"});
  {
    Transaction tx(db());
    log().append(entry("a", "x", "committed", "2024-01-01T00:00:02Z"));
    tx.commit();
  }
  EXPECT_EQ(keys(log().list(Filter{})), (std::vector<std::string>{"committed", "kept-before"}));
}

TEST_P(AuditContract, EntriesSurviveReopening) {
  append_sample();
  auto before = log().list(Filter{});
  int version = db().schema_version();
  reopen();
  EXPECT_EQ(db().schema_version(), version);
  auto after = log().list(Filter{});
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].id, before[i].id);
    EXPECT_EQ(after[i].object_key, before[i].object_key);
  }
  // New entries come after the old ones.
  log().append(entry("z", "x", "new", "2024-02-01T00:00:00Z"));
  auto newest = log().list(Filter{});
  EXPECT_EQ(newest.front().object_key, "new");
  EXPECT_GT(newest.front().id, before.front().id);
}

HTX_INSTANTIATE_BACKENDS(AuditContract);

}  // namespace
}  // namespace htx::store
