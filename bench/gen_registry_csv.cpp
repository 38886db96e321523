// gen_registry_csv --rows N --seed S --output FILE [--data-dir DIR]
//
// Writes a realistic registry in exactly the CSV format that `htx export` produces and
// `htx import` reads: UTF-8 with BOM, CRLF line ends, ',' separated, fields quoted only when
// they need it, header = the `header_vi` column of data/registry_columns.csv in that order.
// Every row is valid for the importer: unique registration codes, provinces valid on the
// founding date (the 63 until 30/06/2025, the 34 from 01/07/2025, as data/geo/provinces.csv
// says), sectors from data/sectors.csv, dates dd/mm/yyyy from 2015 to 2025 and never in the
// future, dissolution after founding with status "Giải thể".
//
// Deterministic: the same --rows, --seed and data files give the same bytes, on any platform
// (own generator and distributions, no std::uniform_*_distribution). Plain C++ so that the
// benchmark does not depend on the code it measures.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#ifndef HTX_BENCH_DATA_DIR
#define HTX_BENCH_DATA_DIR "data"
#endif

namespace {

[[noreturn]] void die(const std::string& msg) {
  std::fprintf(stderr, "gen_registry_csv: %s\n", msg.c_str());
  std::exit(2);
}

// ---------------------------------------------------------------------------------------------
// Random numbers: splitmix64 seeding a xoshiro256**; bounded draws by multiply-shift.

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& s : s_) {
      seed += 0x9E3779B97F4A7C15ull;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      s = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[below(N)];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// ---------------------------------------------------------------------------------------------
// Civil dates as days since 1970-01-01 (H. Hinnant's algorithms).

int days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd {
  int y;
  unsigned m, d;
};

Ymd civil_from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// "2025-06-30" -> days; empty -> fallback.
int parse_iso(std::string_view s, int fallback, const std::string& where) {
  if (s.empty()) return fallback;
  int y = 0;
  unsigned m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' ||
      std::from_chars(s.data(), s.data() + 4, y).ec != std::errc() ||
      std::from_chars(s.data() + 5, s.data() + 7, m).ec != std::errc() ||
      std::from_chars(s.data() + 8, s.data() + 10, d).ec != std::errc() || m < 1 || m > 12 ||
      d < 1 || d > 31)
    die("bad date «" + std::string(s) + "» in " + where);
  return days_from_civil(y, m, d);
}

// dd/mm/yyyy, as Date::vietnamese() writes it.
void append_vn_date(std::string& out, int days) {
  const Ymd c = civil_from_days(days);
  char b[10] = {static_cast<char>('0' + c.d / 10),
                static_cast<char>('0' + c.d % 10),
                '/',
                static_cast<char>('0' + c.m / 10),
                static_cast<char>('0' + c.m % 10),
                '/',
                static_cast<char>('0' + c.y / 1000),
                static_cast<char>('0' + c.y / 100 % 10),
                static_cast<char>('0' + c.y / 10 % 10),
                static_cast<char>('0' + c.y % 10)};
  out.append(b, 10);
}

void append_int(std::string& out, std::uint64_t v) {
  char b[24];
  auto r = std::to_chars(b, b + sizeof b, v);
  out.append(b, r.ptr);
}

void append_padded(std::string& out, std::uint64_t v, int width) {
  char b[24];
  auto r = std::to_chars(b, b + sizeof b, v);
  for (int i = static_cast<int>(r.ptr - b); i < width; ++i) out += '0';
  out.append(b, r.ptr);
}

// ---------------------------------------------------------------------------------------------
// The data files (small RFC 4180 CSVs with a header row).

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) die("cannot open data file " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) die("empty data file " + path);
  return rows;
}

// Index of a named column in a data file's header row.
std::size_t column(const std::vector<std::string>& header, std::string_view name,
                   const std::string& path) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  die("data file " + path + " has no column «" + std::string(name) + "»");
}

enum class Field {
  kCode,
  kName,
  kType,
  kSector,
  kProvince,
  kAddress,
  kFoundedOn,
  kDissolvedOn,
  kStatus,
  kMembers,
  kEmployees,
  kCharterCapital,
  kRevenue,
  kNewType,
  kOcopProducts,
  kAllianceMember,
};
constexpr std::pair<std::string_view, Field> kFieldIds[] = {
    {"code", Field::kCode},
    {"name", Field::kName},
    {"type", Field::kType},
    {"sector", Field::kSector},
    {"province", Field::kProvince},
    {"address", Field::kAddress},
    {"founded_on", Field::kFoundedOn},
    {"dissolved_on", Field::kDissolvedOn},
    {"status", Field::kStatus},
    {"members", Field::kMembers},
    {"employees", Field::kEmployees},
    {"charter_capital", Field::kCharterCapital},
    {"revenue", Field::kRevenue},
    {"new_type", Field::kNewType},
    {"ocop_products", Field::kOcopProducts},
    {"alliance_member", Field::kAllianceMember},
};
constexpr std::size_t kFieldCount = std::size(kFieldIds);

