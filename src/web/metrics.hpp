// Server metrics in the Prometheus text exposition format (version 0.0.4).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "web/http_types.hpp"

namespace htx::web {

class Metrics {
 public:
  static constexpr std::array<double, 11> kBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                   0.5,   1.0,  2.5,   5.0,  10.0};

  // One finished request. Unknown methods are counted as "OTHER" to bound the label set.
  // Lock-free (relaxed atomic counters): called once per request from every I/O thread.
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
  static constexpr int kMethods = static_cast<int>(Method::kOther) + 1;
  static constexpr int kMinStatus = 100, kMaxStatus = 599;  // others are counted as 599
  // (method, status) -> count; a counter per pair, so that no request takes a lock.
  std::array<std::array<std::atomic<uint64_t>, kMaxStatus - kMinStatus + 1>, kMethods> requests_{};
  std::array<std::atomic<uint64_t>, kBuckets.size()> bucket_counts_{};  // not cumulative
  std::atomic<uint64_t> duration_count_{0};
  std::atomic<uint64_t> duration_sum_ns_{0};

  std::atomic<int64_t> open_connections_{0};
  std::atomic<int64_t> in_flight_{0};
  std::atomic<uint64_t> read_timeouts_{0};
  std::atomic<uint64_t> rejected_busy_{0};
};

}  // namespace htx::web
