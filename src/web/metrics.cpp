#include "web/metrics.hpp"

#include <cstdio>

namespace htx::web {
namespace {

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

void Metrics::record(Method method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(method_name(method)), status}];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++bucket_counts_[i];
      break;
    }
  }
  ++duration_count_;
  duration_sum_ += seconds;
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(2048);
  std::lock_guard lock(mutex_);

  out += "# HELP htx_http_requests_total HTTP requests answered, by method and status.\n";
  out += "# TYPE htx_http_requests_total counter\n";
  for (auto& [key, count] : requests_) {
    out += "htx_http_requests_total{method=\"" + key.first + "\",status=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
  }

  out +=
      "# HELP htx_http_request_duration_seconds Time from a complete request header to the "
      "response written.\n";
  out += "# TYPE htx_http_request_duration_seconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += bucket_counts_[i];
    out += "htx_http_request_duration_seconds_bucket{le=\"" + number(kBuckets[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  out += "htx_http_request_duration_seconds_bucket{le=\"+Inf\"} " +
         std::to_string(duration_count_) + "\n";
  out += "htx_http_request_duration_seconds_sum " + number(duration_sum_) + "\n";
  out += "htx_http_request_duration_seconds_count " + std::to_string(duration_count_) + "\n";

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
