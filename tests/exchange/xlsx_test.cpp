// XlsxWriter / XlsxReader: round trips, interoperability with openpyxl (python3), determinism,
// workbooks written by other producers, and refusal of broken files.
//
// Fixtures are generated at test time in a temporary folder by the python script below. The
// tests need python3 with openpyxl (Debian: python3-openpyxl); without it they FAIL. Set
// HTX_PYTHON3 to choose the interpreter.
#include "exchange/xlsx.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "support/python.hpp"

namespace fs = std::filesystem;
using htx::Date;
using htx::exchange::sanitize_sheet_name;
using htx::exchange::XlsxCell;
using htx::exchange::XlsxReader;
using htx::exchange::XlsxRow;
using htx::exchange::XlsxSheetOptions;
using htx::exchange::XlsxWriter;

namespace {

using htx::testing::CommandResult;
using htx::testing::python;
using htx::testing::run_command;
using htx::testing::shell_quote;

// ------------------------------------------------------------------------------------------
// The fixture generator (python3 + openpyxl + zipfile).

const char* const kFixtureScript = R"PY(
import sys, zipfile, datetime, random
sys.stdout.reconfigure(encoding="utf-8")

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')

def rels(items):
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">' % NS_PKG +
            "".join('<Relationship Id="%s" Type="%s/%s" Target="%s"/>' % (i, NS_R, t, g)
                    for i, t, g in items) + "</Relationships>")

ROOT_RELS = rels([("rId1", "officeDocument", "xl/workbook.xml")])

