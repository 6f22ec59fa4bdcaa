// checkin_bench: volunteers checking in and out of one activity from their phones, against a running
// `civic serve` (issue 16: "a check-in benchmark, 500 volunteers a minute"). Setup, with an office API token:
// `--volunteers` volunteers entered in `--unit` (a community; phones 1390000xxxx, valid made-up ID numbers),
// one activity there that started ten minutes ago, everybody signed up by the organiser. Then two timed
// phases, open loop (each request is due at its slot whether or not earlier ones answered; latency from the
// due time), spread over `--connections` keep-alive connections each bound to its own source address
// 127.0.0.2, 127.0.0.3, … (a whole event checks in from a few networks, but the per-address limit of the
// public routes is not what is measured): every volunteer checks in (POST /api/public/activities/{code}/
// check-in with the QR token, their code, the last four digits of their phone and a position 50 m from the
// place) at `--rate` a minute, then checks out the same way. Prints each phase's achieved rate, p50 / p99 /
// max and refusals; the last lines, `activity CODE`, `acknowledged check-ins N` and `acknowledged check-outs
// M`, are what scripts/run-checkin-bench compares with the service records in the database.
//   checkin_bench --port 8080 --token TOKEN [--unit HM-S01-C01] [--volunteers 500] [--rate 500]
//                 [--connections 50]
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

struct Options {
  unsigned short port = 8080;
  std::string token, unit = "HM-S01-C01";
  int volunteers = 500;
  double rate_per_minute = 500;
  int connections = 50;
};

struct Volunteer {
  std::string code, last4;
};

// One keep-alive HTTP connection from a given source address.
class Connection {
 public:
  Connection(asio::io_context& io, unsigned short port, std::string local)
      : io_(io), port_(port), local_(std::move(local)), socket_(io) {
    connect();
  }
  // Sends and reads one request; reconnects once when the server closed the idle connection.
  bhttp::response<bhttp::string_body> send(bhttp::request<bhttp::string_body>& req) {
    for (int attempt = 0;; ++attempt) {
      try {
        bhttp::write(socket_, req);
        bhttp::response<bhttp::string_body> res;
        bhttp::read(socket_, buffer_, res);
        if (!res.keep_alive()) connect();
        return res;
      } catch (const std::exception&) {
        if (attempt == 1) throw;
        buffer_.clear();
        connect();
      }
    }
  }

 private:
  void connect() {
    socket_ = asio::ip::tcp::socket(io_);
    socket_.open(asio::ip::tcp::v4());
    socket_.set_option(asio::socket_base::reuse_address(true));
    socket_.bind(asio::ip::tcp::endpoint(asio::ip::make_address(local_), 0));
    socket_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
    socket_.set_option(asio::ip::tcp::no_delay(true));
  }
  asio::io_context& io_;
  unsigned short port_;
  std::string local_;
  asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

bhttp::request<bhttp::string_body> request(bhttp::verb verb, const std::string& target,
                                           const std::string& body, const std::string& token) {
  bhttp::request<bhttp::string_body> req{verb, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::content_type, "application/json");
  if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
  req.keep_alive(true);
  req.body() = body;
  req.prepare_payload();
  return req;
}

// The office's setup call; throws unless it answered 2xx.
json::value call(Connection& c, bhttp::verb verb, const std::string& target, const std::string& body,
                 const std::string& token) {
  auto req = request(verb, target, body, token);
  auto res = c.send(req);
  if (res.result_int() < 200 || res.result_int() >= 300)
    throw std::runtime_error(target + " answered " + std::to_string(res.result_int()) + ": " + res.body());
  return json::parse(res.body());
}

// A made-up resident ID number, valid in form: region 330183 (not one of the demo's), a 1990 birth day from
// n, the serial, the check character.
std::string id_number(int n) {
  char first17[32];
  std::snprintf(first17, sizeof first17, "3301831990%02d%02d%03d", 1 + (n / 28 / 1000) % 12,
                1 + (n / 1000) % 28, (n % 1000 + 1000) % 1000);
  static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * w[i];
  return std::string(first17, 17) + "10X98765432"[sum % 11];
}

std::string rfc3339(std::time_t t) {
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct Phase {
  std::mutex mutex;
  std::vector<double> latencies_ms;
  long long ok = 0, refused = 0, failed = 0;
  double elapsed_s = 0;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(i), v.end());
  return v[i];
}

// Every volunteer sends `action` once, at `rate_per_minute`, volunteer i on connection i % connections.
void run_phase(const Options& o, const std::string& activity, const std::string& qr,
               const std::string& action, const std::vector<Volunteer>& people, Phase& phase) {
  const double interval = 60.0 / o.rate_per_minute;  // seconds between two requests overall
  auto start = Clock::now() + std::chrono::milliseconds(200);
  std::vector<std::thread> workers;
  for (int w = 0; w < o.connections; ++w)
    workers.emplace_back([&, w] {
      try {
        asio::io_context io;
        Connection c(io, o.port, "127.0.0." + std::to_string(2 + w % 249));
        std::vector<double> latencies;
        long long ok = 0, refused = 0, failed = 0;
        for (size_t i = static_cast<size_t>(w); i < people.size(); i += static_cast<size_t>(o.connections)) {
          auto due = start + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(interval * static_cast<double>(i)));
          std::this_thread::sleep_until(due);
          auto req =
              request(bhttp::verb::post, "/api/public/activities/" + activity + "/" + action,
                      R"({"token":")" + qr + R"(","volunteer":")" + people[i].code + R"(","phone_last4":")" +
                          people[i].last4 + R"(","latitude":30.2745,"longitude":120.1555})",
                      "");
          try {
            auto res = c.send(req);
            double ms = std::chrono::duration<double, std::milli>(Clock::now() - due).count();
            int status = static_cast<int>(res.result_int());
            if (status >= 200 && status < 300) {
              ++ok;
              latencies.push_back(ms);
            } else if (status == 429 || status == 503) {
              ++refused;
            } else {
              if (++failed < 5) std::cerr << action << " " << status << ": " << res.body() << "\n";
            }
          } catch (const std::exception& e) {
            if (++failed < 5) std::cerr << action << ": " << e.what() << "\n";
          }
        }
        std::lock_guard<std::mutex> lock(phase.mutex);
        phase.latencies_ms.insert(phase.latencies_ms.end(), latencies.begin(), latencies.end());
        phase.ok += ok;
        phase.refused += refused;
        phase.failed += failed;
      } catch (const std::exception& e) {
        std::cerr << "worker " << w << ": " << e.what() << "\n";
      }
    });
  for (auto& t : workers) t.join();
  phase.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
}

