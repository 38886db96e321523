#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target into fuzz/corpus/<target>/ (README.md, "fuzz").

The seeds are small real inputs: registry CSV rows with Vietnamese headers (the import tests'),
the same sentence in the legacy encodings (the encoding tests'), period strings (the period
tests'), raw HTTP requests, multipart and url-encoded bodies, JSON bodies. The .xlsx seeds are
made by the program's own writer (`htx export -o small.xlsx` of the CSV seed) and kept as files;
this script leaves them alone. Run it again after changing the seeds: it rewrites the files it
names and nothing else.
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent / "corpus"

HEADER = "Mã số đăng ký,Tên,Loại hình,Ngành nghề,Tỉnh/thành phố,Ngày thành lập,Ngày giải thể,Số thành viên\r\n"
IMPORT_CSV = (
    "\ufeffTên,Mã số đăng ký,Tỉnh/thành phố,Loại hình,Ngành nghề,Ngày thành lập,Số thành viên,"
    "Vốn điều lệ (đồng),HTX kiểu mới\r\n"
    "HTX Nông nghiệp Đồng Tâm,0101000001,Hà Nội,HTX,Nông nghiệp,05/02/2021,1.234,1.500.000.000,Có\r\n"
    "HTX Cà phê Ea Tu,6601000002,dak lak,htx,nong nghiep,5/2/2021,45,0,x\r\n"
    "\"Tổ hợp tác Mây tre, đan\",T2401000003,Bắc Giang,THT,Công nghiệp – tiểu thủ công nghiệp,"
    "2021-02-05,12,,\r\n"
)
SEMICOLONS = (
    "Ma so dang ky;Ten;Loai hinh;Nganh nghe;Tinh;Ngay thanh lap\n"
    "0101000004;HTX Dich vu \"Hoa Binh\";HTX;Dich vu;ha noi;2020-01-01\n"
    "0101000005;\"Ten co\nxuong dong\";THT;Nong nghiep;Ha Noi;01/01/2020\n"
)
BAD_ROWS = HEADER + (
    "0101000006,HTX Thiếu ngày,HTX,Nông nghiệp,Hà Nội,,,10\r\n"
    "0101000007,HTX Ngày sai,HTX,Nông nghiệp,Hà Nội,31/02/2021,,abc\r\n"
    "0101000006,HTX Trùng mã,HTX,Nông nghiệp,Tỉnh không có,2021-01-01,2020-01-01,-5\r\n"
    "\"unterminated,quote\r\n"
)
TCVN3 = b"T\xd5n,M\xb7 s\xe8\r\nH\xeep t\xb8" b"c x\xb7 N\xabng nghi\xd6p \xa7\xe5ng T\xa9m, H\xb5 N\xe9i,0101000008\r\n"
W1258 = b"H\xF5\xF2p t\xE1" b"c xa\xDE N\xF4ng nghi\xEA\xF2p \xD0\xF4\xCCng T\xE2m, H\xE0 N\xF4\xF2i"
TCVN3_SENTENCE = b"H\xEEp t\xB8" b"c x\xB7 N\xABng nghi\xD6p \xA7\xE5ng T\xA9m, H\xB5 N\xE9i"
VNI = b"H\xF4\xEFp ta\xF9" b"c xa\xF5 No\xE2ng nghie\xE4p \xD1o\xE0ng Ta\xE2m, Ha\xF8 No\xE4i"

HEADERS = [
    HEADER,
    "Ma so dang ky;TEN;loai hinh;Nganh nghe;Tinh/thanh pho\n",
    "Code\tName\tType\tSector\tProvince\tFounded on\tMembers\n",
    "Mã số ĐKKD, Tên HTX ,Địa chỉ,Vốn điều lệ (đồng),Doanh thu (đồng),Sản phẩm OCOP,Thành viên Liên minh\n",
]
PERIODS = [
    "Quý I/2020", "2020-Q1", "quy 4/2021", "Quý IV năm 2021", "tháng 02/2021", "T2/2021",
    "2/2021", "tháng 2 năm 2021", "10 tháng đầu năm 2021", "2021-01..2021-10", "năm 2021",
    "2021", "nhiệm kỳ 2020–2025", "khóa 2020-2025", "2020..2025",
    "2021-03..2021-05", "2021-01-15..2021-03-10", "từ 15/01/2021 đến 10/03/2021",
    "từ tháng 03/2021 đến tháng 05/2021", "15/01/2021..10/03/2021", "2020-11..2021-02",
    "31/02/2021..01/03/2021", "2025..2020", "Quý V/2021",
]
HTTP = [
    b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /api/v1/htx?q=H%C3%A0+N%E1%BB%99i&province=01-2008&page=2 HTTP/1.1\r\nHost: x\r\n"
    b"Accept: application/json\r\nAccept-Language: en-GB,en;q=0.9,vi;q=0.8\r\n\r\n",
    b"GET /api/v1/htx/0101000001/history HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc\r\n\r\n",
    b"POST /registry/0101000001/edit HTTP/1.1\r\nHost: x\r\n"
    b"Cookie: htx_session=abc123; htx_csrf=\"q w\"; lang=vi\r\nCookie: other=1\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\n\r\n"
    b"name=HTX+%C4%90%E1%BB%93ng&x=1",
    b"PUT http://localhost:8080/api/v1/htx/0101000001 HTTP/1.1\r\nHost: localhost\r\n"
    b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"7\r\n{\"a\":1}\r\n0\r\n\r\n",
    b"GET /static/css/../app.css?v=%zz HTTP/1.0\r\n\r\n",
    b"PROPFIND /%2F%00 HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n",
]
BOUNDARY = "----htxBoundary7MA4YWxk"
MULTIPART = [
    (f"multipart/form-data; boundary={BOUNDARY}\n"
     f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
     f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\docs\\\\sổ.csv\"\r\n"
     f"Content-Type: text/csv\r\n\r\n{HEADER}0101000001,HTX A,HTX,Nông nghiệp,Hà Nội,2021-01-01,,5\r\n\r\n"
     f"--{BOUNDARY}--\r\n").encode(),
    (f"multipart/form-data; boundary=\"{BOUNDARY}\"\n"
     f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''s%E1%BB%95.xlsx\r\n\r\n"
     f"PK\x03\x04\r\n--{BOUNDARY}--").encode(),
    b"application/x-www-form-urlencoded\nname=HTX+%C4%90%E1%BB%93ng+T%C3%A2m&members=12&members=13",
]
JSON = [
    '{"code":"0101000001","name":"HTX Nông nghiệp Đồng Tâm","type":"HTX","sector_id":"nong_nghiep",'
    '"province_id":"01-2008","founded_on":"2021-02-05","dissolved_on":null,"members":120,'
    '"charter_capital":2500000000,"new_type":true,"alliance_member":false}',
    '{"name":"Khoản vay","amount":150000000,"rate":6.5,"on":"2026-11-29","approved":true,'
    '"items":["a","b"],"collateral":[{"kind":"land","description":"Sổ đỏ","appraised_value":'
    '900000000,"discount_percent":30}]}',
    '{"members":18446744073709551615,"founded_on":"2021-02-30","type":"XYZ","unknown":[[{}]]}',
    '[1,2,3]',
    '',
]


def write(target, name, data):
    d = ROOT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def main():
    for name, data in [("import.csv", IMPORT_CSV), ("semicolons.csv", SEMICOLONS),
                       ("bad_rows.csv", BAD_ROWS), ("tcvn3.csv", TCVN3)]:
        write("csv", name, data)
        write("import", name, data)
    for i, h in enumerate(HEADERS):
        write("header_match", f"header{i}.csv", h)
    for name, data in [("utf8.txt", IMPORT_CSV), ("windows1258.txt", W1258),
                       ("tcvn3.txt", TCVN3_SENTENCE), ("vni.txt", VNI), ("tcvn3.csv", TCVN3),
                       ("bom_only.txt", b"\xef\xbb\xbf"), ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00")]:
        write("encoding", name, data)
    for i, p in enumerate(PERIODS):
        write("period", f"period{i:02}.txt", p)
    for i, r in enumerate(HTTP):
        write("http", f"request{i}.http", r)
    for i, m in enumerate(MULTIPART):
        write("multipart", f"body{i}.txt", m)
    for i, j in enumerate(JSON):
        write("json_body", f"body{i}.json", j)


if __name__ == "__main__":
    main()
