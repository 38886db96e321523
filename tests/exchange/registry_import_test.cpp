#include "exchange/registry_import.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "exchange/registry_export.hpp"
#include "support/registry_fixture.hpp"

namespace htx::exchange {
namespace {

constexpr const char* kHeader =
    "Mã số đăng ký,Tên,Loại hình,Ngành nghề,Tỉnh/thành phố,Ngày thành lập,Ngày giải thể,Số thành "
    "viên\r\n";

class ImportTest : public ::testing::Test {
 protected:
  testing::RegistryFixture f;
  RegistryImporter importer{f.service, *f.db, f.geo, f.sectors, f.columns, f.clock};

  ImportReport run(const std::string& name, const std::string& bytes, ImportOptions opt = {}) {
    return importer.import_file(f.dir.write(name, bytes), opt);
  }
  std::int64_t stored() { return f.db->registry().count({}); }
  // The first problem of a refused import, as a user reads it in Vietnamese.
  static std::string first_key(const ImportReport& r) {
    if (r.fatal) return r.fatal->key;
    return r.problems.empty() ? "" : r.problems.front().error.key;
  }
};

TEST_F(ImportTest, ImportsVietnameseHeadersInAnyOrderWithBomCrlfAndLocalFormats) {
  std::string csv =
      "\xEF\xBB\xBF"
      "Tên,Mã số đăng ký,Tỉnh/thành phố,Loại hình,Ngành nghề,Ngày thành lập,Số thành viên,"
      "Vốn điều lệ (đồng),HTX kiểu mới\r\n"
      "HTX Nông nghiệp Đồng Tâm,0101000001,Hà Nội,HTX,Nông "
      "nghiệp,05/02/2021,1.234,1.500.000.000,Có\r\n"
      "HTX Cà phê Ea Tu,6601000002,dak lak,htx,nong nghiep,5/2/2021,45,0,x\r\n"
      "\"Tổ hợp tác Mây tre, đan\",T2401000003,Bắc Giang,THT,Công nghiệp – tiểu thủ công "
      "nghiệp,2021-02-05,12,,\r\n";
  auto r = run("a.csv", csv);
  ASSERT_FALSE(r.fatal) << f.vi.render(*r.fatal);
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.created, 3u);
  EXPECT_EQ(r.rejected, 0u);
  auto e = f.db->registry().find_by_code("0101000001");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name, "HTX Nông nghiệp Đồng Tâm");
  EXPECT_EQ(e->province_id, "01-2008");
  EXPECT_EQ(e->founded_on, *Date::from_ymd(2021, 2, 5));
  EXPECT_EQ(e->members, 1234);
  EXPECT_EQ(e->charter_capital, 1'500'000'000);
  EXPECT_TRUE(e->new_type);
  auto daklak = f.db->registry().find_by_code("6601000002");
  ASSERT_TRUE(daklak);
  EXPECT_EQ(daklak->province_id, "66-2008");
  EXPECT_EQ(daklak->founded_on, *Date::from_ymd(2021, 2, 5));
  auto group = f.db->registry().find_by_code("T2401000003");
  ASSERT_TRUE(group);
  EXPECT_EQ(group->type, registry::EntityType::kGroup);
  EXPECT_EQ(group->name, "Tổ hợp tác Mây tre, đan");
  EXPECT_EQ(group->sector_id, "cong_nghiep");
  EXPECT_EQ(group->province_id, "24-2008");
  // Each created entity has its founding event; the import is one audit entry with its counts.
  auto history = f.service.history("0101000001");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->events.size(), 1u);
  EXPECT_EQ(history->events[0].kind, registry::EventKind::kFounded);
  EXPECT_EQ(history->events[0].actor, "cli");
  auto audit = f.db->audit().list({});
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "registry.import");
  EXPECT_EQ(audit[0].object_key, "a.csv");
  EXPECT_EQ(nlohmann::json::parse(audit[0].after_json)["created"], 3);
}

