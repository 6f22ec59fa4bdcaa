// The HTTP layer end to end: an in-process server on an ephemeral port and a small Beast client.
#include "http/server.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "domain/core/error.h"
#include "http/json_body.h"
#include "http/security_headers.h"
#include "http/static_files.h"
#include "http/test_client.h"

namespace civic::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

using testing::Reply;

Reply fetch(unsigned short port, bhttp::verb method, const std::string& target,
            const std::string& body = {}) {
  return testing::fetch(port, std::string(bhttp::to_string(method)), target, body);
}

Reply get(unsigned short port, const std::string& target) {
  return fetch(port, bhttp::verb::get, target);
}

// Sends raw bytes and reads until the server closes the connection.
std::string raw_exchange(unsigned short port, const std::string& bytes) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(socket, asio::buffer(bytes));
  std::string out;
  boost::system::error_code ec;
  char chunk[4096];
  for (;;) {
    size_t n = socket.read_some(asio::buffer(chunk), ec);
    out.append(chunk, n);
    if (ec) break;
  }
  return out;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    web_ = std::filesystem::temp_directory_path() /
           ("civic-http-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(web_ / "web" / "assets");
    write_file(web_ / "web" / "index.html", "<!doctype html><title>Civic</title>");
    write_file(web_ / "web" / "assets" / "app-1a2b3c.js", "console.log('civic')");
    write_file(web_ / "web" / "favicon.svg", "<svg/>");
    write_file(web_ / "secret.txt", "TOP SECRET");

    router_.get("/api/units/{code}", [](Request& r) {
      return Response::json(200, {{"code", r.param("code")}, {"page", r.query_param("page").value_or("")}});
    });
    router_.put("/api/units/{code}", [](Request& r) {
      return Response::json(200, {{"updated", r.param("code")}});
    });
    router_.post("/api/cases/{id}/actions/{action}", [](Request& r) {
      return Response::json(200, {{"id", r.param("id")}, {"action", r.param("action")}});
    });
    router_.post("/api/echo", [](Request& r) {
      boost::json::object body = parse_json_object(r);
      return Response::json(200, {{"name", require_string(body, "name")}, {"size", r.body.size()}});
    });
    router_.post("/api/upload",
                 [](Request& r) {
                   return Response::json(201, {{"size", r.body.size()}});
                 },
                 {.body_limit = 4 << 20});
    router_.get("/api/forbidden",
                [](Request&) -> Response { throw Forbidden("the office role may do this"); });
    router_.get("/api/crash", [](Request&) -> Response {
      throw std::runtime_error("SQL error near SELECT * FROM users at db.cc:42");
    });
    router_.get("/api/slow", [this](Request&) {
      slow_entered_.set_value();
      release_.get_future().wait();
      return Response::json(200, {{"slow", true}});
    });
    router_.get("/api/lookup", [](Request& r) -> Response {
      throw InvalidInput("state", "unknown state: " + r.query_param("state").value_or(""));
    });
    // A part of the URL space with its own error shape (as Open311's).
    router_.post("/other/v1/upload",
                 [](Request& r) {
                   return Response::json(201, {{"size", r.body.size()}});
                 },
                 {.body_limit = 1024});
    router_.get("/other/v1/fail", [](Request&) -> Response { throw Forbidden("not you"); });
    router_.set_error_format("/other", [](const Request& r, const ErrorDetails& e) {
      Response out;
      out.status = e.status;
      out.body = "other " + std::to_string(e.status) + " " + e.code + " " + r.path;
      out.set_header("Content-Type", "text/plain");
      return out;
    });
    StaticFiles files(web_ / "web");
    router_.set_fallback([files](Request& r) { return files.serve(r); });
  }

  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(web_);
  }

  static void write_file(const std::filesystem::path& p, const std::string& content) {
    std::ofstream(p, std::ios::binary) << content;
  }

  unsigned short start(ServerOptions options = {}) {
    options.port = 0;
    options.worker_threads = 2;
    server_ = std::make_unique<Server>(options, router_);
    server_->start();
    return server_->port();
  }

  std::filesystem::path web_;
  Router router_;
  std::unique_ptr<Server> server_;
  std::promise<void> slow_entered_;
  std::promise<void> release_;
};

TEST_F(ServerTest, RoutesWithPathAndQueryParameters) {
  auto port = start();
  Reply r = get(port, "/api/units/330110%E4%BA%92?page=2");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"code":"330110互","page":"2"})");
  EXPECT_FALSE(r.header("X-Request-Id").empty());
  r = fetch(port, bhttp::verb::post, "/api/cases/17/actions/dispatch", "{}");
  EXPECT_EQ(r.body, R"({"id":"17","action":"dispatch"})");
}

