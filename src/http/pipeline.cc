#include "http/pipeline.h"

#include "http/error_response.h"
#include "http/security_headers.h"

namespace civic::http {

Response respond(const Router& router, Request& request) {
  Response response;
  try {
    response = router.dispatch(request);
  } catch (...) {
    response = router.error(request, error_details(std::current_exception(), request));
  }
  add_security_headers(request, response);
  if (!request.request_id.empty()) response.set_header("X-Request-Id", request.request_id);
  return response;
}

}  // namespace civic::http
