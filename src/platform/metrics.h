// Metrics: the process's counters and latency histograms in the Prometheus text format (version 0.0.4),
// served at GET /metrics (api/core/metrics_routes.h, docs/operations.md "Monitoring"). Thread-safe. Request
// families are keyed by (method, route pattern, status); other subsystems add collectors that append their
// own families at scrape time (pool use, jobs, deliveries, process). Label values are escaped as the format
// requires; names are fixed by the code, never taken from input.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace civic::platform {

class Metrics {
 public:
  // Upper bounds (seconds) of the request latency histogram's buckets; +Inf is implied.
  static const std::vector<double>& latency_buckets();

  // One answered request: counts civic_http_requests_total and observes civic_http_request_duration_seconds.
  void observe_request(std::string_view method, std::string_view route, int status, double seconds);
  // civic_http_requests_in_flight.
  void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void request_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

  // Appends families (with their # HELP and # TYPE lines) to the exposition at every scrape.
  using Collector = std::function<void(std::string& out)>;
  void add_collector(Collector collector);

  // The whole exposition text.
  std::string exposition() const;

  // Helpers for collectors: one family of samples, each with its labels (name → value) and value.
  struct Sample {
    std::vector<std::pair<std::string, std::string>> labels;
    double value = 0;
  };
  static void write_family(std::string& out, std::string_view name, std::string_view type,
                           std::string_view help, const std::vector<Sample>& samples);

 private:
  struct Series {
    long long count = 0;
    double sum = 0;
    std::vector<long long> buckets;  // cumulative at exposition; per bucket here
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, Series> requests_;
  std::atomic<long long> in_flight_{0};
  std::vector<Collector> collectors_;
};

// Process figures from /proc/self: resident set size (bytes) and open file descriptors; -1 when unknown.
long long process_resident_bytes();
long long process_open_descriptors();

}  // namespace civic::platform
