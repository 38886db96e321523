#include "demo/demo_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

#include "core/json_record.hpp"
#include "demo/demo_governance.hpp"
#include "demo/demo_market.hpp"
#include "demo/demo_reporting.hpp"
#include "demo/demo_work.hpp"

namespace htx::demo {

namespace {

using registry::EntityType;

// A portable generator: std::mt19937_64 is specified bit-exactly; the distributions are not,
// so they are written here.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  std::uint64_t next() { return g_(); }
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : g_() % n; }
  double unit() { return static_cast<double>(g_() >> 11) * (1.0 / 9007199254740992.0); }
  bool chance(double p) { return unit() < p; }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {  // inclusive
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  // Many small values, a few large ones: lo * (hi/lo)^u.
  double log_uniform(double lo, double hi) { return lo * std::pow(hi / lo, unit()); }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[below(N)];
  }
  // An index drawn with the given (non-negative) weights.
  template <typename W>
  std::size_t weighted(const W& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double u = unit() * total, acc = 0;
    std::size_t i = 0;
    for (double w : weights) {
      acc += w;
      if (u < acc) return i;
      ++i;
    }
    return i - 1;
  }

 private:
  std::mt19937_64 g_;
};

// ---------------------------------------------------------------------------------------------
// The plan: how many of each type were founded and dissolved each year (at scale 1).

constexpr int kFirstYear = 1997;
constexpr int kLastYear = 2025;
constexpr int kYears = kLastYear - kFirstYear + 1;
constexpr int kPivotYear = 2020;  // the stocks at its end are given; earlier dissolutions follow

using PerYear = std::array<int, kYears>;
constexpr int at(int year) { return year - kFirstYear; }

struct TypePlan {
  EntityType type;
  PerYear founded;
  int stock_end_pivot;       // stock at 31/12/2020
  PerYear dissolved_exact;   // from 2020 on (earlier entries unused)
  PerYear dissolved_weight;  // before 2020: how the rest of the dissolutions spread
};

// 1997-1998: the cooperatives of the old model registering under the 1996 Law; a steady
// flow after; more from 2016 (Law 2012 in force, the programme for new-type cooperatives).
constexpr PerYear kFoundedHtx = {3200, 2600, 1500, 1200, 1000, 950,  900,  880,  900,  950,
                                 1000, 1050, 1100, 1150, 1200, 1250, 1300, 1350, 1400, 1550,
                                 1700, 1900, 2050, 2134, 2283, 2400, 2150, 2050, 1900};
constexpr PerYear kFoundedLhhtx = {3, 2, 2, 3, 2, 3, 2, 3, 3, 4, 3, 4, 4, 5, 4,
                                   5, 6, 5, 6, 7, 8, 9, 9, 8, 7, 9, 8, 9, 7};
// Cooperative groups: many registered in 1997-1998 and after Decree 151/2007.
constexpr PerYear kFoundedTht = {15000, 8000, 5500, 5500, 5500, 5500, 5500, 5500, 5500, 5500,
                                 9000,  8000, 6000, 5900, 5800, 5700, 5600, 5500, 5400, 5300,
                                 5200,  5100, 5000, 4100, 3912, 3800, 3700, 3600, 3300};

constexpr PerYear exact_from_pivot(std::array<int, kLastYear - kPivotYear + 1> v) {
  PerYear out{};
  for (int y = kPivotYear; y <= kLastYear; ++y) out[at(y)] = v[y - kPivotYear];
  return out;
}

constexpr PerYear weights_htx() {
  PerYear w{};
  for (int y = 1998; y < kPivotYear; ++y)
    w[at(y)] = y == 1998   ? 2
               : y == 1999 ? 4
               : y == 2000 ? 5
               : y <= 2006 ? 6
               : y <= 2012 ? 7
               : y <= 2016 ? 12  // re-registration under the 2012 Law: many dissolved
                           : 9;
  return w;
}
constexpr PerYear weights_lhhtx() {
  PerYear w{};
  for (int y = 1999; y < kPivotYear; ++y) w[at(y)] = 1;
  return w;
}
constexpr PerYear weights_tht() {
  PerYear w{};
  for (int y = 1998; y < kPivotYear; ++y) w[at(y)] = y == 1998 ? 2 : y <= 2006 ? 4 : 6;
  return w;
}

