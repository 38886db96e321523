// The .docx writer and the Decree 30 layout of the draft report, read back independently with
// python3's zipfile + xml.etree (tests/support/read_docx.py).
#include "exchange/docx_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "exchange/work_report_docx.hpp"
#include "support/docx_read.hpp"
#include "support/prerequisite.hpp"
#include "support/temp_dir.hpp"

namespace {

using htx::exchange::DocxAlign;
using htx::exchange::DocxDocument;
using htx::exchange::DocxParagraph;
using htx::testing::TempDir;
using nlohmann::json;
using P = htx::work::DraftParagraph;

htx::work::DraftReport sample_report() {
  htx::work::DraftReport r;
  r.issuer = {"LIÊN MINH HỢP TÁC XÃ VIỆT NAM", "VĂN PHÒNG"};
  r.number_symbol = "Số:       /BC-LMHTXVN";
  r.place_date = "Hà Nội, ngày 10 tháng 3 năm 2021";
  r.title = "Báo cáo đánh giá công tác tháng 02, triển khai công tác tháng 3/2021";
  r.body = {
      {P::Style::kHeading, "I. KẾT QUẢ CÔNG TÁC THÁNG 02/2021"},
      {P::Style::kSubheading, "1. Tình hình phát triển kinh tế tập thể, hợp tác xã"},
      {P::Style::kBody, "Tháng 02, cả nước thành lập mới 195 HTX, cụ thể: Miền Bắc: 148 HTX."},
      {P::Style::kBullet, "- Rà soát <quy chế> & \"điều lệ\" (Văn phòng)"},
      {P::Style::kHeading, "II. NHIỆM VỤ TRỌNG TÂM THÁNG 3/2021"},
  };
  return r;
}

json read_back(const std::string& path) {
  std::string error;
  auto j = htx::testing::read_docx(path, error);
  if (!j) ADD_FAILURE() << "cannot read " << path << " back: " << error;
  return j.value_or(json::object());
}

// The paragraph of the document's top level whose text is `text`, or null.
json block_with(const json& doc, const std::string& text) {
  for (const auto& b : doc["blocks"])
    if (b["type"] == "p" && b["text"] == text) return b;
  return nullptr;
}

bool has_paragraph(const json& doc, const std::string& text) {
  const auto& ps = doc["paragraphs"];
  return std::find(ps.begin(), ps.end(), text) != ps.end();
}

class DocxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override { HTX_REQUIRE(!htx::testing::plain_python().empty(), "python3 not found"); }
  TempDir dir_;
};

TEST(DocxEscape, EscapesMarkupAndReplacesWhatXmlCannotCarry) {
  EXPECT_EQ(htx::exchange::docx_escape("a & b <c> \"d\" 'e'"),
            "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;");
  EXPECT_EQ(htx::exchange::docx_escape(std::string("x\x01y\xC3", 4)), "x\xEF\xBF\xBDy\xEF\xBF\xBD");
  EXPECT_EQ(htx::exchange::docx_escape("Hợp tác xã"), "Hợp tác xã");
}

TEST(VietnameseUpper, UppercasesVietnameseLetters) {
  EXPECT_EQ(htx::exchange::vietnamese_upper("Báo cáo đánh giá ưu tiên ơn huệ, tổng kết ỹ"),
            "BÁO CÁO ĐÁNH GIÁ ƯU TIÊN ƠN HUỆ, TỔNG KẾT Ỹ");
}

