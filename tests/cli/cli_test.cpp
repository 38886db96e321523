// End-to-end tests of the real `htx` binary, run as a user runs it: a child process with a
// controlled environment (fixed "today", the source data directory, no HTX_DB, C.UTF-8), its
// standard output and standard error captured separately, and its exit code.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/postgres_cli.hpp"
#include "support/prerequisite.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace {

using htx::testing::TempDir;

using htx::testing::contains;
using htx::testing::data_dir;
using htx::testing::psql;
using htx::testing::Result;
using htx::testing::run_program;
using htx::testing::with_database;

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The registration codes listed by `htx search`, in the order printed (the first word of each
// result line; the first line is the "found" sentence).
std::vector<std::string> codes_listed(const std::string& search_output) {
  std::vector<std::string> codes;
  auto lines = lines_of(search_output);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::istringstream w(lines[i]);
    std::string code;
    if (w >> code && !code.empty() && code[0] != '(') codes.push_back(code);
  }
  return codes;
}

// A small registry as a provincial office sends it: Vietnamese headers, CRLF.
// Column E is the province.
constexpr const char* kHeader =
    "Mã số đăng ký,Tên,Loại hình,Ngành nghề,Tỉnh/thành phố,Ngày thành lập,Ngày giải thể,"
    "Trạng thái,Số thành viên\r\n";

std::string small_registry_csv() {
  return std::string(kHeader) +
         "0101000001,HTX Nông nghiệp Hà Nội,HTX,Nông nghiệp,Hà Nội,05/02/2021,,Đang hoạt "
         "động,120\r\n"
         "6601000002,HTX Cà phê Đắk Lắk,HTX,Nông nghiệp,Đắk Lắk,10/03/2019,,Đang hoạt động,45\r\n"
         "T0101000003,Tổ hợp tác Dệt may Vạn Phúc,THT,Công nghiệp – tiểu thủ công nghiệp,Hà Nội,"
         "01/06/2020,,,12\r\n"
         "7901000004,HTX Vận tải Sài Gòn,HTX,Vận tải,TP. Hồ Chí Minh,01/01/2015,30/06/2022,"
         "Giải thể,30\r\n"
         "0101000005,HTX Dương Liễu,HTX,Nông nghiệp,Hà Nội,01/01/2018,,,20\r\n"
         "0101000006,HTX Đa Phúc,HTX,Thương mại – dịch vụ,Hà Nội,01/01/2018,,,20\r\n"
         "0101000007,HTX Eo Gió,HTX,Môi trường,Bình Định,01/01/2018,,,20\r\n";
}

// Two new good rows around a row whose province does not exist (line 3).
std::string bad_province_csv() {
  return std::string(kHeader) +
         "0101000008,HTX Mới Tinh,HTX,Nông nghiệp,Hà Nội,01/01/2020,,,10\r\n"
         "0101000009,HTX Sao Hỏa,HTX,Nông nghiệp,Sao Hỏa,01/01/2020,,,10\r\n"
         "0101000010,HTX Tốt Lành,HTX,Nông nghiệp,Hà Nội,01/01/2020,,,10\r\n";
}

class CliTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db = dir.file("registry.db");

  // `htx args...` in the test's directory.
  Result htx(std::initializer_list<std::string> args, const std::vector<std::string>& env = {}) {
    return run_program(HTX_BINARY, std::vector<std::string>(args), dir.path().string(), env);
  }
  Result htx(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    return run_program(HTX_BINARY, args, dir.path().string(), env);
  }
  // `htx --db DATABASE args...`
  Result on(const std::string& database, std::initializer_list<std::string> args,
            const std::vector<std::string>& env = {}) {
    std::vector<std::string> a = {"--db", database};
    a.insert(a.end(), args.begin(), args.end());
    return htx(a, env);
  }
  // Imports the small registry into `database`; asserts success.
  void import_small(const std::string& database) {
    auto file = dir.write("small.csv", small_registry_csv());
    auto r = on(database, {"import", file});
    ASSERT_EQ(r.code, 0) << r;
  }
  std::string export_csv(const std::string& database) {
    auto r = on(database, {"export"});
    EXPECT_EQ(r.code, 0) << r;
    return r.out;
  }
};

// ---- help and arguments ----------------------------------------------------------------------

