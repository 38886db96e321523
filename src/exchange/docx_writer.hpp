// Word documents (.docx, WordprocessingML) from a small document model: paragraphs of runs with
// alignment, bold/italic and size, headings, borderless tables (the two-column header block of an
// administrative document), page setup and page numbers. The package is written with libzip and
// is deterministic: the same model gives the same bytes (fixed zip timestamps, fixed part order).
#pragma once

#include <string>
#include <vector>

namespace htx::exchange {

enum class DocxAlign { kLeft, kCenter, kRight, kJustify };

struct DocxRun {
  std::string text;  // UTF-8; tabs become tab stops, '\n' a line break; invalid bytes U+FFFD
  bool bold = false;
  bool italic = false;
  bool underline = false;
  int size_half_points = 0;  // 0: the paragraph's size, else the document's
};

struct DocxParagraph {
  std::vector<DocxRun> runs;
  DocxAlign align = DocxAlign::kLeft;
  int heading_level = 0;      // 1, 2: styles "Heading1", "Heading2" (outline levels)
  int size_half_points = 0;   // default size of the runs; 0: the document's
  int first_line_indent = 0;  // twips
  int indent_left = 0;        // twips
  int indent_right = 0;       // twips
  int space_before = 0;       // twips
  int space_after = 0;        // twips
  int line = 0;               // line spacing in 240ths of a line (240 single); 0: style's
  bool keep_next = false;     // keep with the next paragraph
  // A horizontal rule instead of text: a thin empty paragraph with a top border, inset by
  // indent_left / indent_right (the short line under an organisation's name).
  bool rule = false;

  static DocxParagraph of(std::string text, DocxAlign align = DocxAlign::kLeft, bool bold = false,
                          bool italic = false, int size_half_points = 0);
};

struct DocxCell {
  std::vector<DocxParagraph> paragraphs;  // at least one is written
};

// A table without borders (layout only), fixed column widths in twips.
struct DocxTable {
  std::vector<int> column_widths;
  std::vector<std::vector<DocxCell>> rows;  // each row has column_widths.size() cells
};

struct DocxBlock {
  enum class Kind { kParagraph, kTable };
  Kind kind = Kind::kParagraph;
  DocxParagraph paragraph;
  DocxTable table;
};

// Page size and margins in twips (1/1440 inch; 1 mm = 56.7 twips).
struct DocxPage {
  int width = 11906;  // A4
  int height = 16838;
  int margin_top = 1134;     // 20 mm
  int margin_bottom = 1134;  // 20 mm
  int margin_left = 1701;    // 30 mm
  int margin_right = 850;    // 15 mm
  int header = 567;          // distance of the page header from the edge
  int footer = 567;
  // Page number centred in the page header, from the second page on.
  bool page_numbers_from_second = false;

  int text_width() const { return width - margin_left - margin_right; }
};

struct DocxDocument {
  DocxPage page;
  std::string font = "Times New Roman";
  int size_half_points = 28;  // 14 pt
  std::string language = "vi-VN";
  std::vector<DocxBlock> blocks;
  // docProps/core.xml
  std::string title;
  std::string creator = "HTX";
  std::string created;  // W3CDTF "2021-03-10T00:00:00Z"; empty: left out (keeps output fixed)

  void add(DocxParagraph p);
  void add(DocxTable t);
};

// The .docx package as bytes.
std::string docx_bytes(const DocxDocument& doc);
// Writes the package to `path`; throws InfrastructureError when it cannot.
void write_docx(const DocxDocument& doc, const std::string& path);

// XML text escaping as the writer does it: &, <, >, " and ' escaped, invalid UTF-8 and
// characters XML cannot carry replaced by U+FFFD.
std::string docx_escape(const std::string& text);

}  // namespace htx::exchange
