#include "http/error_response.h"

#include <spdlog/spdlog.h>

namespace civic::http {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return 400;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::too_large:
      return 413;
    case ErrorCode::rate_limited:
      return 429;
  }
  return 500;
}

ErrorDetails error_details(std::exception_ptr error, const Request& request) {
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    return {status_for(e.code()), error_code_name(e.code()), e.what(), e.field(), e.key()};
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} failed: {}", request.request_id, request.method, request.path, e.what());
  } catch (...) {
    spdlog::error("request {} {} {} failed with a non-standard exception", request.request_id, request.method,
                  request.path);
  }
  return {500, "internal", "internal error", "", {}};
}

}  // namespace civic::http
