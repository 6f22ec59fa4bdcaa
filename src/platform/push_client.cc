#include "platform/push_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <ctime>
#include <istream>

#include "platform/sealed_box.h"

namespace civic::platform {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

Url parse_url(const std::string& text) {
  Url u;
  auto sep = text.find("://");
  if (sep == std::string::npos || sep == 0) throw PushError("not a URL: " + text);
  u.scheme = text.substr(0, sep);
  std::string rest = text.substr(sep + 3);
  auto slash = rest.find_first_of("/?");
  std::string authority = rest.substr(0, slash);
  u.target = slash == std::string::npos ? "/" : rest.substr(slash);
  if (!u.target.empty() && u.target[0] == '?') u.target = "/" + u.target;
  if (authority.find('@') != std::string::npos) throw PushError("credentials in a URL are not allowed");
  if (!authority.empty() && authority[0] == '[') {
    auto close = authority.find(']');
    if (close == std::string::npos) throw PushError("not a URL: " + text);
    u.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') u.port = authority.substr(close + 2);
  } else {
    auto colon = authority.rfind(':');
    u.host = authority.substr(0, colon);
    if (colon != std::string::npos) u.port = authority.substr(colon + 1);
  }
  if (u.host.empty()) throw PushError("no host in URL: " + text);
  if (u.port.empty()) u.port = u.scheme == "https" ? "443" : u.scheme == "smtp" ? "25" : "80";
  for (char c : u.port)
    if (c < '0' || c > '9') throw PushError("bad port in URL: " + text);
  return u;
}

namespace {

// Blocking reads and writes give up after `timeout` (the sockets are used synchronously).
void set_timeouts(tcp::socket& socket, std::chrono::milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

template <class Stream>
HttpReply exchange(Stream& stream, const Url& u, const std::string& body) {
  beast::http::request<beast::http::string_body> req{beast::http::verb::post, u.target, 11};
  req.set(beast::http::field::host, u.host);
  req.set(beast::http::field::user_agent, "civic");
  req.set(beast::http::field::content_type, "application/json; charset=utf-8");
  req.body() = body;
  req.prepare_payload();
  beast::http::write(stream, req);
  beast::flat_buffer buffer;
  beast::http::response_parser<beast::http::string_body> parser;
  parser.body_limit(1 << 20);
  beast::http::read(stream, buffer, parser);
  return {static_cast<int>(parser.get().result_int()), parser.get().body()};
}

}  // namespace

HttpReply post_json(const std::string& url, const std::string& body, std::chrono::milliseconds timeout) {
  Url u = parse_url(url);
  if (u.scheme != "http" && u.scheme != "https") throw PushError("not an http(s) URL: " + url);
  try {
    asio::io_context io;
    tcp::resolver resolver(io);
    auto endpoints = resolver.resolve(u.host, u.port);
    HttpReply reply;
    if (u.scheme == "http") {
      beast::tcp_stream stream(io);
      stream.expires_after(timeout);
      stream.connect(endpoints);
      set_timeouts(stream.socket(), timeout);
      reply = exchange(stream, u, body);
      beast::error_code ec;
      stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    } else {
      asio::ssl::context ctx(asio::ssl::context::tls_client);
      ctx.set_default_verify_paths();
      ctx.set_verify_mode(asio::ssl::verify_peer);
      beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
      if (!SSL_set_tlsext_host_name(stream.native_handle(), u.host.c_str()))
        throw PushError("TLS: cannot set the server name");
      stream.set_verify_callback(asio::ssl::host_name_verification(u.host));
      beast::get_lowest_layer(stream).expires_after(timeout);
      beast::get_lowest_layer(stream).connect(endpoints);
      set_timeouts(beast::get_lowest_layer(stream).socket(), timeout);
      stream.handshake(asio::ssl::stream_base::client);
      reply = exchange(stream, u, body);
      beast::error_code ec;
      stream.shutdown(ec);
    }
    if (reply.status < 200 || reply.status > 299) {
      throw PushError("HTTP " + std::to_string(reply.status) + " from " + u.host + ": " +
                      reply.body.substr(0, 200));
    }
    return reply;
  } catch (const PushError&) {
    throw;
  } catch (const std::exception& e) {
    throw PushError(std::string("HTTP to ") + u.host + ":" + u.port + ": " + e.what());
  }
}

std::vector<std::string> private_addresses(const std::string& host, const std::string& port) {
  std::vector<std::string> out;
  try {
    asio::io_context io;
    tcp::resolver resolver(io);
    for (const auto& entry : resolver.resolve(host, port)) {
      asio::ip::address a = entry.endpoint().address();
      if (a.is_v6() && a.to_v6().is_v4_mapped())
        a = asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
      bool is_private = a.is_loopback() || a.is_unspecified() || a.is_multicast();
      if (a.is_v4()) {
        auto b = a.to_v4().to_bytes();
        is_private = is_private || b[0] == 10 || b[0] == 0 || (b[0] == 172 && (b[1] & 0xF0) == 16) ||
                     (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) ||
                     (b[0] == 100 && (b[1] & 0xC0) == 64);
      } else {
        auto v6 = a.to_v6();
        auto b = v6.to_bytes();
        is_private = is_private || v6.is_link_local() || (b[0] & 0xFE) == 0xFC;
      }
      if (is_private) out.push_back(a.to_string());
    }
  } catch (const std::exception& e) {
    throw PushError("cannot resolve " + host + ": " + e.what());
  }
  return out;
}

std::string rfc2047(const std::string& text) {
  bool ascii = true;
  for (unsigned char c : text) ascii = ascii && c >= 0x20 && c < 0x7f;
  if (ascii) return text;
  // Words of at most 45 bytes of UTF-8 (60 base64 characters), never splitting a character.
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = std::min(text.size(), i + 45);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(text).substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

namespace {

// One SMTP conversation over a stream that reads and writes lines.
template <class Stream>
struct SmtpTalk {
  Stream& stream;
  asio::streambuf& buffer;

  // The reply's code and its lines' texts.
  std::pair<int, std::vector<std::string>> reply() {
    std::vector<std::string> lines;
    while (true) {
      asio::read_until(stream, buffer, "\r\n");
      std::istream in(&buffer);
      std::string line;
      std::getline(in, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() < 3) throw PushError("SMTP: malformed reply: " + line);
      lines.push_back(line.size() > 4 ? line.substr(4) : "");
      if (line.size() == 3 || line[3] == ' ') return {std::atoi(line.substr(0, 3).c_str()), lines};
    }
  }
  std::vector<std::string> expect(int low, int high, const std::string& what) {
    auto [code, lines] = reply();
    if (code < low || code > high)
      throw PushError("SMTP " + what + ": " + std::to_string(code) + " " +
                      (lines.empty() ? "" : lines.back()));
    return lines;
  }
  void send(const std::string& line) { asio::write(stream, asio::buffer(line + "\r\n")); }
  std::vector<std::string> command(const std::string& line, int low, int high, const std::string& what) {
    send(line);
    return expect(low, high, what);
  }
};

std::string mail_date(long long ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

std::string mail_text(const MailMessage& m, const std::string& host) {
  std::string to;
  for (const auto& a : m.to) to += (to.empty() ? "" : ", ") + a;
  std::string text = "Date: " + mail_date(m.date_ms) + "\r\nFrom: " + m.from + "\r\nTo: " + to +
                     "\r\nSubject: " + rfc2047(m.subject) + "\r\nMessage-ID: <civic." +
                     std::to_string(m.date_ms) + "." + std::to_string(std::rand()) + "@" + host +
                     ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n";
  size_t start = 0;
  while (start <= m.body.size()) {
    size_t nl = m.body.find('\n', start);
    std::string line = m.body.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '.') line = "." + line;  // dot-stuffing (RFC 5321 §4.5.2)
    text += line + "\r\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return text;
}

template <class Stream>
void transaction(SmtpTalk<Stream>& talk, const SmtpServer& server, const MailMessage& m,
                 const std::vector<std::string>& ehlo) {
  if (!server.password.empty()) {
    bool plain = false;
    for (const auto& l : ehlo)
      plain = plain || (l.rfind("AUTH", 0) == 0 && l.find("PLAIN") != std::string::npos);
    if (!plain) throw PushError("SMTP: the server offers no AUTH PLAIN");
    std::string user = server.user.empty() ? m.from : server.user;
    std::string token = std::string("\0", 1) + user + std::string("\0", 1) + server.password;
    talk.command("AUTH PLAIN " + base64(token), 235, 235, "AUTH");
  }
  talk.command("MAIL FROM:<" + m.from + ">", 250, 250, "MAIL FROM");
  for (const auto& to : m.to) talk.command("RCPT TO:<" + to + ">", 250, 251, "RCPT TO");
  talk.command("DATA", 354, 354, "DATA");
  asio::write(talk.stream, asio::buffer(mail_text(m, server.host) + ".\r\n"));
  talk.expect(250, 250, "end of DATA");
  talk.send("QUIT");
}

}  // namespace

void send_mail(const SmtpServer& server, const MailMessage& m, std::chrono::milliseconds timeout) {
  if (m.to.empty()) throw PushError("SMTP: no recipient");
  for (const std::string* s : {&m.from}) {
    if (s->find_first_of("\r\n<>") != std::string::npos) throw PushError("SMTP: bad address");
  }
  for (const auto& to : m.to)
    if (to.find_first_of("\r\n<>") != std::string::npos || to.empty()) throw PushError("SMTP: bad address");
  try {
    asio::io_context io;
    tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.expires_after(timeout);
    stream.connect(resolver.resolve(server.host, server.port));
    set_timeouts(stream.socket(), timeout);
    asio::streambuf buffer;
    tcp::socket& socket = stream.socket();
    SmtpTalk<tcp::socket> talk{socket, buffer};
    talk.expect(220, 220, "greeting");
    auto ehlo = talk.command("EHLO civic", 250, 250, "EHLO");
    bool offers_tls = false;
    for (const auto& l : ehlo) offers_tls = offers_tls || l == "STARTTLS";
    if (server.tls == "always" && !offers_tls) throw PushError("SMTP: the server offers no STARTTLS");
    if (offers_tls && server.tls != "never") {
      talk.command("STARTTLS", 220, 220, "STARTTLS");
      asio::ssl::context ctx(asio::ssl::context::tls_client);
      ctx.set_default_verify_paths();
      ctx.set_verify_mode(asio::ssl::verify_peer);
      asio::ssl::stream<tcp::socket&> tls(socket, ctx);
      SSL_set_tlsext_host_name(tls.native_handle(), server.host.c_str());
      tls.set_verify_callback(asio::ssl::host_name_verification(server.host));
      tls.handshake(asio::ssl::stream_base::client);
      asio::streambuf tls_buffer;
      SmtpTalk<asio::ssl::stream<tcp::socket&>> secure{tls, tls_buffer};
      auto ehlo2 = secure.command("EHLO civic", 250, 250, "EHLO");
      transaction(secure, server, m, ehlo2);
    } else {
      transaction(talk, server, m, ehlo);
    }
  } catch (const PushError&) {
    throw;
  } catch (const std::exception& e) {
    throw PushError("SMTP to " + server.host + ":" + server.port + ": " + e.what());
  }
}

}  // namespace civic::platform
