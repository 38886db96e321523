#include "registry/flows.hpp"

#include <algorithm>
#include <array>
#include <tuple>

#include "core/enum_codes.hpp"

namespace htx::registry {

namespace {
constexpr enum_codes::Codes<FlowKind, 5> kKinds{{"founded", "dissolved", "in", "out", "members"}};

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

std::string_view to_code(FlowKind k) { return kKinds.code(k, "?"); }

std::optional<FlowKind> flow_kind_from_code(std::string_view code) {
  return kKinds.from_code(code);
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
    out.push_back(
        flow(s, s.dissolved_on.value_or(s.founded_on), FlowKind::kDissolved, 1, s.members));
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

std::uint32_t FlowAccumulator::intern(const std::string& s) {
  auto [it, added] = ids_.try_emplace(s, static_cast<std::uint32_t>(names_.size()));
  if (added) names_.push_back(s);
  return it->second;
}

// Bits: month (year * 12 + month - 1) 20 | province 20 | sector 16 | type 4 | kind 4.
void FlowAccumulator::add(const std::vector<FlowDelta>& deltas, int sign) {
  for (auto& d : deltas) {
    std::uint64_t month = static_cast<std::uint64_t>(d.key.day.year() * 12 + d.key.day.month() - 1);
    std::uint64_t key = month << 44 | std::uint64_t{intern(d.key.province_id)} << 24 |
                        std::uint64_t{intern(d.key.sector_id)} << 8 |
                        static_cast<std::uint64_t>(d.key.type) << 4 |
                        static_cast<std::uint64_t>(d.key.kind);
    pending_.push_back({key, sign * d.entities, sign * d.members});
  }
}

std::vector<FlowDelta> FlowAccumulator::take() {
  std::sort(pending_.begin(), pending_.end(),
            [](const Pending& a, const Pending& b) { return a.key < b.key; });
  std::vector<std::tuple<std::uint64_t, std::int64_t, std::int64_t>> sums;
  for (auto& p : pending_) {
    if (!sums.empty() && std::get<0>(sums.back()) == p.key) {
      std::get<1>(sums.back()) += p.entities;
      std::get<2>(sums.back()) += p.members;
    } else {
      sums.emplace_back(p.key, p.entities, p.members);
    }
  }
  pending_.clear();
  std::vector<FlowDelta> out;
  out.reserve(sums.size());
  for (auto& [key, entities, members] : sums) {
    if (entities == 0 && members == 0) continue;
    auto month = static_cast<int>(key >> 44);
    FlowKey k;
    k.day = *Date::from_ymd(month / 12, month % 12 + 1, 1);
    k.province_id = names_[(key >> 24) & 0xFFFFF];
    k.sector_id = names_[(key >> 8) & 0xFFFF];
    k.type = static_cast<EntityType>((key >> 4) & 0xF);
    k.kind = static_cast<FlowKind>(key & 0xF);
    out.push_back({std::move(k), entities, members});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.key < b.key; });
  return out;
}

}  // namespace htx::registry
