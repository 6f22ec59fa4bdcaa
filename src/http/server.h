// The HTTP/1.1 server: Asio C++20 coroutines on a small I/O pool; every request's handling (routing,
// middleware, handlers, static files) runs on a separate worker pool so that database work never
// blocks an I/O thread. Limits: request header size (431), per-route body size (413 too_large), and a
// deadline to receive each request and to send each response against slow clients. Keep-alive.
// Each request gets an id (X-Request-Id) and one access-log line.
// stop(): stop accepting, close idle connections, let in-flight requests finish and answer (with
// Connection: close) for up to `shutdown_grace`, then stop the threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/router.h"

namespace civic::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: an ephemeral port, see Server::port()
  int io_threads = 1;
  int worker_threads = 4;  // match the database connection pool
  size_t header_limit = 16 * 1024;
  std::chrono::milliseconds read_timeout{
      30'000};  // to receive one request (header, then body), idle included
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{10'000};
};

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
  // Idempotent; see the top comment. Returns once the threads have stopped.
  void stop();
  // Blocks until SIGINT or SIGTERM arrives (or stop() is called), then stop()s.
  void wait_for_signal();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace civic::http