const std::array<TypePlan, 3> kPlans = {{
    {EntityType::kCooperative, kFoundedHtx, 25'459,
     exact_from_pivot({520, 433, 480, 560, 610, 640}), weights_htx()},
    {EntityType::kUnion, kFoundedLhhtx, 102, exact_from_pivot({2, 1, 1, 2, 1, 2}), weights_lhhtx()},
    {EntityType::kGroup, kFoundedTht, 119'233,
     exact_from_pivot({3600, 3350, 3200, 3300, 3400, 3500}), weights_tht()},
}};

// THT re-registered as HTX each year: the 85 of 2021 explain the 2021 HTX stock; none other in
// 2020-2021. They are chosen among groups founded at least three years earlier (and before
// 2020, so that the HTX founded in 2020-2021 are HTX from the start).
constexpr std::array<std::pair<int, int>, 11> kReclassified = {{{2014, 30},
                                                                {2015, 45},
                                                                {2016, 60},
                                                                {2017, 55},
                                                                {2018, 50},
                                                                {2019, 40},
                                                                {2021, 85},
                                                                {2022, 70},
                                                                {2023, 90},
                                                                {2024, 80},
                                                                {2025, 60}}};

// February 2021: the HTX founded, by region (the alliance's monthly report).
constexpr int kFebYear = 2021, kFebMonth = 2;
constexpr std::array<std::pair<std::string_view, int>, 3> kFebruary2021 = {
    {{"bac", 148}, {"trung", 12}, {"nam", 35}}};

// Plan targets: new HTX in the year (national), and some provinces for 2021.
constexpr std::array<std::pair<int, int>, 9> kNationalTargets = {{{2017, 1500},
                                                                  {2018, 1800},
                                                                  {2019, 2000},
                                                                  {2020, 2000},
                                                                  {2021, 1500},
                                                                  {2022, 2000},
                                                                  {2023, 2000},
                                                                  {2024, 2200},
                                                                  {2025, 2500}}};
constexpr std::array<std::pair<std::string_view, int>, 7> kProvincialTargets2021 = {{
    {"24-2008", 60},  // Bắc Giang
    {"01-2008", 70},  // Hà Nội
    {"30-2008", 45},  // Hải Dương
    {"38-2008", 10},  // Thanh Hóa
    {"40-2008", 8},   // Nghệ An
    {"87-2008", 20},  // Đồng Tháp
    {"89-2008", 18},  // An Giang
}};

// Founding months: fewer around Tết, more towards the year end.
constexpr std::array<double, 12> kFoundingMonths = {7, 6, 9, 9, 9, 8, 8, 8, 8, 9, 9, 10};
// Dissolutions are mostly decided at the year-end review.
constexpr std::array<double, 12> kDissolutionMonths = {6, 6, 7, 8, 8, 8, 8, 8, 8, 9, 11, 13};

// Regional shares (bac, trung, nam) of new records.
constexpr std::array<double, 3> kRegionsNewHtx = {0.76, 0.06, 0.18};  // from 2016
constexpr std::array<double, 3> kRegionsOldHtx = {0.55, 0.27, 0.18};
constexpr std::array<double, 3> kRegionsLhhtx = {0.45, 0.30, 0.25};
constexpr std::array<double, 3> kRegionsTht = {0.42, 0.38, 0.20};
constexpr std::array<std::string_view, 3> kRegionIds = {"bac", "trung", "nam"};

// ---------------------------------------------------------------------------------------------
// Names and figures.