TEST_F(CliTest, HelpListsTheSubcommandsInVietnamese) {
  auto r = htx({"--help"});
  ASSERT_EQ(r.code, 0) << r;
  for (const char* cmd : {"init", "import", "export", "demo", "search", "show", "summary"})
    EXPECT_TRUE(contains(r.out, cmd)) << cmd << "\n" << r;
  EXPECT_TRUE(contains(r.out, "Tạo hoặc nâng cấp cơ sở dữ liệu")) << r;
  EXPECT_TRUE(contains(r.out, "Nhập sổ đăng ký từ tệp CSV hoặc .xlsx")) << r;
  EXPECT_TRUE(contains(r.out, "Báo cáo tổng hợp toàn quốc")) << r;
  EXPECT_TRUE(contains(r.out, "Xem một đơn vị và lịch sử biến động")) << r;
  EXPECT_FALSE(contains(r.out, "Create or upgrade the database")) << r;
}

TEST_F(CliTest, HelpInEnglishWithLangEn) {
  auto r = htx({"--lang", "en", "--help"});
  ASSERT_EQ(r.code, 0) << r;
  for (const char* cmd : {"init", "import", "export", "demo", "search", "show", "summary"})
    EXPECT_TRUE(contains(r.out, cmd)) << cmd << "\n" << r;
  EXPECT_TRUE(contains(r.out, "Create or upgrade the database")) << r;
  EXPECT_TRUE(contains(r.out, "Import the registry from a CSV or .xlsx file")) << r;
  EXPECT_TRUE(contains(r.out, "National summary report")) << r;
  EXPECT_FALSE(contains(r.out, "Tạo hoặc nâng cấp cơ sở dữ liệu")) << r;
}

TEST_F(CliTest, ImportHelpMentionsSkipInvalid) {
  auto r = htx({"import", "--help"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "--skip-invalid")) << r;
  EXPECT_TRUE(contains(r.out, "Nhập các dòng hợp lệ, ghi các dòng lỗi ra tệp riêng")) << r;
}

// A mistyped command must be named back to the user, not answered with "a subcommand is
// required" as if none had been given.
TEST_F(CliTest, UnknownSubcommandFailsWithAMessage) {
  auto r = htx({"frobnicate"});
  EXPECT_NE(r.code, 0) << r;
  EXPECT_TRUE(contains(r.err, "frobnicate")) << r;
  EXPECT_FALSE(std::filesystem::exists(dir.file("htx.db"))) << "no database for a bad command";
}

// ---- init ------------------------------------------------------------------------------------

