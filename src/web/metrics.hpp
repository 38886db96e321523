// Server metrics in the Prometheus text exposition format (version 0.0.4).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "web/http_types.hpp"

namespace htx::web {

class Metrics {
 public:
  static constexpr std::array<double, 11> kBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                   0.5,   1.0,  2.5,   5.0,  10.0};

  // One finished request. Unknown methods are counted as "OTHER" to bound the label set.
  void record(Method method, int status, double seconds);
  void connection_opened() { ++open_connections_; }
  void connection_closed() { --open_connections_; }
  void read_timed_out() { ++read_timeouts_; }
  void rejected_busy() { ++rejected_busy_; }
  void in_flight_add(int delta) { in_flight_ += delta; }

  int64_t open_connections() const { return open_connections_; }
  int64_t in_flight() const { return in_flight_; }

  std::string render() const;  // content type: kContentType
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // (method, status) -> count
  std::array<uint64_t, kBuckets.size()> bucket_counts_{};     // not cumulative; summed on render
  uint64_t duration_count_ = 0;
  double duration_sum_ = 0;

  std::atomic<int64_t> open_connections_{0};
  std::atomic<int64_t> in_flight_{0};
  std::atomic<uint64_t> read_timeouts_{0};
  std::atomic<uint64_t> rejected_busy_{0};
};

}  // namespace htx::web