struct SectorProfile {
  std::string_view id;
  std::array<double, 3> weights;  // by EntityType: HTX, LHHTX, THT
  std::array<std::string_view, 8> words;
};
constexpr std::array<SectorProfile, 8> kSectorProfiles = {{
    {"nong_nghiep",
     {0.60, 0.40, 0.74},
     {"Nông nghiệp", "Dịch vụ nông nghiệp", "Rau an toàn", "Chăn nuôi", "Trồng trọt",
      "Nông sản sạch", "Thủy sản", "Cây ăn quả"}},
    {"cong_nghiep",
     {0.08, 0.10, 0.09},
     {"Mây tre đan", "Gốm sứ", "Dệt thổ cẩm", "Chế biến nông sản", "Mộc mỹ nghệ", "Cơ khí",
      "Thêu ren", "Chế biến chè"}},
    {"xay_dung",
     {0.04, 0.05, 0.03},
     {"Xây dựng", "Vật liệu xây dựng", "Xây dựng và dịch vụ", "Khai thác đá", "Gạch ngói",
      "Xây lắp", "Xây dựng giao thông", "Cơ khí xây dựng"}},
    {"thuong_mai",
     {0.10, 0.20, 0.07},
     {"Thương mại dịch vụ", "Dịch vụ tổng hợp", "Du lịch cộng đồng", "Thương mại", "Kinh doanh chợ",
      "Dịch vụ du lịch", "Thương mại và sản xuất", "Dịch vụ ăn uống"}},
    {"van_tai",
     {0.06, 0.20, 0.03},
     {"Vận tải", "Vận tải hành khách", "Xe buýt", "Vận tải thủy", "Taxi", "Vận tải hàng hóa",
      "Vận tải du lịch", "Dịch vụ vận tải"}},
    {"tin_dung", {0.05, 0.0, 0.0}, {"", "", "", "", "", "", "", ""}},  // "Quỹ tín dụng nhân dân X"
    {"moi_truong",
     {0.04, 0.02, 0.03},
     {"Vệ sinh môi trường", "Môi trường", "Nước sạch", "Thu gom rác", "Cấp nước", "Môi trường xanh",
      "Dịch vụ môi trường", "Xử lý rác thải"}},
    {"khac",
     {0.03, 0.03, 0.01},
     {"Dịch vụ", "Tổng hợp", "Phát triển", "Sản xuất kinh doanh", "Sản xuất và dịch vụ", "Đa ngành",
      "Dịch vụ tổng hợp", "Phát triển cộng đồng"}},
}};

constexpr std::array<std::string_view, 64> kPlaceWords = {
    "Đồng Tâm",    "Hòa Bình",   "Thành Công", "Quyết Thắng", "Tân Tiến",    "Hưng Thịnh",
    "Phú Cường",   "An Phát",    "Bình Minh",  "Hợp Lực",     "Thắng Lợi",   "Tiến Đạt",
    "Xuân Phương", "Hồng Phong", "Đoàn Kết",   "Ánh Dương",   "Sông Hồng",   "Cửu Long",
    "Trường Sơn",  "Nam Việt",   "Bắc Hà",     "Quê Hương",   "Thịnh Vượng", "Đất Việt",
    "Tân Lập",     "Phú Thịnh",  "Yên Phú",    "Đông Hòa",    "Tây Sơn",     "Nghĩa Hưng",
    "Vĩnh Phúc",   "Thanh Xuân", "Hòa An",     "Tân Phú",     "Mỹ Lộc",      "An Bình",
    "Phước Thành", "Long Hưng",  "Tân Hiệp",   "Hiệp Phước",  "Bình An",     "Phú Lâm",
    "Kim Sơn",     "Thạch Hà",   "Cẩm Xuyên",  "Quỳnh Lưu",   "Diễn Châu",   "Yên Thành",
    "Hải Hậu",     "Giao Thủy",  "Tiền Hải",   "Kiến Xương",  "Lục Ngạn",    "Lạng Giang",
    "Tân Yên",     "Hiệp Hòa",   "Ea Kar",     "Krông Pắc",   "Cai Lậy",     "Chợ Gạo",
    "Châu Thành",  "Tam Nông",   "Thoại Sơn",  "Vĩnh Thạnh"};

