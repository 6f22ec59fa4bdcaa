// A blocking HTTP/1.1 client for tests (header-only, so it is not part of the library): one request per
// connection, answering status, headers and body.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>
#include <utility>
#include <vector>

namespace civic::http::testing {

struct Reply {
  int status = 0;
  boost::beast::http::fields headers;
  std::string body;
  std::string header(const char* name) const { return std::string(headers[name]); }
  // Every value of a header that may repeat, e.g. Set-Cookie.
  std::vector<std::string> all(const char* name) const {
    std::vector<std::string> out;
    for (auto it = headers.find(name); it != headers.end() && boost::beast::iequals(it->name_string(), name);
         ++it) {
      out.emplace_back(it->value());
    }
    return out;
  }
};

inline Reply fetch(unsigned short port, const std::string& method, const std::string& target,
                   const std::string& body = {},
                   const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  namespace asio = boost::asio;
  namespace bhttp = boost::beast::http;
  asio::io_context io;
  boost::beast::tcp_stream stream(io);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  if (method != "GET" && method != "HEAD") req.prepare_payload();
  bhttp::write(stream, req);
  boost::beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  if (method == "HEAD") parser.skip(true);
  bhttp::read(stream, buffer, parser);
  Reply reply;
  reply.status = static_cast<int>(parser.get().result_int());
  reply.headers = parser.get().base();
  reply.body = parser.get().body();
  return reply;
}

}  // namespace civic::http::testing
