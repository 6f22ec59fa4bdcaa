// The server against descriptor exhaustion (docs/security.md, "Network limits"), on loopback: connection caps
// in total and per client address (127.0.0.x are all local), the idle timeout, and a log that stays small
// while a client floods the accept loop.
#include <gtest/gtest.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

#include "http/server.h"

namespace civic::http {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// Counts every line the default logger writes while it is installed.
class CountingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  size_t lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg&) override { ++lines_; }
  void flush_() override {}

 private:
  size_t lines_ = 0;
};

size_t open_descriptors() {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// A client socket from `source` (a loopback address), connected to the server.
std::unique_ptr<tcp::socket> connect_from(asio::io_context& io, const std::string& source,
                                          unsigned short port) {
  auto socket = std::make_unique<tcp::socket>(io);
  socket->open(tcp::v4());
  socket->bind(tcp::endpoint(asio::ip::make_address(source), 0));
  socket->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  return socket;
}

// Reads until the peer closes or `limit` passes; what was read, and whether the peer closed.
struct Drained {
  std::string bytes;
  bool closed = false;
};
Drained read_until_closed(tcp::socket& socket, std::chrono::milliseconds limit) {
  timeval tv{static_cast<time_t>(limit.count() / 1000),
             static_cast<suseconds_t>(limit.count() % 1000 * 1000)};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  Drained out;
  char chunk[4096];
  for (;;) {
    ssize_t n = ::recv(socket.native_handle(), chunk, sizeof chunk, 0);
    if (n > 0) {
      out.bytes.append(chunk, static_cast<size_t>(n));
      continue;
    }
    out.closed = n == 0 || errno == ECONNRESET;
    return out;
  }
}

// GET `target` from `source`, on a connection of its own.
std::pair<int, std::string> get_from(const std::string& source, unsigned short port,
                                     const std::string& target) {
  asio::io_context io;
  auto socket = connect_from(io, source, port);
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.keep_alive(false);
  bhttp::write(*socket, req);
  boost::beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(*socket, buffer, res);
  return {res.result_int(), res.body()};
}

class ConnectionLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.get("/api/health", [](Request&) { return Response::json(200, {{"status", "ok"}}); });
    previous_logger_ = spdlog::default_logger();
    sink_ = std::make_shared<CountingSink>();
    auto logger = std::make_shared<spdlog::logger>("counted", sink_);
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
    ::getrlimit(RLIMIT_NOFILE, &saved_limit_);
  }

  void TearDown() override {
    server_.reset();
    clients_.clear();
    ::setrlimit(RLIMIT_NOFILE, &saved_limit_);
    spdlog::set_default_logger(previous_logger_);
  }

  unsigned short start(ServerOptions options) {
    options.port = 0;
    options.worker_threads = 2;
    server_ = std::make_unique<Server>(options, router_);
    server_->start();
    return server_->port();
  }

  // Lowers the soft descriptor limit to what is open now plus `headroom`.
  void limit_descriptors(size_t headroom) {
    rlimit lowered = saved_limit_;
    lowered.rlim_cur = open_descriptors() + headroom;
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
  }

  void open_idle(const std::string& source, unsigned short port, int count) {
    for (int i = 0; i < count; ++i) clients_.push_back(connect_from(io_, source, port));
  }

  Router router_;
  std::unique_ptr<Server> server_;
  std::shared_ptr<spdlog::logger> previous_logger_;
  std::shared_ptr<CountingSink> sink_;
  rlimit saved_limit_{};
  asio::io_context io_;
  std::vector<std::unique_ptr<tcp::socket>> clients_;
};

TEST(ConnectionCaps, DerivedFromTheDescriptorLimit) {
  EXPECT_EQ(default_connection_caps(1024).total, 768u);
  EXPECT_EQ(default_connection_caps(1024).per_client, 192u);
  EXPECT_EQ(default_connection_caps(65536).total, 49152u);
  EXPECT_EQ(default_connection_caps(100).total, 36u);
  EXPECT_EQ(default_connection_caps(20).total, 8u);
  EXPECT_EQ(default_connection_caps(20).per_client, 2u);
}

TEST_F(ConnectionLimitsTest, CapsStayBelowTheDescriptorLimitByDefault) {
  auto port = start({});
  (void)port;
  size_t limit = descriptor_limit();
  EXPECT_LT(server_->caps().total, limit);
  EXPECT_LE(server_->caps().per_client, server_->caps().total);
}

