// Maps exceptions to api.md errors. civic::Error keeps its code, message and field; anything else becomes
// 500 internal with a generic message, its details logged under the request id only, so that no stack
// trace, SQL or exception text ever reaches a client. The router shapes the answer (error_format.h).
#pragma once

#include <exception>

#include "domain/core/error.h"
#include "http/error_format.h"
#include "http/request.h"

namespace civic::http {

// 400, 401, 403, 404, 409, 413 or 429 for `code`.
int status_for(ErrorCode code);

// The error for `error` (the exception in flight) raised while handling `request`.
ErrorDetails error_details(std::exception_ptr error, const Request& request);

}  // namespace civic::http
