#include "platform/system_log.h"

#include <syslog.h>

#include <utility>

namespace civic::platform {

SystemLog::SystemLog(std::string ident) : ident_(std::move(ident)) {
  ::openlog(ident_.c_str(), LOG_PID | LOG_NDELAY, LOG_AUTHPRIV);
}

SystemLog::~SystemLog() {
  ::closelog();
}

void SystemLog::notice(std::string_view message) const {
  std::string text(message);
  ::syslog(LOG_NOTICE, "%s", text.c_str());
}

}  // namespace civic::platform
