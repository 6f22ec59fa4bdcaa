// Push clients: the two ways Civic sends a message out (docs/bulletins.md "Push channels").
//   post_json: an HTTP/1.1 POST of a JSON body to an http:// or https:// URL (group-robot webhooks of WeCom
//     and DingTalk); https verifies the server's certificate against the system store, with SNI.
//   send_mail: one message over SMTP (EHLO, STARTTLS when the server offers it and tls is not "never",
//     AUTH PLAIN when a password is given, MAIL FROM, RCPT TO, DATA) with RFC 5322 headers, a UTF-8 body
//     (quoted lines dot-stuffed) and the subject encoded as an RFC 2047 encoded word.
// Both block for at most `timeout` and throw PushError with a one-line reason on any failure (resolution,
// connection, TLS, a non-2xx HTTP status, an SMTP reply outside 2xx/3xx).
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace civic::platform {

struct PushError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Url {
  std::string scheme, host, port, target;  // target: path and query, "/" when empty
};
// scheme://host[:port][/path][?query]; PushError when malformed. Default ports: http 80, https 443, smtp 25.
Url parse_url(const std::string& text);

struct HttpReply {
  int status = 0;
  std::string body;
};
HttpReply post_json(const std::string& url, const std::string& body,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10));

struct MailMessage {
  std::string from;
  std::vector<std::string> to;
  std::string subject, body;  // UTF-8
  long long date_ms = 0;      // the Date header
};
struct SmtpServer {
  std::string host, port = "25";
  std::string tls = "auto";  // auto (STARTTLS when offered) | always (refuse without it) | never
  std::string user, password;
};
void send_mail(const SmtpServer& server, const MailMessage& message,
               std::chrono::milliseconds timeout = std::chrono::seconds(15));

// The addresses `host` resolves to that are loopback, private (RFC 1918, fc00::/7), link-local, CGNAT or
// unspecified — what the SSRF guard refuses (docs/security.md). Throws PushError when it does not resolve.
std::vector<std::string> private_addresses(const std::string& host, const std::string& port);

// "=?UTF-8?B?…?=" words for a header value with non-ASCII text (the value as is when ASCII).
std::string rfc2047(const std::string& text);

}  // namespace civic::platform