TEST_F(ImportTest, HeadersWithoutDiacriticsAndSemicolonsAreUnderstood) {
  std::string csv =
      "ma so dang ky;TEN;loai hinh;nganh nghe;tinh;ngay thanh lap\n"
      "0101000009;HTX Thành Công;HTX;Vận tải;TP Hồ Chí Minh;01/06/2018\n";
  auto r = run("b.csv", csv);
  ASSERT_FALSE(r.fatal) << f.vi.render(*r.fatal);
  EXPECT_EQ(r.created, 1u);
  EXPECT_EQ(f.db->registry().find_by_code("0101000009")->province_id, "79-2008");
}

TEST_F(ImportTest, ProvinceIsResolvedOnTheBoundariesValidWhenTheEntityWasFounded) {
  std::string csv = std::string(kHeader) +
                    "A1,HTX Một,HTX,Nông nghiệp,Bắc Giang,10/10/2024,,10\r\n"
                    "A2,HTX Hai,HTX,Nông nghiệp,Bắc Ninh,10/10/2025,,10\r\n"
                    "A3,HTX Ba,HTX,Nông nghiệp,Bắc Giang,10/10/2025,,10\r\n";
  auto r = run("p.csv", csv);
  ASSERT_TRUE(r.committed) << first_key(r);
  EXPECT_EQ(f.db->registry().find_by_code("A1")->province_id, "24-2008");
  EXPECT_EQ(f.db->registry().find_by_code("A2")->province_id, "24-2025");
  // Bắc Giang no longer exists in October 2025: it is part of the new Bắc Ninh.
  EXPECT_EQ(f.db->registry().find_by_code("A3")->province_id, "24-2025");
}

TEST_F(ImportTest, ImportingTheSameFileTwiceDuplicatesNothing) {
  std::string csv = std::string(kHeader) + "B1,HTX Một,HTX,Nông nghiệp,Hà Nội,01/01/2020,,10\r\n" +
                    "B2,HTX Hai,HTX,Nông nghiệp,Hà Nội,01/01/2020,01/01/2022,10\r\n";
  auto first = run("twice.csv", csv);
  ASSERT_TRUE(first.committed);
  EXPECT_EQ(first.created, 2u);
  auto second = run("twice.csv", csv);
  ASSERT_TRUE(second.committed);
  EXPECT_EQ(second.created, 0u);
  EXPECT_EQ(second.unchanged, 2u);
  EXPECT_EQ(stored(), 2);
  auto b2 = f.db->registry().find_by_code("B2");
  EXPECT_EQ(b2->status, registry::EntityStatus::kDissolved);
  auto h = f.service.history("B2");
  ASSERT_EQ(h->events.size(), 2u);  // founded + dissolved, once each
  EXPECT_EQ(h->events[1].kind, registry::EventKind::kDissolved);
  EXPECT_EQ(h->events[1].effective_on, *Date::from_ymd(2022, 1, 1));
}

TEST_F(ImportTest, EmptyFileIsRefused) {
  auto r = run("empty.csv", "");
  ASSERT_TRUE(r.fatal);
  EXPECT_EQ(r.fatal->key, "file.empty");
  EXPECT_NE(f.vi.render(*r.fatal).find("rỗng"), std::string::npos);
  EXPECT_EQ(stored(), 0);
}

TEST_F(ImportTest, HeaderOnlyIsRefused) {
  auto r = run("header.csv", kHeader);
  ASSERT_TRUE(r.fatal);
  EXPECT_EQ(r.fatal->key, "file.no_rows");
  EXPECT_EQ(stored(), 0);
}

TEST_F(ImportTest, UnknownColumnIsNamedWithItsLetter) {
  auto r = run("unknown.csv",
               "Mã số đăng ký,Tên,Loại hình,Ngành nghề,Tỉnh,Ngày thành lập,Màu sắc\n"
               "C1,HTX,HTX,Nông nghiệp,Hà Nội,01/01/2020,xanh\n");
  ASSERT_TRUE(r.fatal);
  EXPECT_EQ(r.fatal->key, "file.unknown_columns");
  EXPECT_EQ(r.fatal->params.at("columns"), "G «Màu sắc»");
  EXPECT_NE(f.en.render(*r.fatal).find("not recognised"), std::string::npos);
  EXPECT_EQ(stored(), 0);
}