TEST_F(CliTest, InitCreatesTheDatabaseAndCanRunTwice) {
  auto r = on(db, {"init"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(std::filesystem::exists(db));
  const std::string ready = "Cơ sở dữ liệu sẵn sàng (sqlite, phiên bản lược đồ ";
  auto at = r.out.find(ready);
  ASSERT_NE(at, std::string::npos) << r;
  const int version = std::atoi(r.out.c_str() + at + ready.size());
  EXPECT_GE(version, 1) << r;
  EXPECT_TRUE(r.err.empty()) << r;
  auto again = on(db, {"init"});
  ASSERT_EQ(again.code, 0) << again;
  EXPECT_EQ(again.out, r.out);
  auto en = on(db, {"--lang", "en", "init"});
  ASSERT_EQ(en.code, 0) << en;
  EXPECT_TRUE(contains(en.out, "Database ready")) << en;
  EXPECT_TRUE(contains(en.out, "schema version ")) << en;

  // HTX_DB names the database when --db is not given.
  const std::string from_env = dir.file("from_env.db");
  auto env = htx({"init"}, {"HTX_DB=" + from_env});
  ASSERT_EQ(env.code, 0) << env;
  EXPECT_TRUE(std::filesystem::exists(from_env));
  EXPECT_FALSE(std::filesystem::exists(dir.file("htx.db")));
}

// ---- import, search, show --------------------------------------------------------------------

TEST_F(CliTest, ImportThenSearchWithAndWithoutDiacriticsAndShow) {
  auto file = dir.write("small.csv", small_registry_csv());
  auto imp = on(db, {"import", file});
  ASSERT_EQ(imp.code, 0) << imp;
  EXPECT_TRUE(contains(imp.out, "Đã nhập 7 dòng: thêm mới 7, đã có và không đổi 0, bị từ chối 0."))
      << imp;
  EXPECT_FALSE(contains(imp.out, "Windows-1258")) << imp;  // a UTF-8 file is not "converted"

  // The same file again changes nothing.
  auto again = on(db, {"import", file});
  ASSERT_EQ(again.code, 0) << again;
  EXPECT_TRUE(
      contains(again.out, "Đã nhập 7 dòng: thêm mới 0, đã có và không đổi 7, bị từ chối 0."))
      << again;

  for (const char* query : {"ha noi", "HÀ NỘI", "Hà Nội"}) {
    auto s = on(db, {"search", query});
    ASSERT_EQ(s.code, 0) << query << "\n" << s;
    EXPECT_TRUE(contains(s.out, "Tìm thấy 1 đơn vị")) << query << "\n" << s;
    EXPECT_TRUE(contains(s.out, "HTX Nông nghiệp Hà Nội")) << query << "\n" << s;
    EXPECT_EQ(codes_listed(s.out), std::vector<std::string>{"0101000001"}) << s;
  }
  auto dak = on(db, {"search", "dak lak"});
  ASSERT_EQ(dak.code, 0) << dak;
  EXPECT_TRUE(contains(dak.out, "HTX Cà phê Đắk Lắk")) << dak;
  EXPECT_EQ(codes_listed(dak.out), std::vector<std::string>{"6601000002"}) << dak;

  auto by_code = on(db, {"search", "T0101"});
  ASSERT_EQ(by_code.code, 0) << by_code;
  EXPECT_EQ(codes_listed(by_code.out), std::vector<std::string>{"T0101000003"}) << by_code;

  auto none = on(db, {"search", "không có đâu"});
  EXPECT_EQ(none.code, 1) << none;
  EXPECT_TRUE(contains(none.out, "Tìm thấy 0 đơn vị")) << none;
}

TEST_F(CliTest, SearchResultsAreInVietnameseAlphabeticalOrder) {
  import_small(db);
  // Vietnamese order: C < D < Đ < E < N < V. Byte order would put "Đa" after "Eo"; an order on
  // folded names would put "Đa" before "Dương".
  auto s = on(db, {"search", "htx"});
  ASSERT_EQ(s.code, 0) << s;
  EXPECT_EQ(codes_listed(s.out),
            (std::vector<std::string>{"6601000002", "0101000005", "0101000006", "0101000007",
                                      "0101000001", "7901000004"}))
      << s;
  auto d = s.out.find("HTX Dương Liễu"), dd = s.out.find("HTX Đa Phúc"),
       e = s.out.find("HTX Eo Gió");
  ASSERT_NE(d, std::string::npos) << s;
  ASSERT_NE(dd, std::string::npos) << s;
  ASSERT_NE(e, std::string::npos) << s;
  EXPECT_LT(d, dd) << s;
  EXPECT_LT(dd, e) << s;

  auto limited = on(db, {"search", "htx", "--limit", "2"});
  ASSERT_EQ(limited.code, 0) << limited;
  EXPECT_EQ(codes_listed(limited.out), (std::vector<std::string>{"6601000002", "0101000005"}))
      << limited;
  EXPECT_TRUE(contains(limited.out, "Tìm thấy 6 đơn vị")) << limited;
  EXPECT_TRUE(contains(limited.out, "--limit")) << limited;
}

TEST_F(CliTest, ShowPrintsFieldsAndEventHistory) {
  import_small(db);
  auto s = on(db, {"show", "0101000001"});
  ASSERT_EQ(s.code, 0) << s;
  EXPECT_TRUE(contains(s.out, "Mã số đăng ký")) << s;
  EXPECT_TRUE(contains(s.out, "0101000001")) << s;
  EXPECT_TRUE(contains(s.out, "HTX Nông nghiệp Hà Nội")) << s;
  EXPECT_TRUE(contains(s.out, "Hợp tác xã")) << s;
  EXPECT_TRUE(contains(s.out, "Nông nghiệp")) << s;
  EXPECT_TRUE(contains(s.out, "Hà Nội (Miền Bắc)")) << s;
  EXPECT_TRUE(contains(s.out, "05/02/2021")) << s;
  EXPECT_TRUE(contains(s.out, "Đang hoạt động")) << s;
  EXPECT_TRUE(contains(s.out, "120")) << s;
  auto history = s.out.find("Lịch sử biến động:");
  ASSERT_NE(history, std::string::npos) << s;
  auto tail = s.out.substr(history);
  EXPECT_TRUE(contains(tail, "05/02/2021  Thành lập")) << s;
  EXPECT_TRUE(contains(tail, "cli:tester")) << s;
  EXPECT_FALSE(contains(tail, "Giải thể")) << s;

  auto gone = on(db, {"show", "7901000004"});
  ASSERT_EQ(gone.code, 0) << gone;
  EXPECT_TRUE(contains(gone.out, "HTX Vận tải Sài Gòn")) << gone;
  EXPECT_TRUE(contains(gone.out, "30/06/2022")) << gone;
  auto h2 = gone.out.find("Lịch sử biến động:");
  ASSERT_NE(h2, std::string::npos) << gone;
  auto tail2 = gone.out.substr(h2);
  auto founded = tail2.find("01/01/2015  Thành lập");
  auto dissolved = tail2.find("30/06/2022  Giải thể");
  EXPECT_NE(founded, std::string::npos) << gone;
  EXPECT_NE(dissolved, std::string::npos) << gone;
  EXPECT_LT(founded, dissolved) << gone;

  auto en = on(db, {"--lang", "en", "show", "7901000004"});
  ASSERT_EQ(en.code, 0) << en;
  EXPECT_TRUE(contains(en.out, "Event history:")) << en;
  EXPECT_TRUE(contains(en.out, "Founded")) << en;
  EXPECT_TRUE(contains(en.out, "Dissolved")) << en;
}

TEST_F(CliTest, ShowUnknownCodeFailsInTheUsersLanguage) {
  import_small(db);
  auto vi = on(db, {"show", "NOPE"});
  EXPECT_EQ(vi.code, 1) << vi;
  EXPECT_TRUE(contains(vi.err, "Lỗi: không có đơn vị mã số NOPE")) << vi;
  EXPECT_TRUE(vi.out.empty()) << vi;
  auto en = on(db, {"--lang", "en", "show", "NOPE"});
  EXPECT_EQ(en.code, 1) << en;
  EXPECT_TRUE(contains(en.err, "Error: there is no entity with code NOPE")) << en;
}

// ---- bad imports -----------------------------------------------------------------------------

TEST_F(CliTest, BadRowRefusesTheWholeFileAndNamesLineColumnAndHeader) {
  import_small(db);
  const std::string before = export_csv(db);
  auto file = dir.write("bad.csv", bad_province_csv());
  auto r = on(db, {"import", file});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_TRUE(
      contains(r.err, "Dòng 3, cột E «Tỉnh/thành phố»: không có tỉnh/thành phố \"Sao Hỏa\""))
      << r;
  EXPECT_TRUE(contains(r.err, "Không nhập: 1 trong 3 dòng có lỗi. Cơ sở dữ liệu giữ nguyên.")) << r;
  EXPECT_FALSE(contains(r.out, "Đã nhập")) << r;
  EXPECT_FALSE(std::filesystem::exists(file + ".rejected.csv"));
  // Nothing was imported, not even the good rows.
  EXPECT_EQ(export_csv(db), before);
  auto s = on(db, {"search", "Mới Tinh"});
  EXPECT_EQ(s.code, 1) << s;
  EXPECT_TRUE(contains(s.out, "Tìm thấy 0 đơn vị")) << s;
}

TEST_F(CliTest, BadRowMessageInEnglish) {
  auto file = dir.write("bad.csv", bad_province_csv());
  auto r = on(db, {"--lang", "en", "import", file});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_TRUE(
      contains(r.err, "Line 3, column E «Tỉnh/thành phố»: there is no province \"Sao Hỏa\""))
      << r;
  EXPECT_TRUE(
      contains(r.err, "Nothing imported: 1 of 3 rows have errors. The database is unchanged."))
      << r;
  EXPECT_FALSE(contains(r.err, "Dòng")) << r;
  auto s = on(db, {"search", "htx"});
  EXPECT_EQ(s.code, 1) << s;
}

TEST_F(CliTest, SkipInvalidImportsTheGoodRowsAndWritesTheRejectedFile) {
  auto file = dir.write("bad.csv", bad_province_csv());
  auto r = on(db, {"import", "--skip-invalid", file});
  EXPECT_NE(r.code, 2) << r;
  EXPECT_NE(r.code, 3) << r;
  EXPECT_TRUE(contains(r.err, "Dòng 3, cột E «Tỉnh/thành phố»")) << r;
  EXPECT_TRUE(contains(r.out, "Đã nhập 3 dòng: thêm mới 2, đã có và không đổi 0, bị từ chối 1."))
      << r;
  const std::string rejected_path = file + ".rejected.csv";
  EXPECT_TRUE(contains(r.out, rejected_path)) << r;
  ASSERT_TRUE(std::filesystem::exists(rejected_path)) << r;
  auto rejected = TempDir::read(rejected_path);
  EXPECT_EQ(rejected.rfind("\xEF\xBB\xBF", 0), 0u) << rejected;
  EXPECT_TRUE(contains(rejected, "Dòng,Lý do,")) << rejected;
  EXPECT_TRUE(contains(rejected, "0101000009")) << rejected;
  EXPECT_TRUE(contains(rejected, "không có tỉnh/thành phố")) << rejected;
  EXPECT_FALSE(contains(rejected, "0101000008")) << rejected;
  EXPECT_FALSE(contains(rejected, "0101000010")) << rejected;

  auto s = on(db, {"search", "htx"});
  ASSERT_EQ(s.code, 0) << s;
  EXPECT_EQ(codes_listed(s.out), (std::vector<std::string>{"0101000008", "0101000010"})) << s;
}

TEST_F(CliTest, Windows1258FileIsConvertedAndShownInUnicode) {
  // "Hợp tác xã Đồng Tâm" in Windows-1258 (base letters plus combining tone-mark bytes), in
  // "Hà Nội", sector "Nông nghiệp".
  const std::string name =
      "H\xF5\xF2p ta\xEC"
      "c xa\xDE \xD0\xF4\xCC"
      "ng T\xE2m";
  const std::string province = "Ha\xCC N\xF4\xF2i";
  const std::string sector = "N\xF4ng nghi\xEA\xF2p";
  std::string csv = "Ma so dang ky,Ten,Loai hinh,Nganh nghe,Tinh,Ngay thanh lap\r\n";
  for (int i = 0; i < 24; ++i)
    csv += "W" + std::to_string(100 + i) + "," + name + " " + std::to_string(i) + ",HTX," + sector +
           "," + province + ",01/01/2020\r\n";
  auto file = dir.write("cp1258.csv", csv);
  auto r = on(db, {"import", file});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "Windows-1258")) << r;
  EXPECT_TRUE(contains(r.out, "thêm mới 24")) << r;
  auto s = on(db, {"show", "W100"});
  ASSERT_EQ(s.code, 0) << s;
  EXPECT_TRUE(contains(s.out, "Hợp tác xã Đồng Tâm 0")) << s;
  EXPECT_TRUE(contains(s.out, "Hà Nội (Miền Bắc)")) << s;
  auto found = on(db, {"search", "dong tam"});
  ASSERT_EQ(found.code, 0) << found;
  EXPECT_TRUE(contains(found.out, "Tìm thấy 24 đơn vị")) << found;
}