def write_zip(path, files, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in files.items():
            z.writestr(name, data if isinstance(data, bytes) else data.encode("utf-8"))

def minimal(path, sheet, sst=None, workbook=None):
    items = [("rId1", "worksheet", "worksheets/sheet1.xml")]
    files = {"[Content_Types].xml": CT, "_rels/.rels": ROOT_RELS,
             "xl/workbook.xml": workbook or ('<workbook xmlns="%s" xmlns:r="%s"><sheets>'
                 '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS_MAIN, NS_R)),
             "xl/worksheets/sheet1.xml": sheet}
    if sst is not None:
        items.append(("rId2", "sharedStrings", "sharedStrings.xml"))
        files["xl/sharedStrings.xml"] = sst
    files["xl/_rels/workbook.xml.rels"] = rels(items)
    write_zip(path, files)

def openpyxl_book(path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách HTX"
    ws["A1"] = "Mã"
    ws["C1"] = "Tên HTX"
    ws["F1"] = "Ngày"
    ws["A2"] = "HTX-01"
    ws["C2"] = "Hợp tác xã Nông nghiệp Tân Phú"
    ws["D2"] = 150000000000
    ws["F2"] = datetime.date(2021, 2, 5)
    ws["F2"].number_format = "dd/mm/yyyy"
    ws["A4"] = "HTX-01"
    ws["B4"] = 0.1
    ws["D4"] = datetime.datetime(2020, 12, 31, 15, 30)
    ws["E4"] = True
    ws["G4"] = 12.75
    other = wb.create_sheet("Phụ lục")
    other["A1"] = "không được đọc"
    wb.save(path)
    # Make the first sheet live in xl/worksheets/sheet2.xml (and the second in sheet1.xml).
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files["xl/worksheets/sheet1.xml"], files["xl/worksheets/sheet2.xml"] = (
        files["xl/worksheets/sheet2.xml"], files["xl/worksheets/sheet1.xml"])
    r = files["xl/_rels/workbook.xml.rels"].decode()
    r = r.replace("sheet1.xml", "@@").replace("sheet2.xml", "sheet1.xml").replace("@@", "sheet2.xml")
    files["xl/_rels/workbook.xml.rels"] = r.encode()
    write_zip(path, files)

def handmade(path):
    # Prefixed SpreadsheetML (as the .NET Open XML SDK writes it), 1904 date system, first
    # sheet in an oddly named part, shared strings in a non-default part, rich text,
    # phonetic runs, _xHHHH_ escapes, inline strings, rows and cells without references.
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<x:workbook xmlns:x="%s" xmlns:rel="%s"><x:workbookPr date1904="1"/><x:sheets>'
        '<x:sheet name="Dữ liệu" sheetId="3" rel:id="rId7"/>'
        '<x:sheet name="Sheet1" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>' % (NS_MAIN, NS_R))
    wb_rels = rels([("rId1", "worksheet", "worksheets/sheet1.xml"),
                    ("rId7", "worksheet", "worksheets/data.xml"),
                    ("rId8", "styles", "styles.xml"),
                    ("rId9", "sharedStrings", "/xl/strings.xml")])
    styles = ('<styleSheet xmlns="%s"><numFmts count="4">'
        '<numFmt numFmtId="164" formatCode="[$-42A]dd/mm/yyyy;@"/>'
        '<numFmt numFmtId="165" formatCode="#,##0\\ &quot;đ&quot;"/>'
        '<numFmt numFmtId="166" formatCode="0.0 &quot;days&quot;"/>'
        '<numFmt numFmtId="167" formatCode="[h]:mm"/></numFmts>'
        '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
        '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
        '<xf numFmtId="165"/><xf numFmtId="14"><alignment/></xf><xf numFmtId="166"/>'
        '<xf numFmtId="3"/><xf numFmtId="167"/></cellXfs></styleSheet>' % NS_MAIN)
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s" count="6" uniqueCount="6">'
        '<si><t>Hợp tác xã</t></si>'
        '<si><r><rPr><b/></rPr><t>Nông </t></r><r><t xml:space="preserve">nghiệp</t></r>'
        '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/></si>'
        '<si><t>Dòng 1_x000D__x000A_Dòng 2 _x005F_x0041_</t></si>'
        '<si><t>a &amp; b &lt;c&gt; &#7871;&#x1EBF;</t></si>'
        '<si><t/></si>'
        '<si><t xml:space="preserve">  khoảng trắng  </t></si></sst>' % NS_MAIN)
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- written by hand -->\n'
        '<x:worksheet xmlns:x="%s"><x:dimension ref="A2:AA9"/><x:sheetData>\n'
        '<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c>'
        '<x:c r="D2" t="inlineStr"><x:is><x:t>Nội tuyến</x:t></x:is></x:c>'
        '<x:c r="F2" t="str"><x:f>UPPER("a")</x:f><x:v>kết quả</x:v></x:c></x:row>\n'
        '<x:row r="3"><x:c r="A3" s="1"><x:v>0</x:v></x:c><x:c r="B3" s="3"><x:v>44000</x:v></x:c>'
        '<x:c r="C3" s="2"><x:v>150000000000</x:v></x:c><x:c r="D3" s="4"><x:v>5</x:v></x:c>'
        '<x:c r="E3" t="b"><x:v>1</x:v></x:c><x:c r="F3" t="e"><x:v>#N/A</x:v></x:c>'
        '<x:c r="G3" s="6"><x:v>0.5</x:v></x:c><x:c r="H3" t="b"><x:v>0</x:v></x:c></x:row>\n'
        '<x:row><x:c><x:v>1.5E+11</x:v></x:c><x:c><x:v>0.1</x:v></x:c><x:c r="E4"><x:v>1E-7</x:v></x:c>'
        '<x:c><x:v>-3</x:v></x:c><x:c s="5"><x:v>1234567</x:v></x:c></x:row>\n'
        '<x:row r="6"><x:c r="A6" s="1"/><x:c r="B6" t="s"><x:v>4</x:v></x:c></x:row>\n'
        '<x:row r="7"><x:c r="A7" t="s"><x:v>2</x:v></x:c><x:c r="B7" t="s"><x:v>3</x:v></x:c>'
        '<x:c r="C7" t="s"><x:v>5</x:v></x:c><x:c r="D7"><x:v> 42 </x:v></x:c>'
        '<x:c r="E7" t="inlineStr"><x:is><x:t><![CDATA[x<y & z]]></x:t></x:is></x:c>'
        '<x:c r="F7" t="inlineStr"><x:is><x:r><x:t>Rich </x:t></x:r><x:r><x:t>inline</x:t></x:r>'
        '<x:rPh><x:t>IGNORED</x:t></x:rPh></x:is></x:c></x:row>\n'
        '<x:row r="8"/>\n'
        '<x:row r="9"><x:c r="AA9"><x:v>1</x:v></x:c></x:row>\n'
        '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A2:B2"/></x:mergeCells>'
        '</x:worksheet>' % NS_MAIN)
    decoy = ('<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>DECOY</t>'
             '</is></c></row></sheetData></worksheet>' % NS_MAIN)
    write_zip(path, {"[Content_Types].xml": CT, "_rels/.rels": ROOT_RELS,
                     "xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": wb_rels,
                     "xl/styles.xml": styles, "xl/strings.xml": sst,
                     "xl/worksheets/sheet1.xml": decoy, "xl/worksheets/data.xml": sheet})