TEST_F(ImportTest, DuplicateColumnIsRefused) {
  auto r = run("dup.csv",
               "Mã số đăng ký,Tên,Loại hình,Ngành nghề,Tỉnh,Ngày thành lập,Ten\n"
               "C1,HTX,HTX,Nông nghiệp,Hà Nội,01/01/2020,HTX\n");
  ASSERT_TRUE(r.fatal);
  EXPECT_EQ(r.fatal->key, "file.duplicate_columns");
  EXPECT_EQ(r.fatal->params.at("columns"), "G «Ten»");
}

TEST_F(ImportTest, MissingRequiredColumnIsRefused) {
  auto r = run("missing.csv",
               "Mã số đăng ký,Tên,Loại hình,Ngành nghề,Ngày thành lập\n"
               "C1,HTX,HTX,Nông nghiệp,01/01/2020\n");
  ASSERT_TRUE(r.fatal);
  EXPECT_EQ(r.fatal->key, "file.missing_columns");
  EXPECT_EQ(r.fatal->params.at("columns"), "Tỉnh/thành phố");
}

struct BadRow {
  const char* name;
  const char* row;     // a data row under kHeader
  const char* key;     // the expected problem
  const char* column;  // its column letter
};

class BadRowTest : public ImportTest, public ::testing::WithParamInterface<BadRow> {};

TEST_P(BadRowTest, IsReportedWithLineAndColumnAndNothingIsStored) {
  const auto& p = GetParam();
  std::string csv = std::string(kHeader) + "OK1,HTX Tốt,HTX,Nông nghiệp,Hà Nội,01/01/2020,,10\r\n" +
                    p.row + "\r\n";
  auto r = run(std::string(p.name) + ".csv", csv);
  ASSERT_FALSE(r.fatal) << f.vi.render(*r.fatal);
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.rejected, 1u);
  ASSERT_FALSE(r.problems.empty());
  EXPECT_EQ(r.problems.front().line, 3u);
  EXPECT_EQ(r.problems.front().error.key, p.key);
  EXPECT_EQ(r.problems.front().column, p.column);
  EXPECT_EQ(stored(), 0) << "all or nothing: the good row must not be stored either";
  EXPECT_TRUE(f.db->audit().list({}).empty());
}

INSTANTIATE_TEST_SUITE_P(
    NamedBadInput, BadRowTest,
    ::testing::Values(
        BadRow{"missing_name", "C2,,HTX,Nông nghiệp,Hà Nội,01/01/2020,,10", "field.required", "B"},
        BadRow{"unknown_province", "C2,HTX,HTX,Nông nghiệp,Hà Tây,01/01/2020,,10",
               "field.unknown_province", "E"},
        BadRow{"dissolved_before_founded", "C2,HTX,HTX,Nông nghiệp,Hà Nội,01/01/2020,31/12/2019,10",
               "field.dissolved_before_founded", "G"},
        BadRow{"future_date", "C2,HTX,HTX,Nông nghiệp,Hà Nội,01/01/2027,,10",
               "field.date_in_future", "F"},
        BadRow{"negative_count", "C2,HTX,HTX,Nông nghiệp,Hà Nội,01/01/2020,,-3", "field.negative",
               "H"},
        BadRow{"non_numeric_count", "C2,HTX,HTX,Nông nghiệp,Hà Nội,01/01/2020,,mười",
               "field.not_a_number", "H"},
        BadRow{"impossible_date", "C2,HTX,HTX,Nông nghiệp,Hà Nội,31/02/2020,,10", "field.bad_date",
               "F"},
        BadRow{"bad_type", "C2,HTX,HTX mới,Nông nghiệp,Hà Nội,01/01/2020,,10", "field.bad_type",
               "C"},
        BadRow{"unknown_sector", "C2,HTX,HTX,Luyện kim,Hà Nội,01/01/2020,,10",
               "field.unknown_sector", "D"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(ImportTest, CodeAlreadyStoredWithDifferentDataIsAConflict) {
  auto original = f.service.create(f.sample("D1"), "test");
  ASSERT_TRUE(original);
  std::string csv =
      std::string(kHeader) + "D1,HTX Khác Tên,HTX,Nông nghiệp,Hà Nội,10/03/2019,,120\r\n";
  auto r = run("conflict.csv", csv);
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].error.key, "registry.code_conflict");
  EXPECT_EQ(r.problems[0].column, "A");
  EXPECT_NE(r.problems[0].error.params.at("fields").find("Tên"), std::string::npos);
  EXPECT_EQ(f.db->registry().find_by_code("D1")->name, original->name);
}

TEST_F(ImportTest, SameCodeTwiceInOneFileWithDifferentDataIsAConflict) {
  std::string csv = std::string(kHeader) + "E1,HTX Một,HTX,Nông nghiệp,Hà Nội,01/01/2020,,10\r\n" +
                    "E1,HTX Một,HTX,Nông nghiệp,Hà Nội,01/01/2020,,11\r\n";
  auto r = run("twice_in_file.csv", csv);
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].line, 3u);
  EXPECT_EQ(r.problems[0].error.key, "registry.code_conflict");
  EXPECT_EQ(stored(), 0);
}