constexpr std::array<std::string_view, 30> kOcop = {"Gạo ST25",
                                                    "Mật ong rừng",
                                                    "Chè Shan tuyết",
                                                    "Bưởi Diễn",
                                                    "Vải thiều",
                                                    "Nước mắm",
                                                    "Cà phê Robusta",
                                                    "Miến dong",
                                                    "Nhãn lồng",
                                                    "Tỏi Lý Sơn",
                                                    "Gạo nếp cái hoa vàng",
                                                    "Cam Vinh",
                                                    "Chè Thái Nguyên",
                                                    "Bánh đa Kế",
                                                    "Nem chua Thanh Hóa",
                                                    "Hạt điều Bình Phước",
                                                    "Xoài cát Hòa Lộc",
                                                    "Bưởi da xanh",
                                                    "Kẹo dừa Bến Tre",
                                                    "Tiêu Phú Quốc",
                                                    "Mắm tôm Hậu Lộc",
                                                    "Rượu cần",
                                                    "Thổ cẩm",
                                                    "Mây tre đan xuất khẩu",
                                                    "Gốm Bát Tràng",
                                                    "Cá kho làng Vũ Đại",
                                                    "Nấm linh chi",
                                                    "Sâm Ngọc Linh",
                                                    "Chuối sấy",
                                                    "Hồng không hạt"};

struct Spec {
  std::uint64_t seed = 0;
  std::int32_t founded = 0;
  std::int32_t dissolved = 0;     // days, 0 = not dissolved
  std::int32_t reclassified = 0;  // days of the THT -> HTX re-registration, 0 = none
  std::uint16_t province = 0;     // index into Geography::provinces()
  EntityType type = EntityType::kCooperative;
};

std::int64_t scaled(double count, double scale) {
  return std::max<std::int64_t>(0, std::llround(count * scale));
}

// Splits `total` over the weights, rounding so that the parts add up exactly.
PerYear largest_remainder(std::int64_t total, const PerYear& weights) {
  PerYear out{};
  double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (sum <= 0 || total <= 0) return out;
  std::array<std::pair<double, int>, kYears> rest{};
  std::int64_t given = 0;
  for (int i = 0; i < kYears; ++i) {
    double exact = static_cast<double>(total) * weights[i] / sum;
    out[i] = static_cast<int>(std::floor(exact));
    given += out[i];
    rest[i] = {exact - out[i], -i};
  }
  std::sort(rest.begin(), rest.end(), std::greater<>());
  for (int k = 0; given < total; ++k, ++given) ++out[-rest[k % kYears].second];
  return out;
}

// Dissolutions per year at scale 1: exact from 2020, before it what the 2020 stock leaves.
PerYear dissolved_per_year(const TypePlan& p) {
  std::int64_t founded = 0;
  for (int y = kFirstYear; y <= kPivotYear; ++y) founded += p.founded[at(y)];
  std::int64_t net_reclassified = 0;  // THT -> HTX before the pivot's end
  for (auto [year, n] : kReclassified)
    if (year <= kPivotYear) net_reclassified += n;
  if (p.type == EntityType::kGroup) net_reclassified = -net_reclassified;
  if (p.type == EntityType::kUnion) net_reclassified = 0;
  const std::int64_t before_pivot =
      founded + net_reclassified - p.stock_end_pivot - p.dissolved_exact[at(kPivotYear)];
  PerYear out = largest_remainder(before_pivot, p.dissolved_weight);
  for (int y = kPivotYear; y <= kLastYear; ++y) out[at(y)] = p.dissolved_exact[at(y)];
  return out;
}

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// A day in the year, the month drawn with the weights; never after `latest`.
Date day_in_year(Rng& r, int year, const std::array<double, 12>& month_weights, Date latest,
                 int fixed_month = 0, bool exclude_fixed = false) {
  int month = fixed_month;
  if (!month || exclude_fixed) {
    std::array<double, 12> w = month_weights;
    if (exclude_fixed) w[fixed_month - 1] = 0;
    month = static_cast<int>(r.weighted(w)) + 1;
  }
  Date first = ymd(year, month, 1);
  Date next = month == 12 ? ymd(year + 1, 1, 1) : ymd(year, month + 1, 1);
  Date d = first.add_days(
      static_cast<int>(r.below(static_cast<std::uint64_t>(next.days() - first.days()))));
  return std::min(d, latest);
}

