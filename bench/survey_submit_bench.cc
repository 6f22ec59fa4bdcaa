// survey_submit_bench: public questionnaire answers against a running `civic serve` (issue 14): `--rate`
// submissions a second, open loop (each request is due at its slot whether or not earlier ones have
// answered), for `--seconds`, spread over `--connections` keep-alive connections, each bound to its own
// source address 127.0.0.2, 127.0.0.3, … so that the per-address limit of the public route is not what is
// measured. Prints the achieved rate of acknowledged (2xx) answers, the latency p50 / p99 / max (measured
// from each request's due time, so a server that falls behind shows it), and the count of refusals; the last
// line, `acknowledged N`, is what scripts/run-survey-bench compares with the rows in the database.
//   survey_submit_bench --port 8080 --code CW-ZXL --unit HM-S01-C01 [--rate 200] [--seconds 60]
//                       [--connections 50]
#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using Clock = std::chrono::steady_clock;

struct Options {
  unsigned short port = 8080;
  std::string code = "CW-ZXL", unit = "HM-S01-C01";
  double rate = 200;
  double seconds = 60;
  int connections = 50;
};

struct Totals {
  std::mutex mutex;
  std::vector<double> latencies_ms;
  long long ok = 0, refused = 0, failed = 0;
};

std::string body_for(const Options& o, int worker, long long n) {
  static const char* kAware[] = {"know", "know", "know", "partly", "unknown"};
  std::string id = "bench-" + std::to_string(worker) + "-" + std::to_string(n);
  return R"({"version":1,"client_id":")" + id + R"(","unit":")" + o.unit +
         R"(","attributes":{"type":"visitor","age":"30-44"},"answers":{"Q_AWARE":")" + kAware[n % 5] + "\"}}";
}

void run_worker(const Options& o, int worker, Clock::time_point start, Totals& totals) {
  asio::io_context io;
  std::string local = "127.0.0." + std::to_string(2 + worker % 249);
  auto connect = [&](asio::ip::tcp::socket& s) {
    s = asio::ip::tcp::socket(io);
    s.open(asio::ip::tcp::v4());
    s.set_option(asio::socket_base::reuse_address(true));
    s.bind(asio::ip::tcp::endpoint(asio::ip::make_address(local), 0));
    s.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), o.port));
    s.set_option(asio::ip::tcp::no_delay(true));
  };
  asio::ip::tcp::socket socket(io);
  connect(socket);
  const double interval = o.connections / o.rate;  // seconds between this worker's requests
  const long long count = static_cast<long long>(o.seconds / interval);
  std::vector<double> latencies;
  long long ok = 0, refused = 0, failed = 0;
  boost::beast::flat_buffer buffer;
  for (long long n = 0; n < count; ++n) {
    // Stagger the workers over one interval, then one request every `interval`.
    auto due = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                           interval * (n + static_cast<double>(worker) / o.connections)));
    std::this_thread::sleep_until(due);
    bhttp::request<bhttp::string_body> req{bhttp::verb::post,
                                           "/api/public/questionnaires/" + o.code + "/responses", 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::content_type, "application/json");
    req.set("X-Device-Token", "bench-device-" + std::to_string(worker) + "-" + std::to_string(n));
    req.keep_alive(true);
    req.body() = body_for(o, worker, n);
    req.prepare_payload();
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        bhttp::write(socket, req);
        bhttp::response<bhttp::string_body> res;
        bhttp::read(socket, buffer, res);
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - due).count();
        int status = static_cast<int>(res.result_int());
        if (status >= 200 && status < 300) {
          ++ok;
          latencies.push_back(ms);
        } else if (status == 429 || status == 503) {
          ++refused;
        } else {
          ++failed;
          if (failed < 5) std::cerr << "status " << status << ": " << res.body() << "\n";
        }
        if (!res.keep_alive()) connect(socket);
        break;
      } catch (const std::exception& e) {
        // The server closed an idle keep-alive connection: reconnect and send again (idempotent by
        // client_id).
        buffer.clear();
        connect(socket);
        if (attempt == 1) ++failed;
      }
    }
  }
  std::lock_guard<std::mutex> lock(totals.mutex);
  totals.latencies_ms.insert(totals.latencies_ms.end(), latencies.begin(), latencies.end());
  totals.ok += ok;
  totals.refused += refused;
  totals.failed += failed;
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(i), v.end());
  return v[i];
}

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--port")
      o.port = static_cast<unsigned short>(std::stoi(v));
    else if (k == "--code")
      o.code = v;
    else if (k == "--unit")
      o.unit = v;
    else if (k == "--rate")
      o.rate = std::stod(v);
    else if (k == "--seconds")
      o.seconds = std::stod(v);
    else if (k == "--connections")
      o.connections = std::stoi(v);
    else {
      std::cerr << "unknown option " << k << "\n";
      return 2;
    }
  }
  Totals totals;
  auto start = Clock::now() + std::chrono::milliseconds(200);
  std::vector<std::thread> workers;
  for (int w = 0; w < o.connections; ++w)
    workers.emplace_back([&, w] {
      try {
        run_worker(o, w, start, totals);
      } catch (const std::exception& e) {
        std::cerr << "worker " << w << ": " << e.what() << "\n";
      }
    });
  for (auto& t : workers) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  auto& lat = totals.latencies_ms;
  double p50 = percentile(lat, 0.50), p99 = percentile(lat, 0.99);
  double max = lat.empty() ? 0 : *std::max_element(lat.begin(), lat.end());
  std::printf("target %.0f/s for %.0f s over %d connections (distinct source addresses)\n", o.rate, o.seconds,
              o.connections);
  std::printf("achieved %.1f acknowledged answers/s (%lld in %.1f s); refused %lld, failed %lld\n",
              static_cast<double>(totals.ok) / elapsed, totals.ok, elapsed, totals.refused, totals.failed);
  std::printf("latency from due time: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", p50, p99, max);
  std::printf("acknowledged %lld\n", totals.ok);
  return totals.failed == 0 ? 0 : 1;
}
