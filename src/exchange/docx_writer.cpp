// WordprocessingML packages written with libzip, in memory.
#include "exchange/docx_writer.hpp"

#include <zip.h>

#include <cstdint>
#include <fstream>
#include <string_view>
#include <utility>

#include "core/enum_codes.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"

namespace htx::exchange {

namespace {

using text::utf8_sequence;

constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// 1980-01-01 00:00:00, the first time a zip entry can carry: fixed so the output is too.
constexpr std::uint16_t kDosTime = 0;
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;

bool xml_char(std::uint32_t cp) {
  if (cp == 0x9 || cp == 0xA || cp == 0xD) return true;
  if (cp < 0x20) return false;
  return cp != 0xFFFE && cp != 0xFFFF;
}

std::string attr(std::string_view name, const std::string& value) {
  return " " + std::string(name) + "=\"" + docx_escape(value) + "\"";
}
std::string attr(std::string_view name, int value) {
  return " " + std::string(name) + "=\"" + std::to_string(value) + "\"";
}

std::string_view jc_of(DocxAlign a) {
  static constexpr enum_codes::Codes<DocxAlign, 4> kJc{{"left", "center", "right", "both"}};
  return kJc.code(a, "left");
}

// A run's text: tabs and line breaks become their own elements.
void text_of(std::string& out, const std::string& text) {
  std::string piece;
  auto flush = [&] {
    if (piece.empty()) return;
    out += "<w:t xml:space=\"preserve\">" + docx_escape(piece) + "</w:t>";
    piece.clear();
  };
  for (char c : text) {
    if (c == '\t') {
      flush();
      out += "<w:tab/>";
    } else if (c == '\n') {
      flush();
      out += "<w:br/>";
    } else if (c != '\r') {
      piece += c;
    }
  }
  flush();
}

std::string run_properties(const DocxRun& r, int paragraph_size) {
  std::string p;
  if (r.bold) p += "<w:b/><w:bCs/>";
  if (r.italic) p += "<w:i/><w:iCs/>";
  int size = r.size_half_points ? r.size_half_points : paragraph_size;
  if (size) p += "<w:sz" + attr("w:val", size) + "/><w:szCs" + attr("w:val", size) + "/>";
  if (r.underline) p += "<w:u w:val=\"single\"/>";
  return p.empty() ? p : "<w:rPr>" + p + "</w:rPr>";
}

void paragraph_xml(std::string& out, const DocxParagraph& p) {
  out += "<w:p><w:pPr>";
  if (p.heading_level == 1 || p.heading_level == 2)
    out += "<w:pStyle w:val=\"Heading" + std::to_string(p.heading_level) + "\"/>";
  if (p.keep_next) out += "<w:keepNext/>";
  if (p.rule) {
    out += "<w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>";
    out += "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/>";
  } else if (p.space_before || p.space_after || p.line) {
    out += "<w:spacing" + attr("w:before", p.space_before) + attr("w:after", p.space_after);
    if (p.line) out += attr("w:line", p.line) + " w:lineRule=\"auto\"";
    out += "/>";
  }
  if (p.indent_left || p.indent_right || p.first_line_indent) {
    out += "<w:ind" + attr("w:left", p.indent_left) + attr("w:right", p.indent_right);
    if (p.first_line_indent) out += attr("w:firstLine", p.first_line_indent);
    out += "/>";
  }
  out += "<w:jc" + attr("w:val", std::string(jc_of(p.align))) + "/>";
  if (p.rule) {
    out += "<w:rPr><w:sz w:val=\"4\"/><w:szCs w:val=\"4\"/></w:rPr></w:pPr></w:p>";
    return;
  }
  if (p.size_half_points)
    out += "<w:rPr><w:sz" + attr("w:val", p.size_half_points) + "/><w:szCs" +
           attr("w:val", p.size_half_points) + "/></w:rPr>";
  out += "</w:pPr>";
  for (const auto& r : p.runs) {
    out += "<w:r>" + run_properties(r, p.size_half_points);
    text_of(out, r.text);
    out += "</w:r>";
  }
  out += "</w:p>";
}

void table_xml(std::string& out, const DocxTable& t) {
  int total = 0;
  for (int w : t.column_widths) total += w;
  out += "<w:tbl><w:tblPr><w:tblW" + attr("w:w", total) + " w:type=\"dxa\"/>";
  out += "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    out += std::string("<w:") + side + " w:val=\"nil\"/>";
  out +=
      "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
      "<w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>"
      "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" "
      "w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
  for (int w : t.column_widths) out += "<w:gridCol" + attr("w:w", w) + "/>";
  out += "</w:tblGrid>";
  for (const auto& row : t.rows) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (std::size_t c = 0; c < t.column_widths.size(); ++c) {
      out +=
          "<w:tc><w:tcPr><w:tcW" + attr("w:w", t.column_widths[c]) + " w:type=\"dxa\"/></w:tcPr>";
      if (c < row.size() && !row[c].paragraphs.empty()) {
        for (const auto& p : row[c].paragraphs) paragraph_xml(out, p);
      } else {
        out += "<w:p/>";  // a cell holds at least one paragraph
      }
      out += "</w:tc>";
    }
    out += "</w:tr>";
  }
  out += "</w:tbl>";
}

std::string document_xml(const DocxDocument& doc) {
  std::string out = kXmlDecl;
  out += std::string("<w:document xmlns:w=\"") + kW + "\" xmlns:r=\"" + kR + "\"><w:body>";
  bool last_is_table = false;
  for (const auto& b : doc.blocks) {
    if (b.kind == DocxBlock::Kind::kTable) {
      table_xml(out, b.table);
      last_is_table = true;
    } else {
      paragraph_xml(out, b.paragraph);
      last_is_table = false;
    }
  }
  if (last_is_table || doc.blocks.empty()) out += "<w:p/>";  // Word wants a paragraph last
  const auto& pg = doc.page;
  out += "<w:sectPr>";
  if (pg.page_numbers_from_second)
    out +=
        "<w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
        "<w:headerReference w:type=\"first\" r:id=\"rId4\"/>";
  out += "<w:pgSz" + attr("w:w", pg.width) + attr("w:h", pg.height) + "/>";
  out += "<w:pgMar" + attr("w:top", pg.margin_top) + attr("w:right", pg.margin_right) +
         attr("w:bottom", pg.margin_bottom) + attr("w:left", pg.margin_left) +
         attr("w:header", pg.header) + attr("w:footer", pg.footer) + " w:gutter=\"0\"/>";
  if (pg.page_numbers_from_second) out += "<w:titlePg/>";
  out += "</w:sectPr></w:body></w:document>";
  return out;
}

std::string styles_xml(const DocxDocument& doc) {
  std::string font = docx_escape(doc.font);
  std::string fonts = "<w:rFonts w:ascii=\"" + font + "\" w:hAnsi=\"" + font + "\" w:eastAsia=\"" +
                      font + "\" w:cs=\"" + font + "\"/>";
  std::string out = kXmlDecl;
  out += std::string("<w:styles xmlns:w=\"") + kW + "\">";
  out += "<w:docDefaults><w:rPrDefault><w:rPr>" + fonts + "<w:sz" +
         attr("w:val", doc.size_half_points) + "/><w:szCs" + attr("w:val", doc.size_half_points) +
         "/><w:lang" + attr("w:val", doc.language) + attr("w:eastAsia", doc.language) +
         " w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
         "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
         "</w:pPr></w:pPrDefault></w:docDefaults>";
  out +=
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/>"
      "<w:qFormat/><w:rPr>" +
      fonts + "</w:rPr></w:style>";
  for (int level : {1, 2}) {
    std::string id = "Heading" + std::to_string(level);
    out += "<w:style w:type=\"paragraph\" w:styleId=\"" + id + "\"><w:name w:val=\"heading " +
           std::to_string(level) +
           "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
           "<w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/>"
           "<w:jc w:val=\"both\"/><w:outlineLvl w:val=\"" +
           std::to_string(level - 1) + "\"/></w:pPr><w:rPr>" + fonts +
           "<w:b/><w:bCs/><w:color w:val=\"000000\"/></w:rPr>"
           "</w:style>";
  }
  out +=
      "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/>"
      "<w:basedOn w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
      "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
      "</w:style>"
      "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
      "<w:name w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" "
      "w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" "
      "w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" "
      "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>";
  out += "</w:styles>";
  return out;
}

std::string settings_xml() {
  return std::string(kXmlDecl) + "<w:settings xmlns:w=\"" + kW +
         "\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>"
         "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting "
         "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
         "w:val=\"15\"/></w:compat></w:settings>";
}

std::string header_xml(bool page_number) {
  std::string out = std::string(kXmlDecl) + "<w:hdr xmlns:w=\"" + kW +
                    "\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr>";
  if (page_number)
    out +=
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
        "xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar "
        "w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar "
        "w:fldCharType=\"end\"/></w:r>";
  return out + "</w:p></w:hdr>";
}

std::string content_types_xml(bool headers) {
  std::string out = kXmlDecl;
  out +=
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
      "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>";
  if (headers)
    for (const char* h : {"header1", "header2"})
      out += std::string("<Override PartName=\"/word/") + h +
             ".xml\" ContentType=\"application/"
             "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>";
  out +=
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
      "</Types>";
  return out;
}

std::string package_rels_xml() {
  return std::string(kXmlDecl) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"word/document.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
         "</Relationships>";
}

std::string document_rels_xml(bool headers) {
  std::string base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::string out = std::string(kXmlDecl) +
                    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    "relationships\">"
                    "<Relationship Id=\"rId1\" Type=\"" +
                    base +
                    "styles\" Target=\"styles.xml\"/>"
                    "<Relationship Id=\"rId2\" Type=\"" +
                    base + "settings\" Target=\"settings.xml\"/>";
  if (headers)
    out += "<Relationship Id=\"rId3\" Type=\"" + base +
           "header\" Target=\"header1.xml\"/>"
           "<Relationship Id=\"rId4\" Type=\"" +
           base + "header\" Target=\"header2.xml\"/>";
  return out + "</Relationships>";
}

std::string core_xml(const DocxDocument& doc) {
  std::string out = kXmlDecl;
  out +=
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  if (!doc.title.empty()) out += "<dc:title>" + docx_escape(doc.title) + "</dc:title>";
  if (!doc.creator.empty()) out += "<dc:creator>" + docx_escape(doc.creator) + "</dc:creator>";
  if (!doc.language.empty()) out += "<dc:language>" + docx_escape(doc.language) + "</dc:language>";
  if (!doc.created.empty()) {
    out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + docx_escape(doc.created) +
           "</dcterms:created>";
    out += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + docx_escape(doc.created) +
           "</dcterms:modified>";
  }
  return out + "</cp:coreProperties>";
}

std::string app_xml() {
  return std::string(kXmlDecl) +
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "extended-properties\"><Application>HTX</Application></Properties>";
}

[[noreturn]] void zip_fail(const std::string& what, zip_error_t* err) {
  std::string msg = what + ": " + zip_error_strerror(err);
  throw InfrastructureError("docx: " + msg);
}

}  // namespace