void print_phase(const char* name, const Phase& p) {
  double max = p.latencies_ms.empty() ? 0 : *std::max_element(p.latencies_ms.begin(), p.latencies_ms.end());
  std::printf("%s: %lld acknowledged in %.1f s (%.0f a minute); refused %lld, failed %lld\n", name, p.ok,
              p.elapsed_s, 60.0 * static_cast<double>(p.ok) / p.elapsed_s, p.refused, p.failed);
  std::printf("%s latency from due time: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", name,
              percentile(p.latencies_ms, 0.50), percentile(p.latencies_ms, 0.99), max);
}

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--port")
      o.port = static_cast<unsigned short>(std::stoi(v));
    else if (k == "--token")
      o.token = v;
    else if (k == "--unit")
      o.unit = v;
    else if (k == "--volunteers")
      o.volunteers = std::stoi(v);
    else if (k == "--rate")
      o.rate_per_minute = std::stod(v);
    else if (k == "--connections")
      o.connections = std::stoi(v);
    else {
      std::cerr << "unknown option " << k << "\n";
      return 2;
    }
  }
  if (o.token.empty()) {
    std::cerr << "--token (an office API token) is required\n";
    return 2;
  }
  try {
    asio::io_context io;
    Connection office(io, o.port, "127.0.0.1");
    auto setup_start = Clock::now();
    std::vector<Volunteer> people;
    for (int n = 0; n < o.volunteers; ++n) {
      char phone[24];
      std::snprintf(phone, sizeof phone, "1390000%04d", n);
      json::value v = call(office, bhttp::verb::post, "/api/volunteers",
                           R"({"name":"压测志愿者)" + std::to_string(n) + R"(","phone":")" + phone +
                               R"(","id_number":")" + id_number(n) + R"(","unit":")" + o.unit + R"("})",
                           o.token);
      people.push_back({std::string(v.at("code").as_string()), std::string(phone + 7)});
    }
    std::time_t now = std::time(nullptr);
    json::value a = call(office, bhttp::verb::post, "/api/activities",
                         R"({"unit":")" + o.unit + R"(","type":"志愿服务","title":"签到压测","starts_at":")" +
                             rfc3339(now - 600) + R"(","ends_at":")" + rfc3339(now + 4 * 3600) +
                             R"(","place":"社区广场","latitude":30.2741,"longitude":120.1551})",
                         o.token);
    std::string activity(a.at("code").as_string()), qr(a.at("qr_token").as_string());
    for (const auto& p : people)
      call(office, bhttp::verb::post, "/api/activities/" + activity + "/actions/sign-up",
           R"({"volunteer":")" + p.code + "\"}", o.token);
    std::printf("setup: %d volunteers entered and signed up to %s in %.1f s\n", o.volunteers,
                activity.c_str(), std::chrono::duration<double>(Clock::now() - setup_start).count());
    std::printf("target %.0f a minute over %d connections (distinct source addresses)\n", o.rate_per_minute,
                o.connections);
    Phase in, out;
    run_phase(o, activity, qr, "check-in", people, in);
    print_phase("check-in", in);
    run_phase(o, activity, qr, "check-out", people, out);
    print_phase("check-out", out);
    std::printf("activity %s\nacknowledged check-ins %lld\nacknowledged check-outs %lld\n", activity.c_str(),
                in.ok, out.ok);
    return in.failed == 0 && out.failed == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "checkin_bench: " << e.what() << "\n";
    return 1;
  }
}