TEST_F(CliTest, TextFileNamedXlsxIsRefused) {
  auto file = dir.write("data.xlsx", small_registry_csv());
  auto r = on(db, {"import", file});
  EXPECT_EQ(r.code, 1) << r;
  EXPECT_TRUE(contains(r.err, "không phải tệp Excel")) << r;
  EXPECT_TRUE(contains(r.err, "data.xlsx")) << r;
  EXPECT_TRUE(contains(r.err, "Cơ sở dữ liệu giữ nguyên")) << r;
  auto en = on(db, {"--lang", "en", "import", file});
  EXPECT_EQ(en.code, 1) << en;
  EXPECT_TRUE(contains(en.err, "is not an Excel workbook")) << en;
}

// ---- export and round trips ------------------------------------------------------------------

TEST_F(CliTest, CsvRoundTripIsByteIdentical) {
  import_small(db);
  auto a = on(db, {"export", "--output", dir.file("a.csv")});
  ASSERT_EQ(a.code, 0) << a;
  EXPECT_TRUE(contains(a.out, "Đã xuất 7 đơn vị")) << a;
  const std::string db2 = dir.file("second.db");
  auto imp = on(db2, {"import", dir.file("a.csv")});
  ASSERT_EQ(imp.code, 0) << imp;
  EXPECT_TRUE(contains(imp.out, "thêm mới 7")) << imp;
  auto b = on(db2, {"export", "--output", dir.file("b.csv")});
  ASSERT_EQ(b.code, 0) << b;
  auto bytes_a = TempDir::read(dir.file("a.csv"));
  auto bytes_b = TempDir::read(dir.file("b.csv"));
  EXPECT_FALSE(bytes_a.empty());
  EXPECT_EQ(bytes_a, bytes_b);
  EXPECT_FALSE(std::filesystem::exists(dir.file("a.csv.part")));
  // The same bytes as the export to standard output.
  EXPECT_EQ(export_csv(db), bytes_a);
}

