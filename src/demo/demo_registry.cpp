#include "demo/demo_registry.hpp"

#include <array>
#include <cmath>
#include <random>

#include <fmt/format.h>

namespace htx::demo {

namespace {

// A portable generator: std::mt19937_64 is specified bit-exactly; the distributions are not,
// so they are written here.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  std::uint64_t below(std::uint64_t n) { return g_() % n; }
  double unit() { return static_cast<double>(g_() >> 11) * (1.0 / 9007199254740992.0); }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& a) { return a[below(N)]; }

 private:
  std::mt19937_64 g_;
};

constexpr std::array<std::string_view, 24> kPlaceWords = {
    "Đồng Tâm", "Hòa Bình", "Thành Công", "Quyết Thắng", "Tân Tiến", "Hưng Thịnh",
    "Phú Cường", "An Phát", "Bình Minh", "Hợp Lực", "Thắng Lợi", "Tiến Đạt",
    "Xuân Phương", "Hồng Phong", "Đoàn Kết", "Ánh Dương", "Sông Hồng", "Cửu Long",
    "Trường Sơn", "Nam Việt", "Bắc Hà", "Quê Hương", "Thịnh Vượng", "Đất Việt"};

struct SectorNaming {
  std::string_view sector_id;
  std::array<std::string_view, 4> words;
  double weight;
};
constexpr std::array<SectorNaming, 8> kSectors = {{
    {"nong_nghiep", {"Nông nghiệp", "Dịch vụ nông nghiệp", "Rau an toàn", "Chăn nuôi"}, 0.62},
    {"cong_nghiep", {"Mây tre đan", "Gốm sứ", "Dệt thổ cẩm", "Chế biến nông sản"}, 0.08},
    {"xay_dung", {"Xây dựng", "Vật liệu xây dựng", "Xây dựng và dịch vụ", "Cơ khí xây dựng"}, 0.04},
    {"thuong_mai", {"Thương mại dịch vụ", "Dịch vụ tổng hợp", "Du lịch cộng đồng", "Thương mại"}, 0.1},
    {"van_tai", {"Vận tải", "Vận tải hành khách", "Xe buýt", "Vận tải thủy"}, 0.05},
    {"tin_dung", {"Quỹ tín dụng", "Quỹ tín dụng nhân dân", "Tín dụng", "Tín dụng nhân dân"}, 0.05},
    {"moi_truong", {"Vệ sinh môi trường", "Môi trường", "Nước sạch", "Thu gom rác"}, 0.03},
    {"khac", {"Dịch vụ", "Tổng hợp", "Phát triển", "Sản xuất kinh doanh"}, 0.03},
}};

constexpr std::array<std::string_view, 10> kOcop = {
    "Gạo ST25", "Mật ong rừng", "Chè Shan tuyết", "Bưởi Diễn", "Vải thiều",
    "Nước mắm", "Cà phê Robusta", "Miến dong", "Nhãn lồng", "Tỏi Lý Sơn"};

const SectorNaming& pick_sector(Rng& r) {
  double u = r.unit(), acc = 0;
  for (auto& s : kSectors) {
    acc += s.weight;
    if (u < acc) return s;
  }
  return kSectors.back();
}

}  // namespace