TEST_F(ImportTest, A50MegabyteLineIsRefusedWithoutExhaustingMemory) {
  std::string csv = std::string(kHeader) + "F1,HTX Một,HTX,Nông nghiệp,Hà Nội,01/01/2020,,10\r\n";
  csv += "F2," + std::string(50u * 1024 * 1024, 'x') + ",HTX,Nông nghiệp,Hà Nội,01/01/2020,,10\r\n";
  csv += "F3,HTX Ba,HTX,Nông nghiệp,Hà Nội,01/01/2020,,10\r\n";
  auto r = run("long.csv", csv);
  ASSERT_FALSE(r.fatal);
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].error.key, "row.too_long");
  EXPECT_EQ(r.problems[0].line, 3u);
  EXPECT_EQ(r.rows, 3u) << "reading goes on after the long line";
  EXPECT_EQ(stored(), 0);
}

TEST_F(ImportTest, BinaryFileIsRefused) {
  std::string bytes = "\x89PNG\r\n\x1a\n";
  bytes += std::string("\0\0\0\rIHDR\0\0\0\x10", 16);
  for (int i = 0; i < 512; ++i) bytes += static_cast<char>(i * 37 % 256);
  auto r = run("picture.csv", bytes);
  ASSERT_TRUE(r.fatal);
  EXPECT_EQ(r.fatal->key, "file.binary");
  EXPECT_EQ(stored(), 0);
}

TEST_F(ImportTest, TextNamedXlsxIsRefused) {
  auto r =
      run("fake.xlsx", std::string(kHeader) + "G1,HTX,HTX,Nông nghiệp,Hà Nội,01/01/2020,,1\r\n");
  ASSERT_TRUE(r.fatal);
  EXPECT_EQ(r.fatal->key, "file.not_xlsx");
  EXPECT_NE(f.vi.render(*r.fatal).find("không phải tệp Excel"), std::string::npos);
}

TEST_F(ImportTest, CorruptZipNamedXlsxIsRefused) {
  auto r = run("broken.xlsx", std::string("PK\x03\x04", 4) + std::string(200, '\x11'));
  ASSERT_TRUE(r.fatal);
  EXPECT_EQ(r.fatal->key, "file.bad_xlsx");
  EXPECT_EQ(stored(), 0);
}

TEST_F(ImportTest, SkipInvalidImportsGoodRowsAndWritesRejectedOnesWithReasons) {
  std::string csv = std::string(kHeader) + "H1,HTX Một,HTX,Nông nghiệp,Hà Nội,01/01/2020,,10\r\n" +
                    "H2,HTX Hai,HTX,Nông nghiệp,Sao Hỏa,01/01/2020,,10\r\n" +
                    "H3,HTX Ba,HTX,Nông nghiệp,Huế,01/01/2020,,10\r\n";
  ImportOptions opt;
  opt.skip_invalid = true;
  opt.catalog = &f.vi;
  auto r = run("skip.csv", csv, opt);
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.created, 2u);
  EXPECT_EQ(r.rejected, 1u);
  EXPECT_EQ(stored(), 2);
  EXPECT_FALSE(f.db->registry().find_by_code("H2"));
  auto rejected = testing::TempDir::read(r.rejected_path);
  EXPECT_NE(rejected.find("H2,HTX Hai"), std::string::npos);
  EXPECT_NE(rejected.find("không có tỉnh/thành phố \"\"Sao Hỏa\"\""), std::string::npos)
      << rejected;
  EXPECT_EQ(rejected.find("H1,"), std::string::npos);
}

