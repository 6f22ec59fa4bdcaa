// Maps exceptions to api.md error responses. civic::Error keeps its code, message and field;
// anything else becomes 500 internal with a generic message, its details logged under the request id
// only, so that no stack trace, SQL or exception text ever reaches a client.
#pragma once

#include <exception>

#include "domain/core/error.h"
#include "http/request.h"
#include "http/response.h"

namespace civic::http {

// 400, 401, 403, 404, 409, 413 or 429 for `code`.
int status_for(ErrorCode code);

// The response for `error` (the exception in flight) raised while handling `request`.
Response error_response(std::exception_ptr error, const Request& request);

}  // namespace civic::http
