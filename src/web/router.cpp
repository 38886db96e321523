#include "web/router.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace htx::web {
namespace {

// "/a/b" -> {"a", "b"}; "/" -> {}; "/a/" -> {"a", ""}.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return out;
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool valid_param_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool method_matches(Method route, Method request) {
  return route == request || (route == Method::kGet && request == Method::kHead);
}

}  // namespace

const std::string& RouteParams::at(std::string_view name) const {
  if (auto* v = find(name)) return *v;
  throw std::out_of_range("route has no parameter {" + std::string(name) + "}");
}

const std::string* RouteParams::find(std::string_view name) const {
  for (auto& [k, v] : params_) {
    if (k == name) return &v;
  }
  return nullptr;
}

Router& Router::add(Method method, std::string_view pattern, Handler handler) {
  auto fail = [&](const std::string& why) {
    throw std::invalid_argument("route " + std::string(method_name(method)) + " " +
                                std::string(pattern) + ": " + why);
  };
  if (method == Method::kOther) fail("unsupported method");
  if (method == Method::kHead) fail("HEAD is answered by the GET route");
  if (pattern.empty() || pattern.front() != '/') fail("a pattern starts with '/'");
  if (!handler) fail("empty handler");

  Route route{method, std::string(pattern), {}, std::move(handler)};
  auto parts = split_path(pattern);
  for (size_t i = 0; i < parts.size(); ++i) {
    auto part = parts[i];
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      auto name = part.substr(1, part.size() - 2);
      auto kind = Segment::Kind::kParam;
      if (name.size() > 3 && name.substr(name.size() - 3) == "...") {
        if (i + 1 != parts.size()) fail("{name...} must be the last segment");
        name.remove_suffix(3);
        kind = Segment::Kind::kRest;
      }
      if (!valid_param_name(name)) fail("bad parameter name");
      for (auto& s : route.segments) {
        if (s.kind != Segment::Kind::kLiteral && s.text == name) fail("duplicate parameter");
      }
      route.segments.push_back({kind, std::string(name)});
      continue;
    }
    if (part.find_first_of("{}") != std::string_view::npos) fail("a {param} fills a whole segment");
    route.segments.push_back({Segment::Kind::kLiteral, std::string(part)});
  }

  // Two routes with the same method and the same shape (parameter names aside) would be ambiguous.
  for (auto& r : routes_) {
    if (r.method != method || r.segments.size() != route.segments.size()) continue;
    bool same = true;
    for (size_t i = 0; i < r.segments.size() && same; ++i) {
      auto &a = r.segments[i], &b = route.segments[i];
      same = a.kind == b.kind && (a.kind != Segment::Kind::kLiteral || a.text == b.text);
    }
    if (same) fail("duplicates " + r.pattern);
  }
  routes_.push_back(std::move(route));
  return *this;
}

Router::Match Router::match(Method method, std::string_view raw_path) const {
  auto raw = split_path(raw_path);
  std::vector<std::optional<std::string>> decoded;
  decoded.reserve(raw.size());
  for (auto seg : raw) decoded.push_back(percent_decode(seg, false));

  const Route* best = nullptr;
  std::vector<int> best_rank;  // per segment: 0 literal, 1 {param}, 2 {rest...}; lower is better
  std::array<bool, 8> allowed{};
  bool path_matched = false;

  for (auto& route : routes_) {
    std::vector<int> rank;
    bool ok = true;
    size_t i = 0;
    for (; i < route.segments.size() && ok; ++i) {
      auto& seg = route.segments[i];
      if (seg.kind == Segment::Kind::kRest) {
        rank.push_back(2);  // consumes the rest, possibly nothing
        break;
      }
      if (i >= raw.size() || !decoded[i]) {
        ok = false;
        break;
      }
      if (seg.kind == Segment::Kind::kLiteral) {
        ok = *decoded[i] == seg.text;
        rank.push_back(0);
      } else {
        ok = !decoded[i]->empty();
        rank.push_back(1);
      }
    }
    if (!ok) continue;
    bool has_rest = !route.segments.empty() && route.segments.back().kind == Segment::Kind::kRest;
    if (!has_rest && route.segments.size() != raw.size()) continue;
    path_matched = true;
    allowed[static_cast<size_t>(route.method)] = true;
    if (!method_matches(route.method, method)) continue;
    if (!best || rank < best_rank) {
      best = &route;
      best_rank = std::move(rank);
    }
  }

  Match m;
  if (best) {
    m.kind = Match::Kind::kFound;
    m.handler = &best->handler;
    auto rest_start = raw_path;
    for (size_t i = 0; i < best->segments.size(); ++i) {
      auto& seg = best->segments[i];
      if (seg.kind == Segment::Kind::kParam) m.params.add(seg.text, *decoded[i]);
      if (seg.kind == Segment::Kind::kRest) {
        // The raw remainder after the first i segments, decoded as a whole.
        size_t pos = 0;
        for (size_t k = 0; k <= i && pos != std::string_view::npos; ++k) {
          pos = rest_start.find('/', pos);
          if (pos != std::string_view::npos) ++pos;
        }
        auto rest = pos == std::string_view::npos ? std::string_view{} : rest_start.substr(pos);
        m.params.add(seg.text, percent_decode(rest, false).value_or(std::string{}));
      }
    }
    return m;
  }
  if (path_matched) {
    m.kind = Match::Kind::kMethodNotAllowed;
    if (allowed[static_cast<size_t>(Method::kGet)])
      allowed[static_cast<size_t>(Method::kHead)] = true;
    for (size_t k = 0; k < allowed.size(); ++k) {
      if (!allowed[k]) continue;
      if (!m.allow.empty()) m.allow += ", ";
      m.allow += method_name(static_cast<Method>(k));
    }
  }
  return m;
}

}  // namespace htx::web