def dates1900(path):
    # 1900 date system (with Excel's phantom 29 February 1900), absolute targets, no shared
    # strings part, number edge cases.
    workbook = ('<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="Ngày" sheetId="1" r:id="rId1"/>'
                '</sheets></workbook>' % (NS_MAIN, NS_R))
    wb_rels = rels([("rId1", "worksheet", "/xl/worksheets/sheet9.xml"), ("rId2", "styles", "styles.xml")])
    styles = ('<styleSheet xmlns="%s"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/>'
              '</cellXfs></styleSheet>' % NS_MAIN)
    cells = [("A1", 'BODY', "1"), ("B1", 'BODY', "59"), ("C1", 'BODY', "60"), ("D1", 'BODY', "61"),
             ("E1", 'BODY', "45000.75"), ("F1", 'BODY', "0"), ("G1", 'BODY', "2958465"),
             ("H1", 'BODY', "-5")]
    row1 = "".join('<c r="%s" s="1"><v>%s</v></c>' % (r, v) for r, _, v in cells)
    row1 += '<c r="I1" t="d"><v>2024-05-06T10:00:00</v></c><c r="J1" s="99"><v>7</v></c>'
    row2 = "".join('<c r="%s"><v>%s</v></c>' % (r, v) for r, v in
                   [("A2", "1E+20"), ("B2", "-0"), ("C2", "3.0"), ("D2", "2.5E-3"), ("E2", "abc")])
    sheet = ('<worksheet xmlns="%s"><sheetData><row r="1">%s</row><row r="2">%s</row></sheetData>'
             '</worksheet>' % (NS_MAIN, row1, row2))
    write_zip(path, {"[Content_Types].xml": CT, "_rels/.rels": ROOT_RELS,
                     "xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": wb_rels,
                     "xl/styles.xml": styles, "xl/worksheets/sheet9.xml": sheet})

GOOD_SHEET = ('<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
              '</sheetData></worksheet>' % NS_MAIN)

def broken(kind, path):
    if kind == "no-workbook":
        write_zip(path, {"[Content_Types].xml": CT, "hello.txt": "xin chào"})
    elif kind == "garbage-workbook":
        write_zip(path, {"[Content_Types].xml": CT, "_rels/.rels": ROOT_RELS,
                         "xl/workbook.xml": b"this is not xml at all \x00\x01\x02"})
    elif kind == "garbage-rels":
        minimal(path, GOOD_SHEET)
        with zipfile.ZipFile(path) as z:
            files = {n: z.read(n) for n in z.namelist()}
        files["xl/_rels/workbook.xml.rels"] = b"<Relationships><Relationship"
        write_zip(path, files)
    elif kind == "unclosed-sheet":
        minimal(path, '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>' % NS_MAIN)
    elif kind == "binary-sheet":
        minimal(path, random.Random(7).randbytes(4096))
    elif kind == "text-sheet":
        minimal(path, "Mã HTX;Tên\nHTX-01;Tân Phú\n")
    elif kind == "mismatched-tags":
        minimal(path, '<worksheet><sheetData><row r="1"><c r="A1"><v>1</c></v></row></sheetData></worksheet>')
    elif kind == "doctype":
        minimal(path, '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
                      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol;</t></is></c>'
                      '</row></sheetData></worksheet>')
    elif kind == "bad-entity":
        minimal(path, '<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>&nosuch;</v></c></row>'
                      '</sheetData></worksheet>')
    elif kind == "sst-index-out-of-range":
        minimal(path, '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row>'
                      '</sheetData></worksheet>', sst='<sst><si><t>một</t></si></sst>')
    elif kind == "garbage-sst":
        minimal(path, GOOD_SHEET, sst="<sst><si><t>một</si></sst>")
    elif kind == "bad-cell-ref":
        minimal(path, '<worksheet><sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData></worksheet>')
    elif kind == "bad-row-number":
        minimal(path, '<worksheet><sheetData><row r="0"><c><v>1</v></c></row></sheetData></worksheet>')
    elif kind == "missing-sheet-part":
        minimal(path, GOOD_SHEET)
        with zipfile.ZipFile(path) as z:
            files = {n: z.read(n) for n in z.namelist() if n != "xl/worksheets/sheet1.xml"}
        write_zip(path, files)
    elif kind == "utf16-sheet":
        minimal(path, GOOD_SHEET.replace("<worksheet", '<?xml version="1.0" encoding="UTF-16"?><worksheet', 1)
                .encode("utf-16"))
    elif kind == "corrupt-deflate":
        rows = "".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>Hợp tác xã số %d %s</t></is></c></row>'
                       % (i, i, i, random.Random(i).randbytes(8).hex()) for i in range(1, 3000))
        minimal(path, '<worksheet><sheetData>%s</sheetData></worksheet>' % rows)
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("xl/worksheets/sheet1.xml")
        data = bytearray(open(path, "rb").read())
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        for k in range(64):
            data[start + info.compress_size // 2 + k] ^= 0x5A
        open(path, "wb").write(bytes(data))
    else:
        raise SystemExit("unknown kind " + kind)

def readback(path):
    import json, openpyxl
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    print("SHEETS\t" + "|".join(wb.sheetnames))
    print("FREEZE\t%s" % ws.freeze_panes)
    print("FILTER\t%s" % ws.auto_filter.ref)
    for col in "ABCDEFG":
        print("WIDTH\t%s\t%s" % (col, ws.column_dimensions[col].width))
    for row in ws.iter_rows():
        for c in row:
            v = c.value
            if v is None:
                continue
            if isinstance(v, datetime.datetime):
                v = v.date().isoformat() if v.time() == datetime.time(0) else v.isoformat()
            print("CELL\t%s\t%s\t%s\t%s\t%s" % (c.coordinate, type(c.value).__name__,
                  json.dumps(v, ensure_ascii=False), c.number_format, bool(c.font.b)))

def core(path):
    with zipfile.ZipFile(path) as z:
        print(z.read("docProps/core.xml").decode())

cmd, path = sys.argv[1], sys.argv[2]
if cmd == "openpyxl-book": openpyxl_book(path)
elif cmd == "handmade": handmade(path)
elif cmd == "dates1900": dates1900(path)
elif cmd == "broken": broken(sys.argv[3], path)
elif cmd == "readback": readback(path)
elif cmd == "core": core(path)
else: raise SystemExit("unknown command " + cmd)
)PY";

