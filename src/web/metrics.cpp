#include "web/metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace htx::web {
namespace {

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

void Metrics::record(Method method, int status, double seconds) {
  constexpr auto relaxed = std::memory_order_relaxed;
  const int m = std::clamp(static_cast<int>(method), 0, kMethods - 1);
  const int s = std::clamp(status, kMinStatus, kMaxStatus) - kMinStatus;
  requests_[m][s].fetch_add(1, relaxed);
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      bucket_counts_[i].fetch_add(1, relaxed);
      break;
    }
  }
  duration_count_.fetch_add(1, relaxed);
  duration_sum_ns_.fetch_add(static_cast<uint64_t>(std::max(0.0, seconds) * 1e9), relaxed);
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(2048);
  constexpr auto relaxed = std::memory_order_relaxed;

  out += "# HELP htx_http_requests_total HTTP requests answered, by method and status.\n";
  out += "# TYPE htx_http_requests_total counter\n";
  // Sorted by method name, then status (as a std::map of the pairs would be).
  std::vector<std::pair<std::string_view, int>> methods;
  for (int m = 0; m < kMethods; ++m) methods.emplace_back(method_name(static_cast<Method>(m)), m);
  std::sort(methods.begin(), methods.end());
  for (auto& [name, m] : methods) {
    for (int s = 0; s <= kMaxStatus - kMinStatus; ++s) {
      const uint64_t count = requests_[m][s].load(relaxed);
      if (count == 0) continue;
      out += "htx_http_requests_total{method=\"";
      out += name;
      out +=
          "\",status=\"" + std::to_string(s + kMinStatus) + "\"} " + std::to_string(count) + "\n";
    }
  }

  out +=
      "# HELP htx_http_request_duration_seconds Time from a complete request header to the "
      "response written.\n";
  out += "# TYPE htx_http_request_duration_seconds histogram\n";
  // Read without a lock: a request recorded meanwhile may show in one figure and not yet in
  // another. +Inf and _count are the larger of the count and the buckets' sum, so that the
  // histogram stays monotonic.
  const uint64_t count = duration_count_.load(relaxed);
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += bucket_counts_[i].load(relaxed);
    out += "htx_http_request_duration_seconds_bucket{le=\"" + number(kBuckets[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  cumulative = std::max(cumulative, count);
  out +=
      "htx_http_request_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
  out += "htx_http_request_duration_seconds_sum " +
         number(static_cast<double>(duration_sum_ns_.load(relaxed)) / 1e9) + "\n";
  out += "htx_http_request_duration_seconds_count " + std::to_string(cumulative) + "\n";

  out += "# HELP htx_http_open_connections Client connections currently open.\n";
  out += "# TYPE htx_http_open_connections gauge\n";
  out += "htx_http_open_connections " + std::to_string(open_connections_.load()) + "\n";

  out += "# HELP htx_http_requests_in_flight Requests received and not yet answered.\n";
  out += "# TYPE htx_http_requests_in_flight gauge\n";
  out += "htx_http_requests_in_flight " + std::to_string(in_flight_.load()) + "\n";

  out +=
      "# HELP htx_http_read_timeouts_total Connections closed because the client was too slow "
      "to send a request.\n";
  out += "# TYPE htx_http_read_timeouts_total counter\n";
  out += "htx_http_read_timeouts_total " + std::to_string(read_timeouts_.load()) + "\n";

  out +=
      "# HELP htx_http_rejected_busy_total Requests answered 503 because the worker queue was "
      "full.\n";
  out += "# TYPE htx_http_rejected_busy_total counter\n";
  out += "htx_http_rejected_busy_total " + std::to_string(rejected_busy_.load()) + "\n";
  return out;
}

}  // namespace htx::web
