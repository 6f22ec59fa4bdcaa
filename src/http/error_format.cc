#include "http/error_format.h"

namespace civic::http {

Response default_error_format(const Request&, const ErrorDetails& error) {
  return Response::error(error.status, error.code, error.message, error.field, error.key);
}

}  // namespace civic::http