DocxParagraph DocxParagraph::of(std::string text, DocxAlign align, bool bold, bool italic,
                                int size_half_points) {
  DocxParagraph p;
  p.align = align;
  p.size_half_points = size_half_points;
  DocxRun r;
  r.text = std::move(text);
  r.bold = bold;
  r.italic = italic;
  p.runs.push_back(std::move(r));
  return p;
}

void DocxDocument::add(DocxParagraph p) {
  DocxBlock b;
  b.kind = DocxBlock::Kind::kParagraph;
  b.paragraph = std::move(p);
  blocks.push_back(std::move(b));
}

void DocxDocument::add(DocxTable t) {
  DocxBlock b;
  b.kind = DocxBlock::Kind::kTable;
  b.table = std::move(t);
  blocks.push_back(std::move(b));
}

std::string docx_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::string_view s(text);
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    std::size_t len = utf8_sequence(s, i, cp);
    if (len == 0 || !xml_char(cp)) {
      out += "\xEF\xBF\xBD";
      i += len ? len : 1;
      continue;
    }
    auto entity = text::markup_entity(cp, "&apos;");
    if (entity.empty())
      out.append(s.substr(i, len));
    else
      out += entity;
    i += len;
  }
  return out;
}

std::string docx_bytes(const DocxDocument& doc) {
  const bool headers = doc.page.page_numbers_from_second;
  std::vector<std::pair<std::string, std::string>> parts;
  parts.emplace_back("[Content_Types].xml", content_types_xml(headers));
  parts.emplace_back("_rels/.rels", package_rels_xml());
  parts.emplace_back("word/document.xml", document_xml(doc));
  parts.emplace_back("word/_rels/document.xml.rels", document_rels_xml(headers));
  parts.emplace_back("word/styles.xml", styles_xml(doc));
  parts.emplace_back("word/settings.xml", settings_xml());
  if (headers) {
    parts.emplace_back("word/header1.xml", header_xml(true));
    parts.emplace_back("word/header2.xml", header_xml(false));
  }
  parts.emplace_back("docProps/core.xml", core_xml(doc));
  parts.emplace_back("docProps/app.xml", app_xml());

  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!buffer) zip_fail("buffer", &err);
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
  if (!za) {
    zip_source_free(buffer);
    zip_fail("open", &err);
  }
  zip_source_keep(buffer);  // read back after zip_close
  auto abandon = [&](const std::string& what) {
    std::string msg = std::string(what) + ": " + zip_strerror(za);
    zip_discard(za);
    zip_source_free(buffer);
    throw InfrastructureError("docx: " + msg);
  };
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    if (!s) abandon(name);
    zip_int64_t idx = zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(s);
      abandon(name);
    }
    auto i = static_cast<zip_uint64_t>(idx);
    if (zip_set_file_compression(za, i, ZIP_CM_DEFLATE, 0) != 0 ||
        zip_file_set_dostime(za, i, kDosTime, kDosDate, 0) != 0)
      abandon(name);
  }
  if (zip_close(za) != 0) abandon("close");

  std::string bytes;
  if (zip_source_open(buffer) != 0) {
    zip_source_free(buffer);
    throw InfrastructureError("docx: cannot read the package back");
  }
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  if (size > 0) {
    bytes.resize(static_cast<std::size_t>(size));
    zip_int64_t got = zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size));
    if (got != size) bytes.clear();
  }
  zip_source_close(buffer);
  zip_source_free(buffer);
  if (bytes.empty()) throw InfrastructureError("docx: cannot read the package back");
  return bytes;
}

void write_docx(const DocxDocument& doc, const std::string& path) {
  std::string bytes = docx_bytes(doc);
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) throw InfrastructureError("docx: cannot write " + path);
}

}  // namespace htx::exchange
