// SystemLog: messages to the system log (syslog(3), facility LOG_AUTHPRIV), which an operator can forward to
// a log host the Civic server's own account cannot rewrite (`civic serve --audit-syslog` sends every audit
// head there). One per process: openlog(3) is process-wide.
#pragma once

#include <string>
#include <string_view>

namespace civic::platform {

class SystemLog {
 public:
  // openlog(ident, LOG_PID | LOG_NDELAY, LOG_AUTHPRIV).
  explicit SystemLog(std::string ident = "civic");
  ~SystemLog();
  SystemLog(const SystemLog&) = delete;
  SystemLog& operator=(const SystemLog&) = delete;

  // One LOG_NOTICE line (thread-safe, like syslog(3)).
  void notice(std::string_view message) const;

 private:
  std::string ident_;  // openlog keeps the pointer: it must live as long as the log is open
};

}  // namespace civic::platform
