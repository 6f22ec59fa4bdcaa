#include "http/server.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "http/pipeline.h"
#include "http/security_headers.h"

namespace civic::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

std::string new_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = rng();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0xf];
    bits >>= 4;
  }
  return id;
}

// Fills path, segments and query from request.target; false when the target is not an origin-form URL.
bool parse_target(Request& request) {
  auto url = boost::urls::parse_origin_form(request.target);
  if (!url) return false;
  request.path = url->path();
  for (auto segment : url->segments()) request.segments.push_back(segment);
  for (auto param : url->params()) request.query.emplace_back(param.key, param.value);
  return true;
}

// An answer the server gives itself, before any route runs (the request could not be read or is too large).
Response refusal(const Request& request, int status, std::string_view code, std::string_view message,
                 std::string_view field) {
  Response r = Response::error(status, code, message, field);
  add_security_headers(request, r);
  r.set_header("X-Request-Id", request.request_id);
  return r;
}

bool is_malformed_request(const boost::system::error_code& ec) {
  static const auto& http_category = bhttp::make_error_code(bhttp::error::bad_target).category();
  return ec.category() == http_category && ec != bhttp::error::end_of_stream &&
         ec != bhttp::error::partial_message;
}

}  // namespace

// One client connection. `busy` and `stopping` are touched only on the connection's strand.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;
  bool stopping = false;
};

struct Server::State {
  State(ServerOptions o, const Router& r)
      : options(std::move(o)), router(r), workers(static_cast<size_t>(std::max(1, options.worker_threads))) {}

  ServerOptions options;
  const Router& router;
  asio::thread_pool workers;  // declared before `io` so that it is destroyed after it
  asio::io_context io{std::max(1, options.io_threads)};
  std::optional<asio::strand<asio::io_context::executor_type>> acceptor_strand;
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> io_threads;
  unsigned short bound_port = 0;

  std::mutex mutex;
  std::condition_variable idle;
  std::set<std::shared_ptr<Connection>> connections;
  bool stopping = false;
  bool stopped = false;
  asio::io_context signals_io;

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(std::shared_ptr<Connection> connection);
  asio::awaitable<bool> write(Connection& connection, const Request& request, Response response,
                              unsigned version, bool keep_alive,
                              std::chrono::steady_clock::time_point started);
  asio::awaitable<void> linger(Connection& connection);
  void forget(const std::shared_ptr<Connection>& connection);
};

// After refusing a request whose body was not read: stop sending, then read and drop what the client is
// still sending (bounded in time and bytes), so that closing does not reset the connection and lose the
// error response before the client reads it.
asio::awaitable<void> Server::State::linger(Connection& connection) {
  boost::system::error_code ignored;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  connection.stream.expires_after(
      std::min<std::chrono::milliseconds>(options.read_timeout, std::chrono::seconds(2)));
  std::vector<char> sink(64 * 1024);
  size_t dropped = 0;
  while (dropped < (64u << 20)) {
    auto [ec, n] = co_await connection.stream.async_read_some(asio::buffer(sink), use_tuple);
    if (ec) break;
    dropped += n;
  }
}

asio::awaitable<void> Server::State::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor->async_accept(asio::make_strand(io), use_tuple);
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
    if (ec) {
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(mutex);
      if (stopping) co_return;
      connections.insert(connection);
    }
    asio::co_spawn(connection->stream.get_executor(), session(connection), asio::detached);
  }
}

void Server::State::forget(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex);
  connections.erase(connection);
  if (connections.empty()) idle.notify_all();
}

asio::awaitable<bool> Server::State::write(Connection& connection, const Request& request, Response response,
                                           unsigned version, bool keep_alive,
                                           std::chrono::steady_clock::time_point started) {
  bhttp::response<bhttp::string_body> out;
  out.version(version);
  out.result(static_cast<unsigned>(response.status));
  for (auto& [name, value] : response.headers) out.insert(name, value);
  out.keep_alive(keep_alive);
  size_t length = response.body.size();
  if (request.method == "HEAD") {
    out.content_length(length);
  } else {
    out.body() = std::move(response.body);
    out.prepare_payload();
  }
  connection.stream.expires_after(options.write_timeout);
  auto [ec, written] = co_await bhttp::async_write(connection.stream, out, use_tuple);
  auto elapsed =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  spdlog::info("{} {} {} {} {}B {:.1f}ms {}", request.client_ip, request.method, request.target,
               response.status, length, static_cast<double>(elapsed.count()) / 1000.0, request.request_id);
  co_return !ec;
}

