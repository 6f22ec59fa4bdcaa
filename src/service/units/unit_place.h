// unit_place: where a unit is, as people say it in a notice — the names from below the city down to the
// unit, joined by " · " ("互贸区 · 海关街道 · 海关社区"); the city's own name for the root; "" for an
// unknown id. Notifications carry it as their "where" parameter, so a notice says what and where.
#pragma once

#include <string>

#include "store/core/session.h"

namespace civic::service {

std::string unit_place(store::Session& sql, long long unit_id);

}  // namespace civic::service
