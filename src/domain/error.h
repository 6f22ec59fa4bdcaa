// Typed errors for expected failures that reach a user (design.md §6, api.md).
// Services throw them; only the HTTP boundary and the CLI catch them, mapping `code()` to a status
// and `{"error": {"code", "message", "field"}}`. `message` is safe to show: never SQL, never a stack.
#pragma once

#include <stdexcept>
#include <string>

namespace civic {

enum class ErrorCode { invalid_input, unauthenticated, forbidden, not_found, conflict, too_large, rate_limited };

// The api.md spelling of a code, e.g. "invalid_input".
const char* error_code_name(ErrorCode code);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, std::string field = {})
      : std::runtime_error(std::move(message)), code_(code), field_(std::move(field)) {}
  ErrorCode code() const { return code_; }
  // The input field (or JSON path) that is wrong; empty when the error is not about one field.
  const std::string& field() const { return field_; }

 private:
  ErrorCode code_;
  std::string field_;
};

// 400: `field` names what is wrong, e.g. "inspections[3].site".
struct InvalidInput : Error {
  InvalidInput(std::string field, std::string message) : Error(ErrorCode::invalid_input, std::move(message), std::move(field)) {}
};
// 404: also for objects outside the caller's scope, so that scope does not leak existence.
struct NotFound : Error {
  explicit NotFound(std::string message) : Error(ErrorCode::not_found, std::move(message)) {}
};
// 403: the role may never do this.
struct Forbidden : Error {
  explicit Forbidden(std::string message) : Error(ErrorCode::forbidden, std::move(message)) {}
};
// 409: a state transition that is not allowed, a duplicate, or a stale version.
struct Conflict : Error {
  explicit Conflict(std::string message, std::string field = {})
      : Error(ErrorCode::conflict, std::move(message), std::move(field)) {}
};
struct Unauthenticated : Error {
  explicit Unauthenticated(std::string message) : Error(ErrorCode::unauthenticated, std::move(message)) {}
};
struct TooLarge : Error {
  explicit TooLarge(std::string message) : Error(ErrorCode::too_large, std::move(message)) {}
};
struct RateLimited : Error {
  explicit RateLimited(std::string message) : Error(ErrorCode::rate_limited, std::move(message)) {}
};

}  // namespace civic
