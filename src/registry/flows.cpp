#include "registry/flows.hpp"

#include <algorithm>
#include <array>

namespace htx::registry {

namespace {
constexpr std::array<std::pair<FlowKind, std::string_view>, 5> kKinds{{
    {FlowKind::kFounded, "founded"},
    {FlowKind::kDissolved, "dissolved"},
    {FlowKind::kIn, "in"},
    {FlowKind::kOut, "out"},
    {FlowKind::kMembers, "members"},
}};

bool alive(const Entity& e) { return e.status != EntityStatus::kDissolved; }

bool same_place(const Entity& a, const Entity& b) {
  return a.type == b.type && a.province_id == b.province_id && a.sector_id == b.sector_id;
}

FlowDelta flow(const Entity& e, Date day, FlowKind kind, std::int64_t entities,
               std::int64_t members) {
  return {{day, e.province_id, e.type, e.sector_id, kind}, entities, members};
}

void apply_changes(Entity& e, const Event& ev, bool after) {
  if (!ev.changes.is_object()) return;
  for (auto& [k, v] : ev.changes.items())
    if (v.is_array() && v.size() == 2) set_field(e, k, v[after ? 1 : 0]);
}
}  // namespace

std::string_view to_code(FlowKind k) {
  for (auto& [x, c] : kKinds)
    if (x == k) return c;
  return "?";
}

std::optional<FlowKind> flow_kind_from_code(std::string_view code) {
  for (auto& [x, c] : kKinds)
    if (c == code) return x;
  return std::nullopt;
}

std::vector<FlowDelta> flows_of(const Entity& current, const std::vector<Event>& events) {
  std::vector<const Event*> sorted;
  for (auto& ev : events)
    if (ev.kind != EventKind::kCorrected && ev.kind != EventKind::kFounded) sorted.push_back(&ev);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) {
    return a->effective_on != b->effective_on ? a->effective_on < b->effective_on : a->id < b->id;
  });
  // The state at founding: the current record with every later change undone. Corrections are
  // not undone: they say what the record should always have said.
  Entity s = current;
  for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) apply_changes(s, **it, false);

  std::vector<FlowDelta> out;
  out.push_back(flow(s, s.founded_on, FlowKind::kFounded, 1, s.members));
  if (!alive(s)) {
    // Recorded as dissolved without a dissolution event: it left on its dissolution date.
    out.push_back(flow(s, s.dissolved_on.value_or(s.founded_on), FlowKind::kDissolved, 1,
                       s.members));
  }
  for (const Event* ev : sorted) {
    Entity next = s;
    apply_changes(next, *ev, true);
    const Date d = ev->effective_on;
    if (alive(s) && !alive(next)) {
      out.push_back(flow(s, d, FlowKind::kDissolved, 1, s.members));
    } else if (!alive(s) && alive(next)) {
      out.push_back(flow(next, d, FlowKind::kIn, 1, next.members));
    } else if (alive(s) && alive(next)) {
      if (!same_place(s, next)) {
        out.push_back(flow(s, d, FlowKind::kOut, 1, s.members));
        out.push_back(flow(next, d, FlowKind::kIn, 1, next.members));
      } else if (s.members != next.members) {
        out.push_back(flow(next, d, FlowKind::kMembers, 0, next.members - s.members));
      }
    }
    s = std::move(next);
  }
  return out;
}

std::size_t FlowAccumulator::Hash::operator()(const FlowKey& k) const noexcept {
  std::size_t h = std::hash<std::int32_t>()(k.day.days());
  auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  mix(std::hash<std::string>()(k.province_id));
  mix(std::hash<std::string>()(k.sector_id));
  mix(static_cast<std::size_t>(k.type) * 8 + static_cast<std::size_t>(k.kind));
  return h;
}

void FlowAccumulator::add(const std::vector<FlowDelta>& deltas, int sign) {
  for (auto& d : deltas) {
    FlowKey key = d.key;
    key.day = *Date::from_ymd(key.day.year(), key.day.month(), 1);
    auto& sum = sums_[std::move(key)];
    sum.first += sign * d.entities;
    sum.second += sign * d.members;
  }
}

std::vector<FlowDelta> FlowAccumulator::take() {
  std::vector<FlowDelta> out;
  out.reserve(sums_.size());
  for (auto& [key, sum] : sums_)
    if (sum.first != 0 || sum.second != 0) out.push_back({key, sum.first, sum.second});
  sums_.clear();
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.key < b.key; });
  return out;
}

}  // namespace htx::registry
