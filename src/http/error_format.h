// How an error answer is shaped. By default every error is api.md's {"error": {…}} (Response::error); a
// part of the URL space that speaks another protocol (Open311 under /open311) registers its own formatter
// with Router::set_error_format, and then every error under it takes that shape: the router's 404 and 405,
// exceptions from handlers (pipeline.h) and the server's own refusals before any route runs (413, 431, a
// malformed request).
#pragma once

#include <functional>
#include <string>

#include "domain/core/error.h"
#include "http/request.h"
#include "http/response.h"

namespace civic::http {

struct ErrorDetails {
  int status = 500;
  std::string code;  // api.md's, e.g. "too_large"
  std::string message;
  std::string field;
  MessageKey key;
};

// The answer for `error` raised while handling `request` (whose path and segments may be empty when the
// request could not be parsed that far).
using ErrorFormatter = std::function<Response(const Request& request, const ErrorDetails& error)>;

// api.md's shape: Response::error.
Response default_error_format(const Request& request, const ErrorDetails& error);

}  // namespace civic::http