asio::awaitable<void> Server::State::session(std::shared_ptr<Connection> connection) {
  beast::flat_buffer buffer;
  std::string client_ip;
  {
    boost::system::error_code ec;
    auto endpoint = connection->stream.socket().remote_endpoint(ec);
    if (!ec) client_ip = endpoint.address().to_string();
  }
  for (;;) {
    if (connection->stopping) break;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(boost::none);  // the route's limit is applied once the header names the route
    connection->stream.expires_after(options.read_timeout);
    auto [read_ec, header_bytes] =
        co_await bhttp::async_read_header(connection->stream, buffer, parser, use_tuple);
    auto started = std::chrono::steady_clock::now();
    Request request;
    request.client_ip = client_ip;
    request.request_id = new_request_id();
    if (read_ec == bhttp::error::header_limit) {
      connection->busy = true;
      Response r = refusal(request, 431, "too_large", "request headers are too large", "headers");
      co_await write(*connection, request, std::move(r), 11, false, started);
      co_await linger(*connection);
      break;
    }
    if (is_malformed_request(read_ec)) {
      connection->busy = true;
      co_await write(*connection, request,
                     refusal(request, 400, "invalid_input", "malformed HTTP request", "request"), 11, false,
                     started);
      co_await linger(*connection);
      break;
    }
    if (read_ec) break;  // closed, timed out or cancelled by stop()
    connection->busy = true;

    const auto& header = parser.get();
    request.method = std::string(header.method_string());
    request.target = std::string(header.target());
    for (const auto& field : header) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    unsigned version = header.version();
    bool keep_alive = header.keep_alive();
    if (!parse_target(request)) {
      Response r = refusal(request, 400, "invalid_input", "the request target is not a valid path", "path");
      co_await write(*connection, request, std::move(r), version, false, started);
      break;
    }

    size_t limit = router.body_limit(request.method, request.segments);
    auto declared = parser.content_length();
    if (declared && *declared > limit) {
      Response r = refusal(request, 413, "too_large",
                           "the request body is larger than " + std::to_string(limit) + " bytes", "body");
      co_await write(*connection, request, std::move(r), version, false, started);
      co_await linger(*connection);
      break;
    }
    parser.body_limit(limit);
    if (!parser.is_done()) {
      if (auto expect = header[bhttp::field::expect]; beast::iequals(expect, "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, version};
        connection->stream.expires_after(options.write_timeout);
        auto [ec, n] = co_await bhttp::async_write(connection->stream, go_on, use_tuple);
        if (ec) break;
      }
      connection->stream.expires_after(options.read_timeout);
      auto [body_ec, body_bytes] = co_await bhttp::async_read(connection->stream, buffer, parser, use_tuple);
      if (body_ec == bhttp::error::body_limit) {
        Response r = refusal(request, 413, "too_large",
                             "the request body is larger than " + std::to_string(limit) + " bytes", "body");
        co_await write(*connection, request, std::move(r), version, false, started);
        co_await linger(*connection);
        break;
      }
      if (body_ec) break;
    }
    request.body = std::move(parser.get().body());

    Response response = co_await asio::co_spawn(
        workers, [this, &request]() -> asio::awaitable<Response> { co_return respond(router, request); },
        asio::use_awaitable);
    keep_alive = keep_alive && !connection->stopping;
    bool written = co_await write(*connection, request, std::move(response), version, keep_alive, started);
    connection->busy = false;
    if (!written || !keep_alive) break;
  }
  boost::system::error_code ignored;
  connection->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  connection->stream.close();
  forget(connection);
}

Server::Server(ServerOptions options, const Router& router)
    : state_(std::make_unique<State>(std::move(options), router)) {}

Server::~Server() {
  stop();
}

void Server::start() {
  State& s = *state_;
  tcp::endpoint endpoint{asio::ip::make_address(s.options.host), s.options.port};
  s.acceptor_strand.emplace(asio::make_strand(s.io));
  s.acceptor.emplace(*s.acceptor_strand);
  s.acceptor->open(endpoint.protocol());
  s.acceptor->set_option(asio::socket_base::reuse_address(true));
  s.acceptor->bind(endpoint);
  s.acceptor->listen(asio::socket_base::max_listen_connections);
  s.bound_port = s.acceptor->local_endpoint().port();
  asio::co_spawn(*s.acceptor_strand, s.accept_loop(), asio::detached);
  for (int i = 0; i < std::max(1, s.options.io_threads); ++i) {
    s.io_threads.emplace_back([&s] { s.io.run(); });
  }
}

unsigned short Server::port() const {
  return state_->bound_port;
}

void Server::stop() {
  State& s = *state_;
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(s.mutex);
    if (s.stopped) return;
    s.stopping = true;
    s.stopped = true;
    open.assign(s.connections.begin(), s.connections.end());
  }
  s.signals_io.stop();
  if (s.acceptor) {
    std::promise<void> closed;
    asio::post(*s.acceptor_strand, [&s, &closed] {
      boost::system::error_code ignored;
      s.acceptor->close(ignored);
      closed.set_value();
    });
    if (!s.io_threads.empty()) closed.get_future().wait();
  }
  for (const auto& connection : open) {
    asio::post(connection->stream.get_executor(), [connection] {
      connection->stopping = true;
      if (!connection->busy) connection->stream.cancel();
    });
  }
  {
    std::unique_lock lock(s.mutex);
    if (!s.idle.wait_for(lock, s.options.shutdown_grace, [&s] { return s.connections.empty(); })) {
      spdlog::warn("shutdown: {} connection(s) still busy after the grace period", s.connections.size());
    }
  }
  s.io.stop();
  for (auto& thread : s.io_threads) thread.join();
  s.io_threads.clear();
  s.workers.join();
}

void Server::wait_for_signal() {
  State& s = *state_;
  asio::signal_set signals(s.signals_io, SIGINT, SIGTERM);
  signals.async_wait([](const boost::system::error_code& ec, int signal) {
    if (!ec) spdlog::info("signal {} received, shutting down", signal);
  });
  s.signals_io.run();
  stop();
}

}  // namespace civic::http