DemoSummary build_demo(registry::RegistryService& service, TransactionManager& tx,
                       const geo::Geography& geo, const registry::Sectors& sectors,
                       const DemoOptions& opt) {
  Rng rng(opt.seed);
  DemoSummary sum;
  auto old_provinces = geo.provinces_on(*Date::from_ymd(2020, 1, 1));
  auto new_provinces = geo.provinces_on(*Date::from_ymd(2025, 7, 1));
  // Regional shares of new cooperatives (the alliance's 2021 figures: about 76% North,
  // 6% Centre, 18% South), spread over each region's provinces.
  auto weight_of = [&](const geo::Province* p) {
    if (p->region_id == "bac") return 0.76 / 25;
    if (p->region_id == "trung") return 0.06 / 19 * 1.0;
    return 0.18 / 19;
  };
  auto pick_province = [&](Date founded) {
    const auto& list = founded >= *Date::from_ymd(2025, 7, 1) ? new_provinces : old_provinces;
    double total = 0;
    for (auto* p : list) total += weight_of(p);
    double u = rng.unit() * total, acc = 0;
    for (auto* p : list) {
      acc += weight_of(p);
      if (u < acc) return p;
    }
    return list.back();
  };
  const Date start = *Date::from_ymd(2015, 1, 1);
  const Date end = *Date::from_ymd(2025, 12, 31);
  const auto span = static_cast<std::uint64_t>(end.days() - start.days());
  const auto n_htx = static_cast<std::size_t>(std::llround(29000 * opt.scale));
  const auto n_lhhtx = static_cast<std::size_t>(std::llround(110 * opt.scale));
  const auto n_tht = static_cast<std::size_t>(std::llround(120000 * opt.scale));
  const std::size_t total = n_htx + n_lhhtx + n_tht;
  const std::string now = default_clock().now_iso();
  const Date today = default_clock().today();

  Transaction t(tx);
  registry::FlowAccumulator flows;
  for (std::size_t i = 0; i < total; ++i) {
    registry::Entity e;
    registry::EntityType type = i < n_htx ? registry::EntityType::kCooperative
                                : i < n_htx + n_lhhtx ? registry::EntityType::kUnion
                                                      : registry::EntityType::kGroup;
    e.type = type;
    const auto& sector = pick_sector(rng);
    e.sector_id = std::string(sector.sector_id);
    if (!sectors.by_id(e.sector_id)) e.sector_id = sectors.all().front().id;
    e.founded_on = start.add_days(static_cast<int>(rng.below(span + 1)));
    if (e.founded_on > today) e.founded_on = today;
    const geo::Province* p = pick_province(e.founded_on);
    e.province_id = p->id;
    std::string_view prefix = type == registry::EntityType::kCooperative ? "Hợp tác xã"
                              : type == registry::EntityType::kUnion     ? "Liên hiệp HTX"
                                                                         : "Tổ hợp tác";
    e.name = fmt::format("{} {} {}", prefix, rng.pick(sector.words), rng.pick(kPlaceWords));
    e.code = fmt::format("{}{:02}{:07}", type == registry::EntityType::kGroup ? "T" : "",
                         p->code == "" ? 0 : std::stoi(p->code), i + 1);
    e.address = fmt::format("Thôn {}, {}", 1 + rng.below(12), p->name);
    e.members = type == registry::EntityType::kUnion ? 4 + static_cast<std::int64_t>(rng.below(12))
                                                     : 7 + static_cast<std::int64_t>(rng.below(120));
    e.employees = static_cast<std::int64_t>(rng.below(40));
    e.charter_capital = static_cast<std::int64_t>(50 + rng.below(5000)) * 1'000'000;
    e.revenue = static_cast<std::int64_t>(rng.below(20000)) * 1'000'000;
    e.new_type = type != registry::EntityType::kGroup && rng.unit() < 0.8;
    e.alliance_member = type != registry::EntityType::kGroup && rng.unit() < 0.35;
    if (type == registry::EntityType::kCooperative && rng.unit() < 0.08)
      e.ocop_products = std::string(rng.pick(kOcop));
    // About one in eight dissolves some years after founding.
    if (rng.unit() < 0.125) {
      Date d = e.founded_on.add_days(365 + static_cast<int>(rng.below(365 * 6)));
      if (d <= today && d <= end) {
        e.dissolved_on = d;
        e.status = registry::EntityStatus::kDissolved;
        ++sum.dissolved;
      }
    }
    service.add_or_match(e, opt.actor, now, flows);
    if (type == registry::EntityType::kCooperative) ++sum.cooperatives;
    else if (type == registry::EntityType::kUnion) ++sum.unions;
    else ++sum.groups;
    if (opt.progress && i % 4096 == 0) opt.progress(static_cast<double>(i) / static_cast<double>(total));
  }
  service.apply_flows(flows);
  service.record_batch("registry.demo", "demo",
                       {{"seed", opt.seed},
                        {"scale", opt.scale},
                        {"htx", sum.cooperatives},
                        {"lhhtx", sum.unions},
                        {"tht", sum.groups}},
                       opt.actor, now);
  t.commit();
  if (opt.progress) opt.progress(1.0);
  return sum;
}

}  // namespace htx::demo
