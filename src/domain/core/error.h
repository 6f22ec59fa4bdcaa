// Typed errors for expected failures that reach a user (design.md §6, api.md).
// Services throw them; only the HTTP boundary and the CLI catch them, mapping `code()` to a status
// and `{"error": {"code", "key", "args", "message", "field"}}`. `message` is English and safe to show:
// never SQL, never a stack. `key` names the text the console shows instead, in zh-CN or en
// (web/src/shared/locales/errors.*.json, which must hold every key passed to message_key; a test checks),
// with `args` filled into its {placeholders}. An error without its own key is sent with the generic
// key of its code ("error.invalid_input" …). The message never holds a control character (see
// printable_message), so that a value quoted in it is shown and logged whole.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace civic {

enum class ErrorCode {
  invalid_input,
  unauthenticated,
  forbidden,
  not_found,
  conflict,
  too_large,
  rate_limited
};

// The api.md spelling of a code, e.g. "invalid_input".
const char* error_code_name(ErrorCode code);

// A message key and its arguments, e.g. message_key("site.type.unknown", {{"type", "X"}}).
struct MessageKey {
  std::string key;
  std::vector<std::pair<std::string, std::string>> args;
};
inline MessageKey message_key(std::string key, std::vector<std::pair<std::string, std::string>> args = {}) {
  return MessageKey{std::move(key), std::move(args)};
}

// `message` with every control character (U+0000–U+001F, U+007F) written as \xNN, e.g. a NUL from "%00"
// in a query value quoted in the message: what() is a C string that would end at the NUL, and a line
// break would forge a log line.
std::string printable_message(std::string message);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, std::string field = {}, MessageKey key = {})
      : std::runtime_error(printable_message(std::move(message))),
        code_(code),
        field_(std::move(field)),
        key_(std::move(key)) {}
  ErrorCode code() const { return code_; }
  // The input field (or JSON path) that is wrong; empty when the error is not about one field.
  const std::string& field() const { return field_; }
  // The message key; its `key` is empty when the error has none of its own.
  const MessageKey& key() const { return key_; }

 private:
  ErrorCode code_;
  std::string field_;
  MessageKey key_;
};

// 400: `field` names what is wrong, e.g. "inspections[3].site".
struct InvalidInput : Error {
  InvalidInput(std::string field, std::string message, MessageKey key = {})
      : Error(ErrorCode::invalid_input, std::move(message), std::move(field), std::move(key)) {}
};
// 404: also for objects outside the caller's scope, so that scope does not leak existence.
struct NotFound : Error {
  explicit NotFound(std::string message, MessageKey key = {})
      : Error(ErrorCode::not_found, std::move(message), {}, std::move(key)) {}
};
// 403: the role may never do this.
struct Forbidden : Error {
  explicit Forbidden(std::string message, MessageKey key = {})
      : Error(ErrorCode::forbidden, std::move(message), {}, std::move(key)) {}
};
// 409: a state transition that is not allowed, a duplicate, or a stale version.
struct Conflict : Error {
  explicit Conflict(std::string message, std::string field = {}, MessageKey key = {})
      : Error(ErrorCode::conflict, std::move(message), std::move(field), std::move(key)) {}
};
struct Unauthenticated : Error {
  explicit Unauthenticated(std::string message, MessageKey key = {})
      : Error(ErrorCode::unauthenticated, std::move(message), {}, std::move(key)) {}
};
struct TooLarge : Error {
  explicit TooLarge(std::string message, MessageKey key = {})
      : Error(ErrorCode::too_large, std::move(message), {}, std::move(key)) {}
};
struct RateLimited : Error {
  explicit RateLimited(std::string message, MessageKey key = {})
      : Error(ErrorCode::rate_limited, std::move(message), {}, std::move(key)) {}
};

}  // namespace civic
