// The SQL, the reader and the parameters that store/record.hpp derives from a declared table.
#include "store/record.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace htx::store::sql {
namespace {

enum class Colour { kRed, kGreen };
std::string_view to_code(Colour c) { return c == Colour::kRed ? "red" : "green"; }
std::optional<Colour> colour_from_code(std::string_view code) {
  if (code == "red") return Colour::kRed;
  if (code == "green") return Colour::kGreen;
  return std::nullopt;
}

struct Range {
  int low = 0, high = 0;
};

struct Thing {
  std::int64_t id = 0;
  std::string name;
  int number = 0;
  bool flag = false;
  Date on;
  std::optional<Date> until;
  std::optional<std::int64_t> parent_id;
  Colour colour = Colour::kRed;
  std::optional<Colour> second;
  std::vector<std::string> tags;
  std::vector<std::int64_t> ids;
  Range range;
};

const Table<Thing> kThings{"thing",
                           {key<&Thing::id>(),
                            column<&Thing::name>("name"),
                            column<&Thing::number>("number"),
                            column<&Thing::flag>("flag"),
                            column<&Thing::on>("on_day"),
                            column<&Thing::until>("until_day"),
                            column<&Thing::parent_id>("parent_id"),
                            code<&Thing::colour, colour_from_code, Colour::kGreen>("colour"),
                            optional_code<&Thing::second, colour_from_code>("second"),
                            column<&Thing::tags>("tags"),
                            column<&Thing::ids>("ids"),
                            column<&Thing::range, &Range::low>("low"),
                            column<&Thing::range, &Range::high>("high"),
                            {"name_length", nullptr, [](const Thing& t) {
                               return p(static_cast<std::int64_t>(t.name.size()));
                             }}}};

TEST(Record, DerivesTheStatementsFromTheColumns) {
  EXPECT_EQ(kThings.width(), 13);
  EXPECT_EQ(kThings.select("WHERE id = $1"),
            "SELECT id, name, number, flag, on_day, until_day, parent_id, colour, second, "
            "tags::text, ids::text, low, high FROM thing WHERE id = $1");
  EXPECT_EQ(kThings.insert(),
            "INSERT INTO thing (name, number, flag, on_day, until_day, parent_id, colour, second, "
            "tags, ids, low, high, name_length) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
            "$9::jsonb, $10::jsonb, $11, $12, $13)");
  EXPECT_EQ(kThings.update({"extra"}),
            "UPDATE thing SET name = $1, number = $2, flag = $3, on_day = $4, until_day = $5, "
            "parent_id = $6, colour = $7, second = $8, tags = $9::jsonb, ids = $10::jsonb, "
            "low = $11, high = $12, name_length = $13, extra = $14 WHERE id = $15");
}

TEST(Record, WritesAndReadsEveryCodec) {
  Thing t;
  t.id = 7;
  t.name = "Hà Nội";
  t.number = 3;
  t.flag = true;
  t.on = *Date::parse_iso("2024-02-29");
  t.parent_id = 5;
  t.colour = Colour::kGreen;
  t.tags = {"a", "b"};
  t.ids = {1, 2};
  t.range = {4, 9};
  auto params = kThings.params(t);
  ASSERT_EQ(params.size(), 13u);
  std::vector<std::optional<std::string>> text;
  for (const auto& x : params)
    text.push_back(x.is_null() ? std::nullopt : std::optional<std::string>(x.as_text()));
  EXPECT_EQ(text, (std::vector<std::optional<std::string>>{
                      "Hà Nội", "3", "1", "2024-02-29", std::nullopt, "5", "green", "",
                      R"(["a","b"])", "[1,2]", "4", "9", "9"}));
  EXPECT_EQ(kThings.key_param(t).integer(), 7);

  Row row{"7", "Hà Nội",       "3",     "t", "2024-02-29", std::nullopt, "5", "green",
          "",  R"(["a","b"])", "[1,2]", "4", "9"};
  auto back = kThings.read(row);
  EXPECT_EQ(back.id, 7);
  EXPECT_EQ(back.name, t.name);
  EXPECT_EQ(back.number, 3);
  EXPECT_TRUE(back.flag);
  EXPECT_EQ(back.on, t.on);
  EXPECT_FALSE(back.until);
  EXPECT_EQ(back.parent_id, 5);
  EXPECT_EQ(back.colour, Colour::kGreen);
  EXPECT_FALSE(back.second);
  EXPECT_EQ(back.tags, t.tags);
  EXPECT_EQ(back.ids, t.ids);
  EXPECT_EQ(back.range.low, 4);
  EXPECT_EQ(back.range.high, 9);

  // An unknown code reads as the fallback; unreadable JSON as nothing.
  row[7] = "blue";
  row[9] = "not json";
  back = kThings.read(row);
  EXPECT_EQ(back.colour, Colour::kGreen);
  EXPECT_TRUE(back.tags.empty());
}

TEST(Record, OptionalFiltersNumberTheirParameters) {
  EXPECT_EQ(optional_filters({"unit_id = CAST($ AS BIGINT)", "status = $"}),
            "($1::text IS NULL OR unit_id = CAST($1 AS BIGINT)) AND "
            "($2::text IS NULL OR status = $2)");
}

}  // namespace
}  // namespace htx::store::sql