struct Columns {
  std::vector<Field> order;         // file column -> field
  std::vector<std::string> header;  // header_vi, in file order
};

Columns load_columns(const std::string& dir) {
  const std::string path = dir + "/registry_columns.csv";
  auto rows = read_csv(path);
  const auto id_col = column(rows[0], "field", path);
  const auto vi_col = column(rows[0], "header_vi", path);
  Columns cols;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() <= std::max(id_col, vi_col)) die("short row in " + path);
    bool known = false;
    for (auto& [id, f] : kFieldIds)
      if (id == row[id_col]) {
        if (std::find(cols.order.begin(), cols.order.end(), f) != cols.order.end())
          die("field " + row[id_col] + " listed twice in " + path);
        cols.order.push_back(f);
        known = true;
      }
    if (!known) die("unknown field «" + row[id_col] + "» in " + path);
    cols.header.push_back(row[vi_col]);
  }
  if (cols.order.size() != kFieldCount) die(path + " must list every field once");
  return cols;
}

struct Province {
  std::string code;  // GSO code, 2 digits
  std::string name;
  std::string region;
  int from, to;  // validity, days, inclusive
};

std::vector<Province> load_provinces(const std::string& dir) {
  const std::string path = dir + "/geo/provinces.csv";
  auto rows = read_csv(path);
  const auto& h = rows[0];
  const auto code = column(h, "code", path), name = column(h, "name", path),
             region = column(h, "region", path), from = column(h, "valid_from", path),
             to = column(h, "valid_to", path);
  std::vector<Province> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < h.size()) die("short row in " + path);
    out.push_back({row[code], row[name], row[region], parse_iso(row[from], INT32_MIN, path),
                   parse_iso(row[to], INT32_MAX, path)});
  }
  return out;
}

struct Sector {
  std::string id, name;
};

std::vector<Sector> load_sectors(const std::string& dir) {
  const std::string path = dir + "/sectors.csv";
  auto rows = read_csv(path);
  const auto id = column(rows[0], "id", path), name = column(rows[0], "name", path);
  std::vector<Sector> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() <= std::max(id, name)) die("short row in " + path);
    out.push_back({rows[r][id], rows[r][name]});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What the rows are made of.

constexpr std::array<std::string_view, 40> kPlaceWords = {
    "Đồng Tâm",    "Hòa Bình",   "Thành Công", "Quyết Thắng", "Tân Tiến",    "Hưng Thịnh",
    "Phú Cường",   "An Phát",    "Bình Minh",  "Hợp Lực",     "Thắng Lợi",   "Tiến Đạt",
    "Xuân Phương", "Hồng Phong", "Đoàn Kết",   "Ánh Dương",   "Sông Hồng",   "Cửu Long",
    "Trường Sơn",  "Nam Việt",   "Bắc Hà",     "Quê Hương",   "Thịnh Vượng", "Đất Việt",
    "Phước Lộc",   "Mỹ Hòa",     "Tân Phú",    "Yên Thế",     "Định Hóa",    "Kim Sơn",
    "Quỳnh Lưu",   "Đức Phổ",    "Ea Kar",     "Cù Lao Dung", "Hồng Ngự",    "Châu Thành",
    "Lý Nhân",     "Vạn Xuân",   "Nghĩa Đàn",  "Hương Sơn"};

constexpr std::array<std::string_view, 24> kCommunes = {
    "Tân Lập",   "Đông Hòa",   "Phú Thịnh", "Xuân Lâm",     "Hòa An",    "Tam Hưng",
    "Yên Bình",  "Bình Thạnh", "Quảng Phú", "Tiên Phong",   "Minh Đức",  "Thanh Lương",
    "Vĩnh Hưng", "Long Phước", "Hiệp Hòa",  "Nghĩa Trung",  "Cẩm Xuyên", "Đại Đồng",
    "Ngọc Lặc",  "Phong Điền", "An Nhơn",   "Mường Khương", "Krông Pắc", "Tịnh Biên"};

constexpr std::array<std::string_view, 4> kVillages = {"Thôn", "Ấp", "Bản", "Tổ dân phố"};