// 200 silent connections from four addresses against a cap of 50 and 300 spare descriptors (the old server
// took them all, ran out of descriptors and spun on accept errors): the server holds at most its cap, health
// answers at once from a fifth address, and the log stays a few lines.
TEST_F(ConnectionLimitsTest, MoreConnectionsThanTheCapLeaveHealthAnsweringAndTheLogSmall) {
  ServerOptions options;
  options.max_connections = 50;
  options.max_connections_per_client = 50;
  auto port = start(options);
  size_t before = open_descriptors();
  limit_descriptors(300);
  for (const char* source : {"127.0.0.1", "127.0.0.3", "127.0.0.4", "127.0.0.5"}) open_idle(source, port, 50);
  std::this_thread::sleep_for(200ms);  // let the server take them all

  auto started = std::chrono::steady_clock::now();
  auto [status, body] = get_from("127.0.0.2", port, "/api/health");
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body, R"({"status":"ok"})");
  EXPECT_LT(took, 2s);
  // Our 200 client sockets, the server's 50 and the reserve, a few more in passing.
  EXPECT_LE(open_descriptors(), before + 200 + 50 + 10);
  EXPECT_LE(sink_->lines(), 10u);
}

TEST_F(ConnectionLimitsTest, PerAddressCapRefusesThatAddressAndAdmitsAnother) {
  ServerOptions options;
  options.max_connections = 100;
  options.max_connections_per_client = 5;
  auto port = start(options);
  open_idle("127.0.0.1", port, 5);
  auto sixth = connect_from(io_, "127.0.0.1", port);
  Drained refused = read_until_closed(*sixth, 3000ms);
  EXPECT_TRUE(refused.closed);
  EXPECT_TRUE(refused.bytes.starts_with("HTTP/1.1 503")) << refused.bytes;
  auto [status, body] = get_from("127.0.0.2", port, "/api/health");
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body, R"({"status":"ok"})");
  // Once one of its connections closes, the address gets in again.
  clients_.front()->close();
  clients_.erase(clients_.begin());
  int answered = 0;
  for (int attempt = 0; attempt < 50 && answered != 200; ++attempt) {
    try {
      answered = get_from("127.0.0.1", port, "/api/health").first;
    } catch (const boost::system::system_error&) {
      answered = 0;  // refused before the answer was read
    }
    if (answered != 200) std::this_thread::sleep_for(20ms);  // the server has not seen the close yet
  }
  EXPECT_EQ(answered, 200);
}

TEST_F(ConnectionLimitsTest, AtTheCapEveryConnectionBusyTheNewOneGets503) {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> inside = 0;
  router_.get("/api/slow", [&](Request&) {
    if (++inside == 2) entered.set_value();
    released.wait();
    return Response::json(200, {{"slow", true}});
  });
  ServerOptions options;
  options.max_connections = 2;
  auto port = start(options);
  auto slow = [port] { return get_from("127.0.0.1", port, "/api/slow").first; };
  auto a = std::async(std::launch::async, slow);
  auto b = std::async(std::launch::async, slow);
  entered.get_future().wait();
  auto third = connect_from(io_, "127.0.0.2", port);
  Drained refused = read_until_closed(*third, 3000ms);
  EXPECT_TRUE(refused.bytes.starts_with("HTTP/1.1 503")) << refused.bytes;
  release.set_value();
  EXPECT_EQ(a.get(), 200);
  EXPECT_EQ(b.get(), 200);
}

TEST_F(ConnectionLimitsTest, IdleConnectionsAreClosedAfterTheIdleTimeout) {
  ServerOptions options;
  options.idle_timeout = 300ms;  // the read timeout stays 30 s
  auto port = start(options);
  // A connection that never sends a byte.
  auto silent = connect_from(io_, "127.0.0.1", port);
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(read_until_closed(*silent, 5000ms).closed);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 250ms);
  // A keep-alive connection after its answer.
  auto kept = connect_from(io_, "127.0.0.1", port);
  asio::write(*kept, asio::buffer(std::string("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")));
  Drained rest = read_until_closed(*kept, 5000ms);
  EXPECT_TRUE(rest.closed);
  EXPECT_TRUE(rest.bytes.starts_with("HTTP/1.1 200")) << rest.bytes;
  EXPECT_NE(rest.bytes.find(R"({"status":"ok"})"), std::string::npos);
}

// The process runs out of descriptors although the cap is far away (other parts of the process use them):
// the reserve descriptor lets the server close what waits, it backs off instead of spinning, and the log
// gets a line now and then.
TEST_F(ConnectionLimitsTest, OutOfDescriptorsTheAcceptLoopBacksOffAndLogsLittle) {
  ServerOptions options;
  options.max_connections = 10000;
  options.max_connections_per_client = 10000;
  auto port = start(options);
  limit_descriptors(60);
  // Fill the descriptor table from this side and the server's until connecting fails.
  for (int i = 0; i < 200; ++i) {
    try {
      clients_.push_back(connect_from(io_, "127.0.0.1", port));
    } catch (const boost::system::system_error&) {
      break;
    }
  }
  std::this_thread::sleep_for(500ms);
  EXPECT_LE(sink_->lines(), 10u);
  clients_.clear();  // give the descriptors back
  std::this_thread::sleep_for(200ms);
  ::setrlimit(RLIMIT_NOFILE, &saved_limit_);
  auto [status, body] = get_from("127.0.0.2", port, "/api/health");
  EXPECT_EQ(status, 200);
}

}  // namespace
}  // namespace civic::http