std::string read_bytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

class XlsxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "htx_xlsx_test_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    write_bytes(dir_ / "fixtures.py", kFixtureScript);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs the fixture script; fails the test (fatally) when python3/openpyxl is missing or the
  // script fails.
  std::string py(const std::vector<std::string>& args) {
    EXPECT_FALSE(python().empty())
        << "python3 with openpyxl is required by this test (Debian: apt install python3-openpyxl; "
           "or set HTX_PYTHON3 to an interpreter that has it)";
    if (python().empty()) throw std::runtime_error("python3 with openpyxl not found");
    std::string command =
        shell_quote(python()) + " " + shell_quote((dir_ / "fixtures.py").string());
    for (const auto& a : args) command += " " + shell_quote(a);
    CommandResult r = run_command(command);
    EXPECT_EQ(r.status, 0) << command << "\n" << r.output;
    if (r.status != 0) throw std::runtime_error("fixture script failed");
    return r.output;
  }

  fs::path make(const std::string& kind, const std::string& name) {
    fs::path p = dir_ / name;
    py({kind, p.string()});
    return p;
  }
  fs::path make_broken(const std::string& kind) {
    fs::path p = dir_ / (kind + ".xlsx");
    py({"broken", p.string(), kind});
    return p;
  }

  fs::path dir_;
};

std::vector<XlsxRow> read_all(const fs::path& p, std::string* sheet_name = nullptr) {
  std::string error;
  auto reader = XlsxReader::open(p.string(), error);
  EXPECT_NE(reader, nullptr) << error;
  if (!reader) return {};
  EXPECT_TRUE(error.empty());
  if (sheet_name) *sheet_name = reader->sheet_name();
  std::vector<XlsxRow> rows;
  XlsxRow row;
  while (reader->next(row)) rows.push_back(row);
  EXPECT_EQ(reader->error(), "");
  EXPECT_DOUBLE_EQ(reader->progress(), 1.0);
  return rows;
}

using Cells = std::vector<std::string>;

// ------------------------------------------------------------------------------------------
// Writer sample

const Date kFounded = *Date::from_ymd(2021, 2, 5);

std::vector<std::vector<XlsxCell>> sample_rows() {
  return {
      {XlsxCell::of_text("HTX-001"), XlsxCell::of_text("Hợp tác xã Nông nghiệp Đắk Lắk"),
       XlsxCell::of_date(kFounded), XlsxCell::of_integer(150000000000), XlsxCell::of_number(1234.5),
       XlsxCell::of_percent(0.523), XlsxCell::of_text("Ghi chú: \"đặc biệt\" & <khác>")},
      {XlsxCell::of_text("HTX-002"), XlsxCell::of_text("HTX Thủy sản Cà Mau"), XlsxCell::empty(),
       XlsxCell::of_integer(-2500000), XlsxCell::empty(), XlsxCell::of_percent(0),
       XlsxCell::empty()},
      {XlsxCell::empty(), XlsxCell::empty(), XlsxCell::empty()},
      {XlsxCell::of_text("HTX-004"), XlsxCell::empty(),
       XlsxCell::of_date(*Date::from_ymd(1900, 3, 1)), XlsxCell::of_integer(9007199254740992LL),
       XlsxCell::of_number(0.1), XlsxCell::empty(), XlsxCell::of_text("Dòng 1\nDòng 2\tTab")},
      {XlsxCell::of_text(std::string("Sai\xC3") + "mã"), XlsxCell::of_number(std::nan("")),
       XlsxCell::of_date(*Date::from_ymd(2024, 2, 29))},
  };
}

const std::vector<std::string> kHeader = {
    "Mã HTX",    "Tên hợp tác xã", "Ngày thành lập", "Vốn điều lệ (đồng)", "Doanh thu (triệu)",
    "Tỷ lệ lãi", "Ghi chú"};
const std::vector<double> kWidths = {12, 40, 14, 20, 16, 10, 30};