constexpr std::array<std::string_view, 14> kOcop = {
    "Gạo ST25",    "Mật ong rừng",   "Chè Shan tuyết",   "Bưởi Diễn", "Vải thiều",
    "Nước mắm",    "Cà phê Robusta", "Miến dong",        "Nhãn lồng", "Tỏi Lý Sơn",
    "Bánh đa nem", "Hồ tiêu",        "Xoài cát Hòa Lộc", "Rượu cần"};

struct SectorNaming {
  std::string_view id;
  std::array<std::string_view, 4> words;
  double weight;
};
constexpr std::array<SectorNaming, 8> kSectorNaming = {{
    {"nong_nghiep", {"Nông nghiệp", "Dịch vụ nông nghiệp", "Rau an toàn", "Chăn nuôi"}, 0.62},
    {"cong_nghiep", {"Mây tre đan", "Gốm sứ", "Dệt thổ cẩm", "Chế biến nông sản"}, 0.08},
    {"xay_dung", {"Xây dựng", "Vật liệu xây dựng", "Xây dựng và dịch vụ", "Cơ khí xây dựng"}, 0.04},
    {"thuong_mai",
     {"Thương mại dịch vụ", "Dịch vụ tổng hợp", "Du lịch cộng đồng", "Thương mại"},
     0.1},
    {"van_tai", {"Vận tải", "Vận tải hành khách", "Xe buýt", "Vận tải thủy"}, 0.05},
    {"tin_dung", {"Quỹ tín dụng", "Quỹ tín dụng nhân dân", "Tín dụng", "Tín dụng nhân dân"}, 0.05},
    {"moi_truong", {"Vệ sinh môi trường", "Môi trường", "Nước sạch", "Thu gom rác"}, 0.03},
    {"khac", {"Dịch vụ", "Tổng hợp", "Phát triển", "Sản xuất kinh doanh"}, 0.03},
}};

// Share of new registrations per region (the alliance's 2021 figures), spread over the
// region's provinces; a region not listed here gets an equal share of what is left.
double region_share(std::string_view region) {
  if (region == "bac") return 0.76;
  if (region == "trung") return 0.06;
  if (region == "nam") return 0.18;
  return 0.10;
}

struct SectorChoice {
  const Sector* sector;
  std::vector<std::string> words;  // name words
};

// Weighted choice by binary search in a cumulative table of 2^32-scaled thresholds.
template <typename T>
struct Weighted {
  std::vector<std::uint64_t> cum;
  std::vector<T> items;
  void add(T item, double w) {
    total_ += w;
    raw_.push_back(total_);
    items.push_back(std::move(item));
  }
  void finish() {
    cum.clear();
    for (double c : raw_) cum.push_back(static_cast<std::uint64_t>(c / total_ * 4294967296.0));
    if (!cum.empty()) cum.back() = 4294967296ull;
  }
  const T& pick(Rng& r) const {
    std::uint64_t u = r.next() >> 32;
    auto it = std::upper_bound(cum.begin(), cum.end(), u);
    return items[static_cast<std::size_t>(
        std::min<std::ptrdiff_t>(it - cum.begin(), std::ssize(items) - 1))];
  }

 private:
  double total_ = 0;
  std::vector<double> raw_;
};

// The provinces valid over a stretch of days [from, to].
struct Period {
  int from, to;
  Weighted<const Province*> provinces;
};

std::vector<Period> periods_between(const std::vector<Province>& all, int start, int end) {
  std::vector<int> cuts = {start, end + 1};
  for (auto& p : all) {
    if (p.from > start && p.from <= end) cuts.push_back(p.from);
    if (p.to != INT32_MAX && p.to + 1 > start && p.to + 1 <= end) cuts.push_back(p.to + 1);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<Period> out;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    Period per{cuts[i], cuts[i + 1] - 1, {}};
    std::map<std::string, int> per_region;
    for (auto& p : all)
      if (p.from <= per.from && per.to <= p.to) ++per_region[p.region];
    for (auto& p : all)
      if (p.from <= per.from && per.to <= p.to)
        per.provinces.add(&p, region_share(p.region) / per_region[p.region]);
    if (per.provinces.items.empty()) {
      const Ymd a = civil_from_days(per.from), b = civil_from_days(per.to);
      die("no province is valid from " + std::to_string(a.y) + "-" + std::to_string(a.m) + "-" +
          std::to_string(a.d) + " to " + std::to_string(b.y) + "-" + std::to_string(b.m) + "-" +
          std::to_string(b.d));
    }
    per.provinces.finish();
    out.push_back(std::move(per));
  }
  return out;
}

