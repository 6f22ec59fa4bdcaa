#include "http/security_headers.h"

namespace civic::http {

void add_security_headers(const Request& /*request*/, Response& response) {
  response.set_header("Content-Security-Policy", kContentSecurityPolicy);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "no-referrer");
  // Answers are not cached unless their handler says otherwise (static assets, photos by content hash).
  if (!response.header("Cache-Control")) response.set_header("Cache-Control", "no-store");
}

}  // namespace civic::http
