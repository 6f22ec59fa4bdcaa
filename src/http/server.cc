#include "http/server.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/url/parse.hpp>
#include <condition_variable>
#include <future>
#include <list>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/log_throttle.h"
#include "http/pipeline.h"
#include "http/security_headers.h"

namespace civic::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

std::atomic<bool> access_log_json{false};

// `text` as a JSON string, quotes included (Boost.JSON escapes it).
std::string json_quoted(std::string_view text) {
  return boost::json::serialize(boost::json::string(text));
}

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

// Fills method, target, path, segments and query from the request line the parser read before it gave up
// (headers too large, malformed), so that the refusal takes the shape of its path.
void read_request_line(Request& request, const bhttp::request<bhttp::string_body>& header) {
  request.method = std::string(header.method_string());
  request.target = std::string(header.target());
  if (request.target.empty() || !parse_target(request)) {
    request.path.clear();
    request.segments.clear();
    request.query.clear();
  }
}

// An answer the server gives itself, before any route runs (the request could not be read or is too large).
Response refusal(const Router& router, const Request& request, int status, std::string code,
                 std::string message, std::string field) {
  Response r = router.error(request, {status, std::move(code), std::move(message), std::move(field), {}});
  add_security_headers(request, r);
  r.set_header("X-Request-Id", request.request_id);
  return r;
}

bool is_malformed_request(const boost::system::error_code& ec) {
  static const auto& http_category = bhttp::make_error_code(bhttp::error::bad_target).category();
  return ec.category() == http_category && ec != bhttp::error::end_of_stream &&
         ec != bhttp::error::partial_message;
}

bool descriptors_exhausted(const boost::system::error_code& ec) {
  return ec == asio::error::no_descriptors ||
         (ec.category() == boost::system::system_category() && ec.value() == ENFILE);
}

constexpr std::string_view kUnavailable =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";

// A bare 503 on socket `fd`, best effort and never blocking.
void turn_away(int fd) {
  [[maybe_unused]] auto sent =
      ::send(fd, kUnavailable.data(), kUnavailable.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

constexpr std::chrono::seconds kLogInterval{5};
constexpr std::chrono::milliseconds kFirstBackoff{5};
constexpr std::chrono::milliseconds kLongestBackoff{500};

}  // namespace

size_t descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return size_t{1} << 20;
  return static_cast<size_t>(limit.rlim_cur);
}

ConnectionCaps default_connection_caps(size_t limit) {
  size_t kept = std::max<size_t>(64, limit / 4);
  size_t total = limit > kept + 8 ? limit - kept : 8;
  return {total, std::max<size_t>(1, total / 4)};
}

struct Connection;
using WaitingList = std::list<std::shared_ptr<Connection>>;

// One client connection. `busy` and `stopping` are touched only on the connection's strand,
// `waiting_entry` and `evicted` only under State::mutex.
struct Connection {
  Connection(tcp::socket socket, std::string address)
      : stream(std::move(socket)), client(std::move(address)) {}
  beast::tcp_stream stream;
  const std::string client;  // the peer's address
  bool busy = false;
  bool stopping = false;
  bool evicted = false;  // closed to make room at the total cap; no longer counted
  std::optional<WaitingList::iterator> waiting_entry;
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

  ConnectionCaps caps;
  int reserve_descriptor = -1;  // let go to accept and close a connection when accept() finds none left
  LogThrottle accept_failures{kLogInterval};
  LogThrottle client_refusals{kLogInterval};
  LogThrottle cap_refusals{kLogInterval};
  LogThrottle evictions{kLogInterval};

  std::mutex mutex;
  std::condition_variable idle;
  std::set<std::shared_ptr<Connection>> connections;
  std::unordered_map<std::string, size_t> per_client;  // counted connections per client address
  size_t counted = 0;                                  // connections counted against the caps
  WaitingList waiting;  // connections without a request under way, longest waiting first
  bool stopping = false;
  bool stopped = false;
  asio::io_context signals_io;

  // Whether stop() has begun (set under the mutex before the acceptor closes, so a response finished after
  // a client saw the acceptor closed is sure to say Connection: close).
  bool is_stopping() {
    std::lock_guard lock(mutex);
    return stopping;
  }