// The provinces a record founded on a date can be registered in, by region, with weights.
class ProvincePicker {
 public:
  ProvincePicker(const geo::Geography& geo, std::uint64_t seed) {
    Rng r(seed ^ 0x70726f76696e6365ULL);
    // Some provinces are more active than others; Hà Nội and Bắc Giang lead the North.
    for (auto& p : geo.provinces()) {
      double f = 0.6 + 0.8 * r.unit();
      if (p.code == "01" || p.code == "24") f = 1.6;
      factor_.push_back(f);
    }
    for (int set = 0; set < 2; ++set) {
      Date on = set == 0 ? ymd(2020, 1, 1) : kNewSetFrom;
      for (auto* p : geo.provinces_on(on))
        for (std::size_t reg = 0; reg < kRegionIds.size(); ++reg)
          if (p->region_id == kRegionIds[reg]) {
            auto i = static_cast<std::uint16_t>(p - geo.provinces().data());
            by_region_[set][reg].push_back(i);
            weights_[set][reg].push_back(factor_[i]);
          }
    }
  }

  // The 63 provinces before 01/07/2025 (also for dates before their 2008 boundaries, as
  // Geography::resolve does), the 34 from then.
  std::uint16_t pick(Rng& r, Date founded, std::size_t region) const {
    const int set = founded >= kNewSetFrom ? 1 : 0;
    return by_region_[set][region][r.weighted(weights_[set][region])];
  }

  static inline const Date kNewSetFrom = *Date::from_ymd(2025, 7, 1);

 private:
  std::vector<double> factor_;
  std::array<std::array<std::vector<std::uint16_t>, 3>, 2> by_region_;
  std::array<std::array<std::vector<double>, 3>, 2> weights_;
};

const SectorProfile& pick_sector(Rng& r, EntityType t) {
  std::array<double, kSectorProfiles.size()> w{};
  for (std::size_t i = 0; i < w.size(); ++i)
    w[i] = kSectorProfiles[i].weights[static_cast<std::size_t>(t)];
  return kSectorProfiles[r.weighted(w)];
}

std::int64_t millions(double vnd) { return std::llround(vnd / 1e6) * 1'000'000; }

std::string_view prefix_of(EntityType t) {
  return t == EntityType::kCooperative ? "Hợp tác xã"
         : t == EntityType::kUnion     ? "Liên hiệp hợp tác xã"
                                       : "Tổ hợp tác";
}

