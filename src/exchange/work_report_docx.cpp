#include "exchange/work_report_docx.hpp"

#include <cstdint>
#include <string_view>
#include <utility>

namespace htx::exchange {

namespace {

using work::DraftParagraph;

constexpr int kHeaderSize = 26;  // 13 pt
constexpr int kNationalSize = 24;  // 12 pt: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" fits its column
constexpr int kBodySize = 28;        // 14 pt
constexpr int kRecipientsSize = 22;  // 11 pt
constexpr int kIndent = 567;         // 1 cm first-line indent

// Column widths of the header block and the closing block (text width 9355 twips on A4 with
// 30 mm + 15 mm margins).
constexpr int kHeaderLeft = 3969;   // 7 cm
constexpr int kClosingLeft = 4536;  // 8 cm

std::uint32_t upper_of(std::uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 0x20;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
  if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) && (cp & 1)) return cp - 1;
  if (cp == 0x1A1 || cp == 0x1B0) return cp - 1;  // ơ, ư
  if (cp >= 0x1EA0 && cp <= 0x1EF9 && (cp & 1)) return cp - 1;
  return cp;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Upper case of the first letter only: "đánh giá" -> "Đánh giá".
std::string upper_first(const std::string& s) {
  if (s.empty()) return s;
  std::size_t len = 1;
  auto c = static_cast<unsigned char>(s[0]);
  if ((c & 0xE0) == 0xC0)
    len = 2;
  else if ((c & 0xF0) == 0xE0)
    len = 3;
  else if ((c & 0xF8) == 0xF0)
    len = 4;
  if (len > s.size()) return s;
  return vietnamese_upper(s.substr(0, len)) + s.substr(len);
}

DocxParagraph centred(std::string text, bool bold, bool italic, int size) {
  return DocxParagraph::of(std::move(text), DocxAlign::kCenter, bold, italic, size);
}

// The short solid line under a name, centred in a column of `width`, `length` long.
DocxParagraph rule(int width, int length) {
  DocxParagraph p;
  p.rule = true;
  p.align = DocxAlign::kCenter;
  p.indent_left = p.indent_right = (width - length) / 2;
  return p;
}

DocxParagraph body_paragraph(const DraftParagraph& d) {
  DocxParagraph p = DocxParagraph::of(d.text, DocxAlign::kJustify);
  p.first_line_indent = kIndent;
  p.space_before = 0;
  p.space_after = 120;
  p.line = 264;  // 1.1 lines
  // A heading: bold, kept with the paragraph after it, a level 1 one further apart.
  auto heading = [&](int level) {
    p.heading_level = level;
    p.runs[0].bold = true;
    p.space_before = level == 1 ? 240 : 120;
    p.keep_next = true;
  };
  if (d.style == DraftParagraph::Style::kHeading) heading(1);
  if (d.style == DraftParagraph::Style::kSubheading) heading(2);
  return p;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string vietnamese_upper(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80             ? 1
                      : (c & 0xE0) == 0xC0 ? 2
                      : (c & 0xF0) == 0xE0 ? 3
                      : (c & 0xF8) == 0xF0 ? 4
                                           : 0;
    if (len == 0 || i + len > text.size()) {  // not UTF-8: kept as it is
      out += text[i++];
      continue;
    }
    std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    bool ok = true;
    for (std::size_t k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (!ok) {
      out += text[i++];
      continue;
    }
    append_utf8(out, upper_of(cp));
    i += len;
  }
  return out;
}

DocxDocument report_docx(const work::DraftReport& r, const ReportDocxOptions& options) {
  DocxDocument doc;
  doc.page.page_numbers_from_second = true;
  doc.size_half_points = kBodySize;
  doc.title = r.title;
  doc.created = options.created;
  const int text_width = doc.page.text_width();
  const int header_right = text_width - kHeaderLeft;

  // Header block: issuer over the number on the left; national title, motto and place-date on
  // the right. Two rows so that the number and the place-date stand on one line.
  DocxTable header;
  header.column_widths = {kHeaderLeft, header_right};
  DocxCell issuer, nation, number, dated;
  for (std::size_t i = 0; i < r.issuer.size(); ++i) {
    bool issuing_unit = i + 1 == r.issuer.size() && r.issuer.size() > 1;
    issuer.paragraphs.push_back(
        centred(r.issuer[i], issuing_unit || r.issuer.size() == 1, false, kHeaderSize));
  }
  issuer.paragraphs.push_back(rule(kHeaderLeft, kHeaderLeft / 3));
  nation.paragraphs.push_back(
      centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, kNationalSize));
  nation.paragraphs.push_back(centred("Độc lập - Tự do - Hạnh phúc", true, false, kHeaderSize));
  nation.paragraphs.push_back(rule(header_right, 3402));  // the motto's length, 6 cm
  auto number_p = centred(r.number_symbol, false, false, kHeaderSize);
  number_p.space_before = 120;
  number.paragraphs.push_back(number_p);
  auto dated_p = centred(r.place_date, false, true, kHeaderSize);
  dated_p.space_before = 120;
  dated.paragraphs.push_back(dated_p);
  header.rows = {{issuer, nation}, {number, dated}};
  doc.add(std::move(header));

  // Title ("BÁO CÁO") and subtitle (what it is about).
  std::string title = r.title, subtitle = r.subtitle;
  for (std::string_view kind : {"Báo cáo ", "BÁO CÁO "}) {
    if (subtitle.empty() && starts_with(title, kind)) {
      subtitle = upper_first(title.substr(kind.size()));
      title = title.substr(0, kind.size() - 1);
    }
  }
  auto title_p = centred(vietnamese_upper(title), true, false, kBodySize);
  title_p.space_before = 480;
  title_p.keep_next = true;
  doc.add(title_p);
  if (!subtitle.empty()) {
    auto sub_p = centred(subtitle, true, false, kBodySize);
    sub_p.keep_next = true;
    doc.add(sub_p);
  }
  auto title_rule = rule(text_width, text_width / 4);
  title_rule.space_after = 240;
  doc.add(title_rule);
  auto spacer = DocxParagraph::of("", DocxAlign::kLeft, false, false, kRecipientsSize);
  doc.add(spacer);

  for (const auto& p : r.body) doc.add(body_paragraph(p));

  // Closing: recipients bottom-left, signature bottom-right.
  const bool office = !r.issuer.empty() && r.issuer.back() == "VĂN PHÒNG";
  std::vector<std::string> recipients = options.recipients;
  if (recipients.empty()) {
    recipients = {"- Thường trực Liên minh HTX Việt Nam (để b/c);",
                  "- Các ban, đơn vị trực thuộc;"};
    recipients.emplace_back(office ? "- Lưu: VT, VP." : "- Lưu: VT.");
  }
  std::string signer_title = options.signer_title;
  if (signer_title.empty()) signer_title = office ? "CHÁNH VĂN PHÒNG" : "THỦ TRƯỞNG ĐƠN VỊ";

  auto gap = DocxParagraph::of("");
  gap.space_before = 240;
  doc.add(gap);
  DocxTable closing;
  closing.column_widths = {kClosingLeft, text_width - kClosingLeft};
  DocxCell left, right;
  DocxParagraph to = DocxParagraph::of("Nơi nhận:", DocxAlign::kLeft, true, true, 24);
  left.paragraphs.push_back(to);
  for (const auto& line : recipients)
    left.paragraphs.push_back(
        DocxParagraph::of(line, DocxAlign::kLeft, false, false, kRecipientsSize));
  right.paragraphs.push_back(centred(signer_title, true, false, kBodySize));
  for (int i = 0; i < 4; ++i) right.paragraphs.push_back(centred("", false, false, kBodySize));
  right.paragraphs.push_back(centred(options.signer_name, true, false, kBodySize));
  closing.rows = {{left, right}};
  doc.add(std::move(closing));
  return doc;
}

}  // namespace htx::exchange