TEST_F(CliTest, XlsxRoundTripIsByteIdentical) {
  import_small(db);
  auto a = on(db, {"export", "--output", dir.file("a.xlsx")});
  ASSERT_EQ(a.code, 0) << a;
  EXPECT_TRUE(contains(a.out, "Đã xuất 7 đơn vị")) << a;
  auto bytes_a = TempDir::read(dir.file("a.xlsx"));
  ASSERT_GT(bytes_a.size(), 4u);
  EXPECT_EQ(bytes_a.substr(0, 4), std::string("PK\x03\x04", 4));
  const std::string db2 = dir.file("second.db");
  auto imp = on(db2, {"import", dir.file("a.xlsx")});
  ASSERT_EQ(imp.code, 0) << imp;
  EXPECT_TRUE(contains(imp.out, "thêm mới 7")) << imp;
  auto b = on(db2, {"export", "--output", dir.file("b.xlsx")});
  ASSERT_EQ(b.code, 0) << b;
  EXPECT_TRUE(bytes_a == TempDir::read(dir.file("b.xlsx"))) << "a.xlsx and b.xlsx differ";
  // And the data came through intact.
  EXPECT_EQ(export_csv(db2), export_csv(db));
}

TEST_F(CliTest, ExportToStandardOutputIsCsvWithBomAndVietnameseHeader) {
  import_small(db);
  auto r = on(db, {"export"});
  ASSERT_EQ(r.code, 0) << r;
  const std::string start =
      "\xEF\xBB\xBF"
      "Mã số đăng ký,Tên,Loại hình,Ngành nghề,Tỉnh/thành phố,";
  EXPECT_EQ(r.out.rfind(start, 0), 0u) << r;
  EXPECT_TRUE(contains(
      r.out,
      "0101000001,HTX Nông nghiệp Hà Nội,HTX,Nông nghiệp,Hà Nội,,05/02/2021,,Đang hoạt động,120"))
      << r;
  EXPECT_EQ(lines_of(r.out).size(), 8u) << r;     // header + 7 rows
  EXPECT_FALSE(contains(r.out, "Đã xuất")) << r;  // no chatter mixed into the data
  auto en = on(db, {"--lang", "en", "export"});
  ASSERT_EQ(en.code, 0) << en;
  EXPECT_EQ(en.out.rfind("\xEF\xBB\xBF"
                         "Registration code,Name,Type,",
                         0),
            0u)
      << en;
}