TEST_F(ServerTest, UnknownApiPathIs404AndWrongMethodIs405WithAllow) {
  auto port = start();
  Reply r = get(port, "/api/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find(R"("code":"not_found")"), std::string::npos);
  r = fetch(port, bhttp::verb::delete_, "/api/units/x");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD, PUT");
}

TEST_F(ServerTest, BodyOverTheRouteLimitIs413) {
  auto port = start();
  std::string big(1 << 20 | 1, 'x');
  Reply r = fetch(port, bhttp::verb::post, "/api/echo", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find(R"("code":"too_large")"), std::string::npos);
  // The upload route allows 4 MiB.
  r = fetch(port, bhttp::verb::post, "/api/upload", std::string(3 << 20, 'y'));
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, R"({"size":3145728})");
  r = fetch(port, bhttp::verb::post, "/api/upload", std::string((4 << 20) + 1, 'y'));
  EXPECT_EQ(r.status, 413);
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
  auto port = start();
  std::string chunk(512 * 1024, 'z');
  std::string bytes = "POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) bytes += "80000\r\n" + chunk + "\r\n";
  bytes += "0\r\n\r\n";
  std::string out = raw_exchange(port, bytes);
  EXPECT_TRUE(out.starts_with("HTTP/1.1 413")) << out.substr(0, 100);
}

TEST_F(ServerTest, OversizedHeadersAre431) {
  auto port = start();
  std::string out = raw_exchange(
      port, "GET /api/units/a HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'h') + "\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 431")) << out.substr(0, 100);
}

TEST_F(ServerTest, MalformedRequestIs400) {
  auto port = start();
  std::string out = raw_exchange(port, "GET /api/units/a HTTP/1.1\r\nBad Header Line\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 400")) << out.substr(0, 100);
  EXPECT_NE(out.find("\"field\":\"request\""), std::string::npos);
}

TEST_F(ServerTest, MalformedJsonIs400NamingTheField) {
  auto port = start();
  Reply r = fetch(port, bhttp::verb::post, "/api/echo", "{\"name\": ");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find(R"("code":"invalid_input")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("field":"body")"), std::string::npos);
  r = fetch(port, bhttp::verb::post, "/api/echo", R"({"name": 5})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find(R"("field":"name")"), std::string::npos);
  r = fetch(port, bhttp::verb::post, "/api/echo", R"({"name": "ok"})");
  EXPECT_EQ(r.status, 200);
}

TEST_F(ServerTest, TypedErrorsMapToStatusAndOthersNeverLeak) {
  auto port = start();
  Reply r = get(port, "/api/forbidden");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find(R"("code":"forbidden")"), std::string::npos);
  r = get(port, "/api/crash");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(
      r.body,
      R"({"error":{"code":"internal","key":"error.internal","args":{},"message":"internal error","field":""}})");
}

TEST_F(ServerTest, EveryResponseCarriesSecurityHeaders) {
  auto port = start();
  for (const char* target : {"/api/units/a", "/api/nope", "/", "/assets/app-1a2b3c.js"}) {
    Reply r = get(port, target);
    EXPECT_EQ(r.header("Content-Security-Policy"), kContentSecurityPolicy) << target;
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY") << target;
    EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer") << target;
  }
  EXPECT_EQ(get(port, "/api/units/a").header("Cache-Control"), "no-store");
}

TEST_F(ServerTest, StaticFilesWithContentTypesCachingAndSpaFallback) {
  auto port = start();
  Reply asset = get(port, "/assets/app-1a2b3c.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "console.log('civic')");
  EXPECT_EQ(asset.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.header("Cache-Control"), "public, max-age=31536000, immutable");
  Reply index = get(port, "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.header("Cache-Control"), "no-cache");
  Reply route = get(port, "/cases/17");  // a client-side route
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body);
  EXPECT_EQ(get(port, "/favicon.svg").header("Content-Type"), "image/svg+xml");
  EXPECT_EQ(get(port, "/assets/missing.js").status, 404);
  EXPECT_EQ(get(port, "/missing.png").status, 404);
  Reply head = fetch(port, bhttp::verb::head, "/assets/app-1a2b3c.js");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("Content-Length"), "20");
}

TEST_F(ServerTest, PathTraversalIsRefused) {
  auto port = start();
  for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                             "/assets/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/.%2e/secret.txt"}) {
    std::string out = raw_exchange(
        port, std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(out.find("TOP SECRET"), std::string::npos) << target;
    EXPECT_FALSE(out.starts_with("HTTP/1.1 200")) << target;
  }
  std::filesystem::create_symlink(web_ / "secret.txt", web_ / "web" / "link.txt");
  EXPECT_EQ(get(port, "/link.txt").status, 404);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto port = start();
  std::string one = "GET /api/units/a HTTP/1.1\r\nHost: x\r\n\r\n";
  std::string last = "GET /api/units/b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string out = raw_exchange(port, one + one + last);
  EXPECT_NE(out.find(R"({"code":"a","page":""})"), std::string::npos);
  EXPECT_NE(out.find(R"({"code":"b","page":""})"), std::string::npos);
}