TEST_F(ImportTest, Windows1258FileIsConvertedNotStoredAsMojibake) {
  // "Hợp tác xã Đồng Tâm" in Windows-1258: base letters plus combining tone-mark bytes.
  std::string name =
      "H\xF5\xF2p ta\xEC"
      "c xa\xDE \xD0\xF4\xCC"
      "ng T\xE2m";
  std::string csv = "Ma so dang ky,Ten,Loai hinh,Nganh nghe,Tinh,Ngay thanh lap\r\n";
  for (int i = 0; i < 20; ++i)
    csv += "W" + std::to_string(i) + "," + name + ",HTX,Nong nghiep,Ha Noi,01/01/2020\r\n";
  auto r = run("cp1258.csv", csv);
  ASSERT_FALSE(r.fatal) << f.vi.render(*r.fatal);
  EXPECT_EQ(r.source_encoding, "Windows-1258");
  EXPECT_EQ(r.created, 20u);
  EXPECT_EQ(f.db->registry().find_by_code("W0")->name, "Hợp tác xã Đồng Tâm");
}

// "Hợp tác xã Nông nghiệp Đồng Tâm, Hà Nội" in the two legacy font encodings.
const std::string kNameTcvn3 =
    "H\xEEp t\xB8"
    "c x\xB7 N\xABng nghi\xD6p \xA7\xE5ng T\xA9m, H\xB5 N\xE9i";
const std::string kNameVni =
    "H\xF4\xEFp ta\xF9"
    "c xa\xF5 No\xE2ng nghie\xE4p \xD1o\xE0ng Ta\xE2m, Ha\xF8 No\xE4i";

class LegacyEncodingTest
    : public ImportTest,
      public ::testing::WithParamInterface<std::pair<const char*, const std::string*>> {};

TEST_P(LegacyEncodingTest, IsDetectedAndConvertedToUnicode) {
  auto [encoding, name] = GetParam();
  std::string csv = "Ma so dang ky,Ten,Loai hinh,Nganh nghe,Tinh,Ngay thanh lap\r\n";
  for (int i = 0; i < 10; ++i)
    csv += "L" + std::to_string(i) + ",\"" + *name + "\",HTX,Nong nghiep,Ha Noi,01/01/2020\r\n";
  auto r = run("legacy.csv", csv);
  ASSERT_FALSE(r.fatal) << f.vi.render(*r.fatal);
  EXPECT_EQ(r.source_encoding, encoding);
  ASSERT_TRUE(r.committed);
  EXPECT_EQ(f.db->registry().find_by_code("L3")->name, "Hợp tác xã Nông nghiệp Đồng Tâm, Hà Nội");
}

INSTANTIATE_TEST_SUITE_P(Encodings, LegacyEncodingTest,
                         ::testing::Values(std::make_pair("TCVN3 (ABC)", &kNameTcvn3),
                                           std::make_pair("VNI", &kNameVni)),
                         [](const auto& info) {
                           return info.index == 0 ? std::string("Tcvn3") : std::string("Vni");
                         });

TEST_F(ImportTest, UnrecognisedEightBitFileIsRefusedNamingTheProblem) {
  std::string csv = "Ma so dang ky,Ten,Loai hinh,Nganh nghe,Tinh,Ngay thanh lap\r\n";
  for (int i = 0; i < 10; ++i)
    csv += "Z" + std::to_string(i) +
           ",Caf\xE9 cr\xE8me \xFF\xFE,HTX,Nong nghiep,Ha Noi,01/01/2020\r\n";
  auto r = run("latin1.csv", csv);
  ASSERT_TRUE(r.fatal);
  EXPECT_EQ(r.fatal->key, "file.unknown_encoding");
  EXPECT_NE(f.vi.render(*r.fatal).find("không phải UTF-8"), std::string::npos);
  EXPECT_EQ(stored(), 0);
}