void write_sample(const fs::path& p, std::time_t created, const XlsxSheetOptions& options = {}) {
  XlsxWriter w(p.string(), created);
  w.add_sheet("Danh sách HTX", kHeader, kWidths, options);
  for (const auto& row : sample_rows()) w.write_row(row);
  w.add_sheet("Phụ lục", {"A"}, {});
  w.write_row({XlsxCell::of_text("không đọc")});
  w.close();
}

const std::vector<std::pair<std::size_t, Cells>> kSampleExpected = {
    {1, kHeader},
    {2,
     {"HTX-001", "Hợp tác xã Nông nghiệp Đắk Lắk", "2021-02-05", "150000000000", "1234.5", "0.523",
      "Ghi chú: \"đặc biệt\" & <khác>"}},
    {3, {"HTX-002", "HTX Thủy sản Cà Mau", "", "-2500000", "", "0"}},
    // row 4 is empty and skipped
    {5, {"HTX-004", "", "1900-03-01", "9007199254740992", "0.1", "", "Dòng 1\nDòng 2\tTab"}},
    {6, {"Sai\xEF\xBF\xBDmã", "", "2024-02-29"}},
};

void expect_rows(const std::vector<XlsxRow>& rows,
                 const std::vector<std::pair<std::size_t, Cells>>& expected) {
  ASSERT_EQ(rows.size(), expected.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(expected[i].first));
    EXPECT_EQ(rows[i].row_number, expected[i].first);
    EXPECT_EQ(rows[i].cells, expected[i].second);
  }
}

// openpyxl read-back: coordinate -> "type\tjson value\tnumber format\tbold".
struct Readback {
  std::map<std::string, std::string> cells;
  std::map<std::string, std::string> info;  // SHEETS, FREEZE, FILTER, WIDTH_X
};

Readback parse_readback(const std::string& out) {
  Readback r;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string key = line.substr(0, tab), rest = line.substr(tab + 1);
    if (key == "CELL") {
      auto t2 = rest.find('\t');
      r.cells[rest.substr(0, t2)] = rest.substr(t2 + 1);
    } else if (key == "WIDTH") {
      r.info["WIDTH_" + rest.substr(0, 1)] = rest.substr(2);
    } else {
      r.info[key] = rest;
    }
  }
  return r;
}

// ------------------------------------------------------------------------------------------
// Writer -> reader

TEST_F(XlsxTest, WrittenWorkbookReadsBackWithXlsxReader) {
  fs::path p = dir_ / "sample.xlsx";
  write_sample(p, 1700000000);
  std::string sheet;
  auto rows = read_all(p, &sheet);
  EXPECT_EQ(sheet, "Danh sách HTX");
  expect_rows(rows, kSampleExpected);
}

TEST_F(XlsxTest, WrittenWorkbookReadsBackWithOpenpyxl) {
  fs::path p = dir_ / "sample.xlsx";
  write_sample(p, 1700000000);
  Readback r = parse_readback(py({"readback", p.string()}));

  EXPECT_EQ(r.info["SHEETS"], "Danh sách HTX|Phụ lục");
  EXPECT_EQ(r.info["FREEZE"], "A2");
  EXPECT_EQ(r.info["FILTER"], "None");
  EXPECT_NEAR(std::stod(r.info["WIDTH_B"]), 40.0, 1.0);
  EXPECT_NEAR(std::stod(r.info["WIDTH_G"]), 30.0, 1.0);

  EXPECT_EQ(r.cells["A1"], "str\t\"Mã HTX\"\tGeneral\tTrue");
  EXPECT_EQ(r.cells["D1"], "str\t\"Vốn điều lệ (đồng)\"\tGeneral\tTrue");
  EXPECT_EQ(r.cells["B2"], "str\t\"Hợp tác xã Nông nghiệp Đắk Lắk\"\tGeneral\tFalse");
  EXPECT_EQ(r.cells["C2"], "datetime\t\"2021-02-05\"\tdd/mm/yyyy\tFalse");
  EXPECT_EQ(r.cells["D2"], "int\t150000000000\t#,##0\tFalse");
  EXPECT_EQ(r.cells["E2"], "float\t1234.5\t#,##0.0\tFalse");
  EXPECT_EQ(r.cells["F2"], "float\t0.523\t0.0%\tFalse");
  EXPECT_EQ(r.cells["G2"], "str\t\"Ghi chú: \\\"đặc biệt\\\" & <khác>\"\tGeneral\tFalse");
  EXPECT_EQ(r.cells["D3"], "int\t-2500000\t#,##0\tFalse");
  EXPECT_EQ(r.cells.count("C3"), 0u);  // empty cells stay empty
  EXPECT_EQ(r.cells.count("A4"), 0u);
  EXPECT_EQ(r.cells["C5"], "datetime\t\"1900-03-01\"\tdd/mm/yyyy\tFalse");
  EXPECT_EQ(r.cells["D5"], "int\t9007199254740992\t#,##0\tFalse");
  EXPECT_EQ(r.cells["G5"], "str\t\"Dòng 1\\nDòng 2\\tTab\"\tGeneral\tFalse");
  EXPECT_EQ(r.cells["A6"], "str\t\"Sai\xEF\xBF\xBDmã\"\tGeneral\tFalse");
  EXPECT_EQ(r.cells.count("B6"), 0u);  // NaN is written as an empty cell
  EXPECT_EQ(r.cells["C6"], "datetime\t\"2024-02-29\"\tdd/mm/yyyy\tFalse");
}

