// `htx fund …` through the real binary on the full demo: the portfolio for Quý I/2020 states the
// quarter's narrative with the numbers counted here by plain SQL on the database file; a loan's
// position and schedule versions; a whole loan taken from application to repayment, where the
// operator who entered a disbursement cannot approve it and another OS user can; refusals name
// their option, exit non-zero and write nothing; the ledger reconciles. The portfolio as JSON,
// CSV (parsed back) and .xlsx (read back with exchange::XlsxReader) carries the same totals; a
// loan's statement as CSV and .xlsx lists its movements; a workbook needs --output.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "exchange/xlsx.hpp"
#include "support/demo_cli.hpp"

namespace htx::cli {
namespace {

std::string scalar(const std::string& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    else
      ADD_FAILURE() << sqlite3_errmsg(db) << "\n" << sql;
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

class FundCliTest : public htx::testing::DemoCliTest {
 protected:
  htx::testing::Result as(const std::string& user, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return htx::testing::run_program(HTX_BINARY, args, dir_->path().string(), {"USER=" + user});
  }
  // The id a write printed ("… số hiệu 12").
  static std::string id_in(const std::string& out) {
    auto p = out.rfind(' ');
    auto id = out.substr(p + 1);
    while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) id.pop_back();
    return id;
  }
};

TEST_F(FundCliTest, TheFirstQuarterOf2020IsStatedWithTheCountsOfTheRecords) {
  const auto lent = scalar(db_,
                           "SELECT count(*) FROM (SELECT loan_id, min(on_date) AS first FROM "
                           "fund_movement WHERE kind = 'disbursement' AND state = 'approved' "
                           "GROUP BY loan_id) WHERE first BETWEEN '2020-01-01' AND '2020-03-31'");
  const auto restructured =
      scalar(db_,
             "SELECT count(DISTINCT l.borrower_code) FROM fund_restructuring x JOIN fund_loan l "
             "ON l.id = x.loan_id WHERE x.on_date BETWEEN '2020-01-01' AND '2020-03-31'");
  ASSERT_GE(std::stoi(lent), 3);
  ASSERT_GE(std::stoi(restructured), 3);
  auto r = on({"fund", "portfolio", "--period", "Quý I/2020", "--by", "fund"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_NE(r.out.find("cho vay vốn ưu đãi " + lent + " dự án, "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cơ cấu lại nợ cho " + restructured + " HTX"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("QHTTW"), std::string::npos);
  auto list = on({"fund", "list"});
  ASSERT_EQ(list.code, 0) << list;
  EXPECT_NE(list.out.find("QHT-24"), std::string::npos);
  EXPECT_NE(list.out.find("0,55 %/tháng"), std::string::npos);
}

TEST_F(FundCliTest, ALoanFromApplicationToRepaymentUnderFourEyes) {
  const auto borrower = scalar(db_,
                               "SELECT code FROM entity WHERE province_id = '01-2008' AND status = "
                               "'active' AND type = 'HTX' ORDER BY code DESC LIMIT 1");
  auto applied =
      on({"fund", "apply", "--fund", "QHT-01", "--product", "SXKD", "--borrower", borrower,
          "--amount", "300.000.000", "--term-months", "12", "--total-investment", "500.000.000",
          "--own-contribution", "150.000.000", "--received-on", "02/11/2026"});
  ASSERT_EQ(applied.code, 0) << applied;
  const auto app = id_in(applied.out);
  ASSERT_EQ(on({"fund", "appraise", app, "--appraised-on", "05/11/2026", "--opinion", "Khả thi",
                "--recommended-amount", "300.000.000"})
                .code,
            0);
  ASSERT_EQ(
      on({"fund", "decide", app, "--decision-number", "99/QĐ-QHT", "--decided-on", "10/11/2026",
          "--members", "A\nB\nC", "--votes-for", "3", "--approved-amount", "300.000.000"})
          .code,
      0);
  auto contract = on({"fund", "contract", app, "--contract-number", "99/2026/HĐTD", "--contract-on",
                      "12/11/2026"});
  ASSERT_EQ(contract.code, 0) << contract;
  const auto loan = id_in(contract.out);
  // Above the approved amount: refused on its option, nothing written.
  auto over = on({"fund", "disburse", loan, "--on", "13/11/2026", "--amount", "400.000.000"});
  EXPECT_EQ(over.code, 1);
  EXPECT_NE(over.err.find("--amount: "), std::string::npos) << over.err;
  auto entered = on({"fund", "disburse", loan, "--on", "13/11/2026", "--amount", "300.000.000"});
  ASSERT_EQ(entered.code, 0) << entered;
  const auto movement = id_in(entered.out);
  auto own = on({"fund", "approve", movement});
  EXPECT_EQ(own.code, 1);
  EXPECT_NE(own.err.find("không được tự duyệt"), std::string::npos) << own.err;
  auto other = as("giam_doc", {"fund", "approve", movement});
  ASSERT_EQ(other.code, 0) << other;
  auto repaid = on({"fund", "repay", loan, "--on", "20/11/2026", "--amount", "1.000.000"});
  ASSERT_EQ(repaid.code, 0) << repaid;
  auto shown = on({"fund", "loan", loan, "--as-of", "29/11/2026"});
  ASSERT_EQ(shown.code, 0) << shown;
  EXPECT_NE(shown.out.find("99/2026/HĐTD"), std::string::npos);
  EXPECT_NE(shown.out.find("phiên bản 1"), std::string::npos);
  auto bad = on({"fund", "repay", loan, "--on", "31/02/2026", "--amount", "5"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("--on: "), std::string::npos) << bad.err;
  EXPECT_EQ(scalar(db_, "SELECT count(*) FROM fund_movement WHERE loan_id = " + loan), "2");
  auto rec = on({"fund", "reconcile", "--fund", "QHT-01"});
  EXPECT_EQ(rec.code, 0) << rec;
}

std::vector<std::vector<std::string>> csv_records(const std::string& text) {
  std::istringstream in(text);
  csv::Reader reader(in);
  std::vector<std::vector<std::string>> out;
  for (std::vector<std::string> r; reader.next(r) == csv::ReadStatus::kRecord;) out.push_back(r);
  return out;
}

// The rows of a workbook's first sheet.
std::vector<std::vector<std::string>> xlsx_rows(const std::string& file) {
  std::string error;
  auto reader = exchange::XlsxReader::open(file, error);
  EXPECT_TRUE(reader) << error;
  std::vector<std::vector<std::string>> out;
  exchange::XlsxRow row;
  while (reader && reader->next(row)) out.push_back(row.cells);
  return out;
}

TEST_F(FundCliTest, ThePortfolioAsJsonCsvAndXlsxCarriesTheSameTotals) {
  const std::vector<std::string> query{"fund",       "portfolio", "--period",
                                       "Quý I/2020", "--by",      "province"};
  auto with = [&](std::vector<std::string> extra) {
    auto args = query;
    args.insert(args.end(), extra.begin(), extra.end());
    return on(args);
  };
  auto as_json = with({"--format", "json"});
  ASSERT_EQ(as_json.code, 0) << as_json;
  auto j = nlohmann::json::parse(as_json.out);
  const auto& total = j["total"];
  ASSERT_GT(total["outstanding"].get<std::int64_t>(), 0);
  EXPECT_EQ(j["from"], "2020-01-01");
  EXPECT_EQ(j["to"], "2020-03-31");
  EXPECT_NE(j["narrative"].get<std::string>().find("cơ cấu lại nợ cho"), std::string::npos);

  auto as_csv = with({"--format", "csv"});
  ASSERT_EQ(as_csv.code, 0) << as_csv;
  auto records = csv_records(as_csv.out);
  ASSERT_EQ(records.size(), j["rows"].size() + 2);
  EXPECT_EQ(records[0][0], "Tỉnh, thành phố");
  EXPECT_EQ(records.back()[0], "Tổng cộng");
  EXPECT_EQ(records.back()[4], std::to_string(total["outstanding"].get<std::int64_t>()));
  EXPECT_EQ(records.back()[9], std::to_string(total["par30"].get<std::int64_t>()));
  std::int64_t sum = 0;
  for (std::size_t k = 1; k + 1 < records.size(); ++k) sum += std::stoll(records[k][4]);
  EXPECT_EQ(sum, total["outstanding"].get<std::int64_t>());

  // A workbook needs a file: refused on --output, nothing written.
  auto no_file = with({"--format", "xlsx"});
  EXPECT_EQ(no_file.code, 1);
  EXPECT_NE(no_file.err.find("--output: "), std::string::npos) << no_file.err;
  EXPECT_TRUE(no_file.out.empty());
  const auto file = dir_->file("portfolio.xlsx");
  auto written = with({"--format", "xlsx", "--output", file});
  ASSERT_EQ(written.code, 0) << written;
  auto rows = xlsx_rows(file);
  ASSERT_FALSE(rows.empty());
  const auto& last = rows.back();
  ASSERT_EQ(last.size(), 18u);
  EXPECT_EQ(last[0], "Tổng cộng");
  EXPECT_EQ(last[4], std::to_string(total["outstanding"].get<std::int64_t>()));
  EXPECT_EQ(last[17], std::to_string(total["general_provision"].get<std::int64_t>()));
  EXPECT_EQ(with({"--format", "pdf"}).code, 2);  // not offered
  // A file that cannot be written (its folder does not exist): refused on --output, exit 1.
  const auto nowhere = dir_->file("no-such-folder/portfolio.csv");
  auto unwritable = with({"--format", "csv", "--output", nowhere});
  EXPECT_EQ(unwritable.code, 1) << unwritable;
  EXPECT_NE(unwritable.err.find("--output: "), std::string::npos) << unwritable.err;
  EXPECT_NE(unwritable.err.find(nowhere), std::string::npos) << unwritable.err;
  EXPECT_FALSE(std::filesystem::exists(nowhere));
}

TEST_F(FundCliTest, ALoansStatementListsItsMovements) {
  const auto loan = scalar(db_,
                           "SELECT loan_id FROM fund_movement WHERE kind = 'repayment' GROUP BY "
                           "loan_id ORDER BY count(*) DESC, loan_id LIMIT 1");
  const auto movements =
      std::stoul(scalar(db_, "SELECT count(*) FROM fund_movement WHERE loan_id = " + loan));
  auto as_csv = on({"fund", "loan", loan, "--statement", "--as-of", "31/12/2022"});
  ASSERT_EQ(as_csv.code, 0) << as_csv;
  auto records = csv_records(as_csv.out);
  ASSERT_EQ(records.size(), movements + 1);
  EXPECT_EQ(records[0][0], "Ngày");
  EXPECT_EQ(records[1][1], "Giải ngân");
  EXPECT_EQ(records[1][0].size(), 10u);  // yyyy-mm-dd
  const auto file = dir_->file("statement.xlsx");
  auto written = on({"fund", "loan", loan, "--format", "xlsx", "--output", file});
  ASSERT_EQ(written.code, 0) << written;
  EXPECT_NE(written.out.find(file), std::string::npos);
  auto rows = xlsx_rows(file);
  ASSERT_GE(rows.size(), movements + 2);  // the title rows, the header, the movements
  EXPECT_NE(rows[0][0].find("Sao kê khoản vay"), std::string::npos);
  auto unknown = on({"fund", "loan", "999999", "--statement"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_TRUE(unknown.out.empty());
}

}  // namespace
}  // namespace htx::cli