TEST_F(ImportTest, InvalidUtf8InALaterRowIsReportedNotStored) {
  std::string csv = std::string(kHeader);
  for (int i = 0; i < 3000; ++i)
    csv += "U" + std::to_string(i) + ",HTX Một,HTX,Nông nghiệp,Hà Nội,01/01/2020,,10\r\n";
  csv += "UX,HTX \xC3\x28 lỗi,HTX,Nông nghiệp,Hà Nội,01/01/2020,,10\r\n";
  auto r = run("late_bad_utf8.csv", csv);
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].error.key, "field.not_utf8");
  EXPECT_EQ(r.problems[0].column, "B");
  EXPECT_EQ(stored(), 0);
}

// Export -> import into an empty database -> export gives the same bytes.
TEST_F(ImportTest, CsvRoundTripIsByteIdentical) {
  auto a = f.sample("R1");
  auto b = f.sample("R2");
  b.name = "Tổ hợp tác \"Ánh Dương\", xã Tân Tiến";
  b.type = registry::EntityType::kGroup;
  b.dissolved_on = *Date::from_ymd(2023, 5, 1);
  b.status = registry::EntityStatus::kDissolved;
  b.province_id = "24-2025";
  b.founded_on = *Date::from_ymd(2025, 8, 1);
  b.dissolved_on = *Date::from_ymd(2025, 9, 1);
  ASSERT_TRUE(f.service.create(a, "t"));
  ASSERT_TRUE(f.service.create(b, "t"));
  RegistryExporter ex(f.db->registry(), f.geo, f.sectors, f.columns, f.vi);
  std::ostringstream first;
  ex.write_csv(first);
  auto path = f.dir.write("export1.csv", first.str());

  testing::RegistryFixture g;
  RegistryImporter importer2(g.service, *g.db, g.geo, g.sectors, g.columns, g.clock);
  auto r = importer2.import_file(path, {});
  ASSERT_TRUE(r.committed) << first_key(r);
  EXPECT_EQ(r.created, 2u);
  RegistryExporter ex2(g.db->registry(), g.geo, g.sectors, g.columns, g.vi);
  std::ostringstream second;
  ex2.write_csv(second);
  EXPECT_EQ(first.str(), second.str());
  auto imported = *g.db->registry().find_by_code("R2");
  auto original = *f.db->registry().find_by_code("R2");
  EXPECT_EQ(registry::to_json(imported), registry::to_json(original));
}

TEST_F(ImportTest, XlsxRoundTripIsByteIdentical) {
  ASSERT_TRUE(f.service.create(f.sample("X1"), "t"));
  auto other = f.sample("X2");
  other.name = "Liên hiệp HTX Thương mại Đắk Lắk";
  other.type = registry::EntityType::kUnion;
  other.province_id = "66-2008";
  other.charter_capital = 150'000'000'000;
  ASSERT_TRUE(f.service.create(other, "t"));
  auto created = *Date::from_ymd(2026, 11, 29);
  auto first = f.dir.file("export1.xlsx");
  RegistryExporter(f.db->registry(), f.geo, f.sectors, f.columns, f.vi).write_xlsx(first, created);

  testing::RegistryFixture g;
  RegistryImporter importer2(g.service, *g.db, g.geo, g.sectors, g.columns, g.clock);
  auto r = importer2.import_file(first, {});
  ASSERT_TRUE(r.committed) << first_key(r);
  EXPECT_EQ(r.created, 2u);
  EXPECT_EQ(g.db->registry().find_by_code("X2")->charter_capital, 150'000'000'000);
  auto second = g.dir.file("export2.xlsx");
  RegistryExporter(g.db->registry(), g.geo, g.sectors, g.columns, g.vi).write_xlsx(second, created);
  EXPECT_EQ(testing::TempDir::read(first), testing::TempDir::read(second));
}

}  // namespace
}  // namespace htx::exchange