TEST_F(XlsxTest, TitleRowsAutofilterAndSanitisedSheetNames) {
  fs::path p = dir_ / "titled.xlsx";
  {
    XlsxWriter w(p.string(), 1700000000);
    XlsxSheetOptions options;
    options.title_rows = {"Báo cáo hợp tác xã tỉnh Đắk Lắk", "Ngày 05/02/2021"};
    options.autofilter = true;
    w.add_sheet("Báo cáo [2024]: Hà Nội/HCM?*", {"Mã", "Tên", "Vốn"}, {10, 30, 15}, options);
    EXPECT_EQ(w.sheet_name(), "Báo cáo _2024__ Hà Nội_HCM__");
    w.write_row(
        {XlsxCell::of_text("HTX-1"), XlsxCell::of_text("Tân Phú"), XlsxCell::of_integer(5)});
    w.write_row(
        {XlsxCell::of_text("HTX-2"), XlsxCell::of_text("Hòa Bình"), XlsxCell::of_integer(7)});
    // Over 31 characters (counted as characters, not bytes) and a duplicate (case-insensitive).
    w.add_sheet("Danh sách các hợp tác xã nông nghiệp toàn tỉnh", {"X"}, {});
    EXPECT_EQ(w.sheet_name(), "Danh sách các hợp tác xã nông n");
    w.add_sheet("danh sách các hợp tác xã nông nghiệp", {"X"}, {});
    EXPECT_EQ(w.sheet_name(), "danh sách các hợp tác xã nô (2)");
    w.add_sheet("''", {"X"}, {});
    EXPECT_EQ(w.sheet_name(), "Sheet");
    w.close();
    w.close();  // a second close does nothing
  }
  Readback r = parse_readback(py({"readback", p.string()}));
  EXPECT_EQ(r.info["SHEETS"],
            "Báo cáo _2024__ Hà Nội_HCM__|Danh sách các hợp tác xã nông n|"
            "danh sách các hợp tác xã nô (2)|Sheet");
  EXPECT_EQ(r.info["FREEZE"], "A5");
  EXPECT_EQ(r.info["FILTER"], "A4:C6");
  EXPECT_EQ(r.cells["A1"], "str\t\"Báo cáo hợp tác xã tỉnh Đắk Lắk\"\tGeneral\tTrue");
  EXPECT_EQ(r.cells["A4"], "str\t\"Mã\"\tGeneral\tTrue");

  std::string sheet;
  auto rows = read_all(p, &sheet);
  EXPECT_EQ(sheet, "Báo cáo _2024__ Hà Nội_HCM__");
  expect_rows(rows, {{1, {"Báo cáo hợp tác xã tỉnh Đắk Lắk"}},
                     {2, {"Ngày 05/02/2021"}},
                     {4, {"Mã", "Tên", "Vốn"}},
                     {5, {"HTX-1", "Tân Phú", "5"}},
                     {6, {"HTX-2", "Hòa Bình", "7"}}});
}

TEST(XlsxSheetName, Sanitise) {
  EXPECT_EQ(sanitize_sheet_name("a[b]c:d*e?f/g\\h"), "a_b_c_d_e_f_g_h");
  EXPECT_EQ(sanitize_sheet_name(""), "Sheet");
  EXPECT_EQ(sanitize_sheet_name("'Trích'"), "Trích");
  EXPECT_EQ(sanitize_sheet_name("History"), "History_");
  EXPECT_EQ(sanitize_sheet_name(std::string(40, 'x')), std::string(31, 'x'));
  // 31 characters of two bytes each fit; the 32nd is cut without splitting a character.
  std::string ds;
  for (int i = 0; i < 32; ++i) ds += "đ";
  EXPECT_EQ(sanitize_sheet_name(ds).size(), 62u);
}

TEST_F(XlsxTest, SameDataGivesIdenticalBytes) {
  fs::path a = dir_ / "a.xlsx", b = dir_ / "b.xlsx", c = dir_ / "c.xlsx";
  write_sample(a, 1700000000);
  write_sample(b, 1700000000);
  write_sample(c, 1700003600);
  std::string ba = read_bytes(a);
  ASSERT_GT(ba.size(), 1000u);
  EXPECT_TRUE(ba == read_bytes(b)) << "same data and creation time must give identical files";
  EXPECT_FALSE(ba == read_bytes(c)) << "the creation time must be part of the file";
  EXPECT_NE(py({"core", a.string()})
                .find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                      "2023-11-14T22:13:20Z</dcterms:created>"),
            std::string::npos);
}

