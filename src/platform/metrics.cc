#include "platform/metrics.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace civic::platform {

namespace {

std::string escape_label(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

void write_labels(std::string& out, const std::vector<std::pair<std::string, std::string>>& labels) {
  if (labels.empty()) return;
  out += '{';
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ',';
    out += labels[i].first;
    out += "=\"";
    out += escape_label(labels[i].second);
    out += '"';
  }
  out += '}';
}

}  // namespace

const std::vector<double>& Metrics::latency_buckets() {
  static const std::vector<double> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                               0.1,   0.25,   0.5,   1,    2.5,   10};
  return kBuckets;
}

void Metrics::observe_request(std::string_view method, std::string_view route, int status, double seconds) {
  const auto& bounds = latency_buckets();
  std::lock_guard lock(mutex_);
  Series& s = requests_[{std::string(method), std::string(route), status}];
  if (s.buckets.empty()) s.buckets.assign(bounds.size(), 0);
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (seconds <= bounds[i]) {
      ++s.buckets[i];
      break;
    }
  }
}

void Metrics::add_collector(Collector collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

void Metrics::write_family(std::string& out, std::string_view name, std::string_view type,
                           std::string_view help, const std::vector<Sample>& samples) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
  for (const Sample& s : samples) {
    out += name;
    write_labels(out, s.labels);
    out += ' ';
    out += number(s.value);
    out += '\n';
  }
}

std::string Metrics::exposition() const {
  std::string out;
  std::vector<Collector> collectors;
  {
    std::lock_guard lock(mutex_);
    std::vector<Sample> counts;
    for (const auto& [key, s] : requests_) {
      const auto& [method, route, status] = key;
      counts.push_back({{{"method", method}, {"route", route}, {"status", std::to_string(status)}},
                        static_cast<double>(s.count)});
    }
    write_family(out, "civic_http_requests_total", "counter", "HTTP requests answered, by route and status.",
                 counts);
    out +=
        "# HELP civic_http_request_duration_seconds Time from the request's first byte to its answer "
        "written.\n"
        "# TYPE civic_http_request_duration_seconds histogram\n";
    const auto& bounds = latency_buckets();
    for (const auto& [key, s] : requests_) {
      const auto& [method, route, status] = key;
      std::vector<std::pair<std::string, std::string>> labels = {
          {"method", method}, {"route", route}, {"status", std::to_string(status)}};
      long long cumulative = 0;
      for (size_t i = 0; i <= bounds.size(); ++i) {
        if (i < bounds.size()) cumulative += s.buckets[i];
        auto with_le = labels;
        with_le.emplace_back("le", i < bounds.size() ? number(bounds[i]) : "+Inf");
        out += "civic_http_request_duration_seconds_bucket";
        write_labels(out, with_le);
        out += ' ';
        out += std::to_string(i < bounds.size() ? cumulative : s.count);
        out += '\n';
      }
      out += "civic_http_request_duration_seconds_sum";
      write_labels(out, labels);
      out += ' ' + number(s.sum) + '\n';
      out += "civic_http_request_duration_seconds_count";
      write_labels(out, labels);
      out += ' ' + std::to_string(s.count) + '\n';
    }
    collectors = collectors_;
  }
  write_family(out, "civic_http_requests_in_flight", "gauge", "Requests being handled now.",
               {{{}, static_cast<double>(in_flight_.load(std::memory_order_relaxed))}});
  for (const auto& c : collectors) c(out);
  return out;
}

long long process_resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long long size = 0, resident = 0;
  if (!(statm >> size >> resident)) return -1;
  return resident * static_cast<long long>(sysconf(_SC_PAGESIZE));
}

long long process_open_descriptors() {
  std::error_code ec;
  long long n = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++n;
  return ec ? -1 : n;
}

}  // namespace civic::platform