TEST_F(ServerTest, SlowClientIsDisconnected) {
  ServerOptions options;
  options.read_timeout = std::chrono::milliseconds(200);
  auto port = start(options);
  // Half a request header, then nothing: the server must give up and close the connection — by itself,
  // so the read is bounded here: if the server has not closed it after 20 s (100 read time-outs), the
  // test shuts the socket down and fails instead of hanging.
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(socket, asio::buffer(std::string("GET /api/units/a HTTP/1.1\r\nHost")));
  auto drained = std::async(std::launch::async, [&socket] {
    std::string out;
    boost::system::error_code ec;
    char chunk[4096];
    for (;;) {
      size_t n = socket.read_some(asio::buffer(chunk), ec);
      out.append(chunk, n);
      if (ec) return std::make_pair(out, ec);
    }
  });
  if (drained.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
    ::shutdown(socket.native_handle(), SHUT_RDWR);
    drained.wait();
    FAIL() << "the server kept a stalled half request open past its read time-out";
  }
  auto [out, ec] = drained.get();
  EXPECT_EQ(out, "");
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
}

TEST_F(ServerTest, GracefulShutdownLetsAnInFlightRequestFinish) {
  auto port = start();
  auto reply = std::async(std::launch::async, [port] { return get(port, "/api/slow"); });
  slow_entered_.get_future().wait();
  auto stopped = std::async(std::launch::async, [this] { server_->stop(); });
  // Once the server stops accepting, let the handler finish.
  for (;;) {
    asio::io_context io;
    tcp::socket probe(io);
    boost::system::error_code ec;
    probe.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    if (ec) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  release_.set_value();
  Reply r = reply.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"slow":true})");
  EXPECT_EQ(r.header("Connection"), "close");
  stopped.get();
}

TEST_F(ServerTest, HandlersRunOffTheIoThread) {
  ServerOptions options;
  options.io_threads = 1;
  auto port = start(options);
  // While a handler blocks a worker, the single I/O thread still serves other connections.
  auto slow = std::async(std::launch::async, [port] { return get(port, "/api/slow"); });
  slow_entered_.get_future().wait();
  EXPECT_EQ(get(port, "/api/units/a").status, 200);
  release_.set_value();
  EXPECT_EQ(slow.get().status, 200);
}

TEST_F(ServerTest, ShutdownClosesIdleKeepAliveConnections) {
  auto port = start();
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(socket, asio::buffer(std::string("GET /api/units/a HTTP/1.1\r\nHost: x\r\n\r\n")));
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> first;
  bhttp::read(socket, buffer, first);
  EXPECT_TRUE(first.keep_alive());
  server_->stop();  // the idle connection must not hold up shutdown
  boost::system::error_code ec;
  char byte;
  socket.read_some(asio::buffer(&byte, 1), ec);
  EXPECT_EQ(ec, asio::error::eof);
}

TEST_F(ServerTest, HeadOnAGetRouteAnswersItsHeadersWithoutABody) {
  auto port = start();
  Reply got = get(port, "/api/units/a");
  Reply head = fetch(port, bhttp::verb::head, "/api/units/a");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("Content-Length"), std::to_string(got.body.size()));
  EXPECT_EQ(head.header("Content-Type"), got.header("Content-Type"));
  EXPECT_EQ(head.body, "");
  // Nothing follows the header on the wire.
  std::string out = raw_exchange(port, "HEAD /api/units/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 200")) << out;
  EXPECT_TRUE(out.ends_with("\r\n\r\n")) << out;
  // A path with no GET route still answers 405.
  EXPECT_EQ(fetch(port, bhttp::verb::head, "/api/echo").status, 405);
}

TEST_F(ServerTest, ANulInAQueryValueDoesNotCutTheErrorMessageShort) {
  auto port = start();
  Reply r = get(port, "/api/lookup?state=open%00evil%0d%0aX");
  EXPECT_EQ(r.status, 400);
  auto message = boost::json::parse(r.body).at("error").at("message").as_string();
  EXPECT_EQ(message, R"(unknown state: open\x00evil\x0d\x0aX)");
}

TEST_F(ServerTest, ErrorsUnderAPrefixWithItsOwnFormatTakeThatShape) {
  auto port = start();
  Reply r = fetch(port, bhttp::verb::post, "/other/v1/upload", std::string(2000, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.body, "other 413 too_large /other/v1/upload");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(r.header("X-Request-Id").empty());
  EXPECT_EQ(get(port, "/other/v1/fail").body, "other 403 forbidden /other/v1/fail");
  // An unknown path under the prefix is its 404, not the web UI's fallback.
  EXPECT_EQ(get(port, "/other/v1/nope").body, "other 404 not_found /other/v1/nope");
  EXPECT_EQ(get(port, "/other/v1/upload").body, "other 405 method_not_allowed /other/v1/upload");
  // Refusals before the header could be parsed find the path in the request line.
  std::string out = raw_exchange(port, "GET /other/v1/fail HTTP/1.1\r\nBad Header Line\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 400")) << out;
  EXPECT_NE(out.find("other 400 invalid_input /other/v1/fail"), std::string::npos) << out;
  out = raw_exchange(
      port, "GET /other/v1/fail HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'h') + "\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 431")) << out.substr(0, 100);
  EXPECT_NE(out.find("other 431 too_large /other/v1/fail"), std::string::npos) << out.substr(0, 300);
  // Elsewhere the api.md shape stays.
  EXPECT_NE(get(port, "/api/nope").body.find(R"("code":"not_found")"), std::string::npos);
}

}  // namespace
}  // namespace civic::http