  asio::awaitable<void> accept_loop();
  void admit(tcp::socket socket);
  bool shed_with_reserve();
  // Under `mutex`: a connection starts or ends waiting for its next request.
  void start_waiting(const std::shared_ptr<Connection>& connection);
  void stop_waiting(Connection& connection);
  // The connection has a request's header: false when it was evicted meanwhile and must close.
  bool begin_request(Connection& connection);
  void end_request(const std::shared_ptr<Connection>& connection);
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
  asio::steady_timer pause(co_await asio::this_coro::executor);
  std::chrono::milliseconds backoff{0};
  for (;;) {
    auto [ec, socket] = co_await acceptor->async_accept(asio::make_strand(io), use_tuple);
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
    if (ec == asio::error::connection_aborted) continue;  // the client gave up before we took it
    if (ec) {
      bool shed = descriptors_exhausted(ec) && shed_with_reserve();
      if (auto dropped = accept_failures.admit()) {
        spdlog::warn("accept failed: {}{}{}", ec.message(), shed ? "; a waiting connection was closed" : "",
                     repeats_note(*dropped));
      }
      if (!shed) {
        backoff = std::min(std::max(backoff * 2, kFirstBackoff), kLongestBackoff);
        pause.expires_after(backoff);
        co_await pause.async_wait(use_tuple);
        if (!acceptor->is_open()) co_return;
      }
      continue;
    }
    backoff = std::chrono::milliseconds{0};
    {
      std::lock_guard lock(mutex);
      if (stopping) co_return;
    }
    admit(std::move(socket));
  }
}

// accept() found no descriptor left: let the reserve one go, take the waiting connection with it and close
// it (a 503 if it can still be sent), then hold the reserve again. False when there was nothing to take.
bool Server::State::shed_with_reserve() {
  if (reserve_descriptor < 0) {
    reserve_descriptor = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    return false;
  }
  ::close(reserve_descriptor);
  int fd = ::accept4(acceptor->native_handle(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
  if (fd >= 0) {
    turn_away(fd);
    ::close(fd);
  }
  reserve_descriptor = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  return fd >= 0;
}

void Server::State::admit(tcp::socket socket) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return;  // already gone
  std::string client = endpoint.address().to_string();
  std::shared_ptr<Connection> evict;
  size_t open_count = 0;
  enum class Verdict { admitted, client_full, all_busy } verdict = Verdict::admitted;
  auto connection = std::make_shared<Connection>(std::move(socket), client);
  {
    std::lock_guard lock(mutex);
    open_count = counted;
    size_t& mine = per_client[client];
    if (mine >= caps.per_client) {
      verdict = Verdict::client_full;
    } else if (counted >= caps.total && waiting.empty()) {
      verdict = Verdict::all_busy;
    } else {
      if (counted >= caps.total) {
        evict = waiting.front();
        stop_waiting(*evict);
        evict->evicted = true;
        --counted;
        if (--per_client[evict->client] == 0 && evict->client != client) per_client.erase(evict->client);
      }
      ++mine;
      ++counted;
      connections.insert(connection);
      start_waiting(connection);
    }
    if (verdict != Verdict::admitted && mine == 0) per_client.erase(client);
  }
  if (verdict == Verdict::client_full) {
    if (auto dropped = client_refusals.admit()) {
      spdlog::warn("connection from {} refused: it holds {} connections, its cap{}", client, caps.per_client,
                   repeats_note(*dropped));
    }
  } else if (verdict == Verdict::all_busy) {
    if (auto dropped = cap_refusals.admit()) {
      spdlog::warn("connection from {} refused: {} connections, all busy, at the cap{}", client, open_count,
                   repeats_note(*dropped));
    }
  }
  if (verdict != Verdict::admitted) {
    tcp::socket& refused = connection->stream.socket();
    turn_away(refused.native_handle());
    boost::system::error_code ignored;
    refused.close(ignored);
    return;
  }
  if (evict) {
    if (auto dropped = evictions.admit()) {
      spdlog::info("{} connections, the cap: closed the one from {} waiting longest{}", caps.total,
                   evict->client, repeats_note(*dropped));
    }
    asio::post(evict->stream.get_executor(), [evict] { evict->stream.close(); });
  }
  asio::co_spawn(connection->stream.get_executor(), session(connection), asio::detached);
}

void Server::State::start_waiting(const std::shared_ptr<Connection>& connection) {
  if (!connection->waiting_entry && !connection->evicted) {
    connection->waiting_entry = waiting.insert(waiting.end(), connection);
  }
}

void Server::State::stop_waiting(Connection& connection) {
  if (connection.waiting_entry) {
    waiting.erase(*connection.waiting_entry);
    connection.waiting_entry.reset();
  }
}

bool Server::State::begin_request(Connection& connection) {
  std::lock_guard lock(mutex);
  stop_waiting(connection);
  return !connection.evicted;
}

void Server::State::end_request(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex);
  start_waiting(connection);
}

