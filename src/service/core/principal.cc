#include "service/core/principal.h"

#include <algorithm>

namespace civic::service {

Principal Principal::cli() {
  Principal p;
  p.username = "cli";
  p.is_cli = true;
  return p;
}

bool Principal::has_role(Role r) const {
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}

std::string Principal::role_text() const {
  return is_cli ? std::string("cli") : join_roles(roles);
}

}  // namespace civic::service
