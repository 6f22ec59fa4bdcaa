// Readiness (GET /api/ready): the database answers one trivial statement, and the files directory exists
// (or can be made) and is writable. Each check names itself; a failed one carries a short cause, never a
// password or a path outside the data directory.
#pragma once

#include <string>
#include <vector>

#include "platform/file_store.h"
#include "store/core/database.h"

namespace civic::service {

struct ReadinessCheck {
  std::string name;  // "database", "files"
  bool ok = false;
  std::string error;
};

std::vector<ReadinessCheck> check_readiness(store::Database& db, const platform::FileStore& files);

}  // namespace civic::service