void Server::State::forget(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex);
  stop_waiting(*connection);
  if (!connection->evicted) {
    --counted;
    auto it = per_client.find(connection->client);
    if (it != per_client.end() && --it->second == 0) per_client.erase(it);
  }
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
  double ms = static_cast<double>(elapsed.count()) / 1000.0;
  if (access_log_json.load(std::memory_order_relaxed)) {
    spdlog::info(
        "\"request_id\":{},\"client\":{},\"user_id\":{},\"method\":{},\"path\":{},\"route\":{},"
        "\"status\":{},\"bytes\":{},\"duration_ms\":{:.1f}",
        json_quoted(request.request_id), json_quoted(request.client_ip),
        request.user_id > 0 ? std::to_string(request.user_id) : std::string("null"),
        json_quoted(request.method), json_quoted(request.target),
        request.route.empty() ? std::string("null") : json_quoted(request.route), response.status, length,
        ms);
  } else {
    spdlog::info("{} {} {} {} {}B {:.1f}ms {}", request.client_ip, request.method, request.target,
                 response.status, length, ms, request.request_id);
  }
  co_return !ec;
}

asio::awaitable<void> Server::State::session(std::shared_ptr<Connection> connection) {
  beast::flat_buffer buffer;
  const std::string& client_ip = connection->client;
  for (;;) {
    if (connection->stopping) break;
    if (buffer.size() == 0) {  // wait for the next request (unless it came along with the last one)
      connection->stream.expires_after(options.idle_timeout);
      auto [wait_ec, n] = co_await connection->stream.async_read_some(buffer.prepare(4096), use_tuple);
      if (wait_ec) break;  // closed, idle too long, evicted at the cap or stopped
      buffer.commit(n);
    }
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
    if (read_ec == bhttp::error::header_limit || is_malformed_request(read_ec)) {
      read_request_line(request, parser.get());
    }
    if (read_ec == bhttp::error::header_limit) {
      connection->busy = true;
      Response r = refusal(router, request, 431, "too_large", "request headers are too large", "headers");
      co_await write(*connection, request, std::move(r), 11, false, started);
      co_await linger(*connection);
      break;
    }
    if (is_malformed_request(read_ec)) {
      connection->busy = true;
      co_await write(*connection, request,
                     refusal(router, request, 400, "invalid_input", "malformed HTTP request", "request"), 11,
                     false, started);
      co_await linger(*connection);
      break;
    }
    if (read_ec) break;  // closed, timed out or cancelled by stop()
    if (!begin_request(*connection)) break;
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
      Response r =
          refusal(router, request, 400, "invalid_input", "the request target is not a valid path", "path");
      co_await write(*connection, request, std::move(r), version, false, started);
      break;
    }

    size_t limit = router.body_limit(request.method, request.segments);
    auto declared = parser.content_length();
    if (declared && *declared > limit) {
      Response r = refusal(router, request, 413, "too_large",
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
        Response r = refusal(router, request, 413, "too_large",
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
    keep_alive = keep_alive && !connection->stopping && !is_stopping();
    bool written = co_await write(*connection, request, std::move(response), version, keep_alive, started);
    connection->busy = false;
    if (!written || !keep_alive) break;
    end_request(connection);
  }
  boost::system::error_code ignored;
  connection->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  connection->stream.close();
  forget(connection);
}

void set_access_log_json(bool json) {
  access_log_json.store(json, std::memory_order_relaxed);
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
  s.acceptor->non_blocking(true);  // accept4() beside Asio's (shed_with_reserve) must never block
  s.bound_port = s.acceptor->local_endpoint().port();
  ConnectionCaps derived = default_connection_caps(descriptor_limit());
  s.caps.total = s.options.max_connections ? s.options.max_connections : derived.total;
  s.caps.per_client =
      std::min(s.caps.total, s.options.max_connections_per_client ? s.options.max_connections_per_client
                                                                  : derived.per_client);
  s.reserve_descriptor = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  asio::co_spawn(*s.acceptor_strand, s.accept_loop(), asio::detached);
  for (int i = 0; i < std::max(1, s.options.io_threads); ++i) {
    s.io_threads.emplace_back([&s] { s.io.run(); });
  }
}

unsigned short Server::port() const {
  return state_->bound_port;
}

ConnectionCaps Server::caps() const {
  return state_->caps;
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
  if (s.reserve_descriptor >= 0) ::close(s.reserve_descriptor);
  s.reserve_descriptor = -1;
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