TEST_F(CliTest, ExportToAnUnwritablePathSaysSoForCsvAndXlsxAlike) {
  import_small(db);
  for (const char* name : {"a.csv", "a.xlsx"}) {
    const std::string out = dir.file("no_such_dir/") + name;
    auto r = on(db, {"export", "--output", out});
    EXPECT_EQ(r.code, 1) << name << "\n" << r;
    EXPECT_TRUE(contains(r.err, "Lỗi: không ghi được tệp " + out)) << name << "\n" << r;
    EXPECT_FALSE(contains(r.err, "lỗi hệ thống")) << name << "\n" << r;  // not an internal error
  }
}

// ---- demo and summary ------------------------------------------------------------------------

TEST_F(CliTest, DemoThenSummaryAndDemoRefusesANonEmptyDatabase) {
  auto d = on(db, {"demo", "--scale", "0.01"});
  ASSERT_EQ(d.code, 0) << d;
  EXPECT_TRUE(contains(d.out, "Đã tạo sổ đăng ký mẫu")) << d;
  auto s = on(db, {"summary"});
  ASSERT_EQ(s.code, 0) << s;
  EXPECT_TRUE(
      contains(s.out, "BÁO CÁO TỔNG HỢP KINH TẾ TẬP THỂ TOÀN QUỐC — tính đến ngày 29/11/2026"))
      << s;
  EXPECT_TRUE(contains(s.out, "Miền Bắc")) << s;
  EXPECT_TRUE(contains(s.out, "Miền Trung – Tây Nguyên")) << s;
  EXPECT_TRUE(contains(s.out, "Miền Nam")) << s;
  EXPECT_TRUE(contains(s.out, "Cả nước có ")) << s;
  auto en = on(db, {"--lang", "en", "summary", "--as-of", "31/12/2021"});
  ASSERT_EQ(en.code, 0) << en;
  EXPECT_TRUE(contains(en.out, "NATIONAL COLLECTIVE ECONOMY SUMMARY — as of 31/12/2021")) << en;
  EXPECT_TRUE(contains(en.out, "North")) << en;
  EXPECT_TRUE(contains(en.out, "Central and Central Highlands")) << en;
  EXPECT_TRUE(contains(en.out, "South")) << en;

  const std::string before = export_csv(db);
  auto again = on(db, {"demo", "--scale", "0.01"});
  EXPECT_EQ(again.code, 1) << again;
  EXPECT_TRUE(contains(again.err, "cơ sở dữ liệu đã có dữ liệu")) << again;
  EXPECT_EQ(export_csv(db), before);
}