TEST_F(DocxWriterTest, PackageIsAValidZipWithTheWordprocessingContentTypes) {
  DocxDocument doc;
  doc.title = "Thử";
  doc.add(DocxParagraph::of("Xin chào", DocxAlign::kCenter, true));
  auto path = dir_.file("a.docx");
  htx::exchange::write_docx(doc, path);
  auto j = read_back(path);
  EXPECT_TRUE(j["bad_member"].is_null());
  EXPECT_EQ(j["names"][0], "[Content_Types].xml");
  for (const char* part : {"_rels/.rels", "word/document.xml", "word/styles.xml",
                           "word/settings.xml", "docProps/core.xml"}) {
    EXPECT_NE(std::find(j["names"].begin(), j["names"].end(), part), j["names"].end()) << part;
  }
  EXPECT_EQ(j["main_target"], "word/document.xml");
  EXPECT_EQ(j["content_types"]["/word/document.xml"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
  EXPECT_EQ(j["content_types"]["/word/styles.xml"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml");
  EXPECT_EQ(j["content_types"]["/docProps/core.xml"],
            "application/vnd.openxmlformats-package.core-properties+xml");
  EXPECT_EQ(j["defaults"]["rels"], "application/vnd.openxmlformats-package.relationships+xml");
  auto p = block_with(j, "Xin chào");
  ASSERT_FALSE(p.is_null()) << j.dump(1);
  EXPECT_EQ(p["jc"], "center");
  EXPECT_TRUE(p["bold"].get<bool>());
}

TEST_F(DocxWriterTest, OutputIsDeterministic) {
  htx::exchange::ReportDocxOptions options;
  options.created = "2021-03-10T00:00:00Z";
  auto doc = htx::exchange::report_docx(sample_report(), options);
  auto a = htx::exchange::docx_bytes(doc);
  auto b = htx::exchange::docx_bytes(doc);
  EXPECT_EQ(a, b);
  auto j = read_back(dir_.write("d.docx", a));
  ASSERT_EQ(j["dates"].size(), 1u);
  EXPECT_EQ(j["dates"][0], json::array({1980, 1, 1, 0, 0, 0}));
}

TEST_F(DocxWriterTest, DraftReportFollowsDecree30Layout) {
  auto path = dir_.file("bc.docx");
  htx::exchange::write_docx(htx::exchange::report_docx(sample_report()), path);
  auto j = read_back(path);

  // A4, margins 20/20/30/15 mm, Times New Roman 14 pt, page numbers from page 2.
  EXPECT_EQ(j["page"], json({{"w", 11906},
                             {"h", 16838},
                             {"top", 1134},
                             {"bottom", 1134},
                             {"left", 1701},
                             {"right", 850}}));
  EXPECT_EQ(j["font"], "Times New Roman");
  EXPECT_EQ(j["size"], 28);
  EXPECT_EQ(j["headers"], json::array({"default", "first"}));

  // The header block: a borderless two-column table, 13 pt.
  ASSERT_GE(j["blocks"].size(), 1u);
  const auto& header = j["blocks"][0];
  ASSERT_EQ(header["type"], "tbl");
  ASSERT_FALSE(header["borders"].empty());
  for (const auto& b : header["borders"]) EXPECT_EQ(b, "nil");
  ASSERT_EQ(header["widths"].size(), 2u);
  EXPECT_EQ(header["widths"][0].get<int>() + header["widths"][1].get<int>(), 11906 - 1701 - 850);
  const auto& left = header["rows"][0][0];
  const auto& right = header["rows"][0][1];
  EXPECT_EQ(left[0]["text"], "LIÊN MINH HỢP TÁC XÃ VIỆT NAM");
  EXPECT_FALSE(left[0]["bold"].get<bool>());
  EXPECT_EQ(left[0]["size"], 26);
  EXPECT_EQ(left[1]["text"], "VĂN PHÒNG");
  EXPECT_TRUE(left[1]["bold"].get<bool>());
  EXPECT_EQ(header["rows"][1][0][0]["text"], "Số:       /BC-LMHTXVN");
  EXPECT_EQ(right[0]["text"], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_TRUE(right[0]["bold"].get<bool>());
  EXPECT_EQ(right[1]["text"], "Độc lập - Tự do - Hạnh phúc");
  EXPECT_TRUE(right[1]["bold"].get<bool>());
  const auto& dated = header["rows"][1][1][0];
  EXPECT_EQ(dated["text"], "Hà Nội, ngày 10 tháng 3 năm 2021");
  EXPECT_TRUE(dated["italic"].get<bool>());

  // Title and subtitle: bold, centred; the title in capitals.
  auto title = block_with(j, "BÁO CÁO");
  ASSERT_FALSE(title.is_null()) << j["paragraphs"].dump(1);
  EXPECT_EQ(title["jc"], "center");
  EXPECT_TRUE(title["bold"].get<bool>());
  auto subtitle = block_with(j, "Đánh giá công tác tháng 02, triển khai công tác tháng 3/2021");
  ASSERT_FALSE(subtitle.is_null()) << j["paragraphs"].dump(1);
  EXPECT_EQ(subtitle["jc"], "center");
  EXPECT_TRUE(subtitle["bold"].get<bool>());

  // Section headings as outline headings; the body justified with a first-line indent.
  auto h1 = block_with(j, "I. KẾT QUẢ CÔNG TÁC THÁNG 02/2021");
  ASSERT_FALSE(h1.is_null());
  EXPECT_EQ(h1["style"], "Heading1");
  EXPECT_TRUE(h1["bold"].get<bool>());
  auto h2 = block_with(j, "1. Tình hình phát triển kinh tế tập thể, hợp tác xã");
  ASSERT_FALSE(h2.is_null());
  EXPECT_EQ(h2["style"], "Heading2");
  auto figure =
      block_with(j, "Tháng 02, cả nước thành lập mới 195 HTX, cụ thể: Miền Bắc: 148 HTX.");
  ASSERT_FALSE(figure.is_null()) << j["paragraphs"].dump(1);
  EXPECT_EQ(figure["jc"], "both");
  EXPECT_EQ(figure["first_line"], "567");
  EXPECT_FALSE(figure["bold"].get<bool>());
  // Markup characters come back as text.
  EXPECT_TRUE(has_paragraph(j, "- Rà soát <quy chế> & \"điều lệ\" (Văn phòng)"));
  EXPECT_TRUE(has_paragraph(j, "II. NHIỆM VỤ TRỌNG TÂM THÁNG 3/2021"));

  // The closing: "Nơi nhận:" bottom-left, the signature bottom-right.
  json closing;
  for (const auto& b : j["blocks"])
    if (b["type"] == "tbl") closing = b;  // the last table
  ASSERT_EQ(closing["type"], "tbl");
  EXPECT_EQ(closing["rows"][0][0][0]["text"], "Nơi nhận:");
  EXPECT_TRUE(closing["rows"][0][0][0]["italic"].get<bool>());
  EXPECT_EQ(closing["rows"][0][0].back()["text"], "- Lưu: VT, VP.");
  EXPECT_EQ(closing["rows"][0][1][0]["text"], "CHÁNH VĂN PHÒNG");
  ASSERT_FALSE(closing["borders"].empty());
  for (const auto& b : closing["borders"]) EXPECT_EQ(b, "nil");
}

TEST_F(DocxWriterTest, RecipientsAndSignerCanBeGiven) {
  htx::exchange::ReportDocxOptions options;
  options.recipients = {"- Ban Thường vụ (để b/c);", "- Lưu: VT."};
  options.signer_title = "TL. CHỦ TỊCH";
  options.signer_name = "Nguyễn Văn A";
  auto doc = htx::exchange::report_docx(sample_report(), options);
  auto j = read_back(dir_.write("s.docx", htx::exchange::docx_bytes(doc)));
  EXPECT_TRUE(has_paragraph(j, "- Ban Thường vụ (để b/c);"));
  EXPECT_TRUE(has_paragraph(j, "TL. CHỦ TỊCH"));
  EXPECT_TRUE(has_paragraph(j, "Nguyễn Văn A"));
  EXPECT_FALSE(has_paragraph(j, "CHÁNH VĂN PHÒNG"));
}

}  // namespace
