#include "service/accounts/people_names.h"

#include "store/accounts/user_repository.h"

namespace civic::service {

const std::string& PeopleNames::of(const std::string& username) {
  auto found = known_.find(username);
  if (found != known_.end()) return found->second;
  std::string name = username;
  if (username.empty() || username == "system") {
    name = "系统";
  } else if (auto user = store::UserRepository(sql_).find_by_username(username);
             user && !user->user.display_name.empty()) {
    name = user->user.display_name;
  }
  return known_.emplace(username, std::move(name)).first->second;
}

}  // namespace civic::service