// Appends a CSV field quoted exactly when csv::write_record would quote it.
void append_field(std::string& out, std::string_view f) {
  bool needs = f.find_first_of("\"\n\r,") != std::string_view::npos ||
               (!f.empty() && (f.front() == ' ' || f.back() == ' '));
  if (!needs) {
    out.append(f);
    return;
  }
  out += '"';
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

struct Options {
  std::uint64_t rows = 0;
  std::uint64_t seed = 1;
  std::string output;
  std::string data_dir = HTX_BENCH_DATA_DIR;
};

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: gen_registry_csv --rows N [--seed S] --output FILE|- [--data-dir DIR]\n"
               "Writes N valid registry rows as a CSV in the format of `htx export`.\n"
               "  --rows N        number of rows (required)\n"
               "  --seed S        generator seed (default 1); same seed, same bytes\n"
               "  --output FILE   where to write ('-' for standard output)\n"
               "  --data-dir DIR  data files (default %s)\n",
               HTX_BENCH_DATA_DIR);
}

std::uint64_t parse_u64(std::string_view s, const char* what) {
  std::uint64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
    die(std::string("bad ") + what + " «" + std::string(s) + "»");
  return v;
}

Options parse_args(int argc, char** argv) {
  Options o;
  bool have_rows = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&]() -> std::string_view {
      if (i + 1 >= argc) die(std::string("missing value after ") + argv[i]);
      return argv[++i];
    };
    if (a == "--rows") {
      o.rows = parse_u64(value(), "--rows");
      have_rows = true;
    } else if (a == "--seed") {
      o.seed = parse_u64(value(), "--seed");
    } else if (a == "--output" || a == "-o") {
      o.output = value();
    } else if (a == "--data-dir") {
      o.data_dir = value();
    } else if (a == "--help" || a == "-h") {
      usage(stdout);
      std::exit(0);
    } else {
      usage(stderr);
      die("unknown argument «" + std::string(a) + "»");
    }
  }
  if (!have_rows || o.output.empty()) {
    usage(stderr);
    std::exit(2);
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse_args(argc, argv);
  const auto t0 = std::chrono::steady_clock::now();

  const Columns cols = load_columns(opt.data_dir);
  const std::vector<Province> provinces = load_provinces(opt.data_dir);
  const std::vector<Sector> sectors = load_sectors(opt.data_dir);
  if (sectors.empty()) die("no sectors in " + opt.data_dir + "/sectors.csv");

  // Founding dates: 2015-01-01 .. 2025-12-31, and never after today (the importer refuses
  // dates in the future). On any day after 2025 the output depends only on rows and seed.
  const int start = days_from_civil(2015, 1, 1);
  const int today =
      static_cast<int>(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())
                           .time_since_epoch()
                           .count());
  const int end = std::min(days_from_civil(2025, 12, 31), today);
  if (end < start) die("the clock says it is before 2015");
  const std::vector<Period> periods = periods_between(provinces, start, end);

  Weighted<SectorChoice> sector_pick;
  for (auto& s : sectors) {
    SectorChoice c{&s, {}};
    double w = 0.03;
    for (auto& n : kSectorNaming)
      if (n.id == s.id) {
        w = n.weight;
        for (auto word : n.words) c.words.emplace_back(word);
      }
    if (c.words.empty()) c.words.push_back(s.name);
    sector_pick.add(std::move(c), w);
  }
  sector_pick.finish();

  // Registration codes: [T]PP + a serial number unique within the file (PP = province code).
  int serial_width = 8;
  for (std::uint64_t cap = 100000000; opt.rows > cap - 1; cap *= 10) ++serial_width;

  std::FILE* out = opt.output == "-" ? stdout : std::fopen(opt.output.c_str(), "wb");
  if (!out) die("cannot write " + opt.output);
  std::string buf;
  buf.reserve(1 << 21);
  auto flush = [&] {
    if (!buf.empty() && std::fwrite(buf.data(), 1, buf.size(), out) != buf.size())
      die("cannot write " + opt.output);
    buf.clear();
  };

  buf += "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < cols.header.size(); ++i) {
    if (i) buf += ',';
    append_field(buf, cols.header[i]);
  }
  buf += "\r\n";

  Rng rng(opt.seed);
  std::array<std::string, kFieldCount> cell;
  std::uint64_t dissolved = 0, by_type[3] = {0, 0, 0};
  std::uint64_t bytes = 0;
  for (std::uint64_t row = 0; row < opt.rows; ++row) {
    for (auto& c : cell) c.clear();
    // Type: about 19% HTX, 0.1% LHHTX, 81% THT (the national stock's proportions).
    const std::uint64_t t = rng.below(10000);
    const int type = t < 1940 ? 0 : t < 1947 ? 1 : 2;
    ++by_type[type];
    const auto& sector = sector_pick.pick(rng);
    const int founded =
        start + static_cast<int>(rng.below(static_cast<std::uint64_t>(end - start + 1)));
    const Period* period = &periods.front();
    for (auto& p : periods)
      if (p.from <= founded && founded <= p.to) period = &p;
    const Province& prov = *period->provinces.pick(rng);

    auto& code = cell[static_cast<int>(Field::kCode)];
    if (type == 2) code += 'T';
    code += prov.code;
    append_padded(code, row + 1, serial_width);

    auto& name = cell[static_cast<int>(Field::kName)];
    name += type == 0 ? "Hợp tác xã " : type == 1 ? "Liên hiệp hợp tác xã " : "Tổ hợp tác ";
    name += sector.words[rng.below(sector.words.size())];
    name += ' ';
    name += rng.pick(kPlaceWords);

    cell[static_cast<int>(Field::kType)] = type == 0 ? "HTX" : type == 1 ? "LHHTX" : "THT";
    cell[static_cast<int>(Field::kSector)] = sector.sector->name;
    cell[static_cast<int>(Field::kProvince)] = prov.name;

    auto& address = cell[static_cast<int>(Field::kAddress)];
    address += rng.pick(kVillages);
    address += ' ';
    append_int(address, 1 + rng.below(15));
    address += ", xã ";
    address += rng.pick(kCommunes);
    address += ", ";
    address += prov.name;

    append_vn_date(cell[static_cast<int>(Field::kFoundedOn)], founded);
    bool is_dissolved = false;
    if (rng.below(1000) < 125) {  // about one in eight dissolves some years after founding
      const int d = founded + 365 + static_cast<int>(rng.below(365 * 6));
      if (d <= end) {
        append_vn_date(cell[static_cast<int>(Field::kDissolvedOn)], d);
        is_dissolved = true;
        ++dissolved;
      }
    }
    cell[static_cast<int>(Field::kStatus)] = is_dissolved ? "Giải thể" : "Đang hoạt động";

    const std::uint64_t members = type == 1   ? 4 + rng.below(12)
                                  : type == 0 ? 7 + rng.below(120)
                                              : 3 + rng.below(28);
    append_int(cell[static_cast<int>(Field::kMembers)], members);
    append_int(cell[static_cast<int>(Field::kEmployees)],
               type == 2 ? rng.below(10) : rng.below(60));
    const std::uint64_t capital =
        type == 2 ? rng.below(500) * 1'000'000 : (50 + rng.below(5000)) * 1'000'000;
    append_int(cell[static_cast<int>(Field::kCharterCapital)], capital);
    append_int(
        cell[static_cast<int>(Field::kRevenue)],
        (type == 2 ? rng.below(2000) : rng.below(20000)) * 1'000'000 + rng.below(1000) * 1000);
    const bool new_type = type != 2 && rng.below(100) < 80;
    const bool alliance = type != 2 && rng.below(100) < 35;
    cell[static_cast<int>(Field::kNewType)] = new_type ? "Có" : "Không";
    cell[static_cast<int>(Field::kAllianceMember)] = alliance ? "Có" : "Không";
    if (type == 0 && rng.below(100) < 8) {
      auto& ocop = cell[static_cast<int>(Field::kOcopProducts)];
      ocop += rng.pick(kOcop);
      if (rng.below(4) == 0) {
        ocop += "; ";
        ocop += rng.pick(kOcop);
      }
    }

    for (std::size_t i = 0; i < cols.order.size(); ++i) {
      if (i) buf += ',';
      append_field(buf, cell[static_cast<int>(cols.order[i])]);
    }
    buf += "\r\n";
    if (buf.size() >= (1 << 20)) {
      bytes += buf.size();
      flush();
    }
  }
  bytes += buf.size();
  flush();
  if (out != stdout ? std::fclose(out) != 0 : std::fflush(out) != 0)
    die("cannot write " + opt.output);

  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(
      stderr,
      "gen_registry_csv: %llu rows (%llu HTX, %llu LHHTX, %llu THT; %llu dissolved), "
      "%.1f MB in %.2f s\n",
      static_cast<unsigned long long>(opt.rows), static_cast<unsigned long long>(by_type[0]),
      static_cast<unsigned long long>(by_type[1]), static_cast<unsigned long long>(by_type[2]),
      static_cast<unsigned long long>(dissolved), static_cast<double>(bytes) / 1e6, secs);
  return 0;
}
