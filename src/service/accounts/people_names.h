// PeopleNames: the names people are shown by — display names, not usernames — for the usernames records
// keep (who reported, decided, acted). One lookup per username per instance, over the caller's session.
// An unknown username or an account without a display name reads as the username; "system" and "" (automatic
// actions) as "系统" — the console shows its own word for them by the username.
#pragma once

#include <map>
#include <string>

#include "store/core/session.h"

namespace civic::service {

class PeopleNames {
 public:
  explicit PeopleNames(store::Session& sql) : sql_(sql) {}
  const std::string& of(const std::string& username);

 private:
  store::Session& sql_;
  std::map<std::string, std::string> known_;
};

}  // namespace civic::service