TEST_F(CliTest, DemoIsDeterministicForASeed) {
  const std::string a = dir.file("a.db"), b = dir.file("b.db"), c = dir.file("c.db");
  ASSERT_EQ(on(a, {"demo", "--scale", "0.01", "--seed", "7"}).code, 0);
  ASSERT_EQ(on(b, {"demo", "--scale", "0.01", "--seed", "7"}).code, 0);
  ASSERT_EQ(on(c, {"demo", "--scale", "0.01", "--seed", "8"}).code, 0);
  const std::string ea = export_csv(a), eb = export_csv(b), ec = export_csv(c);
  EXPECT_GT(lines_of(ea).size(), 10u);
  EXPECT_TRUE(ea == eb) << "same seed, different exports";
  EXPECT_FALSE(ea == ec) << "different seeds, same export";
}

TEST_F(CliTest, SummaryOfAnImportedRegistryCountsStockRegionsAndYears) {
  import_small(db);
  auto s = on(db, {"summary"});
  ASSERT_EQ(s.code, 0) << s;
  EXPECT_TRUE(
      contains(s.out, "Cả nước có 5 HTX, 0 LHHTX và 1 THT đang hoạt động, với 237 thành viên."))
      << s;
  // The rows of the region table and of the year table, as words.
  std::map<std::string, std::vector<std::string>> rows;
  for (auto& line : lines_of(s.out)) {
    std::istringstream in(line);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    if (words.empty()) continue;
    if (words[0] == "Miền") {
      std::string region;
      std::vector<std::string> numbers;
      for (auto& w : words)
        if (!w.empty() && std::isdigit(static_cast<unsigned char>(w[0])))
          numbers.push_back(w);
        else
          region += (region.empty() ? "" : " ") + w;
      rows[region] = numbers;
    } else if (words[0].size() == 4 && std::isdigit(static_cast<unsigned char>(words[0][0]))) {
      rows[words[0]] = std::vector<std::string>(words.begin() + 1, words.end());
    }
  }
  using V = std::vector<std::string>;
  EXPECT_EQ(rows["Miền Bắc"], (V{"3", "0", "1"})) << s;
  EXPECT_EQ(rows["Miền Trung – Tây Nguyên"], (V{"2", "0", "0"})) << s;
  EXPECT_EQ(rows["Miền Nam"], (V{"0", "0", "0"})) << s;
  // Year: HTX founded, HTX dissolved.
  EXPECT_EQ(rows["2015"], (V{"1", "0"})) << s;
  EXPECT_EQ(rows["2018"], (V{"3", "0"})) << s;
  EXPECT_EQ(rows["2019"], (V{"1", "0"})) << s;
  EXPECT_EQ(rows["2021"], (V{"1", "0"})) << s;
  // 2022: no HTX founded, one dissolved; the year must still be listed.
  EXPECT_EQ(rows["2022"], (V{"0", "1"})) << s;
  // As of a date before the dissolution, the Sài Gòn cooperative is still in the stock.
  auto earlier = on(db, {"summary", "--as-of", "31/12/2021"});
  ASSERT_EQ(earlier.code, 0) << earlier;
  EXPECT_TRUE(contains(earlier.out, "tính đến ngày 31/12/2021")) << earlier;
  EXPECT_TRUE(contains(earlier.out, "Cả nước có 6 HTX, 0 LHHTX và 1 THT đang hoạt động"))
      << earlier;
}

