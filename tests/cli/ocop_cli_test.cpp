// `htx ocop …` through the real binary on the full demo: the list valid on a date has the rows
// counted here by plain SQL on the database file; a certificate added from its scores shows its
// stars and validity; refusals name their option, exit non-zero and write nothing; a province's
// list imported from .xlsx (written with exchange::XlsxWriter) is all or nothing, its errors by
// row, column and field; the registry's free text is migrated (a dry run first) with what cannot
// be matched listed, never dropped.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "exchange/xlsx.hpp"
#include "support/demo_cli.hpp"

namespace htx::cli {
namespace {

std::string scalar(const std::string& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      else if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        ADD_FAILURE() << sqlite3_errmsg(db) << "\n" << sql;
    } else {
      ADD_FAILURE() << sqlite3_errmsg(db) << "\n" << sql;
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

class OcopCliTest : public htx::testing::DemoCliTest {
 protected:
  std::string count() { return scalar(db_, "SELECT count(*) FROM ocop_certificate"); }
  std::string producer(const std::string& province) {
    return scalar(db_, "SELECT code FROM entity WHERE province_id = '" + province +
                           "' AND status = 'active' AND type = 'HTX' AND founded_on < "
                           "'2020-01-01' ORDER BY code LIMIT 1");
  }
  static std::size_t lines_with(const std::string& out, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t p = out.find(what); p != std::string::npos; p = out.find(what, p + 1)) ++n;
    return n;
  }
};

TEST_F(OcopCliTest, TheListValidOnADateIsTheRecords) {
  const auto valid = scalar(
      db_,
      "SELECT count(*) FROM ocop_certificate c WHERE decided_on <= '2024-12-31' AND valid_until "
      ">= '2024-12-31' AND NOT EXISTS (SELECT 1 FROM ocop_certificate r WHERE r.renews_id = c.id "
      "AND r.decided_on <= '2024-12-31')");
  ASSERT_NE(valid, "0");
  auto r = on({"--lang", "en", "ocop", "list", "--valid-on", "2024-12-31"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_EQ(std::to_string(lines_with(r.out, "  Valid\n")), valid) << r.out;
  auto fives = on({"--lang", "en", "ocop", "list", "--valid-on", "2024-12-31", "--stars", "5"});
  EXPECT_EQ(
      std::to_string(lines_with(fives.out, "  Valid\n")),
      scalar(db_,
             "SELECT count(*) FROM ocop_certificate c WHERE stars = 5 AND decided_on <= "
             "'2024-12-31' AND valid_until >= '2024-12-31' AND NOT EXISTS (SELECT 1 FROM "
             "ocop_certificate r WHERE r.renews_id = c.id AND r.decided_on <= '2024-12-31')"));
  auto bad = on({"ocop", "list", "--stars", "nhiều"});
  EXPECT_EQ(bad.code, 2) << bad;
  EXPECT_NE(bad.err.find("--stars: "), std::string::npos) << bad;
}

TEST_F(OcopCliTest, ACertificateFromItsScoresAndRefusalsByOption) {
  const auto code = producer("01-2008");
  ASSERT_FALSE(code.empty());
  const auto before = count();
  std::vector<std::string> args{"--lang",
                                "en",
                                "ocop",
                                "add",
                                "--product",
                                "Bánh chưng Tranh Khúc",
                                "--group",
                                "Thực phẩm",
                                "--subgroup",
                                "che_bien",
                                "--producer",
                                code,
                                "--score-a",
                                "33,5",
                                "--score-b",
                                "20",
                                "--score-c",
                                "28",
                                "--decision-number",
                                "77/QĐ-UBND",
                                "--decided-on",
                                "10/03/2025"};
  for (auto [option, value, where] : {std::tuple{"--score-a", "41", "--score-a: "},
                                      {"--stars", "5", "--stars: "},
                                      {"--producer", "0000000000", "--producer: "},
                                      {"--group", "Mỹ phẩm", "--group: "},
                                      {"--decided-on", "01/01/2099", "--decided-on: "},
                                      {"--level", "central", "--level: "}}) {
    auto changed = args;
    changed.push_back(option);
    changed.push_back(value);
    if (std::string(option) != "--stars" && std::string(option) != "--level") {
      auto it = std::find(changed.begin(), changed.end(), std::string(option));
      *(it + 1) = value;
      changed.resize(changed.size() - 2);
    }
    auto r = on(changed);
    EXPECT_EQ(r.code, 1) << option << "\n" << r;
    EXPECT_NE(r.err.find(where), std::string::npos) << option << "\n" << r;
  }
  EXPECT_EQ(count(), before);
  auto ok = on(args);
  ASSERT_EQ(ok.code, 0) << ok;
  EXPECT_NE(ok.out.find("4 stars, valid until 09/03/2028"), std::string::npos) << ok.out;
  const auto id = scalar(db_, "SELECT max(id) FROM ocop_certificate");
  auto show = on({"--lang", "en", "ocop", "show", id, "--on", "10/03/2028"});
  ASSERT_EQ(show.code, 0) << show;
  EXPECT_NE(show.out.find("points A 33,5, B 20, C 28"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("Not valid on that date"), std::string::npos) << show.out;
}

TEST_F(OcopCliTest, AProvincesListFromXlsxIsAllOrNothing) {
  const auto a = producer("24-2008"), b = producer("30-2008");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  auto write = [&](const std::string& name, const std::string& bad_score) {
    const auto path = dir_->file(name);
    exchange::XlsxWriter w(path, 0);
    w.add_sheet("OCOP",
                {"STT", "Tên sản phẩm", "Nhóm sản phẩm", "Phân nhóm", "Mã số HTX", "Điểm phần A",
                 "Điểm phần B", "Điểm phần C", "Hạng sao", "Số quyết định", "Ngày quyết định"},
                {});
    using C = exchange::XlsxCell;
    w.write_row({C::of_integer(1), C::of_text("Vải thiều sấy"), C::of_text("Thực phẩm"),
                 C::of_text("Thực phẩm chế biến"), C::of_text(a), C::of_number(30.5),
                 C::of_integer(20), C::of_integer(25), C::of_text("4 sao"),
                 C::of_text("215/QĐ-UBND"), C::of_date(*Date::from_ymd(2025, 5, 12))});
    w.write_row({C::of_integer(2), C::of_text("Bánh đa Kế"), C::of_text("thuc_pham"),
                 C::of_text("che_bien"), C::of_text(b), C::of_text(bad_score), C::of_integer(15),
                 C::of_integer(20), C::of_text(""), C::of_text("215/QĐ-UBND"),
                 C::of_date(*Date::from_ymd(2025, 5, 12))});
    w.close();
    return path;
  };
  const auto before = count();
  auto refused = on({"--lang", "en", "ocop", "import", write("bad.xlsx", "45")});
  EXPECT_EQ(refused.code, 1) << refused;
  EXPECT_NE(refused.err.find("Row 3, column F (Điểm phần A) (score_a)"), std::string::npos)
      << refused;
  EXPECT_EQ(count(), before);  // the good row was not written either
  auto ok = on({"--lang", "en", "ocop", "import", write("good.xlsx", "26")});
  ASSERT_EQ(ok.code, 0) << ok;
  EXPECT_NE(ok.out.find("2 OCOP products imported"), std::string::npos) << ok.out;
  EXPECT_EQ(std::stoi(count()), std::stoi(before) + 2);
  EXPECT_EQ(scalar(db_, "SELECT stars FROM ocop_certificate WHERE product = 'Bánh đa Kế'"), "3");
}

TEST_F(OcopCliTest, TheFreeTextIsMigratedWhatCannotBeMatchedListed) {
  const auto a = producer("87-2008"), b = producer("66-2008");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  scalar(db_, "UPDATE entity SET ocop_products = 'OCOP 4 sao - Gạo nếp; Xoài sấy' WHERE code = '" +
                  a + "'");
  scalar(db_, "UPDATE entity SET ocop_products = 'Cà phê bột 3★' WHERE code = '" + b + "'");
  const auto unmatched_in_demo =
      scalar(db_, "SELECT count(*) FROM entity WHERE ocop_products <> '' AND code NOT IN ('" + a +
                      "', '" + b + "')");
  const auto before = count();
  auto dry = on({"--lang", "en", "ocop", "migrate-free-text"});
  ASSERT_EQ(dry.code, 0) << dry;
  EXPECT_NE(dry.out.find("2 products would be recorded"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("Dry run"), std::string::npos) << dry.out;
  EXPECT_EQ(count(), before);
  // Every other demo entity's names (no stars) and the sấy without stars: listed, none dropped.
  EXPECT_GE(lines_with(dry.out, "no star rating written"), std::stoul(unmatched_in_demo) + 1)
      << dry.out;
  auto applied = on({"--lang", "en", "ocop", "migrate-free-text", "--apply"});
  ASSERT_EQ(applied.code, 0) << applied;
  EXPECT_NE(applied.out.find("2 products recorded"), std::string::npos) << applied.out;
  EXPECT_EQ(std::stoi(count()), std::stoi(before) + 2);
  EXPECT_EQ(scalar(db_,
                   "SELECT stars || ' ' || product || ' ' || origin FROM ocop_certificate "
                   "WHERE origin = 'free_text' AND producer_code = '" +
                       a + "'"),
            "4 Gạo nếp free_text");
  EXPECT_EQ(scalar(db_, "SELECT ocop_products FROM entity WHERE code = '" + a + "'"),
            "OCOP 4 sao - Gạo nếp; Xoài sấy");  // the registry keeps its text
  auto again = on({"--lang", "en", "ocop", "migrate-free-text", "--apply"});
  EXPECT_NE(again.out.find("0 products recorded"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("2 products are recorded already"), std::string::npos) << again.out;
  EXPECT_EQ(std::stoi(count()), std::stoi(before) + 2);
}

}  // namespace
}  // namespace htx::cli