// The record of a spec: everything but the code is drawn from the spec's own seed.
registry::Entity make_entity(const Spec& s, std::string code, const geo::Geography& geo,
                             const registry::Sectors& sectors) {
  Rng r(s.seed);
  const geo::Province& p = geo.provinces()[s.province];
  registry::Entity e;
  e.code = std::move(code);
  e.type = s.type;
  e.province_id = p.id;
  e.founded_on = Date::from_days(s.founded);
  if (s.dissolved) {
    e.dissolved_on = Date::from_days(s.dissolved);
    e.status = registry::EntityStatus::kDissolved;
  }
  const SectorProfile& sector = pick_sector(r, s.type);
  e.sector_id = sectors.by_id(sector.id) ? std::string(sector.id) : sectors.all().front().id;
  const bool credit = sector.id == "tin_dung";
  std::string_view place = r.pick(kPlaceWords);
  std::string province_name = p.name;
  if (province_name.starts_with("TP. ")) province_name = province_name.substr(4);
  if (credit)
    e.name = fmt::format("Quỹ tín dụng nhân dân {}", place);
  else if (s.type == EntityType::kUnion)
    e.name = fmt::format("{} {} {}", prefix_of(s.type), r.pick(sector.words), province_name);
  else
    e.name = fmt::format("{} {} {}", prefix_of(s.type), r.pick(sector.words), place);

  const bool south = p.region_id == "nam";
  if (credit || sector.id == "thuong_mai" || sector.id == "van_tai" || s.type == EntityType::kUnion)
    e.address = fmt::format("Số {}, phường {}, {}", 1 + r.below(250), r.pick(kPlaceWords), p.name);
  else
    e.address = fmt::format("{} {}, xã {}, {}",
                            south           ? "Ấp"
                            : r.chance(0.5) ? "Thôn"
                                            : "Xóm",
                            1 + r.below(15), place, p.name);

  switch (s.type) {
    case EntityType::kCooperative:
      e.members = credit                       ? std::llround(r.log_uniform(300, 6000))
                  : sector.id == "nong_nghiep" ? std::llround(r.log_uniform(15, 900))
                                               : std::llround(r.log_uniform(7, 150));
      e.employees = credit ? r.between(5, 30) : std::llround(r.log_uniform(1, 60)) - 1;
      e.charter_capital = millions(credit ? r.log_uniform(2e9, 60e9) : r.log_uniform(1e8, 15e9));
      break;
    case EntityType::kUnion:
      e.members = r.between(4, 25);
      e.employees = r.between(3, 50);
      e.charter_capital = millions(r.log_uniform(1e9, 80e9));
      break;
    case EntityType::kGroup:
      e.members = std::llround(r.log_uniform(3, 40));
      e.employees = std::llround(r.log_uniform(1, 9)) - 1;
      e.charter_capital = millions(r.log_uniform(1e7, 8e8));
      break;
  }
  e.revenue = millions(static_cast<double>(e.charter_capital) * (0.2 + 2.8 * r.unit()));
  if (s.type != EntityType::kGroup) {
    // New-type cooperatives: all founded under the 2012 Law, most older ones reorganised.
    e.new_type = e.founded_on >= ymd(2013, 7, 1) || r.chance(0.75);
    e.alliance_member = r.chance(s.type == EntityType::kUnion ? 0.85 : 0.45);
    if (!s.dissolved && r.chance(0.015)) e.status = registry::EntityStatus::kSuspended;
  } else {
    e.alliance_member = r.chance(0.03);
  }
  const bool producer = sector.id == "nong_nghiep" || sector.id == "cong_nghiep";
  if (producer && r.chance(s.type == EntityType::kGroup ? 0.01 : 0.07)) {
    e.ocop_products = std::string(r.pick(kOcop));
    if (r.chance(0.2)) {
      std::string_view second = r.pick(kOcop);
      if (second != e.ocop_products) e.ocop_products += fmt::format("; {}", second);
    }
  }
  return e;
}

}  // namespace