TEST_F(XlsxTest, CreatedZeroIsDeterministicToo) {
  // libxlsxwriter reads created == 0 as "now"; the writer must not let that through.
  fs::path a = dir_ / "a.xlsx", b = dir_ / "b.xlsx";
  write_sample(a, 0);
  ::sleep(1);
  write_sample(b, 0);
  EXPECT_TRUE(read_bytes(a) == read_bytes(b));
  EXPECT_NE(py({"core", a.string()}).find("1970-01-01T00:00:01Z"), std::string::npos);
}

TEST_F(XlsxTest, WriterErrors) {
  {
    XlsxWriter w((dir_ / "no-such-dir" / "x.xlsx").string(), 1700000000);
    w.add_sheet("S", {"A"}, {});
    w.write_row({XlsxCell::of_integer(1)});
    EXPECT_THROW(w.close(), htx::InfrastructureError);
  }
  {
    fs::path p = dir_ / "abandoned.xlsx";
    {
      XlsxWriter w(p.string(), 1700000000);
      EXPECT_THROW(w.write_row({XlsxCell::of_integer(1)}), std::logic_error);
      w.add_sheet("S", {"A"}, {});
      w.write_row({XlsxCell::of_integer(1)});
      EXPECT_THROW(w.write_row(std::vector<XlsxCell>(16385)), htx::InfrastructureError);
    }  // destroyed without close(): no file
    EXPECT_FALSE(fs::exists(p));
  }
  {
    XlsxWriter w((dir_ / "closed.xlsx").string(), 1700000000);
    w.add_sheet("S", {"A"}, {});
    w.close();
    EXPECT_THROW(w.write_row({XlsxCell::of_integer(1)}), std::logic_error);
    EXPECT_THROW(w.add_sheet("T", {"A"}, {}), std::logic_error);
  }
}

TEST_F(XlsxTest, ProgressAdvancesThroughALargeSheet) {
  fs::path p = dir_ / "large.xlsx";
  {
    XlsxWriter w(p.string(), 1700000000);
    w.add_sheet("Lớn", {"Số", "Tên", "Ngày"}, {});
    for (int i = 0; i < 20000; ++i)
      w.write_row({XlsxCell::of_integer(i), XlsxCell::of_text("Hợp tác xã số " + std::to_string(i)),
                   XlsxCell::of_date(kFounded.add_days(i % 3000))});
    w.close();
  }
  std::string error;
  auto reader = XlsxReader::open(p.string(), error);
  ASSERT_NE(reader, nullptr) << error;
  EXPECT_LT(reader->progress(), 0.5);
  double last = reader->progress();
  bool saw_middle = false;
  std::size_t count = 0;
  XlsxRow row;
  while (reader->next(row)) {
    double now = reader->progress();
    EXPECT_GE(now, last);
    if (now > 0.2 && now < 0.8) saw_middle = true;
    last = now;
    if (count > 0) {
      ASSERT_EQ(row.cells.size(), 3u);
      EXPECT_EQ(row.cells[0], std::to_string(count - 1));
      EXPECT_EQ(row.cells[2], kFounded.add_days(static_cast<int>((count - 1) % 3000)).iso());
    }
    EXPECT_EQ(row.row_number, count + 1);
    ++count;
  }
  EXPECT_EQ(count, 20001u);
  EXPECT_TRUE(saw_middle);
  EXPECT_DOUBLE_EQ(reader->progress(), 1.0);
  EXPECT_FALSE(reader->next(row));
}

// ------------------------------------------------------------------------------------------
// Workbooks from other producers

TEST_F(XlsxTest, ReadsOpenpyxlWorkbook) {
  fs::path p = make("openpyxl-book", "openpyxl.xlsx");
  std::string sheet;
  auto rows = read_all(p, &sheet);
  EXPECT_EQ(sheet, "Danh sách HTX");
  expect_rows(
      rows,
      {{1, {"Mã", "", "Tên HTX", "", "", "Ngày"}},
       {2, {"HTX-01", "", "Hợp tác xã Nông nghiệp Tân Phú", "150000000000", "", "2021-02-05"}},
       {4, {"HTX-01", "0.1", "", "2020-12-31", "TRUE", "", "12.75"}}});
}

TEST_F(XlsxTest, ReadsHandmadeWorkbook) {
  fs::path p = make("handmade", "handmade.xlsx");
  std::string sheet;
  auto rows = read_all(p, &sheet);
  EXPECT_EQ(sheet, "Dữ liệu");
  Cells row9(27);
  row9[26] = "1";
  expect_rows(
      rows, {{2, {"Hợp tác xã", "", "Nông nghiệp", "Nội tuyến", "", "kết quả"}},
             {3, {"1904-01-01", "2024-06-19", "150000000000", "5", "TRUE", "#N/A", "0.5", "FALSE"}},
             {4, {"150000000000", "0.1", "", "", "1e-07", "-3", "1234567"}},
             {7,
              {"Dòng 1\r\nDòng 2 _x0041_", "a & b <c> ếế", "  khoảng trắng  ", "42", "x<y & z",
               "Rich inline"}},
             {9, row9}});
}