// ---- terminal output -------------------------------------------------------------------------

TEST_F(CliTest, NoProgressBarWhenNotATerminal) {
  auto d = on(db, {"demo", "--scale", "0.01"});
  ASSERT_EQ(d.code, 0) << d;
  auto e = on(db, {"export", "--output", dir.file("all.csv")});
  ASSERT_EQ(e.code, 0) << e;
  const std::string db2 = dir.file("second.db");
  auto i = on(db2, {"import", dir.file("all.csv")});
  ASSERT_EQ(i.code, 0) << i;
  for (const Result* r : {&d, &e, &i}) {
    EXPECT_FALSE(contains(r->out, "\r")) << *r;
    EXPECT_FALSE(contains(r->err, "\r")) << *r;
    EXPECT_FALSE(contains(r->out, "\x1b")) << *r;
    EXPECT_FALSE(contains(r->err, "\x1b")) << *r;
    EXPECT_FALSE(contains(r->err, "%")) << *r;
  }
}

// ---- PostgreSQL ------------------------------------------------------------------------------

TEST_F(CliTest, PostgresImportSearchShowExportMatchesSqlite) {
  const char* admin = std::getenv("HTX_TEST_PG_URL");
  HTX_REQUIRE(admin && *admin, "HTX_TEST_PG_URL is not set (run under scripts/with-postgres.sh)");
  const std::string name =
      "htx_cli_" + std::to_string(getpid()) + "_" +
      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
  auto created = psql(admin, "CREATE DATABASE " + name);
  ASSERT_EQ(created.code, 0) << created;
  struct Drop {
    std::string admin, name;
    ~Drop() { psql(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); }
  } drop{admin, name};
  const std::string pg = with_database(admin, name);

  auto file = dir.write("small.csv", small_registry_csv());
  auto imp = on(pg, {"import", file});
  ASSERT_EQ(imp.code, 0) << imp;
  EXPECT_TRUE(contains(imp.out, "Đã nhập 7 dòng: thêm mới 7, đã có và không đổi 0, bị từ chối 0."))
      << imp;

  auto init = on(pg, {"init"});
  ASSERT_EQ(init.code, 0) << init;
  EXPECT_TRUE(contains(init.out, "(postgresql, phiên bản lược đồ ")) << init;

  auto s = on(pg, {"search", "ha noi"});
  ASSERT_EQ(s.code, 0) << s;
  EXPECT_TRUE(contains(s.out, "HTX Nông nghiệp Hà Nội")) << s;
  EXPECT_EQ(codes_listed(s.out), std::vector<std::string>{"0101000001"}) << s;
  auto all = on(pg, {"search", "htx"});
  ASSERT_EQ(all.code, 0) << all;
  EXPECT_EQ(codes_listed(all.out),
            (std::vector<std::string>{"6601000002", "0101000005", "0101000006", "0101000007",
                                      "0101000001", "7901000004"}))
      << all;

  auto show = on(pg, {"show", "7901000004"});
  ASSERT_EQ(show.code, 0) << show;
  EXPECT_TRUE(contains(show.out, "HTX Vận tải Sài Gòn")) << show;
  EXPECT_TRUE(contains(show.out, "Thành lập")) << show;
  EXPECT_TRUE(contains(show.out, "30/06/2022  Giải thể")) << show;
  auto nope = on(pg, {"show", "NOPE"});
  EXPECT_EQ(nope.code, 1) << nope;
  EXPECT_TRUE(contains(nope.err, "không có đơn vị mã số NOPE")) << nope;

  // A refused file leaves the server database unchanged too.
  auto bad = on(pg, {"import", dir.write("bad.csv", bad_province_csv())});
  EXPECT_EQ(bad.code, 1) << bad;

  import_small(db);
  const std::string from_sqlite = export_csv(db);
  auto from_pg = on(pg, {"export"});
  ASSERT_EQ(from_pg.code, 0) << from_pg;
  EXPECT_EQ(from_pg.out, from_sqlite);
}

}  // namespace
