// The HTTP/1.1 server: Asio C++20 coroutines on a small I/O pool; every request's handling (routing,
// middleware, handlers, static files) runs on a separate worker pool so that database work never
// blocks an I/O thread. Limits: request header size (431), per-route body size (413 too_large), and a
// deadline to receive each request and to send each response against slow clients. Keep-alive, with
// an idle timeout between requests. Each request gets an id (X-Request-Id) and one access-log line.
// Errors the server raises itself (413, 431, malformed requests) take the router's shape for the path.
//
// Descriptors (docs/security.md, "Network limits"): open connections are capped in total and per client
// address, below the descriptor limit. A connection that arrives at the total cap closes the connection
// that has waited longest without a request under way (idle keep-alive, or still sending its first
// header); when every connection is busy with a request, or the client address is at its own cap, the new
// connection is answered a bare 503 and closed. Should accept() still run out of descriptors (other
// parts of the process use them too), a reserve descriptor is let go to accept and close the waiting
// connection, and the accept loop backs off instead of spinning. Such events are logged at most once per
// interval, with the count of the lines left out.
// stop(): stop accepting, close idle connections, let in-flight requests finish and answer (with
// Connection: close) for up to `shutdown_grace`, then stop the threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/router.h"

namespace civic::http {

struct ConnectionCaps {
  size_t total = 0;
  size_t per_client = 0;
};

// The caps for a soft descriptor limit (RLIMIT_NOFILE): a quarter of the descriptors, at least 64, stay
// for the database, files and logs (at least 8 connections remain); one client address may hold a
// quarter of the connections (at least 1). E.g. 1024 → 768 and 192.
ConnectionCaps default_connection_caps(size_t descriptor_limit);
// The soft RLIMIT_NOFILE of this process (1 << 20 when unlimited).
size_t descriptor_limit();

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: an ephemeral port, see Server::port()
  int io_threads = 1;
  int worker_threads = 4;  // match the database connection pool
  size_t header_limit = 16 * 1024;
  // To receive one request (header, then body) from its first byte.
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  // A connection with no request under way (before its first byte, between keep-alive requests) is
  // closed after this.
  std::chrono::milliseconds idle_timeout{15'000};
  // 0: default_connection_caps(descriptor_limit()). The per-client cap is at most the total.
  size_t max_connections = 0;
  size_t max_connections_per_client = 0;
  std::chrono::milliseconds shutdown_grace{10'000};
};

// The access log (one line per answered request, spdlog info): plain "client method target status bytes
// duration request-id" by default; with `json` a list of JSON members ("request_id", "client", "method",
// "path", "status", "bytes", "duration_ms") that a JSON log pattern wraps in its object
// (cli/serve_options.h configure_logging). Process-wide.
void set_access_log_json(bool json);

class Server {
 public:
  // `router` must outlive the server.
  Server(ServerOptions options, const Router& router);
  ~Server();  // stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads; throws std::system_error when the address cannot be bound.
  void start();
  // The bound port (useful with port 0), valid after start().
  unsigned short port() const;
  // The caps in force, valid after start().
  ConnectionCaps caps() const;
  // Idempotent; see the top comment. Returns once the threads have stopped.
  void stop();
  // Blocks until SIGINT or SIGTERM arrives (or stop() is called), then stop()s.
  void wait_for_signal();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace civic::http