DemoSummary build_demo(registry::RegistryService& service, TransactionManager& tx,
                       stats::TargetRepository& targets, const geo::Geography& geo,
                       const registry::Sectors& sectors, const DemoOptions& opt) {
  const Clock& clock = opt.clock ? *opt.clock : default_clock();
  const Date today = clock.today();
  const std::string now = clock.now_iso();
  const double scale = opt.scale;
  Rng rng(opt.seed);
  ProvincePicker provinces(geo, opt.seed);

  // 1. Who is founded when and where.
  std::vector<Spec> specs;
  std::array<std::vector<std::size_t>, kYears> tht_by_year;  // THT specs by founding year
  for (const TypePlan& plan : kPlans) {
    for (int year = kFirstYear; year <= kLastYear; ++year) {
      std::int64_t n = scaled(plan.founded[at(year)], scale);
      const bool htx = plan.type == EntityType::kCooperative;
      const auto& shares = htx ? (year >= 2016 ? kRegionsNewHtx : kRegionsOldHtx)
                           : plan.type == EntityType::kUnion ? kRegionsLhhtx
                                                             : kRegionsTht;
      auto add = [&](std::size_t region, int fixed_month, bool exclude_fixed) {
        Spec s;
        s.type = plan.type;
        Date founded = day_in_year(rng, year, kFoundingMonths, today, fixed_month, exclude_fixed);
        s.founded = founded.days();
        s.province = provinces.pick(rng, founded, region);
        s.seed = rng.next();
        if (plan.type == EntityType::kGroup) tht_by_year[at(year)].push_back(specs.size());
        specs.push_back(s);
      };
      if (htx && year == kFebYear) {
        // February exactly as reported, region by region; the rest of the year elsewhere.
        std::int64_t in_february = 0;
        for (auto [region_id, count] : kFebruary2021) {
          std::size_t reg = static_cast<std::size_t>(
              std::find(kRegionIds.begin(), kRegionIds.end(), region_id) - kRegionIds.begin());
          for (std::int64_t k = scaled(count, scale); k > 0; --k, ++in_february)
            add(reg, kFebMonth, false);
        }
        for (std::int64_t k = n - in_february; k > 0; --k)
          add(rng.weighted(shares), kFebMonth, true);
      } else {
        for (std::int64_t k = 0; k < n; ++k) add(rng.weighted(shares), 0, false);
      }
    }
  }

  // 2. Groups re-registered as cooperatives, chosen among THT founded three years before (and
  // before 2020); they are not dissolved.
  std::vector<char> reclassified(specs.size(), 0);
  for (auto [year, count] : kReclassified) {
    std::vector<std::size_t> pool;
    for (int y = kFirstYear; y <= std::min(year - 3, kPivotYear - 1); ++y)
      for (std::size_t i : tht_by_year[at(y)])
        if (!reclassified[i]) pool.push_back(i);
    for (std::int64_t k = scaled(count, scale); k > 0 && !pool.empty(); --k) {
      std::size_t j = rng.below(pool.size());
      std::size_t i = pool[j];
      pool[j] = pool.back();
      pool.pop_back();
      Date on = day_in_year(rng, year, kFoundingMonths, today);
      if (on <= Date::from_days(specs[i].founded)) continue;
      reclassified[i] = 1;
      specs[i].reclassified = on.days();
    }
  }

  // 3. Dissolutions: each year, drawn from the records of the type founded in earlier years and
  // still alive.
  for (const TypePlan& plan : kPlans) {
    const PerYear dissolved = dissolved_per_year(plan);
    std::vector<std::vector<std::size_t>> cohorts(kYears);
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (specs[i].type == plan.type && !reclassified[i])
        cohorts[at(Date::from_days(specs[i].founded).year())].push_back(i);
    std::vector<std::size_t> alive;
    for (int year = kFirstYear + 1; year <= kLastYear; ++year) {
      const auto& joining = cohorts[at(year - 1)];
      alive.insert(alive.end(), joining.begin(), joining.end());
      for (std::int64_t k = scaled(dissolved[at(year)], scale); k > 0 && !alive.empty(); --k) {
        std::size_t j = rng.below(alive.size());
        Spec& s = specs[alive[j]];
        alive[j] = alive.back();
        alive.pop_back();
        Date on = day_in_year(rng, year, kDissolutionMonths, today);
        s.dissolved = std::max(on.days(), s.founded);
      }
    }
  }

  // 4. Registration codes in founding order: province code and a national sequence number.
  std::vector<std::uint32_t> order(specs.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return specs[a].founded < specs[b].founded; });

  DemoSummary sum;
  Transaction t(tx);
  registry::FlowAccumulator flows;
  std::vector<std::pair<registry::Entity, Date>> to_reclassify;
  const std::size_t total = order.size();
  for (std::size_t n = 0; n < total; ++n) {
    const Spec& s = specs[order[n]];
    const geo::Province& p = geo.provinces()[s.province];
    std::string code =
        fmt::format("{}{:0>2}{:07}", s.type == EntityType::kGroup ? "T" : "", p.code, n + 1);
    registry::Entity e = make_entity(s, std::move(code), geo, sectors);
    if (auto errors = service.validate(e); !errors.empty())
      throw InfrastructureError("demo: generated record " + e.code + " is invalid (" +
                                errors.front().field + ": " + errors.front().error.key + ")");
    if (service.add_or_match(e, opt.actor, now, flows) != registry::AddOutcome::kCreated)
      throw InfrastructureError("demo: registration code " + e.code + " is already stored");
    if (s.reclassified) to_reclassify.emplace_back(e, Date::from_days(s.reclassified));
    if (s.dissolved) ++sum.dissolved;
    EntityType now_type = s.reclassified ? EntityType::kCooperative : s.type;
    if (now_type == EntityType::kCooperative)
      ++sum.cooperatives;
    else if (now_type == EntityType::kUnion)
      ++sum.unions;
    else
      ++sum.groups;
    if (opt.progress && n % 4096 == 0)
      opt.progress(0.97 * static_cast<double>(n) / static_cast<double>(total));
  }

  // 5. The re-registrations: an event each, its flows (out of THT, into HTX) in the batch. The
  // new cooperative gets an HTX registration code (the next numbers of the sequence).
  std::size_t next_number = total;
  for (auto& [before, on] : to_reclassify) {
    registry::Entity after = before;
    after.type = EntityType::kCooperative;
    after.code = fmt::format("{:0>2}{:07}", geo.province(before.province_id)->code, ++next_number);
    after.name = fmt::format("{}{}", prefix_of(EntityType::kCooperative),
                             std::string_view(before.name).substr(prefix_of(before.type).size()));
    after.new_type = true;
    auto changed = service.change_in_batch(
        before.code, after, registry::EventKind::kReregistered, on, opt.actor,
        "Đăng ký lại: tổ hợp tác chuyển thành hợp tác xã", flows);
    if (!changed)
      throw InfrastructureError("demo: re-registration of " + before.code +
                                " refused: " + changed.error().key);
    ++sum.reclassified;
  }

  // 6. Plan targets.
  for (auto [year, value] : kNationalTargets) {
    targets.set({year, std::string(stats::kNationalUnit), stats::Indicator::kFoundedHtx,
                 scaled(value, scale)});
    ++sum.targets;
  }
  for (auto [province_id, value] : kProvincialTargets2021) {
    if (!geo.province(province_id)) continue;
    targets.set(
        {2021, std::string(province_id), stats::Indicator::kFoundedHtx, scaled(value, scale)});
    ++sum.targets;
  }

  service.apply_flows(flows);
  service.record_batch(
      "registry.demo", "demo",
      json_record("seed", opt.seed, "scale", opt.scale, "htx", sum.cooperatives, "lhhtx",
                  sum.unions, "tht", sum.groups, "dissolved", sum.dissolved, "reclassified",
                  sum.reclassified, "targets", sum.targets),
      opt.actor, now);
  if (opt.work && opt.work_audit)
    build_work_demo(*opt.work, *opt.work_audit, today, opt.actor, now);
  if (opt.work && opt.work_audit && opt.reporting)
    build_reporting_demo(*opt.reporting, *opt.work, *opt.work_audit, today, opt.actor, now);
  if (opt.work && opt.work_audit && opt.governance && opt.registry)
    build_governance_demo(*opt.governance, *opt.work, *opt.registry, *opt.work_audit, today,
                          opt.actor, now);
  if (opt.work && opt.work_audit && opt.market && opt.registry)
    build_market_demo(*opt.market, *opt.work, *opt.registry, *opt.work_audit, today, opt.actor,
                      now);
  t.commit();
  if (opt.progress) opt.progress(1.0);
  return sum;
}

}  // namespace htx::demo
