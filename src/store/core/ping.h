// Whether the database answers now (GET /api/ready): one trivial statement on a leased connection. Never
// throws; on failure `error` names the cause (never a password).
#pragma once

#include <string>

#include "store/core/database.h"

namespace civic::store {

bool ping(Database& db, std::string* error);

}  // namespace civic::store