TEST_F(XlsxTest, Dates1900SystemAndNumberEdgeCases) {
  fs::path p = make("dates1900", "dates1900.xlsx");
  std::string sheet;
  auto rows = read_all(p, &sheet);
  EXPECT_EQ(sheet, "Ngày");
  expect_rows(rows, {{1,
                      {"1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01", "2023-03-15", "0",
                       "9999-12-31", "-5", "2024-05-06", "7"}},
                     {2, {"1e+20", "0", "3", "0.0025", "abc"}}});
}

// ------------------------------------------------------------------------------------------
// Broken files

void expect_refused(const fs::path& p, const std::string& error_mentions = "") {
  std::string error;
  auto reader = XlsxReader::open(p.string(), error);
  EXPECT_EQ(reader, nullptr);
  EXPECT_FALSE(error.empty());
  if (!error_mentions.empty()) {
    EXPECT_NE(error.find(error_mentions), std::string::npos) << error;
  }
}

TEST_F(XlsxTest, RefusesFilesThatAreNotWorkbooks) {
  fs::path text = dir_ / "danh_sach.xlsx";
  write_bytes(text, "Mã HTX;Tên\nHTX-01;Tân Phú\n");
  expect_refused(text, "not a zip");

  fs::path empty = dir_ / "empty.xlsx";
  write_bytes(empty, "");
  expect_refused(empty, "empty");

  expect_refused(dir_ / "does-not-exist.xlsx", "cannot open");
  expect_refused(dir_, "folder");

  // An encrypted workbook is an OLE compound file, like a legacy .xls.
  fs::path ole = dir_ / "encrypted.xlsx";
  write_bytes(ole, std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(4096, '\0'));
  expect_refused(ole, "encrypted");

  expect_refused(make_broken("no-workbook"), "xl/workbook.xml");
}

TEST_F(XlsxTest, RefusesTruncatedZip) {
  fs::path good = dir_ / "good.xlsx";
  write_sample(good, 1700000000);
  std::string bytes = read_bytes(good);
  for (std::size_t keep : {bytes.size() / 2, bytes.size() - 10, std::size_t{100}}) {
    SCOPED_TRACE("kept " + std::to_string(keep) + " bytes");
    fs::path cut = dir_ / "cut.xlsx";
    write_bytes(cut, bytes.substr(0, keep));
    expect_refused(cut);
  }
}

TEST_F(XlsxTest, RefusesValidZipsWithBrokenContent) {
  for (std::string kind :
       {"garbage-workbook", "garbage-rels", "unclosed-sheet", "binary-sheet", "text-sheet",
        "mismatched-tags", "doctype", "bad-entity", "sst-index-out-of-range", "garbage-sst",
        "bad-cell-ref", "bad-row-number", "missing-sheet-part", "utf16-sheet", "corrupt-deflate"}) {
    SCOPED_TRACE(kind);
    expect_refused(make_broken(kind));
  }
}

TEST_F(XlsxTest, RefusesPartsAboveTheSizeLimit) {
  fs::path p = dir_ / "sample.xlsx";
  write_sample(p, 1700000000);
  std::string error;
  EXPECT_EQ(XlsxReader::open(p.string(), error, 200), nullptr);
  EXPECT_NE(error.find("too large"), std::string::npos) << error;
  EXPECT_NE(XlsxReader::open(p.string(), error), nullptr) << error;
}

TEST_F(XlsxTest, SurvivesRandomCorruption) {
  fs::path good = dir_ / "good.xlsx";
  write_sample(good, 1700000000);
  const std::string bytes = read_bytes(good);
  std::mt19937 rng(12345);
  fs::path bad = dir_ / "bad.xlsx";
  int opened = 0, refused = 0;
  for (int i = 0; i < 300; ++i) {
    std::string b = bytes;
    int flips = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < flips; ++k) b[rng() % b.size()] = static_cast<char>(rng() & 0xFF);
    if (i % 5 == 0) b.resize(rng() % b.size());
    write_bytes(bad, b);
    std::string error;
    auto reader = XlsxReader::open(bad.string(), error);
    if (!reader) {
      EXPECT_FALSE(error.empty());
      ++refused;
      continue;
    }
    ++opened;
    XlsxRow row;
    std::size_t n = 0;
    while (reader->next(row)) ++n;
    EXPECT_LE(n, 10u);
  }
  EXPECT_GT(refused, 0);
  EXPECT_EQ(opened + refused, 300);
}

}  // namespace
